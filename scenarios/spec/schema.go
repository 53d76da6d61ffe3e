package spec

import (
	"reflect"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxCount is the most users a population, workers a service or places a
// queue may have.
const MaxCount = 1_000_000_000

// scenarioNamePattern is the syntax of scenario names.
var scenarioNamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// scenarioNameWant describes scenarioNamePattern.
const scenarioNameWant = "a name of lower-case letters, digits and '-', starting with a letter or digit, like mm1 or retry-storm"

// spec decodes the top level of a scenario into s. The params: block was
// decoded before substitution and is only checked for duplicates here.
func (d *decoder) spec(root *yaml.Node, s *Spec) {
	d.fields(root, "", mapping{
		want: "a mapping of the scenario's fields",
		what: "a scenario",
		fields: []field{
			{key: "name", required: true, want: scenarioNameWant, decode: func(n *yaml.Node, p string) {
				s.Name = d.str(n, p, scenarioNameWant)
				if s.Name != "" && !scenarioNamePattern.MatchString(s.Name) {
					d.errorf(n, p, "expected %s, got %s", scenarioNameWant, quote(s.Name))
				}
			}},
			{key: "description", required: true, want: "a description of the scenario", decode: func(n *yaml.Node, p string) {
				s.Description = d.str(n, p, "a description of the scenario")
				if strings.TrimSpace(s.Description) == "" && !d.isBad(p) {
					d.errorf(n, p, "expected a description of the scenario, got an empty string")
				}
			}},
			{key: "seed", required: true, want: "an integer seed from 0 to 18446744073709551615",
				decode: func(n *yaml.Node, p string) { s.Seed = d.uint64(n, p) }},
			{key: "horizon", required: true, want: durationWant(true),
				decode: func(n *yaml.Node, p string) { s.Horizon = d.duration(n, p, true) }},
			{key: "step", required: true, want: durationWant(true),
				decode: func(n *yaml.Node, p string) { s.Step = d.duration(n, p, true) }},
			{key: "clock", want: "a clock: {start: 2022-12-02T08:00:00+09:00, zone: JST}",
				decode: func(n *yaml.Node, p string) { s.Clock = d.clock(n, p) }},
			{key: "network", want: "a network: a mapping with nodes and optionally links and max_hops",
				decode: func(n *yaml.Node, p string) { s.Network = d.network(n, p) }},
			{key: "params"},
			{key: "clients", want: "a list of clients",
				decode: func(n *yaml.Node, p string) {
					d.declaredList(n, p, reflect.ValueOf(&s.Clients).Elem(), "a list of clients", false, "client")
				}},
			{key: "components", required: true, want: "a list of components",
				decode: func(n *yaml.Node, p string) { s.Components = d.components(n, p) }},
			{key: "populations", required: true, want: "a list of populations",
				decode: func(n *yaml.Node, p string) {
					d.declaredList(n, p, reflect.ValueOf(&s.Populations).Elem(), "a non-empty list of populations", true, "population")
				}},
			{key: "faults", want: "a list of faults",
				decode: func(n *yaml.Node, p string) { s.Faults = d.faults(n, p, ByFault) }},
			{key: "actions", want: "a list of operator actions",
				decode: func(n *yaml.Node, p string) { s.Actions = d.faults(n, p, ByOperator) }},
			{key: "detectors", want: "a list of detectors",
				decode: func(n *yaml.Node, p string) { s.Detectors = d.detectors(n, p) }},
			{key: "operators", want: "a list of operators",
				decode: func(n *yaml.Node, p string) { s.Operators = d.operators(n, p) }},
			{key: "sites", want: "a list of sites",
				decode: func(n *yaml.Node, p string) { s.Sites = d.sites(n, p) }},
			{key: "fires", want: "a list of fires",
				decode: func(n *yaml.Node, p string) { s.Fires = d.fires(n, p) }},
			{key: "restorations", want: "a list of restorations",
				decode: func(n *yaml.Node, p string) { s.Restorations = d.restorations(n, p) }},
			{key: "data_pools", want: "a list of data pools",
				decode: func(n *yaml.Node, p string) { s.DataPools = d.dataPools(n, p) }},
			{key: "hosted", want: "a list of hosted services",
				decode: func(n *yaml.Node, p string) { s.Hosted = d.hostedList(n, p) }},
			{key: "outcome", required: true, want: "an outcome: {availability_threshold: 0.99, baseline: {from: 0s, to: 1h}}",
				decode: func(n *yaml.Node, p string) { s.Outcome = d.outcome(n, p) }},
			{key: "documented", want: "a list of documented figures",
				decode: func(n *yaml.Node, p string) { s.Documented = d.documented(n, p) }},
			{key: "documented_events", want: documentedEventsWant,
				decode: func(n *yaml.Node, p string) { s.DocumentedEvents = d.documentedEvents(n, p) }},
			{key: "quick", want: quickWant,
				decode: func(n *yaml.Node, p string) { s.Quick = d.quick(n, p) }},
		},
	})
}

// quickWant describes the quick block.
const quickWant = `a list of --set overrides for a short run, like ["users=1000", "components.db.workers=2"]`

// quick decodes the quick list: overrides in --set syntax. Whether they
// apply is known only by loading with them (scenarios' tests do, for every
// built-in).
func (d *decoder) quick(n *yaml.Node, path string) []string {
	out := []string{} // declared, even if empty: the scenario is short already
	d.list(n, path, quickWant, false, func(_ int, item *yaml.Node, p string) {
		v := d.str(item, p, "an override name=value or a.b.c=value")
		if d.isBad(p) {
			return
		}
		if k, _, ok := strings.Cut(v, "="); !ok || strings.TrimSpace(k) == "" {
			d.errorf(item, p, "expected an override name=value or a.b.c=value, got %s", quote(v))
			return
		}
		out = append(out, v)
	})
	return out
}

// clock decodes the clock block by its declaration.
func (d *decoder) clock(n *yaml.Node, path string) *Clock {
	c := &Clock{}
	d.declaredStruct(n, path, reflect.ValueOf(c).Elem(), nil)
	return c
}

// components decodes the components list: each by its declaration.
func (d *decoder) components(n *yaml.Node, path string) []Component {
	var out []Component
	d.declaredList(n, path, reflect.ValueOf(&out).Elem(), "a non-empty list of components", true, "component")
	return out
}

// faults decodes the faults list (by ByFault) or the actions list (by
// ByOperator).
func (d *decoder) faults(n *yaml.Node, path string, by FaultOrigin) []Fault {
	var out []Fault
	d.list(n, path, "a list of "+faultNoun(by)+"s", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.fault(item, p, by, false))
	})
	d.uniqueNames(n, path, faultNoun(by))
	return out
}

// faultNoun names an entry of the list by comes from, in messages.
func faultNoun(by FaultOrigin) string {
	if by != ByFault {
		return "action"
	}
	return "fault"
}

// outcome decodes the outcome block by its declaration.
func (d *decoder) outcome(n *yaml.Node, path string) Outcome {
	var o Outcome
	d.declaredStruct(n, path, reflect.ValueOf(&o).Elem(), nil)
	return o
}

// documented decodes the documented list by its declaration, then sets
// each figure's Tolerance from the one tolerance key it gives.
func (d *decoder) documented(n *yaml.Node, path string) []Documented {
	var out []Documented
	d.list(n, path, "a list of documented figures", false, func(_ int, item *yaml.Node, p string) {
		var doc Documented
		found := d.declaredStruct(item, p, reflect.ValueOf(&doc).Elem(), nil)
		switch {
		case found["rel_tolerance"] != nil:
			doc.Tolerance = Tolerance{Relative: true, Value: doc.RelTolerance}
		case found["abs_tolerance"] != nil:
			doc.Tolerance = Tolerance{Value: doc.AbsTolerance}
		case doc.AtLeast:
			doc.Tolerance = Tolerance{AtLeast: true}
		}
		out = append(out, doc)
	})
	d.uniqueNames(n, path, "documented figure")
	return out
}
