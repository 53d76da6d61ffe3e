package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/cascade-sim/cascade/scenarios/experiment"
)

// Files of a study folder.
const (
	studyFile      = "study.json"
	runsFile       = "runs.csv"
	runsRewrite    = "runs.csv.new"
	summaryCSVFile = "summary.csv"
	summaryJSON    = "summary.json"
	plotsDir       = "plots"
	studyKind      = "study"
	studyFormat    = 1
)

// studyRecord is study.json: what a study folder holds runs of. A folder
// is resumed only by the same study of the same scenario with the same
// cascade; nothing in it depends on the wall clock or the worker count.
type studyRecord struct {
	Tool    string    `json:"tool"`
	Kind    string    `json:"kind"`
	Format  int       `json:"format"`
	Cascade buildInfo `json:"cascade"`
	// ScenarioSHA256 is the SHA-256 of the scenario file's bytes;
	// ScenarioFile names it (in errors), ScenarioText is the file itself,
	// so that a folder says exactly what ran and cascade merge needs
	// nothing but the folders.
	ScenarioSHA256 string            `json:"scenario_sha256"`
	ScenarioFile   string            `json:"scenario_file"`
	ScenarioText   string            `json:"scenario_text"`
	Study          experiment.Record `json:"study"`
	// Shard is the shard the folder holds; absent for the whole study.
	Shard *shardRecord `json:"shard,omitempty"`
}

// shardRecord is a shard folder's part of its study.
type shardRecord struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// renderStudyRecord renders study.json for a plan of the scenario file
// (its name in errors) whose bytes are data.
func renderStudyRecord(p *experiment.Plan, file string, data []byte) ([]byte, error) {
	sum := sha256.Sum256(data)
	r := studyRecord{Tool: toolName, Kind: studyKind, Format: studyFormat, Cascade: readBuildInfo(),
		ScenarioSHA256: hex.EncodeToString(sum[:]), ScenarioFile: file, ScenarioText: string(data), Study: p.Record()}
	if p.Shard.Count > 0 {
		r.Shard = &shardRecord{Index: p.Shard.Index, Count: p.Shard.Count}
	}
	return encodeStudyRecord(r)
}

// encodeStudyRecord writes study.json's bytes.
func encodeStudyRecord(r studyRecord) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("encoding %s: %w", studyFile, err)
	}
	return buf.Bytes(), nil
}

// studyFolder is a study's folder, locked while a command uses it. Unlike
// a run folder it is a journal: rows are added as runs finish and kept
// when the command is interrupted.
type studyFolder struct {
	dir, out string
	lock     *os.File
	resumed  bool
}

// openStudyFolder locks out and creates it with study.json, or checks
// that the folder holds the same study (then it is resumed).
func openStudyFolder(out string, record []byte) (*studyFolder, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, fmt.Errorf("--out %s: %w", out, err)
	}
	parent, name := filepath.Dir(abs), filepath.Base(abs)
	if parent == abs {
		return nil, fmt.Errorf("--out %s: the root folder cannot be a study folder", out)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("--out %s: creating its parent folder: %w", out, err)
	}
	lock, err := os.OpenFile(filepath.Join(parent, lockName(name)), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("--out %s: cannot write in %s: %w", out, parent, err)
	}
	if err := lockFile(lock); err != nil {
		lock.Close()
		if errors.Is(err, errLocked) {
			return nil, fmt.Errorf("--out %s: another cascade command is writing this folder (it holds %s)", out, lock.Name())
		}
		return nil, fmt.Errorf("--out %s: locking %s: %w", out, lock.Name(), err)
	}
	f := &studyFolder{dir: abs, out: out, lock: lock}
	if err := f.check(record); err != nil {
		f.release()
		return nil, err
	}
	return f, nil
}

// check creates the folder or checks that it holds the same study.
func (f *studyFolder) check(record []byte) error {
	st, err := os.Lstat(f.dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Mkdir(f.dir, 0o755); err != nil {
			return fmt.Errorf("--out %s: %w", f.out, err)
		}
		return f.writeAtomic(studyFile, record)
	case err != nil:
		return fmt.Errorf("--out %s: %w", f.out, err)
	case !st.IsDir():
		return fmt.Errorf("--out %s is a file, not a folder", f.out)
	}
	old, err := os.ReadFile(filepath.Join(f.dir, studyFile))
	if errors.Is(err, fs.ErrNotExist) {
		entries, err := os.ReadDir(f.dir)
		switch {
		case err != nil:
			return fmt.Errorf("--out %s: %w", f.out, err)
		case len(entries) == 0:
			return f.writeAtomic(studyFile, record)
		case isRunFolder(f.dir):
			return fmt.Errorf("--out %s is a run folder (it has run.json): give a new folder for the study", f.out)
		}
		return fmt.Errorf("--out %s holds files cascade did not write (it has no study.json): give a new or empty folder", f.out)
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", f.out, err)
	}
	if !bytes.Equal(old, record) {
		return fmt.Errorf("--out %s holds another study: %s; give a new folder, or the same study to resume it", f.out, recordDifference(old, record))
	}
	f.resumed = true
	return nil
}

// recordDifference names the first field in which two study.json differ.
func recordDifference(old, now []byte) string {
	var a, b map[string]any
	if json.Unmarshal(old, &a) != nil {
		return "its study.json is not one cascade wrote"
	}
	_ = json.Unmarshal(now, &b)
	if a["tool"] != toolName || a["kind"] != studyKind {
		return "its study.json is not one cascade wrote"
	}
	var walk func(prefix string, x, y map[string]any) string
	walk = func(prefix string, x, y map[string]any) string {
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, ok := x[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			xv, yv := x[k], y[k]
			xm, ok1 := xv.(map[string]any)
			ym, ok2 := yv.(map[string]any)
			if ok1 && ok2 {
				if d := walk(prefix+k+".", xm, ym); d != "" {
					return d
				}
				continue
			}
			xb, _ := json.Marshal(xv)
			yb, _ := json.Marshal(yv)
			if !bytes.Equal(xb, yb) {
				return fmt.Sprintf("%s%s was %s, now %s", prefix, k, clip(string(xb)), clip(string(yb)))
			}
		}
		return ""
	}
	if d := walk("", a, b); d != "" {
		return d
	}
	return "its study.json differs"
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:117] + "..."
	}
	return s
}

// path is a file of the folder.
func (f *studyFolder) path(name string) string { return filepath.Join(f.dir, name) }

// writeAtomic writes a file of the folder whole or not at all: into a
// temporary file, synced, then renamed over name.
func (f *studyFolder) writeAtomic(name string, data []byte) error {
	return f.createAtomic(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// createAtomic writes name through write, whole or not at all.
func (f *studyFolder) createAtomic(name string, write func(io.Writer) error) error {
	final := f.path(name)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", final, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return fmt.Errorf("writing %s: %w", final, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", final, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", final, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", final, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", final, err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return fmt.Errorf("writing %s: %w", final, err)
	}
	return syncDir(filepath.Dir(final))
}

// removeOutputs removes what a finished study writes at its end
// (summaries, plots) before runs are added, so that they never describe
// fewer runs than runs.csv holds; and a rewrite an interrupted
// --retry-failed left.
func (f *studyFolder) removeOutputs() error {
	for _, name := range []string{summaryCSVFile, summaryJSON, runsRewrite} {
		if err := os.Remove(f.path(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", f.path(name), err)
		}
	}
	if err := os.RemoveAll(f.path(plotsDir)); err != nil {
		return fmt.Errorf("removing %s: %w", f.path(plotsDir), err)
	}
	return nil
}

// rewrite opens runs.csv.new for --retry-failed; finish(true) renames it
// over runs.csv.
func (f *studyFolder) rewrite() (io.Writer, func(bool) error, error) {
	tmp, err := os.OpenFile(f.path(runsRewrite), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("writing %s: %w", f.path(runsRewrite), err)
	}
	return tmp, func(keep bool) error {
		err := tmp.Sync()
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil || !keep {
			os.Remove(tmp.Name())
			return err
		}
		if err := os.Rename(tmp.Name(), f.path(runsFile)); err != nil {
			return err
		}
		return syncDir(f.dir)
	}, nil
}

// release unlocks the folder.
func (f *studyFolder) release() {
	if f.lock != nil {
		unlockFile(f.lock)
		f.lock.Close()
		f.lock = nil
	}
}
