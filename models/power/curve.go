package power

import (
	"fmt"
	"math"

	"github.com/cascade-sim/cascade/sim"
)

// CurvePoint is a point of a restoration curve: by At, Share of the hosts
// have power.
type CurvePoint struct {
	// At is a time since the restoration started.
	At sim.Time `knob:"at" required:"true" min:"0s" doc:"the time after the restoration's start"`
	// Share is the share of hosts powered, in [0, 1] (in (0, 1] in a
	// file).
	Share float64 `knob:"share" required:"true" min:">0" max:"1" unit:"share of hosts" want:"a share of hosts in (0, 1]" doc:"the share of the site's hosts powered from at on"`
}

// Describe names a point in messages.
func (CurvePoint) Describe() (noun, example string) { return "a point", "{at: 1h, share: 0.5}" }

// Curve is a piecewise-linear, non-decreasing share of hosts over time.
// Before its first point the share is 0; after its last it stays at the
// last point's share.
type Curve struct {
	points []CurvePoint
}

// NewCurve checks and copies points: at least one, times increasing and
// not negative, shares in [0, 1] and not decreasing.
func NewCurve(points []CurvePoint) (*Curve, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("restoration curve: needs at least one point")
	}
	for i, p := range points {
		if p.At < 0 || !(p.Share >= 0 && p.Share <= 1) {
			return nil, fmt.Errorf("restoration curve: point %d (%v, %v): need time >= 0 and share in [0, 1]", i, p.At, p.Share)
		}
		if i > 0 && (p.At <= points[i-1].At || p.Share < points[i-1].Share) {
			return nil, fmt.Errorf("restoration curve: point %d (%v, %v): times must increase and shares must not decrease", i, p.At, p.Share)
		}
	}
	return &Curve{points: append([]CurvePoint(nil), points...)}, nil
}

// Points returns a copy of the points.
func (c *Curve) Points() []CurvePoint { return append([]CurvePoint(nil), c.points...) }

// Share returns the share at time t since the start.
func (c *Curve) Share(t sim.Time) float64 {
	ps := c.points
	if t < ps[0].At {
		return 0
	}
	for i := 1; i < len(ps); i++ {
		if t < ps[i].At {
			a, b := ps[i-1], ps[i]
			return a.Share + (b.Share-a.Share)*float64(t-a.At)/float64(b.At-a.At)
		}
	}
	return ps[len(ps)-1].Share
}

// TimeFor returns the first time the share reaches s, and false if it
// never does.
func (c *Curve) TimeFor(s float64) (sim.Time, bool) {
	ps := c.points
	if s <= ps[0].Share {
		return ps[0].At, true
	}
	for i := 1; i < len(ps); i++ {
		a, b := ps[i-1], ps[i]
		if s <= b.Share {
			x := (s - a.Share) / (b.Share - a.Share) * float64(b.At-a.At)
			// Round up to the next nanosecond, ignoring rounding errors of
			// the division (well under a hundredth of a nanosecond).
			if r := math.Round(x); x-r < 0.01 {
				x = r
			} else {
				x = math.Ceil(x)
			}
			return a.At + sim.Time(x), true
		}
	}
	return 0, false
}
