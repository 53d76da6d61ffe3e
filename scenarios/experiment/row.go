package experiment

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Row is one run's line of runs.csv.
type Row struct {
	// Index is the run's index: combination × reps + replication.
	Index int
	// Seed is the seed the run used.
	Seed uint64
	// Err is why the run failed; empty when it succeeded.
	Err string
	// Values holds one value per column of the plan; NaN where the run has
	// no such figure (or failed).
	Values []float64
	// Captured is what ExecOptions.Capture returned for the run, if set.
	Captured any
}

// OK says whether the run succeeded.
func (r Row) OK() bool { return r.Err == "" }

// fixedColumns lead each row of runs.csv, before the axes.
var fixedColumns = []string{"index", "combination", "replication"}

// Header is runs.csv's header: index, combination, replication, one column
// per axis, seed, status, error, one column per figure, command.
func (p *Plan) Header() []string {
	h := append(append([]string(nil), fixedColumns...), p.cellColumns()...)
	h = append(h, "seed", "status", "error")
	for _, c := range p.Columns {
		h = append(h, c.Path)
	}
	return append(h, "command")
}

// cellColumns name what makes a combination: one column per axis, or a
// comparison's "variant".
func (p *Plan) cellColumns() []string {
	if p.Study.Design == Compare {
		return []string{"variant"}
	}
	cols := make([]string, len(p.Study.Axes))
	for i, a := range p.Study.Axes {
		cols[i] = a.Key
	}
	return cols
}

// cellValues are a combination's values for cellColumns.
func (p *Plan) cellValues(c Combination) []string {
	if p.Study.Design == Compare {
		return []string{c.Label(p.Study)}
	}
	return c.Values
}

// record is a row as runs.csv's fields.
func (p *Plan) record(r Row) []string {
	c, rep, _ := p.Task(r.Index)
	rec := []string{strconv.Itoa(r.Index), strconv.Itoa(c.Index), strconv.Itoa(rep)}
	rec = append(rec, p.cellValues(c)...)
	status := "ok"
	if !r.OK() {
		status = "failed"
	}
	rec = append(rec, strconv.FormatUint(r.Seed, 10), status, r.Err)
	for _, v := range r.Values {
		rec = append(rec, FormatNumber(v))
	}
	return append(rec, p.Command(r.Index))
}

// FormatNumber writes a figure as runs.csv and summary.csv do: whole
// numbers without exponent, others in the shortest form that reads back
// exactly, NaN (no figure) as an empty field.
func FormatNumber(v float64) string {
	switch {
	case math.IsNaN(v):
		return ""
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// RowWriter writes runs.csv.
type RowWriter struct {
	plan *Plan
	csv  *csv.Writer
}

// NewRowWriter returns a writer of p's rows to w; header says whether to
// write the header line first (false when appending to a journal).
func (p *Plan) NewRowWriter(w io.Writer, header bool) (*RowWriter, error) {
	rw := &RowWriter{plan: p, csv: csv.NewWriter(w)}
	if header {
		if err := rw.csv.Write(p.Header()); err != nil {
			return nil, err
		}
		rw.csv.Flush()
		if err := rw.csv.Error(); err != nil {
			return nil, err
		}
	}
	return rw, nil
}

// Write writes one row as one line, flushed: a row is either wholly
// written or, if the process dies mid-write, a partial last line that
// ReadJournal drops.
func (rw *RowWriter) Write(r Row) error {
	if err := rw.csv.Write(rw.plan.record(r)); err != nil {
		return fmt.Errorf("writing run %d: %w", r.Index, err)
	}
	rw.csv.Flush()
	if err := rw.csv.Error(); err != nil {
		return fmt.Errorf("writing run %d: %w", r.Index, err)
	}
	return nil
}

// RowReader reads runs.csv rows back.
type RowReader struct {
	plan *Plan
	csv  *csv.Reader
	line int
}

// NewRowReader reads p's runs.csv from r, checking its header.
func (p *Plan) NewRowReader(r io.Reader) (*RowReader, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("runs.csv is empty")
		}
		return nil, fmt.Errorf("runs.csv: %w", err)
	}
	want := p.Header()
	if len(head) != len(want) {
		return nil, fmt.Errorf("runs.csv has %d columns; this study's have %d: it is another study's", len(head), len(want))
	}
	for i := range want {
		if head[i] != want[i] {
			return nil, fmt.Errorf("runs.csv column %d is %q; this study's is %q: it is another study's", i+1, head[i], want[i])
		}
	}
	return &RowReader{plan: p, csv: cr, line: 1}, nil
}

// Read returns the next row, or io.EOF.
func (rr *RowReader) Read() (Row, error) {
	rec, err := rr.csv.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return Row{}, io.EOF
		}
		return Row{}, fmt.Errorf("runs.csv: %w", err)
	}
	rr.line++
	p := rr.plan
	bad := func(format string, args ...any) (Row, error) {
		return Row{}, fmt.Errorf("runs.csv line %d: %s", rr.line, fmt.Sprintf(format, args...))
	}
	if len(rec) != len(p.Header()) {
		return bad("%d fields; expected %d", len(rec), len(p.Header()))
	}
	idx, err := strconv.Atoi(rec[0])
	if err != nil || idx < 0 || idx >= p.Runs() {
		return bad("index %q: expected 0 to %d", rec[0], p.Runs()-1)
	}
	at := len(fixedColumns) + len(p.cellColumns())
	seed, err := strconv.ParseUint(rec[at], 10, 64)
	if err != nil {
		return bad("seed %q: %v", rec[at], err)
	}
	if _, _, want := p.Task(idx); seed != want {
		return bad("field seed is %q; this study's run %d has %q: the file was changed, or is another study's", rec[at], idx, strconv.FormatUint(want, 10))
	}
	row := Row{Index: idx, Seed: seed, Values: make([]float64, len(p.Columns))}
	switch rec[at+1] {
	case "ok":
	case "failed":
		row.Err = rec[at+2]
		if row.Err == "" {
			return bad("a failed run without its error")
		}
	default:
		return bad("status %q: expected ok or failed", rec[at+1])
	}
	for j, f := range rec[at+3 : at+3+len(p.Columns)] {
		if f == "" {
			row.Values[j] = math.NaN()
			continue
		}
		if row.Values[j], err = strconv.ParseFloat(f, 64); err != nil {
			return bad("%s %q: not a number", p.Columns[j].Path, f)
		}
	}
	want := p.record(row)
	for j := range want {
		if rec[j] != want[j] {
			return bad("field %s is %q; this study's run %d has %q: the file was changed, or is another study's", p.Header()[j], rec[j], idx, want[j])
		}
	}
	return row, nil
}
