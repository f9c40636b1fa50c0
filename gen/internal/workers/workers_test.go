package workers

import (
	"runtime"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestForEachWith runs every index once, on one core and on several, and
// never hands one worker's state to two calls at once.
func TestForEachWith(t *testing.T) {
	for _, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		const n = 10000
		var seen [n]atomic.Int32
		var states atomic.Int32
		type state struct{ busy atomic.Bool }
		ForEachWith(n, func() *state { states.Add(1); return &state{} }, func(i int, s *state) {
			require.True(t, s.busy.CompareAndSwap(false, true), "state shared by two calls at once")
			seen[i].Add(1)
			runtime.Gosched()
			s.busy.Store(false)
		})
		runtime.GOMAXPROCS(old)
		for i := range seen {
			require.EqualValues(t, 1, seen[i].Load(), "index %d with GOMAXPROCS=%d", i, procs)
		}
		require.LessOrEqual(t, int(states.Load()), procs)
	}
	ForEach(0, func(int) { t.Fatal("called for no work") })
}
