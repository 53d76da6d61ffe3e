package models

import (
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/sim"
)

// maxCountedUsers is the largest population whose impacted users are
// counted one by one (a bit each, 16 MiB at most). Larger populations
// report the expected number instead; see Population.ImpactedUsers.
const maxCountedUsers = 1 << 27

// PopulationConfig describes a population of users.
type PopulationConfig struct {
	// Name identifies the population in outputs.
	Name string
	// Users is the number of users, at least 1.
	Users int64
	// Rate is the total request rate of all users, per second (> 0).
	Rate float64
	// MaxRequests stops the population after this many requests; 0 means
	// no limit.
	MaxRequests int64
	// Start is when the first user may send; default 0.
	Start sim.Time
	// Deadline is how long a user waits for an answer before counting the
	// request as failed; 0 means users wait forever.
	Deadline sim.Time
}

// Population is a group of users who each send requests as a Poisson
// process; together they form one Poisson process of rate Rate. Each request
// belongs to one user drawn uniformly at random, which is exactly the
// superposition of Users independent Poisson processes of rate Rate/Users.
//
// A request succeeds if the target answers OK before the deadline. It fails
// if the target answers anything else, or if the deadline passes first; in
// that case the target still holds the request and may go on working on it
// (nobody tells it the user left).
//
// Series (component = the population's name), each by the step in which
// the request was issued: "requests", "failed" and "succeeded" (counts per
// step) and "latency_sum_s" (sum of the latencies of the successful
// requests, in seconds: divided by "succeeded" it gives the step's mean).
type Population struct {
	cfg    PopulationConfig
	env    *Env
	target Target
	rng    *sim.Rand // arrivals
	users  *sim.Rand // which user a failed request belonged to
	mean   float64   // mean inter-arrival time in seconds

	sent, succeeded, failed, timedOut int64
	byOutcome                         [numOutcomes]int64

	requests, failures, successes, latencySum *sim.Counter
	latency                                   *sim.Histogram

	impacted      []uint64 // one bit per user who saw a failure
	impactedCount int64

	pool requestPool
	// firstFail and lastFail hold, per step, the issue times of the first
	// and last failed request (-1: none); nil until a request fails.
	firstFail, lastFail []sim.Time

	arrival  arrivalHandler
	deadline deadlineHandler
}

// NewPopulation creates a population that sends to target.
func NewPopulation(env *Env, cfg PopulationConfig, target Target) (*Population, error) {
	switch {
	case cfg.Users < 1:
		return nil, fmt.Errorf("population %q: users must be at least 1, got %d", cfg.Name, cfg.Users)
	case !(cfg.Rate > 0) || math.IsInf(cfg.Rate, 0):
		return nil, fmt.Errorf("population %q: rate must be a positive number, got %v", cfg.Name, cfg.Rate)
	case cfg.MaxRequests < 0 || cfg.Start < 0 || cfg.Deadline < 0:
		return nil, fmt.Errorf("population %q: max requests, start and deadline must not be negative", cfg.Name)
	case target == nil:
		return nil, fmt.Errorf("population %q: no target", cfg.Name)
	}
	p := &Population{
		cfg:      cfg,
		env:      env,
		target:   target,
		rng:      env.Streams.Stream("population/" + cfg.Name + "/arrivals"),
		users:    env.Streams.Stream("population/" + cfg.Name + "/users"),
		mean:     1 / cfg.Rate,
		requests: env.Recorder.Counter(cfg.Name, MetricRequests, sim.Sum),
		failures: env.Recorder.Counter(cfg.Name, MetricFailed, sim.Sum),
		latency:  env.Recorder.Histogram(cfg.Name, "latency"),
	}
	p.successes = env.Recorder.Counter(cfg.Name, MetricSucceeded, sim.Sum)
	p.latencySum = env.Recorder.Counter(cfg.Name, MetricLatencySum, sim.Sum)
	if cfg.Users <= maxCountedUsers {
		p.impacted = make([]uint64, (cfg.Users+63)/64)
	}
	p.arrival.p = p
	p.deadline.p = p
	p.pool.live = &env.InFlight
	return p, nil
}

// Name returns the population's name.
func (p *Population) Name() string { return p.cfg.Name }

// Config returns the population's configuration.
func (p *Population) Config() PopulationConfig { return p.cfg }

// Start schedules the first request.
func (p *Population) Start() {
	p.scheduleNext(p.cfg.Start)
}

func (p *Population) scheduleNext(from sim.Time) {
	if p.cfg.MaxRequests > 0 && p.sent >= p.cfg.MaxRequests {
		return
	}
	next := from + sim.Seconds(p.mean*p.rng.ExpFloat64())
	if next >= p.env.Horizon || next < from {
		return
	}
	p.env.Engine.At(next, &p.arrival, nil)
}

type arrivalHandler struct{ p *Population }

// Fire sends one request and schedules the next.
func (h *arrivalHandler) Fire(now sim.Time, _ any) {
	p := h.p
	p.sent++
	p.requests.Inc(now)
	r := p.get()
	r.Issued = now
	r.Replier = p
	if p.cfg.Deadline > 0 {
		r.Deadline = sim.Later(now, p.cfg.Deadline)
		r.deadline = p.env.Engine.At(r.Deadline, &p.deadline, r)
	}
	p.scheduleNext(now)
	p.target.Submit(now, r)
}

type deadlineHandler struct{ p *Population }

// Fire counts a request whose deadline passed as failed.
func (h *deadlineHandler) Fire(now sim.Time, data any) {
	p := h.p
	r := data.(*Request)
	r.userDone = true
	p.timedOut++
	p.fail(r)
	if r.targetDone {
		p.put(r)
	}
}

// Reply is called by the target when it is done with a request.
func (p *Population) Reply(now sim.Time, r *Request, o Outcome) {
	r.targetDone = true
	if r.userDone { // the user gave up earlier
		p.put(r)
		return
	}
	r.userDone = true
	p.env.Engine.Cancel(r.deadline)
	p.byOutcome[o]++
	if o == OK {
		p.succeeded++
		d := now - r.Issued
		p.latency.Record(d)
		p.successes.Inc(r.Issued)
		p.latencySum.Add(r.Issued, d.Seconds())
	} else {
		p.fail(r)
	}
	p.put(r)
}

func (p *Population) fail(r *Request) {
	p.failed++
	p.failures.Inc(r.Issued)
	p.noteFailure(r.Issued)
	if p.impacted != nil {
		u := p.users.Intn(uint64(p.cfg.Users))
		w, b := u/64, uint64(1)<<(u%64)
		if p.impacted[w]&b == 0 {
			p.impacted[w] |= b
			p.impactedCount++
		}
	}
}

// noteFailure keeps, per step, the issue times of the first and the last
// failed request (allocated at the first failure).
func (p *Population) noteFailure(at sim.Time) {
	rec := p.env.Recorder
	i := int(at / rec.Step())
	if at < 0 || i >= rec.Steps() {
		return
	}
	if p.firstFail == nil {
		p.firstFail = make([]sim.Time, rec.Steps())
		p.lastFail = make([]sim.Time, rec.Steps())
		for j := range p.firstFail {
			p.firstFail[j] = -1
		}
	}
	if p.firstFail[i] < 0 || at < p.firstFail[i] {
		p.firstFail[i] = at
	}
	p.lastFail[i] = max(p.lastFail[i], at)
}

// FailureSpan returns the issue times of the first and the last failed
// request of step i; ok is false if none failed in it.
func (p *Population) FailureSpan(i int) (first, last sim.Time, ok bool) {
	if p.firstFail == nil || i < 0 || i >= len(p.firstFail) || p.firstFail[i] < 0 {
		return 0, 0, false
	}
	return p.firstFail[i], p.lastFail[i], true
}

func (p *Population) get() *Request { return p.pool.get() }

func (p *Population) put(r *Request) { p.pool.put(r) }

// PopulationStats are a population's totals over the run.
type PopulationStats struct {
	// Sent is the number of requests sent.
	Sent int64
	// Succeeded were answered OK before their deadline.
	Succeeded int64
	// Failed were answered with an error or timed out.
	Failed int64
	// TimedOut is the part of Failed whose deadline passed first.
	TimedOut int64
	// Rejected, Unavailable and Aborted split the rest of Failed by the
	// target's answer.
	Rejected, Unavailable, Aborted int64
	// Pending were still unanswered when the run ended.
	Pending int64
	// ImpactedUsers is the number of users with at least one failed
	// request; see ImpactedExact.
	ImpactedUsers float64
	// ImpactedExact is true when ImpactedUsers was counted user by user,
	// false when it is the expected number N(1 - exp(-F/N)) for N users and
	// F failed requests (populations above 2^27 users).
	ImpactedExact bool
	// Latency holds the user-seen latency of successful requests.
	Latency *sim.Histogram
}

// Stats returns the population's totals.
func (p *Population) Stats() PopulationStats {
	s := PopulationStats{
		Sent: p.sent, Succeeded: p.succeeded, Failed: p.failed, TimedOut: p.timedOut,
		Rejected: p.byOutcome[Rejected], Unavailable: p.byOutcome[Unavailable], Aborted: p.byOutcome[Aborted],
		Pending: p.sent - p.succeeded - p.failed,
		Latency: p.latency,
	}
	if p.impacted != nil {
		s.ImpactedUsers, s.ImpactedExact = float64(p.impactedCount), true
	} else {
		users := float64(p.cfg.Users)
		s.ImpactedUsers = users * -math.Expm1(-float64(p.failed)/users)
	}
	return s
}
