package experiment

import (
	"iter"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/cascade-sim/cascade/scenarios"
)

// ExecOptions tune Execute without changing what it produces.
type ExecOptions struct {
	// Workers is how many runs go at once; 0 means GOMAXPROCS.
	Workers int
	// Stop, if not nil, is checked often; when it returns true no run is
	// started and runs under way are abandoned.
	Stop func() bool
	// Capture, if not nil, is called in the worker with each successful
	// run's result; what it returns travels in the row (Row.Captured) to
	// emit, in index order, and is not written anywhere.
	Capture func(index int, res *scenarios.Result) any
}

// Execute runs the runs whose indices todo yields (ascending) on workers
// goroutines and hands each row to emit in index order, whatever the order
// runs finish in. At most a few rows per worker wait for an earlier one,
// so memory does not grow with the number of runs.
//
// It returns emit's first error, or scenarios.ErrStopped when Stop ended
// it; the rows emitted until then are a prefix of todo's indices.
func Execute(p *Plan, todo iter.Seq[int], opt ExecOptions, emit func(Row) error) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var halt atomic.Bool
	stopped := func() bool {
		if halt.Load() {
			return true
		}
		if opt.Stop != nil && opt.Stop() {
			halt.Store(true)
			return true
		}
		return false
	}
	type job struct{ seq, index int }
	type result struct {
		seq int
		row Row
		ok  bool
	}
	window := make(chan struct{}, 4*workers)
	jobs := make(chan job)
	results := make(chan result, workers)
	var exhausted atomic.Bool // every index of todo was dispatched
	go func() {
		defer close(jobs)
		seq := 0
		for i := range todo {
			window <- struct{}{}
			if stopped() {
				return
			}
			jobs <- job{seq, i}
			seq++
		}
		exhausted.Store(true)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				row, ok := p.run(j.index, stopped, opt.Capture)
				results <- result{j.seq, row, ok}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	var err error
	emitting := true
	pending := map[int]result{}
	next := 0
	for res := range results {
		pending[res.seq] = res
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if !emitting {
				continue
			}
			if !r.ok {
				emitting = false
				continue
			}
			if e := emit(r.row); e != nil {
				err, emitting = e, false
				halt.Store(true)
			}
		}
	}
	switch {
	case err != nil:
		return err
	case !exhausted.Load() || !emitting:
		return scenarios.ErrStopped
	}
	return nil
}
