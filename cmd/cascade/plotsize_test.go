package main

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseSize(t *testing.T) {
	for in, want := range map[string]plotSize{
		"": {}, "default": {}, "16:9": {1920, 1080}, "4:3": {1600, 1200},
		"1920x1080": {1920, 1080}, "1280X720": {1280, 720}, " 7680x4320 ": {7680, 4320},
	} {
		got, err := parseSize(in)
		require.NoError(t, err, in)
		require.Equal(t, want, got, in)
	}
	for _, in := range []string{"12x", "x100", "0x100", "100x0", "-5x100", "1920*1080", "639x480", "640x479", "1280x360", "7681x1000", "1000x4321", "big", "16:10"} {
		_, err := parseSize(in)
		require.Error(t, err, in)
		require.ErrorContains(t, err, "--size", in)
	}
}

// TestRunSize: --size 16:9 gives 1920×1080 PNGs and SVGs, recorded in
// run.json, and --from draws them again at that size; a bad --size is a
// usage error before anything runs.
func TestRunSize(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	code, _, errs := runCLI(t, append(append([]string{}, quickMM1...), "--out", dir, "--size", "16:9", "--format", "png,svg")...)
	require.Equal(t, exitOK, code, errs)
	requirePixels := func(dir string) {
		for _, name := range []string{"load", "availability"} {
			b, err := os.ReadFile(filepath.Join(dir, name+".png"))
			require.NoError(t, err)
			img, err := png.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			require.Equal(t, 1920, img.Bounds().Dx(), name)
			require.Equal(t, 1080, img.Bounds().Dy(), name)
			svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
			require.NoError(t, err)
			require.Contains(t, string(svg[:300]), `<svg width="1920" height="1080" viewBox=`, name)
		}
	}
	requirePixels(dir)
	raw, err := os.ReadFile(filepath.Join(dir, runFile))
	require.NoError(t, err)
	var rec runRecord
	require.NoError(t, json.Unmarshal(raw, &rec))
	require.Equal(t, "1920x1080", rec.PlotSize)

	again := filepath.Join(t.TempDir(), "again")
	code, _, errs = runCLI(t, "run", "--from", dir, "--out", again, "--quiet")
	require.Equal(t, exitOK, code, errs)
	requirePixels(again)

	code, _, errs = runCLI(t, append(append([]string{}, quickMM1...), "--size", "12x")...)
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, `--size "12x"`)
}

// TestCompareSize: compare draws its figures at --size too, and refuses a
// bad one before running.
func TestCompareSize(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cmp")
	code, _, errs := runCLI(t, "compare", "mm1", "--set", "customers=2000", "--vs", "customers=2500", "--reps", "2",
		"--out", dir, "--size", "4:3", "--quiet")
	require.Equal(t, exitOK, code, errs)
	b, err := os.ReadFile(filepath.Join(dir, "availability.png"))
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	require.Equal(t, [2]int{1600, 1200}, [2]int{img.Bounds().Dx(), img.Bounds().Dy()})

	code, _, errs = runCLI(t, "compare", "mm1", "--vs", "customers=2500", "--size", "0x100")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, `--size "0x100"`)
}
