package experiment

import (
	"fmt"
	"strings"
)

// Design says how a study's axes combine.
type Design string

// The designs.
const (
	// Grid runs every combination of the axes' values (axes in lockstep
	// count as one): the sweep.
	Grid Design = "grid"
	// OneAtATime runs the baseline (no axis set) and then each axis's
	// values with every other axis at its baseline: the sensitivity study.
	OneAtATime Design = "one-at-a-time"
	// Compare runs the baseline and each of the study's variants: the
	// comparison. It has variants, not axes.
	Compare Design = "compare"
)

// Variant is one alternative to the baseline in a comparison: a name and
// the --set overrides that make it.
type Variant struct {
	// Name names the variant; by default its sets joined by spaces.
	Name string `json:"name"`
	// Sets are its overrides, applied after the study's.
	Sets []string `json:"set"`
}

// Limits of a study.
const (
	// MaxReps bounds the replications of a combination.
	MaxReps = 100000
	// MaxRuns bounds the runs of a study (combinations times replications).
	MaxRuns = 10000000
)

// Study is what to run: a scenario, overrides common to every run, the
// axes, the design and the replications. It is what a study file holds and
// what cascade sweep's flags build.
type Study struct {
	// Scenario is a built-in scenario's name or a scenario file, as given.
	Scenario string `json:"scenario"`
	// Sets are --set overrides applied to every run, before the axes'.
	Sets []string `json:"set"`
	// Axes are the varied knobs, in order: the first varies slowest.
	Axes []Axis `json:"-"`
	// Design is Grid, OneAtATime or Compare.
	Design Design `json:"design"`
	// Variants are a comparison's alternatives to the baseline.
	Variants []Variant `json:"variants,omitempty"`
	// Reps is the number of replications of each combination, at least 1.
	Reps int `json:"reps"`
	// Seed is the study's seed, from which every replication's seed is
	// derived (ReplicationSeed). Nil means the scenario's own seed.
	Seed *uint64 `json:"seed,omitempty"`
	// Plot are the figures to plot against the axes (paths as in runs.csv's
	// columns). Empty means the default: "metastable.metastable" when the
	// scenario measures it, else "outage.duration_s".
	Plot []string `json:"plot,omitempty"`
}

// Check says what is wrong with the study's shape, before any scenario is
// read: no axis, a key varied twice, a lockstep axis of another length, too
// many runs.
func (st *Study) Check() error {
	if st.Scenario == "" {
		return fmt.Errorf("no scenario: give a built-in scenario's name or a file")
	}
	switch st.Design {
	case Grid, OneAtATime:
		if len(st.Axes) == 0 {
			return fmt.Errorf("no axis: vary at least one param or field (--vary KEY=VALUES)")
		}
		if len(st.Variants) > 0 {
			return fmt.Errorf("variants belong to a comparison (design: %s), not to design %s", Compare, st.Design)
		}
	case Compare:
		return st.checkCompare()
	default:
		return fmt.Errorf("design %q: expected %s, %s or %s", st.Design, Grid, OneAtATime, Compare)
	}
	if st.Reps < 1 || st.Reps > MaxReps {
		return fmt.Errorf("reps %d: expected 1 to %d", st.Reps, MaxReps)
	}
	seen := map[string]bool{}
	for _, s := range st.Sets {
		k, _, _ := strings.Cut(s, "=")
		seen[strings.TrimSpace(k)] = false
	}
	for i, a := range st.Axes {
		if a.Lockstep && i == 0 {
			return fmt.Errorf("%s moves in lockstep (--with) but there is no axis before it to move with", a.Key)
		}
		if a.Lockstep && len(a.Values) != len(st.Axes[i-1].Values) {
			return fmt.Errorf("%s has %d values but moves in lockstep with %s, which has %d", a.Key, len(a.Values), st.Axes[i-1].Key, len(st.Axes[i-1].Values))
		}
		if len(a.Values) == 0 {
			return fmt.Errorf("%s has no values", a.Key)
		}
		if twice, ok := seen[a.Key]; ok {
			if twice {
				return fmt.Errorf("%s is varied twice", a.Key)
			}
			// In a one-at-a-time study a set is the baseline's value.
			if st.Design == Grid {
				return fmt.Errorf("%s is both set for every run and varied", a.Key)
			}
		}
		seen[a.Key] = true
	}
	if n := st.combinationCount(); n*st.Reps > MaxRuns {
		return fmt.Errorf("%d combinations x %d replications = %d runs; at most %d in one study (split it, or shard it)", n, st.Reps, n*st.Reps, MaxRuns)
	}
	return nil
}

// MaxVariants bounds a comparison's variants.
const MaxVariants = 1000

func (st *Study) checkCompare() error {
	if len(st.Axes) > 0 {
		return fmt.Errorf("a comparison has variants (--vs), not axes")
	}
	if len(st.Variants) == 0 {
		return fmt.Errorf("no variant: give at least one --vs 'K=V ...' to compare with the baseline")
	}
	if len(st.Variants) > MaxVariants {
		return fmt.Errorf("%d variants; at most %d", len(st.Variants), MaxVariants)
	}
	if st.Reps < 1 || st.Reps > MaxReps {
		return fmt.Errorf("reps %d: expected 1 to %d", st.Reps, MaxReps)
	}
	if n := (len(st.Variants) + 1) * st.Reps; n > MaxRuns {
		return fmt.Errorf("%d runs; at most %d in one study", n, MaxRuns)
	}
	names := map[string]bool{"baseline": true}
	for i, v := range st.Variants {
		if len(v.Sets) == 0 {
			return fmt.Errorf("variant %d has no --set: it would be the baseline", i+1)
		}
		for _, s := range v.Sets {
			if k, _, ok := strings.Cut(s, "="); !ok || strings.TrimSpace(k) == "" {
				return fmt.Errorf("variant %d: %q: expected K=V", i+1, s)
			}
		}
		if names[v.Label()] {
			return fmt.Errorf("variant %d is named %q, like another (or the baseline)", i+1, v.Label())
		}
		names[v.Label()] = true
	}
	return nil
}

// Label is the variant's name, or its sets.
func (v Variant) Label() string {
	if v.Name != "" {
		return v.Name
	}
	return strings.Join(v.Sets, " ")
}

// groups are the axes grouped by lockstep: each group is one dimension.
func (st *Study) groups() [][]Axis {
	var out [][]Axis
	for _, a := range st.Axes {
		if a.Lockstep && len(out) > 0 {
			out[len(out)-1] = append(out[len(out)-1], a)
			continue
		}
		out = append(out, []Axis{a})
	}
	return out
}

// combinationCount is how many combinations the study has, saturating
// beyond MaxRuns.
func (st *Study) combinationCount() int {
	if st.Design == Compare {
		return 1 + len(st.Variants)
	}
	if st.Design == OneAtATime {
		n := 1
		for _, g := range st.groups() {
			n += len(g[0].Values)
		}
		return n
	}
	n := 1
	for _, g := range st.groups() {
		n *= len(g[0].Values)
		if n > MaxRuns {
			return MaxRuns + 1
		}
	}
	return n
}

// Combination is one cell of a study: a value for each axis (or, in a
// one-at-a-time study, for one group of axes, the rest at their baseline).
type Combination struct {
	// Index numbers the combination from 0.
	Index int
	// Values holds, per axis of the study, its value, or "" where the axis
	// is at the scenario's baseline (one-at-a-time studies).
	Values []string
}

// Sets are the combination's --set overrides.
func (c Combination) Sets(st *Study) []string {
	if st.Design == Compare {
		if c.Index == 0 {
			return []string{}
		}
		return append([]string{}, st.Variants[c.Index-1].Sets...)
	}
	out := make([]string, 0, len(st.Axes))
	for i, a := range st.Axes {
		if c.Values[i] != "" {
			out = append(out, a.Key+"="+c.Values[i])
		}
	}
	return out
}

// Combinations lists the study's combinations in index order. In a grid
// the first axis varies slowest; in a one-at-a-time study combination 0 is
// the baseline, then each group's values in turn.
func (st *Study) Combinations() []Combination {
	groups := st.groups()
	var out []Combination
	if st.Design == Compare {
		for i := range 1 + len(st.Variants) {
			out = append(out, Combination{Index: i, Values: []string{}})
		}
		return out
	}
	if st.Design == OneAtATime {
		out = append(out, Combination{Index: 0, Values: make([]string, len(st.Axes))})
		first := 0
		for _, g := range groups {
			for v := range g[0].Values {
				vals := make([]string, len(st.Axes))
				for j, a := range g {
					vals[first+j] = a.Values[v]
				}
				out = append(out, Combination{Index: len(out), Values: vals})
			}
			first += len(g)
		}
		return out
	}
	n := st.combinationCount()
	for c := range n {
		vals := make([]string, 0, len(st.Axes))
		rest := c
		stride := n
		for _, g := range groups {
			stride /= len(g[0].Values)
			v := rest / stride
			rest %= stride
			for _, a := range g {
				vals = append(vals, a.Values[v])
			}
		}
		out = append(out, Combination{Index: c, Values: vals})
	}
	return out
}
