package main

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/plots"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// runFlags are cascade run's flags.
type runFlags struct {
	seed          uint64
	sets          *[]string
	out, format   string
	size          string
	from          string
	strict, quiet bool
	json          bool
	limits        limitsFlags
}

func (a *app) runCmd() *cobra.Command {
	f := &runFlags{}
	cmd := &cobra.Command{
		Use:   "run (NAME|FILE | --from DIR) [flags]",
		Short: "run a scenario, print a summary, write a run folder",
		Long: `Runs a scenario and prints a short summary. With --out, writes the run folder DIR:
  summary.json      scenario, seed, params, outcome, documented figures and checks
  series.csv        every time series, long format: time_s,component,metric,value
  events.csv        the event log: time_s,clock,component,kind,detail
  load.png          offered load per component, and normalised to its baseline
  availability.png  availability (and latency) per population
  run.json          provenance: version, command, resolved scenario and its
                    sha256, seed; and the wall-clock figures
(and load.svg, availability.svg with --format svg; --format none writes
summary.json and run.json only). --json prints summary.json to stdout instead
of the summary for people. docs/outputs.md describes every field.

A run folder is whole or absent: every file is written into a temporary
folder beside DIR, which then replaces DIR in one step. A run that fails, or is
interrupted, leaves a previous DIR byte for byte. cascade replaces only a
folder it wrote (one with its run.json) or an empty one, and checks that DIR
can be written before it simulates. With --strict the outputs are written
(they show why a check failed) and the exit code is 1.

summary.json, series.csv, events.csv and the plots are byte-identical for the
same scenario, seed and cascade version on the same OS/arch; run.json differs
in its wall-clock fields and command line. --from DIR reruns DIR's run.json:
the same resolved scenario, seed, plot formats and size.

--size WxH draws the plots W by H pixels (PNG, and the SVG's size), text
scaled with the size so that it reads on a projector: 16:9 is 1920x1080,
4:3 is 1600x1200; the panels share the height.`,
		Example: `  cascade run mm1
  cascade run exchange-2022-12-02 --out out/exchange --format png,svg
  cascade run docomo-2022-12-17 --out out/docomo --size 16:9
  cascade run kakao-2022-10-15 --seed 7 --set dr_mode=active-active --out out/kakao-aa
  cascade run my-scenario.yaml --set components.api.workers=8 --strict
  cascade run --from out/exchange --out out/exchange-again`,
		ValidArgsFunction: completeScenario(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.run(cmd, args, f)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	fs.Uint64Var(&f.seed, "seed", 0, "seed of every random stream (default: the scenario's seed)")
	f.sets = setFlag(fs)
	fs.StringVar(&f.out, "out", "", "the run folder to write (replaced whole; see above)")
	fs.StringVar(&f.format, "format", "png", "plot formats, comma-separated: png, svg; none writes only summary.json and run.json")
	sizeFlag(fs, &f.size)
	fs.StringVar(&f.from, "from", "", "rerun the run recorded in this folder's run.json")
	fs.BoolVar(&f.strict, "strict", false, "exit 1 if any documented check fails (the outputs are still written)")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing on success and draw no progress bar")
	fs.BoolVar(&f.json, "json", false, "print summary.json to stdout instead of the summary for people")
	addLimitFlags(fs, &f.limits)
	_ = cmd.MarkFlagDirname("out")
	_ = cmd.MarkFlagDirname("from")
	return cmd
}

// at calls the test hook at a named point of a run.
func (a *app) at(point string) {
	if a.hook != nil {
		a.hook(point)
	}
}

func (a *app) run(cmd *cobra.Command, args []string, f *runFlags) error {
	if err := f.limits.check(); err != nil {
		return err
	}
	rec := &runRecord{Command: a.commandLine()}
	var s *spec.Spec
	formatFlag, sizeFlag := f.format, f.size
	if f.from != "" {
		if len(args) > 0 {
			return usagef("run: give a scenario or --from DIR, not both")
		}
		if cmd.Flags().Changed("set") || cmd.Flags().Changed("seed") {
			return usagef("run: --from reruns a run exactly; --set and --seed cannot be used with it")
		}
		old, path, err := readRunRecord(f.from)
		if err != nil {
			return err
		}
		if s, err = loadRecorded(old, path); err != nil {
			return err
		}
		rec.Scenario.Source, rec.Scenario.Sets = old.Scenario.Source, old.Scenario.Sets
		if !cmd.Flags().Changed("format") {
			formatFlag = strings.Join(old.PlotFormats, ",")
			if formatFlag == "" {
				formatFlag = "none"
			}
		}
		if !cmd.Flags().Changed("size") {
			sizeFlag = old.PlotSize
		}
	} else {
		if err := exactlyOne("scenario NAME or FILE")(cmd, args); err != nil {
			return err
		}
		var err error
		if s, err = load(args[0], true, *f.sets); err != nil {
			return err
		}
		if cmd.Flags().Changed("seed") {
			s.Seed = f.seed
		}
		rec.Scenario.Source, rec.Scenario.Sets = args[0], *f.sets
	}
	formats, err := parseFormats(formatFlag)
	if err != nil {
		return err
	}
	size, err := parseSize(sizeFlag)
	if err != nil {
		return err
	}
	// Refused for its size before anything is prepared or written.
	if err := scenarios.CheckSize(s, f.limits.get()); err != nil {
		return err
	}
	resolved, digest, err := resolve(s)
	if err != nil {
		return err
	}
	rec.Scenario.Name, rec.Scenario.Resolved, rec.Scenario.SHA256 = s.Name, string(resolved), digest
	rec.Seed, rec.PlotFormats, rec.PlotSize = s.Seed, formats, size.String()
	if rec.Scenario.Sets == nil {
		rec.Scenario.Sets = []string{}
	}

	var od *outDir
	if f.out != "" {
		od = &outDir{wrap: a.wrapFile}
	}
	sig := a.catchSignals(od)
	defer sig.stop()
	err = a.runTo(s, f, od, formats, size, rec)
	if n := sig.caught(); n != 0 {
		return &errQuiet{code: 128 + n}
	}
	return err
}

// runTo prepares the run folder, simulates, writes and commits.
func (a *app) runTo(s *spec.Spec, f *runFlags, od *outDir, formats []string, size plotSize, rec *runRecord) error {
	if od != nil {
		defer od.release()
		if err := od.prepare(f.out); err != nil {
			return err
		}
	}
	a.at("prepared")
	progress, done := func(now, end time.Duration) {}, func() {}
	if !f.quiet {
		progress, done = a.newProgress(s.Name)
	}
	start := time.Now()
	res, err := scenarios.Run(s, scenarios.Options{Progress: progress, Limits: f.limits.get()})
	done()
	if err != nil {
		return err
	}
	wall := time.Since(start).Seconds()
	rec.StartedUTC = start.UTC().Format(time.RFC3339)
	rec.Events, rec.WallSeconds = res.Summary.Events, wall
	if wall > 0 {
		rec.EventsPerSecond = float64(res.Summary.Events) / wall
	}
	a.at("simulated")
	if od != nil {
		files, err := renderOutputs(res, formats, size)
		if err != nil {
			return err
		}
		runJSON, err := renderRunRecord(rec, files)
		if err != nil {
			return err
		}
		files = append(files, runJSON)
		if err := od.write(files, func(name string) { a.at("wrote " + name) }); err != nil {
			return err
		}
		a.at("commit")
		if err := od.commit(); err != nil {
			return err
		}
		a.at("committed")
	}
	switch {
	case f.json:
		if err := res.WriteSummary(a.stdout); err != nil {
			return fmt.Errorf("printing summary.json: %w", err)
		}
	case !f.quiet:
		printSummary(printable(a.stdout), res, f.out, rec)
	}
	if f.strict {
		for _, c := range res.Summary.Checks {
			if c.Inconclusive != "" {
				return fmt.Errorf("documented check %s is inconclusive: %s", c.Name, c.Inconclusive)
			}
			if !c.OK && c.Missing != "" {
				return fmt.Errorf("documented check %s failed: the run has no such figure: %s", c.Name, c.Missing)
			}
			if !c.OK {
				return fmt.Errorf("documented check %s failed: simulated %g, documented %g", c.Name, c.Simulated, c.Documented)
			}
		}
	}
	return nil
}

// commandLine is the command line for run.json.
func (a *app) commandLine() []string {
	name := a.args0
	if name == "" {
		name = "cascade"
	}
	return append([]string{name}, a.args...)
}

// parseFormats reads --format: plot formats, or "none" for no plots (an
// empty list).
func parseFormats(s string) ([]string, error) {
	out := []string{}
	if strings.ToLower(strings.TrimSpace(s)) == "none" {
		return out, nil
	}
	seen := map[string]bool{}
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "png", "svg":
			if !seen[f] {
				out = append(out, f)
				seen[f] = true
			}
		default:
			return nil, usagef("run: --format: unknown format %q (want png, svg or both, comma-separated, or none)", f)
		}
	}
	return out, nil
}

// renderOutputs renders every output file but run.json in memory, the
// plots at size. Without plot formats (--format none) only summary.json is
// written.
func renderOutputs(res *scenarios.Result, formats []string, size plotSize) ([]outputFile, error) {
	var files []outputFile
	writers := []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"summary.json", func(b *bytes.Buffer) error { return res.WriteSummary(b) }},
		{"series.csv", func(b *bytes.Buffer) error { return res.WriteSeries(b) }},
		{"events.csv", func(b *bytes.Buffer) error { return res.WriteEvents(b) }},
	}
	if len(formats) == 0 {
		writers = writers[:1]
	}
	for _, w := range writers {
		var buf bytes.Buffer
		if err := w.write(&buf); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", w.name, err)
		}
		files = append(files, outputFile{w.name, buf.Bytes()})
	}
	if len(formats) == 0 {
		return files, nil
	}
	figs := map[string]plots.Figure{
		"load":         fullRange(dropFlatPanels(loadFigure(res)), res),
		"availability": fullRange(dropFlatPanels(availabilityFigure(res)), res),
	}
	for _, name := range []string{"load", "availability"} {
		fig, err := size.apply(figs[name])
		if err != nil {
			return nil, fmt.Errorf("plotting %s: %w", name, err)
		}
		for _, f := range formats {
			b, err := plots.Render(fig, f)
			if err != nil {
				return nil, fmt.Errorf("plotting %s.%s: %w", name, f, err)
			}
			files = append(files, outputFile{name + "." + f, b})
		}
	}
	return files, nil
}
