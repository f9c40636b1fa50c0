package emit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
)

func TestPageFileName(t *testing.T) {
	for _, c := range []struct{ source, pkg, want string }{
		{"resources/callrecords-segment.md", "callrecords", "segment.go"},
		{"resources/entity.md", "graph", "entity.go"},
		{"resources/callrecords.md", "callrecords", "callrecords.go"},
		{"resources/foo_test.md", "graph", "foo-test.go"},
		{"resources/x_windows.md", "graph", "x-windows.go"},
		{"resources/service.md", "graph", "service-resource.go"},
		{"resources/_hidden.md", "graph", "hidden.go"},
		{"", "graph", "types.go"},
	} {
		assert.Equal(t, c.want, pageFileName(c.source, c.pkg), c.source)
	}
	// A name too long to stage (".<name>.<n>.tmp" within 255 bytes) is
	// cut, and two that share their start stay apart.
	long := strings.Repeat("a", 240)
	a, b := pageFileName("resources/"+long+"x.md", "graph"), pageFileName("resources/"+long+"y.md", "graph")
	assert.LessOrEqual(t, len(a), maxFileStem+len(".go"))
	assert.NotEqual(t, a, b)
	assert.True(t, strings.HasPrefix(a, strings.Repeat("a", 100)))
}

// renderPath writes split path segments back, parameters as {name} and
// path-addressing ones as {name...}, parts separated by '|'.
func renderPath(segs [][]pathPart) string {
	var b strings.Builder
	for _, seg := range segs {
		b.WriteByte('/')
		for i, p := range seg {
			if i > 0 {
				b.WriteByte('|')
			}
			switch {
			case p.multi:
				b.WriteString("{" + p.param + "...}")
			case p.param != "":
				b.WriteString("{" + p.param + "}")
			default:
				b.WriteString(p.lit)
			}
		}
	}
	return b.String()
}

func TestSplitPath(t *testing.T) {
	for in, want := range map[string]string{
		"/sites/{site-id}/lists/{list_id}/items/":                   "/sites/{site-id}/lists/{list_id}/items",
		"/reports/getEmailActivityCounts(period='{period_value}')":  "/reports/getEmailActivityCounts(period='|{period_value}|')",
		"/x({id})/cancel?$select=a":                                 "/x(|{id}|)/cancel",
		"/workbook/worksheets/{id}/Cell(row={row},column={column})": "/workbook/worksheets/{id}/Cell(row=|{row}|,column=|{column}|)",
		"/me/drive/root:/{item-path}:/content":                      "/me/drive/root:/{item-path...}|:/content",
		"/groups/{group-id/drive/items/{item-id}":                   "/groups/{group-id/drive/items/{item-id}",
		"/a/{}/b{": "/a/{}/b{",
		"users":    "/users",
		"/":        "/",
	} {
		assert.Equal(t, want, renderPath(splitPath(in)), in)
	}
}

func TestExamplePath(t *testing.T) {
	s := &opSig{op: &ir.Operation{Paths: []string{"/drives/{drive-id}/items/{item-id}"}}}
	for in, want := range map[string]string{
		"/drives/{drive-id}/items/{item-id}?$select=name":          "/drives/driveID-1/items/itemID-1?$select=name",
		"/drives/b%21x/items/a b":                                  "/drives/b%21x/items/a%20b",
		"/reports/getEmailActivityCounts(period='{period_value}')": "/reports/getEmailActivityCounts(period='period_value-1')",
		"/users/{id}/x?$filter=a eq 'b'":                           "/users/id-1/x?$filter=a%20eq%20'b'",
		"/a/100%/b{":                                               "/a/100%25/b%7B",
		"":                                                         "/drives/driveID-1/items/itemID-1",
	} {
		assert.Equal(t, want, examplePath(&ir.ExampleRequest{Path: in}, s), in)
	}
}

// TestGenerateErrors checks that IR the emitter cannot turn into working
// code is refused with a positioned message, and that nothing is renamed.
func TestGenerateErrors(t *testing.T) {
	for _, c := range []struct {
		name  string
		build func() *ir.Program
		want  string
	}{
		{"unresolved property type", func() *ir.Program {
			p := buildShapes()
			p.Lookup(nsGraph + ".folder").Properties[0].Ref = nil
			p.Lookup(nsGraph + ".folder").Properties[0].Type = nsGraph + ".missing"
			return p
		}, "resources/folder.md:20:1: property childCount of microsoft.graph.folder has type microsoft.graph.missing, which is not resolved"},
		{"import cycle", func() *ir.Program {
			p := buildCallRecords()
			idSet := p.Lookup(nsGraph + ".identitySet")
			ep := p.Lookup(nsCR + ".endpoint")
			idSet.Properties = append(idSet.Properties, &ir.Property{Name: "endpoint", Type: ep.QualifiedName(), GoName: "Endpoint", Ref: ep})
			return p
		}, "import cycle between namespace packages: callrecords -> graph -> callrecords"},
		{"type named like the service", func() *ir.Program {
			p := buildCallRecords()
			p.Lookup(nsCR + ".media").GoName = "Service"
			return p
		}, "the generated Service and microsoft.graph.callRecords.media are both named Service in package callrecords"},
		{"package name", func() *ir.Program {
			p := buildCallRecords()
			p.Lookup(nsCR + ".media").Package = "odata"
			return p
		}, `package name "odata"`},
		{"no module path", func() *ir.Program { return nil }, "ModulePath is empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts := Options{ModulePath: "gen/output"}
			p := c.build()
			if p == nil {
				opts = Options{}
			}
			files, err := Generate(p, opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.Nil(t, files)
		})
	}
}

// TestFieldNames checks that a property whose Go name is taken in its
// struct is renamed by the rule of nameFields, with a warning, and that
// nothing else is.
func TestFieldNames(t *testing.T) {
	var warnings []string
	_, err := Generate(buildCollisions(), Options{ModulePath: "m", Warn: func(d diag.Diagnostic) { warnings = append(warnings, d.String()) }})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"resources/thing.md:100:1: warning renamed-field: property marshalJSON of microsoft.graph.thing is the field MarshalJSON2: MarshalJSON is taken in the Go struct",
		"resources/thing.md:110:1: warning renamed-field: property asEntity of microsoft.graph.thing is the field AsEntity2: AsEntity is taken in the Go struct",
		"resources/thing.md:120:1: warning renamed-field: property asSpecialThing of microsoft.graph.thing is the field AsSpecialThing2: AsSpecialThing is taken in the Go struct",
		"resources/thing.md:130:1: warning renamed-field: property additionalProperties of microsoft.graph.thing is the field AdditionalProperties2: AdditionalProperties is taken in the Go struct",
		"resources/specialthing.md:20:1: warning renamed-field: property display-name of microsoft.graph.specialThing is the field DisplayName3: DisplayName is taken in the Go struct",
	}, warnings)
}

// TestRenderError checks that a file that does not format is an error
// showing the generated source with line numbers.
func TestRenderError(t *testing.T) {
	f := jen.NewFile("x")
	f.NoFormat = true
	f.Func().Id("broken").Params().Block(jen.Op("}{"))
	_, err := render(f, "x/broken.go", "api", "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "generated x/broken.go does not format")
	assert.Contains(t, err.Error(), "    4  func broken () {")
	assert.True(t, strings.Count(err.Error(), "\n") >= 4)
}

// TestRequestTypeNames: a request struct whose name a documented type takes
// gets the next free name, with a warning; the others keep theirs.
func TestRequestTypeNames(t *testing.T) {
	p := buildShapes()
	b := &irBuilder{p: p, line: map[string]int{}}
	b.typ(nsGraph, "CopyItemRequest", ir.Complex, "resources/copyitemrequest.md", "", "A documented type that takes the name.",
		prop("note", "Edm.String", ""))
	p.Index()
	var warnings []string
	files, err := Generate(p, Options{ModulePath: "m", Warn: func(d diag.Diagnostic) { warnings = append(warnings, d.String()) }})
	require.NoError(t, err)
	var requests string
	for _, f := range files {
		if f.Path == "graph/requests.go" {
			requests = string(f.Content)
		}
	}
	assert.Contains(t, requests, "type CopyItemRequest2 struct")
	assert.Contains(t, warnings, "api/driveitem-copy.md:1:1: warning renamed-type: the request body of CopyItem is the struct CopyItemRequest2: CopyItemRequest is taken in package graph")
}

// TestSharedPackage: two namespaces that become one package are a warning,
// at the first use of the second.
func TestSharedPackage(t *testing.T) {
	p := buildShapes()
	b := &irBuilder{p: p, line: map[string]int{}}
	b.typ("microsoft.graph.Graph", "gadget", ir.Complex, "resources/gadget.md", "", "", prop("size", "Edm.Int32", ""))
	p.Index()
	var warnings []string
	_, err := Generate(p, Options{ModulePath: "m", Warn: func(d diag.Diagnostic) { warnings = append(warnings, d.String()) }})
	require.NoError(t, err)
	assert.Contains(t, warnings, "resources/gadget.md:10:1: warning shared-package: namespaces microsoft.graph and microsoft.graph.Graph both become package graph: their Go names share it, and a name both want gets a suffix")
}

// TestTextGoSourceCannotHold: a byte order mark or NUL in a page's text
// (a description, an example body) does not stop generation: comments
// drop them and string literals escape them.
func TestTextGoSourceCannotHold(t *testing.T) {
	p := buildCallRecords()
	seg := p.Lookup(nsCR + ".segment")
	seg.Description = "A leg \uFEFFof a call\x00."
	seg.Properties[0].Description = "Starts \uFEFFhere."
	files, err := Generate(p, Options{ModulePath: "gen/output"})
	require.NoError(t, err)
	for _, f := range files {
		assert.NotContains(t, string(f.Content), "\uFEFF", f.Path)
		assert.NotContains(t, string(f.Content), "\x00", f.Path)
	}
	assert.Equal(t, "// a b\n", string(dropIllegal([]byte("// a\uFEFF b\x00\n"))))
	var buf bytes.Buffer
	require.NoError(t, jen.Var().Id("x").Op("=").Add(rawString("{\"id\": \"a\uFEFFb\"}")).Render(&buf))
	assert.Equal(t, `var x = "{\"id\": \"a\ufeffb\"}"`, buf.String())
}

// TestDeepExampleSkipped: an example body nested past the handler's limit
// is skipped with the reason, in time linear in its size, not rendered.
func TestDeepExampleSkipped(t *testing.T) {
	deep := `{"id": "x", "deep": ` + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + `}`
	g := &generator{}
	_, err := g.exampleBody(deep, nil)
	require.ErrorContains(t, err, "more than 32 deep")
	assert.True(t, deeperThan(`[[[`, 2))
	assert.False(t, deeperThan(`[["[[[[", {"a": "]]]\"[[["}]]`, 3), "brackets in strings do not count")
	assert.False(t, deeperThan(`{}`, 1))
}

// TestPagesSharingAFileName: pages whose file names differ only in case or
// folder get files of their own, the first in page order keeping the name.
func TestPagesSharingAFileName(t *testing.T) {
	p := buildCallRecords()
	var sources []string
	for _, ty := range p.Types {
		if ty.Namespace == nsCR && len(sources) < 3 {
			ty.Source = []string{"resources/callrecords-Media.md", "resources/callrecords-media.md", "resources/x/callrecords-media.md"}[len(sources)]
			sources = append(sources, ty.Source)
		}
	}
	require.Len(t, sources, 3)
	files, err := Generate(p, Options{ModulePath: "gen/output"})
	require.NoError(t, err)
	bySource := map[string]string{}
	for _, f := range files {
		bySource[f.Source] = f.Path
	}
	assert.Equal(t, "callrecords/media.go", bySource["resources/callrecords-Media.md"])
	assert.Equal(t, "callrecords/media-2.go", bySource["resources/callrecords-media.md"])
	assert.Equal(t, "callrecords/media-3.go", bySource["resources/x/callrecords-media.md"])
}

// TestExampleWithLoneSurrogateSkipped: an example request escaping half a
// surrogate pair is skipped with the reason: the handler answers it 400,
// where the filled-in body the test would send holds U+FFFD instead.
func TestExampleWithLoneSurrogateSkipped(t *testing.T) {
	p := buildCallRecords()
	var ex *ir.Example
	for _, o := range p.Operations {
		for _, e := range o.Examples {
			if ex == nil && e.Request != nil && e.Request.Body != "" {
				ex = e
			}
		}
	}
	require.NotNil(t, ex, "the fixture has an example request with a body")
	ex.Request.Body = `{"id": "a\ud800b"}`
	files, err := Generate(p, Options{ModulePath: "gen/output"})
	require.NoError(t, err)
	found := false
	for _, f := range files {
		found = found || strings.Contains(string(f.Content), `the handler answers 400 to the example request: it escapes half a surrogate pair, \\ud800`)
	}
	assert.True(t, found, "the example is skipped with the reason")
}

// examplesOfEntityGet generates the callRecords fixture with one more
// operation, GetEntity in package pkg (namespace ns), answering a graph
// entity whose example names a callRecords segment, and returns the example
// tests of pkg.
func examplesOfEntityGet(t *testing.T, ns, pkg string) string {
	t.Helper()
	p := buildCallRecords()
	const src = "api/entity-get.md"
	p.Operations = append(p.Operations, &ir.Operation{
		Name: "GetEntity", Title: "Get entity", Namespace: ns, Source: src, Method: "GET",
		Paths: []string{"/entities/{id}"}, PathParameters: []string{"id"},
		ResponseStatus: 200, ResponseType: nsGraph + ".entity", Response: p.Lookup(nsGraph + ".entity"), Package: pkg,
		Pos: diag.Pos{File: src, Line: 10, Col: 1},
		Examples: []*ir.Example{{
			Name:     "get_entity",
			Request:  &ir.ExampleRequest{Method: "GET", Path: "/entities/1"},
			Response: &ir.ExampleResponse{Status: 200, Body: `{"@odata.type": "#microsoft.graph.callRecords.segment", "id": "1"}`},
		}},
	})
	p.Index()
	files, err := Generate(p, Options{ModulePath: "gen/output"})
	require.NoError(t, err)
	for _, f := range files {
		if f.Path == pkg+"/examples_test.go" {
			return string(f.Content)
		}
	}
	t.Fatalf("no %s/examples_test.go", pkg)
	return ""
}

// TestExampleNamingATypeOfAPackageNotImported: an example answer naming a
// type derived in a package the operation's package does not import is
// skipped with the reason: the test binary's registry does not know it.
// The package that matters is the operation's: a callRecords operation
// answering a graph entity may name a callRecords segment.
func TestExampleNamingATypeOfAPackageNotImported(t *testing.T) {
	assert.Contains(t, examplesOfEntityGet(t, nsGraph, "graph"), `of package callrecords, which package graph does not import`)
	own := examplesOfEntityGet(t, nsCR, "callrecords")
	assert.NotContains(t, own, "does not import")
	assert.Contains(t, own, "TestExampleGetEntity")
}

// TestRestatedDescription: a field inherited from a base type takes the
// description the type's own page gives when it repeats the row.
func TestRestatedDescription(t *testing.T) {
	id := &ir.Property{Name: "id", Description: "Key of any entity."}
	seg := &ir.Type{Name: "segment", Restated: []*ir.Property{{Name: "id", Description: "Unique identifier of the segment."}}}
	assert.Equal(t, "Unique identifier of the segment.", restatedDescription(seg, id))
	assert.Equal(t, "Key of any entity.", restatedDescription(&ir.Type{Name: "media"}, id))
	seg.Restated[0].Description = " "
	assert.Equal(t, "Key of any entity.", restatedDescription(seg, id), "a restated row without text")
}

// TestAbstractLeafNamesItself: an abstract type with no derived type is
// one the handler takes, so it still writes its @odata.type; one with
// derived types names none of its own.
func TestAbstractLeafNamesItself(t *testing.T) {
	p := buildCallRecords()
	p.Lookup(nsCR + ".clientUserAgent").Abstract = true // userAgent is abstract, with it derived
	files, err := Generate(p, Options{ModulePath: "gen/output"})
	require.NoError(t, err)
	var all strings.Builder
	for _, f := range files {
		all.Write(f.Content)
	}
	assert.Contains(t, all.String(), "func (t ClientUserAgent) MarshalJSON() ([]byte, error) {")
	assert.NotContains(t, all.String(), "func (t UserAgent) MarshalJSON() ([]byte, error) {")
}

// TestReferenceAnswersSkipped: an example answering references (a $ref
// path's) is no value of the operation's type: compared as one, with
// annotations left out, it would match any answer.
func TestReferenceAnswersSkipped(t *testing.T) {
	for body, want := range map[string]bool{
		`{"@odata.id": "https://graph.microsoft.com/beta/users/1"}`:                      true,
		`{"@odata.context": "c", "value": [{"@odata.id": "u/1"}, {"@odata.id": "u/2"}]}`: true,
		`{"value": [{"@odata.id": "u/1", "id": "1"}]}`:                                   false,
		`{"value": []}`: false,
		`{"@odata.id": "u/1", "displayName": "A"}`:              false,
		`{"value": [{"@odata.type": "#microsoft.graph.user"}]}`: false,
		`[{"@odata.id": "u/1"}]`:                                false,
		`not json`:                                              false,
	} {
		assert.Equal(t, want, holdsOnlyReferences(body), body)
	}
}
