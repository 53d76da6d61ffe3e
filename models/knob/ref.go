package knob

import (
	"fmt"
	"strings"
)

// Ref is what a knob's value names (tag ref): an item of another list of
// the file, by its name. The decoder checks every ref against the names
// the file declares; see the package doc for the tag's syntax.
type Ref struct {
	// Noun names the items as messages and the reference do: the noun of
	// the items' list ("component", "hosted service"), after the kinds
	// allowed if only some are ("planes component", "router or host
	// node") and before the role asked of them if any ("component that
	// accepts requests"). The reason is left out.
	Noun string
	// Reason says why only such items, for the message about an item of
	// another kind ("BFD runs along a route"), or "".
	Reason string
	// In is the key of the field naming the item whose own list holds
	// the names (tag in): "site" for rooms of the site named by the field
	// site (of the same struct or, failing that, of an enclosing one). ""
	// for names held by the enclosing item (the rooms of the site a UPS
	// belongs to) or by the whole file.
	In string
	// Earlier is true for a name of an item listed before the item that
	// holds the field (tag earlier:"true").
	Earlier bool
	// Words are other words the value may be instead of a name (tag
	// or:"direct,..."): a route's next hop may be direct.
	Words []string
}

// RefOf returns what the field names for kind of its struct: its ref, or
// the ref its tag gives for kind. Nil if it names nothing.
func (f *Field) RefOf(kind string) *Ref {
	if f.RefByKind != nil {
		return f.RefByKind[kind]
	}
	return f.Ref
}

// parseRef parses a ref tag: "NOUN[ (REASON)]", or for a field whose
// meaning depends on its struct's kind, "KIND,KIND=NOUN[ (REASON)];...".
func parseRef(f *Field, tag, in, earlier, or string) error {
	if tag == "" {
		if in != "" || earlier != "" || or != "" {
			return fmt.Errorf("in, earlier and or need a ref")
		}
		return nil
	}
	base := Ref{In: in, Earlier: earlier == "true"}
	if or != "" {
		base.Words = strings.Split(or, ",")
	}
	one := func(text string) (*Ref, error) {
		r := base
		r.Noun = strings.TrimSpace(text)
		if open := strings.Index(r.Noun, " ("); open >= 0 {
			if !strings.HasSuffix(r.Noun, ")") {
				return nil, fmt.Errorf("ref %q: a reason is written in parentheses at the end", text)
			}
			r.Noun, r.Reason = r.Noun[:open], r.Noun[open+2:len(r.Noun)-1]
		}
		if r.Noun == "" {
			return nil, fmt.Errorf("ref %q names nothing", text)
		}
		return &r, nil
	}
	if !strings.Contains(tag, "=") {
		r, err := one(tag)
		f.Ref = r
		return err
	}
	f.RefByKind = map[string]*Ref{}
	for _, part := range strings.Split(tag, ";") {
		kinds, text, ok := strings.Cut(part, "=")
		if !ok {
			return fmt.Errorf("ref: %q is not KIND,KIND=NOUN", part)
		}
		r, err := one(text)
		if err != nil {
			return err
		}
		for _, k := range strings.Split(kinds, ",") {
			if _, dup := f.RefByKind[k]; dup || !f.ForKind(k) {
				return fmt.Errorf("ref: kind %q is repeated or not one of the field's", k)
			}
			f.RefByKind[k] = r
		}
	}
	return nil
}
