package plots

import (
	"bytes"
	"image/png"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
)

func TestMarkerKindString(t *testing.T) {
	require.Equal(t, "fault", MarkerFault.String())
	require.Equal(t, "action", MarkerAction.String())
	require.Equal(t, "alarm", MarkerAlarm.String())
	require.Equal(t, "info", MarkerInfo.String())
	require.Equal(t, "recovery", MarkerRecovery.String())
	require.Equal(t, "missing alarm", MarkerMissingAlarm.String())
	require.Equal(t, "MarkerKind(9)", MarkerKind(9).String())
}

func TestMarkerStylesDiffer(t *testing.T) {
	kinds := []MarkerKind{MarkerFault, MarkerAction, MarkerAlarm, MarkerInfo, MarkerDocumented, MarkerRecovery, MarkerMissingAlarm}
	for i, a := range kinds {
		for _, b := range kinds[i+1:] {
			sa, sb := markerStyle(a), markerStyle(b)
			require.NotEqual(t, sa.Color, sb.Color, "%v vs %v", a, b)
			require.NotEqual(t, sa.Dashes, sb.Dashes, "%v vs %v", a, b)
		}
	}
}

func TestVisibleMarkers(t *testing.T) {
	ms := []Marker{{At: 50, Label: "b"}, {At: 10, Label: "a"}, {At: 500, Label: "out"}, {At: 10, Label: "a2"}}
	got := visibleMarkers(ms, 0, 100)
	require.Equal(t, []Marker{{At: 10, Label: "a"}, {At: 10, Label: "a2"}, {At: 50, Label: "b"}}, got)
	require.Equal(t, []MarkerKind{MarkerFault}, markerKinds(got))
}

// requireNoCollisions checks the placement of labels: no two labels
// overlap in a row, and no marker line crosses another's label.
func requireNoCollisions(t *testing.T, boxes []labelBox, rows []int) {
	t.Helper()
	for i, b := range boxes {
		if rows[i] < 0 {
			continue
		}
		others := append([]int(nil), rows...)
		others[i] = -1
		require.Zero(t, conflicts(boxes, others, b, rows[i]), "label %d in row %d", i, rows[i])
	}
}

func TestStaggerSpreadLabelsShareARow(t *testing.T) {
	boxes := []labelBox{rightOf(0, 80, 1000), rightOf(100, 80, 1000), rightOf(200, 80, 1000)}
	rows, used, collisions := stagger(boxes, []int{0, 1, 2}, 6)
	require.Equal(t, []int{0, 0, 0}, rows)
	require.Equal(t, 1, used)
	require.Zero(t, collisions)
}

func TestStaggerCloseLabelsStepDown(t *testing.T) {
	// Three events a few points apart: each label goes one row lower, so
	// that every line reaches its label without crossing another.
	boxes := []labelBox{rightOf(0, 80, 1000), rightOf(5, 80, 1000), rightOf(10, 80, 1000)}
	rows, used, collisions := stagger(boxes, []int{0, 1, 2}, 6)
	require.Equal(t, []int{0, 1, 2}, rows)
	require.Equal(t, 3, used)
	require.Zero(t, collisions)
	requireNoCollisions(t, boxes, rows)
}

func TestStaggerRowLimit(t *testing.T) {
	boxes := []labelBox{rightOf(0, 80, 1000), rightOf(5, 80, 1000), rightOf(10, 80, 1000)}
	rows, used, collisions := stagger(boxes, []int{0, 1, 2}, 2)
	require.Equal(t, 2, used)
	require.Positive(t, collisions)
	for _, r := range rows {
		require.Less(t, r, 2)
	}
}

func TestStaggerUnlabelledMarker(t *testing.T) {
	boxes := []labelBox{rightOf(0, 80, 1000), rightOf(5, 0, 1000)}
	rows, used, _ := stagger(boxes, []int{0, 1}, 6)
	require.Equal(t, []int{0, -1}, rows)
	require.Equal(t, 1, used)
}

func TestRightOfFlipsAtTheEdge(t *testing.T) {
	require.Equal(t, labelBox{X: 100, Start: 103, End: 183}, rightOf(100, 80, 200))
	require.Equal(t, labelBox{X: 150, Start: 67, End: 147}, rightOf(150, 80, 200))
}

// TestMarkerBandCluster: eight events four minutes apart in a ten-hour run
// are a few points apart; their labels need eight rows as a staircase but
// only four as a "V" (half left of their lines, half right), without any
// collision.
func TestMarkerBandCluster(t *testing.T) {
	var xs []vg.Length
	for i := 0; i < 8; i++ {
		xs = append(xs, 200+vg.Length(i)*4.4)
	}
	toX := func(t float64) vg.Length { return vg.Length(t) }
	ms := make([]Marker, len(xs))
	for i, x := range xs {
		ms[i] = Marker{At: float64(x), Label: "operator checks logs"}
	}
	b := newMarkerBand(ms, toX, 0, 600, 0, 650, 6)
	require.Equal(t, 4, b.nRows)
	requireNoCollisions(t, b.boxes, b.rows)
	for i := 0; i < 4; i++ {
		require.Less(t, b.boxes[i].End, b.boxes[i].X, "label %d left of its line", i)
	}
	for i := 4; i < 8; i++ {
		require.Greater(t, b.boxes[i].Start, b.boxes[i].X, "label %d right of its line", i)
	}

	// Spread events keep the plain arrangement: one row, all to the right.
	ms = []Marker{{At: 10, Label: "fault"}, {At: 300, Label: "detour"}}
	b = newMarkerBand(ms, toX, 0, 600, 0, 650, 6)
	require.Equal(t, 1, b.nRows)
	require.Greater(t, b.boxes[0].Start, b.boxes[0].X)
}

// A label too wide loses its trailing parenthesis first, then is cut with
// an ellipsis.
func TestTruncateDropsTheParenthesisFirst(t *testing.T) {
	sty := leftText(10, false)
	short := "fire service orders all power off"
	long := short + " (battery-fire)"
	require.Equal(t, long, truncate(sty, long, sty.Width(long)))
	require.Equal(t, short, truncate(sty, long, sty.Width(short)+1))
	cut := truncate(sty, long, sty.Width(short)/2)
	require.True(t, strings.HasSuffix(cut, "…"), cut)
	require.True(t, strings.HasPrefix(short, strings.TrimSuffix(cut, "…")), cut)
}

// TestDenseRunIsASpan: a hundred unlabelled alarms 18 s apart in a
// seven-hour plot are drawn as a light tint of the alarm colour, even from
// top to bottom, not a comb of dashed lines.
func TestDenseRunIsASpan(t *testing.T) {
	f := okFigure()
	f.Time = TimeAxis{Max: 7 * 3600}
	for i := range 100 {
		f.Markers = append(f.Markers, Marker{At: 3600 + float64(i)*18, Kind: MarkerAlarm})
	}
	b, err := Render(f, "png")
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	// The alarm colour at denseAlpha over white.
	r0, g0, b0, _ := markerColor(MarkerAlarm).RGBA()
	blend := func(c uint32) float64 { return 255 - (255-float64(c>>8))*denseAlpha/255 }
	want := [3]float64{blend(r0), blend(g0), blend(b0)}
	near := func(x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		got := [3]float64{float64(r >> 8), float64(g >> 8), float64(bl >> 8)}
		for i := range got {
			if got[i] < want[i]-4 || got[i] > want[i]+4 {
				return false
			}
		}
		return true
	}
	y := img.Bounds().Dy() / 2
	var tinted []int
	for x := 0; x < img.Bounds().Dx(); x++ {
		if near(x, y) {
			tinted = append(tinted, x)
		}
	}
	require.Greater(t, len(tinted), 10, "a span of tinted columns")
	mid := tinted[len(tinted)/2]
	checked := 0
	for dy := -30; dy <= 30; dy += 3 {
		if r, _, _, _ := img.At(tinted[0]-15, y+dy).RGBA(); r>>8 != 0xFF {
			continue // a grid line crosses the panel here
		}
		require.True(t, near(mid, y+dy), "the span is even at dy=%d, no dashes", dy)
		checked++
	}
	require.Greater(t, checked, 10)
}
