package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/parse"
)

// TestClosestBounds: suggestions are the nearest name, ties to the one that
// sorts first, and none where the search would be unbounded.
func TestClosestBounds(t *testing.T) {
	assert.Equal(t, "displayName", closest("displayname", []string{"id", "displayName", "description"}))
	assert.Equal(t, "color1", closest("colorr", []string{"colours", "colour", "color1"}), "ties (colour, color1) go to the name that sorts first")
	assert.Equal(t, "", closest("size", []string{"weight", "height"}))

	long := strings.Repeat("a", maxSuggestLen+1)
	assert.Equal(t, "", closest(long, []string{long + "b"}), "too long to search")
	many := make([]string, maxSuggestCands+1)
	for i := range many {
		many[i] = fmt.Sprintf("heading-%05d", i)
	}
	assert.Equal(t, "", closest("heading-0001x", many), "too many names of about its length to search")
	assert.Equal(t, "heading-00010", closest("heading-0001x", many[:maxSuggestCands]), "one letter off, as heading-00011 ... are: the first")
	// Names of other lengths do not count against the bound: a folder of
	// thousands of pages still gets its suggestion.
	pages := append([]string{"user.md"}, many...)
	assert.Equal(t, "user.md", closest("usr.md", pages))
	assert.Equal(t, "localSecurityOptionsDisableClientDigitallySignCommunicationsIfServerAgrees",
		closest("localSecurityOptionsDisableClientDigitallySignCommunicationsIfServerAgree", []string{"localSecurityOptionsDisableClientDigitallySignCommunicationsIfServerAgrees"}))
}

// TestEditDistanceWithin: the banded distance is the full distance where
// that is within the limit, and limit+1 where it is not.
func TestEditDistanceWithin(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "kitten", "sitting", "saturday", "sunday", "flaw", "lawn", "gumbo", "gambol", "colour", "color", "heading-00001", "heading-0001x", "intercom", "interco", "xintercom"}
	for _, a := range words {
		for _, b := range words {
			full := parse.EditDistance(a, b) // the full distance up to 3
			for limit := 1; limit <= 3; limit++ {
				assert.Equal(t, min(full, limit+1), editDistanceWithin(a, b, limit), "%q %q within %d", a, b, limit)
			}
		}
	}
}

// TestSuggestionBudget: a page's suggestions stop once they have cost the
// page's budget; the findings go on without one.
func TestSuggestionBudget(t *testing.T) {
	c := &checker{}
	names := make([]string, maxSuggestCands)
	for i := range names {
		names[i] = fmt.Sprintf("%s%04d", strings.Repeat("x", 96), i)
	}
	typo := names[7][:len(names[7])-1] + "q"
	assert.Equal(t, ` (did you mean "`+names[0]+`"?)`, c.suggest(typo, names), "one letter off from several: the first")
	calls := 1
	for c.suggest(typo, names) != "" {
		calls++
		require.Less(t, calls, 1000, "the budget never runs out")
	}
	assert.LessOrEqual(t, c.suggestCells, maxSuggestCells)
	assert.Greater(t, calls, 10, "a real page's few suggestions fit")
	assert.Equal(t, "", c.suggest(typo, names), "spent")
	assert.Equal(t, names[0], closest(typo, names), "the free function has no budget")
}
