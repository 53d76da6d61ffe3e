package spec

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxExprDepth bounds the nesting of parentheses and unary signs in one
// ${} expression, so no input can exhaust the stack.
const maxExprDepth = 100

// substitute replaces every ${expr} in the scalars of root outside the
// params: block. A scalar whose expression fails keeps its text and is
// poisoned, so the decoder does not report it a second time.
func (d *decoder) substitute(root *yaml.Node, ps *paramSet) {
	done := map[*yaml.Node]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "params" {
			continue
		}
		d.substNode(v, joinPath("", k.Value), ps, done)
	}
}

// substNode substitutes the scalars under n, whose path is path, except
// those in done (list item names, substituted first).
func (d *decoder) substNode(n *yaml.Node, path string, ps *paramSet, done map[*yaml.Node]bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if !done[n] {
			d.substScalar(n, path, ps)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			d.substNode(n.Content[i+1], joinPath(path, n.Content[i].Value), ps, done)
		}
	case yaml.SequenceNode:
		// Names first: items are addressed by their substituted names.
		for i, item := range n.Content {
			if v := lookup(item, "name"); v != nil && v.Kind == yaml.ScalarNode && !done[v] {
				d.substScalar(v, joinPath(joinPath(path, strconv.Itoa(i)), "name"), ps)
				done[v] = true
			}
		}
		for i, seg := range itemSegments(n) {
			d.substNode(n.Content[i], joinPath(path, seg), ps, done)
		}
	}
}

// substScalar substitutes the ${} of one scalar. Unless it had an explicit
// tag, a scalar that had a substitution is then typed by its new text, as if
// written plainly: "${2*3}" becomes the number 6.
func (d *decoder) substScalar(n *yaml.Node, path string, ps *paramSet) {
	if !strings.Contains(n.Value, "${") {
		return
	}
	out, changed, broken, err := expandText(n.Value, ps)
	switch {
	case err != nil:
		d.errorf(n, path, "%v", err)
		d.poisoned[n] = true
		return
	case broken:
		d.markBad(path)
		d.poisoned[n] = true
		return
	}
	n.Value = out
	if changed && n.Style&yaml.TaggedStyle == 0 {
		n.Style = 0
		n.Tag = ""
		n.Tag = n.ShortTag()
	}
}

// expandText replaces each ${expr} in s with its value; "$${" is a literal
// "${". broken is true if an expression used a param whose declaration has
// an error.
func expandText(s string, ps *paramSet) (out string, changed, broken bool, err error) {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String(), changed, broken, nil
		}
		if i > 0 && s[i-1] == '$' {
			b.WriteString(s[:i-1])
			b.WriteString("${")
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i+2:], '}')
		if j < 0 {
			return "", false, false, fmt.Errorf("unterminated %s; expected a closing } (write $${ for a literal ${)", quote(s[i:]))
		}
		src := s[i+2 : i+2+j]
		p := exprParser{src: src, params: ps}
		v, err := p.eval()
		if err != nil {
			return "", false, false, fmt.Errorf("in ${%s}: %w", truncate(src), err)
		}
		broken = broken || p.broken
		b.WriteString(v)
		changed = true
		s = s[i+2+j+1:]
	}
}

// exprParser evaluates one ${} expression: numbers, number params, + - * /,
// parentheses, unary signs and the functions of exprFuncs; or a single param
// name of any kind.
type exprParser struct {
	src    string
	pos    int
	depth  int
	params *paramSet
	err    error
	broken bool // a param with a broken declaration was used
}

// eval returns the expression's value as text.
func (p *exprParser) eval() (string, error) {
	name := strings.TrimSpace(p.src)
	if name == "" {
		return "", errors.New("empty expression; expected arithmetic over numbers and params, like ${1/mu}")
	}
	if m := comparisonPattern.FindStringSubmatch(name); m != nil {
		holds, err := p.compare(m[1], m[2], m[3]+m[4])
		if err != nil || !strings.Contains(name, "?") || p.broken {
			return holds, err
		}
		branch := strings.TrimSpace(m[6])
		if holds == "true" {
			branch = strings.TrimSpace(m[5])
		}
		if n := len(branch); n >= 2 && (branch[0] == '\'' || branch[0] == '"') && branch[n-1] == branch[0] {
			return branch[1 : n-1], nil // a quoted text
		}
		sub := exprParser{src: branch, params: p.params}
		v, err := sub.eval()
		p.broken = p.broken || sub.broken
		return v, err
	}
	if i, ok := p.params.index[name]; ok && paramNamePattern.MatchString(name) {
		if p.params.broken[name] {
			p.broken = true
			return "", nil
		}
		switch v := p.params.list[i].Value.(type) {
		case string:
			return v, nil
		case bool:
			return strconv.FormatBool(v), nil
		}
	}
	v := p.sum()
	if p.err == nil {
		p.space()
		if p.pos < len(p.src) {
			p.fail("unexpected %q at offset %d; expected an operator (+ - * /) or the end", p.src[p.pos], p.pos)
		}
	}
	if p.err != nil {
		return "", p.err
	}
	if p.broken {
		return "", nil
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "", errors.New("the result is not a finite number")
	}
	return formatNumber(v), nil
}

// comparisonPattern matches "name == 'text'" or "name != 'text'" (single
// or double quotes): the one non-arithmetic expression, which lets a
// string or bool param switch something on or off.
// It may choose between two expressions: "name == 'text' ? a : b".
var comparisonPattern = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)")\s*(?:\?([^:]*):(.*))?$`)

// compare evaluates name == text or name != text to "true" or "false".
func (p *exprParser) compare(name, op, text string) (string, error) {
	i, ok := p.params.index[name]
	if !ok {
		return "", fmt.Errorf("unknown param %s (%s)", quote(name), p.params.names())
	}
	if p.params.broken[name] {
		p.broken = true
		return "", nil
	}
	var val string
	switch v := p.params.list[i].Value.(type) {
	case string:
		val = v
	case bool:
		val = strconv.FormatBool(v)
	default:
		return "", fmt.Errorf("param %s is a number; compare numbers with arithmetic, not == 'text'", name)
	}
	return strconv.FormatBool((val == text) == (op == "==")), nil
}

// fail records the first error.
func (p *exprParser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
}

// space skips blanks.
func (p *exprParser) space() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n' || p.src[p.pos] == '\r') {
		p.pos++
	}
}

// peek returns the next non-blank byte, or 0 at the end.
func (p *exprParser) peek() byte {
	p.space()
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// sum parses term (('+' | '-') term)*.
func (p *exprParser) sum() float64 {
	v := p.term()
	for p.err == nil {
		switch p.peek() {
		case '+':
			p.pos++
			v += p.term()
		case '-':
			p.pos++
			v -= p.term()
		default:
			return v
		}
	}
	return v
}

// term parses unary (('*' | '/') unary)*.
func (p *exprParser) term() float64 {
	v := p.unary()
	for p.err == nil {
		switch p.peek() {
		case '*':
			p.pos++
			v *= p.unary()
		case '/':
			p.pos++
			at := p.pos
			r := p.unary()
			if p.err == nil && r == 0 && !p.broken {
				p.fail("division by zero (the divisor %s is 0)", quote(strings.TrimSpace(p.src[at:p.pos])))
			}
			v /= r
		default:
			return v
		}
	}
	return v
}

// unary parses ('-' | '+') unary | primary.
func (p *exprParser) unary() float64 {
	if p.err != nil {
		return 0
	}
	switch p.peek() {
	case '-', '+':
		neg := p.src[p.pos] == '-'
		p.pos++
		if !p.enter() {
			return 0
		}
		v := p.unary()
		p.depth--
		if neg {
			return -v
		}
		return v
	}
	return p.primary()
}

// enter counts one level of nesting, failing beyond maxExprDepth.
func (p *exprParser) enter() bool {
	p.depth++
	if p.depth > maxExprDepth {
		p.fail("expression nested deeper than %d levels", maxExprDepth)
		return false
	}
	return true
}

// primary parses a number, a param name or a parenthesized sum.
func (p *exprParser) primary() float64 {
	c := p.peek()
	switch {
	case c == '(':
		p.pos++
		if !p.enter() {
			return 0
		}
		v := p.sum()
		p.depth--
		if p.err == nil && p.peek() != ')' {
			p.fail("missing ) at offset %d", p.pos)
		}
		p.pos++
		return v
	case c == '.' || '0' <= c && c <= '9':
		return p.number()
	case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		return p.name()
	case c == 0:
		p.fail("unexpected end; expected a number, a param name or (")
	default:
		p.fail("unexpected %q at offset %d; expected a number, a param name or (", c, p.pos)
	}
	return 0
}

// number parses a decimal number with optional fraction and exponent.
func (p *exprParser) number() float64 {
	start := p.pos
	digits := func() {
		for p.pos < len(p.src) && '0' <= p.src[p.pos] && p.src[p.pos] <= '9' {
			p.pos++
		}
	}
	digits()
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		digits()
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		digits()
	}
	text := p.src[start:p.pos]
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) {
		p.fail("invalid number %s at offset %d", quote(text), start)
		return 0
	}
	return f
}

// name parses a param name and returns its value, which must be a number.
func (p *exprParser) name() float64 {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			break
		}
		p.pos++
	}
	name := p.src[start:p.pos]
	if fn, ok := exprFuncs[name]; ok && p.peek() == '(' {
		return p.call(name, fn)
	}
	i, ok := p.params.index[name]
	if !ok && p.peek() == '(' {
		p.fail("unknown function %s (functions: %s)", quote(name), funcNames())
		return 0
	}
	if !ok {
		p.fail("unknown param %s (%s)", quote(name), p.params.names())
		return 0
	}
	if p.params.broken[name] {
		p.broken = true
		return 1
	}
	switch v := p.params.list[i].Value.(type) {
	case float64:
		return v
	case nil:
		p.broken = true
		return 1
	}
	p.fail("param %s is a %s; a string or bool param can only be used alone, as ${%s}", name, p.params.list[i].Kind, name)
	return 0
}

// formatNumber formats f for substitution in the shortest decimal form that
// reads back exactly, without an exponent (1000000, not 1e+06; 2222222.5,
// not 2.2222225e+06) below 1e21.
func formatNumber(f float64) string {
	if f == 0 {
		return "0" // also for -0
	}
	if math.Abs(f) < 1e21 {
		// Never an exponent: durations such as "${n/rate}s" must parse.
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
