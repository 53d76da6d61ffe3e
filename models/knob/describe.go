package knob

import (
	"fmt"
	"reflect"
	"strings"
)

// Describe says what values a knob takes, for messages and the reference:
// its Want if it has one, else words made from its type and limits, like
// "a duration from 1s to 60s" or "an integer >= 0".
func Describe(f *Field) string {
	if f.Want != "" {
		return f.Want
	}
	return describeType(f)
}

func describeType(f *Field) string {
	t := f.Type
	switch {
	case t == durationType:
		switch {
		case f.None:
			return "a duration > 0 with a unit, like 30s, or none"
		case f.Min.Set && f.Max.Set:
			return fmt.Sprintf("a duration from %s to %s", f.Min.Text, f.Max.Text)
		case f.Min.Set && f.Min.Exclusive && f.Min.Value == 0:
			return "a duration > 0 with a unit, like 30s, 1.5h or 2d"
		case f.Min.Set && f.Min.Value != 0:
			return fmt.Sprintf("a duration %s %s with a unit", minSign(f.Min), f.Min.Text)
		}
		return "a duration >= 0 with a unit, like 0s, 90m or 2d"
	case enumType(t):
		return "one of: " + strings.Join(Choices(t), ", ")
	case TextType(t):
		return "a text"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() == reflect.String:
		switch {
		case f.Name:
			return "a name of lower-case letters, digits, '-' and '_', starting with a letter or digit and not all digits"
		case f.Ref != nil:
			return "the name of " + article(f.Ref.Noun) + " " + f.Ref.Noun
		}
		return "a text"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return numberWords("an integer", f)
	case t.Kind() == reflect.Float64 || t.Kind() == reflect.Float32:
		return numberWords("a number", f)
	case t.Kind() == reflect.Struct, t.Kind() == reflect.Pointer, t.Kind() == reflect.Interface:
		return "a mapping"
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.String && f.Ref != nil:
		// framework: a list of names of other items (a UPS's feeds).
		if f.NonEmpty || f.Required {
			return "a non-empty list of " + f.Ref.Noun + " names"
		}
		return "a list of " + f.Ref.Noun + " names"
	case t.Kind() == reflect.Slice:
		return "a list"
	}
	return t.String()
}

func minSign(l Limit) string {
	if l.Exclusive {
		return ">"
	}
	return ">="
}

func numberWords(noun string, f *Field) string {
	switch {
	case f.Min.Set && f.Max.Set && !f.Min.Exclusive && !f.Max.Exclusive:
		return fmt.Sprintf("%s from %s to %s", noun, f.Min.Text, f.Max.Text)
	case f.Min.Set && f.Max.Set:
		maxSign := "<="
		if f.Max.Exclusive {
			maxSign = "<"
		}
		return fmt.Sprintf("%s %s %s and %s %s", noun, minSign(f.Min), f.Min.Text, maxSign, f.Max.Text)
	case f.Min.Set && noun == "an integer" && f.Min.Text == "1":
		return "a positive integer"
	case f.Min.Set:
		return fmt.Sprintf("%s %s %s", noun, minSign(f.Min), f.Min.Text)
	case f.Max.Set:
		return fmt.Sprintf("%s at most %s", noun, f.Max.Text)
	}
	return noun
}

// article is "an" before a word starting with a vowel, else "a".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
