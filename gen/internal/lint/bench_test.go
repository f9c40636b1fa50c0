package lint

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"gen/gen/internal/diag"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
)

// BenchmarkChecks times what Lint does after the resolver, on the corpus
// parsed and resolved once: the indexes, every page's checks, the
// cross-page checks and the filter.
//
//	GRAPH_DOCS=../shared/graph-docs go test -run '^$' -bench Checks ./gen/internal/lint
func BenchmarkChecks(b *testing.B) {
	rels, srcs := corpusFiles(b)
	pages := make([]*parse.Page, len(srcs))
	parallel(len(srcs), func(i int) { pages[i] = parse.Parse(rels[i], srcs[i]) })
	set := resolve.NewSet("", pages)
	prog, diags := resolve.Resolve(set)
	on, err := Options{}.enabled()
	require.NoError(b, err)
	cpu0 := cpuTime()
	for b.Loop() {
		newLinter(set).check(prog, append(diag.List(nil), diags...), Options{}, on)
	}
	// CPU time is steadier than wall time on a machine others share.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
