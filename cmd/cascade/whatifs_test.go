package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/experiment"
)

var (
	whatIfsDir = flag.String("whatifs", "", "a folder of compare folders, one per study under scenarios/studies (as .ci/whatif-tables writes it)")
	update     = flag.Bool("update", false, "rewrite golden files: testdata/topology; with -whatifs, the README's what-if tables from the compare folders")
)

// The README's what-if tables sit between these markers, each made from
// the compare folder of one study file: .ci/whatif-tables runs them all.
const (
	whatIfBegin = "<!-- what-if table: %s -->"
	whatIfEnd   = "<!-- end of what-if table -->"
)

var readmePath = filepath.Join("..", "..", "README.md")

// whatIfEstimate is one figure of one variant over its replications.
type whatIfEstimate struct {
	N                int
	Mean, SD, Lo, Hi float64
}

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// whatIfResults are a compare folder's figures: compare.json, and runs.csv
// for figures summed over several paths.
type whatIfResults struct {
	rec  compareRecord
	runs [][]string
}

func readWhatIfResults(t *testing.T, dir string) *whatIfResults {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, compareFile))
	require.NoError(t, err)
	r := &whatIfResults{}
	require.NoError(t, json.Unmarshal(data, &r.rec), "%s/%s", dir, compareFile)
	require.Equal(t, compareKind, r.rec.Kind)
	f, err := os.Open(filepath.Join(dir, "runs.csv"))
	require.NoError(t, err)
	defer f.Close()
	r.runs, err = csv.NewReader(f).ReadAll()
	require.NoError(t, err, "%s/runs.csv", dir)
	require.NotEmpty(t, r.runs)
	return r
}

// estimate is the figure of column c for the variant named name (or the
// baseline's, cell).
func (r *whatIfResults) estimate(t *testing.T, cell compareCell, c whatIfColumn) whatIfEstimate {
	t.Helper()
	if len(c.paths) == 1 {
		e, ok := cell.Estimates[c.paths[0]]
		if !ok {
			return whatIfEstimate{Mean: math.NaN()}
		}
		return whatIfEstimate{e.N, orNaN(e.Mean), orNaN(e.SD), orNaN(e.Lo), orNaN(e.Hi)}
	}
	// A sum: per run from runs.csv, then a t interval as compare gives.
	head := r.runs[0]
	variant := slices.Index(head, "variant")
	require.GreaterOrEqual(t, variant, 0, "runs.csv has no variant column")
	var idx []int
	for _, p := range c.paths {
		j := slices.Index(head, p)
		require.GreaterOrEqual(t, j, 0, "runs.csv has no column %s", p)
		idx = append(idx, j)
	}
	var vals []float64
	for _, row := range r.runs[1:] {
		if row[variant] != cell.Name {
			continue
		}
		sum, ok := 0.0, false
		for _, j := range idx {
			if row[j] == "" {
				continue
			}
			v, err := strconv.ParseFloat(row[j], 64)
			require.NoError(t, err)
			sum, ok = sum+v, true
		}
		if ok {
			vals = append(vals, sum)
		}
	}
	return tEstimate(vals)
}

// tEstimate is the mean of vals with its 95% Student t interval.
func tEstimate(vals []float64) whatIfEstimate {
	e := whatIfEstimate{N: len(vals), Mean: math.NaN(), SD: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}
	if e.N == 0 {
		return e
	}
	sum := 0.0
	for _, v := range vals {
		sum += v
	}
	e.Mean = sum / float64(e.N)
	if e.N < 2 {
		return e
	}
	ss := 0.0
	for _, v := range vals {
		ss += (v - e.Mean) * (v - e.Mean)
	}
	e.SD = math.Sqrt(ss / float64(e.N-1))
	q := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(e.N - 1)}.Quantile(1 - (1-experiment.Confidence)/2)
	half := q * e.SD / math.Sqrt(float64(e.N))
	e.Lo, e.Hi = e.Mean-half, e.Mean+half
	return e
}

// label is a variant's row label: its name, with the sets it begins with
// as code.
func (w whatIfTable) label(name string, sets []string) string {
	if l, ok := w.labels[name]; ok {
		return l
	}
	joined := strings.Join(sets, " ")
	if rest, ok := strings.CutPrefix(name, joined); ok && joined != "" {
		return "`" + joined + "`" + rest
	}
	return name
}

// rowLabels are the labels of the table's rows for the study: the
// baseline's, then one per variant.
func (w whatIfTable) rowLabels(st *experiment.Study) []string {
	out := []string{w.baseline}
	for _, v := range st.Variants {
		out = append(out, w.label(v.Label(), v.Sets))
	}
	return out
}

// render is the table and its note from a compare folder's results.
func (w whatIfTable) render(t *testing.T, r *whatIfResults) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("| " + w.first)
	for _, c := range w.columns {
		b.WriteString(" | " + c.header)
	}
	b.WriteString(" |\n|---" + strings.Repeat("|---", len(w.columns)) + "|\n")
	row := func(label string, cell compareCell) {
		b.WriteString("| " + label)
		for _, c := range w.columns {
			b.WriteString(" | " + c.format.cell(r.estimate(t, cell, c)))
		}
		b.WriteString(" |\n")
	}
	row(w.baseline, r.rec.Baseline)
	for _, v := range r.rec.Variants {
		row(w.label(v.Name, v.Sets), v.compareCell)
	}
	fmt.Fprintf(&b, "\nMean [95%% interval] over %d seeds (replications from seed %d), from `scenarios/studies/%s.yaml`;\nregenerate with `.ci/whatif-tables`.\n",
		r.rec.Study.Reps, r.rec.Study.Seed, w.study)
	return b.String()
}

// whatIfSection finds the table of study in readme: the offsets just after
// its begin marker's line and of its end marker.
func whatIfSection(t *testing.T, readme, study string) (int, int) {
	t.Helper()
	begin := fmt.Sprintf(whatIfBegin, study)
	i := strings.Index(readme, begin)
	require.GreaterOrEqual(t, i, 0, "README.md lacks the marker %s", begin)
	require.Equal(t, 1, strings.Count(readme, begin), "README.md has %s more than once", begin)
	from := i + len(begin) + 1
	j := strings.Index(readme[from:], whatIfEnd)
	require.GreaterOrEqual(t, j, 0, "README.md: %s has no %s after it", begin, whatIfEnd)
	return from, from + j
}

// sameStudy checks that a compare folder ran the study file as it is now.
func sameStudy(t *testing.T, st *experiment.Study, rec experiment.Record) {
	t.Helper()
	require.Equal(t, st.Scenario, rec.Scenario)
	require.Equal(t, st.Reps, rec.Reps)
	if st.Seed != nil {
		require.Equal(t, *st.Seed, rec.Seed)
	}
	require.Equal(t, len(st.Variants), len(rec.Variants), "the compare folder is older than the study file")
	for i, v := range st.Variants {
		require.Equal(t, v.Sets, rec.Variants[i].Sets, "the compare folder is older than the study file")
	}
}

// Every what-if table in the README is between markers naming a study file
// under scenarios/studies, its rows are the study's baseline and variants,
// and with -whatifs DIR -update it is rewritten from DIR/<study>/compare.json
// (.ci/whatif-tables does that; a table whose folder is missing is left as
// it is).
func TestREADMEWhatIfTables(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	require.NoError(t, err)
	readme := string(data)

	// Every marker in the README is declared.
	prefix, _, _ := strings.Cut(whatIfBegin, "%s")
	require.Equal(t, len(whatIfTables), strings.Count(readme, prefix), "README.md's what-if markers and whatIfTables differ")
	require.Equal(t, len(whatIfTables), strings.Count(readme, whatIfEnd))

	for _, w := range whatIfTables {
		path := filepath.Join(studiesDir, w.study+".yaml")
		p := planStudy(t, path)
		for _, c := range w.columns {
			for _, fig := range c.paths {
				require.True(t, slices.ContainsFunc(p.Columns, func(col scenarios.FigureColumn) bool { return col.Path == fig }),
					"%s: column %q: the study has no figure %s", w.study, c.header, fig)
			}
		}
		from, to := whatIfSection(t, readme, w.study)
		if *whatIfsDir != "" && *update {
			dir := filepath.Join(*whatIfsDir, w.study)
			if _, err := os.Stat(filepath.Join(dir, compareFile)); errors.Is(err, fs.ErrNotExist) {
				t.Logf("%s: no %s: its table is left as it is", w.study, filepath.Join(dir, compareFile))
				continue
			}
			r := readWhatIfResults(t, dir)
			sameStudy(t, p.Study, r.rec.Study)
			readme = readme[:from] + w.render(t, r) + readme[to:]
			continue
		}
		// The table's rows are the study's, in order.
		var got []string
		for _, line := range strings.Split(readme[from:to], "\n") {
			if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "|---") {
				continue
			}
			label, _, _ := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
			got = append(got, label)
		}
		require.NotEmpty(t, got, "%s: no table between the markers", w.study)
		require.Equal(t, w.rowLabels(p.Study), got[1:],
			"README.md's %s table is stale: bash .ci/whatif-tables", w.study)
		require.Equal(t, w.first, got[0])
	}
	if *whatIfsDir != "" && *update {
		require.NoError(t, os.WriteFile(readmePath, []byte(readme), 0o644))
	}
}
