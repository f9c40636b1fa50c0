package writer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStampCurrent(t *testing.T) {
	dir := t.TempDir()
	files := []File{
		{Path: "a/one.go", Content: gen("one.md", "")},
		{Path: "b/two.go", Content: gen("two.md", "")},
	}
	_, err := Write(dir, files)
	require.NoError(t, err)
	require.NoError(t, WriteStamp(dir, NewStamp("k1", files, nil)))
	st := ReadStamp(dir)
	require.NotNil(t, st)
	assert.Equal(t, "k1", st.Key)
	current := func() bool {
		ok, err := st.Current(dir)
		require.NoError(t, err)
		return ok
	}
	assert.True(t, current())

	// User files do not matter; the stamp itself is not a generated file.
	writeFile(t, dir, "a/mine.go", []byte("package a\n"))
	assert.True(t, current())

	// Edited, missing or extra generated files do.
	writeFile(t, dir, "b/two.go", gen("two.md", "// edit\n"))
	assert.False(t, current())
	writeFile(t, dir, "b/two.go", files[1].Content)
	assert.True(t, current())
	require.NoError(t, os.Remove(filepath.Join(dir, "b", "two.go")))
	assert.False(t, current())
	writeFile(t, dir, "b/two.go", files[1].Content)
	writeFile(t, dir, "b/three.go", gen("three.md", ""))
	assert.False(t, current())
	require.NoError(t, os.Remove(filepath.Join(dir, "b", "three.go")))
	assert.True(t, current())

	// A generated file in another folder directly under the output is a
	// package no page makes any more: stale, for Current and for Plan.
	writeFile(t, dir, "c/three.go", gen("three.md", ""))
	assert.False(t, current())
	changes, err := Plan(dir, files)
	require.NoError(t, err)
	require.Len(t, changes, 1)
	assert.Equal(t, "c/three.go", changes[0].Path)
	require.NoError(t, os.Remove(filepath.Join(dir, "c", "three.go")))

	// One deeper is not this output's (another output, golden data): Plan
	// leaves it alone, and it does not make the stamp stale.
	writeFile(t, dir, "c/deep/three.go", gen("three.md", ""))
	assert.True(t, current())
	changes, err = Plan(dir, files)
	require.NoError(t, err)
	assert.Empty(t, changes)

	// A stamped folder that became another module: not current, so the
	// run goes on to Plan, which refuses to write there.
	writeFile(t, dir, "b/go.mod", []byte("module example.com/b\n"))
	assert.False(t, current())
	_, err = Plan(dir, files)
	assert.ErrorContains(t, err, "its own go.mod")
	require.NoError(t, os.Remove(filepath.Join(dir, "b", "go.mod")))

	// The stamp never counts as a change for Plan.
	require.NoError(t, os.Remove(filepath.Join(dir, "c", "deep", "three.go")))
	changes, err = Plan(dir, files)
	require.NoError(t, err)
	assert.Empty(t, changes)

	// Unreadable stamps are no stamps.
	require.NoError(t, os.WriteFile(filepath.Join(dir, StampName), []byte("{"), 0o644))
	assert.Nil(t, ReadStamp(dir))
	require.NoError(t, RemoveStamp(dir))
	assert.Nil(t, ReadStamp(dir))
	require.NoError(t, RemoveStamp(dir))
}

func TestHasherCoversEveryFile(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "api/x.md", []byte("x"))
	key := func() string {
		var h Hasher
		h.Add("module", "m")
		require.NoError(t, h.AddTree(dir))
		return h.Key()
	}
	k1 := key()
	assert.Equal(t, k1, key(), "stable")
	writeFile(t, dir, "api/x.md", []byte("y"))
	k2 := key()
	assert.NotEqual(t, k1, k2, "content")
	require.NoError(t, os.Rename(filepath.Join(dir, "api", "x.md"), filepath.Join(dir, "api", "z.md")))
	k3 := key()
	assert.NotEqual(t, k2, k3, "names")
	writeFile(t, dir, "other.txt", []byte(""))
	assert.NotEqual(t, k3, key(), "files the loader ignores too")
	writeFile(t, dir, ".git/HEAD", []byte("ref"))
	k4 := key()
	writeFile(t, dir, ".git/HEAD", []byte("other"))
	assert.Equal(t, k4, key(), "hidden folders are skipped, as the loader skips them")
}

func TestHasherReadsThroughSymlinks(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	writeFile(t, outside, "page.md", []byte("one"))
	if err := os.Symlink(filepath.Join(outside, "page.md"), filepath.Join(dir, "page.md")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	key := func() string {
		var h Hasher
		require.NoError(t, h.AddTree(dir))
		return h.Key()
	}
	k1 := key()
	writeFile(t, outside, "page.md", []byte("two"))
	assert.NotEqual(t, k1, key())
}

// TestAddTreeFollowsSymlinks: a page in a linked subfolder is an input like
// any other, so changing it changes the key; a link loop ends.
func TestAddTreeFollowsSymlinks(t *testing.T) {
	tmp := t.TempDir()
	docs, elsewhere := filepath.Join(tmp, "docs"), filepath.Join(tmp, "elsewhere")
	writeFile(t, docs, "resources/a.md", []byte("a"))
	writeFile(t, elsewhere, "b.md", []byte("b"))
	if err := os.Symlink(elsewhere, filepath.Join(docs, "api")); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	require.NoError(t, os.Symlink(docs, filepath.Join(docs, "resources", "loop")))
	key := func(root string) string {
		var h Hasher
		require.NoError(t, h.AddTree(root))
		return h.Key()
	}
	before := key(docs)
	link := filepath.Join(tmp, "link")
	require.NoError(t, os.Symlink(docs, link))
	assert.Equal(t, before, key(link), "a linked root keys as its target")
	writeFile(t, elsewhere, "b.md", []byte("b2"))
	assert.NotEqual(t, before, key(docs))
}
