package experiment

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is one of Count shards of a study: it runs the runs whose index
// modulo Count is Index (strided, so shards balance). The zero Shard is
// the whole study.
type Shard struct {
	Index, Count int
}

// MaxShards bounds the number of shards.
const MaxShards = 1000000

// ParseShard reads "i/n" (0 <= i < n).
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("%q: expected i/n, shard i (from 0) of n, e.g. 0/4, or auto", s)
	}
	return NewShard(i, n)
}

// NewShard checks and returns shard i of n.
func NewShard(i, n int) (Shard, error) {
	switch {
	case n < 1 || n > MaxShards:
		return Shard{}, fmt.Errorf("%d shards: expected 1 to %d", n, MaxShards)
	case i < 0 || i >= n:
		return Shard{}, fmt.Errorf("shard %d of %d: expected 0 to %d", i, n, n-1)
	}
	return Shard{Index: i, Count: n}, nil
}

// String writes the shard as "i/n", or "the whole study".
func (s Shard) String() string {
	if s.Count == 0 {
		return "the whole study"
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Owns says whether run i belongs to the plan's shard.
func (p *Plan) Owns(i int) bool {
	return p.Shard.Count == 0 || i%p.Shard.Count == p.Shard.Index
}

// OwnedRuns is the number of runs of the plan's shard.
func (p *Plan) OwnedRuns() int {
	n := p.Runs()
	if p.Shard.Count == 0 {
		return n
	}
	if p.Shard.Index >= n {
		return 0
	}
	return (n-1-p.Shard.Index)/p.Shard.Count + 1
}

// bitset is a set of run indices.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i int) bool { return b[i/64]&(1<<(i%64)) != 0 }
