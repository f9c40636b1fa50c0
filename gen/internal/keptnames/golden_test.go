package keptnames

// go test ./gen/... -update passes -update to every package; this one has
// no golden files and accepts it.
import _ "gen/gen/internal/golden"
