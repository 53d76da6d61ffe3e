package spec

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Errorf returns an *Error about field, a dotted path in the syntax of
// Error.Field (e.g. "components.server.workers"), positioned at that
// field's value in the file, or at its nearest enclosing field that is in
// the file if the field was omitted. List items may be given by name or by
// index ("components.0.workers"); the error names them as Load would, by
// name where they have one. Other packages use it to report their own
// checks on a Spec with positions.
func (s *Spec) Errorf(field string, format string, args ...any) error {
	e := &Error{File: s.File, Field: field, Msg: fmt.Sprintf(format, args...)}
	if s.root != nil {
		n, canon, rest := locate(s.root, field)
		e.Line, e.Column = n.Line, n.Column
		for _, seg := range rest {
			canon = joinPath(canon, seg)
		}
		e.Field = canon
	}
	return e
}

// locate walks path from root as --set does: mapping keys by name, list
// items by name (see itemSegments) or index. It returns the deepest node
// reached, its canonical path (items by name where they have one) and the
// segments that were not found. An empty path is root itself.
func locate(root *yaml.Node, path string) (n *yaml.Node, canon string, rest []string) {
	n = root
	if path == "" {
		return n, "", nil
	}
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		next, nextSeg := child(n, seg)
		if next == nil {
			return n, canon, segs[i:]
		}
		n, canon = next, joinPath(canon, nextSeg)
	}
	return n, canon, nil
}

// child returns the child of n addressed by seg and its canonical segment,
// or nil: for a mapping, the value of key seg; for a list, the first item
// whose segment (its name) is seg, else the item at index seg.
func child(n *yaml.Node, seg string) (*yaml.Node, string) {
	switch n.Kind {
	case yaml.MappingNode:
		if v := lookup(n, seg); v != nil {
			return v, seg
		}
	case yaml.SequenceNode:
		segs := itemSegments(n)
		for i, s := range segs {
			if s == seg {
				return n.Content[i], s
			}
		}
		if i, err := strconv.Atoi(seg); err == nil && i >= 0 && i < len(n.Content) && strconv.Itoa(i) == seg {
			return n.Content[i], segs[i]
		}
	}
	return nil, ""
}
