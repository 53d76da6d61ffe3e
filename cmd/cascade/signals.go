package main

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interrupts handles SIGINT, SIGTERM and SIGHUP during a run: the first
// removes the run's temporary folder (never a committed one) and ends the
// process with 128 + the signal's number.
type interrupts struct {
	ch   chan os.Signal
	done chan struct{}
	wg   sync.WaitGroup

	mu     sync.Mutex
	signal int // the number of the signal caught, 0 if none
}

// catchSignals starts handling signals for a run writing od (nil without
// --out). stop ends it.
func (a *app) catchSignals(od *outDir) *interrupts {
	in := &interrupts{ch: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(in.ch, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	in.wg.Add(1)
	go func() {
		defer in.wg.Done()
		select {
		case sig := <-in.ch:
			n := 0
			if s, ok := sig.(syscall.Signal); ok {
				n = int(s)
			}
			in.mu.Lock()
			in.signal = n
			in.mu.Unlock()
			msg := "nothing was written"
			if od != nil {
				if od.abort() {
					msg = "the run folder had already been written"
				} else {
					msg = "temporary files removed; a previous run folder is unchanged"
				}
			}
			fmt.Fprintf(a.stderr, "cascade: %v: stopped; %s\n", sig, msg)
			if a.signalled != nil {
				a.signalled()
			}
			if a.exit != nil {
				a.exit(128 + n)
			}
		case <-in.done:
		}
	}()
	return in
}

// caught returns the number of the signal caught, 0 if none.
func (in *interrupts) caught() int {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.signal
}

// stop ends the handling of signals.
func (in *interrupts) stop() {
	signal.Stop(in.ch)
	close(in.done)
	in.wg.Wait()
}
