package spec

import (
	"time"

	"go.yaml.in/yaml/v3"
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
	Name string
	// Description says what the scenario models, in free text. Required.
	Description string
	// Seed is the root of every random stream of a run. Required.
	Seed uint64
	// Horizon is how much virtual time a run covers. Required, > 0.
	Horizon time.Duration
	// Step is the width of one time-series bucket. Required, > 0, at most
	// Horizon, and Horizon/Step at most MaxSteps.
	Step time.Duration
	// Clock places t=0 on the wall clock, for plots. Nil if the file has no
	// clock block.
	Clock *Clock
	// Params are the declared knobs, in file order, with the values used
	// after --set. Empty if the file has no params block.
	Params []Param
	// Components are the parts of the modelled system, in file order.
	// Required, at least one; names are unique.
	Components []Component
	// Populations are the users that send requests, in file order.
	// Required, at least one; names are unique.
	Populations []Population
	// Faults are the scheduled changes to components, in file order.
	// Optional; names, where given, are unique.
	Faults []Fault
	// Outcome says how a run is judged. Required.
	Outcome Outcome
	// Documented are the public figures a run is compared with, in file
	// order. Optional; names are unique.
	Documented []Documented

	// root is the decoded document (after --set and ${}), which Errorf
	// walks to find the position of a field.
	root *yaml.Node
}

// Clock places virtual time t=0 on the wall clock.
type Clock struct {
	// Start is the wall-clock time of t=0, in RFC 3339 with an offset,
	// e.g. 2022-12-02T08:00:00+09:00. Required.
	Start time.Time
	// Zone is a label for the offset of Start, e.g. "JST", used on plot
	// axes; it does not change the offset. Optional, default "".
	Zone string
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
}

// ComponentKind says what a component is and which of Component's
// kind-specific fields is set.
type ComponentKind string

// The kinds of component.
const (
	// ServiceKind is a pool of workers behind a queue; Component.Service is
	// set.
	ServiceKind ComponentKind = "service"
)

// Component is one part of the modelled system. Name and Kind are common to
// every kind; the kind-specific fields sit in one pointer per kind, of which
// exactly the one matching Kind is non-nil. A new kind adds a constant, a
// struct, a pointer field here and a case in the decoder's componentKind.
type Component struct {
	// Name identifies the component: lower-case letters, digits, '-' and
	// '_', starting with a letter or digit, not all digits (so that it can
	// stand for the item in a --set path). Required, unique.
	Name string
	// Kind is the component's kind. Required.
	Kind ComponentKind
	// Service holds the fields of a "service" component; nil otherwise.
	Service *Service
}

// Service is a component with a fixed number of workers that serve requests
// from a queue.
type Service struct {
	// Workers is how many requests are served at once. Required, >= 1.
	Workers int
	// Queue is where requests wait for a worker. Optional; default an
	// unbounded FIFO queue.
	Queue Queue
	// ServiceTime is how long a worker takes per request. Required.
	ServiceTime Dist
}

// Discipline is the order in which a queue hands requests to workers.
type Discipline string

// The queue disciplines.
const (
	// FIFO serves the oldest waiting request first.
	FIFO Discipline = "fifo"
	// LIFO serves the newest waiting request first.
	LIFO Discipline = "lifo"
)

// Queue is a service's waiting line.
type Queue struct {
	// Capacity is how many requests may wait; a request arriving at a full
	// queue is rejected. 0 means unbounded. Optional, default 0, >= 0.
	Capacity int
	// Discipline is the serving order. Optional, default FIFO.
	Discipline Discipline
}

// DistKind names a distribution of durations.
type DistKind string

// The distributions and the Dist fields each uses.
const (
	// Exponential uses Mean (> 0).
	Exponential DistKind = "exponential"
	// Uniform uses Min and Max (Min <= Max).
	Uniform DistKind = "uniform"
	// Normal uses Mean and Stddev; samplers truncate draws below 0 to 0.
	Normal DistKind = "normal"
	// Lognormal uses Mean (> 0) and Stddev (> 0), the mean and standard
	// deviation of the distribution itself, not of its logarithm.
	Lognormal DistKind = "lognormal"
	// Deterministic uses Value.
	Deterministic DistKind = "deterministic"
	// Empirical uses Values (not empty), drawn with equal probability.
	Empirical DistKind = "empirical"
)

// Dist is a distribution of durations, written as a mapping whose "dist"
// key names the kind and whose other keys are exactly that kind's fields,
// e.g. {dist: exponential, mean: 1s}. Fields a kind does not use are zero.
type Dist struct {
	// Kind is the distribution (key "dist"). Required.
	Kind DistKind
	// Mean is the mean of exponential (> 0), normal (>= 0) and lognormal
	// (> 0).
	Mean time.Duration
	// Stddev is the standard deviation of normal (>= 0) and lognormal (> 0).
	Stddev time.Duration
	// Min is the lower bound of uniform. >= 0.
	Min time.Duration
	// Max is the upper bound of uniform. >= Min.
	Max time.Duration
	// Value is the only value of deterministic. >= 0.
	Value time.Duration
	// Values are the samples of empirical. Not empty, each >= 0.
	Values []time.Duration
}

// NoDeadline is the Population.Deadline of a population that waits forever
// (the word "none" in the file).
const NoDeadline time.Duration = 0

// Population is a group of users sending requests to one component.
type Population struct {
	// Name identifies the population: lower-case letters, digits, '-' and
	// '_', starting with a letter or digit, not all digits (so that it can
	// stand for the item in a --set path). Required, unique.
	Name string
	// Users is how many users there are. Required, 1 to MaxUsers.
	Users int
	// Rate is the total request rate in requests per second. Exactly one
	// of Rate and RatePerUser is set (> 0); the other is 0.
	Rate float64
	// RatePerUser is the request rate of each user in requests per second.
	// Exactly one of Rate and RatePerUser is set (> 0); the other is 0.
	RatePerUser float64
	// MaxRequests caps how many requests the population sends in a run.
	// Optional, >= 1; default 0, meaning unlimited.
	MaxRequests int
	// Start is when the population starts sending. Optional, default 0,
	// >= 0 and at most the horizon.
	Start time.Duration
	// Deadline is how long a user waits for a response before the request
	// counts as failed. Required: a duration > 0, or NoDeadline (0) for the
	// word "none".
	Deadline time.Duration
	// Target is the name of the component requests go to. Required; names
	// a component.
	Target string
}

// TotalRate is the population's total request rate in requests per
// second: Rate, or RatePerUser times Users.
func (p Population) TotalRate() float64 {
	if p.RatePerUser != 0 {
		return p.RatePerUser * float64(p.Users)
	}
	return p.Rate
}

// FaultAction is what a fault does to its component.
type FaultAction string

// The fault actions.
const (
	// Down makes the component fail every request.
	Down FaultAction = "down"
	// Up restores the component to health.
	Up FaultAction = "up"
	// Slow multiplies the component's service times by Fault.Factor.
	Slow FaultAction = "slow"
)

// Fault is a change to a component at a point in virtual time.
type Fault struct {
	// Name identifies the fault in event logs. Optional, default ""; unique
	// if given, same syntax as component names.
	Name string
	// At is when the fault happens. Required, >= 0 and at most the horizon.
	At time.Duration
	// Component is the name of the component affected. Required; names a
	// component.
	Component string
	// Action is what happens to the component. Required.
	Action FaultAction
	// Factor multiplies service times for Slow. Required and > 0 for Slow;
	// not allowed (0 here) for other actions.
	Factor float64
}

// Outcome says how a run is judged.
type Outcome struct {
	// AvailabilityThreshold is the share of requests that must succeed
	// within their deadline for a time step to count as available.
	// Required, in (0, 1].
	AvailabilityThreshold float64
	// Baseline is the window of normal operation that later behaviour is
	// compared with. Required.
	Baseline Window
}

// Window is a span of virtual time [From, To).
type Window struct {
	// From is the start of the window. Required, >= 0.
	From time.Duration
	// To is the end of the window. Required, > From and at most the
	// horizon.
	To time.Duration
}

// Documented is a public figure that a run's outcome is checked against.
type Documented struct {
	// Name identifies the check: same syntax as component names.
	// Required, unique.
	Name string
	// Metric is a dotted path into the run's outcome, e.g.
	// "populations.customers.mean_latency_s". Required; not checked here.
	Metric string
	// Value is the documented figure, in Unit. Required, finite.
	Value float64
	// Unit is the unit of Value, for people. Optional, default "".
	Unit string
	// Tolerance is how far the simulated figure may be from Value.
	// Required: exactly one of the keys rel_tolerance or abs_tolerance.
	Tolerance Tolerance
	// Source says where the figure comes from. Optional, default "".
	Source string
}

// Tolerance is an allowed difference between a simulated and a documented
// figure.
type Tolerance struct {
	// Relative is true for rel_tolerance (Value is a fraction of the
	// documented figure) and false for abs_tolerance (Value is in the
	// figure's unit).
	Relative bool
	// Value is the allowed difference. >= 0, finite.
	Value float64
}

// Holds reports whether got is within the tolerance of want.
func (t Tolerance) Holds(got, want float64) bool {
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
