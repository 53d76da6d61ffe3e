package spec

import (
	"net/netip"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/detect"
)

// The network file in testdata uses every field of the network,
// detectors and operators blocks, the route and planes components and
// every network action. Loading it must give exactly the Spec below:
// defaults applied (max_hops, parts, link ends, alarm, procedure), ${}
// substituted, everything in file order.
func TestLoadNetwork(t *testing.T) {
	data, err := os.ReadFile("testdata/network.yaml")
	require.NoError(t, err)
	s, err := Load("network.yaml", data, nil)
	require.NoError(t, err)

	pfx := netip.MustParsePrefix
	addr := netip.MustParseAddr
	def := []RouteEntry{{Prefix: pfx("0.0.0.0/0"), NextHop: "core"}}
	require.Equal(t, &Network{
		MaxHops: 16,
		Nodes: []Node{
			{Name: "core", Kind: RouterNode, Parts: []string{"main"}, Routes: []RouteEntry{
				{Prefix: pfx("10.1.0.0/16"), NextHop: DirectHop},
				{Prefix: pfx("10.2.0.0/16"), NextHop: DirectHop},
				{Prefix: pfx("0.0.0.0/0"), NextHop: "ue-gw"},
			}},
			{Name: "sw-e", Kind: SwitchNode, Parts: []string{"l2", "port-expansion"}},
			{Name: "sw-f", Kind: SwitchNode, Parts: []string{"main"}},
			{Name: "auth-e", Kind: HostNode, Parts: []string{"nic1", "nic2"}, Addr: addr("10.1.0.10"),
				Active: "nic1", Standby: "nic2", Routes: def},
			{Name: "auth-f", Kind: HostNode, Parts: []string{"main"}, Addr: addr("10.2.0.10"), Routes: def},
			{Name: "ue-gw", Kind: HostNode, Parts: []string{"main"}, Addr: addr("2001:db8::1"),
				Routes: []RouteEntry{{Prefix: pfx("10.0.0.0/8"), NextHop: "core"}}},
		},
		Links: []Link{
			{Name: "core-e", A: Endpoint{Node: "core", Part: "main"}, B: Endpoint{Node: "sw-e", Part: "l2"}, Latency: 100 * time.Microsecond},
			{Name: "pe-l2", A: Endpoint{Node: "sw-e", Part: "l2"}, B: Endpoint{Node: "sw-e", Part: "port-expansion"}},
			{Name: "e-nic1", A: Endpoint{Node: "sw-e", Part: "port-expansion"}, B: Endpoint{Node: "auth-e", Part: "nic1"}},
			{A: Endpoint{Node: "sw-e", Part: "port-expansion"}, B: Endpoint{Node: "auth-e", Part: "nic2"}},
			{Name: "core-f", A: Endpoint{Node: "core", Part: "main"}, B: Endpoint{Node: "sw-f", Part: "main"}, Latency: time.Millisecond},
			{A: Endpoint{Node: "sw-f", Part: "main"}, B: Endpoint{Node: "auth-f", Part: "main"}},
			{Name: "gw-core", A: Endpoint{Node: "ue-gw", Part: "main"}, B: Endpoint{Node: "core", Part: "main"}},
		},
	}, s.Network)

	require.Equal(t, []Component{
		{Name: "auth", Kind: ServiceKind, Service: &Service{Workers: 100, Queue: Queue{Discipline: models.FIFO},
			ServiceTime: models.ExponentialDist{Mean: 10 * time.Millisecond}}},
		{Name: "via-e", Kind: RouteKind, Route: &Route{From: "ue-gw", To: addr("10.1.0.10"), Target: "auth"}},
		{Name: "via-f", Kind: RouteKind, Route: &Route{From: "ue-gw", To: addr("10.2.0.10"), Target: "auth"}},
		{Name: "planes-w", Kind: PlanesKind, Planes: &Planes{Rate: 1000, Planes: []Plane{
			{Name: "e", TargetName: "via-e", Share: 0.5, Capacity: 2000},
			{Name: "f", TargetName: "via-f", Share: 0.5, Capacity: 1500},
		}}},
	}, s.Components)

	h := time.Hour
	m := time.Minute
	require.Equal(t, []Fault{
		{Name: "gray", By: ByFault, At: h, Component: "sw-e/port-expansion", Action: FailSilent},
		{Name: "cut", By: ByFault, At: h + 10*m, Component: "pe-l2", Action: LinkDown},
		{Name: "lossy", By: ByFault, At: h + 20*m, Component: "core-f", Action: SetForwarding, Drop: 0.1, Delay: 2 * time.Millisecond},
		{Name: "loud", By: ByFault, At: h + 30*m, Component: "sw-e/l2", Action: FailLoud},
		{Name: "change", By: ByFault, At: 2 * h, Component: "core", Action: Configure,
			Routes:    []RouteEntry{{Prefix: pfx("10.1.0.0/16"), NextHop: DirectHop}, {Prefix: pfx("10.2.0.0/16"), NextHop: DirectHop}},
			Procedure: Procedure{Name: "generic", DropShare: 0.25}, SaveAs: "before-change"},
	}, s.Faults)
	require.Equal(t, []Fault{
		{Name: "fix-part", By: ByOperator, At: 3 * h, Component: "sw-e/port-expansion", Action: Repair},
		{Name: "relink", By: ByOperator, At: 3 * h, Component: "pe-l2", Action: LinkUp},
		{Name: "swap", By: ByOperator, At: 3*h + 5*m, Component: "auth-e", Action: Failover},
		{Name: "back", By: ByOperator, At: 3*h + 10*m, Component: "core", Action: Rollback, Config: "before-change"},
		{Name: "move", By: ByOperator, At: 3*h + 20*m, Component: "planes-w", Action: Detour, From: "e", Share: 0.8, Planes: []string{"f"}},
		{Name: "home", By: ByOperator, At: 5 * h, Component: "planes-w", Action: Restore},
	}, s.Actions)

	require.Equal(t, []Detector{
		{Name: "e-link", Kind: detect.LinkDownKind, Alarm: true, Enabled: true, LinkDown: &detect.LinkDownConfig{LinkName: "e-nic1", FixedDelay: time.Second},
			OnFire: []Fault{{By: ByDetector, Component: "auth-e", Action: Failover}}},
		{Name: "bfd-e", Kind: detect.BFDKind, Enabled: true, BFD: &detect.BFDConfig{Route: "via-e", Interval: 100 * time.Millisecond, Multiplier: 5}},
		{Name: "lacp-e", Kind: detect.LACPKind, Alarm: true, Enabled: true, LACP: &detect.LACPConfig{Route: "via-e", Rate: detect.LACPSlow}},
		{Name: "hc-auth", Kind: detect.HealthCheckKind, Alarm: true, Enabled: true, HealthCheck: &detect.HealthCheckConfig{TargetName: "auth",
			Interval: 10 * time.Second, Timeout: 2 * time.Second, UnhealthyThreshold: 2, HealthyThreshold: 3}},
		{Name: "probe", Kind: detect.E2EProbeKind, Alarm: true, Enabled: true, E2EProbe: &detect.E2EProbeConfig{TargetName: "planes-w",
			Interval: m, Timeout: 10 * time.Second, Failures: 3, Count: 1}},
		{Name: "avail", Kind: detect.AvailabilityKind, Alarm: true, Enabled: true, Availability: &detect.AvailabilityConfig{Population: "west",
			Threshold: 0.95, Window: 5 * m, MinRequests: 100},
			OnFire: []Fault{
				{By: ByDetector, Component: "planes-w", Action: Detour, From: "e", Share: 0.5, Planes: []string{"f"}},
				{By: ByDetector, Component: "core", Action: Configure,
					Routes: []RouteEntry{{Prefix: pfx("10.1.0.0/16"), NextHop: DirectHop}}, SaveAs: "auto"},
			}},
	}, s.Detectors)

	require.Equal(t, []Operator{{
		Name:       "noc",
		NoticeFrom: []string{"avail", CustomerReports},
		Steps: []OperatorStep{
			{Name: "notice", After: models.ExponentialDist{Mean: 10 * m}, Enabled: true},
			{Name: "diagnose", After: models.LognormalDist{Mean: h, Stddev: 20 * m}, Enabled: true},
			{Name: "detour", After: models.DeterministicDist{Value: 5 * m}, Requires: "diagnose", Enabled: true,
				Action: &Fault{By: ByOperator, Component: "planes-w", Action: Detour, From: "e", Share: 1, Planes: []string{"f"}}},
			{Name: "roll", After: models.UniformDist{Min: m, Max: 2 * m}, Requires: "notice", Enabled: true,
				Action: &Fault{By: ByOperator, Component: "core", Action: Rollback, Config: "auto"}},
		},
		DiagnosisFactorMissingAlarm: 2,
		Flood:                       &Flood{Alarms: 20, Window: 10 * m, Factor: 1.5},
	}}, s.Operators)
}

// The defaults of the new blocks, in the smallest file that uses them.
func TestLoadNetworkDefaults(t *testing.T) {
	doc := edit(t,
		"components:\n", `network:
  nodes:
    - {name: gw, kind: host, address: 10.0.0.1}
    - {name: r, kind: router}
  links:
    - {a: gw, b: r}
components:
  - name: path
    kind: route
    from: gw
    to: 10.0.0.2
    target: server
`,
		"outcome:", `detectors:
  - {name: hc, kind: health-check, target: path}
  - {name: bfd, kind: bfd, route: path}
  - {name: av, kind: availability, population: users, threshold: 0.5, window: 1m}
operators:
  - {name: op, notice_from: [hc], steps: [{name: s, after: {dist: deterministic, value: 1m}}]}
outcome:`)
	s, err := Load("t.yaml", []byte(doc), nil)
	require.NoError(t, err)
	require.Equal(t, 64, s.Network.MaxHops, "the declared default")
	require.Equal(t, []string{DefaultPart}, s.Network.Nodes[0].Parts)
	require.Nil(t, s.Network.Nodes[0].Routes)
	require.Equal(t, Link{A: Endpoint{Node: "gw", Part: "main"}, B: Endpoint{Node: "r", Part: "main"}}, s.Network.Links[0])
	hc := detect.DefaultHealthCheck("", nil)
	hc.TargetName = "path"
	require.Equal(t, hc, *s.Detectors[0].HealthCheck)
	require.Equal(t, 3, hc.UnhealthyThreshold, "HAProxy's fall 3")
	require.Equal(t, 2, hc.HealthyThreshold, "HAProxy's rise 2")
	require.True(t, s.Detectors[0].Alarm)
	require.Equal(t, detect.BFDConfig{Route: "path", Interval: 50 * time.Millisecond, Multiplier: 3}, *s.Detectors[1].BFD)
	require.Equal(t, int64(1), s.Detectors[2].Availability.MinRequests)
	require.Equal(t, 1.0, s.Operators[0].DiagnosisFactorMissingAlarm)
	require.Nil(t, s.Operators[0].Flood)
	require.Nil(t, s.Operators[0].Steps[0].Action)
}

// --set reaches the new fields: route table entries by index, faults by
// name, nested procedure fields, detectors and operators.
func TestLoadNetworkSet(t *testing.T) {
	data, err := os.ReadFile("testdata/network.yaml")
	require.NoError(t, err)
	s, err := Load("network.yaml", data, []string{
		"network.nodes.core.routes.0.next_hop=auth-f",
		"network.max_hops=255",
		"faults.change.procedure.drop_share=0",
		"faults.change.check=true",
		"detectors.bfd-e.multiplier=3",
		"operators.noc.steps.detour.action.share=0.5",
		"components.planes-w.planes.e.capacity=10",
	})
	require.NoError(t, err)
	require.Equal(t, "auth-f", s.Network.Nodes[0].Routes[0].NextHop)
	require.Equal(t, 255, s.Network.MaxHops)
	require.Equal(t, Procedure{Name: "generic"}, s.Faults[4].Procedure)
	require.True(t, s.Faults[4].Check)
	require.Equal(t, 3, s.Detectors[1].BFD.Multiplier)
	require.Equal(t, 0.5, s.Operators[0].Steps[2].Action.Share)
	require.Equal(t, 10.0, s.Components[3].Planes.Planes[0].Capacity)

	// A --set that breaks a reference is reported where the flag put it.
	_, err = Load("network.yaml", data, []string{"network.nodes.core.routes.0.next_hop=sw-f"})
	requireErrors(t, err, wantErr{"network.yaml:17:43", "network.nodes.core.routes.0.next_hop", `expected a router or host node, or direct; got "sw-f", a switch`})
	_, err = Load("network.yaml", data, []string{"faults.change.procedure.drop_share=2"})
	requireErrors(t, err, wantErr{"network.yaml:90:44", "faults.change.procedure.drop_share", "expected a share of entries lost, from 0 to 1"})
}

// One case per rule of the new blocks: each edit of network.yaml gives
// exactly the errors listed, at the position of the offending value.
func TestLoadNetworkErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edits []string
		want  []wantErr
	}{
		// network block
		{"max_hops out of range", []string{"max_hops: 16", "max_hops: 256"},
			[]wantErr{{"t.yaml:12:13", "network.max_hops", "expected a positive integer, at most 255, got \"256\""}}},
		{"nodes missing", []string{"  max_hops: 16\n  nodes:", "  max_hops: 16\n  nodez:"},
			[]wantErr{{"t.yaml:12:3", "network.nodes", "missing required field \"nodes\"; expected a non-empty list of nodes"},
				{"t.yaml:13:3", "network.nodez", "unknown field \"nodez\" for the network (did you mean \"nodes\"?); expected one of: max_hops, nodes, links"}}},
		{"unknown node kind", []string{"kind: router\n      routes:", "kind: hub\n      routes:"},
			[]wantErr{{"t.yaml:15:13", "network.nodes.core.kind", "expected one of: switch, router, host; got \"hub\""}}},
		{"duplicate node", []string{"    - name: sw-f\n", "    - {name: sw-e, kind: switch}\n    - name: sw-f\n"},
			[]wantErr{{"t.yaml:23:14", "network.nodes.2.name", "duplicate node name \"sw-e\"; the first is at line 20"}}},
		{"node named like a component", []string{"    - name: sw-f\n", "    - {name: auth, kind: switch}\n    - name: sw-f\n"},
			[]wantErr{{"t.yaml:23:14", "network.nodes.auth.name", "node name \"auth\" is also the name of the component at line 53; expected a name no component has"}}},
		{"duplicate part", []string{"parts: [l2, port-expansion]", "parts: [l2, port-expansion, l2]"},
			[]wantErr{{"t.yaml:22:35", "network.nodes.sw-e.parts.2", "duplicate part name \"l2\"; the first is at line 22"}}},
		{"host without address", []string{"      address: 10.2.0.10\n", ""},
			[]wantErr{{"t.yaml:33:7", "network.nodes.auth-f.address", "missing address; a host needs an IPv4 or IPv6 address, like 10.1.0.10"}}},
		{"bad address", []string{"address: 10.2.0.10", "address: 10.2.0.300"},
			[]wantErr{{"t.yaml:35:16", "network.nodes.auth-f.address", "expected an IPv4 or IPv6 address, like 10.1.0.10, got \"10.2.0.300\""}}},
		{"address on a switch", []string{"kind: switch\n", "kind: switch\n      address: 10.9.9.9\n"},
			[]wantErr{{"t.yaml:22:16", "network.nodes.sw-e.address", "address is only allowed with kind: host, not switch"}}},
		{"routes on a switch", []string{"    - name: sw-f\n      kind: switch\n", "    - name: sw-f\n      kind: switch\n      routes: []\n"},
			[]wantErr{{"t.yaml:25:15", "network.nodes.sw-f.routes", "routes is only allowed with kind: router or host, not switch"}}},
		{"active without standby", []string{"      standby: nic2\n", ""},
			[]wantErr{{"t.yaml:25:7", "network.nodes.auth-e.standby", "missing standby; active and standby form a pair, set both or neither"}}},
		{"active not a part", []string{"active: nic1", "active: nic3"},
			[]wantErr{{"t.yaml:29:15", "network.nodes.auth-e.active", "unknown part \"nic3\" of node \"auth-e\"; expected one of its parts: nic1, nic2"}}},
		{"unmasked prefix", []string{"prefix: 10.1.0.0/16, next_hop: direct}\n        - {prefix: 10.2", "prefix: 10.1.0.1/16, next_hop: direct}\n        - {prefix: 10.2"},
			[]wantErr{{"t.yaml:17:20", "network.nodes.core.routes.0.prefix", "expected a masked IPv4 or IPv6 prefix, like 10.1.0.0/16, got \"10.1.0.1/16\", whose host bits are set (did you mean 10.1.0.0/16?)"}}},
		{"invalid prefix", []string{"prefix: 0.0.0.0/0, next_hop: ue-gw", "prefix: 0.0.0.0/33, next_hop: ue-gw"},
			[]wantErr{{"t.yaml:19:20", "network.nodes.core.routes.2.prefix", "expected a masked IPv4 or IPv6 prefix, like 10.1.0.0/16, got \"0.0.0.0/33\""}}},
		{"unknown next hop", []string{"next_hop: ue-gw", "next_hop: nowhere"},
			[]wantErr{{"t.yaml:19:41", "network.nodes.core.routes.2.next_hop", "unknown node \"nowhere\"; expected direct or one of the nodes: core, sw-e, sw-f, auth-e, auth-f, ue-gw"}}},
		{"unknown link node", []string{"a: sw-f, b: auth-f}", "a: sw-g, b: auth-f}"},
			[]wantErr{{"t.yaml:49:11", "network.links.5.a", "unknown node \"sw-g\"; expected one of the nodes: core, sw-e, sw-f, auth-e, auth-f, ue-gw"}}},
		{"unknown link part", []string{"a: sw-e/l2, b: sw-e/port-expansion}", "a: sw-e/l3, b: sw-e/port-expansion}"},
			[]wantErr{{"t.yaml:45:24", "network.links.pe-l2.a", "unknown part \"l3\" of node \"sw-e\"; expected one of its parts: l2, port-expansion"}}},
		{"bare node with several parts", []string{"a: sw-e/l2, b: sw-e/port-expansion}", "a: sw-e, b: sw-e/port-expansion}"},
			[]wantErr{{"t.yaml:45:24", "network.links.pe-l2.a", "node \"sw-e\" has 2 parts; expected node/part with one of: l2, port-expansion"}}},
		{"link to itself", []string{"a: sw-f, b: auth-f}", "a: sw-f, b: sw-f/main}"},
			[]wantErr{{"t.yaml:49:20", "network.links.5.b", "expected b to differ from a (\"sw-f/main\"); a link joins two different parts"}}},
		{"negative latency", []string{"latency: 1ms", "latency: -1ms"},
			[]wantErr{{"t.yaml:48:54", "network.links.core-f.latency", "negative duration \"-1ms\"; expected a duration >= 0 with a unit, like 0s, 90m or 2d"}}},
		{"duplicate link", []string{"name: gw-core", "name: core-e"},
			[]wantErr{{"t.yaml:50:14", "network.links.6.name", "duplicate link name \"core-e\"; the first is at line 44"}}},

		{"node named direct", []string{"    - name: sw-f\n", "    - {name: direct, kind: switch}\n    - name: sw-f\n"},
			[]wantErr{{"t.yaml:23:14", "network.nodes.direct.name", "the node name \"direct\" is reserved"}}},

		// route and planes components
		{"route from unknown node", []string{"from: ue-gw\n    to: 10.1", "from: ue-gx\n    to: 10.1"},
			[]wantErr{{"t.yaml:58:11", "components.via-e.from", "unknown node \"ue-gx\"; expected one of the nodes: core, sw-e, sw-f, auth-e, auth-f, ue-gw"}}},
		{"route to bad address", []string{"to: 10.1.0.10", "to: auth-e"},
			[]wantErr{{"t.yaml:59:9", "components.via-e.to", "expected an IPv4 or IPv6 address, like 10.1.0.10, got \"auth-e\""}}},
		{"route target unknown", []string{"target: auth\n  - name: via-f", "target: nope\n  - name: via-f"},
			[]wantErr{{"t.yaml:60:13", "components.via-e.target", "unknown component \"nope\"; expected one of the components: auth, via-e, via-f, planes-w"}}},
		{"shares not summing to 1", []string{"share: 0.5, capacity: 1500", "share: 0.4, capacity: 1500"},
			[]wantErr{{"t.yaml:70:7", "components.planes-w.planes", "expected the planes' shares to sum to 1, got 0.9"}}},
		{"duplicate plane", []string{"      - {name: f, target: via-f", "      - {name: e, target: via-f, share: 0, capacity: 1}\n      - {name: f, target: via-f"},
			[]wantErr{{"t.yaml:71:16", "components.planes-w.planes.1.name", "duplicate plane name \"e\"; the first is at line 70"}}},
		{"zero capacity", []string{"capacity: 2000", "capacity: 0"},
			[]wantErr{{"t.yaml:70:56", "components.planes-w.planes.e.capacity", "expected a capacity > 0, in requests/s, got \"0\""}}},
		{"plane target cycle", []string{"target: via-f, share", "target: planes-w, share"},
			[]wantErr{{"t.yaml:71:27", "components.planes-w.planes.f.target", "calls form a cycle: planes-w → planes-w"}}},
		{"route cycle", []string{"to: 10.2.0.10\n    target: auth", "to: 10.2.0.10\n    target: planes-w"},
			[]wantErr{{"t.yaml:71:27", "components.planes-w.planes.f.target", "calls form a cycle: via-f → planes-w → via-f"}}},
		// faults and actions on network elements
		{"fail-silent on a node", []string{"component: sw-e/port-expansion, action: fail-silent", "component: sw-e, action: fail-silent"},
			[]wantErr{{"t.yaml:79:37", "faults.gray.component", "expected a part, node/part (like \"core/main\"), got \"sw-e\""}}},
		{"repair of an unknown part", []string{"component: sw-e/port-expansion, action: repair", "component: sw-e/pe, action: repair"},
			[]wantErr{{"t.yaml:94:41", "actions.fix-part.component", "unknown part \"pe\" of node \"sw-e\"; expected one of its parts: l2, port-expansion"}}},
		{"link-down on an unknown link", []string{"component: pe-l2, action: link-down", "component: pe-l3, action: link-down"},
			[]wantErr{{"t.yaml:80:39", "faults.cut.component", "unknown link \"pe-l3\"; expected one of the links: core-e, pe-l2, e-nic1, core-f, gw-core"}}},
		{"forwarding without drop or delay", []string{"action: forwarding, drop: 0.1, delay: 2ms}", "action: forwarding}"},
			[]wantErr{{"t.yaml:81:5", "faults.lossy.drop", "missing drop or delay; a forwarding fault needs at least one: drop (a share from 0 to 1) or delay (a duration)"}}},
		{"forwarding drop above 1", []string{"drop: 0.1, delay: 2ms", "drop: 1.1, delay: 2ms"},
			[]wantErr{{"t.yaml:81:75", "faults.lossy.drop", "expected a share in (0, 1], got \"1.1\""}}},
		{"drop with the wrong action", []string{"component: sw-e/l2, action: fail-loud}", "component: sw-e/l2, action: fail-loud, drop: 1}"},
			[]wantErr{{"t.yaml:82:74", "faults.loud.drop", "drop is only allowed with action: forwarding, not fail-loud"}}},
		{"failover on a host without a pair", []string{"component: auth-e, action: failover}\n  - {name: back", "component: auth-f, action: failover}\n  - {name: back"},
			[]wantErr{{"t.yaml:96:39", "actions.swap.component", "expected a host with an active/standby pair (action failover swaps them), got \"auth-f\", a host"}}},
		{"configure on a switch", []string{"    component: core\n    action: configure", "    component: sw-e\n    action: configure"},
			[]wantErr{{"t.yaml:85:16", "faults.change.component", "expected a router node (action configure changes its route table), got \"sw-e\", a switch"},
				{"t.yaml:97:72", "actions.back.config", "unknown snapshot \"before-change\" of router \"core\" before 3h10m; expected one saved by an earlier configure of it: auto"}}},
		{"configure without routes", []string{"    action: configure\n    routes:\n      - {prefix: 10.1.0.0/16, next_hop: direct}\n      - {prefix: 10.2.0.0/16, next_hop: direct}\n", "    action: configure\n"},
			[]wantErr{{"t.yaml:83:5", "faults.change.routes", "missing routes; a configure fault needs the whole intended route table: a list of routes, like [{prefix: 10.0.0.0/8, next_hop: core}]"}}},
		{"configure next hop unknown", []string{"      - {prefix: 10.2.0.0/16, next_hop: direct}\n    procedure", "      - {prefix: 10.2.0.0/16, next_hop: edge}\n    procedure"},
			[]wantErr{{"t.yaml:89:41", "faults.change.routes.1.next_hop", "unknown node \"edge\"; expected direct or one of the nodes: core, sw-e, sw-f, auth-e, auth-f, ue-gw"}}},
		{"procedure without name", []string{"procedure: {name: generic, drop_share", "procedure: {drop_share"},
			[]wantErr{{"t.yaml:90:16", "faults.change.procedure.name", "missing required field \"name\"; expected a name of lower-case letters, digits, '-' and '_', starting with a letter or digit and not all digits"}}},
		{"check_after without check", []string{"check: false", "check: false\n    check_after: 5m"},
			[]wantErr{{"t.yaml:92:18", "faults.change.check_after", "check_after is the time of the pre/post check; expected check: true beside it (or check_after: 0)"}}},
		{"check_after negative", []string{"check: false", "check: true\n    check_after: -5m"},
			[]wantErr{{"t.yaml:92:18", "faults.change.check_after", "expected a duration >= 0"}}},
		{"check_after on a rollback", []string{"action: rollback, config: before-change}", "action: rollback, config: before-change, check_after: 1m}"},
			[]wantErr{{"t.yaml:97:100", "actions.back.check_after", "check_after is only allowed with action: configure, not rollback"}}},
		{"drop_share_spread above 1", []string{`drop_share: "${drop_share}"}`, `drop_share: "${drop_share}", drop_share_spread: 1.5}`},
			[]wantErr{{"t.yaml:90:80", "faults.change.procedure.drop_share_spread", "expected a spread of the share lost, from 0 to 1, got \"1.5\""}}},
		{"check not a bool", []string{"check: false", "check: maybe"},
			[]wantErr{{"t.yaml:91:12", "faults.change.check", "expected true or false, got \"maybe\""}}},
		{"rollback before the snapshot", []string{"at: 2h\n    component: core", "at: 3h30m\n    component: core"},
			[]wantErr{{"t.yaml:97:72", "actions.back.config", "unknown snapshot \"before-change\" of router \"core\" before 3h10m; expected one saved by an earlier configure of it: before-change at 3h30m, auto"}}},
		{"rollback of an unknown snapshot", []string{"config: before-change}", "config: old}"},
			[]wantErr{{"t.yaml:97:72", "actions.back.config", "unknown snapshot \"old\" of router \"core\" before 3h10m; expected one saved by an earlier configure of it: before-change at 2h, auto"}}},
		{"rollback without config", []string{"action: rollback, config: before-change}", "action: rollback}"},
			[]wantErr{{"t.yaml:97:5", "actions.back.config", "missing config; a rollback action needs the name of a snapshot saved by an earlier configure (save_as)"}}},
		{"detour from an unknown plane", []string{"action: detour, from: e, share: 0.8", "action: detour, from: g, share: 0.8"},
			[]wantErr{{"t.yaml:98:72", "actions.move.from", "unknown plane \"g\" of component \"planes-w\"; expected one of its planes: e, f"}}},
		{"detour to its from", []string{"share: 0.8, to: [f]", "share: 0.8, to: [e]"},
			[]wantErr{{"t.yaml:98:92", "actions.move.to.0", "expected planes other than from (\"e\"); a detour moves traffic away from it"}}},
		{"detour to not a list", []string{"share: 0.8, to: [f]", "share: 0.8, to: f"},
			[]wantErr{{"t.yaml:98:91", "actions.move.to", "expected a non-empty list of plane names, got \"f\""}}},
		{"detour share zero", []string{"share: 0.8, to: [f]", "share: 0, to: [f]"},
			[]wantErr{{"t.yaml:98:82", "actions.move.share", "expected a share in (0, 1], got \"0\""}}},
		{"detour on a route", []string{"component: planes-w, action: restore", "component: via-e, action: restore"},
			[]wantErr{{"t.yaml:99:37", "actions.home.component", "expected a planes component (action restore changes plane shares), got \"via-e\", a route component"}}},

		// detectors
		{"unknown detector kind", []string{"kind: lacp", "kind: lcap"},
			[]wantErr{{"t.yaml:108:26", "detectors.lacp-e.kind", "expected one of: link-down, bfd, lacp, health-check, e2e-probe, availability; got \"lcap\""}}},
		{"detector named customer-reports", []string{"name: probe", "name: customer-reports"},
			[]wantErr{{"t.yaml:110:12", "detectors.customer-reports.name", "the detector name \"customer-reports\" is reserved"}}},
		{"duplicate detector", []string{"name: probe", "name: hc-auth"},
			[]wantErr{{"t.yaml:110:12", "detectors.4.name", "duplicate detector name \"hc-auth\"; the first is at line 109"}}},
		{"link-down on an unknown link", []string{"link: e-nic1", "link: e-nic2"},
			[]wantErr{{"t.yaml:103:11", "detectors.e-link.link", "unknown link \"e-nic2\"; expected one of the links: core-e, pe-l2, e-nic1, core-f, gw-core"}}},
		{"bfd on a service", []string{"kind: bfd, route: via-e", "kind: bfd, route: auth"},
			[]wantErr{{"t.yaml:107:37", "detectors.bfd-e.route", "expected a route component (BFD runs along a route), got \"auth\", a service component"}}},
		{"lacp rate", []string{"rate: slow", "rate: medium"},
			[]wantErr{{"t.yaml:108:52", "detectors.lacp-e.rate", "expected one of: fast, slow; got \"medium\""}}},
		{"health-check of an unknown target", []string{"kind: health-check, target: auth", "kind: health-check, target: authz"},
			[]wantErr{{"t.yaml:109:49", "detectors.hc-auth.target", "unknown component \"authz\"; expected one of the components: auth, via-e, via-f, planes-w"}}},
		{"e2e-probe without threshold", []string{", threshold: 3}", "}"},
			[]wantErr{{"t.yaml:110:5", "detectors.probe.threshold", "missing required field \"threshold\"; expected a positive integer"}}},
		{"field of another kind", []string{"kind: lacp, route: via-e, rate: slow", "kind: lacp, route: via-e, rate: slow, interval: 1s"},
			[]wantErr{{"t.yaml:108:58", "detectors.lacp-e.interval", "unknown field \"interval\" for a lacp detector; expected one of: name, kind, on_fire, alarm, enabled, route, rate"}}},
		{"availability of an unknown population", []string{"population: west", "population: east"},
			[]wantErr{{"t.yaml:113:17", "detectors.avail.population", "unknown population \"east\"; expected one of the populations: west"}}},
		{"availability threshold", []string{"threshold: 0.95", "threshold: 95"},
			[]wantErr{{"t.yaml:114:16", "detectors.avail.threshold", "expected a share in (0, 1], got \"95\""}}},
		{"on_fire with at", []string{"- {component: auth-e, action: failover}", "- {at: 1s, component: auth-e, action: failover}"},
			[]wantErr{{"t.yaml:106:10", "detectors.e-link.on_fire.0.at", "unknown field \"at\" for an action; expected one of: component, action, factor, from, to, drop, delay, routes, procedure, check, check_after, save_as, config, share"}}},
		{"on_fire on the wrong element", []string{"- {component: auth-e, action: failover}", "- {component: core, action: failover}"},
			[]wantErr{{"t.yaml:106:21", "detectors.e-link.on_fire.0.component", "expected a host with an active/standby pair (action failover swaps them), got \"core\", a router"}}},
		{"alarm not a bool", []string{"alarm: false", "alarm: 0"},
			[]wantErr{{"t.yaml:107:83", "detectors.bfd-e.alarm", "expected true or false, got \"0\""}}},

		// operators
		{"notice from an unknown detector", []string{"notice_from: [avail, customer-reports]", "notice_from: [availability, customer-reports]"},
			[]wantErr{{"t.yaml:122:19", "operators.noc.notice_from.0", "unknown detector \"availability\"; expected customer-reports or one of the detectors: e-link, bfd-e, lacp-e, hc-auth, probe, avail"}}},
		{"requires a later step", []string{"requires: diagnose", "requires: roll"},
			[]wantErr{{"t.yaml:130:19", "operators.noc.steps.detour.requires", `unknown step "roll"; expected an earlier step of operator "noc": notice, diagnose`}}},
		{"duplicate step", []string{"name: roll", "name: notice"},
			[]wantErr{{"t.yaml:131:15", "operators.noc.steps.3.name", "duplicate step name \"notice\"; the first is at line 124"}}},
		{"step without after", []string{"      - {name: notice, after: {dist: exponential, mean: 10m}}", "      - {name: notice}"},
			[]wantErr{{"t.yaml:124:9", "operators.noc.steps.notice.after", "missing required field \"after\"; expected a distribution, like {dist: lognormal, mean: 30m, stddev: 10m}"}}},
		{"step rollback of an unknown snapshot", []string{"config: auto}", "config: manual}"},
			[]wantErr{{"t.yaml:133:61", "operators.noc.steps.roll.action.config", "unknown snapshot \"manual\" of router \"core\"; expected one saved by a configure of it: before-change at 2h, auto"}}},
		{"diagnosis factor below 1", []string{"diagnosis_factor_missing_alarm: 2", "diagnosis_factor_missing_alarm: 0.5"},
			[]wantErr{{"t.yaml:135:37", "operators.noc.diagnosis_factor_missing_alarm", "expected a factor >= 1, got \"0.5\""}}},
		{"flood missing window", []string{"flood: {alarms: 20, window: 10m, factor: 1.5}", "flood: {alarms: 20, factor: 1.5}"},
			[]wantErr{{"t.yaml:136:12", "operators.noc.flood.window", "missing required field \"window\"; expected a duration > 0 with a unit, like 30s, 1.5h or 2d"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requireLoadErrors(t, editDoc(t, testdataDoc(t, "network.yaml"), tc.edits...), tc.want...)
		})
	}
}

// A route in a file without a network block names a node that cannot
// exist; the message says so.
func TestLoadRouteWithoutNetwork(t *testing.T) {
	doc := edit(t, "populations:", `  - {name: path, kind: route, from: gw, to: 10.0.0.1, target: server}
populations:`)
	_, err := Load("t.yaml", []byte(doc), nil)
	requireErrors(t, err, wantErr{"t.yaml:14:37", "components.path.from", `unknown node "gw"; no network is declared (add it under network:)`})
}
