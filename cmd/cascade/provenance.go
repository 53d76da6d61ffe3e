package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

const (
	// runFile is the provenance file of a run folder.
	runFile = "run.json"
	// toolName marks a run.json as cascade's.
	toolName = "cascade"
	// runFormat is the version of run.json's layout, its "format" field;
	// it changes when a field is renamed, removed or changes meaning.
	runFormat = 1
)

// runRecord is run.json: where a run folder came from, and the wall-clock
// figures of the run (which no other file holds).
type runRecord struct {
	// Format is runFormat; Tool is "cascade".
	Format int    `json:"format"`
	Tool   string `json:"tool"`
	// Cascade is the binary's version, revision, Go version and target.
	Cascade buildInfo `json:"cascade"`
	// Command is the command line, as typed.
	Command []string `json:"command"`
	// Scenario is what was run, resolved.
	Scenario scenarioRecord `json:"scenario"`
	// Seed is the seed the run used (after --seed).
	Seed uint64 `json:"seed"`
	// PlotFormats are the --format values, in order.
	PlotFormats []string `json:"plot_formats"`
	// PlotSize is the --size of the plots, "1920x1080"; empty (and
	// absent) for the default size.
	PlotSize string `json:"plot_size,omitempty"`
	// SummaryFormat is summary.json's format version.
	SummaryFormat int `json:"summary_format"`
	// Outputs lists the other files of the folder with their size and
	// SHA-256.
	Outputs []outputRecord `json:"outputs"`
	// Events is the number of events processed.
	Events uint64 `json:"events"`
	// StartedUTC is when the run started (RFC 3339, UTC).
	StartedUTC string `json:"started_utc"`
	// WallSeconds is how long the simulation took on the wall clock,
	// EventsPerSecond is Events / WallSeconds.
	WallSeconds     float64 `json:"wall_seconds"`
	EventsPerSecond float64 `json:"events_per_s"`
}

// scenarioRecord is the scenario a run used.
type scenarioRecord struct {
	// Name is the scenario's name.
	Name string `json:"name"`
	// Source is the built-in's name or the file given on the command
	// line; Sets the --set overrides given, in order (for --from, those of
	// the original run).
	Source string   `json:"source"`
	Sets   []string `json:"sets"`
	// SHA256 is the hex SHA-256 of Resolved.
	SHA256 string `json:"sha256"`
	// Resolved is the scenario as run, as YAML: after params, ${} and
	// --set, each param's default being the value used.
	Resolved string `json:"resolved"`
}

// outputRecord is one output file's size and digest.
type outputRecord struct {
	Name   string `json:"name"`
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// resolve returns the resolved document of s and its digest.
func resolve(s *spec.Spec) (resolved []byte, digest string, err error) {
	resolved, err = s.Resolved()
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(resolved)
	return resolved, hex.EncodeToString(sum[:]), nil
}

// renderRunRecord renders run.json.
func renderRunRecord(r *runRecord, files []outputFile) (outputFile, error) {
	r.Format, r.Tool, r.Cascade, r.SummaryFormat = runFormat, toolName, readBuildInfo(), scenarios.SummaryFormat
	r.Outputs = r.Outputs[:0]
	for _, f := range files {
		sum := sha256.Sum256(f.data)
		r.Outputs = append(r.Outputs, outputRecord{Name: f.name, Bytes: len(f.data), SHA256: hex.EncodeToString(sum[:])})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return outputFile{}, fmt.Errorf("encoding %s: %w", runFile, err)
	}
	return outputFile{runFile, buf.Bytes()}, nil
}

// readRunRecord reads DIR/run.json for --from.
func readRunRecord(dir string) (*runRecord, string, error) {
	path := filepath.Join(dir, runFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, path, fmt.Errorf("--from %s: %w", dir, err)
	}
	var r runRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, path, fmt.Errorf("--from %s: %s is not a run record: %w", dir, path, err)
	}
	if r.Tool != toolName || r.Format < 1 {
		return nil, path, fmt.Errorf("--from %s: %s was not written by cascade (no \"tool\": %q, \"format\")", dir, path, toolName)
	}
	if r.Format > runFormat {
		return nil, path, fmt.Errorf("--from %s: %s has format %d; this cascade reads format %d and older", dir, path, r.Format, runFormat)
	}
	return &r, path, nil
}

// loadRecorded loads the resolved scenario of a run record and checks that
// it is the one recorded: the same digest, and it resolves to itself.
func loadRecorded(r *runRecord, path string) (*spec.Spec, error) {
	data := []byte(r.Scenario.Resolved)
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != r.Scenario.SHA256 {
		return nil, fmt.Errorf("%s: the resolved scenario does not match its sha256 %s (was the file edited?)", path, r.Scenario.SHA256)
	}
	s, err := scenarios.Validate(path+" (scenario.resolved)", data, nil)
	if err != nil {
		return nil, err
	}
	_, digest, err := resolve(s)
	if err != nil {
		return nil, err
	}
	if digest != r.Scenario.SHA256 {
		return nil, fmt.Errorf("%s: the resolved scenario does not resolve to itself with this cascade (sha256 %s, recorded %s)", path, digest, r.Scenario.SHA256)
	}
	s.Seed = r.Seed
	return s, nil
}
