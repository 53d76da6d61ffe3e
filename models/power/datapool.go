package power

import (
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// DataPool recovers the data of services whose servers stopped without a
// clean shutdown: restores from backup, consistency checks, replica
// rebuilds. It works through Rate units of data per second in total,
// shared equally among the services recovering at once (processor
// sharing), so services that need recovery at the same time slow each
// other down. One engine event is pending at a time.
type DataPool struct {
	name  string
	env   *models.Env
	rate  float64
	jobs  []*dataJob
	last  sim.Time
	timer sim.Timer
	armed bool
	fire  sim.HandlerFunc
	busyG *sim.Gauge
}

// dataJob is one service's recovery: what is left of it, and whether it
// is in the pool.
type dataJob struct {
	svc       *HostedService
	remaining float64
	active    bool
}

// NewDataPool returns a pool that recovers rate units of data per second
// (the unit is the one services give their data size in).
func NewDataPool(env *models.Env, name string, rate float64) (*DataPool, error) {
	if name == "" {
		return nil, fmt.Errorf("data pool: no name")
	}
	if !(rate > 0) || math.IsInf(rate, 1) {
		return nil, fmt.Errorf("data pool %q: rate must be a positive number, got %v", name, rate)
	}
	p := &DataPool{name: name, env: env, rate: rate, last: env.Engine.Now(),
		busyG: env.Recorder.Gauge(name, models.MetricRecovering)}
	p.fire = p.complete
	p.busyG.Set(env.Engine.Now(), 0)
	return p, nil
}

// Name returns the pool's name.
func (p *DataPool) Name() string { return p.name }

// Recovering returns the number of services recovering now.
func (p *DataPool) Recovering() int { return len(p.jobs) }

// start puts j in the pool.
func (p *DataPool) start(now sim.Time, j *dataJob) {
	if j.active {
		return
	}
	p.advance(now)
	j.active = true
	p.jobs = append(p.jobs, j)
	p.reschedule(now)
}

// pause takes j out of the pool; what it recovered so far stays
// recovered.
func (p *DataPool) pause(now sim.Time, j *dataJob) {
	if !j.active {
		return
	}
	p.advance(now)
	j.active = false
	for i, x := range p.jobs {
		if x == j {
			p.jobs = append(p.jobs[:i], p.jobs[i+1:]...)
			break
		}
	}
	p.reschedule(now)
}

// advance takes the work done since the last change off every job.
func (p *DataPool) advance(now sim.Time) {
	if n := len(p.jobs); n > 0 && now > p.last {
		done := (now - p.last).Seconds() * p.rate / float64(n)
		for _, j := range p.jobs {
			j.remaining -= done
		}
	}
	p.last = now
}

// reschedule puts the next completion on the engine.
func (p *DataPool) reschedule(now sim.Time) {
	if p.armed {
		p.env.Engine.Cancel(p.timer)
		p.armed = false
	}
	p.busyG.Set(now, float64(len(p.jobs)))
	if len(p.jobs) == 0 {
		return
	}
	least := p.jobs[0].remaining
	for _, j := range p.jobs[1:] {
		least = math.Min(least, j.remaining)
	}
	wait := math.Ceil(math.Max(least, 0) * float64(len(p.jobs)) / p.rate * 1e9)
	if wait >= float64(math.MaxInt64-now) {
		return // not before the end of time: never
	}
	p.timer = p.env.Engine.At(now+sim.Time(wait), p.fire, nil)
	p.armed = true
}

// complete finishes the jobs whose data is recovered and tells their
// services.
func (p *DataPool) complete(now sim.Time, _ any) {
	p.armed = false
	p.advance(now)
	var done []*dataJob
	kept := p.jobs[:0]
	for _, j := range p.jobs {
		// A nanosecond of rounding in the completion time leaves at most
		// rate*1e-9 units; anything under a millionth of a unit is done.
		if j.remaining <= 1e-6+p.rate*1e-9 {
			j.active, j.remaining = false, 0
			done = append(done, j)
		} else {
			kept = append(kept, j)
		}
	}
	p.jobs = kept
	p.reschedule(now)
	for _, j := range done {
		j.svc.dataRecovered(now)
	}
}
