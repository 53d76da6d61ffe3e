package spec

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/knob"
)

// componentsDoc is small with its component replaced by a service s and a
// token cache tokens of the fields given.
func componentsDoc(service, cache string) []byte {
	doc := strings.Replace(small, "  - {name: s, kind: service, workers: 1, service_time: {dist: deterministic, value: 1ms}}\n",
		"  - {name: s, kind: service, "+service+"}\n  - {name: tokens, kind: token-cache, "+cache+"}\n", 1)
	return []byte(strings.NewReplacer("CONTROL", "{kind: none}", "TOLERANCE", "rel_tolerance: 0.1").Replace(doc))
}

// withFields joins base ("key: value" each) and the field under test,
// which replaces the base's field of the same key.
func withFields(field string, base ...string) string {
	key, _, _ := strings.Cut(field, ":")
	out := []string{field}
	for _, b := range base {
		if k, _, _ := strings.Cut(b, ":"); k != key {
			out = append(out, b)
		}
	}
	return strings.Join(out, ", ")
}

// The fields a service and a token cache need besides the one under test.
var (
	serviceBase = []string{"workers: 2", "service_time: {dist: deterministic, value: 1ms}", "wait: {dist: deterministic, value: 1ms}"}
	cacheBase   = []string{"target: s", "ttl: 1h"}
)

// componentPlaces are every declared struct a component holds: a service
// (its own knobs, its queue, its service time of each distribution) and
// a token cache; and a population and its sample.
func componentPlaces() []declaredPlace {
	service := func(s *Spec) reflect.Value { return reflect.ValueOf(*s.Components[0].Service) }
	places := []declaredPlace{
		{path: "components.s", st: knob.MustStructOf(reflect.TypeFor[Service]()), get: service,
			inside: func(f string) []byte {
				return componentsDoc(withFields(f, serviceBase...), strings.Join(cacheBase, ", "))
			}},
		{path: "components.s.queue", st: knob.MustStructOf(reflect.TypeFor[Queue]()),
			get: func(s *Spec) reflect.Value { return reflect.ValueOf(s.Components[0].Service.Queue) },
			inside: func(f string) []byte {
				return componentsDoc(withFields("queue: {"+f+"}", serviceBase...), strings.Join(cacheBase, ", "))
			}},
		{path: "components.tokens", st: knob.MustStructOf(reflect.TypeFor[TokenCache]()),
			get: func(s *Spec) reflect.Value { return reflect.ValueOf(*s.Components[1].TokenCache) },
			inside: func(f string) []byte {
				return componentsDoc(strings.Join(serviceBase, ", "), withFields(f, cacheBase...))
			}},
	}
	population := func(users string) func(f string) []byte {
		return func(f string) []byte {
			base := []string{"users: " + users, "rate: 1", "deadline: 1s", "target: s"}
			if strings.HasPrefix(f, "rate_per_user:") {
				base = base[:1:1]
				base = append(base, "deadline: 1s", "target: s")
			}
			doc := componentsDoc(strings.Join(serviceBase, ", "), strings.Join(cacheBase, ", "))
			return []byte(strings.Replace(string(doc), "  - {name: p, users: 10, rate: 1, deadline: 1s, target: s, client: c}\n",
				"  - {name: p, "+withFields(f, base...)+"}\n", 1))
		}
	}
	places = append(places,
		declaredPlace{path: "populations.p", st: knob.MustStructOf(reflect.TypeFor[Population]()), inside: population("10"),
			get: func(s *Spec) reflect.Value { return reflect.ValueOf(s.Populations[0]) }},
		declaredPlace{path: "populations.p.sample", st: knob.MustStructOf(reflect.TypeFor[Sample]()),
			inside: func(f string) []byte { return population("1")("sample: {" + withFields(f, "of: all") + "}") },
			get:    func(s *Spec) reflect.Value { return reflect.ValueOf(*s.Populations[0].Sample) }})
	for _, k := range models.Dists.Kinds {
		st := knob.MustStructOf(k.Type)
		var required []string
		for _, f := range st.Fields {
			v := "0s"
			switch {
			case f.Type.Kind() == reflect.Slice:
				v = "[1ms]"
			case f.Min.Exclusive:
				v = "1ms"
			}
			if f.Required {
				required = append(required, f.Key+": "+v)
			}
		}
		places = append(places, declaredPlace{path: "components.s.service_time", st: st, kind: k.Name,
			get: func(s *Spec) reflect.Value { return reflect.ValueOf(s.Components[0].Service.ServiceTime) },
			inside: func(f string) []byte {
				st := "service_time: {" + withFields("dist: "+k.Name, withFields(f, required...)) + "}"
				return componentsDoc(withFields(st, serviceBase...), strings.Join(cacheBase, ", "))
			}})
	}
	return places
}

// TestComponentKnobsTakeTheirDeclaredDefaults: a service and a token
// cache of only their required fields hold their declared defaults, and
// each distribution decodes to its kind's struct.
func TestComponentKnobsTakeTheirDeclaredDefaults(t *testing.T) {
	s, err := Load("t.yaml", componentsDoc("workers: 2, service_time: {dist: exponential, mean: 1s}", "target: s, ttl: 1h"), nil)
	require.NoError(t, err)
	want := knob.Defaults[Service]()
	want.Workers, want.ServiceTime = 2, models.ExponentialDist{Mean: time.Second}
	require.Equal(t, &want, s.Components[0].Service)
	require.Equal(t, Service{Workers: 2, ServiceTime: models.ExponentialDist{Mean: time.Second}}, want, "the zero values are the defaults")
	require.Nil(t, s.Components[0].TokenCache)
	cache := knob.Defaults[TokenCache]()
	cache.Target, cache.TTL = "s", time.Hour
	require.Equal(t, &cache, s.Components[1].TokenCache)
	require.Equal(t, TokenCache{Target: "s", TTL: time.Hour, SingleFlight: true, Instances: 1}, cache)

	for doc, want := range map[string]Dist{
		"{dist: uniform, min: 1s, max: 2s}":         models.UniformDist{Min: time.Second, Max: 2 * time.Second},
		"{dist: normal, mean: 1s, stddev: 0s}":      models.NormalDist{Mean: time.Second},
		"{dist: lognormal, mean: 1s, stddev: 2s}":   models.LognormalDist{Mean: time.Second, Stddev: 2 * time.Second},
		"{dist: empirical, values: [1ms, 0s, 1ms]}": models.EmpiricalDist{Values: []time.Duration{time.Millisecond, 0, time.Millisecond}},
	} {
		s, err := Load("t.yaml", componentsDoc("workers: 1, service_time: "+doc, "target: s, ttl: 1h"), nil)
		require.NoError(t, err, doc)
		require.Equal(t, want, s.Components[0].Service.ServiceTime, doc)
		require.Equal(t, models.Dists.KindOf(want), strings.Fields(doc)[1][:len(strings.Fields(doc)[1])-1])
	}
}

// TestComponentChecksComeWithPositions: the rules between a component's
// fields, declared in the models' Check methods, are reported at the field
// they name; a route or planes component is still decoded by hand.
func TestComponentChecksComeWithPositions(t *testing.T) {
	_, err := Load("t.yaml", componentsDoc("workers: 1, service_time: {dist: uniform, min: 2s, max: 1m}, cores: 2", "target: s, ttl: 1h, refresh_before: 2h"), nil)
	requireErrors(t, err,
		wantErr{"t.yaml:11:98", "components.s.cores", "expected cores at most workers (1): a request holds a thread while it uses a core; got 2"},
		wantErr{"t.yaml:12:75", "components.tokens.refresh_before", "expected refresh_before < ttl (1h), got 2h"})
	_, err = Load("t.yaml", componentsDoc("workers: 1, service_time: {dist: uniform, min: 2m, max: 1m}", "target: s, ttl: 1h"), nil)
	requireErrors(t, err, wantErr{"t.yaml:11:86", "components.s.service_time.max", `expected max >= min (2m), got "1m"`})
	_, err = Load("t.yaml", componentsDoc("workers: 1, service_time: {dist: normal, mean: 1s, stddev: 1s}, queue: {capacity: 2, shed_length: 3}", "target: s, ttl: 1h"), nil)
	requireErrors(t, err, wantErr{"t.yaml:11:128", "components.s.queue.shed_length", "expected a shed_length <= capacity (2), since a full queue already rejects arrivals; got 3"})
	_, err = Load("t.yaml", componentsDoc("workers: 1, service_time: {dist: normal, mean: 1s, stddev: 1s}, wiat: 1s", "target: s, ttl: 1h, fetch: s"), nil)
	requireErrors(t, err,
		wantErr{"t.yaml:11:94", "components.s.wiat", `unknown field "wiat" for a service component (did you mean "wait"?)`},
		wantErr{"t.yaml:12:59", "components.tokens.fetch", `unknown field "fetch" for a token-cache component; expected one of: name, kind, target, client, ttl, refresh_before, single_flight, instances`})
}
