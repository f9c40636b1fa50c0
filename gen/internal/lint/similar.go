package lint

import (
	"sort"
	"strings"

	"gen/gen/internal/parse"
)

// closest returns the candidate nearest to s by edit distance, ignoring
// case, or "" when none is near enough to be a likely misspelling (at most
// a third of s's letters differ). Ties go to the candidate that sorts first,
// so suggestions do not depend on map order.
func closest(s string, cands []string) string {
	sorted := append([]string(nil), cands...)
	sort.Strings(sorted)
	ls := strings.ToLower(s)
	limit := max(1, min(3, len(ls)/3))
	best, bestD := "", limit+1
	for _, c := range sorted {
		if c == s {
			continue
		}
		d := editDistance(ls, strings.ToLower(c))
		if d < bestD {
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
