package main

import (
	"path/filepath"
	"strings"
	"text/template"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// batchFile is what --emit renders from.
type batchFile struct {
	Name, Study, Scenario, Base, Image string
	Shards, Last, Workers              int
	Runs                               int
}

var slurmTemplate = template.Must(template.New("slurm").Parse(`#!/bin/bash
# A Slurm job array that runs the cascade study {{.Study}} ({{.Runs}} runs of
# {{.Scenario}}) in {{.Shards}} shards; rendered by
#   cascade sweep --study {{.Study}} --emit slurm --shards {{.Shards}} --workers {{.Workers}} --out {{.Base}}
# Submit it from the folder the study's paths are relative to, with cascade
# on the PATH of the compute nodes:   sbatch {{.Name}}.sbatch
# Each task writes its shard's study folder {{.Base}}/shard-N (a journal: a
# task that is requeued or resubmitted resumes its shard). When every task
# is done:   cascade merge {{.Base}}/shard-* --out {{.Base}}/merged
#SBATCH --job-name=cascade-{{.Name}}
#SBATCH --array=0-{{.Last}}
#SBATCH --cpus-per-task={{.Workers}}
#SBATCH --output=cascade-{{.Name}}-%A_%a.log
set -euo pipefail
exec cascade sweep --study '{{.Study}}' --shard auto --workers "${SLURM_CPUS_PER_TASK:-{{.Workers}}}" --out '{{.Base}}/shard-{shard}'
`))

var k8sTemplate = template.Must(template.New("k8s").Parse(`# A Kubernetes Indexed Job that runs the cascade study {{.Study}} ({{.Runs}} runs
# of {{.Scenario}}) in {{.Shards}} shards; rendered by
#   cascade sweep --study {{.Study}} --emit k8s --shards {{.Shards}} --workers {{.Workers}} --image {{.Image}} --out {{.Base}}
# The study file goes in a ConfigMap (add any scenario file it names beside
# it), the shards write to a shared volume (a ReadWriteMany claim named
# cascade-results), each pod into /results/{{.Name}}/shard-N:
#   kubectl create configmap cascade-study-{{.Name}} --from-file=study.yaml={{.Study}}
#   kubectl apply -f {{.Name}}.yaml
# When the Job is complete, copy /results/{{.Name}} out of the volume to
# {{.Base}} (or mount it there) and merge:
#   cascade merge {{.Base}}/shard-* --out {{.Base}}/merged
# A pod that is retried resumes its shard (each shard's folder is a journal).
apiVersion: batch/v1
kind: Job
metadata:
  name: cascade-{{.Name}}
spec:
  completionMode: Indexed
  completions: {{.Shards}}
  parallelism: {{.Shards}}
  backoffLimit: {{.Shards}}
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: cascade
          image: {{.Image}}
          command: ["cascade", "sweep", "--study", "/study/study.yaml", "--shard", "auto",
                    "--workers", "{{.Workers}}", "--out", "/results/{{.Name}}/shard-{shard}"]
          env:
            - name: CASCADE_SHARDS
              value: "{{.Shards}}"
          resources:
            requests:
              cpu: "{{.Workers}}"
          volumeMounts:
            - name: study
              mountPath: /study
              readOnly: true
            - name: results
              mountPath: /results
      volumes:
        - name: study
          configMap:
            name: cascade-study-{{.Name}}
        - name: results
          persistentVolumeClaim:
            claimName: cascade-results
`))

// jobName makes a study file's name a DNS label, as Slurm job names and
// Kubernetes objects like them.
func jobName(study string) string {
	base := strings.TrimSuffix(filepath.Base(study), filepath.Ext(study))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-")
	if len(name) > 40 {
		name = strings.Trim(name[:40], "-")
	}
	if name == "" {
		name = "study"
	}
	return name
}

// emitBatch prints a Slurm batch script or a Kubernetes Indexed Job that
// runs the --study in --shards shards.
func (a *app) emitBatch(cmd *cobra.Command, f *sweepFlags, st *experiment.Study) error {
	var tmpl *template.Template
	switch f.emit {
	case "slurm":
		tmpl = slurmTemplate
	case "k8s":
		tmpl = k8sTemplate
	default:
		return usagef("--emit %q: expected slurm or k8s", f.emit)
	}
	switch {
	case f.study == "":
		return usagef("--emit needs --study FILE: the batch file runs the study file")
	case f.shards < 1 || f.shards > experiment.MaxShards:
		return usagef("--emit needs --shards N, from 1 to %d", experiment.MaxShards)
	case f.out == "":
		return usagef("--emit needs --out BASE: the shards write BASE/shard-N")
	case f.shard != "":
		return usagef("--emit writes a file for every shard; --shard cannot be used with it")
	case strings.ContainsAny(f.study+f.out, "'\n"):
		return usagef("--emit: the study's path and --out may not hold a quote or a newline")
	}
	workers := f.workers
	if workers == 0 {
		workers = 1
	}
	runs := len(st.Combinations()) * st.Reps
	return tmpl.Execute(a.stdout, batchFile{Name: jobName(f.study), Study: filepath.ToSlash(f.study), Scenario: st.Scenario,
		Base: filepath.ToSlash(f.out), Image: f.image, Shards: f.shards, Last: f.shards - 1, Workers: workers, Runs: runs})
}
