package sim

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// Rand is a deterministic random number generator (PCG-DXSM from
// math/rand/v2, whose output sequence is fixed by its specification). The
// derived values (floats, exponentials, normals) are computed here rather
// than by math/rand so that they cannot change with the Go release.
type Rand struct {
	src rand.PCG
}

// newRand returns a generator seeded with the two words of its state.
func newRand(hi, lo uint64) *Rand {
	r := &Rand{}
	r.src.Seed(hi, lo)
	return r
}

// Uint64 returns 64 uniformly random bits.
func (r *Rand) Uint64() uint64 { return r.src.Uint64() }

// Float64 returns a uniform number in [0, 1) with 53 random bits.
func (r *Rand) Float64() float64 {
	return float64(r.src.Uint64()>>11) * 0x1p-53
}

// Intn returns a uniform integer in [0, n); n must be positive. It uses
// Lemire's multiply-shift with rejection, so it has no modulo bias.
func (r *Rand) Intn(n uint64) uint64 {
	if n == 0 {
		panic("sim: Intn with n == 0")
	}
	hi, lo := bits.Mul64(r.src.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(r.src.Uint64(), n)
		}
	}
	return hi
}

// ExpFloat64 returns an exponential number with mean 1 (inverse transform).
func (r *Rand) ExpFloat64() float64 {
	return -math.Log1p(-r.Float64())
}

// NormFloat64 returns a standard normal number (Marsaglia's polar method).
func (r *Rand) NormFloat64() float64 {
	for {
		u := 2*r.Float64() - 1
		v := 2*r.Float64() - 1
		s := u*u + v*v
		if s > 0 && s < 1 {
			return u * math.Sqrt(-2*math.Log(s)/s)
		}
	}
}
