package cli

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yuin/goldmark/text"

	"gen/gen/internal/corpus"
	"gen/gen/internal/parse"
)

// The no-change benchmarks: generate and generate -check on an output folder
// that is already up to date, on docs-input and on the corpus named by
// GRAPH_DOCS (a folder holding beta/; skipped when unset, failed when set
// and missing). Each reports, besides ns/op, its cost as a multiple of a
// bare goldmark parse of the same pages (x-parse): reading every page and
// parsing it with parse.Markdown() alone, in parallel as the loader reads.
//
//	go test -run '^$' -bench NoChange -benchtime 20x ./gen/internal/cli
//	GRAPH_DOCS=$PWD/../shared/graph-docs go test -run '^$' -bench NoChange -benchtime 5x ./gen/internal/cli

type benchInput struct {
	name, in string
}

func benchInputs(b *testing.B) []benchInput {
	inputs := []benchInput{{"docs-input", filepath.Join(repoRoot, "docs-input")}}
	if os.Getenv(corpus.Env) != "" {
		inputs = append(inputs, benchInput{"corpus", corpus.Beta(b)})
	}
	return inputs
}

// bareParse reads and parses every page below in with goldmark alone.
func bareParse(in string) {
	var paths []string
	_ = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".md") {
			paths = append(paths, p)
		}
		return nil
	})
	md := parse.Markdown()
	next := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if src, err := os.ReadFile(p); err == nil {
					md.Parser().Parse(text.NewReader(src))
				}
			}
		}()
	}
	for _, p := range paths {
		next <- p
	}
	close(next)
	wg.Wait()
}

// medianDuration runs f n times and returns the median duration.
func medianDuration(n int, f func()) time.Duration {
	ds := make([]time.Duration, n)
	for i := range ds {
		t0 := time.Now()
		f()
		ds[i] = time.Since(t0)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[n/2]
}

func BenchmarkNoChange(b *testing.B) {
	for _, input := range benchInputs(b) {
		bareParse(input.in) // warm the page cache
		bare := medianDuration(5, func() { bareParse(input.in) })
		out := filepath.Join(b.TempDir(), "output")
		base := []string{"generate", "-in", input.in, "-out", out, "-module", "example.com/m/output"}
		// Bring out up to date; on the corpus, generation stops at the
		// pages' errors, so every run below is load-and-report.
		firstCode := Main(base, io.Discard, io.Discard)
		if firstCode == ExitUsage {
			b.Fatalf("gen %v: could not run", base)
		}
		want := firstCode

		run := func(b *testing.B, extra ...string) {
			args := append(append([]string{}, base...), extra...)
			b.ResetTimer()
			t0 := time.Now()
			for i := 0; i < b.N; i++ {
				if code := Main(args, io.Discard, io.Discard); code != want {
					b.Fatalf("gen %v: exit %d, want %d", args, code, want)
				}
			}
			b.ReportMetric(float64(time.Since(t0))/float64(b.N)/float64(bare), "x-parse")
		}
		b.Run(input.name+"/bare-parse", func(b *testing.B) {
			t0 := time.Now()
			for i := 0; i < b.N; i++ {
				bareParse(input.in)
			}
			b.ReportMetric(float64(time.Since(t0))/float64(b.N)/float64(bare), "x-parse")
		})
		b.Run(input.name+"/generate", func(b *testing.B) { run(b) })
		b.Run(input.name+"/check", func(b *testing.B) { run(b, "-check") })
		b.Run(input.name+"/generate-nostamp", func(b *testing.B) { run(b, "-stamp=false") })
		b.Run(input.name+"/check-nostamp", func(b *testing.B) { run(b, "-check", "-stamp=false") })
	}
}
