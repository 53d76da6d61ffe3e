package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// builtinSpec loads a built-in scenario.
func builtinSpec(t *testing.T, name string) *spec.Spec {
	t.Helper()
	b, ok := scenarios.LookupBuiltin(name)
	require.True(t, ok)
	s, err := scenarios.Validate(b.File, b.Data, nil)
	require.NoError(t, err)
	return s
}

// TestBranchTimes: a branch's time is a clock time in the scenario's zone
// (the first at or after the start: Kakao starts at 15:00 on 15 Oct, so
// 09:00 is the next morning), a date and time, or a duration from the
// start; outside the run it is refused.
func TestBranchTimes(t *testing.T) {
	docomo, kakao, storm := builtinSpec(t, "docomo-2022-12-17"), builtinSpec(t, "kakao-2022-10-15"), builtinSpec(t, "retry-storm")
	start := kakao.Clock.Start
	for _, c := range []struct {
		s    *spec.Spec
		text string
		want time.Duration
	}{
		{docomo, "08:10", 70 * time.Minute},
		{docomo, "08:10:30", 70*time.Minute + 30*time.Second},
		{docomo, "+1h10m", 70 * time.Minute},
		{docomo, "2022-12-17T08:10", 70 * time.Minute},
		{docomo, "2022-12-16T23:10Z", 70 * time.Minute},
		{kakao, "09:00", time.Date(start.Year(), start.Month(), start.Day()+1, 9, 0, 0, 0, start.Location()).Sub(start)},
		{storm, "33m", 33 * time.Minute},
		{storm, "+33m", 33 * time.Minute},
	} {
		got, err := branchTime(c.s, c.text)
		require.NoError(t, err, c.text)
		require.Equal(t, c.want, got, c.text)
	}
	for _, c := range []struct {
		s          *spec.Spec
		text, want string
	}{
		{docomo, "25:00", "expected a clock time like 09:30 or 09:30:15 (JST, UTC+09:00)"},
		{docomo, "2022-12-18T09:00", "expected a time within the run"},
		{docomo, "2022-12-17T06:00", "before the start"},
		{docomo, "+1x", "expected a duration from the start like +1h40m"},
		{storm, "09:30", "the scenario has no clock"},
		{storm, "3h", "expected a time within the run (from the start to 2 h from the start)"},
	} {
		_, err := branchTime(c.s, c.text)
		require.Error(t, err, c.text)
		require.Contains(t, err.Error(), c.want, c.text)
	}
}

// TestBranchShortForms: what a class types becomes an item of actions:,
// which the scenario's loader then checks like its own.
func TestBranchShortForms(t *testing.T) {
	docomo := builtinSpec(t, "docomo-2022-12-17")
	at := 70 * time.Minute
	for _, c := range []struct{ text, want string }{
		{"failover auth-e", "{name: class-1, at: 1h10m0s, component: auth-e, action: failover}"},
		{"detour units-stuck to f", "{name: class-1, at: 1h10m0s, component: units-stuck, action: detour, to: [f], share: 1, from: e}"},
		{"detour units-stuck to f, g share 0.5", "{name: class-1, at: 1h10m0s, component: units-stuck, action: detour, to: [f, g], share: 0.5, from: e}"},
		{"detour units-stuck from=e to=g", "{name: class-1, at: 1h10m0s, component: units-stuck, action: detour, from: e, to: [g], share: 1}"},
		{"slow auth x3", "{name: class-1, at: 1h10m0s, component: auth, action: slow, factor: 3}"},
		{"scale auth 2.5", "{name: class-1, at: 1h10m0s, component: auth, action: scale, factor: 2.5}"},
		{"retries token-fetch 0", "{name: class-1, at: 1h10m0s, component: token-fetch, action: retries, retries: 0}"},
		{"reroute mailbox-tokens from unit-b to unit-b-healthy", "{name: class-1, at: 1h10m0s, component: mailbox-tokens, action: reroute, from: unit-b, to: unit-b-healthy}"},
		{"rollback l3-e to before-change", "{name: class-1, at: 1h10m0s, component: l3-e, action: rollback, config: before-change}"},
		{"forwarding e-internal drop 0", "{name: class-1, at: 1h10m0s, component: e-internal, action: forwarding, drop: 0}"},
		{"{component: auth-e, action: failover}", "{name: class-1, at: 1h10m0s, component: auth-e, action: failover}"},
		{"switch-over pangyo/to-second-dc", "{name: class-1, at: 1h10m0s, component: pangyo/to-second-dc, action: switchover}"},
	} {
		got, err := actionMapping(docomo, "class-1", at, c.text)
		require.NoError(t, err, c.text)
		require.Equal(t, c.want, got, c.text)
	}
	for _, c := range []struct{ text, want string }{
		{"failover", "expected an action and its target"},
		{"reboot auth-e", `"reboot" is not an action; expected one of: down, up, restart`},
		{"configure l3-e", "configure needs a route table"},
		{"detour units-stuck to f share", "share needs a value"},
		{"detour units-stuck to f to g", "to given twice"},
		{"detour auth-e to f", "auth-e is not a planes component"},
		{"failover auth-e now", `unexpected "now"`},
		{"{at: 1h, component: auth-e, action: failover}", "the time comes before the action"},
		{"{component: [", "expected a YAML mapping"},
	} {
		_, err := actionMapping(docomo, "class-1", at, c.text)
		require.Error(t, err, c.text)
		require.Contains(t, err.Error(), c.want, c.text)
	}
}

// storyLines returns the lines of a replay's story before clock time
// before (lines starting with a clock time), in order, but for the
// populations coming back: those are dated at their last failed request,
// which only the rest of the run decides.
func storyLines(out, before string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if len(l) > 8 && l[2] == ':' && l[5] == ':' && l[:8] < before && !strings.Contains(l, " population-back ") {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestReplayBranchIsTheSameRunUntilTheDecision: on 17 Dec, the class
// detours the stuck units to plane F at 08:10, twenty minutes in (and
// scales plane F's servers at 10:00, given first: decisions are taken in
// time order). The
// story until then is the replay's without the branch, line for line;
// then the detour, by the class; the stuck users come back; and the
// outcome is set beside the documented one and the run without it.
func TestReplayBranchIsTheSameRunUntilTheDecision(t *testing.T) {
	quick := quickArgs(t, "docomo-2022-12-17")
	code, plain, errs, _ := replayApp(t, "", append([]string{"docomo-2022-12-17"}, quick...)...)
	require.Equal(t, exitOK, code, errs)
	code, out, errs, _ := replayApp(t, "", append([]string{"docomo-2022-12-17", "--branch", "+3h scale auth-f-svc 2", "--branch", "08:10 detour units-stuck to f"}, quick...)...)
	require.Equal(t, exitOK, code, errs)

	require.Equal(t, storyLines(plain, "08:10:00"), storyLines(out, "08:10:00"))
	require.NotEmpty(t, storyLines(out, "08:10:00"))
	for _, want := range []string{
		"  ⎇ branch at 08:10:00: detour units-stuck to f\n08:10:00  detour           units-stuck (by the class): class-1: detour 100% of e to f",
		"  ⎇ branch at 10:00:00: scale auth-f-svc 2\n10:00:00  action           auth-f-svc (by the class): class-2: scale x2",
		"with the class's decisions (08:10:00 detour units-stuck to f; 10:00:00 scale auth-f-svc 2):",
		"  outage-duration: 20 min instead of 4 h 54 min documented (4 h 47 min without the decisions)",
	} {
		require.Contains(t, out, want)
	}
	// The stuck users come back with the class's detour (their first good
	// request is sent just after it, and the story tells it after it), not
	// at 12:36 with the NOC's.
	require.Equal(t, "08:10:00", backAt(t, out, "plane-e-stuck"))
	require.Less(t, strings.Index(out, "class-1: detour 100% of e to f"), strings.Index(out, "population-back  plane-e-stuck:"))
	require.Equal(t, "12:36", backAt(t, plain, "plane-e-stuck")[:5])
	require.Less(t, strings.Index(plain, "manual-detour: operator noc"), strings.Index(plain, "population-back  plane-e-stuck:"))
}

// backAt is the clock time of population name's last coming back in a
// replay's output.
func backAt(t *testing.T, out, name string) string {
	t.Helper()
	at := ""
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "population-back  "+name+":") {
			at = l[:8]
		}
	}
	require.NotEmpty(t, at, "%s comes back", name)
	return at
}

// TestReplaySetAtATime: "set PARAM VALUE" at a time. A client's retries
// change during the run (retry-storm recovers when its retries are cut 3
// minutes into the trigger); a change that cannot happen during a run is
// the run with it from the start when that run is the same until then
// (cancellation does nothing before the trigger), and refused when it is
// not (the trigger's own factor, at 35 min).
func TestReplaySetAtATime(t *testing.T) {
	t.Parallel()
	t.Run("live", func(t *testing.T) {
		t.Parallel()
		code, out, errs, _ := replayApp(t, "", "retry-storm", "--branch", "+33m set retries 0")
		require.Equal(t, exitOK, code, errs)
		require.Contains(t, out, "  ⎇ branch at t+33m0s: set retries 0 (client caller: retries 3 → 0 from then on)\nt+33m0s  action           caller (by the class): class-1-1: retries 0")
		require.Contains(t, out, "  outage 45 min 30 s, 20 k users impacted\nwithout them: outage 1 h 30 min, 20 k users impacted")
	})
	t.Run("from the start", func(t *testing.T) {
		t.Parallel()
		code, out, errs, _ := replayApp(t, "", "retry-storm", "--set", "horizon=45m", "--branch", "+10m set cancellation true")
		require.Equal(t, exitOK, code, errs)
		require.Contains(t, out, "  ⎇ branch at t+10m0s: set cancellation true (components.api.cancellation changes only after this moment, so this is the run with --set cancellation=true from the start)")
		code, plain, errs, _ := replayApp(t, "", "retry-storm", "--set", "horizon=45m", "--set", "cancellation=true")
		require.Equal(t, exitOK, code, errs)
		require.Equal(t, tail(plain, "\nt+"), tail(out, "\nt+"), "the same story as --set from the start")
	})
	t.Run("refused", func(t *testing.T) {
		t.Parallel()
		code, _, errs, _ := replayApp(t, "", "retry-storm", "--set", "horizon=1h", "--branch", "+35m set slowdown 3")
		require.Equal(t, exitFail, code)
		require.Contains(t, errs, "set slowdown 3 changes faults.slow-down.factor, which cannot change during a run, and the run with it differs before t+35m0s")
		require.Contains(t, errs, "replay with --set slowdown=3")

		code, _, errs, _ = replayApp(t, "", "retry-storm", "--set", "horizon=1h", "--branch", "+35m set retries 3")
		require.Equal(t, exitFail, code)
		require.Contains(t, errs, "set retries 3 changes nothing in this run")

		var many []string
		for i := 0; i <= maxDecisions; i++ {
			many = append(many, "--branch", "+1m restart api")
		}
		code, _, errs, _ = replayApp(t, "", append([]string{"retry-storm"}, many...)...)
		require.Equal(t, exitUsage, code)
		require.Contains(t, errs, "a replay takes at most 20 decisions")
	})
}

// tail returns s from the first sep on, up to its outcome lines.
func tail(s, sep string) string {
	i := strings.Index(s, sep)
	if i < 0 {
		return ""
	}
	s = s[i:]
	if j := strings.Index(s, "\n\n"); j >= 0 {
		s = s[:j]
	}
	return s
}

// TestReplayStepBranchesAtAPause: with --step, a typed action branches the
// run at the moment just shown; a refused one is said and asked again;
// help lists what the scenario allows; at the end of the input the rest
// plays without pauses.
func TestReplayStepBranchesAtAPause(t *testing.T) {
	t.Parallel()
	input := "\n\nhelp\nreboot api\nretries nobody 0\nretries caller 0\n\n"
	code, out, errs, _ := replayApp(t, input, "retry-storm", "--step", "--set", "horizon=1h")
	require.Equal(t, exitOK, code, errs)
	order := []string{
		"t+30m0s  fault            api: slow-down: slow x2",
		"t+30m1s  population-down  users: availability below 0.9",
		"  retries      CLIENT N\n               (caller)",
		`  not taken: "reboot" is not an action`,
		`  not taken: builtin:retry-storm.yaml: actions.class-1.component: unknown client "nobody"; expected one of the clients: caller`,
		"  ⎇ branch at t+30m1s: retries caller 0",
		"t+30m1s  action           caller (by the class): class-1: retries 0",
		"t+40m0s  recovery         api: slow-down-ends: up",
		"population-back  users",
		"with the class's decisions (t+30m1s retries caller 0):",
	}
	at := 0
	for _, want := range order {
		i := strings.Index(out[at:], want)
		require.GreaterOrEqual(t, i, 0, "%q after position %d in:\n%s", want, at, out)
		at += i + len(want)
	}
	help := out[strings.Index(out, "Type an action"):strings.Index(out, "or an action as a YAML mapping")]
	require.NotContains(t, help, "fail-silent", "help lists only what the scenario has")
	require.NotContains(t, help, "detour")
	require.Equal(t, 1, strings.Count(out, "t+30m1s  population-down"), "no moment told twice")
}

// TestReplayLiveStatus: with --speed on a terminal a status line (clock,
// speed, state) is redrawn while waiting and cleared before each moment;
// not on a terminal, the output holds no control characters.
func TestReplayLiveStatus(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	a := &app{stdout: &out, stderr: &out, stdoutTerminal: true, sleep: func(time.Duration) {}}
	require.Equal(t, exitOK, a.main([]string{"replay", "retry-storm", "--speed", "60", "--set", "horizon=45m"}))
	require.Contains(t, out.String(), "\r\x1b[K  ▶ t+15m0s  x60  availability 100%")
	require.Contains(t, out.String(), "\r\x1b[Kt+30m0s  fault")
	_, plain, _, slept := replayApp(t, "", "retry-storm", "--speed", "60", "--set", "horizon=45m")
	require.NotContains(t, plain, "\x1b")
	require.NotContains(t, plain, "\r")
	require.NotEmpty(t, slept)
}
