package spec

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models/knob"
)

// decoder turns a node tree into Spec values, collecting every error.
//
// Once an error is reported for a field, later errors about that field or
// anything inside it are dropped (bad), so one mistake gives one message:
// a workers value of "abc" does not also fail the check that workers >= 1.
// Scalars whose ${} substitution failed are poisoned: they already have
// their error, and decoding them is silently skipped.
type decoder struct {
	errs     *errorList
	root     *yaml.Node // the document, for positions of fields given by path
	bad      map[string]bool
	poisoned map[*yaml.Node]bool
	sets     setMarks // what --set paths did to the tree
	// next holds the options of the next declaredStruct, which clears
	// them.
	next structOptions
	// reported counts the fields marked bad (an error recorded, or a
	// poisoned ${} value), so that a caller can tell whether decoding a
	// part found any.
	reported int
	// refs are what the references' check needs, noted while decoding.
	refs refNotes
}

// newDecoder returns a decoder of the document root that reports to errs.
func newDecoder(root *yaml.Node, errs *errorList) *decoder {
	return &decoder{
		errs:     errs,
		root:     root,
		bad:      map[string]bool{},
		poisoned: map[*yaml.Node]bool{},
	}
}

// joinPath appends a segment to a dotted field path.
func joinPath(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

// markBad marks the field at path as having an error.
func (d *decoder) markBad(path string) {
	d.bad[path] = true
	d.reported++
}

// isBad reports whether path or a path containing it already has an error.
func (d *decoder) isBad(path string) bool {
	for {
		if d.bad[path] {
			return true
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return false
		}
		path = path[:i]
	}
}

// errorf reports an error about the field at path, whose node is n (nil
// to find it, or its nearest parent, from the path), unless that field
// already has one.
func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	if d.isBad(path) {
		return
	}
	d.markBad(path)
	var line, col int
	if n != nil {
		line, col = n.Line, n.Column
	} else {
		found, _, _ := locate(d.root, path)
		line, col = found.Line, found.Column
	}
	d.errs.add(line, col, path, format, args...)
}

// report reports an error about a key at path, at node n, without
// marking the field bad: an unknown, duplicate or malformed key says
// nothing about the values around it.
func (d *decoder) report(n *yaml.Node, path, format string, args ...any) {
	if !d.isBad(path) {
		d.errs.add(n.Line, n.Column, path, format, args...)
	}
}

// field describes one key of a mapping.
type field struct {
	key      string
	required bool
	// want says what the value should be, for "missing" messages.
	want string
	// decode decodes the value node found at path; nil to skip.
	decode func(n *yaml.Node, path string)
	// needs says what the field holds for the kind that needs it, and
	// missing is then the whole message when it is left out.
	needs, missing string
}

// mapping describes the keys of a YAML mapping.
type mapping struct {
	// want says what the value should be, for type errors, e.g. "a
	// component: a mapping with name, kind and the kind's fields".
	want string
	// what names the mapping in unknown-field errors, e.g. "a service
	// component".
	what string
	// fields are the keys allowed.
	fields []field
	// lenient skips unknown keys silently, for when the set of keys is not
	// known because a kind field is wrong.
	lenient bool
}

// fields decodes mapping n at path, calling each field's decode in file
// order. Unknown keys (unless lenient, or the file's in a mapping whose
// kind --set changed), duplicate keys and missing required fields are
// errors. It returns the value node of each key found (the first
// if duplicated), or nil if n is not a mapping.
func (d *decoder) fields(n *yaml.Node, path string, m mapping) map[string]*yaml.Node {
	if d.poisoned[n] {
		d.markBad(path)
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected %s, got %s", m.want, describe(n))
		return nil
	}
	byKey := make(map[string]*field, len(m.fields))
	for i := range m.fields {
		byKey[m.fields[i].key] = &m.fields[i]
	}
	found := map[string]*yaml.Node{}
	keyLine := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.report(k, path, "expected a field name, got %s as a key", describe(k))
			continue
		}
		p := joinPath(path, k.Value)
		f, known := byKey[k.Value]
		if !known {
			// A --set that changed the kind leaves out the file's fields of
			// the old kind; the fields --set gives are checked.
			if !m.lenient && !d.sets.leaveOut(n, v) {
				by := ""
				if flag := d.sets.flagOf(v); flag != "" {
					by = "--set " + flag + ": "
				}
				d.report(k, p, "%sunknown field %s for %s%s; expected one of: %s", by, quote(k.Value), m.what, suggest(k.Value, m.fields), keyList(m.fields))
			}
			continue
		}
		if _, dup := found[k.Value]; dup {
			d.report(k, p, "duplicate field %s; it is already set at line %d", quote(k.Value), keyLine[k.Value])
			continue
		}
		found[k.Value] = v
		keyLine[k.Value] = k.Line
		if f.decode != nil {
			f.decode(v, p)
		}
	}
	for _, f := range m.fields {
		if _, ok := found[f.key]; f.required && !ok {
			if f.missing != "" {
				d.errorf(n, joinPath(path, f.key), "%s%s", f.missing, d.sets.kindNote(n))
				continue
			}
			d.errorf(n, joinPath(path, f.key), "missing required field %q; expected %s%s", f.key, f.want, d.sets.kindNote(n))
		}
	}
	return found
}

// keyList lists the keys of fs for messages.
func keyList(fs []field) string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return strings.Join(keys, ", ")
}

// suggest returns ` (did you mean "x"?)` for a key close to one of fs.
func suggest(key string, fs []field) string {
	best, bestDist := "", 3
	for _, f := range fs {
		if dist := EditDistance(key, f.key); dist < bestDist && dist < len(key) {
			best, bestDist = f.key, dist
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// EditDistance is the Levenshtein distance between short strings a and b
// (in bytes); strings over 64 bytes are far from everything, so a hostile
// name costs nothing.
func EditDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// lookup returns the value of the first scalar key named key in mapping n,
// or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// scalar checks that n is a non-null scalar and not poisoned, reporting
// "expected want" if it is not.
func (d *decoder) scalar(n *yaml.Node, path, want string) bool {
	if d.poisoned[n] {
		d.markBad(path)
		return false
	}
	if n.Kind != yaml.ScalarNode || n.ShortTag() == "!!null" {
		d.errorf(n, path, "expected %s, got %s", want, describe(n))
		return false
	}
	return true
}

// str decodes any non-null scalar as text.
func (d *decoder) str(n *yaml.Node, path, want string) string {
	if !d.scalar(n, path, want) {
		return ""
	}
	return n.Value
}

// itemNameWant describes the syntax of names (knob.NameSyntax).
const itemNameWant = knob.NameSyntax

// validItemName reports whether s can name a list item (knob.ValidName):
// usable as a --set path segment.
func validItemName(s string) bool { return knob.ValidName(s) }

// itemName decodes the name of a list item.
func (d *decoder) itemName(n *yaml.Node, path string) string {
	s := d.str(n, path, itemNameWant)
	if s != "" && !validItemName(s) {
		d.errorf(n, path, "expected %s, got %s", itemNameWant, quote(s))
	}
	return s
}

// enum decodes a scalar that must be one of options.
func (d *decoder) enum(n *yaml.Node, path string, options ...string) string {
	want := "one of: " + strings.Join(options, ", ")
	s := d.str(n, path, want)
	if s == "" && d.isBad(path) {
		return ""
	}
	for _, o := range options {
		if s == o {
			return s
		}
	}
	d.errorf(n, path, "expected %s; got %s", want, quote(s))
	return ""
}

// parseNumber parses YAML number syntax (decimal, 0x/0o/0b integers,
// underscores between digits, exponents), accepting only finite values.
func parseNumber(s string) (float64, bool) {
	plain := strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return float64(i), true
	}
	if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return float64(u), true
	}
	f, err := strconv.ParseFloat(plain, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// isNumber reports whether n is tagged as a YAML number.
func isNumber(n *yaml.Node) bool {
	t := n.ShortTag()
	return t == "!!int" || t == "!!float"
}

// float decodes a finite number for which ok holds.
func (d *decoder) float(n *yaml.Node, path, want string, ok func(float64) bool) float64 {
	if !d.scalar(n, path, want) {
		return 0
	}
	f, good := parseNumber(n.Value)
	if !isNumber(n) || !good || !ok(f) {
		d.errorf(n, path, "expected %s, got %s", want, describe(n))
		return 0
	}
	return f
}

// intWant describes the integers >= lo.
func intWant(lo int64) string {
	switch lo {
	case 1:
		return "a positive integer"
	case 0:
		return "an integer >= 0"
	}
	return fmt.Sprintf("an integer >= %d", lo)
}

// integer decodes an integer from lo to hi. Integral floats such as 1e6
// are accepted; fractions, overflow and non-finite values are not.
func (d *decoder) integer(n *yaml.Node, path string, lo, hi int64) int64 {
	want := intWant(lo)
	if !d.scalar(n, path, want) {
		return 0
	}
	v, ok := parseInteger(n)
	switch {
	case !ok || v < lo:
		d.errorf(n, path, "expected %s, got %s", want, describe(n))
	case v > hi:
		d.errorf(n, path, "expected %s, at most %d, got %s", want, hi, describe(n))
	default:
		return v
	}
	return 0
}

// parseInteger parses a YAML number that is an integer fitting an int64.
func parseInteger(n *yaml.Node) (int64, bool) {
	if !isNumber(n) {
		return 0, false
	}
	plain := strings.ReplaceAll(n.Value, "_", "")
	if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return i, true
	}
	f, ok := parseNumber(n.Value)
	if !ok || f != math.Trunc(f) || f < -(1<<63) || f >= 1<<63 {
		return 0, false
	}
	return int64(f), true
}

// uint64 decodes an unsigned 64-bit integer; integral floats are accepted.
func (d *decoder) uint64(n *yaml.Node, path string) uint64 {
	const want = "an integer from 0 to 18446744073709551615"
	if !d.scalar(n, path, want) {
		return 0
	}
	if isNumber(n) {
		plain := strings.ReplaceAll(n.Value, "_", "")
		if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return u
		}
		if f, ok := parseNumber(n.Value); ok && f == math.Trunc(f) && f >= 0 && f < 1<<64 {
			return uint64(f)
		}
	}
	d.errorf(n, path, "expected %s, got %s", want, describe(n))
	return 0
}

// durationWant describes durations > 0 (positive) or >= 0.
func durationWant(positive bool) string {
	if positive {
		return "a duration > 0 with a unit, like 30s, 1.5h or 2d"
	}
	return "a duration >= 0 with a unit, like 0s, 90m or 2d"
}

// duration decodes a duration (see ParseDuration), > 0 if positive.
func (d *decoder) duration(n *yaml.Node, path string, positive bool) time.Duration {
	want := durationWant(positive)
	if !d.scalar(n, path, want) {
		return 0
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		d.errorf(n, path, "%v; expected %s", err, want)
		return 0
	}
	if positive && v <= 0 {
		d.errorf(n, path, "expected %s, got %s", want, describe(n))
		return 0
	}
	return v
}

// list checks that n is a list (of at least one item if nonEmpty) and
// calls each for every item with the item's path. Items are addressed by
// name when they have one (see itemSegments).
func (d *decoder) list(n *yaml.Node, path, want string, nonEmpty bool, each func(i int, item *yaml.Node, path string)) {
	if d.poisoned[n] {
		d.markBad(path)
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "expected %s, got %s", want, describe(n))
		return
	}
	if nonEmpty && len(n.Content) == 0 {
		d.errorf(n, path, "expected %s, got an empty list", want)
		return
	}
	for i, seg := range itemSegments(n) {
		each(i, n.Content[i], joinPath(path, seg))
	}
}

// itemSegments returns the path segment of each item of list n: its name
// if it is a mapping whose name is valid and not used by an earlier item,
// else its index. --set resolves segments the same way.
func itemSegments(n *yaml.Node) []string {
	seen := map[string]bool{}
	segs := make([]string, len(n.Content))
	for i, item := range n.Content {
		segs[i] = strconv.Itoa(i)
		if name := itemName(item); validItemName(name) && !seen[name] {
			seen[name] = true
			segs[i] = name
		}
	}
	return segs
}

// itemName returns the name field of a list item, or "".
func itemName(item *yaml.Node) string {
	if v := lookup(item, "name"); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// uniqueNames reports list items whose name an earlier item already uses.
// what names the items in messages ("component").
func (d *decoder) uniqueNames(n *yaml.Node, path, what string) {
	if n.Kind != yaml.SequenceNode {
		return
	}
	first := map[string]int{}
	for i, seg := range itemSegments(n) {
		v := lookup(n.Content[i], "name")
		if v == nil || v.Kind != yaml.ScalarNode || !validItemName(v.Value) {
			continue
		}
		if line, dup := first[v.Value]; dup {
			d.errorf(v, joinPath(joinPath(path, seg), "name"), "duplicate %s name %s; the first is at line %d", what, quote(v.Value), line)
			continue
		}
		first[v.Value] = v.Line
	}
}

// boolWant describes a bool.
const boolWant = "true or false"

// boolean decodes true or false (any case, as YAML 1.2 types them).
func (d *decoder) boolean(n *yaml.Node, path string) bool {
	if !d.scalar(n, path, boolWant) {
		return false
	}
	b, ok := parseBool(n.Value)
	if n.ShortTag() != "!!bool" || !ok {
		d.errorf(n, path, "expected %s, got %s", boolWant, describe(n))
		return false
	}
	return b
}

// noneWant describes a duration > 0 or the word none.
const noneWant = "a duration > 0 with a unit, like 30s, or none"

// durationOrNone decodes a duration > 0, or the word "none" as 0.
func (d *decoder) durationOrNone(n *yaml.Node, path string) time.Duration {
	if n.Kind == yaml.ScalarNode && n.Value == "none" && !d.poisoned[n] {
		return 0
	}
	if !d.scalar(n, path, noneWant) {
		return 0
	}
	v, err := ParseDuration(n.Value)
	switch {
	case err != nil:
		d.errorf(n, path, "%v; expected %s", err, noneWant)
	case v <= 0:
		d.errorf(n, path, "expected %s, got %s", noneWant, describe(n))
	default:
		return v
	}
	return 0
}
