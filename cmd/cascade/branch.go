package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/scenarios"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// A branch is one decision of a class: an action the scenario allows, or a
// param's new value, at a moment of the run. The branched run is the same
// run (same seed) with the decision added: before the decision it is the
// run without it, event for event.
type branch struct {
	text string        // as typed, for the story
	at   time.Duration // from the start
	// actions are the decision as items of the file's actions: list
	// (YAML mappings): one for an action, one per live change for a
	// param's new value.
	actions []string
	// set is a param's new value (NAME=VALUE) that applies from the start:
	// a change that cannot happen during a run but only shows after at.
	set string
	// says is what the decision does, for the story.
	says string
}

// branchVerbs are the short forms of actions a class may type, with what
// they take after the verb.
var branchVerbs = []struct{ verb, takes string }{
	{"down", "COMPONENT"}, {"up", "COMPONENT"}, {"restart", "SERVICE"},
	{"slow", "SERVICE FACTOR"}, {"scale", "SERVICE FACTOR"},
	{"reroute", "COMPONENT from A to B"},
	{"retries", "CLIENT N"},
	{"fail-silent", "NODE/PART"}, {"fail-loud", "NODE/PART"}, {"repair", "NODE/PART"},
	{"link-down", "LINK"}, {"link-up", "LINK"}, {"forwarding", "LINK [drop SHARE] [delay DURATION]"},
	{"failover", "HOST"}, {"rollback", "ROUTER [to] CONFIG"},
	{"detour", "PLANES to P[,P...] [from P] [share S]"}, {"restore", "PLANES"},
	{"switchover", "SWITCHOVER"},
}

// branchHelp says what a class may type in scenario s: the short forms
// of the actions its elements take, with their names, and its params.
func branchHelp(s *spec.Spec) string {
	var components, services, callers, planes, clients, parts, links, pairs, routers, params []string
	for _, c := range s.Components {
		components = append(components, c.Name)
		switch {
		case c.Service != nil:
			services, callers = append(services, c.Name), append(callers, c.Name)
		case c.TokenCache != nil:
			callers = append(callers, c.Name)
		case c.Planes != nil:
			planes = append(planes, c.Name)
		}
	}
	for _, c := range s.Clients {
		clients = append(clients, c.Name)
	}
	if n := s.Network; n != nil {
		for _, node := range n.Nodes {
			for _, p := range node.Parts {
				parts = append(parts, node.Name+"/"+p)
			}
			if node.Active != "" && node.Standby != "" {
				pairs = append(pairs, node.Name)
			}
			if node.Kind == spec.RouterNode {
				routers = append(routers, node.Name)
			}
		}
		for _, l := range n.Links {
			links = append(links, l.Name)
		}
	}
	var switchovers []string
	for _, st := range s.Sites {
		for _, w := range st.Switchovers {
			switchovers = append(switchovers, w.Name)
		}
	}
	for _, p := range s.Params {
		params = append(params, p.Name)
	}
	var b strings.Builder
	b.WriteString("Type an action to add it now, or TIME ACTION to add it later:\n")
	line := func(names []string, verbs ...string) {
		if len(names) == 0 {
			return
		}
		for _, v := range verbs {
			for _, bv := range branchVerbs {
				if bv.verb == v {
					fmt.Fprintf(&b, "  %-12s %s\n", v, bv.takes)
				}
			}
		}
		fmt.Fprintf(&b, "  %12s %s\n", "", "("+strings.Join(names, ", ")+")")
	}
	line(components, "down", "up")
	line(services, "restart", "slow", "scale")
	line(callers, "reroute")
	line(clients, "retries")
	line(planes, "detour", "restore")
	line(parts, "fail-silent", "fail-loud", "repair")
	line(links, "link-down", "link-up", "forwarding")
	line(pairs, "failover")
	line(routers, "rollback")
	line(switchovers, "switchover")
	if len(params) > 0 {
		fmt.Fprintf(&b, "  %-12s %s\n  %12s (%s)\n", "set", "PARAM VALUE", "", strings.Join(params, ", "))
	}
	b.WriteString("  or an action as a YAML mapping, like {component: X, action: configure, routes: [...]}")
	return b.String()
}

// parseBranchFlag reads --branch 'TIME ACTION' against scenario s.
func parseBranchFlag(s *spec.Spec, arg string) (at time.Duration, action string, err error) {
	when, rest, _ := strings.Cut(strings.TrimSpace(arg), " ")
	rest = strings.TrimSpace(rest)
	if when == "" || rest == "" {
		return 0, "", fmt.Errorf("expected 'TIME ACTION', like '09:30 failover auth-e' or '+1h40m set token_retries 0'")
	}
	at, err = branchTime(s, when)
	if err != nil {
		return 0, "", err
	}
	return at, rest, nil
}

// branchTime reads the time of a branch: a clock time HH:MM[:SS] in the
// scenario's zone (the first at or after its start), a date and time
// (2022-10-16T09:00, in its zone unless an offset is given), or a
// duration from the start (+1h40m, 100m); within the horizon.
func branchTime(s *spec.Spec, text string) (time.Duration, error) {
	var at time.Duration
	switch c := s.Clock; {
	case strings.HasPrefix(text, "+") || c == nil:
		d, err := spec.ParseDuration(strings.TrimPrefix(text, "+"))
		if err != nil {
			if c == nil {
				return 0, fmt.Errorf("time %q: expected a time from the start like 1h40m (the scenario has no clock)", text)
			}
			return 0, fmt.Errorf("time %q: expected a duration from the start like +1h40m", text)
		}
		at = d
	case strings.Contains(text, "T"):
		var t time.Time
		var err error
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z07:00", "2006-01-02T15:04Z07:00"} {
			if t, err = time.Parse(layout, text); err == nil {
				break
			}
		}
		if err != nil {
			for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04"} {
				if t, err = time.ParseInLocation(layout, text, c.Start.Location()); err == nil {
					break
				}
			}
		}
		if err != nil {
			return 0, fmt.Errorf("time %q: expected a date and time like 2022-10-16T09:00", text)
		}
		at = t.Sub(c.Start)
	default:
		var t time.Time
		var err error
		for _, layout := range []string{"15:04:05", "15:04"} {
			if t, err = time.Parse(layout, text); err == nil {
				break
			}
		}
		if err != nil {
			return 0, fmt.Errorf("time %q: expected a clock time like 09:30 or 09:30:15 (%s), a date and time, or +DURATION from the start", text, zoneName(c))
		}
		start := c.Start
		day := time.Date(start.Year(), start.Month(), start.Day(), t.Hour(), t.Minute(), t.Second(), 0, start.Location())
		if day.Before(start) {
			day = day.AddDate(0, 0, 1)
		}
		at = day.Sub(start)
	}
	if at < 0 || at > s.Horizon {
		return 0, fmt.Errorf("time %q is %s; expected a time within the run (from the start to %s)", text, fromStart(at), fromStart(s.Horizon))
	}
	return at, nil
}

// zoneName names a clock's zone for messages.
func zoneName(c *spec.Clock) string {
	if c.Zone != "" {
		return c.Zone + ", UTC" + c.Start.Format("-07:00")
	}
	return "UTC" + c.Start.Format("-07:00")
}

// fromStart says a duration from the start of a run.
func fromStart(d time.Duration) string {
	if d < 0 {
		return spoken(-d) + " before the start"
	}
	return spoken(d) + " from the start"
}

// actionMapping turns what a class typed (without its time) into an item
// of the actions: list named name at at: a short form (see branchVerbs)
// or a YAML mapping as typed.
func actionMapping(s *spec.Spec, name string, at time.Duration, text string) (string, error) {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "{") {
		return mappingWithTime(name, at, text)
	}
	words := strings.Fields(text)
	if len(words) < 2 {
		return "", fmt.Errorf("%q: expected an action and its target, like 'failover auth-e'", text)
	}
	if words[0] == "switch-over" {
		words[0] = "switchover"
	}
	verb, target, rest := words[0], words[1], words[2:]
	takes := ""
	for _, v := range branchVerbs {
		if v.verb == verb {
			takes = v.takes
		}
	}
	if takes == "" {
		if verb == "configure" {
			return "", errors.New("configure needs a route table: type it as a YAML mapping, {component: ROUTER, action: configure, routes: [...]}")
		}
		return "", fmt.Errorf("%q is not an action; expected one of: %s; or set PARAM VALUE", verb, verbList())
	}
	fields := map[string]string{}
	var order []string
	put := func(k, v string) error {
		if _, dup := fields[k]; dup {
			return fmt.Errorf("%q: %s given twice", text, k)
		}
		fields[k] = v
		order = append(order, k)
		return nil
	}
	switch verb {
	case "slow", "scale", "retries":
		key := map[string]string{"slow": "factor", "scale": "factor", "retries": "retries"}[verb]
		if len(rest) > 0 && !isKeyword(rest[0]) {
			if err := put(key, strings.TrimPrefix(strings.TrimPrefix(rest[0], "x"), "×")); err != nil {
				return "", err
			}
			rest = rest[1:]
		}
	case "rollback":
		if len(rest) > 0 && rest[0] == "to" {
			rest = rest[1:]
		}
		if len(rest) > 0 && !isKeyword(rest[0]) {
			if err := put("config", rest[0]); err != nil {
				return "", err
			}
			rest = rest[1:]
		}
	}
	for len(rest) > 0 {
		k, v, inline := strings.Cut(rest[0], "=")
		if !isKeyword(k) {
			return "", fmt.Errorf("%q: unexpected %q; %s takes %s", text, rest[0], verb, takes)
		}
		if !inline {
			if len(rest) < 2 {
				return "", fmt.Errorf("%q: %s needs a value", text, k)
			}
			v, rest = rest[1], rest[1:]
			// A list of planes may be written with spaces: to f, g.
			for k == "to" && strings.HasSuffix(v, ",") && len(rest) > 1 {
				v, rest = v+rest[1], rest[1:]
			}
		}
		rest = rest[1:]
		if err := put(k, v); err != nil {
			return "", err
		}
	}
	if verb == "detour" {
		if _, ok := fields["share"]; !ok {
			fields["share"], order = "1", append(order, "share")
		}
		if _, ok := fields["from"]; !ok {
			from, err := detourFrom(s, target, fields["to"])
			if err != nil {
				return "", fmt.Errorf("%q: %w", text, err)
			}
			fields["from"], order = from, append(order, "from")
		}
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	add := func(k string, v *yaml.Node) {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k}, v)
	}
	add("name", scalar(name))
	add("at", scalar(at.String()))
	add("component", scalar(target))
	add("action", scalar(verb))
	for _, k := range order {
		v := fields[k]
		if k == "to" && verb == "detour" {
			list := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
			for _, p := range strings.Split(v, ",") {
				list.Content = append(list.Content, scalar(strings.TrimSpace(p)))
			}
			add(k, list)
			continue
		}
		add(k, scalar(v))
	}
	out, err := yaml.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("%q: %w", text, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// verbList lists the short forms' verbs.
func verbList() string {
	vs := make([]string, len(branchVerbs))
	for i, v := range branchVerbs {
		vs[i] = v.verb
	}
	return strings.Join(vs, ", ")
}

// isKeyword reports whether w names an action's field in a short form.
func isKeyword(w string) bool {
	k, _, _ := strings.Cut(w, "=")
	switch k {
	case "from", "to", "share", "drop", "delay", "factor", "config", "retries":
		return true
	}
	return false
}

// scalar is a YAML scalar typed by its text: a number stays a number.
func scalar(v string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: v, Tag: "!!str"}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		n.Tag = "!!int"
	} else if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
		n.Tag = "!!float"
	}
	return n
}

// mappingWithTime adds name and at to an action typed as a YAML mapping.
func mappingWithTime(name string, at time.Duration, text string) (string, error) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil || len(n.Content) != 1 || n.Content[0].Kind != yaml.MappingNode {
		return "", fmt.Errorf("%q: expected a YAML mapping like {component: auth-e, action: failover}", text)
	}
	m := n.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch m.Content[i].Value {
		case "at":
			return "", fmt.Errorf("%q: the time comes before the action, not in it (at)", text)
		case "name":
			return "", fmt.Errorf("%q: a branch's actions are named class-N; leave out name", text)
		}
	}
	head := []*yaml.Node{
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "name"}, scalar(name),
		{Kind: yaml.ScalarNode, Tag: "!!str", Value: "at"}, scalar(at.String()),
	}
	m.Content = append(head, m.Content...)
	m.Style = yaml.FlowStyle
	out, err := yaml.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("%q: %w", text, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// detourFrom is the plane a detour of planes component name moves traffic
// from when the class does not say: the only plane with an assigned share
// that is not a destination.
func detourFrom(s *spec.Spec, name, to string) (string, error) {
	for _, c := range s.Components {
		if c.Name != name || c.Planes == nil {
			continue
		}
		dest := map[string]bool{}
		for _, p := range strings.Split(to, ",") {
			dest[strings.TrimSpace(p)] = true
		}
		var from []string
		for _, p := range c.Planes.Planes {
			if p.Share > 0 && !dest[p.Name] {
				from = append(from, p.Name)
			}
		}
		if len(from) == 1 {
			return from[0], nil
		}
		return "", fmt.Errorf("say which plane the traffic moves from (from P): %s carries traffic on %d planes that are not destinations", name, len(from))
	}
	return "", fmt.Errorf("%s is not a planes component; detour moves a planes component's traffic", name)
}

// brancher runs a scenario with the decisions of a class.
type brancher struct {
	file   string
	data   []byte
	sets   []string
	seed   *uint64
	limits scenarios.Limits
	// decisions so far, in order; base is the run without any.
	decisions []branch
	base      *scenarios.Result
}

// spec loads the scenario with the decisions so far (extra: one more
// set, or more actions).
func (b *brancher) spec(extraSet string, extraActions []string) (*spec.Spec, error) {
	sets := append([]string{}, b.sets...)
	var actions []string
	for _, d := range b.decisions {
		if d.set != "" {
			sets = append(sets, d.set)
		}
		actions = append(actions, d.actions...)
	}
	if extraSet != "" {
		sets = append(sets, extraSet)
	}
	actions = append(actions, extraActions...)
	s, err := scenarios.ValidateWithActions(b.file, b.data, sets, actions)
	if err != nil {
		return nil, err
	}
	if b.seed != nil {
		s.Seed = *b.seed
	}
	if err := scenarios.CheckSize(s, b.limits); err != nil {
		return nil, err
	}
	return s, nil
}

// run runs s.
func (b *brancher) run(s *spec.Spec) (*scenarios.Result, error) {
	return scenarios.Run(s, scenarios.Options{Limits: b.limits})
}

// decide adds the decision text at at to a run whose result is cur, and
// returns the branched run. The decision is refused, with the reason,
// when the scenario does not allow it.
func (b *brancher) decide(cur *scenarios.Result, at time.Duration, text string) (*scenarios.Result, error) {
	name := fmt.Sprintf("class-%d", len(b.decisions)+1)
	d := branch{text: text, at: at}
	var res *scenarios.Result
	if param, value, ok := setCommand(text); ok {
		r, err := b.decideSet(cur, &d, name, param, value)
		if err != nil {
			return nil, err
		}
		res = r
	} else {
		item, err := actionMapping(cur.Spec, name, at, text)
		if err != nil {
			return nil, err
		}
		d.actions = []string{item}
		s, err := b.spec("", d.actions)
		if err != nil {
			return nil, err
		}
		if res, err = b.run(s); err != nil {
			return nil, err
		}
	}
	b.decisions = append(b.decisions, d)
	return res, nil
}

// setCommand reads "set NAME VALUE" or "set NAME=VALUE".
func setCommand(text string) (name, value string, ok bool) {
	words := strings.Fields(text)
	if len(words) == 0 || words[0] != "set" {
		return "", "", false
	}
	switch {
	case len(words) == 2 && strings.Contains(words[1], "="):
		name, value, _ = strings.Cut(words[1], "=")
	case len(words) == 3:
		name, value = words[1], words[2]
	default:
		return "", "", true // reported by decideSet
	}
	return name, value, true
}

// decideSet adds a param's new value at d.at. What the value changes
// that can change during a run (a client's retries, a service's
// workers) becomes actions at that time; anything else is allowed only
// when it leaves the run before d.at as it was, and then applies from the
// start.
func (b *brancher) decideSet(cur *scenarios.Result, d *branch, name, param, value string) (*scenarios.Result, error) {
	if param == "" || value == "" {
		return nil, errors.New("expected set PARAM VALUE, like set token_retries 0")
	}
	set := param + "=" + value
	changed, err := b.spec(set, nil)
	if err != nil {
		return nil, err
	}
	diffs := spec.Differences(cur.Spec, changed)
	if len(diffs) == 0 {
		return nil, fmt.Errorf("set %s %s changes nothing in this run", param, value)
	}
	var actions, says, static []string
	for _, p := range diffs {
		item, say, ok := liveChange(cur.Spec, changed, p, fmt.Sprintf("%s-%d", name, len(actions)+1), d.at)
		if !ok {
			static = append(static, p)
			continue
		}
		actions, says = append(actions, item), append(says, say)
	}
	if len(static) == 0 {
		d.actions, d.says = actions, strings.Join(says, "; ")+" from then on"
		s, err := b.spec("", actions)
		if err != nil {
			return nil, err
		}
		return b.run(s)
	}
	// A change that cannot happen during a run: the run with the value
	// from the start, if it is the same run until d.at.
	res, err := b.run(changed)
	if err != nil {
		return nil, err
	}
	if i, ok := samePrefix(cur, res, d.at); !ok {
		return nil, fmt.Errorf("set %s %s changes %s, which cannot change during a run, and the run with it differs before %s (%s); "+
			"to see it from the start, replay with --set %s", param, value, strings.Join(static, ", "), clockSeconds(cur, d.at.Seconds()), i, set)
	}
	d.set = set
	d.says = fmt.Sprintf("%s changes only after this moment, so this is the run with --set %s from the start", strings.Join(static, ", "), set)
	return res, nil
}

// liveChange turns the difference at path between the specs a and b into
// an action at at that makes it during a run, if there is one: a client's
// retries (a retries action) or a service's workers (a scale).
func liveChange(a, b *spec.Spec, path, name string, at time.Duration) (item, says string, ok bool) {
	parts := strings.Split(path, ".")
	switch {
	case len(parts) == 3 && parts[0] == "clients" && parts[2] == "retries":
		ca, cb := a.Client(parts[1]), b.Client(parts[1])
		if ca == nil || cb == nil {
			return "", "", false
		}
		item = fmt.Sprintf("{name: %s, at: %s, component: %s, action: retries, retries: %d}", name, at, parts[1], cb.Retries)
		return item, fmt.Sprintf("client %s: retries %d → %d", parts[1], ca.Retries, cb.Retries), true
	case len(parts) == 3 && parts[0] == "components" && parts[2] == "workers":
		ca, cb := a.Component(parts[1]), b.Component(parts[1])
		if ca == nil || cb == nil || ca.Service == nil || cb.Service == nil || ca.Service.Workers < 1 || cb.Service.Workers < 1 {
			return "", "", false
		}
		wa, wb := ca.Service.Workers, cb.Service.Workers
		item = fmt.Sprintf("{name: %s, at: %s, component: %s, action: scale, factor: %s}", name, at, parts[1],
			strconv.FormatFloat(float64(wb)/float64(wa), 'g', -1, 64))
		return item, fmt.Sprintf("%s: workers %d → %d", parts[1], wa, wb), true
	}
	return "", "", false
}

// samePrefix reports whether runs a and b are the same before at: the same
// events, and the same value of every series in every step that ends by
// then. If not, it says the first difference.
func samePrefix(a, b *scenarios.Result, at time.Duration) (string, bool) {
	t := sim.Time(at)
	for i := 0; ; i++ {
		ea, okA := eventBefore(a.Events, i, t)
		eb, okB := eventBefore(b.Events, i, t)
		if !okA && !okB {
			break
		}
		if okA != okB || ea != eb {
			e := ea
			if !okA {
				e = eb
			}
			return fmt.Sprintf("at %s: %s", clockSeconds(a, e.At.Seconds()), e.Message), false
		}
	}
	if len(a.Series) != len(b.Series) || a.Step != b.Step {
		return "its series differ", false
	}
	steps := 0
	if a.Step > 0 {
		steps = int(t / a.Step)
	}
	for i, sa := range a.Series {
		sb := b.Series[i]
		if sa.Component != sb.Component || sa.Metric != sb.Metric {
			return "its series differ", false
		}
		for k := 0; k < steps && k < len(sa.Values) && k < len(sb.Values); k++ {
			va, vb := sa.Values[k], sb.Values[k]
			if va != vb && !(math.IsNaN(va) && math.IsNaN(vb)) {
				return fmt.Sprintf("%s %s at %s", sa.Component, sa.Metric, clockSeconds(a, (sim.Time(k)*a.Step).Seconds())), false
			}
		}
	}
	return "", true
}

// eventBefore returns events[i] if it exists and is before t.
func eventBefore(events []sim.LogEntry, i int, t sim.Time) (sim.LogEntry, bool) {
	if i < len(events) && events[i].At < t {
		return events[i], true
	}
	return sim.LogEntry{}, false
}
