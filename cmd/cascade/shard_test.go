package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/scenarios/experiment"
)

var updateDeploy = flag.Bool("update-deploy", false, "rewrite deploy/ from the example study")

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestShardFromEnv(t *testing.T) {
	for _, tc := range []struct {
		vars map[string]string
		want experiment.Shard
		err  string
	}{
		{map[string]string{"SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4"}, experiment.Shard{Index: 2, Count: 4}, ""},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "9", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "5", "SLURM_ARRAY_TASK_STEP": "2"}, experiment.Shard{Index: 4, Count: 5}, ""},
		{map[string]string{"JOB_COMPLETION_INDEX": "3", "CASCADE_SHARDS": "64"}, experiment.Shard{Index: 3, Count: 64}, ""},
		{map[string]string{}, experiment.Shard{}, "not in a Slurm job array (SLURM_ARRAY_TASK_ID) nor a Kubernetes Indexed Job"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "3"}, experiment.Shard{}, "SLURM_ARRAY_TASK_MIN is not set"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "x"}, experiment.Shard{}, `SLURM_ARRAY_TASK_COUNT="x" is not a whole number`},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "4"}, experiment.Shard{}, "shard 4 of 4: expected 0 to 3"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "3", "SLURM_ARRAY_TASK_COUNT": "4"}, experiment.Shard{}, "is not on the array's range"},
		{map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_STEP": "2"}, experiment.Shard{}, "is not on the array's range"},
		{map[string]string{"JOB_COMPLETION_INDEX": "3"}, experiment.Shard{}, "CASCADE_SHARDS is not set (the Job's manifest sets it"},
		{map[string]string{"JOB_COMPLETION_INDEX": "3", "CASCADE_SHARDS": "2"}, experiment.Shard{}, "shard 3 of 2"},
		{map[string]string{"JOB_COMPLETION_INDEX": "0", "CASCADE_SHARDS": "2", "SLURM_ARRAY_TASK_ID": "1"}, experiment.Shard{}, "both SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are set"},
	} {
		got, err := shardFromEnv(env(tc.vars))
		if tc.err != "" {
			require.ErrorContains(t, err, tc.err, tc.vars)
			continue
		}
		require.NoError(t, err, tc.vars)
		require.Equal(t, tc.want, got)
	}
}

// shardArgs is a small study run as shard {shard} of 3.
func shardArgs(out string, more ...string) []string {
	return append([]string{"sweep", "mm1", "--set", "customers=3000", "--vary", "lambda=0.5..0.9/0.2", "--vary", "mu=1,2",
		"--reps", "3", "--out", out, "--quiet"}, more...)
}

// TestShardsMergeByteForByte: three shards (one of them interrupted and
// resumed) merge into exactly the unsharded folder; merge refuses mixed,
// duplicate and missing shards, and --partial says what is missing.
func TestShardsMergeByteForByte(t *testing.T) {
	tmp := t.TempDir()
	whole := filepath.Join(tmp, "whole")
	code, _, errs := runCLI(t, shardArgs(whole)...)
	require.Equal(t, exitOK, code, errs)
	shards := filepath.Join(tmp, "shards", "shard-{shard}")
	for k := range 3 {
		a, _, errb := testApp()
		a.getenv = env(map[string]string{"SLURM_ARRAY_TASK_ID": string(rune('0' + k)), "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3"})
		code := a.main(shardArgs(shards, "--shard", "auto"))
		require.Equal(t, exitOK, code, errb.String())
	}
	dirs := []string{filepath.Join(tmp, "shards", "shard-0"), filepath.Join(tmp, "shards", "shard-1"), filepath.Join(tmp, "shards", "shard-2")}
	require.Contains(t, snapshot(t, dirs[1])["study.json"], `"shard": {`)
	merged := filepath.Join(tmp, "merged")
	code, out, errs := runCLI(t, "merge", dirs[2], dirs[0], dirs[1], "--out", merged)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "merged 3 shards: 18 of 18 runs (0 failed)")
	require.Equal(t, snapshot(t, whole), snapshot(t, merged))

	other := filepath.Join(tmp, "other")
	code, _, errs = runCLI(t, append(shardArgs(other, "--shard", "1/3"), "--reps", "2")...)
	require.Equal(t, exitOK, code, errs)
	twoOf4 := filepath.Join(tmp, "of4")
	code, _, errs = runCLI(t, shardArgs(twoOf4, "--shard", "2/4")...)
	require.Equal(t, exitOK, code, errs)
	for _, tc := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"another study", []string{dirs[0], other, dirs[2]}, exitFail, "is a shard of another study than " + dirs[0] + ": study.reps was 3, now 2"},
		{"another count", []string{dirs[0], twoOf4}, exitFail, "is shard 2/4, but " + dirs[0] + " is one of 3 shards"},
		{"twice", []string{dirs[0], dirs[0]}, exitFail, "are both shard 0/3"},
		{"missing", []string{dirs[0], dirs[2]}, exitFail, "shards 1/3 are missing"},
		{"whole study", []string{whole}, exitFail, "holds a whole study, not a shard"},
		{"not a folder", []string{filepath.Join(tmp, "nothing")}, exitFail, "is not a study folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCLI(t, append(append([]string{"merge"}, tc.args...), "--out", filepath.Join(tmp, "x"))...)
			require.Equal(t, tc.code, code, errs)
			require.Contains(t, errs, tc.err)
		})
	}
	require.NoDirExists(t, filepath.Join(tmp, "x"))

	// --partial merges what exists; the merged folder then resumes to the whole.
	part := filepath.Join(tmp, "part")
	code, _, errs = runCLI(t, "merge", dirs[0], dirs[2], "--out", part, "--partial")
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, errs, "6 runs missing (runs 1, 4, 7, 10, 13, 16)")
	code, _, errs = runCLI(t, shardArgs(part)...)
	require.Equal(t, exitOK, code, errs)
	require.Equal(t, snapshot(t, whole), snapshot(t, part))
}

func TestShardFlagRefuses(t *testing.T) {
	tmp := t.TempDir()
	for _, tc := range []struct {
		args []string
		err  string
	}{
		{shardArgs(filepath.Join(tmp, "a"), "--shard", "3/3"), "--shard shard 3 of 3: expected 0 to 2"},
		{shardArgs(filepath.Join(tmp, "{shard}")), "holds {shard} but no --shard is given"},
		{shardArgs(filepath.Join(tmp, "a"), "--shard", "auto"), "not in a Slurm job array"},
	} {
		code, _, errs := runCLI(t, tc.args...)
		require.NotEqual(t, exitOK, code)
		require.Contains(t, errs, tc.err)
	}
}

// TestDeployFilesAreRendered: deploy/ holds what --emit renders for the
// example study (go test ./cmd/cascade -run TestDeployFiles -update-deploy
// rewrites them; review the diff).
func TestDeployFilesAreRendered(t *testing.T) {
	root := filepath.Join("..", "..")
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(root))
	defer func() { require.NoError(t, os.Chdir(wd)) }()
	for _, tc := range []struct{ emit, file string }{
		{"slurm", "deploy/slurm/retry-storm-metastability.sbatch"},
		{"k8s", "deploy/k8s/retry-storm-metastability.yaml"},
	} {
		code, out, errs := runCLI(t, "sweep", "--study", "scenarios/studies/retry-storm-metastability.yaml", "--emit", tc.emit,
			"--shards", "64", "--workers", "2", "--out", "results/retry-storm-metastability")
		require.Equal(t, exitOK, code, errs)
		if *updateDeploy {
			require.NoError(t, os.WriteFile(tc.file, []byte(out), 0o644))
		}
		want, err := os.ReadFile(tc.file)
		require.NoError(t, err, "run with -update-deploy to write it")
		require.Equal(t, string(want), out, tc.file)
		if tc.emit == "k8s" {
			var job struct {
				Kind string `yaml:"kind"`
				Spec struct {
					CompletionMode string `yaml:"completionMode"`
					Completions    int    `yaml:"completions"`
					Template       struct {
						Spec struct {
							Containers []struct {
								Command []string `yaml:"command"`
								Env     []struct{ Name, Value string }
							} `yaml:"containers"`
						} `yaml:"spec"`
					} `yaml:"template"`
				} `yaml:"spec"`
			}
			require.NoError(t, yaml.Unmarshal([]byte(out), &job))
			require.Equal(t, "Job", job.Kind)
			require.Equal(t, "Indexed", job.Spec.CompletionMode)
			require.Equal(t, 64, job.Spec.Completions)
			c := job.Spec.Template.Spec.Containers[0]
			require.Equal(t, []string{"cascade", "sweep", "--study", "/study/study.yaml", "--shard", "auto"}, c.Command[:6])
			require.Equal(t, "CASCADE_SHARDS", c.Env[0].Name)
			require.Equal(t, "64", c.Env[0].Value)
		}
	}
	code, _, errs := runCLI(t, "sweep", "mm1", "--vary", "mu=1,2", "--emit", "slurm", "--shards", "2", "--out", "x")
	require.Equal(t, exitUsage, code)
	require.Contains(t, errs, "--emit needs --study FILE")
	code, _, errs = runCLI(t, "sweep", "--study", "scenarios/studies/retry-storm-metastability.yaml", "--emit", "pbs", "--shards", "2", "--out", "x")
	require.Equal(t, exitUsage, code)
	require.True(t, strings.Contains(errs, `--emit "pbs": expected slurm or k8s`), errs)
}
