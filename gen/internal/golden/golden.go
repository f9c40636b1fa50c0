// Package golden holds the -update flag of gen's golden tests, declared
// once for every test binary that imports it: go test ./gen/... -update
// rewrites each package's testdata goldens, and a package without any
// accepts the flag with nothing to rewrite.
package golden

import "flag"

// Update reports whether -update was given: rewrite the golden files in
// testdata instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite the golden files in testdata")
