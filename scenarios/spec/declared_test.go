package spec

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/knob"
	"github.com/cascade-sim/cascade/models/retry"
)

// clientDoc is small with the client's mapping replaced by fields.
func clientDoc(fields string) []byte {
	doc := strings.Replace(small, "  - name: c\n    retries: 2\n    control: CONTROL\n", "  - {name: c"+fields+"}\n", 1)
	return []byte(strings.Replace(doc, "TOLERANCE", "rel_tolerance: 0.1", 1))
}

// declaredPlace is where a declared struct sits in clientDoc: the path of
// its mapping, and how its mapping is written around its fields.
type declaredPlace struct {
	path   string
	st     *knob.Struct
	kind   string // the kind of a struct with a kind field, or a union's
	inside func(fields string) []byte
	// skip are keys whose limits a rule between items holds back (a
	// plane's share: the shares sum to 1).
	skip map[string]bool
	// get returns the decoded struct, for the choices of enums; nil for
	// a client's backoff (the only enum of the client places, jitter).
	get func(s *Spec) reflect.Value
}

// declaredPlaces are every declared struct a client holds, each kind of
// each: the client itself, its backoff of each kind, its control of each
// kind.
func declaredPlaces() []declaredPlace {
	client := knob.MustStructOf(reflect.TypeFor[Client]())
	places := []declaredPlace{{path: "clients.c", st: client, inside: func(f string) []byte { return clientDoc(", " + f) }}}
	backoff := knob.MustStructOf(reflect.TypeFor[retry.BackoffConfig]())
	for _, k := range []string{"constant", "exponential"} {
		places = append(places, declaredPlace{path: "clients.c.backoff", st: backoff, kind: k,
			inside: func(f string) []byte {
				if !strings.HasPrefix(f, "base:") {
					f = "base: 1ms, " + f
				}
				return clientDoc(", backoff: {kind: " + k + ", " + f + "}")
			}})
	}
	for _, k := range retry.Controls.Kinds {
		places = append(places, declaredPlace{path: "clients.c.control", st: knob.MustStructOf(k.Type), kind: k.Name,
			inside: func(f string) []byte { return clientDoc(", control: {kind: " + k.Name + ", " + f + "}") }})
	}
	// Faults of the actions with limited knobs, on small's service s and
	// client c: each written with its required fields, the one under test
	// replacing its own.
	fault := knob.MustStructOf(reflect.TypeFor[Fault]())
	for _, fc := range []struct{ action, component, needs string }{
		{"slow", "s", "factor: 2"}, {"scale", "s", "factor: 2"}, {"retries", "c", "retries: 1"},
	} {
		places = append(places, declaredPlace{path: "faults.f", st: fault, kind: fc.action,
			inside: func(f string) []byte {
				fields := map[string]string{"at": "at: 1m", "component": "component: " + fc.component}
				need, _, _ := strings.Cut(fc.needs, ":")
				fields[need] = fc.needs
				key, _, _ := strings.Cut(f, ":")
				fields[key] = f
				item := "{name: f, action: " + fc.action
				for _, k := range []string{"at", "component", need} {
					item += ", " + fields[k]
					delete(fields, k)
				}
				for _, v := range fields {
					item += ", " + v
				}
				doc := strings.Replace(small, "TOLERANCE", "rel_tolerance: 0.1", 1)
				doc = strings.Replace(doc, "CONTROL", "{kind: none}", 1)
				return []byte(strings.Replace(doc, "outcome:", "faults:\n  - "+item+"}\noutcome:", 1))
			}})
	}
	// The network's own knobs, and a link's, in testdata/network.yaml.
	netDoc := func(old, new string) []byte {
		data, err := os.ReadFile("testdata/network.yaml")
		if err != nil {
			panic(err)
		}
		return []byte(strings.Replace(string(data), old, new, 1))
	}
	places = append(places,
		declaredPlace{path: "network", st: knob.MustStructOf(reflect.TypeFor[Network]()),
			inside: func(f string) []byte { return netDoc("  max_hops: 16\n", "  "+f+"\n") }},
		declaredPlace{path: "network.links.core-e", st: knob.MustStructOf(reflect.TypeFor[Link]()),
			inside: func(f string) []byte {
				return netDoc("{name: core-e, a: core, b: sw-e/l2, latency: 100us}", "{name: core-e, a: core, b: sw-e/l2, "+f+"}")
			}},
	)
	return places
}

// outside returns values just outside a number or duration field's
// limits, and the limits themselves where they are allowed.
func limitCases(f *knob.Field) (bad, good []string) {
	t := f.Type
	if t.Kind() == reflect.Slice {
		t = t.Elem() // each item within the limits
	}
	isDuration := t == reflect.TypeFor[time.Duration]()
	isInt := t.Kind() == reflect.Int
	format := func(v float64) string {
		switch {
		case isDuration:
			return fmt.Sprintf("%dns", int64(v))
		case isInt:
			return fmt.Sprintf("%d", int64(v))
		}
		return fmt.Sprint(v)
	}
	step := func(v float64) float64 {
		switch {
		case isDuration:
			return float64(time.Millisecond)
		case isInt:
			return 1
		}
		return 0.001 * max(1, v)
	}
	if f.Min.Set {
		if f.Min.Exclusive {
			bad = append(bad, format(f.Min.Value))
			good = append(good, format(f.Min.Value+step(f.Min.Value)))
		} else {
			bad = append(bad, format(f.Min.Value-step(f.Min.Value)))
			good = append(good, format(f.Min.Value))
		}
	}
	if f.Max.Set {
		if f.Max.Exclusive {
			bad = append(bad, format(f.Max.Value))
		} else {
			bad = append(bad, format(f.Max.Value+step(f.Max.Value)))
			good = append(good, format(f.Max.Value))
		}
	}
	return bad, good
}

// TestEveryDeclaredLimitAndChoiceWorks writes, for every knob a client
// holds (its own, its backoff's of each kind, its control's of each kind):
// each value just outside a limit (refused, naming the field), each limit
// itself where allowed and each choice of an enum (accepted, and decoded
// to that value), and leaves each out (its declared default).
func TestEveryDeclaredLimitAndChoiceWorks(t *testing.T) {
	checked := 0
	places := append(declaredPlaces(), componentPlaces()...)
	for _, pl := range append(places, scenarioPlaces()...) {
		for i := range pl.st.Fields {
			f := &pl.st.Fields[i]
			if f.Key == "kind" || f.Name || pl.skip[f.Key] || (pl.kind != "" && !f.ForKind(pl.kind)) {
				continue
			}
			path := pl.path + "." + f.Key
			bad, good := limitCases(f)
			item, errPath := func(v string) string { return v }, path
			if f.Type.Kind() == reflect.Slice {
				item, errPath = func(v string) string { return "[" + v + "]" }, path+".0"
			}
			for _, v := range bad {
				_, err := Load("t.yaml", pl.inside(f.Key+": "+item(v)), nil)
				require.Error(t, err, "%s = %s (kind %s) must be refused", path, v, pl.kind)
				require.Equal(t, errPath, Errors(err)[0].Field, "%s = %s: %v", path, v, err)
				checked++
			}
			for _, v := range good {
				_, err := Load("t.yaml", pl.inside(f.Key+": "+item(v)), nil)
				require.NoError(t, err, "%s = %s (kind %s) is within its limits", path, v, pl.kind)
				checked++
			}
			for _, c := range knob.Choices(f.Type) {
				if pl.path != "clients.c.backoff" {
					continue // a client's only enum outside a kind field is its backoff's jitter
				}
				s, err := Load("t.yaml", pl.inside(f.Key+": "+c), nil)
				if pl.path == "clients.c.backoff" && c == "decorrelated" && pl.kind != "exponential" {
					require.Error(t, err, "decorrelated jitter needs exponential backoff")
					continue
				}
				require.NoError(t, err, "%s = %s", path, c)
				got := fmt.Sprint(s.Clients[0].Backoff.Jitter)
				if pl.get != nil {
					got = fmt.Sprint(pl.get(s).Field(f.Index).Interface())
				}
				require.Equal(t, c, got, path)
				checked++
			}
		}
	}
	require.Greater(t, checked, 100)
}

// TestLeftOutKnobsTakeTheirDeclaredDefaults decodes each control kind and
// each backoff kind with only its kind (and required fields) and compares
// with knob.SetDefaults of the model's type.
func TestLeftOutKnobsTakeTheirDeclaredDefaults(t *testing.T) {
	for _, k := range retry.Controls.Kinds {
		s, err := Load("t.yaml", clientDoc(", control: {kind: "+k.Name+"}"), nil)
		require.NoError(t, err, k.Name)
		want := reflect.New(k.Type).Elem()
		require.NoError(t, knob.SetDefaults(want, ""))
		require.Equal(t, want.Interface(), s.Clients[0].Control, k.Name)
		require.Equal(t, k.Name, s.Clients[0].ControlKind())
	}
	s, err := Load("t.yaml", clientDoc(", backoff: {kind: exponential, base: 1s}"), nil)
	require.NoError(t, err)
	require.Equal(t, retry.BackoffConfig{Kind: retry.Exponential, Base: time.Second, Multiplier: 2}, s.Clients[0].Backoff)
	s, err = Load("t.yaml", clientDoc(""), nil)
	require.NoError(t, err)
	require.Equal(t, Client{Name: "c"}, s.Clients[0], "a client of only a name is the zero policy")
	require.Equal(t, "none", s.Clients[0].ControlKind())
}

// TestDeclaredChecksComeWithPositions: a rule between fields, declared in
// the model's Check, is reported at the field it names.
func TestDeclaredChecksComeWithPositions(t *testing.T) {
	_, err := Load("t.yaml", clientDoc(", control: {kind: grpc-throttling, max_tokens: 1, token_ratio: 2}"), nil)
	requireErrors(t, err, wantErr{"t.yaml:7:76", "clients.c.control.token_ratio", "expected a ratio at most max_tokens (1), got 2"})
	_, err = Load("t.yaml", clientDoc(", control: {kind: sre-throttling, window: 10ns, buckets: 11}"), nil)
	requireErrors(t, err, wantErr{"t.yaml:7:70", "clients.c.control.buckets", "at most one bucket per nanosecond of window"})
}

// TestEffectiveValuesShowDefaults: describe's line of a client names every
// knob, the defaults marked.
func TestEffectiveValuesShowDefaults(t *testing.T) {
	s, err := Load("t.yaml", clientDoc(", timeout: 2s, retries: 1, backoff: {kind: exponential, base: 100ms}, control: {kind: retry-budget, share: 0}"), nil)
	require.NoError(t, err)
	require.Equal(t, "timeout 2s, deadline none*, retries 1, backoff {exponential, base 100ms, cap 0s*, multiplier 2*, jitter none*}, "+
		"control {retry-budget, share 0, ttl 10s*}, cancel_on_timeout false*", EffectiveValues(s.Clients[0]))
	s, err = Load("t.yaml", clientDoc(""), nil)
	require.NoError(t, err)
	require.Equal(t, "timeout none*, deadline none*, retries 0*, backoff {none}*, control none*, cancel_on_timeout false*", EffectiveValues(s.Clients[0]))
}

// TestKnobsListEveryDeclaredItem: describe's knob lines name every item of
// every declared section by its --set path, in the file's order.
func TestKnobsListEveryDeclaredItem(t *testing.T) {
	data, err := os.ReadFile("testdata/network.yaml")
	require.NoError(t, err)
	s, err := Load("network.yaml", data, nil)
	require.NoError(t, err)
	lines := Knobs(s)
	paths := map[string]string{}
	var order []string
	for _, l := range lines {
		paths[l.Path] = l.Values
		order = append(order, l.Path)
	}
	require.Equal(t, "network", order[0])
	for _, c := range s.Components {
		require.Contains(t, paths, "components."+c.Name)
	}
	for _, d := range s.Detectors {
		require.Contains(t, paths, "detectors."+d.Name)
	}
	for _, nd := range s.Network.Nodes {
		require.Contains(t, paths, "network.nodes."+nd.Name)
	}
	require.Equal(t, "max_hops 16", paths["network"])
	require.Contains(t, paths["network.nodes.auth-e"], "address 10.1.0.10")
	require.Contains(t, paths["detectors.e-link"], "on_fire [failover auth-e]")
	require.Contains(t, paths["components.auth"], "queue {capacity 0*, discipline fifo*", "defaults are marked")
}

// TestRetriesActionSharesTheClientsLimits: a retries action's retries are
// declared with the limits of a client's retries (two tags, one rule).
func TestRetriesActionSharesTheClientsLimits(t *testing.T) {
	client := knob.MustStructOf(reflect.TypeFor[Client]()).Field("retries")
	fault := knob.MustStructOf(reflect.TypeFor[Fault]()).Field("retries")
	require.Equal(t, client.Min, fault.Min)
	require.Equal(t, client.Max, fault.Max)
}

// withField writes a flow mapping's keys: base, with the one whose key f
// names replaced by f (or f added).
func withField(base []string, f string) string {
	key, _, _ := strings.Cut(f, ":")
	out, done := []string{}, false
	for _, b := range base {
		if k, _, _ := strings.Cut(b, ":"); k == key {
			b, done = f, true
		}
		out = append(out, b)
	}
	if !done {
		out = append(out, f)
	}
	return strings.Join(out, ", ")
}

// scenarioPlaces are the declared structs of the rest of a file: planes
// and a plane, the outcome, a documented figure, a forwarding fault, a
// detour action and a configure's procedure.
func scenarioPlaces() []declaredPlace {
	netDoc := func(old, new string) []byte {
		data, err := os.ReadFile("testdata/network.yaml")
		if err != nil {
			panic(err)
		}
		if !strings.Contains(string(data), old) {
			panic("testdata/network.yaml has no " + old)
		}
		return []byte(strings.Replace(string(data), old, new, 1))
	}
	smallDoc := func(old, new string) []byte {
		doc := strings.Replace(small, "CONTROL", "{kind: none}", 1)
		if old != "TOLERANCE" {
			doc = strings.Replace(doc, "TOLERANCE", "rel_tolerance: 0.1", 1)
		}
		return []byte(strings.Replace(doc, old, new, 1))
	}
	st := func(t reflect.Type) *knob.Struct { return knob.MustStructOf(t) }
	fault := st(reflect.TypeFor[Fault]())
	return []declaredPlace{
		{path: "components.planes-w", st: st(reflect.TypeFor[Planes]()),
			inside: func(f string) []byte { return netDoc("    rate: 1000\n", "    "+f+"\n") }},
		{path: "components.planes-w.planes.e", st: st(reflect.TypeFor[Plane]()), skip: map[string]bool{"share": true},
			inside: func(f string) []byte {
				return netDoc("{name: e, target: via-e, share: 0.5, capacity: 2000}",
					"{"+withField([]string{"name: e", "target: via-e", "share: 0.5", "capacity: 2000"}, f)+"}")
			}},
		{path: "outcome", st: st(reflect.TypeFor[Outcome]()),
			inside: func(f string) []byte {
				lines := strings.Split(withField([]string{"availability_threshold: 0.9"}, f), ", ")
				return smallDoc("  availability_threshold: 0.9\n", "  "+strings.Join(lines, "\n  ")+"\n")
			}},
		{path: "documented.users", st: st(reflect.TypeFor[Documented]()),
			inside: func(f string) []byte { return smallDoc("TOLERANCE", f) }},
		{path: "faults.lossy", st: fault, kind: "forwarding",
			inside: func(f string) []byte {
				return netDoc("{name: lossy, at: 1h20m, component: core-f, action: forwarding, drop: 0.1, delay: 2ms}",
					"{"+withField([]string{"name: lossy", "at: 1h20m", "component: core-f", "action: forwarding", "drop: 0.1", "delay: 2ms"}, f)+"}")
			}},
		{path: "actions.move", st: fault, kind: "detour",
			inside: func(f string) []byte {
				return netDoc("{name: move, at: 3h20m, component: planes-w, action: detour, from: e, share: 0.8, to: [f]}",
					"{"+withField([]string{"name: move", "at: 3h20m", "component: planes-w", "action: detour", "from: e", "share: 0.8", "to: [f]"}, f)+"}")
			}},
		{path: "faults.change.procedure", st: st(reflect.TypeFor[Procedure]()),
			inside: func(f string) []byte {
				return netDoc(`procedure: {name: generic, drop_share: "${drop_share}"}`,
					"procedure: {"+withField([]string{"name: generic", `drop_share: "${drop_share}"`}, f)+"}")
			}},
	}
}
