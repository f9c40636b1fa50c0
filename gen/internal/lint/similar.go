package lint

import (
	"math"
	"strings"
)

// Bounds on the search for a suggestion, so that no page can make lint
// slow (a page of thousands of broken anchors took a minute, and pages of
// long names linking into one such page took as long): a name longer than
// any a real page writes (the corpus's are under 100 bytes) gets none, and
// so does one with more candidates of about its length than a real folder
// or type has. Only the cells of the edit distance within the limit of the
// diagonal are computed, and a page's suggestions together compute at
// most maxSuggestCells of them (a few milliseconds); the findings after
// that come without one.
const (
	maxSuggestLen   = 128
	maxSuggestCands = 1000
	maxSuggestCells = 20_000_000
)

// closest returns the candidate nearest to s by edit distance, ignoring
// case, or "" when none is near enough to be a likely misspelling (at most
// a third of s's letters differ), or when s or the candidates exceed the
// bounds above. Ties go to the candidate that sorts first, so suggestions
// do not depend on map order.
func closest(s string, cands []string) string {
	best, _ := closestWithin(s, cands, math.MaxInt)
	return best
}

// closestWithin is closest for a search of at most budget cells; it
// returns "" and no cost when the search would take more, else what it
// cost.
func closestWithin(s string, cands []string, budget int) (best string, cells int) {
	if len(s) > maxSuggestLen {
		return "", 0
	}
	limit := max(1, min(3, len(s)/3))
	near := 0
	for _, c := range cands {
		if len(c) <= len(s)+limit && len(c) >= len(s)-limit {
			near++
		}
	}
	cells = near * (len(s) + limit + 1) * (2*limit + 1)
	if near > maxSuggestCands || cells > budget {
		return "", 0
	}
	ls := strings.ToLower(s)
	bestD := limit + 1
	for _, c := range cands {
		if c == s || len(c) > len(s)+limit || len(c) < len(s)-limit {
			continue // the length alone differs by more than the limit
		}
		d := editDistanceWithin(ls, strings.ToLower(c), limit)
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	return best, cells
}

// suggest formats closest as a message suffix.
func suggest(s string, cands []string) string { return didYouMeanSuffix(closest(s, cands)) }

func didYouMeanSuffix(c string) string {
	if c == "" {
		return ""
	}
	return ` (did you mean "` + c + `"?)`
}

// closest is closest within what is left of the page's budget, which
// also pays for the look at each candidate's length.
func (c *checker) closest(s string, cands []string) string {
	if c.suggestCells += len(cands); c.suggestCells > maxSuggestCells {
		return ""
	}
	best, cells := closestWithin(s, cands, maxSuggestCells-c.suggestCells)
	c.suggestCells += cells
	return best
}

// suggest is suggest within what is left of the page's budget.
func (c *checker) suggest(s string, cands []string) string {
	return didYouMeanSuffix(c.closest(s, cands))
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
