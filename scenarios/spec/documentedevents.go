package spec

import (
	"strings"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"go.yaml.in/yaml/v3"
)

// DocumentedEvent is a moment of the documented timeline: when a source
// says something happened, and which simulated event stands for it.
type DocumentedEvent struct {
	// Name names the moment, e.g. "outage starts". Required, unique.
	Name string
	// At is the documented wall-clock time, with its offset. Required;
	// the scenario must have a clock.
	At time.Time
	// Source says where the time comes from. Optional.
	Source string
	// Subject and Kind pick the simulated event that stands for it: the
	// first event of the log about that subject (a component, a
	// population, a site...) and of that kind; either may be left out.
	// Optional: without both the moment is drawn and listed but not
	// paired.
	Subject string
	Kind    sim.EventKind
	// Last picks the last such event instead of the first (key which:
	// first or last; default first): "back" moments are the last change.
	Last bool
	// Evidence says what a paired moment's match shows, as a documented
	// figure's kind does: emergent (the simulated time comes out of the
	// mechanisms), calibrated or input (the time is typed in, like a
	// fault's). Required for a paired moment.
	Evidence EvidenceKind
	// Basis names what a calibrated or input moment rests on. Required
	// for those.
	Basis string
}

// momentEvidenceWant describes the evidence of a documented moment.
const momentEvidenceWant = "what the match shows: emergent (the time comes out of the mechanisms), calibrated (an estimate was tuned to fit it; name it in basis) or input (the time is typed in; name it in basis)"

// documentedEventsWant describes the documented_events list.
const documentedEventsWant = "a list of documented moments, each {name, at: 2022-12-17T07:50:00+09:00, source, subject, kind, which}"

// documentedEvents decodes the documented timeline.
func (d *decoder) documentedEvents(n *yaml.Node, path string) []DocumentedEvent {
	var out []DocumentedEvent
	const atWant = "an RFC 3339 time with an offset, like 2022-12-17T07:50:00+09:00"
	d.list(n, path, documentedEventsWant, false, func(_ int, item *yaml.Node, p string) {
		var e DocumentedEvent
		d.fields(item, p, mapping{
			want: "a documented moment: a mapping with name, at and optionally source, subject, kind and which",
			what: "a documented moment",
			fields: []field{
				{key: "name", required: true, want: itemNameWant,
					decode: func(n *yaml.Node, p string) { e.Name = d.itemName(n, p) }},
				{key: "at", required: true, want: atWant, decode: func(n *yaml.Node, p string) {
					s := d.str(n, p, atWant)
					if d.isBad(p) {
						return
					}
					t, err := time.Parse(time.RFC3339Nano, s)
					if err != nil {
						d.errorf(n, p, "expected %s, got %s", atWant, quote(s))
						return
					}
					e.At = t
				}},
				{key: "source", want: "where the time comes from",
					decode: func(n *yaml.Node, p string) { e.Source = d.str(n, p, "where the time comes from") }},
				{key: "subject", want: "what the simulated event standing for the moment is about: a component, a population, a site...",
					decode: func(n *yaml.Node, p string) {
						e.Subject = d.str(n, p, "the name of a component, population, site or other part")
					}},
				{key: "kind", want: "the kind of that event (fault, action, failover, population-back, ...)",
					decode: func(n *yaml.Node, p string) { e.Kind = sim.EventKind(d.enum(n, p, eventKindNames()...)) }},
				{key: "evidence", want: momentEvidenceWant,
					decode: func(n *yaml.Node, p string) { e.Evidence = EvidenceKind(d.enum(n, p, evidenceKindNames...)) }},
				{key: "basis", want: basisWant,
					decode: func(n *yaml.Node, p string) { e.Basis = d.str(n, p, basisWant) }},
				{key: "which", want: "first or last: which of those events stands for the moment",
					decode: func(n *yaml.Node, p string) {
						switch v := d.str(n, p, "first or last"); v {
						case "first":
						case "last":
							e.Last = true
						default:
							if !d.isBad(p) {
								d.errorf(n, p, "expected first or last, got %s", quote(v))
							}
						}
					}},
			},
		})
		switch {
		case d.isBad(p):
		case (e.Subject != "" || e.Kind != "") && e.Evidence == "" && !d.isBad(joinPath(p, "evidence")):
			d.errorf(item, joinPath(p, "evidence"), "missing evidence; a moment paired with a simulated event must say what the match shows: %s", momentEvidenceWant)
		case (e.Evidence == Calibrated || e.Evidence == Input) && strings.TrimSpace(e.Basis) == "" && !d.isBad(joinPath(p, "basis")):
			d.errorf(lookup(item, "evidence"), joinPath(p, "basis"), "missing basis; a moment whose evidence is %s must name what it rests on, like basis: \"the fault's time, typed in\"", e.Evidence)
		}
		out = append(out, e)
	})
	d.uniqueNames(n, path, "documented moment")
	return out
}

// eventKindNames lists the event kinds, for the kind of a documented
// moment.
func eventKindNames() []string {
	out := make([]string, len(sim.EventKinds))
	for i, k := range sim.EventKinds {
		out[i] = string(k)
	}
	return out
}

// basisWant describes the basis of a documented moment.
const basisWant = "what the figure rests on: the estimates tuned or the inputs that set it"
