package experiment

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// MaxStudyFileSize is the largest study file ParseStudy accepts (1 MiB).
const MaxStudyFileSize = 1 << 20

// ParseStudy decodes a study file strictly: unknown fields, wrong types and
// bad values are errors that name the file, line, column and field. A study
// file reads
//
//	scenario: retry-storm     # a built-in's name, or a file relative to the study file
//	set: [horizon=10m]        # overrides for every run (optional)
//	design: grid              # grid (the default) or one-at-a-time
//	vary:                     # the axes; the first varies slowest
//	  - key: load
//	    values: 0.5..1.5/0.1  # a range as --vary takes it, or a list
//	  - key: retries
//	    values: [0, 1, 2, 3]
//	    with:                 # axes in lockstep with this one (optional)
//	      - key: label
//	        values: [none, one, two, three]
//	reps: 10                  # replications per combination (default 1)
//	seed: 1                   # the study's seed (default: the scenario's)
//	plot: [metastable.metastable]  # figures to plot (optional)
//
// A comparison (design: compare) has variants instead of vary:
//
//	variants:
//	  - name: no token retries  # optional; by default the sets
//	    set: [token_retries=0]
func ParseStudy(file string, data []byte) (*Study, error) {
	if len(data) > MaxStudyFileSize {
		return nil, &spec.Error{File: file, Msg: fmt.Sprintf("the file is %d bytes; expected at most %d bytes (1 MiB)", len(data), MaxStudyFileSize)}
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte("\n"))
		return nil, &spec.Error{File: file, Line: line, Msg: "the file is not UTF-8 text"}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &spec.Error{File: file, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	d := &studyDecoder{file: file}
	st := &Study{Design: Grid, Reps: 1}
	if len(doc.Content) == 0 {
		return nil, &spec.Error{File: file, Msg: "the file is empty; expected a study (scenario:, vary:, ...)"}
	}
	root := doc.Content[0]
	fields := d.mapping(root, "", names(studyKeys))
	if fields == nil {
		return nil, d.err()
	}
	if n, ok := fields["scenario"]; ok {
		st.Scenario = d.text(n, "scenario")
	} else {
		d.add(root, "scenario", "missing: the scenario to run, a built-in's name or a file")
	}
	if n, ok := fields["set"]; ok {
		st.Sets = d.texts(n, "set")
	}
	if n, ok := fields["design"]; ok {
		switch v := d.text(n, "design"); Design(v) {
		case Grid, OneAtATime, Compare:
			st.Design = Design(v)
		default:
			d.add(n, "design", "%q: expected %s, %s or %s", v, Grid, OneAtATime, Compare)
		}
	}
	if n, ok := fields["vary"]; ok {
		st.Axes = d.axes(n, "vary", true)
	} else if st.Design != Compare {
		d.add(root, "vary", "missing: at least one axis (- key: NAME, values: ...)")
	}
	if n, ok := fields["variants"]; ok {
		st.Variants = d.variants(n, "variants")
	} else if st.Design == Compare {
		d.add(root, "variants", "missing: at least one variant (- name: NAME, set: [K=V, ...])")
	}
	if n, ok := fields["reps"]; ok {
		st.Reps = int(d.integer(n, "reps", 1, MaxReps))
	}
	if n, ok := fields["seed"]; ok {
		v := uint64(d.integer(n, "seed", 0, -1))
		st.Seed = &v
	}
	if n, ok := fields["plot"]; ok {
		st.Plot = d.texts(n, "plot")
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	if err := st.Check(); err != nil {
		return nil, &spec.Error{File: file, Line: root.Line, Column: root.Column, Msg: err.Error()}
	}
	return st, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// studyDecoder collects a study file's errors.
type studyDecoder struct {
	file string
	errs []error
}

func (d *studyDecoder) add(n *yaml.Node, field, format string, args ...any) {
	d.errs = append(d.errs, &spec.Error{File: d.file, Line: n.Line, Column: n.Column, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (d *studyDecoder) err() error { return errors.Join(d.errs...) }

// mapping checks that n is a mapping with only the known keys, each once.
func (d *studyDecoder) mapping(n *yaml.Node, path string, known []string) map[string]*yaml.Node {
	if n.Kind != yaml.MappingNode {
		d.add(n, path, "expected a mapping of %s", strings.Join(known, ", "))
		return nil
	}
	out := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field := k.Value
		if path != "" {
			field = path + "." + k.Value
		}
		switch {
		case !slices.Contains(known, k.Value):
			d.add(k, field, "unknown field; expected one of %s", strings.Join(known, ", "))
		case out[k.Value] != nil:
			d.add(k, field, "given twice")
		default:
			out[k.Value] = v
		}
	}
	return out
}

func (d *studyDecoder) text(n *yaml.Node, path string) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" || n.Value == "" {
		d.add(n, path, "expected a value")
		return ""
	}
	return n.Value
}

func (d *studyDecoder) texts(n *yaml.Node, path string) []string {
	if n.Kind != yaml.SequenceNode {
		d.add(n, path, "expected a list, e.g. [a, b]")
		return nil
	}
	out := []string{}
	for i, item := range n.Content {
		out = append(out, d.text(item, path+"."+strconv.Itoa(i)))
	}
	return out
}

// integer reads a whole number from lo to hi (hi -1: any uint64).
func (d *studyDecoder) integer(n *yaml.Node, path string, lo, hi int64) uint64 {
	v, err := strconv.ParseUint(d.text(n, path), 10, 64)
	if err != nil || v < uint64(lo) || hi >= 0 && v > uint64(hi) {
		if n.Value != "" {
			if hi < 0 {
				d.add(n, path, "%q: expected a whole number from %d", n.Value, lo)
			} else {
				d.add(n, path, "%q: expected a whole number from %d to %d", n.Value, lo, hi)
			}
		}
		return uint64(lo)
	}
	return v
}

// axes reads a list of axes; top is false inside "with".
func (d *studyDecoder) axes(n *yaml.Node, path string, top bool) []Axis {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.add(n, path, "expected a list of axes, each - key: NAME, values: VALUES")
		return nil
	}
	known := names(axisKeys)
	if !top {
		known = known[:2]
	}
	var out []Axis
	for i, item := range n.Content {
		p := path + "." + strconv.Itoa(i)
		fields := d.mapping(item, p, known)
		if fields == nil {
			continue
		}
		var a Axis
		if k, ok := fields["key"]; ok {
			a.Key = d.text(k, p+".key")
			p = path + "." + a.Key
		} else {
			d.add(item, p+".key", "missing: the param or field to vary")
		}
		if v, ok := fields["values"]; ok {
			a.Values = d.values(v, p+".values")
		} else {
			d.add(item, p+".values", "missing: the values, a list or a range (lo..hi/step, lo..hi*n)")
		}
		a.Lockstep = !top
		out = append(out, a)
		if w, ok := fields["with"]; ok {
			out = append(out, d.axes(w, p+".with", false)...)
		}
	}
	return out
}

func (d *studyDecoder) values(n *yaml.Node, path string) []string {
	var text string
	switch n.Kind {
	case yaml.ScalarNode:
		text = d.text(n, path)
	case yaml.SequenceNode:
		parts := d.texts(n, path)
		for i, p := range parts {
			if strings.Contains(p, ",") {
				d.add(n.Content[i], path, "%q: a value may not hold a comma", p)
				return nil
			}
		}
		if len(parts) == 0 {
			d.add(n, path, "expected at least one value")
			return nil
		}
		text = strings.Join(parts, ",")
	default:
		d.add(n, path, "expected a list of values or a range (lo..hi/step, lo..hi*n)")
		return nil
	}
	if text == "" {
		return nil
	}
	vs, err := ParseValues(text)
	if err != nil {
		d.add(n, path, "%v", err)
	}
	return vs
}

// variants reads a comparison's variants.
func (d *studyDecoder) variants(n *yaml.Node, path string) []Variant {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.add(n, path, "expected a list of variants, each - name: NAME, set: [K=V, ...]")
		return nil
	}
	var out []Variant
	for i, item := range n.Content {
		p := path + "." + strconv.Itoa(i)
		fields := d.mapping(item, p, names(variantKeys))
		if fields == nil {
			continue
		}
		var v Variant
		if nm, ok := fields["name"]; ok {
			v.Name = d.text(nm, p+".name")
		}
		if s, ok := fields["set"]; ok {
			v.Sets = d.texts(s, p+".set")
		} else {
			d.add(item, p+".set", "missing: the overrides that make the variant")
		}
		out = append(out, v)
	}
	return out
}
