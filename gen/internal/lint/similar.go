package lint

import (
	"strings"

	"gen/gen/internal/parse"
)

// Bounds on the search for a suggestion, so that a page cannot make lint
// slow: no real name or anchor is longer, and no real page or type has as
// many names to choose from (a page with thousands of headings and as many
// broken anchors took a minute before).
const (
	maxSuggestLen   = 64
	maxSuggestCands = 500
)

// closest returns the candidate nearest to s by edit distance, ignoring
// case, or "" when none is near enough to be a likely misspelling (at most
// a third of s's letters differ), or when s or the candidates exceed the
// bounds above. Ties go to the candidate that sorts first, so suggestions
// do not depend on map order.
func closest(s string, cands []string) string {
	if len(s) > maxSuggestLen || len(cands) > maxSuggestCands {
		return ""
	}
	ls := strings.ToLower(s)
	limit := max(1, min(3, len(ls)/3))
	best, bestD := "", limit+1
	for _, c := range cands {
		if c == s || len(c) > len(s)+limit || len(c) < len(s)-limit {
			continue // the length alone differs by more than the limit
		}
		d := editDistance(ls, strings.ToLower(c))
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	return best
}

// suggest formats closest as a message suffix.
func suggest(s string, cands []string) string {
	if c := closest(s, cands); c != "" {
		return ` (did you mean "` + c + `"?)`
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b in bytes (see
// parse.EditDistance).
func editDistance(a, b string) int { return parse.EditDistance(a, b) }
