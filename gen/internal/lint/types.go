package lint

import (
	"maps"
	"slices"
	"strings"
	"sync"

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
	pages map[string]*parse.Page
	// info holds what the checks ask of each type of the program, worked
	// out the first time a page asks. The map itself is filled before the
	// pages are checked and only read afterwards.
	info map[*ir.Type]*typeInfo
}

// typeInfo is what a type and its base types offer a body, worked out once.
type typeInfo struct {
	once  sync.Once
	chain []*ir.Type // the type, then its base types, up to a repeat
	open  bool       // a type on the chain is open
	named bool       // the chain documents a property: a row or a property

	propsOnce sync.Once
	props     map[string]*ir.Property // the first property of each name along chain
	// body is props with the rows that restate an inherited property under
	// another type ("id | Int32" where the base's id is a String): a body
	// is held to the nearest page's word. It is props when no type on the
	// chain restates a property so.
	body map[string]*ir.Property
}

type lookupKey struct{ name, ns string }

type lookupResult struct {
	t   *ir.Type
	edm string
}

func newTypeIndex(prog *ir.Program, names *resolve.TypeNames, pages map[string]*parse.Page) *typeIndex {
	if names == nil {
		names = resolve.NewTypeNames(prog.Types)
	}
	x := &typeIndex{names: names, pages: pages, info: make(map[*ir.Type]*typeInfo, len(prog.Types))}
	infos := make([]typeInfo, len(prog.Types))
	for i, t := range prog.Types {
		x.info[t] = &infos[i]
	}
	return x
}

// rowsOf lists the property rows on c's page: every row, including those
// whose type did not resolve. Only non-enum types of the program have rows.
func (x *typeIndex) rowsOf(c *ir.Type) []parse.PropertyRow {
	if c.Kind == ir.Enum || x.info[c] == nil {
		return nil
	}
	if p := x.pages[c.Source]; p != nil {
		return p.Properties
	}
	return nil
}

// of returns t's typeInfo, computing its chain the first time.
func (x *typeIndex) of(t *ir.Type) *typeInfo {
	in := x.info[t]
	if in == nil {
		in = &typeInfo{} // not a type of the program: not cached
	}
	in.once.Do(func() {
		seen := map[*ir.Type]bool{}
		for c := t; c != nil && !seen[c]; c = c.Base {
			seen[c] = true
			in.chain = append(in.chain, c)
			in.open = in.open || c.Open
			in.named = in.named || len(c.Properties) > 0 || len(x.rowsOf(c)) > 0
		}
	})
	return in
}

// propsOf returns t's typeInfo with its props map.
func (x *typeIndex) propsOf(t *ir.Type) *typeInfo {
	in := x.of(t)
	in.propsOnce.Do(func() {
		in.props = map[string]*ir.Property{}
		for _, c := range in.chain {
			for _, p := range c.Properties {
				if _, ok := in.props[p.Name]; !ok {
					in.props[p.Name] = p
				}
			}
		}
		in.body = in.props
		cloned := false
		for i, c := range in.chain {
			for _, p := range c.Restated {
				q := in.props[p.Name]
				if q == nil || strings.EqualFold(q.Type, p.Type) && q.Collection == p.Collection || in.body[p.Name] != q || declares(in.chain[:i], q) {
					continue
				}
				if !cloned {
					in.body, cloned = maps.Clone(in.props), true
				}
				in.body[p.Name] = p
			}
		}
	})
	return in
}

// readOnlyRow is the row nearest to t that documents the inherited or own
// property p as read-only: a derived type's page restating id as read-only
// is the row its reader sees, not entity's. p itself when none restates it.
func (x *typeIndex) readOnlyRow(t *ir.Type, p *ir.Property) *ir.Property {
	for _, c := range x.of(t).chain {
		if slices.Contains(c.Properties, p) {
			return p
		}
		for _, q := range c.Restated {
			if q.Name == p.Name && q.ReadOnly {
				return q
			}
		}
	}
	return p
}

// declares reports whether one of types declares p.
func declares(types []*ir.Type, p *ir.Property) bool {
	for _, c := range types {
		if slices.Contains(c.Properties, p) {
			return true
		}
	}
	return false
}

// lookup reads a type name as bodies and annotations write it (a leading
// '#', Collection(...), a primitive, "None") and finds it as the resolver
// does (resolve.TypeNames). It returns the Edm name for primitives and
// nil, "" when nothing matches. Answers are remembered: pages name the same
// few types over and over.
func (c *checker) lookup(name, ns string) (*ir.Type, string) {
	m := c.memos()
	k := lookupKey{name, ns}
	r, ok := m.lookups[k]
	if !ok {
		r.t, r.edm = c.types.lookupName(name, ns)
		m.lookups[k] = r
	}
	return r.t, r.edm
}

// lookupName is lookup without the memo.
func (x *typeIndex) lookupName(name, ns string) (*ir.Type, string) {
	name, _ = ir.TypeName(name)
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
	in := x.propsOf(t)
	if p := in.props[name]; p != nil {
		return p, true
	}
	for _, c := range in.chain {
		for _, r := range x.rowsOf(c) {
			if r.Name.Text == name {
				return nil, true
			}
		}
	}
	return nil, false
}

// bodyProperty is property for a body's member: a row of t or a base type
// that restates an inherited property under another type is the nearer
// word (see typeInfo.body).
func (x *typeIndex) bodyProperty(t *ir.Type, name string) (p *ir.Property, documented bool) {
	if p := x.propsOf(t).body[name]; p != nil {
		return p, true
	}
	return x.property(t, name)
}

// isOpen reports whether t or a base type is an open type, whose instances
// may carry properties the page does not list.
func (x *typeIndex) isOpen(t *ir.Type) bool { return x.of(t).open }

// hasProperties reports whether t or a base type documents a property, in
// a property table row or as a resolved property: len(propertyNames(t)) > 0.
func (x *typeIndex) hasProperties(t *ir.Type) bool { return x.of(t).named }

// propertyNames lists the names the types (nil ones skipped) and their
// base types document, each once (a property and its table row name it
// alike, and two types their common base's).
func (x *typeIndex) propertyNames(types ...*ir.Type) []string {
	var out []string
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}
	for _, t := range types {
		if t == nil {
			continue
		}
		for _, c := range x.of(t).chain {
			for _, p := range c.Properties {
				add(p.Name)
			}
			for _, r := range x.rowsOf(c) {
				add(r.Name.Text)
			}
		}
	}
	return out
}

// isA reports whether t is base or derives from it.
func (x *typeIndex) isA(t, base *ir.Type) bool {
	for _, c := range x.of(t).chain {
		if c == base {
			return true
		}
	}
	return false
}
