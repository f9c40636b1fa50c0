// Package batchgc sets the garbage collector up for what gen is: a batch
// process that reads a whole doc set, keeps it in memory while it resolves,
// lints or generates, and exits. Go's default (GOGC=100) collects each time
// the heap doubles, so every collection re-marks the pages already read; gen
// lets the heap grow further between collections and caps it instead, as
// the Go compiler does for its own batch work.
package batchgc

import (
	"os"
	"runtime/debug"
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
