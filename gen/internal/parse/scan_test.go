package parse

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"gen/gen/internal/scantest"
)

// The hand-written scanners of extract.go replace regular expressions that
// cost more than the rest of the extraction; these tests hold each scanner to
// the expression it replaces, on the cases that matter and on many
// generated strings.

var (
	statusOracle  = regexp.MustCompile(`\b([1-5][0-9][0-9])\b\s*(?:[A-Z][A-Za-z-]*(?:\s+[A-Z][A-Za-z-]*)*)?`)
	paramOracle   = regexp.MustCompile(`\{([^{}]+)\}`)
	versionOracle = regexp.MustCompile(`^/(beta|v1\.0|v1)(/|$)`)
	enumOracle    = regexp.MustCompile(`^(\S+)\s+values$`)
)

func TestStatusMentions(t *testing.T) {
	cases := append(scantest.Samples([]string{"200", " ", "OK", "Created", "x", "\n", "-", "1999", "a201", "No Content", "_"}, 4),
		"If successful, this method returns a `201 Created` response code.",
		"returns 204 No Content. See 404 for errors",
	)
	for _, s := range cases {
		var want [][3]int
		for _, m := range statusOracle.FindAllStringSubmatchIndex(s, -1) {
			want = append(want, [3]int{m[0], m[3], m[1]})
		}
		assert.Equal(t, want, statusMentions(s), "%q", s)
	}
}

func TestPathParams(t *testing.T) {
	cases := append(scantest.Samples([]string{"{", "}", "a", " ", "|", "/"}, 5), "/users/{id | userPrincipalName}/events/{ event-id }")
	for _, s := range cases {
		var want []string
		for _, m := range paramOracle.FindAllStringSubmatch(s, -1) {
			if n := strings.TrimSpace(m[1]); !slices.Contains(want, n) {
				want = append(want, n)
			}
		}
		assert.Equal(t, want, PathParams(s), "%q", s)
		assert.Equal(t, paramOracle.ReplaceAllStringFunc(s, normalizeParam), replaceParams(s, normalizeParam), "%q", s)
	}
}

func TestTrimVersion(t *testing.T) {
	for _, s := range scantest.Samples([]string{"/", "beta", "v1", ".0", "x"}, 4) {
		assert.Equal(t, versionOracle.ReplaceAllString(s, "/"), trimVersion(s), "%q", s)
	}
}

func TestEnumHeading(t *testing.T) {
	for _, s := range scantest.Samples([]string{"values", " ", "x", "\t", "Values"}, 4) {
		m := enumOracle.FindStringSubmatch(s)
		name, ok := enumHeading(s)
		assert.Equal(t, m != nil, ok, "%q", s)
		if m != nil {
			assert.Equal(t, m[1], name, "%q", s)
		}
	}
}

// TestLowerMatches holds the allocation-free case-insensitive matches to
// strings.ToLower followed by the plain match, which they replace.
func TestLowerMatches(t *testing.T) {
	patterns := []string{"collection", " collection", "collection(", "collection of ", "resources/", ".md", "properties"}
	cases := scantest.Samples([]string{"Collection", "COLLECTION", "collection", "(", " of ", " ", "K", "\u212a", "\u0130", "RESOURCES/", ".MD", "x"}, 3)
	for _, s := range cases {
		lower := strings.ToLower(s)
		for _, p := range patterns {
			assert.Equal(t, strings.HasPrefix(lower, p), HasPrefixLower(s, p), "prefix %q of %q", p, s)
			assert.Equal(t, strings.HasSuffix(lower, p), HasSuffixLower(s, p), "suffix %q of %q", p, s)
			assert.Equal(t, strings.Contains(lower, p), containsLower(s, p), "%q in %q", p, s)
		}
	}
	for _, s := range append(commonSections, "Properties", "HTTP Request", "JSON  representation", "Relationships:", "\u212aey") {
		assert.Equal(t, normalizeSectionOracle(s), normalizeSection(s), "%q", s)
	}
}

// normalizeSectionOracle is normalizeSection as it was, lowering every
// heading.
func normalizeSectionOracle(s string) string {
	return sectionName(strings.ToLower(foldSpace(s)))
}

// TestLineSplitter holds lineSplitter to strings.SplitAfter, which it
// replaces.
func TestLineSplitter(t *testing.T) {
	for _, s := range scantest.Samples([]string{"a", "\n", " ", "\r\n", "{}"}, 5) {
		want := strings.SplitAfter(s, "\n")
		l := lineSplitter{rest: s}
		var got []string
		for i := 0; l.has(i); i++ {
			got = append(got, l.at(i))
		}
		assert.Equal(t, want, got, "%q", s)
		assert.False(t, l.has(len(want)), "%q", s)
	}
}

// TestCountCells holds CountCells, which finds the pipes with
// strings.IndexByte, to a byte-by-byte split of the same cells (rowCells) as
// goldmark's table parser does it; it also checks where each cell starts.
func TestCountCells(t *testing.T) {
	old := func(line []byte) []int {
		start, end, ok := rowCells(string(line))
		if !ok {
			return nil
		}
		out := []int{start}
		for i := start; i < end; i++ {
			if line[i] == '|' && (i == 0 || line[i-1] != '\\') {
				out = append(out, i+1)
			}
		}
		return out
	}
	for _, s := range scantest.Samples([]string{"|", "\\", " ", "a", ">", "\r", "\t"}, 6) {
		want := old([]byte(s))
		for nth := -1; nth <= len(want); nth++ {
			n, at := CountCells(s, nth)
			assert.Equal(t, len(want), n, "%q", s)
			if nth >= 0 && nth < len(want) {
				assert.Equal(t, want[nth], at, "%q cell %d", s, nth)
			}
		}
	}
}
