package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// reportFlags are cascade report's flags.
type reportFlags struct {
	sets    *[]string
	seed    uint64
	also    []string
	compare string
	large   bool
	out     string
	limits  limitsFlags
}

func (a *app) reportCmd() *cobra.Command {
	f := &reportFlags{}
	cmd := &cobra.Command{
		Use:   "report (RUN_DIR|NAME|FILE) --out report.html [flags]",
		Short: "one self-contained HTML page of an incident: summary, topology, checks, timeline, plots, params, what-ifs",
		Long: `Writes one HTML file that needs nothing else (no network, no scripts, no
fonts or images from elsewhere): the incident's summary, the topology, the
documented figures beside the simulated ones in people's units with each
check's kind (input, calibrated, emergent), the timeline with the documented
times, the load and availability plots as inline SVG, the params with where
each value comes from (documented, with its source, or an estimate), and
the what-ifs.

RUN_DIR is a run folder (cascade run --out): its run.json is rerun exactly
as run --from does, and the rerun's summary.json must equal the folder's.
NAME or FILE is run in memory, with --set and --seed.

--also adds a what-if beside the main run: a run folder, or K=V overrides
on the main run's scenario and seed ('K=V,K2=V2'); repeatable. --compare
DIR adds the table of a folder written by cascade compare --out. --large
sets the page in large type for a projector. The page prints (a print style
sheet) and reads on a phone.

The file is written whole or not at all (a temporary file, then renamed);
the same input gives the same bytes.`,
		Example: `  cascade report docomo-2022-12-17 --out docomo.html
  cascade report out/exchange --out exchange.html --large
  cascade report kakao-2022-10-15 --also dr_mode=active-active --also 'notice_lead=60' --out kakao.html
  cascade report exchange-2022-12-02 --compare out/exchange-whatifs --out exchange.html`,
		Args:              exactlyOne("run folder, scenario NAME or FILE"),
		ValidArgsFunction: completeScenario(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.report(cmd, args, f)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	f.sets = setFlag(fs)
	fs.Uint64Var(&f.seed, "seed", 0, "the seed (default: the scenario's)")
	fs.StringArrayVar(&f.also, "also", nil, "a what-if beside the main run: a run folder, or 'K=V,K2=V2' overrides on the main run; repeatable")
	fs.StringVar(&f.compare, "compare", "", "include the table of this comparison folder (cascade compare --out)")
	fs.BoolVar(&f.large, "large", false, "large type, for a projector")
	fs.StringVar(&f.out, "out", "", "the HTML file to write (replaced whole)")
	addLimitFlags(fs, &f.limits)
	_ = cmd.MarkFlagDirname("compare")
	return cmd
}

// reportRun is one run shown in a report: its result and how it was made.
type reportRun struct {
	label string   // "main run", or the what-if's overrides or folder
	from  string   // the run folder it was rerun from, if any
	sets  []string // the overrides it ran with (beyond the scenario's file)
	res   *scenarios.Result
}

// reportSource is what --also K=V runs start from: the main run's
// scenario bytes, file name, overrides and seed.
type reportSource struct {
	file string
	data []byte
	sets []string
	seed *uint64
}

func (a *app) report(cmd *cobra.Command, args []string, f *reportFlags) error {
	if err := f.limits.check(); err != nil {
		return err
	}
	if f.out == "" {
		return usagef("report: give --out FILE.html, the file to write")
	}
	if st, err := os.Stat(f.out); err == nil && st.IsDir() {
		return fmt.Errorf("report: --out %s is a directory; give the HTML file to write", f.out)
	}
	main, src, err := a.reportMain(cmd, args[0], f)
	if err != nil {
		return err
	}
	runs := []reportRun{main}
	for _, also := range f.also {
		r, err := a.reportAlso(also, src, f)
		if err != nil {
			return err
		}
		if got, want := r.res.Spec.Name, main.res.Spec.Name; got != want {
			return fmt.Errorf("--also %s: a run of scenario %q; the report is of %q, and a what-if must be of the same scenario", also, got, want)
		}
		runs = append(runs, r)
	}
	var cmpRec *compareRecord
	if f.compare != "" {
		if cmpRec, err = readCompareFolder(f.compare, main.res.Spec.Name); err != nil {
			return err
		}
	}
	page, err := buildReport(runs, cmpRec, f.compare, f.large)
	if err != nil {
		return err
	}
	html, err := renderReport(page)
	if err != nil {
		return err
	}
	// A signal during the write waits for it to end, so that no
	// temporary file is left: the report is then whole, or absent.
	held := make(chan os.Signal, 1)
	signal.Notify(held, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	werr := writeFileWhole(f.out, html, a.wrapFile)
	signal.Stop(held)
	select {
	case sig := <-held:
		n, _ := sig.(syscall.Signal)
		msg := "the report was written whole"
		if werr != nil {
			msg = "no report was written; a previous one is unchanged"
		}
		fmt.Fprintf(a.stderr, "cascade: %v: stopped; %s\n", sig, msg)
		return &errQuiet{code: 128 + int(n)}
	default:
	}
	if werr != nil {
		return werr
	}
	fmt.Fprintf(a.stdout, "wrote %s (%d bytes)\n", filepath.Clean(f.out), len(html))
	return nil
}

// reportMain runs the main run: a run folder's record, or a scenario
// with --set and --seed.
func (a *app) reportMain(cmd *cobra.Command, arg string, f *reportFlags) (reportRun, reportSource, error) {
	if isDir(arg) {
		if _, ok := scenarios.LookupBuiltin(arg); ok {
			return reportRun{}, reportSource{}, fmt.Errorf("%q is both a built-in scenario and a folder here: write ./%s for the folder", arg, arg)
		}
		if cmd.Flags().Changed("set") || cmd.Flags().Changed("seed") {
			return reportRun{}, reportSource{}, usagef("report: a run folder is rerun exactly; --set and --seed cannot be used with it (use --also 'K=V' for a what-if)")
		}
		r, src, err := a.rerunFolder(arg, f)
		r.label = "main run"
		return r, src, err
	}
	file, data, err := source(arg, true)
	if err != nil {
		return reportRun{}, reportSource{}, err
	}
	src := reportSource{file: file, data: data, sets: *f.sets}
	if cmd.Flags().Changed("seed") {
		seed := f.seed
		src.seed = &seed
	}
	res, err := a.reportRunSource(src, nil, f)
	if err != nil {
		return reportRun{}, reportSource{}, err
	}
	return reportRun{label: "main run", sets: src.sets, res: res}, src, nil
}

// reportRunSource loads src with more overrides and runs it.
func (a *app) reportRunSource(src reportSource, more []string, f *reportFlags) (*scenarios.Result, error) {
	s, err := scenarios.Validate(src.file, src.data, append(append([]string{}, src.sets...), more...))
	if err != nil {
		return nil, err
	}
	if src.seed != nil {
		s.Seed = *src.seed
	}
	return a.reportSimulate(s, f)
}

// reportSimulate runs s (no progress bar: a report is one file).
func (a *app) reportSimulate(s *spec.Spec, f *reportFlags) (*scenarios.Result, error) {
	if err := scenarios.CheckSize(s, f.limits.get()); err != nil {
		return nil, err
	}
	return scenarios.Run(s, scenarios.Options{Limits: f.limits.get()})
}

// rerunFolder reruns a run folder's run.json, as run --from does, and
// checks that the rerun's summary.json is the folder's byte for byte.
func (a *app) rerunFolder(dir string, f *reportFlags) (reportRun, reportSource, error) {
	rec, path, err := readRunRecord(dir)
	if err != nil {
		return reportRun{}, reportSource{}, err
	}
	s, err := loadRecorded(rec, path)
	if err != nil {
		return reportRun{}, reportSource{}, err
	}
	summaryPath := filepath.Join(dir, "summary.json")
	want, err := os.ReadFile(summaryPath)
	if err != nil {
		return reportRun{}, reportSource{}, fmt.Errorf("run folder %s: %w", dir, err)
	}
	res, err := a.reportSimulate(s, f)
	if err != nil {
		return reportRun{}, reportSource{}, err
	}
	var got bytes.Buffer
	if err := res.WriteSummary(&got); err != nil {
		return reportRun{}, reportSource{}, fmt.Errorf("rendering summary.json: %w", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		return reportRun{}, reportSource{}, fmt.Errorf("%s: the rerun of %s gives a different summary.json: written by another cascade version or edited", summaryPath, path)
	}
	seed := rec.Seed
	src := reportSource{file: path + " (scenario.resolved)", data: []byte(rec.Scenario.Resolved), seed: &seed}
	return reportRun{from: dir, sets: rec.Scenario.Sets, res: res}, src, nil
}

// reportAlso runs one --also what-if: a run folder, or overrides on the
// main run's scenario.
func (a *app) reportAlso(also string, src reportSource, f *reportFlags) (reportRun, error) {
	if isDir(also) {
		r, _, err := a.rerunFolder(also, f)
		if err != nil {
			return reportRun{}, fmt.Errorf("--also %s: %w", also, err)
		}
		r.label = filepath.Base(filepath.Clean(also))
		return r, nil
	}
	sets, err := splitOverrides(also)
	if err != nil {
		return reportRun{}, err
	}
	res, err := a.reportRunSource(src, sets, f)
	if err != nil {
		if len(spec.Errors(err)) > 0 {
			return reportRun{}, err
		}
		return reportRun{}, fmt.Errorf("--also %s: %w", also, err)
	}
	return reportRun{label: strings.Join(sets, ", "), sets: append(append([]string{}, src.sets...), sets...), res: res}, nil
}

// splitOverrides reads an --also list of overrides, 'K=V,K2=V2': split at
// the commas that start a new K=V (a value may hold commas of its own).
func splitOverrides(s string) ([]string, error) {
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		k, _, hasEq := strings.Cut(part, "=")
		switch {
		case hasEq && k != "" && !strings.ContainsAny(k, " \t"):
			out = append(out, part)
		case len(out) > 0:
			out[len(out)-1] += "," + part
		default:
			return nil, usagef("--also %q: expected a run folder or overrides 'K=V,K2=V2' (no folder of that name here)", s)
		}
	}
	return out, nil
}

// isDir reports whether path is a directory.
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// readCompareFolder reads the compare.json of a folder cascade compare
// wrote, for the scenario named scenario.
func readCompareFolder(dir, scenario string) (*compareRecord, error) {
	path := filepath.Join(dir, compareFile)
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("--compare %s: no %s there: give a folder written by cascade compare --out", dir, compareFile)
		}
		return nil, fmt.Errorf("--compare %s: %w", dir, err)
	}
	var rec compareRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, fmt.Errorf("--compare %s: %s is not a comparison: %w", dir, path, err)
	}
	if rec.Tool != toolName || rec.Kind != compareKind {
		return nil, fmt.Errorf("--compare %s: %s was not written by cascade compare (no \"tool\": %q, \"kind\": %q)", dir, path, toolName, compareKind)
	}
	if rec.Format > compareFormat {
		return nil, fmt.Errorf("--compare %s: %s has format %d; this cascade reads format %d and older", dir, path, rec.Format, compareFormat)
	}
	if rec.Study.Scenario != scenario {
		return nil, fmt.Errorf("--compare %s: %s compares scenario %q, the report is of %q", dir, path, rec.Study.Scenario, scenario)
	}
	return &rec, nil
}

// writeFileWhole writes data to path whole or not at all: into a
// temporary file beside it, synced, then renamed over it. On failure the
// temporary file is removed and a previous file is left as it was. wrap,
// if not nil, wraps the writer (tests make it fail).
func writeFileWhole(path string, data []byte, wrap func(string, io.Writer) io.Writer) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	var w io.Writer = tmp
	if wrap != nil {
		w = wrap(base, w)
	}
	if _, err = w.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return syncDir(dir)
}
