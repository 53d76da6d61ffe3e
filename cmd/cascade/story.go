package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/sim"
)

// moment is one line of an incident's story: a simulated event of a kind
// that tells the story, or a documented moment.
type moment struct {
	at    float64 // seconds from the start
	kind  string  // the event's kind, or "documented"
	who   string  // subject, and by whom when someone acted
	text  string  // the event's message (which may start with the subject)
	count int     // for a run of alarms folded into one moment, how many more
	until float64 // and the time of the last
	state string  // load and availability at that moment; empty for documented moments
}

// key identifies a moment among those at its time.
func (m moment) key() string { return m.kind + "\x00" + m.who + "\x00" + m.text }

// story returns the moments of a run in time order: faults, actions,
// failovers, detours and recoveries, each detector's first alarm, missing
// alarms, operators' notices, diagnoses, work and waits, power orders and
// restoration at sites, populations down and back, the checks; and the
// documented moments beside them. It selects by kind, like the plots.
func story(res *scenarios.Result) []moment {
	sites, hosted := map[string]bool{}, map[string]bool{}
	for _, s := range res.Spec.Sites {
		sites[s.Name] = true
	}
	for _, h := range res.Spec.Hosted {
		hosted[h.Name] = true
	}
	st := newStateAt(res)
	alarmed := map[string]bool{}
	var out []moment
	for _, e := range res.Events {
		switch e.Kind {
		case sim.EventFault, sim.EventAction, sim.EventFailover, sim.EventDetour, sim.EventMissingAlarm,
			sim.EventNotice, sim.EventDiagnosis, sim.EventWork, sim.EventWait,
			sim.EventPopulationDown, sim.EventPopulationBack, sim.EventCheck:
		case sim.EventRecovery:
			if hosted[e.Subject] {
				continue
			}
		case sim.EventAlarm:
			if alarmed[e.Subject] {
				continue
			}
			alarmed[e.Subject] = true
		case sim.EventPower:
			if e.By == "" {
				continue
			}
		case sim.EventRestoration:
			if !sites[e.Subject] {
				continue
			}
		default:
			continue
		}
		who := e.Subject
		if strings.HasPrefix(e.Message, e.Subject) {
			who = "" // the message names it
		}
		if e.By != "" && e.By != e.Subject && !strings.Contains(e.Message, e.By) {
			who = strings.TrimSpace(who + " (by " + e.By + ")")
		}
		m := moment{at: e.At.Seconds(), kind: string(e.Kind), who: who, text: e.Message, state: st.at(e.At.Seconds())}
		// An alarm flood is one moment: alarms each within foldAlarms of
		// the one before, with nothing else between them.
		if n := len(out); n > 0 && m.kind == string(sim.EventAlarm) && out[n-1].kind == m.kind &&
			m.at-max(out[n-1].at, out[n-1].until) <= foldAlarms {
			out[n-1].count++
			out[n-1].until = m.at
			continue
		}
		out = append(out, m)
	}
	for _, d := range res.Summary.Timeline {
		text := d.Name
		switch {
		case d.SimulatedS != nil:
			text += fmt.Sprintf(" (simulated %s, %s; %s)", clockSeconds(res, *d.SimulatedS), signedSeconds(*d.DiffS), d.Evidence)
		case d.Missing != "":
			text += " (" + d.Missing + ")"
		}
		if d.Source != "" {
			text += " — " + d.Source
		}
		out = append(out, moment{at: d.DocumentedS, kind: "documented", text: text})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out
}

// foldAlarms is how close alarms follow each other, in seconds, to be
// told as one moment of the story.
const foldAlarms = 60

// signedSeconds writes a difference in seconds as "+7 min 3 s" or "-20 s".
func signedSeconds(s float64) string {
	d := time.Duration(s * 1e9).Round(time.Second)
	if d < 0 {
		return "-" + spoken(-d)
	}
	return "+" + spoken(d)
}

// stateAt reads load and availability at a moment from a run's series.
type stateAt struct {
	res   *scenarios.Result
	step  float64
	avail []*sim.Series
	names []string
	load  []*sim.Series
	base  []float64 // each load series' mean in the baseline window
	lname []string
}

func newStateAt(res *scenarios.Result) stateAt {
	st := stateAt{res: res, step: res.Step.Seconds()}
	for _, p := range res.Summary.Outcome.Populations {
		if s := find(res, p.Name, models.MetricAvailability); s != nil {
			st.avail, st.names = append(st.avail, s), append(st.names, p.Name)
		}
	}
	b := res.Spec.Outcome.Baseline
	for _, c := range res.Summary.Outcome.Components {
		s := find(res, c.Name, models.MetricOfferedPerS)
		if s == nil {
			continue
		}
		lo, hi := int(b.From/res.Step), min(len(s.Values), int((b.To+res.Step-1)/res.Step))
		mean, n := 0.0, 0
		for _, v := range s.Values[max(0, lo):max(0, hi)] {
			if !math.IsNaN(v) {
				mean, n = mean+v, n+1
			}
		}
		if n > 0 && mean > 0 {
			st.load, st.base, st.lname = append(st.load, s), append(st.base, mean/float64(n)), append(st.lname, c.Name)
		}
	}
	return st
}

// at says, for the step holding sec, the lowest availability of any
// population and the highest load relative to its baseline.
func (st stateAt) at(sec float64) string {
	if st.step <= 0 {
		return ""
	}
	i := int(sec / st.step)
	var parts []string
	low, who := math.Inf(1), ""
	for k, s := range st.avail {
		if i < len(s.Values) && !math.IsNaN(s.Values[i]) && s.Values[i] < low {
			low, who = s.Values[i], st.names[k]
		}
	}
	if who != "" {
		if len(st.avail) == 1 {
			parts = append(parts, "availability "+percentShort(low))
		} else {
			parts = append(parts, fmt.Sprintf("lowest availability %s (%s)", percentShort(low), who))
		}
	}
	high, lwho := math.Inf(-1), ""
	for k, s := range st.load {
		if i < len(s.Values) && !math.IsNaN(s.Values[i]) && s.Values[i]/st.base[k] > high {
			high, lwho = s.Values[i]/st.base[k], st.lname[k]
		}
	}
	if lwho != "" && high >= notableLoad {
		parts = append(parts, fmt.Sprintf("load %s x baseline (%s)", trimZeros(fmt.Sprintf("%.3g", high)), lwho))
	}
	return strings.Join(parts, ", ")
}

// notableLoad is the load, relative to the baseline, from which a
// moment says it: below it the load tells nothing.
const notableLoad = 1.2

// percentShort writes a share as "99.2%", "0%".
func percentShort(v float64) string { return trimZeros(fmt.Sprintf("%.1f", 100*v)) + "%" }
