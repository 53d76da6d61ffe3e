package spec

import (
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/knob"
)

// MaxCount is the most users a population, workers a service or places a
// queue may have.
const MaxCount = 1_000_000_000

// spec decodes the top level of a scenario into s by Spec's declaration.
// The params: block was decoded before substitution and is only accepted
// here; sections the models do not declare have hooks (handDecoded).
func (d *decoder) spec(root *yaml.Node, s *Spec) {
	d.declaredStruct(root, "", reflect.ValueOf(s).Elem(), nil)
}

// Describe names a scenario in messages.
func (Spec) Describe() (noun, example string) { return "a scenario", "" }

// Overrides are --set overrides, "name=value" or "a.b.c=value": a
// scenario's quick block.
type Overrides []string

// init lets the generic decoder read the top-level sections spec decodes
// itself: the params (decoded before), the network (with its
// references), the faults and actions, the documented figures (their
// tolerance) and the quick overrides.
func init() {
	handDecoded[reflect.TypeFor[[]Param]()] = func(*decoder, *yaml.Node, string, reflect.Value, *knob.Field) {}
	handDecoded[reflect.TypeFor[*Network]()] = func(d *decoder, n *yaml.Node, path string, fv reflect.Value, _ *knob.Field) {
		fv.Set(reflect.ValueOf(d.network(n, path)))
	}
	handDecoded[reflect.TypeFor[[]Documented]()] = func(d *decoder, n *yaml.Node, path string, fv reflect.Value, _ *knob.Field) {
		fv.Set(reflect.ValueOf(d.documented(n, path)))
	}
	handDecoded[reflect.TypeFor[Overrides]()] = func(d *decoder, n *yaml.Node, path string, fv reflect.Value, _ *knob.Field) {
		fv.Set(reflect.ValueOf(Overrides(d.quick(n, path))))
	}
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
