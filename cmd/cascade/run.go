package main

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/plots"
	"github.com/cascade-sim/cascade/scenarios"
)

const runUsage = `Usage: cascade run NAME|FILE [--seed N] [--set K=V]... [--out DIR] [--format png,svg]

Runs a scenario and prints a short summary. With --out, writes into DIR:
  summary.json      scenario, seed, params, outcome, documented figures and checks
  series.csv        every time series, long format: time_s,component,metric,value
  events.csv        the event log: time_s,component,kind,detail
  load.png          offered load per component, and normalised to its baseline
  availability.png  availability (and latency) per population
Every file is written atomically (temporary file, then rename).
`

func (a *app) run(args []string) error {
	fs := a.newFlags("run", runUsage)
	seed := fs.Uint64("seed", 0, "seed of every random stream (default: the scenario's seed)")
	sets := setFlag(fs)
	out := fs.String("out", "", "directory to write summary.json, series.csv, events.csv and plots into")
	format := fs.String("format", "png", "plot formats, comma-separated: png, svg")
	strict := fs.Bool("strict", false, "exit 1 if any documented check fails")
	quiet := fs.Bool("quiet", false, "print nothing on success and draw no progress bar")
	if err := parse(fs, args); err != nil {
		return err
	}
	arg, err := oneArg(fs, "scenario NAME or FILE")
	if err != nil {
		return err
	}
	formats, err := parseFormats(*format)
	if err != nil {
		return err
	}
	s, err := load(arg, true, *sets)
	if err != nil {
		return err
	}
	if fs.Changed("seed") {
		s.Seed = *seed
	}
	progress, done := func(now, end time.Duration) {}, func() {}
	if !*quiet {
		progress, done = a.newProgress(s.Name)
	}
	start := time.Now()
	res, err := scenarios.Run(s, scenarios.Options{Progress: progress})
	done()
	if err != nil {
		return err
	}
	wall := time.Since(start).Seconds()
	res.Summary.WallSeconds = wall
	if wall > 0 {
		res.Summary.EventsPerSecond = float64(res.Summary.Events) / wall
	}
	if *out != "" {
		files, err := renderOutputs(res, formats)
		if err != nil {
			return err
		}
		if err := writeAll(*out, files); err != nil {
			return err
		}
	}
	if !*quiet {
		printSummary(a.stdout, res, *out)
	}
	if *strict {
		for _, c := range res.Summary.Checks {
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

func parseFormats(s string) ([]string, error) {
	var out []string
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
			return nil, usagef("run: --format: unknown format %q (want png, svg or both, comma-separated)", f)
		}
	}
	return out, nil
}

// renderOutputs renders every output file in memory.
func renderOutputs(res *scenarios.Result, formats []string) ([]outputFile, error) {
	var files []outputFile
	var buf bytes.Buffer
	if err := res.WriteSummary(&buf); err != nil {
		return nil, err
	}
	files = append(files, outputFile{"summary.json", bytes.Clone(buf.Bytes())})
	buf.Reset()
	if err := res.WriteSeries(&buf); err != nil {
		return nil, err
	}
	files = append(files, outputFile{"series.csv", bytes.Clone(buf.Bytes())})
	buf.Reset()
	if err := res.WriteEvents(&buf); err != nil {
		return nil, err
	}
	files = append(files, outputFile{"events.csv", bytes.Clone(buf.Bytes())})
	figs := map[string]plots.Figure{
		"load":         fullRange(loadFigure(res), res),
		"availability": fullRange(availabilityFigure(res), res),
	}
	for _, name := range []string{"load", "availability"} {
		for _, f := range formats {
			b, err := plots.Render(figs[name], f)
			if err != nil {
				return nil, fmt.Errorf("plotting %s.%s: %w", name, f, err)
			}
			files = append(files, outputFile{name + "." + f, b})
		}
	}
	return files, nil
}
