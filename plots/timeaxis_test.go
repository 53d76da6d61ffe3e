package plots

import (
	"testing"
	"time"
	_ "time/tzdata" // zone data for the DST case, whatever the machine has

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
)

// labels returns the labels of the labelled ticks.
func labels(ticks []plot.Tick) []string {
	var out []string
	for _, t := range ticks {
		if !t.IsMinor() {
			out = append(out, t.Label)
		}
	}
	return out
}

var jst = time.FixedZone("JST", 9*3600)

func TestRelativeTicks(t *testing.T) {
	tests := []struct {
		name     string
		min, max float64
		maxTicks int
		want     []string
		unit     string
	}{
		{"90 s in seconds", 0, 90, 7, []string{"0", "15", "30", "45", "60", "75", "90"}, "s"},
		{"10 min in minutes", 0, 600, 12, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}, "min"},
		{"12 h in hours", 0, 12 * 3600, 13, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}, "h"},
		{"12 h, little room", 0, 12 * 3600, 6, []string{"0", "3", "6", "9", "12"}, "h"},
		{"90 min in half hours", 0, 90 * 60, 4, []string{"0", "30", "60", "90"}, "min"},
		{"5 h, 30 min steps", 0, 5 * 3600, 11, []string{"0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"}, "h"},
		{"5 days in days", 0, 5 * 86400, 8, []string{"0", "1", "2", "3", "4", "5"}, "days"},
		{"range not from 0", 1000, 4000, 8, []string{"20", "30", "40", "50", "60"}, "min"},
		{"2 s in tenths", 0, 2, 5, []string{"0.0", "0.5", "1.0", "1.5", "2.0"}, "s"},
		{"negative start", -600, 600, 5, []string{"-10", "-5", "0", "5", "10"}, "min"},
		{"60 days", 0, 60 * 86400, 8, []string{"0", "14", "28", "42", "56"}, "days"},
		{"3 days in hours", 0, 3 * 86400, 8, []string{"0", "12", "24", "36", "48", "60", "72"}, "h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ticks := timeTicks(TimeAxis{}, tt.min, tt.max, tt.maxTicks)
			require.Equal(t, tt.want, labels(ticks))
			require.LessOrEqual(t, len(ticks), tt.maxTicks)
			unit, _ := relativeUnit(tt.max - tt.min)
			require.Equal(t, tt.unit, unit)
			require.Equal(t, "time since start ("+tt.unit+")", TimeAxis{}.label(tt.min, tt.max))
		})
	}
}

func TestClockTicks(t *testing.T) {
	tokyo := time.Date(2022, 12, 2, 8, 55, 0, 0, jst)
	tests := []struct {
		name     string
		start    time.Time
		loc      *time.Location
		min, max float64
		maxTicks int
		want     []string
	}{
		{
			name:  "10 h from 08:55 JST: hourly",
			start: tokyo, max: 10 * 3600, maxTicks: 12,
			want: []string{"09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00", "18:00"},
		},
		{
			name:  "10 h from 08:55 JST, little room: 2 hours",
			start: tokyo, max: 10 * 3600, maxTicks: 6,
			want: []string{"10:00", "12:00", "14:00", "16:00", "18:00"},
		},
		{
			name:  "40 min: 5 minutes",
			start: tokyo, max: 40 * 60, maxTicks: 10,
			want: []string{"08:55", "09:00", "09:05", "09:10", "09:15", "09:20", "09:25", "09:30", "09:35"},
		},
		{
			name:  "2 min: seconds",
			start: tokyo, min: 0, max: 120, maxTicks: 5,
			want: []string{"08:55:00", "08:55:30", "08:56:00", "08:56:30", "08:57:00"},
		},
		{
			name:  "crossing midnight: dated first tick and new day",
			start: time.Date(2022, 10, 15, 20, 0, 0, 0, jst), max: 12 * 3600, maxTicks: 11,
			want: []string{"15 Oct 20:00", "22:00", "16 Oct 00:00", "02:00", "04:00", "06:00", "08:00"},
		},
		{
			name:  "5 days: day-level labels",
			start: time.Date(2022, 10, 14, 9, 0, 0, 0, jst), max: 5 * 86400, maxTicks: 11,
			want: []string{"15 Oct", "16 Oct", "17 Oct", "18 Oct", "19 Oct"},
		},
		{
			name:  "Location overrides Start's zone",
			start: time.Date(2022, 12, 2, 0, 0, 0, 0, time.UTC), loc: jst, max: 3 * 3600, maxTicks: 4,
			want: []string{"09:00", "10:00", "11:00", "12:00"},
		},
		{
			name:  "DST change keeps round wall-clock labels",
			start: time.Date(2022, 3, 27, 0, 0, 0, 0, mustLoad(t, "Europe/Berlin")), max: 6 * 3600, maxTicks: 7,
			want: []string{"00:00", "01:00", "03:00", "04:00", "05:00", "06:00", "07:00"},
		},
		{
			name:  "DST change skips a wall time that does not exist",
			start: time.Date(2022, 3, 27, 0, 0, 0, 0, mustLoad(t, "Europe/Berlin")), max: 6 * 3600, maxTicks: 6,
			want: []string{"00:00", "04:00", "06:00"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ax := TimeAxis{Start: tt.start, Location: tt.loc}
			ticks := timeTicks(ax, tt.min, tt.max, tt.maxTicks)
			require.Equal(t, tt.want, labels(ticks))
			for _, tk := range ticks {
				require.GreaterOrEqual(t, tk.Value, tt.min)
				require.LessOrEqual(t, tk.Value, tt.max)
			}
		})
	}
}

func TestClockTickValues(t *testing.T) {
	start := time.Date(2022, 12, 2, 8, 55, 0, 0, jst)
	ticks := timeTicks(TimeAxis{Start: start}, 0, 3*3600, 4)
	require.Equal(t, []float64{5 * 60, 65 * 60, 125 * 60}, []float64{ticks[0].Value, ticks[1].Value, ticks[2].Value})
}

func TestTimeAxisLabel(t *testing.T) {
	start := time.Date(2022, 12, 2, 8, 0, 0, 0, jst)
	require.Equal(t, "time (JST, UTC+09:00)", TimeAxis{Start: start}.label(0, 3600))
	require.Equal(t, "time (Tokyo, UTC+09:00)", TimeAxis{Start: start, ZoneLabel: "Tokyo"}.label(0, 3600))
	require.Equal(t, "time (UTC+05:30)", TimeAxis{Start: start, Location: time.FixedZone("", 5*3600+1800)}.label(0, 3600))
	require.Equal(t, "time (UTC-03:00)", TimeAxis{Start: start, Location: time.FixedZone("", -3*3600)}.label(0, 3600))
	require.Equal(t, "time (UTC)", TimeAxis{Start: start, Location: time.UTC}.label(0, 3600))
	require.Equal(t, "time since start (min)", TimeAxis{}.label(0, 3600))
	// Across a change of offset (Berlin, 26 Mar 2023 02:00 CET), both.
	berlin := mustLoad(t, "Europe/Berlin")
	spring := time.Date(2023, 3, 26, 0, 0, 0, 0, berlin)
	require.Equal(t, "time (CET, UTC+01:00 to UTC+02:00)", TimeAxis{Start: spring}.label(0, 6*3600))
	// The ticks do not repeat the zone.
	for _, tk := range timeTicks(TimeAxis{Start: start}, 0, 3*3600, 4) {
		require.NotContains(t, tk.Label, "JST")
		require.Regexp(t, `^\d\d:\d\d$`, tk.Label)
	}
}

func mustLoad(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}
