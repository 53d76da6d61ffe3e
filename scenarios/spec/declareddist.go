package spec

import (
	"fmt"
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/sim"
)

// framework: a model's config may hold a distribution as the sim.Dist it
// samples (power.SiteConfig.RestartTime). The decoder reads the file's
// form of it (a Dist: {dist: uniform, min: 5m, max: 15m}) with the same
// checks and messages as any distribution, and builds the sim.Dist, in
// seconds. When distributions are declared in a model, this case goes.

// simDistType is the type of a declared distribution knob.
var simDistType = reflect.TypeFor[sim.Dist]()

// simDist decodes the distribution at n and builds it; nil after an
// error.
func (d *decoder) simDist(n *yaml.Node, path string) sim.Dist {
	before := d.reported
	ds := d.dist(n, path)
	if d.reported != before || d.isBad(path) {
		return nil
	}
	v, err := ds.build()
	if err != nil {
		d.errorf(n, path, "%v", err)
		return nil
	}
	return v
}

// build returns the distribution ds describes, its durations in seconds.
func (ds Dist) build() (sim.Dist, error) {
	switch ds.Kind {
	case Exponential:
		return sim.NewExponential(ds.Mean.Seconds())
	case Uniform:
		return sim.NewUniform(ds.Min.Seconds(), ds.Max.Seconds())
	case Normal:
		return sim.NewNormal(ds.Mean.Seconds(), ds.Stddev.Seconds())
	case Lognormal:
		return sim.NewLognormal(ds.Mean.Seconds(), ds.Stddev.Seconds())
	case Deterministic:
		return sim.NewDeterministic(ds.Value.Seconds())
	case Empirical:
		vals := make([]float64, len(ds.Values))
		for i, v := range ds.Values {
			vals[i] = v.Seconds()
		}
		return sim.NewEmpirical(vals)
	}
	return nil, fmt.Errorf("unknown distribution %q", ds.Kind)
}
