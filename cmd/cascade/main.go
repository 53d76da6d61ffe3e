// Command cascade runs outage-cascade scenarios: it replays documented
// failures over modelled topologies and writes summaries, time series and
// plots of load and availability.
//
//	cascade list
//	cascade describe NAME|FILE
//	cascade show NAME
//	cascade validate FILE
//	cascade run NAME|FILE [--seed N] [--set K=V]... [--out DIR] [--format png,svg]
//	cascade run --from DIR [--out DIR]
//	cascade report RUN_DIR|NAME|FILE [--set K=V]... [--also RUN_DIR|'K=V,...']... [--compare DIR] [--large] --out FILE.html
//	cascade sweep NAME|FILE --vary K=VALUES... [--reps N] --out DIR
//	cascade compare NAME|FILE --vs 'K=V ...'... [--reps N] [--out DIR]
//	cascade sensitivity NAME|FILE --vary K=VALUES... --outcome FIGURE --out DIR
//	cascade version
//	cascade completion bash|zsh|fish
//
// Exit codes: 0 ok, 1 the run or the input failed, 2 usage.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios/experiment"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// Exit codes.
const (
	exitOK          = 0
	exitFail        = 1
	exitUsage       = 2
	exitInterrupted = 130 // 128 + SIGINT, as shells report it
)

// usageError is an error in how the command was called (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// errQuiet is a failure already reported to the user: exit with its code,
// print nothing more.
type errQuiet struct{ code int }

func (e *errQuiet) Error() string { return fmt.Sprintf("exit %d", e.code) }

// app holds the streams a command writes to and the hooks tests inject
// failures through.
type app struct {
	stdout, stderr io.Writer
	// isTerminal reports whether stderr is a terminal (progress bars).
	isTerminal bool
	// args0 is the command line as typed, for run.json; nil in tests, which
	// use "cascade" and the args given to main.
	args0 string
	// args are the arguments main was given.
	args []string
	// hook, if not nil, is called at named points of a run (see hooks.go);
	// tests raise signals or fail there.
	hook func(point string)
	// wrapFile, if not nil, wraps the writer of each output file; tests
	// make it fail after some bytes, as a full disk does.
	wrapFile func(name string, w io.Writer) io.Writer
	// exit ends the process after a signal; os.Exit outside tests.
	exit func(code int)
	// getenv reads the environment (os.Getenv; tests give their own).
	getenv func(string) string
	// signalled, if not nil, is called once a signal has been handled
	// (temporaries removed); tests wait on it.
	signalled func()
	// stdoutTerminal reports whether stdout is a terminal (replay's live
	// status line).
	stdoutTerminal bool
	// stdin, if not nil, is what replay --step reads (os.Stdin otherwise).
	stdin io.Reader
	// sleep, if not nil, stands for time.Sleep (replay --speed in tests).
	sleep func(time.Duration)
}

func main() {
	a := &app{stdout: os.Stdout, stderr: os.Stderr, isTerminal: stderrIsTerminal(), stdoutTerminal: stdoutIsTerminal(), args0: os.Args[0], exit: os.Exit, getenv: os.Getenv}
	os.Exit(a.main(os.Args[1:]))
}

// env reads an environment variable (through a.getenv in tests).
func (a *app) env(name string) string {
	if a.getenv != nil {
		return a.getenv(name)
	}
	return os.Getenv(name)
}

// main runs the command line args and returns the exit code. Any error
// writing to stdout is a failure (exit 1), reported on stderr.
func (a *app) main(args []string) int {
	stdout := &stickyWriter{w: a.stdout}
	a.stdout = stdout
	code := a.execute(args)
	if stdout.err != nil && code == exitOK {
		fmt.Fprintf(a.stderr, "cascade: writing to stdout: %v\n", stdout.err)
		return exitFail
	}
	return code
}

// execute runs the command line and maps its outcome to an exit code.
func (a *app) execute(args []string) int {
	a.args = args
	root := a.rootCmd()
	root.SetArgs(args)
	ran := false
	root.PersistentPreRun = func(*cobra.Command, []string) { ran = true }
	cmd, err := root.ExecuteC()
	if cmd == nil {
		cmd = root
	}
	var ue *usageError
	var quiet *errQuiet
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &quiet):
		return quiet.code
	case errors.As(err, &ue) || !ran:
		// Errors cobra finds before a command runs (flags, arguments,
		// unknown commands) are usage errors too.
		fmt.Fprintf(a.stderr, "cascade: %v\nSee '%s --help'.\n", strings.TrimPrefix(err.Error(), "Error: "), cmd.CommandPath())
		return exitUsage
	default:
		a.printError(err)
		return exitFail
	}
}

// rootCmd builds the command tree.
func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "cascade",
		Short: "cascade — an outage-cascade discrete-event simulator",
		Long: `cascade — an outage-cascade discrete-event simulator

It replays documented outages over modelled topologies (and any scenario
written in YAML), and writes a summary, time series, an event log and plots.
NAME is a built-in scenario (see cascade list); FILE is a YAML scenario file.
Exit codes: 0 ok, 1 the run or the input failed, 2 usage.`,
		Example: `  cascade list
  cascade describe exchange-2022-12-02
  cascade run exchange-2022-12-02 --out out/exchange
  cascade run --from out/exchange --out out/again`,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// No command: the help, on stderr, and exit 2.
			cmd.SetOut(a.stderr)
			_ = cmd.Help()
			return &errQuiet{code: exitUsage}
		},
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetVersionTemplate("cascade {{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{msg: err.Error()}
	})
	root.CompletionOptions.HiddenDefaultCmd = false
	root.AddCommand(a.listCmd(), a.describeCmd(), a.showCmd(), a.schemaCmd(), a.validateCmd(), a.runCmd(), a.replayCmd(), a.reportCmd(), a.sweepCmd(), a.compareCmd(), a.sensitivityCmd(), a.mergeCmd(), a.versionCmd())
	return root
}

// printError prints a failure: scenario-file errors one per line, each
// starting with its file:line:column, anything else after "cascade: ".
func (a *app) printError(err error) {
	var ce *experiment.CombinationError
	if errors.As(err, &ce) && len(spec.Errors(err)) > 0 {
		fmt.Fprintf(a.stderr, "cascade: combination %d of %d (%s) does not fit the scenario:\n", ce.Index+1, ce.Of, ce.Label)
	}
	if errs := spec.Errors(err); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(a.stderr, e.Error())
		}
		return
	}
	fmt.Fprintf(a.stderr, "cascade: %v\n", err)
}

// stickyWriter remembers the first write error, so a run whose stdout is
// full or closed fails instead of exiting 0.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	s.err = err
	return n, err
}
