package models

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func newTokenSetup(t *testing.T, cfg TokenCacheConfig, issuerTime float64) (*Env, *Service, *TokenCache) {
	t.Helper()
	env := newBareEnv(t, secs(10000), 5)
	issuer, err := NewService(env, ServiceConfig{Name: "issuer", Workers: 1, ServiceTime: mustDet(t, issuerTime)})
	require.NoError(t, err)
	cfg.Name = "tokens"
	cfg.Fetch = issuer
	cache, err := NewTokenCache(env, cfg)
	require.NoError(t, err)
	return env, issuer, cache
}

// TestTokenCacheRefreshKeepsTokensValid: with early refresh the requests
// never wait: every one is a hit, and the issuer sees one fetch per
// instance per (ttl - refresh_before).
func TestTokenCacheRefreshKeepsTokensValid(t *testing.T) {
	env, issuer, cache := newTokenSetup(t, TokenCacheConfig{TTL: secs(100), RefreshBefore: secs(10), SingleFlight: true, Instances: 5}, 0.01)
	p := newProbe(t)
	for i := 0; i < 900; i++ {
		p.send(env.Engine, secs(float64(i)), cache, "")
	}
	env.Engine.RunUntil(secs(900))
	require.Len(t, p.replies, 900)
	for _, r := range p.replies {
		require.Equal(t, OK, r.outcome)
	}
	series := env.Recorder.Finish(env.Engine.Now())
	hits := seriesValues(t, series, "tokens", "hits_per_s")
	total := 0.0
	for _, v := range hits[:900] {
		total += v
	}
	require.Equal(t, 900.0, total, "every request is a hit")
	// 5 instances refreshing every 90 s over 900 s: 50 fetches, give or
	// take one per instance at the ends.
	require.InDelta(t, 50, float64(issuer.Latency().Count()), 5)
}

// TestTokenCacheSingleFlight: misses of one instance share one fetch; with
// single flight off each miss fetches.
func TestTokenCacheSingleFlight(t *testing.T) {
	for _, single := range []bool{true, false} {
		env, issuer, cache := newTokenSetup(t, TokenCacheConfig{TTL: secs(1), SingleFlight: single, Instances: 1}, 5)
		p := newProbe(t)
		for i := 0; i < 10; i++ {
			p.send(env.Engine, secs(2+0.1*float64(i)), cache, "")
		}
		env.Engine.Run()
		require.Len(t, p.replies, 10)
		if single {
			require.Equal(t, int64(1), issuer.Latency().Count())
			for _, r := range p.replies {
				require.Equal(t, secs(7), r.at, "all answered when the one fetch returns")
			}
		} else {
			require.Equal(t, int64(10), issuer.Latency().Count(), "ten fetches queue at the issuer")
		}
	}
}

// TestTokenCacheFailedFetchFailsWaitersAndNextRequestFetchesAgain.
func TestTokenCacheFailedFetchFailsWaitersAndNextRequestFetchesAgain(t *testing.T) {
	env, issuer, cache := newTokenSetup(t, TokenCacheConfig{TTL: secs(1), SingleFlight: true, Instances: 1}, 1)
	f := timed{At: secs(2.5), Fault: Fault{Target: issuer, Action: FaultDown}}
	require.NoError(t, f.Schedule(env.Engine, env.Recorder))
	up := timed{At: secs(4), Fault: Fault{Target: issuer, Action: FaultUp}}
	require.NoError(t, up.Schedule(env.Engine, env.Recorder))
	p := newProbe(t)
	p.send(env.Engine, secs(2), cache, "a")   // miss: fetch 2-3, aborted at 2.5
	p.send(env.Engine, secs(2.2), cache, "b") // joins a's fetch
	p.send(env.Engine, secs(3), cache, "c")   // miss again: issuer down, fails at once
	p.send(env.Engine, secs(5), cache, "d")   // issuer up: fetch 5-6
	p.send(env.Engine, secs(6.5), cache, "e") // hit
	env.Engine.Run()
	require.Equal(t, []reply{
		{"a", secs(2.5), Failed}, {"b", secs(2.5), Failed},
		{"c", secs(3), Failed},
		{"d", secs(6), OK},
		{"e", secs(6.5), OK},
	}, p.replies)
}

// TestTokenCacheDownAndUp: a down cache answers Unavailable at once.
func TestTokenCacheDownAndUp(t *testing.T) {
	env, _, cache := newTokenSetup(t, TokenCacheConfig{TTL: secs(100), SingleFlight: true, Instances: 1}, 0.5)
	schedule(t, env,
		timed{At: secs(1), Fault: Fault{Target: cache, Action: FaultDown}},
		timed{At: secs(2), Fault: Fault{Target: cache, Action: FaultUp}})
	_, err := Fault{Target: cache, Action: FaultSlow, Factor: 2}.Change()
	require.ErrorContains(t, err, "tokens cannot take slow")
	p := newProbe(t)
	p.send(env.Engine, secs(1.5), cache, "down")
	p.send(env.Engine, secs(2.5), cache, "up")
	env.Engine.Run()
	require.Equal(t, reply{"down", secs(1.5), Unavailable}, p.replies[0])
	require.Equal(t, "up", p.replies[1].id)
	require.NotEqual(t, Unavailable, p.replies[1].outcome)
}
