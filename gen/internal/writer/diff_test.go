package writer

import (
	"fmt"
	"math/rand"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnifiedExact(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		want     string
	}{
		{name: "equal", old: "a\nb\n", new: "a\nb\n", want: ""},
		{
			name: "one line changed in the middle, context 3",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			new:  "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
			want: "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
		},
		{
			name: "new file",
			old:  "",
			new:  "x\ny\n",
			want: "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+x\n+y\n",
		},
		{
			name: "single-line ranges print no count",
			old:  "a\n",
			new:  "b\n",
			want: "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n+b\n",
		},
		{
			name: "insertion after the first line",
			old:  "a\nc\n",
			new:  "a\nb\nc\n",
			want: "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n a\n+b\n c\n",
		},
		{
			name: "missing newline at end of file",
			old:  "a\nb",
			new:  "a\nb\n",
			want: "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
		},
		{
			name: "far-apart changes make two hunks",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
			new:  "one\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n",
			want: "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n",
		},
		{
			name: "changes seven lines apart make two hunks",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n9\n",
			new:  "one\n2\n3\n4\n5\n6\n7\n8\nnine\n",
			want: "--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-1\n+one\n 2\n 3\n 4\n@@ -6,4 +6,4 @@\n 6\n 7\n 8\n-9\n+nine\n",
		},
		{
			name: "changes six lines apart share a hunk",
			old:  "1\n2\n3\n4\n5\n6\n7\n8\n",
			new:  "one\n2\n3\n4\n5\n6\n7\neight\n",
			want: "--- a/f\n+++ b/f\n@@ -1,8 +1,8 @@\n-1\n+one\n 2\n 3\n 4\n 5\n 6\n 7\n-8\n+eight\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, Unified("a/f", "b/f", []byte(c.old), []byte(c.new)))
		})
	}
}

// TestUnifiedRandom checks, on many random small inputs, that applying the
// diff to old gives new, that hunk headers count their lines, and that the
// number of changed lines is minimal (equal to what an LCS gives).
func TestUnifiedRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gen := func() string {
		n := rng.Intn(14)
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "%c\n", 'a'+rng.Intn(4))
		}
		s := b.String()
		if s != "" && rng.Intn(5) == 0 {
			s = strings.TrimSuffix(s, "\n")
		}
		return s
	}
	for i := 0; i < 3000; i++ {
		old, new := gen(), gen()
		d := Unified("a/f", "b/f", []byte(old), []byte(new))
		if old == new {
			require.Empty(t, d)
			continue
		}
		got, changed := applyUnified(t, old, d)
		require.Equal(t, new, got, "diff of %q -> %q:\n%s", old, new, d)
		a, b := splitLines(old), splitLines(new)
		require.Equal(t, len(a)+len(b)-2*lcs(a, b), changed, "not minimal for %q -> %q:\n%s", old, new, d)
	}
}

func TestUnifiedLargeInputsStayBounded(t *testing.T) {
	var a, b strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&a, "old %d\n", i)
		fmt.Fprintf(&b, "new %d\n", i)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	d := Unified("a/f", "b/f", []byte(a.String()), []byte(b.String()))
	runtime.ReadMemStats(&after)
	got, _ := applyUnified(t, a.String(), d)
	assert.Equal(t, b.String(), got)
	// Nothing in common: an unbounded search would go 10,000 edits deep,
	// keeping a trace per edit (hundreds of MB); the bound stops it at
	// maxEditDistance and gives up on a minimal diff.
	t.Logf("allocated %d MB", (after.TotalAlloc-before.TotalAlloc)>>20)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(128<<20))
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$`)

// applyUnified applies a unified diff to old, checking each hunk's header
// against its body, and returns the result and the number of -/+ lines.
func applyUnified(t *testing.T, old, diff string) (string, int) {
	t.Helper()
	src := splitLines(old)
	lines := strings.SplitAfter(diff, "\n")
	require.True(t, strings.HasPrefix(lines[0], "--- ") && strings.HasPrefix(lines[1], "+++ "), diff)
	var out []string
	pos, changed := 0, 0
	i := 2
	for i < len(lines) && lines[i] != "" {
		m := hunkHeader.FindStringSubmatch(strings.TrimSuffix(lines[i], "\n"))
		require.NotNil(t, m, "bad hunk header %q in\n%s", lines[i], diff)
		count := func(s string) int {
			if s == "" {
				return 1
			}
			n, _ := strconv.Atoi(s)
			return n
		}
		aStart, aCount := mustAtoi(m[1]), count(m[2])
		start := aStart - 1
		if aCount == 0 {
			start = aStart
		}
		require.GreaterOrEqual(t, start, pos)
		out = append(out, src[pos:start]...)
		pos = start
		i++
		var seenA, seenB int
		for i < len(lines) && lines[i] != "" && !strings.HasPrefix(lines[i], "@@") {
			l := lines[i]
			i++
			noNL := i < len(lines) && strings.HasPrefix(lines[i], `\ No newline`)
			body := l[1:]
			if noNL {
				body = strings.TrimSuffix(body, "\n")
				i++
			}
			switch l[0] {
			case ' ':
				require.Equal(t, src[pos], body)
				out = append(out, body)
				pos++
				seenA++
				seenB++
			case '-':
				require.Equal(t, src[pos], body)
				pos++
				seenA++
				changed++
			case '+':
				out = append(out, body)
				seenB++
				changed++
			default:
				t.Fatalf("bad diff line %q", l)
			}
		}
		require.Equal(t, aCount, seenA, "old count in %s", m[0])
		require.Equal(t, count(m[4]), seenB, "new count in %s", m[0])
	}
	out = append(out, src[pos:]...)
	return strings.Join(out, ""), changed
}

func mustAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

func lcs(a, b []string) int {
	dp := make([][]int, len(a)+1)
	for i := range dp {
		dp[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	return dp[0][0]
}
