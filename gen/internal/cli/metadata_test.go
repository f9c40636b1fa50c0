package cli

import (
	"bytes"
	"errors"
	"fmt"
	goldenflag "gen/gen/internal/golden"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/corpus"
)

func updating() bool { return *goldenflag.Update }

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
	assert.Contains(t, stdout.String(), "\n2 differences: 2 property-type\n", "only the kinds asked are counted")

	// -kind with -strict gates on those kinds only.
	stdout.Reset()
	assert.Equal(t, ExitFindings, Main(append([]string{"metadata-diff", "-strict", "-kind", "property-type"}, args...), &stdout, &stderr))
	stdout.Reset()
	assert.Equal(t, ExitOK, Main(append([]string{"metadata-diff", "-strict", "-kind", "type-kind,abstract"}, args...), &stdout, &stderr),
		"no difference of those kinds")
}

func TestMetadataDiffUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, ExitUsage, Main([]string{"metadata-diff", "-in", "testdata"}, &stdout, &stderr), "-metadata is required")
	assert.Contains(t, stderr.String(), "usage: gen metadata-diff")

	stderr.Reset()
	assert.Equal(t, ExitUsage, Main([]string{"metadata-diff", "-metadata", "testdata/no-such.xml"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "no-such.xml")
}

// TestMetadataThatIsNotCSDL: an empty file or a page given as -metadata is
// an error (exit 2), not a schema in which every type is missing.
func TestMetadataThatIsNotCSDL(t *testing.T) {
	docs := filepath.Join("testdata", "metadata-diff", "docs")
	empty := filepath.Join(t.TempDir(), "empty.xml")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	page := filepath.Join(docs, "resources", "item.md")
	for _, m := range []string{empty, page} {
		for _, args := range [][]string{{"metadata-diff", "-in", docs, "-metadata", m}, {"lint", "-metadata", m, docs}} {
			code, stdout, stderr := run(args...)
			assert.Equal(t, ExitUsage, code, args)
			assert.NotContains(t, stdout, "not in the schema", args)
			assert.Contains(t, stderr, m+":1:1: not a CSDL (EDMX) document", args)
		}
	}
}

func TestMetadataDiffUnknownKind(t *testing.T) {
	dir := filepath.Join("testdata", "metadata-diff")
	code, stdout, stderr := run("metadata-diff", "-in", filepath.Join(dir, "docs"), "-metadata", filepath.Join(dir, "metadata.xml"), "-kind", "property-type,bogus")
	assert.Equal(t, ExitUsage, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, `unknown -kind "bogus"`)
}

// TestPositionsIncludeTheInputFolder: ir and metadata-diff print page
// positions usable from the working directory, as generate and lint do.
func TestPositionsIncludeTheInputFolder(t *testing.T) {
	dir := filepath.Join("testdata", "metadata-diff")
	docs := filepath.Join(dir, "docs")
	code, stdout, _ := run("metadata-diff", "-in", docs, "-metadata", filepath.Join(dir, "metadata.xml"), "-kind", "property-type")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, stdout, filepath.Join(docs, "resources", "item.md")+":18:2: property-type:")

	in := t.TempDir()
	page := filepath.Join(in, "resources", "x.md")
	require.NoError(t, os.MkdirAll(filepath.Dir(page), 0o755))
	b, err := os.ReadFile(filepath.Join(docsInput, "resources", "callrecords-media.md"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(page, bytes.Replace(b, []byte("|label|String|"), []byte("|label|NoSuchType|"), 1), 0o644))
	code, _, stderr := run("ir", "-in", in)
	assert.Equal(t, ExitFindings, code)
	assert.Regexp(t, "(?m)^"+regexp.QuoteMeta(page)+`:\d+:\d+: error unknown-type`, stderr)
}

// TestMetadataDiffPageErrors: errors in the pages are printed as ir prints
// them, with positions usable from the working directory; the comparison
// still runs on the rest, and the run fails (exit 1) after the report.
func TestMetadataDiffPageErrors(t *testing.T) {
	dir := filepath.Join("testdata", "metadata-diff")
	docs, page, b := fixtureDocs(t)
	lines := strings.Split(string(b), "\n")
	row := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "|") && strings.Contains(l, "|String|") })
	require.GreaterOrEqual(t, row, 0, "the fixture changed: update the edit")
	lines[row] = strings.Replace(lines[row], "|String|", "|NoSuchType|", 1)
	require.NoError(t, os.WriteFile(page, []byte(strings.Join(lines, "\n")), 0o644))

	code, _, irStderr := run("ir", "-in", docs)
	require.Equal(t, ExitFindings, code)
	want := regexp.MustCompile(`(?m)^.*: error .*$`).FindAllString(irStderr, -1)
	require.NotEmpty(t, want)

	for _, args := range [][]string{{}, {"-summary"}, {"-kind", "type-kind"}} {
		code, stdout, stderr := run(append([]string{"metadata-diff", "-in", docs, "-metadata", filepath.Join(dir, "metadata.xml")}, args...)...)
		assert.Equal(t, ExitFindings, code, "%v: %s", args, stderr)
		assert.Regexp(t, "(?m)^"+regexp.QuoteMeta(page)+fmt.Sprintf(`:%d:\d+: error unknown-type: unknown type "NoSuchType" for property "id"$`, row+1), stderr, args)
		for _, w := range want {
			assert.Contains(t, stderr, w+"\n", "as gen ir prints it")
		}
		assert.Contains(t, stderr, fmt.Sprintf("gen metadata-diff: %d error(s) in %s", len(want), docs))
		assert.Contains(t, stdout, "differences", "the report is still printed")
	}
}

// TestMetadataDiffCorpus: the real corpus has errors (those gen ir lists),
// so metadata-diff prints each and exits 1 after its report, as
// generate -keep-going does on it.
func TestMetadataDiffCorpus(t *testing.T) {
	beta, metadata := corpus.Beta(t), corpus.Metadata(t)
	code, stdout, stderr := run("metadata-diff", "-summary", "-in", beta, "-metadata", metadata)
	assert.Equal(t, ExitFindings, code)
	errs := regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(beta)+`/\S+\.md:\d+:\d+: error `).FindAllString(stderr, -1)
	assert.Len(t, errs, 28, stderr)
	assert.Contains(t, stderr, "gen metadata-diff: 28 error(s) in "+beta)
	assert.Contains(t, stdout, "types matched to a resource page:")
}

// fullDisk is a stdout that refuses every write, as a full disk does.
type fullDisk struct{}

func (fullDisk) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestReportsThatCannotBeWrittenFail: a report lost on the way to stdout
// fails the command (exit 2, the error on stderr), as ir's and lint's do.
func TestReportsThatCannotBeWrittenFail(t *testing.T) {
	dir := filepath.Join("testdata", "metadata-diff")
	for _, args := range [][]string{
		{"metadata-diff", "-in", filepath.Join(dir, "docs"), "-metadata", filepath.Join(dir, "metadata.xml")},
		{"lint", "-rules"},
	} {
		var stderr bytes.Buffer
		assert.Equal(t, ExitUsage, Main(args, fullDisk{}, &stderr), args)
		assert.Contains(t, stderr.String(), "no space left on device", args)
	}
}

// TestMetadataDiffEscapesPageText: a difference quoting page text cannot
// forge a line of the report or drive the terminal.
func TestMetadataDiffEscapesPageText(t *testing.T) {
	src := filepath.Join("testdata", "metadata-diff")
	docs, page, b := fixtureDocs(t)
	// Raw bytes in the annotation's string, which the lenient JSON reader
	// takes as they are.
	forged := strings.Replace(string(b), `"@odata.type": "microsoft.graph.item"`, "\"@odata.type\": \"microsoft.graph.item\x1b[2J\u2028resources/x.md:1:1: forged\"", 1)
	require.NotEqual(t, string(b), forged)
	require.NoError(t, os.WriteFile(page, []byte(forged), 0o644))
	code, stdout, _ := run("metadata-diff", "-in", docs, "-metadata", filepath.Join(src, "metadata.xml"))
	require.NotEqual(t, ExitUsage, code)
	assert.Contains(t, stdout, `microsoft.graph.item\x1b[2J\u2028resources/x.md:1:1: forged`)
	assert.NotContains(t, stdout, "\x1b")
	assert.NotContains(t, stdout, "\u2028")
}

// fixtureDocs copies the metadata-diff fixture's pages to a temporary
// folder, and returns it, the path of its item page and that page's bytes.
func fixtureDocs(t *testing.T) (docs, page string, b []byte) {
	t.Helper()
	docs = filepath.Join(t.TempDir(), "docs")
	copyTree(t, filepath.Join("testdata", "metadata-diff", "docs"), docs)
	page = filepath.Join(docs, "resources", "item.md")
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	return docs, page, b
}
