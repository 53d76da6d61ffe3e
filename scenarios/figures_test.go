package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// figureColumnsOf is the columns Prepare lists for built-in name.
func figureColumnsOf(t *testing.T, name string, sets ...string) []FigureColumn {
	t.Helper()
	b, ok := LookupBuiltin(name)
	require.True(t, ok, "built-in %s", name)
	_, cols, err := Prepare(b.File, b.Data, sets)
	require.NoError(t, err)
	return cols
}

// TestFiguresAreColumnsAndLookups: for every built-in scenario, the figures
// a run reports are the columns Prepare promises (in its order, a
// subset where a figure is absent), and each outcome figure is what a
// documented metric with that path would read.
func TestFiguresAreColumnsAndLookups(t *testing.T) {
	t.Parallel()
	for _, b := range Builtins() {
		t.Run(b.Name, func(t *testing.T) {
			t.Parallel()
			cols := figureColumnsOf(t, b.Name, quickSets(t, b.Name)...)
			res := runQuick(t, b.Name)
			figs, err := res.Summary.Figures()
			require.NoError(t, err)
			require.NotEmpty(t, figs)
			tree, err := outcomeTree(res.Summary.Outcome)
			require.NoError(t, err)
			next := 0
			for _, f := range figs {
				for next < len(cols) && cols[next].Path != f.Path {
					next++
				}
				require.Less(t, next, len(cols), "figure %s is not a column (or out of order)", f.Path)
				require.Equal(t, cols[next].Share, f.Share, f.Path)
				if f.Path == "events" || len(f.Path) > 7 && f.Path[:7] == "checks." {
					continue
				}
				v, err := lookup(tree, f.Path)
				require.NoError(t, err, f.Path)
				require.Equal(t, v, f.Value, f.Path)
			}
			require.Equal(t, "events", figs[len(figs)-1].Path)
			require.Equal(t, float64(res.Summary.Events), figs[len(figs)-1].Value)
		})
	}
}

// TestFigureColumnsNameEveryKind: the columns of a scenario with sites,
// clients and metastability include each kind of figure, shares marked.
func TestFigureColumnsNameEveryKind(t *testing.T) {
	t.Parallel()
	shares := map[string]bool{}
	for _, name := range []string{"retry-storm", "kakao-2022-10-15", "exchange-2022-12-02"} {
		cols := figureColumnsOf(t, name, quickSets(t, name)...)
		for _, c := range cols {
			shares[c.Path] = c.Share
		}
	}
	for path, share := range map[string]bool{
		"metastable.metastable":                 true,
		"outage.duration_s":                     false,
		"impacted_users":                        false,
		"peak_load_ratio.mailbox-tokens→unit-b": false,
		"populations.japan.availability":        false,
		"checks.token-load-peak.ok":             true,
		"events":                                false,
	} {
		got, ok := shares[path]
		require.True(t, ok, "no column %s", path)
		require.Equal(t, share, got, path)
	}
	found := false
	for p := range shares {
		if len(p) > 6 && p[:6] == "sites." {
			found = true
		}
	}
	require.True(t, found, "site figures are columns")
}

// TestFigureNamesAreColumns: the figure names commands use (the constants
// and path functions of figures.go) are columns of real scenarios, so
// they follow summary.json's keys.
func TestFigureNamesAreColumns(t *testing.T) {
	t.Parallel()
	has := map[string]bool{}
	for _, name := range []string{"retry-storm", "kakao-2022-10-15", "exchange-2022-12-02"} {
		for _, c := range figureColumnsOf(t, name, quickSets(t, name)...) {
			has[c.Path] = true
		}
	}
	for _, path := range []string{
		FigureMetastable, FigureOutageDuration, FigureOutageEnd, FigureImpactedUsers, FigureEvents,
		PeakLoadRatioFigure("mailbox-tokens→unit-b"),
		PopulationFigure("japan", PopulationAvailability),
		PopulationFigure("japan", PopulationOutage),
		PopulationFigure("japan", PopulationUserMinutesLost),
		ComponentFigure("unit-b", ComponentOffered),
		CheckFigure("token-load-peak"),
	} {
		require.True(t, has[path], "no column %s", path)
	}
}
