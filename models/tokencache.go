package models

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// TokenCacheConfig describes a cache of credentials in front of a token
// service. A scenario declares it as a component of kind token-cache, with
// Target and Client by name; the builder resolves them into Fetch.
type TokenCacheConfig struct {
	// Name identifies the cache in outputs.
	Name string
	// Target names the component that issues tokens: a service.
	Target string `knob:"target" required:"true" ref:"service component (the component that issues tokens)" want:"the name of the service that issues tokens" doc:"the service that issues tokens"`
	// Client names the call policy of fetches; "" for one attempt, no
	// timeout.
	Client string `knob:"client" ref:"client" doc:"the client (call policy) used for fetches; without one, one attempt with no timeout or retries"`
	// Fetch is where tokens come from: the token service, usually through
	// a Client with its own timeouts and retries.
	Fetch Target
	// TTL is how long a fetched token is valid.
	TTL sim.Time `knob:"ttl" required:"true" min:">0s" want:"how long a token is valid: a duration > 0 with a unit, like 30s, 1.5h or 2d" doc:"how long a fetched token stays valid, from the end of the fetch"`
	// RefreshBefore starts a background refresh this long before a token
	// expires; 0 means no early refresh (the next request after expiry
	// fetches).
	RefreshBefore sim.Time `knob:"refresh_before" min:"0s" doc:"starts a background refresh this long before the token expires, so that callers do not wait; less than ttl. 0 for no early refresh: the first request after expiry fetches"`
	// SingleFlight makes concurrent misses of one instance wait for one
	// fetch. Without it every miss fetches on its own.
	SingleFlight bool `knob:"single_flight" default:"true" doc:"if true, concurrent misses of one instance wait for a single fetch; if false, every miss fetches on its own"`
	// Instances is the number of independent caches (one per server that
	// needs tokens); each request uses one drawn uniformly at random.
	Instances int `knob:"instances" default:"1" min:"1" max:"1000000" unit:"caches" want:"an integer from 1 to 1000000: independent caches" doc:"how many independent caches there are (e.g. one per backend server); each request uses one at random"`
}

// Describe names a token cache in messages.
func (TokenCacheConfig) Describe() (noun, example string) {
	return "a token cache", "{target: auth, client: auth-client, ttl: 1h}"
}

// Check checks that a refresh starts before the token expires.
func (c TokenCacheConfig) Check(func(string) bool) error {
	if c.RefreshBefore >= c.TTL {
		return knob.Errorf("refresh_before", "expected refresh_before < ttl (%s), got %s", shortDuration(c.TTL), shortDuration(c.RefreshBefore))
	}
	return nil
}

// TokenCache is a Target that answers a request at once while its
// instance holds a valid token, and otherwise fetches one. When a fetch
// fails or times out the waiting requests fail, the token stays invalid,
// and the next requests fetch again: under a slow token service this turns
// every user request into token requests — the path to a token storm.
//
// At the start every instance holds a token with a remaining lifetime drawn
// uniformly from (0, TTL), the steady state of periodic refreshes.
//
// Series (component = the cache's name): "requests_per_s", "hits_per_s",
// "fetches_per_s" and "fetch_failures_per_s".
type TokenCache struct {
	cfg   TokenCacheConfig
	env   *Env
	rng   *sim.Rand
	inst  []tokenInstance
	fetch Target

	requests, hits, fetches, fetchFailures *sim.Counter

	pool    requestPool
	answers tokenAnswers
	refresh refreshDue
	down    bool
}

type tokenInstance struct {
	idx        int
	validUntil sim.Time
	fetching   int
	waiters    []*Request
	refresh    sim.Timer
}

// NewTokenCache creates a token cache.
func NewTokenCache(env *Env, cfg TokenCacheConfig) (*TokenCache, error) {
	switch {
	case cfg.Fetch == nil:
		return nil, fmt.Errorf("token cache %q: nothing to fetch tokens from", cfg.Name)
	case cfg.TTL <= 0:
		return nil, fmt.Errorf("token cache %q: ttl must be positive, got %v", cfg.Name, cfg.TTL)
	case cfg.RefreshBefore < 0 || cfg.RefreshBefore >= cfg.TTL:
		return nil, fmt.Errorf("token cache %q: refresh_before must be in [0, ttl), got %v", cfg.Name, cfg.RefreshBefore)
	case cfg.Instances < 1:
		return nil, fmt.Errorf("token cache %q: instances must be at least 1, got %d", cfg.Name, cfg.Instances)
	}
	if err := knob.Validate(cfg); err != nil {
		return nil, fmt.Errorf("token cache %q: %w", cfg.Name, err)
	}
	rec := env.Recorder
	c := &TokenCache{
		cfg:           cfg,
		env:           env,
		rng:           env.Streams.Stream("token-cache/" + cfg.Name),
		inst:          make([]tokenInstance, cfg.Instances),
		fetch:         cfg.Fetch,
		requests:      rec.Counter(cfg.Name, MetricRequestsPerS, sim.PerSecond),
		hits:          rec.Counter(cfg.Name, MetricHitsPerS, sim.PerSecond),
		fetches:       rec.Counter(cfg.Name, MetricFetchesPerS, sim.PerSecond),
		fetchFailures: rec.Counter(cfg.Name, MetricFetchFailuresPerS, sim.PerSecond),
	}
	c.answers.c = c
	c.refresh.c = c
	for i := range c.inst {
		in := &c.inst[i]
		in.idx = i
		in.validUntil = sim.Seconds(c.rng.Float64() * cfg.TTL.Seconds())
		c.scheduleRefresh(0, in)
	}
	return c, nil
}

// Name returns the cache's name.
func (c *TokenCache) Name() string { return c.cfg.Name }

// Submit answers r at once from a valid token, or after a fetch.
func (c *TokenCache) Submit(now sim.Time, r *Request) {
	c.requests.Inc(now)
	if c.down {
		r.Replier.Reply(now, r, Unavailable)
		return
	}
	in := &c.inst[c.rng.Intn(uint64(len(c.inst)))]
	if in.validUntil > now {
		c.hits.Inc(now)
		r.Replier.Reply(now, r, OK)
		return
	}
	if c.cfg.SingleFlight {
		in.waiters = append(in.waiters, r)
		if in.fetching == 0 {
			c.startFetch(now, in, nil)
		}
		return
	}
	c.startFetch(now, in, r)
}

// startFetch fetches a token for instance in, on behalf of r (nil for a
// single-flight fetch or a background refresh).
func (c *TokenCache) startFetch(now sim.Time, in *tokenInstance, r *Request) {
	in.fetching++
	c.fetches.Inc(now)
	f := c.pool.get()
	f.Issued = now
	f.Replier = &c.answers
	f.tag = in.idx
	if r != nil {
		f.Deadline = r.Deadline
		f.parent, f.parentID = r, r.id
	}
	c.fetch.Submit(now, f)
}

type tokenAnswers struct{ c *TokenCache }

// Reply receives the outcome of a fetch.
func (a *tokenAnswers) Reply(now sim.Time, f *Request, o Outcome) {
	c := a.c
	in := &c.inst[f.tag]
	parent := f.parent
	if parent != nil && f.staleParent() {
		parent = nil
	}
	c.pool.put(f)
	in.fetching--
	if o == OK {
		if until := sim.Later(now, c.cfg.TTL); until > in.validUntil {
			in.validUntil = until
			c.scheduleRefresh(now, in)
		}
	} else {
		c.fetchFailures.Inc(now)
	}
	answer := OK
	if o != OK {
		answer = Failed
	}
	if parent != nil {
		parent.Replier.Reply(now, parent, answer)
	}
	if c.cfg.SingleFlight && in.fetching == 0 {
		waiters := in.waiters
		in.waiters = in.waiters[len(in.waiters):] // keep the capacity
		for _, w := range waiters {
			w.Replier.Reply(now, w, answer)
		}
	}
}

// scheduleRefresh plans a background refresh of in before its token
// expires, if the cache refreshes early.
func (c *TokenCache) scheduleRefresh(now sim.Time, in *tokenInstance) {
	if c.cfg.RefreshBefore <= 0 {
		return
	}
	c.env.Engine.Cancel(in.refresh)
	at := max(now, in.validUntil-c.cfg.RefreshBefore)
	in.refresh = c.env.Engine.At(at, &c.refresh, in)
}

type refreshDue struct{ c *TokenCache }

// Fire refreshes an instance's token in the background.
func (h *refreshDue) Fire(now sim.Time, data any) {
	in := data.(*tokenInstance)
	if in.fetching == 0 {
		h.c.startFetch(now, in, nil)
	}
}

// Reroute sends the cache's fetches for from to to instead.
func (c *TokenCache) Reroute(now sim.Time, from string, to Target) {
	c.fetch = reroute(c.fetch, from, to)
}

// Down makes the cache answer every request Unavailable (the servers that
// hold it are down). Fetches in flight still complete.
func (c *TokenCache) Down(now sim.Time) { c.down = true }

// Up brings the cache back; tokens it held stay valid until they expire.
func (c *TokenCache) Up(now sim.Time) { c.down = false }
