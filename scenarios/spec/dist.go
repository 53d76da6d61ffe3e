package spec

import (
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models"
)

// dist decodes a distribution of durations (models.Dists), for the fields
// not yet declared by a model; nil if it is wrong.
func (d *decoder) dist(n *yaml.Node, path string) Dist {
	var ds Dist
	d.declaredUnion(n, path, reflect.ValueOf(&ds).Elem(), models.Dists)
	return ds
}
