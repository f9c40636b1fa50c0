package lint

import (
	"math"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gen/gen/internal/batchgc"
	"gen/gen/internal/corpus"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
	"gen/gen/internal/workers"
)

// TestCorpus lints every page of the real corpus: no panic, no check that
// fails on a page, and every finding at a valid position in its page.
func TestCorpus(t *testing.T) {
	dir := corpus.Beta(t)
	start := time.Now()
	set, err := resolve.ReadPaths([]string{dir})
	require.NoError(t, err)
	require.NotEmpty(t, set.Pages)
	got, err := Lint(set, Options{})
	require.NoError(t, err)
	t.Logf("%d pages, %d findings in %s", len(set.Pages), len(got), time.Since(start).Round(time.Millisecond))

	checkPositions(t, set, got)
	c := Count(got)
	for _, d := range got {
		if d.Rule == "internal-error" {
			t.Errorf("%s", d)
		}
	}
	for _, r := range c.Totals {
		t.Logf("%7d %-8s %s", r.N, r.Severity, r.Rule)
	}
	// Rules that real pages certainly break: if one reports nothing, it
	// has stopped working. Not broken-link: every relative link of the
	// corpus resolves (its last three findings were slugs of headings
	// holding <a name>), so its fixtures alone hold it.
	for _, id := range []string{"content-length", "annotation-missing", "example-json", "link-case", "table-malformed", "placeholder-value", "request-path-mismatch", "blank-line-before-headers"} {
		assert.Positive(t, c.ByRule[id], "no %s finding on the whole corpus", id)
	}
}

// corpusFiles reads the corpus into memory once per benchmark run.
func corpusFiles(b *testing.B) (rels []string, srcs [][]byte) {
	dir := corpus.Beta(b)
	set, err := resolve.ReadPaths([]string{dir})
	require.NoError(b, err)
	for _, p := range set.Pages {
		rels = append(rels, p.Src.Path)
		srcs = append(srcs, p.Src.Bytes)
	}
	return rels, srcs
}

// gcSettings are the garbage collector settings the corpus benchmarks run
// under: gen's own (see batchgc) and Go's defaults.
var gcSettings = []struct {
	name    string
	percent int
	limit   int64
}{
	{"gen-gc", batchgc.Percent, batchgc.Limit},
	{"go-gc", 100, math.MaxInt64},
}

// BenchmarkCorpus compares linting the whole corpus from memory with a bare
// goldmark parse of the same bytes, every stage spread over the same number
// of workers: goldmark alone, then the page parser, the parser and the
// resolver, and the whole linter (parse, resolve, every check). Each stage
// after the first reports its time as x-goldmark, the ratio to the bare
// parse measured in the same run. Every stage runs twice: under the garbage
// collector settings the gen command runs with (gen-gc: see batchgc) and
// under Go's defaults (go-gc: GOGC=100, no memory limit).
//
//	GRAPH_DOCS=$PWD/../shared/graph-docs go test -run '^$' -bench Corpus ./gen/internal/lint
func BenchmarkCorpus(b *testing.B) {
	rels, srcs := corpusFiles(b)
	parseAll := func() []*parse.Page {
		pages := make([]*parse.Page, len(srcs))
		workers.ForEach(len(srcs), func(i int) { pages[i] = parse.Parse(rels[i], srcs[i]) })
		return pages
	}
	for _, gc := range gcSettings {
		b.Run(gc.name, func(b *testing.B) {
			defer batchgc.Set(gc.percent, gc.limit)()
			var bare time.Duration
			ratio := func(b *testing.B) {
				if bare > 0 {
					b.ReportMetric(float64(b.Elapsed()/time.Duration(b.N))/float64(bare), "x-goldmark")
				}
			}
			b.Run("goldmark", func(b *testing.B) {
				md := parse.Markdown()
				runtime.GC()
				for b.Loop() {
					workers.ForEach(len(srcs), func(i int) {
						md.Parser().Parse(text.NewReader(srcs[i]), parser.WithContext(parser.NewContext()))
					})
				}
				bare = b.Elapsed() / time.Duration(b.N)
			})
			b.Run("parse", func(b *testing.B) {
				runtime.GC()
				for b.Loop() {
					parseAll()
				}
				ratio(b)
			})
			b.Run("resolve", func(b *testing.B) {
				runtime.GC()
				for b.Loop() {
					resolve.ResolveSources("", rels, srcs)
				}
				ratio(b)
			})
			b.Run("lint", func(b *testing.B) {
				runtime.GC()
				for b.Loop() {
					if _, err := Lint(resolve.NewSet("", parseAll()), Options{}); err != nil {
						b.Fatal(err)
					}
				}
				ratio(b)
			})
		})
	}
}
