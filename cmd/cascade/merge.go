package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// mergeFlags are cascade merge's flags.
type mergeFlags struct {
	out, format string
	partial     bool
	quiet       bool
}

func (a *app) mergeCmd() *cobra.Command {
	f := &mergeFlags{}
	cmd := &cobra.Command{
		Use:   "merge SHARD_DIR... --out DIR [flags]",
		Short: "merge the shard folders of a study into the folder the unsharded study writes",
		Long: `Reads the study folders written by cascade sweep --shard i/n (each a shard of
one study) and writes DIR exactly as the unsharded sweep would have, byte for
byte: study.json, runs.csv, summary.csv, summary.json and plots/. The shards
must be of the same study, scenario and cascade version (their study.json
alike but for the shard), one folder per shard. A missing shard, or runs a
shard has not finished, are reported by index; --partial merges what exists
(the summaries then leave the missing runs out), and cascade sweep --study S
--out DIR run on the merged folder later runs just those.`,
		Example: `  cascade merge out/map/shard-* --out out/map/merged
  cascade merge results/shard-0 results/shard-1 results/shard-3 --out results/merged --partial`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.merge(args, f)
		},
	}
	fs := cmd.Flags()
	fs.SortFlags = false
	fs.StringVar(&f.out, "out", "", "the merged study folder to write (required)")
	fs.BoolVar(&f.partial, "partial", false, "merge the shards and runs that exist, and say which are missing")
	fs.StringVar(&f.format, "format", "png", "plot formats, comma-separated: png, svg; none for no plots")
	fs.BoolVar(&f.quiet, "quiet", false, "print nothing on success")
	_ = cmd.MarkFlagDirname("out")
	return cmd
}

// readShardRecord reads a shard folder's study.json.
func readShardRecord(dir string) (studyRecord, error) {
	var r studyRecord
	b, err := os.ReadFile(filepath.Join(dir, studyFile))
	if err != nil {
		return r, fmt.Errorf("%s is not a study folder: %w", dir, err)
	}
	if err := json.Unmarshal(b, &r); err != nil || r.Tool != toolName || r.Kind != studyKind {
		return r, fmt.Errorf("%s: its study.json is not one cascade wrote", dir)
	}
	if r.Format > studyFormat {
		return r, fmt.Errorf("%s: its study.json has format %d; this cascade reads %d", dir, r.Format, studyFormat)
	}
	if r.Shard == nil {
		return r, fmt.Errorf("%s holds a whole study, not a shard (no shard in its study.json)", dir)
	}
	return r, nil
}

func (a *app) merge(dirs []string, f *mergeFlags) error {
	if f.out == "" {
		return usagef("--out DIR is required: the merged study folder")
	}
	formats, err := parseFormats(f.format)
	if err != nil {
		return err
	}
	var first studyRecord
	var firstBytes []byte
	count := 0
	byIndex := map[int]string{}
	for i, dir := range dirs {
		r, err := readShardRecord(dir)
		if err != nil {
			return err
		}
		shard := *r.Shard
		r.Shard = nil
		b, err := encodeStudyRecord(r)
		if err != nil {
			return err
		}
		if i == 0 {
			first, firstBytes, count = r, b, shard.Count
		} else if string(b) != string(firstBytes) {
			return fmt.Errorf("%s is a shard of another study than %s: %s", dir, dirs[0], recordDifference(firstBytes, b))
		}
		if shard.Count != count {
			return fmt.Errorf("%s is shard %d/%d, but %s is one of %d shards", dir, shard.Index, shard.Count, dirs[0], count)
		}
		if other, ok := byIndex[shard.Index]; ok {
			return fmt.Errorf("%s and %s are both shard %d/%d", other, dir, shard.Index, shard.Count)
		}
		byIndex[shard.Index] = dir
	}
	var missingShards []string
	for k := range count {
		if _, ok := byIndex[k]; !ok {
			missingShards = append(missingShards, fmt.Sprintf("%d/%d", k, count))
		}
	}
	if len(missingShards) > 0 && !f.partial {
		return fmt.Errorf("shards %s are missing: give every shard's folder, or --partial to merge what exists", strings.Join(missingShards, ", "))
	}
	sum := sha256.Sum256([]byte(first.ScenarioText))
	if hex.EncodeToString(sum[:]) != first.ScenarioSHA256 {
		return fmt.Errorf("%s: the scenario in study.json does not match its sha256 (was the file edited?)", dirs[0])
	}
	st := first.Study.Study()
	p, err := experiment.NewPlan(st, first.Study.Source, first.ScenarioFile, []byte(first.ScenarioText), experiment.PlanOptions{Limits: noLimits})
	if err != nil {
		return err
	}
	record, err := renderStudyRecord(p, first.ScenarioFile, []byte(first.ScenarioText))
	if err != nil {
		return err
	}
	if string(record) != string(firstBytes) {
		return fmt.Errorf("%s: this cascade plans the study differently from the one that ran it: %s", dirs[0], recordDifference(firstBytes, record))
	}
	folder, err := openStudyFolder(f.out, record)
	if err != nil {
		return err
	}
	defer folder.release()
	if err := folder.removeOutputs(); err != nil {
		return err
	}
	journals := make([]io.Reader, count)
	for k := range count {
		dir, ok := byIndex[k]
		if !ok {
			journals[k] = strings.NewReader(strings.Join(p.Header(), ",") + "\n")
			continue
		}
		file, err := os.Open(filepath.Join(dir, runsFile))
		if err != nil {
			return fmt.Errorf("shard %d/%d: %w", k, count, err)
		}
		defer file.Close()
		// Only whole lines: a shard killed mid-row has a partial last one.
		info, err := file.Stat()
		if err != nil {
			return err
		}
		journals[k] = io.NewSectionReader(file, 0, wholeLines(file, info.Size()))
	}
	var res experiment.MergeResult
	err = folder.createAtomic(runsFile, func(w io.Writer) error {
		var err error
		res, err = p.MergeShards(journals, w)
		return err
	})
	if err != nil {
		return err
	}
	partial := res.Missing > 0
	if partial && !f.partial {
		return fmt.Errorf("%d runs are missing from the shards (%s): finish those shards (the same cascade sweep --shard command resumes one), or --partial",
			res.Missing, listRuns(res))
	}
	cells, err := writeStudySummaries(p, folder, partial)
	if err != nil {
		return err
	}
	var plotted, notes []string
	if len(formats) > 0 && len(cells.figures) > 0 {
		plot := writeStudyPlots
		if p.Study.Design == experiment.OneAtATime {
			plot = writeTornado
		}
		if plotted, notes, err = plot(p, folder, cells, formats); err != nil {
			return err
		}
	}
	if !f.quiet {
		fmt.Fprintf(a.stdout, "%s: merged %d shards: %d of %d runs (%d failed) into %s\n", p.Scenario, len(dirs), res.Rows, p.Runs(), res.Failed, f.out)
		for _, name := range plotted {
			fmt.Fprintf(a.stdout, "  wrote %s\n", name)
		}
		for _, n := range notes {
			fmt.Fprintf(a.stdout, "  %s\n", n)
		}
	}
	if partial {
		fmt.Fprintf(a.stderr, "cascade: %d runs missing (%s); the summaries leave them out; cascade sweep --study STUDY --out %s runs them\n",
			res.Missing, listRuns(res), f.out)
	}
	if res.Failed > 0 {
		fmt.Fprintf(a.stderr, "cascade: %d of %d runs failed; their rows in %s say why\n", res.Failed, p.Runs(), folder.path(runsFile))
		return &errQuiet{code: exitFail}
	}
	return nil
}

// listRuns writes the missing runs' indices, the first ones.
func listRuns(res experiment.MergeResult) string {
	parts := make([]string, len(res.Listed))
	for i, v := range res.Listed {
		parts[i] = fmt.Sprint(v)
	}
	s := "runs " + strings.Join(parts, ", ")
	if res.Missing > len(res.Listed) {
		s += fmt.Sprintf(" and %d more", res.Missing-len(res.Listed))
	}
	return s
}

// wholeLines is the length of a file's whole lines.
func wholeLines(f *os.File, size int64) int64 {
	buf := make([]byte, 1)
	for end := size; end > 0; end-- {
		if _, err := f.ReadAt(buf, end-1); err != nil {
			return 0
		}
		if buf[0] == '\n' {
			return end
		}
	}
	return 0
}
