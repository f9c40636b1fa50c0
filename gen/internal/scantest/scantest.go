// Package scantest makes inputs for the tests that hold a hand-written scan
// to the regular expression or library call it replaced.
package scantest

// Samples returns every string of at most depth pieces, pieces repeated in
// any order: "" first, then the strings of one piece, of two, and so on.
// Pieces are chosen to sit on a scanner's edges (delimiters, escapes, bytes
// that are not UTF-8), so that the combinations reach every branch.
// Each string comes once: every round extends only the strings the round
// before made.
func Samples(pieces []string, depth int) []string {
	out := []string{""}
	last := out
	for range depth {
		from := len(out)
		for _, s := range last {
			for _, p := range pieces {
				out = append(out, s+p)
			}
		}
		last = out[from:]
	}
	return out
}
