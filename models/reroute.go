package models

// wrapper is a target that forwards to another one (a client's policy).
type wrapper interface {
	Target
	// Inner returns the target forwarded to.
	Inner() Target
	// SetInner changes it.
	SetInner(t Target)
}

// reroute returns t with from replaced by to: t itself if t is from, or t
// unchanged with its inner target replaced if t wraps from.
func reroute(t Target, from string, to Target) Target {
	if w, ok := t.(wrapper); ok {
		if w.Inner().Name() == from {
			w.SetInner(to)
		}
		return t
	}
	if t.Name() == from {
		return to
	}
	return t
}
