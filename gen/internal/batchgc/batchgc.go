// Package batchgc sets the garbage collector up for what gen is: a batch
// process that reads a whole doc set, keeps it in memory while it resolves,
// lints or generates, and exits. Go's default (GOGC=100) collects each time
// the heap doubles, so every collection re-marks the pages already read; gen
// lets the heap grow further between collections and caps it instead, as
// the Go compiler does for its own batch work, and holds collections (Hold)
// while a doc set is read and resolved.
package batchgc

import (
	"os"
	"runtime/debug"
	"sync"
)

// Settings gen runs with unless the user sets GOGC or GOMEMLIMIT.
const (
	Percent = 400       // collect when the heap has grown 4x over the live heap...
	Limit   = 768 << 20 // ...or when it nears 768 MiB, whichever comes first
)

// Configure applies Percent and Limit, unless the environment already sets
// GOGC or GOMEMLIMIT (the user's choice wins). It returns a function that
// restores the previous settings, for tests and benchmarks.
func Configure() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	return Set(Percent, Limit)
}

// Set applies a GC percent and a soft memory limit and returns a function
// that restores the previous ones.
func Set(percent int, limit int64) (restore func()) {
	oldPercent := debug.SetGCPercent(percent)
	oldLimit := debug.SetMemoryLimit(limit)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// Hold stops collections, but for those the memory limit forces, until
// release is called: for a stage whose memory is either kept to its end or
// garbage at its end, where a collection in the middle marks what is kept
// so far only to free what a collection after the stage frees as well. The
// price is a higher peak heap: the stage's garbage waits for its end.
// Reading and resolving a doc set is such a stage: the pages stay until the
// IR is built and then die together. Hold does so only under gen's own settings (Percent
// and Limit, as Configure or Set applied them), so that the soft limit still
// bounds the heap and a user's GOGC or GOMEMLIMIT is left alone. Holds may
// overlap; collections resume when the last is released.
func Hold() (release func()) {
	hold.Lock()
	defer hold.Unlock()
	if hold.count == 0 {
		percent := debug.SetGCPercent(-1)
		if percent != Percent || debug.SetMemoryLimit(-1) != Limit {
			debug.SetGCPercent(percent)
			return func() {}
		}
		hold.percent = percent
	}
	hold.count++
	var once sync.Once
	return func() {
		once.Do(func() {
			hold.Lock()
			defer hold.Unlock()
			if hold.count--; hold.count == 0 {
				debug.SetGCPercent(hold.percent)
			}
		})
	}
}

var hold struct {
	sync.Mutex
	count   int
	percent int // the percent to restore
}
