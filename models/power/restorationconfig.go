package power

import (
	"errors"
	"fmt"

	"github.com/cascade-sim/cascade/models/knob"
)

// curveWant describes a restoration curve in messages.
const curveWant = "a non-empty list of points, like [{at: 1h, share: 0.5}, {at: 3h, share: 1}]"

// distWant describes a distribution in messages.
const distWant = "a distribution, like {dist: uniform, min: 10m, max: 30m}"

// RestorationConfig describes how power comes back to a site's hosts (an
// entry of a scenario's restorations: block): along a curve, a schedule
// (NewCurve and NewRestoration), or by electrician teams, as the work
// goes (NewTeamRestoration with TeamConfig). Both take the site Site
// names.
type RestorationConfig struct {
	// Name identifies the restoration.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the restoration, unique among restorations"`
	// Site is the name of the site.
	Site string `knob:"site" ref:"site" required:"true" doc:"the site whose hosts get power back"`
	// TeamConfig is the start, and the teams' work for a restoration by
	// teams (Teams > 0).
	TeamConfig `knob:",inline"`
	// Curve is the share of the site's hosts powered over time, At
	// counted from Start, for a restoration along a curve (Teams 0).
	Curve []CurvePoint `knob:"curve" nonempty:"true" want:"a non-empty list of points, like [{at: 1h, share: 0.5}, {at: 3h, share: 1}]" doc:"the share of the site's hosts powered over time, at counted from start: a restoration given as a schedule; times strictly increasing, shares in (0, 1] not decreasing, the last 1. Either curve or teams"`
}

// Describe names a restoration in messages.
func (RestorationConfig) Describe() (noun, example string) { return "a restoration", "" }

// ByTeams reports whether electrician teams do the restoration, rather
// than a curve.
func (c RestorationConfig) ByTeams() bool { return c.Teams > 0 }

// Check checks that a restoration is given by exactly one of a curve and
// teams, with what each needs, and the shape of the curve.
func (c RestorationConfig) Check(written func(key string) bool) error {
	if !written("curve") {
		if !written("teams") {
			return knob.Errorf("curve", "missing curve or teams; expected a curve (%s) or teams with energize and repair", curveWant)
		}
		var errs []error
		for _, k := range []string{"energize", "repair"} {
			if !written(k) {
				errs = append(errs, knob.Errorf(k, "missing required field %q for a restoration by teams; expected %s", k, distWant))
			}
		}
		return errors.Join(errs...)
	}
	if written("teams") {
		return knob.Errorf("teams", "a restoration follows a curve or is done by teams, not both; remove curve or teams")
	}
	var errs []error
	for _, k := range []string{"panels_per_room", "energize", "repair"} {
		if written(k) {
			errs = append(errs, knob.Errorf(k, "%s is for a restoration by teams; this one follows a curve (give either curve or teams)", k))
		}
	}
	return errors.Join(append(errs, curveErrors(c.Curve)...)...)
}

// curveErrors checks the shape of a file's curve (not empty: the decoder
// checks it): times increasing, shares not decreasing, the last share 1.
// The errors name the point's field (curve.1.at).
func curveErrors(pts []CurvePoint) []error {
	if len(pts) == 0 {
		return nil
	}
	var errs []error
	for i := 1; i < len(pts); i++ {
		if pts[i].At <= pts[i-1].At {
			errs = append(errs, knob.Errorf(fmt.Sprintf("curve.%d.at", i), "expected at > the previous point's (%s), got %s",
				shortDuration(pts[i-1].At), shortDuration(pts[i].At)))
		}
		if pts[i].Share < pts[i-1].Share {
			errs = append(errs, knob.Errorf(fmt.Sprintf("curve.%d.share", i), "expected share >= the previous point's (%g), got %g",
				pts[i-1].Share, pts[i].Share))
		}
	}
	if last := len(pts) - 1; pts[last].Share != 1 {
		errs = append(errs, knob.Errorf(fmt.Sprintf("curve.%d.share", last), "expected the last point's share to be 1 (all hosts powered), got %g", pts[last].Share))
	}
	return errs
}

// DataPoolConfig describes a data pool (an entry of a scenario's
// data_pools: block); NewDataPool takes its rate per second.
type DataPoolConfig struct {
	// Name identifies the pool.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the pool, unique among pools"`
	// RatePerHour is the amount of data it recovers an hour, shared by the
	// services recovering at once.
	RatePerHour float64 `knob:"rate_per_hour" required:"true" min:">0" unit:"data/h" want:"a positive amount of data an hour, in the unit of the hosted entries' data sizes" doc:"the amount of data the pool recovers an hour, shared by the services recovering at once, in the unit of the hosted entries' data sizes"`
}

// Describe names a data pool in messages.
func (DataPoolConfig) Describe() (noun, example string) {
	return "a data pool", "{name: backup, rate_per_hour: 4}"
}

// RatePerSecond is the pool's rate as NewDataPool takes it.
func (c DataPoolConfig) RatePerSecond() float64 { return c.RatePerHour / 3600 }
