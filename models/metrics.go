package models

// Metric names: the metric column of series.csv and the Metric of a
// sim.Series, one per kind of series. The models record them (each under
// its component's or population's name); scenarios derives the last four
// from them after a run. Every package that makes or reads a series names
// it by one of these.
const (
	// Population series (sums per step).

	// MetricRequests is a population's requests sent in a step.
	MetricRequests = "requests"
	// MetricFailed is a population's requests failed in a step.
	MetricFailed = "failed"
	// MetricSucceeded is a population's requests answered in time in a step.
	MetricSucceeded = "succeeded"
	// MetricLatencySum is the sum of a step's successful latencies, seconds.
	MetricLatencySum = "latency_sum_s"

	// Service series: rates per second, then gauges (time means).

	// MetricOfferedPerS is the requests per second offered to a service.
	MetricOfferedPerS = "offered_per_s"
	// MetricCompletedPerS is the requests per second a service completed.
	MetricCompletedPerS = "completed_per_s"
	// MetricRejectedPerS is the requests per second a service's full queue
	// or shedding refused.
	MetricRejectedPerS = "rejected_per_s"
	// MetricDroppedPerS is the requests per second a service (or a network
	// element) dropped.
	MetricDroppedPerS = "dropped_per_s"
	// MetricFailedPerS is the requests per second failed at a service (or
	// the calls per second a client gave up on).
	MetricFailedPerS = "failed_per_s"
	// MetricBusy is a service's busy workers.
	MetricBusy = "busy"
	// MetricQueue is a service's queue length.
	MetricQueue = "queue"
	// MetricInSystem is a service's requests queued or in service.
	MetricInSystem = "in_system"
	// MetricWorkers is a service's workers up.
	MetricWorkers = "workers"
	// MetricCPUBusy is a service on cores' busy cores.
	MetricCPUBusy = "cpu_busy"
	// MetricCores is a service on cores' cores.
	MetricCores = "cores"

	// Client series (per second).

	// MetricCallsPerS is a client's calls per second.
	MetricCallsPerS = "calls_per_s"
	// MetricAttemptsPerS is a client's attempts (first tries and retries)
	// per second.
	MetricAttemptsPerS = "attempts_per_s"
	// MetricRetriesPerS is a client's retries per second.
	MetricRetriesPerS = "retries_per_s"
	// MetricTimeoutsPerS is a client's attempts timed out per second.
	MetricTimeoutsPerS = "timeouts_per_s"
	// MetricThrottledPerS is a client's attempts its retry control refused
	// per second.
	MetricThrottledPerS = "throttled_per_s"

	// Token-cache series (per second).

	// MetricRequestsPerS is a token cache's lookups per second.
	MetricRequestsPerS = "requests_per_s"
	// MetricHitsPerS is a token cache's lookups answered from the cache per
	// second.
	MetricHitsPerS = "hits_per_s"
	// MetricFetchesPerS is a token cache's fetches from its target per
	// second.
	MetricFetchesPerS = "fetches_per_s"
	// MetricFetchFailuresPerS is a token cache's failed fetches per second.
	MetricFetchFailuresPerS = "fetch_failures_per_s"

	// Network series.

	// MetricSentPerS is the requests per second a route or a plane sent.
	MetricSentPerS = "sent_per_s"
	// MetricDeliveredPerS is the requests per second a route delivered.
	MetricDeliveredPerS = "delivered_per_s"
	// MetricLostPerS is the requests per second a route lost.
	MetricLostPerS = "lost_per_s"
	// MetricShare is a plane's share of its planes component's traffic.
	MetricShare = "share"

	// Power series (gauges).

	// MetricPoweredShare is the share of a site's hosts with power.
	MetricPoweredShare = "powered_share"
	// MetricRunningShare is the share of a site's hosts running.
	MetricRunningShare = "running_share"
	// MetricUp is 1 while a hosted service runs, else 0.
	MetricUp = "up"
	// MetricUsable is 1 while a hosted service is usable (its data
	// recovered), else 0.
	MetricUsable = "usable"
	// MetricRecovering is the services a data pool recovers at once.
	MetricRecovering = "recovering"

	// Series scenarios derives after a run.

	// MetricAvailability is a population's share of the requests finished
	// in a step that succeeded (NaN when none finished).
	MetricAvailability = "availability"
	// MetricMeanLatency is a population's mean successful latency in a
	// step, seconds.
	MetricMeanLatency = "mean_latency_s"
	// MetricUtilisation is a service's busy share: busy workers over
	// workers, or for a service on cores busy cores over cores.
	MetricUtilisation = "utilisation"
	// MetricThreadUtilisation is a service on cores' busy workers over
	// workers.
	MetricThreadUtilisation = "thread_utilisation"
)
