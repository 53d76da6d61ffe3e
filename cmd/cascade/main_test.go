package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// runCLI runs the command line in-process and returns exit code, stdout and
// stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdout: &out, stderr: &errb}
	code := a.main(args)
	return code, out.String(), errb.String()
}

func TestExitCodesAndHelp(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		out  string // fragment of stdout
		err  string // fragment of stderr
	}{
		{"no command", nil, exitUsage, "", "Usage:"},
		{"help", []string{"--help"}, exitOK, "cascade [command]", ""},
		{"help lists run", []string{"--help"}, exitOK, "run         run a scenario", ""},
		{"help lists sweep", []string{"--help"}, exitOK, "sweep       run a scenario over a grid", ""},
		{"help lists compare", []string{"--help"}, exitOK, "compare     run a baseline and variants", ""},
		{"help lists sensitivity", []string{"--help"}, exitOK, "sensitivity rank which params", ""},
		{"sweep help", []string{"sweep", "--help"}, exitOK, "--retry-failed", ""},
		{"help command", []string{"help", "run"}, exitOK, "--from", ""},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", "unknown command \"frobnicate\"\nSee 'cascade --help'."},
		{"run help", []string{"run", "--help"}, exitOK, "--seed", ""},
		{"run help has examples", []string{"run", "--help"}, exitOK, "Examples:\n  cascade run mm1", ""},
		{"describe help", []string{"describe", "-h"}, exitOK, "cascade describe NAME|FILE [flags]", ""},
		{"validate help", []string{"validate", "--help"}, exitOK, "cascade validate NAME|FILE [flags]", ""},
		{"list help", []string{"list", "--help"}, exitOK, "cascade list [flags]", ""},
		{"version", []string{"version"}, exitOK, "cascade ", ""},
		{"--version", []string{"--version"}, exitOK, "cascade ", ""},
		{"completion bash", []string{"completion", "bash"}, exitOK, "bash completion", ""},
		{"completion zsh", []string{"completion", "zsh"}, exitOK, "#compdef cascade", ""},
		{"completion fish", []string{"completion", "fish"}, exitOK, "complete -c cascade", ""},
		{"bad flag", []string{"run", "mm1", "--nope"}, exitUsage, "", "unknown flag: --nope\nSee 'cascade run --help'."},
		{"bad flag of describe", []string{"describe", "mm1", "--seed", "1"}, exitUsage, "", "See 'cascade describe --help'."},
		{"missing arg", []string{"run"}, exitUsage, "", "missing scenario"},
		{"two args", []string{"validate", "a", "b"}, exitUsage, "", "want one FILE"},
		{"list takes no args", []string{"list", "x"}, exitUsage, "", "See 'cascade list --help'."},
		{"bad format", []string{"run", "mm1", "--format", "gif"}, exitUsage, "", "unknown format \"gif\""},
		{"--from and a scenario", []string{"run", "mm1", "--from", "x"}, exitUsage, "", "not both"},
		{"--from and --set", []string{"run", "--from", "x", "--set", "a=1"}, exitUsage, "", "--from reruns a run exactly"},
		{"--from a folder without run.json", []string{"run", "--from", "."}, exitFail, "", "run.json"},
		{"unknown scenario", []string{"run", "no-such-thing"}, exitFail, "", "neither a built-in scenario"},
		{"unknown param", []string{"run", "mm1", "--set", "lamda=1"}, exitFail, "", "lamda"},
		{"list", []string{"list"}, exitOK, "mm1", ""},
		{"describe", []string{"describe", "mmc"}, exitOK, "Erlang C", ""},
		{"describe says what a check rests on", []string{"describe", "exchange-2022-12-02"}, exitOK, "[input]", ""},
		{"describe sizes the run", []string{"describe", "mm1"}, exitOK, "about 2 M user requests over the horizon", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(t, c.args...)
			require.Equal(t, c.code, code, "stdout: %s\nstderr: %s", out, errs)
			require.Contains(t, out, c.out)
			require.Contains(t, errs, c.err)
		})
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	bad := filepath.Join(dir, "bad.yaml")
	require.NoError(t, os.WriteFile(good, []byte(`name: tiny
description: one service
seed: 1
horizon: 1m
step: 10s
components:
  - {name: api, kind: service, workers: 2, service_time: {dist: deterministic, value: 10ms}}
populations:
  - {name: users, users: 10, rate: 5, deadline: 1s, target: api}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 30s}
`), 0o644))
	code, out, errs := runCLI(t, "validate", good)
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, "ok\n", out)

	require.NoError(t, os.WriteFile(bad, []byte(`name: tiny
description: one service
seed: 1
horizon: 1m
step: 10s
components:
  - {name: api, kind: service, workers: -2, service_time: {dist: deterministic, value: 10ms}}
populations:
  - {name: users, users: 10, rate: 5, deadline: 1s, target: apx}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 30s}
`), 0o644))
	code, out, errs = runCLI(t, "validate", bad)
	require.Equal(t, exitFail, code)
	require.Empty(t, out)
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	require.Len(t, lines, 2, errs)
	require.True(t, strings.HasPrefix(lines[0], bad+":7:"), lines[0])
	require.Contains(t, lines[0], "components.api.workers")
	require.True(t, strings.HasPrefix(lines[1], bad+":9:"), lines[1])
	require.Contains(t, lines[1], "populations.users.target")

	code, _, errs = runCLI(t, "validate", filepath.Join(dir, "missing.yaml"))
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "missing.yaml")
}

func TestRunWritesEveryOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errs := runCLI(t, "run", "mm1", "--set", "customers=20000", "--seed", "3", "--out", dir, "--format", "png,svg")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "documented vs simulated")
	for _, f := range []string{"summary.json", "series.csv", "events.csv", "load.png", "availability.png", "load.svg", "availability.svg"} {
		st, err := os.Stat(filepath.Join(dir, f))
		require.NoError(t, err, f)
		require.Positive(t, st.Size(), f)
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 8, "no temporary files left behind")
	parent, err := os.ReadDir(filepath.Dir(dir))
	require.NoError(t, err)
	for _, e := range parent {
		require.True(t, e.Name() == "out" || e.Name() == ".out.lock", "no temporary folder left beside the run folder: %s", e.Name())
	}
	var summary map[string]any
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &summary))
	for _, k := range []string{"scenario", "seed", "params", "horizon_s", "events", "format", "outcome", "documented", "checks"} {
		require.Contains(t, summary, k)
	}
	require.Equal(t, 3.0, summary["seed"])
	require.NotContains(t, summary, "wall_seconds", "wall-clock figures are in run.json only")
	require.NotContains(t, summary, "events_per_s")
	require.Equal(t, 20000.0, summary["params"].(map[string]any)["customers"])
	outcome := summary["outcome"].(map[string]any)
	for _, k := range []string{"populations", "outage", "impacted_users", "peak_load_ratio"} {
		require.Contains(t, outcome, k)
	}
	pop := outcome["populations"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "users", "requests", "failed", "availability", "min_availability",
		"mean_latency_s", "p99_latency_s", "impacted_users", "user_minutes_lost", "outage_s"} {
		require.Contains(t, pop, k)
	}
	series, err := os.ReadFile(filepath.Join(dir, "series.csv"))
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(string(series), "time_s,component,metric,value\n"))
}

func TestRunFailureWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, _, _ := runCLI(t, "run", "mm1", "--set", "mu=-1", "--out", dir)
	require.Equal(t, exitFail, code)
	_, err := os.Stat(dir)
	require.True(t, os.IsNotExist(err), "a failed run must not create its output directory")
}

// TestReadmeExampleValidates keeps the README's annotated scenario true:
// it must load, build and run.
func TestReadmeExampleValidates(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	text := string(readme)
	start := strings.Index(text, "```yaml\n")
	require.NotEqual(t, -1, start, "the README has a YAML example")
	body := text[start+len("```yaml\n"):]
	end := strings.Index(body, "```")
	require.NotEqual(t, -1, end)
	file := filepath.Join(t.TempDir(), "example.yaml")
	require.NoError(t, os.WriteFile(file, []byte(body[:end]), 0o644))
	code, out, errs := runCLI(t, "run", file, "--quiet", "--strict")
	require.Equal(t, exitOK, code, "stdout: %s\nstderr: %s", out, errs)
}

func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(100<<20)) // 100 MB, sparse
	require.NoError(t, f.Close())
	code, _, errs := runCLI(t, "validate", big)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "the file is 104857600 bytes, larger than 4 MiB (4194304 bytes)")

	garbage := filepath.Join(dir, "garbage.yaml")
	require.NoError(t, os.WriteFile(garbage, []byte{0xff, 0xfe, 0x00, 0x01, '{', '['}, 0o644))
	code, _, errs = runCLI(t, "validate", garbage)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, garbage+":")

	code, _, errs = runCLI(t, "validate", dir)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "is a directory")
}

// Each command's help is printed once, on stdout, with its examples.
func TestHelpOnce(t *testing.T) {
	for _, cmd := range []string{"list", "describe", "validate", "run", "version"} {
		code, out, errs := runCLI(t, cmd, "--help")
		require.Equal(t, exitOK, code, errs)
		require.Equal(t, 1, strings.Count(out, "Usage:"), "%s --help:\n%s", cmd, out)
		require.Equal(t, 1, strings.Count(out, "Examples:"), "%s --help:\n%s", cmd, out)
		require.Empty(t, errs)
	}
}

// TestRunFormatNoneAndJSON: --format none writes summary.json and run.json
// only, --json prints summary.json's bytes to stdout, and --from reruns a
// run without plots without plots.
func TestRunFormatNoneAndJSON(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errs := runCLI(t, "run", "mm1", "--set", "customers=2000", "--out", dir, "--format", "none", "--json")
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, []string{"run.json", "summary.json"}, names(t, dir))
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	require.NoError(t, err)
	require.Equal(t, string(b), out, "--json prints exactly summary.json")
	var rec map[string]any
	b, err = os.ReadFile(filepath.Join(dir, "run.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &rec))
	require.Equal(t, []any{}, rec["plot_formats"])

	again := filepath.Join(t.TempDir(), "again")
	code, _, errs = runCLI(t, "run", "--from", dir, "--out", again, "--quiet")
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, []string{"run.json", "summary.json"}, names(t, again))

	code, _, errs = runCLI(t, "run", "mm1", "--format", "none,png")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, `unknown format "none"`)
}

// TestStrictFailsOnAnInconclusiveCheck: a check on an outage that lasts to
// the horizon is inconclusive: printed as such, and --strict exits 1.
func TestStrictFailsOnAnInconclusiveCheck(t *testing.T) {
	b, ok := builtinData("retry-storm")
	require.True(t, ok)
	file := filepath.Join(t.TempDir(), "storm.yaml")
	doc := string(b) + `documented:
  - name: outage
    metric: outage.duration_s
    value: 5000
    rel_tolerance: 0.5
    kind: emergent
`
	require.NoError(t, os.WriteFile(file, []byte(doc), 0o644))
	code, out, errs := runCLI(t, "run", file, "--strict", "--format", "none")
	require.Equal(t, exitFail, code, errs)
	require.Contains(t, out, "??   outage [emergent]: documented 5,000, simulated at least ")
	require.Contains(t, out, "to the end of the horizon")
	require.Contains(t, errs, "documented check outage is inconclusive: the outage lasts to the end of the horizon")
}

// TestOneRuleForAFileNamedLikeABuiltin: run, validate and describe all read
// the built-in for its bare name, refuse when a file of that name is in the
// folder too, and read the file when written as a path.
func TestOneRuleForAFileNamedLikeABuiltin(t *testing.T) {
	dir := t.TempDir()
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(dir))
	defer func() { require.NoError(t, os.Chdir(wd)) }()
	for _, cmd := range []string{"validate", "describe"} {
		code, _, errs := runCLI(t, cmd, "mm1")
		require.Equal(t, exitOK, code, "%s mm1: %s", cmd, errs)
	}
	require.NoError(t, os.WriteFile("mm1", []byte("not yaml: ["), 0o644))
	for _, args := range [][]string{{"validate", "mm1"}, {"describe", "mm1"}, {"run", "mm1", "--set", "customers=1000"}} {
		code, _, errs := runCLI(t, args...)
		require.Equal(t, exitFail, code, args)
		require.Contains(t, errs, `"mm1" is both a built-in scenario and a file here: write ./mm1 for the file`, args)
	}
	code, _, errs := runCLI(t, "validate", "./mm1")
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "./mm1:", "the file is read")
}
