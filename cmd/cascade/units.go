package main

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// spoken writes a duration as people say it: "9 h 58 min", "5 d 23 h",
// "38 min 20 s", "12.5 s", "850 ms".
func spoken(d time.Duration) string {
	if d < 0 {
		return "-" + spoken(-d)
	}
	switch {
	case d >= 24*time.Hour:
		d = d.Round(time.Minute)
		days, rest := d/(24*time.Hour), d%(24*time.Hour)
		return joinUnits(fmt.Sprintf("%d d", days), rest.Truncate(time.Hour)/time.Hour, "h", rest%time.Hour/time.Minute, "min")
	case d >= time.Hour:
		d = d.Round(time.Minute)
		return joinUnits(fmt.Sprintf("%d h", d/time.Hour), d%time.Hour/time.Minute, "min", 0, "")
	case d >= time.Minute:
		d = d.Round(time.Second)
		return joinUnits(fmt.Sprintf("%d min", d/time.Minute), d%time.Minute/time.Second, "s", 0, "")
	case d >= time.Second:
		return trimZeros(fmt.Sprintf("%.3g", d.Seconds())) + " s"
	case d >= time.Millisecond:
		return trimZeros(fmt.Sprintf("%.3g", float64(d)/1e6)) + " ms"
	case d == 0:
		return "0 s"
	}
	return trimZeros(fmt.Sprintf("%.3g", float64(d)/1e3)) + " µs"
}

func joinUnits(head string, a time.Duration, au string, b time.Duration, bu string) string {
	parts := []string{head}
	if a > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", a, au))
	}
	if b > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", b, bu))
	}
	return strings.Join(parts, " ")
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") && !strings.ContainsAny(s, "e") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// magnitude writes a count as people read it: 2.43 M, 581 k, 1,234, 0.25.
func magnitude(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return trimZeros(fmt.Sprintf("%.3g", v/1e9)) + " G"
	case a >= 1e6:
		return trimZeros(fmt.Sprintf("%.3g", v/1e6)) + " M"
	case a >= 1e4:
		return trimZeros(fmt.Sprintf("%.3g", v/1e3)) + " k"
	case a >= 1000 && v == math.Trunc(v):
		return fmt.Sprintf("%d,%03d", int64(v)/1000, int64(math.Abs(v))%1000)
	case v == math.Trunc(v):
		return fmt.Sprintf("%.0f", v)
	}
	return trimZeros(fmt.Sprintf("%.4g", v))
}

// figure writes a documented or simulated figure in its unit: seconds as a
// spoken duration, counts in magnitudes, others with their unit.
func figure(v float64, unit string) string {
	switch unit {
	case "s":
		return spoken(time.Duration(v * 1e9))
	case "", "users", "requests":
		s := magnitude(v)
		if unit != "" {
			s += " " + unit
		}
		return s
	case "x":
		return trimZeros(fmt.Sprintf("%.3g", v)) + "x"
	}
	return trimZeros(fmt.Sprintf("%.4g", v)) + " " + unit
}
