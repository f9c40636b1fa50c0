// Package workers spreads independent pieces of work over the machine's
// cores: pages to parse, operations to resolve, files to render.
package workers

import (
	"runtime"
	"sync"
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
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
