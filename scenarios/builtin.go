package scenarios

import (
	"embed"
	"fmt"
	"path"
	"slices"
	"strings"
)

//go:embed builtin/*.yaml
var builtinFS embed.FS

// Builtin is a scenario shipped inside the binary.
type Builtin struct {
	// Name is the scenario's name, as given to `cascade run`.
	Name string
	// File is the embedded file's name, used in errors.
	File string
	// Data is the file's contents.
	Data []byte
}

// Builtins returns the built-in scenarios, sorted by name.
func Builtins() []Builtin {
	entries, err := builtinFS.ReadDir("builtin")
	if err != nil { // cannot happen: the directory is embedded
		panic(fmt.Sprintf("scenarios: embedded builtin directory: %v", err))
	}
	var out []Builtin
	for _, e := range entries {
		data, err := builtinFS.ReadFile(path.Join("builtin", e.Name()))
		if err != nil {
			panic(fmt.Sprintf("scenarios: embedded %s: %v", e.Name(), err))
		}
		out = append(out, Builtin{
			Name: strings.TrimSuffix(e.Name(), ".yaml"),
			File: "builtin:" + e.Name(),
			Data: data,
		})
	}
	slices.SortFunc(out, func(a, b Builtin) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// LookupBuiltin returns the built-in scenario called name.
func LookupBuiltin(name string) (Builtin, bool) {
	for _, b := range Builtins() {
		if b.Name == name {
			return b, true
		}
	}
	return Builtin{}, false
}
