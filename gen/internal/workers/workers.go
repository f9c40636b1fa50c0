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
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	// Each worker takes the next index from a shared counter: many calls
	// are a few microseconds, where handing indexes over a channel cost as
	// much as the work.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
}
