package spec

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// exprFunc is a function callable in ${} expressions.
type exprFunc struct {
	args int // number of arguments
	doc  string
	eval func(a []float64) (float64, error)
}

// exprFuncs are the functions of ${} expressions: a few of math's, and
// Erlang C, so that queueing scenarios can state their closed forms.
var exprFuncs = map[string]exprFunc{
	"min":  {2, "min(a, b)", func(a []float64) (float64, error) { return math.Min(a[0], a[1]), nil }},
	"max":  {2, "max(a, b)", func(a []float64) (float64, error) { return math.Max(a[0], a[1]), nil }},
	"pow":  {2, "pow(x, y) = x^y", func(a []float64) (float64, error) { return math.Pow(a[0], a[1]), nil }},
	"sqrt": {1, "sqrt(x), x >= 0", func(a []float64) (float64, error) { return math.Sqrt(a[0]), nil }},
	"exp":  {1, "exp(x)", func(a []float64) (float64, error) { return math.Exp(a[0]), nil }},
	"log":  {1, "log(x), natural, x > 0", func(a []float64) (float64, error) { return math.Log(a[0]), nil }},
	"erlang_c": {2, "erlang_c(c, a): probability of waiting in M/M/c with c servers and offered load a = lambda/mu < c",
		func(a []float64) (float64, error) { return ErlangC(a[0], a[1]) }},
}

// ErlangC returns the probability that an arrival waits in an M/M/c queue
// with c servers and offered load a = lambda/mu (Erlang's C formula),
// computed through the Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)),
// which is stable for large c. c must be a whole number >= 1 and a < c.
func ErlangC(c, a float64) (float64, error) {
	if c < 1 || c != math.Trunc(c) || c > 1e6 {
		return 0, fmt.Errorf("erlang_c: c must be a whole number of servers from 1 to 1e6, got %v", c)
	}
	if !(a >= 0) || a >= c {
		return 0, fmt.Errorf("erlang_c: offered load a must be in [0, c) for a stable queue, got a = %v with c = %v", a, c)
	}
	b := 1.0
	for k := 1.0; k <= c; k++ {
		b = a * b / (k + a*b)
	}
	rho := a / c
	return b / (1 - rho + rho*b), nil
}

// call parses the arguments of a function call, the name already read and
// the next byte '(', and returns the function's value.
func (p *exprParser) call(name string, fn exprFunc) float64 {
	p.pos++ // (
	if !p.enter() {
		return 0
	}
	defer func() { p.depth-- }()
	var args []float64
	for p.err == nil {
		if len(args) == 0 && p.peek() == ')' {
			break
		}
		args = append(args, p.sum())
		if p.err != nil {
			return 0
		}
		if c := p.peek(); c == ',' {
			p.pos++
			continue
		}
		break
	}
	if p.err != nil {
		return 0
	}
	if p.peek() != ')' {
		p.fail("missing ) after the arguments of %s at offset %d", name, p.pos)
		return 0
	}
	p.pos++
	if len(args) != fn.args {
		p.fail("%s takes %d argument(s), got %d: %s", name, fn.args, len(args), fn.doc)
		return 0
	}
	if p.broken {
		return 1
	}
	v, err := fn.eval(args)
	if err != nil {
		p.fail("%v", err)
		return 0
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		p.fail("%s(...) is not a finite number: %s", name, fn.doc)
		return 0
	}
	return v
}

// funcNames lists the functions of ${} expressions, sorted.
func funcNames() string {
	names := make([]string, 0, len(exprFuncs))
	for n := range exprFuncs {
		names = append(names, n)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}
