package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// docomo20 runs the 20 Dec replay at a tenth of the users (the outage does
// not depend on them; the impacted users scale with them) with sets.
func docomo20(t *testing.T, seed uint64, sets ...string) *Result {
	t.Helper()
	s := loadBuiltin(t, "docomo-2022-12-20", append([]string{"users_per_unit=5000"}, sets...)...)
	if seed != 0 {
		s.Seed = seed
	}
	res, err := Run(s, Options{})
	require.NoError(t, err)
	return res
}

func TestDocomo20DecSweepTmp(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		res := docomo20(t, seed)
		o := res.Summary.Outcome
		n := 0
		u := 0.0
		for _, p := range o.Populations {
			if p.OutageS > 120 {
				n++
			}
			u += p.ImpactedUsers
		}
		t.Logf("seed %d: outage %.1f min, stuck %d, users %.0f", seed, o.Outage.DurationS/60, n, u*46)
	}
}
