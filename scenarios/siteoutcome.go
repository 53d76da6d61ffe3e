package scenarios

import (
	"math"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/sim"
)

// SiteOutcome is what happened to one site's power and servers.
type SiteOutcome struct {
	// Name is the site's name.
	Name string `json:"name"`
	// Hosts is the number of servers in the site.
	Hosts int `json:"hosts"`
	// MinPoweredShare and MinRunningShare are the lowest step means of
	// the shares of servers with power and running.
	MinPoweredShare float64 `json:"min_powered_share"`
	MinRunningShare float64 `json:"min_running_share"`
	// PoweredBack and RunningBack give, for 90%, 95% and 100%, the time
	// since the start of the run by which the share was back at that
	// level after it first fell below it: the end of the first step whose
	// mean share is at least the level again (so within one step of the
	// moment it was reached). Absent when the share never fell below the
	// level, or never came back to it.
	PoweredBack ShareLevels `json:"powered_back"`
	RunningBack ShareLevels `json:"running_back"`
}

// ShareLevels holds a time, in seconds, for each of three levels of a
// share; nil where the level was not lost, or not regained.
type ShareLevels struct {
	At90  *float64 `json:"at_90_s,omitempty"`
	At95  *float64 `json:"at_95_s,omitempty"`
	At100 *float64 `json:"at_100_s,omitempty"`
}

// measureSites returns the outcome of each site from its powered_share and
// running_share series.
func measureSites(m *model, idx map[string]*sim.Series) []SiteOutcome {
	var out []SiteOutcome
	stepEnd := func(i int) float64 {
		return (sim.Time(i)*m.env.Recorder.Step() + m.env.Recorder.StepLength(i)).Seconds()
	}
	for _, s := range m.sites {
		powered := idx[key(s.Name(), models.MetricPoweredShare)].Values
		running := idx[key(s.Name(), models.MetricRunningShare)].Values
		out = append(out, SiteOutcome{
			Name:            s.Name(),
			Hosts:           len(s.Hosts()),
			MinPoweredShare: minValue(powered),
			MinRunningShare: minValue(running),
			PoweredBack:     levelsBack(powered, stepEnd),
			RunningBack:     levelsBack(running, stepEnd),
		})
	}
	return out
}

// levelsBack finds, for each level, the end of the first step at or above
// it after the first step below it.
func levelsBack(values []float64, stepEnd func(int) float64) ShareLevels {
	back := func(level float64) *float64 {
		below := false
		for i, v := range values {
			switch {
			case math.IsNaN(v):
			case v < level-1e-12:
				below = true
			case below:
				t := stepEnd(i)
				return &t
			}
		}
		return nil
	}
	return ShareLevels{At90: back(0.9), At95: back(0.95), At100: back(1)}
}

// minValue is the smallest value that is a number (1 if there is none).
func minValue(values []float64) float64 {
	m := 1.0
	for _, v := range values {
		if !math.IsNaN(v) {
			m = math.Min(m, v)
		}
	}
	return m
}
