//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPipeAsInputIsAnError: a named pipe given where a command reads a
// folder or a page would block the read forever; every command refuses it
// as a usage error, at once.
func TestPipeAsInputIsAnError(t *testing.T) {
	in, out := generated(t)
	before := tree(t, out)
	pipe := filepath.Join(t.TempDir(), "pipe.md")
	require.NoError(t, syscall.Mkfifo(pipe, 0o644))
	metadata := filepath.Join("testdata", "metadata-diff", "metadata.xml")
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"generate", "-in", pipe, "-out", out, "-module", "example.com/m/output"}, "-in"},
		{[]string{"generate", "-in", pipe, "-out", out, "-module", "example.com/m/output", "-check", "-stamp=false"}, "-in"},
		{[]string{"ir", "-in", pipe}, "-in"},
		{[]string{"lint", pipe}, "path"},
		{[]string{"lint", in, pipe}, "path"},
		{[]string{"lint", "-metadata", pipe, in}, "-metadata"},
		{[]string{"metadata-diff", "-in", pipe, "-metadata", metadata}, "-in"},
		{[]string{"metadata-diff", "-in", in, "-metadata", pipe}, "-metadata"},
		{[]string{"new", "resource", "-name", "microsoft.graph.callRecords.widget", "-in", pipe}, "-in"},
		{[]string{"new", "create", "-resource", pipe, "-path", "/communications/callRecords"}, "-resource"},
	} {
		type result struct {
			code           int
			stdout, stderr string
		}
		done := make(chan result, 1)
		go func() {
			code, stdout, stderr := run(c.args...)
			done <- result{code, stdout, stderr}
		}()
		select {
		case r := <-done:
			assert.Equal(t, ExitUsage, r.code, "%q: %s", c.args, r.stderr)
			assert.Empty(t, r.stdout, c.args)
			assert.Contains(t, r.stderr, c.flag+" "+pipe+" is a named pipe, not a folder or a file", c.args)
		case <-time.After(10 * time.Second):
			// Unblock the reader so the test binary can end.
			if f, err := os.OpenFile(pipe, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
			t.Fatalf("%q blocked on a named pipe", c.args)
		}
	}
	assert.Equal(t, before, tree(t, out))
}

// TestLintBrokenLinkNamedAsGiven: a broken symbolic link among the pages
// stops lint with an error naming it as the user wrote its path, whether
// its folder or the link itself is given.
func TestLintBrokenLinkNamedAsGiven(t *testing.T) {
	root := t.TempDir()
	api := filepath.Join(root, "docs", "api")
	require.NoError(t, os.MkdirAll(api, 0o755))
	require.NoError(t, os.Symlink("nowhere.md", filepath.Join(api, "broken.md")))
	t.Chdir(root)
	for arg, want := range map[string]string{
		"docs":               filepath.Join("docs", "api", "broken.md"),
		"docs/api/broken.md": "docs/api/broken.md",
	} {
		code, _, stderr := run("lint", arg)
		assert.Equal(t, ExitUsage, code, arg)
		assert.Equal(t, "gen lint: "+want+" is a symbolic link to nowhere.md, which does not exist\n", stderr, arg)
	}
}

// TestOnePageThroughALink: a page given alone through a symbolic link is
// read where it really lives, as the kind of page its folder says.
func TestOnePageThroughALink(t *testing.T) {
	root := t.TempDir()
	page := writeDeletePage(t, root)
	require.NoError(t, os.MkdirAll(filepath.Join(root, "links"), 0o755))
	link := filepath.Join(root, "links", "wd.md")
	require.NoError(t, os.Symlink(page, link))
	code, stdout, stderr := run("ir", "-in", link)
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stdout, `"source": "api/widget-delete.md"`)
	assert.Contains(t, stdout, `"name": "DeleteWidget"`)
}
