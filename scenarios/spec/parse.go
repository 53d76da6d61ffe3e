package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	goccyyaml "github.com/goccy/go-yaml"
	goccy "github.com/goccy/go-yaml/parser"
	"go.yaml.in/yaml/v3"
)

// MaxNodes is the most YAML nodes a scenario may have once aliases and
// merge keys are expanded. It stops "billion laughs" files, whose aliases
// expand exponentially, while leaving room for large empirical
// distributions.
const MaxNodes = 1 << 20

// MaxDepth is the deepest nesting of mappings and lists a scenario may have.
// Real scenarios nest a handful of levels; the limit turns pathological
// input into an error.
const MaxDepth = 64

// yamlLine extracts the line from the YAML parser's "line N: msg".
var yamlLine = regexp.MustCompile(`^line (\d+): (.*)$`)

// yamlParserProblems are the YAML parser's (not scanner's) error messages.
// For these the library reports a 0-based line.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// yamlScannerPrefixes start the YAML scanner's error messages. The library
// leaves the line out of these when it is the first.
var yamlScannerPrefixes = []string{
	"found ", "did not find ", "could not find ", "mapping ", "block sequence ", "exceeded max depth",
}

// parseYAML parses data as exactly one YAML document whose top level is a
// mapping, and returns that mapping with aliases and merge keys expanded
// into a tree of fresh nodes.
func parseYAML(file string, data []byte) (*yaml.Node, *Error) {
	if !utf8.Valid(data) {
		at := 0
		for at < len(data) {
			r, size := utf8.DecodeRune(data[at:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			at += size
		}
		line := 1 + bytes.Count(data[:at], []byte("\n"))
		col := at - bytes.LastIndexByte(data[:at], '\n')
		return nil, &Error{File: file, Line: line, Column: col, Msg: fmt.Sprintf(
			"the file is not UTF-8 text: byte 0x%02x at offset %d (line %d, byte %d of the line); save it as UTF-8", data[at], at, line, col)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := decodeNode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: file, Msg: "file is empty; expected a YAML mapping with the scenario's fields (name, description, seed, horizon, ...)"}
		}
		return nil, withColumn(longKey(yamlError(file, err), data), data)
	}
	var extra yaml.Node
	switch err := decodeNode(dec, &extra); {
	case err == nil:
		return nil, &Error{File: file, Line: extra.Line, Column: extra.Column,
			Msg: "a second YAML document starts here; expected exactly one document per file"}
	case !errors.Is(err, io.EOF):
		return nil, yamlError(file, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, &Error{File: file, Msg: "expected exactly one YAML document"}
	}
	top := doc.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, &Error{File: file, Line: top.Line, Column: top.Column,
			Msg: "expected a mapping of the scenario's fields (name: ..., description: ...) at the top level, got " + describe(top)}
	}
	x := expander{file: file, active: map[*yaml.Node]bool{}}
	root := x.copy(top, 1)
	if x.err != nil {
		return nil, x.err
	}
	return root, nil
}

// decodeNode decodes the next document, turning a panic inside the YAML
// library into an error so that no input can crash Load.
func decodeNode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: internal parser error: %v", r)
		}
	}()
	return dec.Decode(n)
}

// yamlError turns a YAML parser error into an *Error with its line,
// correcting the library's line numbering where it is known to be off.
func yamlError(file string, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			line, msg = n, m[2]
		}
	}
	switch {
	case yamlParserProblems[msg]:
		line++
	case line == 0:
		for _, p := range yamlScannerPrefixes {
			if strings.HasPrefix(msg, p) {
				line = 1
				break
			}
		}
	}
	return &Error{File: file, Line: line, Msg: "invalid YAML: " + msg}
}

// withColumn gives a syntax error a column: go.yaml.in/yaml/v3 reports
// only a line, so the document is parsed again by github.com/goccy/go-yaml,
// whose errors carry line and column. Its position is used when it finds
// the error on the same line, or, for an error at the end of the file (an
// unclosed quote or bracket), where it sees the cause; its message goes
// beside ours.
func withColumn(e *Error, data []byte) (out *Error) {
	defer func() {
		if recover() != nil { // the second parser's failure is not the user's
			out = e
		}
	}()
	if e.Column > 0 || !strings.HasPrefix(e.Msg, "invalid YAML: ") || strings.Contains(e.Msg, "depth") ||
		len(data) > maxReparse || flowDepth(data) > MaxDepth {
		return e // a second parse of a huge or deeply nested file could be slow
	}
	_, err := goccy.ParseBytes(data, 0)
	var se *goccyyaml.SyntaxError
	if !errors.As(err, &se) || se.Token == nil || se.Token.Position == nil {
		return e
	}
	line, col := se.Token.Position.Line, se.Token.Position.Column
	atEnd := strings.Contains(e.Msg, "end of stream")
	if e.Line > 0 && line != e.Line && !(atEnd && line < e.Line) {
		return e
	}
	with := *e
	with.Line, with.Column = line, col
	if !strings.Contains(e.Msg, se.Message) {
		with.Msg += " (" + se.Message + ")"
	}
	return &with
}

// maxReparse is the largest file parsed a second time for a column.
const maxReparse = 256 << 10

// flowDepth is the deepest nesting of [ and { in data.
func flowDepth(data []byte) int {
	depth, deepest := 0, 0
	for _, c := range data {
		switch c {
		case '[', '{':
			depth++
			deepest = max(deepest, depth)
		case ']', '}':
			depth = max(0, depth-1)
		}
	}
	return deepest
}

// maxPlainKey is the longest plain (unquoted, single-line) key YAML
// accepts: longer ones make the parser report a missing ':'.
const maxPlainKey = 1024

// longKey turns the parser's "could not find expected ':'" about a key too
// long for YAML into an error that says so.
func longKey(e *Error, data []byte) *Error {
	if !strings.HasSuffix(e.Msg, "could not find expected ':'") || e.Line < 1 {
		return e
	}
	lines := bytes.Split(data, []byte("\n"))
	for _, l := range []int{e.Line - 1, e.Line - 2} {
		if l < 0 || l >= len(lines) {
			continue
		}
		text := bytes.TrimLeft(lines[l], " -")
		n := bytes.Index(text, []byte(":"))
		if n < 0 {
			n = len(text)
		}
		if n > maxPlainKey {
			return &Error{File: e.File, Line: l + 1, Column: 1, Msg: fmt.Sprintf(
				"a key of %d characters; YAML allows keys of at most %d on one line: shorten it", n, maxPlainKey)}
		}
	}
	return e
}

// expander copies a node tree, replacing each alias by a copy of its anchor
// and applying merge keys, within MaxNodes and MaxDepth. Copies make each
// use of an anchor independent, so --set and ${} act on one use only.
type expander struct {
	file   string
	nodes  int
	active map[*yaml.Node]bool // anchors being copied, to catch cycles
	err    *Error
}

// fail records the first error.
func (x *expander) fail(n *yaml.Node, format string, args ...any) {
	if x.err == nil {
		x.err = &Error{File: x.file, Line: n.Line, Column: n.Column, Msg: fmt.Sprintf(format, args...)}
	}
}

// copy returns an expanded copy of n at the given nesting depth.
func (x *expander) copy(n *yaml.Node, depth int) *yaml.Node {
	if x.err != nil {
		return n
	}
	if n.Kind == yaml.AliasNode {
		target := n.Alias
		if target == nil {
			x.fail(n, "unknown anchor %s", quote(n.Value))
			return n
		}
		if x.active[target] {
			x.fail(n, "alias *%s is inside the node its anchor names; an alias cannot contain itself", n.Value)
			return n
		}
		x.active[target] = true
		c := x.copy(target, depth)
		delete(x.active, target)
		if c != target {
			c.Line, c.Column = n.Line, n.Column
		}
		return c
	}
	x.nodes++
	if x.nodes > MaxNodes {
		x.fail(n, "the file has more than %d YAML nodes (after expanding aliases); expected a smaller scenario", MaxNodes)
		return n
	}
	if depth > MaxDepth {
		x.fail(n, "nesting is deeper than %d levels; expected a shallower scenario", MaxDepth)
		return n
	}
	c := &yaml.Node{
		Kind:   n.Kind,
		Style:  n.Style,
		Tag:    n.Tag,
		Value:  n.Value,
		Line:   n.Line,
		Column: n.Column,
	}
	if n.Style&yaml.TaggedStyle != 0 && !strings.HasPrefix(n.Tag, "!!") {
		x.fail(n, "custom tag %s is not supported; expected plain YAML values", n.Tag)
		return n
	}
	switch n.Kind {
	case yaml.ScalarNode:
	case yaml.SequenceNode:
		c.Content = make([]*yaml.Node, 0, len(n.Content))
		for _, item := range n.Content {
			c.Content = append(c.Content, x.copy(item, depth+1))
		}
	case yaml.MappingNode:
		c.Content = x.mapping(n, depth)
	default:
		x.fail(n, "unexpected YAML node")
	}
	return c
}

// mapping returns the expanded key/value pairs of mapping n, with merge
// keys ("<<: *defaults" or "<<: [*a, *b]") replaced by the pairs they bring
// in. As in YAML 1.1, keys written in the mapping win over merged ones, and
// earlier merged mappings win over later ones.
func (x *expander) mapping(n *yaml.Node, depth int) []*yaml.Node {
	explicit := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !isMergeKey(k) && k.Kind == yaml.ScalarNode {
			explicit[k.Value] = true
		}
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	merged := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !isMergeKey(k) {
			out = append(out, x.copy(k, depth+1), x.copy(v, depth+1))
			continue
		}
		val := x.copy(v, depth+1)
		if x.err != nil {
			return out
		}
		var sources []*yaml.Node
		switch val.Kind {
		case yaml.MappingNode:
			sources = []*yaml.Node{val}
		case yaml.SequenceNode:
			sources = val.Content
		}
		if len(sources) == 0 && val.Kind != yaml.SequenceNode {
			x.fail(v, "merge key << expects a mapping or a list of mappings, got %s", describe(val))
			return out
		}
		for _, src := range sources {
			if src.Kind != yaml.MappingNode {
				x.fail(src, "merge key << expects a mapping or a list of mappings, got a list holding %s", describe(src))
				return out
			}
			for j := 0; j+1 < len(src.Content); j += 2 {
				mk := src.Content[j]
				if mk.Kind == yaml.ScalarNode {
					if explicit[mk.Value] || merged[mk.Value] {
						continue
					}
					merged[mk.Value] = true
				}
				out = append(out, mk, src.Content[j+1])
			}
		}
	}
	return out
}

// isMergeKey reports whether k is the YAML merge key <<.
func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Tag == "!!merge"
}

// describe names what a node holds, for "expected X, got Y" messages.
// tagKind names what a YAML tag makes a scalar.
func tagKind(tag string) string {
	switch tag {
	case "!!str":
		return "a string"
	case "!!int":
		return "an integer"
	case "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	}
	return "a value of type " + tag
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.ShortTag() == "!!null" {
			return "null (an empty value)"
		}
		if n.Style&yaml.TaggedStyle != 0 {
			return strconv.Quote(n.Value) + " tagged " + n.Tag + " (the tag makes it " + tagKind(n.ShortTag()) + "; remove the tag)"
		}
		return strconv.Quote(n.Value)
	}
	return "an unexpected YAML node"
}
