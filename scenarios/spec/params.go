package spec

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// paramNamePattern is the syntax of param names: identifiers, so they can
// be used in ${} expressions and told apart from --set paths.
var paramNamePattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// paramSet is the params of one file while loading.
type paramSet struct {
	list   []Param
	lines  []int           // line of each param's name
	index  map[string]int  // name -> position in list
	broken map[string]bool // declared, but with an error already reported
}

// names lists the declared param names for messages.
func (ps *paramSet) names() string {
	if len(ps.list) == 0 {
		return "no params are declared"
	}
	names := make([]string, len(ps.list))
	for i, p := range ps.list {
		names[i] = p.Name
	}
	return "declared: " + nameList(names)
}

// params decodes the params: block of root, if any.
func (d *decoder) params(root *yaml.Node) *paramSet {
	ps := &paramSet{index: map[string]int{}, broken: map[string]bool{}}
	n := lookup(root, "params")
	if n == nil {
		return ps
	}
	const path = "params"
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping of param names to {default: ..., description: ...}, got %s", describe(n))
		return ps
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.report(k, path, "expected a param name, got %s as a key", describe(k))
			continue
		}
		name := k.Value
		p := joinPath(path, name)
		if !paramNamePattern.MatchString(name) {
			d.errorf(k, p, "expected a param name of letters, digits and '_', not starting with a digit; got %s", quote(name))
			continue
		}
		if j, dup := ps.index[name]; dup {
			d.report(k, p, "duplicate param %s; it is already declared at line %d", name, ps.lines[j])
			continue
		}
		param := d.param(name, v, p)
		ps.index[name] = len(ps.list)
		ps.list = append(ps.list, param)
		ps.lines = append(ps.lines, k.Line)
		if d.isBad(p) || param.Kind == "" {
			ps.broken[name] = true // its uses are not reported again
		}
	}
	return ps
}

// param decodes one param declaration.
func (d *decoder) param(name string, n *yaml.Node, path string) Param {
	p := Param{Name: name}
	var defaultNode, minNode, maxNode *yaml.Node
	var choiceNodes []*yaml.Node
	bound := func(dst **float64, node **yaml.Node) func(n *yaml.Node, path string) {
		return func(n *yaml.Node, path string) {
			*node = n
			v := d.float(n, path, "a finite number", func(float64) bool { return true })
			if !d.isBad(path) {
				*dst = &v
			}
		}
	}
	d.fields(n, path, mapping{
		want: "a param: a mapping like {default: 0.9, unit: 1/s, description: arrival rate}",
		what: "a param",
		fields: []field{
			{key: "default", required: true, want: "a number, true/false or a string",
				decode: func(n *yaml.Node, path string) {
					defaultNode = n
					if n.Kind == yaml.ScalarNode && strings.Contains(strings.ReplaceAll(n.Value, "$${", ""), "${") {
						d.errorf(n, path, "a param's default cannot hold ${}: params are read before expressions, so write the value itself (derive other fields from the param instead), got %s", describe(n))
						return
					}
					p.Kind, p.Default = d.paramValue(n, path)
				}},
			{key: "unit", want: "a unit, like 1/s",
				decode: func(n *yaml.Node, path string) { p.Unit = d.str(n, path, "a unit, like 1/s") }},
			{key: "description", required: true, want: "a description of what the param controls",
				decode: func(n *yaml.Node, path string) {
					p.Description = d.str(n, path, "a description of what the param controls")
				}},
			{key: "choices", want: "a list of the allowed values",
				decode: func(n *yaml.Node, path string) {
					d.list(n, path, "a non-empty list of the allowed values", true, func(_ int, item *yaml.Node, ip string) {
						_, v := d.paramValue(item, ip)
						p.Choices = append(p.Choices, v)
						choiceNodes = append(choiceNodes, item)
					})
				}},
			{key: "source", want: "where the documented default comes from, like a documented figure's source",
				decode: func(n *yaml.Node, path string) {
					p.Source = d.str(n, path, "where the documented default comes from (a report, an article)")
					if strings.TrimSpace(p.Source) == "" && !d.isBad(path) {
						d.errorf(n, path, "expected where the documented default comes from (a report, an article), got an empty source; leave source out for an estimate")
					}
				}},
			{key: "min", want: "the smallest value --set may give, a number", decode: bound(&p.Min, &minNode)},
			{key: "max", want: "the largest value --set may give, a number", decode: bound(&p.Max, &maxNode)},
		},
	})
	if d.isBad(path) || p.Kind == "" {
		return p
	}
	p.Value = p.Default
	if !d.paramBounds(&p, path, defaultNode, minNode, maxNode) {
		return p
	}
	if len(p.Choices) == 0 {
		return p
	}
	for i, c := range p.Choices {
		if c == nil {
			return p // already reported
		}
		if paramKindOf(c) != p.Kind {
			d.errorf(choiceNodes[i], fmt.Sprintf("%s.choices.%d", path, i),
				"expected a %s like the default %s, got %s", p.Kind, formatValue(p.Default), describe(choiceNodes[i]))
			return p
		}
	}
	if !inChoices(p.Default, p.Choices) {
		d.errorf(defaultNode, joinPath(path, "default"), "expected one of the choices (%s), got %s", formatChoices(p.Choices), formatValue(p.Default))
	}
	return p
}

// paramBounds checks a param's min and max: number params only, min <=
// max, the default between them. It reports false after an error.
func (d *decoder) paramBounds(p *Param, path string, defaultNode, minNode, maxNode *yaml.Node) bool {
	if p.Min == nil && p.Max == nil {
		return true
	}
	if p.Kind != NumberParam {
		n, key := minNode, "min"
		if n == nil {
			n, key = maxNode, "max"
		}
		d.errorf(n, joinPath(path, key), "min and max bound number params; this param's default %s is a %s", formatValue(p.Default), p.Kind)
		return false
	}
	if p.Min != nil && p.Max != nil && *p.Min > *p.Max {
		d.errorf(maxNode, joinPath(path, "max"), "expected a max >= min (%s), got %s", formatNumber(*p.Min), formatNumber(*p.Max))
		return false
	}
	if v := p.Default.(float64); !p.inBounds(v) {
		d.errorf(defaultNode, joinPath(path, "default"), "expected %s, got %s", p.boundsWant(), formatNumber(v))
		return false
	}
	return true
}

// inBounds reports whether v is within the param's min and max.
func (p *Param) inBounds(v float64) bool {
	return (p.Min == nil || v >= *p.Min) && (p.Max == nil || v <= *p.Max)
}

// boundBroken says which bound v breaks and where the file declares it:
// "below the min 0.5 declared at FILE:LINE".
func (d *decoder) boundBroken(p *Param, path string, v float64) string {
	key, side, limit := "min", "below", p.Min
	if p.Max != nil && v > *p.Max {
		key, side, limit = "max", "above", p.Max
	}
	n, _, rest := locate(d.root, joinPath(path, key))
	where := d.errs.file
	if len(rest) == 0 && n.Line > 0 {
		where += ":" + strconv.Itoa(n.Line)
	}
	return fmt.Sprintf("%s the %s %s declared at %s", side, key, formatNumber(*limit), where)
}

// boundsWant describes the values a bounded number param allows.
func (p *Param) boundsWant() string {
	switch {
	case p.Min != nil && p.Max != nil:
		return fmt.Sprintf("a number from %s to %s (the param's min and max)", formatNumber(*p.Min), formatNumber(*p.Max))
	case p.Min != nil:
		return fmt.Sprintf("a number >= %s (the param's min)", formatNumber(*p.Min))
	}
	return fmt.Sprintf("a number <= %s (the param's max)", formatNumber(*p.Max))
}

// paramValue decodes the default or a choice of a param: a number, a bool
// or a string.
func (d *decoder) paramValue(n *yaml.Node, path string) (ParamKind, any) {
	const want = "a number, true/false or a string"
	if !d.scalar(n, path, want) {
		return "", nil
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		f, ok := parseNumber(n.Value)
		if !ok {
			d.errorf(n, path, "expected a finite number, got %s", describe(n))
			return "", nil
		}
		return NumberParam, f
	case "!!bool":
		b, ok := parseBool(n.Value)
		if !ok {
			d.errorf(n, path, "expected true or false, got %s", describe(n))
			return "", nil
		}
		return BoolParam, b
	case "!!str", "!!timestamp":
		return StringParam, n.Value
	}
	d.errorf(n, path, "expected %s, got %s", want, describe(n))
	return "", nil
}

// parseBool parses the YAML 1.2 booleans true and false in any case.
func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// paramKindOf returns the kind of a param value.
func paramKindOf(v any) ParamKind {
	switch v.(type) {
	case float64:
		return NumberParam
	case bool:
		return BoolParam
	case string:
		return StringParam
	}
	return ""
}

// inChoices reports whether v is one of choices.
func inChoices(v any, choices []any) bool {
	for _, c := range choices {
		if c == v {
			return true
		}
	}
	return false
}

// formatValue formats a param value as it would be written in the file.
func formatValue(v any) string {
	switch v := v.(type) {
	case float64:
		return formatNumber(v)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return strconv.Quote(v)
	}
	return fmt.Sprint(v)
}

// formatChoices lists choices for messages.
func formatChoices(choices []any) string {
	s := make([]string, len(choices))
	for i, c := range choices {
		s[i] = formatValue(c)
	}
	return nameList(s)
}

// setParam applies --set name=value to a declared param. flag is the whole
// --set argument, for messages.
func (d *decoder) setParam(ps *paramSet, flag, name, value string) {
	i := ps.index[name]
	p := &ps.list[i]
	path := joinPath("params", name)
	if ps.broken[name] || p.Kind == "" {
		return // the declaration already has an error
	}
	var v any
	ok := false
	switch p.Kind {
	case NumberParam:
		v, ok = parseNumber(value)
	case BoolParam:
		v, ok = parseBool(value)
	case StringParam:
		v, ok = value, true
	}
	at, _, _ := locate(d.root, path)
	if !ok {
		d.errs.add(at.Line, at.Column, path,
			"--set %s: expected a %s like the default %s, got %s", flag, kindWant(p.Kind), formatValue(p.Default), quote(value))
		return
	}
	if len(p.Choices) > 0 && !inChoices(v, p.Choices) {
		d.errs.add(at.Line, at.Column, path,
			"--set %s: expected one of the choices (%s), got %s", flag, formatChoices(p.Choices), formatValue(v))
		return
	}
	if f, isNumber := v.(float64); isNumber && !p.inBounds(f) {
		d.errs.add(at.Line, at.Column, path, "--set %s: expected %s, got %s, %s", flag, p.boundsWant(), formatNumber(f), d.boundBroken(p, path, f))
		return
	}
	p.Value = v
}

// kindWant describes a param kind's values.
func kindWant(k ParamKind) string {
	switch k {
	case NumberParam:
		return "finite number"
	case BoolParam:
		return "bool (true or false)"
	}
	return "string"
}

// ParamValues returns the value used for each declared param after --set:
// a float64, bool or string by param name.
func (s *Spec) ParamValues() map[string]any {
	m := make(map[string]any, len(s.Params))
	for _, p := range s.Params {
		m[p.Name] = p.Value
	}
	return m
}
