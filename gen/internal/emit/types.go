package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
)

// edmType is the Go form of an Edm primitive.
type edmType struct {
	name    string // Go type name, or the name in qual
	qual    string // import path when the type is not predeclared
	pointer bool   // a single value is a pointer, so absence is told from zero
	sample  any    // the sample value FillPlaceholders puts in examples
}

// edmTypes maps Edm primitives to Go. Strings stay strings (the empty string
// means absent); other scalars are pointers when single, but for decimals,
// which are json.Number (its digits as written, "" when absent), so that
// money never rounds through a float64.
var edmTypes = map[string]edmType{
	"Edm.String":    {name: "string", sample: "string"},
	"Edm.Guid":      {name: "string", sample: "00000000-0000-0000-0000-000000000001"},
	"Edm.Duration":  {name: "string", sample: "PT1S"},
	"Edm.Date":      {name: "string", sample: "2020-01-01"},
	"Edm.TimeOfDay": {name: "string", sample: "00:00:00"},
	"Edm.Binary":    {name: "string", sample: "AA=="},
	"Edm.Stream":    {name: "string", sample: "string"},
	"Edm.Boolean":   {name: "bool", pointer: true, sample: true},
	"Edm.Byte":      {name: "uint8", pointer: true, sample: 1},
	"Edm.SByte":     {name: "int8", pointer: true, sample: 1},
	"Edm.Int16":     {name: "int16", pointer: true, sample: 1},
	"Edm.Int32":     {name: "int32", pointer: true, sample: 1},
	"Edm.Int64":     {name: "int64", pointer: true, sample: 1},
	"Edm.Single":    {name: "float32", pointer: true, sample: 1.5},
	"Edm.Double":    {name: "float64", pointer: true, sample: 1.5},
	// A decimal keeps its digits as written: money must not round through
	// a float64.
	"Edm.Decimal":        {name: "Number", qual: pkgJSON, sample: 1.5},
	"Edm.DateTimeOffset": {name: "Time", qual: pkgTime, pointer: true, sample: "2020-01-01T00:00:00Z"},
}

// untypedEdm is the Go type of Edm types gen does not map (Edm.Untyped,
// geography): the JSON kept as is.
var untypedEdm = edmType{name: "RawMessage", qual: pkgJSON}

func isEdm(name string) bool { return strings.HasPrefix(name, "Edm.") }

func edmOf(name string) edmType {
	if e, ok := edmTypes[name]; ok {
		return e
	}
	return untypedEdm
}

func (e edmType) code() *jen.Statement {
	if e.qual != "" {
		return jen.Qual(e.qual, e.name)
	}
	return jen.Id(e.name)
}

// typeRef is a reference to a type from a property, a request or a response.
type typeRef struct {
	name       string   // qualified OData name
	t          *ir.Type // resolved type; nil for Edm types
	collection bool
	what       string // for errors: "property callee of microsoft.graph.callRecords.segment"
	pos        diag.Pos
	// raw marks a body the docs give no type but their examples show as
	// JSON: the method takes or returns it as json.RawMessage, as sent or
	// answered whole (no {"value": ...} wrapper).
	raw bool
	// reference marks the body of a $ref request, an odata.Reference.
	reference bool
	// table marks an operation's own <Operation>Request struct, made from
	// its request-body table: no type of the service.
	table bool
}

// propRef is the type of property p of owner as the generated code holds
// it: a property of a shapeless type (see shapeless) is kept as raw JSON.
func propRef(owner *ir.Type, p *ir.Property) typeRef {
	r := typeRef{name: p.Type, t: p.Ref, collection: p.Collection, what: fmt.Sprintf("property %s of %s", p.Name, owner.QualifiedName()), pos: p.Pos}
	if p.Ref.Shapeless() {
		r.name, r.t = "Edm.Untyped", nil
	}
	return r
}

func (r typeRef) resolve() error {
	if !isEdm(r.name) && r.t == nil {
		return fmt.Errorf("emit: %s: %s has type %s, which is not resolved", r.pos, r.what, r.name)
	}
	return nil
}

// isStruct reports whether r refers to an entity or complex type.
func (r typeRef) isStruct() bool { return r.t != nil && r.t.Kind != ir.Enum }

// isPoly reports whether values of r are held in an AnyT interface.
func (r typeRef) isPoly() bool { return r.isStruct() && r.t.IsPolymorphic() }

func (g *generator) pkgPath(t *ir.Type) string { return g.opts.ModulePath + "/" + t.Package }

// named is the Go type that holds one value of r, without pointer: string,
// time.Time, FailureStage, Segment or AnyEndpoint.
func (g *generator) named(r typeRef) *jen.Statement {
	switch {
	case r.t == nil:
		return edmOf(r.name).code()
	case r.isPoly():
		return jen.Qual(g.pkgPath(r.t), anyName(r.t))
	default:
		return jen.Qual(g.pkgPath(r.t), r.t.GoName)
	}
}

// sliceOf is the Go type of a collection of r. A collection of Edm.Byte is
// []int: encoding/json writes any slice of uint8 as a base64 string, and
// OData's JSON form of the collection is an array of numbers.
func (g *generator) sliceOf(r typeRef) *jen.Statement {
	if r.t == nil && r.name == "Edm.Byte" {
		return jen.Index().Int()
	}
	return jen.Index().Add(g.named(r))
}

// fieldType is the Go type of a struct field: collections are slices of the
// named type; single values are pointers when absence must be told from zero
// (non-string scalars, structs), enums and strings use the empty value.
func (g *generator) fieldType(r typeRef) (*jen.Statement, error) {
	if err := r.resolve(); err != nil {
		return nil, err
	}
	if r.collection {
		return g.sliceOf(r), nil
	}
	switch {
	case r.t == nil && edmOf(r.name).pointer, r.isStruct() && !r.isPoly():
		return jen.Op("*").Add(g.named(r)), nil
	}
	return g.named(r), nil
}

// resultType is the Go type a Service method returns for a response: a
// pointer to a struct, an AnyT, a slice, or the named type of a primitive
// or enum.
func (g *generator) resultType(r typeRef) (*jen.Statement, error) {
	if r.reference {
		return jen.Op("*").Qual(g.runtimePath(), "Reference"), nil
	}
	if err := r.resolve(); err != nil {
		return nil, err
	}
	if r.collection {
		return g.sliceOf(r), nil
	}
	if r.isStruct() && !r.isPoly() {
		return jen.Op("*").Add(g.named(r)), nil
	}
	return g.named(r), nil
}

func anyName(t *ir.Type) string    { return "Any" + t.GoName }
func decodeName(t *ir.Type) string { return "DecodeAny" + t.GoName }
func asName(t *ir.Type) string     { return "As" + t.GoName }

// ancestors returns the base types of t, nearest first.
func ancestors(t *ir.Type) ([]*ir.Type, error) {
	var out []*ir.Type
	seen := map[*ir.Type]bool{t: true}
	for b := t.Base; b != nil; b = b.Base {
		if seen[b] {
			return nil, fmt.Errorf("emit: %s derives from itself", t.QualifiedName())
		}
		seen[b] = true
		out = append(out, b)
	}
	return out, nil
}

// isOpen reports whether t is an open type: declared open, or derived from
// an open type.
func (g *generator) isOpen(t *ir.Type) bool {
	if t.Open {
		return true
	}
	anc, _ := ancestors(t)
	for _, a := range anc {
		if a.Open {
			return true
		}
	}
	return false
}

// inHierarchy reports whether t has a base type or derived types, so its
// values carry their @odata.type when encoded.
func inHierarchy(t *ir.Type) bool { return t.Base != nil || len(t.Derived) > 0 }
