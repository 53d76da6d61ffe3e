package main

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/plots"
	"github.com/cascade-sim/cascade/plots/topology"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// reportPage is what the report's template shows: every figure already
// in people's units, every text from the scenario left for the template
// to escape; only the SVG pictures cascade drew itself are raw HTML.
type reportPage struct {
	Large       bool
	Name        string
	Headline    string
	Description []string
	Facts       []reportFact
	Verdict     string
	Populations []reportPopulation
	Topology    template.HTML
	// TopologyWide says the picture is wider than a laptop's page: it is
	// drawn at its own size, to be scrolled sideways.
	TopologyWide bool
	Checks       []reportCheck
	ChecksNote   string
	Timeline     []reportTimeline
	Story        []reportMoment
	Plots        []reportPlot
	Params       []reportParam
	WhatIf       *reportWhatIf
	Compare      *reportCompare
	Version      string
}

type reportFact struct{ Name, Value string }

type reportPopulation struct {
	Name, Users, Requests, Availability, MinAvailability, P99, Impacted, Outage, Note string
}

type reportCheck struct {
	Name, Kind, Documented, Simulated, Tolerance, Result, ResultClass, Source, Basis, Note string
}

type reportTimeline struct {
	Documented, Name, Simulated, Diff, Evidence, Source, Basis, Note string
}

type reportMoment struct {
	At, Kind, Who, Text, State string
}

type reportPlot struct {
	Title string
	SVG   template.HTML
}

type reportParam struct {
	Name, Value, Default, Unit, From, FromClass, Source, Description string
}

// reportWhatIf is the main run beside the --also runs.
type reportWhatIf struct {
	Runs []reportWhatIfRun
	Rows []reportWhatIfRow
}

type reportWhatIfRun struct {
	Label, Sets string
	Plots       []reportPlot
}

type reportWhatIfRow struct {
	Name, Kind string
	Cells      []reportCell
}

type reportCell struct{ Text, Class string }

// reportCompare is a compare folder's table: a row per figure, the
// baseline's mean and each variant's with its difference.
type reportCompare struct {
	Folder, Scenario, Reps, Seed string
	Variants                     []reportCompareVariant
	Rows                         []reportCompareRow
}

type reportCompareVariant struct{ Name, Sets string }

type reportCompareRow struct {
	Figure, Baseline string
	Cells            []reportCompareCell
}

type reportCompareCell struct{ Mean, Diff, Interval, Class string }

// buildReport gathers the page of runs[0] with the others as what-ifs and
// the comparison, if any.
func buildReport(runs []reportRun, cmp *compareRecord, cmpDir string, large bool) (*reportPage, error) {
	main := runs[0]
	res := main.res
	s := res.Spec
	sum := res.Summary
	headline, rest, _ := strings.Cut(strings.TrimSpace(s.Description), "\n")
	p := &reportPage{Large: large, Name: s.Name, Headline: strings.TrimSpace(headline), Description: paragraphs(rest), Version: versionString()}

	p.Facts = append(p.Facts, reportFact{"seed", strconv.FormatUint(sum.Seed, 10)},
		reportFact{"horizon", spoken(s.Horizon)}, reportFact{"step", spoken(res.Step)})
	if c := s.Clock; c != nil {
		p.Facts = append(p.Facts, reportFact{"clock", fmt.Sprintf("%s %s (UTC%s); times below are %s", c.Start.Format("2 Jan 2006 15:04"), c.Zone, c.Start.Format("-07:00"), c.Zone)})
	}
	if main.from != "" {
		p.Facts = append(p.Facts, reportFact{"rerun of", filepath.Base(filepath.Clean(main.from)) + "/run.json"})
	}
	if len(main.sets) > 0 {
		p.Facts = append(p.Facts, reportFact{"overrides", strings.Join(main.sets, " ")})
	}
	p.Facts = append(p.Facts, reportFact{"events simulated", magnitude(float64(sum.Events))})

	p.Verdict = verdict(res)
	for _, po := range sum.Outcome.Populations {
		row := reportPopulation{Name: po.Name, Users: magnitude(float64(po.Users)), Requests: magnitude(float64(po.Requests)),
			Availability: percentShort(po.Availability), MinAvailability: percentShort(po.MinAvailability),
			P99: seconds(po.P99LatencyS), Impacted: magnitude(po.ImpactedUsers), Outage: seconds(po.OutageS)}
		if po.Censored {
			row.Outage = "at least " + row.Outage
			row.Note = "still below the threshold at the end of the horizon"
		}
		if po.SampleOf != "" {
			note := "a sample standing for " + po.SampleOf
			if po.SampleOfUsers > 0 && po.Users > 0 {
				note += fmt.Sprintf(" (%s users; at the sample's share about %s impacted)", magnitude(float64(po.SampleOfUsers)),
					magnitude(po.ImpactedUsers/float64(po.Users)*float64(po.SampleOfUsers)))
			}
			row.Note = strings.TrimPrefix(row.Note+"; "+note, "; ")
		}
		p.Populations = append(p.Populations, row)
	}

	g, err := topologyGraph(s)
	if err != nil {
		return nil, err
	}
	topo, err := topology.SVG(g)
	if err != nil {
		return nil, fmt.Errorf("drawing the topology: %w", err)
	}
	p.Topology = inlineSVG(topo, "the topology of "+s.Name)
	if w := svgWidth(topo); w > wideTopology {
		p.TopologyWide = true
	}

	p.Checks, p.ChecksNote = reportChecks(res)
	for _, e := range sum.Timeline {
		row := reportTimeline{Documented: reportClock(res, e.DocumentedS), Name: e.Name, Evidence: e.Evidence, Source: e.Source, Basis: e.Basis}
		switch {
		case e.Missing != "":
			row.Simulated, row.Note = "none", e.Missing
		case e.SimulatedS != nil:
			row.Simulated, row.Diff = reportClock(res, *e.SimulatedS), signedSeconds(*e.DiffS)
		default:
			row.Simulated, row.Note = "—", "not paired with a simulated event"
		}
		p.Timeline = append(p.Timeline, row)
	}
	state := ""
	for _, m := range story(res) {
		if m.kind == string(sim.EventCheck) {
			continue // the checks have their own table, in their units
		}
		text := spokenDurations(m.text)
		if m.count > 0 {
			text += fmt.Sprintf(" (and %d more alarms until %s)", m.count, reportClock(res, m.until))
		}
		row := reportMoment{At: reportClock(res, m.at), Kind: m.kind, Who: m.who, Text: text}
		if m.state != "" && m.state != state {
			row.State, state = m.state, m.state // as replay prints it: when it changes
		}
		p.Story = append(p.Story, row)
	}
	if p.Plots, err = runPlots(res); err != nil {
		return nil, err
	}
	p.Params = reportParams(s)
	if len(runs) > 1 {
		if p.WhatIf, err = reportWhatIfs(runs); err != nil {
			return nil, err
		}
	}
	if cmp != nil {
		p.Compare = reportComparison(cmp, cmpDir, res)
	}
	return p, nil
}

// goDuration matches a duration as Go writes it in an event's message:
// 14m39.865928121s, 3h50m6.3s, 150ms, 0s.
var goDuration = regexp.MustCompile(`\b\d+(?:\.\d+)?(?:h|ms|m|s|µs|ns)(?:\d+(?:\.\d+)?(?:h|ms|m|s|µs|ns))*\b`)

// spokenDurations writes the durations of an event's message as people
// say them ("14 min 40 s"), as the rest of the report does.
func spokenDurations(text string) string {
	return goDuration.ReplaceAllStringFunc(text, func(d string) string {
		v, err := time.ParseDuration(d)
		if err != nil {
			return d
		}
		return spoken(v)
	})
}

// paragraphs reflows a description written in lines of a text file: a
// blank line, a line after a short one that ends a sentence, or a list
// item ("- ...") starts a paragraph; the other lines join the one before.
func paragraphs(text string) []string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	width := 0
	for _, l := range lines {
		width = max(width, len(strings.TrimSpace(l)))
	}
	var out []string
	prev := ""
	for _, l := range lines {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			prev = ""
			continue
		case len(out) == 0 || prev == "" || strings.HasPrefix(l, "- ") ||
			(strings.ContainsAny(prev[len(prev)-1:], ".:") && len(prev) < width*3/4):
			out = append(out, l)
		case len(prev) > 1 && prev[len(prev)-1] == '-' && prev[len(prev)-2] != ' ':
			out[len(out)-1] += l // a word broken at its hyphen
		default:
			out[len(out)-1] += " " + l
		}
		prev = l
	}
	return out
}

// reportClock writes an event's time as clockSeconds does, with the day
// when the run (with its drain) does not end on the day it starts.
func reportClock(res *scenarios.Result, sec float64) string {
	c := res.Spec.Clock
	if c == nil {
		return clockSeconds(res, sec)
	}
	end := c.Start.Add(time.Duration(res.Summary.SimulatedS * 1e9))
	y1, m1, d1 := c.Start.Date()
	y2, m2, d2 := end.Date()
	if y1 == y2 && m1 == m2 && d1 == d2 {
		return clockSeconds(res, sec)
	}
	return c.Start.Add(time.Duration(sec * 1e9)).Format("2 Jan 15:04:05")
}

// verdict is the run's outcome in one sentence.
func verdict(res *scenarios.Result) string {
	o := res.Summary.Outcome
	th := percentShort(o.AvailabilityThreshold)
	switch {
	case o.Outage.DurationS > 0 && o.Outage.Censored:
		return fmt.Sprintf("Outage (availability below %s): at least %s, from %s to the end of the horizon and beyond; %s users impacted.",
			th, seconds(o.Outage.DurationS), clock(res, o.Outage.StartS), magnitude(o.ImpactedUsers))
	case o.Outage.DurationS > 0:
		return fmt.Sprintf("Outage (availability below %s): %s, from %s to %s; %s users impacted.",
			th, seconds(o.Outage.DurationS), clock(res, o.Outage.StartS), clock(res, o.Outage.EndS), magnitude(o.ImpactedUsers))
	}
	return fmt.Sprintf("No outage: availability never fell below %s in a step.", th)
}

// checkUnits maps each documented figure to its unit.
func checkUnits(res *scenarios.Result) map[string]string {
	units := map[string]string{}
	for _, d := range res.Summary.Documented {
		units[d.Name] = d.Unit
	}
	return units
}

// checkResult says whether a check held, and its CSS class.
func checkResult(c scenarios.Check) (string, string) {
	switch {
	case c.Inconclusive != "":
		return "inconclusive", "warn"
	case c.OK:
		return "holds", "ok"
	}
	return "fails", "fail"
}

// simulatedFigure is a check's simulated figure in its unit.
func simulatedFigure(c scenarios.Check, unit string) string {
	switch {
	case c.Missing != "":
		return "none"
	case c.Censored:
		return "at least " + figure(c.Simulated, unit)
	}
	return figure(c.Simulated, unit)
}

// reportChecks are the documented-versus-simulated rows, and a note
// counting them by kind.
func reportChecks(res *scenarios.Result) ([]reportCheck, string) {
	units := checkUnits(res)
	sources := map[string]string{}
	for _, d := range res.Summary.Documented {
		sources[d.Name] = d.Source
	}
	var rows []reportCheck
	held := map[string][2]int{}
	for _, c := range res.Summary.Checks {
		unit := units[c.Name]
		tol := "±" + figure(c.Tolerance, unit)
		switch c.ToleranceKind {
		case "relative":
			tol = "±" + trimZeros(fmt.Sprintf("%.3g", 100*c.Tolerance)) + "%"
		case "at_least":
			tol = "at least"
		}
		result, class := checkResult(c)
		row := reportCheck{Name: c.Name, Kind: c.Kind, Documented: figure(c.Documented, unit), Simulated: simulatedFigure(c, unit),
			Tolerance: tol, Result: result, ResultClass: class, Source: sources[c.Name], Note: c.Missing + c.Inconclusive}
		if c.Kind != string(spec.Emergent) {
			row.Basis = c.Basis
		}
		rows = append(rows, row)
		h := held[c.Kind]
		h[1]++
		if c.OK {
			h[0]++
		}
		held[c.Kind] = h
	}
	var parts []string
	for _, k := range []string{string(spec.Emergent), string(spec.Calibrated), string(spec.Input)} {
		if h, ok := held[k]; ok {
			parts = append(parts, fmt.Sprintf("%d of %d %s", h[0], h[1], k))
		}
	}
	note := ""
	if len(parts) > 0 {
		note = "Holding: " + strings.Join(parts, ", ") + ". Only an emergent figure is a prediction: a calibrated one was fitted, an input one typed in."
	}
	return rows, note
}

// runPlots draws a run's load and availability figures as inline SVG,
// as cascade run draws them at the default size.
func runPlots(res *scenarios.Result) ([]reportPlot, error) {
	var out []reportPlot
	for _, fg := range []struct {
		name string
		fig  plots.Figure
	}{
		{"availability", availabilityFigure(res)},
		{"load", loadFigure(res)},
	} {
		fig := fullRange(dropFlatPanels(fg.fig), res)
		b, err := plots.Render(fig, "svg")
		if err != nil {
			return nil, fmt.Errorf("plotting %s: %w", fg.name, err)
		}
		out = append(out, reportPlot{Title: fig.Title, SVG: inlineSVG(b, fig.Title)})
	}
	return out, nil
}

// wideTopology is the width in pixels from which the topology is wider
// than the page's column (80rem less its margins, at 16 px).
const wideTopology = 1250

// svgWidth reads the width attribute of an SVG document cascade drew; 0
// if it has none.
func svgWidth(b []byte) float64 {
	m := regexp.MustCompile(`<svg[^>]*\swidth="([0-9.]+)"`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	w, _ := strconv.ParseFloat(string(m[1]), 64)
	return w
}

// inlineSVG makes an SVG document cascade drew into an element for an
// HTML page: without its XML declaration and comments, labelled as an
// image for screen readers. Its text was escaped when it was drawn.
func inlineSVG(b []byte, label string) template.HTML {
	s := string(b)
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	s = strings.Replace(s, "<svg", `<svg role="img" aria-label="`+template.HTMLEscapeString(label)+`"`, 1)
	return template.HTML(strings.TrimSpace(s)) // #nosec: drawn by cascade, text escaped
}

// reportParams are the params with where each value comes from.
func reportParams(s *spec.Spec) []reportParam {
	var out []reportParam
	for _, p := range s.Params {
		row := reportParam{Name: p.Name, Value: paramText(p.Value), Unit: p.Unit, Description: p.Description}
		if paramText(p.Default) != row.Value {
			row.Default = paramText(p.Default)
		}
		switch {
		case row.Default != "":
			row.From, row.FromClass = "set for this run", "set"
		case p.Source != "":
			row.From, row.FromClass, row.Source = "documented", "documented", p.Source
		default:
			row.From, row.FromClass = "estimate", "estimate"
		}
		out = append(out, row)
	}
	return out
}

// paramText writes a param value as it would be written in the file.
func paramText(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

// reportWhatIfs sets the runs side by side: outage, impacted users,
// lowest availability, each check; and each what-if's plots.
func reportWhatIfs(runs []reportRun) (*reportWhatIf, error) {
	w := &reportWhatIf{}
	for i, r := range runs {
		run := reportWhatIfRun{Label: r.label}
		if r.from != "" {
			run.Sets = strings.TrimSpace("rerun of " + filepath.Base(filepath.Clean(r.from)) + "/run.json " + strings.Join(r.sets, " "))
		}
		if i > 0 {
			ps, err := runPlots(r.res)
			if err != nil {
				return nil, err
			}
			for j := range ps {
				ps[j].Title = "What-if " + r.label + " — " + ps[j].Title
			}
			run.Plots = ps
		}
		w.Runs = append(w.Runs, run)
	}
	row := func(name, kind string, cell func(r *scenarios.Result) reportCell) {
		rw := reportWhatIfRow{Name: name, Kind: kind}
		for _, r := range runs {
			rw.Cells = append(rw.Cells, cell(r.res))
		}
		w.Rows = append(w.Rows, rw)
	}
	row("outage", "", func(r *scenarios.Result) reportCell {
		o := r.Summary.Outcome.Outage
		switch {
		case o.DurationS == 0:
			return reportCell{Text: "none"}
		case o.Censored:
			return reportCell{Text: "at least " + seconds(o.DurationS) + ", from " + clock(r, o.StartS)}
		}
		return reportCell{Text: seconds(o.DurationS) + ", " + clock(r, o.StartS) + " to " + clock(r, o.EndS)}
	})
	row("impacted users", "", func(r *scenarios.Result) reportCell {
		return reportCell{Text: magnitude(r.Summary.Outcome.ImpactedUsers)}
	})
	row("lowest availability in a step", "", func(r *scenarios.Result) reportCell {
		low, who := math.Inf(1), ""
		for _, p := range r.Summary.Outcome.Populations {
			if p.MinAvailability < low {
				low, who = p.MinAvailability, p.Name
			}
		}
		if who == "" {
			return reportCell{Text: "—"}
		}
		return reportCell{Text: percentShort(low) + " (" + who + ")"}
	})
	main := runs[0].res
	units := checkUnits(main)
	for _, c := range main.Summary.Checks {
		name := c.Name
		row(name+" (documented "+figure(c.Documented, units[name])+")", c.Kind, func(r *scenarios.Result) reportCell {
			for _, rc := range r.Summary.Checks {
				if rc.Name != name {
					continue
				}
				if r == main {
					result, class := checkResult(rc)
					return reportCell{Text: simulatedFigure(rc, units[name]) + " — " + result, Class: class}
				}
				// A what-if is not the incident: it is told by how it
				// differs, not failed.
				how := "as documented"
				switch {
				case rc.Inconclusive != "":
					how = "inconclusive"
				case !rc.OK:
					how = "not as documented"
				}
				return reportCell{Text: simulatedFigure(rc, units[name]) + " — " + how}
			}
			return reportCell{Text: "—"}
		})
	}
	return w, nil
}

// reportComparison is the table of a compare folder: the figures cascade
// compare prints (the documented ones, the outage, the impacted users,
// metastability) and how often each check held; in their units: a
// documented figure's unit, a share as a percentage, seconds for a path
// ending in _s.
func reportComparison(c *compareRecord, dir string, res *scenarios.Result) *reportCompare {
	units := map[string]string{}
	var paths []string
	seen := map[string]bool{}
	has := map[string]bool{}
	for _, col := range c.Study.Columns {
		has[col.Path] = true
		if col.Share {
			units[col.Path] = "share"
		}
	}
	add := func(path string) {
		if has[path] && !seen[path] {
			seen[path] = true
			paths = append(paths, path)
		}
	}
	for _, d := range res.Summary.Documented {
		for _, part := range strings.Split(d.Metric, " + ") {
			part = strings.TrimSpace(part)
			if _, ok := units[part]; !ok {
				units[part] = d.Unit
			}
			add(part)
		}
	}
	add(scenarios.FigureOutageDuration)
	add(scenarios.FigureImpactedUsers)
	add(scenarios.FigureMetastable)
	for _, col := range c.Study.Columns {
		if strings.HasPrefix(col.Path, scenarios.FigureChecks+".") {
			add(col.Path)
		}
	}
	out := &reportCompare{Folder: filepath.Base(filepath.Clean(dir)), Scenario: c.Study.Scenario,
		Reps: strconv.Itoa(c.Study.Reps), Seed: strconv.FormatUint(c.Study.Seed, 10)}
	for _, v := range c.Variants {
		cv := reportCompareVariant{Name: v.Name}
		if sets := strings.Join(v.Sets, " "); sets != v.Name {
			cv.Sets = sets
		}
		out.Variants = append(out.Variants, cv)
	}
	for _, path := range paths {
		row := reportCompareRow{Figure: path, Baseline: "—"}
		if e, ok := c.Baseline.Estimates[path]; ok && e.Mean != nil {
			row.Baseline = compareFigureText(path, *e.Mean, units)
		}
		for _, v := range c.Variants {
			fg, ok := v.Figures[path]
			cell := reportCompareCell{Mean: "—"}
			if ok {
				if fg.Variant != nil {
					cell.Mean = compareFigureText(path, *fg.Variant, units)
				}
				cell.Diff = signedFigure(path, fg.Diff, units)
				if fg.Lo != nil && fg.Hi != nil {
					cell.Interval = signedFigure(path, fg.Lo, units) + " to " + signedFigure(path, fg.Hi, units)
					if *fg.Lo > 0 || *fg.Hi < 0 {
						cell.Class = "sig"
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// compareFigureText writes a compared figure in its unit.
func compareFigureText(path string, v float64, units map[string]string) string {
	if u, ok := units[path]; ok {
		if u == "share" {
			return percentShort(v)
		}
		return figure(v, u)
	}
	switch {
	case strings.HasSuffix(path, "_s"):
		return spoken(time.Duration(v * 1e9))
	case strings.Contains(path, "availability") || strings.HasSuffix(path, "share"):
		return percentShort(v)
	}
	return magnitude(v)
}

// signedFigure is a difference with its sign; of shares, in percentage
// points.
func signedFigure(path string, v *float64, units map[string]string) string {
	if v == nil {
		return "—"
	}
	if units[path] == "share" {
		pts := trimZeros(fmt.Sprintf("%.1f", 100*math.Abs(*v))) + " points"
		switch {
		case *v > 0:
			return "+" + pts
		case *v < 0:
			return "−" + pts
		}
		return "0"
	}
	if *v > 0 {
		return "+" + compareFigureText(path, *v, units)
	}
	if *v < 0 {
		return "−" + compareFigureText(path, -*v, units)
	}
	return "0"
}

// renderReport renders the page.
func renderReport(p *reportPage) ([]byte, error) {
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, p); err != nil {
		return nil, fmt.Errorf("rendering the report: %w", err)
	}
	return b.Bytes(), nil
}
