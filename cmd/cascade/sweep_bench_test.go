package main

import (
	"fmt"
	"path/filepath"
	"runtime"
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

// peakHeap runs f while sampling the heap in use every 2 ms and returns the
// highest sample in MB.
func peakHeap(f func()) float64 {
	done := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var m runtime.MemStats
		var top uint64
		for {
			runtime.ReadMemStats(&m)
			top = max(top, m.HeapInuse)
			select {
			case <-done:
				peak <- top
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	return float64(<-peak) / (1 << 20)
}

// BenchmarkSweepMemory runs sweeps of 400 and of 4,000 tiny runs and
// reports the peak heap of each (with GOGC=100): rows are streamed, so
// ten times the runs should not take ten times the memory.
//
//	go test -run '^$' -bench SweepMemory -benchtime 1x ./cmd/cascade
func BenchmarkSweepMemory(b *testing.B) {
	// The default collector, so that the peak follows what is live.
	b.Setenv("GOGC", "100")
	for b.Loop() {
		tmp := b.TempDir()
		for _, n := range []int{40, 400} {
			args := []string{"sweep", "mm1", "--set", "customers=100", "--vary", fmt.Sprintf("lambda=0.5..0.9*%d", n),
				"--reps", "10", "--format", "none", "--quiet", "--out", filepath.Join(tmp, fmt.Sprint(n))}
			runtime.GC()
			mb := peakHeap(func() {
				var a app
				a.stdout, a.stderr = discard{}, discard{}
				if code := a.main(args); code != exitOK {
					b.Fatalf("sweep of %d runs: exit %d", 10*n, code)
				}
			})
			b.ReportMetric(mb, fmt.Sprintf("peak-heap-MB-%d-runs", 10*n))
		}
	}
}
