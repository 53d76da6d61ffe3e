package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
)

// quickArgs returns the --set arguments of a built-in's quick size.
func quickArgs(t *testing.T, name string) []string {
	t.Helper()
	b, ok := scenarios.LookupBuiltin(name)
	require.True(t, ok)
	s, err := scenarios.Validate(b.File, b.Data, nil)
	require.NoError(t, err)
	var args []string
	for _, q := range s.Quick {
		args = append(args, "--set", q)
	}
	return args
}

// replayApp runs cascade replay in-process with stdin and a sleep that
// records instead of waiting.
func replayApp(t *testing.T, stdin string, args ...string) (int, string, string, []time.Duration) {
	t.Helper()
	var out, errb bytes.Buffer
	var slept []time.Duration
	a := &app{stdout: &out, stderr: &errb, stdin: strings.NewReader(stdin), sleep: func(d time.Duration) { slept = append(slept, d) }}
	code := a.main(append([]string{"replay"}, args...))
	return code, out.String(), errb.String(), slept
}

// TestReplayTellsTheStory: the 17 Dec replay, in clock time, in causal
// order: the silent fault, the alarm that never came, the users down, the
// automatic detour of some units, the alarm flood as one moment, the
// NOC's notice after its wait, the manual detour, the users back, the
// documented moments with their evidence, the checks; plain text.
func TestReplayTellsTheStory(t *testing.T) {
	code, out, errs, slept := replayApp(t, "", append([]string{"docomo-2022-12-17"}, quickArgs(t, "docomo-2022-12-17")...)...)
	require.Equal(t, exitOK, code, errs)
	require.Empty(t, slept, "printed at once by default")
	order := []string{
		"07:50:00  fault            e-internal: switch-fault",
		"07:50:00  missing-alarm    port-link-down: no alarm: port-link-down watches the carrier of e-server-port, which stays up",
		"07:50:00  documented       switch-fails-silently (simulated 07:50:00, +0 s; input)",
		"population-down  plane-e-stuck: availability below 0.99",
		"detour           units-detoured: detour 100% of e to f, g: automatic",
		"more alarms until",
		"notice           noc: notice: noticed after",
		"wait             noc:",
		"detour           units-stuck: manual-detour: operator noc",
		"documented       service-restored (simulated",
		"check            outage-duration (calibrated)",
		"outage ",
	}
	rest := out
	for _, want := range order {
		i := strings.Index(rest, want)
		require.GreaterOrEqual(t, i, 0, "%q missing or out of order in:\n%s", want, out)
		rest = rest[i+len(want):]
	}
	require.NotContains(t, out, "\x1b", "plain text")
	require.Equal(t, 1, strings.Count(out, "alarm            unit-alarms/"), "the flood is one moment")
}

// TestReplayPlaysInCompressedTime: --speed X waits, before each moment,
// the simulated time since the one before divided by X: over the whole
// story, the span from the start of the run to the last moment divided by
// X.
func TestReplayPlaysInCompressedTime(t *testing.T) {
	args := append([]string{"mm1", "--speed", "600"}, quickArgs(t, "mm1")...)
	code, out, errs, slept := replayApp(t, "", args...)
	require.Equal(t, exitOK, code, errs)
	require.NotEmpty(t, out)
	for _, d := range slept {
		require.Positive(t, d)
	}

	args = append([]string{"docomo-2022-12-17", "--speed", "600"}, quickArgs(t, "docomo-2022-12-17")...)
	code, _, errs, slept = replayApp(t, "", args...)
	require.Equal(t, exitOK, code, errs)
	var total time.Duration
	for _, d := range slept {
		total += d
	}
	// From the start (07:00) to the checks at the horizon (14:00), 7 h:
	// 42 s at 600x.
	require.InDelta(t, (7*time.Hour).Seconds()/600, total.Seconds(), 0.01)
}

// TestReplayStepWaitsForEnter: --step reads a line before each moment;
// at the end of the input the rest is printed without prompts.
func TestReplayStepWaitsForEnter(t *testing.T) {
	args := append([]string{"docomo-2022-12-17", "--step"}, quickArgs(t, "docomo-2022-12-17")...)
	code, out, errs, slept := replayApp(t, "\n\n\n", args...)
	require.Equal(t, exitOK, code, errs)
	require.Empty(t, slept)
	require.Equal(t, 4, strings.Count(out, "[Enter] "), "one prompt a moment, for three lines and the end of the input")
	require.Equal(t, 1, strings.Count(out, "[Enter] 07:50:00  fault"), "the first moment waits for the first line")
	require.Contains(t, out, "check            outage-duration", "the rest is printed")
}

// TestReplayRefusesBadFlags: --speed must be a positive number, and
// --step and --speed exclude each other.
func TestReplayRefusesBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"mm1", "--speed", "0"}, "--speed 0: expected a number of simulated seconds per second > 0"},
		{[]string{"mm1", "--speed", "-3"}, "--speed -3: expected"},
		{[]string{"mm1", "--speed", "60", "--step"}, "--step and --speed exclude each other"},
		{[]string{"nosuch"}, "nosuch"},
	} {
		code, _, errs, _ := replayApp(t, "", c.args...)
		require.NotEqual(t, exitOK, code, c.args)
		require.Contains(t, errs, c.want, c.args)
	}
}
