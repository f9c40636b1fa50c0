package emit

import (
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
}

func TestMuxPath(t *testing.T) {
	p, shape, err := muxPath("/sites/{site-id}/lists/{list_id}/items/")
	require.NoError(t, err)
	assert.Equal(t, "/sites/{siteID}/lists/{list_id}/items", p)
	assert.Equal(t, "/sites/{}/lists/{}/items", shape)

	_, _, err = muxPath("/reports/getCounts(period='{period}')")
	assert.ErrorContains(t, err, "not a whole path segment")
	_, _, err = muxPath("users")
	assert.ErrorContains(t, err, "does not start with /")
}

func TestExamplePath(t *testing.T) {
	p := buildShapes()
	var get *ir.Operation
	for _, o := range p.Operations {
		if o.Name == "GetItem" {
			get = o
		}
	}
	g, err := newGenerator(p, Options{ModulePath: "m"})
	require.NoError(t, err)
	s, err := g.sig(get)
	require.NoError(t, err)

	send, vals, ok := examplePath(&ir.ExampleRequest{Path: "/drives/{drive-id}/items/{item-id}?$select=name"}, s)
	assert.True(t, ok)
	assert.Equal(t, "/drives/driveID-1/items/itemID-1?$select=name", send)
	assert.Equal(t, []string{"driveID-1", "itemID-1"}, vals)

	send, vals, ok = examplePath(&ir.ExampleRequest{Path: "/drives/b%21x/items/a b"}, s)
	assert.True(t, ok)
	assert.Equal(t, "/drives/b%21x/items/a b", send)
	assert.Equal(t, []string{"b!x", "a b"}, vals)

	_, _, ok = examplePath(&ir.ExampleRequest{Path: "/me/drive"}, s)
	assert.False(t, ok)
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
		{"same route twice", func() *ir.Program {
			p := buildShapes()
			p.Operations[1].Paths = p.Operations[0].Paths
			p.Operations[1].Method = p.Operations[0].Method
			return p
		}, "both serve"},
		{"unroutable path", func() *ir.Program {
			p := buildShapes()
			p.Operations[0].Paths = []string{"/reports/getCounts(period='{period}')"}
			return p
		}, "api/driveitem-list.md:1:1: operation ListItems: path \"/reports/getCounts(period='{period}')\": parameter"},
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
		{"method name taken by a property", func() *ir.Program {
			p := buildCallRecords()
			ep := p.Lookup(nsCR + ".participantEndpoint")
			ep.Properties = append(ep.Properties, &ir.Property{Name: "asEndpoint", Type: "Edm.String", GoName: "AsEndpoint"})
			return p
		}, "property asEndpoint and the method AsEndpoint of microsoft.graph.callRecords.participantEndpoint are both named AsEndpoint"},
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

// TestRenderError checks that a file that does not format is an error
// showing the generated source with line numbers.
func TestRenderError(t *testing.T) {
	f := jen.NewFile("x")
	f.NoFormat = true
	f.Func().Id("broken").Params().Block(jen.Op("}{"))
	_, err := render(f, "x/broken.go", "api")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "generated x/broken.go does not format")
	assert.Contains(t, err.Error(), "    4  func broken () {")
	assert.True(t, strings.Count(err.Error(), "\n") >= 4)
}
