package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios"
)

// replayFlags are the flags of cascade replay.
type replayFlags struct {
	sets   *[]string
	seed   uint64
	speed  float64
	step   bool
	limits limitsFlags
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
	cmd.Flags().BoolVar(&f.step, "step", false, "wait for Enter before each moment")
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
	s, err := load(args[0], true, *f.sets)
	if err != nil {
		return err
	}
	if cmd.Flags().Changed("seed") {
		s.Seed = f.seed
	}
	if err := scenarios.CheckSize(s, f.limits.get()); err != nil {
		return err
	}
	res, err := scenarios.Run(s, scenarios.Options{Limits: f.limits.get()})
	if err != nil {
		return err
	}
	w := printable(a.stdout)
	first, _, _ := strings.Cut(strings.TrimSpace(s.Description), "\n")
	fmt.Fprintf(w, "%s — %s\n", s.Name, first)
	if c := s.Clock; c != nil {
		fmt.Fprintf(w, "times in %s (UTC%s), seed %d\n\n", c.Zone, c.Start.Format("-07:00"), s.Seed)
	} else {
		fmt.Fprintf(w, "times from the start, seed %d\n\n", s.Seed)
	}
	var in *bufio.Reader
	if f.step {
		in = bufio.NewReader(a.input())
	}
	last, state := 0.0, ""
	for _, m := range story(res) {
		switch {
		case f.step:
			fmt.Fprint(w, "[Enter] ")
			if _, err := in.ReadString('\n'); err != nil && err != io.EOF {
				return fmt.Errorf("replay: reading the terminal: %w", err)
			}
		case f.speed > 0 && m.at > last:
			a.pause(time.Duration((m.at - last) / f.speed * 1e9))
		}
		last = max(last, m.at)
		writeMoment(w, res, m, m.state != state)
		if m.state != "" {
			state = m.state
		}
	}
	o := res.Summary.Outcome
	fmt.Fprintln(w)
	if o.Outage.DurationS > 0 {
		fmt.Fprintf(w, "outage %s, %s users impacted\n", seconds(o.Outage.DurationS), magnitude(o.ImpactedUsers))
	} else {
		fmt.Fprintln(w, "no outage")
	}
	return nil
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
