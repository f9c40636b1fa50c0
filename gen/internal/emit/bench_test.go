package emit

import (
	"bytes"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gen/gen/internal/batchgc"
	"gen/gen/internal/corpus"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
)

// The corpus benchmarks, in the order go test runs them: a bare goldmark
// parse of every page, then parse+resolve and generation, each of which
// reports its time as x-bare-parse, the ratio to the bare parse measured in
// the same run. All three run under the garbage collector settings of the gen
// command (package batchgc); gen/internal/lint's BenchmarkCorpus also
// measures parsing under Go's defaults.
//
//	GRAPH_DOCS=$PWD/../shared/graph-docs go test -run '^$' -bench Corpus -benchmem ./gen/internal/emit

// bareParse is the time of one bare parse of the corpus, once
// BenchmarkCorpusBareParse has run.
var bareParse time.Duration

func reportRatio(b *testing.B) {
	if bareParse > 0 && b.N > 0 {
		b.ReportMetric(float64(b.Elapsed()/time.Duration(b.N))/float64(bareParse), "x-bare-parse")
	}
}

// corpusPaths lists the pages below dir as resolve.ReadDir does.
func corpusPaths(b *testing.B, dir string) []string {
	paths, err := resolve.PageFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	sort.Strings(paths)
	return paths
}

// BenchmarkCorpusBareParse reads every page of the corpus and parses it
// with the goldmark instance of the page parser, and nothing else, spread
// over GOMAXPROCS workers as resolve.ReadDir does: the baseline of the
// other corpus benchmarks.
func BenchmarkCorpusBareParse(b *testing.B) {
	paths := corpusPaths(b, corpus.Beta(b))
	md := parse.Markdown()
	defer batchgc.Set(batchgc.Percent, batchgc.Limit)()
	for b.Loop() {
		var wg sync.WaitGroup
		next := make(chan string)
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for p := range next {
					src, err := os.ReadFile(p)
					if err != nil {
						b.Error(err)
						continue
					}
					md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
				}
			}()
		}
		for _, p := range paths {
			next <- p
		}
		close(next)
		wg.Wait()
	}
	bareParse = b.Elapsed() / time.Duration(b.N)
}

// BenchmarkCorpusParseResolve reads, parses and resolves the corpus as the
// generator does: resolve.Load.
func BenchmarkCorpusParseResolve(b *testing.B) {
	dir := corpus.Beta(b)
	defer batchgc.Set(batchgc.Percent, batchgc.Limit)()
	for b.Loop() {
		if _, _, err := resolve.Load(dir); err != nil {
			b.Fatal(err)
		}
	}
	reportRatio(b)
}

// BenchmarkCorpusGenerate generates Go for the whole corpus from its IR,
// loaded once: checks, routing, jennifer rendering and gofmt of every file.
func BenchmarkCorpusGenerate(b *testing.B) {
	prog, _, err := resolve.Load(corpus.Beta(b))
	if err != nil {
		b.Fatal(err)
	}
	defer batchgc.Set(batchgc.Percent, batchgc.Limit)()
	var lines, testLines, files int
	for b.Loop() {
		out, err := Generate(prog, Options{ModulePath: corpusModule})
		if err != nil {
			b.Fatal(err)
		}
		files, lines, testLines = len(out), 0, 0
		for _, f := range out {
			n := bytes.Count(f.Content, []byte("\n"))
			if strings.HasSuffix(f.Path, "_test.go") {
				testLines += n
			} else {
				lines += n
			}
		}
	}
	reportRatio(b)
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(lines)/float64(len(prog.Types)), "code-lines/type")
	b.ReportMetric(float64(testLines)/float64(len(prog.Types)), "test-lines/type")
}
