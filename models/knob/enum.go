package knob

import (
	"encoding"
	"fmt"
	"reflect"
	"strings"
)

// Enum is a type whose values are named words: a pointer to it is an
// encoding.TextUnmarshaler of one of Choices, and the value a fmt.Stringer.
type Enum interface {
	// Choices lists the words, in the order messages and the reference
	// show them.
	Choices() []string
}

// enumType reports whether t is an Enum whose pointer unmarshals text.
func enumType(t reflect.Type) bool {
	_, isEnum := reflect.Zero(t).Interface().(Enum)
	_, unmarshals := reflect.New(t).Interface().(encoding.TextUnmarshaler)
	return isEnum && unmarshals
}

// Choices returns the words of an enum type, or nil if t is not one.
func Choices(t reflect.Type) []string {
	if !enumType(t) {
		return nil
	}
	return reflect.Zero(t).Interface().(Enum).Choices()
}

// ParseChoice parses word into an enum value of e's type, with an error
// listing the choices.
func ParseChoice(choices []string, word string) (int, error) {
	for i, c := range choices {
		if c == word {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%q is not one of: %s", word, strings.Join(choices, ", "))
}
