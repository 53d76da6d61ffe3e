package spec

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Day is the length of the "d" duration unit: 24 hours, with no calendar or
// daylight-saving adjustment.
const Day = 24 * time.Hour

// durationUnits are the units ParseDuration accepts, in nanoseconds.
var durationUnits = map[string]uint64{
	"ns": uint64(time.Nanosecond),
	"us": uint64(time.Microsecond),
	"µs": uint64(time.Microsecond), // U+00B5 micro sign
	"μs": uint64(time.Microsecond), // U+03BC Greek small letter mu
	"ms": uint64(time.Millisecond),
	"s":  uint64(time.Second),
	"m":  uint64(time.Minute),
	"h":  uint64(time.Hour),
	"d":  uint64(Day),
}

// unitList names the duration units for error messages.
const unitList = "ns, us, ms, s, m, h, d"

// errDurationOverflow is returned for durations longer than time.Duration
// can hold.
var errDurationOverflow = errors.New("too long (the maximum is about 290 years)")

// ParseDuration parses a non-negative duration in Go syntax (see
// time.ParseDuration) extended with a "d" unit of 24 hours: "90s", "1.5h",
// "5d", "1d12h". Every number needs a unit, so "0" and "30" are errors; so
// are negative durations and ones longer than time.Duration holds (about 290
// years). "-0s" is zero.
func ParseDuration(s string) (time.Duration, error) {
	orig := s
	if s == "" {
		return 0, errors.New("empty duration")
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" {
		return 0, fmt.Errorf("invalid duration %s", quote(orig))
	}
	var total uint64
	overflow := false
	for s != "" {
		c := s[0]
		if c != '.' && (c < '0' || c > '9') {
			return 0, fmt.Errorf("invalid duration %s", quote(orig))
		}
		n := len(s)
		v, rest, ok := leadingInt(s)
		if !ok {
			overflow = true
		}
		s = rest
		pre := n != len(s)
		post := false
		var frac uint64
		scale := 1.0
		if s != "" && s[0] == '.' {
			s = s[1:]
			n := len(s)
			frac, scale, s = leadingFraction(s)
			post = n != len(s)
		}
		if !pre && !post {
			return 0, fmt.Errorf("invalid duration %s", quote(orig))
		}
		i := 0
		for ; i < len(s); i++ {
			if c := s[i]; c == '.' || '0' <= c && c <= '9' {
				break
			}
		}
		if i == 0 {
			return 0, fmt.Errorf("missing unit in duration %s (units: %s)", quote(orig), unitList)
		}
		u := s[:i]
		s = s[i:]
		unit, ok := durationUnits[u]
		if !ok {
			if strings.HasPrefix(u, "e+") || strings.HasPrefix(u, "e-") || strings.HasPrefix(u, "E") {
				return 0, fmt.Errorf("duration %s is a number in exponent form: far outside the range of a duration (0 to about 290 years)", quote(orig))
			}
			return 0, fmt.Errorf("unknown unit %s in duration %s (units: %s)", quote(u), quote(orig), unitList)
		}
		if overflow || v > (1<<63-1)/unit {
			overflow = true
			continue
		}
		v *= unit
		if frac > 0 {
			v += uint64(float64(frac) * (float64(unit) / scale))
		}
		total += v
		if v > 1<<63-1 || total > 1<<63-1 {
			overflow = true
		}
	}
	if overflow {
		return 0, fmt.Errorf("duration %s is %w", quote(orig), errDurationOverflow)
	}
	if neg && total != 0 {
		return 0, fmt.Errorf("negative duration %s", quote(orig))
	}
	return time.Duration(total), nil
}

// leadingInt consumes the leading decimal digits of s. ok is false if they
// overflow.
func leadingInt(s string) (v uint64, rest string, ok bool) {
	ok = true
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			break
		}
		if v > (1<<63-1)/10 {
			ok = false
			continue
		}
		v = v*10 + uint64(c-'0')
		if v > 1<<63-1 {
			ok = false
		}
	}
	return v, s[i:], ok
}

// leadingFraction consumes the leading digits of s as the fraction
// v/scale, ignoring digits beyond what fits.
func leadingFraction(s string) (v uint64, scale float64, rest string) {
	i := 0
	scale = 1
	overflow := false
	for ; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			break
		}
		if overflow {
			continue
		}
		if v > (1<<63-1)/10 {
			overflow = true
			continue
		}
		y := v*10 + uint64(c-'0')
		if y > 1<<63 {
			overflow = true
			continue
		}
		v = y
		scale *= 10
	}
	return v, scale, s[i:]
}
