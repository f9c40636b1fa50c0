package scantest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSamples makes every string of at most depth pieces, shortest first,
// each sequence of pieces once.
func TestSamples(t *testing.T) {
	got := Samples([]string{"a", "b"}, 3)
	require.Equal(t, []string{"", "a", "b", "aa", "ab", "ba", "bb",
		"aaa", "aab", "aba", "abb", "baa", "bab", "bba", "bbb"}, got)
	require.Len(t, Samples([]string{"(", ")", "/", "a", "'", "x"}, 6), 1+6+36+216+1296+7776+46656)
}
