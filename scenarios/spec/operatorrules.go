package spec

import (
	"slices"
)

// operatorRules checks each operator's steps' requires (an earlier step)
// and ends_with (another step): names of the operator's own steps, whose
// order matters. The detectors it notices from and the units its steps
// count are references, checked with the others (refcheck.go); its
// steps' actions are checked with the other actions.
func (d *decoder) operatorRules(s *Spec) {
	nodes, paths := d.items("operators")
	for i, op := range s.Operators {
		if i >= len(paths) {
			break
		}
		steps, sps := subItems(nodes[i], paths[i], "steps")
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
