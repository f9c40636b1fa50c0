package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/writer"
)

// symlink makes a symbolic link or skips the test where they are not
// allowed.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
}

// TestGenerateFollowsSymlinkedInput: -in may be a link to the docs, and a
// subfolder may be a link; both give the same output as the real folder, so
// nothing is deleted.
func TestGenerateFollowsSymlinkedInput(t *testing.T) {
	in, out := generated(t)
	before := tree(t, out)
	link := filepath.Join(t.TempDir(), "docs-link")
	symlink(t, in, link)
	code, stdout, stderr := run("generate", "-in", link, "-out", out, "-module", "example.com/m/output", "-stamp=false", "-v")
	require.Equal(t, ExitOK, code, stderr)
	assert.Empty(t, stdout, "nothing written or deleted")
	assert.Equal(t, before, tree(t, out))

	// docs/api is a link to the operation pages kept elsewhere, and a link
	// back up makes a loop.
	split := filepath.Join(t.TempDir(), "docs")
	require.NoError(t, os.MkdirAll(split, 0o755))
	copyTree(t, filepath.Join(in, "resources"), filepath.Join(split, "resources"))
	symlink(t, filepath.Join(in, "api"), filepath.Join(split, "api"))
	symlink(t, split, filepath.Join(split, "resources", "loop"))
	code, stdout, stderr = run("generate", "-in", split, "-out", out, "-module", "example.com/m/output", "-stamp=false", "-v")
	require.Equal(t, ExitOK, code, stderr)
	assert.Empty(t, stdout, "nothing written or deleted")
	assert.Equal(t, before, tree(t, out))

	// ir and lint read the same pages through the links.
	_, wantIR, _ := run("ir", "-in", in)
	for _, dir := range []string{link, split} {
		code, got, stderr := run("ir", "-in", dir)
		require.Equal(t, ExitOK, code, stderr)
		assert.Equal(t, wantIR, got, dir)
	}
	pages := regexp.MustCompile(`gen lint: \d+ pages`)
	_, _, stderr = run("lint", in)
	want := pages.FindString(stderr)
	require.NotEmpty(t, want, stderr)
	for _, dir := range []string{link, split} {
		_, _, stderr := run("lint", dir)
		assert.Equal(t, want, pages.FindString(stderr), dir)
	}
}

// TestNoPagesIsAnError: an input without pages never reads as docs that
// produce nothing: every command fails with exit 2 and -out is untouched.
func TestNoPagesIsAnError(t *testing.T) {
	_, out := generated(t)
	before := tree(t, out)
	empty := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("x"), 0o644))
	metadata := filepath.Join("testdata", "metadata-diff", "metadata.xml")
	for _, args := range [][]string{
		{"generate", "-in", empty, "-out", out, "-module", "example.com/m/output"},
		{"generate", "-in", empty, "-out", out, "-module", "example.com/m/output", "-check"},
		{"ir", "-in", empty},
		{"metadata-diff", "-in", empty, "-metadata", metadata},
		{"lint", empty},
	} {
		code, _, stderr := run(args...)
		assert.Equal(t, ExitUsage, code, "%v: %s", args, stderr)
		assert.Contains(t, stderr, "no pages (*.md) found under "+empty, args)
	}
	assert.Equal(t, before, tree(t, out))
}

// TestGenerateLeavesNestedOutputAlone: generating into gen after gen/b
// keeps gen/b's files, which only a run with -out gen/b may remove.
func TestGenerateLeavesNestedOutputAlone(t *testing.T) {
	in, _ := generated(t)
	gen := filepath.Join(t.TempDir(), "gen")
	b := filepath.Join(gen, "b")
	code, _, stderr := run("generate", "-in", in, "-out", b, "-module", "example.com/m/gen/b")
	require.Equal(t, ExitOK, code, stderr)
	require.FileExists(t, filepath.Join(b, writer.StampName))
	before := tree(t, b)
	code, _, stderr = run("generate", "-in", in, "-out", gen, "-module", "example.com/m/gen")
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, before, tree(t, b))
	code, stdout, stderr := run("generate", "-in", in, "-out", gen, "-module", "example.com/m/gen", "-check", "-stamp=false")
	assert.Equal(t, ExitOK, code, stderr)
	assert.Empty(t, stdout)
}

func TestGenerateRejectsBadModulePaths(t *testing.T) {
	in, _ := generated(t)
	out := t.TempDir()
	for _, mod := range []string{"foo bar", "../x", "a//b", "example.com/x/", "/x", `"quoted"`, ".x/y", "-x", "a/./b", "a/..", "example.com/x.", "a/b./c", "a/con", "a/LPT1.go", "a/PROGRA~1", "a/..."} {
		code, _, stderr := run("generate", "-in", in, "-out", out, "-module", mod, "-stamp=false")
		assert.Equal(t, ExitUsage, code, mod)
		assert.Contains(t, stderr, "is not a valid import path", mod)
	}
	entries, err := os.ReadDir(out)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing written")
	for _, mod := range []string{"m", "example.com/m/v2", "a.b/c-d_e~f+g/.h", "a/console", "a/x~y", "a/com0"} {
		assert.NoError(t, checkModulePath(mod), mod)
	}

	// An -out whose worked-out import path is unusable.
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/m\n"), 0o644))
	code, _, stderr := run("generate", "-in", in, "-out", filepath.Join(root, "my output"))
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, `"example.com/m/my output"`)
	assert.Contains(t, stderr, "pass -module")
}

func TestGenerateOutIsAFile(t *testing.T) {
	in, _ := generated(t)
	file := filepath.Join(t.TempDir(), "ofile")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	for _, extra := range [][]string{nil, {"-module", "example.com/m"}} {
		code, _, stderr := run(append([]string{"generate", "-in", in, "-out", file}, extra...)...)
		assert.Equal(t, ExitUsage, code)
		assert.Equal(t, "gen generate: -out "+file+" is not a directory\n", stderr)
		// Below a file: it was "not a directory; pass -module", and -module
		// did not help.
		below := filepath.Join(file, "x", "y")
		code, _, stderr = run(append([]string{"generate", "-in", in, "-out", below}, extra...)...)
		assert.Equal(t, ExitUsage, code)
		assert.Equal(t, "gen generate: -out "+below+" is below "+file+", which is a file, not a directory\n", stderr)
	}
}

// TestGenerateOutIsABrokenLink: an -out that is a symbolic link to nothing
// is named so; creating it failed with "file exists".
func TestGenerateOutIsABrokenLink(t *testing.T) {
	in, _ := generated(t)
	link := filepath.Join(t.TempDir(), "out")
	require.NoError(t, os.Symlink(filepath.Join(t.TempDir(), "gone"), link))
	code, _, stderr := run("generate", "-in", in, "-out", link, "-module", "example.com/m")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "-out "+link+" is a symbolic link to ")
	assert.Contains(t, stderr, "which does not exist")
}

// TestCheckDiffLabelsRelativeToWorkingDirectory: an absolute -out inside
// the working directory is labelled from there, as git apply expects.
func TestCheckDiffLabelsRelativeToWorkingDirectory(t *testing.T) {
	in, out := generated(t)
	require.NoError(t, os.Remove(filepath.Join(out, "callrecords", "media.go")))
	t.Chdir(filepath.Dir(out))
	for _, o := range []string{out, "output"} {
		code, stdout, _ := run("generate", "-in", in, "-out", o, "-module", "example.com/m/output", "-check")
		assert.Equal(t, ExitFindings, code)
		assert.Contains(t, stdout, "--- /dev/null\n+++ b/output/callrecords/media.go\n", o)
	}
}

// TestStampReplaysWarnings: a run the stamp stands in for reports what the
// run it stands for reported, generation warnings included.
func TestStampReplaysWarnings(t *testing.T) {
	in, out := generated(t)
	page := filepath.Join(in, "resources", "callrecords-media.md")
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	row := "|label|String|"
	i := strings.Index(string(b), row)
	require.GreaterOrEqual(t, i, 0, "the fixture changed: update the edit")
	// A property whose Go name is taken by a method: the emitter renames it.
	edited := string(b[:i]) + "|marshalJSON|String|Taken.|\n" + string(b[i:])
	require.NoError(t, os.WriteFile(page, []byte(edited), 0o644))

	loads := countLoads(t)
	gen := func(extra ...string) string {
		code, _, stderr := run(append([]string{"generate", "-in", in, "-out", out, "-module", "example.com/m/output"}, extra...)...)
		require.Equal(t, ExitOK, code, stderr)
		return stderr
	}
	first := gen()
	assert.Contains(t, first, "1 generation warning(s)")
	assert.Equal(t, first, gen(), "the stamp replays the count")
	verbose := gen("-stamp=false", "-v")
	assert.Contains(t, verbose, "warning renamed-field")
	assert.Equal(t, verbose, gen("-v"), "and with -v every warning")
	assert.Equal(t, 2, *loads, "the runs with the stamp loaded nothing")
}

// TestEmptyPathsAreUsageErrors: an empty -out would write into the current
// folder and take every folder in it for a package folder of gen's; an
// empty input path would read the current folder. Each is a usage error,
// and nothing is written.
func TestEmptyPathsAreUsageErrors(t *testing.T) {
	in, _ := generated(t)
	wd := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(wd, "mine"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(wd, "mine", "x.go"), []byte("// Code generated by gen from resources/x.md. DO NOT EDIT.\n\npackage mine\n"), 0o644))
	t.Chdir(wd)
	before := tree(t, wd)
	metadata, err := filepath.Abs(filepath.Join(repoRoot, "gen", "internal", "cli", "testdata", "metadata-diff", "metadata.xml"))
	require.NoError(t, err)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "-in", in, "-out", ""}, "gen generate: -out is empty"},
		{[]string{"generate", "-in", in, "-out", "", "-check"}, "gen generate: -out is empty"},
		{[]string{"-in", in, "-out="}, "gen generate: -out is empty"},
		{[]string{"generate", "-in", "", "-out", "out"}, "gen generate: -in is empty"},
		{[]string{"ir", "-in", ""}, "gen ir: -in is empty"},
		{[]string{"lint", ""}, "gen lint: path is empty"},
		{[]string{"lint", in, "", "-format", "json"}, "gen lint: path is empty"},
		{[]string{"metadata-diff", "-in", "", "-metadata", metadata}, "gen metadata-diff: -in is empty"},
		{[]string{"new", "resource", "-name", "microsoft.graph.callRecords.widget", "-in", ""}, "gen new resource: -in is empty"},
	} {
		code, stdout, stderr := run(c.args...)
		assert.Equal(t, ExitUsage, code, "%q: %s", c.args, stderr)
		assert.Empty(t, stdout, c.args)
		assert.Contains(t, stderr, c.want, c.args)
	}
	assert.Equal(t, before, tree(t, wd), "nothing written")
}

// TestGenerateWarnsOfLegacyMux: a go.mod above -out that would give
// ServeMux its Go 1.21 patterns (a go line older than 1.22 or none, such a
// godebug default, or httpmuxgo121=1) is warned of at generation: the
// handler would panic when made. Generation succeeds.
func TestGenerateWarnsOfLegacyMux(t *testing.T) {
	in, _ := generated(t)
	for gomod, warn := range map[string]string{
		"module example.com/m\n\ngo 1.21\n":                                                 "declares go 1.21",
		"module example.com/m\n":                                                            "has no go line, which means go 1.16",
		"module example.com/m\n\ngo 1.9\n":                                                  "declares go 1.9",
		"module example.com/m\n\ngo 1.22\n\ngodebug httpmuxgo121=1\n":                       "sets godebug httpmuxgo121=1",
		"module example.com/m\n\ngo 1.26\n\ngodebug (\n\tx=1\n\thttpmuxgo121=1 // old\n)\n": "sets godebug httpmuxgo121=1",
		"module example.com/m\n\ngo 1.26\n\ngodebug default=go1.21\n":                       "sets godebug default=go1.21",
		"module example.com/m\n\ngo 1.22\n":                                                 "",
		"module example.com/m\n\ngo 1.26.8\n":                                               "",
		"module example.com/m\n\ngo 1.21rc2\n":                                              "", // the go command reads no version there
		"module example.com/m\n\ngo 1.21\n\ngodebug httpmuxgo121=0\n":                       "",
		"module example.com/m\n\ngo 1.21\n\ngodebug default=go1.22\n":                       "",
		"module example.com/m\n\ngo 2.0\n":                                                  "",
		"module example.com/m\n\ngo 1.30 // x\n":                                            "",
	} {
		root := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte(gomod), 0o644))
		code, _, stderr := run("generate", "-in", in, "-out", filepath.Join(root, "out"), "-stamp=false")
		assert.Equal(t, ExitOK, code, gomod)
		if warn != "" {
			assert.Contains(t, stderr, "gen generate: warning: "+filepath.Join(root, "go.mod")+" "+warn+": http.ServeMux would have its Go 1.21 patterns", gomod)
		} else {
			assert.Empty(t, stderr, gomod)
		}
	}
}

// TestOnePageInItsFolder: a page given alone to ir keeps the api/ or
// resources/ folder it is in, which says what kind of page it is, however
// its path is spelled; generate and metadata-diff, which need the whole
// doc set, refuse a page and write nothing.
func TestOnePageInItsFolder(t *testing.T) {
	root := t.TempDir()
	page := writeDeletePage(t, root)

	code, stdout, stderr := run("ir", "-in", page)
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stdout, `"source": "api/widget-delete.md"`)
	assert.Contains(t, stdout, `"name": "DeleteWidget"`)
	t.Chdir(filepath.Dir(page))
	code, stdout, stderr = run("ir", "-in", "widget-delete.md")
	require.Equal(t, ExitOK, code, stderr)
	assert.Contains(t, stdout, `"source": "api/widget-delete.md"`, "from inside api/ too")

	out := filepath.Join(root, "out")
	code, _, stderr = run("generate", "-in", page, "-out", out, "-module", "example.com/m/out")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "gen generate: -in "+page+" is a page: give the folder of the doc set it belongs to")
	assert.NoDirExists(t, out)
	code, _, stderr = run("metadata-diff", "-metadata", page, "-in", page)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "gen metadata-diff: -in "+page+" is a page")
}

// writeDeletePage writes an operation page, docs/api/widget-delete.md
// below root, and returns its path.
func writeDeletePage(t *testing.T, root string) string {
	t.Helper()
	page := filepath.Join(root, "docs", "api", "widget-delete.md")
	require.NoError(t, os.MkdirAll(filepath.Dir(page), 0o755))
	require.NoError(t, os.WriteFile(page, []byte("# Delete widget\n\nNamespace: microsoft.graph\n\nDelete a widget.\n\n## HTTP request\n\n```http\nDELETE /widgets/{id}\n```\n\n"+
		"## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"), 0o644))
	return page
}
