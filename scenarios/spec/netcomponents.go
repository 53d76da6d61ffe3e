package spec

import "github.com/cascade-sim/cascade/models/network"

// The route and planes components are declared by models/network.
type (
	// Route is a component that carries requests through the network from
	// a node to an address, behind which Target serves them. It accepts
	// requests, so populations, calls and planes may target it.
	Route = network.RouteConfig
	// Planes is a component that sends each request to one of several
	// redundant planes, drawn by their shares. It accepts requests; detour
	// and restore actions change its shares.
	Planes = network.PlanesConfig
	// Plane is one plane of a Planes component (its TargetName is the
	// file's target).
	Plane = network.PlaneConfig
)
