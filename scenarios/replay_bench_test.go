package scenarios

import (
	"testing"
	"time"
)

// BenchmarkReplay runs each incident replay at its default size and
// reports the wall seconds and events/s of one run (the budget is
// 10 s per replay on the project's 2-core machine).
func BenchmarkReplay(b *testing.B) {
	for _, name := range []string{"exchange-2022-12-02", "docomo-2022-12-17", "docomo-2022-12-20", "kakao-2022-10-15", "retry-storm"} {
		b.Run(name, func(b *testing.B) {
			bt, ok := LookupBuiltin(name)
			if !ok {
				b.Fatalf("no built-in %s", name)
			}
			var events uint64
			var wall float64
			for i := 0; i < b.N; i++ {
				s, err := Validate(bt.File, bt.Data, nil)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				res, err := Run(s, Options{})
				if err != nil {
					b.Fatal(err)
				}
				wall += time.Since(start).Seconds()
				events += res.Summary.Events
			}
			b.ReportMetric(wall/float64(b.N), "s/run")
			b.ReportMetric(float64(events)/wall, "events/s")
		})
	}
}
