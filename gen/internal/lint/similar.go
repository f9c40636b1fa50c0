package lint

import (
	"sort"
	"strings"
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

// editDistance is the Levenshtein distance between a and b in bytes.
func editDistance(a, b string) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 3 {
		return len(b) - len(a)
	}
	prev := make([]int, len(a)+1)
	cur := make([]int, len(a)+1)
	for i := range prev {
		prev[i] = i
	}
	for j := 1; j <= len(b); j++ {
		cur[0] = j
		for i := 1; i <= len(a); i++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[i] = min(prev[i]+1, cur[i-1]+1, prev[i-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(a)]
}
