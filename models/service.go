package models

import (
	"fmt"
	"strconv"

	"github.com/cascade-sim/cascade/sim"
)

// ServiceConfig describes a service.
type ServiceConfig struct {
	// Name identifies the service in outputs.
	Name string
	// Workers is the number of requests served in parallel, at least 1.
	Workers int
	// QueueCapacity bounds the number of waiting requests; a request that
	// finds the queue full is rejected. 0 means unbounded.
	QueueCapacity int
	// Discipline is the order waiting requests are served in.
	Discipline Discipline
	// ServiceTime is the distribution of the time one request needs, in
	// seconds, at normal speed.
	ServiceTime sim.Dist
}

// Service is a queueing station: Workers parallel workers and a queue. A
// service is up, down, or up and slowed by a factor. While down it answers
// every request Unavailable; going down aborts the requests in service and
// answers the waiting ones Unavailable. A slow-down multiplies the service
// time of requests that start service after it.
//
// Series (component = the service's name): "offered_per_s" (arrivals),
// "completed_per_s", "rejected_per_s" (queue full or down), and the
// time-weighted means "busy" (workers in use), "queue" (waiting) and
// "in_system" (busy + queue). Histogram "latency": time from arrival to
// completion of served requests.
type Service struct {
	cfg    ServiceConfig
	env    *Env
	rng    *sim.Rand
	down   bool
	factor float64

	queue     requestQueue
	inService []*Request

	offered, completed, rejected *sim.Counter
	busy, waiting, inSystem      *sim.Gauge
	latency                      *sim.Histogram

	done doneHandler
}

// NewService creates a service.
func NewService(env *Env, cfg ServiceConfig) (*Service, error) {
	switch {
	case cfg.Workers < 1:
		return nil, fmt.Errorf("service %q: workers must be at least 1, got %d", cfg.Name, cfg.Workers)
	case cfg.QueueCapacity < 0:
		return nil, fmt.Errorf("service %q: queue capacity must not be negative, got %d", cfg.Name, cfg.QueueCapacity)
	case cfg.ServiceTime == nil:
		return nil, fmt.Errorf("service %q: no service time distribution", cfg.Name)
	}
	rec := env.Recorder
	s := &Service{
		cfg:       cfg,
		env:       env,
		rng:       env.Streams.Stream("service/" + cfg.Name),
		factor:    1,
		inService: make([]*Request, 0, cfg.Workers),
		offered:   rec.Counter(cfg.Name, "offered_per_s", sim.PerSecond),
		completed: rec.Counter(cfg.Name, "completed_per_s", sim.PerSecond),
		rejected:  rec.Counter(cfg.Name, "rejected_per_s", sim.PerSecond),
		busy:      rec.Gauge(cfg.Name, "busy"),
		waiting:   rec.Gauge(cfg.Name, "queue"),
		inSystem:  rec.Gauge(cfg.Name, "in_system"),
		latency:   rec.Histogram(cfg.Name, "latency"),
	}
	s.done.s = s
	return s, nil
}

// Name returns the service's name.
func (s *Service) Name() string { return s.cfg.Name }

// Config returns the service's configuration.
func (s *Service) Config() ServiceConfig { return s.cfg }

// Submit accepts a request: it starts service, waits, or is answered at
// once (Rejected when the queue is full, Unavailable when down).
func (s *Service) Submit(now sim.Time, r *Request) {
	s.offered.Inc(now)
	switch {
	case s.down:
		s.rejected.Inc(now)
		r.Replier.Reply(now, r, Unavailable)
	case len(s.inService) < s.cfg.Workers:
		r.arrived = now
		s.inSystem.Add(now, 1)
		s.start(now, r)
	case s.cfg.QueueCapacity > 0 && s.queue.len() >= s.cfg.QueueCapacity:
		s.rejected.Inc(now)
		r.Replier.Reply(now, r, Rejected)
	default:
		r.arrived = now
		s.inSystem.Add(now, 1)
		s.queue.push(r)
		s.waiting.Add(now, 1)
	}
}

func (s *Service) start(now sim.Time, r *Request) {
	d := sim.SampleTime(s.cfg.ServiceTime, s.rng)
	if s.factor != 1 {
		d = sim.Seconds(d.Seconds() * s.factor)
	}
	r.slot = len(s.inService)
	s.inService = append(s.inService, r)
	s.busy.Add(now, 1)
	r.timer = s.env.Engine.After(d, &s.done, r)
}

// finish takes r out of service and refills the worker from the queue.
func (s *Service) finish(now sim.Time, r *Request) {
	last := len(s.inService) - 1
	moved := s.inService[last]
	s.inService[r.slot] = moved
	moved.slot = r.slot
	s.inService = s.inService[:last]
	s.busy.Add(now, -1)
	s.inSystem.Add(now, -1)
	if s.queue.len() > 0 && !s.down {
		next := s.queue.take(s.cfg.Discipline)
		s.waiting.Add(now, -1)
		s.start(now, next)
	}
}

type doneHandler struct{ s *Service }

// Fire completes the service of one request.
func (h *doneHandler) Fire(now sim.Time, data any) {
	s := h.s
	r := data.(*Request)
	s.finish(now, r)
	s.completed.Inc(now)
	s.latency.Record(now - r.arrived)
	r.Replier.Reply(now, r, OK)
}

// Down takes the service down at time now: requests in service are aborted,
// waiting ones answered Unavailable, new ones refused until Up.
func (s *Service) Down(now sim.Time, cause string) {
	if s.down {
		return
	}
	s.down = true
	s.env.Recorder.Log(now, s.cfg.Name, "down", cause)
	aborted := append([]*Request(nil), s.inService...)
	var waiting []*Request
	for s.queue.len() > 0 {
		waiting = append(waiting, s.queue.take(FIFO))
	}
	s.inService = s.inService[:0]
	for _, r := range aborted {
		s.env.Engine.Cancel(r.timer)
	}
	s.busy.Set(now, 0)
	s.waiting.Set(now, 0)
	s.inSystem.Set(now, 0)
	for _, r := range aborted {
		r.Replier.Reply(now, r, Aborted)
	}
	for _, r := range waiting {
		r.Replier.Reply(now, r, Unavailable)
	}
}

// Up brings the service back at normal speed.
func (s *Service) Up(now sim.Time, cause string) {
	s.down = false
	s.factor = 1
	s.env.Recorder.Log(now, s.cfg.Name, "up", cause)
}

// Slow multiplies the service time of requests that start from now on by
// factor (> 0); factor 1 restores normal speed.
func (s *Service) Slow(now sim.Time, factor float64, cause string) {
	s.factor = factor
	s.env.Recorder.Log(now, s.cfg.Name, "slow", cause+": service time x"+strconv.FormatFloat(factor, 'g', -1, 64))
}

// IsDown reports whether the service is down.
func (s *Service) IsDown() bool { return s.down }

// Latency returns the histogram of the time served requests spent in the
// service.
func (s *Service) Latency() *sim.Histogram { return s.latency }
