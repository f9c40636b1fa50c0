package lint

import (
	"bytes"
	goldenflag "gen/gen/internal/golden"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
)

var update = goldenflag.Update

// untestable are the rules no fixture page can trigger alone: parse-error
// is the parser recovering from its own panic; internal-error is tested with
// a panicking check (TestInternalError); metadata-drift needs a CSDL schema
// and is tested in package csdl (TestExtra covers how it plugs in).
var untestable = map[string]bool{"parse-error": true, "internal-error": true, "metadata-drift": true}

// loadCase reads the pages of a fixture folder together with the shared
// resource pages in testdata/shared that the case does not replace, as if
// they all lived in dir.
func loadCase(t testing.TB, dir string) *resolve.Set {
	t.Helper()
	pages := map[string]*parse.Page{}
	for _, root := range []string{dir, filepath.Join("testdata", "shared")} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			if pages[rel] != nil {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			pages[rel] = parse.Parse(rel, b)
			return nil
		})
		require.NoError(t, err)
	}
	rels := make([]string, 0, len(pages))
	for r := range pages {
		rels = append(rels, r)
	}
	sort.Strings(rels)
	list := make([]*parse.Page, len(rels))
	for i, r := range rels {
		list[i] = pages[r]
	}
	return resolve.NewSet(dir, list)
}

func textOf(t testing.TB, l diag.List) string {
	var b bytes.Buffer
	require.NoError(t, Write(&b, "text", l, ""))
	return b.String()
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./gen/internal/lint -update to create it")
	assert.Equal(t, string(want), got)
}

// TestRules runs every rule's two fixtures: "trigger" must report the rule
// (the full output is pinned in want.txt), "clean" must report nothing at
// all, so the fixture also proves the other rules quiet on a good page.
func TestRules(t *testing.T) {
	for _, r := range Rules {
		if untestable[r.ID] {
			continue
		}
		for _, kind := range []string{"trigger", "clean"} {
			t.Run(r.ID+"/"+kind, func(t *testing.T) {
				dir := filepath.Join("testdata", "rules", r.ID, kind)
				_, err := os.Stat(dir)
				require.NoError(t, err, "every rule needs a fixture that triggers it and one that does not")
				got, err := Lint(loadCase(t, dir), Options{})
				require.NoError(t, err)
				golden(t, filepath.Join(dir, "want.txt"), textOf(t, got))
				n := Count(got).ByRule[r.ID]
				if kind == "trigger" {
					assert.Positive(t, n, "fixture does not trigger %s", r.ID)
					for _, d := range got {
						assert.NotEqual(t, "internal-error", d.Rule, d.String())
					}
				} else {
					assert.Empty(t, textOf(t, got), "the clean fixture must lint clean")
				}
			})
		}
	}
}

// TestFixturesNameRules keeps testdata/rules in step with the rule table.
func TestFixturesNameRules(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join("testdata", "rules"))
	require.NoError(t, err)
	for _, e := range entries {
		_, ok := RuleByID(e.Name())
		assert.True(t, ok, "testdata/rules/%s names no rule", e.Name())
	}
}

// TestSharedPagesClean: the resource pages every fixture builds on report
// nothing by themselves.
func TestSharedPagesClean(t *testing.T) {
	got, err := Lint(loadCase(t, filepath.Join("testdata", "shared")), Options{})
	require.NoError(t, err)
	assert.Empty(t, textOf(t, got))
}

type finding struct {
	Rule      string
	Line, Col int
}

// TestSeed pins the findings on the seed page, by rule and position, and
// requires the hand-written resource pages to lint clean of errors and
// warnings.
func TestSeed(t *testing.T) {
	set, err := resolve.ReadPaths([]string{filepath.Join("..", "..", "..", "docs-input")})
	require.NoError(t, err)
	got, err := Lint(set, Options{})
	require.NoError(t, err)
	var seed []finding
	for _, d := range got {
		switch {
		case d.Span.File == "api/callrecords-segment-post.md":
			seed = append(seed, finding{d.Rule, d.Span.Line, d.Span.Col})
		case strings.HasPrefix(d.Span.File, "resources/"):
			assert.Equal(t, diag.Info, d.Severity, "resource pages must lint clean: %s", d)
		}
	}
	want := []finding{
		{"template-placeholder", 4, 10},                                                                      // author
		{"template-placeholder", 6, 11},                                                                      // ms.prod
		{"template-placeholder", 22, 37}, {"template-placeholder", 23, 41}, {"template-placeholder", 24, 14}, // permissions
		{"read-only-in-request", 49, 2}, // id, read-only on entity.md, inherited by segment
		{"template-placeholder", 49, 12},
		{"broken-link", 49, 62}, // ../resources/callrecords-entity.md
		{"template-placeholder", 50, 86}, {"template-placeholder", 51, 86}, {"template-placeholder", 52, 29},
		{"template-placeholder", 53, 97}, {"template-placeholder", 54, 90}, {"template-placeholder", 55, 31},
		{"template-placeholder", 68, 11},                             // "create_segment_from_", unfinished
		{"placeholder-value", 72, 66}, {"placeholder-value", 72, 90}, // {callRecordId}, {sessionId}
		{"content-length", 74, 1}, // 483 declared, 465 bytes (483 with CRLF line endings: a warning)
		// The request's and the response's values: objects holding only
		// their type's name (callee, caller, failureInfo, a media
		// element) and timestamps.
		{"placeholder-value", 78, 13}, {"placeholder-value", 81, 13}, {"placeholder-value", 84, 18},
		{"placeholder-value", 85, 18}, {"placeholder-value", 89, 5}, {"placeholder-value", 93, 20},
		{"placeholder-value", 113, 13}, {"placeholder-value", 116, 13}, {"placeholder-value", 119, 18},
		{"placeholder-value", 120, 18}, {"placeholder-value", 124, 5}, {"placeholder-value", 128, 20},
	}
	assert.Equal(t, want, seed)
	for _, d := range got {
		if d.Rule == "content-length" {
			assert.Equal(t, diag.Warning, d.Severity)
			assert.Equal(t, "Content-Length is 483, the body's length with CRLF line endings, but the body as shown, with LF, is 465 bytes", d.Message)
		}
		if d.Rule == "broken-link" {
			assert.Contains(t, d.Message, `(did you mean "entity.md"?)`, "the page named without the namespace's prefix")
		}
	}
}

// TestOptions covers -enable, -disable and per-page suppressions.
func TestOptions(t *testing.T) {
	dir := filepath.Join("testdata", "rules", "template-placeholder", "trigger")
	all, err := Lint(loadCase(t, dir), Options{})
	require.NoError(t, err)
	require.Positive(t, Count(all).ByRule["template-placeholder"])

	got, err := Lint(loadCase(t, dir), Options{Disable: []string{"template-placeholder"}})
	require.NoError(t, err)
	assert.Zero(t, Count(got).ByRule["template-placeholder"])

	got, err = Lint(loadCase(t, filepath.Join("testdata", "rules", "content-length", "trigger")), Options{Enable: []string{"broken-link"}})
	require.NoError(t, err)
	assert.Empty(t, got)

	_, err = Lint(loadCase(t, dir), Options{Disable: []string{"template-placholder"}})
	assert.ErrorContains(t, err, `did you mean "template-placeholder"`)

	// A page annotation suppresses rule IDs; other entries (old messages)
	// are ignored.
	src, err := os.ReadFile(filepath.Join(dir, "api", "widget-post.md"))
	require.NoError(t, err)
	src = append(src, []byte("\n<!-- {\n  \"type\": \"#page.annotation\",\n  \"suppressions\": [\"template-placeholder\", \"Error: some old message\"]\n} -->\n")...)
	set := loadCase(t, dir)
	for i, p := range set.Pages {
		if p.Src.Path == "api/widget-post.md" {
			set.Pages[i] = parse.Parse(p.Src.Path, src)
		}
	}
	got, err = Lint(resolve.NewSet(dir, set.Pages), Options{})
	require.NoError(t, err)
	assert.Zero(t, Count(got).ByRule["template-placeholder"])
}

// TestInternalError: a check that panics on one page becomes a finding on
// that page; the other pages are still checked.
func TestInternalError(t *testing.T) {
	checkHook = func(c *checker) {
		if c.page.Src.Path == "resources/gear.md" {
			panic("boom")
		}
	}
	defer func() { checkHook = nil }()
	got, err := Lint(loadCase(t, filepath.Join("testdata", "rules", "base-type-mismatch", "trigger")), Options{})
	require.NoError(t, err)
	var rules []string
	for _, d := range got {
		rules = append(rules, d.Span.File+" "+d.Rule)
	}
	// The page's checks are replaced by the internal-error finding; what the
	// resolver found while reading the page (base-type-mismatch) stays.
	assert.Equal(t, []string{"resources/gear.md internal-error", "resources/gear.md base-type-mismatch"}, rules)
	assert.Contains(t, got[0].Message, "boom")
}

// TestPositionsInFixtures checks every finding of every fixture lands
// inside its page (the corpus test checks the same on real pages).
func TestPositionsInFixtures(t *testing.T) {
	for _, r := range Rules {
		dir := filepath.Join("testdata", "rules", r.ID, "trigger")
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		set := loadCase(t, dir)
		got, err := Lint(set, Options{})
		require.NoError(t, err)
		checkPositions(t, set, got)
	}
}

// checkPositions asserts each finding names a page of the set, a line of
// that page and a column within that line (one past its end at most), and
// that its end does not come before its start.
func checkPositions(t *testing.T, set *resolve.Set, l diag.List) {
	t.Helper()
	bySrc := map[string]*diag.Source{}
	for _, p := range set.Pages {
		bySrc[p.Src.Path] = p.Src
	}
	lines := map[*diag.Source][]string{}
	for _, d := range l {
		src := bySrc[d.Span.File]
		if !assert.NotNil(t, src, "finding on a file that was not linted: %s", d) {
			continue
		}
		for _, p := range []diag.Pos{d.Span.Pos, d.Span.End} {
			if p == d.Span.End && !p.IsValid() {
				continue
			}
			if !assert.True(t, p.Line >= 1 && p.Line <= src.LineCount(), "line out of range: %s", d) {
				continue
			}
			if lines[src] == nil {
				lines[src] = strings.Split(string(src.Bytes), "\n")
			}
			line := strings.TrimRight(lines[src][p.Line-1], "\r")
			assert.True(t, p.Col >= 1 && p.Col <= len([]rune(line))+1, "column %d outside line %d (%d characters): %s", p.Col, p.Line, len([]rune(line)), d)
		}
		if d.Span.End.IsValid() {
			assert.False(t, d.Span.End.Line < d.Span.Line || d.Span.End.Line == d.Span.Line && d.Span.End.Col < d.Span.Col, "span ends before it starts: %s", d)
		}
	}
}

// TestUpstreamRulesListed keeps the rule table in step with the rule IDs the
// parser and resolver report, so that their findings get help text, SARIF
// rule entries and fixtures.
func TestUpstreamRulesListed(t *testing.T) {
	re := regexp.MustCompile(`diag\.(?:Error|Warning|Info),\s*"([a-z][a-z-]*)"`)
	for _, pkg := range []string{"parse", "resolve"} {
		files, err := filepath.Glob(filepath.Join("..", pkg, "*.go"))
		require.NoError(t, err)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, m := range re.FindAllStringSubmatch(string(b), -1) {
				_, ok := RuleByID(m[1])
				assert.True(t, ok, "%s reports rule %q, which the lint rule table does not list", f, m[1])
			}
		}
	}
}

func TestPathMatch(t *testing.T) {
	tests := []struct {
		doc, example string
		want         bool
	}{
		{"/users/{id}/events", "/users/abc/events", true},
		{"/users/{id}/events", "/users/a/b/events", false},
		{"/users/{id}/events", "/users//events", false},
		{"/me/drive/root:/{item-path}:/content", "/me/drive/root:/a/b/c.txt:/content", true},
		{"/workbook/tables/{id}/rows", "/me/drive/items/01/workbook/tables/t1/rows", true},
		{"/reports/getTeamsUserActivityCounts(period='{period_value}')", "/reports/getTeamsUserActivityCounts(period='D7')", true},
		{"/reports/getRelyingPartyDetailedSummary", "/reports/getRelyingPartyDetailedSummary(period='D7')", true},
		{"/me/messages/{id}/attachments/{id}", "/me/messages('AAMk')/attachments('AAMl')", true},
		{"/connectors", "/{ver}/connectors", true},
		{"/Widgets", "/widgets/", true},
		{"/widgets", "/widget", false},
		{"/widgets/{id}", "/widgets/7", true}, // a one-character value
		{"/widgets/{id}", "/widgets/", false},
		{"/widgets/{a}{b}", "/widgets/7", false}, // two placeholders take two characters
		{"/widgets/{a}{b}", "/widgets/78", true},
		{"/users/{id}/assignLicense", "/me/assignLicense", true}, // /me is the signed-in user
		{"/me/events", "/users/7/events", false},                 // but not every user is
		{"/users/{id}", "/me", true},
		{"/me/profile/positions", "/Beta/me/profile/positions", true},
		{"/", "/", true}, // the service root
		{"/programs('{programId}')/controls", "/programs/7e59/controls", true}, // OData key syntax, either side
		{"/programs('{programId}')", "/programs('7e59')", true},
		{"/programs('{programId}')", "/programs/7e59/controls", false},
		{"/", "/beta/", true},
		{"/", "/me", false},
		// Adjacent placeholders must not make the matcher backtrack.
		{"/x/" + strings.Repeat("{a}", 40) + "/y", "/x/" + strings.Repeat("x", 200) + "/z", false},
	}
	for _, tt := range tests {
		c := &checker{page: &parse.Page{Requests: []parse.RequestLine{{Method: "GET", Path: tt.doc}}}}
		pats := c.requestPatterns()
		got := false
		for _, f := range pathForms(strings.ToLower(tt.example)) {
			got = got || pats[0].match(f)
		}
		assert.Equal(t, tt.want, got, "%s ~ %s", tt.doc, tt.example)
	}
}

// TestExtra: whole-set checks passed in Options (metadata-drift) report
// through the same filters as the built-in rules, and cannot crash Lint.
func TestExtra(t *testing.T) {
	dir := filepath.Join("testdata", "rules", "content-length", "clean")
	drift := func(prog *ir.Program) diag.List {
		var l diag.List
		for _, ty := range prog.Types {
			if ty.Name == "widget" {
				l.Add(diag.Span{Pos: ty.Pos, End: ty.Pos}, diag.Warning, "metadata-drift", "property-missing: widget has no property weight in the docs")
			}
		}
		return l
	}
	got, err := Lint(loadCase(t, dir), Options{Extra: []func(*ir.Program) diag.List{drift}})
	require.NoError(t, err)
	assert.Equal(t, "resources/widget.md:41:18: warning metadata-drift: property-missing: widget has no property weight in the docs\n", textOf(t, got))

	got, err = Lint(loadCase(t, dir), Options{Disable: []string{"metadata-drift"}, Extra: []func(*ir.Program) diag.List{drift}})
	require.NoError(t, err)
	assert.Empty(t, got)

	boom := func(*ir.Program) diag.List { panic("boom") }
	got, err = Lint(loadCase(t, dir), Options{Extra: []func(*ir.Program) diag.List{boom}})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "internal-error", got[0].Rule)
}

// TestLineEndingsDoNotMatter: the same pages with CRLF line endings, as a
// Windows checkout has them, give the same findings: a Content-Length
// counts the body's line breaks as one byte each.
func TestLineEndingsDoNotMatter(t *testing.T) {
	for _, c := range []string{"trigger", "clean"} {
		dir := filepath.Join("testdata", "rules", "content-length", c)
		crlf := t.TempDir()
		require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out := filepath.Join(crlf, rel)
			require.NoError(t, os.MkdirAll(filepath.Dir(out), 0o755))
			return os.WriteFile(out, []byte(strings.ReplaceAll(string(b), "\n", "\r\n")), 0o644)
		}))
		lf, err := Lint(loadCase(t, dir), Options{Enable: []string{"content-length"}})
		require.NoError(t, err)
		cr, err := Lint(loadCase(t, crlf), Options{Enable: []string{"content-length"}})
		require.NoError(t, err)
		assert.Equal(t, textOf(t, lf), textOf(t, cr), c)
		if c == "trigger" {
			assert.NotEmpty(t, lf)
		}
	}
}

// TestPointFindingsGetARange: a finding the resolver places at a point (a
// row's property name) covers the token there, so SARIF and editors mark it.
func TestPointFindingsGetARange(t *testing.T) {
	got, err := Lint(loadCase(t, filepath.Join("testdata", "rules", "inherited-type-mismatch", "trigger")), Options{})
	require.NoError(t, err)
	found := 0
	for _, d := range got {
		if d.Rule != "inherited-type-mismatch" {
			continue
		}
		found++
		assert.Equal(t, d.Span.Line, d.Span.End.Line, d.String())
		name := regexp.MustCompile(`property "(\w+)"`).FindStringSubmatch(d.Message)
		require.Len(t, name, 2, d.String())
		assert.Equal(t, d.Span.Col+len(name[1]), d.Span.End.Col, "the range covers the property name: %s", d)
	}
	assert.Positive(t, found)
	assert.Equal(t, 5, tokenEnd([]byte(`"a b" c`), 0), "a quoted string with its quotes")
	assert.Equal(t, 3, tokenEnd([]byte("|id|Int32|"), 1))
	assert.Equal(t, 1, tokenEnd([]byte("{\n"), 0), "punctuation alone")
	assert.Equal(t, 0, tokenEnd([]byte("\n"), 0))
}

// TestContentLengthOfStandIn: a bracketed line standing for a binary body
// says nothing of its length; the same line as a JSON body does.
func TestContentLengthOfStandIn(t *testing.T) {
	check := func(contentType string) diag.List {
		src := "# Publish app\n\n## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"publish\" } -->\n```http\nPOST https://graph.microsoft.com/beta/apps\nContent-Type: " + contentType + "\nContent-Length: 244\n\n[Zip file containing a Teams app package]\n```\n"
		return checkOneExample(t, "api/app-publish.md", src, (*checker).contentLength)
	}
	assert.Empty(t, check("application/zip"))
	assert.Empty(t, check("application/octet-stream"))
	got := check("application/json")
	require.Len(t, got, 1)
	assert.Equal(t, "content-length", got[0].Rule)
}

// TestURLPlaceholderGUID: a GUID in braces is OData's syntax for an
// extended property's set, not a placeholder left in the URL.
func TestURLPlaceholderGUID(t *testing.T) {
	src := "# Get message\n\n## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"get\" } -->\n```http\nGET https://graph.microsoft.com/beta/me/messages/{id}?$expand=singleValueExtendedProperties($filter=id eq 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name Color')\n```\n"
	got := checkOneExample(t, "api/message-get.md", src, (*checker).urlPlaceholders)
	require.Len(t, got, 1)
	assert.Contains(t, got[0].Message, "path placeholder {id}")
}

// TestSampleObject: the object a body shows of its type is the body, or
// the first item of a {"value": [...]} or of an array; an object with a
// value property that is no array is itself.
func TestSampleObject(t *testing.T) {
	keys := func(body string) []string {
		v, probs := parse.ParseLenient(body)
		require.Empty(t, probs)
		var out []string
		for _, m := range sampleObject(v).Members {
			out = append(out, m.Key)
		}
		return out
	}
	assert.Equal(t, []string{"id", "value"}, keys(`{"id": "x", "value": "v"}`))
	assert.Equal(t, []string{"id", "value", "name"}, keys(`{"id": "1", "value": ["a"], "name": "n"}`))
	assert.Equal(t, []string{"name"}, keys(`{"@odata.context": "x", "value": [{"name": "a"}]}`))
	assert.Equal(t, []string{"name"}, keys(`{"value": [{"name": "a"}]}`))
	assert.Equal(t, []string{"name"}, keys(`[{"name": "a"}, {"size": 1}]`))
	assert.Empty(t, keys(`[]`))
}

func TestBodyPlaceholder(t *testing.T) {
	for s, want := range map[string]string{
		"{id}":                                   "{id}",
		"{rest-formatted-id-1}":                  "{rest-formatted-id-1}",
		"https://x/v1.0/users/{id}":              "{id}",
		"https://x/{ver}/groups/{id}":            "{ver}",
		"https://x/users/{id}?$top=1":            "{id}",
		"{66f5a359-4659-4830-9070-00047ec6ac6e}": "", // a GUID in braces is a value
		"Hello {name}, welcome":                  "", // text, not a link's segment
		"https://x/users/{id}x":                  "",
		"{}":                                     "",
		"a/{b c}":                                "",
		"https://x/a/{b/c}/d/{e}":                "{e}",
	} {
		assert.Equal(t, want, bodyPlaceholder(s), s)
	}
}

// TestContentLengthPlaceholder: a Content-Length that is no number is a
// placeholder, named with the body's real length.
func TestContentLengthPlaceholder(t *testing.T) {
	src := "# Assign manager\n\n## Examples\n\n<!-- { \"blockType\": \"request\", \"name\": \"assign\" } -->\n```http\nPUT https://graph.microsoft.com/beta/users/7/manager/$ref\nContent-Type: application/json\nContent-Length: xxx\n\n{\n  \"@odata.id\": \"https://graph.microsoft.com/beta/users/8\"\n}\n```\n"
	got := checkOneExample(t, "api/user-post-manager.md", src, (*checker).contentLength)
	require.Len(t, got, 1)
	assert.Equal(t, "placeholder-value", got[0].Rule)
	assert.Equal(t, `Content-Length "xxx" is a placeholder: write the body's length, 61 bytes`, got[0].Message)
}

// checkOneExample parses a page holding one example and runs one check of
// it, returning what the check reported.
func checkOneExample(t *testing.T, path, src string, check func(*checker, *parse.Example)) diag.List {
	t.Helper()
	page := parse.Parse(path, []byte(src))
	require.Len(t, page.Examples, 1)
	c := &checker{page: page}
	check(c, page.Examples[0])
	return c.out
}
