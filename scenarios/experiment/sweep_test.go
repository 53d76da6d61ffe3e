package experiment

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
)

// mm1Plan is a small grid over mm1: 3 loads x 2 service rates, reps each.
func mm1Plan(t *testing.T, reps int, extra ...Axis) *Plan {
	t.Helper()
	b, ok := scenarios.LookupBuiltin("mm1")
	require.True(t, ok)
	st := &Study{Scenario: "mm1", Sets: []string{"customers=2000"}, Design: Grid, Reps: reps, Axes: append([]Axis{
		{Key: "lambda", Values: []string{"0.5", "0.7", "0.9"}},
		{Key: "mu", Values: []string{"1", "2"}},
	}, extra...)}
	p, err := NewPlan(st, "mm1", b.File, b.Data, PlanOptions{})
	require.NoError(t, err)
	return p
}

// fileJournal is a journal in a temporary file, as cmd opens it.
func fileJournal(t *testing.T, path string) (*os.File, int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	require.NoError(t, err)
	return f, st.Size()
}

func sweepTo(t *testing.T, p *Plan, path string, opt SweepOptions) (SweepResult, error) {
	t.Helper()
	f, size := fileJournal(t, path)
	res, err := p.Sweep(f, size, opt)
	require.NoError(t, f.Close())
	return res, err
}

func summaries(t *testing.T, p *Plan, journal string) (string, string) {
	t.Helper()
	f, err := os.Open(journal)
	require.NoError(t, err)
	defer f.Close()
	var csvOut, jsonOut bytes.Buffer
	sc, err := p.NewSummaryCSV(&csvOut)
	require.NoError(t, err)
	sj, err := p.NewSummaryJSON(&jsonOut)
	require.NoError(t, err)
	require.NoError(t, p.Summarise(f, false, func(c Cell) error {
		if err := sc.Write(c); err != nil {
			return err
		}
		return sj.Write(c)
	}))
	require.NoError(t, sc.Close())
	require.NoError(t, sj.Close())
	return csvOut.String(), jsonOut.String()
}

// TestSweepIsTheSameWhateverTheWorkers: runs.csv and the summaries are
// byte-identical with 1 and 3 workers, and every combination shares its
// replications' seeds.
func TestSweepIsTheSameWhateverTheWorkers(t *testing.T) {
	t.Parallel()
	p := mm1Plan(t, 3)
	dir := t.TempDir()
	var files [2]string
	for k, workers := range []int{1, 3} {
		path := filepath.Join(dir, strings.Repeat("w", workers)+".csv")
		var seen []int
		res, err := sweepTo(t, p, path, SweepOptions{ExecOptions: ExecOptions{Workers: workers},
			Progress: func(done, total int) { seen = append(seen, done); require.Equal(t, 18, total) }})
		require.NoError(t, err)
		require.Equal(t, SweepResult{Ran: 18}, res)
		require.Len(t, seen, 18)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		files[k] = string(b)
	}
	require.Equal(t, files[0], files[1])
	lines := strings.Split(strings.TrimSpace(files[0]), "\n")
	require.Len(t, lines, 19)
	require.True(t, strings.HasPrefix(lines[0], "index,combination,replication,lambda,mu,seed,status,error,availability_threshold,populations.customers.users,"), lines[0])
	require.True(t, strings.HasSuffix(lines[0], ",events,command"))
	seedOf := func(line string) string { return strings.Split(line, ",")[5] }
	for i := 1; i <= 18; i++ {
		require.Equal(t, seedOf(lines[1+(i-1)%3]), seedOf(lines[i]), "replication %d shares its seed across combinations", (i-1)%3)
	}
	require.NotEqual(t, seedOf(lines[1]), seedOf(lines[2]))
	require.Contains(t, lines[5], "cascade run mm1 --seed "+seedOf(lines[5])+" --set customers=2000 --set lambda=0.5 --set mu=2")

	csv1, json1 := summaries(t, p, filepath.Join(dir, "w.csv"))
	csv3, json3 := summaries(t, p, filepath.Join(dir, "www.csv"))
	require.Equal(t, csv1, csv3)
	require.Equal(t, json1, json3)
	require.Contains(t, csv1, "0,0.5,1,outage.duration_s,3,")
	require.Contains(t, json1, `"interval": "wilson"`)
}

// TestSweepResumes: a sweep stopped after some rows, and one killed in the
// middle of writing a row, go on where they stopped and end with the bytes
// of an uninterrupted sweep.
func TestSweepResumes(t *testing.T) {
	t.Parallel()
	p := mm1Plan(t, 2)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.csv")
	_, err := sweepTo(t, p, whole, SweepOptions{})
	require.NoError(t, err)
	want, err := os.ReadFile(whole)
	require.NoError(t, err)

	// Stopped (Ctrl-C) after 5 rows: one worker, so at most 4 more are
	// under way (the window) when Stop is seen.
	stopped := filepath.Join(dir, "stopped.csv")
	var rows atomic.Int32
	res, err := sweepTo(t, p, stopped, SweepOptions{ExecOptions: ExecOptions{Workers: 1, Stop: func() bool { return rows.Load() >= 5 }},
		Progress: func(done, total int) { rows.Store(int32(done)) }})
	require.ErrorIs(t, err, scenarios.ErrStopped)
	require.GreaterOrEqual(t, res.Ran, 5)
	require.Less(t, res.Ran, 12)
	res, err = sweepTo(t, p, stopped, SweepOptions{ExecOptions: ExecOptions{Workers: 2}})
	require.NoError(t, err)
	require.Equal(t, 12, res.Kept+res.Ran)
	require.Positive(t, res.Kept)
	got, err := os.ReadFile(stopped)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))

	// Killed while writing row 7: the file ends in a partial line.
	killed := filepath.Join(dir, "killed.csv")
	lines := bytes.SplitAfter(want, []byte("\n"))
	partial := bytes.Join(lines[:8], nil)
	partial = append(partial, lines[8][:len(lines[8])/2]...)
	require.NoError(t, os.WriteFile(killed, partial, 0o644))
	res, err = sweepTo(t, p, killed, SweepOptions{})
	require.NoError(t, err)
	require.Equal(t, SweepResult{Kept: 7, Ran: 5}, res)
	got, err = os.ReadFile(killed)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))

	// Done: nothing runs again.
	res, err = sweepTo(t, p, killed, SweepOptions{})
	require.NoError(t, err)
	require.Equal(t, SweepResult{Kept: 12}, res)
}

// TestSweepRefusesAnotherStudysJournal: a journal of another study, or a
// changed one, is refused, naming what differs.
func TestSweepRefusesAnotherStudysJournal(t *testing.T) {
	t.Parallel()
	p := mm1Plan(t, 1)
	dir := t.TempDir()
	path := filepath.Join(dir, "runs.csv")
	_, err := sweepTo(t, p, path, SweepOptions{})
	require.NoError(t, err)
	other := mm1Plan(t, 1, Axis{Key: "components.server.workers", Values: []string{"1"}})
	_, err = sweepTo(t, other, path, SweepOptions{})
	require.ErrorContains(t, err, "another study's")

	b, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(string(b), "\n")
	fields := strings.Split(lines[2], ",")
	fields[5] = "12345" // another seed
	lines[2] = strings.Join(fields, ",")
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644))
	_, err = sweepTo(t, p, path, SweepOptions{})
	require.ErrorContains(t, err, "runs.csv line 3: field seed")
}

// TestSweepRetriesFailedRuns: a combination whose runs fail is a row with
// its error; --retry-failed reruns only those, merging in index order.
func TestSweepRetriesFailedRuns(t *testing.T) {
	t.Parallel()
	p := mm1Plan(t, 2)
	dir := t.TempDir()
	path := filepath.Join(dir, "runs.csv")
	_, err := sweepTo(t, p, path, SweepOptions{})
	require.NoError(t, err)
	want, err := os.ReadFile(path)
	require.NoError(t, err)

	// Make rows 3 and 8 failed ones, as a crashed model would have left them.
	lines := strings.Split(string(want), "\n")
	for _, i := range []int{3, 8} {
		f := strings.Split(lines[1+i], ",")
		f[6], f[7] = "failed", "boom; twice"
		for j := 8; j < len(f)-1; j++ {
			f[j] = ""
		}
		lines[1+i] = strings.Join(f, ",")
	}
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644))
	res, err := sweepTo(t, p, path, SweepOptions{})
	require.NoError(t, err)
	require.Equal(t, SweepResult{Kept: 12, Failed: 2}, res, "without --retry-failed failed rows stay")

	rewritten := filepath.Join(dir, "runs.csv.new")
	rewrite := func() (io.Writer, func(bool) error, error) {
		f, err := os.Create(rewritten)
		return f, func(keep bool) error {
			if err := f.Close(); err != nil || !keep {
				return errors.Join(err, os.Remove(rewritten))
			}
			return os.Rename(rewritten, path)
		}, err
	}
	res, err = sweepTo(t, p, path, SweepOptions{RetryFailed: true, Rewrite: rewrite, ExecOptions: ExecOptions{Workers: 2}})
	require.NoError(t, err)
	require.Equal(t, SweepResult{Kept: 10, Ran: 2}, res)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got))
	require.NoFileExists(t, rewritten)
}

// TestFailedRunIsARow: a run whose scenario fails at run time is a row
// with its error on one line, and the others go on.
func TestFailedRunIsARow(t *testing.T) {
	t.Parallel()
	b, ok := scenarios.LookupBuiltin("mm1")
	require.True(t, ok)
	st := &Study{Scenario: "mm1", Sets: []string{"customers=2000"}, Design: Grid, Reps: 1,
		Axes: []Axis{{Key: "lambda", Values: []string{"0.5", "0.9"}}}}
	p, err := NewPlan(st, "mm1", b.File, b.Data, PlanOptions{})
	require.NoError(t, err)
	p.data = []byte(strings.Replace(string(b.Data), "users: 1000", "users: ${lambda > 0.6 ? 1 : 1000}", 1))
	row, ok := p.run(1, nil, nil)
	require.True(t, ok)
	require.False(t, row.OK())
	require.NotContains(t, row.Err, "\n")
}

// TestPlanRefusesABadCombination names the combination.
func TestPlanRefusesABadCombination(t *testing.T) {
	t.Parallel()
	b, _ := scenarios.LookupBuiltin("mm1")
	st := &Study{Scenario: "mm1", Design: Grid, Reps: 1, Axes: []Axis{{Key: "mu", Values: []string{"1", "banana"}}}}
	_, err := NewPlan(st, "mm1", b.File, b.Data, PlanOptions{})
	require.ErrorContains(t, err, "combination 2 of 2 (mu=banana)")
	st.Axes[0] = Axis{Key: "mu", Values: []string{"1"}}
	st.Plot = []string{"no.such.figure"}
	_, err = NewPlan(st, "mm1", b.File, b.Data, PlanOptions{})
	require.ErrorContains(t, err, "plot no.such.figure: the runs have no such figure")
}
