package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

func TestShowPrintsTheEmbeddedFile(t *testing.T) {
	dir := t.TempDir()
	for _, b := range scenarios.Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			code, out, errs := runCLI(t, "show", b.Name)
			require.Equal(t, exitOK, code, errs)
			require.Empty(t, errs)
			require.Equal(t, string(b.Data), out, "show prints the shipped bytes")

			// What show prints is a scenario of its own: it validates as a file.
			file := filepath.Join(dir, b.Name+".yaml")
			require.NoError(t, os.WriteFile(file, []byte(out), 0o644))
			code, vout, verrs := runCLI(t, "validate", file)
			require.Equal(t, exitOK, code, verrs)
			require.Equal(t, "ok\n", vout)
		})
	}
}

func TestShowRefusals(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.yaml")
	require.NoError(t, os.WriteFile(file, scenarios.Builtins()[0].Data, 0o644))
	cases := []struct {
		name string
		args []string
		code int
		err  []string
	}{
		{"misspelt name", []string{"show", "retry-strom"}, exitFail,
			[]string{`"retry-strom" is not a built-in scenario (did you mean "retry-storm"?)`, "the built-ins are docomo-2022-12-17,", "mm1, mmc, retry-storm"}},
		{"far from any name", []string{"show", "zzzzzzzz"}, exitFail,
			[]string{`"zzzzzzzz" is not a built-in scenario; the built-ins are`}},
		{"a file", []string{"show", file}, exitUsage,
			[]string{"show prints built-in scenarios", file + " is a file: use the file itself"}},
		{"a path that does not exist", []string{"show", "./nope.yaml"}, exitFail,
			[]string{`"./nope.yaml" is not a built-in scenario; the built-ins are`}},
		{"a built-in's file name", []string{"show", "mm1.yaml"}, exitUsage,
			[]string{"show takes a built-in scenario's name, not a file's: cascade show mm1"}},
		{"a built-in's embedded name", []string{"show", "builtin:mmc.yaml"}, exitUsage,
			[]string{"cascade show mmc"}},
		{"no name", []string{"show"}, exitUsage, []string{"missing scenario NAME"}},
		{"two names", []string{"show", "mm1", "mmc"}, exitUsage, []string{"want one scenario NAME"}},
		{"run names the built-ins too", []string{"run", "mm2"}, exitFail,
			[]string{`"mm2" is neither a built-in scenario (see cascade list) nor a file (did you mean "mm1"?); the built-ins are`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(t, c.args...)
			require.Equal(t, c.code, code, "stdout: %s\nstderr: %s", out, errs)
			require.Empty(t, out)
			for _, e := range c.err {
				require.Contains(t, errs, e)
			}
		})
	}
}

func TestShowHelp(t *testing.T) {
	code, out, _ := runCLI(t, "show", "--help")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "Examples:\n  cascade show mm1\n  cascade show mm1 > my.yaml")
	code, out, _ = runCLI(t, "--help")
	require.Equal(t, exitOK, code)
	require.Contains(t, out, "show        print a built-in scenario's YAML")
}

func TestClosestName(t *testing.T) {
	names := []string{"mm1", "mmc", "retry-storm"}
	require.Equal(t, "mm1", closestName("mm2", names))
	require.Equal(t, "retry-storm", closestName("retrystorm", names))
	require.Equal(t, "", closestName("kakao", names))
	require.Equal(t, "", closestName("", names))
	require.Equal(t, 3, spec.EditDistance("kitten", "sitting"))
}
