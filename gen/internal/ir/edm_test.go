package ir

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPrimitive(t *testing.T) {
	for in, want := range map[string]string{
		"String": "Edm.String", "`Edm.Int32`": "", "Edm.Int32": "Edm.Int32", "GUID": "Edm.Guid",
		"string, maximum size 20": "Edm.String", "String (url)": "Edm.String", "numeric": "Edm.Decimal",
		"alertStatus enum": "", "microsoft.graph.user": "",
		"Moment the item was created.  DateTimeOffset": "Edm.DateTimeOffset", "The item. See user.": "",
		"Moment the item was created. Read-only": "",
		"Edm.GeographyPoint":                     "Edm.GeographyPoint", "geography": "Edm.Geography", "Edm.Geometry": "Edm.Geometry",
	} {
		assert.Equal(t, want, Primitive(in), in)
	}
}

func TestPlaceholder(t *testing.T) {
	cases := []struct {
		in, edm, note string
		ok            bool
	}{
		{"Int32", "Edm.Int32", "", true},
		{"String (timestamp)", "Edm.String", "timestamp", true},
		{"string", "Edm.String", "", true},
		{"Edm.Guid", "Edm.Guid", "", true},
		{"Contoso (Europe)", "", "", false},
		{"String (", "", "", false},
		{"42", "", "", false},
		{"Integer", "Edm.Int32", "", true},
	}
	for _, c := range cases {
		edm, note, ok := Placeholder(c.in)
		assert.Equal(t, c.ok, ok, c.in)
		assert.Equal(t, c.edm, edm, c.in)
		assert.Equal(t, c.note, note, c.in)
	}
}

// TestPrimitivesAsWritten checks that every spelling Primitive answers from
// its shortcut (built from the lowering path itself) names a primitive: a
// misspelt entry would shadow nothing, but would be dead weight.
func TestPrimitivesAsWritten(t *testing.T) {
	known := map[string]bool{}
	for _, e := range primitives {
		known[e] = true
	}
	for w, e := range primitivesAsWritten {
		assert.True(t, known[e], "%q answers %q, which is no primitive", w, e)
		assert.Equal(t, e, Primitive(w), w)
	}
	for w, e := range map[string]string{
		"GUID": "Edm.Guid", "Edm.GUID": "Edm.Guid", "bool": "Edm.Boolean", "int": "Edm.Int32",
		"Integer": "Edm.Int32", "datetimeoffset": "Edm.DateTimeOffset", "Single": "Edm.Single",
		"Edm.Stream": "Edm.Stream", "SByte": "Edm.SByte",
	} {
		assert.Equal(t, e, primitivesAsWritten[w], w)
	}
}

func TestTypeName(t *testing.T) {
	for in, want := range map[string]struct {
		name string
		coll bool
	}{
		"#microsoft.graph.user":              {"microsoft.graph.user", false},
		"Collection(microsoft.graph.user)":   {"microsoft.graph.user", true},
		" #collection( microsoft.graph.x ) ": {"microsoft.graph.x", true},
		"Collection()":                       {"Collection()", false},
		"microsoft.graph.collection":         {"microsoft.graph.collection", false},
	} {
		name, coll := TypeName(in)
		assert.Equal(t, want.name, name, in)
		assert.Equal(t, want.coll, coll, in)
	}
}
