package experiment

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Cell summarises one combination over its replications.
type Cell struct {
	// Combination is the cell's combination.
	Combination Combination
	// Runs and Failed count its runs and the failed ones among them.
	Runs, Failed int
	// Figures holds one estimate per column of the plan, over the runs
	// that succeeded and reported the figure.
	Figures []Estimate
}

// Summariser turns rows, in index order, into cells: a combination's rows
// are consecutive, so it holds one combination at a time.
type Summariser struct {
	plan      *Plan
	cell      int
	lastIndex int
	acc       []accumulator
	runs      int
	fails     int
	emit      func(Cell) error
}

// NewSummariser returns a summariser of p's rows that hands each finished
// cell to emit.
func (p *Plan) NewSummariser(emit func(Cell) error) *Summariser {
	return &Summariser{plan: p, acc: make([]accumulator, len(p.Columns)), emit: emit, lastIndex: -1}
}

// Add takes the next row; rows must come in index order (runs may be
// missing: a partial merge).
func (s *Summariser) Add(r Row) error {
	c := r.Index / s.plan.Study.Reps
	if c < s.cell || r.Index <= s.lastIndex {
		return fmt.Errorf("summary: run %d comes after run %d", r.Index, s.lastIndex)
	}
	s.lastIndex = r.Index
	for s.cell < c {
		if err := s.flush(); err != nil {
			return err
		}
	}
	s.runs++
	if !r.OK() {
		s.fails++
	} else {
		for j, v := range r.Values {
			if !math.IsNaN(v) {
				s.acc[j].add(v)
			}
		}
	}
	return nil
}

// flush hands on the current combination's cell and starts the next.
func (s *Summariser) flush() error {
	c := Cell{Combination: s.plan.Combinations[s.cell], Runs: s.runs, Failed: s.fails, Figures: make([]Estimate, len(s.acc))}
	for j := range s.acc {
		c.Figures[j] = s.acc[j].estimate(s.plan.Columns[j].Share)
		s.acc[j] = accumulator{}
	}
	s.cell++
	s.runs, s.fails = 0, 0
	return s.emit(c)
}

// Finish hands on the cells not yet handed on, through the last
// combination.
func (s *Summariser) Finish() error {
	for s.cell < len(s.plan.Combinations) {
		if err := s.flush(); err != nil {
			return err
		}
	}
	return nil
}

// SummaryCSV writes summary.csv: one line per combination and figure:
// combination, one column per axis, figure, n, mean, sd, ci95_lo, ci95_hi,
// interval, runs, failed.
type SummaryCSV struct {
	plan *Plan
	csv  *csv.Writer
}

// NewSummaryCSV writes summary.csv's header to w.
func (p *Plan) NewSummaryCSV(w io.Writer) (*SummaryCSV, error) {
	h := append([]string{"combination"}, p.cellColumns()...)
	h = append(h, "figure", "n", "mean", "sd", "ci95_lo", "ci95_hi", "interval", "runs", "failed")
	sc := &SummaryCSV{plan: p, csv: csv.NewWriter(w)}
	return sc, sc.csv.Write(h)
}

// Write writes a cell's lines.
func (sc *SummaryCSV) Write(c Cell) error {
	for j, e := range c.Figures {
		rec := []string{strconv.Itoa(c.Combination.Index)}
		rec = append(rec, sc.plan.cellValues(c.Combination)...)
		rec = append(rec, sc.plan.Columns[j].Path, strconv.Itoa(e.N),
			FormatNumber(e.Mean), FormatNumber(e.SD), FormatNumber(e.Lo), FormatNumber(e.Hi), e.Interval,
			strconv.Itoa(c.Runs), strconv.Itoa(c.Failed))
		if err := sc.csv.Write(rec); err != nil {
			return err
		}
	}
	return nil
}

// Close flushes the file.
func (sc *SummaryCSV) Close() error {
	sc.csv.Flush()
	return sc.csv.Error()
}

// SummaryFormat is the version of summary.json's layout for studies.
const SummaryFormat = 1

// SummaryJSON writes a study's summary.json, one combination at a time.
type SummaryJSON struct {
	plan  *Plan
	w     io.Writer
	first bool
	err   error
}

// jsonEstimate is an Estimate in summary.json: absent figures are null.
type jsonEstimate struct {
	N        int      `json:"n"`
	Mean     *float64 `json:"mean"`
	SD       *float64 `json:"sd"`
	Lo       *float64 `json:"ci95_lo"`
	Hi       *float64 `json:"ci95_hi"`
	Interval string   `json:"interval"`
}

type jsonCell struct {
	Combination int                     `json:"combination"`
	Values      map[string]string       `json:"values"`
	Runs        int                     `json:"runs"`
	Failed      int                     `json:"failed"`
	Figures     map[string]jsonEstimate `json:"figures"`
}

type jsonAxis struct {
	Key      string   `json:"key"`
	Values   []string `json:"values"`
	Lockstep bool     `json:"lockstep,omitempty"`
}

type jsonColumn struct {
	Path  string `json:"path"`
	Share bool   `json:"share,omitempty"`
}

// Record is the study as study.json and summary.json describe it: what was
// run, not how (no worker count, no wall clock).
type Record struct {
	Format   int          `json:"format"`
	Scenario string       `json:"scenario"`
	Source   string       `json:"source"`
	Design   Design       `json:"design"`
	Sets     []string     `json:"set"`
	Axes     []jsonAxis   `json:"axes"`
	Variants []Variant    `json:"variants,omitempty"`
	Reps     int          `json:"reps"`
	Seed     uint64       `json:"seed"`
	Runs     int          `json:"runs"`
	Columns  []jsonColumn `json:"columns"`
	Plot     []string     `json:"plot,omitempty"`
}

// Record describes the plan.
func (p *Plan) Record() Record {
	r := Record{Format: SummaryFormat, Scenario: p.Scenario, Source: p.Source, Design: p.Study.Design,
		Sets: append([]string{}, p.Study.Sets...), Reps: p.Study.Reps, Seed: p.Seed, Runs: p.Runs(), Plot: p.Study.Plot}
	r.Axes = []jsonAxis{}
	for _, a := range p.Study.Axes {
		r.Axes = append(r.Axes, jsonAxis{a.Key, a.Values, a.Lockstep})
	}
	r.Variants = p.Study.Variants
	for _, c := range p.Columns {
		r.Columns = append(r.Columns, jsonColumn{c.Path, c.Share})
	}
	return r
}

// NewSummaryJSON starts summary.json on w: the study, then the
// combinations as they come.
func (p *Plan) NewSummaryJSON(w io.Writer) (*SummaryJSON, error) {
	head, err := json.MarshalIndent(p.Record(), "", "  ")
	if err != nil {
		return nil, err
	}
	// Open the record's object again to add the combinations to it.
	head = append(head[:len(head)-2], []byte(",\n  \"combinations\": [")...)
	_, err = w.Write(head)
	return &SummaryJSON{plan: p, w: w, first: true}, err
}

func ptr(v float64) *float64 {
	if math.IsNaN(v) {
		return nil
	}
	return &v
}

// Write adds a cell.
func (sj *SummaryJSON) Write(c Cell) error {
	jc := jsonCell{Combination: c.Combination.Index, Values: map[string]string{}, Runs: c.Runs, Failed: c.Failed,
		Figures: map[string]jsonEstimate{}}
	for i, a := range sj.plan.Study.Axes {
		if v := c.Combination.Values[i]; v != "" {
			jc.Values[a.Key] = v
		}
	}
	for j, e := range c.Figures {
		jc.Figures[sj.plan.Columns[j].Path] = jsonEstimate{e.N, ptr(e.Mean), ptr(e.SD), ptr(e.Lo), ptr(e.Hi), e.Interval}
	}
	b, err := json.MarshalIndent(jc, "    ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n    "
	if sj.first {
		sep, sj.first = "\n    ", false
	}
	_, err = io.WriteString(sj.w, sep+string(b))
	return err
}

// Close ends the file.
func (sj *SummaryJSON) Close() error {
	_, err := io.WriteString(sj.w, "\n  ]\n}\n")
	return err
}

// Study rebuilds the study a record describes (cascade merge reads shards'
// study.json back).
func (r Record) Study() *Study {
	st := &Study{Scenario: r.Source, Sets: append([]string{}, r.Sets...), Design: r.Design, Reps: r.Reps, Plot: r.Plot,
		Variants: r.Variants}
	seed := r.Seed
	st.Seed = &seed
	for _, a := range r.Axes {
		st.Axes = append(st.Axes, Axis{Key: a.Key, Values: a.Values, Lockstep: a.Lockstep})
	}
	return st
}
