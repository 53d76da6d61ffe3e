package operate

import (
	"fmt"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/sim"
)

// Flood says what an alarm flood is, and how much it slows a diagnosis:
// at least Alarms alarms raised within Window. The 17 Dec 2022 cause was
// hidden by "a flood of alarms in a short time".
type Flood struct {
	// Alarms is how many alarms within Window make a flood; 0 means
	// floods are not modelled.
	Alarms int `knob:"alarms" required:"true" min:"1" doc:"how many alarms within window make a flood"`
	// Window is the span those alarms fall in, > 0 when Alarms > 0.
	Window sim.Time `knob:"window" required:"true" min:">0s" doc:"the span the alarms are counted over"`
	// Factor multiplies the duration of a diagnosis that starts after a
	// flood, >= 1 when Alarms > 0 (e.g. 1.5).
	Factor float64 `knob:"factor" required:"true" min:"1" max:"1e6" want:"a factor >= 1" doc:"multiplies the time of a diagnosis that starts after a flood: the cause is buried among the alarms"`
}

// Describe names a flood in messages.
func (Flood) Describe() (noun, example string) {
	return "a flood", "{alarms: 20, window: 10m, factor: 1.5}"
}

func (f Flood) check() error {
	switch {
	case f.Alarms < 0:
		return fmt.Errorf("flood: alarms must not be negative, got %d", f.Alarms)
	case f.Alarms == 0:
		return nil
	case f.Window <= 0:
		return fmt.Errorf("flood: window must be positive, got %v", f.Window)
	}
	if err := knob.Validate(f); err != nil {
		return fmt.Errorf("flood: %w", err)
	}
	return nil
}

// floodWatch keeps the times of the last Alarms alarms and remembers
// whether they ever fell within the window.
type floodWatch struct {
	cfg    Flood
	recent []sim.Time // a ring of the last cfg.Alarms alarm times
	head   int
	seen   bool
}

// add counts one alarm at now.
func (w *floodWatch) add(now sim.Time) {
	n := w.cfg.Alarms
	if n == 0 {
		return
	}
	if len(w.recent) < n {
		w.recent = append(w.recent, now)
	} else {
		w.recent[w.head] = now
		w.head = (w.head + 1) % n
	}
	if len(w.recent) == n && now-w.recent[w.head] <= w.cfg.Window {
		w.seen = true
	}
}
