package spec

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
)

// switchoverBlock is a site's switch-over, inserted into testdata/power.yaml
// after pangyo's restart_time (lines 27-34 of the edited file).
const switchoverBlock = `    restart_time: {dist: uniform, min: 5m, max: 15m}
    switchovers:
      - name: to-ansan
        service: messaging
        decision: 40m
        needs: [ops-tools]
        hall: a3
        steps:
          - {name: prepare, duration: {dist: uniform, min: 10m, max: 20m}}
          - {name: start messaging, service: messaging}
`

// withSwitchover returns testdata/power.yaml with switchoverBlock and a
// notice lead of 20 min on the fire, then the edits.
func withSwitchover(t *testing.T, edits ...string) string {
	doc := editDoc(t, testdataDoc(t, "power.yaml"),
		"    restart_time: {dist: uniform, min: 5m, max: 15m}\n", switchoverBlock,
		"    power_off_at: 16h40m\n", "    power_off_at: 16h40m\n    notice_lead: 20m\n")
	return editDoc(t, doc, edits...)
}

// A site's switch-overs and a fire's notice lead load as written.
func TestLoadSwitchover(t *testing.T) {
	s, err := Load("t.yaml", []byte(withSwitchover(t)), nil)
	require.NoError(t, err)
	m := time.Minute
	require.Equal(t, []Switchover{{
		Name: "to-ansan", Service: "messaging", Decision: 40 * m, Needs: []string{"ops-tools"}, Hall: "a3",
		Steps: []SwitchStep{
			{Name: "prepare", Duration: models.UniformDist{Min: 10 * m, Max: 20 * m}},
			{Name: "start messaging", Service: "messaging"},
		},
	}}, s.Sites[0].Switchovers)
	require.Nil(t, s.Sites[1].Switchovers)
	require.Equal(t, 20*m, s.Fires[0].NoticeLead)
}

// Bad switch-overs and notice leads are errors naming file:line:column and
// the field.
func TestLoadSwitchoverErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  []wantErr
	}{
		{"unknown hall", []string{"hall: a3", "hall: a9"},
			[]wantErr{{"t.yaml:32:15", "sites.pangyo.switchovers.to-ansan.hall", "unknown room \"a9\" of site \"pangyo\"; expected one of its rooms: b1, a1, a2, a3"}}},
		{"unknown service", []string{"service: messaging\n        decision", "service: chat\n        decision"},
			[]wantErr{{"t.yaml:29:18", "sites.pangyo.switchovers.to-ansan.service", "unknown hosted service \"chat\"; expected one of the hosted services: ops-tools, auth, messaging, mail"}}},
		{"unknown need", []string{"needs: [ops-tools]", "needs: [tools]"},
			[]wantErr{{"t.yaml:31:17", "sites.pangyo.switchovers.to-ansan.needs.0", "unknown hosted service \"tools\""}}},
		{"unknown step service", []string{"service: messaging}", "service: chat}"},
			[]wantErr{{"t.yaml:35:46", "sites.pangyo.switchovers.to-ansan.steps.1.service", "unknown hosted service \"chat\""}}},
		{"step without duration or service", []string{"{name: start messaging, service: messaging}", "{name: start messaging}"},
			[]wantErr{{"t.yaml:35:13", "sites.pangyo.switchovers.to-ansan.steps.1.duration", "missing duration; a step without a service needs one"}}},
		{"no steps", []string{"        steps:\n          - {name: prepare, duration: {dist: uniform, min: 10m, max: 20m}}\n          - {name: start messaging, service: messaging}\n", "        steps: []\n"},
			[]wantErr{{"t.yaml:33:16", "sites.pangyo.switchovers.to-ansan.steps", "expected a non-empty list of steps"}}},
		{"negative decision", []string{"decision: 40m", "decision: -40m"},
			[]wantErr{{"t.yaml:30:19", "sites.pangyo.switchovers.to-ansan.decision", "expected a duration >= 0"}}},
		{"decision without service", []string{"        service: messaging\n", ""},
			[]wantErr{{"t.yaml:29:19", "sites.pangyo.switchovers.to-ansan.decision", "decision counts from service's primary going down"}}},
		{"unknown field", []string{"hall: a3", "room: a3"},
			[]wantErr{{"t.yaml:32:9", "sites.pangyo.switchovers.to-ansan.room", "unknown field \"room\" for a switch-over"}}},
		{"notice before the fire", []string{"notice_lead: 20m", "notice_lead: 1h30m"},
			[]wantErr{{"t.yaml:49:18", "fires.battery-fire.notice_lead", "expected notice_lead <= power_off_at - at (1h22m: no notice before the fire), got 1h30m"}}},
		{"notice without an order", []string{"    power_off_at: 16h40m\n", ""},
			[]wantErr{{"t.yaml:48:18", "fires.battery-fire.notice_lead", "notice_lead is the notice of a power-off order"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireLoadErrors(t, withSwitchover(t, tc.edits...), tc.want...)
		})
	}
}
