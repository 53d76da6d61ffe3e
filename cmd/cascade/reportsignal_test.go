//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// signalWriter raises SIGINT at its first write, then writes on.
type signalWriter struct {
	w    io.Writer
	sent bool
}

func (s *signalWriter) Write(p []byte) (int, error) {
	if !s.sent {
		s.sent = true
		if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
			return 0, err
		}
	}
	return s.w.Write(p)
}

// TestReportSignalDuringTheWrite: Ctrl-C while the report is being
// written waits for the write: the report is whole, no temporary file is
// left, and the exit code is 128 + SIGINT.
func TestReportSignalDuringTheWrite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.html")
	var stdout, stderr bytes.Buffer
	a := &app{stdout: &stdout, stderr: &stderr,
		wrapFile: func(_ string, w io.Writer) io.Writer { return &signalWriter{w: w} }}
	code := a.main([]string{"report", "mm1", "--set", "customers=2000", "--out", out})
	require.Equal(t, 128+int(syscall.SIGINT), code, stderr.String())
	require.Contains(t, stderr.String(), "interrupt: stopped; the report was written whole")
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	require.Contains(t, string(b), "</html>")
	require.Equal(t, []string{"r.html"}, names(t, dir), "no temporary file")
}
