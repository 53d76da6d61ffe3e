package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// readLimit is how much of a scenario file is read; the loader rejects
// files above its own limit, so reading one byte more is enough to tell.
const readLimit = spec.MaxFileSize + 1

// source reads the scenario named by arg: a built-in scenario's name, or a
// file. builtinOK false means only files are accepted.
//
// One rule for every command: a built-in's name is the built-in; a file
// of the same name is read when written as a path (./mm1). When both exist
// and the argument is a bare name, cascade refuses rather than guess.
func source(arg string, builtinOK bool) (file string, data []byte, err error) {
	if b, ok := scenarios.LookupBuiltin(arg); ok {
		if _, statErr := os.Stat(arg); statErr == nil {
			return "", nil, fmt.Errorf("%q is both a built-in scenario and a file here: write ./%s for the file", arg, arg)
		}
		return b.File, b.Data, nil
	}
	f, err := os.Open(arg)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && builtinOK {
			return "", nil, unknownScenario(arg, true)
		}
		return "", nil, fmt.Errorf("reading scenario: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		switch {
		case st.IsDir():
			return "", nil, fmt.Errorf("reading scenario: %s is a directory", arg)
		case st.Mode().IsRegular() && st.Size() > spec.MaxFileSize:
			// Say the real size; the loader only ever sees the first bytes.
			return "", nil, &spec.Error{File: arg, Msg: fmt.Sprintf(
				"the file is %d bytes, larger than 4 MiB (%d bytes), the most a scenario file may be", st.Size(), spec.MaxFileSize)}
		}
	}
	data, err = io.ReadAll(io.LimitReader(f, readLimit))
	if err != nil {
		return "", nil, fmt.Errorf("reading scenario %s: %w", arg, err)
	}
	return arg, data, nil
}

// load reads and validates the scenario named by arg (a built-in's name
// when builtinOK, or a file) with the --set overrides.
func load(arg string, builtinOK bool, sets []string) (*spec.Spec, error) {
	file, data, err := source(arg, builtinOK)
	if err != nil {
		return nil, err
	}
	return scenarios.Validate(file, data, sets)
}

// unknownScenario is the error for an argument that is no built-in
// scenario (nor a file, when orFile): it names the built-ins, and the
// closest one when the argument looks like a misspelling of it.
func unknownScenario(arg string, orFile bool) error {
	var names []string
	for _, b := range scenarios.Builtins() {
		names = append(names, b.Name)
	}
	msg := fmt.Sprintf("%q is not a built-in scenario", arg)
	if orFile {
		msg = fmt.Sprintf("%q is neither a built-in scenario (see cascade list) nor a file", arg)
	}
	if best := closestName(arg, names); best != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", best)
	}
	return fmt.Errorf("%s; the built-ins are %s", msg, strings.Join(names, ", "))
}

// closestName returns the name of names nearest to arg by edit distance,
// if it is near enough to be a misspelling (at most a third of arg's
// letters differ, at least one may); "" otherwise.
func closestName(arg string, names []string) string {
	best, bestDist := "", max(1, len([]rune(arg))/3)+1
	for _, n := range names {
		if d := spec.EditDistance(arg, n); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}
