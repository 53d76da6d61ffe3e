package spec

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// FuzzLoad feeds Load arbitrary files and --set flags (one per line of
// sets). Load must not panic or hang, must be deterministic, and must fail
// only with *Error values (alone or joined) that name the file.
//
//	go test -run=^$ -fuzz=FuzzLoad -fuzztime=2m ./scenarios/spec/
func FuzzLoad(f *testing.F) {
	mm1, err := os.ReadFile("testdata/mm1.yaml")
	if err != nil {
		f.Fatal(err)
	}
	overload, err := os.ReadFile("testdata/overload.yaml")
	if err != nil {
		f.Fatal(err)
	}
	network, err := os.ReadFile("testdata/network.yaml")
	if err != nil {
		f.Fatal(err)
	}
	power, err := os.ReadFile("testdata/power.yaml")
	if err != nil {
		f.Fatal(err)
	}
	cycle := strings.Replace(overloadBase, "    service_time: {dist: exponential, mean: 10ms}\n",
		"    service_time: {dist: exponential, mean: 10ms}\n    calls: [{target: tokens}, {target: front}]\n", 1)
	for _, seed := range []struct{ doc, sets string }{
		{string(mm1), ""},
		{string(mm1), "lambda=0.5\nmu=2\ncomponents.server.workers=3\npopulations.1.users=1e3\nseed=9"},
		{string(mm1), "discipline=stack\ncomponents.srv.workers=1\nfaults.slowdown.factor=${mu}\nnope"},
		{base, ""},
		{base, "rate=${rate}\nmode=b\nhorizon=1d"},
		{strings.Replace(base, "workers: 2", "workers: -3", 1), ""},
		{strings.Replace(base, "rate: ${rate}", "rate: ${1/(rate-1)}", 1), ""},
		{strings.Replace(base, "mean: 1s", "mean: 1s, stddev: 2s", 1), ""},
		{strings.Replace(base, "horizon: 1h", "horizon: 300000d", 1), ""},
		{strings.Replace(base, "components:", "x: &a {b: *a}\ncomponents:", 1), ""},
		{"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: <<\ne: {<<: [*a]}\n", ""},
		{"- 1\n- 2\n", ""},
		{"", ""},
		{"---\n", "a.b=1"},
		{"a: 1\n---\nb: 2\n", ""},
		{"name: [[[[[[[[[[[[]]]]]]]]]]]]\n", ""},
		{"seed: !!int x\nhorizon: !foo 1h\n", ""},
		{"params: {x: {default: 1, description: d}}\nseed: ${x/0}\nstep: ${-(-(x))}s\nname: ${\n", "x=2"},
		{"\xff\xfe", ""},
		{string(overload), ""},
		{string(overload), "clients.token-client.retries=0\ncomponents.front.calls.0.client=token-client\njitter=decorrelated\nactions.more-cpu.factor=1e12"},
		{string(overload), "clients.token-client.control.kind=aws-quota\ncomponents.dag-tokens.target=dag-tokens\nactions.move-traffic.from=unit-b2"},
		{overloadBase, "components.front.calls.0.client=nope\nclients.token-client.backoff.kind=constant"},
		{cycle, ""},
		{strings.Replace(overloadBase, "to: tokens}", "to: front}", 1), "actions.move.component=tokens"},
		{string(network), ""},
		{string(network), "network.nodes.core.routes.0.next_hop=sw-f\nfaults.change.procedure.drop_share=0\nactions.move.to=f\ndetectors.bfd-e.route=auth"},
		{string(network), "actions.back.config=auto\nnetwork.nodes.sw-e.parts.0=port-expansion\noperators.noc.steps.roll.requires=roll\ncomponents.via-f.target=planes-w"},
		{strings.Replace(string(network), "network:", "xnetwork:", 1), "actions.swap.action=detour"},
		{string(power), ""},
		{string(power), "crews=0\nsites.pangyo.ups.ups-a.feeds.0=r1\nhosted.mail.depends_on.1=mail\nrestorations.pangyo-power.curve.2.share=0.5"},
		{string(power), "dr_mode=active-active\nhosted.messaging.dr.standby_site=pangyo\nfires.battery-fire.power_off_at=1h\nsites.ansan.rooms.0.name=a1"},
		{strings.Replace(string(power), "sites:", "xsites:", 1), "hosted.auth.target=talk"},
	} {
		f.Add([]byte(seed.doc), seed.sets)
	}
	f.Fuzz(func(t *testing.T, data []byte, sets string) {
		var flags []string
		if sets != "" {
			flags = strings.Split(sets, "\n")
		}
		start := time.Now()
		s, err := Load("f.yaml", data, flags)
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("Load took %v", d)
		}
		if err == nil {
			if s == nil {
				t.Fatal("nil Spec without an error")
			}
			if len(s.Components) == 0 || len(s.Populations) == 0 || s.Horizon <= 0 || s.Step <= 0 {
				t.Fatalf("invalid Spec accepted: %+v", s)
			}
			if len(s.ParamValues()) != len(s.Params) {
				t.Fatalf("params: %+v", s.Params)
			}
			for _, field := range []string{"", "components.0.kind", "populations.0.x.y", "faults.1", "..", "seed"} {
				checkErrorTree(t, s.Errorf(field, "check"))
			}
			return
		}
		if s != nil {
			t.Fatal("non-nil Spec with an error")
		}
		checkErrorTree(t, err)
		if len(Errors(err)) == 0 {
			t.Fatalf("error without *Error: %v", err)
		}
		_, again := Load("f.yaml", data, flags)
		if again == nil || again.Error() != err.Error() {
			t.Fatalf("not deterministic:\n%v\nthen\n%v", err, again)
		}
	})
}

// checkErrorTree fails unless err is an *Error naming f.yaml, or a join of
// such.
func checkErrorTree(t *testing.T, err error) {
	t.Helper()
	var e *Error
	switch v := err.(type) {
	case *Error:
		e = v
	case interface{ Unwrap() []error }:
		errs := v.Unwrap()
		if len(errs) == 0 || len(errs) > MaxErrors+1 {
			t.Fatalf("joined %d errors: %v", len(errs), err)
		}
		for _, sub := range errs {
			checkErrorTree(t, sub)
		}
		return
	default:
		t.Fatalf("error of type %T: %v", err, err)
	}
	if e.File != "f.yaml" || e.Msg == "" || e.Line < 0 || e.Column < 0 {
		t.Fatalf("bad *Error %#v", e)
	}
	if !errors.As(err, &e) {
		t.Fatal("errors.As failed")
	}
}
