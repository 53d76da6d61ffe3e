package operate

import (
	"fmt"

	"github.com/cascade-sim/cascade/sim"
)

// Attention says how alarms take an operator's attention. The 17 Dec 2022
// cause was hidden by "a flood of alarms in a short time": every alarm on
// the operators' screens had to be looked at, and while they looked, the
// search for the cause went slower.
//
// With Triage set, every alarm raised to the operator that is neither a
// clear nor from one of their Triggers becomes an unread alarm needing a
// time drawn from Triage. While a Diagnose step runs, the operator's
// attention is shared equally among the diagnosis and the unread alarms
// (processor sharing): with n alarms unread, each of the n+1 advances at
// 1/(n+1) of real time, so a flood of n alarms of t each, all there when
// the diagnosis starts, adds n x t to it. Alarms wait, unread, while no
// diagnosis runs. Draws come from the stream "operate/<name>/attention",
// so turning attention on changes no other draw.
type Attention struct {
	// Triage is the distribution, in seconds, of the attention one alarm
	// takes to be read and set aside; nil leaves alarms out of the
	// operator's attention (the default).
	Triage sim.Dist
}

// job is one claim on the operator's attention: a diagnosis step in
// progress (step >= 0) or an unread alarm (step < 0).
type job struct {
	step   int
	source string
	need   float64 // seconds of attention in all
	left   float64 // seconds of attention still needed
}

// attention is the operator's shared attention.
type attention struct {
	o      *Operator
	rng    *sim.Rand
	jobs   []job // in arrival order
	diags  int   // diagnosis jobs among them
	last   sim.Time
	timer  sim.Timer
	read   int // alarms read so far
	handle attentionDone
}

type attentionDone struct{ a *attention }

// Fire completes the claims whose attention is all given.
func (h *attentionDone) Fire(now sim.Time, _ any) { h.a.complete(now) }

// advance gives the attention of the time since the last change to every
// claim, equally, if a diagnosis is in progress.
func (a *attention) advance(now sim.Time) {
	if a.diags > 0 && now > a.last {
		share := (now - a.last).Seconds() / float64(len(a.jobs))
		for i := range a.jobs {
			a.jobs[i].left -= share
		}
	}
	a.last = now
}

// reschedule sets the timer for the next claim to be done.
func (a *attention) reschedule(now sim.Time) {
	a.o.env.Engine.Cancel(a.timer)
	a.timer = sim.Timer{}
	if a.diags == 0 {
		return
	}
	least := a.jobs[0].left
	for _, j := range a.jobs[1:] {
		least = min(least, j.left)
	}
	a.timer = a.o.env.Engine.At(sim.Later(now, sim.Seconds(max(0, least)*float64(len(a.jobs)))), &a.handle, nil)
}

// alarm adds an unread alarm from source at now.
func (a *attention) alarm(now sim.Time, source string) {
	a.advance(now)
	need := sim.SampleTime(a.o.cfg.Attention.Triage, a.rng).Seconds()
	a.jobs = append(a.jobs, job{step: -1, source: source, need: need, left: need})
	a.reschedule(now)
}

// diagnose adds diagnosis step i, needing d of attention, at now.
func (a *attention) diagnose(now sim.Time, i int, d sim.Time) {
	a.advance(now)
	unread := len(a.jobs) - a.diags
	a.jobs = append(a.jobs, job{step: i, need: d.Seconds(), left: d.Seconds()})
	a.diags++
	a.o.env.Recorder.Log(now, a.o.cfg.Name, sim.EventOperator,
		fmt.Sprintf("%s: starts, sharing attention with %d unread alarms", a.o.cfg.Plan[i].Name, unread))
	a.reschedule(now)
}

// complete removes the claims that are done at now (within a
// microsecond), logs the alarms read and ends the diagnoses done.
func (a *attention) complete(now sim.Time) {
	a.advance(now)
	const eps = 1e-6
	var ended []int
	var read []job
	kept := a.jobs[:0]
	for _, j := range a.jobs {
		switch {
		case j.left > eps:
			kept = append(kept, j)
		case j.step >= 0:
			ended = append(ended, j.step)
			a.diags--
		default:
			read = append(read, j)
		}
	}
	a.jobs = kept
	for k, j := range read {
		a.read++
		for _, s := range a.o.steps {
			if s.running && a.o.cfg.Plan[s.index].Kind == Diagnose {
				s.alarms++
			}
		}
		a.o.env.Recorder.Log(now, a.o.cfg.Name, sim.EventOperator,
			fmt.Sprintf("attention: read alarm from %s (%v); %d unread", j.source, sim.Seconds(j.need), a.unread()+len(read)-k-1))
	}
	a.reschedule(now)
	for _, i := range ended {
		a.o.finish(now, i)
	}
}

// unread returns the number of alarms not yet read.
func (a *attention) unread() int { return len(a.jobs) - a.diags }

// stop drops every claim.
func (a *attention) stop() {
	a.o.env.Engine.Cancel(a.timer)
	a.jobs, a.diags = nil, 0
}
