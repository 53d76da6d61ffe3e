package topology

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteDOT writes g as a Graphviz digraph, laid out from left to right:
// groups as clusters (nested as the groups are), nodes with shapes and
// colours by kind, faulted nodes and edges in red with their faults in the
// label, populations as ellipses. Every ID is quoted and every label
// escaped, so any text gives a valid file.
func WriteDOT(w io.Writer, g Graph) error {
	c, err := check(g)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "digraph %s {\n", quote(c.Title))
	b.WriteString("  rankdir=LR;\n  newrank=true;\n  nodesep=0.25;\n  ranksep=0.6;\n")
	b.WriteString("  graph [fontname=\"Helvetica\", fontsize=16, labelloc=t, labeljust=l];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=12, style=filled, margin=\"0.12,0.05\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=10, arrowsize=0.7];\n")
	if c.Title != "" {
		fmt.Fprintf(b, "  label=%s;\n", quote(c.Title))
	}
	// Nodes and groups, nested: each group's children after its frame.
	children := map[string][]int{} // group ID -> child group indexes
	members := map[string][]int{}  // group ID -> node indexes
	for i, gr := range c.Groups {
		children[gr.Parent] = append(children[gr.Parent], i)
	}
	for i, n := range c.Nodes {
		members[n.Group] = append(members[n.Group], i)
	}
	var writeGroup func(id string, indent string)
	writeGroup = func(id, indent string) {
		for _, i := range members[id] {
			writeNode(b, indent, c.Nodes[i])
		}
		for _, j := range children[id] {
			gr := c.Groups[j]
			fmt.Fprintf(b, "%ssubgraph %s {\n", indent, quote(fmt.Sprintf("cluster_%d", j)))
			fmt.Fprintf(b, "%s  label=<%s>;\n", indent, htmlLabel(gr.Label, "", gr.Faults, true))
			color := groupLine
			if len(gr.Faults) > 0 {
				color = faultColor
			}
			fmt.Fprintf(b, "%s  style=\"rounded,filled\"; fillcolor=%s; color=%s; fontsize=13;\n", indent, quote(groupFill), quote(color))
			writeGroup(gr.ID, indent+"  ")
			fmt.Fprintf(b, "%s}\n", indent)
		}
	}
	writeGroup("", "  ")
	for _, e := range c.Edges {
		st := edgeStyleOf(e.Kind)
		attrs := []string{"color=" + quote(st.color), fmt.Sprintf("penwidth=%g", st.width)}
		if st.dot != "" {
			attrs = append(attrs, "style="+st.dot)
		}
		if !st.arrow {
			attrs = append(attrs, "dir=none")
		}
		if e.Idle {
			attrs = append(attrs, "style=dotted", "color="+quote(idleColor))
		}
		if len(e.Faults) > 0 {
			attrs = append(attrs, "color="+quote(faultColor), "penwidth=3", "fontcolor="+quote(faultColor))
		}
		if e.Label != "" || len(e.Faults) > 0 {
			attrs = append(attrs, "label=<"+htmlLabel(e.Label, "", e.Faults, false)+">")
		}
		fmt.Fprintf(b, "  %s -> %s [%s];\n", quote(e.From), quote(e.To), strings.Join(attrs, ", "))
	}
	b.WriteString("}\n")
	return b.Flush()
}

// writeNode writes one node statement.
func writeNode(b *bufio.Writer, indent string, n Node) {
	st := styleOf(n.Kind)
	style := "filled"
	if st.round {
		style = "rounded,filled"
	}
	color, width := st.line, 1.0
	if len(n.Faults) > 0 {
		color, width = faultColor, 3
	}
	fmt.Fprintf(b, "%s%s [shape=%s, style=%s, fillcolor=%s, color=%s, penwidth=%g, label=<%s>];\n",
		indent, quote(n.ID), st.shape, quote(style), quote(st.fill), quote(color), width, htmlLabel(n.Label, n.Detail, n.Faults, true))
}

// htmlLabel is a Graphviz HTML-like label: the name (bold if bold), a
// smaller detail line, faults in red.
func htmlLabel(name, detail string, faults []string, bold bool) string {
	var parts []string
	if name != "" {
		if bold {
			parts = append(parts, "<B>"+htmlEscape(name)+"</B>")
		} else {
			parts = append(parts, htmlEscape(name))
		}
	}
	if detail != "" {
		parts = append(parts, `<FONT POINT-SIZE="10" COLOR="`+mutedColor+`">`+htmlEscape(detail)+"</FONT>")
	}
	for _, f := range faults {
		parts = append(parts, `<FONT POINT-SIZE="10" COLOR="`+faultColor+`">`+htmlEscape(f)+"</FONT>")
	}
	if len(parts) == 0 {
		return " "
	}
	return strings.Join(parts, "<BR/>")
}

// htmlEscape escapes text for an HTML-like label.
func htmlEscape(s string) string {
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
		case '\'':
			b.WriteString("&#39;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// quote is s as a DOT double-quoted string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
