package charts

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestImports enforces the package's place in the design: it imports only
// the standard library, gonum and package plots (whose limits it shares),
// and it never touches files or the environment.
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			stdlib := !strings.Contains(strings.Split(path, "/")[0], ".")
			ours := path == "github.com/cascade-sim/cascade/plots"
			require.True(t, stdlib || ours || strings.HasPrefix(path, "gonum.org/v1/"), "%s imports %s", name, path)
			require.NotContains(t, []string{"os", "io/ioutil", "os/exec", "net/http", "time", "math/rand", "math/rand/v2"}, path, "%s imports %s", name, path)
		}
	}
}
