package spec

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest scenario file Load accepts, in bytes (4 MiB).
const MaxFileSize = 4 << 20

// Load decodes a scenario file. file is the name used in errors; data its
// bytes; sets are the CLI's --set K=V strings, in order.
//
// A --set key with a dot is a path into the document (list items by their
// name field or index), applied before params are read: it replaces a
// single value in the file, or adds the field (and the mappings on the way
// to it) if a mapping leaves it out; list items are never added. Errors
// about an added field name the flag. A --set that changes a mapping's kind
// (or a distribution's dist, a fault's action) leaves out the file's fields
// that the new kind does not have; the fields --set gives are checked. A key without a dot sets the
// param of that name, or, if no param has it, the top-level field of that
// name (seed=7, horizon=4h). Later sets win.
//
// Every scalar value outside params: (not keys) may hold ${expr}:
// arithmetic (+ - * /, parentheses, unary minus) over numbers and number
// params, or a single param of any kind, e.g. "${1/mu}s" or "${region}".
// Integral results print without exponent (1000000), others in the
// shortest exact form. A scalar that had a substitution is typed by its new
// text, so "${2*3}" is the number 6. "$${" writes a literal "${". Inside
// YAML flow collections ({...}, [...]) quote such scalars: "${1/mu}s".
//
// On failure Load returns a nil Spec and an error holding every independent
// problem found, each an *Error sorted by position, at most MaxErrors (see
// Errors). A file that is too large or is not valid YAML gives one error.
func Load(file string, data []byte, sets []string) (*Spec, error) {
	return load(file, data, sets, nil)
}

// load is Load, with edit (if not nil) applied to the document before the
// --set flags.
func load(file string, data []byte, sets []string, edit func(root *yaml.Node)) (*Spec, error) {
	if len(data) > MaxFileSize {
		return nil, &Error{File: file, Msg: fmt.Sprintf(
			"the file is larger than 4 MiB (%d bytes), the most a scenario file may be", MaxFileSize)}
	}
	root, perr := parseYAML(file, data)
	if perr != nil {
		return nil, perr
	}
	if edit != nil {
		edit(root)
	}
	errs := &errorList{file: file}
	d := newDecoder(root, errs)

	var named []setFlag
	for _, f := range parseSets(errs, sets) {
		if strings.Contains(f.key, ".") {
			d.setPath(root, f)
		} else {
			named = append(named, f)
		}
	}

	ps := d.params(root)
	for _, f := range named {
		if _, ok := ps.index[f.key]; ok {
			d.setParam(ps, f.flag, f.key, f.value)
		} else if f.key != "params" && lookup(root, f.key) != nil {
			d.setPath(root, f)
		} else {
			errs.add(0, 0, "", "--set %s: unknown param %s (%s)", f.flag, truncate(f.key), ps.names())
		}
	}

	d.substitute(root, ps)
	s := &Spec{File: file}
	d.spec(root, s)
	s.Params = ps.list
	d.validate(s)
	d.sets.name(errs)
	if err := errs.err(); err != nil {
		return nil, err
	}
	d.sets.drop()
	s.root = root
	return s, nil
}
