package main

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// printable wraps w so that text from scenario files (descriptions,
// names) cannot drive the terminal: control characters other than newline
// and tab, C1 controls and bidirectional overrides are written as \x1b or
// \u202e. Whole lines of output pass through unchanged otherwise.
func printable(w io.Writer) io.Writer { return &escaper{w: w} }

type escaper struct {
	w    io.Writer
	tail []byte // an incomplete UTF-8 sequence from the last write
}

func escapeRune(r rune) string {
	switch {
	case r == '\n' || r == '\t':
		return ""
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case r >= 0x80 && r <= 0x9f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return ""
}

func (e *escaper) Write(p []byte) (int, error) {
	buf := append(e.tail, p...)
	e.tail = nil
	out := make([]byte, 0, len(buf))
	for i := 0; i < len(buf); {
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size <= 1 && !utf8.FullRune(buf[i:]) {
			e.tail = append([]byte(nil), buf[i:]...)
			break
		}
		if esc := escapeRune(r); esc != "" {
			out = append(out, esc...)
		} else {
			out = append(out, buf[i:i+size]...)
		}
		i += size
	}
	if _, err := e.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
