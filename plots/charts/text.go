package charts

import (
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// oneLine replaces line breaks and tabs in s with spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\n', '\r', '\t':
			return ' '
		}
		return r
	}, s)
}

// fitText shortens each line of s (lines separated by "\n") to at most max
// wide in sty, ending a shortened one in an ellipsis.
func fitText(sty text.Style, s string, max vg.Length) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = truncate(sty, l, max)
	}
	return strings.Join(lines, "\n")
}

// truncate shortens s so that it is at most max wide in sty, with an
// ellipsis.
func truncate(sty text.Style, s string, max vg.Length) string {
	if sty.Width(s) <= max {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; sty.Width(t) <= max {
			return t
		}
	}
	return ""
}

// compact formats a value in about two significant digits, without an
// exponent from 0.01 to 10 000: 0, 0.73, 0.05, 3.5, 12, 150, 9900; beyond,
// 1.2e+04, 3e-05.
func compact(v float64) string {
	a := math.Abs(v)
	switch {
	case math.IsNaN(v):
		return "–"
	case v == 0:
		return "0"
	case a >= 9999.5 || a < 0.00995:
		return strconv.FormatFloat(v, 'g', 2, 64)
	}
	prec := 1 - int(math.Floor(math.Log10(a)))
	if prec < 0 {
		prec = 0
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// tickLabel formats a swept value for an axis tick: four significant
// digits, without an exponent from 0.001 to 1e6.
func tickLabel(v float64) string {
	a := math.Abs(v)
	if v == 0 {
		return "0"
	}
	if a >= 1e6 || a < 1e-3 {
		return strconv.FormatFloat(v, 'g', 4, 64)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 4, 64), 64)
	return strconv.FormatFloat(r, 'f', -1, 64)
}
