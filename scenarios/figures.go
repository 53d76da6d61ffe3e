package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

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
		out = append(out, Figure{FigureColumn{Path: "checks." + c.Name + ".ok", Share: true}, boolValue(c.OK)})
	}
	out = append(out, Figure{FigureColumn{Path: "events"}, float64(s.Events)})
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
