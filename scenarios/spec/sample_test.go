package spec

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPopulationSample: a population may say it is a sample and of what;
// the population it stands for has at least the sample's users, and of
// is required.
func TestPopulationSample(t *testing.T) {
	base := testdataDoc(t, "mm1.yaml")
	doc := editDoc(t, base, "    users: 1000\n", "    users: 1000\n    sample: {of: \"all customers\", users: 5000000}\n")
	s, err := Load("t.yaml", []byte(doc), nil)
	require.NoError(t, err)
	require.Equal(t, &Sample{Of: "all customers", Users: 5000000}, s.Populations[0].Sample)

	doc = editDoc(t, base, "    users: 1000\n", "    users: 1000\n    sample: {of: \"all customers\"}\n")
	s, err = Load("t.yaml", []byte(doc), nil)
	require.NoError(t, err)
	require.Equal(t, &Sample{Of: "all customers"}, s.Populations[0].Sample, "users unknown")

	s, err = Load("t.yaml", []byte(base), nil)
	require.NoError(t, err)
	require.Nil(t, s.Populations[0].Sample, "not a sample")

	requireLoadErrors(t, editDoc(t, base, "    users: 1000\n", "    users: 1000\n    sample: {of: \"all customers\", users: 10}\n"),
		wantErr{"t.yaml:30:42", "populations.customers.sample.users", "expected at least the sample's 1000 users (the population the sample stands for), got 10"})
	requireLoadErrors(t, editDoc(t, base, "    users: 1000\n", "    users: 1000\n    sample: {users: 5000}\n"),
		wantErr{"t.yaml:30:13", "populations.customers.sample.of", "missing required field \"of\"; expected what population the sample stands for, e.g. \"Kakao T (taxi) users\""})
}
