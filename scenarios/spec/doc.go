// Package spec decodes cascade scenario files.
//
// Load turns the bytes of a YAML scenario file, plus the CLI's --set flags,
// into a Spec: plain, validated data that other packages build models from.
// Decoding is strict: an unknown key, a wrong type, a missing field or
// reference, a negative duration is an *Error naming the file, line, column
// and field, and Load reports every independent error it finds, not just the
// first. The package reads no files and keeps no mutable global state.
//
// Load works in stages: a size limit; YAML parsing into a node tree (one
// document, a mapping at the top, aliases and merge keys expanded under a
// node budget); --set path overrides (which may add fields); params and
// --set param overrides; ${expr} substitution; strict decoding; semantic
// checks (times within the horizon, references to components, clients,
// nodes, parts, links, populations, detectors, snapshots, sites, rooms and
// earlier hosted services, kinds that fit each reference, and no cycle in
// the calls between components, counting routes, planes and reroutes).
//
// A scenario names its components (services, token caches, routes through
// the network and splits over planes), the clients (call policies:
// timeouts, retries, backoff, retry controls) they and the populations call
// through, optionally the network (nodes of parts, links, route tables),
// the faults that trigger an incident and the operator actions that
// mitigate it (on components or network elements), the detectors that
// notice and the operators who react, optionally the power side (sites
// with generators, UPS units and rooms of hosts; fires; power restoration
// curves; services hosted in rooms, with their dependencies and disaster
// recovery), and how a run is judged.
package spec
