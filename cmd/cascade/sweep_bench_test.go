package main

import (
	"path/filepath"
	"testing"
	"time"
)

// benchSweep is a 200-run sweep of mm1 (20 combinations x 10
// replications) of about 3 ms per run.
func benchSweep(out string, workers string) []string {
	return []string{"sweep", "mm1", "--set", "customers=20000", "--vary", "lambda=0.5..0.9/0.1",
		"--vary", "mu=1,1.5,2,3", "--reps", "10", "--format", "none", "--quiet", "--workers", workers, "--out", out}
}

// BenchmarkSweepWorkers runs cascade sweep on 200 small runs with 1 and
// with 2 workers and reports the speed-up (the issue asks at least 1.8)
// and runs/s.
//
//	go test -run '^$' -bench SweepWorkers -benchtime 1x ./cmd/cascade
func BenchmarkSweepWorkers(b *testing.B) {
	for b.Loop() {
		tmp := b.TempDir()
		var took [2]time.Duration
		for i, w := range []string{"1", "2"} {
			var a app
			a.stdout, a.stderr = discard{}, discard{}
			start := time.Now()
			if code := a.main(benchSweep(filepath.Join(tmp, w), w)); code != exitOK {
				b.Fatalf("sweep with %s workers: exit %d", w, code)
			}
			took[i] = time.Since(start)
		}
		b.ReportMetric(took[0].Seconds()/took[1].Seconds(), "speedup-2-workers")
		b.ReportMetric(200/took[1].Seconds(), "runs/s-2-workers")
		b.ReportMetric(took[0].Seconds()/200*1e3, "ms/run")
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
