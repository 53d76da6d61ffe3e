package sim

// Streams derives independent random generators from one seed and a name.
// The numbers a stream gives depend only on (seed, name): adding a new
// stream, or drawing from another one, never changes them.
type Streams struct {
	seed uint64
}

// NewStreams returns the stream family for seed.
func NewStreams(seed uint64) *Streams { return &Streams{seed: seed} }

// Seed returns the seed the streams derive from.
func (s *Streams) Seed() uint64 { return s.seed }

// Stream returns a new generator for name. Two calls with the same name give
// two generators with the same sequence; give each component its own name.
func (s *Streams) Stream(name string) *Rand {
	h := fnv1a(name)
	a := splitmix(s.seed ^ splitmix(h))
	b := splitmix(a ^ 0x6a09e667f3bcc909 ^ h)
	return newRand(a, b)
}

// fnv1a hashes a string with 64-bit FNV-1a.
func fnv1a(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return h
}

// splitmix is the SplitMix64 finaliser: a bijective mix of 64 bits.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
