package spec

import (
	"reflect"
	"regexp"
	"strings"
	"time"

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

// clock decodes the clock block.
func (d *decoder) clock(n *yaml.Node, path string) *Clock {
	const startWant = "an RFC 3339 time with an offset, like 2022-12-02T08:00:00+09:00"
	c := &Clock{}
	d.fields(n, path, mapping{
		want: "a clock: a mapping like {start: 2022-12-02T08:00:00+09:00, zone: JST}",
		what: "the clock",
		fields: []field{
			{key: "start", required: true, want: startWant, decode: func(n *yaml.Node, p string) {
				s := d.str(n, p, startWant)
				if d.isBad(p) {
					return
				}
				t, err := time.Parse(time.RFC3339Nano, s)
				if err != nil {
					d.errorf(n, p, "expected %s, got %s", startWant, quote(s))
					return
				}
				c.Start = t
			}},
			{key: "zone", want: "a label for the offset, like JST",
				decode: func(n *yaml.Node, p string) { c.Zone = d.str(n, p, "a label for the offset, like JST") }},
		},
	})
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

// documented decodes the documented list.
func (d *decoder) documented(n *yaml.Node, path string) []Documented {
	var out []Documented
	d.list(n, path, "a list of documented figures", false, func(_ int, item *yaml.Node, p string) {
		out = append(out, d.documentedFigure(item, p))
	})
	d.uniqueNames(n, path, "documented figure")
	return out
}

// evidenceWant describes the kind of a documented figure.
const evidenceWant = "what a passing check shows: emergent (out of the mechanisms), calibrated (an estimate was tuned to fit it; name it in basis) or input (set by an input; name it in basis)"

// basisWant describes the basis of a documented figure.
const basisWant = "what the figure rests on: the estimates tuned or the inputs that set it"

// documentedFigure decodes one documented figure.
func (d *decoder) documentedFigure(n *yaml.Node, path string) Documented {
	const tolWant = "a tolerance >= 0"
	finite := func(float64) bool { return true }
	nonNegative := func(v float64) bool { return v >= 0 }
	var doc Documented
	found := d.fields(n, path, mapping{
		want: "a documented figure: a mapping with name, metric, value, kind and rel_tolerance, abs_tolerance or at_least",
		what: "a documented figure",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { doc.Name = d.itemName(n, p) }},
			{key: "metric", required: true, want: "a dotted path into the run's outcome",
				decode: func(n *yaml.Node, p string) { doc.Metric = d.str(n, p, "a dotted path into the run's outcome") }},
			{key: "value", required: true, want: "a finite number",
				decode: func(n *yaml.Node, p string) { doc.Value = d.float(n, p, "a finite number", finite) }},
			{key: "unit", want: "a unit, like s",
				decode: func(n *yaml.Node, p string) { doc.Unit = d.str(n, p, "a unit, like s") }},
			{key: "rel_tolerance", want: tolWant, decode: func(n *yaml.Node, p string) {
				doc.Tolerance = Tolerance{Relative: true, Value: d.float(n, p, "a relative tolerance >= 0, like 0.05", nonNegative)}
			}},
			{key: "abs_tolerance", want: tolWant, decode: func(n *yaml.Node, p string) {
				doc.Tolerance = Tolerance{Value: d.float(n, p, "an absolute tolerance >= 0, in the figure's unit", nonNegative)}
			}},
			{key: "at_least", want: "true: the figure is a lower bound", decode: func(n *yaml.Node, p string) {
				if d.boolean(n, p) {
					doc.Tolerance = Tolerance{AtLeast: true}
				} else {
					d.errorf(n, p, "expected true (the documented figure is a lower bound) or no at_least key")
				}
			}},
			{key: "source", want: "where the figure comes from",
				decode: func(n *yaml.Node, p string) { doc.Source = d.str(n, p, "where the figure comes from") }},
			{key: "kind", required: true, want: evidenceWant,
				decode: func(n *yaml.Node, p string) { doc.Kind = EvidenceKind(d.enum(n, p, evidenceKindNames...)) }},
			{key: "basis", want: basisWant,
				decode: func(n *yaml.Node, p string) { doc.Basis = d.str(n, p, basisWant) }},
		},
	})
	if found == nil {
		return doc
	}
	if (doc.Kind == Calibrated || doc.Kind == Input) && strings.TrimSpace(doc.Basis) == "" && !d.isBad(joinPath(path, "basis")) {
		article := "a"
		if doc.Kind == Input {
			article = "an"
		}
		d.errorf(found["kind"], joinPath(path, "basis"),
			"missing basis; %s %s figure must name what it rests on, like basis: \"the mean diagnosis time (estimate), tuned on the mean over seeds 1-10\"", article, doc.Kind)
	}
	rel, abs, least := found["rel_tolerance"], found["abs_tolerance"], found["at_least"]
	switch {
	case rel != nil && abs != nil:
		d.errorf(abs, joinPath(path, "abs_tolerance"), "expected exactly one of rel_tolerance, abs_tolerance or at_least, got two")
	case least != nil && (rel != nil || abs != nil):
		d.errorf(least, joinPath(path, "at_least"), "expected exactly one of rel_tolerance, abs_tolerance or at_least, got two")
	case rel == nil && abs == nil && least == nil:
		d.errorf(n, joinPath(path, "rel_tolerance"), "missing tolerance; expected exactly one of rel_tolerance (a fraction, like 0.05), abs_tolerance (in the figure's unit) or at_least: true (a lower bound)")
	}
	return doc
}
