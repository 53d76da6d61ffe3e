package topology

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// lcg is a small deterministic generator for random graphs.
type lcg uint64

func (r *lcg) intn(n int) int {
	*r = *r*6364136223846793005 + 1442695040888963407
	return int(uint64(*r>>33) % uint64(n))
}

// randomGraph has n nodes in a few groups (some nested), m edges (cycles,
// long edges and faulted edges among them).
func randomGraph(seed uint64, n, m int) Graph {
	r := lcg(seed)
	g := Graph{Title: fmt.Sprintf("random %d", seed)}
	for i := 0; i < 4; i++ {
		gr := Group{ID: fmt.Sprintf("g%d", i), Label: fmt.Sprintf("group %d", i)}
		if i == 3 {
			gr.Parent = "g2"
		}
		g.Groups = append(g.Groups, gr)
	}
	kinds := []Kind{Population, Service, Cache, Route, Planes, Router, Switch, Host, Room, Power}
	for i := 0; i < n; i++ {
		nd := Node{ID: fmt.Sprintf("n%d", i), Label: strings.Repeat("x", 3+r.intn(20)), Kind: kinds[r.intn(len(kinds))]}
		if r.intn(2) == 0 {
			nd.Detail = strings.Repeat("d", r.intn(30))
		}
		if r.intn(3) == 0 {
			nd.Group = fmt.Sprintf("g%d", r.intn(4))
		}
		if r.intn(8) == 0 {
			nd.Faults = []string{"fault: down at t+1m"}
		}
		g.Nodes = append(g.Nodes, nd)
	}
	ek := []EdgeKind{Reaches, Call, Link, Path, Powers, Hosted, Spread, Reroute}
	for i := 0; i < m; i++ {
		e := Edge{From: fmt.Sprintf("n%d", r.intn(n)), To: fmt.Sprintf("n%d", r.intn(n)), Kind: ek[r.intn(len(ek))]}
		if r.intn(10) == 0 {
			e.Faults = []string{"cut: link-down"}
		}
		g.Edges = append(g.Edges, e)
	}
	return g
}

func overlap(a, b rect) bool {
	const eps = 0.01
	return a.x0 < b.x1-eps && b.x0 < a.x1-eps && a.y0 < b.y1-eps && b.y0 < a.y1-eps
}

func inside(a, outer rect) bool {
	return a.x0 >= outer.x0 && a.x1 <= outer.x1 && a.y0 >= outer.y0 && a.y1 <= outer.y1
}

// checkLayout asserts the layout's promises: boxes do not overlap, each
// group's frame holds its members and no other box, every edge leaves its
// source's box and reaches its target's.
func checkLayout(t *testing.T, g Graph) {
	t.Helper()
	l, err := newLayout(g)
	require.NoError(t, err)
	var boxes []int
	for v, it := range l.items {
		if it.kind == realItem || it.kind == labelItem {
			boxes = append(boxes, v)
		}
	}
	for i, u := range boxes {
		for _, v := range boxes[i+1:] {
			require.False(t, overlap(l.box(u), l.box(v)), "boxes %d and %d overlap: %v %v", u, v, l.box(u), l.box(v))
		}
	}
	for gi := range l.c.Groups {
		fr := l.groups[gi]
		if fr == (rect{}) {
			continue
		}
		for _, v := range boxes {
			it := l.items[v]
			member := false
			if it.group >= 0 {
				for _, a := range l.c.ancestors(it.group) {
					member = member || a == gi
				}
			}
			if member {
				require.True(t, inside(l.box(v), fr), "item %d outside its group %s", v, l.c.Groups[gi].ID)
			} else {
				require.False(t, overlap(l.box(v), fr), "item %d inside group %s it is not in", v, l.c.Groups[gi].ID)
			}
		}
	}
	paths := l.paths()
	for k, ch := range l.chains {
		e := l.c.Edges[ch.edge]
		from, to := ch.items[0], ch.items[len(ch.items)-1]
		if ch.reversed {
			from, to = to, from
		}
		require.Equal(t, l.c.node[e.From], l.items[from].node, "edge %d starts at its source", ch.edge)
		require.Equal(t, l.c.node[e.To], l.items[to].node, "edge %d ends at its target", ch.edge)
		pts := paths[k].pts
		a, z := l.box(ch.items[0]), l.box(ch.items[len(ch.items)-1])
		first, last := pts[0], pts[len(pts)-1]
		require.InDelta(t, a.x1, first.x, 1e-9, "edge %d leaves the right side", ch.edge)
		require.True(t, first.y >= a.y0 && first.y <= a.y1, "edge %d leaves within the box", ch.edge)
		require.InDelta(t, z.x0, last.x, 1e-9, "edge %d enters the left side", ch.edge)
		require.True(t, last.y >= z.y0 && last.y <= z.y1, "edge %d enters within the box", ch.edge)
		for i := 1; i < len(pts); i++ {
			require.GreaterOrEqual(t, pts[i].x, pts[i-1].x, "edge %d runs left to right", ch.edge)
		}
	}
}

func TestLayoutProperties(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			checkLayout(t, randomGraph(seed, 5+int(seed)*3, 8+int(seed)*5))
		})
	}
}

// A cycle is drawn with one edge reversed, arrowheads still at the
// targets; loops are left out of the layout.
func TestLayoutCycle(t *testing.T) {
	g := Graph{
		Nodes: []Node{{ID: "a", Label: "a"}, {ID: "b", Label: "b"}, {ID: "c", Label: "c"}},
		Edges: []Edge{{From: "a", To: "b"}, {From: "b", To: "c"}, {From: "c", To: "a"}, {From: "a", To: "a"}},
	}
	checkLayout(t, g)
	l, err := newLayout(g)
	require.NoError(t, err)
	require.Len(t, l.chains, 3, "the loop is not laid out")
	rev := 0
	for _, ch := range l.chains {
		if ch.reversed {
			rev++
		}
	}
	require.Equal(t, 1, rev)
	require.Less(t, l.items[0].x, l.items[1].x)
	require.Less(t, l.items[1].x, l.items[2].x)
}

// A group keeps its members together even when they are in different
// columns, and holds no other node: a node between its columns sits
// outside its frame.
func TestLayoutGroupSpansColumns(t *testing.T) {
	g := Graph{
		Groups: []Group{{ID: "site", Label: "site"}},
		Nodes: []Node{
			{ID: "u", Label: "ups", Group: "site"}, {ID: "r", Label: "room", Group: "site"},
			{ID: "x", Label: "outsider"}, {ID: "p", Label: "users"}, {ID: "y", Label: "after"},
		},
		Edges: []Edge{{From: "u", To: "x"}, {From: "x", To: "r"}, {From: "p", To: "x"}, {From: "p", To: "y"}, {From: "y", To: "r"}},
	}
	checkLayout(t, g)
}

func TestSVGDeterministicAndWellFormed(t *testing.T) {
	g := randomGraph(7, 40, 80)
	g.Nodes[0].Label = `<b>&"quoted"</b>`
	a, err := SVG(g)
	require.NoError(t, err)
	b, err := SVG(g)
	require.NoError(t, err)
	require.Equal(t, a, b)
	d := xml.NewDecoder(bytes.NewReader(a))
	n := 0
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		n++
	}
	require.Greater(t, n, 100)
	require.Contains(t, string(a), "&lt;b&gt;&amp;&quot;quoted&quot;&lt;/b&gt;")
	require.NotContains(t, string(a), "<script")
}

func TestLimitsAndBadInput(t *testing.T) {
	big := Graph{}
	for i := 0; i <= MaxNodes; i++ {
		big.Nodes = append(big.Nodes, Node{ID: fmt.Sprint(i)})
	}
	_, err := SVG(big)
	require.ErrorContains(t, err, "more than 1000")
	require.ErrorContains(t, WriteDOT(io.Discard, big), "more than 1000")

	cases := map[string]Graph{
		"unknown node":   {Nodes: []Node{{ID: "a"}}, Edges: []Edge{{From: "a", To: "b"}}},
		"listed twice":   {Nodes: []Node{{ID: "a"}, {ID: "a"}}},
		"unknown group":  {Nodes: []Node{{ID: "a", Group: "g"}}},
		"unknown parent": {Groups: []Group{{ID: "g", Parent: "h"}}},
		"form a cycle":   {Groups: []Group{{ID: "g", Parent: "h"}, {ID: "h", Parent: "g"}}},
		"no ID":          {Nodes: []Node{{Label: "x"}}},
	}
	for want, g := range cases {
		_, err := SVG(g)
		require.ErrorContains(t, err, want)
	}
	// A long chain needs many dummies: refused, not drawn for ever.
	chain := Graph{}
	for i := 0; i < 400; i++ {
		chain.Nodes = append(chain.Nodes, Node{ID: fmt.Sprint(i)})
		if i > 0 {
			chain.Edges = append(chain.Edges, Edge{From: fmt.Sprint(i - 1), To: fmt.Sprint(i)})
		}
	}
	for i := 0; i < 200; i++ {
		chain.Edges = append(chain.Edges, Edge{From: "0", To: "399"})
	}
	_, err = SVG(chain)
	require.ErrorContains(t, err, "dummy nodes")
}

// Texts are cut to MaxText and stripped of control characters.
func TestCut(t *testing.T) {
	s := cut(strings.Repeat("é", 200) + "\x00")
	require.LessOrEqual(t, len(s), MaxText)
	require.True(t, strings.HasSuffix(s, "…"))
	require.NotContains(t, cut("a\nb\x01"), "\n")
	require.Equal(t, []string{"expansion-change:", "configure (generic procedure)", "at t+40m"}, wrap("expansion-change: configure (generic procedure) at t+40m", wrapWidth))
	require.Equal(t, []string{"short"}, wrap("short", wrapWidth))
	faults := make([]string, 20)
	require.Len(t, cutAll(faults), MaxFaults)
	require.Equal(t, "… and 13 more", cutAll(faults)[MaxFaults-1])
}

func TestDOTEscapes(t *testing.T) {
	g := Graph{
		Title:  `a "title" \ here`,
		Groups: []Group{{ID: "g", Label: "frame <1>"}, {ID: "h", Label: "inner", Parent: "g"}},
		Nodes: []Node{
			{ID: `x"y`, Label: "a & b", Kind: Population, Group: "h", Faults: []string{"f: down"}},
			{ID: `back\slash`, Label: "<svc>", Kind: Service},
		},
		Edges: []Edge{{From: `x"y`, To: `back\slash`, Kind: Link, Faults: []string{"cut"}}},
	}
	var b bytes.Buffer
	require.NoError(t, WriteDOT(&b, g))
	out := b.String()
	require.Contains(t, out, `digraph "a \"title\" \\ here" {`)
	require.Contains(t, out, `"x\"y" [shape=ellipse`)
	require.Contains(t, out, `"x\"y" -> "back\\slash" [`)
	require.Contains(t, out, "<B>a &amp; b</B>")
	require.Contains(t, out, "<B>&lt;svc&gt;</B>")
	require.Contains(t, out, "dir=none")
	require.Contains(t, out, `color="#c00000"`)
	// Nested clusters: the inner one inside the outer.
	outer := strings.Index(out, `subgraph "cluster_0"`)
	inner := strings.Index(out, `subgraph "cluster_1"`)
	require.True(t, outer >= 0 && inner > outer)
	require.Equal(t, strings.Count(out, "{"), strings.Count(out, "}"))
	require.False(t, math.IsNaN(0))
}
