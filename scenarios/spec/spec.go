package spec

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
)

// Spec is a decoded and validated scenario file. It is plain data: every
// field is exported and set, defaults already applied. Spec also remembers
// where each field was in the file, so later checks can report positions
// with Errorf.
type Spec struct {
	// File is the file name given to Load, used in errors.
	File string
	// Name identifies the scenario: lower-case letters, digits and dashes,
	// starting with a letter or digit. Required.
	Name string `knob:"name" required:"true" pattern:"^[a-z0-9][a-z0-9-]*$" want:"a name of lower-case letters, digits and '-', starting with a letter or digit, like mm1 or retry-storm" doc:"the scenario's name: lower-case letters, digits and '-'"`
	// Description says what the scenario models, in free text. Required.
	Description string `knob:"description" required:"true" nonempty:"true" want:"a description of the scenario" doc:"what the scenario models, and where its figures come from; its first line is what cascade list shows"`
	// Seed is the root of every random stream of a run. Required.
	Seed uint64 `knob:"seed" required:"true" want:"an integer seed from 0 to 18446744073709551615" doc:"the seed of the run's random numbers: same file and seed, same outputs"`
	// Horizon is how much virtual time a run covers. Required, > 0.
	Horizon time.Duration `knob:"horizon" required:"true" min:">0s" doc:"how much virtual time a run covers"`
	// Step is the width of one time-series bucket. Required, > 0, at most
	// Horizon, and Horizon/Step at most MaxSteps.
	Step time.Duration `knob:"step" required:"true" min:">0s" doc:"the width of one time-series step (series.csv, the plots); at most the horizon"`
	// Clock places t=0 on the wall clock, for plots. Nil if the file has no
	// clock block.
	Clock *Clock `knob:"clock" doc:"the wall-clock time and zone the run starts at, for timelines"`
	// Network is the topology that routes carry requests over. Nil if the
	// file has no network block.
	Network *Network `knob:"network" doc:"network nodes and links, for routes and planes"`
	// Params are the declared knobs, in file order, with the values used
	// after --set. Empty if the file has no params block.
	Params []Param `knob:"params" doc:"named values that fields use as ${name}; --set NAME=VALUE changes them"`
	// Clients are the named call policies (timeouts, retries, backoff,
	// retry control) that service calls, token caches and populations
	// refer to, in file order. Optional; names are unique.
	Clients []Client `knob:"clients" want:"a list of clients" doc:"call policies (timeouts, retries, backoff, retry control) that calls, token caches and populations name"`
	// Components are the parts of the modelled system, in file order.
	// Required, at least one; names are unique.
	Components []Component `knob:"components" required:"true" nonempty:"true" want:"a non-empty list of components" doc:"the modelled system's parts: services, token caches, routes, planes"`
	// Populations are the users that send requests, in file order.
	// Required, at least one; names are unique.
	Populations []Population `knob:"populations" required:"true" nonempty:"true" want:"a non-empty list of populations" doc:"the users and the requests they send"`
	// Faults are the scheduled changes to components that the scenario
	// inflicts (the trigger), in file order; each has By == ByFault.
	// Optional; names, where given, are unique across Faults and Actions.
	Faults []Fault `knob:"faults" want:"a list of faults" doc:"what goes wrong, and when"`
	// Actions are the scheduled changes to components that operators make
	// (the mitigation), in file order. Same syntax and type as Faults;
	// each has By == ByOperator. Optional; names, where given, are unique
	// across Faults and Actions.
	Actions []Fault `knob:"actions" want:"a list of operator actions" doc:"what operators do, and when"`
	// Detectors notice changes and fire actions or alarms, in file order.
	// Optional; names are unique among detectors.
	Detectors []Detector `knob:"detectors" want:"a list of detectors" doc:"health checks and alarms"`
	// Operators are the people who react to alarms, in file order.
	// Optional; names are unique among operators.
	Operators []Operator `knob:"operators" want:"a list of operators" doc:"the people who react to alarms"`
	// Sites are the data centres (power chain, rooms, hosts), in file
	// order. Optional; names are unique among sites.
	Sites []Site `knob:"sites" want:"a list of sites" unique:"site" doc:"data centres: rooms, UPS units, generators, switch-overs"`
	// Fires are the fires in rooms of sites, in file order. Optional;
	// names are unique among fires.
	Fires []Fire `knob:"fires" want:"a list of fires" unique:"fire" doc:"fires in rooms"`
	// Restorations bring power back to sites, in file order. Optional;
	// names are unique among restorations.
	Restorations []Restoration `knob:"restorations" want:"a list of restorations" unique:"restoration" doc:"how power comes back to a site's hosts: along a curve, or by electrician teams"`
	// DataPools recover the data of hosted services after an unclean
	// stop, in file order (key data_pools). Optional; names are unique
	// among pools.
	DataPools []DataPool `knob:"data_pools" want:"a list of data pools" unique:"data pool" doc:"what recovers the data of hosted services whose servers stopped without a clean shutdown (a backup system)"`
	// Hosted are the services running on hosts of sites, in file order.
	// Optional; names are unique among hosted entries.
	Hosted []Hosted `knob:"hosted" want:"a list of hosted services" unique:"hosted" doc:"services hosted in sites' rooms"`
	// Outcome says how a run is judged. Required.
	Outcome Outcome `knob:"outcome" required:"true" doc:"how availability and the outage are measured"`
	// Documented are the public figures a run is compared with, in file
	// order. Optional; names are unique.
	Documented []Documented `knob:"documented" want:"a list of documented figures" doc:"the figures the incident's documents give, checked against the run"`
	// DocumentedEvents are the documented timeline, in file order: drawn
	// beside the simulated curves and paired with simulated events.
	// Optional; needs a clock.
	DocumentedEvents []DocumentedEvent `knob:"documented_events" want:"a list of documented moments, each {name, at: 2022-12-17T07:50:00+09:00, source, subject, kind, which}" doc:"the moments the incident's documents give, for the timeline"`
	// Quick are --set overrides ("name=value" or "a.b.c=value") that make
	// a short run of the same scenario, with the same mechanisms at a
	// smaller size, for tests and smoke runs. Optional (nil when the key
	// is absent, empty when the scenario is short already); every
	// built-in has them.
	Quick Overrides `knob:"quick" want:"a list of --set overrides, like [\"users=1000\", \"components.db.workers=2\"]" doc:"--set overrides for a short run (cascade run --quick)"`

	// root is the decoded document (after --set and ${}), which Errorf
	// walks to find the position of a field.
	root *yaml.Node
}

// Clock places virtual time t=0 on the wall clock.
type Clock struct {
	// Start is the wall-clock time of t=0, in RFC 3339 with an offset,
	// e.g. 2022-12-02T08:00:00+09:00.
	Start time.Time `knob:"start" required:"true" want:"an RFC 3339 time with an offset, like 2022-12-02T08:00:00+09:00" doc:"the wall-clock time of the run's start, with its offset"`
	// Zone is a label for the offset of Start, e.g. "JST", used on plot
	// axes; it does not change the offset.
	Zone string `knob:"zone" want:"a label for the offset, like JST" doc:"a label for the offset, shown on plots and timelines; it does not change the offset"`
}

// Describe names the clock in messages.
func (Clock) Describe() (noun, example string) {
	return "the clock", "{start: 2022-12-02T08:00:00+09:00, zone: JST}"
}

// ParamKind is the type of a param, fixed by the type of its default.
type ParamKind string

// The kinds of param.
const (
	// NumberParam holds a float64; it may be used in ${} arithmetic.
	NumberParam ParamKind = "number"
	// BoolParam holds a bool; it may only be used alone, as ${name}.
	BoolParam ParamKind = "bool"
	// StringParam holds a string; it may only be used alone, as ${name}.
	StringParam ParamKind = "string"
)

// Param is a named knob declared under params: and used in ${} expressions
// elsewhere in the file.
type Param struct {
	// Name is the param's name: a letter or underscore, then letters,
	// digits or underscores. It is the key under params: and the name used
	// in ${} and in --set name=value.
	Name string
	// Kind is the param's type, that of Default.
	Kind ParamKind
	// Default is the declared value: a float64, bool or string. Required.
	Default any
	// Value is the value used: Default, or the last --set name=value for
	// this param. Same type as Default.
	Value any
	// Unit is the unit of a number param, e.g. "1/s", for people. Optional,
	// default "".
	Unit string
	// Description says what the knob controls. Required.
	Description string
	// Choices, if not empty, are the only values Value may take; each has
	// the param's Kind and Default is among them. Optional.
	Choices []any
	// Min and Max, if set, bound a number param's value (inclusive):
	// Default lies between them and --set outside them is an error. A
	// test runs every built-in at each declared bound. Optional; number
	// params only.
	Min, Max *float64
	// Source, if not empty, says where a documented default comes from
	// (a report, an article), as a documented figure's source does; a
	// param without one is an estimate (or a what-if's switch left at its
	// incident setting). Optional.
	Source string
}

// ComponentKind says what a component is and which of Component's
// kind-specific fields is set.
type ComponentKind string

// The kinds of component.
const (
	// ServiceKind is a pool of workers behind a queue; Component.Service is
	// set.
	ServiceKind ComponentKind = "service"
	// TokenCacheKind is a cache of credentials fetched from a service;
	// Component.TokenCache is set.
	TokenCacheKind ComponentKind = "token-cache"
	// RouteKind is a path through the network to a component;
	// Component.Route is set.
	RouteKind ComponentKind = "route"
	// PlanesKind splits requests over redundant planes; Component.Planes
	// is set.
	PlanesKind ComponentKind = "planes"
)

// Choices lists the component kinds, in the order of messages.
func (ComponentKind) Choices() []string {
	return []string{string(ServiceKind), string(TokenCacheKind), string(RouteKind), string(PlanesKind)}
}

// UnmarshalText reads a component kind.
func (k *ComponentKind) UnmarshalText(text []byte) error {
	i, err := knob.ParseChoice(k.Choices(), string(text))
	if err == nil {
		*k = ComponentKind(k.Choices()[i])
	}
	return err
}

// Component is one part of the modelled system. Name and Kind are common to
// every kind; the kind-specific fields sit in one pointer per kind, of which
// exactly the one matching Kind is non-nil. The service and token-cache
// kinds are declared by their models (knob tags, decoded generically); the
// route and planes kinds are declared by models/network. A new kind adds
// a constant, a choice, a pointer field here and, if it accepts requests or
// makes calls, its kind in refRoles (refcheck.go). Its references to other
// components are its calls, for callCycles.
type Component struct {
	// Name identifies the component: lower-case letters, digits, '-' and
	// '_', starting with a letter or digit, not all digits (so that it can
	// stand for the item in a --set path). Required, unique.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the component; unique"`
	// Kind is the component's kind. Required.
	Kind ComponentKind `knob:"kind" required:"true" doc:"what the component is: a service (workers behind a queue), a token-cache (credentials fetched from a service), a route (a path through the network) or planes (redundant planes sharing the requests)"`
	// Service holds the fields of a "service" component; nil otherwise.
	Service *Service `knob:",inline" kinds:"service"`
	// TokenCache holds the fields of a "token-cache" component; nil
	// otherwise.
	TokenCache *TokenCache `knob:",inline" kinds:"token-cache"`
	// Route holds the fields of a "route" component; nil otherwise.
	Route *Route `knob:",inline" kinds:"route"`
	// Planes holds the fields of a "planes" component; nil otherwise.
	Planes *Planes `knob:",inline" kinds:"planes"`
}

// Describe names a component in messages.
func (Component) Describe() (noun, example string) {
	return "a component", "{name: db, kind: service, workers: 4, service_time: {dist: exponential, mean: 10ms}}"
}

// KindNoun names a component of kind in messages: "a service component".
func (Component) KindNoun(kind string) string { return "a " + kind + " component" }

// Service is a component with a fixed number of workers that serve requests
// from a queue, as models.ServiceKnobs declares it.
type Service = models.ServiceKnobs

// Call is one call a service makes to another component for each request
// it serves. The components that calls and token caches reach from any
// component never lead back to it: the call graph has no cycles.
type Call = models.CallConfig

// Queue is a service's waiting line.
type Queue = models.QueueConfig

// TokenCache is a component that hands out a credential (a token) fetched
// from another component and reused until it expires (models.TokenCache):
// the path to a token storm. Its Name and Fetch are left empty here; the
// builder sets them.
type TokenCache = models.TokenCacheConfig

// Dist is a distribution of durations: one of models.Dists' kinds.
type Dist = models.DistConfig

// NoDeadline is the Population.Deadline of a population that waits forever
// (the word "none" in the file).
const NoDeadline time.Duration = 0

// Population is a group of users sending requests to one component, as
// models.PopulationKnobs declares it.
type Population = models.PopulationKnobs

// Sample says which population a sample population stands for.
type Sample = models.SampleConfig

// FaultAction is what a fault or an operator action does to its component.
type FaultAction string

// Choices lists the actions as files write them.
func (FaultAction) Choices() []string { return slices.Clone(faultActionNames) }

// UnmarshalText parses an action's name.
func (a *FaultAction) UnmarshalText(text []byte) error {
	if !slices.Contains(faultActionNames, string(text)) {
		return fmt.Errorf("unknown action %q", text)
	}
	*a = FaultAction(text)
	return nil
}

// The fault actions.
const (
	// Down makes the component fail every request.
	Down FaultAction = "down"
	// Up restores the component to health.
	Up FaultAction = "up"
	// Slow multiplies the component's service times by Fault.Factor, from
	// then on (a later slow replaces the factor; restart resets it). Only
	// for services.
	Slow FaultAction = "slow"
	// Scale sets the component's workers to round(Fault.Factor x its
	// configured Service.Workers), at least 1. Only for services.
	Scale FaultAction = "scale"
	// Restart drops every request queued and in service at the component
	// (answered as failed) and brings it back up at normal speed, as after
	// Up with any Slow undone. Only for services.
	Restart FaultAction = "restart"
	// Reroute sends the component's calls to Fault.From (a service's
	// Calls, or a token cache's Target) to Fault.To instead, from then on.
	Reroute FaultAction = "reroute"
	// FailSilent makes a part of a node (Component "node/part") fail
	// silently: it drops everything while its links stay physically up.
	FailSilent FaultAction = "fail-silent"
	// FailLoud makes a part of a node (Component "node/part") fail loudly:
	// every link attached to it goes physically down.
	FailLoud FaultAction = "fail-loud"
	// Repair makes a part of a node (Component "node/part") work again.
	Repair FaultAction = "repair"
	// LinkDown takes a link (Component, a link name) physically down.
	LinkDown FaultAction = "link-down"
	// LinkUp brings a link (Component, a link name) physically up.
	LinkUp FaultAction = "link-up"
	// SetForwarding sets the forwarding state of a link (Component, a link
	// name) to Fault.Drop and Fault.Delay; its physical state stays.
	SetForwarding FaultAction = "forwarding"
	// Failover swaps the active and standby parts of a host (Component, a
	// host node with a pair).
	Failover FaultAction = "failover"
	// Configure replaces the route table of a router (Component, a router
	// node) with Fault.Routes, written with Fault.Procedure, checked
	// Fault.CheckAfter later if Fault.Check (restoring the values before
	// if routes were lost), and also saved as the snapshot Fault.SaveAs if
	// given.
	Configure FaultAction = "configure"
	// Rollback replaces the route table of a router (Component) with the
	// snapshot Fault.Config, exactly as it was saved.
	Rollback FaultAction = "rollback"
	// Detour moves Fault.Share of plane Fault.From's traffic to the planes
	// Fault.Planes of a planes component (Component).
	Detour FaultAction = "detour"
	// Restore puts every plane of a planes component (Component) back to
	// its assigned share.
	Restore FaultAction = "restore"
	// SetRetries sets the retries of every call made through a client
	// (Component, a name under clients:) to Fault.Retries, from then on:
	// calls in progress may retry up to the new number.
	SetRetries FaultAction = "retries"
	// StartSwitchover starts a site's switch-over (Component: its name, or
	// SITE/NAME when several sites have one of that name) at once, as a
	// notice of a power-off does; it then runs while what it needs is
	// usable and its hall has power. One already started goes on.
	StartSwitchover FaultAction = "switchover"
	// UtilityDown cuts a site's utility feed (Component: the site's name):
	// its UPS units go on battery for their ride_through and its generator,
	// if any, starts; without either the rooms go dark at once.
	UtilityDown FaultAction = "utility-down"
	// UtilityUp brings a site's utility feed back (Component: the site's
	// name), as RestoreUtility does.
	UtilityUp FaultAction = "utility-up"
)

// MaxFactor is the largest Fault.Factor: the models' bound
// (models.MaxFactor), which they check again.
const MaxFactor = models.MaxFactor

// FaultOrigin says who makes a change: the scenario's trigger or an
// operator.
type FaultOrigin string

// The origins of faults.
const (
	// ByFault marks an entry of the faults: list.
	ByFault FaultOrigin = "fault"
	// ByOperator marks an entry of the actions: list, or the action of an
	// operator's step.
	ByOperator FaultOrigin = "operator"
	// ByDetector marks an action in a detector's on_fire list.
	ByDetector FaultOrigin = "detector"
	// ByClass marks an action added by LoadWithActions: a decision of a
	// replay's class, not of the file.
	ByClass FaultOrigin = "class"
)

// Fault is a change to a component or a network element at a point in
// virtual time: a fault (from the faults: list) or an operator action (from
// the actions: list). The same type, without Name and At, is the action of
// a detector's on_fire list or of an operator's step. Each action uses
// exactly its own fields: Factor for Slow and Scale; From and To for
// Reroute; Drop and Delay for SetForwarding; Routes, Procedure, Check and
// SaveAs for Configure; Config for Rollback; From, Share and Planes for
// Detour; Retries for SetRetries. The others are zero and not allowed in
// the file.
type Fault struct {
	// Name identifies the change in event logs; unique across faults and
	// actions if given.
	Name string `knob:"name" name:"true" doc:"identifies the change in the event log; unique across faults and actions"`
	// By says which list the change comes from: ByFault or ByOperator.
	// Set by the decoder, not written in the file.
	By FaultOrigin
	// At is when the change happens: at most the horizon.
	At time.Duration `knob:"at" required:"true" min:"0s" doc:"when the change happens, from the start; at most the horizon"`
	// Component is the name of the component or network element affected:
	// a service for Slow, Scale and Restart, a service or a token cache
	// for Reroute, any for Down and Up, a planes component for Detour and
	// Restore; a part "node/part" for FailSilent, FailLoud and Repair, a
	// link name for LinkDown, LinkUp and SetForwarding, a host with an
	// active/standby pair for Failover, a router for Configure and
	// Rollback; a client (a name under clients:) for SetRetries; a site's
	// switch-over for StartSwitchover; a site for UtilityDown and
	// UtilityUp.
	Component string `knob:"component" required:"true" want:"the name of a component" ref:"down,up=component;slow=service component (action slow changes service times);scale=service component (action scale changes workers);restart=service component (action restart drops its queued and running requests);reroute=component that makes calls;detour=planes component (action detour changes plane shares);restore=planes component (action restore changes plane shares);link-down,link-up,forwarding=link;configure=router node (action configure changes its route table);rollback=router node (action rollback changes its route table);retries=client;utility-down,utility-up=site" doc:"what the change acts on: a component, or for network actions a part (node/part), a link or a node, for retries a client, for switchover a site's switch-over, for utility-down and utility-up a site"`
	// Action is what happens to the component.
	Action FaultAction `knob:"action" selector:"true" required:"true" others:"named" doc:"what happens"`
	// Factor multiplies service times for Slow and the configured workers
	// for Scale (the result at most MaxCount).
	Factor float64 `knob:"factor" kinds:"slow,scale" min:">0" max:"1000000" want:"a factor > 0 and at most 1000000" needs:"slow=a factor > 0: how many times longer service takes;scale=a factor > 0: what the configured workers are multiplied by" doc:"slow: how many times longer service takes; scale: what the configured workers are multiplied by"`
	// From is the name of the component whose calls Reroute moves: one
	// that Component calls (its Calls' targets, or a token cache's
	// Target), or the To of another reroute of Component. For Detour, the
	// name of the plane of Component whose traffic moves.
	From string `knob:"from" kinds:"reroute,detour" want:"the name of a component" ref:"reroute=component;detour=plane" in:"component" needs:"reroute=the name of the component whose calls move;detour=the name of the plane whose traffic moves" doc:"reroute: the component whose calls move (one the component calls); detour: the plane whose traffic moves"`
	// To is the name of the component that Reroute sends those calls to:
	// one that accepts requests, a service if Component is a token cache;
	// not From. Reroutes count in the check that calls form no cycle.
	To string `knob:"to" kinds:"reroute" want:"the name of a component" ref:"component that accepts requests" needs:"reroute=the name of the component the calls move to" doc:"reroute: the component the calls move to, not from"`
	// Planes are the names of the planes of Component that Detour moves
	// traffic to (key to, a list for detour): unique, not From.
	Planes []string `knob:"to" kinds:"detour" name:"true" unique:"plane" ref:"plane" in:"component" needs:"detour=a list of the planes the traffic moves to" doc:"detour: the planes the traffic moves to, not from"`
	// Drop is the share of crossings a link drops after SetForwarding;
	// drop or delay must be given.
	Drop float64 `knob:"drop" kinds:"forwarding" min:"0" max:"1" want:"a share in (0, 1]" doc:"forwarding: the share of crossings the link drops; drop or delay is given"`
	// Delay is what SetForwarding adds to a link's latency; drop or delay
	// must be given.
	Delay time.Duration `knob:"delay" kinds:"forwarding" min:"0s" doc:"forwarding: what the link adds to its latency"`
	// Routes is the whole intended route table of Configure (same syntax
	// as a node's routes; next hops name routers, hosts or direct); it may
	// be empty.
	Routes []RouteEntry `knob:"routes" kinds:"configure" want:"a list of routes, like [{prefix: 10.0.0.0/8, next_hop: core}]" needs:"configure=the whole intended route table: a list of routes, like [{prefix: 10.0.0.0/8, next_hop: core}]" doc:"configure: the whole intended route table"`
	// Procedure is how Configure writes the table and the SaveAs
	// snapshot; the zero Procedure is faithful.
	Procedure Procedure `knob:"procedure" kinds:"configure" doc:"configure: how the change is written; without one, faithfully"`
	// Check makes Configure compare, CheckAfter after applying, the
	// values before and after the change (a pre/post comparison): if an
	// intended route is missing or different, the router gets back its
	// table from before the change, complete. The change is live in
	// between.
	Check bool `knob:"check" kinds:"configure" doc:"configure: a pre/post check: check_after after applying, compare the routes before and after, and if an intended route is missing or different, give the router back its table from before"`
	// CheckAfter is how long after applying the pre/post check restores
	// the values before; other than 0 only with check: true.
	CheckAfter time.Duration `knob:"check_after" kinds:"configure" min:"0s" doc:"configure: when, after applying, the pre/post check runs; needs check: true"`
	// SaveAs also saves, for Configure, a snapshot of the router's table
	// under this name, written with Procedure.
	SaveAs string `knob:"save_as" kinds:"configure" name:"true" doc:"configure: also saves a snapshot of the router's table under this name, written with the procedure, for a later rollback"`
	// Config is the name of the snapshot Rollback restores: saved by a
	// Configure of the same router (SaveAs) before At.
	Config string `knob:"config" kinds:"rollback" want:"the name of a snapshot" needs:"rollback=the name of a snapshot saved by an earlier configure (save_as)" doc:"rollback: the snapshot restored, saved by an earlier configure of the router (save_as)"`
	// Share is the share of plane From's present traffic that Detour
	// moves.
	Share float64 `knob:"share" kinds:"detour" min:">0" max:"1" want:"a share in (0, 1]" needs:"detour=the share of the plane's traffic that moves, in (0, 1]" doc:"detour: the share of the plane's present traffic that moves"`
	// Retries is the retries after a failed first attempt that SetRetries
	// gives its client, within the limits of a client's retries.
	Retries int `knob:"retries" kinds:"retries" min:"0" max:"100" needs:"retries=the client's retries after a failed first attempt, from 0 to 100" doc:"retries: the client's retries after a failed first attempt, from then on"`
}

// Procedure is how a configuration is written to a router
// (models/network Procedure): a faithful one writes every entry, a lossy
// one (the "generic procedure") loses a share of them.
type Procedure struct {
	// Name identifies the procedure; which entries a lossy procedure loses
	// depends on it. "" for the zero Procedure.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the procedure: which entries a lossy one loses depends on it"`
	// DropShare is the share of entries the procedure loses.
	DropShare float64 `knob:"drop_share" min:"0" max:"1" want:"a share of entries lost, from 0 to 1" doc:"the share of entries the procedure loses; 0 is faithful"`
	// DropShareSpread is how far the share lost in a run may lie from
	// DropShare: the share is drawn once per run from the seed, uniform
	// within the spread, clipped to [0, 1].
	DropShareSpread float64 `knob:"drop_share_spread" min:"0" max:"1" want:"a spread of the share lost, from 0 to 1" doc:"how far the share lost in a run may lie from drop_share: drawn once per run from the seed, uniform within the spread"`
}

// Describe names a procedure in messages.
func (Procedure) Describe() (noun, example string) {
	return "a procedure", "{name: generic, drop_share: 0.25, drop_share_spread: 0.1}"
}

// Outcome says how a run is judged.
type Outcome struct {
	// AvailabilityThreshold is the share of requests that must succeed
	// within their deadline for a time step to count as available.
	AvailabilityThreshold float64 `knob:"availability_threshold" required:"true" min:">0" max:"1" want:"a share of successful requests in (0, 1], like 0.99" doc:"the share of requests that must succeed within their deadline for a time step to count as available; a step below it is outage"`
	// Baseline is the window of normal operation that later behaviour is
	// compared with.
	Baseline Window `knob:"baseline" required:"true" doc:"the window of normal operation that later load is compared with (peak_load_ratio)"`
	// MetastableAfter judges metastability: a run is metastable if, this
	// long after the last fault or action, some population is still below
	// AvailabilityThreshold; the models measure it. At most the horizon;
	// 0: not judged.
	MetastableAfter time.Duration `knob:"metastable_after" min:">0s" want:"how long after the last fault or action to judge metastability: a duration > 0 with a unit, like 30s, 1.5h or 2d" doc:"judges metastability: the run is metastable if, this long after the last fault or action, some population is still below the threshold; without it, not judged"`
}

// Describe names the outcome in messages.
func (Outcome) Describe() (noun, example string) { return "the outcome", "" }

// Window is a span of virtual time [From, To).
type Window struct {
	// From is the start of the window.
	From time.Duration `knob:"from" required:"true" min:"0s" doc:"the start of the window"`
	// To is the end of the window: after From, at most the horizon.
	To time.Duration `knob:"to" required:"true" min:">0s" doc:"the end of the window: after from, at most the horizon"`
}

// Describe names a window in messages.
func (Window) Describe() (noun, example string) { return "a window", "{from: 0s, to: 1h}" }

// Documented is a public figure that a run's outcome is checked against.
type Documented struct {
	// Name identifies the check: same syntax as component names; unique.
	Name string `knob:"name" name:"true" required:"true" doc:"identifies the check; unique"`
	// Metric is a dotted path into the run's outcome, e.g.
	// "populations.customers.mean_latency_s"; checked when the scenario
	// is built.
	Metric string `knob:"metric" required:"true" want:"a dotted path into the run's outcome" doc:"a dotted path into the run's outcome (summary.json), like outage.duration_s"`
	// Value is the documented figure, in Unit.
	Value float64 `knob:"value" required:"true" want:"a finite number" doc:"the documented figure, in unit"`
	// Unit is the unit of Value, for people.
	Unit string `knob:"unit" want:"a unit, like s" doc:"the unit of value, for people"`
	// RelTolerance is the file's rel_tolerance, AbsTolerance its
	// abs_tolerance and AtLeast its at_least: exactly one is given, and
	// Tolerance says which, with its value.
	RelTolerance float64 `knob:"rel_tolerance" min:"0" want:"a relative tolerance >= 0, like 0.05" doc:"how far the simulated figure may be from value, as a fraction of it; exactly one of rel_tolerance, abs_tolerance and at_least is given"`
	// AbsTolerance is the file's abs_tolerance.
	AbsTolerance float64 `knob:"abs_tolerance" min:"0" want:"an absolute tolerance >= 0, in the figure's unit" doc:"how far the simulated figure may be from value, in its unit"`
	// AtLeast is the file's at_least.
	AtLeast bool `knob:"at_least" want:"true: the figure is a lower bound" doc:"true: the documented figure is a lower bound (\"more than 30,000 users\"), and the check holds when the simulated one is at least it"`
	// Tolerance is how far the simulated figure may be from Value: the
	// one of rel_tolerance, abs_tolerance and at_least the file gives.
	Tolerance Tolerance
	// Source says where the figure comes from.
	Source string `knob:"source" want:"where the figure comes from" doc:"where the figure comes from: a document and its section"`
	// Kind says what kind of evidence a passing check is: whether the
	// simulated figure came out of the mechanisms, was fitted by tuning an
	// estimate, or follows from an input.
	Kind EvidenceKind `knob:"kind" plain:"true" required:"true" want:"what a passing check shows: emergent (out of the mechanisms), calibrated (an estimate was tuned to fit it; name it in basis) or input (set by an input; name it in basis)" doc:"what a passing check shows: emergent (out of the mechanisms), calibrated (an estimate was tuned to fit it) or input (set by an input)"`
	// Basis names what a calibrated or input figure rests on (the
	// estimates tuned, the inputs that set it); optional for emergent
	// figures (the mechanism it comes out of).
	Basis string `knob:"basis" want:"what the figure rests on: the estimates tuned or the inputs that set it" doc:"what the figure rests on: the estimates tuned or the inputs that set it; required for calibrated and input figures"`
}

// Describe names a documented figure in messages.
func (Documented) Describe() (noun, example string) { return "a documented figure", "" }

// Check checks the rules between a documented figure's fields: exactly one
// tolerance, at_least only true, and a basis for calibrated and input
// figures.
func (d Documented) Check(written func(key string) bool) error {
	var errs []error
	if (d.Kind == Calibrated || d.Kind == Input) && strings.TrimSpace(d.Basis) == "" {
		errs = append(errs, knob.Errorf("basis", "missing basis; %s %s figure must name what it rests on, like basis: \"the mean diagnosis time (estimate), tuned on the mean over seeds 1-10\"", article(string(d.Kind)), d.Kind))
	}
	rel, abs, least := written("rel_tolerance"), written("abs_tolerance"), written("at_least")
	switch {
	case least && !d.AtLeast:
		errs = append(errs, knob.Errorf("at_least", "expected true (the documented figure is a lower bound) or no at_least key"))
	case rel && abs:
		errs = append(errs, knob.Errorf("abs_tolerance", "expected exactly one of rel_tolerance, abs_tolerance or at_least, got two"))
	case least && (rel || abs):
		errs = append(errs, knob.Errorf("at_least", "expected exactly one of rel_tolerance, abs_tolerance or at_least, got two"))
	case !rel && !abs && !least:
		errs = append(errs, knob.Errorf("rel_tolerance", "missing tolerance; expected exactly one of rel_tolerance (a fraction, like 0.05), abs_tolerance (in the figure's unit) or at_least: true (a lower bound)"))
	}
	return errors.Join(errs...)
}

// EvidenceKind is what a documented check passing shows.
type EvidenceKind string

// Choices lists the evidence kinds as files write them.
func (EvidenceKind) Choices() []string { return slices.Clone(evidenceKindNames) }

// UnmarshalText parses an evidence kind.
func (k *EvidenceKind) UnmarshalText(text []byte) error {
	if !slices.Contains(evidenceKindNames, string(text)) {
		return fmt.Errorf("unknown evidence kind %q", text)
	}
	*k = EvidenceKind(text)
	return nil
}

const (
	// Emergent figures come out of the modelled mechanisms: nothing was
	// tuned to make them fit.
	Emergent EvidenceKind = "emergent"
	// Calibrated figures fit because an estimate was tuned so that they
	// do; the check then tests only that the calibration still holds.
	Calibrated EvidenceKind = "calibrated"
	// Input figures are set by an input (a documented time typed into
	// the file, a population's size); the check tests the plumbing, not
	// the model.
	Input EvidenceKind = "input"
)

// evidenceKindNames lists the evidence kinds in the order of messages.
var evidenceKindNames = []string{string(Emergent), string(Calibrated), string(Input)}

// Tolerance is an allowed difference between a simulated and a documented
// figure.
type Tolerance struct {
	// Relative is true for rel_tolerance (Value is a fraction of the
	// documented figure) and false for abs_tolerance (Value is in the
	// figure's unit).
	Relative bool
	// Value is the allowed difference. >= 0, finite.
	Value float64
	// AtLeast (at_least: true) makes the documented figure a lower bound,
	// as in "more than 30,000 users": the check holds when the simulated
	// figure is at least it. Relative and Value are then unused.
	AtLeast bool
}

// Holds reports whether got is within the tolerance of want (or, for an
// AtLeast bound, at least want).
func (t Tolerance) Holds(got, want float64) bool {
	if t.AtLeast {
		return got >= want
	}
	d := got - want
	if d < 0 {
		d = -d
	}
	if t.Relative {
		w := want
		if w < 0 {
			w = -w
		}
		return d <= t.Value*w
	}
	return d <= t.Value
}
