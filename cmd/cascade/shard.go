package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// shardFromEnv reads the shard of a batch job from its environment: a
// Slurm job array (SLURM_ARRAY_TASK_ID minus SLURM_ARRAY_TASK_MIN, divided
// by SLURM_ARRAY_TASK_STEP if set, of SLURM_ARRAY_TASK_COUNT) or a
// Kubernetes Indexed Job (JOB_COMPLETION_INDEX of CASCADE_SHARDS, which
// the manifest sets).
func shardFromEnv(getenv func(string) string) (experiment.Shard, error) {
	slurm, k8s := getenv("SLURM_ARRAY_TASK_ID") != "", getenv("JOB_COMPLETION_INDEX") != ""
	number := func(name string) (int, error) {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			return 0, fmt.Errorf("--shard auto: %s is not set", name)
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, fmt.Errorf("--shard auto: %s=%q is not a whole number", name, v)
		}
		return n, nil
	}
	switch {
	case slurm && k8s:
		return experiment.Shard{}, fmt.Errorf("--shard auto: both SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX are set: give --shard i/n")
	case slurm:
		id, err := number("SLURM_ARRAY_TASK_ID")
		if err != nil {
			return experiment.Shard{}, err
		}
		lo, err := number("SLURM_ARRAY_TASK_MIN")
		if err != nil {
			return experiment.Shard{}, err
		}
		count, err := number("SLURM_ARRAY_TASK_COUNT")
		if err != nil {
			return experiment.Shard{}, err
		}
		step := 1
		if getenv("SLURM_ARRAY_TASK_STEP") != "" {
			if step, err = number("SLURM_ARRAY_TASK_STEP"); err != nil {
				return experiment.Shard{}, err
			}
		}
		if step < 1 || id < lo || (id-lo)%step != 0 {
			return experiment.Shard{}, fmt.Errorf("--shard auto: SLURM_ARRAY_TASK_ID=%d is not on the array's range from SLURM_ARRAY_TASK_MIN=%d by SLURM_ARRAY_TASK_STEP=%d (a study's array must be a range, e.g. --array=0-63)", id, lo, step)
		}
		s, err := experiment.NewShard((id-lo)/step, count)
		if err != nil {
			return s, fmt.Errorf("--shard auto: SLURM_ARRAY_TASK_ID=%d, _MIN=%d, _COUNT=%d: %w", id, lo, count, err)
		}
		return s, nil
	case k8s:
		i, err := number("JOB_COMPLETION_INDEX")
		if err != nil {
			return experiment.Shard{}, err
		}
		n, err := number("CASCADE_SHARDS")
		if err != nil {
			return experiment.Shard{}, fmt.Errorf("%w (the Job's manifest sets it to its completions)", err)
		}
		s, err := experiment.NewShard(i, n)
		if err != nil {
			return s, fmt.Errorf("--shard auto: JOB_COMPLETION_INDEX=%d, CASCADE_SHARDS=%d: %w", i, n, err)
		}
		return s, nil
	}
	return experiment.Shard{}, fmt.Errorf("--shard auto: not in a Slurm job array (SLURM_ARRAY_TASK_ID) nor a Kubernetes Indexed Job (JOB_COMPLETION_INDEX): give --shard i/n")
}

// parseShardFlag reads --shard: empty (the whole study), i/n or auto.
func parseShardFlag(v string, getenv func(string) string) (experiment.Shard, error) {
	switch v {
	case "":
		return experiment.Shard{}, nil
	case "auto":
		return shardFromEnv(getenv)
	}
	s, err := experiment.ParseShard(v)
	if err != nil {
		return s, usagef("--shard %v", err)
	}
	return s, nil
}
