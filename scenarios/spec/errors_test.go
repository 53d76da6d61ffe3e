package spec

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// base is a small valid scenario. Error cases edit it line by line, so the
// positions they expect can be read off these lines.
const base = `name: t
description: test
seed: 1
horizon: 1h
step: 1s
params:
  rate: {default: 1, unit: 1/s, description: request rate}
  mode: {default: a, description: mode, choices: [a, b]}
components:
  - name: server
    kind: service
    workers: 2
    service_time: {dist: exponential, mean: 1s}
populations:
  - name: users
    users: 10
    rate: ${rate}
    deadline: 10s
    target: server
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 30m}
`

// edit returns base with each old text replaced by new (pairs).
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	return editDoc(t, base, pairs...)
}

// editDoc returns doc with each old text replaced by new (pairs); every
// old text must be in doc.
func editDoc(t *testing.T, doc string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		require.Contains(t, doc, pairs[i], "edit: no %q in the document", pairs[i])
		doc = strings.Replace(doc, pairs[i], pairs[i+1], 1)
	}
	return doc
}

// testdataDoc returns a file of testdata/ as text, for cases to edit.
func testdataDoc(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return string(data)
}

// requireLoadErrors loads doc as t.yaml and checks it gives exactly want.
// With DUMP=1 in the environment it logs what it got, in the form of a
// wantErr literal, to help write new cases (and review them by hand).
func requireLoadErrors(t *testing.T, doc string, want ...wantErr) {
	t.Helper()
	_, err := Load("t.yaml", []byte(doc), nil)
	if os.Getenv("DUMP") != "" {
		for _, e := range Errors(err) {
			t.Logf("DUMP {%q, %q, %q}", at(e), e.Field, e.Msg)
		}
	}
	requireErrors(t, err, want...)
}

// wantErr is one expected error: "file:line:col" (or just "file"), the
// field path, and a fragment of the message.
type wantErr struct{ at, field, msg string }

// at formats the position of e like the start of e.Error().
func at(e *Error) string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
		if e.Column > 0 {
			s += fmt.Sprintf(":%d", e.Column)
		}
	}
	return s
}

// requireErrors checks that err holds exactly want, in order.
func requireErrors(t *testing.T, err error, want ...wantErr) {
	t.Helper()
	require.Error(t, err)
	got := Errors(err)
	require.Len(t, got, len(want), "errors:\n%v", err)
	for i, w := range want {
		require.Equal(t, w.at, at(got[i]), "error %d: %v", i, got[i])
		require.Equal(t, w.field, got[i].Field, "error %d: %v", i, got[i])
		require.Contains(t, got[i].Msg, w.msg, "error %d: %v", i, got[i])
	}
}

func TestLoadErrors(t *testing.T) {
	require.NotPanics(t, func() {
		_, err := Load("t.yaml", []byte(base), nil)
		require.NoError(t, err)
	})
	for _, tc := range []struct {
		name string
		doc  string
		sets []string
		want []wantErr
	}{
		{
			name: "unknown key",
			doc:  edit(t, "    workers: 2\n", "    workers: 2\n    wrokers: 3\n"),
			want: []wantErr{{"t.yaml:13:5", "components.server.wrokers",
				`unknown field "wrokers" for a service component (did you mean "workers"?); expected one of: name, kind, workers, queue, service_time`}},
		},
		{
			name: "unknown top-level key",
			doc:  edit(t, "seed: 1\n", "seed: 1\nsede: 2\n"),
			want: []wantErr{{"t.yaml:4:1", "sede", `unknown field "sede" for a scenario (did you mean "seed"?)`}},
		},
		{
			name: "wrong type list for integer",
			doc:  edit(t, "workers: 2", "workers: [2]"),
			want: []wantErr{{"t.yaml:12:14", "components.server.workers", "expected a positive integer, got a list"}},
		},
		{
			name: "wrong type string for seed",
			doc:  edit(t, "seed: 1", "seed: one"),
			want: []wantErr{{"t.yaml:3:7", "seed", `expected an integer from 0 to 18446744073709551615, got "one"`}},
		},
		{
			name: "wrong type scalar for mapping",
			doc:  edit(t, "    service_time: {dist: exponential, mean: 1s}", "    service_time: 1s"),
			want: []wantErr{{"t.yaml:13:19", "components.server.service_time", `expected a distribution: a mapping like {dist: exponential, mean: 1s}, got "1s"`}},
		},
		{
			name: "non-integral integer",
			doc:  edit(t, "workers: 2", "workers: 1.5"),
			want: []wantErr{{"t.yaml:12:14", "components.server.workers", `expected a positive integer, got "1.5"`}},
		},
		{
			name: "integer overflow",
			doc:  edit(t, "users: 10", "users: 1e10"),
			want: []wantErr{{"t.yaml:16:12", "populations.users.users", `expected a positive integer, at most 1000000000, got "1e10"`}},
		},
		{
			name: "seed overflow",
			doc:  edit(t, "seed: 1", "seed: 18446744073709551616"),
			want: []wantErr{{"t.yaml:3:7", "seed", `expected an integer from 0 to 18446744073709551615`}},
		},
		{
			name: "NaN",
			doc:  edit(t, "availability_threshold: 0.99", "availability_threshold: .nan"),
			want: []wantErr{{"t.yaml:21:27", "outcome.availability_threshold", `expected a share of successful requests in (0, 1], like 0.99, got ".nan"`}},
		},
		{
			name: "missing required field",
			doc:  edit(t, "    workers: 2\n", ""),
			want: []wantErr{{"t.yaml:10:5", "components.server.workers", `missing required field "workers"; expected a positive integer`}},
		},
		{
			name: "missing top-level field",
			doc:  edit(t, "seed: 1\n", ""),
			want: []wantErr{{"t.yaml:1:1", "seed", `missing required field "seed"`}},
		},
		{
			name: "null value",
			doc:  edit(t, "workers: 2", "workers:"),
			want: []wantErr{{"t.yaml:12:13", "components.server.workers", "expected a positive integer, got null"}},
		},
		{
			name: "duplicate key",
			doc:  edit(t, "    workers: 2\n", "    workers: 2\n    workers: 3\n"),
			want: []wantErr{{"t.yaml:13:5", "components.server.workers", `duplicate field "workers"; it is already set at line 12`}},
		},
		{
			name: "bad duration unit",
			doc:  edit(t, "horizon: 1h", "horizon: 1hr"),
			want: []wantErr{{"t.yaml:4:10", "horizon", `unknown unit "hr" in duration "1hr"`}},
		},
		{
			name: "duration without unit",
			doc:  edit(t, "horizon: 1h", "horizon: 3600"),
			want: []wantErr{{"t.yaml:4:10", "horizon", `missing unit in duration "3600" (units: ns, us, ms, s, m, h, d); expected a duration > 0`}},
		},
		{
			name: "negative duration",
			doc:  edit(t, "deadline: 10s", "deadline: -10s"),
			want: []wantErr{{"t.yaml:18:15", "populations.users.deadline", `negative duration "-10s"`}},
		},
		{
			name: "zero duration where > 0",
			doc:  edit(t, "step: 1s", "step: 0s"),
			want: []wantErr{{"t.yaml:5:7", "step", `expected a duration > 0 with a unit, like 30s, 1.5h or 2d, got "0s"`}},
		},
		{
			name: "duration overflow",
			doc:  edit(t, "horizon: 1h", "horizon: 300000d"),
			want: []wantErr{{"t.yaml:4:10", "horizon", `duration "300000d" is too long (the maximum is about 290 years)`}},
		},
		{
			name: "unknown component reference",
			doc:  edit(t, "target: server", "target: srv"),
			want: []wantErr{{"t.yaml:19:13", "populations.users.target", `unknown component "srv"; expected one of the components: server`}},
		},
		{
			name: "duplicate component names",
			doc:  edit(t, "populations:\n", "  - {name: server, kind: service, workers: 1, service_time: {dist: deterministic, value: 1s}}\npopulations:\n"),
			want: []wantErr{{"t.yaml:14:12", "components.1.name", `duplicate component name "server"; the first is at line 10`}},
		},
		{
			name: "field not of the chosen dist",
			doc:  edit(t, "{dist: exponential, mean: 1s}", "{dist: exponential, mean: 1s, stddev: 1s}"),
			want: []wantErr{{"t.yaml:13:49", "components.server.service_time.stddev",
				`unknown field "stddev" for a distribution of kind exponential; expected one of: dist, mean`}},
		},
		{
			name: "unknown dist",
			doc:  edit(t, "{dist: exponential, mean: 1s}", "{dist: poisson, mean: 1s}"),
			want: []wantErr{{"t.yaml:13:26", "components.server.service_time.dist",
				"expected one of: exponential, uniform, normal, lognormal, deterministic, empirical"}},
		},
		{
			name: "uniform min above max",
			doc:  edit(t, "{dist: exponential, mean: 1s}", "{dist: uniform, min: 2s, max: 1s}"),
			want: []wantErr{{"t.yaml:13:49", "components.server.service_time.max", `expected max >= min (2s), got "1s"`}},
		},
		{
			name: "empty empirical",
			doc:  edit(t, "{dist: exponential, mean: 1s}", "{dist: empirical, values: []}"),
			want: []wantErr{{"t.yaml:13:45", "components.server.service_time.values", "expected a non-empty list of durations, like [1ms, 2ms, 5ms], got an empty list"}},
		},
		{
			name: "syntax error in expression",
			doc:  edit(t, "rate: ${rate}", "rate: ${rate +}"),
			want: []wantErr{{"t.yaml:17:11", "populations.users.rate", "in ${rate +}: unexpected end; expected a number, a param name or ("}},
		},
		{
			name: "unknown name in expression",
			doc:  edit(t, "rate: ${rate}", "rate: ${2*rat}"),
			want: []wantErr{{"t.yaml:17:11", "populations.users.rate", `in ${2*rat}: unknown param "rat" (declared: rate, mode)`}},
		},
		{
			name: "division by zero in expression",
			doc:  edit(t, "rate: ${rate}", "rate: ${1/(rate-1)}"),
			want: []wantErr{{"t.yaml:17:11", "populations.users.rate", `in ${1/(rate-1)}: division by zero (the divisor "(rate-1)" is 0)`}},
		},
		{
			name: "string param in arithmetic",
			doc:  edit(t, "rate: ${rate}", "rate: ${mode*2}"),
			want: []wantErr{{"t.yaml:17:11", "populations.users.rate", "param mode is a string; a string or bool param can only be used alone, as ${mode}"}},
		},
		{
			name: "unterminated expression",
			doc:  edit(t, "rate: ${rate}", "rate: ${rate"),
			want: []wantErr{{"t.yaml:17:11", "populations.users.rate", `unterminated "${rate"; expected a closing }`}},
		},
		{
			name: "expression gives wrong type",
			doc:  edit(t, "workers: 2", "workers: ${rate - 5}"),
			want: []wantErr{{"t.yaml:12:14", "components.server.workers", `expected a positive integer, got "-4"`}},
		},
		{
			name: "unknown param in --set",
			sets: []string{"rat=2"},
			want: []wantErr{{"t.yaml", "", "--set rat=2: unknown param rat (declared: rate, mode)"}},
		},
		{
			name: "--set without =",
			sets: []string{"rate"},
			want: []wantErr{{"t.yaml", "", `--set "rate": expected NAME=VALUE (a param) or PATH=VALUE`}},
		},
		{
			name: "--set of a param with the wrong type",
			sets: []string{"rate=fast"},
			want: []wantErr{{"t.yaml:7:9", "params.rate", `--set rate=fast: expected a finite number like the default 1, got "fast"`}},
		},
		{
			name: "--set outside the choices",
			sets: []string{"mode=c"},
			want: []wantErr{{"t.yaml:8:9", "params.mode", `--set mode=c: expected one of the choices ("a", "b"), got "c"`}},
		},
		{
			name: "--set path with an unknown list item",
			sets: []string{"components.srv.workers=3"},
			want: []wantErr{{"t.yaml:10:3", "components",
				`--set components.srv.workers=3: no item "srv" in components; expected an item's name or an index from 0 to 0; items: server`}},
		},
		{
			name: "--set path with an unknown field",
			sets: []string{"components.server.wrokers=3"},
			want: []wantErr{{"t.yaml:10:5", "components.server.wrokers",
				`--set components.server.wrokers=3: unknown field "wrokers" for a service component (did you mean "workers"?); expected one of: name, kind, workers,`}},
		},
		{
			name: "--set path to a mapping",
			sets: []string{"components.0.service_time=1s"},
			want: []wantErr{{"t.yaml:13:19", "components.server.service_time",
				"--set components.0.service_time=1s: components.server.service_time is a mapping; --set can only replace a single value"}},
		},
		{
			name: "--set path through a value",
			sets: []string{"seed.x=1"},
			want: []wantErr{{"t.yaml:3:7", "seed", `--set seed.x=1: seed is a single value, not a mapping or list, so it has no "x"`}},
		},
		{
			name: "--set on a list item by name, with a bad value",
			sets: []string{"components.server.workers=-3"},
			want: []wantErr{{"t.yaml:12:14", "components.server.workers", `expected a positive integer, got "-3"`}},
		},
		{
			name: "both rates",
			doc:  edit(t, "    rate: ${rate}\n", "    rate: ${rate}\n    rate_per_user: 0.1\n"),
			want: []wantErr{{"t.yaml:18:20", "populations.users.rate_per_user", "expected exactly one of rate (total requests/s) or rate_per_user (requests/s per user), got both"}},
		},
		{
			name: "no rate",
			doc:  edit(t, "    rate: ${rate}\n", ""),
			want: []wantErr{{"t.yaml:15:5", "populations.users.rate", "missing rate; expected exactly one of rate"}},
		},
		{
			name: "fault beyond the horizon, slow without factor, unknown component",
			doc: edit(t, "outcome:\n", "faults:\n  - {name: f1, at: 2h, component: server, action: slow}\n"+
				"  - {at: 1m, component: db, action: down, factor: 2}\noutcome:\n"),
			want: []wantErr{
				{"t.yaml:21:5", "faults.f1.factor", "missing factor; a slow fault needs a factor > 0"},
				{"t.yaml:21:20", "faults.f1.at", "expected a time <= the horizon (1h), got 2h"},
				{"t.yaml:22:25", "faults.1.component", `unknown component "db"; expected one of the components: server`},
				{"t.yaml:22:51", "faults.1.factor", "factor is only allowed with action: slow or scale, not down"},
			},
		},
		{
			name: "too many steps",
			doc:  edit(t, "step: 1s", "step: 100us"),
			want: []wantErr{{"t.yaml:5:7", "step", "a horizon of 1h in steps of 100µs is 36000000 steps; expected at most 10000000 steps, so a step of at least 360µs"}},
		},
		{
			name: "baseline beyond the horizon",
			doc:  edit(t, "to: 30m", "to: 2h"),
			want: []wantErr{{"t.yaml:22:28", "outcome.baseline.to", "expected an end <= the horizon (1h), got 2h"}},
		},
		{
			name: "baseline backwards",
			doc:  edit(t, "from: 0s, to: 30m", "from: 40m, to: 30m"),
			want: []wantErr{{"t.yaml:22:29", "outcome.baseline.to", "expected to > from (40m), got 30m"}},
		},
		{
			name: "independent errors are all reported, dependent ones are not",
			doc: edit(t, "horizon: 1h", "horizon: soon", "workers: 2", "workers: -3",
				"target: server", "target: srv", "to: 30m", "to: 2h"),
			want: []wantErr{
				{"t.yaml:4:10", "horizon", `invalid duration "soon"`},
				{"t.yaml:12:14", "components.server.workers", `expected a positive integer, got "-3"`},
				{"t.yaml:19:13", "populations.users.target", `unknown component "srv"`},
			},
		},
		{
			name: "custom tag",
			doc:  edit(t, "seed: 1", "seed: !secret 1"),
			want: []wantErr{{"t.yaml:3:7", "", "custom tag !secret is not supported"}},
		},
		{
			name: "invalid YAML",
			doc:  edit(t, "workers: 2", "workers: [2"),
			want: []wantErr{{"t.yaml:12", "", "invalid YAML: did not find expected ',' or ']'"}},
		},
		{
			name: "not a mapping",
			doc:  "- name: t\n- seed: 1\n",
			want: []wantErr{{"t.yaml:1:1", "", "expected a mapping of the scenario's fields (name: ..., description: ...) at the top level, got a list"}},
		},
		{
			name: "empty file",
			doc:  "",
			want: []wantErr{{"t.yaml", "", "file is empty; expected a YAML mapping"}},
		},
		{
			name: "only comments",
			doc:  "# nothing here\n",
			want: []wantErr{{"t.yaml", "", "file is empty"}},
		},
		{
			name: "empty document",
			doc:  "---\n",
			want: []wantErr{{"t.yaml:2:1", "", "at the top level, got null"}},
		},
		{
			name: "multiple documents",
			doc:  base + "---\nname: u\n",
			want: []wantErr{{"t.yaml:23:1", "", "a second YAML document starts here; expected exactly one document per file"}},
		},
		{
			name: "alias cycle",
			doc:  edit(t, "seed: 1", "seed: &x [*x]"),
			want: []wantErr{{"t.yaml:3:11", "", "alias *x is inside the node its anchor names"}},
		},
		{
			name: "merge key with a scalar",
			doc:  edit(t, "    kind: service\n", "    kind: service\n    <<: 1\n"),
			want: []wantErr{{"t.yaml:12:9", "", "merge key << expects a mapping or a list of mappings, got \"1\""}},
		},
		{
			name: "--set of a name when no params are declared",
			doc:  edit(t, "  rate: {default: 1, unit: 1/s, description: request rate}\n  mode: {default: a, description: mode, choices: [a, b]}\n", "", "${rate}", "1", "params:\n", ""),
			sets: []string{"rate=2"},
			want: []wantErr{{"t.yaml", "", "--set rate=2: unknown param rate (no params are declared)"}},
		},
		{
			name: "bad param declaration",
			doc:  edit(t, "{default: 1, unit: 1/s, description: request rate}", "{default: [1], description: request rate}"),
			want: []wantErr{{"t.yaml:7:19", "params.rate.default", "expected a number, true/false or a string, got a list"}},
		},
		{
			name: "--set below a param's min",
			doc:  edit(t, "description: request rate}", "description: request rate, min: 0.5, max: 4}"),
			sets: []string{"rate=0.1"},
			want: []wantErr{{"t.yaml:7:9", "params.rate", "--set rate=0.1: expected a number from 0.5 to 4 (the param's min and max), got 0.1"}},
		},
		{
			name: "--set above a param's max",
			doc:  edit(t, "description: request rate}", "description: request rate, max: 4}"),
			sets: []string{"rate=5"},
			want: []wantErr{{"t.yaml:7:9", "params.rate", "--set rate=5: expected a number <= 4 (the param's max), got 5"}},
		},
		{
			name: "default outside min and max",
			doc:  edit(t, "description: request rate}", "description: request rate, min: 2}"),
			want: []wantErr{{"t.yaml:7:19", "params.rate.default", "expected a number >= 2 (the param's min), got 1"}},
		},
		{
			name: "max below min",
			doc:  edit(t, "description: request rate}", "description: request rate, min: 2, max: 1}"),
			want: []wantErr{{"t.yaml:7:73", "params.rate.max", "expected a max >= min (2), got 1"}},
		},
		{
			name: "min of a string param",
			doc:  edit(t, "{default: a, description: mode, choices: [a, b]}", "{default: a, description: mode, min: 1}"),
			want: []wantErr{{"t.yaml:8:46", "params.mode.min", `min and max bound number params; this param's default "a" is a string`}},
		},
		{
			name: "a min that is not a number",
			doc:  edit(t, "description: request rate}", "description: request rate, min: low}"),
			want: []wantErr{{"t.yaml:7:65", "params.rate.min", `expected a finite number, got "low"`}},
		},
		{
			name: "quick override without a value",
			doc:  base + "quick: [\"rate=2\", users]\n",
			want: []wantErr{{"t.yaml:23:19", "quick.1", `expected an override name=value or a.b.c=value, got "users"`}},
		},
		{
			name: "quick that is not a list",
			doc:  base + "quick: rate=2\n",
			want: []wantErr{{"t.yaml:23:8", "quick", `expected a list of --set overrides for a short run, like ["users=1000", "components.db.workers=2"], got "rate=2"`}},
		},
		{
			name: "a param's source that is not a string",
			doc:  edit(t, "description: request rate}", "description: request rate, source: [a, b]}"),
			want: []wantErr{{"t.yaml:7:68", "params.rate.source", "expected where the documented default comes from (a report, an article), got a list"}},
		},
		{
			name: "a param's empty source",
			doc:  edit(t, "description: request rate}", "description: request rate, source: \"\"}"),
			want: []wantErr{{"t.yaml:7:68", "params.rate.source", "expected where the documented default comes from (a report, an article), got an empty source; leave source out for an estimate"}},
		},
		{
			name: "default outside the choices",
			doc:  edit(t, "{default: a, description: mode, choices: [a, b]}", "{default: c, description: mode, choices: [a, b]}"),
			want: []wantErr{{"t.yaml:8:19", "params.mode.default", `expected one of the choices ("a", "b"), got "c"`}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if doc == "" && tc.name != "empty file" {
				doc = base
			}
			_, err := Load("t.yaml", []byte(doc), tc.sets)
			requireErrors(t, err, tc.want...)
		})
	}
}

// A file over MaxFileSize is rejected before parsing, so even 100 MB is
// fast.
func TestLoadTooLarge(t *testing.T) {
	data := make([]byte, 100<<20)
	start := time.Now()
	_, err := Load("big.yaml", data, nil)
	requireErrors(t, err, wantErr{"big.yaml", "", "the file is larger than 4 MiB (4194304 bytes), the most a scenario file may be"})
	require.Less(t, time.Since(start), time.Second)
}

// "Billion laughs": nine levels of ten aliases each would expand to 10^9
// nodes. The node budget stops it quickly.
func TestLoadBillionLaughs(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for c := 'b'; c <= 'i'; c++ {
		prev := string(c - 1)
		fmt.Fprintf(&b, "%c: &%c [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n", c, c,
			prev, prev, prev, prev, prev, prev, prev, prev, prev, prev)
	}
	start := time.Now()
	_, err := Load("lol.yaml", []byte(b.String()), nil)
	require.Error(t, err)
	require.Len(t, Errors(err), 1)
	require.Contains(t, err.Error(), "the file has more than 1048576 YAML nodes (after expanding aliases)")
	require.Less(t, time.Since(start), 5*time.Second)
}

// Deep nesting is an error, both within the YAML parser's limit and beyond.
func TestLoadDeeplyNested(t *testing.T) {
	for _, depth := range []int{MaxDepth + 1, 100_000} {
		doc := "name: " + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n"
		_, err := Load("deep.yaml", []byte(doc), nil)
		require.Error(t, err)
		require.Len(t, Errors(err), 1)
		require.Regexp(t, `^deep.yaml:1(:\d+)?: (nesting is deeper than 64 levels|invalid YAML: exceeded max depth)`, err.Error())
	}
}

// Beyond MaxErrors, the rest are counted in one last error.
func TestLoadTooManyErrors(t *testing.T) {
	doc := base
	for i := 0; i < MaxErrors+5; i++ {
		doc += fmt.Sprintf("extra%d: 1\n", i)
	}
	_, err := Load("t.yaml", []byte(doc), nil)
	errs := Errors(err)
	require.Len(t, errs, MaxErrors+1)
	require.Equal(t, "t.yaml:23:1: extra0: unknown field \"extra0\" for a scenario; expected one of: name, description, seed, horizon, step, clock, network, params, clients, components, populations, faults, actions, detectors, operators, sites, fires, restorations, data_pools, hosted, outcome, documented, documented_events, quick", errs[0].Error())
	require.Equal(t, "t.yaml: too many errors; 5 more not shown", errs[MaxErrors].Error())
}

// TestErrorsSayWhatIsWrong: messages name the real mistake.
func TestErrorsSayWhatIsWrong(t *testing.T) {
	b, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	mm1 := string(b)
	for _, tc := range []struct{ name, doc, want string }{
		{"unknown function", strings.Replace(mm1, "rate: ${lambda}", "rate: ${foo(1)}", 1), `m.yaml:30:11: populations.customers.rate: in ${foo(1)}: unknown function "foo" (functions: erlang_c, exp, log`},
		{"an expression in a default", strings.Replace(mm1, "lambda: {default: 0.9,", `lambda: {default: "${1 - 0.1}",`, 1), "params.lambda.default: a param's default cannot hold ${}"},
		{"a !!str tag", strings.Replace(mm1, "    workers: 1\n", "    workers: !!str 1\n", 1), `expected a positive integer, got "1" tagged !!str (the tag makes it a string; remove the tag)`},
		{"not UTF-8", strings.Replace(mm1, "An M/M/1 queue", "An M/M/1 \xffqueue", 1), "m.yaml:3:12: the file is not UTF-8 text: byte 0xff at offset"},
	} {
		_, err := Load("m.yaml", []byte(tc.doc), nil)
		require.Error(t, err, tc.name)
		require.Contains(t, err.Error(), tc.want, tc.name)
	}
}

func TestOverLongKeySaysSo(t *testing.T) {
	b, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	doc := string(b) + strings.Repeat("k", 2000) + ": 1\n"
	_, err = Load("m.yaml", []byte(doc), nil)
	require.ErrorContains(t, err, "a key of 2000 characters; YAML allows keys of at most 1024 on one line: shorten it")
}

// TestYAMLSyntaxErrorsHaveColumns: a syntax error names line and column
// (found by a second parser where go.yaml.in/yaml/v3 gives only a line).
func TestYAMLSyntaxErrorsHaveColumns(t *testing.T) {
	for doc, want := range map[string]string{
		"name: x\nseed: [1\n":          "y.yaml:2:7: invalid YAML: did not find expected ',' or ']' (sequence end token ']' not found)",
		"name: x\ndescription: 'abc\n": "y.yaml:2:14: invalid YAML: found unexpected end of stream (could not find end character of single-quoted text)",
	} {
		_, err := Load("y.yaml", []byte(doc), nil)
		require.EqualError(t, err, want)
	}
}

func TestOverflowingRateNamesTheField(t *testing.T) {
	b, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	_, err = Load("m.yaml", b, []string{"populations.1.rate_per_user=1e300", "populations.1.users=1e9"})
	require.ErrorContains(t, err, "populations.batch.rate_per_user: rate_per_user x users = 1e+300 x 1000000000 overflows")
}

func TestDocumentedEventsNeedAClockAndTimes(t *testing.T) {
	b, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	noClock := regexp.MustCompile(`(?m)^clock:.*\n(  .*\n)*`).ReplaceAllString(string(b), "")
	require.NotContains(t, noClock, "clock:")
	doc := noClock + "documented_events:\n  - {name: start, at: \"2022-12-17T07:50:00+09:00\"}\n"
	_, err = Load("m.yaml", []byte(doc), nil)
	require.ErrorContains(t, err, "documented_events: documented moments are wall-clock times: the scenario needs a clock")
	doc = string(b) + "documented_events:\n  - {name: start, at: \"07:50\"}\n  - {name: early, at: \"2022-12-17T06:00:00+09:00\", which: middle}\n"
	_, err = Load("m.yaml", []byte(doc), nil)
	require.ErrorContains(t, err, `documented_events.start.at: expected an RFC 3339 time with an offset, like 2022-12-17T07:50:00+09:00, got "07:50"`)
	require.ErrorContains(t, err, `documented_events.early.which: expected first or last, got "middle"`)
}
