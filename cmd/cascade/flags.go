package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// errHelp means --help was asked for and printed: exit 0.
var errHelp = errors.New("help printed")

// newFlags returns a flag set for a command that prints usage and the
// flags on --help.
func (a *app) newFlags(name, usage string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprint(a.stdout, usage)
		if fs.HasFlags() {
			fmt.Fprintf(a.stdout, "\nFlags:\n%s", fs.FlagUsages())
		}
	}
	return fs
}

// parse parses args, mapping --help to errHelp and bad flags to usage
// errors.
func parse(fs *pflag.FlagSet, args []string) error {
	fs.SetOutput(discard{})
	err := fs.Parse(args)
	switch {
	case errors.Is(err, pflag.ErrHelp):
		fs.Usage()
		return errHelp
	case err != nil:
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// oneArg checks that exactly one positional argument was given.
func oneArg(fs *pflag.FlagSet, what string) (string, error) {
	switch fs.NArg() {
	case 1:
		return fs.Arg(0), nil
	case 0:
		return "", usagef("%s: missing %s", fs.Name(), what)
	default:
		return "", usagef("%s: want one %s, got %d arguments: %s", fs.Name(), what, fs.NArg(), strings.Join(fs.Args(), " "))
	}
}
