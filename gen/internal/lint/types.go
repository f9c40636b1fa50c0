package lint

import (
	"strings"

	"gen/gen/internal/ir"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
)

// typeIndex finds IR types by the names bodies and annotations use for them
// ("#microsoft.graph.callRecords.segment", "microsoft.graph.user",
// "Collection(microsoft.graph.event)") and knows every property name a
// resource page documents, including rows whose type did not resolve (those
// are reported once, as unknown-type, not again as unknown properties).
type typeIndex struct {
	names *resolve.TypeNames // the resolver's reading of type names
	rows  map[*ir.Type]map[string]bool
}

func newTypeIndex(prog *ir.Program, pages map[string]*parse.Page) *typeIndex {
	x := &typeIndex{names: resolve.NewTypeNames(prog.Types), rows: map[*ir.Type]map[string]bool{}}
	for _, t := range prog.Types {
		if t.Kind == ir.Enum {
			continue
		}
		p := pages[t.Source]
		if p == nil {
			continue
		}
		names := map[string]bool{}
		for _, r := range p.Properties {
			names[r.Name.Text] = true
		}
		x.rows[t] = names
	}
	return x
}

// typeName splits an @odata.type style name into the bare name and whether
// it names a collection: "#Collection(microsoft.graph.event)" ->
// "microsoft.graph.event", true.
func typeName(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	if len(s) > len("collection()") && strings.EqualFold(s[:len("collection(")], "collection(") && strings.HasSuffix(s, ")") {
		return strings.TrimSpace(s[len("collection(") : len(s)-1]), true
	}
	return s, false
}

// lookup reads a type name as bodies and annotations write it (a leading
// '#', Collection(...), a primitive, "None") and finds it as the resolver
// does (resolve.TypeNames). It returns the Edm name for primitives and
// nil, "" when nothing matches.
func (x *typeIndex) lookup(name, ns string) (*ir.Type, string) {
	name, _ = typeName(name)
	if name == "" {
		return nil, ""
	}
	if e := ir.Primitive(name); e != "" {
		return nil, e
	}
	lower := strings.ToLower(name)
	// "microsoft.graph.None" marks a response without a body.
	if lower == "none" || strings.HasSuffix(lower, ".none") {
		return nil, "None"
	}
	if t := x.names.Lookup(name, ns); t != nil {
		return t, t.QualifiedName()
	}
	return nil, ""
}

// property finds a property of t or its base types. documented is true
// also when the only evidence is a table row whose type did not resolve.
func (x *typeIndex) property(t *ir.Type, name string) (p *ir.Property, documented bool) {
	seen := map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		for _, p := range c.Properties {
			if p.Name == name {
				return p, true
			}
		}
	}
	seen = map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		if x.rows[c][name] {
			return nil, true
		}
	}
	return nil, false
}

// isOpen reports whether t or a base type is an open type, whose instances
// may carry properties the page does not list.
func (x *typeIndex) isOpen(t *ir.Type) bool {
	seen := map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		if c.Open {
			return true
		}
	}
	return false
}

// propertyNames lists the names t and its base types document.
func (x *typeIndex) propertyNames(t *ir.Type) []string {
	var out []string
	seen := map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		for _, p := range c.Properties {
			out = append(out, p.Name)
		}
		for n := range x.rows[c] {
			out = append(out, n)
		}
	}
	return out
}

// isA reports whether t is base or derives from it.
func (x *typeIndex) isA(t, base *ir.Type) bool {
	seen := map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		if c == base {
			return true
		}
		seen[c] = true
	}
	return false
}
