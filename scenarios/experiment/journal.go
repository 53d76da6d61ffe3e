package experiment

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
)

// Journal is a study's runs.csv opened for reading and appending (an
// *os.File opened with O_APPEND): rows are appended as runs finish, so an
// interrupted study keeps every row written before it stopped.
type Journal interface {
	io.ReaderAt
	io.Writer
	// Truncate cuts the file to size bytes (a partial last line).
	Truncate(size int64) error
}

// SweepOptions tune Sweep.
type SweepOptions struct {
	ExecOptions
	// RetryFailed reruns the runs whose rows say they failed.
	RetryFailed bool
	// Rewrite, needed with RetryFailed when some row failed, gives a new
	// runs.csv to write the merged rows to; finish(true) puts it in place
	// of the old one, finish(false) discards it.
	Rewrite func() (w io.Writer, finish func(keep bool) error, err error)
	// Progress, if not nil, is called after each row is written with the
	// number of runs done (including those kept from before) and the
	// number in all.
	Progress func(done, total int)
}

// SweepResult says what a sweep did.
type SweepResult struct {
	// Kept are the rows found in the journal and kept; Ran the runs run
	// now.
	Kept, Ran int
	// Failed counts the failed rows of the finished journal.
	Failed int
}

// journalState is what a journal holds.
type journalState struct {
	size    int64 // bytes of whole lines
	next    int   // index after the last row
	rows    int
	failed  int
	partial bool // a partial last line was found (and is dropped)
}

// scanJournal reads the journal's whole lines: header, then rows 0, 1, ...
// in order; a partial last line (the process died while writing it) is
// left out.
func (p *Plan) scanJournal(j io.ReaderAt, size int64) (journalState, error) {
	st := journalState{}
	whole, err := lastNewline(j, size)
	if err != nil {
		return st, err
	}
	st.size, st.partial = whole, whole < size
	if whole == 0 {
		return st, nil
	}
	rr, err := p.NewRowReader(io.NewSectionReader(j, 0, whole))
	if err != nil {
		return st, err
	}
	for {
		row, err := rr.Read()
		if errors.Is(err, io.EOF) {
			return st, nil
		}
		if err != nil {
			return st, err
		}
		if row.Index != st.next {
			return st, fmt.Errorf("runs.csv line %d holds run %d where run %d should be: the file was changed", st.rows+2, row.Index, st.next)
		}
		st.next++
		st.rows++
		if !row.OK() {
			st.failed++
		}
	}
}

// lastNewline is the length of the file's whole lines.
func lastNewline(r io.ReaderAt, size int64) (int64, error) {
	buf := make([]byte, 4096)
	for end := size; end > 0; {
		start := max(0, end-int64(len(buf)))
		n, err := r.ReadAt(buf[:end-start], start)
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, fmt.Errorf("reading runs.csv: %w", err)
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			return start + int64(i) + 1, nil
		}
		end = start
	}
	return 0, nil
}

// Sweep runs every run of p that the journal (size bytes so far) does not
// hold, appending rows in index order; run again after an interruption it
// goes on where the journal ends. With RetryFailed it also reruns failed
// runs, writing the merged rows to a new journal (Rewrite).
func (p *Plan) Sweep(j Journal, size int64, opt SweepOptions) (SweepResult, error) {
	st, err := p.scanJournal(j, size)
	if err != nil {
		return SweepResult{}, err
	}
	if st.partial {
		if err := j.Truncate(st.size); err != nil {
			return SweepResult{}, fmt.Errorf("dropping runs.csv's partial last line: %w", err)
		}
	}
	total := p.Runs()
	if opt.RetryFailed && st.failed > 0 {
		return p.retry(j, st, opt)
	}
	res := SweepResult{Kept: st.rows, Failed: st.failed}
	rw, err := p.NewRowWriter(j, st.size == 0)
	if err != nil {
		return res, fmt.Errorf("writing runs.csv: %w", err)
	}
	done := st.rows
	err = Execute(p, indices(st.next, total, nil), opt.ExecOptions, func(r Row) error {
		if err := rw.Write(r); err != nil {
			return err
		}
		res.Ran++
		if !r.OK() {
			res.Failed++
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
		return nil
	})
	return res, err
}

// indices yields from..to-1, only those keep accepts (nil: all).
func indices(from, to int, keep func(int) bool) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := from; i < to; i++ {
			if keep != nil && !keep(i) {
				continue
			}
			if !yield(i) {
				return
			}
		}
	}
}

// retry reruns failed and missing runs, merging old rows and new ones in
// index order into a new journal.
func (p *Plan) retry(j Journal, st journalState, opt SweepOptions) (SweepResult, error) {
	if opt.Rewrite == nil {
		return SweepResult{}, errors.New("retrying failed runs needs a new runs.csv to write")
	}
	failed := map[int]bool{}
	old, err := p.NewRowReader(io.NewSectionReader(j, 0, st.size))
	if err != nil {
		return SweepResult{}, err
	}
	for {
		row, err := old.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return SweepResult{}, err
		}
		if !row.OK() {
			failed[row.Index] = true
		}
	}
	w, finish, err := opt.Rewrite()
	if err != nil {
		return SweepResult{}, err
	}
	finished := false
	defer func() {
		if !finished {
			_ = finish(false)
		}
	}()
	rw, err := p.NewRowWriter(w, true)
	if err != nil {
		return SweepResult{}, fmt.Errorf("writing runs.csv: %w", err)
	}
	if old, err = p.NewRowReader(io.NewSectionReader(j, 0, st.size)); err != nil {
		return SweepResult{}, err
	}
	res := SweepResult{}
	total, done := p.Runs(), st.rows-st.failed
	next := 0 // the next old row's index still to copy or replace
	err = Execute(p, indices(0, total, func(i int) bool { return i >= st.next || failed[i] }), opt.ExecOptions, func(r Row) error {
		for ; next < r.Index && next < st.next; next++ {
			row, err := old.Read()
			if err != nil {
				return err
			}
			if err := rw.Write(row); err != nil {
				return err
			}
			res.Kept++
		}
		if next == r.Index && next < st.next {
			if _, err := old.Read(); err != nil { // the failed row this one replaces
				return err
			}
			next++
		}
		if err := rw.Write(r); err != nil {
			return err
		}
		res.Ran++
		if !r.OK() {
			res.Failed++
		}
		done++
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	for ; next < st.next; next++ {
		row, err := old.Read()
		if err != nil {
			return res, err
		}
		if err := rw.Write(row); err != nil {
			return res, err
		}
		res.Kept++
	}
	finished = true
	if err := finish(true); err != nil {
		return res, fmt.Errorf("putting the new runs.csv in place: %w", err)
	}
	return res, nil
}

// Summarise reads a finished runs.csv and hands each combination's cell
// to emit, in order.
func (p *Plan) Summarise(r io.Reader, emit func(Cell) error) error {
	rr, err := p.NewRowReader(r)
	if err != nil {
		return err
	}
	s := p.NewSummariser(emit)
	for {
		row, err := rr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		if err := s.Add(row); err != nil {
			return err
		}
	}
	if !s.Done() {
		return fmt.Errorf("runs.csv holds %d of %d combinations: the study is not finished", s.cell, len(p.Combinations))
	}
	return nil
}

// oneLine makes an error message fit one line of runs.csv.
func oneLine(msg string) string {
	return strings.NewReplacer("\r\n", "; ", "\n", "; ", "\r", "; ").Replace(msg)
}
