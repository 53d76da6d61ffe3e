package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/detect"
	"github.com/cascade-sim/cascade/models/retry"
)

// withClient is base with a client whose backoff and control have kinds
// with fields of their own, and a population calling through it. Its
// lines, for positions: the client mapping starts at 24:5, its control
// at 26:14, its backoff at 27:14.
var withClient = base + `clients:
  - name: caller
    retries: 3
    control: {kind: grpc-throttling, max_tokens: 5}
    backoff: {kind: exponential, base: 100ms, multiplier: 3}
`

// TestSetAddsFields: --set adds a field, or a mapping on the way to it,
// that the file leaves out; the decoder checks what it added like any
// other field, and names the flag in its errors.
func TestSetAddsFields(t *testing.T) {
	noRetries := editDoc(t, withClient, "    retries: 3\n", "")
	for _, tc := range []struct {
		name  string
		doc   string
		sets  []string
		check func(t *testing.T, s *Spec)
	}{
		{
			name: "a service's field",
			sets: []string{"components.server.cancellation=true"},
			check: func(t *testing.T, s *Spec) {
				require.True(t, s.Component("server").Service.Cancellation)
			},
		},
		{
			name: "a top-level field, by path",
			sets: []string{"outcome.metastable_after=20m"},
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, 20*time.Minute, s.Outcome.MetastableAfter)
			},
		},
		{
			name: "a mapping on the way",
			sets: []string{"components.server.queue.capacity=7", "components.server.queue.discipline=lifo"},
			check: func(t *testing.T, s *Spec) {
				q := s.Component("server").Service.Queue
				require.Equal(t, 7, q.Capacity)
				require.Equal(t, models.LIFO, q.Discipline)
			},
		},
		{
			name: "fields of a client",
			doc:  noRetries,
			sets: []string{"clients.caller.retries=2", "clients.caller.timeout=1s"},
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, 2, s.Client("caller").Retries)
				require.Equal(t, time.Second, s.Client("caller").Timeout)
			},
		},
		{
			name: "a distribution",
			sets: []string{"components.server.wait.dist=deterministic", "components.server.wait.value=5ms"},
			check: func(t *testing.T, s *Spec) {
				w := s.Component("server").Service.Wait
				require.Equal(t, models.DeterministicDist{Value: 5 * time.Millisecond}, w)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if doc == "" {
				doc = withClient
			}
			s, err := Load("t.yaml", []byte(doc), tc.sets)
			require.NoError(t, err)
			tc.check(t, s)
		})
	}
}

// TestSetAddedBackoff: --set creates a client's backoff mapping; without
// a kind the decoder refuses it, naming the flag, at the client's line.
func TestSetAddedBackoff(t *testing.T) {
	doc := editDoc(t, withClient, "    backoff: {kind: exponential, base: 100ms, multiplier: 3}\n", "")
	_, err := Load("t.yaml", []byte(doc), []string{"clients.caller.backoff.base=100ms"})
	requireErrors(t, err, wantErr{"t.yaml:24:5", "clients.caller.backoff.kind",
		`--set clients.caller.backoff.base=100ms: missing required field "kind"; expected one of: none, constant, exponential`})

	s, err := Load("t.yaml", []byte(doc), []string{"clients.caller.backoff.kind=constant", "clients.caller.backoff.base=1s"})
	require.NoError(t, err)
	require.Equal(t, retry.BackoffConfig{Kind: retry.Constant, Base: time.Second}, s.Client("caller").Backoff)
}

// TestSetErrors: what --set cannot add, and the errors about what it
// added, each naming the flag and placed at the mapping it was added to.
func TestSetErrors(t *testing.T) {
	// The backoff's kind is added, not changed: the file gives none.
	noBackoffKind := editDoc(t, withClient, "{kind: exponential, base: 100ms, multiplier: 3}", "{base: 100ms, multiplier: 3}")
	for _, tc := range []struct {
		name string
		doc  string
		sets []string
		want []wantErr
	}{
		{
			name: "an unknown field, with a suggestion",
			sets: []string{"components.server.cancelation=true"},
			want: []wantErr{{"t.yaml:10:5", "components.server.cancelation",
				`--set components.server.cancelation=true: unknown field "cancelation" for a service component (did you mean "cancellation"?); expected one of: name, kind, workers,`}},
		},
		{
			name: "an unknown mapping on the way",
			sets: []string{"clients.caller.backof.base=1s"},
			want: []wantErr{{"t.yaml:24:5", "clients.caller.backof",
				`--set clients.caller.backof.base=1s: unknown field "backof" for a client (did you mean "backoff"?)`}},
		},
		{
			name: "an unknown field in a flow mapping",
			sets: []string{"clients.caller.control.max_token=3"},
			want: []wantErr{{"t.yaml:26:14", "clients.caller.control.max_token",
				`--set clients.caller.control.max_token=3: unknown field "max_token" for a retry control of kind grpc-throttling (did you mean "max_tokens"?)`}},
		},
		{
			name: "a bad value in an added field",
			sets: []string{"components.server.cancellation=maybe"},
			want: []wantErr{{"t.yaml:10:5", "components.server.cancellation",
				`--set components.server.cancellation=maybe: expected true or false, got "maybe"`}},
		},
		{
			name: "a bad value in a replaced field keeps the file's position",
			sets: []string{"clients.caller.retries=-1"},
			want: []wantErr{{"t.yaml:25:14", "clients.caller.retries", `expected an integer >= 0, got "-1"`}},
		},
		{
			name: "under a single value",
			sets: []string{"components.server.workers.max=3"},
			want: []wantErr{{"t.yaml:12:14", "components.server.workers",
				`--set components.server.workers.max=3: components.server.workers is a single value, not a mapping or list, so it has no "max"`}},
		},
		{
			name: "a list item",
			sets: []string{"components.db.workers=3"},
			want: []wantErr{{"t.yaml:10:3", "components",
				`--set components.db.workers=3: no item "db" in components; expected an item's name or an index from 0 to 0; items: server`}},
		},
		{
			name: "a list item by index",
			sets: []string{"populations.1.users=3"},
			want: []wantErr{{"t.yaml:15:3", "populations",
				`--set populations.1.users=3: no item "1" in populations; expected an item's name or an index from 0 to 0; items: users`}},
		},
		{
			name: "a list under a missing key is a mapping",
			sets: []string{"components.server.calls.0.target=server"},
			want: []wantErr{{"t.yaml:10:5", "components.server.calls",
				`--set components.server.calls.0.target=server: expected a list of calls`}},
		},
		{
			name: "the new kind's required field",
			sets: []string{"clients.caller.backoff.kind=constant", "clients.caller.backoff.base=1s",
				"clients.caller.control.kind=circuit-breaker", "components.server.service_time.dist=deterministic"},
			want: []wantErr{{"t.yaml:13:19", "components.server.service_time.value",
				`missing required field "value"; expected a duration >= 0 with a unit, like 0s, 90m or 2d; --set components.server.service_time.dist=deterministic changed dist from "exponential" to "deterministic", which needs it (the file's fields of "exponential" are left out): add it with another --set`}},
		},
		{
			name: "a field --set gives is checked against the new kind",
			sets: []string{"clients.caller.control.kind=retry-budget", "clients.caller.control.max_tokens=7"},
			want: []wantErr{{"t.yaml:26:38", "clients.caller.control.max_tokens",
				`--set clients.caller.control.max_tokens=7: unknown field "max_tokens" for a retry control of kind retry-budget; expected one of: kind, share, ttl`}},
		},
		{
			name: "a field added before the kind is checked against it",
			sets: []string{"clients.caller.control.budget_percent=10", "clients.caller.control.kind=retry-budget"},
			want: []wantErr{{"t.yaml:26:14", "clients.caller.control.budget_percent",
				`--set clients.caller.control.budget_percent=10: unknown field "budget_percent" for a retry control of kind retry-budget`}},
		},
		{
			name: "a kind --set adds changes no kind: the file's fields are checked",
			doc:  noBackoffKind,
			sets: []string{"clients.caller.backoff.kind=constant"},
			want: []wantErr{{"t.yaml:27:28", "clients.caller.backoff.multiplier",
				`unknown field "multiplier" for a backoff of kind constant`}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if doc == "" {
				doc = withClient
			}
			_, err := Load("t.yaml", []byte(doc), tc.sets)
			requireErrors(t, err, tc.want...)
		})
	}
}

// TestSetChangesKind: a --set that changes a mapping's kind leaves out the
// file's fields of the old kind and takes the new kind's, in either order
// of the flags.
func TestSetChangesKind(t *testing.T) {
	twoServices := editDoc(t, withClient, "populations:\n",
		"  - {name: issuer, kind: service, workers: 1, service_time: {dist: deterministic, value: 1ms}}\npopulations:\n")
	for _, tc := range []struct {
		name  string
		doc   string
		sets  []string
		check func(t *testing.T, s *Spec)
	}{
		{
			name: "control, kind first",
			sets: []string{"clients.caller.control.kind=retry-budget", "clients.caller.control.share=0.2"},
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, retry.RetryBudgetConfig{Share: 0.2, TTL: 10 * time.Second}, s.Client("caller").Control)
			},
		},
		{
			name: "control, kind last",
			sets: []string{"clients.caller.control.share=0.2", "clients.caller.control.kind=retry-budget"},
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, retry.RetryBudgetConfig{Share: 0.2, TTL: 10 * time.Second}, s.Client("caller").Control)
			},
		},
		{
			name: "control, to a kind without fields",
			sets: []string{"clients.caller.control.kind=none"},
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, retry.NoControlConfig{}, s.Client("caller").Control)
			},
		},
		{
			name: "backoff: the common base is kept, the multiplier left out",
			sets: []string{"clients.caller.backoff.kind=constant", "clients.caller.backoff.jitter=full"},
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, retry.BackoffConfig{Kind: retry.Constant, Base: 100 * time.Millisecond, Jitter: retry.Full}, s.Client("caller").Backoff)
			},
		},
		{
			name: "distribution",
			sets: []string{"components.server.service_time.value=2s", "components.server.service_time.dist=deterministic"},
			check: func(t *testing.T, s *Spec) {
				require.Equal(t, models.DeterministicDist{Value: 2 * time.Second}, s.Component("server").Service.ServiceTime)
			},
		},
		{
			name: "component: a service becomes a token cache",
			doc:  twoServices,
			sets: []string{"components.server.kind=token-cache", "components.server.target=issuer", "components.server.ttl=1h"},
			check: func(t *testing.T, s *Spec) {
				c := s.Component("server")
				require.Nil(t, c.Service)
				require.NotNil(t, c.TokenCache)
				require.Equal(t, "issuer", c.TokenCache.Target)
				require.Equal(t, time.Hour, c.TokenCache.TTL)
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if doc == "" {
				doc = withClient
			}
			s, err := Load("t.yaml", []byte(doc), tc.sets)
			require.NoError(t, err)
			tc.check(t, s)
		})
	}

	// Without a change of kind, or with the kind set back to the file's,
	// the file's fields are all checked.
	typo := editDoc(t, withClient, "max_tokens: 5", "max_tokes: 5")
	want := wantErr{"t.yaml:26:38", "clients.caller.control.max_tokes", `unknown field "max_tokes" for a retry control of kind grpc-throttling (did you mean "max_tokens"?)`}
	for _, sets := range [][]string{
		nil,
		{"clients.caller.control.kind=grpc-throttling"},
		{"clients.caller.control.kind=retry-budget", "clients.caller.control.kind=grpc-throttling"},
	} {
		_, err := Load("t.yaml", []byte(typo), sets)
		requireErrors(t, err, want)
	}
	_, err := Load("t.yaml", []byte(typo), []string{"clients.caller.control.kind=retry-budget"})
	require.NoError(t, err, "the old kind's field is left out, whatever its name")
}

// knownKeys returns the keys the decoder knows for the mapping at path in
// doc, read from the error about an unknown key added there.
func knownKeys(t *testing.T, doc, path string) []string {
	t.Helper()
	_, err := Load("t.yaml", []byte(doc), []string{path + ".zzz=1"})
	errs := Errors(err)
	require.Len(t, errs, 1, "%v", err)
	_, list, ok := strings.Cut(errs[0].Msg, "expected one of: ")
	require.True(t, ok, errs[0].Msg)
	return strings.Split(list, ", ")
}

// TestSetReachesEveryOptionalField: the README's promise that --set sets
// any path holds for the fields a file is most likely to leave out. For
// every built-in scenario, every field of each client and of each service
// component that the file omits is added by --set and decodes. The key
// lists come from the decoder, so a new field needs a value here.
func TestSetReachesEveryOptionalField(t *testing.T) {
	// notSettable are the keys --set cannot add: required ones (always in
	// the file) and lists (--set adds no list items).
	notSettable := map[string]bool{"name": true, "kind": true, "workers": true, "service_time": true, "calls": true}
	// sets gives the flags (relative to the client or component) that add
	// each key, with values other than the defaults where one exists.
	sets := map[string][]string{
		// clients
		"timeout":           {"timeout=1s"},
		"deadline":          {"deadline=30s"},
		"retries":           {"retries=1"},
		"backoff":           {"backoff.kind=constant", "backoff.base=10ms"},
		"control":           {"control.kind=retry-budget", "control.share=0.2"},
		"cancel_on_timeout": {"cancel_on_timeout=true"},
		// services
		"queue":                {"queue.discipline=lifo"},
		"reject_cost":          {"reject_cost=1ms"},
		"cancellation":         {"cancellation=true"},
		"concurrency_slowdown": {"concurrency_slowdown=0.01"},
		"cores":                {"cores=1"},
		"wait":                 {"wait.dist=deterministic", "wait.value=1ms"},
		"slows":                {"slows=cpu"},
	}
	sameAsDefault := map[string]bool{"slows": true}
	tried := map[string]int{}
	tryAll := func(file string, data []byte) {
		base, err := Load(file, data, nil)
		require.NoError(t, err)
		var owners []string
		for _, c := range base.Clients {
			owners = append(owners, "clients."+c.Name)
		}
		for _, c := range base.Components {
			if c.Service != nil {
				owners = append(owners, "components."+c.Name)
			}
		}
		for _, owner := range owners {
			for _, key := range knownKeys(t, string(data), owner) {
				if notSettable[key] {
					continue
				}
				flags, ok := sets[key]
				require.True(t, ok, "%s: no --set for %s.%s; add one to this test", file, owner, key)
				if _, _, rest := locate(base.root, owner+"."+key); rest == nil {
					continue // the file gives it
				}
				var full []string
				for _, f := range flags {
					full = append(full, owner+"."+f)
				}
				s, err := Load(file, data, full)
				require.NoError(t, err, "%s --set %v", file, full)
				if !sameAsDefault[key] {
					require.NotEmpty(t, Differences(base, s), "%s --set %v changes nothing", file, full)
				}
				_, _, rest := locate(s.root, owner+"."+key)
				require.Nil(t, rest, "%s --set %v: the field is in the resolved tree", file, full)
				tried[key]++
			}
		}
	}
	files, err := filepath.Glob("../builtin/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		tryAll(file, data)
	}
	// Fields every built-in gives are tried on a small file without them.
	tryAll("t.yaml", []byte(editDoc(t, withClient, "    retries: 3\n", "")))
	for key := range sets {
		require.NotZero(t, tried[key], "%s was never tried", key)
	}
}

// TestSetChangesOtherKinds: a fault's action, a network node's kind and a
// detector's kind choose fields too; a --set that changes them leaves out
// the file's fields the new one does not take, and says what the new one
// needs.
func TestSetChangesOtherKinds(t *testing.T) {
	mm1, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	network, err := os.ReadFile("testdata/network.yaml")
	require.NoError(t, err)

	s, err := Load("m.yaml", mm1, []string{"faults.slowdown.action=down"})
	require.NoError(t, err)
	require.Equal(t, Down, s.Faults[0].Action)
	require.Zero(t, s.Faults[0].Factor, "the slow fault's factor is left out")

	s, err = Load("m.yaml", mm1, []string{"faults.slowdown.action=scale"})
	require.NoError(t, err)
	require.Equal(t, Scale, s.Faults[0].Action)
	require.Equal(t, 3.0, s.Faults[0].Factor, "scale takes a factor too")

	_, err = Load("m.yaml", mm1, []string{"faults.1.action=slow"})
	requireErrors(t, err, wantErr{"m.yaml:46:5", "faults.1.factor",
		`missing factor; a slow fault needs a factor > 0: how many times longer service takes; --set faults.1.action=slow changed action from "down" to "slow", which needs it`})
	s, err = Load("m.yaml", mm1, []string{"faults.1.factor=2", "faults.1.action=slow"})
	require.NoError(t, err)
	require.Equal(t, 2.0, s.Faults[1].Factor)

	_, err = Load("m.yaml", mm1, []string{"faults.1.factor=2"})
	requireErrors(t, err, wantErr{"m.yaml:46:5", "faults.1.factor",
		"--set faults.1.factor=2: factor is only allowed with action: slow or scale, not down"})

	s, err = Load("n.yaml", network, []string{"network.nodes.ue-gw.kind=router"})
	require.NoError(t, err, "the host's address is left out")
	require.Equal(t, RouterNode, s.Network.Nodes[5].Kind)
	require.False(t, s.Network.Nodes[5].Addr.IsValid())

	_, err = Load("n.yaml", network, []string{"network.nodes.sw-f.kind=host"})
	requireErrors(t, err, wantErr{"n.yaml:23:7", "network.nodes.sw-f.address",
		`missing address; a host needs an IPv4 or IPv6 address, like 10.1.0.10; --set network.nodes.sw-f.kind=host changed kind from "switch" to "host"`})
	_, err = Load("n.yaml", network, []string{"network.nodes.sw-f.kind=host", "network.nodes.sw-f.address=10.2.0.99"})
	require.NoError(t, err)

	// A health check becomes an end-to-end probe: target, interval and
	// timeout are both kinds', unhealthy and healthy only the check's.
	s, err = Load("n.yaml", network, []string{"detectors.hc-auth.threshold=4", "detectors.hc-auth.kind=e2e-probe"})
	require.NoError(t, err)
	det := s.Detectors[3]
	require.Equal(t, detect.E2EProbeKind, det.Kind)
	require.Nil(t, det.HealthCheck)
	require.NotNil(t, det.E2EProbe)
	require.Equal(t, 4, det.E2EProbe.Failures)
	require.Equal(t, 10*time.Second, det.E2EProbe.Interval)
	_, err = Load("n.yaml", network, []string{"detectors.hc-auth.kind=e2e-probe", "detectors.hc-auth.healthy=4"})
	requireErrors(t, err,
		wantErr{"n.yaml:109:5", "detectors.hc-auth.threshold",
			`missing required field "threshold"; expected a positive integer; --set detectors.hc-auth.kind=e2e-probe changed kind from "health-check" to "e2e-probe", which needs it`},
		wantErr{"n.yaml:109:97", "detectors.hc-auth.healthy",
			`--set detectors.hc-auth.healthy=4: unknown field "healthy" for a e2e-probe detector`})
}

// TestSetResolvedRoundTrips: the resolved scenario holds the fields --set
// added and not the old kind's fields a kind change left out, so loading
// it with no --set gives the same scenario and the same bytes.
func TestSetResolvedRoundTrips(t *testing.T) {
	mm1, err := os.ReadFile("testdata/mm1.yaml")
	require.NoError(t, err)
	for _, tc := range []struct {
		name, file string
		doc        []byte
		sets       []string
		gone       string
	}{
		{"control and backoff", "t.yaml", []byte(withClient), []string{
			"clients.caller.control.kind=retry-budget", "clients.caller.control.share=0.2",
			"clients.caller.backoff.kind=constant", "components.server.cancellation=true",
			"components.server.queue.capacity=4"}, "max_tokens"},
		{"fault action", "m.yaml", mm1, []string{"faults.slowdown.action=down"}, "factor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(tc.file, tc.doc, tc.sets)
			require.NoError(t, err)
			resolved, err := s.Resolved()
			require.NoError(t, err)
			require.NotContains(t, string(resolved), tc.gone)
			again, err := Load("resolved.yaml", resolved, nil)
			require.NoError(t, err, "%s", resolved)
			require.Empty(t, Differences(s, again))
			twice, err := again.Resolved()
			require.NoError(t, err)
			require.Equal(t, string(resolved), string(twice))
		})
	}
}
