package topology

// nodeStyle is how one kind of node looks.
type nodeStyle struct {
	name  string // in the key
	fill  string
	line  string
	shape string // DOT shape
	round bool   // DOT and SVG: rounded corners
	pill  bool   // SVG: fully rounded ends (populations)
}

// kinds lists the node kinds in the order of the key.
var kinds = []Kind{Population, Planes, Route, Service, Cache, Router, Switch, Host, Power, Room, Detector}

var nodeStyles = map[Kind]nodeStyle{
	Population: {name: "users", fill: "#fde2c0", line: "#b3661a", shape: "ellipse", pill: true},
	Planes:     {name: "planes", fill: "#fff2b3", line: "#9a8300", shape: "box"},
	Route:      {name: "route", fill: "#eadcf2", line: "#6a3d9a", shape: "cds"},
	Service:    {name: "service", fill: "#d6e6f5", line: "#1f4e79", shape: "box", round: true},
	Cache:      {name: "token cache", fill: "#dcefd2", line: "#2b7a2b", shape: "cylinder"},
	Router:     {name: "router", fill: "#dcdcdc", line: "#444444", shape: "box"},
	Switch:     {name: "switch", fill: "#eeeeee", line: "#666666", shape: "box"},
	Host:       {name: "host", fill: "#fafafa", line: "#666666", shape: "box"},
	Power:      {name: "UPS / generator", fill: "#e6e6fa", line: "#4b4b8f", shape: "box"},
	Room:       {name: "room", fill: "#f3e3cf", line: "#8c564b", shape: "box"},
	Detector:   {name: "detector", fill: "#fbe0ee", line: "#a3306f", shape: "hexagon"},
}

// styleOf is the style of kind k, or that of a service for an unknown
// kind.
func styleOf(k Kind) nodeStyle {
	if s, ok := nodeStyles[k]; ok {
		return s
	}
	s := nodeStyles[Service]
	s.name = string(k)
	return s
}

// edgeStyle is how one kind of edge looks.
type edgeStyle struct {
	name  string // in the key
	color string
	dash  string // SVG stroke-dasharray, "" for solid
	dot   string // DOT style
	width float64
	arrow bool
}

// edgeKinds lists the edge kinds in the order of the key.
var edgeKinds = []EdgeKind{Reaches, Call, Needs, Path, Link, Reroute, Powers, Hosted, Standby, Spread, Watches, Fires}

var edgeStyles = map[EdgeKind]edgeStyle{
	Reaches: {name: "sends to", color: "#b3661a", width: 1.6, arrow: true},
	Call:    {name: "calls", color: "#1f4e79", width: 1.4, arrow: true},
	Path:    {name: "route path", color: "#6a3d9a", dash: "6,3", dot: "dashed", width: 1.4, arrow: true},
	Link:    {name: "network link", color: "#555555", width: 2.2},
	Reroute: {name: "reroute", color: "#7f3fbf", dash: "2,3", dot: "dotted", width: 1.6, arrow: true},
	Powers:  {name: "power", color: "#4b4b8f", width: 1.4, arrow: true},
	Hosted:  {name: "runs in", color: "#2b7a2b", dash: "4,3", dot: "dashed", width: 1.2, arrow: true},
	Standby: {name: "standby copy in", color: "#7fb77f", dash: "1,3", dot: "dotted", width: 1.4, arrow: true},
	Needs:   {name: "needs", color: "#1f4e79", dash: "8,3,2,3", dot: "dashed", width: 1.4, arrow: true},
	Watches: {name: "watches", color: "#a3306f", dash: "2,2", dot: "dotted", width: 1.4, arrow: true},
	Fires:   {name: "acts on", color: "#a3306f", width: 1.4, arrow: true},
	Spread:  {name: "fire spreads", color: "#c00000", dash: "8,3", dot: "dashed", width: 2, arrow: true},
}

func edgeStyleOf(k EdgeKind) edgeStyle {
	if s, ok := edgeStyles[k]; ok {
		return s
	}
	s := edgeStyles[Call]
	s.name = string(k)
	return s
}

// Colours shared by both outputs.
const (
	faultColor = "#c00000"
	idleColor  = "#9a9a9a"
	groupFill  = "#f6f6f6"
	groupLine  = "#9a9a9a"
	textColor  = "#1a1a1a"
	mutedColor = "#505050"
)
