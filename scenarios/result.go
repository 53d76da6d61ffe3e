package scenarios

import (
	"github.com/cascade-sim/cascade/scenarios/spec"
	"github.com/cascade-sim/cascade/sim"
)

// Result is everything a run produced.
type Result struct {
	// Summary is what summary.json holds.
	Summary Summary
	// Series are the recorded and derived time series, one value per step;
	// a NaN value means the step has no data (e.g. no request finished).
	Series []*sim.Series
	// Events is the event log: faults, state changes, actions.
	Events []sim.LogEntry
	// Step is the length of a series step.
	Step sim.Time
	// Spec is the scenario that was run, after --set.
	Spec *spec.Spec
}

// SummaryFormat is the version of summary.json's layout, its "format"
// field. It changes when a field is renamed, removed or changes meaning
// (adding a field does not change it). Version 1 had wall_seconds and
// events_per_s, which are now in run.json; version 2 has no wall-clock
// field, so the file is byte-identical between runs of the same scenario
// and seed; version 3 has the typed event log (events.csv's columns, the
// timeline's subject).
const SummaryFormat = 3

// Summary is the machine-readable summary of a run (summary.json). No field
// depends on the wall clock: the same scenario and seed give the same bytes.
type Summary struct {
	// Format is SummaryFormat; WriteSummary sets it.
	Format int `json:"format"`
	// Scenario is the scenario's name.
	Scenario string `json:"scenario"`
	// Seed is the seed the run used.
	Seed uint64 `json:"seed"`
	// Params are the values of the declared params used in the run.
	Params map[string]any `json:"params"`
	// HorizonS is the scenario's horizon in seconds.
	HorizonS float64 `json:"horizon_s"`
	// StepS is the length of a series step in seconds.
	StepS float64 `json:"step_s"`
	// SimulatedS is the virtual time at which the run ended: the horizon,
	// or later if requests in flight were drained after it, or earlier if
	// every population had finished.
	SimulatedS float64 `json:"simulated_s"`
	// Events is the number of events the engine processed.
	Events uint64 `json:"events"`
	// Outcome is what the run measured.
	Outcome Outcome `json:"outcome"`
	// Documented are the scenario's public figures, if it has any.
	Documented []DocumentedFigure `json:"documented,omitempty"`
	// Checks compare each documented figure with its simulated value.
	Checks []Check `json:"checks,omitempty"`
	// Timeline pairs each documented moment with the simulated event that
	// stands for it.
	Timeline []TimelineEntry `json:"timeline,omitempty"`
}

// TimelineEntry is a documented moment beside its simulated event.
type TimelineEntry struct {
	// Name and Source are the documented moment's.
	Name   string `json:"name"`
	Source string `json:"source,omitempty"`
	// DocumentedAt is the documented wall-clock time (RFC 3339);
	// DocumentedS the same in seconds from the start of the run.
	DocumentedAt string  `json:"documented_at"`
	DocumentedS  float64 `json:"documented_s"`
	// Subject and Kind say which simulated event stands for it: the
	// first (or last) one about Subject (of Kind, if given).
	Subject string        `json:"subject,omitempty"`
	Kind    sim.EventKind `json:"kind,omitempty"`
	// Evidence and Basis say what the match shows, as a documented
	// figure's kind and basis do (an input time matches by construction).
	Evidence string `json:"evidence,omitempty"`
	Basis    string `json:"basis,omitempty"`
	// SimulatedAt and SimulatedS are that event's time, DiffS simulated
	// minus documented, Event its message; absent if the moment is not
	// paired, or the run has no such event (Missing says so).
	SimulatedAt string   `json:"simulated_at,omitempty"`
	SimulatedS  *float64 `json:"simulated_s,omitempty"`
	DiffS       *float64 `json:"diff_s,omitempty"`
	Event       string   `json:"event,omitempty"`
	Missing     string   `json:"missing,omitempty"`
}

// Outcome is what a run measured.
type Outcome struct {
	// AvailabilityThreshold is the scenario's threshold: a step whose
	// availability is below it counts as an outage step.
	AvailabilityThreshold float64 `json:"availability_threshold"`
	// Populations holds one entry per population, in file order.
	Populations []PopulationOutcome `json:"populations"`
	// Outage spans every step in which any population was below the
	// threshold.
	Outage Outage `json:"outage"`
	// ImpactedUsers is the sum over populations of their impacted users.
	ImpactedUsers float64 `json:"impacted_users"`
	// PeakLoadRatio maps each component, and each client ("caller→target"),
	// to its highest offered load in one step (arrivals at a service,
	// requests to a token cache, attempts sent by a client) divided by its
	// mean in the baseline window (absent when the baseline window saw
	// fewer than 100 arrivals: a mean of so few is noise).
	PeakLoadRatio map[string]float64 `json:"peak_load_ratio"`
	// Components holds one entry per component: services, then token
	// caches.
	Components []ComponentOutcome `json:"components"`
	// Clients holds one entry per client (a call site with a policy).
	Clients []ClientOutcome `json:"clients,omitempty"`
	// Routes holds one entry per route component (requests carried over
	// the network), in file order. Why a route lost requests is in the
	// event log (kind "route").
	Routes []RouteOutcome `json:"routes,omitempty"`
	// Sites holds one entry per site (data centre), in file order.
	Sites []SiteOutcome `json:"sites,omitempty"`
	// Metastable is present when the scenario sets
	// outcome.metastable_after.
	Metastable *Metastability `json:"metastable,omitempty"`
}

// RouteOutcome is what one route carried.
type RouteOutcome struct {
	// Name is the route component's name.
	Name string `json:"name"`
	// Sent, Delivered and Lost count requests submitted, reaching the
	// target and lost on the way; AnswersLost answers lost on the way back.
	Sent        float64 `json:"sent"`
	Delivered   float64 `json:"delivered"`
	Lost        float64 `json:"lost"`
	AnswersLost float64 `json:"answers_lost"`
	// LastDrop is the network element that lost the latest request or
	// answer; empty if none was lost.
	LastDrop string `json:"last_drop,omitempty"`
}

// ClientOutcome is what one client (a caller's policy towards one target)
// did.
type ClientOutcome struct {
	// Name is "caller→target".
	Name string `json:"name"`
	// Control names its retry control ("none" if it has none).
	Control string `json:"control"`
	// Calls, Attempts, Retries, Timeouts, Throttled and Failed count
	// calls made through it, attempts sent, retries among them, attempts
	// that timed out, attempts the control refused, and calls that failed.
	Calls     float64 `json:"calls"`
	Attempts  float64 `json:"attempts"`
	Retries   float64 `json:"retries"`
	Timeouts  float64 `json:"timeouts"`
	Throttled float64 `json:"throttled"`
	Failed    float64 `json:"failed"`
	// Amplification is Attempts / Calls.
	Amplification float64 `json:"amplification"`
}

// Metastability says whether the system stayed overloaded after its
// triggers ended: Metastable is true when some population's availability
// is below the threshold in every step (with requests) from FromS, which is
// AfterS after the last fault or action (LastTriggerS), to the horizon.
type Metastability struct {
	Metastable   bool     `json:"metastable"`
	LastTriggerS float64  `json:"last_trigger_s"`
	AfterS       float64  `json:"after_s"`
	FromS        float64  `json:"from_s"`
	Populations  []string `json:"populations,omitempty"`
	Note         string   `json:"note,omitempty"`
}

// PopulationOutcome is what one population saw.
type PopulationOutcome struct {
	// Name is the population's name.
	Name string `json:"name"`
	// Users is the number of users.
	Users int64 `json:"users"`
	// Requests is the number of requests sent.
	Requests int64 `json:"requests"`
	// Succeeded were answered OK before their deadline.
	Succeeded int64 `json:"succeeded"`
	// Failed were refused, aborted, or not answered before their deadline.
	Failed int64 `json:"failed"`
	// TimedOut is the part of Failed whose deadline passed first.
	TimedOut int64 `json:"timed_out"`
	// Pending were still unanswered when the run ended.
	Pending int64 `json:"pending"`
	// Availability is Succeeded / (Succeeded + Failed); 1 with no requests.
	Availability float64 `json:"availability"`
	// MinAvailability is the lowest availability of any step with at least
	// one finished request.
	MinAvailability float64 `json:"min_availability"`
	// MeanLatencyS is the mean user-seen latency of successful requests.
	MeanLatencyS float64 `json:"mean_latency_s"`
	// P50LatencyS, P90LatencyS and P99LatencyS are latency quantiles of
	// successful requests (HdrHistogram, 3 significant digits).
	P50LatencyS float64 `json:"p50_latency_s"`
	P90LatencyS float64 `json:"p90_latency_s"`
	P99LatencyS float64 `json:"p99_latency_s"`
	// MaxLatencyS is the exact largest latency of a successful request.
	MaxLatencyS float64 `json:"max_latency_s"`
	// ImpactedUsers is the number of users with at least one failed
	// request (see ImpactedUsersMethod).
	ImpactedUsers float64 `json:"impacted_users"`
	// ImpactedUsersMethod is "counted" when every request was attributed
	// to one user drawn uniformly at random and users with a failure were
	// counted, or "expected" (above 2^27 users) for N(1 - exp(-F/N)), the
	// expected count for N users and F failures spread the same way.
	ImpactedUsersMethod string `json:"impacted_users_method"`
	// SampleOf, for a sample population, describes the population it
	// stands for, and SampleOfUsers how many users that has (0 when not
	// known): the counts above are the sample's.
	SampleOf      string `json:"sample_of,omitempty"`
	SampleOfUsers int64  `json:"sample_of_users,omitempty"`
	// UserMinutesLost is the sum over steps of users x (failed share of
	// the step's finished requests) x step length in minutes.
	UserMinutesLost float64 `json:"user_minutes_lost"`
	// OutageS is the time this population's availability was below the
	// threshold: the number of such steps times the step length.
	OutageS float64 `json:"outage_s"`
	// Censored is true when the population is still below the threshold
	// in its last step with requests: OutageS and UserMinutesLost are then
	// only lower bounds.
	Censored bool `json:"censored"`
}

// Outage is the span from the first to the last step in which any
// population's availability was below the threshold. All zero if none was.
type Outage struct {
	StartS    float64 `json:"start_s"`
	EndS      float64 `json:"end_s"`
	DurationS float64 `json:"duration_s"`
	// Censored is true when some population's outage lasts to the end of
	// the horizon: EndS and DurationS are then only lower bounds.
	Censored bool `json:"censored"`
	// FirstFailedS and LastFailedS are the outage by event times: when the
	// first failed request of its first step and the last failed request
	// of its last step were sent (StartS and EndS are step boundaries).
	// Both 0 without an outage.
	FirstFailedS float64 `json:"first_failed_s"`
	LastFailedS  float64 `json:"last_failed_s"`
}

// ComponentOutcome is what one component did.
type ComponentOutcome struct {
	// Name is the component's name.
	Name string `json:"name"`
	// Kind is the component's kind.
	Kind string `json:"kind"`
	// Offered is the number of requests that arrived.
	Offered float64 `json:"offered"`
	// Completed is the number served.
	Completed float64 `json:"completed"`
	// Rejected were refused (queue full or down).
	Rejected float64 `json:"rejected"`
	// Utilisation is the time-mean share of workers busy over the horizon.
	Utilisation float64 `json:"utilisation"`
	// MeanInSystem is the time-mean number of requests in service or
	// waiting over the horizon.
	MeanInSystem float64 `json:"mean_in_system"`
	// MeanLatencyS is the mean time from arrival to completion of served
	// requests; P99LatencyS its 99th percentile.
	MeanLatencyS float64 `json:"mean_latency_s"`
	P99LatencyS  float64 `json:"p99_latency_s"`
}

// DocumentedFigure is a public figure from the scenario's documented block.
type DocumentedFigure struct {
	Name   string  `json:"name"`
	Metric string  `json:"metric"`
	Value  float64 `json:"value"`
	Unit   string  `json:"unit,omitempty"`
	Source string  `json:"source,omitempty"`
	// Kind is what a passing check of it shows: "emergent" (out of the
	// mechanisms), "calibrated" (an estimate was tuned to fit it) or
	// "input" (set by an input).
	Kind string `json:"kind"`
	// Basis names the estimates or inputs a calibrated or input figure
	// rests on.
	Basis string `json:"basis,omitempty"`
}

// Check compares a documented figure with the simulated one.
type Check struct {
	// Name is the documented figure's name.
	Name string `json:"name"`
	// Metric is the dotted path into the outcome that was compared.
	Metric string `json:"metric"`
	// Documented is the public figure.
	Documented float64 `json:"documented"`
	// Simulated is the figure the run produced.
	Simulated float64 `json:"simulated"`
	// Tolerance is the allowed difference, relative (a fraction of
	// Documented) or absolute, as ToleranceKind says.
	Tolerance     float64 `json:"tolerance"`
	ToleranceKind string  `json:"tolerance_kind"`
	// OK is true when Simulated is within Tolerance of Documented.
	OK bool `json:"ok"`
	// Missing, if not empty, says why this run has no such figure (e.g.
	// a share that never fell below the level asked for); OK is false.
	Missing string `json:"missing,omitempty"`
	// Censored is true when the simulated figure is a lower bound (an
	// outage that lasts to the end of the horizon). An at_least check then
	// holds if the bound does; any other is Inconclusive, which says why
	// (and OK is false).
	Censored     bool   `json:"censored,omitempty"`
	Inconclusive string `json:"inconclusive,omitempty"`
	// Kind and Basis say what OK shows, as in DocumentedFigure: a passing
	// calibrated or input check is not a prediction.
	Kind  string `json:"kind"`
	Basis string `json:"basis,omitempty"`
}
