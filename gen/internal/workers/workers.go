// Package workers spreads independent pieces of work over the machine's
// cores: pages to parse, operations to resolve, files to render.
package workers

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// ForEach runs f(i) for every i in [0, n) on GOMAXPROCS goroutines, taking
// the calls in order. f must write only to what belongs to its i.
func ForEach(n int, f func(i int)) {
	ForEachWith(n, func() struct{} { return struct{}{} }, func(i int, _ struct{}) { f(i) })
}

// ForEachWith is ForEach for work that keeps state from call to call (a
// cache, a buffer): each goroutine makes its own with start and passes it to
// every call it runs.
func ForEachWith[S any](n int, start func() S, f func(i int, s S)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		s := start()
		for i := range n {
			f(i, s)
		}
		return
	}
	// Each worker takes the next index from a shared counter: many calls
	// are a few microseconds, where handing indexes over a channel cost as
	// much as the work.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			s := start()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i, s)
			}
		})
	}
	wg.Wait()
}
