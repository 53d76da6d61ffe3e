package experiment

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// MaxAxisValues bounds the values of one axis.
const MaxAxisValues = 10000

// Axis is one varied knob: a --set key (a param's name or a field path)
// and the values it takes, as --set would be given them.
type Axis struct {
	// Key is what --set would set, e.g. "token_retries" or
	// "components.api.workers".
	Key string
	// Values are the values in order, as text.
	Values []string
	// Lockstep is true when the axis moves with the one before it (--with):
	// value i of both in the same combination, rather than every pair.
	Lockstep bool
}

// ParseAxis reads "K=VALUES", the argument of --vary and --with; see
// ParseValues for VALUES.
func ParseAxis(arg string) (Axis, error) {
	key, values, ok := strings.Cut(arg, "=")
	key = strings.TrimSpace(key)
	if !ok || key == "" {
		return Axis{}, fmt.Errorf("%q: expected KEY=VALUES, e.g. token_retries=0,1,2 or load=0.5..1.5/0.25 or rate=1..1000*4", arg)
	}
	vs, err := ParseValues(values)
	if err != nil {
		return Axis{}, fmt.Errorf("%s: %w", key, err)
	}
	return Axis{Key: key, Values: vs}, nil
}

// ParseValues reads an axis's values:
//
//	v1,v2,...   the values as listed (numbers or words, e.g. none,active-active)
//	lo..hi/step lo, lo+step, ... up to hi (included when it falls on a step)
//	lo..hi*n    n values from lo to hi, evenly spaced on a log scale
//
// Numbers of a range are written in the shortest form that reads back
// exactly after rounding away floating-point noise: 0..1/0.1 gives 0, 0.1,
// 0.2, ... 1, and 1..100*3 gives 1, 10, 100.
func ParseValues(text string) ([]string, error) {
	text = strings.TrimSpace(text)
	if lo, rest, ok := strings.Cut(text, ".."); ok {
		return parseRange(lo, rest)
	}
	var out []string
	seen := map[string]bool{}
	for _, v := range strings.Split(text, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, fmt.Errorf("empty value in %q", text)
		}
		if seen[v] {
			return nil, fmt.Errorf("value %s is listed twice", v)
		}
		seen[v] = true
		out = append(out, v)
	}
	if len(out) > MaxAxisValues {
		return nil, fmt.Errorf("%d values; at most %d per axis", len(out), MaxAxisValues)
	}
	return out, nil
}

func parseRange(loText, rest string) ([]string, error) {
	hiText, stepText, linear := strings.Cut(rest, "/")
	countText := ""
	if !linear {
		var ok bool
		hiText, countText, ok = strings.Cut(rest, "*")
		if !ok {
			return nil, fmt.Errorf("range %s..%s: expected lo..hi/step or lo..hi*n", loText, rest)
		}
	}
	lo, err := finite("lower end", loText)
	if err != nil {
		return nil, err
	}
	hi, err := finite("upper end", hiText)
	if err != nil {
		return nil, err
	}
	if hi < lo {
		return nil, fmt.Errorf("range %s..%s: the upper end is below the lower end", loText, hiText)
	}
	if linear {
		step, err := finite("step", stepText)
		if err != nil {
			return nil, err
		}
		if step <= 0 {
			return nil, fmt.Errorf("step %s: must be positive", stepText)
		}
		n := math.Floor((hi-lo)/step*(1+1e-9)) + 1
		if n > MaxAxisValues {
			return nil, fmt.Errorf("range %s..%s/%s has %.0f values; at most %d per axis", loText, hiText, stepText, n, MaxAxisValues)
		}
		out := make([]string, int(n))
		for i := range out {
			out[i] = number(lo+float64(i)*step, 12)
		}
		return out, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(countText))
	if err != nil || n < 2 || n > MaxAxisValues {
		return nil, fmt.Errorf("count %q of a log range: expected a whole number from 2 to %d", countText, MaxAxisValues)
	}
	if lo <= 0 {
		return nil, fmt.Errorf("log range %s..%s: both ends must be positive", loText, hiText)
	}
	if lo == hi {
		return nil, fmt.Errorf("log range %s..%s: the ends are equal, so its %d values would be too", loText, hiText, n)
	}
	out := make([]string, n)
	ratio := math.Log(hi / lo)
	for i := range out {
		out[i] = number(lo*math.Exp(ratio*float64(i)/float64(n-1)), 6)
	}
	out[0], out[n-1] = number(lo, 12), number(hi, 12)
	for i := 1; i < n; i++ {
		if out[i] == out[i-1] {
			return nil, fmt.Errorf("log range %s..%s*%d: values %s and %s print the same; use fewer points", loText, hiText, n, out[i-1], out[i])
		}
	}
	return out, nil
}

func finite(what, text string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%s %q: expected a finite number", what, text)
	}
	return v, nil
}

// number formats v rounded to digits significant digits, in the shortest
// form that reads back as that rounded value.
func number(v float64, digits int) string {
	if v == 0 {
		return "0"
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', digits, 64), 64)
	if err != nil {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(r, 'g', -1, 64)
}
