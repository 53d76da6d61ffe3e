package network

import "fmt"

// Kind is what a node does with the requests that reach it.
type Kind uint8

const (
	// Switch forwards at L2: it passes requests on towards the next L3 hop
	// and holds no route table.
	Switch Kind = iota
	// Router (also an L3 switch) looks up each request's address in its
	// route table.
	Router
	// Host is an end point: it owns an address, sends requests (its route
	// table, usually a default route, picks its gateway) and never forwards.
	Host
)

// String names the kind as scenario files do.
func (k Kind) String() string {
	switch k {
	case Switch:
		return "switch"
	case Router:
		return "router"
	case Host:
		return "host"
	}
	return "unknown"
}

// Choices lists the kinds as scenario files name them.
func (Kind) Choices() []string { return []string{"switch", "router", "host"} }

// UnmarshalText parses a kind's name.
func (k *Kind) UnmarshalText(text []byte) error {
	v, err := ParseKind(string(text))
	*k = v
	return err
}

// ParseKind returns the kind a scenario file names: "switch", "router"
// or "host".
func ParseKind(s string) (Kind, error) {
	switch s {
	case "switch":
		return Switch, nil
	case "router":
		return Router, nil
	case "host":
		return Host, nil
	}
	return 0, fmt.Errorf("unknown node kind %q (want switch, router or host)", s)
}
