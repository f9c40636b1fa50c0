package csdl

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
)

// Rule is the lint rule id of the findings made from differences.
const Rule = "metadata-drift"

// Kind names one kind of disagreement between docs and schema.
type Kind string

// Kinds of difference. "Docs" is the IR built from the pages.
const (
	TypeNotInSchema     Kind = "type-not-in-schema"     // a documented type the schema lacks
	TypeNotInDocs       Kind = "type-not-in-docs"       // a schema type no page declares
	TypeNamespace       Kind = "type-namespace"         // documented in another namespace than the schema's
	TypeNameCase        Kind = "type-name-case"         // same type, name spelled with other case
	TypeKind            Kind = "type-kind"              // entity, complex or enum on one side, another on the other
	BaseType            Kind = "base-type"              // base types differ
	Abstract            Kind = "abstract"               // abstract on one side only
	PropertyNotInSchema Kind = "property-not-in-schema" // a documented property neither declared nor inherited in the schema
	PropertyNotInDocs   Kind = "property-not-in-docs"   // a declared schema property the page does not list
	PropertyNameCase    Kind = "property-name-case"     // same property, name spelled with other case
	PropertyType        Kind = "property-type"          // the element types differ
	PropertyCollection  Kind = "property-collection"    // same element type, collection on one side only
	PropertyNavigation  Kind = "property-navigation"    // a navigation property listed as structural, or the reverse
	MemberNotInSchema   Kind = "member-not-in-schema"   // a documented enum member the schema lacks
	MemberNotInDocs     Kind = "member-not-in-docs"     // a schema enum member the page does not list
	MemberNameCase      Kind = "member-name-case"       // same enum member, name spelled with other case
	MemberValue         Kind = "member-value"           // same enum member, another value
)

// Kinds is every Kind, in the order above.
var Kinds = []Kind{
	TypeNotInSchema, TypeNotInDocs, TypeNamespace, TypeNameCase, TypeKind, BaseType, Abstract,
	PropertyNotInSchema, PropertyNotInDocs, PropertyNameCase, PropertyType, PropertyCollection, PropertyNavigation,
	MemberNotInSchema, MemberNotInDocs, MemberNameCase, MemberValue,
}

// Difference is one disagreement between the docs and the schema.
type Difference struct {
	Kind Kind
	// Type is the qualified type name (the schema's spelling when both sides
	// have the type); Name the property or member, "" for type differences.
	Type string
	Name string
	// Docs and Schema are the two sides' values ("" when a side lacks the
	// thing): a type as Collection(microsoft.graph.x) or Edm.String, a base
	// type, a kind, a name.
	Docs   string
	Schema string
	// Pos is where the docs say it: the property's row, the enum member's
	// row, or the type's title for a type-level difference or something the
	// page lacks. Zero when the docs have no such type.
	Pos diag.Pos
	// SchemaPos is the line of the schema element; zero when the schema
	// lacks the thing.
	SchemaPos diag.Pos
}

// Subject is "type" or "type.name".
func (d Difference) Subject() string {
	if d.Name == "" {
		return d.Type
	}
	return d.Type + "." + d.Name
}

// Message is the human sentence for a difference, without position.
func (d Difference) Message() string {
	switch d.Kind {
	case TypeNotInSchema:
		return fmt.Sprintf("type %s is not in the schema", d.Type)
	case TypeNotInDocs:
		return fmt.Sprintf("schema type %s has no resource page", d.Type)
	case TypeNamespace:
		return fmt.Sprintf("type %s is documented in namespace %s; the schema declares it as %s", d.Name, d.Docs, d.Schema)
	case TypeNameCase:
		return fmt.Sprintf("type name %s is spelled %s in the schema", d.Docs, d.Schema)
	case PropertyNotInSchema:
		return fmt.Sprintf("property %s of %s is neither declared nor inherited in the schema", d.Name, d.Type)
	case PropertyNotInDocs:
		return fmt.Sprintf("schema property %s of %s (%s) is not documented", d.Name, d.Type, d.Schema)
	case PropertyNameCase:
		return fmt.Sprintf("property %s of %s is spelled %s in the schema", d.Docs, d.Type, d.Schema)
	case MemberNotInSchema:
		return fmt.Sprintf("enum member %s of %s is not in the schema", d.Name, d.Type)
	case MemberNotInDocs:
		return fmt.Sprintf("schema enum member %s of %s is not documented", d.Name, d.Type)
	case MemberNameCase:
		return fmt.Sprintf("enum member %s of %s is spelled %s in the schema", d.Docs, d.Type, d.Schema)
	case MemberValue:
		return fmt.Sprintf("value of enum member %s of %s: docs say %s, schema says %s", d.Name, d.Type, d.Docs, d.Schema)
	}
	what := map[Kind]string{
		TypeKind: "kind", BaseType: "base type", Abstract: "abstract",
		PropertyType: "type", PropertyCollection: "collection-ness", PropertyNavigation: "navigation",
	}[d.Kind]
	return fmt.Sprintf("%s of %s: docs say %s, schema says %s", what, d.Subject(), orNone(d.Docs), orNone(d.Schema))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// TypeString writes a property type as OData does: Collection(x) or x.
func TypeString(typ string, collection bool) string {
	if collection {
		return "Collection(" + typ + ")"
	}
	return typ
}

// Diff compares the IR with the schema. Types are matched by qualified name,
// case-insensitively; properties by exact name (a property the schema spells
// with other case is a PropertyNameCase difference, not a missing one).
// Properties count as present on a side when declared on the type or
// inherited from its base types there, so a page that repeats an inherited
// property, or that declares on a type what the schema declares on its base,
// is not a difference. The result is sorted: docs positions first (by file,
// line, column), then the rest by schema position.
func Diff(prog *ir.Program, s *Schema) []Difference {
	var out []Difference
	m := match(prog, s)
	for _, t := range prog.Types {
		st := m.schema[t]
		if st == nil {
			out = append(out, m.unmatched(t))
			continue
		}
		out = append(out, diffType(t, st)...)
	}
	for _, st := range s.Types {
		if m.docs[st] == nil && !m.namespaced[st] {
			out = append(out, Difference{Kind: TypeNotInDocs, Type: st.QualifiedName(), Schema: string(st.Kind), SchemaPos: st.Pos})
		}
	}
	Sort(out)
	return out
}

// Sort orders differences deterministically: those with a docs position by
// position, then the others by schema position, then by kind and subject.
func Sort(ds []Difference) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Pos.IsValid() != b.Pos.IsValid() {
			return a.Pos.IsValid()
		}
		if c := comparePos(a.Pos, b.Pos); c != 0 {
			return c < 0
		}
		if c := comparePos(a.SchemaPos, b.SchemaPos); c != 0 {
			return c < 0
		}
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		return a.Subject() < b.Subject()
	})
}

func comparePos(a, b diag.Pos) int {
	switch {
	case a.File != b.File:
		return strings.Compare(a.File, b.File)
	case a.Line != b.Line:
		return a.Line - b.Line
	}
	return a.Col - b.Col
}

// matching pairs IR types with schema types by qualified name.
type matching struct {
	schema     map[*ir.Type]*Type
	docs       map[*Type]*ir.Type
	namespaced map[*Type]bool        // schema types reported as TypeNamespace
	simple     map[string][]*Type    // lower-cased simple name -> schema types
	exact      map[*ir.Type]struct{} // matched with the same spelling
}

func match(prog *ir.Program, s *Schema) *matching {
	m := &matching{
		schema: map[*ir.Type]*Type{}, docs: map[*Type]*ir.Type{}, namespaced: map[*Type]bool{},
		simple: map[string][]*Type{}, exact: map[*ir.Type]struct{}{},
	}
	for _, st := range s.Types {
		k := strings.ToLower(st.Name)
		m.simple[k] = append(m.simple[k], st)
	}
	for _, t := range prog.Types {
		st := s.Lookup(t.QualifiedName())
		if st == nil || m.docs[st] != nil {
			continue
		}
		m.schema[t], m.docs[st] = st, t
		if st.QualifiedName() == t.QualifiedName() {
			m.exact[t] = struct{}{}
		}
	}
	for _, t := range prog.Types {
		if m.schema[t] == nil {
			if st := m.elsewhere(t); st != nil {
				m.namespaced[st] = true
			}
		}
	}
	return m
}

// elsewhere is the one unmatched schema type of t's simple name in another
// namespace, if there is exactly one.
func (m *matching) elsewhere(t *ir.Type) *Type {
	var found *Type
	for _, st := range m.simple[strings.ToLower(t.Name)] {
		if m.docs[st] != nil {
			continue
		}
		if found != nil {
			return nil
		}
		found = st
	}
	return found
}

func (m *matching) unmatched(t *ir.Type) Difference {
	if st := m.elsewhere(t); st != nil {
		return Difference{Kind: TypeNamespace, Type: t.QualifiedName(), Name: t.Name, Docs: t.Namespace, Schema: st.QualifiedName(), Pos: t.Pos, SchemaPos: st.Pos}
	}
	return Difference{Kind: TypeNotInSchema, Type: t.QualifiedName(), Docs: string(t.Kind), Pos: t.Pos}
}

func diffType(t *ir.Type, st *Type) []Difference {
	var out []Difference
	q := st.QualifiedName()
	add := func(k Kind, docs, schema string) {
		out = append(out, Difference{Kind: k, Type: q, Docs: docs, Schema: schema, Pos: t.Pos, SchemaPos: st.Pos})
	}
	if t.QualifiedName() != q {
		add(TypeNameCase, t.QualifiedName(), q)
	}
	if t.Kind != st.Kind {
		add(TypeKind, string(t.Kind), string(st.Kind))
	}
	if st.Kind == ir.Enum || t.Kind == ir.Enum {
		if t.Kind == st.Kind {
			out = append(out, diffMembers(t, st)...)
		}
		return out
	}
	if !strings.EqualFold(t.BaseType, st.BaseType) {
		add(BaseType, t.BaseType, st.BaseType)
	}
	if t.Abstract != st.Abstract {
		add(Abstract, fmt.Sprint(t.Abstract), fmt.Sprint(st.Abstract))
	}
	// Restated rows repeat an inherited property; the page still says them,
	// so a name or type the schema does not have is drift all the same.
	for _, p := range append(t.Properties[:len(t.Properties):len(t.Properties)], t.Restated...) {
		sp := st.Property(p.Name)
		if sp == nil {
			if sp = st.propertyFold(p.Name); sp != nil {
				out = append(out, Difference{Kind: PropertyNameCase, Type: q, Name: p.Name, Docs: p.Name, Schema: sp.Name, Pos: p.Pos, SchemaPos: sp.Pos})
			} else {
				out = append(out, Difference{Kind: PropertyNotInSchema, Type: q, Name: p.Name, Docs: TypeString(p.Type, p.Collection), Pos: p.Pos})
			}
			continue
		}
		if d, ok := diffProperty(q, p, sp); ok {
			out = append(out, d)
		}
	}
	for _, sp := range st.Properties {
		if t.PropertyFold(sp.Name) == nil {
			out = append(out, Difference{Kind: PropertyNotInDocs, Type: q, Name: sp.Name, Schema: TypeString(sp.Type, sp.Collection), Pos: t.Pos, SchemaPos: sp.Pos})
		}
	}
	return out
}

// diffProperty compares one property both sides have: element type first,
// then collection-ness, then navigation.
func diffProperty(q string, p *ir.Property, sp *Property) (Difference, bool) {
	d := Difference{Type: q, Name: p.Name, Pos: p.Pos, SchemaPos: sp.Pos,
		Docs: TypeString(p.Type, p.Collection), Schema: TypeString(sp.Type, sp.Collection)}
	switch {
	case !strings.EqualFold(p.Type, sp.Type):
		d.Kind = PropertyType
	case p.Collection != sp.Collection:
		d.Kind = PropertyCollection
	case p.Navigation != sp.Navigation:
		d.Kind = PropertyNavigation
		d.Docs, d.Schema = navWord(p.Navigation), navWord(sp.Navigation)
	default:
		return d, false
	}
	return d, true
}

func navWord(nav bool) string {
	if nav {
		return "navigation property"
	}
	return "structural property"
}

// differentValues reports whether an enum member's documented value and
// the schema's differ: both given, and other numbers ("5" and "0x5" are
// one), or other text when either is no number.
func differentValues(docs, schema string) bool {
	if docs == "" || schema == "" {
		return false
	}
	a, errA := strconv.ParseInt(docs, 0, 64)
	b, errB := strconv.ParseInt(schema, 0, 64)
	if errA == nil && errB == nil {
		return a != b
	}
	return docs != schema
}

func diffMembers(t *ir.Type, st *Type) []Difference {
	var out []Difference
	q := st.QualifiedName()
	exact, fold := map[string]Member{}, map[string]Member{}
	for _, m := range st.Members {
		exact[m.Name] = m
		fold[strings.ToLower(m.Name)] = m
	}
	documented := map[string]bool{} // lower-cased
	for _, m := range t.Members {
		documented[strings.ToLower(m.Name)] = true
		if sm, ok := exact[m.Name]; ok {
			if differentValues(m.Value, sm.Value) {
				out = append(out, Difference{Kind: MemberValue, Type: q, Name: m.Name, Docs: m.Value, Schema: sm.Value, Pos: m.Pos, SchemaPos: sm.Pos})
			}
			continue
		}
		if sm, ok := fold[strings.ToLower(m.Name)]; ok {
			out = append(out, Difference{Kind: MemberNameCase, Type: q, Name: m.Name, Docs: m.Name, Schema: sm.Name, Pos: m.Pos, SchemaPos: sm.Pos})
			continue
		}
		out = append(out, Difference{Kind: MemberNotInSchema, Type: q, Name: m.Name, Docs: m.Name, Pos: m.Pos, SchemaPos: st.Pos})
	}
	for _, m := range st.Members {
		if !documented[strings.ToLower(m.Name)] {
			out = append(out, Difference{Kind: MemberNotInDocs, Type: q, Name: m.Name, Schema: m.Name, Pos: t.Pos, SchemaPos: m.Pos})
		}
	}
	return out
}

// propertyFold finds a declared or inherited property whose name matches
// case-insensitively.
func (t *Type) propertyFold(name string) *Property {
	seen := map[*Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		for _, p := range c.Properties {
			if strings.EqualFold(p.Name, name) {
				return p
			}
		}
	}
	return nil
}

// Findings turns the differences that have a docs position into metadata-drift
// warnings on that position, sorted.
func Findings(diffs []Difference) diag.List {
	var out diag.List
	for _, d := range diffs {
		if !d.Pos.IsValid() {
			continue
		}
		out.Add(diag.Span{Pos: d.Pos, End: d.Pos}, diag.Warning, Rule, "%s: %s", d.Kind, d.Message())
	}
	out.Sort()
	return out
}
