package topology

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// SVG draws g as a plain SVG 1.1 picture, laid out in columns from left
// to right (see layout.go): boxes with their names, details and faults,
// the edges as curves with arrowheads, group frames behind their members
// and a key of the kinds of node and edge drawn. It uses no script, no
// external font and no marker, so it can be inlined in an HTML page. The
// same graph gives the same bytes.
func SVG(g Graph) ([]byte, error) {
	l, err := newLayout(g)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	keyH, keyW := l.keySize()
	width := math.Max(l.width, keyW+2*margin)
	width = math.Max(width, textWidth(l.c.Title, 20, true)+2*margin)
	height := l.height + keyH
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="%s" height="%s" viewBox="0 0 %s %s" font-family="Helvetica, Arial, sans-serif">`+"\n",
		f(width), f(height), f(width), f(height))
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`+"\n", f(width), f(height))
	if l.c.Title != "" {
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="20" font-weight="bold" fill="%s">%s</text>`+"\n", f(margin), f(margin+18), textColor, esc(l.c.Title))
	}
	l.drawGroups(&b)
	paths := l.paths()
	l.drawEdges(&b, paths)
	l.drawEdgeLabels(&b, paths)
	l.drawItems(&b)
	l.drawKey(&b, l.height)
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

// f formats a coordinate with at most one decimal.
func f(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}

// esc escapes text for XML.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// drawGroups draws the frames, outermost first.
func (l *layout) drawGroups(b *bytes.Buffer) {
	order := make([]int, len(l.c.Groups))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return l.c.depth[order[i]] < l.c.depth[order[j]] })
	for _, g := range order {
		r := l.groups[g]
		if r == (rect{}) {
			continue
		}
		gr := l.c.Groups[g]
		line := groupLine
		if len(gr.Faults) > 0 {
			line = faultColor
		}
		fill := groupFill
		if l.c.depth[g]%2 == 0 {
			fill = "#ececec"
		}
		fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="8" fill="%s" stroke="%s" stroke-width="1.2"/>`+"\n",
			f(r.x0), f(r.y0), f(r.x1-r.x0), f(r.y1-r.y0), fill, line)
		y := r.y0 + 16
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="14" font-weight="bold" fill="%s">%s</text>`+"\n", f(r.x0+8), f(y), mutedColor, esc(gr.Label))
		for _, s := range gr.Faults {
			y += smallSize + lineGap
			fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s">%s</text>`+"\n", f(r.x0+8), f(y), f(smallSize), faultColor, esc(s))
		}
	}
}

// box is the rectangle of an item.
func (l *layout) box(v int) rect {
	it := l.items[v]
	return rect{it.x - it.w/2, it.y - it.h/2, it.x + it.w/2, it.y + it.h/2}
}

// edgePath is the drawn way of one chain: its points, from left to right,
// and whether a point pair is a curve (between columns) or a straight
// run (through a column).
type edgePath struct {
	pts []pt
}

type pt struct{ x, y float64 }

// paths computes the points of every chain. Ends leave from the right
// side of a box and enter its left side, spread over the side in the
// order of the other ends.
func (l *layout) paths() []edgePath {
	type port struct {
		chain int
		other float64 // y of the other end, for the order
	}
	outs := map[int][]port{}
	ins := map[int][]port{}
	for k, ch := range l.chains {
		a, b := ch.items[0], ch.items[len(ch.items)-1]
		outs[a] = append(outs[a], port{k, l.items[ch.items[1]].y})
		ins[b] = append(ins[b], port{k, l.items[ch.items[len(ch.items)-2]].y})
	}
	offset := func(ports []port, v int) map[int]float64 {
		sort.SliceStable(ports, func(i, j int) bool { return ports[i].other < ports[j].other })
		m := map[int]float64{}
		h := l.items[v].h
		// Spread the ends over the side; when they are too many to tell
		// apart, they meet in one point (one arrowhead, not a blot).
		step := math.Min(6, (h-8)/float64(len(ports)+1))
		if step < 4 {
			step = 0
		}
		for i, p := range ports {
			m[p.chain] = (float64(i) - float64(len(ports)-1)/2) * step
		}
		return m
	}
	outOff := map[int]map[int]float64{}
	inOff := map[int]map[int]float64{}
	for v, ps := range outs {
		outOff[v] = offset(ps, v)
	}
	for v, ps := range ins {
		inOff[v] = offset(ps, v)
	}
	out := make([]edgePath, len(l.chains))
	for k, ch := range l.chains {
		var pts []pt
		a := ch.items[0]
		ra := l.box(a)
		pts = append(pts, pt{ra.x1, l.items[a].y + outOff[a][k]})
		for _, v := range ch.items[1 : len(ch.items)-1] {
			it := l.items[v]
			if it.kind == labelItem {
				r := l.box(v)
				pts = append(pts, pt{r.x0, it.y}, pt{r.x1, it.y})
				continue
			}
			L := it.layer
			pts = append(pts, pt{l.colLeft[L], it.y}, pt{l.colLeft[L] + l.colW[L], it.y})
		}
		z := ch.items[len(ch.items)-1]
		rz := l.box(z)
		pts = append(pts, pt{rz.x0, l.items[z].y + inOff[z][k]})
		out[k] = edgePath{pts: pts}
	}
	return out
}

// arrowLen is the length of an arrowhead.
const arrowLen = 9.0

// drawEdges draws the edges, idle ones first, faulted ones last.
func (l *layout) drawEdges(b *bytes.Buffer, paths []edgePath) {
	idx := make([]int, len(l.chains))
	for i := range idx {
		idx[i] = i
	}
	rank := func(k int) int {
		e := l.c.Edges[l.chains[k].edge]
		switch {
		case len(e.Faults) > 0:
			return 2
		case e.Idle:
			return 0
		}
		return 1
	}
	sort.SliceStable(idx, func(i, j int) bool { return rank(idx[i]) < rank(idx[j]) })
	for _, k := range idx {
		ch := l.chains[k]
		e := l.c.Edges[ch.edge]
		st := edgeStyleOf(e.Kind)
		color, width, dash := st.color, st.width, st.dash
		if e.Idle {
			color, dash = idleColor, "2,3"
		}
		if len(e.Faults) > 0 {
			color, width = faultColor, 3
		}
		pts := append([]pt(nil), paths[k].pts...)
		// The arrowhead is at the edge's own target: the right end, or
		// the left end of a reversed edge.
		if st.arrow {
			if !ch.reversed {
				pts[len(pts)-1].x -= arrowLen - 1
			} else {
				pts[0].x += arrowLen - 1
			}
		}
		var d strings.Builder
		fmt.Fprintf(&d, "M%s,%s", f(pts[0].x), f(pts[0].y))
		for i := 1; i < len(pts); i++ {
			p, q := pts[i-1], pts[i]
			if i%2 == 1 { // between columns: a curve with level ends
				mx := (p.x + q.x) / 2
				fmt.Fprintf(&d, " C%s,%s %s,%s %s,%s", f(mx), f(p.y), f(mx), f(q.y), f(q.x), f(q.y))
			} else { // through a column
				fmt.Fprintf(&d, " L%s,%s", f(q.x), f(q.y))
			}
		}
		extra := ""
		if dash != "" {
			extra = ` stroke-dasharray="` + dash + `"`
		}
		fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="%s"%s/>`+"\n", d.String(), color, f(width), extra)
		if st.arrow {
			tip := paths[k].pts[len(paths[k].pts)-1]
			dir := 1.0
			if ch.reversed {
				tip, dir = paths[k].pts[0], -1
			}
			fmt.Fprintf(b, `<polygon points="%s,%s %s,%s %s,%s" fill="%s"/>`+"\n",
				f(tip.x), f(tip.y), f(tip.x-dir*arrowLen), f(tip.y-4.5), f(tip.x-dir*arrowLen), f(tip.y+4.5), color)
		}
	}
}

// edgeLabelSize is the font size of edge labels.
const edgeLabelSize = 11.0

// drawEdgeLabels writes the labels of edges (but links and paths, which
// are many and named elsewhere) at the middle of their first or last
// curve, where the label overlaps no box and no label placed before; an
// edge whose label fits nowhere goes without.
func (l *layout) drawEdgeLabels(b *bytes.Buffer, paths []edgePath) {
	var taken []rect
	for v, it := range l.items {
		if it.kind == realItem || it.kind == labelItem {
			taken = append(taken, l.box(v))
		}
	}
	for k, ch := range l.chains {
		e := l.c.Edges[ch.edge]
		if e.Label == "" || len(e.Faults) > 0 || e.Kind == Link || e.Kind == Path {
			continue
		}
		w, h := textWidth(e.Label, edgeLabelSize, false)+4, edgeLabelSize+3
		pts := paths[k].pts
		n := len(pts)
		for _, seg := range [][2]pt{{pts[0], pts[1]}, {pts[n-2], pts[n-1]}} {
			mx, my := (seg[0].x+seg[1].x)/2, (seg[0].y+seg[1].y)/2
			r := rect{mx - w/2, my - h/2, mx + w/2, my + h/2}
			free := true
			for _, t := range taken {
				free = free && !(r.x0 < t.x1 && t.x0 < r.x1 && r.y0 < t.y1 && t.y0 < r.y1)
			}
			if !free {
				continue
			}
			taken = append(taken, r)
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" fill="#ffffff" fill-opacity="0.85"/>`+"\n", f(r.x0), f(r.y0), f(w), f(h))
			fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s" text-anchor="middle">%s</text>`+"\n",
				f(mx), f(my+edgeLabelSize*0.35), f(edgeLabelSize), mutedColor, esc(e.Label))
			break
		}
	}
}

// drawItems draws the boxes of the nodes and the labels of faulted edges.
func (l *layout) drawItems(b *bytes.Buffer) {
	for v, it := range l.items {
		r := l.box(v)
		switch it.kind {
		case realItem:
			n := l.c.Nodes[it.node]
			st := styleOf(n.Kind)
			line, width := st.line, 1.2
			if len(n.Faults) > 0 {
				line, width = faultColor, 3
			}
			rx := 3.0
			if st.round {
				rx = 8
			}
			if st.pill {
				rx = math.Min(it.h/2, 16)
			}
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s" fill="%s" stroke="%s" stroke-width="%s"/>`+"\n",
				f(r.x0), f(r.y0), f(it.w), f(it.h), f(rx), st.fill, line, f(width))
			y := r.y0 + boxPadY + nameSize*0.8
			fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="%s" text-anchor="middle">%s</text>`+"\n",
				f(it.x), f(y), f(nameSize), textColor, esc(n.Label))
			y += nameSize*0.2 + lineGap
			if n.Detail != "" {
				y += smallSize * 0.85
				fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s" text-anchor="middle">%s</text>`+"\n",
					f(it.x), f(y), f(smallSize), mutedColor, esc(n.Detail))
				y += smallSize*0.15 + lineGap
			}
			for _, s := range n.Faults {
				y += smallSize * 0.85
				fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s" text-anchor="middle">%s</text>`+"\n",
					f(it.x), f(y), f(smallSize), faultColor, esc(s))
				y += smallSize*0.15 + lineGap
			}
		case labelItem:
			e := l.c.Edges[it.node]
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="3" fill="#fff5f5" stroke="%s" stroke-width="1"/>`+"\n",
				f(r.x0), f(r.y0), f(it.w), f(it.h), faultColor)
			y := r.y0 + 3
			lines := e.Faults
			if e.Label != "" {
				lines = append([]string{e.Label}, lines...)
			}
			for i, s := range lines {
				y += smallSize * 0.85
				color := faultColor
				if i == 0 && e.Label != "" {
					color = textColor
				}
				fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s" text-anchor="middle">%s</text>`+"\n",
					f(it.x), f(y), f(smallSize), color, esc(s))
				y += smallSize*0.15 + lineGap
			}
		}
	}
}

// keyEntries lists what the key shows: the kinds drawn.
func (l *layout) keyEntries() (nodes []Kind, edges []EdgeKind, faults, idle bool) {
	hasN := map[Kind]bool{}
	for _, n := range l.c.Nodes {
		hasN[n.Kind] = true
		faults = faults || len(n.Faults) > 0
	}
	hasE := map[EdgeKind]bool{}
	for _, e := range l.c.Edges {
		if e.From != e.To {
			hasE[e.Kind] = true
		}
		faults = faults || len(e.Faults) > 0
		idle = idle || e.Idle
	}
	for _, gr := range l.c.Groups {
		faults = faults || len(gr.Faults) > 0
	}
	for _, k := range kinds {
		if hasN[k] {
			nodes = append(nodes, k)
		}
	}
	for _, n := range l.c.Nodes { // unknown kinds, in node order
		if _, known := nodeStyles[n.Kind]; !known && hasN[n.Kind] {
			nodes = append(nodes, n.Kind)
			hasN[n.Kind] = false
		}
	}
	for _, k := range edgeKinds {
		if hasE[k] {
			edges = append(edges, k)
		}
	}
	for _, e := range l.c.Edges {
		if _, known := edgeStyles[e.Kind]; !known && hasE[e.Kind] {
			edges = append(edges, e.Kind)
			hasE[e.Kind] = false
		}
	}
	return nodes, edges, faults, idle
}

// keyItem is one entry of the key: a sample and its name.
type keyItem struct {
	draw func(b *bytes.Buffer, x, y float64)
	name string
}

const (
	keyRow    = 26.0
	keySample = 34.0
	keyFont   = 13.0
)

func (l *layout) keyItems() []keyItem {
	nodes, edges, faults, idle := l.keyEntries()
	var out []keyItem
	for _, k := range nodes {
		st := styleOf(k)
		rx := 3.0
		if st.pill {
			rx = 8
		} else if st.round {
			rx = 5
		}
		out = append(out, keyItem{name: st.name, draw: func(b *bytes.Buffer, x, y float64) {
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="16" rx="%s" fill="%s" stroke="%s" stroke-width="1.2"/>`+"\n",
				f(x), f(y-8), f(keySample-6), f(rx), st.fill, st.line)
		}})
	}
	for _, k := range edges {
		st := edgeStyleOf(k)
		out = append(out, keyItem{name: st.name, draw: func(b *bytes.Buffer, x, y float64) {
			extra := ""
			if st.dash != "" {
				extra = ` stroke-dasharray="` + st.dash + `"`
			}
			end := x + keySample - 6
			if st.arrow {
				end -= arrowLen - 1
			}
			fmt.Fprintf(b, `<path d="M%s,%s L%s,%s" stroke="%s" stroke-width="%s"%s/>`+"\n", f(x), f(y), f(end), f(y), st.color, f(st.width), extra)
			if st.arrow {
				t := x + keySample - 6
				fmt.Fprintf(b, `<polygon points="%s,%s %s,%s %s,%s" fill="%s"/>`+"\n", f(t), f(y), f(t-arrowLen), f(y-4.5), f(t-arrowLen), f(y+4.5), st.color)
			}
		}})
	}
	if idle {
		out = append(out, keyItem{name: "on no route's path", draw: func(b *bytes.Buffer, x, y float64) {
			fmt.Fprintf(b, `<path d="M%s,%s L%s,%s" stroke="%s" stroke-width="2" stroke-dasharray="2,3"/>`+"\n", f(x), f(y), f(x+keySample-6), f(y), idleColor)
		}})
	}
	if faults {
		out = append(out, keyItem{name: "struck by a fault", draw: func(b *bytes.Buffer, x, y float64) {
			fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="16" rx="3" fill="#ffffff" stroke="%s" stroke-width="3"/>`+"\n", f(x+1), f(y-8), f(keySample-8), faultColor)
		}})
	}
	return out
}

// keyLayout places the key's entries in rows no wider than the drawing
// (at least 640).
func (l *layout) keyLayout() (xs, ys []float64, w, h float64) {
	items := l.keyItems()
	limit := math.Max(l.width-2*margin, 640)
	x, y := 0.0, 0.0
	for _, it := range items {
		iw := keySample + textWidth(it.name, keyFont, false) + 18
		if x > 0 && x+iw > limit {
			x, y = 0, y+keyRow
		}
		xs, ys = append(xs, x), append(ys, y)
		x += iw
		w = math.Max(w, x)
	}
	if len(items) > 0 {
		h = y + keyRow + 24 + margin
	}
	return xs, ys, w, h
}

func (l *layout) keySize() (h, w float64) {
	_, _, w, h = l.keyLayout()
	return h, w
}

// drawKey draws the key below the drawing, which ends at top.
func (l *layout) drawKey(b *bytes.Buffer, top float64) {
	items := l.keyItems()
	if len(items) == 0 {
		return
	}
	xs, ys, _, _ := l.keyLayout()
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="%s">Key</text>`+"\n", f(margin), f(top+14), f(keyFont), mutedColor)
	for i, it := range items {
		x, y := margin+xs[i], top+24+ys[i]+keyRow/2
		it.draw(b, x, y)
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%s" fill="%s">%s</text>`+"\n", f(x+keySample), f(y+4.5), f(keyFont), textColor, esc(it.name))
	}
}
