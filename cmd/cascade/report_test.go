package main

import (
	"encoding/json"
	"errors"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/scenarios"
)

// writeReport runs cascade report with args and --out FILE and returns
// the page.
func writeReport(t *testing.T, file string, args ...string) string {
	t.Helper()
	code, out, errs := runCLI(t, append(append([]string{"report"}, args...), "--out", file)...)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, out, "wrote "+filepath.Clean(file))
	b, err := os.ReadFile(file)
	require.NoError(t, err)
	return string(b)
}

// summaryOf runs the scenario with run --json and decodes summary.json:
// the figures the report must show, taken from a run of its own.
func summaryOf(t *testing.T, args ...string) scenarios.Summary {
	t.Helper()
	code, out, errs := runCLI(t, append([]string{"run", "--json", "--quiet"}, args...)...)
	require.Equal(t, exitOK, code, errs)
	var s scenarios.Summary
	require.NoError(t, json.Unmarshal([]byte(out), &s))
	return s
}

// requireSelfContained checks that a page needs nothing but itself: no
// script, no stylesheet, font, image or frame from a file or the network.
func requireSelfContained(t *testing.T, page string) {
	t.Helper()
	require.NotContains(t, page, "<script")
	require.NotContains(t, page, "<link")
	require.NotContains(t, page, "<iframe")
	require.NotContains(t, page, "<img")
	require.NotContains(t, page, "@import")
	require.NotContains(t, page, "@font-face")
	require.NotRegexp(t, `url\(`, page)
	require.NotRegexp(t, `(?i)<[^>]*\ssrc\s*=`, page)
	// The only links are to the page's own sections.
	for _, m := range regexp.MustCompile(`(?i)<[^>]*\s(?:xlink:)?href\s*=\s*"([^"]*)"`).FindAllStringSubmatch(page, -1) {
		require.True(t, strings.HasPrefix(m[1], "#"), "a link out of the page: %s", m[0])
	}
}

// The report of a replay at its quick size: every section, with the run's
// own figures (taken from run --json, not written here), self-contained,
// and byte-identical when written twice.
func TestReportOfABuiltin(t *testing.T) {
	t.Parallel()
	name := "docomo-2022-12-17"
	quick := quickArgs(t, name)
	dir := t.TempDir()
	page := writeReport(t, filepath.Join(dir, "a.html"), append([]string{name}, quick...)...)
	again := writeReport(t, filepath.Join(dir, "b.html"), append([]string{name}, quick...)...)
	require.True(t, page == again, "the same input gives a different report")
	requireSelfContained(t, page)

	for _, id := range []string{"summary", "topology", "checks", "timeline", "plots", "params"} {
		require.Contains(t, page, `<section id="`+id+`">`)
		require.Contains(t, page, `href="#`+id+`"`)
	}
	require.NotContains(t, page, `id="whatif"`)
	require.NotContains(t, page, `id="compare"`)
	// Three pictures: the topology, availability and load, inline.
	require.Equal(t, 3, strings.Count(page, "<svg "))
	require.NotContains(t, page, "<?xml")

	sum := summaryOf(t, append([]string{name}, quick...)...)
	o := sum.Outcome
	require.Positive(t, o.Outage.DurationS)
	text := html.UnescapeString(page)
	require.Contains(t, text, "Outage (availability below "+percentShort(o.AvailabilityThreshold)+"): "+seconds(o.Outage.DurationS))
	require.Contains(t, text, magnitude(o.ImpactedUsers)+" users impacted")
	for _, p := range o.Populations {
		require.Contains(t, text, "<td>"+p.Name+"</td>")
	}
	units := map[string]string{}
	for _, d := range sum.Documented {
		units[d.Name] = d.Unit
		require.Contains(t, text, d.Source)
	}
	require.NotEmpty(t, sum.Checks)
	for _, c := range sum.Checks {
		result, _ := checkResult(c)
		require.Regexp(t, regexp.MustCompile(regexp.QuoteMeta(`<td class="name">`+c.Name+"</td>")+`<td class="kind"><span class="badge `+c.Kind+`">`+c.Kind+`</span></td>`+
			`<td class="num">`+regexp.QuoteMeta(figure(c.Documented, units[c.Name]))+`</td><td class="num">`+regexp.QuoteMeta(simulatedFigure(c, units[c.Name]))+`</td>`+
			`.*?`+result), text)
	}
	require.NotEmpty(t, sum.Timeline)
	for _, e := range sum.Timeline {
		require.Contains(t, text, e.Name)
		if e.SimulatedS != nil {
			require.Contains(t, text, signedSeconds(*e.DiffS))
		}
	}
	// The params: each with where its value comes from.
	s, err := load(name, true, quickSets(t, name))
	require.NoError(t, err)
	documented, estimates := 0, 0
	for _, p := range s.Params {
		require.Contains(t, text, "<code>"+p.Name+"</code>")
		if p.Source != "" && paramText(p.Value) == paramText(p.Default) {
			require.Contains(t, text, p.Source)
			documented++
		} else if p.Source == "" {
			estimates++
		}
	}
	require.Positive(t, documented)
	require.Positive(t, estimates)
	require.Equal(t, documented, strings.Count(page, `<span class="badge documented">documented</span><br>`))
	require.Equal(t, len(quickSets(t, name)), strings.Count(page, `<span class="badge set">set for this run</span></td>`))
	// The story: the same moments replay tells.
	code, replay, errs := runCLI(t, append([]string{"replay", name}, quick...)...)
	require.Equal(t, exitOK, code, errs)
	require.Contains(t, replay, "missing-alarm")
	require.Equal(t, strings.Count(replay, " missing-alarm "), strings.Count(page, `<td class="kind">missing-alarm</td>`))
}

// A scenario's free text is text on the page: a description, a param's
// description and a documented source holding markup are escaped.
func TestReportEscapesTheScenariosText(t *testing.T) {
	t.Parallel()
	b, ok := scenarios.LookupBuiltin("mm1")
	require.True(t, ok)
	head, rest, ok := strings.Cut(string(b.Data), "description: |\n")
	require.True(t, ok)
	_, rest, ok = strings.Cut(rest, "\nseed:")
	require.True(t, ok)
	doc := head + "description: |\n  <script>alert(1)</script> & <b>bold</b>\n\n  <img src=x onerror=alert(2)>\nseed:" + rest
	s0, err := scenarios.Validate("hostile.yaml", []byte(doc), nil)
	require.NoError(t, err)
	require.Contains(t, s0.Description, "<script>")
	doc = strings.Replace(doc, "description: arrival rate (Poisson)", `description: "arrival rate </td><script>x()</script>"`+"\n    source: \"<a href='http://example.com'>a site</a>\"", 1)
	dir := t.TempDir()
	file := filepath.Join(dir, "hostile.yaml")
	require.NoError(t, os.WriteFile(file, []byte(doc), 0o644))
	page := writeReport(t, filepath.Join(dir, "r.html"), file, "--set", "customers=2000")
	requireSelfContained(t, page)
	require.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
	require.Contains(t, page, "&lt;img src=x onerror=alert(2)&gt;")
	require.Contains(t, page, "arrival rate &lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;")
	require.Contains(t, page, "&lt;a href=&#39;http://example.com&#39;&gt;a site&lt;/a&gt;")
}

// --also beside the main run (overrides, and a run folder), and --compare
// with a compare folder; a run folder as the main input is rerun and
// shown as the scenario run by name is.
func TestReportWhatIfsAndComparison(t *testing.T) {
	t.Parallel()
	name := "docomo-2022-12-17"
	quick := quickArgs(t, name)
	dir := t.TempDir()
	runDir, bfdDir, cmpDir := filepath.Join(dir, "run"), filepath.Join(dir, "bfd"), filepath.Join(dir, "cmp")
	code, _, errs := runCLI(t, append([]string{"run", name, "--quiet", "--format", "none", "--out", runDir}, quick...)...)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI(t, append([]string{"run", name, "--quiet", "--format", "none", "--set", "detection=bfd", "--out", bfdDir}, quick...)...)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI(t, append([]string{"compare", name, "--vs", "detection=bfd", "--reps", "2", "--format", "none", "--quiet", "--out", cmpDir}, quick...)...)
	require.Equal(t, exitOK, code, errs)

	page := writeReport(t, filepath.Join(dir, "r.html"), runDir, "--also", "detection=bfd,detour_tools=tools", "--also", bfdDir, "--compare", cmpDir)
	requireSelfContained(t, page)
	text := html.UnescapeString(page)
	require.Contains(t, page, `<section id="whatif">`)
	require.Contains(t, page, `<section id="compare">`)
	require.Contains(t, text, "rerun of", "the main run came from a folder")
	// Each what-if's own outage, from runs of its own.
	for _, sets := range [][]string{{"--set", "detection=bfd", "--set", "detour_tools=tools"}, {"--set", "detection=bfd"}} {
		o := summaryOf(t, append(append([]string{name}, quick...), sets...)...).Outcome
		want := "none"
		if o.Outage.DurationS > 0 {
			want = seconds(o.Outage.DurationS) + ", "
		}
		require.Contains(t, text, "<td class=\"\">"+want)
		require.Contains(t, text, magnitude(o.ImpactedUsers))
	}
	require.Contains(t, text, "<h3>What-if: detection=bfd, detour_tools=tools</h3>")
	require.Contains(t, text, "<h3>What-if: bfd</h3>")
	// 3 + 2 plots for each of the two what-ifs.
	require.Equal(t, 7, strings.Count(page, "<svg "))
	// The comparison: the variant, and the documented figures' rows.
	require.Contains(t, text, "<th>detection=bfd</th>")
	require.Contains(t, text, "<code>outage.duration_s</code>")
	require.Contains(t, text, "<code>checks.outage-duration.ok</code>")
	var rec compareRecord
	b, err := os.ReadFile(filepath.Join(cmpDir, compareFile))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &rec))
	base := rec.Baseline.Estimates["outage.duration_s"]
	require.NotNil(t, base.Mean)
	require.Contains(t, text, `<td class="num">`+seconds(*base.Mean)+`</td>`)

	// The rerun of the folder is the run by name: the same summary.
	byName := writeReport(t, filepath.Join(dir, "n.html"), append([]string{name}, quick...)...)
	require.Contains(t, html.UnescapeString(byName), strings.SplitN(strings.SplitN(text, `<p class="verdict">`, 2)[1], "</p>", 2)[0])
}

// Bad input: clear errors naming the file or flag, exit 1 (2 for usage),
// and no report written: a previous one is left as it was.
func TestReportErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mm1 := []string{"mm1", "--set", "customers=2000"}
	out := filepath.Join(dir, "r.html")
	before := writeReport(t, out, mm1...)

	runDir := filepath.Join(dir, "run")
	code, _, errs := runCLI(t, "run", "mm1", "--set", "customers=2000", "--quiet", "--format", "none", "--out", runDir)
	require.Equal(t, exitOK, code, errs)
	edited := filepath.Join(dir, "edited")
	code, _, errs = runCLI(t, "run", "mm1", "--set", "customers=2000", "--quiet", "--format", "none", "--out", edited)
	require.Equal(t, exitOK, code, errs)
	sum := filepath.Join(edited, "summary.json")
	b, err := os.ReadFile(sum)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(sum, []byte(strings.Replace(string(b), `"seed": 1`, `"seed": 2`, 1)), 0o644))
	empty := filepath.Join(dir, "empty")
	require.NoError(t, os.Mkdir(empty, 0o755))

	cases := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no --out", []string{"report", "mm1"}, exitUsage, "give --out FILE.html"},
		{"--out a folder", []string{"report", "mm1", "--out", dir}, exitFail, "is a directory"},
		{"missing run folder or scenario", []string{"report", filepath.Join(dir, "nope"), "--out", out}, exitFail, "neither a built-in scenario (see cascade list) nor a file"},
		{"a folder without run.json", []string{"report", empty, "--out", out}, exitFail, filepath.Join(empty, "run.json")},
		{"an edited summary.json", []string{"report", edited, "--out", out}, exitFail, sum + ": the rerun of " + filepath.Join(edited, "run.json") + " gives a different summary.json: written by another cascade version or edited"},
		{"a run folder with --set", []string{"report", runDir, "--set", "lambda=0.5", "--out", out}, exitUsage, "a run folder is rerun exactly"},
		{"--also neither a folder nor overrides", []string{"report", "mm1", "--set", "customers=2000", "--also", "nope", "--out", out}, exitUsage, `--also "nope": expected a run folder or overrides 'K=V,K2=V2'`},
		{"--also an unknown param", []string{"report", "mm1", "--set", "customers=2000", "--also", "lambdaa=0.5", "--out", out}, exitFail, "lambdaa"},
		{"--also an edited folder", []string{"report", "mm1", "--set", "customers=2000", "--also", edited, "--out", out}, exitFail, "--also " + edited + ": " + sum},
		{"--compare a folder without compare.json", []string{"report", "mm1", "--set", "customers=2000", "--compare", empty, "--out", out}, exitFail, "--compare " + empty + ": no compare.json there"},
		{"--compare a run folder", []string{"report", "mm1", "--set", "customers=2000", "--compare", runDir, "--out", out}, exitFail, "no compare.json there"},
	}
	for _, tc := range cases {
		code, _, errs := runCLI(t, tc.args...)
		require.Equal(t, tc.code, code, "%s: %s", tc.name, errs)
		require.Contains(t, errs, tc.err, tc.name)
		require.NotContains(t, errs, "panic", tc.name)
		after, err := os.ReadFile(out)
		require.NoError(t, err)
		require.True(t, before == string(after), "%s: the previous report changed", tc.name)
	}

	// A what-if of another scenario; --seed is the run's seed.
	code, _, errs = runCLI(t, "report", "mmc", "--set", "customers=2000", "--also", runDir, "--out", out)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, `--also `+runDir+`: a run of scenario "mm1"; the report is of "mmc"`)
	seeded := writeReport(t, filepath.Join(dir, "seeded.html"), "mm1", "--set", "customers=2000", "--seed", "7")
	require.Contains(t, seeded, "<dt>seed</dt><dd>7</dd>")
	require.Contains(t, before, "<dt>seed</dt><dd>1</dd>")

	// A compare folder of another scenario.
	cmpDir := filepath.Join(dir, "cmp")
	code, _, errs = runCLI(t, "compare", "mm1", "--set", "customers=2000", "--vs", "lambda=0.5", "--reps", "1", "--format", "none", "--quiet", "--out", cmpDir)
	require.Equal(t, exitOK, code, errs)
	code, _, errs = runCLI(t, "report", "mmc", "--set", "customers=2000", "--compare", cmpDir, "--out", out)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, `compares scenario "mm1", the report is of "mmc"`)
	// Not a comparison at all.
	require.NoError(t, os.WriteFile(filepath.Join(empty, compareFile), []byte(`{"tool": "other"}`), 0o644))
	code, _, errs = runCLI(t, "report", "mm1", "--set", "customers=2000", "--compare", empty, "--out", out)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "was not written by cascade compare")

	// A write that fails halfway (a full disk) leaves the previous report
	// and no temporary file.
	var stderr strings.Builder
	a := &app{stdout: io.Discard, stderr: &stderr, wrapFile: func(name string, w io.Writer) io.Writer {
		return &failingWriter{w: w, left: 1000}
	}}
	require.Equal(t, exitFail, a.main([]string{"report", "mm1", "--set", "customers=2000", "--set", "lambda=0.5", "--out", out}))
	require.Contains(t, stderr.String(), "writing "+out)
	after, err := os.ReadFile(out)
	require.NoError(t, err)
	require.True(t, before == string(after), "a failed write changed the previous report")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		require.False(t, strings.Contains(e.Name(), ".tmp-"), "a temporary file is left: %s", e.Name())
	}
	// And a new report is written where there was none; a scenario error
	// leaves no file.
	fresh := filepath.Join(dir, "fresh.html")
	code, _, errs = runCLI(t, "report", "mm1", "--set", "lambda=x", "--out", fresh)
	require.Equal(t, exitFail, code)
	require.Contains(t, errs, "lambda")
	_, err = os.Stat(fresh)
	require.True(t, os.IsNotExist(err), "a failed report left %s", fresh)
}

// failingWriter fails after left bytes, as a full disk does.
type failingWriter struct {
	w    io.Writer
	left int
}

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.left {
		n, _ := f.w.Write(p[:f.left])
		f.left = 0
		return n, errors.New("no space left on device")
	}
	f.left -= len(p)
	return f.w.Write(p)
}
