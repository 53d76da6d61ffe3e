package main

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// printSummary prints the short human summary of a run.
func printSummary(w io.Writer, res *scenarios.Result, out string, rec *runRecord) {
	s := res.Summary
	first, _, _ := strings.Cut(strings.TrimSpace(res.Spec.Description), "\n")
	fmt.Fprintf(w, "%s — %s\n", s.Scenario, first)
	fmt.Fprintf(w, "seed %d, horizon %s, %s events in %.2f s (%s events/s)\n",
		s.Seed, spoken(time.Duration(s.HorizonS*1e9)), magnitude(float64(s.Events)), rec.WallSeconds, magnitude(rec.EventsPerSecond))
	o := s.Outcome
	for _, p := range o.Populations {
		outage := spoken(time.Duration(p.OutageS * 1e9))
		if p.Censored {
			outage = "at least " + outage + " (still down at the end of the horizon)"
		}
		name, impacted := p.Name, magnitude(p.ImpactedUsers)+" users impacted"
		if p.SampleOf != "" {
			name = fmt.Sprintf("%s (a sample of %s users standing for %s", p.Name, magnitude(float64(p.Users)), p.SampleOf)
			if p.SampleOfUsers > 0 {
				name += fmt.Sprintf(", %s users", magnitude(float64(p.SampleOfUsers)))
			}
			name += ")"
			impacted = fmt.Sprintf("%s of the sample's %s users impacted", magnitude(p.ImpactedUsers), magnitude(float64(p.Users)))
			if p.SampleOfUsers > 0 && p.Users > 0 {
				impacted += fmt.Sprintf(" (at that share, about %s of %s)",
					magnitude(p.ImpactedUsers/float64(p.Users)*float64(p.SampleOfUsers)), magnitude(float64(p.SampleOfUsers)))
			}
		}
		fmt.Fprintf(w, "  %s: %s requests, availability %s (min %s), mean latency %s, p99 %s, %s, outage %s\n",
			name, magnitude(float64(p.Requests)), percent(p.Availability), percent(p.MinAvailability),
			seconds(p.MeanLatencyS), seconds(p.P99LatencyS), impacted, outage)
	}
	for _, c := range o.Components {
		ratio := ""
		if r, ok := o.PeakLoadRatio[c.Name]; ok {
			ratio = fmt.Sprintf(", peak load %.1fx baseline", r)
		}
		switch c.Kind {
		case "token-cache":
			fmt.Fprintf(w, "  %s (token cache): %s requests, %s hits%s\n", c.Name, magnitude(c.Offered), magnitude(c.Completed), ratio)
		default:
			fmt.Fprintf(w, "  %s: utilisation %s, %s served, %s rejected, mean latency %s%s\n",
				c.Name, percent(c.Utilisation), magnitude(c.Completed), magnitude(c.Rejected), seconds(c.MeanLatencyS), ratio)
		}
	}
	for _, c := range o.Clients {
		ratio := ""
		if r, ok := o.PeakLoadRatio[c.Name]; ok {
			ratio = fmt.Sprintf(", peak %.1fx baseline", r)
		}
		fmt.Fprintf(w, "  %s (client, control %s): %s calls, %.2f attempts per call, %s timeouts, %s throttled%s\n",
			c.Name, c.Control, magnitude(c.Calls), c.Amplification, magnitude(c.Timeouts), magnitude(c.Throttled), ratio)
	}
	for _, r := range o.Routes {
		if r.Lost+r.AnswersLost == 0 {
			continue
		}
		fmt.Fprintf(w, "  %s (route): %s sent, %s lost (%s), the last at %s; why: events.csv, kind route\n",
			r.Name, magnitude(r.Sent), magnitude(r.Lost+r.AnswersLost), percent((r.Lost+r.AnswersLost)/math.Max(r.Sent, 1)), r.LastDrop)
	}
	for _, st := range o.Sites {
		if st.MinPoweredShare >= 1 && st.MinRunningShare >= 1 {
			continue
		}
		fmt.Fprintf(w, "  %s (site, %s servers): lowest %s powered; powered again %s; running again %s\n",
			st.Name, magnitude(float64(st.Hosts)), percent(st.MinPoweredShare), levels(res, st.PoweredBack), levels(res, st.RunningBack))
	}
	if m := o.Metastable; m != nil {
		verdict := "recovered"
		if m.Metastable {
			verdict = "METASTABLE: still below the threshold (" + strings.Join(m.Populations, ", ") + ")"
		}
		fmt.Fprintf(w, "metastability, %s after the last trigger: %s\n", human(time.Duration(m.AfterS*1e9)), verdict)
	}
	if o.Outage.DurationS > 0 && o.Outage.Censored {
		fmt.Fprintf(w, "outage (availability below %s): at least %s, from %s to the end of the horizon (%s) and beyond; the first failed request was sent at %s\n", percent(o.AvailabilityThreshold),
			spoken(time.Duration(o.Outage.DurationS*1e9)), clock(res, o.Outage.StartS), clock(res, o.Outage.EndS), clockSeconds(res, o.Outage.FirstFailedS))
	} else if o.Outage.DurationS > 0 {
		fmt.Fprintf(w, "outage (availability below %s): %s, from %s to %s%s\n", percent(o.AvailabilityThreshold),
			spoken(time.Duration(o.Outage.DurationS*1e9)), clock(res, o.Outage.StartS), clock(res, o.Outage.EndS), failedSpan(res))
	} else {
		fmt.Fprintf(w, "outage (availability below %s): none\n", percent(o.AvailabilityThreshold))
	}
	if len(s.Checks) > 0 {
		fmt.Fprintln(w, "documented vs simulated:")
		units := map[string]string{}
		for _, d := range s.Documented {
			units[d.Name] = d.Unit
		}
		for _, c := range s.Checks {
			unit := units[c.Name]
			mark := "ok  "
			switch {
			case c.Inconclusive != "":
				mark = "??  "
			case !c.OK:
				mark = "FAIL"
			}
			tol := "±" + figure(c.Tolerance, unit)
			switch c.ToleranceKind {
			case "relative":
				tol = fmt.Sprintf("±%g%%", 100*c.Tolerance)
			case "at_least":
				tol = "at least"
			}
			switch {
			case c.Missing != "":
				fmt.Fprintf(w, "  %s %s [%s]: documented %s, simulated none: %s\n", mark, c.Name, c.Kind, figure(c.Documented, unit), c.Missing)
			case c.Censored:
				fmt.Fprintf(w, "  %s %s [%s]: documented %s, simulated at least %s (%s)\n", mark, c.Name, c.Kind, figure(c.Documented, unit), figure(c.Simulated, unit), tol)
				if c.Inconclusive != "" {
					fmt.Fprintf(w, "       inconclusive: %s\n", c.Inconclusive)
				}
			default:
				fmt.Fprintf(w, "  %s %s [%s]: documented %s, simulated %s (%s)\n", mark, c.Name, c.Kind, figure(c.Documented, unit), figure(c.Simulated, unit), tol)
			}
			if c.Basis != "" && c.Kind != string(spec.Emergent) {
				fmt.Fprintf(w, "       rests on: %s\n", c.Basis)
			}
		}
	}
	if len(s.Timeline) > 0 {
		fmt.Fprintln(w, "documented timeline vs simulated:")
		for _, e := range s.Timeline {
			documented := clockSeconds(res, e.DocumentedS)
			switch {
			case e.Missing != "":
				fmt.Fprintf(w, "  %s %s: simulated none (%s)\n", documented, e.Name, e.Missing)
			case e.SimulatedS != nil:
				diff := time.Duration(*e.DiffS * 1e9).Round(time.Second)
				sign := "+"
				if diff < 0 {
					sign, diff = "-", -diff
				}
				fmt.Fprintf(w, "  %s %s: simulated %s (%s%s) [%s]\n", documented, e.Name, clockSeconds(res, *e.SimulatedS), sign, spoken(diff), e.Evidence)
				if e.Basis != "" {
					fmt.Fprintf(w, "       rests on: %s\n", e.Basis)
				}
			default:
				fmt.Fprintf(w, "  %s %s\n", documented, e.Name)
			}
		}
	}
	if out != "" {
		fmt.Fprintf(w, "wrote %s\n", filepath.Clean(out))
	}
}

// levels says when a site's share was back at 90%, 95% and 100%.
func levels(res *scenarios.Result, l scenarios.ShareLevels) string {
	var parts []string
	for _, x := range []struct {
		name string
		at   *float64
	}{{"90%", l.At90}, {"95%", l.At95}, {"100%", l.At100}} {
		if x.at != nil {
			parts = append(parts, x.name+" by "+clock(res, *x.at))
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

// clock formats seconds since the start as the scenario's clock time, or as
// a duration when it has no clock.
// clockSeconds is clock to the second, for event times.
func clockSeconds(res *scenarios.Result, sec float64) string {
	if c := res.Spec.Clock; c != nil {
		return c.Start.Add(time.Duration(sec * 1e9)).Format("15:04:05")
	}
	return "t+" + human(time.Duration(sec*1e9).Round(time.Millisecond))
}

// failedSpan says when the outage's first and last failed requests were
// sent, when that differs from its step boundaries.
func failedSpan(res *scenarios.Result) string {
	o := res.Summary.Outcome.Outage
	if o.FirstFailedS-o.StartS < 1 && o.EndS-o.LastFailedS < 1 {
		return ""
	}
	return fmt.Sprintf(" (by steps; by requests: the first failed one sent at %s, the last at %s)",
		clockSeconds(res, o.FirstFailedS), clockSeconds(res, o.LastFailedS))
}

func clock(res *scenarios.Result, sec float64) string {
	if c := res.Spec.Clock; c != nil {
		t := c.Start.Add(time.Duration(sec * 1e9))
		zone := c.Zone
		if zone == "" {
			zone = t.Format("-07:00")
		}
		return t.Format("2 Jan 15:04") + " " + zone
	}
	return "t+" + human(time.Duration(sec*1e9))
}

// human formats a duration as people say it: 9h59m, 2m30s, 150ms.
func human(d time.Duration) string {
	switch {
	case d == 0:
		return "0s"
	case d >= 48*time.Hour:
		days := d / (24 * time.Hour)
		return fmt.Sprintf("%dd%s", days, strings.TrimSuffix(human(d-days*24*time.Hour), "0s"))
	case d >= time.Hour:
		return strings.TrimSuffix(d.Round(time.Minute).String(), "0s")
	case d >= time.Minute:
		return d.Round(time.Second).String()
	case d >= time.Second:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Microsecond).String()
}

func percent(v float64) string { return fmt.Sprintf("%.3f%%", 100*v) }

func seconds(v float64) string { return spoken(time.Duration(v * 1e9)) }

// count formats a number with a metric suffix: 1.23M, 45.6k, 789.
