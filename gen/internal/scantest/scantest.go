// Package scantest makes inputs for the tests that hold a hand-written scan
// to the regular expression or library call it replaced.
package scantest

// Samples returns every string of at most depth pieces, pieces repeated in
// any order: "" first, then the strings of one piece, of two, and so on.
// Pieces are chosen to sit on a scanner's edges (delimiters, escapes, bytes
// that are not UTF-8), so that the combinations reach every branch.
func Samples(pieces []string, depth int) []string {
	out := []string{""}
	for range depth {
		var next []string
		for _, s := range out {
			for _, p := range pieces {
				next = append(next, s+p)
			}
		}
		out = append(out, next...)
	}
	return out
}
