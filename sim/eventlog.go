package sim

// LogEntry is one event of the log: what kind of thing happened, to what,
// by whom, when, and a message for people.
type LogEntry struct {
	// At is when it happened; for a span, when it ended.
	At Time
	// Kind says what kind of event it is.
	Kind EventKind
	// Subject is what it happened to: a component, a network element, a
	// detector, an operator, a site, a population, a check.
	Subject string
	// By is who did it, for an action, a failover, a detour or a recovery
	// made by someone: an operator, a detector (its automatic action) or
	// an automation. Empty for scripted faults and for states.
	By string
	// Since is when a span began (kinds for which Kind.IsSpan); zero
	// otherwise.
	Since Time
	// Message describes the event for people.
	Message string
}

// Span reports whether the entry is a span, and its length.
func (e LogEntry) Span() (Time, bool) {
	if !e.Kind.IsSpan() {
		return 0, false
	}
	return e.At - e.Since, true
}

// EventLog keeps log entries in the order they were added.
type EventLog struct {
	entries []LogEntry
}

// Add appends an entry.
func (l *EventLog) Add(e LogEntry) {
	l.entries = append(l.entries, e)
}

// Entries returns the entries in order. The slice must not be modified.
func (l *EventLog) Entries() []LogEntry { return l.entries }
