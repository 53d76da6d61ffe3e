package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

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
			return "", nil, fmt.Errorf("%q is neither a built-in scenario (see cascade list) nor a file", arg)
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
