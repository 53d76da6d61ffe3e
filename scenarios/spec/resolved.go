package spec

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Resolved returns the scenario as it was run: the document after --set
// paths, ${} substitution, anchors and merge keys, with each param's
// default replaced by the value used, as YAML. Loading it with no --set
// gives the same scenario, whose Resolved is the same bytes; a literal
// "${" is written "$${" again so that it stays literal.
func (s *Spec) Resolved() ([]byte, error) {
	if s.root == nil {
		return nil, fmt.Errorf("scenario %s: no decoded document to resolve", s.Name)
	}
	root := copyNode(s.root)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "params" {
			resolveParams(v, s.Params)
			continue
		}
		escapeSubst(v)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, fmt.Errorf("scenario %s: encoding the resolved document: %w", s.Name, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("scenario %s: encoding the resolved document: %w", s.Name, err)
	}
	return buf.Bytes(), nil
}

// copyNode copies a node tree (which has no aliases: Load expands them),
// dropping anchors, which the copies made unique.
func copyNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Anchor = ""
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		c.Content[i] = copyNode(child)
	}
	return &c
}

// resolveParams sets each param's default: to the value the run used.
func resolveParams(n *yaml.Node, params []Param) {
	if n.Kind != yaml.MappingNode {
		return
	}
	values := make(map[string]any, len(params))
	for _, p := range params {
		values[p.Name] = p.Value
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		v, ok := values[n.Content[i].Value]
		if !ok {
			continue
		}
		def := lookup(n.Content[i+1], "default")
		if def == nil || def.Kind != yaml.ScalarNode {
			continue
		}
		def.Style, def.Tag = 0, ""
		switch v := v.(type) {
		case string:
			def.Value, def.Tag, def.Style = v, "!!str", yaml.DoubleQuotedStyle
		case float64:
			def.Value = formatNumber(v)
			def.Tag = def.ShortTag()
		case bool:
			def.Value = fmt.Sprint(v)
			def.Tag = "!!bool"
		}
	}
}

// escapeSubst writes every "${" in the scalar values under n as "$${", the
// literal form, so that loading the resolved document substitutes nothing.
func escapeSubst(n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if strings.Contains(n.Value, "${") {
			n.Value = strings.ReplaceAll(n.Value, "${", "$${")
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			escapeSubst(n.Content[i])
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			escapeSubst(item)
		}
	}
}
