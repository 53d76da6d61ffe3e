package main

import (
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// requireFigureText compares the words of an SVG figure — its size and the
// text of every <text> element in drawing order — with
// testdata/figures/NAME.txt, a golden file a reviewer reads in a diff: a
// label that changes, moves to the key, is cut or disappears shows there.
// `go test ./cmd/cascade -run TestEveryBuiltin -update` rewrites them
// after an intended change; look at the figures before committing.
func requireFigureText(t *testing.T, name, svg string) {
	t.Helper()
	got := figureText(t, svg)
	path := filepath.Join("testdata", "figures", name+".txt")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run `go test ./cmd/cascade -run TestEveryBuiltin -update` to create it")
	require.Equal(t, string(want), got, "the words of %s changed; after an intended change rerun with -update and look at the figure", name)
}

// figureText returns "size WxH" and one line per non-empty <text> element
// of svg.
func figureText(t *testing.T, svg string) string {
	t.Helper()
	var b strings.Builder
	dec := xml.NewDecoder(strings.NewReader(svg))
	inText := 0
	var cur strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "svg":
				var w, h string
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "width":
						w = a.Value
					case "height":
						h = a.Value
					}
				}
				b.WriteString("size " + w + "x" + h + "\n")
			case "text":
				inText++
				cur.Reset()
			}
		case xml.CharData:
			if inText > 0 {
				cur.Write(el)
			}
		case xml.EndElement:
			if el.Name.Local == "text" && inText > 0 {
				inText--
				if s := strings.TrimSpace(cur.String()); s != "" {
					b.WriteString(s + "\n")
				}
			}
		}
	}
	return b.String()
}
