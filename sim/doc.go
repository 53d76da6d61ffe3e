// Package sim is cascade's discrete-event engine: integer-nanosecond virtual
// time, an event queue ordered by (time, sequence), named random streams,
// distributions and a recorder of time series, latency histograms and an
// event log.
//
// The engine knows nothing about outages. It runs callbacks, not goroutines,
// keeps no global state and never reads the wall clock, so many engines can
// run side by side in one process and the same seed always gives the same
// run.
package sim
