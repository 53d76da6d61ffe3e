package operate

// matcher tells whether an alarm's source is in a list; an empty list
// matches every source when all is true, none when it is false.
type matcher struct {
	names map[string]bool // only looked up, never iterated
	all   bool
}

func newMatcher(names []string, emptyMatchesAll bool) matcher {
	m := matcher{all: emptyMatchesAll && len(names) == 0}
	if len(names) > 0 {
		m.names = make(map[string]bool, len(names))
		for _, n := range names {
			m.names[n] = true
		}
	}
	return m
}

func (m matcher) match(source string) bool { return m.all || m.names[source] }
