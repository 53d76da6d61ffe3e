package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var inTmux = flag.Bool("tmux", false, "run the replay tests in a real terminal (tmux), failing if tmux is missing")

// tmuxSession is cascade running in a detached tmux session of its own
// server: keys are sent to it, and its screen is read.
type tmuxSession struct {
	t      *testing.T
	socket string
}

// startTmux runs this test binary as cascade with args in a new tmux
// session of 160x50 characters.
func startTmux(t *testing.T, args ...string) *tmuxSession {
	t.Helper()
	if !*inTmux {
		t.Skip("the terminal tests run with -tmux (.ci/tmux-check)")
	}
	_, err := exec.LookPath("tmux")
	require.NoError(t, err, "-tmux needs tmux installed (.ci/tmux-check installs it)")
	s := &tmuxSession{t: t, socket: fmt.Sprintf("cascade-test-%d-%d", os.Getpid(), time.Now().UnixNano())}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	// The shell stays after cascade exits, so that its last screen can
	// be read.
	command := fmt.Sprintf("CASCADE_TEST_MAIN=1 %s -test.run='^$' -- %s; echo '[exit '$?']'; sleep 600", os.Args[0], strings.Join(quoted, " "))
	s.tmux("new-session", "-d", "-s", "replay", "-x", "160", "-y", "50", command)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

// tmux runs a tmux command on the session's server.
func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	require.NoError(s.t, err, "tmux %v: %s", args, out)
	return string(out)
}

// screen is what the terminal shows now, with its scrollback.
func (s *tmuxSession) screen() string {
	return s.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "replay")
}

// waitFor waits until the screen holds want, and returns it.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		sc := s.screen()
		if strings.Contains(sc, want) {
			return sc
		}
		if time.Now().After(deadline) {
			require.Failf(s.t, "not on the screen", "%q not on the screen after 60 s:\n%s", want, sc)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// keys types text and Enter.
func (s *tmuxSession) keys(text string) {
	s.t.Helper()
	if text != "" {
		s.tmux("send-keys", "-t", "replay", "-l", text)
	}
	s.tmux("send-keys", "-t", "replay", "Enter")
}

// TestReplayInATerminal: in a real terminal, --step waits for Enter, help
// lists the scenario's actions, a typed action branches the run, and the
// outcome is set beside the run without it.
func TestReplayInATerminal(t *testing.T) {
	s := startTmux(t, "replay", "retry-storm", "--step")
	s.waitFor("[Enter] ")
	s.keys("")
	s.waitFor("slow-down: slow x2")
	s.keys("")
	s.waitFor("population-down  users")
	s.keys("help")
	s.waitFor("retries      CLIENT N")
	s.keys("retries caller 0")
	s.waitFor("⎇ branch at t+30m1s: retries caller 0")
	for i := 0; i < 3; i++ {
		s.keys("")
		time.Sleep(100 * time.Millisecond)
	}
	sc := s.waitFor("[exit 0]")
	order := []string{"t+30m0s  fault", "t+30m1s  population-down", "⎇ branch at t+30m1s", "class-1: retries 0",
		"population-back  users", "with the class's decisions", "  outage 20 min", "without them: outage 1 h 30 min"}
	at := 0
	for _, want := range order {
		i := strings.Index(sc[at:], want)
		require.GreaterOrEqual(t, i, 0, "%q in order on the screen:\n%s", want, sc)
		at += i
	}
}

// TestReplayStatusLineInATerminal: with --speed in a terminal the status
// line shows the clock moving between moments, and is gone at the end.
func TestReplayStatusLineInATerminal(t *testing.T) {
	s := startTmux(t, "replay", "retry-storm", "--speed", "1200")
	first := s.waitFor("  ▶ t+")
	s.waitFor("t+30m0s  fault")
	require.NotEqual(t, statusClock(first), statusClock(s.waitFor("  ▶ t+")), "the clock moves")
	sc := s.waitFor("[exit 0]")
	require.NotContains(t, sc, "▶", "the status line is cleared")
	require.Contains(t, sc, "outage 1 h 30 min, 20 k users impacted")
}

// statusClock is the clock of the status line on a screen.
func statusClock(screen string) string {
	i := strings.LastIndex(screen, "  ▶ t+")
	if i < 0 {
		return ""
	}
	rest := screen[i+len("  ▶ "):]
	clock, _, _ := strings.Cut(rest, " ")
	return clock
}
