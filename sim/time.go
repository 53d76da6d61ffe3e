package sim

import "time"

// Time is a point in virtual time: nanoseconds since the start of the run.
// It is an integer so that event ordering is exact and reproducible.
type Time = time.Duration

// Seconds converts a float number of seconds to a Time, rounding to the
// nearest nanosecond and saturating at the largest representable Time.
func Seconds(s float64) Time {
	ns := s * 1e9
	switch {
	case ns >= 9.2e18:
		return Time(1<<63 - 1)
	case ns <= -9.2e18:
		return Time(-1 << 63)
	case ns >= 0:
		return Time(ns + 0.5)
	default:
		return Time(ns - 0.5)
	}
}

// EndOfTime is the largest Time: an event there never fires within a
// horizon.
const EndOfTime = Time(1<<63 - 1)

// Later returns t + d for d >= 0, saturating at EndOfTime instead of
// wrapping round to a time in the past.
func Later(t, d Time) Time {
	if d > EndOfTime-t {
		return EndOfTime
	}
	return t + d
}
