package scenarios

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// check compares each documented figure of s with the outcome.
func check(s *spec.Spec, o Outcome) ([]DocumentedFigure, []Check, error) {
	if len(s.Documented) == 0 {
		return nil, nil, nil
	}
	tree, err := outcomeTree(o)
	if err != nil {
		return nil, nil, err
	}
	var docs []DocumentedFigure
	var checks []Check
	for _, d := range s.Documented {
		// The path was checked against the outcome's shape before the run;
		// a figure may still be absent from this run (a share that never
		// fell below a level): the check then fails and says why.
		got, err := lookup(tree, d.Metric)
		missing := ""
		if err != nil {
			missing = err.Error()
		}
		kind := "absolute"
		switch {
		case d.Tolerance.AtLeast:
			kind = "at_least"
		case d.Tolerance.Relative:
			kind = "relative"
		}
		docs = append(docs, DocumentedFigure{Name: d.Name, Metric: d.Metric, Value: d.Value, Unit: d.Unit, Source: d.Source,
			Kind: string(d.Kind), Basis: d.Basis})
		c := Check{
			Name:          d.Name,
			Metric:        d.Metric,
			Documented:    d.Value,
			Simulated:     got,
			Tolerance:     d.Tolerance.Value,
			ToleranceKind: kind,
			OK:            missing == "" && d.Tolerance.Holds(got, d.Value),
			Missing:       missing,
			Kind:          string(d.Kind),
			Basis:         d.Basis,
			Censored:      missing == "" && censored(o, d.Metric),
		}
		if c.Censored && !d.Tolerance.AtLeast {
			c.OK = false
			c.Inconclusive = "the outage lasts to the end of the horizon, so the simulated figure is only a lower bound; a longer horizon (--set horizon=...) decides it"
		}
		checks = append(checks, c)
	}
	return docs, checks, nil
}

// censored reports whether a metric path (or any part of a sum) names a
// figure that is only a lower bound in o: the outage's end or duration
// when it lasts to the horizon, a population's outage or user-minutes lost
// when that population's does.
func censored(o Outcome, metric string) bool {
	for _, part := range strings.Split(metric, " + ") {
		switch part = strings.TrimSpace(part); part {
		case FigureOutageDuration, FigureOutageEnd:
			if o.Outage.Censored {
				return true
			}
		}
		for _, p := range o.Populations {
			if p.Censored && (part == PopulationFigure(p.Name, PopulationOutage) || part == PopulationFigure(p.Name, PopulationUserMinutesLost)) {
				return true
			}
		}
	}
	return false
}

// validateMetrics checks, before a run, that every documented metric path
// of s names a number in an outcome of s's shape.
func validateMetrics(s *spec.Spec, m *model) error {
	if len(s.Documented) == 0 {
		return nil
	}
	tree, err := outcomeTree(outcomeShape(s, m))
	if err != nil {
		return err
	}
	for _, d := range s.Documented {
		if _, err := lookup(tree, d.Metric); err != nil {
			return s.Errorf("documented."+d.Name+".metric", "%v", err)
		}
	}
	return nil
}

// outcomeShape is an outcome of s's shape with every figure present (and
// zero): the figures any run of s may report.
func outcomeShape(s *spec.Spec, m *model) Outcome {
	var o Outcome
	o.PeakLoadRatio = map[string]float64{}
	for _, p := range s.Populations {
		o.Populations = append(o.Populations, PopulationOutcome{Name: p.Name})
	}
	for _, svc := range m.services {
		o.Components = append(o.Components, ComponentOutcome{Name: svc.Name()})
	}
	for _, c := range m.caches {
		o.Components = append(o.Components, ComponentOutcome{Name: c.Name()})
	}
	for _, l := range m.loads {
		o.PeakLoadRatio[l.name] = 0
	}
	for _, c := range m.clients {
		o.Clients = append(o.Clients, ClientOutcome{Name: c.Name()})
	}
	for _, rt := range m.routes {
		o.Routes = append(o.Routes, RouteOutcome{Name: rt.Name()})
	}
	if s.Outcome.MetastableAfter > 0 {
		o.Metastable = &Metastability{}
	}
	var zero float64
	all := ShareLevels{At90: &zero, At95: &zero, At100: &zero}
	for _, st := range s.Sites {
		o.Sites = append(o.Sites, SiteOutcome{Name: st.Name, PoweredBack: all, RunningBack: all})
	}
	return o
}

// outcomeTree is the outcome as generic JSON values, for path lookups.
func outcomeTree(o Outcome) (any, error) {
	b, err := json.Marshal(o)
	if err != nil {
		if p := nonFinite(o); p != "" {
			return nil, fmt.Errorf("encoding outcome: %s (a bug in the measures: please report it with the scenario and seed)", p)
		}
		return nil, fmt.Errorf("encoding outcome: %w", err)
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		return nil, fmt.Errorf("decoding outcome: %w", err)
	}
	return tree, nil
}

// lookup follows a dotted path (list items by their "name") to a number (a
// yes-or-no figure reads 1 or 0);
// paths joined by " + " give the sum of their numbers (e.g. the impacted
// users of two populations).
func lookup(tree any, path string) (float64, error) {
	if strings.Contains(path, " + ") {
		sum := 0.0
		for _, part := range strings.Split(path, " + ") {
			v, err := lookup(tree, strings.TrimSpace(part))
			if err != nil {
				return 0, err
			}
			sum += v
		}
		return sum, nil
	}
	cur := tree
	for _, seg := range strings.Split(path, ".") {
		switch node := cur.(type) {
		case map[string]any:
			next, ok := node[seg]
			if !ok {
				return 0, fmt.Errorf("outcome has no %q in %q (has: %s)", seg, path, keys(node))
			}
			cur = next
		case []any:
			var found any
			var names []string
			for _, item := range node {
				if m, ok := item.(map[string]any); ok {
					name, _ := m["name"].(string)
					names = append(names, name)
					if name == seg {
						found = item
					}
				}
			}
			if found == nil {
				return 0, fmt.Errorf("outcome has no item %q in %q (has: %s)", seg, path, strings.Join(names, ", "))
			}
			cur = found
		default:
			return 0, fmt.Errorf("%q goes past a value at %q", path, seg)
		}
	}
	switch v := cur.(type) {
	case float64:
		return v, nil
	case bool: // a yes-or-no figure reads 1 or 0
		if v {
			return 1, nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("%q is not a number", path)
}

func keys(m map[string]any) string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return strings.Join(ks, ", ")
}
