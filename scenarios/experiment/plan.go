package experiment

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// Plan is a study made ready to run: its scenario read, every combination
// decoded and built, the columns of runs.csv fixed.
type Plan struct {
	// Study is what was asked for.
	Study *Study
	// Source names the scenario in each run's command line: a built-in's
	// name or a file's path.
	Source string
	// Scenario is the scenario's name.
	Scenario string
	// Seed is the study's base seed: Study.Seed, or the scenario's seed.
	Seed uint64
	// Combinations are the study's combinations in index order.
	Combinations []Combination
	// Columns are the figures of runs.csv: the union of every combination's
	// figures, in the order they first appear.
	Columns []scenarios.FigureColumn
	// Shard is the part of the study this plan runs (the zero Shard: all).
	Shard Shard

	file       string
	data       []byte
	column     map[string]int
	documented []string
	limits     scenarios.Limits
}

// DocumentedMetrics are the metric paths of the scenario's documented
// figures (with the study's overrides), in file order.
func (p *Plan) DocumentedMetrics() []string { return p.documented }

// NewPlan prepares st over the scenario file (its name in errors) whose
// bytes are data; source is how run commands name it. Every combination is
// decoded and built, so a value that does not fit fails here, naming the
// combination.
//
// Combinations are prepared on opt.Workers goroutines (0: GOMAXPROCS);
// the plan is the same whatever their number. A combination whose runs
// would pass opt.Limits is refused here.
func NewPlan(st *Study, source, file string, data []byte, opt PlanOptions) (*Plan, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if err := st.Check(); err != nil {
		return nil, err
	}
	p := &Plan{Study: st, Source: source, file: file, data: data, column: map[string]int{}, limits: opt.Limits}
	// The overrides common to every run first, so that their errors are
	// not blamed on a combination.
	base, _, err := scenarios.Prepare(file, data, st.Sets)
	if err != nil {
		return nil, err
	}
	for _, d := range base.Documented {
		p.documented = append(p.documented, d.Metric)
	}
	var merged []scenarios.FigureColumn
	combos := st.Combinations()
	// Prepared in parallel, a chunk at a time, merged in order.
	chunk := max(64, 4*workers)
	for lo := 0; lo < len(combos); lo += chunk {
		part := combos[lo:min(lo+chunk, len(combos))]
		cols := make([][]scenarios.FigureColumn, len(part))
		errs := make([]error, len(part))
		var wg sync.WaitGroup
		next := atomic.Int64{}
		for range min(workers, len(part)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := int(next.Add(1) - 1)
					if i >= len(part) {
						return
					}
					var s *spec.Spec
					s, cols[i], errs[i] = scenarios.Prepare(file, data, p.sets(part[i]))
					if errs[i] == nil {
						errs[i] = scenarios.CheckSize(s, opt.Limits)
					}
					if part[i].Index == 0 && errs[i] == nil {
						p.Scenario, p.Seed = s.Name, s.Seed
					}
				}
			}()
		}
		wg.Wait()
		for i, c := range part {
			if errs[i] != nil {
				return nil, &CombinationError{Index: c.Index, Of: len(combos), Label: c.Label(st), Err: errs[i]}
			}
			merged = mergeColumns(merged, cols[i])
		}
	}
	if st.Seed != nil {
		p.Seed = *st.Seed
	}
	p.Combinations = combos
	p.Columns = merged
	for i, c := range merged {
		p.column[c.Path] = i
	}
	for _, f := range st.Plot {
		if _, ok := p.column[f]; !ok {
			return nil, fmt.Errorf("plot %s: the runs have no such figure (see the columns of runs.csv, e.g. %s)", f, merged[0].Path)
		}
	}
	return p, nil
}

// PlanOptions tune NewPlan.
type PlanOptions struct {
	// Workers prepare the combinations; 0 means GOMAXPROCS.
	Workers int
	// Limits bound each run's size (see scenarios.Limits); every run of
	// the plan is run with them.
	Limits scenarios.Limits
}

// CombinationError is a combination that does not decode or build.
type CombinationError struct {
	// Index is the combination's index (0-based), Of how many there are.
	Index, Of int
	// Label is the combination's settings.
	Label string
	// Err is what is wrong.
	Err error
}

// Error says which combination and what is wrong.
func (e *CombinationError) Error() string {
	return fmt.Sprintf("combination %d of %d (%s): %v", e.Index+1, e.Of, e.Label, e.Err)
}

// Unwrap returns the scenario's error.
func (e *CombinationError) Unwrap() error { return e.Err }

// mergeColumns adds to have the columns of more it lacks, each after the
// column that precedes it in more (or at the end).
func mergeColumns(have, more []scenarios.FigureColumn) []scenarios.FigureColumn {
	if have == nil {
		return append([]scenarios.FigureColumn(nil), more...)
	}
	at := map[string]int{}
	for i, c := range have {
		at[c.Path] = i
	}
	pos := -1
	for _, c := range more {
		if i, ok := at[c.Path]; ok {
			pos = i
			continue
		}
		pos++
		have = append(have[:pos], append([]scenarios.FigureColumn{c}, have[pos:]...)...)
		for i := pos; i < len(have); i++ {
			at[have[i].Path] = i
		}
	}
	return have
}

// Label writes a combination as "key=value key=value", or "baseline"; a
// comparison's variant by its name.
func (c Combination) Label(st *Study) string {
	if st.Design == Compare && c.Index > 0 {
		return st.Variants[c.Index-1].Label()
	}
	sets := c.Sets(st)
	if len(sets) == 0 {
		return "baseline"
	}
	return strings.Join(sets, " ")
}

// sets are the overrides of a combination's runs: the study's, then the
// combination's.
func (p *Plan) sets(c Combination) []string {
	return append(append([]string(nil), p.Study.Sets...), c.Sets(p.Study)...)
}

// Runs is the number of runs: combinations times replications.
func (p *Plan) Runs() int { return len(p.Combinations) * p.Study.Reps }

// Task says what run i is: its combination, replication and seed.
func (p *Plan) Task(i int) (Combination, int, uint64) {
	r := i % p.Study.Reps
	return p.Combinations[i/p.Study.Reps], r, ReplicationSeed(p.Seed, r)
}

// Column is the index of a figure's column, or -1.
func (p *Plan) Column(path string) int {
	if i, ok := p.column[path]; ok {
		return i
	}
	return -1
}

// run runs run i and returns its row; a run that fails is a row with its
// error. stop, if not nil, is checked during the run: when it returns true
// the run is abandoned and run returns ok false. capture, if not nil, is
// given run i's result; what it returns is the row's Captured.
func (p *Plan) run(i int, stop func() bool, capture func(int, *scenarios.Result) any) (row Row, ok bool) {
	c, _, seed := p.Task(i)
	row = Row{Index: i, Seed: seed, Values: make([]float64, len(p.Columns))}
	for j := range row.Values {
		row.Values[j] = math.NaN()
	}
	s, err := spec.Load(p.file, p.data, p.sets(c))
	if err != nil {
		row.Err = oneLine(err.Error())
		return row, true
	}
	s.Seed = seed // as cascade run --seed does
	res, err := scenarios.Run(s, scenarios.Options{Stop: stop, Limits: p.limits})
	if errors.Is(err, scenarios.ErrStopped) {
		return row, false
	}
	if err != nil {
		row.Err = oneLine(err.Error())
		return row, true
	}
	figs, err := res.Summary.Figures()
	if err != nil {
		row.Err = oneLine(err.Error())
		return row, true
	}
	for _, f := range figs {
		j, ok := p.column[f.Path]
		if !ok {
			row.Err = oneLine(fmt.Sprintf("the run reported a figure %s that its plan did not list (a bug: please report it with the study)", f.Path))
			return row, true
		}
		row.Values[j] = f.Value
	}
	if capture != nil {
		row.Captured = capture(i, res)
	}
	return row, true
}

// Command is the cascade run command line that repeats run i.
func (p *Plan) Command(i int) string {
	c, _, seed := p.Task(i)
	args := []string{"cascade", "run", shellQuote(p.Source), "--seed", fmt.Sprint(seed)}
	for _, s := range p.sets(c) {
		args = append(args, "--set", shellQuote(s))
	}
	return strings.Join(args, " ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_=.,/:+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
