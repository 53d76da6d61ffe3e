package topology

import (
	"errors"
	"fmt"
	"math"
	"sort"
)

// The layout is Sugiyama's, from left to right: cycles broken by
// reversing the back edges of a depth-first search in node order; layers
// (columns) by longest path, sources pulled next to their successors;
// dummy nodes for edges longer than a layer; a few barycentre sweeps that
// keep each group contiguous in every column and in one order across
// columns; then vertical positions from the ordering constraints (longest
// path over them, then nodes and whole groups pulled towards their
// neighbours within their slack), so that boxes never overlap and every
// group is a rectangle holding only its own members.

// Sizes, in SVG user units (pixels).
const (
	nameSize    = 15.0 // font size of a node's name
	smallSize   = 13.0 // detail and fault lines
	lineGap     = 4.0  // between text lines
	boxPadX     = 10.0
	boxPadY     = 7.0
	nodeGap     = 12.0 // between items of a column
	dummyGap    = 8.0  // next to a dummy
	groupPad    = 10.0 // frame around members
	groupTitle  = 22.0 // room for a group's title
	columnGap   = 50.0 // between columns, plus the frames
	margin      = 20.0
	titleHeight = 34.0
	maxDummies  = 20000 // dummy nodes and fillers, in all
	sweeps      = 12    // barycentre sweeps (down and up)
	balanceRuns = 12    // rounds of pulling nodes towards neighbours
)

// charWidth estimates the width of one character of a font size; bold
// text is a little wider.
func textWidth(s string, size float64, bold bool) float64 {
	n := 0
	for range s {
		n++
	}
	f := 0.58
	if bold {
		f = 0.63
	}
	return float64(n) * size * f
}

// itemKind is what a layout node is.
type itemKind uint8

const (
	realItem   itemKind = iota // a node of the graph
	labelItem                  // the faults of an edge, drawn on its way
	dummyItem                  // a long edge crossing a column
	fillerItem                 // holds a group's place in a column it has no member in
)

// item is one node of the layout.
type item struct {
	kind  itemKind
	node  int // graph node (realItem), edge (labelItem, dummyItem), group (fillerItem)
	group int // innermost group, -1 for none
	layer int
	w, h  float64
	x, y  float64 // centre
}

// segment joins two items of consecutive layers (a in layer L, b in L+1).
type segment struct{ a, b int }

// chain is the way of one graph edge through the layout, from left to
// right; reversed says the edge points from right to left.
type chain struct {
	edge     int
	items    []int
	reversed bool
}

// layout is a laid-out graph.
type layout struct {
	c       *checked
	items   []item
	layers  [][]int
	chains  []chain
	colLeft []float64
	colW    []float64
	groups  []rect // frame of each group
	width   float64
	height  float64 // of the drawing, without the key
}

type rect struct{ x0, y0, x1, y1 float64 }

// ancestors lists group g and its parents, innermost first.
func (c *checked) ancestors(g int) []int {
	var out []int
	for g >= 0 {
		out = append(out, g)
		p := c.Groups[g].Parent
		if p == "" {
			break
		}
		g = c.group[p]
	}
	return out
}

// groupIndex is the index of a node's group, -1 for none.
func (c *checked) groupIndex(id string) int {
	if id == "" {
		return -1
	}
	return c.group[id]
}

// lca is the innermost group holding both groups a and b, or -1.
func (c *checked) lca(a, b int) int {
	in := map[int]bool{}
	for _, g := range c.ancestors(a) {
		in[g] = true
	}
	for _, g := range c.ancestors(b) {
		if in[g] {
			return g
		}
	}
	return -1
}

// nodeSize is the box of a node with its lines of text.
func nodeSize(n Node) (w, h float64) {
	w = textWidth(n.Label, nameSize, true)
	h = nameSize
	for _, s := range append([]string{n.Detail}, n.Faults...) {
		if s == "" {
			continue
		}
		w = math.Max(w, textWidth(s, smallSize, false))
		h += lineGap + smallSize
	}
	return w + 2*boxPadX, h + 2*boxPadY
}

// labelSize is the box of an edge's faults.
func labelSize(e Edge) (w, h float64) {
	lines := e.Faults
	if e.Label != "" {
		lines = append([]string{e.Label}, lines...)
	}
	for i, s := range lines {
		w = math.Max(w, textWidth(s, smallSize, false))
		if i > 0 {
			h += lineGap
		}
		h += smallSize
	}
	return w + 8, h + 6
}

// newLayout lays g out.
func newLayout(g Graph) (*layout, error) {
	c, err := check(g)
	if err != nil {
		return nil, err
	}
	l := &layout{c: c}
	// The layout graph: the nodes, and an item for the label of each
	// faulted edge, which splits the edge in two.
	for i, n := range c.Nodes {
		w, h := nodeSize(n)
		l.items = append(l.items, item{kind: realItem, node: i, group: c.groupIndex(n.Group), w: w, h: h})
	}
	type arc struct{ a, b, edge int }
	var arcs []arc
	for i, e := range c.Edges {
		a, b := c.node[e.From], c.node[e.To]
		if a == b {
			continue // a loop says nothing in a layered picture
		}
		if len(e.Faults) > 0 {
			w, h := labelSize(e)
			k := len(l.items)
			l.items = append(l.items, item{kind: labelItem, node: i, group: c.lca(l.items[a].group, l.items[b].group), w: w, h: h})
			arcs = append(arcs, arc{a, k, i}, arc{k, b, i})
			continue
		}
		arcs = append(arcs, arc{a, b, i})
	}
	n := len(l.items)
	out := make([][]int, n) // arc indexes
	for i, a := range arcs {
		out[a.a] = append(out[a.a], i)
	}
	// Break cycles: reverse the arcs that a depth-first search in node
	// order finds going back to a node on its stack.
	state := make([]uint8, n) // 0 new, 1 on stack, 2 done
	reversed := make([]bool, len(arcs))
	type frame struct{ v, next int }
	for root := 0; root < n; root++ {
		if state[root] != 0 {
			continue
		}
		stack := []frame{{root, 0}}
		state[root] = 1
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(out[f.v]) {
				state[f.v] = 2
				stack = stack[:len(stack)-1]
				continue
			}
			ai := out[f.v][f.next]
			f.next++
			switch w := arcs[ai].b; state[w] {
			case 0:
				state[w] = 1
				stack = append(stack, frame{w, 0})
			case 1:
				reversed[ai] = true
			}
		}
	}
	// The two halves of a labelled edge point the same way: the first
	// half is always a tree arc (the label's only way in), so when the
	// second closes a cycle the whole edge turns round.
	for i := 1; i < len(arcs); i++ {
		if arcs[i].edge == arcs[i-1].edge && reversed[i] {
			reversed[i-1] = true
		}
	}
	// Layers by longest path over the arcs as oriented.
	succ := make([][]int, n)
	pred := make([][]int, n)
	for i, a := range arcs {
		u, v := a.a, a.b
		if reversed[i] {
			u, v = v, u
		}
		succ[u] = append(succ[u], v)
		pred[v] = append(pred[v], u)
	}
	indeg := make([]int, n)
	for v := range pred {
		indeg[v] = len(pred[v])
	}
	var topo []int
	for v := 0; v < n; v++ {
		if indeg[v] == 0 {
			topo = append(topo, v)
		}
	}
	for i := 0; i < len(topo); i++ {
		for _, w := range succ[topo[i]] {
			if indeg[w]--; indeg[w] == 0 {
				topo = append(topo, w)
			}
		}
	}
	if len(topo) != n {
		return nil, errors.New("topology: internal error: cycles left after breaking them")
	}
	for _, v := range topo {
		for _, w := range succ[v] {
			l.items[w].layer = max(l.items[w].layer, l.items[v].layer+1)
		}
	}
	// Sources sit just before their nearest successor.
	for i := n - 1; i >= 0; i-- {
		v := topo[i]
		if len(pred[v]) > 0 || len(succ[v]) == 0 {
			continue
		}
		m := math.MaxInt
		for _, w := range succ[v] {
			m = min(m, l.items[w].layer)
		}
		l.items[v].layer = m - 1
	}
	// Chains, with dummies for arcs longer than one layer.
	chainOf := map[int]int{} // edge -> chain index
	for i, a := range arcs {
		u, v := a.a, a.b
		if reversed[i] {
			u, v = v, u
		}
		if l.items[v].layer-l.items[u].layer-1 > maxDummies-len(l.items) {
			return nil, fmt.Errorf("topology: the layout needs more than %d dummy nodes; the graph is too large to draw", maxDummies)
		}
		seq := []int{u}
		g := c.lca(l.items[u].group, l.items[v].group)
		for L := l.items[u].layer + 1; L < l.items[v].layer; L++ {
			seq = append(seq, len(l.items))
			l.items = append(l.items, item{kind: dummyItem, node: a.edge, group: g, layer: L})
		}
		seq = append(seq, v)
		if reversed[i] {
			// Keep the chain from the edge's source: reverse it back.
			for x, y := 0, len(seq)-1; x < y; x, y = x+1, y-1 {
				seq[x], seq[y] = seq[y], seq[x]
			}
		}
		if k, ok := chainOf[a.edge]; ok { // the second half of a labelled edge
			l.chains[k].items = append(l.chains[k].items, seq[1:]...)
			continue
		}
		chainOf[a.edge] = len(l.chains)
		l.chains = append(l.chains, chain{edge: a.edge, items: seq, reversed: reversed[i]})
	}
	for k := range l.chains { // store every chain from left to right
		ch := &l.chains[k]
		if first, last := ch.items[0], ch.items[len(ch.items)-1]; l.items[first].layer > l.items[last].layer {
			for x, y := 0, len(ch.items)-1; x < y; x, y = x+1, y-1 {
				ch.items[x], ch.items[y] = ch.items[y], ch.items[x]
			}
			ch.reversed = true
		} else {
			ch.reversed = false
		}
	}
	if err := l.fill(); err != nil {
		return nil, err
	}
	l.order()
	if err := l.place(); err != nil {
		return nil, err
	}
	return l, nil
}

// fill adds a filler item for each group in each column between its first
// and last that holds none of its members.
func (l *layout) fill() error {
	c := l.c
	lo := make([]int, len(c.Groups))
	hi := make([]int, len(c.Groups))
	for g := range lo {
		lo[g], hi[g] = math.MaxInt, -1
	}
	present := map[[2]int]bool{}
	for _, it := range l.items {
		if it.group < 0 {
			continue
		}
		for _, g := range c.ancestors(it.group) {
			lo[g], hi[g] = min(lo[g], it.layer), max(hi[g], it.layer)
			present[[2]int{g, it.layer}] = true
		}
	}
	for g := range c.Groups {
		for L := lo[g]; L <= hi[g]; L++ {
			if present[[2]int{g, L}] {
				continue
			}
			if len(l.items) >= maxDummies+len(c.Nodes) {
				return fmt.Errorf("topology: the layout needs more than %d dummy nodes; the graph is too large to draw", maxDummies)
			}
			for _, a := range c.ancestors(g) {
				present[[2]int{a, L}] = true
			}
			l.items = append(l.items, item{kind: fillerItem, node: g, group: g, layer: L})
		}
	}
	return nil
}

// neighbours lists, for each item, the items of the previous and of the
// next column it is joined to.
func (l *layout) neighbours() (prev, next [][]int) {
	prev = make([][]int, len(l.items))
	next = make([][]int, len(l.items))
	for _, ch := range l.chains {
		for i := 1; i < len(ch.items); i++ {
			a, b := ch.items[i-1], ch.items[i]
			next[a] = append(next[a], b)
			prev[b] = append(prev[b], a)
		}
	}
	return prev, next
}

// order sets the order of the items in each column.
func (l *layout) order() {
	nl := 0
	for _, it := range l.items {
		nl = max(nl, it.layer+1)
	}
	l.layers = make([][]int, nl)
	for i, it := range l.items {
		l.layers[it.layer] = append(l.layers[it.layer], i)
	}
	pos := make([]float64, len(l.items))
	setPos := func() {
		for _, col := range l.layers {
			for p, v := range col {
				pos[v] = float64(p)
			}
		}
	}
	for L := range l.layers {
		l.sortColumn(L, func(v int) float64 { return float64(len(l.layers[L])) }, nil) // group members together
	}
	setPos()
	prev, next := l.neighbours()
	bary := func(nb [][]int) func(int) float64 {
		return func(v int) float64 {
			if len(nb[v]) == 0 {
				return pos[v]
			}
			s := 0.0
			for _, w := range nb[v] {
				s += pos[w]
			}
			return s / float64(len(nb[v]))
		}
	}
	best := l.crossings(pos)
	saved := copyLayers(l.layers)
	for it := 0; it < sweeps && best > 0; it++ {
		for L := 1; L < nl; L++ {
			l.sortColumn(L, bary(prev), nil)
			for p, v := range l.layers[L] {
				pos[v] = float64(p)
			}
		}
		for L := nl - 2; L >= 0; L-- {
			l.sortColumn(L, bary(next), nil)
			for p, v := range l.layers[L] {
				pos[v] = float64(p)
			}
		}
		l.transpose(pos, prev, next)
		if x := l.crossings(pos); x < best {
			best, saved = x, copyLayers(l.layers)
		}
	}
	l.layers = saved
	setPos()
	// One order of sibling groups in every column: by their mean place.
	sum := make([]float64, len(l.c.Groups))
	cnt := make([]float64, len(l.c.Groups))
	for L, col := range l.layers {
		for p, v := range col {
			if g := l.items[v].group; g >= 0 {
				for _, a := range l.c.ancestors(g) {
					sum[a] += (float64(p) + 0.5) / float64(len(l.layers[L]))
					cnt[a]++
				}
			}
		}
	}
	global := make([]float64, len(sum))
	for g := range sum {
		if cnt[g] > 0 {
			global[g] = sum[g] / cnt[g]
		}
	}
	for L := range l.layers {
		size := float64(len(l.layers[L]))
		l.sortColumn(L, func(v int) float64 { return (pos[v] + 0.5) / size }, global)
	}
}

// transpose swaps neighbours of a column that sit in the same group when
// that removes crossings with the columns on either side, a few passes
// at most.
func (l *layout) transpose(pos []float64, prev, next [][]int) {
	cross := func(u, v int, nb [][]int) int {
		n := 0
		for _, a := range nb[u] {
			for _, b := range nb[v] {
				if pos[a] > pos[b] {
					n++
				}
			}
		}
		return n
	}
	for pass := 0; pass < 4; pass++ {
		improved := false
		for _, col := range l.layers {
			for i := 0; i+1 < len(col); i++ {
				u, v := col[i], col[i+1]
				if l.items[u].group != l.items[v].group ||
					(len(prev[u])+len(next[u]))*(len(prev[v])+len(next[v])) > 4096 { // bounded work
					continue
				}
				now := cross(u, v, prev) + cross(u, v, next)
				swapped := cross(v, u, prev) + cross(v, u, next)
				if swapped < now {
					col[i], col[i+1] = v, u
					pos[u], pos[v] = pos[v], pos[u]
					improved = true
				}
			}
		}
		if !improved {
			return
		}
	}
}

func copyLayers(ls [][]int) [][]int {
	out := make([][]int, len(ls))
	for i, col := range ls {
		out[i] = append([]int(nil), col...)
	}
	return out
}

// crossings counts the crossings of the segments between columns.
func (l *layout) crossings(pos []float64) int {
	total := 0
	byLayer := make([][]segment, len(l.layers))
	for _, ch := range l.chains {
		for i := 1; i < len(ch.items); i++ {
			a, b := ch.items[i-1], ch.items[i]
			byLayer[l.items[a].layer] = append(byLayer[l.items[a].layer], segment{a, b})
		}
	}
	for L, segs := range byLayer {
		if L+1 >= len(l.layers) || len(segs) < 2 {
			continue
		}
		sort.Slice(segs, func(i, j int) bool {
			if pos[segs[i].a] != pos[segs[j].a] {
				return pos[segs[i].a] < pos[segs[j].a]
			}
			return pos[segs[i].b] < pos[segs[j].b]
		})
		// Count inversions of the lower ends with a Fenwick tree.
		m := len(l.layers[L+1])
		tree := make([]int, m+1)
		seen := 0
		for _, s := range segs {
			p := int(pos[s.b])
			greater := seen
			for i := p + 1; i > 0; i -= i & -i {
				greater -= tree[i]
			}
			total += greater
			for i := p + 1; i <= m; i += i & -i {
				tree[i]++
			}
			seen++
		}
	}
	return total
}

// block is an entry of a column being sorted: an item or a group of them.
type block struct {
	item  int // -1 for a group
	group int
	key   float64
	sum   float64
	n     int
	kids  []*block
}

// sortColumn orders column L by key, keeping each group's members
// together; groups sort by the mean key of their members, or by global
// (if not nil), which gives sibling groups one order in every column.
// Ties keep the present order.
func (l *layout) sortColumn(L int, key func(int) float64, global []float64) {
	root := &block{item: -1, group: -1}
	index := map[int]*block{}
	for _, v := range l.layers[L] {
		k := key(v)
		parent := root
		anc := []int(nil)
		if g := l.items[v].group; g >= 0 {
			anc = l.c.ancestors(g)
		}
		for i := len(anc) - 1; i >= 0; i-- {
			g := anc[i]
			b, ok := index[g]
			if !ok {
				b = &block{item: -1, group: g}
				index[g] = b
				parent.kids = append(parent.kids, b)
			}
			b.sum += k
			b.n++
			parent = b
		}
		parent.kids = append(parent.kids, &block{item: v, key: k})
	}
	var flat []int
	var walk func(b *block)
	walk = func(b *block) {
		for _, k := range b.kids {
			if k.item < 0 {
				k.key = k.sum / float64(k.n)
				if global != nil {
					k.key = global[k.group]
				}
			}
		}
		sort.SliceStable(b.kids, func(i, j int) bool { return b.kids[i].key < b.kids[j].key })
		for _, k := range b.kids {
			if k.item >= 0 {
				flat = append(flat, k.item)
			} else {
				walk(k)
			}
		}
	}
	walk(root)
	l.layers[L] = flat
}

// place sets the coordinates of the items and the frames of the groups.
func (l *layout) place() error {
	c := l.c
	depth := 0
	for _, d := range c.depth {
		depth = max(depth, d)
	}
	gap := columnGap + 2*groupPad*float64(depth)
	x := margin
	l.colLeft = make([]float64, len(l.layers))
	l.colW = make([]float64, len(l.layers))
	for L, col := range l.layers {
		w := 0.0
		for _, v := range col {
			w = math.Max(w, l.items[v].w)
		}
		if L > 0 {
			x += gap
		}
		x += groupPad * float64(depth)
		l.colLeft[L], l.colW[L] = x, w
		for _, v := range col {
			l.items[v].x = x + w/2
		}
		x += w + groupPad*float64(depth)
	}
	l.width = x + margin
	// Vertical positions: variables are the items' centres and each
	// group's top and bottom; arcs say "b >= a + w".
	n := len(l.items)
	top := func(g int) int { return n + 2*g }
	bot := func(g int) int { return n + 2*g + 1 }
	nv := n + 2*len(c.Groups)
	type arc struct {
		a, b int
		w    float64
	}
	var arcs []arc
	padTop := make([]float64, len(c.Groups))
	for g, gr := range c.Groups {
		padTop[g] = groupTitle + float64(len(gr.Faults))*(smallSize+lineGap)
		if p := gr.Parent; p != "" {
			arcs = append(arcs, arc{top(c.group[p]), top(g), padTop[c.group[p]]}, arc{bot(g), bot(c.group[p]), groupPad})
		}
	}
	for v, it := range l.items {
		if it.group >= 0 {
			arcs = append(arcs, arc{top(it.group), v, padTop[it.group] + it.h/2}, arc{v, bot(it.group), it.h/2 + groupPad})
		}
	}
	// Consecutive siblings of each column.
	for _, col := range l.layers {
		// For each item, the chain of its groups from the outside in;
		// two consecutive items differ first at some level: the entries
		// there are consecutive siblings.
		for i := 1; i < len(col); i++ {
			u, v := col[i-1], col[i]
			au := reverse(groupsOf(c, l.items[u].group))
			av := reverse(groupsOf(c, l.items[v].group))
			k := 0
			for k < len(au) && k < len(av) && au[k] == av[k] {
				k++
			}
			from, fromW := u, l.items[u].h/2
			if k < len(au) {
				from, fromW = bot(au[k]), 0
			}
			to, toW := v, l.items[v].h/2
			if k < len(av) {
				to, toW = top(av[k]), 0
			}
			g := nodeGap
			if l.items[u].kind == dummyItem || l.items[v].kind == dummyItem {
				g = dummyGap
			}
			arcs = append(arcs, arc{from, to, fromW + g + toW})
		}
	}
	in := make([][]int, nv)
	outA := make([][]int, nv)
	for i, a := range arcs {
		outA[a.a] = append(outA[a.a], i)
		in[a.b] = append(in[a.b], i)
	}
	pos := make([]float64, nv)
	indeg := make([]int, nv)
	for v := range in {
		indeg[v] = len(in[v])
	}
	var queue []int
	for v := 0; v < nv; v++ {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for i := 0; i < len(queue); i++ {
		v := queue[i]
		for _, ai := range outA[v] {
			a := arcs[ai]
			pos[a.b] = math.Max(pos[a.b], pos[v]+a.w)
			if indeg[a.b]--; indeg[a.b] == 0 {
				queue = append(queue, a.b)
			}
		}
	}
	if len(queue) != nv {
		return errors.New("topology: internal error: the groups' order is not consistent across columns")
	}
	bounds := func(v int) (lo, hi float64) {
		lo, hi = math.Inf(-1), math.Inf(1)
		for _, ai := range in[v] {
			lo = math.Max(lo, pos[arcs[ai].a]+arcs[ai].w)
		}
		for _, ai := range outA[v] {
			hi = math.Min(hi, pos[arcs[ai].b]-arcs[ai].w)
		}
		return lo, hi
	}
	prev, next := l.neighbours()
	// The groups each variable is inside (items: their groups; a group's
	// top and bottom: the group and its parents), the variables inside
	// each group, and the arcs that cross each group's frame.
	anc := make([][]int, len(c.Groups))
	for g := range c.Groups {
		anc[g] = c.ancestors(g)
	}
	varGroup := make([]int, nv)
	for v, it := range l.items {
		varGroup[v] = it.group
	}
	for g := range c.Groups {
		varGroup[top(g)], varGroup[bot(g)] = g, g
	}
	within := func(v, g int) bool {
		if vg := varGroup[v]; vg >= 0 {
			for _, a := range anc[vg] {
				if a == g {
					return true
				}
			}
		}
		return false
	}
	inside := make([][]int, len(c.Groups))
	for v := 0; v < nv; v++ {
		if vg := varGroup[v]; vg >= 0 {
			for _, a := range anc[vg] {
				inside[a] = append(inside[a], v)
			}
		}
	}
	crossIn := make([][]int, len(c.Groups))  // arcs from outside into the group
	crossOut := make([][]int, len(c.Groups)) // arcs from inside out
	for i, a := range arcs {
		var ga, gb []int
		if g := varGroup[a.a]; g >= 0 {
			ga = anc[g]
		}
		if g := varGroup[a.b]; g >= 0 {
			gb = anc[g]
		}
		for _, g := range gb {
			if !within(a.a, g) {
				crossIn[g] = append(crossIn[g], i)
			}
		}
		for _, g := range ga {
			if !within(a.b, g) {
				crossOut[g] = append(crossOut[g], i)
			}
		}
	}
	byDepth := make([]int, len(c.Groups))
	for g := range byDepth {
		byDepth[g] = g
	}
	sort.SliceStable(byDepth, func(i, j int) bool { return c.depth[byDepth[i]] > c.depth[byDepth[j]] })
	tighten := func() {
		for _, g := range byDepth {
			_, hi := bounds(top(g))
			if !math.IsInf(hi, 1) {
				pos[top(g)] = hi
			}
			lo, _ := bounds(bot(g))
			if !math.IsInf(lo, -1) {
				pos[bot(g)] = lo
			}
		}
	}
	tighten()
	for run := 0; run < balanceRuns; run++ {
		// Whole groups, innermost first.
		for _, g := range byDepth {
			lo, hi := math.Inf(-1), math.Inf(1)
			for _, ai := range crossIn[g] {
				a := arcs[ai]
				lo = math.Max(lo, pos[a.a]+a.w-pos[a.b])
			}
			for _, ai := range crossOut[g] {
				a := arcs[ai]
				hi = math.Min(hi, pos[a.b]-a.w-pos[a.a])
			}
			s, k := 0.0, 0
			for _, v := range inside[g] {
				if v >= n {
					continue
				}
				for _, w := range append(append([]int(nil), prev[v]...), next[v]...) {
					if !within(w, g) {
						s += pos[w] - pos[v]
						k++
					}
				}
			}
			if k == 0 {
				continue
			}
			shift := math.Max(lo, math.Min(hi, s/float64(k)))
			if shift > 0 || shift < 0 {
				for _, v := range inside[g] {
					pos[v] += shift
				}
			}
		}
		// Items, column by column, alternately from the left and the
		// right.
		cols := make([]int, len(l.layers))
		for i := range cols {
			cols[i] = i
			if run%2 == 1 {
				cols[i] = len(l.layers) - 1 - i
			}
		}
		for _, L := range cols {
			for _, v := range l.layers[L] {
				nb := append(append([]int(nil), prev[v]...), next[v]...)
				if len(nb) == 0 {
					continue
				}
				s := 0.0
				for _, w := range nb {
					s += pos[w]
				}
				lo, hi := bounds(v)
				pos[v] = math.Max(lo, math.Min(hi, s/float64(len(nb))))
			}
		}
		tighten()
	}
	// Shift everything below the title.
	minY := math.Inf(1)
	maxY := math.Inf(-1)
	for v, it := range l.items {
		minY = math.Min(minY, pos[v]-it.h/2)
		maxY = math.Max(maxY, pos[v]+it.h/2)
	}
	for g := range c.Groups {
		minY = math.Min(minY, pos[top(g)])
		maxY = math.Max(maxY, pos[bot(g)])
	}
	if math.IsInf(minY, 1) {
		minY, maxY = 0, 0
	}
	off := margin + titleHeight - minY
	for v := range l.items {
		l.items[v].y = pos[v] + off
	}
	l.height = maxY + off + margin
	// Frames: the members' boxes, then child frames, with padding.
	l.groups = make([]rect, len(c.Groups))
	for g := range c.Groups {
		l.groups[g] = rect{math.Inf(1), pos[top(g)] + off, math.Inf(-1), pos[bot(g)] + off}
	}
	for _, it := range l.items {
		if it.group < 0 {
			continue
		}
		r := &l.groups[it.group]
		r.x0 = math.Min(r.x0, it.x-it.w/2-groupPad)
		r.x1 = math.Max(r.x1, it.x+it.w/2+groupPad)
	}
	for _, g := range byDepth { // innermost first
		if p := c.Groups[g].Parent; p != "" {
			r, pr := l.groups[g], &l.groups[c.group[p]]
			pr.x0 = math.Min(pr.x0, r.x0-groupPad)
			pr.x1 = math.Max(pr.x1, r.x1+groupPad)
		}
	}
	for g := range l.groups {
		if math.IsInf(l.groups[g].x0, 1) { // an empty group is not drawn
			l.groups[g] = rect{}
		}
	}
	return nil
}

// groupsOf lists g and its parents, innermost first (none for -1).
func groupsOf(c *checked, g int) []int {
	if g < 0 {
		return nil
	}
	return c.ancestors(g)
}

func reverse(s []int) []int {
	out := make([]int, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}
