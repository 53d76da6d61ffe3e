package spec

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models/knob"
)

// powerPlace is where a declared power config sits in powerDoc: the
// marker its mapping replaces, the path of the mapping, its keys in the
// document before any edit, and how to find its decoded value.
type powerPlace struct {
	marker, path string
	typ          reflect.Type
	fields       [][2]string
	value        func(s *Spec) reflect.Value
}

const powerDist = "{dist: deterministic, value: 1m}"

// powerPlaces are every declared config of the power blocks, each once.
func powerPlaces() []powerPlace {
	of := func(v any) reflect.Value { return reflect.ValueOf(v).Elem() }
	return []powerPlace{
		{"SITE", "sites.s", reflect.TypeFor[Site](), [][2]string{{"name", "s"}, {"generator", "GEN"}, {"ups", "[UPS]"}, {"rooms", "[ROOM]"},
			{"restart_time", powerDist}, {"switchovers", "[SW]"}},
			func(s *Spec) reflect.Value { return of(&s.Sites[0]) }},
		{"GEN", "sites.s.generator", reflect.TypeFor[Generator](), [][2]string{{"start", "30s"}},
			func(s *Spec) reflect.Value { return of(s.Sites[0].Generator) }},
		{"UPS", "sites.s.ups.u", reflect.TypeFor[UPS](), [][2]string{{"name", "u"}, {"ride_through", "5m"}, {"feeds", "[r]"}},
			func(s *Spec) reflect.Value { return of(&s.Sites[0].UPS[0]) }},
		{"ROOM", "sites.s.rooms.r", reflect.TypeFor[Room](), [][2]string{{"name", "r"}, {"hosts", "3"}},
			func(s *Spec) reflect.Value { return of(&s.Sites[0].Rooms[0]) }},
		{"SW", "sites.s.switchovers.w", reflect.TypeFor[Switchover](), [][2]string{{"name", "w"}, {"service", "h"}, {"steps", "[STEP]"}},
			func(s *Spec) reflect.Value { return of(&s.Sites[0].Switchovers[0]) }},
		{"STEP", "sites.s.switchovers.w.steps.go", reflect.TypeFor[SwitchStep](), [][2]string{{"name", "go"}, {"duration", powerDist}},
			func(s *Spec) reflect.Value { return of(&s.Sites[0].Switchovers[0].Steps[0]) }},
		{"FIRE", "fires.f", reflect.TypeFor[Fire](), [][2]string{{"name", "f"}, {"site", "s"}, {"room", "r"}, {"at", "10m"}, {"spread", "[SPREAD]"}},
			func(s *Spec) reflect.Value { return of(&s.Fires[0]) }},
		{"SPREAD", "fires.f.spread.0", reflect.TypeFor[FireSpread](), [][2]string{{"room", "r"}, {"after", "1m"}},
			func(s *Spec) reflect.Value { return of(&s.Fires[0].Spread[0]) }},
		{"TEAMS", "restorations.t", reflect.TypeFor[Restoration](), [][2]string{{"name", "t"}, {"site", "s"}, {"start", "30m"},
			{"teams", "2"}, {"energize", powerDist}, {"repair", powerDist}},
			func(s *Spec) reflect.Value { return of(&s.Restorations[0]) }},
		{"POINT", "restorations.c.curve.0", reflect.TypeFor[CurvePoint](), [][2]string{{"at", "10m"}, {"share", "0.5"}},
			func(s *Spec) reflect.Value { return of(&s.Restorations[1].Curve[0]) }},
		{"POOL", "data_pools.p", reflect.TypeFor[DataPool](), [][2]string{{"name", "p"}, {"rate_per_hour", "2"}},
			func(s *Spec) reflect.Value { return of(&s.DataPools[0]) }},
		{"HOSTED", "hosted.h", reflect.TypeFor[Hosted](), [][2]string{{"name", "h"}, {"site", "s"}, {"rooms", "[r]"}, {"target", "server"},
			{"dr", "DR"}, {"data", "DATA"}},
			func(s *Spec) reflect.Value { return of(&s.Hosted[0]) }},
		{"DR", "hosted.h.dr", reflect.TypeFor[DR](), [][2]string{{"mode", "warm-standby"}},
			func(s *Spec) reflect.Value { return of(&s.Hosted[0].DR) }},
		{"DATA", "hosted.h.data", reflect.TypeFor[HostedData](), [][2]string{{"size", "1"}, {"pool", "p"}},
			func(s *Spec) reflect.Value { return of(s.Hosted[0].Data) }},
	}
}

// powerDoc is the document with every power block, the place under test's
// key set to value (added if the place does not write it).
func powerDoc(t *testing.T, places []powerPlace, test, key, value string) []byte {
	t.Helper()
	blocks := `sites:
  - SITE
fires:
  - FIRE
restorations:
  - TEAMS
  - {name: c, site: s, start: 30m, curve: [POINT, {at: 50m, share: 1}]}
data_pools:
  - POOL
hosted:
  - HOSTED
outcome:`
	render := map[string]string{}
	for _, pl := range places {
		var kv []string
		given := false
		for _, f := range pl.fields {
			v := f[1]
			if pl.marker == test && f[0] == key {
				v, given = value, true
			}
			kv = append(kv, f[0]+": "+v)
		}
		if pl.marker == test && !given {
			kv = append(kv, key+": "+value)
		}
		render[pl.marker] = "{" + strings.Join(kv, ", ") + "}"
	}
	for changed := true; changed; {
		changed = false
		for m, r := range render {
			for _, word := range strings.FieldsFunc(blocks, func(c rune) bool { return !(c >= 'A' && c <= 'Z') }) {
				if word == m {
					blocks = strings.Replace(blocks, m, r, 1)
					changed = true
				}
			}
		}
	}
	return []byte(edit(t, "outcome:", blocks))
}

// TestEveryDeclaredPowerLimitAndChoiceWorks writes, for every knob of the
// power blocks: each value just outside a limit (refused, naming the
// field), each limit itself where allowed and each choice of an enum
// (accepted, and decoded to that value), and, for each optional knob the
// document leaves out, checks its declared default.
func TestEveryDeclaredPowerLimitAndChoiceWorks(t *testing.T) {
	places := powerPlaces()
	s, err := Load("t.yaml", powerDoc(t, places, "", "", ""), nil)
	require.NoError(t, err)
	checked := 0
	for _, pl := range places {
		st := knob.MustStructOf(pl.typ)
		written := map[string]bool{}
		for _, f := range pl.fields {
			written[f[0]] = true
		}
		var fields []*knob.Field
		for i := range st.Fields {
			f := &st.Fields[i]
			if f.Inline {
				inner := knob.MustStructOf(f.Type)
				for j := range inner.Fields {
					fields = append(fields, &inner.Fields[j])
				}
				continue
			}
			fields = append(fields, f)
		}
		for _, f := range fields {
			path := pl.path + "." + f.Key
			got := func(s *Spec) any { return pl.value(s).FieldByName(f.GoName).Interface() }
			if !written[f.Key] && !f.Required {
				want := reflect.Zero(f.Type).Interface()
				if f.Default != "" {
					v, err := knob.ParseValue(f.Type, f.Default)
					require.NoError(t, err)
					want = v.Interface()
				}
				require.Equal(t, want, got(s), "%s left out", path)
				checked++
			}
			bad, good := limitCases(f)
			for _, v := range bad {
				_, err := Load("t.yaml", powerDoc(t, places, pl.marker, f.Key, v), nil)
				require.Error(t, err, "%s = %s must be refused", path, v)
				require.Equal(t, path, Errors(err)[0].Field, "%s = %s: %v", path, v, err)
				checked++
			}
			for _, v := range good {
				_, err := Load("t.yaml", powerDoc(t, places, pl.marker, f.Key, v), nil)
				require.NoError(t, err, "%s = %s is within its limits", path, v)
				checked++
			}
			for _, c := range knob.Choices(f.Type) {
				s, err := Load("t.yaml", powerDoc(t, places, pl.marker, f.Key, c), nil)
				require.NoError(t, err, "%s = %s", path, c)
				require.Equal(t, c, fmt.Sprint(got(s)), path)
				checked++
			}
		}
	}
	require.Greater(t, checked, 50)
}
