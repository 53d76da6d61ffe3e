package sim

// Handler is what an event runs when it fires. now is the event's time;
// data is the value given when the event was scheduled.
//
// Models implement Handler on their own types so that scheduling an event
// allocates nothing: storing a pointer in an interface is free.
type Handler interface {
	Fire(now Time, data any)
}

// HandlerFunc adapts a function to a Handler.
type HandlerFunc func(now Time, data any)

// Fire calls f(now, data).
func (f HandlerFunc) Fire(now Time, data any) { f(now, data) }
