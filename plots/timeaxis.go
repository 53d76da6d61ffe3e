package plots

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot"
)

// TimeAxis says how to label time, the shared x axis of a figure.
//
// With a zero Start, times are shown relative to the start of the run, in a
// unit picked from the span shown (s up to 2 min, min up to 2 h, h up to 4
// days, days beyond), and the axis is labelled e.g. "time since start (h)".
//
// With a non-zero Start, ticks show the wall clock in Location: "08:00", and
// when the span crosses midnight the first tick and the first tick of each
// day carry the date, "16 Oct 09:00"; spans of several days get day-level
// ticks, "16 Oct". The axis is labelled with the zone and its offset,
// once: "time (JST, UTC+09:00)".
//
// In both modes ticks fall on human-friendly steps: 1/2/5/10/15/30 s or min,
// 1/2/3/6/12 h, 1/2/7/14 days, as many as fit without their labels
// crowding.
type TimeAxis struct {
	// Start is the wall-clock time of the start of the run (X = 0). Zero
	// means relative time. Default: zero.
	Start time.Time

	// Location is the time zone of the clock labels. Nil means Start's own
	// location. Ignored for relative time.
	Location *time.Location

	// ZoneLabel names the zone in the axis label, e.g. "JST". Empty means the
	// zone's abbreviation at Start (or "UTC+09:00" when it has none).
	// Ignored for relative time.
	ZoneLabel string

	// Min and Max fix the range shown, in seconds since the start of the
	// run. Both 0 (the default) means the range of the data and markers.
	Min, Max float64
}

// clock reports whether the axis shows wall-clock time.
func (a TimeAxis) clock() bool { return !a.Start.IsZero() }

// location returns the location of clock labels.
func (a TimeAxis) location() *time.Location {
	if a.Location != nil {
		return a.Location
	}
	return a.Start.Location()
}

// label returns the axis label for the range [min, max] seconds: the unit
// of relative time, or the zone of the clock, written once here so that
// the ticks need not: "time (JST, UTC+09:00)", "time (UTC)",
// "time (UTC+05:30)" for a zone without a name, and both offsets when the
// range crosses a change of offset, "time (Europe/Berlin, UTC+01:00 to
// UTC+02:00)".
func (a TimeAxis) label(min, max float64) string {
	if !a.clock() {
		unit, _ := relativeUnit(max - min)
		return "time since start (" + unit + ")"
	}
	name, offset := a.Start.Add(seconds(min)).In(a.location()).Zone()
	_, endOffset := a.Start.Add(seconds(max)).In(a.location()).Zone()
	zone := a.ZoneLabel
	if zone == "" {
		zone = name
	}
	off := utcOffset(offset)
	if endOffset != offset {
		off += " to " + utcOffset(endOffset)
	}
	switch {
	case zone == "UTC" && offset == 0 && endOffset == 0:
		return "time (UTC)"
	case zone == "" || strings.HasPrefix(zone, "+") || strings.HasPrefix(zone, "-") || zone == off:
		return "time (" + off + ")"
	}
	return "time (" + zone + ", " + off + ")"
}

// utcOffset formats an offset east of UTC in seconds as "UTC+09:00".
func utcOffset(offset int) string {
	sign := '+'
	if offset < 0 {
		sign, offset = '-', -offset
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, offset/3600, offset%3600/60)
}

// secondsPerDay is the length of a day on the relative axis and the step of
// day-level clock ticks.
const secondsPerDay = 86400

// tickSteps are the steps, in seconds, that ticks may fall on. Every step
// below a day divides a day, so that clock ticks fall on round wall-clock
// times.
var tickSteps = []float64{
	1, 2, 5, 10, 15, 30, // seconds
	60, 2 * 60, 5 * 60, 10 * 60, 15 * 60, 30 * 60, // minutes
	3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, // hours
	secondsPerDay, 2 * secondsPerDay, 7 * secondsPerDay, 14 * secondsPerDay, // days
}

// relativeUnit returns the unit in which a span of relative time is shown,
// and its length in seconds.
func relativeUnit(span float64) (string, float64) {
	switch {
	case span <= 2*60:
		return "s", 1
	case span <= 2*3600:
		return "min", 60
	case span <= 4*secondsPerDay:
		return "h", 3600
	default:
		return "days", secondsPerDay
	}
}

// timeTicks returns the labelled ticks of axis a over [min, max] seconds
// since the start, at most about maxTicks of them.
func timeTicks(a TimeAxis, min, max float64, maxTicks int) []plot.Tick {
	if maxTicks < 2 {
		maxTicks = 2
	}
	if a.clock() {
		return clockTicks(a.Start, a.location(), min, max, maxTicks)
	}
	return relativeTicks(min, max, maxTicks)
}

// relativeTicks returns ticks for relative time over [min, max] seconds,
// labelled in the unit that relativeUnit picks for the span.
func relativeTicks(min, max float64, maxTicks int) []plot.Tick {
	_, unit := relativeUnit(max - min)
	step := pickStep(min, max, maxTicks)
	values := multiples(min, max, step)
	prec := decimals(step / unit)
	ticks := make([]plot.Tick, len(values))
	for i, v := range values {
		ticks[i] = plot.Tick{Value: v, Label: formatFixed(v/unit, prec)}
	}
	return ticks
}

// pickStep returns the smallest step in tickSteps (or, for very short or
// very long spans, a 1-2-5 step) that gives at most maxTicks ticks over
// [min, max].
func pickStep(min, max float64, maxTicks int) float64 {
	span := max - min
	if span < 3*tickSteps[0] {
		// Under a few seconds: plain decimal steps.
		return niceStep(span / float64(maxTicks-1))
	}
	for _, s := range tickSteps {
		if len(multiples(min, max, s)) <= maxTicks && span/s <= float64(maxTicks) {
			return s
		}
	}
	return niceStep(span/secondsPerDay/float64(maxTicks-1)) * secondsPerDay
}

// multiples returns the multiples of step within [min, max].
func multiples(min, max, step float64) []float64 {
	if max-min > step*1e4 {
		return nil // far too many; the caller wants a bigger step
	}
	const eps = 1e-9
	first := math.Ceil(min/step - eps)
	last := math.Floor(max/step + eps)
	var out []float64
	for k := first; k <= last; k++ {
		out = append(out, k*step+0) // +0 turns -0 into 0
	}
	return out
}

// niceStep returns the smallest of 1, 2, 2.5, 5 times a power of ten that
// is at least raw.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// decimals returns how many decimals show multiples of step exactly.
func decimals(step float64) int {
	for d := 0; d < 9; d++ {
		scaled := step * math.Pow10(d)
		if math.Abs(scaled-math.Round(scaled)) < 1e-6*math.Max(1, scaled) {
			return d
		}
	}
	return 9
}

// formatFixed formats v with prec decimals, never as "-0".
func formatFixed(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	return s
}

// clockTicks returns wall-clock ticks over [min, max] seconds after start,
// in loc.
func clockTicks(start time.Time, loc *time.Location, min, max float64, maxTicks int) []plot.Tick {
	t0 := start.Add(seconds(min)).In(loc)
	t1 := start.Add(seconds(max)).In(loc)
	span := max - min
	if span < 3*tickSteps[0] {
		// Under a few seconds: decimal steps, labelled to the millisecond.
		step := niceStep(span / float64(maxTicks-1))
		var ticks []plot.Tick
		for _, v := range multiples(min, max, step) {
			ticks = append(ticks, plot.Tick{Value: v, Label: start.Add(seconds(v)).In(loc).Format("15:04:05.000")})
		}
		return ticks
	}
	crossesDays := !sameDay(t0, t1)
	for _, step := range tickSteps {
		limit := maxTicks
		if crossesDays && step < secondsPerDay {
			limit = maxTicks * 2 / 3 // dated labels are wider
		}
		if span/step > float64(limit)+1 {
			continue
		}
		times := clockTimes(t0, t1, step)
		if len(times) <= limit {
			return labelClock(start, times, step, crossesDays)
		}
	}
	days := math.Ceil(niceStep(span / secondsPerDay / float64(maxTicks-1)))
	return labelClock(start, clockTimes(t0, t1, days*secondsPerDay), days*secondsPerDay, crossesDays)
}

// seconds converts float seconds to a Duration, rounded to the nanosecond.
func seconds(s float64) time.Duration {
	return time.Duration(math.Round(s * float64(time.Second)))
}

// sameDay reports whether a and b (in the same location) fall on one date.
func sameDay(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// clockTimes returns the wall-clock times in [t0, t1] (both in the labels'
// location) that are multiples of step: for steps under a day, multiples of
// step after local midnight; for steps of n days, local midnights of every
// n-th day (weeks start on Mondays).
func clockTimes(t0, t1 time.Time, step float64) []time.Time {
	loc := t0.Location()
	y, m, d := t0.Date()
	var out []time.Time
	add := func(t time.Time) {
		if t.Before(t0) || t.After(t1) {
			return
		}
		if n := len(out); n > 0 && !t.After(out[n-1]) {
			return // a repeated wall time around a DST change
		}
		out = append(out, t)
	}
	if step < secondsPerDay {
		s := int(step)
		k := (t0.Hour()*3600 + t0.Minute()*60 + t0.Second()) / s
		for day := 0; ; day++ {
			midnight := time.Date(y, m, d+day, 0, 0, 0, 0, loc)
			if midnight.After(t1) {
				break
			}
			for ; k*s < secondsPerDay; k++ {
				t := time.Date(y, m, d+day, 0, 0, k*s, 0, loc)
				if t.After(t1) {
					return out
				}
				if t.Hour()*3600+t.Minute()*60+t.Second() == k*s {
					add(t) // else a wall time skipped by a DST change
				}
			}
			k = 0
		}
		return out
	}
	n := int(step / secondsPerDay)
	// Align to the civil day number so that ticks do not depend on the
	// range shown; offset 3 puts weekly ticks on Mondays.
	dayNum := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
	first := d + (n-(dayNum+3)%n)%n
	if n < 7 {
		first = d + (n-dayNum%n)%n
	}
	for day := first; ; day += n {
		t := time.Date(y, m, day, 0, 0, 0, 0, loc)
		if t.After(t1) {
			break
		}
		add(t)
	}
	return out
}

// labelClock labels clock tick times. Steps under a minute show seconds;
// steps of a day or more show the date only. When the range crosses days,
// the first tick and the first tick of each new day also show the date.
func labelClock(start time.Time, times []time.Time, step float64, crossesDays bool) []plot.Tick {
	ticks := make([]plot.Tick, len(times))
	for i, t := range times {
		var label string
		switch {
		case step >= secondsPerDay:
			label = t.Format("2 Jan")
		case step < 60:
			label = t.Format("15:04:05")
		default:
			label = t.Format("15:04")
		}
		if step < secondsPerDay && crossesDays && (i == 0 || !sameDay(times[i-1], t)) {
			label = t.Format("2 Jan ") + label
		}
		ticks[i] = plot.Tick{Value: t.Sub(start).Seconds(), Label: label}
	}
	return ticks
}
