package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/plots"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// Files of a comparison folder.
const (
	compareFile    = "compare.json"
	compareCSVFile = "compare.csv"
	compareKind    = "compare"
	compareFormat  = 1
)

// Bounds of a comparison, which is held in memory.
const (
	maxCompareRuns   = 100_000
	maxOverlayValues = 20_000_000
)

// compareFlags are cascade compare's flags.
type compareFlags struct {
	studyFlags
	vs          []string
	workers     int
	out, format string
	size        string
	population  string
	load        string
	quiet       bool
	limits      limitsFlags
}

func (a *app) compareCmd() *cobra.Command {
	f := &compareFlags{}
	cmd := &cobra.Command{
		Use:   "compare (NAME|FILE --vs 'K=V ...' ... | --study FILE) [flags]",
		Short: "run a baseline and variants on the same seeds and report the differences",
		Long: `Runs the scenario (with --set: the baseline) and each --vs variant (the
baseline plus the variant's K=V overrides), each --reps times; replication r of
every variant runs with the seed of the baseline's replication r, so each
difference is paired. Prints, per variant, the difference from the baseline in
the scenario's documented figures and the outage, with a paired 95% t interval.
With --out, writes the folder DIR, whole or not at all (as cascade run does):
  compare.json      the study and, per variant and figure: pairs, baseline and
                    variant means, the mean difference and its 95% interval
  compare.csv       the same, one line per variant and figure
  runs.csv          one row per run, as cascade sweep writes it
  availability.png  the availability of one population (--population; default
                    the one the baseline hurts most), mean over replications
                    with its 95% band, per variant
  load.png          the offered load of one component (--load; default the
                    one whose load peaks highest over its baseline), likewise`,
		Example: `  cascade compare exchange-2022-12-02 --vs token_retries=0 --vs 'legacy_share=0' --reps 10
  cascade compare retry-storm --vs 'retry_budget=0.1' --vs 'retries=0' --reps 20 --out out/storm-cmp
  cascade compare --study scenarios/studies/exchange-2022-12-02-whatifs.yaml --out out/exchange-whatifs`,
		ValidArgsFunction: completeScenario(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.compare(cmd, args, f)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	fs.StringArrayVar(&f.vs, "vs", nil, "a variant: space-separated K=V overrides on top of the baseline; repeatable")
	f.sets = setFlag(fs)
	fs.IntVar(&f.reps, "reps", 10, "replications of the baseline and of each variant")
	fs.Uint64Var(&f.seed, "seed", 0, "the study's seed, from which every replication's seed is derived (default: the scenario's seed)")
	fs.StringVar(&f.study, "study", "", "read the comparison from this YAML file (design: compare)")
	fs.IntVar(&f.workers, "workers", 0, "runs at once (default: the number of CPUs cascade may use)")
	fs.StringVar(&f.out, "out", "", "the folder to write (replaced whole)")
	fs.StringVar(&f.format, "format", "png", "plot formats, comma-separated: png, svg; none for no plots")
	sizeFlag(fs, &f.size)
	fs.StringVar(&f.population, "population", "", "the population whose availability is plotted")
	fs.StringVar(&f.load, "load", "", "the component whose offered load is plotted")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing on success and report no progress")
	addLimitFlags(fs, &f.limits)
	_ = cmd.MarkFlagDirname("out")
	return cmd
}

// compareStudy builds the comparison from the flags or its file.
func compareStudy(cmd *cobra.Command, args []string, f *compareFlags) (*experiment.Study, string, string, []byte, error) {
	fs := cmd.Flags()
	if f.study != "" && fs.Changed("vs") {
		return nil, "", "", nil, usagef("--study reads the whole comparison from its file; --vs cannot be used with it")
	}
	if f.study == "" {
		if len(f.vs) == 0 {
			return nil, "", "", nil, usagef("no variant: give at least one --vs 'K=V ...' to compare with the baseline")
		}
		for _, v := range f.vs {
			sets := strings.Fields(v)
			f.variants = append(f.variants, experiment.Variant{Sets: sets})
		}
	}
	st, src, file, data, err := studyFromFlags(fs, args, &f.studyFlags, experiment.Compare)
	if err != nil {
		return nil, "", "", nil, err
	}
	if st.Design != experiment.Compare {
		return nil, "", "", nil, fmt.Errorf("%s: design %s: compare needs design: compare (and variants:)", f.study, st.Design)
	}
	return st, src, file, data, nil
}

// capturedRun is what a comparison keeps of each run beyond its figures:
// the plotted series, and for the first run the axis and markers.
type capturedRun struct {
	series map[string][]float64 // "availability\x00pop", "load\x00component"
	x      []float64
	axis   plots.TimeAxis
	marks  []plots.Marker
}

func captureRun(index int, res *scenarios.Result) any {
	c := capturedRun{series: map[string][]float64{}}
	for _, p := range res.Summary.Outcome.Populations {
		if s := find(res, p.Name, models.MetricAvailability); s != nil {
			c.series["availability\x00"+p.Name] = s.Values
		}
	}
	for _, o := range res.Summary.Outcome.Components {
		if s := find(res, o.Name, models.MetricOfferedPerS); s != nil {
			c.series["load\x00"+o.Name] = s.Values
		}
	}
	for _, v := range c.series {
		c.x = stepTimes(res, len(v))
		break
	}
	if index == 0 {
		c.axis, c.marks = timeAxis(res), markers(res)
	}
	return c
}

func (a *app) compare(cmd *cobra.Command, args []string, f *compareFlags) error {
	if err := f.limits.check(); err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(studyGCPercent))
	}
	if f.workers < 0 {
		return usagef("--workers %d: expected a positive number (or 0 for the number of CPUs)", f.workers)
	}
	formats, err := parseFormats(f.format)
	if err != nil {
		return err
	}
	if _, err := parseSize(f.size); err != nil {
		return err
	}
	st, src, file, data, err := compareStudy(cmd, args, f)
	if err != nil {
		return err
	}
	p, err := experiment.NewPlan(st, src, file, data, experiment.PlanOptions{Workers: f.workers, Limits: f.limits.get()})
	if err != nil {
		return err
	}
	// A comparison is held in memory (its rows and, for the overlays, each
	// variant's mean series): bounded here, not by the machine.
	if p.Runs() > maxCompareRuns {
		return usagef("%d runs: a comparison holds its runs in memory, at most %d; use cascade sweep for more", p.Runs(), maxCompareRuns)
	}
	if len(formats) > 0 {
		base, err := scenarios.Validate(file, data, st.Sets)
		if err != nil {
			return err
		}
		sz, err := scenarios.EstimateSize(base)
		if err != nil {
			return err
		}
		if n := int64(len(p.Combinations)) * int64(sz.Series) * int64(sz.Steps); n > maxOverlayValues {
			return usagef("the overlays would hold %d series values (%d variants x %d series x %d steps), at most %d: give --format none, or fewer variants",
				n, len(p.Combinations), sz.Series, sz.Steps, maxOverlayValues)
		}
	}
	var od *outDir
	if f.out != "" {
		od = &outDir{wrap: a.wrapFile}
		defer od.release()
		if err := od.prepare(f.out); err != nil {
			return err
		}
	}
	sig := a.catchSignals(od)
	defer sig.stop()

	var runsBuf bytes.Buffer
	rw, err := p.NewRowWriter(&runsBuf, true)
	if err != nil {
		return err
	}
	var results []experiment.VariantResult
	cmp, err := p.NewComparer(func(v experiment.VariantResult) error { results = append(results, v); return nil })
	if err != nil {
		return err
	}
	var cells []experiment.Cell
	summary := p.NewSummariser(func(c experiment.Cell) error { cells = append(cells, c); return nil })
	stats := make([]map[string]*experiment.SeriesStats, len(p.Combinations))
	var first capturedRun
	progress := a.newStudyProgress(p.Scenario, 0, p.Runs(), f.quiet)
	done := 0
	start := time.Now()
	err = experiment.Execute(p, func(yield func(int) bool) {
		for i := range p.Runs() {
			if !yield(i) {
				return
			}
		}
	}, experiment.ExecOptions{Workers: f.workers, Capture: captureRun}, func(r experiment.Row) error {
		if err := rw.Write(r); err != nil {
			return err
		}
		if err := cmp.Add(r); err != nil {
			return err
		}
		if err := summary.Add(r); err != nil {
			return err
		}
		if c, ok := r.Captured.(capturedRun); ok {
			if r.Index == 0 {
				first = c
			}
			cell := r.Index / p.Study.Reps
			if stats[cell] == nil {
				stats[cell] = map[string]*experiment.SeriesStats{}
			}
			for k, v := range c.series {
				if stats[cell][k] == nil {
					stats[cell][k] = &experiment.SeriesStats{}
				}
				stats[cell][k].Add(v)
			}
		}
		done++
		progress.update(done, p.Runs())
		a.at(fmt.Sprintf("row %d", done))
		return nil
	})
	progress.finish()
	if n := sig.caught(); n != 0 {
		return &errQuiet{code: 128 + n}
	}
	if err != nil {
		return err
	}
	if err := summary.Finish(); err != nil {
		return err
	}
	wall := time.Since(start)
	failed := cmp.BaselineFailed
	for _, v := range results {
		failed += v.Failed
	}
	if od != nil {
		files, err := compareOutputs(p, file, data, cmp, results, cells, runsBuf.Bytes(), stats, first, formats, f)
		if err != nil {
			return err
		}
		if err := od.write(files, func(name string) { a.at("wrote " + name) }); err != nil {
			return err
		}
		if err := od.commit(); err != nil {
			return err
		}
	}
	if !f.quiet {
		printComparison(printable(a.stdout), p, cmp, results, wall, f.out)
	}
	if failed > 0 {
		fmt.Fprintf(a.stderr, "cascade: %d of %d runs failed; runs.csv says why\n", failed, p.Runs())
		return &errQuiet{code: exitFail}
	}
	return nil
}

// compareRecord is compare.json.
type compareRecord struct {
	Tool           string            `json:"tool"`
	Kind           string            `json:"kind"`
	Format         int               `json:"format"`
	Cascade        buildInfo         `json:"cascade"`
	ScenarioSHA256 string            `json:"scenario_sha256"`
	Study          experiment.Record `json:"study"`
	Baseline       compareCell       `json:"baseline"`
	Variants       []compareVariant  `json:"variants"`
}

type compareCell struct {
	Name   string   `json:"name"`
	Sets   []string `json:"set"`
	Runs   int      `json:"runs"`
	Failed int      `json:"failed"`
	// Estimates are its own figures over its runs: n, mean, sd and 95%
	// interval (t, or Wilson for yes-or-no figures).
	Estimates map[string]estimateJSON `json:"estimates"`
}

// estimateJSON is an experiment.Estimate in compare.json.
type estimateJSON struct {
	N        int      `json:"n"`
	Mean     *float64 `json:"mean"`
	SD       *float64 `json:"sd"`
	Lo       *float64 `json:"ci95_lo"`
	Hi       *float64 `json:"ci95_hi"`
	Interval string   `json:"interval"`
}

// estimates are a cell's figures by path.
func estimates(p *experiment.Plan, c experiment.Cell) map[string]estimateJSON {
	out := map[string]estimateJSON{}
	for j, e := range c.Figures {
		out[p.Columns[j].Path] = estimateJSON{e.N, num(e.Mean), num(e.SD), num(e.Lo), num(e.Hi), e.Interval}
	}
	return out
}

type compareVariant struct {
	compareCell
	Figures map[string]compareFigure `json:"figures"`
}

type compareFigure struct {
	Pairs    int      `json:"pairs"`
	Baseline *float64 `json:"baseline_mean"`
	Variant  *float64 `json:"variant_mean"`
	Diff     *float64 `json:"diff_mean"`
	Lo       *float64 `json:"diff_ci95_lo"`
	Hi       *float64 `json:"diff_ci95_hi"`
}

func num(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

// compareOutputs renders every file of a comparison folder.
func compareOutputs(p *experiment.Plan, file string, data []byte, cmp *experiment.Comparer, results []experiment.VariantResult, cells []experiment.Cell, runs []byte,
	stats []map[string]*experiment.SeriesStats, first capturedRun, formats []string, f *compareFlags) ([]outputFile, error) {
	study, err := renderStudyRecord(p, file, data)
	if err != nil {
		return nil, err
	}
	var rec compareRecord
	var head studyRecord
	if err := json.Unmarshal(study, &head); err != nil {
		return nil, err
	}
	rec.Tool, rec.Kind, rec.Format, rec.Cascade = toolName, compareKind, compareFormat, head.Cascade
	rec.ScenarioSHA256, rec.Study = head.ScenarioSHA256, head.Study
	rec.Baseline = compareCell{Name: "baseline", Sets: []string{}, Runs: cmp.BaselineRuns, Failed: cmp.BaselineFailed, Estimates: estimates(p, cells[0])}
	var csvBuf bytes.Buffer
	cw := csv.NewWriter(&csvBuf)
	_ = cw.Write([]string{"variant", "figure", "pairs", "baseline_mean", "variant_mean", "diff_mean", "diff_ci95_lo", "diff_ci95_hi", "runs", "failed"})
	for _, v := range results {
		cv := compareVariant{compareCell: compareCell{Name: v.Combination.Label(p.Study), Sets: v.Combination.Sets(p.Study), Runs: v.Runs, Failed: v.Failed,
			Estimates: estimates(p, cells[v.Combination.Index])},
			Figures: map[string]compareFigure{}}
		for j, d := range v.Figures {
			path := p.Columns[j].Path
			cv.Figures[path] = compareFigure{d.N, num(d.Baseline), num(d.Variant), num(d.Diff.Mean), num(d.Diff.Lo), num(d.Diff.Hi)}
			_ = cw.Write([]string{cv.Name, path, strconv.Itoa(d.N), experiment.FormatNumber(d.Baseline), experiment.FormatNumber(d.Variant),
				experiment.FormatNumber(d.Diff.Mean), experiment.FormatNumber(d.Diff.Lo), experiment.FormatNumber(d.Diff.Hi),
				strconv.Itoa(v.Runs), strconv.Itoa(v.Failed)})
		}
		rec.Variants = append(rec.Variants, cv)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	var jsonBuf bytes.Buffer
	enc := json.NewEncoder(&jsonBuf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		return nil, fmt.Errorf("encoding %s: %w", compareFile, err)
	}
	files := []outputFile{{compareFile, jsonBuf.Bytes()}, {compareCSVFile, csvBuf.Bytes()}, {runsFile, runs}}
	if len(formats) == 0 || stats[0] == nil {
		return files, nil
	}
	pop, err := pickPopulation(p, cmp, f.population)
	if err != nil {
		return nil, err
	}
	comp, err := pickComponent(p, cmp, f.load)
	if err != nil {
		return nil, err
	}
	figs := []struct {
		name, key, title, ylabel string
		share                    bool
	}{
		{"availability", "availability\x00" + pop, "availability of " + pop, "availability", true},
		{"load", "load\x00" + comp, "offered load at " + comp, "requests/s", false},
	}
	for _, fg := range figs {
		panel := plots.Panel{Title: fmt.Sprintf("%s: mean over %d replications, 95%% band", fg.title, p.Study.Reps), YLabel: fg.ylabel}
		if fg.share {
			panel.YMin, panel.YMax = 0, 1.05
		}
		for cell := range p.Combinations {
			s := stats[cell][fg.key]
			if s == nil {
				continue
			}
			mean, lo, hi := s.Estimates()
			x := first.x
			if len(x) != len(mean) {
				continue
			}
			line := plots.Line{Label: p.Combinations[cell].Label(p.Study), X: x, Y: mean}
			if p.Study.Reps > 1 {
				line.Lo, line.Hi = lo, hi
			}
			panel.Lines = append(panel.Lines, line)
		}
		fig := plots.Figure{Title: fmt.Sprintf("%s: the baseline and %d variants (markers: the baseline's events)", p.Scenario, len(results)),
			Panels: []plots.Panel{panel}, Markers: first.marks, Time: first.axis}
		size, err := parseSize(f.size)
		if err != nil {
			return nil, err
		}
		if fig, err = size.apply(fig); err != nil {
			return nil, fmt.Errorf("plotting %s: %w", fg.name, err)
		}
		for _, format := range formats {
			b, err := plots.Render(fig, format)
			if err != nil {
				return nil, fmt.Errorf("plotting %s.%s: %w", fg.name, format, err)
			}
			files = append(files, outputFile{fg.name + "." + format, b})
		}
	}
	return files, nil
}

// pickPlotted chooses what a comparison's overlay shows: the name given
// by flag, or among the names of the columns prefix.NAME.suffix the one
// whose baseline mean of score(NAME) is best (lowest when lowest, else
// highest); the first name if none has a mean.
func pickPlotted(p *experiment.Plan, cmp *experiment.Comparer, flag, name, prefix, suffix string,
	score func(name string) string, lowest bool) (string, error) {
	var names []string
	for _, c := range p.Columns {
		if rest, ok := strings.CutPrefix(c.Path, prefix); ok {
			if n, ok := strings.CutSuffix(rest, suffix); ok {
				names = append(names, n)
			}
		}
	}
	if name != "" {
		if slices.Contains(names, name) {
			return name, nil
		}
		return "", usagef("%s %s: the scenario has %s", flag, name, strings.Join(names, ", "))
	}
	best, bestV := "", math.NaN()
	for _, n := range names {
		v := cmp.BaselineMean(p.Column(score(n)))
		if !math.IsNaN(v) && (math.IsNaN(bestV) || lowest && v < bestV || !lowest && v > bestV) {
			best, bestV = n, v
		}
	}
	if best == "" && len(names) > 0 {
		best = names[0]
	}
	return best, nil
}

// pickPopulation is --population, or the population with the lowest mean
// availability in the baseline.
func pickPopulation(p *experiment.Plan, cmp *experiment.Comparer, name string) (string, error) {
	return pickPlotted(p, cmp, "--population", name, scenarios.FigurePopulations+".", "."+scenarios.PopulationAvailability,
		func(n string) string { return scenarios.PopulationFigure(n, scenarios.PopulationAvailability) }, true)
}

// pickComponent is --load, or the component whose offered load peaks
// highest over its baseline mean.
func pickComponent(p *experiment.Plan, cmp *experiment.Comparer, name string) (string, error) {
	return pickPlotted(p, cmp, "--load", name, scenarios.FigureComponents+".", "."+scenarios.ComponentOffered,
		scenarios.PeakLoadRatioFigure, false)
}

// printComparison prints, per variant, the difference in the documented
// figures and the outage.
func printComparison(w io.Writer, p *experiment.Plan, cmp *experiment.Comparer, results []experiment.VariantResult, wall time.Duration, out string) {
	variants := "variants"
	if len(results) == 1 {
		variants = "variant"
	}
	fmt.Fprintf(w, "%s: baseline and %d %s x %d replications = %d runs in %s\n", p.Scenario, len(results), variants, p.Study.Reps, p.Runs(), human(wall.Round(time.Millisecond)))
	if out != "" {
		fmt.Fprintf(w, "  wrote %s\n", out)
	}
	figs := compareFigures(p)
	fmt.Fprintln(w, "difference from the baseline (variant - baseline, mean over paired replications, 95% t interval):")
	for _, v := range results {
		fmt.Fprintf(w, "  %s\n", v.Combination.Label(p.Study))
		for _, path := range figs {
			d := v.Figures[p.Column(path)]
			if d.N == 0 {
				fmt.Fprintf(w, "    %-40s no pairs\n", path)
				continue
			}
			ci := "no interval"
			if !math.IsNaN(d.Diff.Lo) {
				ci = "[" + signed(d.Diff.Lo) + ", " + signed(d.Diff.Hi) + "]"
			}
			fmt.Fprintf(w, "    %-40s %s -> %s: %s %s\n", path, short(d.Baseline), short(d.Variant), signed(d.Diff.Mean), ci)
		}
	}
}

// compareFigures are the figures a comparison prints: the documented
// metrics, the outage and, if measured, metastability.
func compareFigures(p *experiment.Plan) []string {
	var out []string
	seen := map[string]bool{}
	add := func(path string) {
		if !seen[path] && p.Column(path) >= 0 {
			seen[path] = true
			out = append(out, path)
		}
	}
	for _, m := range p.DocumentedMetrics() {
		for _, part := range strings.Split(m, " + ") {
			add(strings.TrimSpace(part))
		}
	}
	add(scenarios.FigureOutageDuration)
	add(scenarios.FigureImpactedUsers)
	add(scenarios.FigureMetastable)
	return out
}

// short writes a figure for people: whole numbers whole, others with four
// significant digits (one decimal from 10,000 up).
func short(v float64) string {
	switch a := math.Abs(v); {
	case v == math.Trunc(v) && a < 1e15:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 1e4 && a < 1e15:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// signed is short with a sign.
func signed(v float64) string {
	if v >= 0 {
		return "+" + short(v)
	}
	return short(v)
}
