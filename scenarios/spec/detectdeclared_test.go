package spec

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/models/knob"
)

// detectorRequired are the fields each kind of detector needs, with values
// that resolve in testdata/network.yaml.
var detectorRequired = map[string][]string{
	"link-down":    {"link: e-nic1"},
	"bfd":          {"route: via-e"},
	"lacp":         {"route: via-e", "rate: slow"},
	"health-check": {"target: auth"},
	"e2e-probe":    {"target: planes-w", "interval: 1m", "timeout: 10s", "threshold: 3"},
	"availability": {"population: west", "threshold: 0.95", "window: 5m"},
}

// detectorDoc is testdata/network.yaml with one more detector, d, of
// kind: its required fields but the one fields sets, then fields.
func detectorDoc(t *testing.T, kind, fields string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/network.yaml")
	require.NoError(t, err)
	key, _, _ := strings.Cut(fields, ":")
	items := []string{"name: d", "kind: " + kind}
	for _, r := range detectorRequired[kind] {
		if !strings.HasPrefix(r, key+":") {
			items = append(items, r)
		}
	}
	if fields != "" {
		items = append(items, fields)
	}
	doc := strings.Replace(string(data), "\noperators:\n", "\n  - {"+strings.Join(items, ", ")+"}\noperators:\n", 1)
	require.NotEqual(t, string(data), doc)
	return []byte(doc)
}

// kindConfig returns the config of d's kind, the inline struct that is
// set.
func kindConfig(d Detector) reflect.Value {
	v := reflect.ValueOf(d)
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() {
			return f.Elem()
		}
	}
	return reflect.Value{}
}

// TestEveryDetectorLimitAndChoiceWorks writes, for every knob of every
// kind of detector: each value just outside a limit (refused, naming the
// field), each limit itself where allowed and each choice (accepted, and
// decoded to that value); and decodes each kind with only its required
// fields, which must leave every other knob at its declared default.
func TestEveryDetectorLimitAndChoiceWorks(t *testing.T) {
	st := knob.MustStructOf(reflect.TypeFor[Detector]())
	checked := 0
	last := func(s *Spec) Detector { return s.Detectors[len(s.Detectors)-1] }
	for _, kind := range (detect.Kind("")).Choices() {
		s, err := Load("t.yaml", detectorDoc(t, kind, ""), nil)
		require.NoError(t, err, kind)
		d := last(s)
		require.Equal(t, detect.Kind(kind), d.Kind)
		require.True(t, d.Alarm && d.Enabled, "alarm and enabled default to true")
		cfg := kindConfig(d)
		require.True(t, cfg.IsValid(), "%s: its config is set", kind)
		want := reflect.New(cfg.Type()).Elem()
		require.NoError(t, knob.SetDefaults(want, ""))
		ks := knob.MustStructOf(cfg.Type())
		for _, r := range detectorRequired[kind] {
			key, _, _ := strings.Cut(r, ":")
			f := ks.Field(key)
			require.NotNil(t, f, "%s.%s", kind, key)
			want.Field(f.Index).Set(cfg.Field(f.Index))
		}
		require.Equal(t, want.Interface(), cfg.Interface(), "%s: left-out knobs take their declared defaults", kind)

		for i := range ks.Fields {
			f := &ks.Fields[i]
			path := "detectors.d." + f.Key
			bad, good := limitCases(f)
			for _, v := range bad {
				_, err := Load("t.yaml", detectorDoc(t, kind, f.Key+": "+v), nil)
				require.Error(t, err, "%s = %s must be refused", path, v)
				require.Equal(t, path, Errors(err)[0].Field, "%s = %s: %v", path, v, err)
				checked++
			}
			for _, v := range good {
				_, err := Load("t.yaml", detectorDoc(t, kind, f.Key+": "+v), nil)
				require.NoError(t, err, "%s = %s is within its limits", path, v)
				checked++
			}
			for _, c := range knob.Choices(f.Type) {
				s, err := Load("t.yaml", detectorDoc(t, kind, f.Key+": "+c), nil)
				require.NoError(t, err, "%s = %s", path, c)
				require.Equal(t, c, fmt.Sprint(kindConfig(last(s)).Field(f.Index).Interface()), path)
				checked++
			}
		}
	}
	require.Greater(t, checked, 25)
	require.Equal(t, 5+len((detect.Kind("")).Choices()), len(st.Fields), "name, kind, on_fire, alarm, enabled and a config per kind")
}

// A detector may not take the name of customers' reports: the model's
// Check, reported at the name.
func TestDetectorNameReserved(t *testing.T) {
	doc := strings.Replace(string(detectorDoc(t, "bfd", "")), "name: d,", "name: customer-reports,", 1)
	_, err := Load("t.yaml", []byte(doc), nil)
	requireErrors(t, err, wantErr{"t.yaml:120:12", "detectors.customer-reports.name", `the detector name "customer-reports" is reserved for operators' notice_from`})
}

// operatorDoc is testdata/network.yaml with the operator's factor and
// flood replaced by fields (its flood's mapping when flood is true).
func operatorDoc(t *testing.T, flood bool, fields string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/network.yaml")
	require.NoError(t, err)
	old := "    diagnosis_factor_missing_alarm: 2\n    flood: {alarms: 20, window: 10m, factor: 1.5}\n"
	items := map[string]string{"alarms": "alarms: 20", "window": "window: 10m", "factor": "factor: 1.5"}
	key, _, _ := strings.Cut(fields, ":")
	repl := "    " + fields + "\n"
	if flood {
		items[key] = fields
		repl = "    flood: {" + items["alarms"] + ", " + items["window"] + ", " + items["factor"] + "}\n"
	}
	doc := strings.Replace(string(data), old, repl, 1)
	require.NotEqual(t, string(data), doc)
	return []byte(doc)
}

// TestEveryOperatorLimitWorks: each number and duration knob of an
// operator and of its flood refuses the values just outside its limits,
// naming the field, and accepts its limits.
func TestEveryOperatorLimitWorks(t *testing.T) {
	checked := 0
	for _, pl := range []struct {
		path  string
		st    *knob.Struct
		flood bool
	}{
		{"operators.noc", knob.MustStructOf(reflect.TypeFor[Operator]()), false},
		{"operators.noc.flood", knob.MustStructOf(reflect.TypeFor[Flood]()), true},
	} {
		for i := range pl.st.Fields {
			f := &pl.st.Fields[i]
			bad, good := limitCases(f)
			for _, v := range bad {
				_, err := Load("t.yaml", operatorDoc(t, pl.flood, f.Key+": "+v), nil)
				require.Error(t, err, "%s.%s = %s", pl.path, f.Key, v)
				require.Equal(t, pl.path+"."+f.Key, Errors(err)[0].Field, "%s = %s: %v", f.Key, v, err)
				checked++
			}
			for _, v := range good {
				_, err := Load("t.yaml", operatorDoc(t, pl.flood, f.Key+": "+v), nil)
				require.NoError(t, err, "%s.%s = %s", pl.path, f.Key, v)
				checked++
			}
		}
	}
	require.Greater(t, checked, 8)
	s, err := Load("t.yaml", operatorDoc(t, false, "attention: {triage: {dist: deterministic, value: 1s}}"), nil)
	require.NoError(t, err)
	require.Equal(t, 1.0, s.Operators[0].DiagnosisFactorMissingAlarm, "the declared default")
	require.Nil(t, s.Operators[0].Flood)
}

// Names in an operator's lists are unique: the notice_from sources, the
// steps, the units of a work step.
func TestOperatorNamesAreUnique(t *testing.T) {
	doc := strings.Replace(string(operatorDoc(t, false, "diagnosis_factor_missing_alarm: 2")),
		"notice_from: [avail, customer-reports]", "notice_from: [avail, avail]", 1)
	requireErrors(t, errOf(Load("t.yaml", []byte(doc), nil)),
		wantErr{"t.yaml:122:26", "operators.noc.notice_from.1", `duplicate detector name "avail"; the first is at line 122`})
}

func errOf(_ *Spec, err error) error { return err }
