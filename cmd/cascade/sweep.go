package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// studyGCPercent is the garbage collector's GOGC during a study, unless
// the environment sets GOGC.
const studyGCPercent = 800

// sweepFlags are cascade sweep's flags.
type sweepFlags struct {
	studyFlags
	workers     int
	out, format string
	retryFailed bool
	quiet       bool
	limits      limitsFlags
	shard       string
	emit        string
	shards      int
	image       string
}

func (a *app) sweepCmd() *cobra.Command {
	f := &sweepFlags{}
	cmd := &cobra.Command{
		Use:   "sweep (NAME|FILE --vary K=VALUES ... | --study FILE) --out DIR [flags]",
		Short: "run a scenario over a grid of values, replicated over seeds, into a study folder",
		Long: `Runs every combination of the --vary axes (a --with axis moves in lockstep
with the --vary before it), each --reps times, and writes the study folder DIR:
  study.json    the study: scenario (and its sha256), sets, axes, reps, seed,
                the columns of runs.csv, cascade's version
  runs.csv      one row per run, in run order: index, combination,
                replication, each axis's value, seed, status, error, every
                scalar figure of the run (named as documented metrics are,
                e.g. populations.japan.availability), and the cascade run
                command that repeats it
  summary.csv   per combination and figure: n, mean, sd, 95% interval
                (Student t for means, Wilson for yes-or-no figures)
  summary.json  the same, per combination
  plots/        the --plot figures against the axes: one axis, a line with
                its interval band; two axes, a heatmap too

Replication r of every combination runs with the same seed, derived from the
study's seed S by SplitMix64 (see docs/studies.md), so differences between
combinations are not seed noise. Runs go in parallel (--workers); every file
is byte-identical whatever the number of workers.

The folder is a journal: rows are added as runs finish. Interrupted (Ctrl-C,
SIGTERM, kill -9), it keeps every finished run; the same command resumes,
skipping them, and ends with the files an uninterrupted sweep writes. The
folder must hold the same study (study.json), else cascade refuses.
--retry-failed reruns failed runs. Exit 1 if any run failed (its row says why).`,
		Example: `  cascade sweep retry-storm --vary load=0.5..1.5/0.1 --vary retries=0,1,2,3 --reps 10 --out out/storm
  cascade sweep exchange-2022-12-02 --vary token_retries=0..3/1 --vary retry_budget=0,0.1,0.2 --reps 2 --out out/grid
  cascade sweep mmc --set customers=20000 --vary lambda=0.5..8*5 --with servers=1,2,4,8,16 --reps 3 --out out/mmc
  cascade sweep --study scenarios/studies/retry-storm-metastability.yaml --out out/map --workers 2`,
		ValidArgsFunction: completeScenario(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.sweep(cmd, args, f, experiment.Grid)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	addStudyFlags(fs, &f.studyFlags)
	addStudyRunFlags(cmd, f)
	return cmd
}

// addStudyRunFlags adds the flags of how a study runs and where it writes.
func addStudyRunFlags(cmd *cobra.Command, f *sweepFlags) {
	fs := cmd.Flags()
	fs.IntVar(&f.workers, "workers", 0, "runs at once (default: the number of CPUs cascade may use)")
	fs.StringVar(&f.out, "out", "", "the study folder to write or resume (required)")
	fs.StringVar(&f.format, "format", "png", "plot formats, comma-separated: png, svg; none for no plots")
	fs.BoolVar(&f.retryFailed, "retry-failed", false, "rerun the runs that failed in a previous attempt")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing on success and report no progress")
	addLimitFlags(fs, &f.limits)
	fs.StringVar(&f.shard, "shard", "", "run only shard i/n (runs whose index mod n is i), or auto: from a Slurm job array or a Kubernetes Indexed Job; --out may hold {shard}")
	fs.StringVar(&f.emit, "emit", "", "print a batch file that runs the --study in --shards shards, instead of running: slurm or k8s")
	fs.IntVar(&f.shards, "shards", 0, "with --emit: the number of shards (array tasks, or the Job's completions)")
	fs.StringVar(&f.image, "image", "cascade:latest", "with --emit k8s: the container image that has cascade on its PATH")
	_ = cmd.MarkFlagDirname("out")
	_ = cmd.MarkFlagFilename("study", "yaml", "yml")
}

func (a *app) sweep(cmd *cobra.Command, args []string, f *sweepFlags, design experiment.Design) error {
	if err := f.limits.check(); err != nil {
		return err
	}
	// A study's runs make much short-lived garbage over a small live heap,
	// so with the default GOGC the workers spend their time collecting it
	// (2 workers were 1.5x faster than 1 on 200 mm1 runs; 1.85-1.9x with
	// 800, which lets the heap grow to 9 times what is live).
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(studyGCPercent))
	}

	if f.out == "" {
		return usagef("--out DIR is required: a study folder keeps every run, so an interrupted study can resume (e.g. --out out/study)")
	}
	if f.workers < 0 {
		return usagef("--workers %d: expected a positive number (or 0 for the number of CPUs)", f.workers)
	}
	formats, err := parseFormats(f.format)
	if err != nil {
		return err
	}
	st, src, file, data, err := studyFromFlags(cmd.Flags(), args, &f.studyFlags, design)
	if err != nil {
		return err
	}
	if f.emit != "" {
		return a.emitBatch(cmd, f, st)
	}
	shard, err := parseShardFlag(f.shard, a.env)
	if err != nil {
		return err
	}
	if shard.Count == 0 && strings.Contains(f.out, "{shard}") {
		return usagef("--out %s holds {shard} but no --shard is given", f.out)
	}
	out := strings.ReplaceAll(f.out, "{shard}", strconv.Itoa(shard.Index))
	p, err := experiment.NewPlan(st, src, file, data, experiment.PlanOptions{Workers: f.workers, Limits: f.limits.get()})
	if err != nil {
		return err
	}
	p.Shard = shard
	record, err := renderStudyRecord(p, file, data)
	if err != nil {
		return err
	}
	folder, err := openStudyFolder(out, record)
	if err != nil {
		return err
	}
	defer folder.release()
	if err := folder.removeOutputs(); err != nil {
		return err
	}

	var stop atomic.Bool
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	var caught atomic.Int32
	go func() {
		for sig := range sigs {
			n := 0
			if s, ok := sig.(syscall.Signal); ok {
				n = int(s)
			}
			if caught.Load() != 0 && a.exit != nil {
				a.exit(128 + n) // a second signal: every finished row is already written
			}
			caught.Store(int32(n))
			stop.Store(true)
			fmt.Fprintf(a.stderr, "cascade: %v: stopping; finished runs are kept in %s\n", sig, out)
			if a.signalled != nil {
				a.signalled()
			}
		}
	}()
	a.at("study ready")

	journal, err := os.OpenFile(folder.path(runsFile), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("opening %s: %w", folder.path(runsFile), err)
	}
	defer journal.Close()
	info, err := journal.Stat()
	if err != nil {
		return fmt.Errorf("opening %s: %w", folder.path(runsFile), err)
	}
	start := time.Now()
	var progress *studyProgress
	res, err := p.Sweep(journal, info.Size(), experiment.SweepOptions{
		ExecOptions: experiment.ExecOptions{Workers: f.workers, Stop: func() bool {
			a.at("running")
			return stop.Load()
		}},
		RetryFailed: f.retryFailed,
		Rewrite:     folder.rewrite,
		Progress: func(done, total int) {
			if progress == nil {
				progress = a.newStudyProgress(p.Scenario, done-1, total, f.quiet)
			}
			progress.update(done, total)
			a.at(fmt.Sprintf("row %d", done))
		},
	})
	progress.finish()
	wall := time.Since(start)
	if errors.Is(err, scenarios.ErrStopped) {
		n := int(caught.Load())
		fmt.Fprintf(a.stderr, "cascade: stopped after %d of %d runs (%d now); the same command resumes the study\n", res.Kept+res.Ran, p.OwnedRuns(), res.Ran)
		if n == 0 {
			n = int(syscall.SIGINT)
		}
		return &errQuiet{code: 128 + n}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", folder.path(runsFile), err)
	}
	if err := journal.Sync(); err != nil {
		return fmt.Errorf("%s: %w", folder.path(runsFile), err)
	}
	a.at("runs done")
	if shard.Count > 0 {
		if !f.quiet {
			fmt.Fprintf(a.stdout, "%s: shard %s: %d of the study's %d runs (%d kept from before, %d run now, %d failed) in %s\n",
				p.Scenario, shard, p.OwnedRuns(), p.Runs(), res.Kept, res.Ran, res.Failed, out)
			fmt.Fprintf(a.stdout, "  merge the %d shards' folders with: cascade merge DIR... --out DIR\n", shard.Count)
		}
		if res.Failed > 0 {
			fmt.Fprintf(a.stderr, "cascade: %d runs of shard %s failed; their rows in %s say why; --retry-failed reruns them\n", res.Failed, shard, folder.path(runsFile))
			return &errQuiet{code: exitFail}
		}
		return nil
	}

	cells, err := writeStudySummaries(p, folder, false)
	if err != nil {
		return err
	}
	plot := writeStudyPlots
	if p.Study.Design == experiment.OneAtATime {
		plot = writeTornado
	}
	var plotted, notes []string
	if len(formats) > 0 && len(cells.figures) > 0 {
		if plotted, notes, err = plot(p, folder, cells, formats); err != nil {
			return err
		}
	}
	if !f.quiet {
		printStudy(printable(a.stdout), p, res, wall, out, cells, plotted, notes)
	}
	if res.Failed > 0 {
		fmt.Fprintf(a.stderr, "cascade: %d of %d runs failed; their rows in %s say why; --retry-failed reruns them\n", res.Failed, p.Runs(), folder.path(runsFile))
		return &errQuiet{code: exitFail}
	}
	return nil
}

// plotCells are the cells of a study with the estimates of the plotted
// figures only, so that memory does not grow with the columns.
type plotCells struct {
	figures []string
	cells   []experiment.Cell
}

// plotFigures are the figures a study plots: its own, or the default.
func plotFigures(p *experiment.Plan) []string {
	if len(p.Study.Plot) > 0 {
		return p.Study.Plot
	}
	for _, f := range []string{scenarios.FigureMetastable, scenarios.FigureOutageDuration} {
		if p.Column(f) >= 0 {
			return []string{f}
		}
	}
	return nil
}

// writeStudySummaries reads runs.csv once and writes summary.csv and
// summary.json, each whole or not at all.
func writeStudySummaries(p *experiment.Plan, folder *studyFolder, partial bool) (*plotCells, error) {
	figs := plotFigures(p)
	keep := &plotCells{figures: figs}
	var csvBuf, jsonBuf bytes.Buffer
	sc, err := p.NewSummaryCSV(&csvBuf)
	if err != nil {
		return nil, err
	}
	sj, err := p.NewSummaryJSON(&jsonBuf)
	if err != nil {
		return nil, err
	}
	runs, err := os.Open(folder.path(runsFile))
	if err != nil {
		return nil, err
	}
	defer runs.Close()
	err = p.Summarise(runs, partial, func(c experiment.Cell) error {
		if err := sc.Write(c); err != nil {
			return err
		}
		if err := sj.Write(c); err != nil {
			return err
		}
		small := c
		small.Figures = make([]experiment.Estimate, len(figs))
		for i, f := range figs {
			small.Figures[i] = c.Figures[p.Column(f)]
		}
		keep.cells = append(keep.cells, small)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("summarising %s: %w", folder.path(runsFile), err)
	}
	if err := sc.Close(); err != nil {
		return nil, err
	}
	if err := sj.Close(); err != nil {
		return nil, err
	}
	for _, w := range []struct {
		name string
		data []byte
	}{{summaryCSVFile, csvBuf.Bytes()}, {summaryJSON, jsonBuf.Bytes()}} {
		if err := folder.writeAtomic(w.name, w.data); err != nil {
			return nil, err
		}
	}
	return keep, nil
}

// printStudy prints what a study did and, for a few combinations, the
// first plotted figure per combination.
func printStudy(w io.Writer, p *experiment.Plan, res experiment.SweepResult, wall time.Duration, out string,
	cells *plotCells, plotted, notes []string) {
	fmt.Fprintf(w, "%s: %d combinations x %d replications = %d runs", p.Scenario, len(p.Combinations), p.Study.Reps, p.Runs())
	if res.Kept > 0 {
		fmt.Fprintf(w, " (%d kept from before)", res.Kept)
	}
	fmt.Fprintln(w)
	if res.Ran > 0 {
		fmt.Fprintf(w, "  ran %d in %s: %.2f runs/s\n", res.Ran, human(wall.Round(time.Millisecond)), float64(res.Ran)/wall.Seconds())
	}
	if res.Failed > 0 {
		fmt.Fprintf(w, "  %d failed\n", res.Failed)
	}
	fmt.Fprintf(w, "  wrote %s: %s, %s, %s", out, runsFile, summaryCSVFile, summaryJSON)
	for _, name := range plotted {
		fmt.Fprintf(w, ", %s", name)
	}
	fmt.Fprintln(w)
	for _, n := range notes {
		fmt.Fprintf(w, "  %s\n", n)
	}
	if len(cells.figures) == 0 {
		return
	}
	if p.Study.Design == experiment.OneAtATime {
		printEffects(w, p, cells)
		return
	}
	const maxRows = 30
	if len(cells.cells) > maxRows {
		fmt.Fprintf(w, "  %s per combination: see %s\n", cells.figures[0], summaryCSVFile)
		return
	}
	e0 := cells.cells[0].Figures[0]
	what := "mean, 95% t interval"
	if e0.Interval == experiment.Wilson {
		what = "share of runs, 95% Wilson interval"
	}
	fmt.Fprintf(w, "%s (%s):\n", cells.figures[0], what)
	width := 0
	for _, c := range cells.cells {
		width = max(width, len(c.Combination.Label(p.Study)))
	}
	for _, c := range cells.cells {
		e := c.Figures[0]
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.Combination.Label(p.Study), estimateText(e))
	}
}

// estimateText writes an estimate as "mean [lo, hi] (n)".
func estimateText(e experiment.Estimate) string {
	if e.N == 0 {
		return "no runs reported it"
	}
	if e.Lo != e.Lo { // NaN: no interval
		return fmt.Sprintf("%.4g (n=%d, no interval)", e.Mean, e.N)
	}
	return fmt.Sprintf("%.4g [%.4g, %.4g] (n=%d)", e.Mean, e.Lo, e.Hi, e.N)
}
