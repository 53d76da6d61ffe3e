package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// axesFlag collects --vary and --with in the order given: a --with axis
// moves in lockstep with the axis before it.
type axesFlag struct {
	axes     *[]experiment.Axis
	lockstep bool
}

func (f axesFlag) String() string { return "" }
func (f axesFlag) Type() string   { return "K=VALUES" }

func (f axesFlag) Set(v string) error {
	a, err := experiment.ParseAxis(v)
	if err != nil {
		return err
	}
	a.Lockstep = f.lockstep
	*f.axes = append(*f.axes, a)
	return nil
}

// studyFlags are the flags that describe a study on the command line
// (rather than in a study file).
type studyFlags struct {
	axes  []experiment.Axis
	sets  *[]string
	reps  int
	seed  uint64
	study string
	plot  []string
	// variants are compare's --vs, as variants.
	variants []experiment.Variant
}

// addStudyFlags adds the flags shared by sweep and sensitivity.
func addStudyFlags(fs *pflag.FlagSet, f *studyFlags) {
	fs.Var(axesFlag{axes: &f.axes}, "vary", "an axis: K=v1,v2,... or K=lo..hi/step or K=lo..hi*n (n log-spaced values); repeatable")
	fs.Var(axesFlag{axes: &f.axes, lockstep: true}, "with", "an axis that moves in lockstep with the --vary before it (value i with value i); repeatable")
	f.sets = setFlag(fs)
	fs.IntVar(&f.reps, "reps", 1, "replications of each combination, each with its own seed")
	fs.Uint64Var(&f.seed, "seed", 0, "the study's seed, from which every replication's seed is derived (default: the scenario's seed)")
	fs.StringVar(&f.study, "study", "", "read the study from this YAML file instead of the flags above")
	fs.StringArrayVar(&f.plot, "plot", nil, "a figure to plot against the axes, a column of runs.csv (default: metastable.metastable if measured, else outage.duration_s); repeatable")
}

// studyFromFlags builds the study and reads its scenario: from --study,
// or from the positional scenario and the flags.
func studyFromFlags(fs *pflag.FlagSet, args []string, f *studyFlags, design experiment.Design) (*experiment.Study, string, string, []byte, error) {
	var st *experiment.Study
	base := ""
	if f.study != "" {
		for _, name := range []string{"vary", "with", "set", "reps", "seed"} {
			if fs.Changed(name) {
				return nil, "", "", nil, usagef("--study reads the whole study from its file; --%s cannot be used with it", name)
			}
		}
		if len(args) > 0 {
			return nil, "", "", nil, usagef("give a scenario or --study FILE, not both (the study file names its scenario)")
		}
		data, err := os.ReadFile(f.study)
		if err != nil {
			return nil, "", "", nil, fmt.Errorf("reading study: %w", err)
		}
		if st, err = experiment.ParseStudy(f.study, data); err != nil {
			return nil, "", "", nil, err
		}
		switch {
		case design == experiment.OneAtATime && st.Design != design:
			return nil, "", "", nil, fmt.Errorf("%s: design %s: cascade sensitivity needs design: one-at-a-time", f.study, st.Design)
		case design == experiment.Compare && st.Design != design:
			return nil, "", "", nil, fmt.Errorf("%s: design %s: cascade compare needs design: compare (and variants:)", f.study, st.Design)
		case design == experiment.Grid && st.Design == experiment.Compare:
			return nil, "", "", nil, fmt.Errorf("%s: design compare: run it with cascade compare --study", f.study)
		}
		base = filepath.Dir(f.study)
	} else {
		if len(args) != 1 {
			return nil, "", "", nil, usagef("give one scenario NAME or FILE (or --study FILE)")
		}
		st = &experiment.Study{Scenario: args[0], Sets: *f.sets, Axes: f.axes, Design: design, Reps: f.reps, Variants: f.variants}
		if st.Sets == nil {
			st.Sets = []string{}
		}
		if fs.Changed("seed") {
			seed := f.seed
			st.Seed = &seed
		}
	}
	if fs.Changed("plot") {
		st.Plot = f.plot
	}
	if err := st.Check(); err != nil {
		return nil, "", "", nil, usagef("%v", err)
	}
	src := st.Scenario
	if _, ok := scenarios.LookupBuiltin(src); !ok && base != "" && !filepath.IsAbs(src) {
		src = filepath.Join(base, src) // a scenario file beside the study file
	}
	file, data, err := source(src, true)
	if err != nil {
		return nil, "", "", nil, err
	}
	return st, src, file, data, nil
}
