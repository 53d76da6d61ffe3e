package spec

import (
	"math"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// MaxTotalHosts is the most hosts all rooms of all sites may have
// together.
const MaxTotalHosts = 2_000_000

// MaxPopulationRate is the highest total request rate of one population,
// per second: its arrivals are then at least 10 ns apart on average, and
// rounding them to the engine's nanoseconds changes their count by under
// 0.05%.
const MaxPopulationRate = 1e8

// MaxSteps is the most time-series steps a run may have: Horizon/Step,
// rounded up.
const MaxSteps = 10_000_000

// validate checks what no single field can: steps against the horizon,
// times within the horizon, references between lists (refcheck.go) and
// the rules beyond them. Fields that already
// have an error are skipped, so each mistake is reported once.
func (d *decoder) validate(s *Spec) {
	horizonOK := !d.isBad("horizon") && s.Horizon > 0
	if horizonOK && !d.isBad("step") && s.Step > 0 {
		steps := s.Horizon / s.Step
		if s.Horizon%s.Step != 0 {
			steps++
		}
		switch {
		case s.Step > s.Horizon:
			d.errorf(nil, "step", "expected a step <= the horizon (%s), got %s", formatDuration(s.Horizon), formatDuration(s.Step))
		case steps > MaxSteps:
			least := s.Horizon / MaxSteps
			if s.Horizon%MaxSteps != 0 {
				least++
			}
			d.errorf(nil, "step", "a horizon of %s in steps of %s is %d steps; expected at most %d steps, so a step of at least %s",
				formatDuration(s.Horizon), formatDuration(s.Step), int64(steps), MaxSteps, formatDuration(least))
		}
	}

	// within checks the time field key of list item n at path; the nodes
	// are at hand, so no lookup by path is needed however long the lists
	// are.
	within := func(n *yaml.Node, path, key string, t time.Duration, what string) {
		p := joinPath(path, key)
		if v := lookup(n, key); v != nil && horizonOK && !d.isBad(p) && t > s.Horizon {
			d.errorf(v, p, "expected %s <= the horizon (%s), got %s", what, formatDuration(s.Horizon), formatDuration(t))
		}
	}

	if len(s.DocumentedEvents) > 0 && s.Clock == nil && !d.isBad("clock") {
		d.errorf(lookup(d.root, "documented_events"), "documented_events", "documented moments are wall-clock times: the scenario needs a clock: {start: ..., zone: ...}")
	}
	if s.Clock != nil {
		nodes, paths := d.items("documented_events")
		for i, e := range s.DocumentedEvents {
			if i < len(paths) && !e.At.IsZero() && e.At.Before(s.Clock.Start) {
				d.errorf(lookup(nodes[i], "at"), joinPath(paths[i], "at"), "%s is before the clock's start (%s): a run cannot show it",
					e.At.Format(time.RFC3339), s.Clock.Start.Format(time.RFC3339))
			}
		}
	}

	total := 0
	for _, site := range s.Sites {
		for _, room := range site.Rooms {
			total += room.Hosts
		}
	}
	if total > MaxTotalHosts {
		d.errorf(nil, "sites", "%d hosts in all rooms of all sites; expected at most %d (each host is a model object: scale the sites down)", total, MaxTotalHosts)
	}

	nodes, paths := d.items("populations")
	for i, p := range s.Populations {
		if i < len(paths) && p.TotalRate() > MaxPopulationRate {
			key := "rate"
			if p.RatePerUser != 0 {
				key = "rate_per_user"
			}
			if math.IsInf(p.TotalRate(), 0) {
				d.errorf(lookup(nodes[i], key), joinPath(paths[i], key),
					"rate_per_user x users = %g x %d overflows; expected a total rate of at most %.0g requests/s per population", p.RatePerUser, p.Users, float64(MaxPopulationRate))
			} else {
				d.errorf(lookup(nodes[i], key), joinPath(paths[i], key),
					"a total rate of %.6g requests/s; expected at most %.0g per population: time is counted in nanoseconds, and arrivals closer than that would be miscounted (split the load over populations, or scale the model down)",
					p.TotalRate(), float64(MaxPopulationRate))
			}
		}
		if i < len(paths) {
			within(nodes[i], paths[i], "start", p.Start, "a start")
		}
	}
	actions := d.allActions(s)
	for _, it := range actions {
		if it.timed {
			within(it.n, it.path, "at", it.f.At, "a time")
		}
	}
	nodes, paths = d.items("fires")
	for i, f := range s.Fires {
		if i < len(paths) {
			within(nodes[i], paths[i], "at", f.At, "a time")
			within(nodes[i], paths[i], "power_off_at", f.PowerOffAt, "a time")
		}
	}
	nodes, paths = d.items("restorations")
	for i, rs := range s.Restorations {
		if i < len(paths) {
			within(nodes[i], paths[i], "start", rs.Start, "a start")
		}
	}

	// Every field that names another item, from the declarations; then
	// the rules beyond names.
	d.checkRefs(reflect.TypeFor[Spec](), "")
	cs := d.componentsOf(s)
	d.nameClashes(s, cs)
	d.faultRules(s, cs, d.netNodesOf(s), actions)
	d.operatorRules(s)

	const baseline = "outcome.baseline"
	if n, _, missing := locate(d.root, baseline); len(missing) == 0 && !d.isBad(baseline) {
		w := s.Outcome.Baseline
		if w.To <= w.From {
			d.errorf(lookup(n, "to"), baseline+".to", "expected to > from (%s), got %s", formatDuration(w.From), formatDuration(w.To))
		} else {
			within(n, baseline, "to", w.To, "an end")
		}
	}
	within(lookup(d.root, "outcome"), "outcome", "metastable_after", s.Outcome.MetastableAfter, "a duration")
	d.callCycles(s, cs, actions)
}

// items returns the nodes and paths of the items of the top-level list
// key, or nil if it is not a list.
func (d *decoder) items(key string) ([]*yaml.Node, []string) {
	n := lookup(d.root, key)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil, nil
	}
	segs := itemSegments(n)
	for i, seg := range segs {
		segs[i] = joinPath(key, seg)
	}
	return n.Content, segs
}

// formatDuration formats d for messages without trailing zero units:
// "2h", "1h30m", not "2h0m0s".
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
