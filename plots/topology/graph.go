// Package topology draws the topology of a scenario from plain data: as
// Graphviz DOT (WriteDOT) and as an SVG picture laid out here, in layers
// from left to right (SVG), so that reports never need Graphviz. It
// imports nothing of cascade's; the caller fills in a Graph.
package topology

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kind is what a node stands for; it sets the node's shape and colour.
type Kind string

// The kinds of node.
const (
	// Population is a group of users that send requests.
	Population Kind = "population"
	// Service is a component with workers and a queue.
	Service Kind = "service"
	// Cache is a token cache.
	Cache Kind = "token-cache"
	// Route is a path through the network to a component.
	Route Kind = "route"
	// Planes splits requests over redundant planes.
	Planes Kind = "planes"
	// Router is a router or L3 switch of the network.
	Router Kind = "router"
	// Switch is an L2 switch.
	Switch Kind = "switch"
	// Host is a host of the network.
	Host Kind = "host"
	// Room is a room of a site.
	Room Kind = "room"
	// Power is a UPS or a generator.
	Power Kind = "power"
	// Detector is a detector (probe, health check, link-down, ...).
	Detector Kind = "detector"
)

// EdgeKind is what an edge stands for; it sets the line's style.
type EdgeKind string

// The kinds of edge.
const (
	// Reaches: a population sends requests to a component.
	Reaches EdgeKind = "reaches"
	// Call: a component calls another (or fetches tokens from it), or a
	// planes component sends a plane's share to a target.
	Call EdgeKind = "call"
	// Reroute: a change moves calls to another component.
	Reroute EdgeKind = "reroute"
	// Link: a network link (drawn without an arrowhead).
	Link EdgeKind = "link"
	// Path: a route enters the network, or the network delivers to a
	// component.
	Path EdgeKind = "path"
	// Powers: a UPS or generator feeds, or a room holds batteries.
	Powers EdgeKind = "power"
	// Hosted: a component runs in a room.
	Hosted EdgeKind = "hosted"
	// Standby: a component's disaster-recovery copy runs in a room.
	Standby EdgeKind = "standby"
	// Needs: a component depends on another to work.
	Needs EdgeKind = "needs"
	// Spread: a fire reaches another room.
	Spread EdgeKind = "spread"
	// Watches: a detector watches a node.
	Watches EdgeKind = "watches"
	// Fires: a detector's actions change a node.
	Fires EdgeKind = "fires"
)

// Graph is a picture's input: nodes, edges between them and groups
// (frames) around nodes.
type Graph struct {
	// Title is drawn above the picture and names the DOT graph.
	Title string
	// Nodes, in the order they are listed in DOT and first placed.
	Nodes []Node
	// Edges join nodes by ID.
	Edges []Edge
	// Groups are frames; each node's Group and each group's Parent name
	// one, or "".
	Groups []Group
}

// Node is one box.
type Node struct {
	// ID is unique among the nodes; it is not drawn.
	ID string
	// Label is the first line, the name.
	Label string
	// Detail is a second, smaller line. Optional.
	Detail string
	// Kind sets the shape and colour.
	Kind Kind
	// Group is the ID of the innermost group holding the node, or "".
	Group string
	// Faults are drawn in red under the label; a node with faults has a
	// red frame.
	Faults []string
}

// Edge is one line.
type Edge struct {
	// From and To are node IDs.
	From, To string
	// Kind sets the line's style.
	Kind EdgeKind
	// Label is written beside the line: always in DOT; in SVG where it
	// fits, and not for links and paths. Optional.
	Label string
	// Faults are written in red beside the line, which is drawn red.
	Faults []string
	// Idle draws the line dotted and grey (a link no path crosses).
	Idle bool
}

// Group is a frame around nodes and groups.
type Group struct {
	// ID is unique among the groups.
	ID string
	// Label is the frame's title.
	Label string
	// Parent is the ID of the enclosing group, or "".
	Parent string
	// Faults are drawn in red under the title.
	Faults []string
}

// Limits of a graph that WriteDOT and SVG accept: larger graphs are
// refused with an error, so that any input finishes in bounded time.
const (
	// MaxNodes is the most nodes.
	MaxNodes = 1000
	// MaxEdges is the most edges.
	MaxEdges = 4000
	// MaxGroups is the most groups.
	MaxGroups = 500
	// MaxDepth is the deepest nesting of groups.
	MaxDepth = 8
	// MaxText is the longest label, detail or fault, in bytes; longer
	// ones are cut with an ellipsis.
	MaxText = 160
	// MaxFaults is the most faults drawn on one node, edge or group.
	MaxFaults = 8
)

// checked is a graph whose references hold, with its indexes.
type checked struct {
	Graph
	node  map[string]int
	group map[string]int
	depth []int // depth of each group, 1 for a top-level group
}

// check verifies the limits and references of g and returns it with
// texts cut to MaxText.
func check(g Graph) (*checked, error) {
	switch {
	case len(g.Nodes) > MaxNodes:
		return nil, fmt.Errorf("topology: %d nodes, more than %d", len(g.Nodes), MaxNodes)
	case len(g.Edges) > MaxEdges:
		return nil, fmt.Errorf("topology: %d edges, more than %d", len(g.Edges), MaxEdges)
	case len(g.Groups) > MaxGroups:
		return nil, fmt.Errorf("topology: %d groups, more than %d", len(g.Groups), MaxGroups)
	}
	c := &checked{node: map[string]int{}, group: map[string]int{}}
	c.Title = cut(g.Title)
	for i, gr := range g.Groups {
		if gr.ID == "" {
			return nil, fmt.Errorf("topology: group %d has no ID", i)
		}
		if _, dup := c.group[gr.ID]; dup {
			return nil, fmt.Errorf("topology: group %q listed twice", gr.ID)
		}
		c.group[gr.ID] = i
		gr.Label, gr.Faults = cut(gr.Label), wrapAll(cutAll(gr.Faults))
		c.Groups = append(c.Groups, gr)
	}
	c.depth = make([]int, len(c.Groups))
	for i, gr := range c.Groups {
		d, p := 1, gr.Parent
		for p != "" {
			j, ok := c.group[p]
			if !ok {
				return nil, fmt.Errorf("topology: group %q has an unknown parent %q", gr.ID, p)
			}
			d++
			if d > MaxDepth {
				return nil, fmt.Errorf("topology: group %q is nested more than %d deep (or its parents form a cycle)", gr.ID, MaxDepth)
			}
			p = c.Groups[j].Parent
		}
		c.depth[i] = d
	}
	for i, n := range g.Nodes {
		if n.ID == "" {
			return nil, fmt.Errorf("topology: node %d has no ID", i)
		}
		if _, dup := c.node[n.ID]; dup {
			return nil, fmt.Errorf("topology: node %q listed twice", n.ID)
		}
		if _, ok := c.group[n.Group]; n.Group != "" && !ok {
			return nil, fmt.Errorf("topology: node %q is in an unknown group %q", n.ID, n.Group)
		}
		c.node[n.ID] = i
		n.Label, n.Detail, n.Faults = cut(n.Label), cut(n.Detail), wrapAll(cutAll(n.Faults))
		c.Nodes = append(c.Nodes, n)
	}
	for _, e := range g.Edges {
		for _, end := range []string{e.From, e.To} {
			if _, ok := c.node[end]; !ok {
				return nil, fmt.Errorf("topology: edge %q -> %q: unknown node %q", e.From, e.To, end)
			}
		}
		e.Label, e.Faults = cut(e.Label), wrapAll(cutAll(e.Faults))
		c.Edges = append(c.Edges, e)
	}
	return c, nil
}

// cut shortens s to MaxText bytes (on a rune boundary) and removes
// control characters.
func cut(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
	if len(s) <= MaxText {
		return s
	}
	i := MaxText - len("…")
	for i > 0 && !utf8Start(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// cutAll cuts each text and keeps at most MaxFaults (the last says how
// many more there are).
func cutAll(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	var out []string
	for i, s := range list {
		if i == MaxFaults-1 && len(list) > MaxFaults {
			out = append(out, fmt.Sprintf("… and %d more", len(list)-i))
			break
		}
		out = append(out, cut(s))
	}
	return out
}

// wrapWidth is the longest fault line, in characters, before it wraps.
const wrapWidth = 30

// wrapAll breaks each text longer than wrapWidth into lines at spaces
// (a line may be longer where a word is).
func wrapAll(list []string) []string {
	var out []string
	for _, s := range list {
		out = append(out, wrap(s, wrapWidth)...)
	}
	return out
}

func wrap(s string, width int) []string {
	if name, rest, ok := strings.Cut(s, ": "); ok && utf8.RuneCountInString(s) > width && utf8.RuneCountInString(name) < width {
		return append([]string{name + ":"}, wrap(rest, width)...)
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{s}
	}
	var lines []string
	line := words[0]
	for _, w := range words[1:] {
		if utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line += " " + w
	}
	return append(lines, line)
}
