package resolve

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/batchgc"
	"gen/gen/internal/corpus"
	"gen/gen/internal/diag"
	goldenflag "gen/gen/internal/golden"
	"gen/gen/internal/ir"
	"gen/gen/internal/keptnames"
	"gen/gen/internal/parse"
)

var update = goldenflag.Update

// TestGolden loads each testdata/<case>/ folder and compares the IR JSON with
// <case>.ir.json and the diagnostics with <case>.stderr.txt.
func TestGolden(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	require.NoError(t, err)
	var cases []string
	for _, e := range entries {
		if e.IsDir() {
			cases = append(cases, e.Name())
		}
	}
	sort.Strings(cases)
	for _, c := range cases {
		t.Run(c, func(t *testing.T) {
			prog, diags, err := Load(filepath.Join("testdata", c))
			require.NoError(t, err)
			got, err := json.MarshalIndent(prog, "", "  ")
			require.NoError(t, err)
			golden(t, filepath.Join("testdata", c+".ir.json"), append(got, '\n'))
			golden(t, filepath.Join("testdata", c+".stderr.txt"), []byte(diags.String()))
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./gen/internal/resolve -update")
	assert.Equal(t, string(want), string(got), "%s differs; run with -update if the change is intended", path)
}

func TestDocsInput(t *testing.T) {
	prog, diags, err := Load("../../../docs-input")
	require.NoError(t, err)
	assert.Empty(t, diags.Errors(), diags.String())

	seg := prog.Lookup("microsoft.graph.callRecords.segment")
	require.NotNil(t, seg)
	assert.Equal(t, "microsoft.graph.entity", seg.BaseType)
	assert.Equal(t, ir.Entity, seg.Kind)
	assert.Equal(t, "Segment", seg.GoName)
	assert.Equal(t, "callrecords", seg.Package)
	own := map[string]string{}
	for _, p := range seg.Properties {
		typ := p.Type
		if p.Collection {
			typ = "Collection(" + typ + ")"
		}
		own[p.Name] = typ
	}
	assert.Equal(t, map[string]string{
		"callee":        "microsoft.graph.callRecords.endpoint",
		"caller":        "microsoft.graph.callRecords.endpoint",
		"endDateTime":   "Edm.DateTimeOffset",
		"startDateTime": "Edm.DateTimeOffset",
		"failureInfo":   "microsoft.graph.callRecords.failureInfo",
		"media":         "Collection(microsoft.graph.callRecords.media)",
	}, own)
	id := seg.Property("id")
	require.NotNil(t, id, "segment inherits id from entity")
	assert.Equal(t, "Edm.String", id.Type)
	assert.True(t, id.ReadOnly)

	endpoint := prog.Lookup("microsoft.graph.callRecords.endpoint")
	require.NotNil(t, endpoint)
	var derived []string
	for _, d := range endpoint.Derived {
		derived = append(derived, d.Name)
	}
	assert.Equal(t, []string{"participantEndpoint", "serviceEndpoint"}, derived)
	assert.True(t, prog.Lookup("microsoft.graph.callRecords.userAgent").Abstract)

	stage := prog.Lookup("microsoft.graph.callRecords.failureInfo").Property("stage")
	require.NotNil(t, stage)
	assert.Equal(t, "microsoft.graph.callRecords.failureStage", stage.Type)
	assert.Equal(t, ir.Enum, stage.Ref.Kind)

	require.Len(t, prog.Operations, 1)
	op := prog.Operations[0]
	assert.Equal(t, "CreateSegment", op.Name)
	assert.Equal(t, "POST", op.Method)
	assert.Equal(t, []string{"/communications/callRecords/{callRecordId}/sessions/{sessionId}/segments"}, op.Paths)
	assert.Equal(t, []string{"callRecordId", "sessionId"}, op.PathParameters)
	assert.Equal(t, "microsoft.graph.callRecords.segment", op.RequestType)
	assert.Equal(t, "microsoft.graph.callRecords.segment", op.ResponseType)
	assert.Equal(t, 201, op.ResponseStatus)
	require.Len(t, op.Examples, 1)
	ex := op.Examples[0]
	assert.Equal(t, "create_segment_from_", ex.Name)
	require.NotNil(t, ex.Request)
	require.NotNil(t, ex.Response)
	assert.Equal(t, 201, ex.Response.Status)
	assert.True(t, ex.Response.Truncated)
	assert.Equal(t, 71, ex.Request.Pos.Line, "the request block starts at its fence")
}

// TestCorpus resolves the whole Graph beta corpus: no panic, no page dropped,
// every diagnostic positioned inside its file.
func TestCorpus(t *testing.T) {
	root := corpus.Beta(t)
	set, err := ReadDir(root)
	require.NoError(t, err)
	prog, diags := Resolve(set)
	assert.Len(t, set.Pages, 6216)
	lines := map[string]int{}
	for _, p := range set.Pages {
		lines[p.Src.Path] = p.Src.LineCount()
	}
	for _, d := range diags {
		n, ok := lines[d.Span.File]
		if assert.True(t, ok, "diagnostic for unknown file: %s", d) {
			assert.True(t, d.Span.Line >= 1 && d.Span.Line <= n, "bad line: %s", d)
		}
	}
	ops := 0
	// Pages whose every request line is an invalid-path error yield no
	// operation (-keep-going leaves them out): the ten Intune partner
	// integration pages whose only line is "GET ** Entity URI for ... not
	// found". Every other operation page yields an operation.
	unroutable := map[string]bool{}
	for _, p := range set.Pages {
		if !strings.HasPrefix(p.Src.Path, "api/") {
			continue
		}
		ops++
		if len(p.Requests) > 0 && !slices.ContainsFunc(p.Requests, func(rl parse.RequestLine) bool { return !rl.Invalid }) {
			unroutable[p.Src.Path] = true
			assert.True(t, strings.HasPrefix(p.Src.Path, "api/intune-partnerintegration-appvulnerability"), p.Src.Path)
		}
	}
	assert.Len(t, unroutable, 10)
	for _, d := range diags {
		if unroutable[d.Span.File] && d.Rule == "invalid-path" {
			delete(unroutable, d.Span.File)
		}
	}
	assert.Empty(t, unroutable, "a page left out has an invalid-path error")
	assert.Equal(t, ops-10, len(prog.Operations), "every operation page yields an operation")
	assert.Greater(t, len(prog.Types), 2200)
	assert.Less(t, len(diags.Errors()), 60, "errors on the corpus should be real docs bugs only:\n%s", diags.Errors())
}

// TestCheckIsResolveWithoutGoNames holds Check, the linter's resolver, to
// Resolve: the same program with the Go names left out, and the same
// findings, on every fixture; and the type index it returns to one built
// from its program.
func TestCheckIsResolveWithoutGoNames(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	require.NoError(t, err)
	cases := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		set, err := ReadDir(filepath.Join("testdata", e.Name()))
		require.NoError(t, err)
		want, wantDiags := Resolve(NewSet(set.Root, set.Pages))
		got, names, gotDiags := Check(NewSet(set.Root, set.Pages))
		// The resolver's index answers as one built from the program.
		index := NewTypeNames(got.Types)
		require.Len(t, names.byName, len(index.byName), e.Name())
		for key, ty := range index.byName {
			require.Same(t, ty, names.byName[key], key)
			for _, ns := range []string{"", ty.Namespace, DefaultNamespace} {
				require.Same(t, index.Lookup(ty.Name, ns), names.Lookup(ty.Name, ns), "%s in %q", ty.Name, ns)
			}
		}
		for _, ty := range want.Types {
			ty.GoName, ty.Package = "", ""
			for _, p := range ty.Properties {
				p.GoName = ""
			}
			for _, m := range ty.Members {
				m.GoName = ""
			}
		}
		for _, o := range want.Operations {
			o.Name, o.Package = "", ""
			for _, p := range o.RequestBody {
				p.GoName = ""
			}
		}
		wantJSON, err := json.Marshal(want)
		require.NoError(t, err)
		gotJSON, err := json.Marshal(got)
		require.NoError(t, err)
		require.JSONEq(t, string(wantJSON), string(gotJSON), e.Name())
		gotDiags = append(gotDiags, GoNameClashes(got)...)
		gotDiags.Sort()
		require.Equal(t, wantDiags.String(), gotDiags.String(), e.Name())
		cases++
	}
	require.Greater(t, cases, 3)
}

// TestJoinPlain holds joinRel's shortcut for plain links to the segment by
// segment join it skips.
func TestJoinPlain(t *testing.T) {
	pieces := []string{"a", "..", ".", "", "x.md", "b"}
	var paths []string
	var build func(prefix string, depth int)
	build = func(prefix string, depth int) {
		paths = append(paths, prefix)
		if depth == 0 {
			return
		}
		for _, p := range pieces {
			next := p
			if prefix != "" || depth < 4 {
				next = prefix + "/" + p
			}
			build(next, depth-1)
		}
	}
	build("", 4)
	froms := []string{"x.md", "api/x.md", "beta/api/x.md", "a/b/c/x.md"}
	checked := 0
	for _, from := range froms {
		for _, dest := range paths {
			dest = strings.TrimPrefix(dest, "/")
			if rel, ok := joinPlain(from, dest); ok {
				require.Equal(t, joinSegments(from, dest), rel, "%q from %q", dest, from)
				checked++
			}
		}
	}
	require.Greater(t, checked, 100)
}

// TestLoadIsResolve holds Load, which resolves the types of the resource
// pages while it still parses the operation pages, to parsing every page and
// then resolving them: the same program and findings on every fixture, the
// docs input and, when GRAPH_DOCS is set, the corpus.
func TestLoadIsResolve(t *testing.T) {
	roots := []string{"../../../docs-input"}
	entries, err := os.ReadDir("testdata")
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			roots = append(roots, filepath.Join("testdata", e.Name()))
		}
	}
	if os.Getenv(corpus.Env) != "" {
		roots = append(roots, corpus.Beta(t))
	}
	for _, root := range roots {
		set, err := ReadDir(root)
		require.NoError(t, err)
		want, wantDiags := Resolve(set)
		got, gotDiags, err := Load(root)
		require.NoError(t, err)
		wantJSON, err := json.Marshal(want)
		require.NoError(t, err)
		gotJSON, err := json.Marshal(got)
		require.NoError(t, err)
		require.True(t, string(wantJSON) == string(gotJSON), "%s: Load's program differs from Resolve's", root)
		require.Equal(t, wantDiags.String(), gotDiags.String(), root)
	}
}

// TestLoadReportsUnreadablePages fails Load on a page it cannot read, in
// either group of pages it parses, and never resolves a missing page.
func TestLoadReportsUnreadablePages(t *testing.T) {
	rels := []string{"api/a-get.md", "resources/a.md", "resources/b.md"}
	for bad := range rels {
		_, _, err := parseResolve("", rels, func(i int) ([]byte, error) {
			if i == bad {
				return nil, os.ErrPermission
			}
			return []byte("# a resource type\n\n## Properties\n\n| Property | Type | Description |\n|---|---|---|\n| id | String | Id. |\n"), nil
		}, nil)
		require.ErrorIs(t, err, os.ErrPermission, rels[bad])
	}
}

// TestLoadHoldsCollections runs no collection while Load reads, parses and
// resolves, under gen's settings (see batchgc.Hold), and restores them.
func TestLoadHoldsCollections(t *testing.T) {
	defer batchgc.Set(batchgc.Percent, batchgc.Limit)()
	percent := func() int {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	rels := []string{"api/a-get.md", "resources/a.md"}
	_, _, err := parseResolve("", rels, func(i int) ([]byte, error) {
		assert.Equal(t, -1, percent(), "collections held while %s is read", rels[i])
		return []byte("# a\n"), nil
	}, nil)
	require.NoError(t, err)
	require.Equal(t, batchgc.Percent, percent(), "settings restored")
}

// TestSampledRowsRestateInheritedTypes: a page with no property table whose
// JSON representation repeats inherited keys gives samples, not types ("0"
// for a Double, "String" for a collection), so each such key restates the
// base type's property as declared.
func TestSampledRowsRestateInheritedTypes(t *testing.T) {
	prog, _, err := Load(filepath.Join("testdata", "sampled"))
	require.NoError(t, err)
	audio := prog.Lookup("microsoft.graph.audioQuality")
	require.NotNil(t, audio)
	var got []string
	for _, p := range audio.Restated {
		got = append(got, fmt.Sprintf("%s %s %v", p.Name, p.Type, p.Collection))
	}
	assert.Equal(t, []string{
		"jitter Edm.Duration false",
		"lossRate Edm.Double false",
		"packets Edm.Int64 false",
		"codecs Edm.String true",
		"Packets Edm.Int64 false",
	}, got)
}

// TestExampleStatus: where the Response prose names no status, the one
// success status the examples answer is the operation's.
func TestExampleStatus(t *testing.T) {
	ex := func(statuses ...int) []*ir.Example {
		var out []*ir.Example
		for _, s := range statuses {
			e := &ir.Example{Request: &ir.ExampleRequest{}}
			if s >= 0 {
				e.Response = &ir.ExampleResponse{Status: s}
			}
			out = append(out, e)
		}
		return out
	}
	assert.Equal(t, 0, exampleStatus(nil))
	assert.Equal(t, 201, exampleStatus(ex(201)))
	assert.Equal(t, 200, exampleStatus(ex(200, 404, -1, 200)), "errors and unpaired requests say nothing of success")
	assert.Equal(t, 302, exampleStatus(ex(404, 302, 206)), "several success statuses: the first example's is the operation's")
	assert.Equal(t, 0, exampleStatus(ex(404)))
}

// TestTopODataType: the scan finds the top-level @odata.type of a body, and
// says when it cannot read the body, so that the lenient parser does.
func TestTopODataType(t *testing.T) {
	for _, c := range []struct {
		body, name string
		ok         bool
	}{
		{`{"@odata.type": "#microsoft.graph.x", "a": 1}`, "#microsoft.graph.x", true},
		{`{"a": {"@odata.type": "#inner"}, "b": [1, "x"], "@odata.type":"#outer"}`, "#outer", true},
		{`{"a": {"@odata.type": "#inner"}}`, "", true},
		{`{"s": "a \" } @odata.type", "@odata.type": "#x"}`, "#x", true},
		{`{}`, "", true},
		{`{@odata.type: "#x"}`, "", false}, // unquoted key: the lenient parser's
		{`{"a": 1} trailing`, "", false},
		{`[{"@odata.type": "#x"}]`, "", false},
		{`{"a": "@odata.type"}`, "", false},
		{`{"@odata.type": 1}`, "", false},
		{`{"a": 1`, "", false},
	} {
		name, ok := topODataType(c.body)
		assert.Equal(t, c.name, name, c.body)
		assert.Equal(t, c.ok, ok, c.body)
	}
}

// TestEnumPageByTitle: a page titled "x enum type" declares the enum x even
// without doc_type in front matter, and the page's description is the
// enum's; a table of members does not make it a complex type.
func TestEnumPageByTitle(t *testing.T) {
	prog, diags := loadPages(t, map[string]string{
		"resources/widgetcolor.md": "# widgetColor enum type\n\nNamespace: contoso\n\nThe colors of a widget.\n\n## Members\n\n| Member | Value | Description |\n|:---|:---|:---|\n|red|0|Red.|\n|blue|1|Blue.|\n",
	})
	assert.Empty(t, diags.Errors())
	et := prog.Lookup("contoso.widgetColor")
	require.NotNil(t, et)
	assert.Equal(t, ir.Enum, et.Kind)
	assert.Equal(t, "The colors of a widget.", et.Description)
	require.Len(t, et.Members, 2)
	assert.Equal(t, "WidgetColorRed", et.Members[0].GoName)
}

// TestGoNameClash: of two names that make one Go identifier, the one that
// sorts first keeps it and the other is numbered with a go-name-clash
// warning at its declaration, whichever page is read first; GoNameClashes,
// the linter's, finds the same.
func TestGoNameClash(t *testing.T) {
	root := t.TempDir()
	resource := func(name string) string {
		return "# " + name + " resource type\n\nNamespace: contoso\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big.|\n"
	}
	writePage(t, filepath.Join(root, "resources", "a.md"), resource("gear_box"))
	writePage(t, filepath.Join(root, "resources", "b.md"), resource("gearBox"))
	writePage(t, filepath.Join(root, "resources", "c.md"), resource("widgetColorRed"))
	writePage(t, filepath.Join(root, "resources", "widgetcolor.md"),
		"# widgetColor enum type\n\nNamespace: contoso\n\n## Members\n\n| Member | Description |\n|:---|:---|\n|red|Red.|\n|blue|Blue.|\n")
	prog, diags, err := Load(root)
	require.NoError(t, err)
	assert.Equal(t, "GearBox", prog.Lookup("contoso.gearBox").GoName, "gearBox sorts before gear_box")
	assert.Equal(t, "GearBox2", prog.Lookup("contoso.gear_box").GoName)
	assert.Equal(t, "WidgetColorRed", prog.Lookup("contoso.widgetColorRed").GoName, "types are named before constants")
	members := prog.Lookup("contoso.widgetColor").Members
	assert.Equal(t, "WidgetColorRed2", members[0].GoName)
	assert.Equal(t, "WidgetColorBlue", members[1].GoName)
	clashes := findingsOf(diags, "go-name-clash")
	require.Len(t, clashes, 2, diags.String())
	assert.Contains(t, clashes[0], "resources/a.md:1:3: warning go-name-clash: type contoso.gear_box would be the Go type GearBox, which type contoso.gearBox (resources/b.md:1:3) takes; it is GearBox2 instead")
	assert.Contains(t, clashes[1], "resources/widgetcolor.md:9:2: warning go-name-clash: member red of enum contoso.widgetColor would be the Go constant WidgetColorRed, which type contoso.widgetColorRed (resources/c.md:1:3) takes; it is WidgetColorRed2 instead")

	assert.Equal(t, clashes, lintGoNameClashes(t, root), "the linter finds the same")

	// Read in the other order, the pages get the same names.
	rels := []string{"resources/widgetcolor.md", "resources/c.md", "resources/b.md", "resources/a.md"}
	var srcs [][]byte
	for _, rel := range rels {
		b, err := os.ReadFile(filepath.Join(root, rel))
		require.NoError(t, err)
		srcs = append(srcs, b)
	}
	reversed, _ := ResolveSources(root, rels, srcs)
	for _, ty := range prog.Types {
		assert.Equal(t, ty.GoName, reversed.Lookup(ty.QualifiedName()).GoName)
	}
	assert.Equal(t, "WidgetColorRed2", reversed.Lookup("contoso.widgetColor").Members[0].GoName)
}

// TestExampleWithoutRequestLine: an example request whose first line is no
// request line (a misspelt method) is an error generate prints, at the
// misspelt word, as lint does (the parser reports it for both).
func TestExampleWithoutRequestLine(t *testing.T) {
	root := t.TempDir()
	writePage(t, filepath.Join(root, "api", "widget-get.md"), "# Get widget\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nGET /widgets/{id}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Example\n\n"+
		"<!-- { \"blockType\": \"request\", \"name\": \"get_widget\" } -->\n```http\nGTE https://graph.microsoft.com/beta/widgets/1\n```\n\n"+
		"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n")
	_, diags, err := Load(root)
	require.NoError(t, err)
	got := findingsOf(diags, "request-path-mismatch")
	assert.Equal(t, []string{`api/widget-get.md:19:1: error request-path-mismatch: GTE is not an HTTP method: start the request line with GET, POST, PUT, PATCH or DELETE`}, got)
}

// TestResponseTypeFromCollectionAnnotation: a success response annotated
// "@odata.type": "Collection(x)" gives the operation a collection of x when
// its prose links no type.
func TestResponseTypeFromCollectionAnnotation(t *testing.T) {
	prog, _ := loadPages(t, map[string]string{
		"resources/item.md": "# item resource type\n\nNamespace: contoso\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|id|String|The key.|\n",
		"api/item-list.md": "# List items\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nGET /items\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and the items.\n\n## Example\n\n" +
			"<!-- { \"blockType\": \"request\", \"name\": \"list_items\" } -->\n```http\nGET https://graph.microsoft.com/beta/items\n```\n\n" +
			"<!-- { \"blockType\": \"response\", \"@odata.type\": \"Collection(contoso.item)\" } -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"value\": [{\"id\": \"1\"}]}\n```\n",
	})
	require.Len(t, prog.Operations, 1)
	op := prog.Operations[0]
	assert.Equal(t, "contoso.item", op.ResponseType)
	assert.True(t, op.ResponseCollection)
}

// TestGoNameClashWithGeneratedCode: a type named like the interface the
// generated code declares for a type with derived types (anyGear beside
// gear) yields the name, with a go-name-clash warning.
// TestKeptTypeNames: with the names an earlier run recorded, a type or an
// enum constant keeps its Go name when a page added later makes the same
// one, though it would lose it in a first run; a type whose name changed
// is named afresh.
func TestKeptTypeNames(t *testing.T) {
	resource := func(name string) []byte {
		return []byte("# " + name + " resource type\n\nNamespace: contoso\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big.|\n")
	}
	enum := []byte("# widgetColor enum type\n\nNamespace: contoso\n\n## Members\n\n| Member | Description |\n|:---|:---|\n|red|Red.|\n|blue|Blue.|\n")
	// The first run: gear_box and the enum alone.
	first, _ := ResolveSources("", []string{"resources/a.md", "resources/widgetcolor.md"}, [][]byte{resource("gear_box"), enum})
	require.Equal(t, "GearBox", first.Lookup("contoso.gear_box").GoName)
	kept := keptFrom(first)
	// gearBox, which sorts first, and widgetColorRed, a type named like a
	// constant, are added.
	rels := []string{"resources/a.md", "resources/b.md", "resources/c.md", "resources/widgetcolor.md"}
	srcs := [][]byte{resource("gear_box"), resource("gearBox"), resource("widgetColorRed"), enum}
	fresh, _ := ResolveSources("", rels, srcs)
	require.Equal(t, "GearBox2", fresh.Lookup("contoso.gear_box").GoName, "a first run renames it")
	prog, diags := ResolveSourcesKeeping("", rels, srcs, kept)
	assert.Equal(t, "GearBox", prog.Lookup("contoso.gear_box").GoName)
	assert.Equal(t, "GearBox2", prog.Lookup("contoso.gearBox").GoName)
	assert.Equal(t, "WidgetColorRed", prog.Lookup("contoso.widgetColor").Members[0].GoName, "the constant keeps its name")
	assert.Equal(t, "WidgetColorRed2", prog.Lookup("contoso.widgetColorRed").GoName)
	clashes := findingsOf(diags, "go-name-clash")
	require.Len(t, clashes, 2, diags.String())
	assert.Contains(t, clashes[0], "resources/b.md:1:3: warning go-name-clash: type contoso.gearBox would be the Go type GearBox, which type contoso.gear_box (resources/a.md:1:3) takes; it is GearBox2 instead")
	// The next run keeps the numbered name and warns of it again.
	again, diags := ResolveSourcesKeeping("", rels, srcs, keptFrom(prog))
	assert.Equal(t, "GearBox2", again.Lookup("contoso.gearBox").GoName)
	require.NotEmpty(t, findingsOf(diags, "go-name-clash"))
	assert.Contains(t, findingsOf(diags, "go-name-clash")[0], "resources/b.md:1:3: warning go-name-clash: type contoso.gearBox would be the Go type GearBox, which type contoso.gear_box (resources/a.md:1:3) takes; it is GearBox2 instead, kept from an earlier run")

	// A constant numbered within its enum is warned of on every run too.
	twice := []byte("# shade enum type\n\nNamespace: contoso\n\n## Members\n\n| Member | Description |\n|:---|:---|\n|dark_red|Dark.|\n|darkRed|Also dark.|\n")
	shade, diags := ResolveSources("", []string{"resources/shade.md"}, [][]byte{twice})
	require.Len(t, findingsOf(diags, "go-name-clash"), 1)
	_, diags = ResolveSourcesKeeping("", []string{"resources/shade.md"}, [][]byte{twice}, keptFrom(shade))
	require.Len(t, findingsOf(diags, "go-name-clash"), 1, "again")
	assert.Contains(t, findingsOf(diags, "go-name-clash")[0], "kept from an earlier run")

	// A type renamed in the docs is named afresh.
	srcs[0] = resource("gear_boxes")
	prog, _ = ResolveSourcesKeeping("", rels, srcs, kept)
	assert.Equal(t, "GearBox", prog.Lookup("contoso.gearBox").GoName)
	assert.Equal(t, "GearBoxes", prog.Lookup("contoso.gear_boxes").GoName)
}

// keptFrom is the record a run that gave prog its names writes: every
// type and enum member, by package.
func keptFrom(prog *ir.Program) keptnames.Record {
	kept := keptnames.Record{}
	add := func(pkg, key, title, name string) {
		if kept[pkg] == nil {
			kept[pkg] = map[string]keptnames.Entry{}
		}
		kept[pkg][key] = keptnames.Entry{Source: key, Title: title, Method: name}
	}
	for _, ty := range prog.Types {
		add(ty.Package, keptnames.TypeKey(ty.QualifiedName()), keptnames.TypeTitle(ty.Name), ty.GoName)
		for _, m := range ty.Members {
			add(ty.Package, keptnames.MemberKey(ty.QualifiedName(), m.Name), keptnames.MemberTitle(ty.GoName, m.Name), m.GoName)
		}
	}
	return kept
}

// TestKeptNamesYieldToGeneratedCode: a kept type or constant named like the
// interface or decoder of a type that comes to have derived types yields
// the name, as in a first run; a renamed enum's constants follow its new
// name in the same run.
func TestKeptNamesYieldToGeneratedCode(t *testing.T) {
	page := func(name, base string) []byte {
		return []byte("# " + name + " resource type\n\nNamespace: contoso\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big.|\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"contoso." + name + "\",\n  \"baseType\": \"" + base + "\"\n} -->\n\n```json\n{\"size\": 1}\n```\n")
	}
	enum := func(name string, members ...string) []byte {
		src := "# " + name + " enum type\n\nNamespace: contoso\n\n## Members\n\n| Member | Description |\n|:---|:---|\n"
		for _, m := range members {
			src += "|" + m + "|A member.|\n"
		}
		return []byte(src)
	}
	rels := []string{"resources/any.md", "resources/gear.md"}
	srcs := [][]byte{enum("any", "gear"), page("gear", "")}
	first, _ := ResolveSources("", rels, srcs)
	require.Equal(t, "AnyGear", first.Lookup("contoso.any").Members[0].GoName)

	// gear gains a derived type: AnyGear and DecodeAnyGear are the
	// generated code's.
	rels = append(rels, "resources/biggear.md")
	srcs = append(srcs, page("bigGear", "contoso.gear"))
	prog, diags := ResolveSourcesKeeping("", rels, srcs, keptFrom(first))
	assert.Equal(t, "AnyGear2", prog.Lookup("contoso.any").Members[0].GoName, "the kept constant yields")
	clashes := findingsOf(diags, "go-name-clash")
	require.Len(t, clashes, 1)
	assert.Contains(t, clashes[0], "member gear of enum contoso.any would be the Go constant AnyGear, which the generated code of contoso.gear")

	// The enum whose type yields has its constants named after its new
	// name at once, and a second run keeps them.
	rels2 := []string{"resources/anygear.md", "resources/gear.md"}
	srcs2 := [][]byte{enum("anyGear", "red"), page("gear", "")}
	first, _ = ResolveSources("", rels2, srcs2)
	require.Equal(t, "AnyGearRed", first.Lookup("contoso.anyGear").Members[0].GoName)
	rels2 = append(rels2, "resources/biggear.md")
	srcs2 = append(srcs2, page("bigGear", "contoso.gear"))
	second, _ := ResolveSourcesKeeping("", rels2, srcs2, keptFrom(first))
	assert.Equal(t, "AnyGear2", second.Lookup("contoso.anyGear").GoName)
	assert.Equal(t, "AnyGear2Red", second.Lookup("contoso.anyGear").Members[0].GoName)
	third, diags := ResolveSourcesKeeping("", rels2, srcs2, keptFrom(second))
	assert.Equal(t, "AnyGear2Red", third.Lookup("contoso.anyGear").Members[0].GoName, "unchanged docs, unchanged names")
	clashes = findingsOf(diags, "go-name-clash")
	require.Len(t, clashes, 1, "the kept numbered name is warned of again")
	assert.Contains(t, clashes[0], "type contoso.anyGear would be the Go type AnyGear, which the generated code of contoso.gear")
}

// TestKeptTypeNamesOfMergedPackages: when a cycle merges two packages,
// a type of the package the others join keeps its name, and one that moved
// in yields.
func TestKeptTypeNamesOfMergedPackages(t *testing.T) {
	resource := func(ns, name, base, rows string) []byte {
		return []byte("# " + name + " resource type\n\nNamespace: " + ns + "\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big.|\n" + rows +
			"\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"" + ns + "." + name + "\",\n  \"baseType\": \"" + base + "\"\n} -->\n\n```json\n{\"size\": 1}\n```\n")
	}
	rels := []string{"resources/a-colorred.md", "resources/a-gear.md", "resources/a-thing.md", "resources/color.md", "resources/gear.md", "resources/holder.md"}
	srcs := [][]byte{
		resource("contoso.a", "colorRed", "", ""),
		resource("contoso.a", "gear", "", ""),
		resource("contoso.a", "thing", "contoso.holder", ""),
		[]byte("# color enum type\n\nNamespace: contoso\n\n## Members\n\n| Member | Description |\n|:---|:---|\n|red|Red.|\n"),
		resource("contoso", "gear", "", ""),
		resource("contoso", "holder", "", ""),
	}
	first, _ := ResolveSources("", rels, srcs)
	require.Equal(t, "a", first.Lookup("contoso.a.gear").Package)
	require.Equal(t, "Gear", first.Lookup("contoso.a.gear").GoName)
	require.Equal(t, "Gear", first.Lookup("contoso.gear").GoName)
	// holder comes to hold a thing: the packages refer to each other's
	// types, and share contoso.
	srcs[5] = resource("contoso", "holder", "", "|thing|[contoso.a.thing](a-thing.md)|A thing.|\n")
	prog, _ := ResolveSourcesKeeping("", rels, srcs, keptFrom(first))
	require.Equal(t, "contoso", prog.Lookup("contoso.a.gear").Package)
	assert.Equal(t, "Gear", prog.Lookup("contoso.gear").GoName, "the type that stayed keeps its name")
	assert.Equal(t, "Gear2", prog.Lookup("contoso.a.gear").GoName)
	assert.Equal(t, "ColorRed", prog.Lookup("contoso.color").Members[0].GoName, "so does a constant, before a type that moved in")
	assert.Equal(t, "ColorRed2", prog.Lookup("contoso.a.colorRed").GoName)
}

func TestGoNameClashWithGeneratedCode(t *testing.T) {
	root := t.TempDir()
	page := func(name, base string) string {
		return "# " + name + " resource type\n\nNamespace: contoso\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big.|\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"contoso." + name + "\",\n  \"baseType\": \"" + base + "\"\n} -->\n\n```json\n{\"size\": 1}\n```\n"
	}
	writePage(t, filepath.Join(root, "resources", "gear.md"), page("gear", ""))
	writePage(t, filepath.Join(root, "resources", "biggear.md"), page("bigGear", "contoso.gear"))
	writePage(t, filepath.Join(root, "resources", "anygear.md"), page("anyGear", ""))
	prog, diags, err := Load(root)
	require.NoError(t, err)
	assert.Equal(t, "Gear", prog.Lookup("contoso.gear").GoName)
	assert.Equal(t, "AnyGear2", prog.Lookup("contoso.anyGear").GoName, "the interface AnyGear keeps its name")
	clashes := findingsOf(diags, "go-name-clash")
	require.Len(t, clashes, 1, diags.String())
	assert.Contains(t, clashes[0], "type contoso.anyGear would be the Go type AnyGear, which the generated code of contoso.gear")

	// A type that yields and has derived types itself takes generated names
	// after its new name, and a type named like those yields in turn.
	writePage(t, filepath.Join(root, "resources", "biganygear.md"), page("bigAnyGear", "contoso.anyGear"))
	writePage(t, filepath.Join(root, "resources", "anyanygear2.md"), page("anyAnyGear2", ""))
	prog, _, err = Load(root)
	require.NoError(t, err)
	assert.Equal(t, "AnyGear2", prog.Lookup("contoso.anyGear").GoName)
	assert.Equal(t, "AnyAnyGear22", prog.Lookup("contoso.anyAnyGear2").GoName, "the interface of anyGear, now AnyGear2, is AnyAnyGear2: the type of that name yields it")
	names := map[string]bool{}
	for _, ty := range prog.Types {
		for _, n := range []string{ty.GoName, "Any" + ty.GoName, "DecodeAny" + ty.GoName} {
			if n != ty.GoName && !ty.IsPolymorphic() {
				continue
			}
			assert.False(t, names[n], "%s is declared twice", n)
			names[n] = true
		}
	}
}

// TestCyclicNamespacesShareAPackage: namespaces whose types refer to each
// other's, through a type or an operation, become one Go package, named
// after the namespace nearest the root, and the Go names are unique over it.
func TestCyclicNamespacesShareAPackage(t *testing.T) {
	root := t.TempDir()
	resource := func(ns, name, base string) string {
		return "# " + name + " resource type\n\nNamespace: " + ns + "\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big.|\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"" + ns + "." + name + "\",\n  \"baseType\": \"" + base + "\"\n} -->\n\n```json\n{\"size\": 1}\n```\n"
	}
	writePage(t, filepath.Join(root, "resources", "entity.md"), resource("contoso", "entity", ""))
	writePage(t, filepath.Join(root, "resources", "calls-entity.md"), resource("contoso.calls", "entity", "contoso.entity"))
	writePage(t, filepath.Join(root, "resources", "calls-segment.md"), resource("contoso.calls", "segment", "contoso.entity"))
	prog, diags, err := Load(root)
	require.NoError(t, err)
	require.Empty(t, diags.Errors())
	assert.Equal(t, "calls", prog.Lookup("contoso.calls.segment").Package, "calls refers to contoso, not the other way: two packages")

	writePage(t, filepath.Join(root, "api", "thing-get.md"),
		"# Get thing\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [segment](../resources/calls-segment.md) object in the response body.\n")
	prog, diags, err = Load(root)
	require.NoError(t, err)
	require.Empty(t, diags.Errors())
	for _, name := range []string{"contoso.entity", "contoso.calls.entity", "contoso.calls.segment"} {
		assert.Equal(t, "contoso", prog.Lookup(name).Package, name)
	}
	require.Len(t, prog.Operations, 1)
	assert.Equal(t, "contoso", prog.Operations[0].Package)
	assert.Equal(t, "Entity", prog.Lookup("contoso.calls.entity").GoName, "contoso.calls.entity sorts first")
	assert.Equal(t, "Entity2", prog.Lookup("contoso.entity").GoName)
	assert.Equal(t, "Segment", prog.Lookup("contoso.calls.segment").GoName)

	// One go-name-clash, the merged package's, and the linter's the same.
	clashes := findingsOf(diags, "go-name-clash")
	require.Len(t, clashes, 1, diags.String())
	assert.Contains(t, clashes[0], "type contoso.entity would be the Go type Entity, which type contoso.calls.entity")
	assert.Equal(t, clashes, lintGoNameClashes(t, root), "the linter finds the same")
}

// TestRequestBodyDuplicateRows: a name the request-body table lists twice
// is a duplicate-property warning on the later row, naming the earlier
// row's line, and the operation keeps the first row only, as a resource
// page's table does.
func TestRequestBodyDuplicateRows(t *testing.T) {
	prog, diags := loadPages(t, map[string]string{
		"api/widget-comment.md": "# widget: comment\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/comment\n```\n\n" +
			"## Request body\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n|comment|String|The comment.|\n|urgent|Boolean|Whether it is urgent.|\n|comment|Int32|The comment, again.|\n\n" +
			"## Response\n\nIf successful, this method returns a `204 No Content` response code.\n",
	})
	got := findingsOf(diags, "duplicate-property")
	assert.Equal(t, []string{`api/widget-comment.md:17:2: warning duplicate-property: property "comment" is listed twice in the request body table (line 15); the first row is used`}, got)
	require.Len(t, prog.Operations, 1)
	var rows []string
	for _, p := range prog.Operations[0].RequestBody {
		rows = append(rows, p.Name+" "+p.Type)
	}
	assert.Equal(t, []string{"comment Edm.String", "urgent Edm.Boolean"}, rows)
}

// TestMergedEnumKeepsValues: an enum listed bare in enums.md and with
// values on its own page keeps each member's value and description, whichever
// page is read first; a value given twice differently is a warning.
func TestMergedEnumKeepsValues(t *testing.T) {
	prog, diags := loadPages(t, map[string]string{
		"resources/enums.md":            "# Enum values\n\nNamespace: contoso\n\n### widgetColor values\n\n| Member\n|:---\n| red\n| blue\n| green\n",
		"resources/widgetcolor.md":      "# widgetColor enum type\n\nNamespace: contoso\n\nThe colors of a widget.\n\n## Members\n\n| Member | Value | Description |\n|:---|:---|:---|\n|red|0|Red.|\n|blue|1|Blue.|\n",
		"resources/widgetcolor-copy.md": "# widgetColor enum type\n\nNamespace: contoso\n\n## Members\n\n| Member | Value | Description |\n|:---|:---|:---|\n|red|5|Red again.|\n",
	})
	et := prog.Lookup("contoso.widgetColor")
	require.NotNil(t, et)
	var got []string
	for _, m := range et.Members {
		got = append(got, m.Name+"="+m.Value+" "+m.Description)
	}
	assert.Equal(t, []string{"red=0 Red.", "blue=1 Blue.", "green= "}, got)
	assert.Equal(t, "The colors of a widget.", et.Description)
	var conflicts []string
	for _, f := range findingsOf(diags, "duplicate-type") {
		if strings.Contains(f, "member") {
			conflicts = append(conflicts, f)
		}
	}
	assert.Equal(t, []string{"resources/widgetcolor-copy.md:9:2: warning duplicate-type: member red of enum contoso.widgetColor has the value 5 here but 0 at resources/widgetcolor.md:11:2; the first is used"}, conflicts)
}

// TestUnknownTypeTextIsNoType: a Type cell saying "Unknown Type
// some.ns.gadget" names no type; it is not the gadget of another namespace
// by its last element.
func TestUnknownTypeTextIsNoType(t *testing.T) {
	prog, diags := loadPages(t, map[string]string{
		"resources/gadget.md": "# gadget resource type\n\nNamespace: contoso\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n|name|String|The name.|\n",
		"resources/widget.md": "# widget resource type\n\nNamespace: contoso\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n|owner|** Unknown Type `some.other.models.gadget` **|Not yet documented|\n|tool|`other.models.gadget`|A gadget of a namespace no page declares.|\n",
	})
	assert.Equal(t, []string{`resources/widget.md:9:8: error unknown-type: unknown type "Unknown Type some.other.models.gadget" for property "owner"`},
		findingsOf(diags, "unknown-type"))
	widget := prog.Lookup("contoso.widget")
	require.NotNil(t, widget)
	var props []string
	for _, p := range widget.Properties {
		props = append(props, p.Name+" "+p.Type)
	}
	assert.Equal(t, []string{"tool contoso.gadget"}, props)
}

// TestTitleOwnerKeepsItsName: of pages sharing a title, the one whose file
// name is the title's words (event-update.md for "Update event") keeps the
// title's method name, whatever other page is added with it; the others
// take their file's other words and are warned of.
func TestTitleOwnerKeepsItsName(t *testing.T) {
	write := func(root, name, path string) {
		writePage(t, filepath.Join(root, "api", name+".md"),
			"# Update event\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nPATCH "+path+"\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n")
	}
	names := func(root string) (map[string]string, []string) {
		prog, diags, err := Load(root)
		require.NoError(t, err)
		got := map[string]string{}
		for _, o := range prog.Operations {
			got[o.Source] = o.Name
		}
		return got, findingsOf(diags, "go-name-clash")
	}
	root := t.TempDir()
	write(root, "event-update", "/events/{id}")
	got, clashes := names(root)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEvent"}, got)
	assert.Empty(t, clashes)

	write(root, "group-update-event", "/groups/{id}/events/{id}")
	got, clashes = names(root)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEvent", "api/group-update-event.md": "UpdateEventGroup"}, got, "the owner keeps its name")
	require.Len(t, clashes, 1)
	assert.Contains(t, clashes[0], "api/group-update-event.md:1:3: warning go-name-clash: operation \"Update event\" is the Go method UpdateEventGroup in a new output, not UpdateEvent")

	// Two pages neither of which owns the title: both take their file's words.
	write(root, "user-update-event", "/users/{id}/events/{id}")
	require.NoError(t, os.Remove(filepath.Join(root, "api", "event-update.md")))
	got, clashes = names(root)
	assert.Equal(t, map[string]string{"api/group-update-event.md": "UpdateEventGroup", "api/user-update-event.md": "UpdateEventUser"}, got)
	assert.Len(t, clashes, 2)
}

// TestKeptNamesSurviveAddedPages: with the names an earlier run recorded,
// a page added with the same title takes no name that exists, even where
// it owns the title; a page whose title changed, or whose kept name is
// taken or was not made from its title, is named afresh.
func TestKeptNamesSurviveAddedPages(t *testing.T) {
	page := func(title, path string) string {
		return "# " + title + "\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nPATCH " + path + "\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
	}
	resolveKeeping := func(kept keptnames.Record, pages map[string]string) (map[string]string, []string) {
		var rels []string
		var srcs [][]byte
		for _, rel := range slices.Sorted(maps.Keys(pages)) {
			rels = append(rels, rel)
			srcs = append(srcs, []byte(pages[rel]))
		}
		prog, diags := ResolveSourcesKeeping("", rels, srcs, kept)
		got := map[string]string{}
		for _, o := range prog.Operations {
			got[o.Source] = o.Name
		}
		return got, findingsOf(diags, "go-name-clash")
	}
	// The first run: one page, not the title's owner, has the title's name.
	pages := map[string]string{"api/group-update-event.md": page("Update event", "/groups/{id}/events/{id}")}
	got, _ := resolveKeeping(nil, pages)
	require.Equal(t, map[string]string{"api/group-update-event.md": "UpdateEvent"}, got)

	// The owner is added: without the record it would take the name.
	pages["api/event-update.md"] = page("Update event", "/events/{id}")
	fresh, _ := resolveKeeping(nil, pages)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEvent", "api/group-update-event.md": "UpdateEventGroup"}, fresh)
	kept := keptnames.Record{"contoso": {"api/group-update-event.md": {Source: "api/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEvent"}}}
	got, clashes := resolveKeeping(kept, pages)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEventEventUpdate", "api/group-update-event.md": "UpdateEvent"}, got, "the kept name stays")
	require.Len(t, clashes, 1)
	assert.Contains(t, clashes[0], "api/event-update.md:1:3: warning go-name-clash: operation \"Update event\" is the Go method UpdateEventEventUpdate, not UpdateEvent")

	// A name kept from a clash with a page since gone stays, and a page
	// whose title makes that name is told why it does not get it.
	gone := map[string]string{
		"api/group-update-event.md": page("Update event", "/groups/{id}/events/{id}"),
		"api/update-event-group.md": page("Update event group", "/eventGroups/{id}"),
	}
	kept = keptnames.Record{"contoso": {"api/group-update-event.md": {Source: "api/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEventGroup"}}}
	got, clashes = resolveKeeping(kept, gone)
	assert.Equal(t, map[string]string{"api/group-update-event.md": "UpdateEventGroup", "api/update-event-group.md": "UpdateEventGroupUpdateEventGroup"}, got)
	require.Len(t, clashes, 1)
	assert.Contains(t, clashes[0], `api/update-event-group.md:1:3: warning go-name-clash: operation "Update event group" is the Go method UpdateEventGroupUpdateEventGroup, not UpdateEventGroup, because the output's names.go keeps UpdateEventGroup for api/group-update-event.md:1:3, whose title makes UpdateEvent`)

	// A record of names the titles no longer make, or that do not start
	// with the title's name, changes nothing.
	entry := func(title, method string) keptnames.Record {
		return keptnames.Record{"contoso": {"api/group-update-event.md": {Source: "api/group-update-event.md", Title: title, Method: method}}}
	}
	for what, rec := range map[string]keptnames.Record{
		"title changed":           entry("ChangeEvent", "ChangeEvent"),
		"not made from the title": entry("UpdateEvent", "ChangeEventGroup"),
	} {
		got, _ := resolveKeeping(rec, pages)
		assert.Equal(t, fresh, got, what)
	}

	// Where the kept names leave the title's name to no page, the one page
	// without a name takes it (here the owner keeps the suffixed name it
	// took when the other page had the title's name, and the other page's
	// title was changed and changed back).
	got, _ = resolveKeeping(keptnames.Record{"contoso": {"api/event-update.md": {Source: "api/event-update.md", Title: "UpdateEvent", Method: "UpdateEventEventUpdate"}}}, pages)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEventEventUpdate", "api/group-update-event.md": "UpdateEvent"}, got)

	// A page whose package changed yields to the pages that were already
	// there; it takes its title's name where free, else the name the
	// package it came from recorded.
	moved := keptnames.Record{
		"contoso": {"api/group-update-event.md": {Source: "api/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEventMine"}},
		"other":   {"api/event-update.md": {Source: "api/event-update.md", Title: "UpdateEvent", Method: "UpdateEventMine"}},
	}
	got, _ = resolveKeeping(moved, pages)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEvent", "api/group-update-event.md": "UpdateEventMine"}, got, "the page recorded here keeps its name")
	moved["contoso"] = map[string]keptnames.Entry{"api/group-update-event.md": {Source: "api/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEvent"}}
	moved["other"] = map[string]keptnames.Entry{"api/event-update.md": {Source: "api/event-update.md", Title: "UpdateEvent", Method: "UpdateEventThere"}}
	got, _ = resolveKeeping(moved, pages)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEventThere", "api/group-update-event.md": "UpdateEvent"}, got, "the name it had where it was")
	delete(moved, "contoso")
	got, _ = resolveKeeping(moved, pages)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEventThere", "api/group-update-event.md": "UpdateEvent"}, got,
		"sharing its title with a page here, it keeps the name it had; the title's name, which no page keeps, goes to the one page without a name")
	got, _ = resolveKeeping(moved, map[string]string{"api/event-update.md": pages["api/event-update.md"]})
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEvent"}, got, "alone with its title, it takes the title's name, as a first run would")
	moved["other"] = map[string]keptnames.Entry{
		"api/event-update.md":       {Source: "api/event-update.md", Title: "UpdateEvent", Method: "UpdateEventThere"},
		"api/group-update-event.md": {Source: "api/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEvent"},
	}
	got, _ = resolveKeeping(moved, pages)
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEventThere", "api/group-update-event.md": "UpdateEvent"}, got, "pages that move together keep their names")
	moved["other"] = map[string]keptnames.Entry{"api/group-update-event.md": {Source: "api/group-update-event.md", Title: "ListEvents", Method: "ListEvents"}}
	got, _ = resolveKeeping(moved, pages)
	assert.Equal(t, fresh, got, "retitled as it moved, named afresh")
}

// TestHeldNames: the name of a page an error leaves out is held: no page
// takes it, and the page is named so once mended.
func TestHeldNames(t *testing.T) {
	page := func(title, line string) string {
		return "# " + title + "\n\nNamespace: contoso\n\n## HTTP request\n\n```http\n" + line + "\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
	}
	kept := keptnames.Record{"contoso": {"api/group-update-event.md": {Source: "api/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEvent"}}}
	rels := []string{"api/event-update.md", "api/group-update-event.md"}
	srcs := [][]byte{[]byte(page("Update event", "PATCH /events/{id}")), []byte(page("Update event", "FROB /groups/{id}/events/{id}"))}
	prog, diags := ResolveSourcesKeeping("", rels, srcs, kept)
	require.Len(t, prog.Operations, 1, "the broken page makes no operation")
	assert.Equal(t, "UpdateEventEventUpdate", prog.Operations[0].Name, "the owner of the title does not take the held name")
	require.Len(t, prog.HeldNames, 1)
	h := prog.HeldNames[0]
	assert.Equal(t, ir.HeldName{Package: "contoso", Namespace: "contoso", Source: "api/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEvent", Pos: h.Pos}, h)
	assert.Equal(t, "api/group-update-event.md:1:3", h.Pos.String())
	clashes := findingsOf(diags, "go-name-clash")
	require.Len(t, clashes, 1)
	assert.Contains(t, clashes[0], `api/event-update.md:1:3: warning go-name-clash: operation "Update event" is the Go method UpdateEventEventUpdate, not UpdateEvent, because the output's names.go holds UpdateEvent for the page at api/group-update-event.md:1:3, which makes no operation now`)

	// Mended, the page has its name back; a page no longer among the input
	// holds nothing.
	srcs[1] = []byte(page("Update event", "PATCH /groups/{id}/events/{id}"))
	prog, _ = ResolveSourcesKeeping("", rels, srcs, kept)
	names := map[string]string{}
	for _, o := range prog.Operations {
		names[o.Source] = o.Name
	}
	assert.Equal(t, map[string]string{"api/event-update.md": "UpdateEventEventUpdate", "api/group-update-event.md": "UpdateEvent"}, names)
	prog, _ = ResolveSourcesKeeping("", rels[:1], srcs[:1], kept)
	assert.Empty(t, prog.HeldNames)
	assert.Equal(t, "UpdateEvent", prog.Operations[0].Name)

	// A page outside api/ that an error leaves of no kind (its front
	// matter, which says it is an operation page, is not closed) holds its
	// name too.
	broken := []byte("---\ndoc_type: apiPageType\n# Update event\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nPATCH /groups/{id}/events/{id}\n```\n")
	prog, _ = ResolveSourcesKeeping("", []string{"api/event-update.md", "misc/group-update-event.md"}, [][]byte{srcs[0], broken},
		keptnames.Record{"contoso": {"misc/group-update-event.md": {Source: "misc/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEvent"}}})
	require.Len(t, prog.HeldNames, 1)
	assert.Equal(t, "UpdateEventEventUpdate", prog.Operations[0].Name)

	// The request struct name held with a left-out page yields to a doc
	// type of its qualified name, as a struct of a page here would.
	broken = []byte("# Rename gear\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nFROB /gears/{id}/rename\n```\n\n## Request body\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| newName | String | The new name. |\n")
	prog, _ = ResolveSourcesKeeping("", []string{"api/gear-rename.md", "resources/capreq.md"},
		[][]byte{broken, []byte("# RenameGearRequest resource type\n\nNamespace: contoso\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big.|\n")},
		keptnames.Record{"contoso": {
			"api/gear-rename.md":                       {Source: "api/gear-rename.md", Title: "RenameGear", Method: "RenameGear"},
			keptnames.RequestKey("api/gear-rename.md"): {Source: keptnames.RequestKey("api/gear-rename.md"), Title: "RenameGearRequest", Method: "RenameGearRequest"},
		}})
	require.Len(t, prog.HeldNames, 1)
	assert.Equal(t, "RenameGearRequest", prog.HeldNames[0].Request)
	assert.Equal(t, "RenameGearRequest", prog.Lookup("contoso.RenameGearRequest").GoName)

	// A recorded struct name not made from the held method's is no longer
	// its struct's (the page was retitled before it broke): not held, as
	// it would not be kept for a page here.
	prog, heldDiags := ResolveSourcesKeeping("", []string{"api/gear-rename.md", "resources/relabel.md"},
		[][]byte{broken, []byte("# relabelGear_request resource type\n\nNamespace: contoso\n\n## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n|size|Int32|How big.|\n")},
		keptnames.Record{"contoso": {
			"api/gear-rename.md":                       {Source: "api/gear-rename.md", Title: "RenameGear", Method: "RenameGear"},
			keptnames.RequestKey("api/gear-rename.md"): {Source: keptnames.RequestKey("api/gear-rename.md"), Title: "RelabelGearRequest", Method: "RelabelGearRequest"},
		}})
	require.Len(t, prog.HeldNames, 1)
	assert.Empty(t, prog.HeldNames[0].Request)
	assert.Equal(t, "RelabelGearRequest", prog.Lookup("contoso.relabelGear_request").GoName)
	assert.Empty(t, findingsOf(heldDiags, "go-name-clash"))

	// Nor does a page that is no operation page now.
	srcs[1] = []byte("---\ndoc_type: conceptualPageType\n---\n# Update event\n\nAbout events.\n")
	prog, _ = ResolveSourcesKeeping("", []string{"api/event-update.md", "misc/group-update-event.md"}, srcs,
		keptnames.Record{"contoso": {"misc/group-update-event.md": {Source: "misc/group-update-event.md", Title: "UpdateEvent", Method: "UpdateEvent"}}})
	assert.Empty(t, prog.HeldNames)
	assert.Equal(t, "UpdateEvent", prog.Operations[0].Name)
}

// loadPages writes the pages (by path below the doc set's root) to a
// temporary folder and loads them.
func loadPages(t *testing.T, pages map[string]string) (*ir.Program, diag.List) {
	t.Helper()
	root := t.TempDir()
	for rel, src := range pages {
		writePage(t, filepath.Join(root, filepath.FromSlash(rel)), src)
	}
	prog, diags, err := Load(root)
	require.NoError(t, err)
	return prog, diags
}

// findingsOf lists the findings of rule in diags, as text.
func findingsOf(diags diag.List, rule string) []string {
	var out []string
	for _, d := range diags {
		if d.Rule == rule {
			out = append(out, d.String())
		}
	}
	return out
}

// lintGoNameClashes lists, as text, the go-name-clash findings the linter
// reports on the pages under root (Check, then GoNameClashes).
func lintGoNameClashes(t *testing.T, root string) []string {
	t.Helper()
	set, err := ReadDir(root)
	require.NoError(t, err)
	checked, _, _ := Check(NewSet(set.Root, set.Pages))
	return findingsOf(GoNameClashes(checked), "go-name-clash")
}

// TestAbstractFromProse: a type whose page calls it abstract before its
// first H2 is abstract when its annotation says nothing either way; an
// annotation's "abstract": false wins, and a mention of something else that
// is abstract (an abstract setting, the abstract type it derives from) is
// no such claim.
func TestAbstractFromProse(t *testing.T) {
	root := t.TempDir()
	page := func(name, prose, annotation string) { writeProsePage(t, root, name, prose, "label", annotation) }
	page("gadget", "An abstract base class for every gadget.", "")
	page("widget", "This complex type is abstract; use a derived type.", "")
	page("sprocket", "An abstract class for sprockets.", ",\n  \"abstract\": false")
	page("setting", "A setting instance holding the value of an abstract complex setting.", "")
	page("extension2", "An open extension, derived from the [gadget](gadget.md) abstract type.", "")
	prog, _, err := Load(root)
	require.NoError(t, err)
	for name, want := range map[string]bool{"gadget": true, "widget": true, "sprocket": false, "setting": false, "extension2": false} {
		ty := prog.Lookup("contoso." + name)
		require.NotNil(t, ty, name)
		assert.Equal(t, want, ty.Abstract, name)
	}
}

// TestResponseNamingSeveralRequests: a response whose annotation names
// several requests answers each of them.
func TestResponseNamingSeveralRequests(t *testing.T) {
	prog, _ := loadPages(t, map[string]string{
		"api/thing-get.md": "# Get thing\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nGET /things/{id}\nGET /me/things/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n## Examples\n\n" +
			"<!-- { \"blockType\": \"request\", \"name\": \"a\" } -->\n```http\nGET /things/1\n```\n\n" +
			"<!-- { \"blockType\": \"request\", \"name\": \"b\" } -->\n```http\nGET /me/things/1\n```\n\n" +
			"<!-- { \"blockType\": \"response\", \"name\": [\"a\", \"b\"] } -->\n```http\nHTTP/1.1 200 OK\n```\n",
	})
	require.Len(t, prog.Operations, 1)
	ex := prog.Operations[0].Examples
	require.Len(t, ex, 2)
	for _, e := range ex {
		require.NotNil(t, e.Response, e.Name)
		assert.Equal(t, 200, e.Response.Status, e.Name)
	}
}

// TestQueriesKept: the query a request line writes after its path is kept
// by path, and the placeholders only it names are listed.
func TestQueriesKept(t *testing.T) {
	prog, _ := loadPages(t, map[string]string{
		"api/thing-list.md": "# List things\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nGET /things?$search={query}\nGET /me/things/{id}?$expand=parts($filter=id eq '{partId}')\nGET /me/things\nGET /things?$top={n}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n",
	})
	require.Len(t, prog.Operations, 1)
	o := prog.Operations[0]
	assert.Equal(t, []string{"/things", "/me/things/{id}", "/me/things"}, o.Paths)
	assert.Equal(t, map[string][]string{"/things": {"$search={query}", "$top={n}"}, "/me/things/{id}": {"$expand=parts($filter=id eq '{partId}')"}}, o.Queries)
	assert.Equal(t, []string{"id"}, o.PathParameters)
	assert.Equal(t, []string{"query", "n", "partId"}, o.QueryParameters)
}

// TestBaseFromSubclassProse: "A subclass of [x](x.md)" names the base type
// as "Inherits from" does, and so does "The following properties are
// inherited from **[x][]**" in the Properties section.
func TestBaseFromSubclassProse(t *testing.T) {
	root := t.TempDir()
	page := func(name, prose string) { writeProsePage(t, root, name, prose, "label"+name, "") }
	page("gadget", "A gadget.")
	page("widget", "A subclass of [gadget](gadget.md).")
	page("sprocket", "This creates a subclass from [gadget](gadget.md).")
	writePage(t, filepath.Join(root, "resources", "cog.md"),
		"# cog resource type\n\nNamespace: contoso\n\nA cog.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n|teeth|Int32|Its teeth.|\n\nThe following properties are inherited from **[gadget][]**.\n\n| Property | Type | Description |\n|:---|:---|:---|\n|labelgadget|String|A label.|\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"contoso.cog\"\n}-->\n\n```json\n{\n  \"teeth\": 1\n}\n```\n\n[gadget]: gadget.md\n")
	prog, _, err := Load(root)
	require.NoError(t, err)
	for _, name := range []string{"widget", "sprocket", "cog"} {
		ty := prog.Lookup("contoso." + name)
		require.NotNil(t, ty, name)
		assert.Equal(t, "contoso.gadget", ty.BaseType, name)
	}
}

// TestCallbackTakesNoResponse: a request to another host than Graph's (a
// callback to the app) shown before a request leaves the response after
// them to the request to Graph.
func TestCallbackTakesNoResponse(t *testing.T) {
	prog, _ := loadPages(t, map[string]string{
		"api/thing-get.md": "# Get thing\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nGET /things/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n## Examples\n\n" +
			"<!-- { \"blockType\": \"request\", \"name\": \"callback\" } -->\n```http\nPOST https://bot.contoso.com/api/calls\n```\n\n" +
			"<!-- { \"blockType\": \"request\", \"name\": \"get\" } -->\n```http\nGET /things/1\n```\n\n" +
			"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n```\n",
	})
	require.Len(t, prog.Operations, 1)
	ex := prog.Operations[0].Examples
	require.Len(t, ex, 2)
	assert.Nil(t, ex[0].Response, "the callback")
	require.NotNil(t, ex[1].Response, "the request to Graph")
}

// TestExamplesAnswerAList: a GET whose prose answers "an x object" but
// whose every JSON example answers {"value": [...]} answers a collection,
// unless its path ends in a key.
func TestExamplesAnswerAList(t *testing.T) {
	root := t.TempDir()
	writePage(t, filepath.Join(root, "resources", "summary.md"),
		"# summary resource type\n\nNamespace: contoso\n\nA summary.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n|count|Int32|A count.|\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"contoso.summary\"\n}-->\n\n```json\n{\n  \"count\": 1\n}\n```\n")
	page := func(name, path string) {
		writePage(t, filepath.Join(root, "api", name+".md"),
			"# "+name+"\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nGET "+path+"\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code and a [summary](../resources/summary.md) object in the response body.\n\n## Examples\n\n"+
				"<!-- { \"blockType\": \"request\", \"name\": \""+name+"\" } -->\n```http\nGET "+strings.ReplaceAll(path, "{id}", "1")+"\n```\n\n"+
				"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{\n  \"@odata.context\": \"https://graph.microsoft.com/beta/$metadata#Collection(contoso.summary)\",\n  \"value\": [{\"count\": 2}]\n}\n```\n")
	}
	page("getcounts", "/reports/getCounts(period='{period}')")
	page("getsummary", "/summaries/{id}")
	prog, _, err := Load(root)
	require.NoError(t, err)
	many := map[string]bool{}
	for _, o := range prog.Operations {
		many[o.Source] = o.ResponseCollection
	}
	assert.Equal(t, map[string]bool{"api/getcounts.md": true, "api/getsummary.md": false}, many)
}

// TestOperationTitlesMakingOneGoName: titles written differently that make
// one Go name are said to, not to be the same title.
func TestOperationTitlesMakingOneGoName(t *testing.T) {
	root := t.TempDir()
	for name, title := range map[string]string{"thread-delete": "Delete conversationThread", "conversationthread-delete": "Delete conversation thread"} {
		writePage(t, filepath.Join(root, "api", name+".md"),
			"# "+title+"\n\nNamespace: contoso\n\n## HTTP request\n\n```http\nDELETE /"+name+"/{id}\n```\n\n## Response\n\nIf successful, this method returns a `204 No Content` response code.\n")
	}
	_, diags, err := Load(root)
	require.NoError(t, err)
	got := findingsOf(diags, "go-name-clash")
	require.Len(t, got, 2, "each page is named by its file's words")
	for _, f := range got {
		assert.Contains(t, f, "has a title that makes the same Go name")
	}
}

// writeProsePage writes the resource page of contoso.name: prose under its
// title, one String property prop, and annotation's extra keys (",\n  \"k\": v")
// in its resource annotation.
func writeProsePage(t *testing.T, root, name, prose, prop, annotation string) {
	t.Helper()
	writePage(t, filepath.Join(root, "resources", name+".md"),
		"# "+name+" resource type\n\nNamespace: contoso\n\n"+prose+"\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n|"+prop+"|String|A label.|\n\n## JSON representation\n\n<!-- {\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"contoso."+name+"\""+annotation+"\n}-->\n\n```json\n{\n  \""+prop+"\": \"String\"\n}\n```\n")
}
