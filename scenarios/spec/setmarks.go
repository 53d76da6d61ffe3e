package spec

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// kindKeys are the keys that choose which other fields a mapping has: a
// component's, detector's, backoff's or retry control's kind, a
// distribution's dist and a fault's action.
var kindKeys = map[string]bool{"kind": true, "dist": true, "action": true}

// setMarks records what the --set paths did to the tree, so that the
// decoder can tell the file's fields from the flags' and name the flag in
// errors about what it set. The zero value records nothing yet.
type setMarks struct {
	// by holds, for each node a --set path wrote, added or went through,
	// the last such flag.
	by map[*yaml.Node]string
	// created holds the nodes --set added.
	created map[*yaml.Node]bool
	// kinds holds the mappings whose kind key --set replaced.
	kinds map[*yaml.Node]*kindChange
	// added are the fields --set added, in flag order.
	added []setTarget
	// left holds the value nodes of the file's fields of an old kind,
	// which the decoder left out, with their mappings.
	left map[*yaml.Node]*yaml.Node
}

// kindChange is a --set of a mapping's kind key.
type kindChange struct {
	key  string // the kind key: kind, dist or action
	file string // the kind the file gives
	to   string // the kind the last --set of it gives
	flag string // that --set
}

// setTarget is a field --set added.
type setTarget struct {
	path string // canonical, as in Error.Field
	flag string
}

// add records node, added at path by flag.
func (m *setMarks) add(path string, node *yaml.Node, flag string) {
	if m.created == nil {
		m.created = map[*yaml.Node]bool{}
	}
	m.created[node] = true
	m.added = append(m.added, setTarget{path: path, flag: flag})
}

// walk records the nodes a flag's path went through or reached.
func (m *setMarks) walk(nodes []*yaml.Node, flag string) {
	if m.by == nil {
		m.by = map[*yaml.Node]string{}
	}
	for _, n := range nodes {
		m.by[n] = flag
	}
}

// setKind records that s is about to replace kind, the kind key's value in
// mapping parent. A kind key --set added is no change of kind: the file
// gave none.
func (m *setMarks) setKind(parent, kind *yaml.Node, s setFlag) {
	if m.created[kind] {
		return
	}
	if m.kinds == nil {
		m.kinds = map[*yaml.Node]*kindChange{}
	}
	c := m.kinds[parent]
	if c == nil {
		key := s.key[strings.LastIndexByte(s.key, '.')+1:]
		c = &kindChange{key: key, file: kind.Value}
		m.kinds[parent] = c
	}
	c.to, c.flag = s.value, s.flag
}

// changedKind returns the change of mapping n's kind by --set, or nil if
// --set left it as the file gives it.
func (m *setMarks) changedKind(n *yaml.Node) *kindChange {
	if c := m.kinds[n]; c != nil && c.to != c.file {
		return c
	}
	return nil
}

// leaveOut reports whether v, the value of a key of mapping n that n's
// kind does not take, is the file's and n's kind was changed by --set: a
// field of the old kind, which the decoder skips. The pair is then
// recorded, to be removed from the tree after decoding (see drop), so that
// the resolved scenario is what ran.
func (m *setMarks) leaveOut(n, v *yaml.Node) bool {
	if _, set := m.by[v]; set || m.changedKind(n) == nil {
		return false
	}
	if m.left == nil {
		m.left = map[*yaml.Node]*yaml.Node{}
	}
	m.left[v] = n
	return true
}

// drop removes from the tree the fields leaveOut left out.
func (m *setMarks) drop() {
	parents := map[*yaml.Node]bool{}
	for _, n := range m.left {
		parents[n] = true
	}
	for n := range parents {
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			if m.left[n.Content[i+1]] != n {
				kept = append(kept, n.Content[i], n.Content[i+1])
			}
		}
		n.Content = kept
	}
}

// flagOf returns the --set flag that wrote, added or went through v, or "".
func (m *setMarks) flagOf(v *yaml.Node) string {
	return m.by[v]
}

// kindNote explains, for a "missing required field" error in mapping n,
// that --set changed n's kind; "" if it did not.
func (m *setMarks) kindNote(n *yaml.Node) string {
	c := m.changedKind(n)
	if c == nil {
		return ""
	}
	return "; --set " + c.flag + " changed " + c.key + " from " + quote(c.file) + " to " + quote(c.to) +
		", which needs it (the file's fields of " + quote(c.file) + " are left out): add it with another --set"
}

// name prefixes with its --set flag each error in errs about a field a
// --set added, or inside one it added: "--set
// components.server.cancellation=maybe: expected true or false, ...". The
// most specific such field wins, and among flags of the same field the
// last. Messages that already start with "--set " are left alone; errors
// about values --set replaced are not prefixed, as the file shows the field.
func (m *setMarks) name(errs *errorList) {
	if len(m.added) == 0 {
		return
	}
	for _, e := range errs.errs {
		if strings.HasPrefix(e.Msg, "--set ") {
			continue
		}
		best := -1
		for i, t := range m.added {
			if (e.Field == t.path || strings.HasPrefix(e.Field, t.path+".")) && (best < 0 || len(t.path) >= len(m.added[best].path)) {
				best = i
			}
		}
		if best >= 0 {
			e.Msg = "--set " + m.added[best].flag + ": " + e.Msg
		}
	}
}
