package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEmitPaths: --emit refuses a quote or a newline in the study's path or
// --out (they would break the script's quoting) and takes any other path,
// such as the letter n and a backslash (mktemp folders hold them).
func TestEmitPaths(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, study, out string
		code             int
	}{
		{"n and a backslash", "nested-run.yaml", `runs\n`, exitOK},
		{"a quote in the study", "it's.yaml", "out", exitUsage},
		{"a newline in out", "study.yaml", "out\nrm", exitUsage},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			study := filepath.Join(dir, c.study)
			require.NoError(t, os.WriteFile(study, []byte("scenario: mm1\nvary: [{key: lambda, values: [0.5, 0.6]}]\n"), 0o644))
			code, stdout, stderr := runCLI(t, "sweep", "--study", study, "--emit", "slurm", "--shards", "2", "--out", c.out)
			require.Equal(t, c.code, code, stderr)
			if c.code == exitOK {
				require.Contains(t, stdout, "#SBATCH --array=0-1\n")
				require.Contains(t, stdout, "--out '"+c.out+"/shard-{shard}'")
			} else {
				require.Contains(t, stderr, "may not hold a quote or a newline")
			}
		})
	}
}
