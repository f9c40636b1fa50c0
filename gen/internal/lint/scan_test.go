package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/corpus"
	"gen/gen/internal/diag"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
	"gen/gen/internal/scantest"
)

// The hand-written scanners replace regular expressions (and a few
// lower-casing comparisons) that cost more than the checks around them;
// these tests hold each one to what it replaces, on the cases that matter
// and on many generated strings.

var (
	argsOracle   = regexp.MustCompile(`\([^/]*\)`)
	keyOracle    = regexp.MustCompile(`\('([^'/]*)'\)`)
	urlPHOracle  = regexp.MustCompile(`\{[^{}/\s]+\}`)
	statusOracle = regexp.MustCompile(`\b[1-5][0-9][0-9]\b`)
)

func TestStripArgs(t *testing.T) {
	cases := append(scantest.Samples([]string{"(", ")", "/", "a", "'", "\xff"}, 6),
		"/reports/getx(period='d7')", "/a(b)/c(d)(e)/f(", "/a(b/c)d)")
	for _, s := range cases {
		assert.Equal(t, argsOracle.ReplaceAllString(s, ""), stripArgs(s), "%q", s)
	}
}

func TestKeySegments(t *testing.T) {
	cases := append(scantest.Samples([]string{"(", ")", "'", "/", "a", "é"}, 6),
		"/me/messages('aamk')/attachments", "/a('b')('c')/d('e/f')")
	for _, s := range cases {
		assert.Equal(t, keyOracle.ReplaceAllString(s, "/$1"), keySegments(s), "%q", s)
	}
}

func TestURLPlaceholders(t *testing.T) {
	cases := append(scantest.Samples([]string{"{", "}", "/", "a", " ", "\t", "\v", "é", "\xff"}, 5),
		"/users/{id}/events/{event-id}", "/x/{a{b}}/{ c }/{}")
	for _, s := range cases {
		want := [][2]int(nil)
		for _, m := range urlPHOracle.FindAllStringIndex(s, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		assert.Equal(t, want, urlPlaceholders(s), "%q", s)
	}
}

func TestStatusCodes(t *testing.T) {
	cases := append(scantest.Samples([]string{"2", "0", "4", "6", " ", "a", "_", "-", "é", "\xff"}, 5),
		"If successful, this method returns a `201 Created` response code and 2000 or x404.")
	for _, s := range cases {
		var want, got []int
		for _, m := range statusOracle.FindAllString(s, -1) {
			n, _ := strconv.Atoi(m)
			want = append(want, n)
		}
		statusCodes([]byte(s), func(n int) { got = append(got, n) })
		assert.Equal(t, want, got, "%q", s)
	}
}

func TestIsSampleText(t *testing.T) {
	old := func(s string) bool {
		l := strings.ToLower(strings.TrimSpace(s))
		if m := regexp.MustCompile(`-value-[0-9]+$`).FindStringIndex(l); m != nil {
			l = l[:m[0]+len("-value")]
		}
		return strings.HasSuffix(l, "-value") || strings.HasSuffix(l, " value") || len(l) > 6 && strings.HasSuffix(l, ".value") || l == "value"
	}
	cases := append(scantest.Samples([]string{"value", "VaLuE", "-", " ", ".", "1", "x", "\u212a", "\u0130", "\xff", "\u00a0"}, 4),
		"datetime-value", "Display Name value", "values", "avalue", "skuId-value-1", "skuId-value-12", "skuId-value-", "score.value", ".value", "value-1", "a.value-1")
	for _, s := range cases {
		assert.Equal(t, old(s), isSampleText(s), "%q", s)
	}
}

// TestTemplateText holds templateText, which scans only the blocks that
// hold a word it looks for, to scanning every block as it used to.
func TestTemplateText(t *testing.T) {
	blocks := scantest.Samples([]string{"TODO", ":", "**", " ", "x", "not yet documented", "NOT YET DOCUMENTED", "Not Yet DocumenteD", "<!--", "-->"}, 3)
	var b strings.Builder
	b.WriteString("---\ntitle: TODO: x\ndescription: not yet Documented\n---\n# Title\n\n")
	for i, s := range blocks {
		if strings.Contains(s, "-->") && !strings.Contains(s, "<!--") {
			continue // a stray --> is fine, but keep the blocks apart
		}
		b.WriteString(s)
		if i%7 == 0 {
			b.WriteString("\n\n| a | b |\n|---|---|\n| " + s + " | y |\n")
		}
		b.WriteString("\n\n")
	}
	page := parse.Parse("api/x.md", []byte(b.String()))
	l := newLinter(resolve.NewSet("", []*parse.Page{page}))
	got := &checker{linter: l, page: page}
	got.templateText()
	want := &checker{linter: l, page: page}
	oldTemplateText(want)
	t.Logf("%d findings", len(want.out))
	assert.NotEmpty(t, want.out)
	assert.Equal(t, textOf(t, want.out), textOf(t, got.out))
}

// oldTemplateText is templateText as it was: every block scanned, each
// deciding on its own text whether to look for TODO and for "not yet
// documented". templateText now decides from where those words are on the
// page; the scan of a block (templateIn) is the same.
func oldTemplateText(c *checker) {
	src := c.page.Src.Bytes
	scan := func(off int, text []byte) {
		hasTODO := bytes.Contains(text, []byte("TODO"))
		hasDoc := bytes.Contains(text, []byte("ocumented")) || bytes.Contains(text, []byte("OCUMENTED"))
		if hasTODO || hasDoc {
			c.templateIn(off, text, hasTODO, hasDoc)
		}
	}
	for _, f := range c.page.FrontMatter {
		scan(f.Value.Span.Offset(), src[f.Value.Span.Offset():f.Value.Span.EndOffset()])
	}
	for _, b := range c.page.Blocks {
		scan(b.Span.Offset(), src[b.Span.Offset():b.Span.EndOffset()])
	}
}

func TestValidJSON(t *testing.T) {
	cases := scantest.Samples([]string{"{", "}", "[", "]", `"`, ":", ",", " ", "1", "-", "0", ".", "e", "+", "\\", "u", "a", "\t", "\x01", "\xff", "null", "tru"}, 4)
	cases = append(cases,
		`{"a": [1, -0.5e+10, 2E-3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\uD83D"]}`,
		`{"a":01}`, `{"a":1.}`, `{"a":.5}`, `{"a":-}`, `{"a":1e}`, `{"a":"\u12g4"}`, `{"a":"\'"}`, "{\"a\":\"\t\"}",
		`{"a":1,}`, `[1,]`, `{,}`, `{"a" 1}`, `"\u00"`, " \r\n\t{}\n", "{}x", "\u00a0{}", `{"a":"é\xff"}`,
		strings.Repeat("[", 10000)+strings.Repeat("]", 10000),
		strings.Repeat("[", 10001)+strings.Repeat("]", 10001),
		strings.Repeat(`{"a":`, 10000)+"1"+strings.Repeat("}", 10000),
		strings.Repeat(`{"a":`, 10001)+"1"+strings.Repeat("}", 10001),
	)
	// Every way of cutting a valid body short or dropping one byte.
	body := `{"value": [{"@odata.type": "#microsoft.graph.user", "id": "a1\u00e9", "n": -12.5e3, "ok": [true, false, null], "o": {}}]}`
	for i := range body {
		cases = append(cases, body[:i], body[:i]+body[i+1:])
	}
	for _, s := range cases {
		assert.Equal(t, json.Valid([]byte(s)), validJSON(s), "%q", s)
	}
}

// TestValidJSONCorpus holds validJSON to encoding/json on every example
// body, code block and comment of the corpus.
func TestValidJSONCorpus(t *testing.T) {
	set, err := resolve.ReadPaths([]string{corpus.Beta(t)})
	require.NoError(t, err)
	n := 0
	for _, p := range set.Pages {
		var texts []string
		for _, ex := range p.Examples {
			texts = append(texts, ex.Body)
		}
		for _, cb := range p.Code {
			texts = append(texts, cb.Content)
		}
		for _, cm := range p.Comments {
			texts = append(texts, cm.Raw, strings.TrimSuffix(strings.TrimPrefix(cm.Raw, "<!--"), "-->"))
		}
		for _, s := range texts {
			if json.Valid([]byte(s)) != validJSON(s) {
				t.Errorf("%s: validJSON(%q) = %v", p.Src.Path, s, !json.Valid([]byte(s)))
			}
			n++
		}
	}
	t.Logf("%d texts", n)
}

// TestSortFindings holds sortFindings to diag.List.Sort, ties and all:
// findings equal in every key but severity keep their order.
func TestSortFindings(t *testing.T) {
	var l diag.List
	for i := range 3000 {
		l = append(l, diag.Diagnostic{
			Span:     diag.Span{Pos: diag.Pos{File: []string{"b.md", "a.md", "c.md"}[i*7%3], Line: i * 13 % 5, Col: i * 17 % 4}},
			Severity: diag.Severity(i % 3),
			Rule:     []string{"x", "y", ""}[i*11%3],
			Message:  []string{"m", "n"}[i*19%2],
		})
	}
	want := append(diag.List(nil), l...)
	want.Sort()
	assert.Equal(t, want, sortFindings(append(diag.List(nil), l...)))
	// Sorting consecutive parts and merging them in order is the same.
	for _, cut := range [][2]int{{0, 0}, {1000, 1000}, {700, 2900}, {3000, 3000}} {
		a := sortFindings(append(diag.List(nil), l[:cut[0]]...))
		b := sortFindings(append(diag.List(nil), l[cut[0]:cut[1]]...))
		c := sortFindings(append(diag.List(nil), l[cut[1]:]...))
		assert.Equal(t, want, mergeFindings(a, []diag.List{b}, c), "cut at %v", cut)
		assert.Equal(t, want, mergeFindings(a, []diag.List{nil, b[:len(b)/2], nil, b[len(b)/2:]}, c), "cut at %v", cut)
	}
}

// TestReadJSON holds readJSON to parse.ParseLenient (the same values,
// offsets and problems) and to encoding/json.Valid.
func TestReadJSON(t *testing.T) {
	cases := scantest.Samples([]string{"{", "}", "[", "]", `"a"`, `"é\n\u00e9\ud83d\/"`, "\"\xff\"", "\"\t\"", `"\'"`, ":", ",", " ", "1", "-0.5e3", "01", "1.", "true", "nul", "null", "…", "\u00a0"}, 4)
	cases = append(cases,
		strings.Repeat("[", 200)+strings.Repeat("]", 200),
		strings.Repeat("[", 201)+strings.Repeat("]", 201),
		strings.Repeat("[", 202)+strings.Repeat("]", 202),
		strings.Repeat(`{"a":`, 200)+"1"+strings.Repeat("}", 200),
		strings.Repeat(`{"a":`, 201)+"1"+strings.Repeat("}", 201),
		`{"a": {}, "b": [], "c": [{}], "d": [[]], "a": 1}`,
	)
	body := `{"value": [{"@odata.type": "#microsoft.graph.user", "id": "a1\u00e9\\x", "n": -12.5e3, "ok": [true, false, null], "o": {}, "é": "ü"}]}`
	for i := range body {
		cases = append(cases, body[:i], body[:i]+body[i+1:], body[:i]+" "+body[i:])
	}
	arena := &jsonArena{}
	for i, s := range cases {
		checkReadJSON(t, s, nil)
		checkReadJSON(t, s, arena) // the arena reused, reset now and then
		if i%7 == 0 {
			arena.reset()
		}
	}
}

func checkReadJSON(t *testing.T, s string, arena *jsonArena) {
	t.Helper()
	wantV, wantProbs := parse.ParseLenient(s)
	v, probs, strict := readJSON(s, arena)
	if !assert.Equal(t, wantV, v, "%q", s) || !assert.Equal(t, wantProbs, probs, "%q", s) {
		return
	}
	assert.Equal(t, len(wantProbs) == 0 && json.Valid([]byte(s)), strict, "%q", s)
}

// TestReadJSONCorpus holds readJSON to parse.ParseLenient on every example
// body and code block of the corpus.
func TestReadJSONCorpus(t *testing.T) {
	set, err := resolve.ReadPaths([]string{corpus.Beta(t)})
	require.NoError(t, err)
	n := 0
	arena := &jsonArena{}
	for _, p := range set.Pages {
		for _, ex := range p.Examples {
			checkReadJSON(t, ex.Body, arena)
			n++
		}
		for _, cb := range p.Code {
			checkReadJSON(t, cb.Content, arena)
			n++
		}
		arena.reset()
	}
	t.Logf("%d texts", n)
}

func TestNormalizedHasPrefix(t *testing.T) {
	cases := append(scantest.Samples([]string{"Re", "sponse", "RESPONSE", " ", "\t", "\u00a0", "\u0085", "x", "İ", "\u212a", "\xff", "json", "representation", "Propert"}, 4),
		"  JSON   representation ", "Properties", "Response  ", "Json\u2003Representation")
	for _, s := range cases {
		for _, prefix := range []string{"response", "propert", "json representation", "i", "k"} {
			want := strings.HasPrefix(strings.ToLower(strings.Join(strings.Fields(s), " ")), prefix)
			assert.Equal(t, want, normalizedHasPrefix(s, prefix), "%q %q", s, prefix)
		}
	}
}

func TestLowerHasPrefixSuffix(t *testing.T) {
	cases := scantest.Samples([]string{"MA", "İ", "il", "LTO:", "mailto:", ".", "MD", "md", "\u212a", "\xff", "x"}, 4)
	for _, s := range cases {
		for _, p := range []string{"mailto:", ".md", "i", "k"} {
			assert.Equal(t, strings.HasPrefix(strings.ToLower(s), p), parse.HasPrefixLower(s, p), "%q %q", s, p)
			assert.Equal(t, strings.HasSuffix(strings.ToLower(s), p), parse.HasSuffixLower(s, p), "%q %q", s, p)
		}
	}
}

// TestResolveLink holds resolveLink, which skips joinRel when it may, to
// joinRel then Set.LinkTarget.
func TestResolveLink(t *testing.T) {
	var pages []*parse.Page
	for _, p := range []string{"x.md", "api/x.md", "api/sub/y.md", "resources/User.md", "resources/a.md", "./api/z.md", "api//w.md", "../up/v.md", "api/./u.md", "api/../t.md"} {
		pages = append(pages, parse.Parse(p, []byte("# t\n")))
	}
	set := resolve.NewSet("", pages)
	skipped := 0
	defer func() { t.Logf("%d joins skipped", skipped) }()
	files := scantest.Samples([]string{"../", "./", "api/", "resources/", "sub/", "x.md", "user.md", "a.md", "y.md", "/", "..", "."}, 3)
	for _, from := range pages {
		for _, file := range files {
			want := linkDest{}
			want.rel, want.inside = joinRel(from.Src.Path, file)
			if want.inside {
				want.target, _, want.caseOnly, _ = set.LinkTarget(from, file)
			}
			got := resolveLink(set, from, file)
			if got.target != nil && got.rel == "" {
				skipped++
			}
			if got.inside && got.target != nil {
				want.rel = "" // not needed: skipped when it may be
				if got.rel != "" {
					want.rel = got.rel
				}
			}
			assert.Equal(t, want, got, "%s -> %s", from.Src.Path, file)
		}
	}
}

// TestDuplicateKeys holds duplicateKeys, which searches small objects and
// shares one set among large ones, to a set per object.
func TestDuplicateKeys(t *testing.T) {
	var old func(c *checker, v *parse.Value, off int)
	old = func(c *checker, v *parse.Value, off int) {
		switch v.Kind {
		case parse.ObjectValue:
			seen := map[string]bool{}
			for _, m := range v.Members {
				if seen[m.Key] {
					c.report(c.span(off+m.KeyOff, off+m.KeyEnd), "json-duplicate-key", "key %q is written twice in this object; decoders keep only one value", m.Key)
				}
				seen[m.Key] = true
				old(c, m.Value, off)
			}
		case parse.ArrayValue:
			for _, e := range v.Elems {
				old(c, e, off)
			}
		}
	}
	object := func(n int, inner string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, `"k%d": %s, `, i%(n/2+1), inner)
		}
		b.WriteString(`"last": 1}`)
		return b.String()
	}
	var texts []string
	for _, n := range []int{1, 3, 16, 17, 40} {
		for _, m := range []int{0, 2, 20, 33} {
			texts = append(texts, object(n, object(m, "1")), "["+object(n, "["+object(m, "null")+"]")+"]")
		}
	}
	src := strings.Join(texts, "\n")
	page := parse.Parse("x.md", []byte(src))
	l := newLinter(resolve.NewSet("", []*parse.Page{page}))
	got := &checker{linter: l, page: page, arena: &jsonArena{}}
	want := &checker{linter: l, page: page}
	off := 0
	for _, text := range texts {
		v, _ := parse.ParseLenient(text)
		got.duplicateKeys(v, off, false)
		old(want, v, off)
		off += len(text) + 1
	}
	assert.NotEmpty(t, want.out)
	assert.Equal(t, want.out, got.out)
}

// FuzzReadJSON holds readJSON to parse.ParseLenient and encoding/json.Valid,
// and validJSON to encoding/json.Valid, on arbitrary text:
// `go test -fuzz FuzzReadJSON ./gen/internal/lint`.
func FuzzReadJSON(f *testing.F) {
	for _, s := range []string{`{"a": [1, -2.5e3, true, null, "x\u00e9\n"], "b": {}}`, `[{"k": "v"}, []]`, `{"a":1,}`, "\"\xff\"", `"\ud83d\ude00"`} {
		f.Add(s)
	}
	arena := &jsonArena{}
	f.Fuzz(func(t *testing.T, s string) {
		checkReadJSON(t, s, arena)
		arena.reset()
		if json.Valid([]byte(s)) != validJSON(s) {
			t.Errorf("validJSON(%q) = %v", s, !json.Valid([]byte(s)))
		}
	})
}
