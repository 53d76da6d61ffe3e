package scenarios

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cascade-sim/cascade/sim"
	"github.com/stretchr/testify/require"
)

// docomo20Users is the quick size's users per unit; the file's is 230,000.
const docomo20Users = 5000.0

// docomo20 runs the 20 Dec replay at its quick size (the outage does not
// depend on the users; the impacted users scale with them) with sets; seed
// 0 keeps the file's. About a third of a second a run; the result is
// shared (runBuiltin).
func docomo20(t *testing.T, seed uint64, sets ...string) *Result {
	t.Helper()
	return runBuiltin(t, "docomo-2022-12-20", seed, append(quickSets(t, "docomo-2022-12-20"), sets...)...)
}

// stuckUnits counts the units whose users saw more than two minutes of
// outage: those that lost their routes and did not detour by themselves.
func stuckUnits(o Outcome) int {
	n := 0
	for _, p := range o.Populations {
		if p.OutageS > 120 {
			n++
		}
	}
	return n
}

// at returns the time of the first entry about or by component whose
// message starts with prefix.
func at(t *testing.T, events []sim.LogEntry, component, prefix string) sim.Time {
	t.Helper()
	e, ok := find(events, component, prefix)
	require.True(t, ok, "no %s entry %q", component, prefix)
	return e.At
}

// The two tracks run side by side: both start at the notice; the rollback
// (to the prepared configuration, lacking the same routes) ends long
// before the detour and changes nothing for the users; the detour track's
// hand work is per unit and ends with the detour, after which the users
// are back. Some units detour by themselves within a minute.
func TestDocomo20DecTracksSideBySide(t *testing.T) {
	t.Parallel()
	res := docomo20(t, 0)
	ev := res.Events
	notice := at(t, ev, "noc", "notice: noticed")
	require.Equal(t, notice, at(t, ev, "noc", "decide-detour: starts"), "the detour track starts at the notice")
	rollback := at(t, ev, "noc", "rollback: operator noc after notice")
	require.Greater(t, rollback-notice, 30*sim.Time(time.Minute)-1)
	require.Less(t, rollback-notice, 45*sim.Time(time.Minute)+1)
	found := at(t, ev, "noc", "find-auto-detoured-units: done")
	require.Greater(t, found, rollback, "the rollback ends while the units are still being checked")
	detour := at(t, ev, "noc", "manual-detour: operator noc")
	require.Greater(t, detour, at(t, ev, "noc", "write-detour-commands: done"))
	o := res.Summary.Outcome
	require.InDelta(t, detour.Seconds(), o.Outage.StartS+o.Outage.DurationS, 61, "the outage ends with the detour, not the rollback")
	e, ok := find(ev, "l3-e", "rollback to prepared-rollback: ")
	require.True(t, ok)
	lostEntry, ok := find(ev, "l3-e", "config expansion-change applied: ")
	require.True(t, ok)
	require.NotContains(t, lostEntry.Message, ": 0 of 16")
	var lost, kept int
	_, err := fmt.Sscanf(lostEntry.Message, "config expansion-change applied: %d of 16 entries lost", &lost)
	require.NoError(t, err)
	_, err = fmt.Sscanf(e.Message, "rollback to prepared-rollback: %d entries", &kept)
	require.NoError(t, err)
	require.Equal(t, 16-lost, kept, "the prepared rollback lacks the same routes")
	auto := 0
	for _, e := range ev {
		if strings.HasPrefix(e.By, "auto-detour-") && e.Kind == sim.EventDetour {
			auto++
			require.Less(t, e.At, 41*sim.Time(time.Minute), "%s: an automatic detour within a minute of the change", e.By)
		}
	}
	require.Equal(t, lost-stuckUnits(o), auto, "every unit that lost its routes either detoured by itself or waited for the operators")
	// The commands are written for the units still on plane E, counted in
	// the run when the writing starts.
	_, ok = find(ev, "noc", fmt.Sprintf("write-detour-commands: starts (%d items)", 16-auto))
	require.True(t, ok, "a command for each of the %d units that did not detour by themselves", 16-auto)
	_, ok = find(ev, "noc", "find-auto-detoured-units: starts (16 items)")
	require.True(t, ok, "every unit is checked")
}

// The what-ifs, each from a run: no lost routes, no outage; a correct
// rollback ends the outage before the detour; more automatic detour,
// faster hand work or an earlier start shorten it, less automatic detour
// lengthens it.
func TestDocomo20DecWhatIfs(t *testing.T) {
	t.Parallel()
	base := docomo20(t, 0).Summary.Outcome
	outage := func(sets ...string) float64 { return docomo20(t, 0, sets...).Summary.Outcome.Outage.DurationS }
	require.Equal(t, 40*60.0, base.Outage.StartS, "01:10 JST")
	require.InDelta(t, 122*60, base.Outage.DurationS, 0.06*122*60, "2 h 2 min")

	require.Zero(t, outage("procedure=specific"), "no route lost")
	require.Less(t, outage("rollback=correct"), base.Outage.DurationS/1.5, "a correct rollback ends it before the detour")
	require.LessOrEqual(t, outage("auto_detour=all"), 60.0, "every unit detours by itself within a minute")
	none := outage("auto_detour=none")
	require.Greater(t, none, base.Outage.DurationS, "no unit detours by itself: every unit's command by hand")
	fast := outage("find_per_unit=1", "command_per_unit=1")
	// 16 checks 2.3 min shorter, 14 commands (the units still on plane E)
	// 1.5 min shorter.
	require.InDelta(t, base.Outage.DurationS-(16*2.3+14*1.5)*60, fast, 10*60, "the hand work per unit is the cost")
	require.Less(t, outage("detour_start=0"), base.Outage.DurationS, "an earlier start, an earlier detour")
}

// The documented fix, the comparison of the values before and after: the
// change goes live, the check finds the lost routes check_time later and
// restores the values before. A short impact, not none; the rollback the
// operators prepare is checked too, so it does not lose the routes again.
func TestDocomo20DecPrePostCheck(t *testing.T) {
	t.Parallel()
	base := docomo20(t, 0).Summary.Outcome
	outage := func(sets ...string) float64 { return docomo20(t, 0, sets...).Summary.Outcome.Outage.DurationS }
	pre := docomo20(t, 0, "prepost_check=true")
	d := pre.Summary.Outcome.Outage.DurationS
	require.Greater(t, d, 5*60.0, "the change is live until the check ends: a short impact")
	require.LessOrEqual(t, d, 11*60.0, "the check restores the values before 10 min after the change")
	e, ok := find(pre.Events, "l3-e", "pre/post check of expansion-change: ")
	require.True(t, ok)
	require.Contains(t, e.Message, "restoring the values before")
	require.Positive(t, pre.Summary.Outcome.Populations[stuckIndex(base)].ImpactedUsers, "the units that lost their routes see the short impact")
	require.Less(t, outage("prepost_check=true", "check_time=3"), d, "a faster check, a shorter impact")
	require.Zero(t, outage("prepost_check=true", "procedure=specific"), "a faithful change passes the check")
	for _, e := range pre.Events {
		require.NotContains(t, e.Message, "rollback to prepared-rollback", "the checked rollback is complete")
	}
}

// stuckIndex returns the index of a population that stayed in the outage.
func stuckIndex(o Outcome) int {
	for i, p := range o.Populations {
		if p.OutageS > 120 {
			return i
		}
	}
	return -1
}

// The documented checks hold on average over seeds 1-10 at the quick size
// (the impacted users scaled to the file's users per unit): the share of
// routes lost is drawn per run, so how many units lose their routes, and
// the impacted users, vary from seed to seed; the log gives the ranges
// (go test ./scenarios -full -run TestDocomo20DecChecksHoldAcrossSeeds -v).
// About 3.5 s.
func TestDocomo20DecChecksHoldAcrossSeeds(t *testing.T) {
	t.Parallel()
	requireFull(t, "ten seeds of the replay, a multi-seed sweep")
	const seeds = 10
	var outage, users float64
	lo, hi := 1e9, 0.0
	counts := map[int]bool{}
	for seed := uint64(1); seed <= seeds; seed++ {
		o := docomo20(t, seed).Summary.Outcome
		u := 0.0
		for _, p := range o.Populations {
			u += p.ImpactedUsers
		}
		outage += o.Outage.DurationS / seeds
		users += u * 230000 / docomo20Users / seeds
		lo, hi = min(lo, o.Outage.DurationS), max(hi, o.Outage.DurationS)
		counts[stuckUnits(o)] = true
	}
	t.Logf("outage over seeds 1-10: mean %.1f min, %.0f-%.0f min (documented 122); impacted users: mean %.0f (documented 690,000)", outage/60, lo/60, hi/60, users)
	require.InDelta(t, 7320, outage, 0.06*7320)
	require.InDelta(t, 690000, users, 0.1*690000)
	require.Greater(t, len(counts), 2, "how many units stay down varies with the seed")
}

// docomo20Edited validates the 20 Dec file with each old text replaced by
// new (pairs), at its quick size.
func docomo20Edited(t *testing.T, pairs ...string) (*Result, error) {
	t.Helper()
	b, ok := LookupBuiltin("docomo-2022-12-20")
	require.True(t, ok)
	doc := string(b.Data)
	for i := 0; i+1 < len(pairs); i += 2 {
		require.Contains(t, doc, pairs[i])
		doc = strings.Replace(doc, pairs[i], pairs[i+1], 1)
	}
	s, err := Validate(b.File, []byte(doc), quickSets(t, "docomo-2022-12-20"))
	if err != nil {
		return nil, err
	}
	return Run(s, Options{})
}

// A per_unit names planes components and a plane of each, on a work step;
// anything else is an error at its file:line:column.
func TestPerUnitErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		old, new  string
		where, is string
	}{
		{"not a work step", "        kind: work\n        per_unit: {units: [unit-1,", "        kind: diagnose\n        per_unit: {units: [unit-1,",
			"docomo-2022-12-20.yaml:%[1]d:19: operators.noc.steps.find-auto-detoured-units.per_unit", "only a work step is per unit; expected kind: work"},
		{"not a planes component", "per_unit: {units: [unit-1, unit-2,", "per_unit: {units: [unit-1, via-e-2,",
			"docomo-2022-12-20.yaml:%[1]d:36: operators.noc.steps.find-auto-detoured-units.per_unit.units.1", `expected a planes component, got "via-e-2", a route component`},
		{"unknown plane", "unit-16], on: e}", "unit-16], on: g}",
			"docomo-2022-12-20.yaml:%[2]d:168: operators.noc.steps.write-detour-commands.per_unit.on", `unknown plane "g" of unit-1`},
		{"units not a list", "per_unit: {units: [unit-1, unit-2,", "per_unit: {units: unit-1, x: [unit-2,",
			"docomo-2022-12-20.yaml:%[1]d:27: operators.noc.steps.find-auto-detoured-units.per_unit.units", "expected a non-empty list of planes component names"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := docomo20Edited(t, c.old, c.new)
			// The lines of the two per_unit steps in the file.
			b, _ := LookupBuiltin("docomo-2022-12-20")
			doc := string(b.Data)
			find := 1 + strings.Count(doc[:strings.Index(doc, "per_unit: {units: [unit-1,")], "\n")
			write := 1 + strings.Count(doc[:strings.Index(doc, "unit-16], on: e}")], "\n")
			require.ErrorContains(t, err, fmt.Sprintf(c.where, find, write))
			require.ErrorContains(t, err, c.is)
		})
	}
}
