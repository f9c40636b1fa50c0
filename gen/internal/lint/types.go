package lint

import (
	"regexp"
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
	byName map[string]*ir.Type   // lower-cased qualified name
	simple map[string][]*ir.Type // lower-cased simple name
	rows   map[*ir.Type]map[string]bool
	open   map[*ir.Type]bool // resource annotation says "openType": true
	ns     map[string]bool   // lower-cased namespaces that declare types

	// pageType is the (non-enum) type each resource page declares.
	pageType map[*parse.Page]*ir.Type
	// proseBase is the base type a page names in prose ("Inherits from
	// [mailFolder](mailfolder.md)"). Hundreds of real pages say it only
	// there, so bodies are checked against it when the annotation has no
	// baseType, and base-type-mismatch reports the annotation.
	proseBase map[*ir.Type]proseBase
}

// proseBase is a base type named in a page's prose, and the link naming it.
type proseBase struct {
	t    *ir.Type
	link parse.Link
}

func newTypeIndex(prog *ir.Program, set *resolve.Set, pages map[string]*parse.Page) *typeIndex {
	x := &typeIndex{
		byName: map[string]*ir.Type{}, simple: map[string][]*ir.Type{},
		rows: map[*ir.Type]map[string]bool{}, open: map[*ir.Type]bool{}, ns: map[string]bool{},
		pageType: map[*parse.Page]*ir.Type{}, proseBase: map[*ir.Type]proseBase{},
	}
	for _, t := range prog.Types {
		x.byName[strings.ToLower(t.QualifiedName())] = t
		x.ns[strings.ToLower(t.Namespace)] = true
		s := strings.ToLower(t.Name)
		x.simple[s] = append(x.simple[s], t)
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
		if p.Annotation != nil && p.Annotation.Bool("openType") {
			x.open[t] = true
		}
		if x.pageType[p] == nil {
			x.pageType[p] = t
		}
	}
	for p, t := range x.pageType {
		if b, ok := x.inheritsFrom(set, p, t); ok {
			x.proseBase[t] = b
		}
	}
	return x
}

var inheritsRE = regexp.MustCompile(`(?i)\b(inherits|derived|derives)\s+from\s+(the\s+)?(\*\*)?\s*$`)

// inheritsFrom finds "Inherits from [x](x.md)" or "derived from the
// [x](x.md)" in the prose of page p and resolves the link to a type.
func (x *typeIndex) inheritsFrom(set *resolve.Set, p *parse.Page, t *ir.Type) (proseBase, bool) {
	for _, l := range p.Links {
		if p.Src.Bytes == nil || l.Span.Offset > len(p.Src.Bytes) {
			continue
		}
		before := p.Src.Bytes[max(0, l.Span.Offset-40):l.Span.Offset]
		if !inheritsRE.Match(before) {
			continue
		}
		var b *ir.Type
		if target, _, _, _ := set.LinkTarget(p, l.Dest); target != nil && target != p {
			b = x.pageType[target]
		}
		if b == nil {
			b, _ = x.lookup(l.Text, t.Namespace)
		}
		if b != nil && b != t && b.Kind != ir.Enum {
			return proseBase{t: b, link: l}, true
		}
	}
	return proseBase{}, false
}

// base is t's base type: the annotation's, else the prose's.
func (x *typeIndex) base(t *ir.Type) *ir.Type {
	if t.Base != nil {
		return t.Base
	}
	return x.proseBase[t].t
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

// lookup finds a type by qualified or simple name, case-insensitively,
// preferring namespace ns, then microsoft.graph, then a unique match. It
// returns the Edm name for primitives and nil, "" when nothing matches.
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
	if t := x.byName[lower]; t != nil {
		return t, t.QualifiedName()
	}
	if strings.HasPrefix(lower, "graph.") {
		if t := x.byName["microsoft."+lower]; t != nil {
			return t, t.QualifiedName()
		}
	}
	simple := lower
	if i := strings.LastIndexByte(lower, '.'); i >= 0 {
		simple = lower[i+1:]
		// A qualified name in a namespace that has types must match exactly:
		// microsoft.graph.foo is not microsoft.graph.callRecords.foo.
		if x.ns[lower[:i]] {
			return nil, ""
		}
	}
	cands := x.simple[simple]
	for _, want := range []string{strings.ToLower(ns), strings.ToLower(resolve.DefaultNamespace)} {
		for _, t := range cands {
			if strings.ToLower(t.Namespace) == want {
				return t, t.QualifiedName()
			}
		}
	}
	if len(cands) == 1 {
		return cands[0], cands[0].QualifiedName()
	}
	return nil, ""
}

// property finds a property of t or its base types. documented is true
// also when the only evidence is a table row whose type did not resolve.
func (x *typeIndex) property(t *ir.Type, name string) (p *ir.Property, documented bool) {
	seen := map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = x.base(c) {
		seen[c] = true
		for _, p := range c.Properties {
			if p.Name == name {
				return p, true
			}
		}
	}
	seen = map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = x.base(c) {
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
	for c := t; c != nil && !seen[c]; c = x.base(c) {
		seen[c] = true
		if x.open[c] {
			return true
		}
	}
	return false
}

// propertyNames lists the names t and its base types document.
func (x *typeIndex) propertyNames(t *ir.Type) []string {
	var out []string
	seen := map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = x.base(c) {
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
	for c := t; c != nil && !seen[c]; c = x.base(c) {
		if c == base {
			return true
		}
		seen[c] = true
	}
	return false
}

// baseType reports a resource page whose prose names a base type ("Inherits
// from [x](x.md)") that its resource annotation, the form tools read, does
// not: no baseType, an empty one, or another type. A baseType that names no
// type at all is the resolver's unknown-type.
func (c *checker) baseType() {
	t := c.types.pageType[c.page]
	a := c.page.Annotation
	if t == nil || a == nil {
		return
	}
	pb, ok := c.types.proseBase[t]
	if !ok {
		return
	}
	v := a.Key("baseType")
	switch {
	case v == nil:
		c.report(c.span(a.Offset, a.Offset+1), "base-type-mismatch",
			"resource annotation has no baseType, but the page says %s inherits from %s (%s): add \"baseType\": %q", t.Name, pb.t.Name, pb.link.Span.Pos, pb.t.QualifiedName())
	case v.Kind == parse.NullValue || v.Kind == parse.StringValue && strings.TrimSpace(v.Str) == "":
		c.report(c.span(a.Offset+v.Off, a.Offset+v.End), "base-type-mismatch",
			"baseType is empty, but the page says %s inherits from %s (%s): write %q", t.Name, pb.t.Name, pb.link.Span.Pos, pb.t.QualifiedName())
	case v.Kind == parse.StringValue:
		if b, _ := c.types.lookup(v.Str, t.Namespace); b != nil && b != pb.t {
			c.report(c.span(a.Offset+v.Off, a.Offset+v.End), "base-type-mismatch",
				"baseType is %s, but the page says %s inherits from %s (%s)", b.QualifiedName(), t.Name, pb.t.QualifiedName(), pb.link.Span.Pos)
		}
	}
}
