package knob

import (
	"regexp"
	"strings"
)

// namePattern is the syntax of the names of items (components, clients,
// nodes, parts, links...): usable as a segment of a --set path.
var namePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// NameSyntax describes the syntax of names, for messages.
const NameSyntax = "a name of lower-case letters, digits, '-' and '_', starting with a letter or digit and not all digits"

// NamePattern is the regular expression of names (not all digits is a
// further rule), for the JSON Schema.
func NamePattern() string { return namePattern.String() }

// ValidName reports whether s can name an item: lower-case letters,
// digits, '-' and '_', starting with a letter or digit, not all digits.
func ValidName(s string) bool {
	return namePattern.MatchString(s) && strings.Trim(s, "0123456789") != ""
}
