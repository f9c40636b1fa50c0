package lint

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gen/gen/internal/batchgc"
	"gen/gen/internal/diag"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
	"gen/gen/internal/workers"
)

// BenchmarkChecks times what Lint does after the resolver, on the corpus
// parsed and resolved once: the indexes, every page's checks, the
// cross-page checks and the filter.
//
//	GRAPH_DOCS=$PWD/../shared/graph-docs go test -run '^$' -bench Checks ./gen/internal/lint
func BenchmarkChecks(b *testing.B) {
	rels, srcs := corpusFiles(b)
	pages := make([]*parse.Page, len(srcs))
	workers.ForEach(len(srcs), func(i int) { pages[i] = parse.Parse(rels[i], srcs[i]) })
	set := resolve.NewSet("", pages)
	prog, diags := resolve.Resolve(set)
	on, err := Options{}.enabled()
	require.NoError(b, err)
	cpu0 := cpuTime()
	for b.Loop() {
		newLinter(set).check(prog, append(diag.List(nil), diags...), Options{}, on, nil)
	}
	// CPU time is steadier than wall time on a machine others share.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkStagesInterleaved runs the stages of BenchmarkCorpus in turn
// within each iteration (goldmark, the page parser, goldmark again, parse
// and resolve as Load runs them, the whole linter), so that a machine shared
// with other work slows them alike, and reports each against goldmark from
// the same iterations: parse-x, resolve-x and lint-x as in BenchmarkCorpus,
// checks-x for what linting costs beyond parse and resolve. Like
// BenchmarkCorpus it runs under gen's GC settings (gen-gc) and Go's (go-gc).
//
//	GRAPH_DOCS=$PWD/../shared/graph-docs go test -run '^$' -bench StagesInterleaved -benchtime 10x ./gen/internal/lint
func BenchmarkStagesInterleaved(b *testing.B) {
	rels, srcs := corpusFiles(b)
	parseAll := func() []*parse.Page {
		pages := make([]*parse.Page, len(srcs))
		workers.ForEach(len(srcs), func(i int) { pages[i] = parse.Parse(rels[i], srcs[i]) })
		return pages
	}
	md := parse.Markdown()
	on, err := Options{}.enabled()
	require.NoError(b, err)
	for _, gc := range gcSettings {
		b.Run(gc.name, func(b *testing.B) {
			defer batchgc.Set(gc.percent, gc.limit)()
			var gm, par, res, lint, chk time.Duration
			goldmark := func() time.Duration {
				t0 := time.Now()
				workers.ForEach(len(srcs), func(i int) {
					md.Parser().Parse(text.NewReader(srcs[i]), parser.WithContext(parser.NewContext()))
				})
				return time.Since(t0)
			}
			for b.Loop() {
				// The page parser, and parse and resolve, each run right
				// after goldmark, so that each finds the heap as goldmark
				// leaves it; gm is the mean of the two goldmark runs.
				gm += goldmark() / 2
				t0 := time.Now()
				parseAll()
				par += time.Since(t0)
				gm += goldmark() / 2
				t1 := time.Now()
				resolve.ResolveSources("", rels, srcs)
				t2 := time.Now()
				// Lint, step by step as Lint runs it, to time what it spends
				// after the resolver too.
				l := newLinter(resolve.NewSet("", parseAll()))
				early := l.startEarly()
				prog, all := l.resolve()
				t3 := time.Now()
				l.check(prog, all, Options{}, on, early())
				t4 := time.Now()
				res, lint, chk = res+t2.Sub(t1), lint+t4.Sub(t2), chk+t4.Sub(t3)
			}
			b.ReportMetric(float64(par)/float64(gm), "parse-x")
			b.ReportMetric(float64(res)/float64(gm), "resolve-x")
			b.ReportMetric(float64(lint)/float64(gm), "lint-x")
			b.ReportMetric(float64(lint-res)/float64(gm), "checks-x")
			b.ReportMetric(float64(chk)/float64(gm), "check-stage-x")
		})
	}
}
