package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const segmentPath = "/communications/callRecords/{callRecordId}/sessions/{sessionId}/segments"

func TestNewPrintsToStdout(t *testing.T) {
	code, stdout, stderr := run("new", "create", "-resource", filepath.Join(repoRoot, "docs-input", "resources", "callrecords-segment.md"), "-path", segmentPath)
	require.Equal(t, ExitOK, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "---\ntitle: \"Create segment\"\n"), stdout)
	assert.Contains(t, stdout, "POST "+segmentPath+"\n")
	assert.Contains(t, stdout, "](../resources/callrecords-segment.md)")
}

func TestNewNeverOverwrites(t *testing.T) {
	root := filepath.Join(t.TempDir(), "docs")
	require.NoError(t, os.CopyFS(root, os.DirFS(filepath.Join(repoRoot, "docs-input"))))
	out := filepath.Join(root, "api", "callrecords-segment-get.md")
	args := []string{"new", "get", "-resource", filepath.Join(root, "resources", "callrecords-segment.md"), "-path", segmentPath + "/{segmentId}", "-o", out}
	code, stdout, stderr := run(args...)
	require.Equal(t, ExitOK, code, stderr)
	assert.Empty(t, stdout)
	first, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(first), "# Get segment\n")

	require.NoError(t, os.WriteFile(out, []byte("my half-written page\n"), 0o644))
	code, _, stderr = run(args...)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "already exists")
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, "my half-written page\n", string(b))

	// The seed itself is never replaced either.
	seed := filepath.Join(root, "api", "callrecords-segment-post.md")
	before, err := os.ReadFile(seed)
	require.NoError(t, err)
	code, _, _ = run("new", "create", "-resource", filepath.Join(root, "resources", "callrecords-segment.md"), "-path", segmentPath, "-o", seed)
	assert.Equal(t, ExitUsage, code)
	after, err := os.ReadFile(seed)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}

// TestNewLinksFromWhereThePageGoes: with -o, links are relative to the
// page's folder when it lies in the doc root.
func TestNewLinksFromWhereThePageGoes(t *testing.T) {
	root := filepath.Join(t.TempDir(), "docs")
	require.NoError(t, os.CopyFS(root, os.DirFS(filepath.Join(repoRoot, "docs-input"))))
	out := filepath.Join(root, "segment-get.md")
	code, _, stderr := run("new", "get", "-resource", filepath.Join(root, "resources", "callrecords-segment.md"), "-path", segmentPath+"/{segmentId}", "-o", out)
	require.Equal(t, ExitOK, code, stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), "[segment](resources/callrecords-segment.md)")

	out = filepath.Join(root, "resources", "callrecords-widget.md")
	code, _, stderr = run("new", "resource", "-in", root, "-name", "microsoft.graph.callRecords.widget", "-base", "microsoft.graph.entity", "-o", out)
	require.Equal(t, ExitOK, code, stderr)
	b, err = os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), "Inherited from [entity](entity.md).")
}

func TestNewErrors(t *testing.T) {
	seg := filepath.Join(repoRoot, "docs-input", "resources", "callrecords-segment.md")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"new"}, ExitUsage, "usage:"},
		{[]string{"new", "frobnicate"}, ExitUsage, "unknown kind"},
		{[]string{"new", "create", "-path", segmentPath}, ExitUsage, "-resource and -path are required"},
		{[]string{"new", "create", "-resource", seg}, ExitUsage, "-resource and -path are required"},
		{[]string{"new", "resource"}, ExitUsage, "-name is required"},
		{[]string{"new", "create", "-resource", seg, "-path", "no-slash"}, ExitUsage, "leading slash"},
		{[]string{"new", "create", "-resource", seg, "-path", segmentPath, "stray"}, ExitUsage, "unexpected argument"},
		{[]string{"new", "get", "-resource", filepath.Join(repoRoot, "docs-input", "resources", "nope.md"), "-path", "/x"}, ExitUsage, "no such file"},
	} {
		code, stdout, stderr := run(c.args...)
		assert.Equal(t, c.code, code, "%v", c.args)
		assert.Empty(t, stdout, "%v", c.args)
		assert.Contains(t, stderr, c.msg, "%v", c.args)
	}

	// Errors in the resource's pages: exit 1, printed as file:line:col.
	root := filepath.Join(t.TempDir(), "docs")
	require.NoError(t, os.CopyFS(root, os.DirFS(filepath.Join(repoRoot, "docs-input"))))
	p := filepath.Join(root, "resources", "callrecords-segment.md")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, []byte(strings.Replace(string(b), "|caller|[microsoft.graph.callRecords.endpoint](callrecords-endpoint.md)|", "|caller|Nope|", 1)), 0o644))
	code, stdout, stderr := run("new", "create", "-resource", p, "-path", segmentPath)
	assert.Equal(t, ExitFindings, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, p+":")
	assert.Contains(t, stderr, `unknown type "Nope"`)
}

// TestNewResourceStartsADocSet: the first page of a doc set is a resource
// page scaffolded into an empty folder; a base type is then an error, as
// there is none to name.
func TestNewResourceStartsADocSet(t *testing.T) {
	root := filepath.Join(t.TempDir(), "docs")
	require.NoError(t, os.MkdirAll(filepath.Join(root, "resources"), 0o755))
	out := filepath.Join(root, "resources", "widget.md")
	code, _, stderr := run("new", "resource", "-in", root, "-name", "contoso.widget", "-o", out)
	require.Equal(t, ExitOK, code, stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, string(b), "# widget resource type\n")
	assert.Contains(t, string(b), `"@odata.type": "#contoso.widget"`)

	// The new page, still a template, is a base to scaffold from; lint
	// fails on it until its markers are filled (template-placeholder
	// errors), and nothing else: its TODO rows are warnings.
	code, _, stderr = run("new", "resource", "-in", root, "-name", "contoso.gadget", "-base", "contoso.widget", "-o", filepath.Join(root, "resources", "gadget.md"))
	require.Equal(t, ExitOK, code, stderr)
	code, _, stderr = run("lint", root)
	assert.Equal(t, ExitFindings, code, stderr)
	code, _, stderr = run("lint", "-disable", "template-placeholder", root)
	assert.Equal(t, ExitOK, code, stderr)

	other := filepath.Join(t.TempDir(), "docs")
	require.NoError(t, os.MkdirAll(other, 0o755))
	code, _, stderr = run("new", "resource", "-in", other, "-name", "contoso.gadget", "-base", "contoso.widget")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, `-base "contoso.widget": no such resource type`)
}

// TestNewExampleNamesStayUnique: a second page scaffolded for another
// request of the same resource gets an example name of its own, so the doc
// set keeps passing duplicate-example-name.
func TestNewExampleNamesStayUnique(t *testing.T) {
	root := filepath.Join(t.TempDir(), "docs")
	require.NoError(t, os.CopyFS(root, os.DirFS(filepath.Join(repoRoot, "docs-input"))))
	seg := filepath.Join(root, "resources", "callrecords-segment.md")
	for i, p := range []string{segmentPath + "/{segmentId}", "/segments/{segmentId}"} {
		out := filepath.Join(root, "api", fmt.Sprintf("segment-get-%d.md", i))
		code, _, stderr := run("new", "get", "-resource", seg, "-path", p, "-o", out)
		require.Equal(t, ExitOK, code, stderr)
	}
	a, err := os.ReadFile(filepath.Join(root, "api", "segment-get-0.md"))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(root, "api", "segment-get-1.md"))
	require.NoError(t, err)
	assert.Contains(t, string(a), `"name": "get_segment"`)
	assert.Contains(t, string(b), `"name": "get_segment_2"`)
	code, stdout, _ := run("lint", "-format", "json", "-enable", "duplicate-example-name", root)
	assert.Equal(t, ExitOK, code)
	assert.Equal(t, "[]\n", stdout)
}
