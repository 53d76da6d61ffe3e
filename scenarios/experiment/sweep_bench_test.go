package experiment

import (
	"testing"
	"time"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// BenchmarkRunOverhead reports what a study adds to each run (decoding the
// scenario with its overrides and building it, listing the figures) as a
// share of a run of about 0.1 s (the issue asks under 5%).
//
//	go test -run '^$' -bench RunOverhead -benchtime 1x ./scenarios/experiment
func BenchmarkRunOverhead(b *testing.B) {
	bi, _ := scenarios.LookupBuiltin("mm1")
	sets := []string{"customers=700000", "lambda=0.7"}
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
