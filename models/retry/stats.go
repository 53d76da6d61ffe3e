package retry

// Stats counts a control's decisions since it was made.
type Stats struct {
	// FirstAdmitted and FirstRejected count first attempts of calls.
	FirstAdmitted, FirstRejected int64
	// RetriesAdmitted and RetriesRejected count retries.
	RetriesAdmitted, RetriesRejected int64
}

// Admitted returns the attempts admitted, first attempts and retries.
func (s Stats) Admitted() int64 { return s.FirstAdmitted + s.RetriesAdmitted }

// Rejected returns the attempts refused ("throttled"), first attempts and
// retries.
func (s Stats) Rejected() int64 { return s.FirstRejected + s.RetriesRejected }

// StatsReporter is implemented by every control in this package that
// keeps state (all but None).
type StatsReporter interface {
	// Stats returns the decisions counted so far.
	Stats() Stats
}

// count records one decision into s and returns ok, so that an Admit can
// end with "return s.count(retry, ok)".
func (s *Stats) count(retry, ok bool) bool {
	switch {
	case retry && ok:
		s.RetriesAdmitted++
	case retry:
		s.RetriesRejected++
	case ok:
		s.FirstAdmitted++
	default:
		s.FirstRejected++
	}
	return ok
}
