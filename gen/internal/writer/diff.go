package writer

import (
	"fmt"
	"strings"
)

// contextLines is the number of unchanged lines shown around each change,
// as diff -u and git diff do.
const contextLines = 3

// maxEditDistance bounds the Myers search. Beyond it the two middles (after
// the common prefix and suffix are trimmed) are shown as one replaced block:
// still a correct diff, only not a minimal one, and the memory stays small
// (the search keeps O(d²) integers).
const maxEditDistance = 2000

// Unified returns a unified diff (diff -u format, 3 lines of context) that
// turns old into new, or "" when they are equal. oldName and newName label
// the --- and +++ lines; a missing file is labelled /dev/null by the caller
// and passed as empty content. A last line without a trailing newline is
// marked "\ No newline at end of file", so the diff applies with patch and
// git apply.
func Unified(oldName, newName string, old, new []byte) string {
	if string(old) == string(new) {
		return ""
	}
	a, b := splitLines(string(old)), splitLines(string(new))
	ops := diffLines(a, b)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks(ops) {
		writeHunk(&out, h, a, b)
	}
	return out.String()
}

// splitLines splits s after each "\n"; every element but possibly the last
// ends in "\n".
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// opKind is one step of an edit script.
type opKind byte

const (
	opEqual  opKind = ' '
	opDelete opKind = '-'
	opInsert opKind = '+'
)

// op is one line of an edit script: a line of a (delete), of b (insert) or
// of both (equal). ai and bi are the line indexes in a and b.
type op struct {
	kind   opKind
	ai, bi int
}

// diffLines computes an edit script from a to b: common prefix and suffix
// first, then Myers' O(ND) algorithm on what is left.
func diffLines(a, b []string) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{opEqual, i, i})
	}
	ops = append(ops, myers(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for i := 0; i < suf; i++ {
		ops = append(ops, op{opEqual, len(a) - suf + i, len(b) - suf + i})
	}
	return ops
}

// myers returns a shortest edit script from a to b (Myers 1986, "An O(ND)
// Difference Algorithm and Its Variations"), with line indexes offset by
// aOff and bOff. Deletions come before insertions within a change.
func myers(a, b []string, aOff, bOff int) []op {
	n, m := len(a), len(b)
	if n == 0 && m == 0 {
		return nil
	}
	max := n + m
	if max > maxEditDistance {
		max = maxEditDistance
	}
	// v[k+off] is the furthest x reached on diagonal k; trace keeps a copy of
	// v's live part after each round d, to walk the path back.
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	found := -1
	for d := 0; d <= max && found < 0; d++ {
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[k-1+off] < v[k+1+off] {
				x = v[k+1+off] // down: insert
			} else {
				x = v[k-1+off] + 1 // right: delete
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[k+off] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
		snap := make([]int, 2*d+1)
		copy(snap, v[off-d:off+d+1])
		trace = append(trace, snap)
	}
	if found < 0 {
		// Too different for the bounded search: replace the whole block.
		ops := make([]op, 0, n+m)
		for i := 0; i < n; i++ {
			ops = append(ops, op{opDelete, aOff + i, bOff})
		}
		for j := 0; j < m; j++ {
			ops = append(ops, op{opInsert, aOff + n, bOff + j})
		}
		return ops
	}
	// Walk back from (n, m): at each round d, find the diagonal the path
	// came from in round d-1, undo the snake, then the one insert or delete.
	var rev []op
	x, y := n, m
	for d := found; d > 0; d-- {
		prev := trace[d-1] // covers diagonals -(d-1) .. d-1
		at := func(k int) int { return prev[k+d-1] }
		k := x - y
		pk := k - 1 // came right: a delete
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1 // came down: an insert
		}
		px := at(pk)
		py := px - pk
		mx, my := px+1, py // where the move landed, before the snake
		if pk == k+1 {
			mx, my = px, py+1
		}
		for x > mx && y > my {
			x, y = x-1, y-1
			rev = append(rev, op{opEqual, aOff + x, bOff + y})
		}
		if pk == k+1 {
			rev = append(rev, op{opInsert, aOff + px, bOff + py})
		} else {
			rev = append(rev, op{opDelete, aOff + px, bOff + py})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		rev = append(rev, op{opEqual, aOff + x, bOff + y})
	}
	ops := make([]op, len(rev))
	for i, o := range rev {
		ops[len(rev)-1-i] = o
	}
	return ops
}

// hunk is a run of ops: changes with up to contextLines of equal lines
// around them.
type hunk []op

// hunks groups an edit script into hunks: changes separated by at most
// 2*contextLines equal lines share a hunk, so hunks never overlap.
func hunks(ops []op) []hunk {
	var out []hunk
	i := 0
	for {
		c := i
		for c < len(ops) && ops[c].kind == opEqual {
			c++
		}
		if c == len(ops) {
			return out
		}
		start := max(c-contextLines, i)
		end := c
		for end < len(ops) {
			if ops[end].kind != opEqual {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == opEqual {
				run++
			}
			if run == len(ops) || run-end > 2*contextLines {
				end = min(end+contextLines, run)
				break
			}
			end = run
		}
		out = append(out, hunk(ops[start:end]))
		i = end
	}
}

// writeHunk writes one "@@ -l,s +l,s @@" hunk. A range of one line prints
// only its start; an empty range prints the line before it and ",0", as GNU
// diff does.
func writeHunk(w *strings.Builder, h hunk, a, b []string) {
	aStart, bStart := -1, -1
	aCount, bCount := 0, 0
	for _, o := range h {
		if o.kind != opInsert {
			if aStart < 0 {
				aStart = o.ai
			}
			aCount++
		}
		if o.kind != opDelete {
			if bStart < 0 {
				bStart = o.bi
			}
			bCount++
		}
	}
	if aStart < 0 {
		aStart = h[0].ai
	}
	if bStart < 0 {
		bStart = h[0].bi
	}
	fmt.Fprintf(w, "@@ -%s +%s @@\n", hunkRange(aStart, aCount), hunkRange(bStart, bCount))
	for _, o := range h {
		line := ""
		switch o.kind {
		case opInsert:
			line = b[o.bi]
		default:
			line = a[o.ai]
		}
		w.WriteByte(byte(o.kind))
		w.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			w.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// hunkRange formats a 0-based start and a count as a hunk header range.
func hunkRange(start, count int) string {
	switch count {
	case 0:
		return fmt.Sprintf("%d,0", start) // the line before the empty range
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, count)
}
