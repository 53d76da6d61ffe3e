package power

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// perHour is a pool rate of x units an hour, in units per second.
func perHour(x float64) float64 { return x / 3600 }

// Two services lose their servers at 0 and get them back at 1 h; the pool
// recovers 1 unit an hour, shared. Alone, a service of 2 units is back at
// 3 h; with a second one of 1 unit, both go at half speed: the small one is
// back at 3 h, the large one has 1 unit left and is back at 4 h.
func TestDataPoolSharesItsRate(t *testing.T) {
	for _, tc := range []struct {
		name       string
		sizes      []float64
		wantUsable []time.Duration
	}{
		{"alone", []float64{2}, []time.Duration{3 * time.Hour}},
		{"shared", []float64{2, 1}, []time.Duration{4 * time.Hour, 3 * time.Hour}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newEnv(t, 10*time.Hour, 1)
			site := darkAt(t, env, "dc", 2, 0, time.Hour)
			pool, err := NewDataPool(env, "backup", perHour(1))
			require.NoError(t, err)
			var svcs []*HostedService
			var tgts []*switchable
			for i, size := range tc.sizes {
				tgt := &switchable{name: "s"}
				tgts = append(tgts, tgt)
				svcs = append(svcs, mustService(t, env, ServiceConfig{Name: string(rune('a' + i)), Hosts: site.Hosts(),
					Component: tgt, Data: &DataConfig{Size: size, RecoveredBy: pool}}))
			}
			env.Engine.RunUntil(90 * time.Minute)
			require.Equal(t, 1.0, site.RunningShare(), "servers are back")
			for _, s := range svcs {
				require.False(t, s.Usable())
				require.True(t, s.RecoveringData())
			}
			require.Equal(t, len(svcs), pool.Recovering())
			env.Engine.RunUntil(10 * time.Hour)
			for i, tgt := range tgts {
				require.Equal(t, []string{"down@0s", "up@" + tc.wantUsable[i].String()}, tgt.calls, "service %d", i)
				require.False(t, svcs[i].RecoveringData())
			}
			require.Zero(t, pool.Recovering())
		})
	}
}

// Servers lost during recovery pause it; what was recovered stays: 4 units
// at 1 unit an hour, servers back at 1 h, lost again at 2 h (1 unit done),
// back at 5 h: 3 units left, usable at 8 h.
func TestDataRecoveryPausesWithoutServers(t *testing.T) {
	env := newEnv(t, 12*time.Hour, 1)
	site := darkAt(t, env, "dc", 1, 0, time.Hour)
	at(env, 2*time.Hour, site.LoseUtility)
	at(env, 5*time.Hour, site.RestoreUtility)
	pool, err := NewDataPool(env, "backup", perHour(1))
	require.NoError(t, err)
	tgt := &switchable{name: "s"}
	mustService(t, env, ServiceConfig{Name: "s", Hosts: site.Hosts(), Component: tgt, Data: &DataConfig{Size: 4, RecoveredBy: pool}})
	env.Engine.RunUntil(12 * time.Hour)
	require.Equal(t, []string{"down@0s", "up@8h0m0s"}, tgt.calls)
}

// A service that never lost its servers has nothing to recover, and a
// service without data comes back with its servers.
func TestDataRecoveryOnlyAfterAnUncleanStop(t *testing.T) {
	env := newEnv(t, 5*time.Hour, 1)
	lit := mustSite(t, env, oneRoom(1, 0, nil))
	dark := darkAt(t, env, "dark", 1, time.Minute, time.Hour)
	pool, err := NewDataPool(env, "backup", perHour(1))
	require.NoError(t, err)
	plain := &switchable{name: "plain"}
	mustService(t, env, ServiceConfig{Name: "plain", Hosts: dark.Hosts(), Component: plain})
	withData := &switchable{name: "data"}
	mustService(t, env, ServiceConfig{Name: "data", Hosts: dark.Hosts(), Component: withData, Data: &DataConfig{Size: 0.5, RecoveredBy: pool}})
	steady := &switchable{name: "steady"}
	mustService(t, env, ServiceConfig{Name: "steady", Hosts: lit.Hosts(), Component: steady, Data: &DataConfig{Size: 0.5, RecoveredBy: pool}})
	env.Engine.RunUntil(5 * time.Hour)
	require.Equal(t, []string{"down@1m0s", "up@1h0m0s"}, plain.calls)
	require.Equal(t, []string{"down@1m0s", "up@1h30m0s"}, withData.calls)
	require.Empty(t, steady.calls)
	require.Zero(t, pool.Recovering())
}

func TestDataConfigErrors(t *testing.T) {
	env := newEnv(t, time.Hour, 1)
	_, err := NewDataPool(env, "p", 0)
	require.ErrorContains(t, err, `data pool "p": rate must be a positive number`)
	_, err = NewDataPool(env, "", 1)
	require.ErrorContains(t, err, "no name")
	pool, err := NewDataPool(env, "p", 1)
	require.NoError(t, err)
	site := darkAt(t, env, "dc", 1, 0, 0)
	for d, want := range map[*DataConfig]string{
		{Size: 1}:                     `hosted service "s": data needs a pool`,
		{Size: 0, RecoveredBy: pool}:  `hosted service "s": data.size: expected a positive amount of data`,
		{Size: -1, RecoveredBy: pool}: `hosted service "s": data.size: expected a positive amount of data`,
	} {
		_, err := NewHostedService(env, ServiceConfig{Name: "s", Hosts: site.Hosts(), Data: d})
		require.ErrorContains(t, err, want)
	}
}
