package resolve

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/keptnames"
	"gen/gen/internal/naming"
	"gen/gen/internal/parse"
	"gen/gen/internal/workers"
)

// DefaultNamespace is the namespace of pages that do not name one.
const DefaultNamespace = "microsoft.graph"

type resolver struct {
	set   *Set
	prog  *ir.Program
	diags diag.List
	kept  keptnames.Record // operation names an earlier run gave, by package
	// keptTypes are the type and enum member names of kept, by Source (a
	// type's qualified name is its own wherever its package is).
	keptTypes map[string]keptnames.Entry
	// keptRequests are the request struct names kept records of pages
	// among the input, by package: no new type takes them.
	keptRequests map[string]map[string]string
	types        *TypeNames
	byPage       map[*parse.Page][]*ir.Type
	enumAt       map[*parse.Page]map[string]*ir.Type // anchor -> enum type
	bases        map[*ir.Type]diag.Range
	// proseBase is the "Inherits from [x](x.md)" link of a page whose
	// annotation names no base type.
	proseBase map[*ir.Type]proseRef
	// enumsByMembers indexes enums by their member set, enumsByName by
	// their lower-case name (enumByValues).
	enumsByMembers map[string][]*ir.Type
	enumsByName    map[string]bool
	// own is the type each resource page declares as its own (by its title
	// or annotation), after merging.
	own map[*parse.Page]*ir.Type
	// sections are the types each page declares under H2s of their own,
	// aligned with its SectionTypes (see declareSectionTypes).
	sections map[*parse.Page][]*ir.Type
	// alternatives are properties documented as one of several types, typed
	// once base types are known (see typeAlternatives).
	alternatives []alternative
	// facts are what each resource page says of its own type, read ahead
	// in parallel (see readFacts).
	facts map[*parse.Page]*pageFacts
	// disputed are the types whose annotation and prose name different
	// base types (see nearerBases).
	disputed []disputedBase
	// sampled are the properties taken from a JSON representation, typed
	// by their sample value only (see jsonProperties), and sampledPages
	// the types they were taken for, reported once bases are known.
	sampled      map[*ir.Property]bool
	sampledPages []sampledPage
	// nameDiags are typeNames' findings by package, kept apart while it
	// runs beside the operations, redone for packages merged by
	// mergeCyclicPackages, and added to diags once the names are settled.
	nameDiags map[string]diag.List
}

// pageFacts is what a resource page says of the type it declares, worked out
// from the page alone.
type pageFacts struct {
	ns, name string   // see pageTypeName
	pos      diag.Pos // where the name is written
	nsAt     diag.Range
	// skip marks a page whose namespace makes no Go package (see
	// usableNamespace): its types are left out.
	skip     bool
	inherits *parse.Link
	open     bool // the prose calls the type open (saysOpen)
	abstract bool // the prose calls the type abstract (saysAbstract)
}

// readFacts works out every resource page's facts in parallel: declaring
// the types runs in page order on one core and needs only these.
func readFacts(pages []*parse.Page) map[*parse.Page]*pageFacts {
	var resources []*parse.Page
	for _, p := range pages {
		if p.Kind == parse.Resource {
			resources = append(resources, p)
		}
	}
	facts := make([]pageFacts, len(resources))
	workers.ForEach(len(resources), func(i int) {
		p, f := resources[i], &facts[i]
		var at diag.Range
		f.ns, f.name, at = pageTypeName(p)
		f.pos = at.Pos()
		f.nsAt = at
		if p.Namespace.Text != "" && strings.EqualFold(f.ns, p.Namespace.Text) {
			f.nsAt = p.Namespace.Span
		}
		f.inherits = inheritsLink(p)
		f.open = saysOpen(p)
		f.abstract = saysAbstract(p)
	})
	out := make(map[*parse.Page]*pageFacts, len(resources))
	for i, p := range resources {
		out[p] = &facts[i]
	}
	return out
}

// Resolve builds the IR from a set of pages.
func Resolve(set *Set) (*ir.Program, diag.List) {
	prog, _, diags := resolve(set, true)
	return prog, diags
}

// Check resolves set as Resolve does but leaves the Go names (types,
// properties, operations, packages) unset, for callers that read only what
// the docs say: the linter. The types and operations come in the same order
// and the findings are the same, but for go-name-clash, which is about Go
// names (GoNameClashes gives those). names is the resolver's index of the program's types, the one
// NewTypeNames(prog.Types) would build.
func Check(set *Set) (prog *ir.Program, names *TypeNames, diags diag.List) {
	return resolve(set, false)
}

func resolve(set *Set, goNames bool) (*ir.Program, *TypeNames, diag.List) {
	r := newResolver(set)
	wait := r.resolveTypes(set.Pages, goNames)
	return r.finish(wait, goNames)
}

func newResolver(set *Set) *resolver {
	return &resolver{
		set: set, prog: &ir.Program{},
		types:  NewTypeNames(nil),
		byPage: map[*parse.Page][]*ir.Type{}, enumAt: map[*parse.Page]map[string]*ir.Type{},
		bases: map[*ir.Type]diag.Range{}, proseBase: map[*ir.Type]proseRef{},
		own: map[*parse.Page]*ir.Type{}, sections: map[*parse.Page][]*ir.Type{},
	}
}

// resolveTypes builds every type the resource pages among pages declare,
// with its properties and base type. It reads no operation page, so it may
// run while they are still being parsed. With goNames, the types' Go names
// are then worked out in the background; wait waits for them.
func (r *resolver) resolveTypes(pages []*parse.Page, goNames bool) (wait func()) {
	r.facts = readFacts(pages)
	for _, p := range pages {
		if f := r.facts[p]; f != nil && !r.usableNamespace(f.ns, f.nsAt) {
			f.skip = true
		}
	}
	resources := resourceOrder(pages, r.facts)
	for _, p := range resources {
		r.declareTypes(p)
	}
	// Types declared under a heading of another type's page come after every
	// page's own type, so a type's own page stays its first declaration.
	for _, p := range resources {
		r.declareSectionTypes(p)
	}
	// A page's rows resolve to properties whatever the other pages hold, and
	// so do its JSON representation's spellings: both are worked out in
	// parallel, then the rows are added to the types in page order (merged
	// types take each name from the first page that lists it).
	r.indexEnums() // before the copies here and in operations: each would build its own
	ahead := make([]pageRows, len(resources))
	workers.ForEach(len(resources), func(i int) {
		if p := resources[i]; r.own[p] != nil {
			ahead[i] = r.resolveRows(p, r.own[p].Namespace)
		}
	})
	for i, p := range resources {
		r.typeProperties(p, ahead[i])
	}
	for _, p := range resources {
		r.sectionProperties(p)
	}
	r.inheritance()
	// The types are complete: their Go names are worked out while the
	// operations resolve.
	var typeNames sync.WaitGroup
	if goNames {
		typeNames.Go(r.typeNames)
	}
	return typeNames.Wait
}

// finish resolves the operations of r.set, once resolveTypes has returned,
// and completes the program.
func (r *resolver) finish(waitTypeNames func(), goNames bool) (*ir.Program, *TypeNames, diag.List) {
	for _, p := range r.set.Pages {
		r.diags = append(r.diags, p.Diags...) // sorted with the rest below
	}
	r.operations()
	waitTypeNames()
	r.typeAlternatives()
	if goNames {
		r.operationNames()
		for _, pkg := range slices.Sorted(maps.Keys(r.nameDiags)) {
			r.diags = append(r.diags, r.nameDiags[pkg]...)
		}
	}
	r.sortProgram()
	r.prog.Index()
	normalizeSlices(r.prog)
	r.diags.Sort()
	return r.prog, r.types, r.diags
}

// resourceOrder lists resource pages with the canonical page of a type
// before copies of it: pages named after their type ("user.md") first, then
// the rest, each group by path. The first declaration is the one a merged
// type's Source points at.
func resourceOrder(pages []*parse.Page, facts map[*parse.Page]*pageFacts) []*parse.Page {
	var first, rest []*parse.Page
	for _, p := range pages {
		if p.Kind != parse.Resource || facts[p].skip {
			continue
		}
		name := facts[p].name
		base := p.Src.Path[strings.LastIndexByte(p.Src.Path, '/')+1:]
		if strings.EqualFold(base, name+".md") {
			first = append(first, p)
		} else {
			rest = append(rest, p)
		}
	}
	return append(first, rest...)
}

// pageTypeName works out the qualified name a resource page declares.
func pageTypeName(p *parse.Page) (ns, name string, sp diag.Range) {
	ns = p.Namespace.Text
	if a := p.Annotation; a != nil {
		v := a.Key("@odata.type")
		if v == nil || v.Kind != parse.StringValue || v.Str == "" {
			v = a.Key("@type") // the older spelling (systemfacet.md, the activity facets)
		}
		if v != nil && v.Kind == parse.StringValue && v.Str != "" {
			q := strings.TrimPrefix(v.Str, "#")
			if i := strings.LastIndexByte(q, '.'); i > 0 {
				return q[:i], q[i+1:], p.Src.Range(a.Offset+v.Off, a.Offset+v.End)
			}
			name = q
		}
	}
	if name == "" {
		t := p.Title.Text
		lower := strings.ToLower(t)
		for _, suf := range []string{" resource type", " complex type", " enum type", " entity type", " resource", " type", " object"} {
			if strings.HasSuffix(lower, suf) {
				t = t[:len(t)-len(suf)]
				break
			}
		}
		if f := strings.Fields(t); len(f) == 1 {
			name = f[0]
		}
	}
	if ns == "" {
		ns = DefaultNamespace
	}
	return ns, name, titleSpan(p)
}

// usableNamespace reports whether namespace ns, written at at, makes a
// usable Go package (naming.PackageProblem of PackageName(ns), the rule the
// emitter holds packages to); when not, an invalid-namespace error says so
// and the caller leaves the page's types or operation out. "" is the
// default namespace, which is usable.
func (r *resolver) usableNamespace(ns string, at diag.Range) bool {
	if ns == "" {
		return true
	}
	problem := NamespaceProblem(ns)
	if problem == "" {
		return true
	}
	r.diags.Add(at, diag.Error, "invalid-namespace", "%s", problem)
	return false
}

// NamespaceProblem says why namespace ns makes no usable Go package, ""
// when it does: the invalid-namespace rule, which gen new holds a new
// type's namespace to as well.
func NamespaceProblem(ns string) string {
	pkg := PackageName(ns)
	if problem := naming.PackageProblem(pkg); problem != "" {
		return fmt.Sprintf("namespace %s would become the Go package %s, but %s; rename its last element", ns, pkg, problem)
	}
	return ""
}

// add declares t; a type declared again (Intune's shared copies of user.md,
// enum tables repeated on several printer pages) is merged into the first
// declaration with a warning, so no page's facts are lost.
func (r *resolver) add(t *ir.Type, p *parse.Page) *ir.Type {
	if prev := r.types.add(t); prev != nil {
		if prev.Source != p.Src.Path {
			r.diags.Add(diag.Span{Pos: t.Pos}, diag.Warning, "duplicate-type", "type %s is also declared at %s; the two are merged", t.QualifiedName(), prev.Pos)
		}
		have := make(map[string]*ir.Member, len(prev.Members))
		for _, m := range prev.Members {
			have[m.Name] = m
		}
		for _, m := range t.Members {
			first, ok := have[m.Name]
			switch {
			case !ok:
				prev.Members = append(prev.Members, m)
			case first.Value == "" && m.Value != "":
				// enums.md lists a member bare; its own page gives its value.
				first.Value = m.Value
			case first.Value != m.Value && m.Value != "":
				r.diags.Add(diag.Span{Pos: m.Pos}, diag.Warning, "duplicate-type",
					"member %s of enum %s has the value %s here but %s at %s; the first is used", m.Name, t.QualifiedName(), m.Value, first.Value, first.Pos)
			}
			if ok && first.Description == "" {
				first.Description = m.Description
			}
		}
		if prev.Description == "" {
			prev.Description = t.Description
		}
		if prev.BaseType == "" && t.BaseType != "" {
			prev.BaseType = t.BaseType
			r.bases[prev] = r.bases[t]
		}
		prev.Abstract = prev.Abstract || t.Abstract
		prev.Open = prev.Open || t.Open
		if prev.KeyProperty == "" && t.KeyProperty != "" {
			prev.KeyProperty, prev.Kind = t.KeyProperty, ir.Entity
		}
		r.byPage[p] = append(r.byPage[p], prev)
		return prev
	}
	r.byPage[p] = append(r.byPage[p], t)
	r.prog.Types = append(r.prog.Types, t)
	return t
}

func (r *resolver) declareTypes(p *parse.Page) {
	f := r.facts[p]
	ns, name := f.ns, f.name
	a := p.Annotation
	// An enum page says so in its front matter or in its title.
	isEnumPage := strings.EqualFold(p.Meta("doc_type"), "enumPageType") || p.TitledEnum() != "" && len(p.Enums) > 0
	if name != "" && (len(p.Properties) > 0 || a != nil || !isEnumPage) {
		t := &ir.Type{
			Namespace: ns, Name: name, Kind: ir.Complex, Source: p.Src.Path,
			Description: p.Description.Text, Pos: f.pos,
			Abstract: a.Bool("abstract"), Open: a.Bool("openType") || f.open, KeyProperty: a.String("keyProperty"),
		}
		if a.Key("abstract") == nil && f.abstract {
			t.Abstract = true
		}
		if t.KeyProperty != "" {
			t.Kind = ir.Entity
		}
		v := a.Key("baseType")
		if v != nil && v.Kind == parse.StringValue && strings.TrimSpace(v.Str) != "" {
			t.BaseType = strings.TrimPrefix(strings.TrimSpace(v.Str), "#")
			r.bases[t] = p.Src.Range(a.Offset+v.Off, a.Offset+v.End)
		}
		if l := f.inherits; l != nil {
			r.proseBase[t] = proseRef{p: p, l: l, a: a, v: v}
			if t.BaseType == "" {
				r.bases[t] = l.Span
			}
		}
		if len(p.Enums) > 0 && len(p.Properties) == 0 && isEnumPage {
			// An enum page titled like a resource: only its value tables count.
		} else {
			r.own[p] = r.add(t, p)
		}
	} else if name == "" && len(p.Properties) > 0 {
		r.diags.Add(titleSpan(p), diag.Error, "unknown-type", "cannot tell which type this page declares: no resource annotation with @odata.type and no title like \"x resource type\"")
	}
	for _, e := range p.Enums {
		et := &ir.Type{Namespace: ns, Name: e.Name.Text, Kind: ir.Enum, Source: p.Src.Path, Pos: e.Name.Span.Pos()}
		if isEnumPage && e.Name.Text == p.TitledEnum() {
			et.Description = p.Description.Text // the page is about the enum
		}
		for i, m := range e.Members {
			et.Members = append(et.Members, &ir.Member{Name: m.Text, Value: e.Values[i], Description: e.Descs[i], Pos: m.Span.Pos()})
		}
		et = r.add(et, p)
		if r.enumAt[p] == nil {
			r.enumAt[p] = map[string]*ir.Type{}
		}
		r.enumAt[p][AnchorOf(e.Table.Subsection)] = et
	}
}

// AnchorOf is the anchor a heading gets: lower-cased, spaces to dashes,
// punctuation dropped.
func AnchorOf(heading string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case c == ' ' || c == '-':
			b.WriteByte('-')
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c > 127:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// declareSectionTypes declares the types p's H2s name ("## accessReviewSettings
// resource type"); one that is declared already, on its own page or as p's own
// type, is merged as add merges.
func (r *resolver) declareSectionTypes(p *parse.Page) {
	if len(p.SectionTypes) == 0 {
		return
	}
	ns := r.facts[p].ns
	for _, st := range p.SectionTypes {
		t := &ir.Type{Namespace: ns, Name: st.Name.Text, Kind: ir.Complex, Source: p.Src.Path, Pos: st.Name.Span.Pos()}
		if own := r.own[p]; own != nil && strings.EqualFold(own.QualifiedName(), t.QualifiedName()) {
			t = own
		} else {
			t = r.add(t, p)
		}
		r.sections[p] = append(r.sections[p], t)
	}
}

// pageRows is a resource page's property rows resolved ahead of adding them:
// each row's property (nil when its type is unknown) with what resolving it
// reported, and the page's JSON representation's spellings (see wireNames).
type pageRows struct {
	rows []resolvedRow
	wire map[string]string
}

type resolvedRow struct {
	prop         *ir.Property
	diags        diag.List
	alternatives []alternative
}

// resolveRows resolves every property row of p, on a copy of the resolver
// that keeps what each row reports apart: only the rows that are added
// (not duplicates, not already declared by another page) report it.
func (r *resolver) resolveRows(p *parse.Page, ns string) pageRows {
	w := *r
	out := pageRows{rows: make([]resolvedRow, len(p.Properties)), wire: wireNames(p, p.Properties)}
	for i := range p.Properties {
		w.diags, w.alternatives = nil, nil
		prop := w.property(p, ns, &p.Properties[i])
		out.rows[i] = resolvedRow{prop, w.diags, w.alternatives}
	}
	return out
}

// typeProperties adds the rows of resource page p, resolved ahead, to the
// type it declares.
func (r *resolver) typeProperties(p *parse.Page, ahead pageRows) {
	owner := r.own[p]
	if owner == nil {
		return
	}
	r.rowProperties(p, owner, p.Properties, ahead.wire, ahead.rows)
	if len(p.Properties) == 0 {
		r.jsonProperties(p, owner)
	}
}

// sectionProperties adds the rows of the tables under p's type headings to
// the types they name.
func (r *resolver) sectionProperties(p *parse.Page) {
	for i, t := range r.sections[p] {
		r.rowProperties(p, t, p.SectionTypes[i].Properties, nil, nil)
	}
}

// rowProperties adds the property rows of page p to owner, each name once;
// rows another page of a merged type declared already are skipped. wire maps
// the lower-cased keys of the owner's JSON representation to their spelling
// (see wireNames); nil when the rows are not the representation's type's.
// ahead, when not nil, holds the rows resolved ahead (see resolveRows).
func (r *resolver) rowProperties(p *parse.Page, owner *ir.Type, rows []parse.PropertyRow, wire map[string]string, ahead []resolvedRow) {
	firstLine := make(map[string]int, len(rows))           // the line of each name's first row
	merged := make(map[string]bool, len(owner.Properties)) // declared by another page of a merged type
	for _, prop := range owner.Properties {
		merged[prop.Name] = true
	}
	listed := make(map[string]bool, len(rows))
	for _, row := range rows {
		listed[row.Name.Text] = true
	}
	for i := range rows {
		row := &rows[i]
		name := row.Name.Text
		// The representation's spelling. Where a row of its own spells it so
		// (device.md lists both model and Model, its representation Model
		// only), this row is that property listed again, and that row is used.
		if key, ok := wireName(wire, name); ok && key != name {
			if listed[key] {
				// This row is the one left out, whichever comes first.
				j := slices.IndexFunc(rows, func(o parse.PropertyRow) bool { return o.Name.Text == key })
				if j < i {
					r.diags.Add(row.Name.Span, diag.Warning, "duplicate-property",
						"property %q repeats %q (line %d) in other letter case; JSON names are case-sensitive, and that row, the JSON representation's spelling, is used", name, key, rows[j].Name.Span.Pos().Line)
				} else {
					r.diags.Add(row.Name.Span, diag.Warning, "duplicate-property",
						"property %q is listed again as %q (line %d), the JSON representation's spelling; JSON names are case-sensitive, and that row is used", name, key, rows[j].Name.Span.Pos().Line)
				}
				continue
			}
			r.diags.Add(row.Name.Span, diag.Warning, "property-case",
				"property %q is spelled %q in the JSON representation; JSON names are case-sensitive, and the representation's spelling is used", name, key)
			name = key
		}
		if line, ok := firstLine[name]; ok {
			r.diags.Add(row.Name.Span, diag.Warning, "duplicate-property", "property %q is listed twice on this page (line %d); the first row is used", row.Name.Text, line)
			continue
		}
		firstLine[name] = row.Name.Span.Pos().Line
		if merged[name] {
			// Another page of the merged type declared it: the first
			// declaration is used, which must be said when they differ.
			if prev := owner.Property(name); prev != nil {
				if qn, _ := r.TypeRef(p, owner.Namespace, row.Type); qn != "" && (!strings.EqualFold(qn, prev.Type) || row.Type.Collection != prev.Collection) {
					r.diags.Add(row.Type.Span, diag.Warning, "duplicate-property",
						"property %q is typed %s here but %s at %s, another page of the merged type %s; that page's is used",
						name, typeText(qn, row.Type.Collection), typeText(prev.Type, prev.Collection), prev.Pos, owner.QualifiedName())
				}
			}
			continue
		}
		var prop *ir.Property
		if ahead != nil {
			prop = ahead[i].prop
			r.diags = append(r.diags, ahead[i].diags...)
			r.alternatives = append(r.alternatives, ahead[i].alternatives...)
		} else {
			prop = r.property(p, owner.Namespace, row)
		}
		if prop != nil {
			prop.Name = name
			owner.Properties = append(owner.Properties, prop)
		}
	}
}

// wireName looks name up in a page's wire names (see wireNames), which most
// pages do not have.
func wireName(wire map[string]string, name string) (string, bool) {
	if wire == nil {
		return "", false
	}
	key, ok := wire[strings.ToLower(name)]
	return key, ok
}

// property resolves one table row; nil when its type cannot be resolved
// (an error is recorded).
func (r *resolver) property(p *parse.Page, ns string, row *parse.PropertyRow) *ir.Property {
	if problem := naming.JSONNameProblem(row.Name.Text); problem != "" {
		sev := diag.Error
		if naming.IsTemplateName(row.Name.Text) {
			// An unfinished row of a scaffolded page: left out, but no reason
			// to stop generating, or scaffolding the pages that use the type.
			sev = diag.Warning
		}
		r.diags.Add(row.Name.Span, sev, "invalid-property-name", "property name %q cannot be a JSON member name: %s", row.Name.Text, problem)
		return nil
	}
	prop := &ir.Property{
		Name: row.Name.Text, Collection: row.Type.Collection, Navigation: row.Navigation,
		ReadOnly: row.ReadOnly, Description: row.Description.Text, Pos: row.Name.Span.Pos(),
	}
	qn, ref := r.TypeRef(p, ns, row.Type)
	if qn == "" {
		r.diags.Add(row.Type.Span, diag.Error, "unknown-type", "unknown type %q for property %q", row.Type.Name, row.Name.Text)
		return nil
	}
	prop.Type, prop.Ref = qn, ref
	if len(row.Type.Alternatives) > 1 {
		r.alternatives = append(r.alternatives, alternative{p: p, ns: ns, row: row, prop: prop})
	}
	if qn == "Edm.String" {
		if e := r.enumByValues(ns, row.Name.Text, row.DescRaw); e != nil {
			r.diags.Add(row.Type.Span, diag.Warning, "enum-as-string",
				"property %q is documented as %s, but its possible values are exactly the members of the enum %s; type it as that enum",
				row.Name.Text, row.Type.Name, e.QualifiedName())
			prop.Type, prop.Ref = e.QualifiedName(), e
		}
	}
	return prop
}

// TypeRef resolves a Type cell from page p in namespace ns to a qualified
// name and, for non-primitive types, the IR type. "" when unresolvable.
func (r *resolver) TypeRef(p *parse.Page, ns string, tc parse.TypeCell) (string, *ir.Type) {
	// A link to a page (or an enum anchor on a page) is the strongest evidence.
	if tc.Link != nil {
		target, anchor, _, _ := r.set.LinkTarget(p, tc.Link.Dest)
		if target != nil {
			if anchor != "" {
				if e := r.enumAt[target][anchor]; e != nil {
					return e.QualifiedName(), e
				}
			}
			if e := ir.Primitive(tc.Name); e != "" && e != "Edm.Untyped" {
				// [DateTimeOffset](timestamp.md): a primitive explained on a page.
				if t := r.lookupOnPage(target, tc.Name); t == nil || !strings.EqualFold(t.Name, tc.Name) {
					return e, nil
				}
			}
			if t := r.lookupOnPage(target, tc.Name); t != nil {
				return t.QualifiedName(), t
			}
		}
	}
	e := ir.Primitive(tc.Name)
	if n := strings.TrimSuffix(tc.Name, "s"); e == "" && tc.Collection && n != tc.Name {
		e = ir.Primitive(n) // "collection of strings"
	}
	if e != "" {
		if e == "Edm.Untyped" && !strings.EqualFold(tc.Name, "object") && !strings.EqualFold(tc.Name, "untyped") {
			// Graph declares untyped JSON as the open complex type Json (json.md).
			if t := r.types.Exact("microsoft.graph.json"); t != nil {
				return t.QualifiedName(), t
			}
		}
		return e, nil
	}
	if t := r.lookup(strings.TrimSuffix(tc.Name, " enum"), ns); t != nil {
		return t.QualifiedName(), t
	}
	return "", nil
}

// lookupOnPage finds the type a link lands on: the page's type whose name
// matches the link text, else its main (non-enum) type.
func (r *resolver) lookupOnPage(p *parse.Page, name string) *ir.Type {
	ts := r.byPage[p]
	simple := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		simple = name[i+1:]
	}
	for _, t := range ts {
		if strings.EqualFold(t.Name, simple) {
			return t
		}
	}
	for _, t := range ts {
		if t.Kind != ir.Enum {
			return t
		}
	}
	return nil
}

// lookup finds a type by the name a page uses for it (see TypeNames.Lookup).
func (r *resolver) lookup(name, ns string) *ir.Type { return r.types.Lookup(name, ns) }

// proseRef is the base type a page names in prose, with the page's resource
// annotation and its baseType value (nil when absent) to compare it with.
type proseRef struct {
	p *parse.Page
	l *parse.Link
	a *parse.Annotation
	v *parse.Value
}

var inheritsRE = regexp.MustCompile(`(?i)\b(?:inherits|inherited|derives|derived|subtype|subclass)\b(?:\s+[a-z]+){0,3}\s+(?:from|of)\s+(?:the\s+)?(?:\*\*|\*|__|_)?$`)

// inheritsLink finds the base type a page names in prose before its first H2
// (after the title, which some pages write as an H2), else in a paragraph of
// its Properties section: "Inherits from
// [stsPolicy](stsPolicy.md)", "Derived from **[x](x.md)**", "This type
// inherits from", "a subtype of", "a subclass of".
func inheritsLink(p *parse.Page) *parse.Link {
	end, title := len(p.Src.Bytes), p.Title.Span.Offset()
	h2Title := p.Title.Text == "" // no H1: the first heading, an H2, is the title
	for _, h := range p.Headings {
		if h.Level != 2 {
			continue
		}
		if h2Title {
			h2Title, title = false, h.Span.Offset()
			continue
		}
		if h.Span.Offset() > title {
			end = h.Span.Offset()
			break
		}
	}
	// Or in a paragraph of the Properties section, over the rows a base type
	// declares: "The following properties are inherited from **[baseItem][]**".
	var props []diag.Range
	for _, b := range p.Blocks {
		if b.Kind == parse.ProseBlock && b.Section == "properties" {
			if txt := b.Span.Text(); containsFold(txt, "inherit") || containsFold(txt, "derive") || containsFold(txt, "subtype") || containsFold(txt, "subclass") {
				props = append(props, b.Span)
			}
		}
	}
	inProps := func(off int) bool {
		for _, sp := range props {
			if off >= sp.Offset() && off < sp.EndOffset() {
				return true
			}
		}
		return false
	}
	for pass := 0; pass < 2 && (pass == 0 || len(props) > 0); pass++ {
		for i := range p.Links {
			l := &p.Links[i]
			if off := l.Span.Offset(); pass == 0 && (off >= end || off <= title) || pass == 1 && !inProps(off) {
				continue
			}
			before := p.Src.Text(l.Span.Offset()-60, l.Span.Offset())
			// The expression needs one of its verbs: most links have none before them.
			if (containsFold(before, "inherit") || containsFold(before, "derive") || containsFold(before, "subtype") || containsFold(before, "subclass")) && inheritsRE.MatchString(before) {
				return l
			}
		}
	}
	return nil
}

// proseBaseType compares the base type a page names in prose with its
// annotation's baseType: hundreds of real pages say it only in prose, so the
// prose's type is used when the annotation names none, and a missing, empty
// or different baseType is a base-type-mismatch warning on the annotation.
func (r *resolver) proseBaseType(t *ir.Type, ref proseRef) {
	qn, b := r.TypeRef(ref.p, t.Namespace, parse.TypeCell{Name: ref.l.Text, Link: ref.l})
	if b == nil || b == t || b.Kind == ir.Enum {
		return
	}
	src, a, v := ref.p.Src, ref.a, ref.v
	at := ref.l.Span.Pos()
	switch {
	case a == nil:
		t.BaseType = qn
	case v == nil:
		t.BaseType = qn
		r.diags.Add(src.Span(a.Offset, a.Offset+1), diag.Warning, "base-type-mismatch",
			"resource annotation has no baseType, but the page says %s inherits from %s (%s): add \"baseType\": %q", t.Name, b.Name, at, qn)
	case t.BaseType == "":
		t.BaseType = qn
		r.diags.Add(src.Span(a.Offset+v.Off, a.Offset+v.End), diag.Warning, "base-type-mismatch",
			"baseType is empty, but the page says %s inherits from %s (%s): write %q", t.Name, b.Name, at, qn)
	default:
		if named := r.lookup(t.BaseType, t.Namespace); named != nil && named != b {
			// Decided once every type's base is settled (nearerBases).
			r.disputed = append(r.disputed, disputedBase{t: t, prose: b, named: named, qn: qn,
				at: src.Span(a.Offset+v.Off, a.Offset+v.End), said: at})
		}
	}
}

// disputedBase is a type whose annotation names one base type and whose
// prose another.
type disputedBase struct {
	t, prose, named *ir.Type
	qn              string // the prose's, qualified
	at              diag.Span
	said            diag.Pos
}

// nearerBases settles the disputed base types once every other is: where
// the prose's derives from the annotation's (orgContact: the annotation says
// entity, the page directoryObject, an entity), the nearer one is the base,
// losing nothing the annotation says; else the annotation's stays. Each is
// judged on the bases as they stood before any of them changed, so the
// order of the pages does not matter.
func (r *resolver) nearerBases() {
	nearer := make([]bool, len(r.disputed))
	for i, d := range r.disputed {
		nearer[i] = r.derives(d.prose, d.named, d.t)
	}
	for i, d := range r.disputed {
		if nearer[i] {
			d.t.BaseType = d.qn
			r.diags.Add(d.at, diag.Warning, "base-type-mismatch",
				"baseType is %s, but the page says %s inherits from %s (%s), which derives from it: the nearer %s is used; write %q", d.named.QualifiedName(), d.t.Name, d.qn, d.said, d.prose.Name, d.qn)
			continue
		}
		r.diags.Add(d.at, diag.Warning, "base-type-mismatch",
			"baseType is %s, but the page says %s inherits from %s (%s)", d.named.QualifiedName(), d.t.Name, d.qn, d.said)
	}
}

// derives reports whether t derives from base through the base types
// named (t.Base is not linked yet); false where the way passes through
// not, the type whose base is in question, or loops.
func (r *resolver) derives(t, base, not *ir.Type) bool {
	seen := map[*ir.Type]bool{}
	for c := t; c != nil && c != not && !seen[c]; c = r.lookup(c.BaseType, c.Namespace) {
		seen[c] = true
		if c == base {
			return true
		}
		if c.BaseType == "" {
			return false
		}
	}
	return false
}

// inheritance links base types, records derived types and reports cycles.
func (r *resolver) inheritance() {
	entity := r.types.Exact("microsoft.graph.entity")
	for _, t := range r.prog.Types {
		if ref, ok := r.proseBase[t]; ok {
			r.proseBaseType(t, ref)
		}
		// Graph's convention: an entity keyed by id that names no base type
		// derives from microsoft.graph.entity.
		if t.BaseType == "" && entity != nil && t != entity && t.Kind == ir.Entity && t.KeyProperty == "id" {
			t.BaseType = entity.QualifiedName()
		}
	}
	r.nearerBases()
	for _, t := range r.prog.Types {
		if t.BaseType == "" {
			continue
		}
		b := r.lookup(t.BaseType, t.Namespace)
		if b == nil || b.Kind == ir.Enum {
			r.diags.Add(r.bases[t], diag.Error, "unknown-type", "unknown base type %q of %s", t.BaseType, t.QualifiedName())
			t.BaseType = ""
			continue
		}
		t.BaseType = b.QualifiedName()
		t.Base = b
	}
	// Cycles: walk up from each type; a revisit means a loop. Break it at the
	// type where it is found, so every later walk terminates.
	seen := map[*ir.Type]bool{}
	for _, t := range r.prog.Types {
		clear(seen)
		for c := t; c != nil; c = c.Base {
			if seen[c] {
				r.diags.Add(r.bases[c], diag.Error, "inheritance-cycle", "inheritance cycle: %s derives from itself through %s", c.QualifiedName(), c.BaseType)
				c.Base, c.BaseType = nil, ""
				break
			}
			seen[c] = true
		}
	}
	for _, t := range r.prog.Types {
		if t.Base != nil {
			t.Base.Derived = append(t.Base.Derived, t)
			if t.Kind == ir.Complex && t.Base.Kind == ir.Entity {
				t.Kind = ir.Entity
			}
		}
	}
	// A derived type of an entity is an entity, however deep.
	for _, t := range r.prog.Types {
		for c := t.Base; c != nil; c = c.Base {
			if c.Kind == ir.Entity && t.Kind == ir.Complex {
				t.Kind = ir.Entity
			}
		}
	}
	// Rows that repeat an inherited property ("id ... Inherited from entity")
	// document the base type's property; they are not declared again.
	for _, t := range r.prog.Types {
		if t.Base == nil {
			continue
		}
		own := t.Properties[:0]
		for _, p := range t.Properties {
			inherited := t.Base.PropertyFold(p.Name)
			if inherited == nil {
				own = append(own, p)
				continue
			}
			if r.sampled[p] {
				// The page gave a sample, not a type: the sample "0" says
				// Int32 where the base type declares a Double.
				p.Type, p.Collection, p.Navigation, p.Ref = inherited.Type, inherited.Collection, inherited.Navigation, inherited.Ref
			}
			t.Restated = append(t.Restated, p)
			if !r.sampled[p] && p.Type != "" && (!strings.EqualFold(p.Type, inherited.Type) || p.Collection != inherited.Collection) {
				r.diags.Add(diag.Span{Pos: p.Pos}, diag.Warning, "inherited-type-mismatch",
					"property %q repeats the inherited property of %s as %s, where that type declares %s; the inherited type is used",
					p.Name, t.Base.QualifiedName(), typeText(p.Type, p.Collection), typeText(inherited.Type, inherited.Collection))
			}
			if inherited.Name != p.Name {
				r.diags.Add(diag.Span{Pos: p.Pos}, diag.Warning, "property-case", "property %q repeats the inherited property %q of %s with different case; JSON names are case-sensitive", p.Name, inherited.Name, t.Base.QualifiedName())
			}
		}
		t.Properties = own
	}
	r.sampledWarnings()
	for _, t := range r.prog.Types {
		sortByQualifiedName(t.Derived)
	}
}

// normalizeSlices makes empty lists [] rather than null in the IR JSON, so
// readers need not tell the two apart.
func normalizeSlices(p *ir.Program) {
	if p.Types == nil {
		p.Types = []*ir.Type{}
	}
	if p.Operations == nil {
		p.Operations = []*ir.Operation{}
	}
	for _, t := range p.Types {
		if t.Properties == nil {
			t.Properties = []*ir.Property{}
		}
		if t.Members == nil {
			t.Members = []*ir.Member{}
		}
	}
	for _, o := range p.Operations {
		if o.Paths == nil {
			o.Paths = []string{}
		}
		if o.Examples == nil {
			o.Examples = []*ir.Example{}
		}
	}
}

// openRE finds prose that calls the page's type open: "This type is an open
// type", "It is an Open Type", "hence this is an [open type](...)", "This is
// an OData open type", or says what it is for: open extensions "add untyped
// properties to a resource".
var openRE = regexp.MustCompile(`(?i)\bis\s+an?\s+\[?(?:odata\s+)?open\s+type\b|\badd\s+untyped\s+properties\b`)

// saysOpen reports whether the prose before the first H2 or in the Properties
// section says the page's type is open. Many pages of open types say so only
// in prose, where their JSON representation shows sample dynamic properties.
func saysOpen(p *parse.Page) bool {
	for _, b := range p.Blocks {
		if b.Kind != parse.ProseBlock || b.Section != "" && b.Section != "properties" {
			continue
		}
		if txt := b.Span.Text(); (containsFold(txt, "open type") || containsFold(txt, "untyped")) && openRE.MatchString(txt) {
			return true
		}
	}
	return false
}

// abstractRE finds prose that calls the page's type abstract: "An abstract
// base class for all ...", "Abstract entity used to model ...", "This
// superclass is abstract", "This complex type is abstract". Not "an abstract
// complex setting", which is what an instance describes.
var abstractRE = regexp.MustCompile(`(?i)\babstract\s+(?:base\s+)?(?:class|type|resource|resouce|entity|superclass|complex\s+type)\b|\babstract\s+base\s*[.,;]|\b(?:type|class|superclass|resource|entity)\s+is\s+abstract\b`)

// saysAbstract reports whether the prose before the first H2 says the page's
// type is abstract. Pages of many abstract types say so only there, and the
// annotation's "abstract" key is left out.
func saysAbstract(p *parse.Page) bool {
	for _, b := range p.Blocks {
		if b.Kind != parse.ProseBlock || b.Section != "" {
			continue
		}
		txt := b.Span.Text()
		if !containsFold(txt, "abstract") {
			continue
		}
		for _, m := range abstractRE.FindAllStringIndex(txt, -1) {
			// "derived from the [extension](extension.md) abstract type"
			// speaks of another type: the sentence names it before.
			sentence := txt[sentenceStart(txt, m[0]):m[0]]
			if !strings.Contains(sentence, "](") && !containsFold(sentence, "derive") && !containsFold(sentence, "inherit") {
				return true
			}
		}
	}
	return false
}

// sentenceStart is the offset where the sentence holding txt[at] starts:
// after the last ". ", "! ", "? " or line break before it (a link's
// "x.md" ends none).
func sentenceStart(txt string, at int) int {
	for i := at - 1; i >= 0; i-- {
		switch txt[i] {
		case '\n':
			return i + 1
		case ' ':
			if i > 0 && (txt[i-1] == '.' || txt[i-1] == '!' || txt[i-1] == '?') {
				return i + 1
			}
		}
	}
	return 0
}

// containsFold reports whether s contains the lower-case ASCII sub in any
// case: the cheap test before a regular expression.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// alternative is a property whose Type cell names one of several types
// ("[appHostedMediaConfig](...) or [serviceHostedMediaConfig](...)"): typed
// by its first link until typeAlternatives runs.
type alternative struct {
	p    *parse.Page
	ns   string
	row  *parse.PropertyRow
	prop *ir.Property
}

// typeAlternatives types each property documented as one of several types
// as their nearest common base type, which is what the property holds:
// appHostedMediaConfig or serviceHostedMediaConfig is a mediaConfig. When
// the types share no base, or one of them is no documented type, the first
// stays.
func (r *resolver) typeAlternatives() {
	for _, a := range r.alternatives {
		var ts []*ir.Type
		for i := range a.row.Type.Alternatives {
			l := &a.row.Type.Alternatives[i]
			if _, t := r.TypeRef(a.p, a.ns, parse.TypeCell{Name: l.Text, Link: l}); t != nil && t.Kind != ir.Enum {
				ts = append(ts, t)
			}
		}
		if len(ts) != len(a.row.Type.Alternatives) {
			continue // a primitive or an unresolved link among them: keep the first
		}
		if b := commonBase(ts); b != nil {
			a.prop.Type, a.prop.Ref = b.QualifiedName(), b
		}
	}
}

// commonBase is the nearest type that each of ts is or derives from; nil
// when there is none.
func commonBase(ts []*ir.Type) *ir.Type {
	for c, seen := ts[0], map[*ir.Type]bool{}; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		all := true
		for _, t := range ts[1:] {
			all = all && isA(t, c)
		}
		if all {
			return c
		}
	}
	return nil
}

// isA reports whether t is base or derives from it.
func isA(t, base *ir.Type) bool {
	for c, seen := t, map[*ir.Type]bool{}; c != nil && !seen[c]; c = c.Base {
		if c == base {
			return true
		}
		seen[c] = true
	}
	return false
}

// typeText writes a property's type as a reader of the docs would:
// "Edm.String", "Collection(microsoft.graph.identity)".
func typeText(typ string, collection bool) string {
	if collection {
		return "Collection(" + typ + ")"
	}
	return typ
}
