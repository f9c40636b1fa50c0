package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gen/gen/internal/lint"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runGen(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

var docsInput = filepath.Join("..", "..", "..", "docs-input")

func TestLintExitStatus(t *testing.T) {
	clean := filepath.Join("..", "lint", "testdata", "shared")
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"errors found", []string{"lint", docsInput}, ExitFindings},
		{"clean pages", []string{"lint", clean}, ExitOK},
		{"only warnings left", []string{"lint", "-disable", "broken-link,template-placeholder", docsInput}, ExitOK},
		{"one rule", []string{"lint", "-enable", "broken-link", docsInput}, ExitFindings},
		{"unknown format", []string{"lint", "-format", "xml", docsInput}, ExitUsage},
		{"unknown rule", []string{"lint", "-disable", "no-such-rule", docsInput}, ExitUsage},
		{"enabled and disabled", []string{"lint", "-enable", "broken-link", "-disable", "broken-link", docsInput}, ExitUsage},
		{"disable repeated", []string{"lint", "-disable", "broken-link", "-disable", "template-placeholder", docsInput}, ExitOK},
		{"bad flag", []string{"lint", "-nope", docsInput}, ExitUsage},
		{"missing path", []string{"lint", filepath.Join(docsInput, "no-such-page.md")}, ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runGen(tt.args...)
			assert.Equal(t, tt.code, code, stderr)
		})
	}
}

func TestLintText(t *testing.T) {
	code, stdout, stderr := runGen("lint", docsInput)
	require.Equal(t, ExitFindings, code)
	seed := filepath.ToSlash(filepath.Join(docsInput, "api", "callrecords-segment-post.md"))
	assert.Contains(t, stdout, seed+":74:1: warning content-length: Content-Length is 483, the body's length with CRLF line endings, but the body as shown, with LF, is 465 bytes\n")
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		assert.Regexp(t, `^[^:]+:\d+:\d+: (error|warning|info) [a-z-]+: .+$`, line)
	}
	// Per-rule totals, then the summary line, on stderr.
	assert.Regexp(t, `(?m)^ +13  error    template-placeholder$`, stderr)
	assert.Regexp(t, `(?m)^gen lint: 18 pages, 14 errors, 16 warnings, 0 infos in [0-9.]+s$`, stderr)

	// One rule only.
	_, stdout, _ = runGen("lint", "-enable", "broken-link", docsInput)
	assert.Equal(t, 1, strings.Count(stdout, "\n"), stdout)
}

func TestLintJSON(t *testing.T) {
	code, stdout, stderr := runGen("lint", "-format", "json", docsInput)
	require.Equal(t, ExitFindings, code)
	assert.Empty(t, stderr, "the summary is for the text format only")
	var got []struct {
		File, Rule string
		Line       int
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	assert.Len(t, got, 30)
}

// TestLintOnePage: a page given next to its folder is read once, and the
// folder's pages still resolve its links and types.
func TestLintOnePage(t *testing.T) {
	page := filepath.Join(docsInput, "api", "callrecords-segment-post.md")
	_, both, _ := runGen("lint", page, docsInput)
	_, folder, _ := runGen("lint", docsInput)
	assert.Equal(t, folder, both)

	// Alone, the page is linted in its doc set (docs-input holds api/ and
	// resources/): the same findings as linting the whole folder, as the
	// seed page is the only page with any, and no unknown types.
	code, alone, stderr := runGen("lint", page)
	assert.Equal(t, ExitFindings, code)
	assert.Equal(t, folder, alone)
	assert.NotContains(t, alone, "unknown-type")
	assert.Contains(t, alone, "callrecords-entity.md", "its broken link is still found")
	assert.Regexp(t, `(?m)^gen lint: 1 pages, 14 errors, 16 warnings`, stderr, "only the page given is counted")

	// A page of the set without findings reports none, though the set has.
	code, clean, _ := runGen("lint", filepath.Join(docsInput, "resources", "callrecords-segment.md"))
	assert.Equal(t, ExitOK, code)
	assert.Empty(t, clean)
}

// TestLintMetadata: with -metadata, each difference from the schema is a
// metadata-drift warning on the docs' row.
func TestLintMetadata(t *testing.T) {
	dir := filepath.Join("testdata", "metadata-diff")
	code, stdout, stderr := runGen("lint", "-format", "json", "-enable", "metadata-drift",
		"-metadata", filepath.Join(dir, "metadata.xml"), filepath.Join(dir, "docs"))
	require.Equal(t, ExitOK, code, stderr)
	var findings []struct {
		File, Rule, Severity, Message string
		Line, Column                  int
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &findings))
	var got []string
	for _, f := range findings {
		assert.Equal(t, "metadata-drift", f.Rule)
		assert.Equal(t, "warning", f.Severity)
		got = append(got, fmt.Sprintf("%s:%d:%d %s", filepath.Base(f.File), f.Line, f.Column, strings.SplitN(f.Message, ":", 2)[0]))
	}
	assert.Equal(t, []string{
		"item.md:18:2 property-type",
		"item.md:19:2 property-type",
		"item.md:20:2 property-not-in-schema",
		"item.md:33:2 member-name-case",
		"item.md:39:18 property-not-in-docs",
	}, got)

	code, _, stderr = runGen("lint", "-metadata", filepath.Join(dir, "missing.xml"), filepath.Join(dir, "docs"))
	assert.Equal(t, ExitUsage, code, stderr)
}

// TestLintFlagsAfterPaths: flags may follow the paths; "--" ends the flags.
func TestLintFlagsAfterPaths(t *testing.T) {
	code, before, _ := runGen("lint", "-format", "json", "-enable", "broken-link", docsInput)
	require.Equal(t, ExitFindings, code)
	code, after, stderr := runGen("lint", docsInput, "-format", "json", "-enable", "broken-link")
	require.Equal(t, ExitFindings, code, stderr)
	assert.Equal(t, before, after)
	code, _, stderr = runGen("lint", "-format", "json", "--", docsInput, "-enable")
	assert.Equal(t, ExitUsage, code, "after --, -enable is a path: %s", stderr)
	assert.Contains(t, stderr, "-enable")
}

// TestLintOnePageFromItsFolder: run from inside the doc set, a page given
// alone is still printed as given, though its whole set is read.
func TestLintOnePageFromItsFolder(t *testing.T) {
	abs, err := filepath.Abs(filepath.Join(docsInput, "api"))
	require.NoError(t, err)
	t.Chdir(abs)
	code, stdout, stderr := runGen("lint", "-format", "json", "callrecords-segment-post.md")
	require.Equal(t, ExitFindings, code, stderr)
	var got []struct{ File, Rule string }
	require.NoError(t, json.Unmarshal([]byte(stdout), &got))
	require.NotEmpty(t, got)
	for _, f := range got {
		assert.Equal(t, "callrecords-segment-post.md", f.File)
		assert.NotEqual(t, "unknown-type", f.Rule)
	}
}

// TestLintNamedPageNotMD: a page named explicitly though the walk would not
// list it (not *.md) is linted in its doc set too.
func TestLintNamedPageNotMD(t *testing.T) {
	docs := filepath.Join(t.TempDir(), "docs")
	copyTree(t, docsInput, docs)
	seed, err := os.ReadFile(filepath.Join(docs, "api", "callrecords-segment-post.md"))
	require.NoError(t, err)
	require.NoError(t, os.Remove(filepath.Join(docs, "api", "callrecords-segment-post.md")))
	page := filepath.Join(docs, "api", "segment-post.markdown")
	require.NoError(t, os.WriteFile(page, seed, 0o644))
	code, stdout, stderr := runGen("lint", page)
	assert.Equal(t, ExitFindings, code, stderr)
	assert.NotContains(t, stdout, "unknown-type", "the resource pages of the set are read")
	assert.Contains(t, stdout, "content-length")
	assert.Regexp(t, `(?m)^gen lint: 1 pages,`, stderr)
}

// TestQuotedPositionsOpenFromHere: a page position a message quotes is
// written like the finding's own, joined to the doc root as given; a quoted
// path naming no page is left alone.
func TestQuotedPositionsOpenFromHere(t *testing.T) {
	in := filepath.Join(repoRoot, "docs-input")
	_, stdout, _ := run("lint", in)
	assert.Contains(t, stdout, "id is read-only ("+filepath.Join(in, "resources", "callrecords-segment.md")+":22:2)")
	assert.Equal(t, "see (x/none.md:1:2) and ("+filepath.Join(in, "resources", "entity.md")+":3:4)",
		relocateRefs("see (x/none.md:1:2) and (resources/entity.md:3:4)", in))
	assert.Equal(t, "no (resources/entity.md:3:4) change", relocateRefs("no (resources/entity.md:3:4) change", "."))
	assert.Equal(t, "used at "+filepath.Join(in, "api", "callrecords-segment-post.md")+":72:1, not at x/none.md:1:2",
		relocateRefs("used at api/callrecords-segment-post.md:72:1, not at x/none.md:1:2", in))
	assert.Equal(t, "x:api/callrecords-segment-post.md:72:1", relocateRefs("x:api/callrecords-segment-post.md:72:1", in), "a path starts after a space or parenthesis")
}

// TestLintTotalsPerSeverity: a rule with findings of two severities
// (annotation-value: wrong values are errors, misspelt suppressions
// warnings) is totalled once per severity, and the totals agree with the
// JSON output and add up to the summary line.
func TestLintTotalsPerSeverity(t *testing.T) {
	dir := filepath.Join("..", "lint", "testdata", "rules", "annotation-value", "trigger")
	code, stdout, _ := runGen("lint", "-format", "json", dir)
	require.Equal(t, ExitFindings, code)
	var findings []struct{ Rule, Severity string }
	require.NoError(t, json.Unmarshal([]byte(stdout), &findings))
	want := map[string]int{}
	for _, f := range findings {
		want[f.Severity+" "+f.Rule]++
	}
	require.Positive(t, want["error annotation-value"], "the fixture changed: it needs an annotation-value error")
	require.Positive(t, want["warning annotation-value"], "the fixture changed: it needs an annotation-value warning")

	_, _, stderr := runGen("lint", dir)
	got := map[string]int{}
	perSeverity := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^ +(\d+)  (\w+) +(\S+)$`).FindAllStringSubmatch(stderr, -1) {
		n, err := strconv.Atoi(m[1])
		require.NoError(t, err)
		got[m[2]+" "+m[3]] += n
		perSeverity[m[2]] += n
	}
	assert.Equal(t, want, got, stderr)
	assert.Regexp(t, fmt.Sprintf(`(?m)^gen lint: 1 pages, %d errors, %d warnings, %d infos `, perSeverity["error"], perSeverity["warning"], perSeverity["info"]), stderr)
}

// TestLintLinkedPage: a page given through a link (a resource page linked
// into api/) is linted in its doc set as the page it is, so it reports
// what linting the resource page does: nothing.
func TestLintLinkedPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "docs")
	copyTree(t, filepath.Join(repoRoot, "docs-input"), dir)
	link := filepath.Join(dir, "api", "seglink.md")
	if err := os.Symlink(filepath.Join("..", "resources", "callrecords-segment.md"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	code, stdout, stderr := runGen("lint", link)
	assert.Equal(t, ExitOK, code, stdout+stderr)
	assert.Empty(t, stdout)
}

// TestLintRules: -rules lists every rule with its severity, summary and
// help, in the order of lint.Rules.
func TestLintRules(t *testing.T) {
	code, out, _ := run("lint", "-rules")
	require.Equal(t, ExitOK, code)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	i := 0
	for _, r := range lint.Rules {
		require.Less(t, i, len(lines))
		assert.Equal(t, fmt.Sprintf("%-24s %-8s %s", r.ID, r.Severity, r.Summary), lines[i])
		i++
		require.NotEmpty(t, r.Help, r.ID)
		assert.Equal(t, strings.Repeat(" ", 34)+r.Help, lines[i], r.ID)
		i++
	}
	assert.Equal(t, len(lines), i)
}
