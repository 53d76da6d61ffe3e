package scenarios

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// kakaoFirstDay runs the Kakao replay at its quick size over its first
// day (KakaoTalk is back within it) with sets, and returns KakaoTalk's
// outage in Japan and the switch-over's log.
func kakaoFirstDay(t *testing.T, sets ...string) (outage float64, log string) {
	t.Helper()
	s := loadBuiltin(t, "kakao-2022-10-15", append(quickSets(t, "kakao-2022-10-15"), sets...)...)
	s.Horizon = 24 * time.Hour
	res, err := Run(s, Options{})
	require.NoError(t, err)
	var b strings.Builder
	for _, e := range res.Events {
		if e.Subject == "to-second-dc" || strings.Contains(e.Message, "notice") {
			b.WriteString(e.Message + "\n")
		}
	}
	for _, p := range res.Summary.Outcome.Populations {
		if p.Name == "kakaotalk-japan" {
			return p.OutageS, b.String()
		}
	}
	t.Fatal("no population kakaotalk-japan")
	return 0, ""
}

// The power cut comes before the switch-over, as documented: the work to
// move messaging and set up login at the second site is under way when
// the cut darkens the operations tools' hall, so KakaoTalk waits for the
// restoration. A cut late enough lets the work finish; notice of the cut
// or an earlier decision start it in time; an earlier cut saves nothing
// but the restoration's earlier start.
func TestKakaoPowerCutBeatsTheSwitchover(t *testing.T) {
	t.Parallel()
	const documented = 10*3600 + 46*60
	talk, log := kakaoFirstDay(t)
	require.InDelta(t, documented, talk, 0.05*documented)
	require.Contains(t, log, "no advance notice of the power-off")
	require.Contains(t, log, "switch-over interrupted")
	require.NotContains(t, log, "switch-over done")

	for _, set := range []string{"power_cut_at=240", "notice_lead=90", "switch_decision=0"} {
		out, log := kakaoFirstDay(t, set)
		require.Contains(t, log, "switch-over done", set)
		require.Less(t, out, talk/3, "%s: the switch finishes before the cut, KakaoTalk runs at the second site", set)
	}

	// Cut 52 min earlier: the work never gets going before the tools go
	// dark, and the outage is shorter only by the restoration's earlier
	// start (3 h 8 min after the order, an estimate), give or take a step.
	early, log := kakaoFirstDay(t, "power_cut_at=60")
	require.NotContains(t, log, "switch-over done")
	require.GreaterOrEqual(t, early, talk-52*60-600, "an earlier cut does not let the switch happen")
}
