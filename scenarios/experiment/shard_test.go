package experiment

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	s, err := ParseShard("2/5")
	require.NoError(t, err)
	require.Equal(t, Shard{2, 5}, s)
	for text, msg := range map[string]string{
		"5/5": "expected 0 to 4", "-1/3": "expected 0 to 2", "1/0": "expected 1 to", "x": "expected i/n", "1/2/3": "expected i/n",
	} {
		_, err := ParseShard(text)
		require.ErrorContains(t, err, msg, text)
	}
}

// TestShardsMergeToTheWholeStudy: three shards swept apart and merged give
// the bytes of the unsharded runs.csv; a missing shard's runs are listed;
// the partial merge resumes to the whole.
func TestShardsMergeToTheWholeStudy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := mm1Plan(t, 2) // 12 runs
	_, err := sweepTo(t, whole, filepath.Join(dir, "whole.csv"), SweepOptions{})
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(dir, "whole.csv"))
	require.NoError(t, err)

	var journals []io.Reader
	owned := 0
	for k := range 3 {
		p := mm1Plan(t, 2)
		p.Shard = Shard{k, 3}
		owned += p.OwnedRuns()
		path := filepath.Join(dir, "shard"+string(rune('0'+k))+".csv")
		res, err := sweepTo(t, p, path, SweepOptions{})
		require.NoError(t, err)
		require.Equal(t, 4, res.Ran)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		journals = append(journals, bytes.NewReader(b))
	}
	require.Equal(t, 12, owned)
	var merged bytes.Buffer
	res, err := whole.MergeShards(journals, &merged)
	require.NoError(t, err)
	require.Equal(t, MergeResult{Rows: 12}, res)
	require.Equal(t, string(want), merged.String())

	// Shard 1 missing: its runs are listed, the rest merged.
	b0, _ := os.ReadFile(filepath.Join(dir, "shard0.csv"))
	b2, _ := os.ReadFile(filepath.Join(dir, "shard2.csv"))
	header := strings.SplitAfter(string(b0), "\n")[0]
	merged.Reset()
	res, err = whole.MergeShards([]io.Reader{bytes.NewReader(b0), strings.NewReader(header), bytes.NewReader(b2)}, &merged)
	require.NoError(t, err)
	require.Equal(t, 4, res.Missing)
	require.Equal(t, []int{1, 4, 7, 10}, res.Listed)

	// The partial merge is a journal with holes: a sweep fills them.
	partial := filepath.Join(dir, "partial.csv")
	require.NoError(t, os.WriteFile(partial, merged.Bytes(), 0o644))
	rewritten := partial + ".new"
	r, err := sweepTo(t, whole, partial, SweepOptions{Rewrite: func() (io.Writer, func(bool) error, error) {
		f, err := os.Create(rewritten)
		return f, func(keep bool) error {
			f.Close()
			if !keep {
				return os.Remove(rewritten)
			}
			return os.Rename(rewritten, partial)
		}, err
	}})
	require.NoError(t, err)
	require.Equal(t, SweepResult{Kept: 8, Ran: 4}, r)
	got, _ := os.ReadFile(partial)
	require.Equal(t, string(want), string(got))

	// A shard's journal given as another's is refused.
	_, err = whole.MergeShards([]io.Reader{bytes.NewReader(b2), strings.NewReader(header), bytes.NewReader(b0)}, io.Discard)
	require.ErrorContains(t, err, "which is shard 2's")
}

// TestShardJournalRefusesOthersRows: a shard resumes only its own rows.
func TestShardJournalRefusesOthersRows(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := mm1Plan(t, 1)
	path := filepath.Join(dir, "runs.csv")
	_, err := sweepTo(t, whole, path, SweepOptions{})
	require.NoError(t, err)
	p := mm1Plan(t, 1)
	p.Shard = Shard{1, 2}
	_, err = sweepTo(t, p, path, SweepOptions{})
	require.ErrorContains(t, err, "holds run 0, which is not this shard's (1/2)")
}

func TestOwnedRuns(t *testing.T) {
	p := &Plan{Study: &Study{Reps: 1}, Combinations: make([]Combination, 10)}
	total := 0
	for k := range 4 {
		p.Shard = Shard{k, 4}
		n := 0
		for i := range 10 {
			if p.Owns(i) {
				n++
			}
		}
		require.Equal(t, n, p.OwnedRuns())
		total += n
	}
	require.Equal(t, 10, total)
	p.Shard = Shard{11, 12}
	require.Equal(t, 0, p.OwnedRuns())
}
