package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/network"
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// act is an action ready to run: what it does, on which element, and how
// the event log describes it.
type act struct {
	element string
	detail  string
	// kind is the kind of event the change is when it is not simply a
	// fault or an action: a failover, a detour, a recovery. Empty
	// otherwise (see eventKind).
	kind sim.EventKind
	do   func(now sim.Time) error
}

// eventKind is the kind of event a carries out: its own kind (failover,
// detour, recovery), else a fault if scripted, an action if someone did
// it.
func (a act) eventKind(byOperator bool) sim.EventKind {
	switch {
	case a.kind != "":
		return a.kind
	case byOperator:
		return sim.EventAction
	}
	return sim.EventFault
}

// componentActions are the models' faults of the spec's actions on
// components.
var componentActions = map[spec.FaultAction]models.FaultAction{
	spec.Down: models.FaultDown, spec.Up: models.FaultUp, spec.Slow: models.FaultSlow,
	spec.Scale: models.FaultScale, spec.Restart: models.FaultRestart, spec.Reroute: models.FaultReroute,
}

// action turns a decoded change (a fault, an operator action, a
// detector's or an operator step's action) into an act. field names the
// change in the file, for errors.
func (b *builder) action(f spec.Fault, field string) (act, error) {
	a := act{element: f.Component, detail: string(f.Action)}
	fail := func(format string, args ...any) (act, error) {
		return act{}, b.s.Errorf(field, format, args...)
	}
	switch f.Action {
	case spec.Down, spec.Up, spec.Slow, spec.Scale, spec.Restart, spec.Reroute:
		target, ok := b.targets[f.Component]
		if !ok {
			return fail("no component %q", f.Component)
		}
		mf := models.Fault{Target: target, Action: componentActions[f.Action], Factor: f.Factor}
		if f.Action == spec.Reroute {
			to, ok := b.targets[f.To]
			if !ok {
				return fail("no component %q to reroute %s to", f.To, f.Component)
			}
			mf.From, mf.To = f.From, to
		}
		c, err := mf.Change()
		if err != nil {
			return fail("%v", err)
		}
		a.detail, a.kind, a.do = c.Detail, c.Kind, c.Do
	case spec.FailSilent, spec.FailLoud, spec.Repair:
		if f.Action == spec.Repair {
			a.kind = sim.EventRecovery
		}
		part := b.part(f.Component)
		if part == nil {
			return fail("no network part %q", f.Component)
		}
		a.do = func(now sim.Time) error {
			switch f.Action {
			case spec.FailSilent:
				part.Fail(now, network.Silent)
			case spec.FailLoud:
				part.Fail(now, network.Loud)
			default:
				part.Repair(now)
			}
			return nil
		}
	case spec.LinkDown, spec.LinkUp, spec.SetForwarding:
		if f.Action == spec.LinkUp {
			a.kind = sim.EventRecovery
		}
		link := b.link(f.Component)
		if link == nil {
			return fail("no network link %q", f.Component)
		}
		fwd := network.Forwarding{Drop: f.Drop, Delay: f.Delay}
		if f.Action == spec.SetForwarding {
			a.detail = fmt.Sprintf("forwarding drops %s%%, adds %v", num(100*f.Drop), f.Delay)
		}
		a.do = func(now sim.Time) error {
			switch f.Action {
			case spec.LinkDown:
				link.Down(now)
			case spec.LinkUp:
				link.Up(now)
			default:
				return link.SetForwarding(now, fwd)
			}
			return nil
		}
	case spec.Failover:
		node := b.node(f.Component)
		if node == nil {
			return fail("no network node %q", f.Component)
		}
		a.kind = sim.EventFailover
		a.do = func(now sim.Time) error { return node.Failover(now) }
	case spec.Configure:
		node := b.node(f.Component)
		if node == nil {
			return fail("no network node %q", f.Component)
		}
		proc := network.Procedure{Name: f.Procedure.Name, DropShare: f.Procedure.DropShare, Spread: f.Procedure.DropShareSpread}
		change := network.Change{Name: f.Name, Entries: f.Routes, Procedure: proc, Check: f.Check, CheckAfter: f.CheckAfter}
		key := f.Component + "/" + f.SaveAs
		a.detail = "configure"
		if proc.Name != "" {
			a.detail += " (" + proc.Name + " procedure)"
		}
		a.do = func(now sim.Time) error {
			if f.SaveAs != "" {
				// The rollback configuration is written the same way as
				// the change: with a lossy procedure it lacks routes too.
				cfg, err := node.Snapshot(f.SaveAs, proc)
				if err != nil {
					return err
				}
				b.m.snapshots[key] = cfg
			}
			_, err := node.Configure(now, change)
			return err
		}
	case spec.Rollback:
		node := b.node(f.Component)
		if node == nil {
			return fail("no network node %q", f.Component)
		}
		key := f.Component + "/" + f.Config
		a.detail = "rollback to " + f.Config
		a.do = func(now sim.Time) error {
			cfg, ok := b.m.snapshots[key]
			if !ok {
				return fmt.Errorf("no saved configuration %q yet", f.Config)
			}
			return node.Rollback(now, cfg)
		}
	case spec.Detour, spec.Restore:
		p, ok := b.targets[f.Component].(*network.Planes)
		if !ok {
			return fail("%s is not a planes component", f.Component)
		}
		if f.Action == spec.Restore {
			a.kind = sim.EventRecovery
			a.do = func(now sim.Time) error { p.Restore(now); return nil }
			break
		}
		a.kind = sim.EventDetour
		a.detail = fmt.Sprintf("detour %s%% of %s to %s", num(100*f.Share), f.From, strings.Join(f.Planes, ", "))
		a.do = func(now sim.Time) error {
			_, err := p.Detour(now, f.From, f.Share, f.Planes...)
			return err
		}
	case spec.SetRetries:
		var clients []*models.Client
		for _, c := range b.m.clients {
			if c.Policy() == f.Component {
				clients = append(clients, c)
			}
		}
		if len(clients) == 0 {
			return fail("no calls go through client %q", f.Component)
		}
		a.detail = fmt.Sprintf("retries %d", f.Retries)
		a.do = func(now sim.Time) error {
			for _, c := range clients {
				if err := c.SetRetries(now, f.Retries); err != nil {
					return err
				}
			}
			return nil
		}
	case spec.UtilityDown, spec.UtilityUp:
		// As for links and parts: cutting the feed is a fault (or an
		// action, if someone did it), bringing it back a recovery; the
		// site logs the power changes themselves.
		a.element, a.detail = f.Component, "cut the utility feed"
		if f.Action == spec.UtilityUp {
			a.kind, a.detail = sim.EventRecovery, "bring the utility feed back"
		}
		a.do = func(now sim.Time) error {
			for _, site := range b.m.sites {
				if site.Name() != f.Component {
					continue
				}
				if f.Action == spec.UtilityDown {
					site.LoseUtility(now)
				} else {
					site.RestoreUtility(now)
				}
				return nil
			}
			return fmt.Errorf("site %s was not built", f.Component)
		}
	case spec.StartSwitchover:
		site, w, n := b.s.FindSwitchover(f.Component)
		if n != 1 {
			return fail("no single switch-over %q", f.Component)
		}
		key := site + "/" + w.Name
		a.element, a.kind, a.detail = w.Name, sim.EventFailover, "start the switch-over"
		why := "ordered"
		switch f.By {
		case spec.ByClass:
			why = "ordered by the class"
		case spec.ByOperator:
			why = "ordered by an operator"
		}
		a.do = func(now sim.Time) error {
			sw := b.m.switchovers[key]
			if sw == nil {
				return fmt.Errorf("switch-over %s was not built", key)
			}
			sw.Start(now, why)
			return nil
		}
	default:
		return fail("action %q cannot be built", f.Action)
	}
	return a, nil
}

// schedule puts a fault or operator action on the engine; it logs one
// entry ("name: what", of the change's kind: see act.eventKind), ending
// "; failed: ..." when the action could not be carried out.
func (b *builder) schedule(f spec.Fault, field string) error {
	a, err := b.action(f, field)
	if err != nil {
		return err
	}
	by := ""
	switch f.By {
	case spec.ByOperator:
		by = "operator"
	case spec.ByClass:
		by = "the class"
	}
	models.Change{Name: f.Name, At: f.At, Subject: a.element, Detail: a.detail,
		Kind: a.eventKind(f.By != spec.ByFault), By: by, Do: a.do}.Schedule(b.m.env.Engine, b.m.env.Recorder)
	return nil
}

func (b *builder) node(name string) *network.Node {
	if b.m.net == nil {
		return nil
	}
	return b.m.net.Node(name)
}

func (b *builder) link(name string) *network.Link {
	if b.m.net == nil {
		return nil
	}
	return b.m.net.Link(name)
}

// part finds "node/part".
func (b *builder) part(name string) *network.Part {
	node, part, ok := strings.Cut(name, "/")
	if !ok || b.node(node) == nil {
		return nil
	}
	return b.node(node).Part(part)
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
