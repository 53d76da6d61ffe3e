package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
)

// TestMain lets a test run this binary as cascade in a child process (to
// kill it with SIGKILL): CASCADE_TEST_MAIN=1 and the arguments after "--".
func TestMain(m *testing.M) {
	if os.Getenv("CASCADE_TEST_MAIN") == "1" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		a := &app{stdout: os.Stdout, stderr: os.Stderr, exit: os.Exit,
			isTerminal: stderrIsTerminal(), stdoutTerminal: stdoutIsTerminal()}
		os.Exit(a.main(args))
	}
	os.Exit(m.Run())
}

// quickSweep is a small sweep of mm1: 3 x 2 combinations, 3 replications.
func quickSweep(out string, more ...string) []string {
	return append([]string{"sweep", "mm1", "--set", "customers=3000", "--vary", "lambda=0.5..0.9/0.2",
		"--vary", "mu=1,2", "--reps", "3", "--out", out, "--quiet"}, more...)
}

// TestSweepFolderIsTheSameWhateverTheWorkers: every file of the study
// folder is byte-identical with 1 and 2 workers.
func TestSweepFolderIsTheSameWhateverTheWorkers(t *testing.T) {
	tmp := t.TempDir()
	one, two := filepath.Join(tmp, "one"), filepath.Join(tmp, "two")
	code, _, errs := runCLI(t, quickSweep(one, "--workers", "1", "--format", "png,svg")...)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI(t, quickSweep(two, "--workers", "2", "--format", "png,svg")...)
	require.Equal(t, exitOK, code, errs)
	a, b := snapshot(t, one), snapshot(t, two)
	require.Equal(t, a, b)
	for _, f := range []string{"study.json", "runs.csv", "summary.csv", "summary.json"} {
		require.Contains(t, a, f)
	}
	require.Len(t, strings.Split(strings.TrimSpace(a["runs.csv"]), "\n"), 1+18)
	require.Contains(t, a["study.json"], `"kind": "study"`)
	require.NotContains(t, a["study.json"], `"workers":`, "nothing of how the study ran")
}

// TestSweepResumesAfterSIGINT: a sweep interrupted after some rows exits
// 130, keeps them, and the same command ends with the files of an
// uninterrupted sweep.
func TestSweepResumesAfterSIGINT(t *testing.T) {
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	code, _, errs := runCLI(t, quickSweep(whole)...)
	require.Equal(t, exitOK, code, errs)

	out := filepath.Join(tmp, "cut")
	a, _, errb := testApp()
	handled := make(chan struct{})
	a.signalled = func() { close(handled) }
	a.hook = func(p string) {
		if p == "row 5" {
			require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
			<-handled
		}
	}
	code = a.main(quickSweep(out, "--workers", "2"))
	require.Equal(t, exitInterrupted, code, errb.String())
	require.Contains(t, errb.String(), "the same command resumes the study")
	rows := strings.Count(snapshot(t, out)["runs.csv"], "\n") - 1
	require.GreaterOrEqual(t, rows, 5)
	require.Less(t, rows, 18)
	require.NotContains(t, snapshot(t, out), "summary.csv", "summaries only describe a finished study")

	code, stdout, errs := runCLI(t, quickSweep(out, "--workers", "2", "--quiet=false")...)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, stdout, fmt.Sprintf("(%d kept from before)", rows))
	require.Equal(t, snapshot(t, whole), snapshot(t, out))
}

// TestSweepResumesAfterSIGKILL: a sweep killed with SIGKILL (no handler
// runs) while it writes rows resumes to the same bytes.
func TestSweepResumesAfterSIGKILL(t *testing.T) {
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	// Runs of about 20 ms, so that the child is killed in the middle.
	args := append(quickSweep(whole), "--reps", "6", "--set", "customers=20000")
	code, _, errs := runCLI(t, args...)
	require.Equal(t, exitOK, code, errs)

	out := filepath.Join(tmp, "killed")
	args = append(quickSweep(out), "--reps", "6", "--set", "customers=20000")
	child := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	child.Env = append(os.Environ(), "CASCADE_TEST_MAIN=1")
	require.NoError(t, child.Start())
	deadline := time.Now().Add(60 * time.Second)
	for {
		b, _ := os.ReadFile(filepath.Join(out, "runs.csv"))
		if strings.Count(string(b), "\n") > 8 {
			break
		}
		require.True(t, time.Now().Before(deadline), "the child wrote no rows")
		time.Sleep(2 * time.Millisecond)
	}
	require.NoError(t, child.Process.Kill())
	_ = child.Wait()
	b, err := os.ReadFile(filepath.Join(out, "runs.csv"))
	require.NoError(t, err)
	rows := strings.Count(string(b), "\n") - 1
	require.Less(t, rows, 36, "killed before the end")

	code, _, errs = runCLI(t, args...)
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, snapshot(t, whole), snapshot(t, out))
}

// TestSweepRefuses: bad axes, a folder of another study or a run folder,
// and mixing --study with flags are refused before anything runs.
func TestSweepRefuses(t *testing.T) {
	tmp := t.TempDir()
	done := filepath.Join(tmp, "done")
	code, _, errs := runCLI(t, quickSweep(done)...)
	require.Equal(t, exitOK, code, errs)
	run := filepath.Join(tmp, "run")
	code, _, errs = runCLI(t, "run", "mm1", "--set", "customers=1000", "--out", run, "--quiet", "--format", "none")
	require.Equal(t, exitOK, code, errs)
	mine := filepath.Join(tmp, "mine")
	require.NoError(t, os.MkdirAll(mine, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(mine, "notes.txt"), []byte("x"), 0o644))
	study := filepath.Join(tmp, "s.yaml")
	require.NoError(t, os.WriteFile(study, []byte("scenario: mm1\nvary: [{key: mu, values: [1, 2]}]\n"), 0o644))

	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no --out", []string{"sweep", "mm1", "--vary", "mu=1,2"}, exitUsage, "--out DIR is required"},
		{"no axis", []string{"sweep", "mm1", "--out", filepath.Join(tmp, "x")}, exitUsage, "no axis"},
		{"bad range", []string{"sweep", "mm1", "--vary", "mu=2..1/1", "--out", filepath.Join(tmp, "x")}, exitUsage, "mu: range 2..1: the upper end is below the lower end"},
		{"--with first", []string{"sweep", "mm1", "--with", "mu=1,2", "--out", filepath.Join(tmp, "x")}, exitUsage, "no axis before it"},
		{"--with length", []string{"sweep", "mm1", "--vary", "mu=1,2", "--with", "lambda=0.1", "--out", filepath.Join(tmp, "x")}, exitUsage, "lambda has 1 values but moves in lockstep with mu, which has 2"},
		{"unknown param", []string{"sweep", "mm1", "--vary", "nu=1,2", "--out", filepath.Join(tmp, "x")}, exitFail, "combination 1 of 2 (nu=1) does not fit the scenario"},
		{"bad value", []string{"sweep", "mm1", "--vary", "mu=1,-1", "--out", filepath.Join(tmp, "x")}, exitFail, "combination 2 of 2 (mu=-1)"},
		{"another study", quickSweep(done, "--reps", "2"), exitFail, "holds another study: study.reps was 3, now 2"},
		{"another scenario", []string{"sweep", "mmc", "--vary", "lambda=0.5,0.7,0.9", "--vary", "mu=1,2", "--reps", "3", "--out", done}, exitFail, "holds another study"},
		{"a run folder", quickSweep(run), exitFail, "is a run folder"},
		{"someone's folder", quickSweep(mine), exitFail, "holds files cascade did not write"},
		{"--study and --vary", []string{"sweep", "--study", study, "--vary", "mu=1", "--out", filepath.Join(tmp, "x")}, exitUsage, "--vary cannot be used with it"},
		{"--study and a scenario", []string{"sweep", "mm1", "--study", study, "--out", filepath.Join(tmp, "x")}, exitUsage, "not both"},
		{"bad --plot", append(quickSweep(filepath.Join(tmp, "x")), "--plot", "outage.length"), exitFail, "plot outage.length: the runs have no such figure"},
		{"--workers", append(quickSweep(filepath.Join(tmp, "x")), "--workers", "-1"), exitUsage, "--workers -1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCLI(t, tc.args...)
			require.Equal(t, tc.code, code, errs)
			require.Contains(t, errs, tc.err)
		})
	}
	require.NoDirExists(t, filepath.Join(tmp, "x"), "refusals write nothing")
	require.Equal(t, []string{"notes.txt"}, names(t, mine))
}

// TestSweepStudyFileIsTheFlags: a study file and the same flags write the
// same folder; its scenario file is found beside the study file.
func TestSweepStudyFileIsTheFlags(t *testing.T) {
	tmp := t.TempDir()
	flags := filepath.Join(tmp, "flags")
	code, _, errs := runCLI(t, quickSweep(flags)...)
	require.Equal(t, exitOK, code, errs)
	study := filepath.Join(tmp, "storm.yaml")
	require.NoError(t, os.WriteFile(study, []byte(`scenario: mm1
set: [customers=3000]
vary:
  - key: lambda
    values: 0.5..0.9/0.2
  - key: mu
    values: [1, 2]
reps: 3
`), 0o644))
	fromFile := filepath.Join(tmp, "file")
	code, _, errs = runCLI(t, "sweep", "--study", study, "--out", fromFile, "--quiet")
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, snapshot(t, flags), snapshot(t, fromFile))

	// A scenario file relative to the study file.
	b, ok := builtinData("mm1")
	require.True(t, ok)
	sub := filepath.Join(tmp, "studies")
	require.NoError(t, os.MkdirAll(sub, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(sub, "mine.yaml"), b, 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(sub, "s.yaml"), []byte("scenario: mine.yaml\nset: [customers=1000]\nvary: [{key: mu, values: [1, 2]}]\n"), 0o644))
	out := filepath.Join(tmp, "mine")
	code, _, errs = runCLI(t, "sweep", "--study", filepath.Join(sub, "s.yaml"), "--out", out, "--quiet")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, snapshot(t, out)["runs.csv"], "cascade run "+filepath.Join(sub, "mine.yaml")+" --seed ")
}

// TestSweepFailedRowsExit1: failed rows (here written by hand, as a
// crashed model would leave them) make the exit code 1 with the
// summaries written; --retry-failed reruns them and ends at 0.
func TestSweepFailedRowsExit1(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	code, _, errs := runCLI(t, quickSweep(out)...)
	require.Equal(t, exitOK, code, errs)
	want := snapshot(t, out)
	lines := strings.Split(want["runs.csv"], "\n")
	f := strings.Split(lines[4], ",")
	f[6], f[7] = "failed", "boom"
	for j := 8; j < len(f)-1; j++ {
		f[j] = ""
	}
	lines[4] = strings.Join(f, ",")
	require.NoError(t, os.WriteFile(filepath.Join(out, "runs.csv"), []byte(strings.Join(lines, "\n")), 0o644))
	code, _, errs = runCLI(t, quickSweep(out)...)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "1 of 18 runs failed")
	require.Contains(t, snapshot(t, out)["summary.csv"], ",3,1\n", "the failed run is counted")
	code, _, errs = runCLI(t, quickSweep(out, "--retry-failed")...)
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, want, snapshot(t, out))
}

// builtinData is a built-in scenario's bytes.
func builtinData(name string) ([]byte, bool) {
	b, ok := scenarios.LookupBuiltin(name)
	return b.Data, ok
}

// TestSweepProgressWithoutATerminal: without a terminal progress is a
// plain line (always the last one), and --quiet prints nothing at all.
func TestSweepProgressWithoutATerminal(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s")
	args := quickSweep(out)
	code, stdout, errs := runCLI(t, append(args[:len(args)-1], "--quiet=false")...)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, errs, "cascade: 18/18 runs (100%), ")
	require.NotContains(t, errs, "\x1b", "no escape codes in logs")
	require.Contains(t, stdout, "mm1: 6 combinations x 3 replications = 18 runs")
	require.Contains(t, stdout, "outage.duration_s (mean, 95% t interval):")
	other := filepath.Join(t.TempDir(), "q")
	code, stdout, errs = runCLI(t, quickSweep(other)...)
	require.Equal(t, exitOK, code, errs)
	require.Empty(t, stdout)
	require.Empty(t, errs)
}

// TestSweepRowCommandRepeatsTheRun: the command a row of runs.csv gives,
// run with cascade run, reports the row's figures.
func TestSweepRowCommandRepeatsTheRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "s")
	code, _, errs := runCLI(t, quickSweep(out)...)
	require.Equal(t, exitOK, code, errs)
	rows := strings.Split(strings.TrimSpace(snapshot(t, out)["runs.csv"]), "\n")
	header := strings.Split(rows[0], ",")
	row := strings.Split(rows[11], ",") // combination 3, replication 1
	command := row[len(row)-1]
	args := strings.Fields(command)
	require.Equal(t, []string{"cascade", "run", "mm1"}, args[:3], command)
	code, stdout, errs := runCLI(t, append(args[1:], "--json", "--format", "none")...)
	require.Equal(t, exitOK, code, errs)
	var summary struct {
		Seed    uint64 `json:"seed"`
		Outcome struct {
			Populations []struct {
				Requests     float64 `json:"requests"`
				MeanLatencyS float64 `json:"mean_latency_s"`
			} `json:"populations"`
		} `json:"outcome"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &summary))
	col := func(name string) string {
		for i, h := range header {
			if h == name {
				return row[i]
			}
		}
		t.Fatalf("no column %s", name)
		return ""
	}
	require.Equal(t, col("seed"), fmt.Sprint(summary.Seed))
	require.Equal(t, col("populations.customers.requests"), fmt.Sprint(summary.Outcome.Populations[0].Requests))
	require.Equal(t, col("populations.customers.mean_latency_s"), strconv.FormatFloat(summary.Outcome.Populations[0].MeanLatencyS, 'g', -1, 64))
}
