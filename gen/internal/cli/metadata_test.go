package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func init() {
	// Other test files of this package may declare -update too; declare it
	// only once.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata/")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestMetadataDiff runs gen metadata-diff on two pages and a schema that
// disagree in one place of each common kind, and compares the report with
// testdata/metadata-diff/stdout.txt.
func TestMetadataDiff(t *testing.T) {
	dir := filepath.Join("testdata", "metadata-diff")
	args := []string{"-in", filepath.Join(dir, "docs"), "-metadata", filepath.Join(dir, "metadata.xml")}
	var stdout, stderr bytes.Buffer
	code := Main(append([]string{"metadata-diff"}, args...), &stdout, &stderr)
	assert.Equal(t, ExitOK, code, "differences alone do not fail without -strict")
	assert.Empty(t, stderr.String())
	golden := filepath.Join(dir, "stdout.txt")
	if updating() {
		require.NoError(t, os.WriteFile(golden, stdout.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test ./gen/internal/cli -update")
	assert.Equal(t, string(want), stdout.String())

	stdout.Reset()
	assert.Equal(t, ExitFindings, Main(append([]string{"metadata-diff", "-strict"}, args...), &stdout, &stderr))

	stdout.Reset()
	assert.Equal(t, ExitOK, Main(append([]string{"metadata-diff", "-summary", "-kind", "property-type"}, args...), &stdout, &stderr))
	assert.NotContains(t, stdout.String(), "resources/item.md", "-summary prints no differences")
	assert.Contains(t, stdout.String(), "2 property-type")

	stdout.Reset()
	assert.Equal(t, ExitOK, Main(append([]string{"metadata-diff", "-kind", "property-type"}, args...), &stdout, &stderr))
	assert.Contains(t, stdout.String(), "resources/item.md:18:2: property-type:")
	assert.NotContains(t, stdout.String(), "property-not-in-schema:")
}

func TestMetadataDiffUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, ExitUsage, Main([]string{"metadata-diff", "-in", "testdata"}, &stdout, &stderr), "-metadata is required")
	assert.Contains(t, stderr.String(), "usage: gen metadata-diff")

	stderr.Reset()
	assert.Equal(t, ExitUsage, Main([]string{"metadata-diff", "-metadata", "testdata/no-such.xml"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "no-such.xml")
}
