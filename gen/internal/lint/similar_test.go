package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
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
	assert.Equal(t, "", closest("heading-0001x", many), "too many names to search")
	assert.Equal(t, "heading-00010", closest("heading-0001x", many[:maxSuggestCands]), "one letter off, as heading-00011 ... are: the first")
}
