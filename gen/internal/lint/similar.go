package lint

import (
	"strings"
)

// Bounds on the search for a suggestion, so that a page cannot make lint
// slow (a page of thousands of broken anchors took a minute): a name longer
// than the longest a real page writes (the corpus's are under 100 bytes)
// gets none, and so does one with more candidates of about its length than
// a real folder or type has. Only the cells of the edit distance within the
// limit of the diagonal are computed.
const (
	maxSuggestLen   = 256
	maxSuggestCands = 1000
)

// closest returns the candidate nearest to s by edit distance, ignoring
// case, or "" when none is near enough to be a likely misspelling (at most
// a third of s's letters differ), or when s or the candidates exceed the
// bounds above. Ties go to the candidate that sorts first, so suggestions
// do not depend on map order.
func closest(s string, cands []string) string {
	if len(s) > maxSuggestLen {
		return ""
	}
	ls := strings.ToLower(s)
	limit := max(1, min(3, len(ls)/3))
	near := 0
	for _, c := range cands {
		if len(c) <= len(s)+limit && len(c) >= len(s)-limit {
			near++
		}
	}
	if near > maxSuggestCands {
		return ""
	}
	best, bestD := "", limit+1
	for _, c := range cands {
		if c == s || len(c) > len(s)+limit || len(c) < len(s)-limit {
			continue // the length alone differs by more than the limit
		}
		d := editDistanceWithin(ls, strings.ToLower(c), limit)
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

// editDistanceWithin is the Levenshtein distance between a and b in bytes
// when it is at most limit, else limit+1. Only the cells within limit of
// the diagonal can lead to a distance that small, so only they are
// computed, and the search stops at the first row in which all exceed it.
func editDistanceWithin(a, b string, limit int) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	n, m, over := len(a), len(b), limit+1
	if m-n > limit {
		return over
	}
	prev, cur := make([]int, n+1), make([]int, n+1)
	for i := range prev {
		prev[i] = min(i, over)
	}
	// at is a row's cell, over outside the band [lo, hi] it was computed in.
	at := func(row []int, i, lo, hi int) int {
		if i < lo || i > hi {
			return over
		}
		return row[i]
	}
	plo, phi := 0, min(n, limit)
	for j := 1; j <= m; j++ {
		lo, hi := max(0, j-limit), min(n, j+limit)
		rowMin := over
		for i := lo; i <= hi; i++ {
			v := min(j, over)
			if i > 0 {
				cost := 1
				if a[i-1] == b[j-1] {
					cost = 0
				}
				v = min(at(prev, i-1, plo, phi)+cost, at(prev, i, plo, phi)+1, at(cur, i-1, lo, i-1)+1, over)
			}
			cur[i] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return over
		}
		prev, cur = cur, prev
		plo, phi = lo, hi
	}
	return prev[n]
}
