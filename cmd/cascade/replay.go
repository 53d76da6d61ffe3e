package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios"
)

// replayFlags are the flags of cascade replay.
type replayFlags struct {
	sets     *[]string
	seed     uint64
	speed    float64
	step     bool
	branches *[]string
	limits   limitsFlags
}

func (a *app) replayCmd() *cobra.Command {
	f := &replayFlags{}
	cmd := &cobra.Command{
		Use:   "replay NAME|FILE [flags]",
		Short: "the incident as a timeline in clock time, played back",
		Long: `Runs a scenario and prints its story in clock time, one moment a line:
faults, alarms and the alarms that never came, operators' notices,
diagnoses and actions, failovers, detours, power orders and restoration,
populations going down and coming back, the checks; beside each, the
lowest availability and the highest load at that moment, and the
documented moments beside the simulated ones.

By default the whole timeline is printed at once. --speed X plays it in
compressed time, X simulated seconds a second (600: five hours in thirty
seconds); --step waits for Enter before each moment. Nothing is written
to disk, and the output is plain text.`,
		Example: `  cascade replay docomo-2022-12-17
  cascade replay docomo-2022-12-17 --speed 600
  cascade replay kakao-2022-10-15 --step
  cascade replay docomo-2022-12-17 --set detour_tools=tools`,
		Args:              exactlyOne("scenario NAME or FILE"),
		ValidArgsFunction: completeScenario(true),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.replay(cmd, args, f)
		},
	}
	f.sets = setFlag(cmd.Flags())
	cmd.Flags().Uint64Var(&f.seed, "seed", 0, "the seed (default: the scenario's)")
	cmd.Flags().Float64Var(&f.speed, "speed", 0, "play in compressed time: simulated seconds per second (e.g. 600)")
	cmd.Flags().BoolVar(&f.step, "step", false, "wait for Enter before each moment; type an action there to branch the run")
	f.branches = cmd.Flags().StringArray("branch", nil, "'TIME ACTION': add a decision of the class at TIME (repeatable), e.g. '09:30 failover auth-e'")
	addLimitFlags(cmd.Flags(), &f.limits)
	return cmd
}

func (a *app) replay(cmd *cobra.Command, args []string, f *replayFlags) error {
	if err := f.limits.check(); err != nil {
		return err
	}
	switch {
	case f.step && cmd.Flags().Changed("speed"):
		return usagef("--step and --speed exclude each other: give one")
	case cmd.Flags().Changed("speed") && (!(f.speed > 0) || math.IsInf(f.speed, 0)):
		return usagef("--speed %v: expected a number of simulated seconds per second > 0, like 600", f.speed)
	}
	file, data, err := source(args[0], true)
	if err != nil {
		return err
	}
	b := &brancher{file: file, data: data, sets: *f.sets, limits: f.limits.get()}
	if cmd.Flags().Changed("seed") {
		b.seed = &f.seed
	}
	s, err := b.spec("", nil)
	if err != nil {
		return err
	}
	if b.base, err = b.run(s); err != nil {
		return err
	}
	if len(*f.branches) > maxDecisions {
		return usagef("%d --branch flags; a replay takes at most %d decisions (each is one more run)", len(*f.branches), maxDecisions)
	}
	type flagged struct {
		arg, text string
		at        time.Duration
	}
	var given []flagged
	for _, arg := range *f.branches {
		at, text, err := parseBranchFlag(s, arg)
		if err != nil {
			return usagef("--branch %q: %v", arg, err)
		}
		given = append(given, flagged{arg, text, at})
	}
	sort.SliceStable(given, func(i, j int) bool { return given[i].at < given[j].at })
	res := b.base
	for _, g := range given {
		if res, err = b.decide(res, g.at, g.text); err != nil {
			return fmt.Errorf("--branch %q: %w", g.arg, err)
		}
	}
	w := printable(a.stdout)
	first, _, _ := strings.Cut(strings.TrimSpace(s.Description), "\n")
	fmt.Fprintf(w, "%s — %s\n", s.Name, first)
	if c := s.Clock; c != nil {
		fmt.Fprintf(w, "times in %s (UTC%s), seed %d\n", c.Zone, c.Start.Format("-07:00"), res.Spec.Seed)
	} else {
		fmt.Fprintf(w, "times from the start, seed %d\n", res.Spec.Seed)
	}
	if f.step {
		fmt.Fprintln(w, "Enter plays the next moment; type an action to branch the run there (help lists them).")
	}
	fmt.Fprintln(w)
	p := &player{a: a, w: w, raw: a.stdout, b: b, f: f, live: f.speed > 0 && a.stdoutTerminal}
	if f.step {
		p.in = bufio.NewReader(a.input())
	}
	res, err = p.play(res)
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	writeOutcome(w, b, res)
	return nil
}

// player prints a run's story moment by moment: at once, in compressed
// time with a live status line, or stepping on Enter with branches.
type player struct {
	a    *app
	w    io.Writer // escapes text from the scenario file
	raw  io.Writer // the terminal itself, for the status line's controls
	b    *brancher
	f    *replayFlags
	in   *bufio.Reader
	live bool // a status line is drawn between moments (a terminal)
	// announced is how many of the brancher's decisions the story has
	// told.
	announced int
}

// announce tells the decisions not yet told that come at or before sec
// (all of them if sec is +Inf).
func (p *player) announce(res *scenarios.Result, sec float64) {
	ds := p.b.decisions
	for ; p.announced < len(ds) && ds[p.announced].at.Seconds() <= sec; p.announced++ {
		d := ds[p.announced]
		fmt.Fprintf(p.w, "  ⎇ branch at %s: %s", clockSeconds(res, d.at.Seconds()), d.text)
		if d.says != "" {
			fmt.Fprintf(p.w, " (%s)", d.says)
		}
		fmt.Fprintln(p.w)
	}
}

// play prints the story of res and returns the run it ends with: res, or
// the run branched at a pause.
func (p *player) play(res *scenarios.Result) (*scenarios.Result, error) {
	moments := story(res)
	shown := map[string]bool{} // the moments printed at the time now
	now, state := 0.0, ""
	for i := 0; i < len(moments); i++ {
		m := moments[i]
		switch {
		case p.in != nil:
			next, err := p.pause(res, now)
			if err != nil {
				return nil, err
			}
			if next != nil {
				res, moments = next, story(next)
				i = resume(moments, now, shown) - 1
				continue
			}
		case p.f.speed > 0 && m.at > now:
			p.wait(res, now, m.at)
		}
		if m.at > now {
			now, shown = m.at, map[string]bool{}
		}
		shown[m.key()] = true
		p.announce(res, m.at)
		writeMoment(p.w, res, m, m.state != state)
		if m.state != "" {
			state = m.state
		}
	}
	p.announce(res, math.Inf(1))
	return res, nil
}

// resume is the index of the first moment of a branched story not yet
// printed: after now, or at now and not among those shown.
func resume(moments []moment, now float64, shown map[string]bool) int {
	for i, m := range moments {
		if m.at > now || (m.at == now && !shown[m.key()]) {
			return i
		}
	}
	return len(moments)
}

// pause waits for Enter before the next moment. A line with an action
// branches the run at now (or at the time it starts with, if later);
// help lists the actions; a refused action is said and asked again.
func (p *player) pause(res *scenarios.Result, now float64) (*scenarios.Result, error) {
	for {
		fmt.Fprint(p.w, "[Enter] ")
		line, err := p.in.ReadString('\n')
		switch {
		case err == io.EOF:
			// The input has ended: the rest plays without pauses.
			p.in = nil
			fmt.Fprintln(p.w)
		case err != nil:
			return nil, fmt.Errorf("replay: reading the terminal: %w", err)
		}
		line = strings.TrimSpace(line)
		switch line {
		case "":
			return nil, nil
		case "help", "?":
			fmt.Fprintln(p.w, branchHelp(res.Spec))
			if p.in == nil {
				return nil, nil
			}
			continue
		}
		at := time.Duration(now * 1e9)
		if when, rest, ok := strings.Cut(line, " "); ok && startsWithTime(when) {
			t, err := branchTime(res.Spec, when)
			switch {
			case err != nil:
				fmt.Fprintf(p.w, "  not taken: %v\n", err)
				if p.in == nil {
					return nil, nil
				}
				continue
			case t < at:
				fmt.Fprintf(p.w, "  not taken: %s has passed; the replay is at %s\n", when, clockSeconds(res, now))
				if p.in == nil {
					return nil, nil
				}
				continue
			}
			at, line = t, strings.TrimSpace(rest)
		}
		if len(p.b.decisions) >= maxDecisions {
			fmt.Fprintf(p.w, "  not taken: a replay takes at most %d decisions\n", maxDecisions)
			p.in = nil
			return nil, nil
		}
		next, err := p.b.decide(res, at, line)
		if err != nil {
			fmt.Fprintf(p.w, "  not taken: %v\n", err)
			if p.in == nil {
				return nil, nil
			}
			continue
		}
		p.announce(next, math.Inf(1))
		return next, nil
	}
}

// startsWithTime reports whether w reads as the time of a branch.
func startsWithTime(w string) bool {
	return w != "" && (w[0] == '+' || (w[0] >= '0' && w[0] <= '9'))
}

// wait sleeps from simulated time from to to at the replay's speed; on a
// terminal it redraws a status line, the clock and the state, as it goes.
func (p *player) wait(res *scenarios.Result, from, to float64) {
	wall := time.Duration((to - from) / p.f.speed * 1e9)
	if !p.live {
		p.a.pause(wall)
		return
	}
	st := newStateAt(res)
	for waited := time.Duration(0); waited < wall; {
		d := min(statusTick, wall-waited)
		at := from + waited.Seconds()*p.f.speed
		fmt.Fprint(p.raw, clearLine)
		fmt.Fprintf(p.w, "  ▶ %s  x%s  %s", clockSeconds(res, at), trimZeros(fmt.Sprintf("%g", p.f.speed)), st.at(at))
		p.a.pause(d)
		waited += d
	}
	fmt.Fprint(p.raw, clearLine)
}

// maxDecisions bounds a replay's decisions: each one is one more run.
const maxDecisions = 20

// clearLine moves to the start of the terminal's line and clears it.
const clearLine = "\r\x1b[K"

// statusTick is how often the live status line is redrawn.
const statusTick = 250 * time.Millisecond

// writeOutcome prints the run's outcome and, for a branched run, the
// outcome beside the documented figures and the run without the branch.
func writeOutcome(w io.Writer, b *brancher, res *scenarios.Result) {
	o := res.Summary.Outcome
	outcome := func(o scenarios.Outcome) string {
		if o.Outage.DurationS > 0 {
			return fmt.Sprintf("outage %s, %s users impacted", seconds(o.Outage.DurationS), magnitude(o.ImpactedUsers))
		}
		return "no outage"
	}
	if len(b.decisions) == 0 {
		fmt.Fprintln(w, outcome(o))
		return
	}
	fmt.Fprintf(w, "with the class's decisions (%s):\n", decisionList(res, b.decisions))
	fmt.Fprintf(w, "  %s\n", outcome(o))
	fmt.Fprintf(w, "without them: %s\n", outcome(b.base.Summary.Outcome))
	var lines []string
	for i, c := range res.Summary.Checks {
		if i >= len(b.base.Summary.Checks) {
			break
		}
		unit := ""
		for _, d := range res.Summary.Documented {
			if d.Name == c.Name {
				unit = d.Unit
			}
		}
		lines = append(lines, fmt.Sprintf("  %s: %s instead of %s documented (%s without the decisions)",
			c.Name, figure(c.Simulated, unit), figure(c.Documented, unit), figure(b.base.Summary.Checks[i].Simulated, unit)))
	}
	if len(lines) > 0 {
		fmt.Fprintln(w, "beside the documented outcome:")
		fmt.Fprintln(w, strings.Join(lines, "\n"))
	}
}

// decisionList says the decisions, "09:30 failover auth-e; ...".
func decisionList(res *scenarios.Result, ds []branch) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = clockSeconds(res, d.at.Seconds()) + " " + d.text
	}
	return strings.Join(parts, "; ")
}

// writeMoment prints one moment: its clock time, kind, who, what, and,
// with withState, the state of the system then (when it changed).
func writeMoment(w io.Writer, res *scenarios.Result, m moment, withState bool) {
	head := fmt.Sprintf("%s  %-16s ", clockSeconds(res, m.at), m.kind)
	if m.who != "" {
		head += m.who + ": "
	}
	text := m.text
	if m.count > 0 {
		text += fmt.Sprintf(" (and %d more alarms until %s)", m.count, clockSeconds(res, m.until))
	}
	fmt.Fprintln(w, head+text)
	if withState && m.state != "" {
		fmt.Fprintf(w, "%s%s\n", strings.Repeat(" ", 10+17), "→ "+m.state)
	}
}

// input is what --step reads: the app's stdin, os.Stdin outside tests.
func (a *app) input() io.Reader {
	if a.stdin != nil {
		return a.stdin
	}
	return os.Stdin
}

// pause waits d of wall time (a.sleep in tests).
func (a *app) pause(d time.Duration) {
	if a.sleep != nil {
		a.sleep(d)
		return
	}
	time.Sleep(d)
}
