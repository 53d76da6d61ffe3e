package spec

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxErrors is the most errors Load reports for one file. Beyond it, a final
// *Error says how many more were found.
const MaxErrors = 20

// Error is one problem in a scenario file: where it is and what was expected.
//
// It prints as "file:line:col: field: msg". Line and Column are 1-based; a
// zero Line (an error about the whole file, or about a --set flag that names
// nothing in it) or a zero Column (the YAML parser reports only lines) is
// left out, as is an empty Field.
type Error struct {
	// File is the file name given to Load.
	File string
	// Line is the 1-based line of the offending node, or 0 if unknown.
	Line int
	// Column is the 1-based column of the offending node, or 0 if unknown.
	Column int
	// Field is the dotted path of the offending field, in the syntax --set
	// accepts (list items by name, or by index if they have none), e.g.
	// "components.server.workers". Empty for errors about the whole file.
	Field string
	// Msg says what is wrong and what was expected.
	Msg string
}

// Error formats e as "file:line:col: field: msg".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors returns the *Error values in err, which is what Load or
// Spec.Errorf returned: a single *Error, or several joined with errors.Join.
// Errors of other types are skipped; nil gives nil.
func Errors(err error) []*Error {
	switch e := err.(type) {
	case nil:
		return nil
	case *Error:
		return []*Error{e}
	case interface{ Unwrap() []error }:
		var out []*Error
		for _, sub := range e.Unwrap() {
			out = append(out, Errors(sub)...)
		}
		return out
	}
	var e *Error
	if errors.As(err, &e) {
		return []*Error{e}
	}
	return nil
}

// errorList collects the independent errors of one Load. It keeps only
// the first MaxErrors by position, so a file with a million mistakes does
// not need a million messages in memory.
type errorList struct {
	file    string
	errs    []*Error
	dropped int // errors found but not kept
}

// add records an error at line:col (0 if unknown) about field.
func (l *errorList) add(line, col int, field, format string, args ...any) {
	l.errs = append(l.errs, &Error{
		File:   l.file,
		Line:   line,
		Column: col,
		Field:  field,
		Msg:    fmt.Sprintf(format, args...),
	})
	if len(l.errs) >= 4*MaxErrors {
		l.compact()
	}
}

// compact sorts the errors by position and keeps the first MaxErrors.
func (l *errorList) compact() {
	sort.SliceStable(l.errs, func(i, j int) bool {
		if l.errs[i].Line != l.errs[j].Line {
			return l.errs[i].Line < l.errs[j].Line
		}
		return l.errs[i].Column < l.errs[j].Column
	})
	if len(l.errs) > MaxErrors {
		l.dropped += len(l.errs) - MaxErrors
		l.errs = append([]*Error(nil), l.errs[:MaxErrors]...)
	}
}

// err returns nil, the single error, or the errors sorted by position and
// capped at MaxErrors, joined with errors.Join.
func (l *errorList) err() error {
	l.compact()
	switch {
	case len(l.errs) == 0:
		return nil
	case len(l.errs) == 1 && l.dropped == 0:
		return l.errs[0]
	}
	errs := append([]*Error(nil), l.errs...)
	if l.dropped > 0 {
		errs = append(errs, &Error{
			File: l.file,
			Msg:  fmt.Sprintf("too many errors; %d more not shown", l.dropped),
		})
	}
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return errors.Join(out...)
}

// maxQuoted is the longest user text quoted whole in a message.
const maxQuoted = 64

// truncate shortens user text for messages.
func truncate(s string) string {
	if len(s) <= maxQuoted {
		return s
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

// quote quotes user text for messages, shortened if long.
func quote(s string) string {
	return strconv.Quote(truncate(s))
}
