package sim

// LogEntry is one line of the event log: what happened, to what, when.
type LogEntry struct {
	At        Time
	Component string
	Kind      string
	Detail    string
}

// EventLog keeps log entries in the order they were added.
type EventLog struct {
	entries []LogEntry
}

// Add appends an entry.
func (l *EventLog) Add(at Time, component, kind, detail string) {
	l.entries = append(l.entries, LogEntry{At: at, Component: component, Kind: kind, Detail: detail})
}

// Entries returns the entries in order. The slice must not be modified.
func (l *EventLog) Entries() []LogEntry { return l.entries }
