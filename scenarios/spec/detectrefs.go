package spec

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// isRoute reports whether k is RouteKind.
func isRoute(k ComponentKind) bool { return k == RouteKind }

// validateDetectors checks what each detector refers to: a link, a route,
// a component or a population. Their on_fire actions are checked with the
// other actions.
func (d *decoder) validateDetectors(s *Spec, r *refs) {
	pops, popList := d.populationNames(s)
	nodes, paths := d.items("detectors")
	for i, det := range s.Detectors {
		if i >= len(paths) {
			break
		}
		n, p := nodes[i], paths[i]
		switch {
		case det.LinkDown != nil:
			d.linkRef(r, n, p, "link", det.LinkDown.LinkName)
		case det.BFD != nil:
			d.componentRef(r, n, p, "route", det.BFD.Route, isRoute, "a route component (BFD runs along a route)")
		case det.LACP != nil:
			d.componentRef(r, n, p, "route", det.LACP.Route, isRoute, "a route component (LACP runs along a route)")
		case det.HealthCheck != nil:
			d.componentRef(r, n, p, "target", det.HealthCheck.TargetName, acceptsRequests, requestsWant)
		case det.E2EProbe != nil:
			d.componentRef(r, n, p, "target", det.E2EProbe.TargetName, acceptsRequests, requestsWant)
		case det.Availability != nil:
			d.populationRef(pops, popList, n, p, "population", det.Availability.Population)
		}
	}
}

// populationRef checks that the field key of mapping n at path, whose
// decoded value is name, names a population; pops holds their names, nil
// if they are not all known.
func (d *decoder) populationRef(pops map[string]bool, list []string, n *yaml.Node, path, key, name string) {
	v := lookup(n, key)
	p := joinPath(path, key)
	if v == nil || name == "" || pops == nil || pops[name] || d.isBad(p) {
		return
	}
	d.errorf(v, p, "unknown population %s; expected one of the populations: %s", quote(name), nameList(list))
}

// populationNames returns the set and list of s's population names, or
// nil if they are not all known.
func (d *decoder) populationNames(s *Spec) (map[string]bool, []string) {
	if d.isBad("populations") {
		return nil, nil
	}
	set := map[string]bool{}
	var list []string
	for _, pop := range s.Populations {
		if pop.Name == "" {
			return nil, nil
		}
		if !set[pop.Name] {
			set[pop.Name] = true
			list = append(list, pop.Name)
		}
	}
	return set, list
}

// validateOperators checks each operator's notice_from (detector names or
// customer-reports) and its steps' requires (an earlier step). Step
// actions are checked with the other actions.
func (d *decoder) validateOperators(s *Spec, r *refs) {
	detectorsKnown := !d.isBad("detectors")
	detectors := map[string]bool{}
	var detList []string
	for _, det := range s.Detectors {
		if det.Name == "" {
			detectorsKnown = false
		}
		if !detectors[det.Name] {
			detectors[det.Name] = true
			detList = append(detList, det.Name)
		}
	}
	nodes, paths := d.items("operators")
	for i, op := range s.Operators {
		if i >= len(paths) {
			break
		}
		n, p := nodes[i], paths[i]
		if nf := lookup(n, "notice_from"); nf != nil && nf.Kind == yaml.SequenceNode && detectorsKnown {
			for j, seg := range itemSegments(nf) {
				item, ip := nf.Content[j], joinPath(joinPath(p, "notice_from"), seg)
				if item.Kind != yaml.ScalarNode || d.isBad(ip) || item.Value == CustomerReports || detectors[item.Value] {
					continue
				}
				if len(detList) == 0 {
					d.errorf(item, ip, "unknown detector %s; no detectors are declared, so expected customer-reports", quote(item.Value))
					continue
				}
				d.errorf(item, ip, "unknown detector %s; expected customer-reports or one of the detectors: %s",
					quote(item.Value), nameList(detList))
			}
		}
		steps, sps := subItems(n, p, "steps")
		stepNames := make([]string, len(op.Steps))
		for j, st := range op.Steps {
			stepNames[j] = st.Name
		}
		seen := map[string]bool{}
		for j, st := range op.Steps {
			if j >= len(sps) {
				break
			}
			rp := joinPath(sps[j], "requires")
			if v := lookup(steps[j], "requires"); v != nil && st.Requires != "" && !d.isBad(rp) && !seen[st.Requires] {
				earlier := stepNames[:j]
				if len(earlier) == 0 {
					d.errorf(v, rp, "unknown step %s; expected an earlier step of operator %s, and this is its first", quote(st.Requires), quote(op.Name))
				} else {
					d.errorf(v, rp, "unknown step %s; expected an earlier step of operator %s: %s", quote(st.Requires), quote(op.Name), nameList(earlier))
				}
			}
			seen[st.Name] = true
		}
		for j, st := range op.Steps {
			if j >= len(sps) || j >= len(steps) {
				break
			}
			ep, v := joinPath(sps[j], "ends_with"), lookup(steps[j], "ends_with")
			if v == nil || st.EndsWith == "" || d.isBad(ep) {
				continue
			}
			switch {
			case st.EndsWith == st.Name:
				d.errorf(v, ep, "a belief cannot end with itself; expected another step of operator %s", quote(op.Name))
			case !slices.Contains(stepNames, st.EndsWith):
				d.errorf(v, ep, "unknown step %s; expected a step of operator %s: %s", quote(st.EndsWith), quote(op.Name), nameList(stepNames))
			}
		}
	}
}
