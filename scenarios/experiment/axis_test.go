package experiment

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseValues(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"0,1,2", []string{"0", "1", "2"}},
		{" none , active-active ", []string{"none", "active-active"}},
		{"0..3/1", []string{"0", "1", "2", "3"}},
		{"0..1/0.1", []string{"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"}},
		{"0.5..1.6/0.25", []string{"0.5", "0.75", "1", "1.25", "1.5"}},
		{"2..2/1", []string{"2"}},
		{"1..100*3", []string{"1", "10", "100"}},
		{"0.1..10*5", []string{"0.1", "0.316228", "1", "3.16228", "10"}},
		{"-1..1/0.5", []string{"-1", "-0.5", "0", "0.5", "1"}},
	} {
		got, err := ParseValues(tc.text)
		require.NoError(t, err, tc.text)
		require.Equal(t, tc.want, got, tc.text)
	}
}

func TestParseValuesRefuses(t *testing.T) {
	for text, msg := range map[string]string{
		"":              "empty value",
		"1,,2":          "empty value",
		"1,2,1":         "listed twice",
		"3..1/1":        "below the lower end",
		"0..1/0":        "must be positive",
		"0..1/-1":       "must be positive",
		"0..1":          "expected lo..hi/step or lo..hi*n",
		"a..1/1":        "lower end",
		"0..inf/1":      "upper end",
		"0..1/nan":      "step",
		"0..1e9/1":      "at most 10000 per axis",
		"0..10*1":       "whole number from 2",
		"0..10*3":       "both ends must be positive",
		"1..1*3":        "the ends are equal",
		"1..1.000001*9": "print the same",
	} {
		_, err := ParseValues(text)
		require.Error(t, err, text)
		require.Contains(t, err.Error(), msg, text)
	}
}

func TestParseAxis(t *testing.T) {
	a, err := ParseAxis("token_retries=0..2/1")
	require.NoError(t, err)
	require.Equal(t, Axis{Key: "token_retries", Values: []string{"0", "1", "2"}}, a)
	_, err = ParseAxis("=1,2")
	require.ErrorContains(t, err, "expected KEY=VALUES")
	_, err = ParseAxis("load")
	require.ErrorContains(t, err, "expected KEY=VALUES")
	_, err = ParseAxis("load=1..0/1")
	require.ErrorContains(t, err, "load: range")
}

// TestReplicationSeed pins the documented hash: SplitMix64's first outputs
// from 0 are published test vectors.
func TestReplicationSeed(t *testing.T) {
	require.Equal(t, uint64(0xe220a8397b1dcdaf), ReplicationSeed(0, 0))
	require.Equal(t, uint64(0x6e789e6aa1b965f4), ReplicationSeed(0, 1))
	require.Equal(t, uint64(0x06c45d188009454f), ReplicationSeed(0, 2))
	require.NotEqual(t, ReplicationSeed(1, 0), ReplicationSeed(0, 0))
}
