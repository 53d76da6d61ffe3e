package experiment

import (
	"fmt"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// smallPlan is a 200-run sweep of mm1 (20 combinations x 10 replications)
// with runs of about customers arrivals each.
func smallPlan(b *testing.B, customers int) *Plan {
	b.Helper()
	bi, _ := scenarios.LookupBuiltin("mm1")
	st := &Study{Scenario: "mm1", Sets: []string{fmt.Sprintf("customers=%d", customers)}, Design: Grid, Reps: 10, Axes: []Axis{
		{Key: "lambda", Values: []string{"0.5", "0.6", "0.7", "0.8", "0.9"}},
		{Key: "mu", Values: []string{"1", "1.5", "2", "3"}},
	}}
	p, err := NewPlan(st, "mm1", bi.File, bi.Data)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func timeSweep(b *testing.B, p *Plan, workers int) time.Duration {
	b.Helper()
	start := time.Now()
	err := Execute(p, indices(0, p.Runs(), nil), ExecOptions{Workers: workers}, func(r Row) error {
		if !r.OK() {
			return fmt.Errorf("run %d: %s", r.Index, r.Err)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// BenchmarkSweepWorkers times a 200-run sweep of a small scenario with 1
// and with 2 workers and reports the speed-up (the issue asks at least
// 1.8) and runs/s with 2 workers.
//
//	go test -run '^$' -bench SweepWorkers -benchtime 1x ./scenarios/experiment
func BenchmarkSweepWorkers(b *testing.B) {
	p := smallPlan(b, 20000)
	for b.Loop() {
		one := timeSweep(b, p, 1)
		two := timeSweep(b, p, 2)
		b.ReportMetric(one.Seconds()/two.Seconds(), "speedup-2-workers")
		b.ReportMetric(float64(p.Runs())/two.Seconds(), "runs/s-2-workers")
		b.ReportMetric(one.Seconds()/float64(p.Runs())*1e3, "ms/run")
	}
}

// BenchmarkRunOverhead reports what a study adds to each run (decoding the
// scenario with its overrides and building it, listing the figures) as a
// share of a run of about 0.1 s (the issue asks under 5%).
//
//	go test -run '^$' -bench RunOverhead -benchtime 1x ./scenarios/experiment
func BenchmarkRunOverhead(b *testing.B) {
	bi, _ := scenarios.LookupBuiltin("mm1")
	sets := []string{"customers=100000", "lambda=0.7"}
	for b.Loop() {
		const n = 5
		var run, overhead time.Duration
		for range n {
			s, err := spec.Load(bi.File, bi.Data, sets)
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			res, err := scenarios.Run(s, scenarios.Options{})
			if err != nil {
				b.Fatal(err)
			}
			run += time.Since(start)
			start = time.Now()
			if _, _, err := scenarios.Prepare(bi.File, bi.Data, sets); err != nil {
				b.Fatal(err)
			}
			if _, err := res.Summary.Figures(); err != nil {
				b.Fatal(err)
			}
			overhead += time.Since(start)
		}
		b.ReportMetric(run.Seconds()/n, "s/run")
		b.ReportMetric(100*overhead.Seconds()/run.Seconds(), "overhead-%")
	}
}
