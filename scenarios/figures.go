package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// Figures of every run's outcome that commands name themselves (the
// default figure a study plots, the figures a comparison prints), in the
// path language of documented metrics: summary.json's keys under
// "outcome", joined by dots.
const (
	// FigureOutageDuration is the outage's length, seconds.
	FigureOutageDuration = "outage.duration_s"
	// FigureOutageEnd is the end of the outage's last bad step, seconds.
	FigureOutageEnd = "outage.end_s"
	// FigureImpactedUsers is the users who saw a failure, over all
	// populations.
	FigureImpactedUsers = "impacted_users"
	// FigureMetastable is whether the run stayed down after its last
	// fault (a share: 1 or 0); present when the scenario asks
	// (outcome.metastable_after).
	FigureMetastable = "metastable.metastable"
)

// The first element of a figure's path for the outcome's lists and maps,
// and for the two kinds of figure beside the outcome's.
const (
	// FigurePopulations starts a population's figures (PopulationFigure).
	FigurePopulations = "populations"
	// FigureComponents starts a component's figures (ComponentFigure).
	FigureComponents = "components"
	// FigurePeakLoadRatio starts a peak load ratio (PeakLoadRatioFigure).
	FigurePeakLoadRatio = "peak_load_ratio"
	// FigureChecks starts whether a documented check held (CheckFigure).
	FigureChecks = "checks"
	// FigureEvents is the number of events the run processed.
	FigureEvents = "events"
)

// Fields of a population's outcome (PopulationFigure).
const (
	// PopulationAvailability is a population's share of requests answered
	// in time.
	PopulationAvailability = "availability"
	// PopulationOutage is a population's time below the availability
	// threshold, seconds.
	PopulationOutage = "outage_s"
	// PopulationUserMinutesLost is a population's user-minutes lost.
	PopulationUserMinutesLost = "user_minutes_lost"
)

// ComponentOffered is the field of a component's outcome that counts the
// requests offered to it (ComponentFigure).
const ComponentOffered = "offered"

// PopulationFigure is the path of field of the outcome of population:
// "populations.NAME.FIELD".
func PopulationFigure(population, field string) string {
	return FigurePopulations + "." + population + "." + field
}

// ComponentFigure is the path of field of the outcome of component:
// "components.NAME.FIELD".
func ComponentFigure(component, field string) string {
	return FigureComponents + "." + component + "." + field
}

// PeakLoadRatioFigure is the path of the peak load ratio of name, a
// component or a client ("caller→target").
func PeakLoadRatioFigure(name string) string { return FigurePeakLoadRatio + "." + name }

// CheckFigure is the path of whether the documented check name held.
func CheckFigure(name string) string { return FigureChecks + "." + name + ".ok" }

// FigureColumn names one scalar figure of a run, in the path language of
// documented metrics (list items by their name), e.g.
// "populations.japan.availability" or
// "peak_load_ratio.mailbox-tokens→unit-b". Two more kinds of figure sit
// beside the outcome's: "checks.NAME.ok", whether a documented check held,
// and "events", the number of events the run processed.
type FigureColumn struct {
	// Path is the figure's name.
	Path string
	// Share is true for a yes-or-no figure (1 or 0), such as
	// "metastable.metastable": over replications it is a share, with a
	// Wilson interval rather than a Student t one.
	Share bool
}

// Figure is one scalar figure of a run and its value.
type Figure struct {
	FigureColumn
	// Value is the figure; 1 or 0 for a share.
	Value float64
}

// Prepare decodes a scenario with overrides, builds it once, checks its
// documented metrics (as Validate does), and lists the scalar figures any
// of its runs may report, in the order of summary.json. A run reports a
// subset: e.g. a site's "powered_back.at_100_s" is absent when power never
// came fully back.
func Prepare(file string, data []byte, sets []string) (*spec.Spec, []FigureColumn, error) {
	s, err := spec.Load(file, data, sets)
	if err != nil {
		return nil, nil, err
	}
	m, err := build(s)
	if err != nil {
		return nil, nil, err
	}
	if err := validateMetrics(s, m); err != nil {
		return nil, nil, err
	}
	cols, err := figureColumns(s, m)
	if err != nil {
		return nil, nil, err
	}
	return s, cols, nil
}

func figureColumns(s *spec.Spec, m *model) ([]FigureColumn, error) {
	shape := Summary{Outcome: outcomeShape(s, m)}
	for _, d := range s.Documented {
		shape.Checks = append(shape.Checks, Check{Name: d.Name})
	}
	figs, err := shape.Figures()
	if err != nil {
		return nil, err
	}
	cols := make([]FigureColumn, len(figs))
	for i, f := range figs {
		cols[i] = f.FigureColumn
	}
	return cols, nil
}

// Figures flattens the summary to its scalar figures, in order: the
// outcome's numbers and yes-or-no values (its names and notes left out),
// each check's "ok", and the number of events.
func (s Summary) Figures() ([]Figure, error) {
	b, err := json.Marshal(s.Outcome)
	if err != nil {
		if p := nonFinite(s.Outcome); p != "" {
			return nil, fmt.Errorf("encoding outcome: %s (a bug in the measures: please report it with the scenario and seed)", p)
		}
		return nil, fmt.Errorf("encoding outcome: %w", err)
	}
	var out []Figure
	if err := flatten(b, "", &out); err != nil {
		return nil, fmt.Errorf("listing the outcome's figures: %w", err)
	}
	for _, c := range s.Checks {
		out = append(out, Figure{FigureColumn{Path: CheckFigure(c.Name), Share: true}, boolValue(c.OK)})
	}
	out = append(out, Figure{FigureColumn{Path: FigureEvents}, float64(s.Events)})
	return out, nil
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// flatten appends the scalar figures of the JSON value raw under the path
// prefix, keeping the order of object keys.
func flatten(raw []byte, prefix string, out *[]Figure) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil
	}
	join := func(seg string) string {
		if prefix == "" {
			return seg
		}
		return prefix + "." + seg
	}
	switch raw[0] {
	case '{':
		dec := json.NewDecoder(bytes.NewReader(raw))
		if _, err := dec.Token(); err != nil {
			return err
		}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			var value json.RawMessage
			if err := dec.Decode(&value); err != nil {
				return err
			}
			if err := flatten(value, join(tok.(string)), out); err != nil {
				return err
			}
		}
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return err
		}
		for i, item := range items {
			var named struct {
				Name *string `json:"name"`
			}
			if bytes.HasPrefix(bytes.TrimSpace(item), []byte("{")) {
				if err := json.Unmarshal(item, &named); err != nil {
					return err
				}
			} else {
				continue // a list of names or notes, not figures
			}
			seg := strconv.Itoa(i)
			if named.Name != nil {
				seg = *named.Name
			}
			if err := flatten(item, join(seg), out); err != nil {
				return err
			}
		}
	case 't', 'f':
		*out = append(*out, Figure{FigureColumn{Path: prefix, Share: true}, boolValue(raw[0] == 't')})
	case '"', 'n':
		// names, notes and nulls are not figures
	default:
		v, err := strconv.ParseFloat(string(raw), 64)
		if err != nil {
			return fmt.Errorf("%s: %w", prefix, err)
		}
		*out = append(*out, Figure{FigureColumn{Path: prefix}, v})
	}
	return nil
}
