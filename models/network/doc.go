// Package network models the network that requests cross: nodes (switches,
// routers or L3 switches, hosts) made of named parts, links between parts,
// route tables, the paths they give, and the transport of requests and
// answers along those paths. It also models the redundancy around them
// (active/standby interfaces, planes with detours) and configuration changes
// of route tables (procedures that lose entries, snapshots, rollback,
// pre/post checks).
//
// # Topology
//
// A node is composed of parts (by default one part, "main"). A link joins
// a part of one node to a part of another node, or two parts of the same
// node (an internal link, e.g. a switch's port-expansion part to its L2
// part). A link has a physical state (up/down) and a forwarding state
// (Forwarding: the share of crossings it drops, from 0 to 1, and the delay
// it adds). A part works, or has failed silently (a "gray" failure: it
// drops everything that crosses it while every port stays physically up)
// or loudly (every link attached to it goes physically down).
//
// # Control plane and data plane
//
// Paths are resolved the way a control plane sees the network: it knows
// physical states and route tables, never forwarding states or silent
// failures. Requests then cross the resolved path the way the data plane
// does: a part that failed silently, or a link that drops, loses them.
// This is why a gray failure keeps attracting traffic: nothing re-routes
// around it.
//
// L3: at each router (or at the origin host) the longest matching prefix
// of its route table gives the next hop, an L3 node (router or host); a
// route whose next hop is Direct delivers to the host that owns the
// address. No matching route drops the request at that node (NoRoute);
// more than the topology's hop limit of L3 hops drops it where the limit
// ran out (HopLimit), which is how loops end. Hosts do not forward.
//
// L2: between an L3 node and its next hop, requests cross switches. The L2
// model is deliberately simple: it is the shortest sequence of links whose
// physical state is up, through switch parts only, from any usable part of
// the L3 node to a usable part of the next hop (ties go to the link
// declared first). It stands for MAC learning and spanning tree having
// converged on the physical topology. A host's usable part is its active
// interface when it has an active/standby pair, any part otherwise; a
// router's are all its parts. The parts of one switch pass traffic between
// each other only over internal links that the topology declares. No L2
// path means the request is dropped at the L3 node (Unreachable).
//
// Paths are cached per (origin, address) and recomputed only after a
// change: every state change (link, part, failover, route table) bumps the
// network's version, which empties the cache.
//
// # Transport and lost requests
//
// A Route is a models.Target that carries requests from an origin node to
// an address, behind which a target serves them. A delivered request
// reaches the target after the path's one-way delay; its answer comes back
// over the same elements, after the same delay. Each crossing of a link
// that drops a share draws from the route's random stream, in both
// directions. A request, or an answer, is lost when an element on its way
// drops it, or when an element of its path broke while it was in transit.
//
// Nobody answers a lost request, but a Target must answer every request
// exactly once and senders recycle requests only once answered. So a Route
// answers a lost request (or a request whose answer was lost) with
// models.TimedOut at the request's Deadline: the sender hears nothing
// before its own deadline, which is what it would see in reality. A request
// without a deadline is answered models.Dropped at once, as its sender
// would otherwise wait forever.
//
// # Logging
//
// Methods that change state (Link.Down, Part.Fail, Node.Failover,
// Node.Configure, Planes.Detour, ...) write one event-log entry of kind
// "state" naming the element and its new state, with what only the network
// knows (entries lost, shares moved). They never log kind "fault" or
// "action": the caller that triggered the change (a scheduled fault, a
// detector, an operator) logs that, with why. Network.Watch tells
// detectors of every change as it happens.
package network
