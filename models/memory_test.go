package models

import (
	"runtime"
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// memorySlack is how many more bytes a run 10 times longer may use, both in
// peak HeapInuse and in bytes allocated while running. What a run keeps
// grows with what is in flight at once, not with its length: requests in
// the pool, engine slots and heap entries, the service's ring buffer. At
// rho 0.5 the most customers ever in the system grows like
// log(n)/log(1/rho), about 3 more for 10 times the customers; each costs
// under 200 bytes, but a slice that doubles (slots, free lists, ring
// buffer) or a new span of a size class (8 KiB pages in HeapInuse) may
// appear. 64 KiB covers several such steps while a leak of even a tenth of
// a byte per customer (180 KiB over 1.8 million extra customers) exceeds it.
const memorySlack = 64 << 10

// memoryProfile is what mm1Memory measures of one run.
type memoryProfile struct {
	// peakInuse is the highest HeapInuse seen during the run, above the
	// HeapInuse before the model was built.
	peakInuse int64
	// runAlloc is the number of bytes allocated while the engine ran
	// (TotalAlloc after the run minus before it, the model already built).
	runAlloc int64
}

// mm1Memory builds M/M/1 at rho 0.5 for customers customers with newMM1
// (always 1000 recorder steps, whatever the run length) and runs the engine
// in 200 chunks with RunUntil, reading the heap statistics between chunks.
func mm1Memory(tb testing.TB, customers int64) memoryProfile {
	tb.Helper()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse

	env, pop, _ := newMM1(tb, 0.5, customers, 1)
	runtime.ReadMemStats(&ms)
	allocBefore, peak := ms.TotalAlloc, ms.HeapInuse
	const chunks = 200
	for k := sim.Time(1); k <= chunks; k++ {
		env.Engine.RunUntil(env.Horizon * k / chunks)
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	require.Zero(tb, env.Engine.Pending(), "the run finished inside the horizon")
	require.Equal(tb, customers, pop.Stats().Succeeded)
	runtime.KeepAlive(env)
	return memoryProfile{
		peakInuse: int64(peak) - int64(base),
		runAlloc:  int64(ms.TotalAlloc - allocBefore),
	}
}

// requireBoundedMemory runs M/M/1 for small and 10 x small customers and
// asserts that the long run uses no more memory than the short one plus
// memorySlack.
func requireBoundedMemory(tb testing.TB, small int64) (short, long memoryProfile) {
	tb.Helper()
	short = mm1Memory(tb, small)
	long = mm1Memory(tb, 10*small)
	require.LessOrEqual(tb, long.peakInuse, short.peakInuse+memorySlack,
		"peak heap grows with run length: %d customers %d B, %d customers %d B", small, short.peakInuse, 10*small, long.peakInuse)
	require.LessOrEqual(tb, long.runAlloc, short.runAlloc+memorySlack,
		"allocation grows with run length: %d customers %d B, %d customers %d B", small, short.runAlloc, 10*small, long.runAlloc)
	return short, long
}

// TestMemoryBoundedByInFlight: the memory of a run is proportional to what
// is in flight, not to how long it runs. 200k and 2M customers of M/M/1 at
// rho 0.5, with the same number of recorder steps, must peak at the same
// heap within memorySlack and allocate the same while running. (The 1M vs
// 10M version is BenchmarkMemoryMM1.) Not parallel: other tests' garbage
// would blur the heap readings, and parallel tests wait for this one.
func TestMemoryBoundedByInFlight(t *testing.T) {
	short, long := requireBoundedMemory(t, 200_000)
	t.Logf("peak heap in use: 200k customers %d B, 2M customers %d B; allocated while running: %d B, %d B",
		short.peakInuse, long.peakInuse, short.runAlloc, long.runAlloc)
}

// BenchmarkMemoryMM1 runs M/M/1 at rho 0.5 for 1M and 10M customers with
// the same recorder steps, asserts the 10M run needs no more memory than
// the 1M run plus memorySlack, and reports both peaks (bytes of HeapInuse
// above the baseline) and the bytes allocated while each ran. One op is the
// pair of runs.
func BenchmarkMemoryMM1(b *testing.B) {
	var short, long memoryProfile
	for i := 0; i < b.N; i++ {
		short, long = requireBoundedMemory(b, 1_000_000)
	}
	b.ReportMetric(float64(short.peakInuse), "peak-heap-1M-B")
	b.ReportMetric(float64(long.peakInuse), "peak-heap-10M-B")
	b.ReportMetric(float64(short.runAlloc), "run-alloc-1M-B")
	b.ReportMetric(float64(long.runAlloc), "run-alloc-10M-B")
}
