package spec

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// setFlag is one parsed --set argument.
type setFlag struct {
	flag  string // the whole argument, for messages
	key   string // a param name, or a dotted path
	value string
}

// parseSets splits --set arguments into K=V pairs, reporting malformed
// ones.
func parseSets(errs *errorList, sets []string) []setFlag {
	var out []setFlag
	for _, s := range sets {
		i := strings.IndexByte(s, '=')
		if i <= 0 {
			errs.add(0, 0, "", "--set %s: expected NAME=VALUE (a param) or PATH=VALUE (a field, like components.server.workers=4)", quote(s))
			continue
		}
		out = append(out, setFlag{flag: truncate(s), key: s[:i], value: s[i+1:]})
	}
	return out
}

// setPath applies --set path=value to the tree under root: mapping keys by
// name, list items by their name field or by index. An existing target
// must be a single value; it is replaced by value, typed as a plain YAML
// scalar (so "3" is a number and "none" a string), and keeps its position
// so later errors point at the field the flag replaced. A key missing from
// a mapping is added, with value as its value if it is the last segment,
// or as a new mapping holding the rest of the path; added nodes take the
// position of the mapping they are added to. List items are never added.
// What was set, and which mappings had their kind changed, is recorded in
// d.sets for the decoder (see setMarks).
func (d *decoder) setPath(root *yaml.Node, s setFlag) {
	segs := strings.Split(s.key, ".")
	for _, seg := range segs {
		if seg == "" {
			d.errs.add(0, 0, "", "--set %s: empty segment in path %s; expected names separated by single dots", s.flag, quote(s.key))
			return
		}
	}
	n, path := root, ""
	var parent *yaml.Node // the mapping or list holding n
	var walked []*yaml.Node
	created := false
	for i, seg := range segs {
		next, nextSeg := child(n, seg)
		if next == nil && n.Kind == yaml.MappingNode {
			next, nextSeg, created = addKey(n, seg, i == len(segs)-1, s.value), seg, true
			d.sets.add(joinPath(path, seg), next, s.flag)
		}
		if next != nil {
			walked = append(walked, next)
			parent, n, path = n, next, joinPath(path, nextSeg)
			continue
		}
		switch {
		case n.Kind == yaml.SequenceNode && len(n.Content) == 0:
			d.errs.add(n.Line, n.Column, path, "--set %s: no item %s in %s; the list is empty; --set cannot add list items", s.flag, quote(seg), where(path))
		case n.Kind == yaml.SequenceNode:
			d.errs.add(n.Line, n.Column, path, "--set %s: no item %s in %s; expected an item's name or an index from 0 to %d; items: %s",
				s.flag, quote(seg), where(path), len(n.Content)-1, nameList(itemSegments(n)))
		default:
			d.errs.add(n.Line, n.Column, path, "--set %s: %s is a single value, not a mapping or list, so it has no %s", s.flag, path, quote(seg))
		}
		return
	}
	d.sets.walk(walked, s.flag)
	if created {
		return
	}
	if n.Kind != yaml.ScalarNode {
		d.errs.add(n.Line, n.Column, path, "--set %s: %s is %s; --set can only replace a single value", s.flag, path, describe(n))
		return
	}
	if parent != nil && parent.Kind == yaml.MappingNode && kindKeys[segs[len(segs)-1]] {
		d.sets.setKind(parent, n, s)
	}
	setScalar(n, s.value)
}

// addKey adds key to mapping m, at m's position, and returns its value: a
// scalar holding value if last, else an empty mapping.
func addKey(m *yaml.Node, key string, last bool, value string) *yaml.Node {
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: m.Line, Column: m.Column}
	v := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: m.Line, Column: m.Column}
	if last {
		v.Kind = yaml.ScalarNode
		setScalar(v, value)
	}
	m.Content = append(m.Content, k, v)
	return v
}

// setScalar gives scalar n the text value, typed as a plain YAML scalar.
func setScalar(n *yaml.Node, value string) {
	n.Value = value
	n.Style = 0
	n.Tag = ""
	n.Tag = n.ShortTag()
}

// where names a path in messages.
func where(path string) string {
	if path == "" {
		return "the top level"
	}
	return path
}

// maxListed is the most names nameList shows.
const maxListed = 20

// nameList joins names for messages, eliding all but the first maxListed.
func nameList(names []string) string {
	if len(names) <= maxListed {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxListed], ", ") + ", ... (" + strconv.Itoa(len(names)-maxListed) + " more)"
}
