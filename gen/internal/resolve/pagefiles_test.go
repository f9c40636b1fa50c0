package resolve

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// symlink makes a symbolic link or skips the test where they are not
// allowed.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
}

func writePage(t *testing.T, path, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
}

// TestPageFilesFollowsSymlinks: a linked root and a linked subfolder are
// walked, a link loop and a second way into a folder are read once, hidden
// folders are not.
func TestPageFilesFollowsSymlinks(t *testing.T) {
	tmp := t.TempDir()
	docs, elsewhere := filepath.Join(tmp, "docs"), filepath.Join(tmp, "elsewhere")
	writePage(t, filepath.Join(docs, "resources", "a.md"), "# a\n")
	writePage(t, filepath.Join(docs, ".hidden", "h.md"), "# h\n")
	writePage(t, filepath.Join(elsewhere, "api", "b.md"), "# b\n")
	symlink(t, filepath.Join(elsewhere, "api"), filepath.Join(docs, "api"))
	symlink(t, docs, filepath.Join(docs, "resources", "loop"))
	symlink(t, filepath.Join(docs, "resources"), filepath.Join(docs, "zz-again"))
	link := filepath.Join(tmp, "link")
	symlink(t, docs, link)

	for _, root := range []string{docs, link} {
		got, err := PageFiles(root)
		require.NoError(t, err)
		assert.Equal(t, []string{
			filepath.Join(root, "api", "b.md"),
			filepath.Join(root, "resources", "a.md"),
		}, got, root)
	}
}

func TestLoadNoPages(t *testing.T) {
	tmp := t.TempDir()
	writePage(t, filepath.Join(tmp, "notes.txt"), "not a page")
	_, _, err := Load(tmp)
	var np NoPagesError
	require.True(t, errors.As(err, &np), "%v", err)
	assert.Equal(t, "no pages (*.md) found under "+tmp, err.Error())

	_, err = ReadPaths([]string{tmp})
	assert.True(t, errors.As(err, &np), "%v", err)
}

func TestLoadSymlinkedRoot(t *testing.T) {
	tmp := t.TempDir()
	src, err := os.ReadFile(filepath.Join("testdata", "..", "..", "..", "..", "docs-input", "resources", "entity.md"))
	require.NoError(t, err)
	writePage(t, filepath.Join(tmp, "real", "resources", "entity.md"), string(src))
	link := filepath.Join(tmp, "link")
	symlink(t, filepath.Join(tmp, "real"), link)
	prog, _, err := Load(link)
	require.NoError(t, err)
	require.NotEmpty(t, prog.Types)
	assert.Equal(t, "resources/entity.md", prog.Types[0].Pos.File)
}

// TestLoadReadsEachPageOnceThroughLinks: a link that makes a folder of the
// docs reachable a second way changes nothing in the IR: not a link back to
// the root written absolute while -in is relative (each type would be
// declared twice), nor a link from api/ to resources/ that sorts first
// (the resource pages would be read as operation pages).
func TestLoadReadsEachPageOnceThroughLinks(t *testing.T) {
	tmp := t.TempDir()
	require.NoError(t, os.CopyFS(filepath.Join(tmp, "plain"), os.DirFS(filepath.Join("..", "..", "..", "docs-input"))))
	ir := func(root string) string {
		t.Helper()
		prog, diags, err := Load(root)
		require.NoError(t, err)
		b, err := json.Marshal(prog)
		require.NoError(t, err)
		return string(b) + "\n" + diags.String()
	}
	want := ir(filepath.Join(tmp, "plain"))

	require.NoError(t, os.CopyFS(filepath.Join(tmp, "a"), os.DirFS(filepath.Join(tmp, "plain"))))
	symlink(t, filepath.Join(tmp, "a"), filepath.Join(tmp, "a", "abs"))
	require.NoError(t, os.CopyFS(filepath.Join(tmp, "b"), os.DirFS(filepath.Join(tmp, "plain"))))
	symlink(t, filepath.Join("..", "resources"), filepath.Join(tmp, "b", "api", "res"))
	t.Chdir(tmp)
	for _, root := range []string{"a", filepath.Join(tmp, "a"), "b", filepath.Join(tmp, "b")} {
		assert.Equal(t, want, ir(root), root)
	}
}

// TestReadPathsOnce: lint given a folder and a link to it, or one page
// twice, reads each page once.
func TestReadPathsOnce(t *testing.T) {
	tmp := t.TempDir()
	docs := filepath.Join(tmp, "docs")
	writePage(t, filepath.Join(docs, "resources", "a.md"), "# a resource type\n")
	writePage(t, filepath.Join(docs, "api", "b.md"), "# Get b\n")
	symlink(t, docs, filepath.Join(tmp, "zlink"))
	set, err := ReadPaths([]string{docs, filepath.Join(tmp, "zlink"), filepath.Join(docs, "api", "b.md")})
	require.NoError(t, err)
	var paths []string
	for _, p := range set.Pages {
		paths = append(paths, p.Src.Path)
	}
	assert.Equal(t, []string{"docs/api/b.md", "docs/resources/a.md"}, paths)
}

// TestReadPathsDirectPathWins: a page given through a link from another
// folder (a resource page linked into api/) is read under its own path.
func TestReadPathsDirectPathWins(t *testing.T) {
	tmp := t.TempDir()
	docs := filepath.Join(tmp, "docs")
	writePage(t, filepath.Join(docs, "resources", "a.md"), "# a resource type\n")
	symlink(t, filepath.Join("..", "resources", "a.md"), filepath.Join(docs, "api", "x.md"))
	set, err := ReadPaths([]string{docs, filepath.Join(docs, "api", "x.md")})
	require.NoError(t, err)
	var paths []string
	for _, p := range set.Pages {
		paths = append(paths, p.Src.Path)
	}
	assert.Equal(t, []string{"docs/resources/a.md"}, paths)
}
