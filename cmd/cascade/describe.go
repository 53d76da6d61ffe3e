package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/plots/topology"
	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

func (a *app) describeCmd() *cobra.Command {
	var sets *[]string
	var dot, svg bool
	cmd := &cobra.Command{
		Use:   "describe NAME|FILE [flags]",
		Short: "components, populations, faults, params, documented figures",
		Long: `Prints a scenario: description, components, populations, faults, params
with their defaults and units, and documented figures with their sources and
what kind of evidence each is (emergent, calibrated or input).

With --dot, prints the topology instead as a Graphviz digraph (render it
with dot -Tsvg); with --svg, as an SVG picture that cascade lays out
itself: populations, components and their calls, network nodes and links
with the path of each route, planes, sites with their rooms and power,
and the faults in red.`,
		Example: `  cascade describe mm1
  cascade describe mm1 --set lambda=0.5
  cascade describe my-scenario.yaml
  cascade describe docomo-2022-12-17 --dot | dot -Tpng -o topology.png
  cascade describe kakao-2022-10-15 --svg > topology.svg`,
		Args:              exactlyOne("scenario NAME or FILE"),
		ValidArgsFunction: completeScenario(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			if dot && svg {
				return usagef("--dot and --svg exclude each other: give one")
			}
			s, err := load(args[0], true, *sets)
			if err != nil {
				return err
			}
			if dot || svg {
				g, err := topologyGraph(s)
				if err != nil {
					return err
				}
				if dot {
					return topology.WriteDOT(a.stdout, g)
				}
				out, err := topology.SVG(g)
				if err != nil {
					return err
				}
				_, err = a.stdout.Write(out)
				return err
			}
			printSpec(printable(a.stdout), s)
			return nil
		},
	}
	sets = setFlag(cmd.Flags())
	cmd.Flags().BoolVar(&dot, "dot", false, "print the topology as Graphviz DOT")
	cmd.Flags().BoolVar(&svg, "svg", false, "print the topology as an SVG picture")

	return cmd
}

func printSpec(out io.Writer, s *spec.Spec) {
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	defer w.Flush()
	fmt.Fprintf(w, "%s\n\n", s.Name)
	for _, line := range strings.Split(strings.TrimRight(s.Description, "\n"), "\n") {
		fmt.Fprintf(w, "  %s\n", line)
	}
	fmt.Fprintf(w, "\nseed %d, horizon %s, series step %s", s.Seed, human(s.Horizon), human(s.Step))
	if s.Clock != nil {
		fmt.Fprintf(w, ", t=0 at %s %s", s.Clock.Start.Format("2006-01-02 15:04:05 -07:00"), s.Clock.Zone)
	}
	fmt.Fprintln(w)
	if len(s.Params) > 0 {
		fmt.Fprintf(w, "\nparams (--set name=value):\n")
		for _, p := range s.Params {
			val := fmt.Sprint(p.Value)
			if fmt.Sprint(p.Default) != val {
				val += fmt.Sprintf(" (default %v)", p.Default)
			}
			choices := ""
			if len(p.Choices) > 0 {
				var cs []string
				for _, c := range p.Choices {
					cs = append(cs, fmt.Sprint(c))
				}
				choices = " [" + strings.Join(cs, "|") + "]"
			}
			switch {
			case p.Min != nil && p.Max != nil:
				choices += fmt.Sprintf(" [%v..%v]", *p.Min, *p.Max)
			case p.Min != nil:
				choices += fmt.Sprintf(" [>= %v]", *p.Min)
			case p.Max != nil:
				choices += fmt.Sprintf(" [<= %v]", *p.Max)
			}
			if p.Source != "" {
				choices += " (source: " + p.Source + ")"
			}
			fmt.Fprintf(w, "  %s\t%s\t%s\t%s%s\n", p.Name, val, p.Unit, p.Description, choices)
		}
	}
	fmt.Fprintf(w, "\ncomponents:\n")
	for _, c := range s.Components {
		switch c.Kind {
		case spec.ServiceKind:
			sv := c.Service
			queue := "unbounded"
			if sv.Queue.Capacity > 0 {
				queue = fmt.Sprintf("bounded at %d", sv.Queue.Capacity)
			}
			extra := ""
			if sv.Cancellation {
				extra += ", cancels abandoned work"
			}
			if sv.Queue.ShedLength > 0 || sv.Queue.ShedWait > 0 {
				extra += ", sheds load"
			}
			if sv.Cores > 0 {
				extra += fmt.Sprintf(", %d cores (workers are threads)", sv.Cores)
			}
			if sv.Wait != nil {
				extra += ", wait " + distString(sv.Wait) + " holding a thread"
			}
			if sv.Slows == models.SlowsWait {
				extra += ", slow-downs lengthen the wait"
			}
			for _, call := range sv.Calls {
				extra += ", calls " + call.Target
				if call.Client != "" {
					extra += " via " + call.Client
				}
			}
			fmt.Fprintf(w, "  %s\tservice\t%d workers, %s %s queue, service time %s%s\n",
				c.Name, sv.Workers, queue, sv.Queue.Discipline, distString(sv.ServiceTime), extra)
		case spec.TokenCacheKind:
			tc := c.TokenCache
			via := ""
			if tc.Client != "" {
				via = " via " + tc.Client
			}
			flight := "every miss fetches"
			if tc.SingleFlight {
				flight = "single flight"
			}
			fmt.Fprintf(w, "  %s\ttoken-cache\t%d instances, tokens from %s%s, ttl %s, refresh %s before expiry, %s\n",
				c.Name, tc.Instances, tc.Target, via, human(tc.TTL), human(tc.RefreshBefore), flight)
		case spec.RouteKind:
			fmt.Fprintf(w, "  %s\troute\tfrom %s to %s → %s\n", c.Name, c.Route.From, c.Route.To, c.Route.Target)
		case spec.PlanesKind:
			var ps []string
			for _, p := range c.Planes.Planes {
				ps = append(ps, fmt.Sprintf("%s %g%% → %s", p.Name, 100*p.Share, p.Target))
			}
			fmt.Fprintf(w, "  %s\tplanes\t%s\n", c.Name, strings.Join(ps, ", "))
		default:
			fmt.Fprintf(w, "  %s\t%s\n", c.Name, c.Kind)
		}
	}
	if n := s.Network; n != nil {
		fmt.Fprintf(w, "\nnetwork: %d nodes, %d links\n", len(n.Nodes), len(n.Links))
		for _, nd := range n.Nodes {
			extra := ""
			if nd.Addr.IsValid() {
				extra = " " + nd.Addr.String()
			}
			if len(nd.Parts) > 1 {
				extra += " parts " + strings.Join(nd.Parts, ", ")
			}
			if len(nd.Routes) > 0 {
				extra += fmt.Sprintf(", %d routes", len(nd.Routes))
			}
			fmt.Fprintf(w, "  %s\t%s%s\n", nd.Name, nd.Kind, extra)
		}
	}
	if len(s.Detectors) > 0 {
		fmt.Fprintf(w, "\ndetectors:\n")
		for _, d := range s.Detectors {
			state := ""
			if !d.Enabled {
				state = " (off)"
			}
			var acts []string
			for _, f := range d.OnFire {
				acts = append(acts, string(f.Action)+" "+f.Component)
			}
			fmt.Fprintf(w, "  %s\t%s%s\t%s\n", d.Name, d.Kind, state, strings.Join(acts, ", "))
		}
	}
	for _, o := range s.Operators {
		var steps []string
		for _, st := range o.Steps {
			steps = append(steps, st.Name)
		}
		fmt.Fprintf(w, "\noperator %s: alerted by %s; steps %s\n", o.Name, strings.Join(o.NoticeFrom, ", "), strings.Join(steps, " → "))
	}
	fmt.Fprintf(w, "\npopulations:\n")
	expected := 0.0
	for _, p := range s.Populations {
		deadline := "no deadline"
		if p.Deadline != spec.NoDeadline {
			deadline = "deadline " + human(p.Deadline)
		}
		limit := ""
		if p.MaxRequests > 0 {
			limit = fmt.Sprintf(", at most %d requests", p.MaxRequests)
		}
		fmt.Fprintf(w, "  %s\t%d users\t%.6g requests/s in total → %s, %s%s\n",
			p.Name, p.Users, p.TotalRate(), p.Target, deadline, limit)
		expected += p.ExpectedRequests(s.Horizon)
	}
	fmt.Fprintf(w, "  about %s user requests over the horizon (a run fires a few events per request and per call)\n", magnitude(expected))
	if sz, err := scenarios.EstimateSize(s); err == nil {
		fmt.Fprintf(w, "  size: %d steps x %d series = %s time-series values (limit %s: --max-series-values); at least %s events (limit %s: --max-events)\n",
			sz.Steps, sz.Series, magnitude(float64(sz.SeriesValues)), magnitude(scenarios.DefaultMaxSeriesValues), magnitude(sz.MinEvents()), magnitude(scenarios.DefaultMaxEvents))
	}
	for _, list := range []struct {
		title string
		items []spec.Fault
	}{{"faults", s.Faults}, {"operator actions", s.Actions}} {
		if len(list.items) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", list.title)
		for _, f := range list.items {
			what := string(f.Action)
			switch f.Action {
			case spec.Slow, spec.Scale:
				what = fmt.Sprintf("%s x%g", f.Action, f.Factor)
			case spec.Reroute:
				what = fmt.Sprintf("reroute %s → %s", f.From, f.To)
			}
			fmt.Fprintf(w, "  t+%s\t%s\t%s\t%s\n", human(f.At), f.Component, what, f.Name)
		}
	}
	fmt.Fprintf(w, "\noutcome: availability threshold %g, baseline t+%s to t+%s\n",
		s.Outcome.AvailabilityThreshold, human(s.Outcome.Baseline.From), human(s.Outcome.Baseline.To))
	if len(s.Documented) > 0 {
		fmt.Fprintf(w, "\ndocumented figures:\n")
		for _, d := range s.Documented {
			tol := fmt.Sprintf("±%g", d.Tolerance.Value)
			switch {
			case d.Tolerance.AtLeast:
				tol = "at least"
			case d.Tolerance.Relative:
				tol = fmt.Sprintf("±%g%%", 100*d.Tolerance.Value)
			}
			fmt.Fprintf(w, "  %s\t%.6g %s\t%s\t%s\t[%s]\t%s\n", d.Name, d.Value, d.Unit, tol, d.Metric, d.Kind, d.Source)
			if d.Basis != "" && d.Kind != spec.Emergent {
				fmt.Fprintf(w, "    rests on: %s\n", d.Basis)
			}
		}
	}
	if lines := spec.Knobs(s); len(lines) > 0 {
		fmt.Fprintf(w, "\nevery knob the models declare, as the run uses it (%s: the default, which the file leaves out or repeats; docs/scenario-reference.md says what each means):\n", spec.DefaultMark)
		for _, l := range lines {
			fmt.Fprintf(w, "  %s: %s\n", l.Path, l.Values)
		}
	}
}

func distString(d spec.Dist) string {
	switch d := d.(type) {
	case models.ExponentialDist:
		return "exponential(mean " + human(d.Mean) + ")"
	case models.UniformDist:
		return "uniform(" + human(d.Min) + ", " + human(d.Max) + ")"
	case models.NormalDist:
		return "normal(mean " + human(d.Mean) + ", sd " + human(d.Stddev) + ")"
	case models.LognormalDist:
		return "lognormal(mean " + human(d.Mean) + ", sd " + human(d.Stddev) + ")"
	case models.DeterministicDist:
		return "deterministic(" + human(d.Value) + ")"
	case models.EmpiricalDist:
		return fmt.Sprintf("empirical(%d values)", len(d.Values))
	}
	return models.Dists.KindOf(d)
}
