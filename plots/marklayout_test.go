package plots

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// randomMarkers returns n markers over [0, span] seconds: some at one
// instant, some a second apart, labels from a few letters to a sentence,
// some without a label, of every kind.
func randomMarkers(rng *rand.Rand, n int, span float64) []Marker {
	words := []string{"switch-fault", "no alarm: port-link-down", "rollback", "noc: check-rollback",
		"auto-detour-some fired", "customer-reports alarm (+100)", "x", "noc: find-undetoured-units-and-write-commands",
		"fire service orders all power off (battery-fire)", "token service slows", "ok"}
	var ms []Marker
	for len(ms) < n {
		at := rng.Float64() * span
		if len(ms) > 0 && rng.IntN(3) == 0 {
			at = ms[rng.IntN(len(ms))].At // an identical instant
			if rng.IntN(2) == 0 {
				at = min(span, at+1)
			}
		}
		label := words[rng.IntN(len(words))]
		if rng.IntN(6) == 0 {
			label = ""
		}
		if rng.IntN(5) == 0 {
			label = strings.Repeat(label+" ", 1+rng.IntN(4))
		}
		ms = append(ms, Marker{At: at, Label: label, Kind: MarkerKind(rng.IntN(int(lastMarkerKind) + 1))})
	}
	return ms
}

// overlap reports whether rectangles a and b share more than an edge.
func overlap(a, b vg.Rectangle) bool {
	const eps = 1e-6
	return a.Min.X < b.Max.X-eps && b.Min.X < a.Max.X-eps && a.Min.Y < b.Max.Y-eps && b.Min.Y < a.Max.Y-eps
}

// requireMarksReadable checks the layout of f on a canvas of its size: no
// two boxes of marker text overlap, every box is inside the canvas, and
// no leader crosses a box other than its own label's.
func requireMarksReadable(t *testing.T, f Figure, what string) layout {
	t.Helper()
	auto := f.Height == 0
	f, err := prepare(f)
	require.NoError(t, err, what)
	if auto {
		f, err = growForKey(f)
		require.NoError(t, err, what)
	}
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: f.Width, Y: f.Height}}}
	l := newLayout(f, c, float64(f.DPI)/72)
	boxes, owners, leaders, leadOwners := l.markBoxes()
	for i, a := range boxes {
		require.True(t, a.Min.X >= 0 && a.Min.Y >= 0 && a.Max.X <= f.Width && a.Max.Y <= f.Height,
			"%s: box %d %v outside the canvas %v×%v", what, i, a, f.Width, f.Height)
		for j, b := range boxes[:i] {
			require.False(t, overlap(a, b), "%s: boxes %d %v and %d %v overlap", what, j, b, i, a)
		}
		for k, ld := range leaders {
			if leadOwners[k] == owners[i] {
				continue // a line reaches its own label or number
			}
			x := ld[0].X
			crosses := x > a.Min.X+1e-6 && x < a.Max.X-1e-6 && ld[0].Y < a.Max.Y && ld[1].Y > a.Min.Y
			require.False(t, crosses, "%s: leader %d at x=%v crosses box %d %v", what, k, x, i, a)
		}
	}
	// Every labelled marker is written somewhere: in a lane or in the key.
	xmin, xmax := xRange(f)
	n := labelled(visibleMarkers(f.Markers, xmin, xmax))
	if l.band.numbered {
		require.Len(t, l.key.entries, min(n, len(l.key.entries)), what)
		if l.key.truncatedCount == 0 {
			require.Len(t, l.key.entries, n, what)
		}
	}
	return l
}

// TestMarkerTextNeverOverlaps is the property: for random marker sets
// (identical instants, random label lengths, up to 60 markers) on figures
// from the minimum width to 3840 pixels, with one to three panels, on a
// clock or relative axis, nothing the markers write overlaps or leaves
// the canvas. The seed of a failure is in its message.
func TestMarkerTextNeverOverlaps(t *testing.T) {
	n := randomCount(120)
	numbered := 0
	for seed := uint64(0); seed < uint64(n); seed++ {
		rng := rand.New(rand.NewPCG(seed, 14))
		f := okFigure()
		f.Panels = f.Panels[:1]
		for range rng.IntN(3) {
			f.Panels = append(f.Panels, f.Panels[0])
		}
		span := []float64{100, 3600, 7 * 3600, 3 * 86400}[rng.IntN(4)]
		f.Time = TimeAxis{Min: 0, Max: span}
		if rng.IntN(2) == 0 {
			f.Time.Start = time.Date(2022, 12, 17, 1, 29, 0, 0, time.FixedZone("JST", 9*3600))
		}
		f.Markers = randomMarkers(rng, rng.IntN(60), span)
		px := 480 + rng.IntN(3840-480+1)
		f.Width = vg.Length(px) * 72 / DefaultDPI
		minH := minHeight(len(f.Panels), f.Markers)
		f.Height = minH + vg.Length(rng.Float64())*2*minH
		if rng.IntN(4) == 0 {
			f.Height = 0
		}
		l := requireMarksReadable(t, f, fmt.Sprintf("seed %d", seed))
		if l.band.numbered {
			numbered++
		}
	}
	require.Positive(t, numbered, "some layouts are numbered")
	require.Less(t, numbered, n, "some layouts keep lanes")
}

// TestSameInstantLabelsAreNumbered: Docomo 17 Dec's "switch-fault" and
// "no alarm: port-link-down" at one instant, among twenty other events,
// are numbered, share one number, and each has its line in the key with
// its clock time.
func TestSameInstantLabelsAreNumbered(t *testing.T) {
	f := okFigure()
	f.Time = TimeAxis{Start: time.Date(2022, 12, 17, 7, 0, 0, 0, time.FixedZone("JST", 9*3600)), Max: 7 * 3600}
	f.Markers = []Marker{{At: 50 * 60, Label: "switch-fault"}, {At: 50 * 60, Label: "no alarm: port-link-down", Kind: MarkerMissingAlarm}}
	for i := range 20 {
		f.Markers = append(f.Markers, Marker{At: float64(100+i*14) * 60, Label: fmt.Sprintf("noc: step %d", i), Kind: MarkerInfo})
	}
	l := requireMarksReadable(t, f, "docomo")
	require.True(t, l.band.numbered)
	require.Equal(t, keyEntry{num: "1", when: "07:50", label: "switch-fault", kind: MarkerFault}, l.key.entries[0])
	require.Equal(t, keyEntry{num: "", when: "07:50", label: "no alarm: port-link-down", kind: MarkerMissingAlarm}, l.key.entries[1])
	require.Equal(t, "2", l.key.entries[2].num)
}

// TestFewSpreadLabelsKeepTheirLanes: three events far apart are written
// beside their lines, not numbered.
func TestFewSpreadLabelsKeepTheirLanes(t *testing.T) {
	f := okFigure()
	f.Time = TimeAxis{Max: 3600}
	f.Markers = []Marker{{At: 100, Label: "fault"}, {At: 1800, Label: "alarm", Kind: MarkerAlarm}, {At: 3000, Label: "fixed", Kind: MarkerRecovery}}
	l := requireMarksReadable(t, f, "spread")
	require.False(t, l.band.numbered)
}

// TestKeyTimes: the key writes clock times with the date when the axis
// crosses days, seconds on short spans, and elapsed time in the axis's
// unit without a clock.
func TestKeyTimes(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	a := TimeAxis{Start: time.Date(2022, 10, 15, 15, 0, 0, 0, jst)}
	require.Equal(t, "18:20", a.instant(12000, 0, 6*3600))
	require.Equal(t, "15 Oct 18:20", a.instant(12000, 0, 12*3600))
	require.Equal(t, "15:03:20", a.instant(200, 0, 3600))
	require.Equal(t, "12.5 min", TimeAxis{}.instant(750, 0, 3600))
	require.Equal(t, "1.5 h", TimeAxis{}.instant(5400, 0, 10*3600))
}

// TestLookMarkers renders figures with many markers to $CASCADE_LOOK (a
// folder) for a person to look at; it does nothing without it.
func TestLookMarkers(t *testing.T) {
	dir := os.Getenv("CASCADE_LOOK")
	if dir == "" {
		t.Skip("set CASCADE_LOOK=DIR to write the figures")
	}
	f := incident()
	f.Markers = randomMarkers(rand.New(rand.NewPCG(3, 3)), 24, 12*3600)
	f.Markers = append(f.Markers, Marker{At: 5000, Label: "switch-fault"}, Marker{At: 5000, Label: "no alarm: port-link-down", Kind: MarkerMissingAlarm})
	for _, size := range []struct {
		name string
		w, h int
	}{{"default", 0, 0}, {"1920x1080", 1920, 1080}, {"1600x1200", 1600, 1200}} {
		g := f
		if size.w > 0 {
			var err error
			g, err = g.WithPixels(size.w, size.h)
			require.NoError(t, err)
		}
		b, err := Render(g, "png")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "markers-"+size.name+".png"), b, 0o644))
	}
}

// markBoxes returns the rectangles of text the layout places for the
// markers, exactly where drawFigure draws them: the labels in lanes or the
// numbers' circles above the top panel, the numbered key's entries and
// the key of kinds; and the leaders, the parts of marker lines drawn
// above the top panel, each as its bottom and top point. owners and
// leadOwners give the marker each box (label or number; -1 for the keys)
// and each leader belongs to.
func (l layout) markBoxes() (boxes []vg.Rectangle, owners []int, leaders [][2]vg.Point, leadOwners []int) {
	bottom := l.data(0).Max.Y
	b := l.band
	for i := range b.markers {
		if r, _, ok := b.labelRect(i, bottom); ok {
			boxes, owners = append(boxes, r), append(owners, i)
		}
		if x, y0, y1, ok := b.leader(i, bottom); ok {
			leaders = append(leaders, [2]vg.Point{{X: x, Y: y0}, {X: x, Y: y1}})
			leadOwners = append(leadOwners, i)
		}
	}
	for g := range b.numbers {
		boxes, owners = append(boxes, b.numberRect(g, bottom)), append(owners, b.lead[g])
	}
	if b.numbered {
		for i := range l.key.entries {
			r, _ := l.key.entryRect(i, l.keyAt)
			boxes, owners = append(boxes, r), append(owners, -1)
		}
	}
	for i := range l.kinds.kinds {
		r, _ := l.kinds.itemRect(i, l.kindsAt)
		boxes, owners = append(boxes, r), append(owners, -1)
	}
	return boxes, owners, leaders, leadOwners
}
