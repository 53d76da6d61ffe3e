package main

import (
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/cascade-sim/cascade/sim"
)

func stderrIsTerminal() bool { return term.IsTerminal(int(os.Stderr.Fd())) }

// stdoutIsTerminal reports whether stdout is a terminal.
func stdoutIsTerminal() bool { return term.IsTerminal(int(os.Stdout.Fd())) }

// newProgress returns a progress callback that draws a bar of virtual time
// on stderr, and a function that clears the bar. Without a terminal it
// returns nil callbacks: nothing is drawn in logs and pipes.
func (a *app) newProgress(title string) (func(now, end sim.Time), func()) {
	if !a.isTerminal {
		return nil, func() {}
	}
	bar := progressbar.NewOptions64(1000,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription(title),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100_000_000),
	)
	update := func(now, end sim.Time) {
		if end <= 0 {
			return
		}
		_ = bar.Set64(int64(1000 * float64(now) / float64(end)))
	}
	return update, func() { _ = bar.Finish() }
}
