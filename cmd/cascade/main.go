// Command cascade runs outage-cascade scenarios: it replays documented
// failures over modelled topologies and writes summaries, time series and
// plots of load and availability.
//
//	cascade list
//	cascade describe NAME|FILE
//	cascade validate FILE
//	cascade run NAME|FILE [--seed N] [--set K=V]... [--out DIR] [--format png,svg]
//
// Exit codes: 0 ok, 1 the run or the input failed, 2 usage.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/cascade-sim/cascade/scenarios/spec"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// usageError is an error in how the command was called (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// app holds the streams a command writes to, so tests can capture them.
type app struct {
	stdout, stderr io.Writer
	// isTerminal reports whether stderr is a terminal (progress bars).
	isTerminal bool
}

const mainUsage = `cascade — an outage-cascade discrete-event simulator

Usage:
  cascade list                          built-in scenarios, one line each
  cascade describe NAME|FILE            components, populations, faults, params, documented figures
  cascade validate FILE                 check a scenario file: "ok", or its errors
  cascade run NAME|FILE [flags]         run a scenario; --help for its flags

NAME is a built-in scenario (see cascade list); FILE is a YAML scenario file.
Exit codes: 0 ok, 1 the run or the input failed, 2 usage.
`

func main() {
	a := &app{stdout: os.Stdout, stderr: os.Stderr, isTerminal: stderrIsTerminal()}
	os.Exit(a.main(os.Args[1:]))
}

// main runs the command line args and returns the exit code.
func (a *app) main(args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.stderr, mainUsage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(a.stdout, mainUsage)
		return exitOK
	case "list":
		err = a.list(args[1:])
	case "describe":
		err = a.describe(args[1:])
	case "validate":
		err = a.validate(args[1:])
	case "run":
		err = a.run(args[1:])
	default:
		err = usagef("unknown command %q", args[0])
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(a.stderr, "cascade: %v\nRun 'cascade --help' for usage.\n", err)
		return exitUsage
	default:
		a.printError(err)
		return exitFail
	}
}

// printError prints a failure: scenario-file errors one per line, each
// starting with its file:line:column, anything else after "cascade: ".
func (a *app) printError(err error) {
	if errs := spec.Errors(err); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(a.stderr, e.Error())
		}
		return
	}
	fmt.Fprintf(a.stderr, "cascade: %v\n", err)
}
