//go:build !unix

package lint

import "time"

// cpuTime is not measured here: BenchmarkChecks reports 0 CPU time.
func cpuTime() time.Duration { return 0 }
