package experiment

import (
	"errors"
	"fmt"
	"io"
)

// MaxListedMissing bounds the missing runs MergeShards lists by index.
const MaxListedMissing = 20

// MergeResult says what a merge found.
type MergeResult struct {
	// Rows were written; Missing runs were in no shard's journal, the
	// first of them (up to MaxListedMissing) listed in Listed.
	Rows, Missing int
	Listed        []int
	// Failed counts the failed rows written.
	Failed int
}

// MergeShards writes to w, as one runs.csv, the rows of the journals of
// shards 0 to n-1 of the plan's study (journals[k] is shard k's), in index
// order: exactly the runs.csv of the unsharded study when none is missing.
// A row in the wrong shard's journal, or out of order, is an error.
func (p *Plan) MergeShards(journals []io.Reader, w io.Writer) (MergeResult, error) {
	n := len(journals)
	var res MergeResult
	if n == 0 {
		return res, errors.New("no shard to merge")
	}
	readers := make([]*RowReader, n)
	next := make([]*Row, n)
	for k, j := range journals {
		rr, err := p.NewRowReader(j)
		if err != nil {
			return res, fmt.Errorf("shard %d/%d: %w", k, n, err)
		}
		readers[k] = rr
	}
	read := func(k int) error {
		if next[k] != nil || readers[k] == nil {
			return nil
		}
		row, err := readers[k].Read()
		if errors.Is(err, io.EOF) {
			readers[k] = nil
			return nil
		}
		if err != nil {
			return fmt.Errorf("shard %d/%d: %w", k, n, err)
		}
		if row.Index%n != k {
			return fmt.Errorf("shard %d/%d: its runs.csv holds run %d, which is shard %d's", k, n, row.Index, row.Index%n)
		}
		next[k] = &row
		return nil
	}
	rw, err := p.NewRowWriter(w, true)
	if err != nil {
		return res, err
	}
	for i := range p.Runs() {
		k := i % n
		if err := read(k); err != nil {
			return res, err
		}
		switch {
		case next[k] != nil && next[k].Index == i:
			if err := rw.Write(*next[k]); err != nil {
				return res, err
			}
			res.Rows++
			if !next[k].OK() {
				res.Failed++
			}
			next[k] = nil
		case next[k] != nil && next[k].Index < i:
			return res, fmt.Errorf("shard %d/%d: run %d comes after run %d", k, n, next[k].Index, i-n)
		default:
			res.Missing++
			if len(res.Listed) < MaxListedMissing {
				res.Listed = append(res.Listed, i)
			}
		}
	}
	return res, nil
}
