package scenarios

import (
	"fmt"

	"github.com/cascade-sim/cascade/models"
	"github.com/cascade-sim/cascade/models/retry"
	"github.com/cascade-sim/cascade/scenarios/spec"
)

// clientPolicy turns a decoded client into a models.ClientPolicy: its
// backoff, and a constructor of its retry control (one control per call
// site).
func clientPolicy(c *spec.Client) (models.ClientPolicy, error) {
	p := models.ClientPolicy{
		Name:            c.Name,
		Timeout:         c.Timeout,
		Deadline:        c.Deadline,
		Retries:         c.Retries,
		CancelOnTimeout: c.CancelOnTimeout,
	}
	if c.Backoff.Kind != spec.NoBackoff && c.Backoff.Kind != "" {
		b, err := backoff(c.Backoff)
		if err != nil {
			return p, err // NewBackoff's error starts with "backoff:"
		}
		p.Backoff = b
	}
	newControl, err := controlMaker(c.Control)
	if err != nil {
		return p, fmt.Errorf("control: %w", err)
	}
	p.NewControl = newControl
	return p, nil
}

func backoff(b spec.Backoff) (*retry.Backoff, error) {
	cfg := retry.BackoffConfig{Base: b.Base, Cap: b.Cap, Multiplier: b.Multiplier}
	switch b.Kind {
	case spec.ConstantBackoff:
		cfg.Kind = retry.Constant
	case spec.ExponentialBackoff:
		cfg.Kind = retry.Exponential
	default:
		return nil, fmt.Errorf("unknown backoff %q", b.Kind)
	}
	switch b.Jitter {
	case spec.NoJitter, "":
		cfg.Jitter = retry.NoJitter
	case spec.FullJitter:
		cfg.Jitter = retry.Full
	case spec.EqualJitter:
		cfg.Jitter = retry.Equal
	case spec.DecorrelatedJitter:
		cfg.Jitter = retry.Decorrelated
	case spec.GRPCJitter:
		cfg.Jitter = retry.GRPC
	default:
		return nil, fmt.Errorf("unknown jitter %q", b.Jitter)
	}
	return retry.NewBackoff(cfg)
}

// controlMaker returns a constructor of the control c describes (nil for
// none). The configuration is checked once, here.
func controlMaker(c spec.Control) (func() (retry.Control, error), error) {
	var make func() (retry.Control, error)
	switch c.Kind {
	case spec.NoControl, "":
		return nil, nil
	case spec.GRPCThrottlingControl:
		cfg := retry.GRPCThrottlingConfig{MaxTokens: int(c.GRPCThrottling.MaxTokens), TokenRatio: c.GRPCThrottling.TokenRatio}
		make = func() (retry.Control, error) { return retry.NewGRPCThrottling(cfg) }
	case spec.EnvoyBudgetControl:
		cfg := retry.EnvoyBudgetConfig{BudgetPercent: c.EnvoyBudget.BudgetPercent, MinRetryConcurrency: c.EnvoyBudget.MinRetryConcurrency}
		make = func() (retry.Control, error) { return retry.NewEnvoyBudget(cfg) }
	case spec.FinagleBudgetControl:
		f := c.FinagleBudget
		cfg := retry.FinagleBudgetConfig{TTL: f.TTL, PercentCanRetry: f.PercentCanRetry, MinRetriesPerSec: f.MinRetriesPerSec}
		make = func() (retry.Control, error) { return retry.NewFinagleBudget(cfg) }
	case spec.SREThrottlingControl:
		cfg := retry.DefaultSREThrottling()
		cfg.K, cfg.Window = c.SREThrottling.K, c.SREThrottling.Window
		make = func() (retry.Control, error) { return retry.NewSREThrottling(cfg) }
	case spec.AWSQuotaControl:
		q := c.AWSQuota
		cfg := retry.AWSQuotaConfig{Capacity: q.Capacity, RetryCost: q.RetryCost, TimeoutCost: q.TimeoutCost, NoRetryIncrement: q.NoRetryIncrement}
		make = func() (retry.Control, error) { return retry.NewAWSQuota(cfg) }
	case spec.CircuitBreakerControl:
		cb := c.CircuitBreaker
		cfg := retry.DefaultCircuitBreaker()
		cfg.RequestVolume, cfg.Window, cfg.ErrorPercent, cfg.SleepWindow = cb.RequestVolume, cb.Window, cb.ErrorPercent, cb.SleepWindow
		make = func() (retry.Control, error) { return retry.NewCircuitBreaker(cfg) }
	case spec.RetryBudgetControl:
		rb := c.RetryBudget
		if rb.Share == 0 {
			return nil, nil // the what-if switch is off
		}
		cfg := retry.FinagleBudgetConfig{TTL: rb.TTL, PercentCanRetry: rb.Share, MinRetriesPerSec: 0}
		make = func() (retry.Control, error) { return retry.NewFinagleBudget(cfg) }
	default:
		return nil, fmt.Errorf("unknown control %q", c.Kind)
	}
	if _, err := make(); err != nil {
		return nil, err
	}
	return make, nil
}
