// Package corpus finds the real Graph docs the tests and benchmarks read: the
// folder named by the GRAPH_DOCS environment variable (CI sets it to
// ../shared/graph-docs), which holds beta/ and, beside it, ../metadata/.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Env is the environment variable that names the corpus folder.
const Env = "GRAPH_DOCS"

// Beta returns $GRAPH_DOCS/beta. The test is skipped when GRAPH_DOCS is not
// set and fails when it is set but the folder is missing, so a run that sets
// it (CI) cannot pass by skipping.
func Beta(tb testing.TB) string {
	tb.Helper()
	root := os.Getenv(Env)
	if root == "" {
		tb.Skip(Env + " is not set; it names the folder that holds the beta corpus")
	}
	dir := filepath.Join(root, "beta")
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		hint := ""
		if !filepath.IsAbs(root) {
			// go test runs each package in its own folder.
			hint = " (a relative path is read from the package's folder: give an absolute one, such as GRAPH_DOCS=$PWD/../shared/graph-docs)"
		}
		tb.Fatalf("%s=%s, but %s is not a folder: %v%s", Env, root, dir, err, hint)
	}
	return dir
}

// Metadata returns the service schema beside the corpus,
// $GRAPH_DOCS/../metadata/beta-2020-05-19.xml, under the same rules as Beta.
func Metadata(tb testing.TB) string {
	tb.Helper()
	beta := Beta(tb)
	p := filepath.Join(filepath.Dir(beta), "..", "metadata", "beta-2020-05-19.xml")
	if _, err := os.Stat(p); err != nil {
		tb.Fatalf("%s is set, but the schema %s is missing: %v", Env, p, err)
	}
	return p
}
