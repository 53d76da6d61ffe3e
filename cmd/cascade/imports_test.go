package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const module = "github.com/cascade-sim/cascade"

// goList runs `go list` with a template over the module's packages.
func goList(t *testing.T, format string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", format, module+"/...")
	out, err := cmd.Output()
	require.NoError(t, err, "go list")
	res := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		pkg, rest, _ := strings.Cut(sc.Text(), ":")
		res[pkg] = strings.Fields(rest)
	}
	return res
}

// layer names a package's layer: its path under the module, first element.
func layer(pkg string) string {
	rel := strings.TrimPrefix(strings.TrimPrefix(pkg, module), "/")
	first, _, _ := strings.Cut(rel, "/")
	return first
}

// TestImportRules enforces the layering of DESIGN.md with `go list -deps`:
// sim imports nothing of ours; models only sim (and other models); plots
// nothing of ours; scenarios only models, sim and itself; and of others'
// code sim uses only the histogram library.
func TestImportRules(t *testing.T) {
	allowed := map[string][]string{
		"sim":       {},
		"models":    {"sim", "models"},
		"plots":     {"plots"},
		"scenarios": {"scenarios", "models", "sim"},
	}
	deps := goList(t, `{{.ImportPath}}:{{join .Deps " "}}`)
	require.NotEmpty(t, deps)
	for pkg, ds := range deps {
		l := layer(pkg)
		ok, ruled := allowed[l]
		if !ruled {
			continue // cmd may import anything
		}
		for _, d := range ds {
			if strings.HasPrefix(d, module) {
				require.Contains(t, ok, layer(d), "%s must not depend on %s", pkg, d)
			}
			if l == "sim" && strings.Contains(d, ".") && !strings.HasPrefix(d, "github.com/HdrHistogram/") && !strings.HasPrefix(d, "golang.org/x/") {
				t.Errorf("sim must use only the standard library and the histogram library, not %s", d)
			}
		}
	}
}

// TestNoOSOrWallClockBelowCmd: nothing below cmd imports the OS, network or
// process packages, or reads the wall clock or the global random source;
// scenario files are handed to scenarios as bytes.
func TestNoOSOrWallClockBelowCmd(t *testing.T) {
	banned := map[string]bool{"os": true, "os/exec": true, "os/signal": true, "net": true, "net/http": true, "syscall": true, "math/rand": true}
	imports := goList(t, `{{.ImportPath}}:{{join .Imports " "}}`)
	for pkg, is := range imports {
		if layer(pkg) == "cmd" {
			continue
		}
		for _, i := range is {
			require.False(t, banned[i], "%s imports %s", pkg, i)
		}
	}
	wallClock := regexp.MustCompile(`\btime\.(Now|Since|Until|Sleep|After|Tick|NewTimer|NewTicker)\(|\brand\.(Int|Float|Exp|Norm|Perm|Shuffle|N)\w*\(`)
	root := filepath.Join("..", "..")
	for _, dir := range []string{"sim", "models", "scenarios", "plots"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if m := wallClock.Find(src); m != nil {
				t.Errorf("%s calls %s: no wall clock or global randomness below cmd", path, m)
			}
			return nil
		})
		require.NoError(t, err)
	}
}
