package spec_test

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// A small M/M/1 scenario, loaded with a param override. The service time
// and the documented figure are computed from the params.
func ExampleLoad() {
	const file = `name: mm1
description: one exponential server
seed: 1
horizon: 2h
step: 10s
params:
  lambda: {default: 0.9, unit: 1/s, description: arrival rate}
  mu: {default: 1, unit: 1/s, description: service rate}
components:
  - name: server
    kind: service
    workers: 1
    service_time: {dist: exponential, mean: "${1000/mu}ms"}
populations:
  - name: customers
    users: 1e6
    rate: ${lambda}
    deadline: none
    target: server
outcome:
  availability_threshold: 0.99
  baseline: {from: 0s, to: 1h}
documented:
  - name: mean_time_in_system
    metric: populations.customers.mean_latency_s
    value: ${1/(mu-lambda)}
    unit: s
    rel_tolerance: 0.05
    kind: emergent
`
	s, err := spec.Load("mm1.yaml", []byte(file), []string{"mu=1.25"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Components[0].Service.ServiceTime.(models.ExponentialDist).Mean)
	fmt.Println(s.Populations[0].Users, s.Populations[0].TotalRate())
	fmt.Println(s.Documented[0].Value)
	fmt.Println(s.ParamValues())
	fmt.Println(s.Errorf("components.0.workers", "a check done elsewhere failed"))

	_, err = spec.Load("mm1.yaml", []byte(file), []string{"components.server.workers=-3", "lambda=fast", "mu2=1"})
	for _, e := range spec.Errors(err) {
		fmt.Println(e)
	}
	// Output:
	// 800ms
	// 1000000 0.9
	// 2.857142857142857
	// map[lambda:0.9 mu:1.25]
	// mm1.yaml:12:14: components.server.workers: a check done elsewhere failed
	// mm1.yaml: --set mu2=1: unknown param mu2 (declared: lambda, mu)
	// mm1.yaml:7:11: params.lambda: --set lambda=fast: expected a finite number like the default 0.9, got "fast"
	// mm1.yaml:12:14: components.server.workers: expected a positive integer, got "-3"
}
