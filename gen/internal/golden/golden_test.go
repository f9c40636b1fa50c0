package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryTestPackageTakesUpdate: go test ./gen/... -update fails in a
// package whose tests do not declare -update, so every package with tests
// imports this one.
func TestEveryTestPackageTakesUpdate(t *testing.T) {
	dirs := map[string]bool{} // package folder -> imports golden
	err := filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != ".." && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dir := filepath.Dir(p)
		dirs[dir] = dirs[dir] || strings.Contains(string(b), `"gen/gen/internal/golden"`)
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for dir, ok := range dirs {
		if filepath.Base(dir) == "golden" {
			continue
		}
		assert.True(t, ok, "%s has tests but does not import gen/gen/internal/golden", dir)
	}
}
