// Package models holds the components that live on the sim engine: user
// populations that send requests, and services that queue and serve them.
// Later packages add clients with retry controls, networks, detectors,
// operators and power.
//
// A request travels as a *Request from a sender to a Target; the target
// answers through the request's Replier exactly once, with an Outcome.
// Availability is never declared: a population measures it from the
// outcomes of its own requests.
package models
