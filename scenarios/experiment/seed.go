package experiment

// ReplicationSeed is the seed of replication r (0-based) of every
// combination of a study with seed base: the (r+1)-th output of SplitMix64
// (Steele, Lea and Flood 2014) started at base,
//
//	z := base + (r+1)·0x9E3779B97F4A7C15
//	z = (z ^ z>>30) · 0xBF58476D1CE4E5B9
//	z = (z ^ z>>27) · 0x94D049BB133111EB
//	seed = z ^ z>>31
//
// (all arithmetic modulo 2⁶⁴), so that any tool can reproduce a study's
// seeds, and nearby bases or replications give unrelated seeds.
func ReplicationSeed(base uint64, r int) uint64 {
	z := base + uint64(r+1)*0x9E3779B97F4A7C15
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	return z ^ z>>31
}
