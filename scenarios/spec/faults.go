package spec

import (
	"reflect"

	"go.yaml.in/yaml/v3"
)

// faultActionNames lists the actions for messages.
var faultActionNames = []string{
	string(Down), string(Up), string(Slow), string(Scale), string(Restart), string(Reroute),
	string(FailSilent), string(FailLoud), string(Repair), string(LinkDown), string(LinkUp), string(SetForwarding),
	string(Failover), string(Configure), string(Rollback), string(Detour), string(Restore), string(SetRetries), string(StartSwitchover),
	string(UtilityDown), string(UtilityUp),
}

// fault decodes one fault or action by the declaration of Fault: its
// action first, then exactly that action's fields (another action's are
// refused by name), each it needs ("missing factor; a slow fault needs
// ..."). An inline action (of a detector's on_fire or an operator's step)
// has no name or at.
func (d *decoder) fault(n *yaml.Node, path string, by FaultOrigin, inline bool) Fault {
	f := Fault{By: by}
	d.next = structOptions{noun: "a fault"}
	if by != ByFault {
		d.next.noun = "an action"
	}
	if inline {
		d.next.exclude = map[string]bool{"name": true, "at": true}
	}
	noun := faultNoun(by)
	found := d.declaredStruct(n, path, reflect.ValueOf(&f).Elem(), nil)
	f.By = by
	if found == nil || f.Action == "" {
		return f
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

// Summary names the change as describe shows it inside a detector or a
// step: its action and what it acts on, like "failover auth-e".
func (f Fault) Summary() string { return string(f.Action) + " " + f.Component }
