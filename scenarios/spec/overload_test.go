package spec

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/retry"
)

// The overload file in testdata uses every field of clients, retry
// controls, token caches, service calls, load shedding, operator actions
// and metastability. Loading it must give exactly the Spec below, defaults
// applied where a field is omitted.
func TestLoadOverload(t *testing.T) {
	data, err := os.ReadFile("testdata/overload.yaml")
	require.NoError(t, err)
	s, err := Load("overload.yaml", data, nil)
	require.NoError(t, err)
	s.root = nil

	exp := func(mean time.Duration) Dist { return models.ExponentialDist{Mean: mean} }
	want := &Spec{
		File:        "overload.yaml",
		Name:        "token-storm",
		Description: "Front ends call two directory units; backends need tokens from unit B\nthrough a cache. Unit B slows down, retries pile up, operators react.\n",
		Seed:        7,
		Horizon:     2 * time.Hour,
		Step:        10 * time.Second,
		Params: []Param{
			{Name: "token_retries", Kind: NumberParam, Default: 3.0, Value: 3.0, Description: "retries of a token fetch"},
			{Name: "jitter", Kind: StringParam, Default: "full", Value: "full", Description: "token backoff jitter",
				Choices: []any{"none", "full", "equal", "decorrelated", "grpc"}},
		},
		Clients: []Client{
			{
				Name: "token-client", Timeout: 2 * time.Second, Deadline: 30 * time.Second, Retries: 3,
				Backoff: retry.BackoffConfig{Kind: retry.Exponential, Base: 100 * time.Millisecond, Cap: 10 * time.Second,
					Multiplier: 3, Jitter: retry.Full},
				Control:         retry.GRPCThrottlingConfig{MaxTokens: 20, TokenRatio: 0.1},
				CancelOnTimeout: true,
			},
			{
				Name: "dir-client", Timeout: 0, Deadline: NoDeadline, Retries: 1,
				Backoff: retry.BackoffConfig{Kind: retry.Constant, Base: 50 * time.Millisecond, Jitter: retry.GRPC},
				Control: retry.EnvoyBudgetConfig{BudgetPercent: 10, MinRetryConcurrency: 5},
			},
			{
				Name: "finagle",
				Control: retry.FinagleBudgetConfig{
					TTL: 20 * time.Second, PercentCanRetry: 0.5, MinRetriesPerSec: 2},
			},
			{
				Name:    "sre",
				Control: retry.SREThrottlingConfig{K: 1.5, Window: time.Minute, Buckets: 120},
			},
			{
				Name: "aws",
				Control: retry.AWSQuotaConfig{
					Capacity: 100, RetryCost: 4, TimeoutCost: 8, NoRetryIncrement: 2},
			},
			{
				Name: "breaker",
				Control: retry.CircuitBreakerConfig{
					RequestVolume: 10, Window: 5 * time.Second, Buckets: 10, ErrorPercent: 25, SleepWindow: 2 * time.Second},
			},
			{
				Name:    "defaults",
				Control: retry.GRPCThrottlingConfig{MaxTokens: 10, TokenRatio: 0.1},
			},
			{Name: "plain", Control: retry.NoControlConfig{}},
		},
		Components: []Component{
			{Name: "front", Kind: ServiceKind, Service: &Service{
				Workers: 8, Queue: Queue{Discipline: models.FIFO}, ServiceTime: exp(2 * time.Millisecond),
				Calls: []Call{
					{Target: "unit-a", Client: "dir-client"},
					{Target: "unit-b", Client: "dir-client"},
					{Target: "backend"},
				},
			}},
			{Name: "unit-a", Kind: ServiceKind, Service: &Service{
				Workers: 4, Queue: Queue{Discipline: models.FIFO},
				ServiceTime: models.DeterministicDist{Value: time.Millisecond},
			}},
			{Name: "unit-b", Kind: ServiceKind, Service: &Service{
				Workers:             16,
				Queue:               Queue{Capacity: 1000, Discipline: models.LIFO, ShedLength: 500, ShedWait: 5 * time.Second},
				RejectCost:          time.Millisecond,
				Cancellation:        true,
				ConcurrencySlowdown: 0.02,
				ServiceTime:         exp(10 * time.Millisecond),
			}},
			{Name: "unit-b2", Kind: ServiceKind, Service: &Service{
				Workers: 16, Queue: Queue{Discipline: models.FIFO}, ServiceTime: exp(10 * time.Millisecond),
			}},
			{Name: "dag-tokens", Kind: TokenCacheKind, TokenCache: &TokenCache{
				Target: "unit-b", Client: "token-client", TTL: time.Hour, RefreshBefore: 5 * time.Minute,
				SingleFlight: false, Instances: 200,
			}},
			{Name: "backend", Kind: ServiceKind, Service: &Service{
				Workers: 32, Queue: Queue{Discipline: models.FIFO}, ServiceTime: exp(5 * time.Millisecond),
				Calls: []Call{{Target: "dag-tokens"}},
			}},
			{Name: "cold-cache", Kind: TokenCacheKind, TokenCache: &TokenCache{
				Target: "unit-b2", TTL: 10 * time.Minute, SingleFlight: true, Instances: 1,
			}},
		},
		Populations: []Population{
			{Name: "japan", Users: 30000, RatePerUser: 0.01, Deadline: 30 * time.Second, Target: "front", Client: "sre"},
			{Name: "probes", Users: 1, Rate: 1, Deadline: 5 * time.Second, Target: "cold-cache"},
		},
		Faults: []Fault{
			{Name: "latent-bug", By: ByFault, At: 10 * time.Minute, Component: "unit-b", Action: Slow, Factor: 20},
			{Name: "crash", By: ByFault, At: 20 * time.Minute, Component: "unit-a", Action: Restart},
		},
		Actions: []Fault{
			{Name: "move-traffic", By: ByOperator, At: 50 * time.Minute, Component: "dag-tokens", Action: Reroute,
				From: "unit-b", To: "unit-b2"},
			{Name: "more-cpu", By: ByOperator, At: 55 * time.Minute, Component: "unit-b", Action: Scale, Factor: 1.5},
			{Name: "front-to-b2", By: ByOperator, At: 56 * time.Minute, Component: "front", Action: Reroute,
				From: "unit-b", To: "unit-b2"},
			{By: ByOperator, At: time.Hour, Component: "unit-b", Action: Up},
		},
		Outcome: Outcome{
			AvailabilityThreshold: 0.99,
			Baseline:              Window{From: 0, To: 10 * time.Minute},
			MetastableAfter:       30 * time.Minute,
		},
	}
	require.Equal(t, want, s)

	require.Equal(t, &s.Clients[0], s.Client("token-client"))
	require.Nil(t, s.Client("nope"))
	require.Nil(t, s.Client(""))
	require.Equal(t, &s.Components[4], s.Component("dag-tokens"))
	require.Nil(t, s.Component("nope"))
}

// --set reaches the new fields: clients and calls by name and index,
// token caches, queues, actions, and params used in clients.
func TestLoadOverloadSets(t *testing.T) {
	data, err := os.ReadFile("testdata/overload.yaml")
	require.NoError(t, err)
	_, err = Load("overload.yaml", data, []string{
		"clients.token-client.control.kind=none",
		"clients.token-client.control.max_tokens=x", // replaced, then unknown for kind none
	})
	requireErrors(t, err, wantErr{"overload.yaml:23:38", "clients.token-client.control.max_tokens",
		`unknown field "max_tokens" for a retry control of kind none; expected one of: kind`})

	// The file writes a multiplier beside jitter: ${jitter}, so its
	// declared choice decorrelated (which grows by its own factor)
	// conflicts with it, and the error says where.
	_, err = Load("overload.yaml", data, []string{"jitter=decorrelated"})
	requireErrors(t, err, wantErr{"overload.yaml:21:19", "clients.token-client.backoff.multiplier",
		"jitter decorrelated grows the wait by its own factor (min(cap, U(base, 3 x previous))); remove multiplier, or choose another jitter"})

	s, err := Load("overload.yaml", data, []string{
		"clients.token-client.retries=0",
		"components.front.calls.0.client=token-client",
		"components.front.calls.2.target=unit-a",
		"components.dag-tokens.single_flight=true",
		"components.unit-b.queue.shed_wait=1s",
		"actions.more-cpu.factor=2",
		"jitter=equal",
		"outcome.metastable_after=1h",
	})
	require.NoError(t, err)
	tc := s.Client("token-client")
	require.Equal(t, 0, tc.Retries)
	require.Equal(t, retry.Equal, tc.Backoff.Jitter)
	front := s.Component("front").Service
	require.Equal(t, Call{Target: "unit-a", Client: "token-client"}, front.Calls[0])
	require.Equal(t, Call{Target: "unit-a"}, front.Calls[2])
	require.True(t, s.Component("dag-tokens").TokenCache.SingleFlight)
	require.Equal(t, time.Second, s.Component("unit-b").Service.Queue.ShedWait)
	require.Equal(t, 2.0, s.Actions[1].Factor)
	require.Equal(t, time.Hour, s.Outcome.MetastableAfter)

	err = s.Errorf("components.front.calls.1.client", "checked elsewhere")
	require.EqualError(t, err, "overload.yaml:51:34: components.front.calls.1.client: checked elsewhere")
	err = s.Errorf("actions.move-traffic.to", "checked elsewhere")
	require.EqualError(t, err, "overload.yaml:116:9: actions.move-traffic.to: checked elsewhere")
}

// overloadBase is a small valid scenario with clients, calls, a token
// cache, a fault and an action. Error cases edit it line by line, so the
// positions they expect can be read off these lines.
const overloadBase = `name: t
description: test
seed: 1
horizon: 1h
step: 1s
clients:
  - name: token-client
    timeout: 2s
    retries: 3
    backoff: {kind: exponential, base: 100ms, cap: 10s}
    control: {kind: grpc-throttling}
components:
  - name: front
    kind: service
    workers: 4
    service_time: {dist: exponential, mean: 1ms}
    calls:
      - {target: unit-b, client: token-client}
  - name: unit-b
    kind: service
    workers: 16
    service_time: {dist: exponential, mean: 10ms}
  - name: tokens
    kind: token-cache
    target: unit-b
    client: token-client
    ttl: 1h
populations:
  - name: users
    users: 10
    rate: 1
    deadline: 10s
    target: front
    client: token-client
faults:
  - {name: bug, at: 10m, component: unit-b, action: slow, factor: 5}
actions:
  - {name: move, at: 20m, component: front, action: reroute, from: unit-b, to: tokens}
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 10m}
  metastable_after: 30m
`

func TestLoadOverloadErrors(t *testing.T) {
	_, err := Load("t.yaml", []byte(overloadBase), nil)
	require.NoError(t, err)
	ed := func(pairs ...string) string { return editDoc(t, overloadBase, pairs...) }
	const unitBCalls = "    service_time: {dist: exponential, mean: 10ms}\n"
	for _, tc := range []struct {
		name string
		doc  string
		sets []string
		want []wantErr
	}{
		{
			name: "unknown control field",
			doc:  ed("{kind: grpc-throttling}", "{kind: grpc-throttling, budget_percent: 20}"),
			want: []wantErr{{"t.yaml:11:38", "clients.token-client.control.budget_percent",
				`unknown field "budget_percent" for a retry control of kind grpc-throttling; expected one of: kind, max_tokens, token_ratio`}},
		},
		{
			name: "unknown control kind",
			doc:  ed("{kind: grpc-throttling}", "{kind: hystrix, budget_percent: 20}"),
			want: []wantErr{{"t.yaml:11:21", "clients.token-client.control.kind",
				"expected one of: none, grpc-throttling, envoy-budget, finagle-budget, sre-throttling, aws-quota, circuit-breaker"}},
		},
		{
			name: "control value out of range",
			doc:  ed("{kind: grpc-throttling}", "{kind: finagle-budget, ttl: 2m}"),
			want: []wantErr{{"t.yaml:11:42", "clients.token-client.control.ttl",
				`expected a duration from 1s to 60s (Finagle's limits), got "2m"`}},
		},
		{
			name: "missing base for exponential",
			doc:  ed("{kind: exponential, base: 100ms, cap: 10s}", "{kind: exponential, cap: 10s}"),
			want: []wantErr{{"t.yaml:10:14", "clients.token-client.backoff.base",
				`missing required field "base"; expected a duration > 0`}},
		},
		{
			name: "cap below base",
			doc:  ed("cap: 10s}", "cap: 50ms}"),
			want: []wantErr{{"t.yaml:10:52", "clients.token-client.backoff.cap",
				"expected a cap >= base (100ms), or 0s for no cap; got 50ms"}},
		},
		{
			name: "cap with constant backoff",
			doc:  ed("{kind: exponential, base: 100ms, cap: 10s}", "{kind: constant, base: 100ms, cap: 10s}"),
			want: []wantErr{{"t.yaml:10:44", "clients.token-client.backoff.cap",
				`unknown field "cap" for a backoff of kind constant; expected one of: kind, base, jitter`}},
		},
		{
			name: "decorrelated jitter with constant backoff",
			doc:  ed("{kind: exponential, base: 100ms, cap: 10s}", "{kind: constant, base: 100ms, jitter: decorrelated}"),
			want: []wantErr{{"t.yaml:10:52", "clients.token-client.backoff.jitter",
				"jitter decorrelated grows the wait itself (min(cap, U(base, 3 x previous))); expected it with kind exponential, not constant"}},
		},
		{
			name: "decorrelated jitter with a multiplier",
			doc:  ed("{kind: exponential, base: 100ms, cap: 10s}", "{kind: exponential, base: 100ms, multiplier: 3, jitter: decorrelated}"),
			want: []wantErr{{"t.yaml:10:59", "clients.token-client.backoff.multiplier",
				"jitter decorrelated grows the wait by its own factor (min(cap, U(base, 3 x previous))); remove multiplier, or choose another jitter"}},
		},
		{
			name: "retries out of range and a zero timeout",
			doc:  ed("retries: 3", "retries: 101", "timeout: 2s", "timeout: 0s"),
			want: []wantErr{
				{"t.yaml:8:14", "clients.token-client.timeout", `expected a duration > 0 with a unit, like 30s, or none, got "0s"`},
				{"t.yaml:9:14", "clients.token-client.retries", `expected an integer >= 0, at most 100, got "101"`},
			},
		},
		{
			name: "not a bool",
			doc:  ed("    retries: 3\n", "    retries: 3\n    cancel_on_timeout: yes\n"),
			want: []wantErr{{"t.yaml:10:24", "clients.token-client.cancel_on_timeout", `expected true or false, got "yes"`}},
		},
		{
			name: "duplicate client",
			doc:  ed("components:\n", "  - name: token-client\ncomponents:\n"),
			want: []wantErr{{"t.yaml:12:11", "clients.1.name", `duplicate client name "token-client"; the first is at line 7`}},
		},
		{
			name: "unknown client",
			doc:  ed("    client: token-client\nfaults:", "    client: tokenclient\nfaults:"),
			want: []wantErr{{"t.yaml:34:13", "populations.users.client", `unknown client "tokenclient"; expected one of the clients: token-client`}},
		},
		{
			name: "unknown client when none are declared",
			doc: ed("clients:\n  - name: token-client\n    timeout: 2s\n    retries: 3\n    backoff: {kind: exponential, base: 100ms, cap: 10s}\n    control: {kind: grpc-throttling}\n", "",
				", client: token-client}", "}", "    client: token-client\n    ttl", "    ttl"),
			want: []wantErr{{"t.yaml:27:13", "populations.users.client", `unknown client "token-client"; no clients are declared (add them under clients:)`}},
		},
		{
			name: "unknown call target",
			doc:  ed("{target: unit-b, client: token-client}", "{target: unit-c, client: token-client}"),
			want: []wantErr{{"t.yaml:18:18", "components.front.calls.0.target",
				`unknown component "unit-c"; expected one of the components: front, unit-b, tokens`}},
		},
		{
			name: "unknown field in a call",
			doc:  ed("{target: unit-b, client: token-client}", "{target: unit-b, clinet: token-client}"),
			want: []wantErr{{"t.yaml:18:26", "components.front.calls.0.clinet",
				`unknown field "clinet" for a call (did you mean "client"?); expected one of: target, client`}},
		},
		{
			name: "cycle of 2",
			doc:  ed(unitBCalls, unitBCalls+"    calls: [{target: front}]\n"),
			want: []wantErr{{"t.yaml:23:22", "components.unit-b.calls.0.target", "calls form a cycle: front → unit-b → front"}},
		},
		{
			name: "cycle of 3",
			doc:  ed(unitBCalls, unitBCalls+"    calls: [{target: tokens}]\n", "target: unit-b\n    client", "target: front\n    client"),
			want: []wantErr{{"t.yaml:26:13", "components.tokens.target", "calls form a cycle: front → unit-b → tokens → front"}},
		},
		{
			name: "a service calling itself",
			doc:  ed("client: token-client}\n", "client: token-client}\n      - {target: front}\n"),
			want: []wantErr{{"t.yaml:19:18", "components.front.calls.1.target", "calls form a cycle: front → front"}},
		},
		{
			name: "cycle closed by a reroute",
			doc: ed("client: token-client}\n", "client: token-client}\n      - {target: tokens}\n",
				"{name: move, at: 20m, component: front", "{name: move, at: 20m, component: tokens", "to: tokens}", "to: front}"),
			want: []wantErr{{"t.yaml:39:81", "actions.move.to", "calls form a cycle once reroutes apply: front → tokens → front"}},
		},
		{
			// The check is conservative: it counts every call any reroute
			// may create, even one that another reroute undoes before a
			// third would close the cycle.
			name: "cycle through a reroute that is undone first",
			doc: ed("outcome:\n", "  - {name: back, at: 30m, component: front, action: reroute, from: tokens, to: unit-b}\n"+
				"  - {name: cache, at: 40m, component: tokens, action: reroute, from: unit-b, to: front}\noutcome:\n"),
			want: []wantErr{{"t.yaml:40:82", "actions.cache.to", "calls form a cycle once reroutes apply: front → tokens → front"}},
		},
		{
			name: "reroute of a component that calls none",
			doc:  ed("{name: move, at: 20m, component: front", "{name: move, at: 20m, component: unit-b", "from: unit-b", "from: front"),
			want: []wantErr{
				// The reroute's own to counts in the check for cycles.
				{"t.yaml:25:13", "components.tokens.target", "calls form a cycle once reroutes apply: unit-b → tokens → unit-b"},
				{"t.yaml:38:69", "actions.move.from", `expected a component that "unit-b" calls, but it calls none`},
			},
		},
		{
			name: "token cache target not a service",
			doc:  ed("target: unit-b\n    client", "target: tokens\n    client"),
			want: []wantErr{{"t.yaml:25:13", "components.tokens.target",
				`expected a service component (the component that issues tokens), got "tokens", a token-cache component`}},
		},
		{
			name: "token cache refresh_before >= ttl",
			doc:  ed("    ttl: 1h\n", "    ttl: 1h\n    refresh_before: 1h\n"),
			want: []wantErr{{"t.yaml:28:21", "components.tokens.refresh_before", "expected refresh_before < ttl (1h), got 1h"}},
		},
		{
			name: "token cache instances and missing ttl",
			doc:  ed("    ttl: 1h\n", "    instances: 0\n"),
			want: []wantErr{
				{"t.yaml:23:5", "components.tokens.ttl", `missing required field "ttl"`},
				{"t.yaml:27:16", "components.tokens.instances", `expected a positive integer, got "0"`},
			},
		},
		{
			name: "shed_length above capacity, negative reject_cost",
			doc:  ed(unitBCalls, unitBCalls+"    queue: {capacity: 10, shed_length: 20}\n    reject_cost: -1ms\n    concurrency_slowdown: -1\n"),
			want: []wantErr{
				{"t.yaml:23:40", "components.unit-b.queue.shed_length", "expected a shed_length <= capacity (10), since a full queue already rejects arrivals; got 20"},
				{"t.yaml:24:18", "components.unit-b.reject_cost", `negative duration "-1ms"`},
				{"t.yaml:25:27", "components.unit-b.concurrency_slowdown", `expected a number >= 0: service time x (1 + k x (busy workers - 1)), got "-1"`},
			},
		},
		{
			name: "reroute missing from",
			doc:  ed("from: unit-b, to: tokens", "to: tokens"),
			want: []wantErr{{"t.yaml:38:5", "actions.move.from", "missing from; a reroute action needs the name of the component whose calls move"}},
		},
		{
			name: "reroute from a component not called",
			doc:  ed("from: unit-b, to: tokens", "from: tokens, to: unit-b"),
			want: []wantErr{{"t.yaml:38:68", "actions.move.from",
				`"front" does not call "tokens"; expected one of the components it calls (unit-b) or the to of another reroute of it`}},
		},
		{
			name: "reroute to the same component",
			doc:  ed("from: unit-b, to: tokens", "from: unit-b, to: unit-b"),
			want: []wantErr{{"t.yaml:38:80", "actions.move.to", `expected to to differ from from ("unit-b")`}},
		},
		{
			name: "reroute of a token cache to a token cache",
			doc:  ed("{name: move, at: 20m, component: front", "{name: move, at: 20m, component: tokens", "to: tokens}", "to: tokens}"),
			want: []wantErr{{"t.yaml:38:81", "actions.move.to",
				`expected a service (a token cache fetches from a service), got "tokens", a token-cache component`}},
		},
		{
			name: "from and factor with the wrong actions",
			doc:  ed("action: slow, factor: 5}", "action: down, factor: 5, from: front}"),
			want: []wantErr{
				{"t.yaml:36:67", "faults.bug.factor", "factor is only allowed with action: slow or scale, not down"},
				{"t.yaml:36:76", "faults.bug.from", "from is only allowed with action: reroute or detour, not down"},
			},
		},
		{
			name: "scale without factor",
			doc:  ed("{name: move, at: 20m, component: front, action: reroute, from: unit-b, to: tokens}", "{name: move, at: 20m, component: unit-b, action: scale}"),
			want: []wantErr{{"t.yaml:38:5", "actions.move.factor",
				"missing factor; a scale action needs a factor > 0: what the configured workers are multiplied by"}},
		},
		{
			name: "scale beyond MaxCount",
			doc: ed("workers: 16", "workers: 2000",
				"{name: move, at: 20m, component: front, action: reroute, from: unit-b, to: tokens}", "{name: move, at: 20m, component: unit-b, action: scale, factor: 1e6}"),
			want: []wantErr{{"t.yaml:38:69", "actions.move.factor",
				`scaling the 2000 workers of "unit-b" by 1000000 gives 2000000000 workers; expected at most 1000000000`}},
		},
		{
			name: "factor beyond MaxFactor, restart of a token cache",
			doc: ed("action: slow, factor: 5}", "action: slow, factor: 1e7}",
				"{name: move, at: 20m, component: front, action: reroute, from: unit-b, to: tokens}", "{name: move, at: 20m, component: tokens, action: restart}"),
			want: []wantErr{
				{"t.yaml:36:67", "faults.bug.factor", `expected a factor > 0 and at most 1000000, got "1e7"`},
				{"t.yaml:38:38", "actions.move.component", `expected a service component (action restart drops its queued and running requests), got "tokens", a token-cache component`},
			},
		},
		{
			name: "slow on a token cache",
			doc:  ed("component: unit-b, action: slow", "component: tokens, action: slow"),
			want: []wantErr{{"t.yaml:36:37", "faults.bug.component",
				`expected a service component (action slow changes service times), got "tokens", a token-cache component`}},
		},
		{
			name: "unknown action",
			doc:  ed("action: slow, factor: 5}", "action: fail}"),
			want: []wantErr{{"t.yaml:36:53", "faults.bug.action", "expected one of: down, up, slow, scale, restart, reroute"}},
		},
		{
			name: "metastable_after beyond the horizon",
			doc:  ed("metastable_after: 30m", "metastable_after: 2h"),
			want: []wantErr{{"t.yaml:42:21", "outcome.metastable_after", "expected a duration <= the horizon (1h), got 2h"}},
		},
		{
			name: "metastable_after zero",
			doc:  ed("metastable_after: 30m", "metastable_after: 0s"),
			want: []wantErr{{"t.yaml:42:21", "outcome.metastable_after", `expected a duration > 0 with a unit, like 30s, 1.5h or 2d, got "0s"`}},
		},
		{
			name: "duplicate name across faults and actions",
			doc:  ed("{name: move, at: 20m", "{name: bug, at: 20m"),
			want: []wantErr{{"t.yaml:38:12", "actions.bug.name", `duplicate name "bug"; the fault at line 36 has it (faults and actions share names)`}},
		},
		{
			name: "duplicate name within actions",
			doc:  ed("outcome:\n", "  - {name: move, at: 30m, component: unit-b, action: up}\noutcome:\n"),
			want: []wantErr{{"t.yaml:39:12", "actions.1.name", `duplicate action name "move"; the first is at line 38`}},
		},
		{
			name: "--set on a client field",
			sets: []string{"clients.token-client.retries=101"},
			want: []wantErr{{"t.yaml:9:14", "clients.token-client.retries", `expected an integer >= 0, at most 100, got "101"`}},
		},
		{
			name: "--set on a call's client",
			sets: []string{"components.front.calls.0.client=nope"},
			want: []wantErr{{"t.yaml:18:34", "components.front.calls.0.client", `unknown client "nope"; expected one of the clients: token-client`}},
		},
		{
			name: "--set on a call that does not exist",
			sets: []string{"components.front.calls.1.client=nope"},
			want: []wantErr{{"t.yaml:18:7", "components.front.calls",
				`--set components.front.calls.1.client=nope: no item "1" in components.front.calls; expected an item's name or an index from 0 to 0; items: 0`}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if doc == "" {
				doc = overloadBase
			}
			_, err := Load("t.yaml", []byte(doc), tc.sets)
			requireErrors(t, err, tc.want...)
		})
	}
}

// A long cycle is named with the middle elided, and each report costs the
// same however long the cycle is.
func TestLoadLongCycle(t *testing.T) {
	var b strings.Builder
	b.WriteString("name: t\ndescription: d\nseed: 1\nhorizon: 1h\nstep: 1s\ncomponents:\n")
	const n = 30
	for i := 0; i < n; i++ {
		b.WriteString("  - {name: s" + strconv.Itoa(i) + ", kind: service, workers: 1, service_time: {dist: deterministic, value: 1ms}, calls: [{target: s" + strconv.Itoa((i+1)%n) + "}]}\n")
	}
	b.WriteString("populations:\n  - {name: u, users: 1, rate: 1, deadline: 1s, target: s0}\noutcome:\n  availability_threshold: 0.9\n  baseline: {from: 0s, to: 1m}\n")
	_, err := Load("t.yaml", []byte(b.String()), nil)
	requireErrors(t, err, wantErr{"t.yaml:36:110", "components.s29.calls.0.target",
		"calls form a cycle: s0 → s1 → s2 → s3 → s4 → s5 → s6 → s7 → s8 → s9 → s10 → s11 → s12 → s13 → s14 → s15 → s16 → s17 → s18 → ... (10 more) → s29 → s0"})
}

// Variants of the base that must load: reroutes in a chain and back, a
// token cache rerouted to another service, every control kind with its
// defaults, and "none" for limits.
func TestLoadOverloadVariants(t *testing.T) {
	ed := func(pairs ...string) string { return editDoc(t, overloadBase, pairs...) }
	const move = "  - {name: move, at: 20m, component: front, action: reroute, from: unit-b, to: tokens}\n"
	for _, tc := range []struct {
		name  string
		doc   string
		check func(t *testing.T, s *Spec)
	}{
		{
			name: "a chain of reroutes and back",
			doc: ed(move, move+"  - {name: back, at: 30m, component: front, action: reroute, from: tokens, to: unit-b}\n"+
				"  - {name: on, at: 40m, component: front, action: reroute, from: tokens, to: unit-b}\n"),
			check: func(t *testing.T, s *Spec) {
				require.Len(t, s.Actions, 3)
				require.Equal(t, Fault{Name: "back", By: ByOperator, At: 30 * time.Minute, Component: "front",
					Action: Reroute, From: "tokens", To: "unit-b"}, s.Actions[1])
			},
		},
		{
			name: "restart and scale of a service, down and up of a token cache",
			doc: ed(move, "  - {at: 20m, component: unit-b, action: restart}\n  - {at: 21m, component: unit-b, action: scale, factor: 0.01}\n"+
				"  - {at: 22m, component: tokens, action: down}\n  - {at: 23m, component: tokens, action: up}\n"),
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, Restart, s.Actions[0].Action)
				require.Equal(t, Scale, s.Actions[1].Action)
				require.Equal(t, 0.01, s.Actions[1].Factor)
				require.Equal(t, Up, s.Actions[3].Action)
			},
		},
		{
			name: "limits of none, zero retries, no control",
			doc:  ed("    timeout: 2s\n    retries: 3\n", "    timeout: none\n    deadline: none\n    retries: 0\n", "{kind: grpc-throttling}", "{kind: none}"),
			check: func(t *testing.T, s *Spec) {
				c := s.Client("token-client")
				require.Zero(t, c.Timeout)
				require.Equal(t, NoDeadline, c.Deadline)
				require.Equal(t, retry.NoControlConfig{}, c.Control)
				require.Equal(t, "none", c.ControlKind())
			},
		},
		{
			name: "exponential backoff without cap or multiplier",
			doc:  ed("{kind: exponential, base: 100ms, cap: 10s}", "{kind: exponential, base: 100ms}"),
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, retry.BackoffConfig{Kind: retry.Exponential, Base: 100 * time.Millisecond, Multiplier: 2, Jitter: retry.NoJitter},
					s.Client("token-client").Backoff)
			},
		},
		{
			name: "control defaults",
			doc:  ed("{kind: grpc-throttling}", "{kind: circuit-breaker}"),
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, retry.DefaultCircuitBreaker(), s.Client("token-client").Control)
				require.Equal(t, "circuit-breaker", s.Client("token-client").ControlKind())
			},
		},
		{
			name: "queue without capacity sheds at any length",
			doc:  ed("    workers: 16\n", "    workers: 16\n    queue: {shed_length: 5000, shed_wait: 100ms}\n"),
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, Queue{Discipline: models.FIFO, ShedLength: 5000, ShedWait: 100 * time.Millisecond},
					s.Component("unit-b").Service.Queue)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load("t.yaml", []byte(tc.doc), nil)
			require.NoError(t, err)
			tc.check(t, s)
		})
	}
}
