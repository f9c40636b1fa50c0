package tree

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWalk: files in sorted order, linked folders followed, a folder reached
// twice walked once, hidden folders skipped, a broken link reported as a
// file.
func TestWalk(t *testing.T) {
	tmp := t.TempDir()
	root, elsewhere := filepath.Join(tmp, "docs"), filepath.Join(tmp, "elsewhere")
	for _, f := range []string{"docs/b.md", "docs/a/x.md", "docs/.git/config", "elsewhere/y.md"} {
		p := filepath.Join(tmp, filepath.FromSlash(f))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	for link, target := range map[string]string{
		"docs/linked": elsewhere, "docs/a/loop": root, "docs/broken": filepath.Join(tmp, "missing"),
	} {
		if err := os.Symlink(target, filepath.Join(tmp, filepath.FromSlash(link))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	var got []string
	require.NoError(t, Walk(root, func(p, rel string) error {
		assert.Equal(t, filepath.Join(root, filepath.FromSlash(rel)), p)
		got = append(got, rel)
		return nil
	}))
	assert.Equal(t, []string{"a/x.md", "b.md", "broken", "linked/y.md"}, got)
}
