//go:build unix

package main

import (
	"bytes"
	"encoding/json"

	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// quickMM1 is a short run for the run-folder tests.
var quickMM1 = []string{"run", "mm1", "--set", "customers=2000", "--quiet"}

// testApp is an app writing into buffers.
func testApp() (*app, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &app{stdout: &out, stderr: &errb}, &out, &errb
}

// goodRun writes a good run folder (seed 1) at parent/out and returns it
// and its files.
func goodRun(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "out")
	code, _, errs := runCLI(t, append(quickMM1, "--out", dir, "--format", "svg")...)
	require.Equal(t, exitOK, code, errs)
	return dir, snapshot(t, dir)
}

// failAfter is a writer shared by every output file that fails, as a full
// disk does, once n bytes have been written in all.
type failAfter struct{ n int }

func (f *failAfter) wrap(_ string, w io.Writer) io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		if len(p) <= f.n {
			f.n -= len(p)
			return w.Write(p)
		}
		k, _ := w.Write(p[:f.n])
		f.n = 0
		return k, syscall.ENOSPC
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// A rerun with another seed over a good folder that fails writing, after
// any number of bytes (the disk fills up in the first file, in the middle,
// in the last), leaves the previous folder byte for byte and no temporary
// file or folder beside it.
func TestFailedRerunLeavesThePreviousFolder(t *testing.T) {
	dir, before := goodRun(t)
	// The size of the rerun's files, from a rerun elsewhere.
	other := filepath.Join(t.TempDir(), "out") // the same length of --out in run.json
	code, _, errs := runCLI(t, append(quickMM1, "--seed", "2", "--out", other, "--format", "png,svg")...)
	require.Equal(t, exitOK, code, errs)
	total := 0
	for _, f := range snapshot(t, other) {
		total += len(f)
	}
	// total - 1000 fails in run.json, the last file (some 3 kB, its wall-clock
	// figures varying by a few bytes).
	for _, n := range []int{0, 1, 3000, total / 2, total - 1000} {
		a, _, errb := testApp()
		a.wrapFile = (&failAfter{n: n}).wrap
		code := a.main(append(quickMM1, "--seed", "2", "--out", dir, "--format", "png,svg"))
		require.Equal(t, exitFail, code, "failing after %d bytes", n)
		require.Contains(t, errb.String(), "no space left on device")
		require.Equal(t, before, snapshot(t, dir), "failing after %d bytes", n)
		require.Equal(t, []string{".out.lock", "out"}, names(t, filepath.Dir(dir)))
	}
	// And with room enough, the rerun replaces the folder whole.
	a, _, errb := testApp()
	a.wrapFile = (&failAfter{n: 10 * total}).wrap
	require.Equal(t, exitOK, a.main(append(quickMM1, "--seed", "2", "--out", dir)), errb.String())
	after := snapshot(t, dir)
	require.NotEqual(t, before["summary.json"], after["summary.json"])
	require.NotContains(t, after, "load.svg", "no file of the previous run is left")
	require.Equal(t, []string{".out.lock", "out"}, names(t, filepath.Dir(dir)))
}

// A signal at any point of a rerun before the new folder is in place
// leaves the previous folder byte for byte and removes every temporary;
// the exit code is 128 + SIGINT. After the swap, the new folder stays.
func TestSignalLeavesThePreviousFolder(t *testing.T) {
	for _, point := range []string{"prepared", "simulated", "wrote summary.json", "wrote series.csv", "wrote run.json", "commit", "committed"} {
		t.Run(point, func(t *testing.T) {
			dir, before := goodRun(t)
			a, _, errb := testApp()
			handled := make(chan struct{})
			a.signalled = func() { close(handled) }
			exited := 0
			a.exit = func(code int) { exited = code }
			a.hook = func(p string) {
				if p == point {
					require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
					<-handled
				}
			}
			// SVG only: the hook points are the folder's phases, not
			// the figures' formats (the full-disk test writes PNG).
			code := a.main(append(quickMM1, "--seed", "2", "--out", dir, "--format", "svg"))
			require.Equal(t, exitInterrupted, code, errb.String())
			require.Equal(t, exitInterrupted, exited)
			require.Contains(t, errb.String(), "interrupt: stopped")
			require.Equal(t, []string{".out.lock", "out"}, names(t, filepath.Dir(dir)))
			if point == "committed" {
				require.NotEqual(t, before["summary.json"], snapshot(t, dir)["summary.json"])
				return
			}
			require.Equal(t, before, snapshot(t, dir))
		})
	}
}

// Refusals happen before anything is simulated, and touch nothing.
func TestOutChecksBeforeSimulating(t *testing.T) {
	tmp := t.TempDir()
	user := filepath.Join(tmp, "mine")
	require.NoError(t, os.Mkdir(user, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(user, "thesis.tex"), []byte("years of work"), 0o644))
	file := filepath.Join(tmp, "a-file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	link := filepath.Join(tmp, "link")
	require.NoError(t, os.Symlink(user, link))
	cases := []struct{ name, out, err string }{
		{"a folder cascade did not write", user, "holds files cascade did not write"},
		{"a file", file, "is a file, not a folder"},
		{"a file as the parent", filepath.Join(file, "out"), "a-file"},
		{"a symbolic link", link, "symbolic link"},
		{"the current folder", ".", "is the current folder"},
	}
	t.Chdir(tmp)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, _, errb := testApp()
			simulated := false
			a.hook = func(p string) { simulated = simulated || p == "prepared" }
			require.Equal(t, exitFail, a.main(append(quickMM1, "--out", c.out)))
			require.Contains(t, errb.String(), c.err)
			require.False(t, simulated, "refused after simulating")
			require.Equal(t, map[string]string{"thesis.tex": "years of work"}, snapshot(t, user))
			require.Equal(t, []string{"a-file", "link", "mine"}, names(t, tmp), "a refused run leaves no lock file")
		})
	}
	// An empty folder is used.
	empty := filepath.Join(tmp, "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))
	code, _, errs := runCLI(t, append(quickMM1, "--out", empty)...)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, snapshot(t, empty), "run.json")
}

// While one run holds a folder's lock, another run into it fails before
// simulating and leaves the folder alone.
func TestLockedFolder(t *testing.T) {
	dir, before := goodRun(t)
	lock, err := os.OpenFile(filepath.Join(filepath.Dir(dir), lockName("out")), os.O_RDWR, 0)
	require.NoError(t, err)
	defer lock.Close()
	require.NoError(t, lockFile(lock))
	defer unlockFile(lock)
	code, _, errs := runCLI(t, append(quickMM1, "--seed", "2", "--out", dir)...)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "another cascade run is writing this folder")
	require.Equal(t, before, snapshot(t, dir))
}

// --strict writes the outputs, which show why the check failed, and exits 1.
func TestStrictWritesTheOutputs(t *testing.T) {
	dir, before := goodRun(t)
	code, _, errs := runCLI(t, append(quickMM1, "--set", "lambda=0.99", "--strict", "--out", dir)...)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "documented check")
	after := snapshot(t, dir)
	require.NotEqual(t, before["summary.json"], after["summary.json"])
	var s struct {
		Checks []struct{ OK bool } `json:"checks"`
	}
	require.NoError(t, json.Unmarshal([]byte(after["summary.json"]), &s))
	failed := 0
	for _, c := range s.Checks {
		if !c.OK {
			failed++
		}
	}
	require.Positive(t, failed)
}

// Without the atomic exchange (other systems, some file systems) the
// folder is renamed aside, the new one renamed in, the old one removed.
func TestSwapWithoutExchange(t *testing.T) {
	dir, before := goodRun(t)
	exchangeDirs = func(a, b string) error { return errNoExchange }
	defer func() { exchangeDirs = exchange }()
	code, _, errs := runCLI(t, append(quickMM1, "--seed", "2", "--out", dir)...)
	require.Equal(t, exitOK, code, errs)
	require.NotEqual(t, before["summary.json"], snapshot(t, dir)["summary.json"])
	require.Equal(t, []string{".out.lock", "out"}, names(t, filepath.Dir(dir)))
}

// A write error on stdout fails the command (exit 1) with a message.
func TestStdoutWriteError(t *testing.T) {
	for _, args := range [][]string{{"list"}, {"run", "mm1", "--set", "customers=2000"}, {"--help"}, {"version"}} {
		var errb bytes.Buffer
		a := &app{stdout: writerFunc(func([]byte) (int, error) { return 0, syscall.ENOSPC }), stderr: &errb}
		require.Equal(t, exitFail, a.main(args), strings.Join(args, " "))
		require.Contains(t, errb.String(), "writing to stdout: no space left on device")
	}
}

// run.json says where the folder came from.
func TestRunJSON(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	args := append(quickMM1, "--seed", "9", "--set", "lambda=0.8", "--out", dir)
	code, _, errs := runCLI(t, args...)
	require.Equal(t, exitOK, code, errs)
	b, err := os.ReadFile(filepath.Join(dir, "run.json"))
	require.NoError(t, err)
	var r runRecord
	require.NoError(t, json.Unmarshal(b, &r))
	require.Equal(t, runFormat, r.Format)
	require.Equal(t, "cascade", r.Tool)
	require.Equal(t, append([]string{"cascade"}, args...), r.Command)
	require.Equal(t, uint64(9), r.Seed)
	require.Equal(t, "mm1", r.Scenario.Name)
	require.Equal(t, []string{"customers=2000", "lambda=0.8"}, r.Scenario.Sets)
	require.Contains(t, r.Scenario.Resolved, "default: 0.8")
	require.Len(t, r.Scenario.SHA256, 64)
	require.NotEmpty(t, r.Cascade.Go)
	require.NotEmpty(t, r.Cascade.OS)
	require.Positive(t, r.WallSeconds)
	require.Positive(t, r.EventsPerSecond)
	require.Equal(t, []string{"png"}, r.PlotFormats)
	var listed []string
	for _, o := range r.Outputs {
		listed = append(listed, o.Name)
	}
	require.Equal(t, []string{"summary.json", "series.csv", "events.csv", "load.png", "availability.png"}, listed)

	// An edited resolved scenario is refused by --from.
	r.Scenario.Resolved = strings.Replace(r.Scenario.Resolved, "default: 0.8", "default: 0.7", 1)
	b, err = json.Marshal(r)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "run.json"), b, 0o644))
	code, _, errs = runCLI(t, "run", "--from", dir, "--quiet")
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "does not match its sha256")
}
