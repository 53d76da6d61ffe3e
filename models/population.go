package models

import (
	"errors"
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/models/knob"
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

// PopulationKnobs is a population as a scenario declares it: its users,
// their rate (in total, or per user), deadline and target, with the target
// and client by name. Config turns it into the PopulationConfig of a built
// population.
type PopulationKnobs struct {
	// Name identifies the population.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the population; unique, and no component has it"`
	// Users is how many users there are.
	Users int `knob:"users" required:"true" min:"1" unit:"users" want:"a positive integer: how many users there are" doc:"how many users there are"`
	// Rate is the total request rate; exactly one of Rate and RatePerUser
	// is set.
	Rate float64 `knob:"rate" min:">0" unit:"requests/s" want:"a total request rate > 0, in requests/s" doc:"the total request rate of all users; exactly one of rate and rate_per_user is given"`
	// RatePerUser is each user's request rate.
	RatePerUser float64 `knob:"rate_per_user" min:">0" unit:"requests/s" want:"a request rate per user > 0, in requests/s" doc:"the request rate of each user; exactly one of rate and rate_per_user is given"`
	// MaxRequests caps the requests sent in a run; 0 for no cap.
	MaxRequests int `knob:"max_requests" min:"1" max:"1000000000000000" unit:"requests" want:"a positive integer" doc:"caps how many requests the population sends in a run; without it, no cap"`
	// Start is when the population starts sending.
	Start sim.Time `knob:"start" min:"0s" doc:"when the population starts sending; at most the horizon"`
	// Deadline is how long a user waits for a response; 0 for ever.
	Deadline sim.Time `knob:"deadline" required:"true" none:"true" doc:"how long a user waits for a response before the request counts as failed; none to wait for ever"`
	// Target names the component the requests go to.
	Target string `knob:"target" required:"true" ref:"component that accepts requests" doc:"the component requests go to: one that accepts requests"`
	// Client names the call policy of the users; "" for one attempt.
	Client string `knob:"client" ref:"client" doc:"the client (call policy) through which users call target: user-level timeouts and retries; without one, one attempt per request, bounded by deadline"`
	// Sample, if set, says the population is a sample of a larger one.
	Sample *SampleConfig `knob:"sample" doc:"says the population is a sample standing for a larger one: outputs label it so and do not pass its counts off as the real population's"`
}

// Describe names a population in messages.
func (PopulationKnobs) Describe() (noun, example string) { return "a population", "" }

// Check checks that exactly one rate is given and that a sample stands for
// at least its users.
func (p PopulationKnobs) Check(func(string) bool) error {
	var errs []error
	switch {
	case p.Rate != 0 && p.RatePerUser != 0:
		errs = append(errs, knob.Errorf("rate_per_user", "expected exactly one of rate (total requests/s) or rate_per_user (requests/s per user), got both"))
	case p.Rate == 0 && p.RatePerUser == 0:
		errs = append(errs, knob.Errorf("rate", "missing rate; expected exactly one of rate (total requests/s) or rate_per_user (requests/s per user)"))
	}
	if p.Sample != nil && p.Sample.Users > 0 && p.Sample.Users < p.Users {
		errs = append(errs, knob.Errorf("sample.users", "expected at least the sample's %d users (the population the sample stands for), got %d", p.Users, p.Sample.Users))
	}
	return errors.Join(errs...)
}

// TotalRate is the population's total request rate in requests per
// second: Rate, or RatePerUser times Users.
func (p PopulationKnobs) TotalRate() float64 {
	if p.RatePerUser != 0 {
		return p.RatePerUser * float64(p.Users)
	}
	return p.Rate
}

// ExpectedRequests is the mean number of requests the population sends
// before horizon: its total rate times its sending time, capped by
// MaxRequests.
func (p PopulationKnobs) ExpectedRequests(horizon sim.Time) float64 {
	n := p.TotalRate() * max(0, horizon-p.Start).Seconds()
	if p.MaxRequests > 0 {
		n = min(n, float64(p.MaxRequests))
	}
	return n
}

// Config returns the configuration of the population, checked.
func (p PopulationKnobs) Config() (PopulationConfig, error) {
	cfg := PopulationConfig{Name: p.Name, Users: int64(p.Users), Rate: p.TotalRate(),
		MaxRequests: int64(p.MaxRequests), Start: p.Start, Deadline: p.Deadline}
	return cfg, knob.Validate(p)
}

// SampleConfig says which population a sample population stands for.
type SampleConfig struct {
	// Of describes the population the sample stands for.
	Of string `knob:"of" required:"true" want:"what population the sample stands for, e.g. \"Kakao T (taxi) users\"" doc:"the population the sample stands for, e.g. \"Kakao T (taxi) users\""`
	// Users is how many users that population has; 0 if not known.
	Users int `knob:"users" min:"1" unit:"users" want:"a positive integer: how many users that population has" doc:"how many users that population has, if known: at least the sample's"`
}

// Describe names a sample in messages.
func (SampleConfig) Describe() (noun, example string) {
	return "a sample", "{of: \"Kakao T (taxi) users\", users: 30000000}"
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
	// firstOK holds, per step, the issue time of the first successful
	// request, and okAfter that of the first one issued after the step's
	// last failed request (-1: none seen yet); nil until a request fails
	// (see noteSuccess).
	firstOK, okAfter []sim.Time

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
		p.noteSuccess(r.Issued)
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
		n := rec.Steps()
		p.firstFail, p.lastFail = make([]sim.Time, n), make([]sim.Time, n)
		p.firstOK, p.okAfter = make([]sim.Time, n), make([]sim.Time, n)
		for j := range p.firstFail {
			p.firstFail[j], p.firstOK[j], p.okAfter[j] = -1, -1, -1
		}
	}
	if p.firstFail[i] < 0 || at < p.firstFail[i] {
		p.firstFail[i] = at
	}
	p.lastFail[i] = max(p.lastFail[i], at)
	if p.okAfter[i] >= 0 && p.okAfter[i] < p.lastFail[i] {
		// framework: the success seen is no longer after the last failure;
		// the next one seen takes its place (successes issued after this
		// failure that were answered before it are not remembered, so
		// RecoverySpan may be late by at most this request's latency).
		p.okAfter[i] = -1
	}
}

// noteSuccess keeps, per step, the issue times of the first successful
// request and of the first after the step's last failure; only once a
// request has failed, since a recovery needs a failure before it.
func (p *Population) noteSuccess(at sim.Time) {
	if p.firstOK == nil {
		return
	}
	i := int(at / p.env.Recorder.Step())
	if at < 0 || i >= len(p.firstOK) {
		return
	}
	if p.firstOK[i] < 0 || at < p.firstOK[i] {
		p.firstOK[i] = at
	}
	if (p.firstFail[i] < 0 || at > p.lastFail[i]) && (p.okAfter[i] < 0 || at < p.okAfter[i]) {
		p.okAfter[i] = at
	}
}

// FailureSpan returns the issue times of the first and the last failed
// request of step i; ok is false if none failed in it.
func (p *Population) FailureSpan(i int) (first, last sim.Time, ok bool) {
	if p.firstFail == nil || i < 0 || i >= len(p.firstFail) || p.firstFail[i] < 0 {
		return 0, 0, false
	}
	return p.firstFail[i], p.lastFail[i], true
}

// RecoveredAt returns the issue time of the first successful request
// after the last failed request of step i: the moment the population's
// requests succeed again when a run of bad steps ends at step i. It looks
// in step i, then at the first success of step i+1; ok is false if
// neither holds one (the caller falls back to the step's end).
func (p *Population) RecoveredAt(i int) (at sim.Time, ok bool) {
	if p.okAfter == nil || i < 0 || i >= len(p.okAfter) {
		return 0, false
	}
	if p.okAfter[i] >= 0 {
		return p.okAfter[i], true
	}
	if i+1 < len(p.firstOK) && p.firstOK[i+1] >= 0 {
		return p.firstOK[i+1], true
	}
	return 0, false
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
