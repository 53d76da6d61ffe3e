package spec

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// faultActionNames lists the actions for messages.
var faultActionNames = []string{
	string(Down), string(Up), string(Slow), string(Scale), string(Restart), string(Reroute),
	string(FailSilent), string(FailLoud), string(Repair), string(LinkDown), string(LinkUp), string(SetForwarding),
	string(Failover), string(Configure), string(Rollback), string(Detour), string(Restore), string(SetRetries), string(StartSwitchover),
	string(UtilityDown), string(UtilityUp),
}

// faultActionFields are the fields of a fault that only some actions use,
// with those actions, what each field holds, and whether those actions
// need it.
var faultActionFields = []struct {
	key      string
	actions  []FaultAction
	want     map[FaultAction]string
	optional bool
}{
	{key: "factor", actions: []FaultAction{Slow, Scale}, want: map[FaultAction]string{
		Slow:  "a factor > 0: how many times longer service takes",
		Scale: "a factor > 0: what the configured workers are multiplied by",
	}},
	{key: "from", actions: []FaultAction{Reroute, Detour}, want: map[FaultAction]string{
		Reroute: "the name of the component whose calls move",
		Detour:  "the name of the plane whose traffic moves",
	}},
	{key: "to", actions: []FaultAction{Reroute, Detour}, want: map[FaultAction]string{
		Reroute: "the name of the component the calls move to",
		Detour:  "a list of the planes the traffic moves to",
	}},
	{key: "drop", actions: []FaultAction{SetForwarding}, optional: true},
	{key: "delay", actions: []FaultAction{SetForwarding}, optional: true},
	{key: "routes", actions: []FaultAction{Configure}, want: map[FaultAction]string{
		Configure: "the whole intended route table: " + routesWant,
	}},
	{key: "procedure", actions: []FaultAction{Configure}, optional: true},
	{key: "check", actions: []FaultAction{Configure}, optional: true},
	{key: "check_after", actions: []FaultAction{Configure}, optional: true},
	{key: "save_as", actions: []FaultAction{Configure}, optional: true},
	{key: "config", actions: []FaultAction{Rollback}, want: map[FaultAction]string{
		Rollback: "the name of a snapshot saved by an earlier configure (save_as)",
	}},
	{key: "share", actions: []FaultAction{Detour}, want: map[FaultAction]string{
		Detour: "the share of the plane's traffic that moves, in (0, 1]",
	}},
	{key: "retries", actions: []FaultAction{SetRetries}, want: map[FaultAction]string{
		SetRetries: "the client's retries after a failed first attempt, from 0 to 100",
	}},
}

// fault decodes one fault or action. An inline action (of a detector's
// on_fire or an operator's step) has no name or at.
func (d *decoder) fault(n *yaml.Node, path string, by FaultOrigin, inline bool) Fault {
	const (
		factorWant = "a factor > 0 and at most 1000000"
		nameWant   = "the name of a component"
		shareWant  = "a share in (0, 1]"
	)
	noun := faultNoun(by)
	what := "a fault"
	if by != ByFault {
		what = "an action"
	}
	f := Fault{By: by}
	// The action decides how to is read (a name or a list of planes).
	detour := false
	if a := lookup(n, "action"); a != nil && a.Kind == yaml.ScalarNode && a.Value == string(Detour) {
		detour = true
	}
	var fs []field
	if !inline {
		fs = append(fs,
			field{key: "name", want: itemNameWant,
				decode: func(n *yaml.Node, p string) { f.Name = d.itemName(n, p) }},
			field{key: "at", required: true, want: durationWant(false),
				decode: func(n *yaml.Node, p string) { f.At = d.duration(n, p, false) }})
	}
	fs = append(fs,
		field{key: "component", required: true, want: nameWant,
			decode: func(n *yaml.Node, p string) { f.Component = d.str(n, p, nameWant) }},
		field{key: "action", required: true, want: "one of: " + strings.Join(faultActionNames, ", "),
			decode: func(n *yaml.Node, p string) {
				f.Action = FaultAction(d.enum(n, p, faultActionNames...))
			}},
		d.floatField("factor", factorWant, func(v float64) bool { return v > 0 && v <= MaxFactor }, &f.Factor),
		field{key: "from", want: nameWant,
			decode: func(n *yaml.Node, p string) { f.From = d.str(n, p, nameWant) }},
		field{key: "to", want: nameWant,
			decode: func(n *yaml.Node, p string) {
				if detour {
					f.Planes = d.names(n, p, "plane")
				} else {
					f.To = d.str(n, p, nameWant)
				}
			}},
		d.floatField("drop", shareWant, isShare, &f.Drop),
		d.durationField("delay", false, &f.Delay),
		field{key: "routes", want: routesWant,
			decode: func(n *yaml.Node, p string) { f.Routes = d.routes(n, p) }},
		field{key: "procedure", want: "a procedure: {name: generic, drop_share: 0.25}",
			decode: func(n *yaml.Node, p string) { f.Procedure = d.procedure(n, p) }},
		field{key: "check", want: boolWant,
			decode: func(n *yaml.Node, p string) { f.Check = d.boolean(n, p) }},
		d.durationField("check_after", false, &f.CheckAfter),
		field{key: "save_as", want: itemNameWant,
			decode: func(n *yaml.Node, p string) { f.SaveAs = d.itemName(n, p) }},
		field{key: "config", want: "the name of a snapshot",
			decode: func(n *yaml.Node, p string) { f.Config = d.str(n, p, "the name of a snapshot") }},
		d.floatField("share", shareWant, func(v float64) bool { return v > 0 && v <= 1 }, &f.Share),
		d.intField("retries", 0, int64(retriesKnob.Max.Value), &f.Retries),
	)
	want := what + ": a mapping with at, component, action and the action's fields"
	if inline {
		want = what + ": a mapping with component, action and the action's fields"
	}
	found := d.fields(n, path, mapping{want: want, what: what, fields: fs})
	if found == nil || f.Action == "" {
		return f
	}
	for _, af := range faultActionFields {
		v := found[af.key]
		uses := false
		for _, a := range af.actions {
			uses = uses || a == f.Action
		}
		switch {
		case uses && v == nil && !af.optional:
			d.errorf(n, joinPath(path, af.key), "missing %s; a %s %s needs %s%s", af.key, f.Action, noun, af.want[f.Action], d.sets.kindNote(n))
		case !uses && v != nil && d.sets.leaveOut(n, v):
			f.clear(af.key) // the file's field of the action --set replaced
		case !uses && v != nil:
			names := make([]string, len(af.actions))
			for i, a := range af.actions {
				names[i] = string(a)
			}
			d.errorf(v, joinPath(path, af.key), "%s is only allowed with action: %s, not %s", af.key, strings.Join(names, " or "), f.Action)
			f.clear(af.key)
		}
	}
	if f.Action == SetForwarding && found["drop"] == nil && found["delay"] == nil {
		d.errorf(n, joinPath(path, "drop"), "missing drop or delay; a forwarding %s needs at least one: drop (a share from 0 to 1) or delay (a duration)", noun)
	}
	if v := found["check_after"]; v != nil && f.Action == Configure && !f.Check && f.CheckAfter != 0 && !d.isBad(joinPath(path, "check_after")) {
		d.errorf(v, joinPath(path, "check_after"), "check_after is the time of the pre/post check; expected check: true beside it (or check_after: 0)")
	}
	if f.Action == Configure && f.Routes == nil && !d.isBad(joinPath(path, "routes")) {
		f.Routes = []RouteEntry{}
	}
	return f
}

// clear zeroes the field of f that key holds.
func (f *Fault) clear(key string) {
	switch key {
	case "factor":
		f.Factor = 0
	case "from":
		f.From = ""
	case "to":
		f.To, f.Planes = "", nil
	case "drop":
		f.Drop = 0
	case "delay":
		f.Delay = 0
	case "routes":
		f.Routes = nil
	case "procedure":
		f.Procedure = Procedure{}
	case "check":
		f.Check = false
	case "check_after":
		f.CheckAfter = 0
	case "save_as":
		f.SaveAs = ""
	case "config":
		f.Config = ""
	case "share":
		f.Share = 0
	case "retries":
		f.Retries = 0
	}
}

// procedure decodes a configure's procedure.
func (d *decoder) procedure(n *yaml.Node, path string) Procedure {
	var pr Procedure
	d.fields(n, path, mapping{
		want: "a procedure: a mapping like {name: generic, drop_share: 0.25, drop_share_spread: 0.1}",
		what: "a procedure",
		fields: []field{
			{key: "name", required: true, want: itemNameWant,
				decode: func(n *yaml.Node, p string) { pr.Name = d.itemName(n, p) }},
			d.floatField("drop_share", "a share of entries lost, from 0 to 1", isShare, &pr.DropShare),
			d.floatField("drop_share_spread", "a spread of the share lost, from 0 to 1", isShare, &pr.DropShareSpread),
		},
	})
	return pr
}

// String names the change as describe shows it inside a detector or a
// step: its action and what it acts on, like "failover auth-e".
func (f Fault) String() string { return string(f.Action) + " " + f.Component }
