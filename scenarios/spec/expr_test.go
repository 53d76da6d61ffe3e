package spec

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Substitution over a fixed set of params: arithmetic, formatting, string
// and bool params used alone, the $${ escape, and the errors.
func TestExpandText(t *testing.T) {
	ps := &paramSet{
		list: []Param{
			{Name: "mu", Kind: NumberParam, Value: 2.0},
			{Name: "lambda", Kind: NumberParam, Value: 1.5},
			{Name: "region", Kind: StringParam, Value: "eu-west"},
			{Name: "replicated", Kind: BoolParam, Value: true},
			{Name: "big", Kind: NumberParam, Value: 1e6},
		},
		index:  map[string]int{"mu": 0, "lambda": 1, "region": 2, "replicated": 3, "big": 4},
		broken: map[string]bool{},
	}
	for _, tc := range []struct {
		in, want, err string
	}{
		{in: "plain text", want: "plain text"},
		{in: "${1/mu}s", want: "0.5s"},
		{in: "${1/(mu-lambda)}", want: "2"},
		{in: "${ big * 1.5 }", want: "1500000"},
		{in: "${-mu}", want: "-2"},
		{in: "${--mu}", want: "2"},
		{in: "${+mu}", want: "2"},
		{in: "${2*(3+4)-1}", want: "13"},
		{in: "${1/3}", want: "0.3333333333333333"},
		{in: "${1e3}", want: "1000"},
		{in: "${.5}", want: "0.5"},
		{in: "${0 * -1}", want: "0"},
		{in: "${mu}m${lambda}s", want: "2m1.5s"},
		{in: "${region}", want: "eu-west"},
		{in: "db-${region}", want: "db-eu-west"},
		{in: "${ replicated }", want: "true"},
		{in: "costs $${HOME} and ${mu}", want: "costs ${HOME} and 2"},
		{in: "${}", err: "empty expression"},
		{in: "${mu", err: `unterminated "${mu"`},
		{in: "${mu +}", err: "in ${mu +}: unexpected end"},
		{in: "${mu mu}", err: "unexpected 'm' at offset 3; expected an operator"},
		{in: "${(mu}", err: "missing ) at offset 3"},
		{in: "${mu/(lambda-1.5)}", err: `division by zero (the divisor "(lambda-1.5)" is 0)`},
		{in: "${nu}", err: `unknown param "nu" (declared: mu, lambda, region, replicated, big)`},
		{in: "${region + 1}", err: "param region is a string; a string or bool param can only be used alone, as ${region}"},
		{in: "${replicated * 2}", err: "param replicated is a bool"},
		{in: "${1e999}", err: `invalid number "1e999"`},
		{in: "${1e300 * 1e300}", err: "the result is not a finite number"},
		{in: "${mu % 2}", err: "unexpected '%'"},
		{in: "${" + strings.Repeat("(", maxExprDepth+1) + "1" + strings.Repeat(")", maxExprDepth+1) + "}", err: "nested deeper than 100 levels"},
		{in: "${" + strings.Repeat("-", maxExprDepth+1) + "1}", err: "nested deeper than 100 levels"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, _, broken, err := expandText(tc.in, ps)
			require.False(t, broken)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}
