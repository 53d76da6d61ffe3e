package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPrintableEscapesControls(t *testing.T) {
	var b bytes.Buffer
	w := printable(&b)
	_, err := w.Write([]byte("ok\tline\n\x1b[31mred\r\u202eevil \xe6"))
	require.NoError(t, err)
	_, err = w.Write([]byte("\x97\xa5 \u0085x"))
	require.NoError(t, err)
	require.Equal(t, "ok\tline\n\\x1b[31mred\\x0d\\u202eevil 日 \\u0085x", b.String())
}

// TestDescribeEscapesControlCharacters: a description with an escape
// sequence and a bidi override is printed escaped by describe and run.
func TestDescribeEscapesControlCharacters(t *testing.T) {
	b, ok := builtinData("mm1")
	require.True(t, ok)
	// YAML allows control characters only as escapes in double quotes.
	lines := strings.Split(string(b), "\n")
	var kept []string
	inDescription := false
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "description:"):
			kept = append(kept, `description: "\e[2J\u202eTextbook M/M/1 queue"`)
			inDescription = true
		case inDescription && strings.HasPrefix(l, "  "):
		default:
			inDescription = false
			kept = append(kept, l)
		}
	}
	doc := strings.Join(kept, "\n")
	file := filepath.Join(t.TempDir(), "evil.yaml")
	require.NoError(t, os.WriteFile(file, []byte(doc), 0o644))
	code, out, errs := runCLI(t, "describe", file)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, `\x1b[2J\u202eTextbook`)
	require.NotContains(t, out, "\x1b")
	code, out, errs = runCLI(t, "run", file, "--set", "customers=1000")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, `\x1b[2J\u202eTextbook`)
}
