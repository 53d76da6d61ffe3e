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
	rows    int
	failed  int
	last    int // the last row's index, -1 if none
	present bitset
	fails   bitset
	partial bool // a partial last line was found (and is dropped)
}

// scanJournal reads the journal's whole lines: header, then rows of runs
// the plan's shard owns, in ascending order (with holes where a partial
// merge left them); a partial last line (the process died while writing
// it) is left out.
func (p *Plan) scanJournal(j io.ReaderAt, size int64) (journalState, error) {
	st := journalState{last: -1, present: newBitset(p.Runs()), fails: newBitset(p.Runs())}
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
		switch {
		case row.Index <= st.last:
			return st, fmt.Errorf("runs.csv line %d holds run %d after run %d: the file was changed", st.rows+2, row.Index, st.last)
		case !p.Owns(row.Index):
			return st, fmt.Errorf("runs.csv line %d holds run %d, which is not this shard's (%s)", st.rows+2, row.Index, p.Shard)
		}
		st.last = row.Index
		st.rows++
		st.present.set(row.Index)
		if !row.OK() {
			st.failed++
			st.fails.set(row.Index)
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

// Sweep runs every run of p's shard that the journal (size bytes so far)
// does not hold, adding rows in index order; run again after an
// interruption it goes on where the journal ends. With RetryFailed it also
// reruns failed runs. When runs to do fall between rows already there
// (failed runs to retry, or the holes of a partial merge), the merged rows
// go to a new journal (Rewrite); else they are appended.
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
	replace := func(i int) bool { return opt.RetryFailed && st.fails.has(i) }
	todo := func(i int) bool { return p.Owns(i) && (!st.present.has(i) || replace(i)) }
	inside := false // a run to do before the last row
	for i := range st.last + 1 {
		if todo(i) {
			inside = true
			break
		}
	}
	if inside {
		return p.rewrite(j, st, todo, replace, opt)
	}
	total := p.OwnedRuns()
	res := SweepResult{Kept: st.rows, Failed: st.failed}
	rw, err := p.NewRowWriter(j, st.size == 0)
	if err != nil {
		return res, fmt.Errorf("writing runs.csv: %w", err)
	}
	done := st.rows
	err = Execute(p, indices(st.last+1, p.Runs(), p.Owns), opt.ExecOptions, func(r Row) error {
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

// rewrite runs the runs todo accepts, merging the journal's rows (less
// those replace accepts) and the new ones in index order into a new
// journal, put in place of the old one when every run is done.
func (p *Plan) rewrite(j Journal, st journalState, todo, replace func(int) bool, opt SweepOptions) (SweepResult, error) {
	if opt.Rewrite == nil {
		return SweepResult{}, errors.New("runs to do between the journal's rows need a new runs.csv to write")
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
	old, err := p.NewRowReader(io.NewSectionReader(j, 0, st.size))
	if err != nil {
		return SweepResult{}, err
	}
	var pending *Row // the next old row, read but not yet copied
	readOld := func() error {
		if pending != nil {
			return nil
		}
		row, err := old.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		pending = &row
		return nil
	}
	// copyBefore copies the old rows before index i, dropping replaced ones.
	copyBefore := func(i int, res *SweepResult) error {
		for {
			if err := readOld(); err != nil {
				return err
			}
			if pending == nil || pending.Index >= i {
				if pending != nil && pending.Index == i {
					pending = nil // replaced by the new row
				}
				return nil
			}
			if !replace(pending.Index) {
				if err := rw.Write(*pending); err != nil {
					return err
				}
				res.Kept++
				if !pending.OK() {
					res.Failed++
				}
			}
			pending = nil
		}
	}
	res := SweepResult{}
	total := p.OwnedRuns()
	done := st.rows
	if opt.RetryFailed {
		done -= st.failed
	}
	err = Execute(p, indices(0, p.Runs(), todo), opt.ExecOptions, func(r Row) error {
		if err := copyBefore(r.Index, &res); err != nil {
			return err
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
	if err := copyBefore(p.Runs(), &res); err != nil {
		return res, err
	}
	finished = true
	if err := finish(true); err != nil {
		return res, fmt.Errorf("putting the new runs.csv in place: %w", err)
	}
	return res, nil
}

// Summarise reads a finished runs.csv and hands each combination's cell
// to emit, in order. With partial, runs missing from the file are left
// out of their cells (a partial merge); else the file must hold every run.
func (p *Plan) Summarise(r io.Reader, partial bool, emit func(Cell) error) error {
	rr, err := p.NewRowReader(r)
	if err != nil {
		return err
	}
	s := p.NewSummariser(emit)
	rows := 0
	for {
		row, err := rr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		rows++
		if err := s.Add(row); err != nil {
			return err
		}
	}
	if !partial && rows != p.Runs() {
		return fmt.Errorf("runs.csv holds %d of %d runs: the study is not finished", rows, p.Runs())
	}
	return s.Finish()
}

// oneLine makes an error message fit one line of runs.csv.
func oneLine(msg string) string {
	return strings.NewReplacer("\r\n", "; ", "\n", "; ", "\r", "; ").Replace(msg)
}
