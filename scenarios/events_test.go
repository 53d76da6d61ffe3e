package scenarios

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestEventsHaveClockTimes: with a clock, every line of events.csv gives
// the wall-clock time of its time_s in the scenario's offset; without one
// the field is empty.
func TestEventsHaveClockTimes(t *testing.T) {
	t.Parallel()
	res := runQuick(t, "docomo-2022-12-17")
	s := res.Spec
	var b bytes.Buffer
	require.NoError(t, res.WriteEvents(&b))
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	require.Equal(t, "time_s,clock,kind,subject,by,since_s,message", lines[0])
	require.Greater(t, len(lines), 2)
	for i, e := range res.Events {
		fields := strings.SplitN(lines[1+i], ",", 3)
		at, err := time.Parse(time.RFC3339Nano, fields[1])
		require.NoError(t, err, lines[1+i])
		require.True(t, at.Equal(s.Clock.Start.Add(e.At)), lines[1+i])
		_, offset := at.Zone()
		_, want := s.Clock.Start.Zone()
		require.Equal(t, want, offset, "in the scenario's offset")
	}
	res = runQuick(t, "mm1")
	b.Reset()
	require.NoError(t, res.WriteEvents(&b))
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n")[1:] {
		require.Equal(t, "", strings.SplitN(l, ",", 3)[1], "no clock, no clock time")
	}
}
