package spec

import (
	"testing"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// TestDocumentedMomentsSayWhatTheirMatchShows: a moment paired with a
// simulated event names its evidence (emergent, calibrated or input), and
// a calibrated or input one its basis; its kind is an event kind.
func TestDocumentedMomentsSayWhatTheirMatchShows(t *testing.T) {
	base := testdataDoc(t, "mm1.yaml")
	moment := func(fields string) string {
		return base + "documented_events:\n  - {name: m, at: \"2022-12-17T07:50:00+09:00\"" + fields + "}\n"
	}
	s, err := Load("t.yaml", []byte(moment(", subject: server, kind: fault, evidence: input, basis: typed in")), nil)
	require.NoError(t, err)
	require.Equal(t, Input, s.DocumentedEvents[0].Evidence)
	require.Equal(t, sim.EventFault, s.DocumentedEvents[0].Kind)
	_, err = Load("t.yaml", []byte(moment("")), nil)
	require.NoError(t, err, "an unpaired moment needs no evidence")
	_, err = Load("t.yaml", []byte(moment(", kind: population-back, evidence: emergent")), nil)
	require.NoError(t, err, "an emergent moment needs no basis")

	for _, c := range []struct{ fields, field, msg string }{
		{", subject: server", "documented_events.m.evidence", "missing evidence; a moment paired with a simulated event must say what the match shows"},
		{", kind: fault, evidence: calibrated", "documented_events.m.basis", "missing basis; a moment whose evidence is calibrated must name what it rests on"},
		{", kind: faults, evidence: emergent", "documented_events.m.kind", `expected one of: fault, action, failover`},
		{", kind: fault, evidence: guess", "documented_events.m.evidence", `expected one of: emergent, calibrated, input; got "guess"`},
	} {
		_, err := Load("t.yaml", []byte(moment(c.fields)), nil)
		require.Error(t, err, c.fields)
		errs := Errors(err)
		require.Len(t, errs, 1, c.fields)
		require.Equal(t, c.field, errs[0].Field, c.fields)
		require.Contains(t, errs[0].Msg, c.msg, c.fields)
	}
}
