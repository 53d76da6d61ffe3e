package spec

import (
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// distKindNames lists the distributions for messages.
var distKindNames = []string{
	string(Exponential), string(Uniform), string(Normal),
	string(Lognormal), string(Deterministic), string(Empirical),
}

// dist decodes a distribution: its "dist" key, then exactly the fields of
// that kind. If the kind is missing or unknown, other keys are not checked.
func (d *decoder) dist(n *yaml.Node, path string) Dist {
	var ds Dist
	var kindFields []field
	known := false
	if k := lookup(n, "dist"); k != nil {
		ds.Kind = DistKind(d.enum(k, joinPath(path, "dist"), distKindNames...))
		kindFields, known = d.distKind(&ds)
	}
	fs := append([]field{
		{key: "dist", required: true, want: "one of: " + strings.Join(distKindNames, ", ")},
	}, kindFields...)
	what := "a distribution"
	if known {
		what = "a distribution of kind " + string(ds.Kind)
	}
	found := d.fields(n, path, mapping{
		want:    "a distribution: a mapping like {dist: exponential, mean: 1s}",
		what:    what,
		fields:  fs,
		lenient: !known,
	})
	if found == nil || !known {
		return ds
	}
	ok := func(key string) bool { return found[key] != nil && !d.isBad(joinPath(path, key)) }
	switch ds.Kind {
	case Exponential:
		if ok("mean") && ds.Mean <= 0 {
			d.errorf(found["mean"], joinPath(path, "mean"), "expected a mean > 0 for an exponential distribution, got %s", describe(found["mean"]))
		}
	case Uniform:
		if ok("min") && ok("max") && ds.Max < ds.Min {
			d.errorf(found["max"], joinPath(path, "max"), "expected max >= min (%s), got %s", ds.Min, describe(found["max"]))
		}
	case Lognormal:
		if ok("mean") && ds.Mean <= 0 {
			d.errorf(found["mean"], joinPath(path, "mean"), "expected a mean > 0 for a lognormal distribution, got %s", describe(found["mean"]))
		}
		if ok("stddev") && ds.Stddev <= 0 {
			d.errorf(found["stddev"], joinPath(path, "stddev"), "expected a stddev > 0 for a lognormal distribution, got %s", describe(found["stddev"]))
		}
	}
	return ds
}

// distKind returns the fields of ds's kind, or false for an unknown kind.
func (d *decoder) distKind(ds *Dist) ([]field, bool) {
	dur := func(key string, required bool, dst *time.Duration) field {
		return field{key: key, required: required, want: durationWant(false),
			decode: func(n *yaml.Node, p string) { *dst = d.duration(n, p, false) }}
	}
	switch ds.Kind {
	case Exponential:
		return []field{dur("mean", true, &ds.Mean)}, true
	case Uniform:
		return []field{dur("min", true, &ds.Min), dur("max", true, &ds.Max)}, true
	case Normal, Lognormal:
		return []field{dur("mean", true, &ds.Mean), dur("stddev", true, &ds.Stddev)}, true
	case Deterministic:
		return []field{dur("value", true, &ds.Value)}, true
	case Empirical:
		return []field{{key: "values", required: true, want: "a non-empty list of durations",
			decode: func(n *yaml.Node, p string) {
				d.list(n, p, "a non-empty list of durations, like [1ms, 2ms, 5ms]", true, func(_ int, item *yaml.Node, ip string) {
					ds.Values = append(ds.Values, d.duration(item, ip, false))
				})
			}}}, true
	}
	return nil, false
}
