package models

import (
	"errors"
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// ServiceConfig describes a service.
type ServiceConfig struct {
	// Name identifies the service in outputs.
	Name string
	// Workers is the number of requests served in parallel, at least 1:
	// CPU cores, or threads when requests hold a worker while they wait
	// for their calls.
	Workers int
	// QueueCapacity bounds the number of waiting requests; a request that
	// finds the queue full is rejected at once, at no cost. 0 means
	// unbounded.
	QueueCapacity int
	// Discipline is the order waiting requests are served in.
	Discipline Discipline
	// ShedLength, if > 0, rejects a request that arrives when this many
	// wait; the rejection costs RejectCost of a worker's time.
	ShedLength int
	// ShedWait, if > 0, drops a request that waited longer than this when
	// a worker takes it; the rejection costs RejectCost of worker time.
	ShedWait sim.Time
	// RejectCost is the worker time one shed request costs.
	RejectCost sim.Time
	// Cancellation makes a worker skip, at no cost, a request whose caller
	// already gave up (its deadline passed or it was cancelled). Without
	// it the work is done for nobody: goodput falls while CPU stays busy.
	Cancellation bool
	// ConcurrencySlowdown k stretches each service time by
	// 1 + k x (busy workers - 1): contention among parallel requests.
	ConcurrencySlowdown float64
	// ServiceTime is the distribution of the worker time one request
	// needs, in seconds, at normal speed.
	ServiceTime sim.Dist
	// Calls are made in order for each request, before its own work, while
	// it holds its worker; a failed call fails the request.
	Calls []Target
	// Cores, if > 0, separates threads from CPU: Workers are then threads
	// (a request holds one from start to answer), and a request's own work
	// (ServiceTime) also needs one of Cores cores, waiting for one in FIFO
	// order while it holds its thread. 0 (the default) means every worker
	// is its own core, as before. At most Workers.
	Cores int
	// Wait, if not nil, is a delay in seconds each request spends after its
	// calls and before its own work, holding its thread but no core (a
	// lock, a disk, a remote wait). Nil means none.
	Wait sim.Dist
	// SlowWait makes a slow-down multiply Wait instead of ServiceTime: the
	// service gets slower without using more CPU. It needs Wait.
	SlowWait bool
}

// ServiceKnobs is a service as a scenario declares it (a component of
// kind service): its workers, queue, distributions and calls, with the
// calls' targets and clients by name. Config turns it into the
// ServiceConfig of a built service.
type ServiceKnobs struct {
	// Workers is how many requests are served at once.
	Workers int `knob:"workers" required:"true" min:"1" unit:"workers" want:"a positive integer: how many requests are served at once" doc:"how many requests are served at once (threads, when cores is set)"`
	// Queue is where requests wait for a worker.
	Queue QueueConfig `knob:"queue" doc:"where requests wait for a worker; without one, an unbounded FIFO queue"`
	// ServiceTime is how long a worker takes per request.
	ServiceTime DistConfig `knob:"service_time" required:"true" want:"a distribution, like {dist: exponential, mean: 1s}" doc:"how long a worker takes per request, before concurrency_slowdown and slow faults"`
	// RejectCost is the worker time spent rejecting or shedding one
	// request.
	RejectCost sim.Time `knob:"reject_cost" min:"0s" doc:"the worker time spent rejecting one request at a full queue or shedding one (see the queue's shed_length and shed_wait); 0 makes rejection free"`
	// Cancellation makes a worker skip a request whose caller gave up.
	Cancellation bool `knob:"cancellation" doc:"if true, a worker skips (does not serve) a request whose caller has already given up (timed out, hit its deadline or cancelled the attempt) when it takes it from the queue; if false, such work is still done: goodput can fall to zero while the workers stay busy"`
	// ConcurrencySlowdown is k in service time x (1 + k x (busy workers -
	// 1)).
	ConcurrencySlowdown float64 `knob:"concurrency_slowdown" min:"0" want:"a number >= 0: service time x (1 + k x (busy workers - 1))" doc:"k in: service time x (1 + k x (busy workers - 1)), the busy workers counted when a request starts service, so contention makes each request slower; 0 for no slowdown"`
	// Calls are the calls made, in order, for each request.
	Calls []CallConfig `knob:"calls" doc:"the calls made, in order, for each request, before its own service time and holding its worker; a call that fails (after its client's retries) fails the request. The components calls and token caches reach never lead back to the caller"`
	// Cores, if not 0, makes Workers threads sharing this many cores.
	Cores int `knob:"cores" min:"1" unit:"cores" want:"a positive integer, at most workers: CPU cores, when workers are threads" doc:"makes workers threads and gives the service this many CPU cores: a request holds a thread for its calls, its wait and its own work, and a core only for its own work (service_time), waiting for one in FIFO order; without it each worker is its own core"`
	// Wait is a delay after the calls and before the own work, holding a
	// thread but no core; nil for none.
	Wait DistConfig `knob:"wait" want:"a distribution, like {dist: exponential, mean: 1s}" doc:"a delay each request spends after its calls and before its own work, holding its thread but no core (a lock, a disk, a remote wait); without it, none"`
	// Slows is what a slow fault multiplies.
	Slows Slows `knob:"slows" doc:"what a slow fault multiplies: cpu (the service time) or wait (the wait, which must be given): a service that gets slower without using more CPU"`
}

// Describe names a service in messages.
func (ServiceKnobs) Describe() (noun, example string) {
	return "a service", "{workers: 4, service_time: {dist: exponential, mean: 10ms}}"
}

// Check checks the rules between a service's knobs: cores at most
// workers, and slows: wait only with a wait.
func (k ServiceKnobs) Check(func(string) bool) error {
	var errs []error
	if k.Cores > k.Workers {
		errs = append(errs, knob.Errorf("cores", "expected cores at most workers (%d): a request holds a thread while it uses a core; got %d", k.Workers, k.Cores))
	}
	if k.Slows == SlowsWait && k.Wait == nil {
		errs = append(errs, knob.Errorf("slows", "expected slows: wait only with a wait distribution; add wait: {dist: ..., ...} or use slows: cpu"))
	}
	return errors.Join(errs...)
}

// Config returns the configuration of the service named name whose calls
// go to calls (the targets of k.Calls, resolved by the caller, in order),
// with its distributions built. An error about one knob is a
// *knob.FieldError.
func (k ServiceKnobs) Config(name string, calls []Target) (ServiceConfig, error) {
	cfg := ServiceConfig{
		Name: name, Workers: k.Workers,
		QueueCapacity: k.Queue.Capacity, Discipline: k.Queue.Discipline,
		ShedLength: k.Queue.ShedLength, ShedWait: k.Queue.ShedWait,
		RejectCost: k.RejectCost, Cancellation: k.Cancellation,
		ConcurrencySlowdown: k.ConcurrencySlowdown,
		Calls:               calls, Cores: k.Cores, SlowWait: k.Slows == SlowsWait,
	}
	if err := knob.Validate(k); err != nil {
		return cfg, err
	}
	if len(calls) != len(k.Calls) {
		return cfg, knob.Errorf("calls", "%d calls, but %d targets", len(k.Calls), len(calls))
	}
	if k.ServiceTime == nil {
		return cfg, knob.Errorf("service_time", "no service time distribution")
	}
	var err error
	if cfg.ServiceTime, err = k.ServiceTime.NewDist(); err != nil {
		return cfg, knob.Errorf("service_time", "%v", err)
	}
	if k.Wait != nil {
		if cfg.Wait, err = k.Wait.NewDist(); err != nil {
			return cfg, knob.Errorf("wait", "%v", err)
		}
	}
	return cfg, nil
}

// QueueConfig is a service's waiting line as a scenario declares it.
type QueueConfig struct {
	// Capacity is how many requests may wait; 0 is unbounded.
	Capacity int `knob:"capacity" min:"0" unit:"requests" want:"an integer >= 0 (0 is unbounded)" doc:"how many requests may wait; a request arriving at a full queue is rejected. 0 is unbounded"`
	// Discipline is the serving order.
	Discipline Discipline `knob:"discipline" doc:"the serving order: fifo serves the oldest waiting request first, lifo the newest"`
	// ShedLength rejects arrivals while this many wait; 0 is off.
	ShedLength int `knob:"shed_length" min:"0" unit:"requests" want:"an integer >= 0: the queue length at which arrivals are rejected (0 is off)" doc:"sheds load by queue length: a request arriving while this many requests wait is rejected, costing the service's reject_cost of worker time; 0 is off. If capacity is bounded, at most capacity"`
	// ShedWait drops a request that waited longer than this; 0 is off.
	ShedWait sim.Time `knob:"shed_wait" min:">0s" want:"the longest wait before a request is dropped: a duration > 0 with a unit, like 30s, 1.5h or 2d" doc:"sheds load by queue wait: a request that waited longer than this when a worker takes it is dropped (failed) instead of served, costing the service's reject_cost of worker time; without it, off"`
}

// Describe names a queue in messages.
func (QueueConfig) Describe() (noun, example string) {
	return "a queue", "{capacity: 100, discipline: fifo}"
}

// Check checks that a bounded queue sheds at most at its capacity.
func (q QueueConfig) Check(func(string) bool) error {
	if q.Capacity > 0 && q.ShedLength > q.Capacity {
		return knob.Errorf("shed_length", "expected a shed_length <= capacity (%d), since a full queue already rejects arrivals; got %d", q.Capacity, q.ShedLength)
	}
	return nil
}

// CallConfig is one call a service makes for each request it serves, as a
// scenario declares it.
type CallConfig struct {
	// Target names the component called.
	Target string `knob:"target" required:"true" ref:"component that accepts requests" doc:"the component called: one that accepts requests"`
	// Client names the call policy; "" for one attempt, no timeout.
	Client string `knob:"client" ref:"client" doc:"the client (call policy) used; without one, one attempt with no timeout or retries (the caller's own deadline still applies)"`
}

// Describe names a call in messages.
func (CallConfig) Describe() (noun, example string) {
	return "a call", "{target: db, client: db-client}"
}

// Slows is what a slow fault on a service multiplies.
type Slows uint8

const (
	// SlowsCPU multiplies the service time: the work takes more CPU.
	SlowsCPU Slows = iota
	// SlowsWait multiplies the wait: requests hold threads longer, the CPU
	// they need is unchanged.
	SlowsWait
)

// Choices lists the words of Slows.
func (Slows) Choices() []string { return []string{"cpu", "wait"} }

// String names the value as a scenario file writes it.
func (s Slows) String() string {
	if s == SlowsWait {
		return "wait"
	}
	return "cpu"
}

// UnmarshalText reads a value as a scenario file writes it.
func (s *Slows) UnmarshalText(text []byte) error {
	i, err := knob.ParseChoice(s.Choices(), string(text))
	if err != nil {
		return err
	}
	*s = Slows(i)
	return nil
}

// Service is a queueing station: workers and a queue. A service is up,
// down, or up and slowed by a factor. While down it answers every request
// Unavailable; going down aborts the requests in service and answers the
// waiting ones Unavailable. A slow-down multiplies the service time (or,
// with SlowWait, the wait) of requests that start it after the slow-down.
//
// With Cores set, workers are threads and cores are separate: a request
// makes its calls and its wait holding a thread, then its own work needs a
// core too. "slow" (a long wait) and "CPU-bound" (busy cores) are then
// different things, and utilisation is the cores' (series "cpu_busy" and
// "cores").
//
// Series (component = the service's name): "offered_per_s" (arrivals),
// "completed_per_s", "rejected_per_s" (queue full, shed, or down),
// "dropped_per_s" (skipped by cancellation), "failed_per_s" (a call
// failed), and the time-weighted means "busy" (workers in use, including
// rejection work), "queue" (waiting), "in_system" (holding a worker or
// waiting) and "workers" (the capacity, which operators may scale). Histogram "latency": time from arrival to completion of served
// requests.
type Service struct {
	cfg     ServiceConfig
	env     *Env
	rng     *sim.Rand
	down    bool
	factor  float64
	workers int // current capacity (scaled by operators)
	calls   []Target

	queue     requestQueue
	inService []*Request
	cores     int        // current cores (0: a worker is its core)
	cpuBusy   int        // cores in use
	coreQueue []*Request // requests holding a thread, waiting for a core
	rejecting int        // workers busy rejecting
	backlog   int        // rejections waiting for a worker
	epoch     uint64

	offered, completed, rejected, dropped, failed *sim.Counter
	busy, waiting, inSystem, capacity             *sim.Gauge
	cpuGauge, coresGauge                          *sim.Gauge
	latency                                       *sim.Histogram

	pool     requestPool
	done     doneHandler
	waited   waitHandler
	rejectOK rejectHandler
	answers  callAnswers
}

// NewService creates a service.
func NewService(env *Env, cfg ServiceConfig) (*Service, error) {
	switch {
	case cfg.Workers < 1:
		return nil, fmt.Errorf("service %q: workers must be at least 1, got %d", cfg.Name, cfg.Workers)
	case cfg.QueueCapacity < 0 || cfg.ShedLength < 0:
		return nil, fmt.Errorf("service %q: queue capacity and shed length must not be negative", cfg.Name)
	case cfg.ShedWait < 0 || cfg.RejectCost < 0:
		return nil, fmt.Errorf("service %q: shed wait and reject cost must not be negative", cfg.Name)
	case !(cfg.ConcurrencySlowdown >= 0) || math.IsInf(cfg.ConcurrencySlowdown, 0):
		return nil, fmt.Errorf("service %q: concurrency slowdown must be a number >= 0, got %v", cfg.Name, cfg.ConcurrencySlowdown)
	case cfg.ServiceTime == nil:
		return nil, fmt.Errorf("service %q: no service time distribution", cfg.Name)
	case cfg.Cores < 0 || cfg.Cores > cfg.Workers:
		return nil, fmt.Errorf("service %q: cores must be from 0 to workers (%d), got %d", cfg.Name, cfg.Workers, cfg.Cores)
	case cfg.SlowWait && cfg.Wait == nil:
		return nil, fmt.Errorf("service %q: a slow-down of the wait needs a wait distribution", cfg.Name)
	}
	for i, c := range cfg.Calls {
		if c == nil {
			return nil, fmt.Errorf("service %q: call %d has no target", cfg.Name, i)
		}
	}
	rec := env.Recorder
	s := &Service{
		cfg:       cfg,
		env:       env,
		rng:       env.Streams.Stream("service/" + cfg.Name),
		factor:    1,
		workers:   cfg.Workers,
		calls:     append([]Target(nil), cfg.Calls...),
		inService: make([]*Request, 0, min(cfg.Workers, 1024)), // grows with use, not with the configured workers
		offered:   rec.Counter(cfg.Name, MetricOfferedPerS, sim.PerSecond),
		completed: rec.Counter(cfg.Name, MetricCompletedPerS, sim.PerSecond),
		rejected:  rec.Counter(cfg.Name, MetricRejectedPerS, sim.PerSecond),
		dropped:   rec.Counter(cfg.Name, MetricDroppedPerS, sim.PerSecond),
		failed:    rec.Counter(cfg.Name, MetricFailedPerS, sim.PerSecond),
		busy:      rec.Gauge(cfg.Name, MetricBusy),
		waiting:   rec.Gauge(cfg.Name, MetricQueue),
		inSystem:  rec.Gauge(cfg.Name, MetricInSystem),
		capacity:  rec.Gauge(cfg.Name, MetricWorkers),
		latency:   rec.Histogram(cfg.Name, "latency"),
	}
	s.capacity.Set(0, float64(cfg.Workers))
	if cfg.Cores > 0 {
		s.cores = cfg.Cores
		s.cpuGauge = rec.Gauge(cfg.Name, MetricCPUBusy)
		s.coresGauge = rec.Gauge(cfg.Name, MetricCores)
		s.coresGauge.Set(0, float64(cfg.Cores))
	}
	s.done.s = s
	s.waited.s = s
	s.rejectOK.s = s
	s.answers.s = s
	return s, nil
}

// Name returns the service's name.
func (s *Service) Name() string { return s.cfg.Name }

// Config returns the service's configuration.
func (s *Service) Config() ServiceConfig { return s.cfg }

// Workers returns the current number of workers.
func (s *Service) Workers() int { return s.workers }

func (s *Service) free() bool { return len(s.inService)+s.rejecting < s.workers }

// Submit accepts a request: it starts service, waits, or is answered at
// once (Rejected when the queue is full or shedding, Unavailable when down).
func (s *Service) Submit(now sim.Time, r *Request) {
	s.offered.Inc(now)
	switch {
	case s.down:
		s.rejected.Inc(now)
		r.Replier.Reply(now, r, Unavailable)
	case s.free() && s.backlog == 0:
		r.arrived = now
		s.inSystem.Add(now, 1)
		s.start(now, r)
	case s.cfg.QueueCapacity > 0 && s.queue.len() >= s.cfg.QueueCapacity:
		s.rejected.Inc(now)
		r.Replier.Reply(now, r, Rejected)
	case s.cfg.ShedLength > 0 && s.queue.len() >= s.cfg.ShedLength:
		s.rejected.Inc(now)
		s.rejectWork(now)
		r.Replier.Reply(now, r, Rejected)
	default:
		r.arrived = now
		s.inSystem.Add(now, 1)
		s.queue.push(r)
		s.waiting.Add(now, 1)
	}
}

// start gives r a worker and begins its calls, then its own work.
func (s *Service) start(now sim.Time, r *Request) {
	r.slot = len(s.inService)
	s.inService = append(s.inService, r)
	s.busy.Add(now, 1)
	r.step = 0
	s.advance(now, r)
}

// advance makes r's next call, or starts its own work when none is left.
func (s *Service) advance(now sim.Time, r *Request) {
	if r.step < len(s.calls) {
		c := s.pool.get()
		c.Issued = now
		c.Deadline = r.Deadline
		c.Replier = &s.answers
		c.parent, c.parentID = r, r.id
		s.calls[r.step].Submit(now, c)
		return
	}
	if s.cfg.Wait != nil && r.step == len(s.calls) {
		r.step++ // the wait is the step after the calls
		d := sim.SampleTime(s.cfg.Wait, s.rng)
		if s.cfg.SlowWait && s.factor != 1 {
			d = sim.Seconds(d.Seconds() * s.factor)
		}
		r.timer = s.env.Engine.After(d, &s.waited, r)
		return
	}
	s.compute(now, r)
}

// compute starts r's own work, on a core when the service has cores (or
// queues r for one).
func (s *Service) compute(now sim.Time, r *Request) {
	if s.cores > 0 {
		if s.cpuBusy >= s.cores {
			s.coreQueue = append(s.coreQueue, r)
			return
		}
		s.cpuBusy++
		s.cpuGauge.Add(now, 1)
	}
	d := sim.SampleTime(s.cfg.ServiceTime, s.rng)
	stretch := 1.0
	if !s.cfg.SlowWait {
		stretch = s.factor
	}
	if k := s.cfg.ConcurrencySlowdown; k > 0 {
		busy := len(s.inService) + s.rejecting
		if s.cores > 0 {
			busy = s.cpuBusy
		}
		stretch *= 1 + k*float64(busy-1)
	}
	if stretch != 1 {
		d = sim.Seconds(d.Seconds() * stretch)
	}
	r.timer = s.env.Engine.After(d, &s.done, r)
}

// callAnswers receives the answers to the calls a service makes.
type callAnswers struct{ s *Service }

// Reply continues or fails the request the call was made for.
func (a *callAnswers) Reply(now sim.Time, c *Request, o Outcome) {
	s := a.s
	r := c.parent
	stale := c.staleParent() || r.slot < 0
	s.pool.put(c)
	if stale { // the request was aborted while its call was out
		return
	}
	if o != OK {
		s.release(now, r)
		s.failed.Inc(now)
		r.Replier.Reply(now, r, Failed)
		return
	}
	r.step++
	s.advance(now, r)
}

// release takes r off its worker and gives the worker new work.
func (s *Service) release(now sim.Time, r *Request) {
	last := len(s.inService) - 1
	moved := s.inService[last]
	s.inService[r.slot] = moved
	moved.slot = r.slot
	s.inService = s.inService[:last]
	r.slot = -1
	s.busy.Add(now, -1)
	s.inSystem.Add(now, -1)
	s.fill(now)
}

// fill puts free workers to work: rejections first, then waiting requests
// (skipping those nobody waits for any more, when cancelling, and shedding
// those that waited too long).
func (s *Service) fill(now sim.Time) {
	for !s.down && s.free() {
		if s.backlog > 0 {
			s.backlog--
			s.startReject(now)
			continue
		}
		if s.queue.len() == 0 {
			return
		}
		r := s.queue.take(s.cfg.Discipline)
		s.waiting.Add(now, -1)
		switch {
		case s.cfg.Cancellation && (r.Cancelled || (r.Deadline > 0 && now >= r.Deadline)):
			s.inSystem.Add(now, -1)
			s.dropped.Inc(now)
			r.Replier.Reply(now, r, Dropped)
		case s.cfg.ShedWait > 0 && now-r.arrived > s.cfg.ShedWait:
			s.inSystem.Add(now, -1)
			s.rejected.Inc(now)
			s.rejectWork(now)
			r.Replier.Reply(now, r, Rejected)
		default:
			s.start(now, r)
		}
	}
}

// rejectWork charges one rejection's worker time, now or when a worker is
// free.
func (s *Service) rejectWork(now sim.Time) {
	if s.cfg.RejectCost <= 0 {
		return
	}
	if s.free() {
		s.startReject(now)
	} else {
		s.backlog++
	}
}

func (s *Service) startReject(now sim.Time) {
	s.rejecting++
	s.busy.Add(now, 1)
	s.env.Engine.After(s.cfg.RejectCost, &s.rejectOK, s.epoch)
}

type rejectHandler struct{ s *Service }

// Fire ends one rejection's work.
func (h *rejectHandler) Fire(now sim.Time, data any) {
	s := h.s
	if data.(uint64) != s.epoch { // the service went down meanwhile
		return
	}
	s.rejecting--
	s.busy.Add(now, -1)
	s.fill(now)
}

type waitHandler struct{ s *Service }

// Fire ends a request's wait and starts its own work.
func (h *waitHandler) Fire(now sim.Time, data any) {
	h.s.compute(now, data.(*Request))
}

type doneHandler struct{ s *Service }

// Fire completes the service of one request: its core goes to the next
// request waiting for one, its thread to the next waiting request.
func (h *doneHandler) Fire(now sim.Time, data any) {
	s := h.s
	r := data.(*Request)
	if s.cores > 0 {
		s.cpuBusy--
		s.cpuGauge.Add(now, -1)
		s.nextCore(now)
	}
	s.release(now, r)
	s.completed.Inc(now)
	s.latency.Record(now - r.arrived)
	r.Replier.Reply(now, r, OK)
}

// nextCore gives free cores to requests waiting for one.
func (s *Service) nextCore(now sim.Time) {
	for s.cpuBusy < s.cores && len(s.coreQueue) > 0 {
		r := s.coreQueue[0]
		s.coreQueue[0] = nil
		s.coreQueue = s.coreQueue[1:]
		s.compute(now, r)
	}
}

// Down takes the service down at time now: requests in service are aborted,
// waiting ones answered Unavailable, new ones refused until Up.
func (s *Service) Down(now sim.Time) {
	if s.down {
		return
	}
	s.down = true
	s.clear(now)
}

// clear aborts everything in service and answers everything waiting.
func (s *Service) clear(now sim.Time) {
	s.epoch++
	aborted := append([]*Request(nil), s.inService...)
	var waiting []*Request
	for s.queue.len() > 0 {
		waiting = append(waiting, s.queue.take(FIFO))
	}
	s.inService = s.inService[:0]
	s.rejecting, s.backlog = 0, 0
	s.coreQueue = s.coreQueue[:0]
	if s.cores > 0 {
		s.cpuBusy = 0
		s.cpuGauge.Set(now, 0)
	}
	for _, r := range aborted {
		s.env.Engine.Cancel(r.timer)
		r.slot = -1
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
func (s *Service) Up(now sim.Time) {
	s.down = false
	s.factor = 1
	s.fill(now)
}

// Slow multiplies the service time (with SlowWait, the wait) of requests
// that start it from now on by factor (> 0); factor 1 restores normal
// speed.
func (s *Service) Slow(now sim.Time, factor float64) {
	s.factor = factor
}

// Restart drops everything queued and in service (answered Aborted or
// Unavailable) and comes back up at once, at normal speed.
func (s *Service) Restart(now sim.Time) {
	s.clear(now)
	s.down = false
	s.factor = 1
}

// Scale sets the number of workers (and cores, if the service has them) to
// factor times the configured number (rounded, at least 1). Requests in
// service keep their workers; new workers take waiting requests at once.
func (s *Service) Scale(now sim.Time, factor float64) {
	s.workers = max(1, int(math.Round(factor*float64(s.cfg.Workers))))
	s.capacity.Set(now, float64(s.workers))
	if s.cores > 0 {
		s.cores = max(1, int(math.Round(factor*float64(s.cfg.Cores))))
		s.coresGauge.Set(now, float64(s.cores))
		s.nextCore(now)
	}
	s.fill(now)
}

// Reroute sends the calls this service makes to from (directly or through
// a client) to to instead, from now on.
func (s *Service) Reroute(now sim.Time, from string, to Target) {
	for i, c := range s.calls {
		s.calls[i] = reroute(c, from, to)
	}
}

// IsDown reports whether the service is down.
func (s *Service) IsDown() bool { return s.down }

// Counts returns the requests that arrived, were served and were
// rejected over the whole run, the drain after the horizon included: the
// same requests as Latency's (the series count only those inside the
// horizon's steps).
func (s *Service) Counts() (offered, completed, rejected float64) {
	return s.offered.Total(), s.completed.Total(), s.rejected.Total()
}

// Latency returns the histogram of the time served requests spent in the
// service.
func (s *Service) Latency() *sim.Histogram { return s.latency }
