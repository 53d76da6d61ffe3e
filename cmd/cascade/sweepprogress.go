package main

import (
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"
)

// plainEvery is how often a sweep without a terminal reports progress.
const plainEvery = 5 * time.Second

// studyProgress reports a study's runs: a bar on a terminal, a plain line
// every few seconds otherwise (batch logs), nothing when quiet.
type studyProgress struct {
	bar      *progressbar.ProgressBar
	a        *app
	start    time.Time
	last     time.Time
	kept     int
	finished bool
}

// newStudyProgress starts reporting; kept runs were done before.
func (a *app) newStudyProgress(title string, kept, total int, quiet bool) *studyProgress {
	p := &studyProgress{a: a, start: time.Now(), kept: kept}
	p.last = p.start
	switch {
	case quiet:
		return nil
	case a.isTerminal:
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription(title),
			progressbar.OptionSetWidth(30),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("runs"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
		_ = p.bar.Set(kept)
	}
	return p
}

// update takes the count of runs done.
func (p *studyProgress) update(done, total int) {
	if p == nil {
		return
	}
	if p.bar != nil {
		_ = p.bar.Set(done)
		return
	}
	now := time.Now()
	if now.Sub(p.last) < plainEvery && done < total {
		return
	}
	p.last = now
	rate := float64(done-p.kept) / now.Sub(p.start).Seconds()
	left := "?"
	if rate > 0 {
		left = human(time.Duration(float64(total-done) / rate * 1e9).Round(time.Second))
	}
	fmt.Fprintf(p.a.stderr, "cascade: %d/%d runs (%.0f%%), %.1f runs/s, about %s left\n", done, total, 100*float64(done)/float64(total), rate, left)
}

// finish clears the bar.
func (p *studyProgress) finish() {
	if p != nil && p.bar != nil && !p.finished {
		p.finished = true
		_ = p.bar.Finish()
	}
}
