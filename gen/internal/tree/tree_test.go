package tree

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
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
	for _, f := range []string{"docs/b.md", "docs/a/x.md", "docs/.git/config", "docs/a/.b.md.swp", "elsewhere/y.md"} {
		p := filepath.Join(tmp, filepath.FromSlash(f))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	for link, target := range map[string]string{
		"docs/linked": elsewhere, "docs/a/loop": root, "docs/broken": filepath.Join(tmp, "missing"),
		"docs/a/.#x.md": filepath.Join(tmp, "missing"), // an editor's lock: hidden, never read
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

// TestWalkDirectPathWins: a folder or file reachable directly and through
// a link is read once, under its direct path, whichever comes first in
// sorted order and however root is spelled.
func TestWalkDirectPathWins(t *testing.T) {
	tmp := t.TempDir()
	root := filepath.Join(tmp, "docs")
	for _, f := range []string{"docs/api/op.md", "docs/resources/type.md", "docs/resources/sub/deep.md"} {
		p := filepath.Join(tmp, filepath.FromSlash(f))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
	}
	for link, target := range map[string]string{
		"docs/api/res":      filepath.Join("..", "resources"), // relative, sorts before resources/
		"docs/abs":          root,                             // absolute, back to the root
		"docs/api/again.md": filepath.Join("..", "resources", "type.md"),
		"docs/a-sub":        filepath.Join(root, "resources", "sub"),
	} {
		if err := os.Symlink(target, filepath.Join(tmp, filepath.FromSlash(link))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	want := []string{"api/op.md", "resources/sub/deep.md", "resources/type.md"}
	walk := func(root string) []string {
		var got []string
		require.NoError(t, Walk(root, func(p, rel string) error {
			got = append(got, rel)
			return nil
		}))
		return got
	}
	assert.Equal(t, want, walk(root), "absolute root")
	t.Chdir(tmp)
	assert.Equal(t, want, walk("docs"), "relative root")
	t.Chdir(root)
	assert.Equal(t, want, walk("."), "the working directory")
}

// TestReadFileNamesABrokenLink: a broken symbolic link is named as one.
func TestReadFileNamesABrokenLink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "page.md")
	require.NoError(t, os.Symlink(filepath.Join(dir, "gone.md"), link))
	_, err := ReadFile(link)
	require.Error(t, err)
	assert.Equal(t, link+" is a symbolic link to "+filepath.Join(dir, "gone.md")+", which does not exist", err.Error())
	assert.ErrorIs(t, err, fs.ErrNotExist)
	_, err = ReadFile(filepath.Join(dir, "none.md"))
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// TestHashFile: a file's hash is its bytes' SHA-256, as of ReadFile's
// bytes, and a broken link is named as ReadFile names it.
func TestHashFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "logo.png")
	content := bytes.Repeat([]byte("gen "), 100_000)
	require.NoError(t, os.WriteFile(p, content, 0o644))
	sum, err := HashFile(p)
	require.NoError(t, err)
	want := sha256.Sum256(content)
	assert.Equal(t, want[:], sum)

	link := filepath.Join(dir, "gone.png")
	require.NoError(t, os.Symlink(filepath.Join(dir, "none.png"), link))
	_, err = HashFile(link)
	require.Error(t, err)
	assert.Equal(t, link+" is a symbolic link to "+filepath.Join(dir, "none.png")+", which does not exist", err.Error())
}
