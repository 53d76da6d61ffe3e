package spec

import "reflect"

// fileSection is one top-level key of a scenario file, as the JSON Schema
// and the field reference describe it.
type fileSection struct {
	key      string
	required bool
	doc      string
	// list is true when the value is a list of typ.
	list bool
	// typ is the declared type of the value, or of its items; nil while
	// the section is still decoded by hand (then the schema accepts any
	// value there and the reference says so).
	typ reflect.Type
}

// fileSections are the top-level keys, in the order the reference shows
// them. TestFileSectionsAreTheDecodersKeys keeps them in step with the
// decoder.
var fileSections = []fileSection{
	{key: "name", required: true, doc: "the scenario's name: lower-case letters, digits and '-'"},
	{key: "description", required: true, doc: "what the scenario models, and where its figures come from"},
	{key: "seed", required: true, doc: "the seed of the run's random numbers: same file and seed, same outputs"},
	{key: "horizon", required: true, doc: "how long the simulated run lasts"},
	{key: "step", required: true, doc: "the interval of the series (series.csv, the plots)"},
	{key: "clock", typ: reflect.TypeFor[Clock](), doc: "the wall-clock time and zone the run starts at, for timelines"},
	{key: "params", doc: "named values that fields use as ${name}; --set NAME=VALUE changes them"},
	{key: "network", typ: reflect.TypeFor[Network](), doc: "network nodes and links, for routes and planes"},
	{key: "clients", list: true, typ: reflect.TypeFor[Client](), doc: "call policies (timeouts, retries, backoff, retry control) that calls, token caches and populations name"},
	{key: "components", required: true, list: true, typ: reflect.TypeFor[Component](), doc: "the modelled system's parts: services, token caches, routes, planes"},
	{key: "populations", required: true, list: true, typ: reflect.TypeFor[Population](), doc: "the users and the requests they send"},
	{key: "faults", list: true, typ: reflect.TypeFor[Fault](), doc: "what goes wrong, and when"},
	{key: "actions", list: true, typ: reflect.TypeFor[Fault](), doc: "what operators do, and when"},
	{key: "detectors", list: true, typ: reflect.TypeFor[Detector](), doc: "health checks and alarms"},
	{key: "operators", list: true, typ: reflect.TypeFor[Operator](), doc: "the people who react to alarms"},
	{key: "sites", list: true, typ: reflect.TypeFor[Site](), doc: "data centres: rooms, UPS units, generators, switch-overs"},
	{key: "fires", list: true, typ: reflect.TypeFor[Fire](), doc: "fires in rooms"},
	{key: "restorations", list: true, typ: reflect.TypeFor[Restoration](), doc: "how power comes back to a site's hosts: along a curve, or by electrician teams"},
	{key: "data_pools", list: true, typ: reflect.TypeFor[DataPool](), doc: "what recovers the data of hosted services whose servers stopped without a clean shutdown (a backup system)"},
	{key: "hosted", list: true, typ: reflect.TypeFor[Hosted](), doc: "services hosted in sites' rooms"},
	{key: "outcome", required: true, typ: reflect.TypeFor[Outcome](), doc: "how availability and the outage are measured"},
	{key: "documented", list: true, typ: reflect.TypeFor[Documented](), doc: "the figures the incident's documents give, checked against the run"},
	{key: "documented_events", list: true, typ: reflect.TypeFor[DocumentedEvent](), doc: "the moments the incident's documents give, for the timeline"},
	{key: "quick", doc: "--set overrides for a short run (cascade run --quick)"},
}
