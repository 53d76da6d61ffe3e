package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"
)

// LoadWithActions decodes a scenario file like Load, with actions added to
// the end of its actions: list before anything is decoded, so they are
// checked like the file's own (names, times, components and each action's
// fields). Each of actions is one action as a YAML mapping, like an item of
// actions: ({name: class-1, at: 2h, component: auth-e, action: failover}).
// Errors in an added action name its path (actions.class-1.share) but no
// line, since the file does not hold it. The added actions are marked
// ByClass.
func LoadWithActions(file string, data []byte, sets, actions []string) (*Spec, error) {
	if len(actions) == 0 {
		return Load(file, data, sets)
	}
	items := make([]*yaml.Node, 0, len(actions))
	for i, a := range actions {
		n, err := actionNode(a)
		if err != nil {
			return nil, &Error{File: file, Field: fmt.Sprintf("actions (added %d)", i+1), Msg: err.Error()}
		}
		items = append(items, n)
	}
	s, err := load(file, data, sets, func(root *yaml.Node) {
		if root.Kind != yaml.MappingNode {
			return // the decoder reports it
		}
		list := lookup(root, "actions")
		if list == nil {
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "actions"}
			list = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			root.Content = append(root.Content, key, list)
		}
		if list.Kind == yaml.SequenceNode {
			list.Content = append(list.Content, items...)
		}
	})
	if err != nil {
		return nil, err
	}
	for i := len(s.Actions) - len(items); i < len(s.Actions); i++ {
		s.Actions[i].By = ByClass
	}
	return s, nil
}

// actionNode parses one added action: a single YAML mapping, with every
// position cleared.
func actionNode(text string) (*yaml.Node, error) {
	if len(text) > maxActionText {
		return nil, fmt.Errorf("an action of %d bytes; expected at most %d", len(text), maxActionText)
	}
	dec := yaml.NewDecoder(bytes.NewReader([]byte(text)))
	var doc yaml.Node
	if err := decodeNode(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("an empty action; expected a mapping like {at: 2h, component: auth-e, action: failover}")
		}
		return nil, fmt.Errorf("the action %s is not valid YAML: %v", quote(truncate(text)), err)
	}
	var extra yaml.Node
	if err := decodeNode(dec, &extra); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("the action %s holds more than one YAML document", quote(truncate(text)))
	}
	n := &doc
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("the action %s is %s; expected a mapping like {at: 2h, component: auth-e, action: failover}", quote(truncate(text)), describe(n))
	}
	if hasAlias(n) {
		return nil, fmt.Errorf("the action %s uses a YAML anchor or alias; write the values out", quote(truncate(text)))
	}
	clearPositions(n)
	return n, nil
}

// hasAlias reports whether n or anything under it is an alias.
func hasAlias(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode {
		return true
	}
	for _, c := range n.Content {
		if hasAlias(c) {
			return true
		}
	}
	return false
}

// maxActionText bounds an added action's text.
const maxActionText = 64 << 10

// clearPositions zeroes the line and column of n and everything under it.
func clearPositions(n *yaml.Node) {
	n.Line, n.Column = 0, 0
	for _, c := range n.Content {
		clearPositions(c)
	}
}
