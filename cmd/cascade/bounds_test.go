package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHostileInputsAreBounded: each class of input that once validated and
// then hung or grew memory without end is refused up front, or stopped by a
// deterministic limit, with a message that names the figure and the flag.
func TestHostileInputsAreBounded(t *testing.T) {
	storm, ok := builtinData("retry-storm")
	require.True(t, ok)
	dir := t.TempDir()
	write := func(name, doc string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(doc), 0o644))
		return path
	}
	noDeadline := write("no-deadline.yaml", strings.Replace(string(storm), "deadline: 5s", "deadline: none", 1))
	longSeries := write("long.yaml", strings.Replace(string(storm), "horizon: 2h", "horizon: 1000d", 1))
	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"--set load=1e9 on retry-storm", []string{"run", "retry-storm", "--set", "load=1e9"}, "expected at most 1e+08 per population"},
		{"request_interval=1e-300 on Docomo", []string{"run", "docomo-2022-12-17", "--set", "request_interval=1e-300"}, "request_interval"},
		{"a 1,000-day horizon in 30 s steps", []string{"validate", longSeries, "--set", "step=30s"}, "--max-series-values raises it"},
		{"millions of requests past --max-events", []string{"run", "retry-storm", "--max-events", "100000"}, "past the limit of 100000 events (--max-events raises it)"},
		{"retries without a deadline into an unbounded queue", []string{"run", noDeadline, "--set", "retries=100", "--format", "none", "--max-in-flight", "200000"}, "more than 200000 requests were under way at once"},
		{"a BFD keepalive every nanosecond", []string{"run", "docomo-2022-12-17", "--set", "detection=bfd", "--set", "detectors.bfd.interval=1ns"}, "the detectors would send about 5.04e+13 keepalives"},
		{"a health check every nanosecond", []string{"validate", "docomo-2022-12-17", "--set", "detection=health-check", "--set", "detectors.health-check.interval=1ns"}, "lengthen the detectors' intervals"},
		{"timers past --max-pending", []string{"run", "retry-storm", "--max-pending", "50", "--format", "none"}, "more than 50 events were waiting at once"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCLI(t, tc.args...)
			require.Equal(t, exitFail, code, errs)
			if tc.err != "" {
				require.Contains(t, errs, tc.err)
			}
			require.NotContains(t, errs, "panic")
		})
	}
}

// TestLimitFlagsRefuseZeroAndBelow: a limit of 0 would silently mean the
// default and a negative one would stop every run: both are usage errors,
// on every command that takes them.
func TestLimitFlagsRefuseZeroAndBelow(t *testing.T) {
	for _, cmd := range [][]string{{"run", "mm1"}, {"validate", "mm1"}, {"sweep", "mm1", "--vary", "mu=1,2", "--out", filepath.Join(t.TempDir(), "s")},
		{"compare", "mm1", "--vs", "mu=2"}} {
		for _, flag := range []string{"--max-events=0", "--max-pending=-1", "--max-series-values=0", "--max-in-flight=-5"} {
			code, _, errs := runCLI(t, append(append([]string(nil), cmd...), flag)...)
			require.Equal(t, exitUsage, code, "%v %s: %s", cmd, flag, errs)
			require.Contains(t, errs, "expected at least 1", "%v %s", cmd, flag)
		}
	}
}
