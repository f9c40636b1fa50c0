package resolve

import (
	"fmt"
	"go/token"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/keptnames"
	"gen/gen/internal/naming"
	"gen/gen/internal/parse"
	"gen/gen/internal/workers"
)

// PackageName is the Go package of a namespace: microsoft.graph -> graph,
// microsoft.graph.callRecords -> callrecords, a.b.c -> c.
func PackageName(ns string) string {
	if strings.EqualFold(ns, DefaultNamespace) {
		return "graph"
	}
	last := ns
	if i := strings.LastIndexByte(ns, '.'); i >= 0 {
		last = ns[i+1:]
	}
	var b strings.Builder
	for _, c := range strings.ToLower(last) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	name := b.String()
	if name == "" || token.IsKeyword(name) || name[0] >= '0' && name[0] <= '9' {
		name = "ns" + name
	}
	return name
}

// reserved are the names the emitters declare in every package besides the
// types; a type whose Go name is one of these gets a "Type" suffix.
var reserved = map[string]bool{
	"Service": true, "UnimplementedService": true, "Error": true, "NewHandler": true,
	"NewHandlerWithOptions": true, "HandlerOptions": true,
}

// Go identifiers are worked out once, by typeNames and operationNames.
//
// Collision rules, each independent of the order pages are read in:
//   - types and enum constants of one package: doc names are sorted; the
//     first keeps the Go name, the others get 2, 3, ...;
//   - operations of one package: an operation's name comes from its title
//     ("Create segment" -> CreateSegment); when several pages share a title,
//     each of them takes a suffix made from its own file name, the words the
//     title does not already say (group-list-members.md -> ListMembersGroup),
//     so one page's name never depends on which other pages exist beyond the
//     ones sharing its title.

// typeNames works out the Go names of the types, their members and their
// properties. They depend on the types alone, so they may be worked out while
// the operations resolve (which read no Go name).
func (r *resolver) typeNames() {
	// What depends on one type alone is worked out in parallel first: the
	// package and its property names (unique within their type only).
	workers.ForEach(len(r.prog.Types), func(i int) {
		t := r.prog.Types[i]
		t.Package = PackageName(t.Namespace)
		// ODataType is the field every struct carries for @odata.type.
		used := make(map[string]bool, len(t.Properties)+1)
		used["ODataType"] = true
		for _, p := range t.Properties {
			p.GoName = naming.Unique(naming.GoName(p.Name), used)
		}
	})
	r.nameDiags = map[string]diag.List{}
	for pkg, ts := range byPackage(r.prog.Types, nil) {
		r.nameDiags[pkg] = packageNames(ts, r.keptTypeNames(pkg, r.keptRequests[pkg]), setGoName)
	}
}

// setGoName records a settled Go name of a type (m nil) or an enum member.
func setGoName(t *ir.Type, m *ir.Member, goName string) {
	if m != nil {
		m.GoName = goName
	} else {
		t.GoName = goName
	}
}

// GoNameClashes reports the go-name-clash warnings that Resolve would, for a
// program whose Go names are not worked out (Check's): the linter's. The
// namespaces in a cycle share a package, as Resolve makes them.
func GoNameClashes(prog *ir.Program) diag.List {
	pkgOf := func(ns string) string { return PackageName(ns) }
	merged := mergedPackages(prog, pkgOf)
	var out diag.List
	groups := byPackage(prog.Types, merged)
	for _, pkg := range slices.Sorted(maps.Keys(groups)) {
		out = append(out, packageNames(groups[pkg], nil, func(*ir.Type, *ir.Member, string) {})...)
	}
	ops := map[string][]*ir.Operation{}
	for _, o := range prog.Operations {
		pkg := PackageName(o.Namespace)
		if into, ok := merged[pkg]; ok {
			pkg = into
		}
		ops[pkg] = append(ops[pkg], o)
	}
	for _, pkg := range slices.Sorted(maps.Keys(ops)) {
		out = append(out, packageOperationNames(ops[pkg], true, nil, func(*ir.Operation, string) {})...)
	}
	return out
}

// byPackage groups types by Go package, each group sorted by qualified
// name: the package of their namespace, or the one merged says it joins.
func byPackage(types []*ir.Type, merged map[string]string) map[string][]*ir.Type {
	out := map[string][]*ir.Type{}
	for _, t := range types {
		pkg := PackageName(t.Namespace)
		if into, ok := merged[pkg]; ok {
			pkg = into
		}
		out[pkg] = append(out[pkg], t)
	}
	for _, ts := range out {
		sortByQualifiedName(ts)
	}
	return out
}

// keptTypeNames is what packageNames is given of the names an earlier run
// recorded (keptnames).
type keptTypeNames struct {
	own      map[string]keptnames.Entry // the package's own record, by Source
	all      map[string]keptnames.Entry // every package's, for what moved in
	requests map[string]string          // request struct names no type takes -> their pages
}

// packageNames settles the Go names of one package's types and enum
// constants, ts sorted by qualified name, by the collision rules above: it
// calls name with each type's (m nil) and each member's settled name, and
// returns a go-name-clash warning for each one that lost a clash. With kept
// (nil for none), what an earlier run named keeps its name, before any new
// one is given, while its doc name makes the one it was kept for: the
// package's own record first, then the names of kept.requests, then what
// moved in from another package.
func packageNames(ts []*ir.Type, kept *keptTypeNames, name func(t *ir.Type, m *ir.Member, goName string)) diag.List {
	size := len(reserved) + len(ts)
	for _, t := range ts {
		if t.Kind == ir.Enum {
			size += len(t.Members)
		}
	}
	used := make(map[string]bool, size)
	for k := range reserved {
		used[k] = true
	}
	var diags diag.List
	owner := make(map[string]nameOwner, size) // Go name -> what took it, for the warning
	typeNames := make(map[*ir.Type]string, len(ts))
	memberNames := map[*ir.Member]string{} // the constants kept so far
	keptType := map[*ir.Type]bool{}
	byAny := map[any]bool{} // types and members the generated names below renamed this run
	// keep gives what has an entry in from its name, when its doc name
	// still makes the Go name recorded with it (a type's: naming.GoName of
	// its name; a member's: its constant's before any suffix) and the name
	// is free.
	keep := func(from map[string]keptnames.Entry, key, title string) (string, bool) {
		e, ok := from[key]
		if !ok || !e.MadeFrom(title) || used[e.Method] {
			return "", false
		}
		used[e.Method] = true
		return e.Method, true
	}
	keepTypes := func(from map[string]keptnames.Entry) {
		for _, t := range ts {
			if _, done := typeNames[t]; done {
				continue
			}
			if goName, ok := keep(from, keptnames.TypeKey(t.QualifiedName()), keptnames.TypeTitle(t.Name)); ok {
				owner[goName] = nameOwner{t: t}
				typeNames[t] = goName
				keptType[t] = true
				name(t, nil, goName)
			}
		}
	}
	keepMembers := func(from map[string]keptnames.Entry, t *ir.Type) {
		for _, m := range t.Members {
			if memberNames[m] != "" {
				continue
			}
			if goName, ok := keep(from, keptnames.MemberKey(t.QualifiedName(), m.Name), keptnames.MemberTitle(typeNames[t], m.Name)); ok {
				owner[goName] = nameOwner{t: t, m: m}
				memberNames[m] = goName
				name(t, m, goName)
			}
		}
	}
	typeBase := func(t *ir.Type) string {
		base := naming.GoName(t.Name)
		if reserved[base] {
			base += "Type"
		}
		return base
	}
	// What an earlier run named comes first, the package's own names
	// before those of what moved in: the types, then the constants of
	// their enums, before any new name is given.
	keepFrom := func(from map[string]keptnames.Entry) {
		keepTypes(from)
		for _, t := range ts {
			if keptType[t] && t.Kind == ir.Enum {
				keepMembers(from, t)
			}
		}
	}
	if kept != nil {
		keepFrom(kept.own)
		// The request structs the emitter names for the package's
		// operations, then what moved in from another package.
		for _, n := range slices.Sorted(maps.Keys(kept.requests)) {
			if !used[n] {
				used[n] = true
				owner[n] = nameOwner{request: kept.requests[n]}
			}
		}
		keepFrom(kept.all)
	}
	for _, t := range ts {
		if _, done := typeNames[t]; done {
			continue
		}
		base := typeBase(t)
		goName := naming.Unique(base, used)
		if goName != base {
			diags.Add(diag.Span{Pos: t.Pos}, diag.Warning, "go-name-clash",
				"type %s would be the Go type %s, which %s takes; it is %s instead, a name that changes when pages are added or removed: rename one of them",
				t.QualifiedName(), base, takenBy(owner, base), goName)
		}
		owner[goName] = nameOwner{t: t}
		typeNames[t] = goName
		name(t, nil, goName)
	}
	// A type with derived types has an interface, Any<Name>, and its
	// decoder, DecodeAny<Name>: a type or constant already named so yields
	// them the name, kept or not, as the generated code derives them. A
	// renamed enum gives up the names its constants kept: they are named
	// after its new name below.
	// A type renamed so that has derived types itself gets new generated
	// names, which may be another's: the pass is repeated till no such type
	// moves (each rename takes a longer name, so it ends); without one, a
	// single pass does.
	for changed, rounds := true, 0; changed && rounds <= len(ts); rounds++ {
		changed = false
		for _, t := range ts {
			if !t.IsPolymorphic() || t.Kind == ir.Enum {
				continue
			}
			for _, gen := range [2]string{"Any" + typeNames[t], "DecodeAny" + typeNames[t]} {
				o, ok := owner[gen]
				if ok && o.generated && o.t == t {
					continue
				}
				if ok && !o.generated && o.request == "" && o.t != t {
					goName := naming.Unique(gen, used)
					if o.m != nil {
						diags.Add(diag.Span{Pos: o.m.Pos}, diag.Warning, "go-name-clash",
							"member %s of enum %s would be the Go constant %s, which the generated code of %s (%s) takes, as it has derived types; it is %s instead: rename one of them",
							o.m.Name, o.t.QualifiedName(), gen, t.QualifiedName(), t.Pos, goName)
						owner[goName] = nameOwner{t: o.t, m: o.m}
						byAny[o.m] = true
						name(o.t, o.m, goName)
					} else {
						other := o.t
						diags.Add(diag.Span{Pos: other.Pos}, diag.Warning, "go-name-clash",
							"type %s would be the Go type %s, which the generated code of %s (%s) takes, as it has derived types; it is %s instead, a name that changes when pages are added or removed: rename one of them",
							other.QualifiedName(), gen, t.QualifiedName(), t.Pos, goName)
						if other.IsPolymorphic() && other.Kind != ir.Enum {
							// Its generated names follow its new name: one more
							// pass gives them. Names taken since are never
							// those of a type already passed, which are used.
							changed = true
							for _, old := range [2]string{"Any" + typeNames[other], "DecodeAny" + typeNames[other]} {
								if o2 := owner[old]; o2.generated && o2.t == other {
									delete(owner, old)
									used[old] = false
								}
							}
						}
						typeNames[other] = goName
						owner[goName] = nameOwner{t: other}
						byAny[other] = true
						name(other, nil, goName)
						for _, m := range other.Members {
							if kept := memberNames[m]; kept != "" {
								delete(owner, kept)
								used[kept] = false
								memberNames[m] = ""
							}
						}
					}
				}
				used[gen] = true
				owner[gen] = nameOwner{t: t, generated: true}
			}
		}
	}
	// Enum constants share the package scope with the types; those kept
	// (of enums named afresh, too) come first.
	if kept != nil {
		for _, from := range []map[string]keptnames.Entry{kept.own, kept.all} {
			for _, t := range ts {
				if t.Kind == ir.Enum {
					keepMembers(from, t)
				}
			}
		}
	}
	for _, t := range ts {
		if t.Kind != ir.Enum {
			continue
		}
		for _, m := range t.Members {
			if memberNames[m] != "" {
				continue
			}
			base := keptnames.MemberTitle(typeNames[t], m.Name)
			goName := naming.Unique(base, used)
			if goName != base {
				// A clash within the enum depends on its page alone.
				why := ", a name that changes when pages are added or removed"
				if o := owner[base]; o.m != nil && o.t == t {
					why = ""
				}
				diags.Add(diag.Span{Pos: m.Pos}, diag.Warning, "go-name-clash",
					"member %s of enum %s would be the Go constant %s, which %s takes; it is %s instead%s: rename one of them",
					m.Name, t.QualifiedName(), base, takenBy(owner, base), goName, why)
			}
			owner[goName] = nameOwner{t: t, m: m}
			name(t, m, goName)
		}
	}
	// A kept name that is not the doc name's own is still a clash while
	// what made it so is there: warned of on every run, as a first run does.
	for _, t := range ts {
		if base := typeBase(t); keptType[t] && typeNames[t] != base {
			if o, ok := owner[base]; ok && o.t != t && !byAny[t] { // renamed above: warned of there
				diags.Add(diag.Span{Pos: t.Pos}, diag.Warning, "go-name-clash",
					"type %s would be the Go type %s, which %s takes; it is %s instead, kept from an earlier run: rename one of them",
					t.QualifiedName(), base, takenBy(owner, base), typeNames[t])
			}
		}
		for _, m := range t.Members {
			base := keptnames.MemberTitle(typeNames[t], m.Name)
			if kept := memberNames[m]; kept != "" && kept != base && !byAny[m] {
				if o, ok := owner[base]; ok && o.m != m {
					diags.Add(diag.Span{Pos: m.Pos}, diag.Warning, "go-name-clash",
						"member %s of enum %s would be the Go constant %s, which %s takes; it is %s instead, kept from an earlier run: rename one of them",
						m.Name, t.QualifiedName(), base, takenBy(owner, base), kept)
				}
			}
		}
	}
	return diags
}

// nameOwner is the type, or the member m of the enum t, or the generated
// interface or decoder of t, that took a Go name.
type nameOwner struct {
	t         *ir.Type
	m         *ir.Member
	generated bool
	request   string // the page whose operation's request struct has the name
}

// takenBy says what holds the Go name name, for a go-name-clash warning.
func takenBy(owner map[string]nameOwner, name string) string {
	switch o, ok := owner[name]; {
	case !ok:
		return "a declaration of the generated code"
	case o.request != "":
		return "the request struct of the operation of " + o.request
	case o.m != nil:
		return fmt.Sprintf("member %s of enum %s (%s)", o.m.Name, o.t.QualifiedName(), o.m.Pos)
	case o.generated:
		return fmt.Sprintf("the generated code of %s (%s)", o.t.QualifiedName(), o.t.Pos)
	default:
		return fmt.Sprintf("type %s (%s)", o.t.QualifiedName(), o.t.Pos)
	}
}

// operationNames works out the Go names of the operations and their request
// bodies' properties.
func (r *resolver) operationNames() {
	workers.ForEach(len(r.prog.Operations), func(i int) {
		o := r.prog.Operations[i]
		o.Package = PackageName(o.Namespace)
		for _, p := range o.RequestBody {
			p.GoName = naming.GoName(p.Name)
		}
	})
	merged := r.mergeCyclicPackages()
	byPkgOps := map[string][]*ir.Operation{}
	for _, o := range r.prog.Operations {
		byPkgOps[o.Package] = append(byPkgOps[o.Package], o)
	}
	sets, held := r.keptNames(byPkgOps, merged)
	r.prog.HeldNames = held
	for _, pkg := range slices.Sorted(maps.Keys(byPkgOps)) {
		clashes := packageOperationNames(byPkgOps[pkg], len(r.kept) == 0, sets[pkg], func(o *ir.Operation, name string) { o.Name = name })
		r.diags = append(r.diags, clashes...)
	}
	r.keepRequestNames()
}

// keepRequestNames gives each table body's struct the name an earlier run
// gave it while its operation keeps its method's name. The types were
// named, while the operations were read, keeping every recorded struct
// name from them; a package where that was not the set kept now (a method
// renamed, a table gone, an operation moved) is named again with it.
func (r *resolver) keepRequestNames() {
	if r.keptRequests == nil {
		return // no record: nothing to keep
	}
	kept := map[string]map[string]string{} // package -> request struct names kept -> pages
	keep := func(pkg, name, page string) {
		if kept[pkg] == nil {
			kept[pkg] = map[string]string{}
		}
		kept[pkg][name] = page
	}
	docTypes := make(map[string]bool, len(r.prog.Types))
	for _, t := range r.prog.Types {
		docTypes[t.QualifiedName()] = true
	}
	for _, o := range r.prog.Operations {
		if e, ok := r.keptTypes[keptnames.RequestKey(o.Source)]; ok && o.TableBody() && e.MadeFrom(keptnames.RequestTitle(o.Name)) {
			o.KeptRequestName = e.Method
			// A doc type of the struct's qualified name keeps its own: the
			// two cannot share it.
			if !docTypes[o.Namespace+"."+e.Method] {
				keep(o.Package, e.Method, o.Source)
			}
		}
	}
	for _, h := range r.prog.HeldNames {
		if h.Request != "" && !docTypes[h.Namespace+"."+h.Request] {
			keep(h.Package, h.Request, h.Source) // held with its page's method name
		}
	}
	byPkg := map[string][]*ir.Type{}
	for _, t := range r.prog.Types {
		byPkg[t.Package] = append(byPkg[t.Package], t)
	}
	for _, pkg := range slices.Sorted(maps.Keys(byPkg)) {
		if !maps.Equal(kept[pkg], r.keptRequests[pkg]) && len(kept[pkg])+len(r.keptRequests[pkg]) > 0 {
			ts := byPkg[pkg]
			sortByQualifiedName(ts)
			r.nameDiags[pkg] = packageNames(ts, r.keptTypeNames(pkg, kept[pkg]), setGoName)
		}
	}
}

// keptTypeNames is what packageNames is given of r.kept for package pkg,
// with the request struct names no type may take; nil without a record.
func (r *resolver) keptTypeNames(pkg string, requests map[string]string) *keptTypeNames {
	if len(r.kept) == 0 {
		return nil
	}
	return &keptTypeNames{own: r.kept[pkg], all: r.keptTypes, requests: requests}
}

// keptRequests lists, by package, the request struct names kept records of
// the pages among rels.
func keptRequests(kept keptnames.Record, rels []string) map[string]map[string]string {
	in := make(map[string]string, len(rels))
	for _, rel := range rels {
		in[keptnames.RequestKey(rel)] = rel
	}
	out := map[string]map[string]string{}
	for pkg, entries := range kept {
		for src, e := range entries {
			if page, ok := in[src]; ok {
				if out[pkg] == nil {
					out[pkg] = map[string]string{}
				}
				out[pkg][e.Method] = page
			}
		}
	}
	return out
}

// keptSet is what one package's naming is given of the names an earlier
// run recorded.
type keptSet struct {
	own      map[string]keptnames.Entry // the package's record, by page
	borrowed map[string]keptnames.Entry // other packages' entries of pages now here
	held     map[string]ir.HeldName     // names no page of the package may take
}

// heldName returns the page a name is held for in the package.
func (k *keptSet) heldName(name string) (ir.HeldName, bool) {
	if k == nil {
		return ir.HeldName{}, false
	}
	h, ok := k.held[name]
	return h, ok
}

// keptNames sorts the names an earlier run recorded (r.kept) by the
// package each page's operation is in now. A page's own package's entry
// comes first; a page that moved (its namespace changed, or a cycle merged
// two packages) borrows the entry of the first other package that has one,
// which yields to the entries of the pages that were there. The entries of
// operation pages that are among the input but make no operation (an
// error left it out) are returned as held: the name stays that page's in
// the package that recorded it, for when it is mended.
func (r *resolver) keptNames(byPkgOps map[string][]*ir.Operation, merged map[string]string) (map[string]*keptSet, []ir.HeldName) {
	if len(r.kept) == 0 {
		return nil, nil
	}
	sets := map[string]*keptSet{}
	set := func(pkg string) *keptSet {
		if sets[pkg] == nil {
			sets[pkg] = &keptSet{own: map[string]keptnames.Entry{}, borrowed: map[string]keptnames.Entry{}, held: map[string]ir.HeldName{}}
		}
		return sets[pkg]
	}
	pkgs := slices.Sorted(maps.Keys(r.kept))
	pkgOf := map[string]string{}
	for pkg, ops := range byPkgOps {
		for _, o := range ops {
			pkgOf[o.Source] = pkg
			if e, ok := r.kept[pkg][o.Source]; ok {
				set(pkg).own[o.Source] = e
				continue
			}
			for _, other := range pkgs {
				if e, ok := r.kept[other][o.Source]; ok {
					set(pkg).borrowed[o.Source] = e
					break
				}
			}
		}
	}
	// The pages that may hold a name: the operation pages, and those an
	// error leaves of no kind (a front matter not closed hides doc_type).
	pages := make(map[string]*parse.Page, len(r.set.Pages))
	for _, p := range r.set.Pages {
		if p.Kind == parse.Operation || p.Kind == parse.Unknown && len(p.Diags.Errors()) > 0 {
			pages[p.Src.Path] = p
		}
	}
	// A package a cycle merged into another this run holds its names there.
	var held []ir.HeldName
	for _, was := range pkgs {
		entries := r.kept[was]
		pkg := was
		if into, ok := merged[was]; ok {
			pkg = into
		}
		for _, src := range slices.Sorted(maps.Keys(entries)) {
			p, inInput := pages[src]
			if _, named := pkgOf[src]; inInput && !named {
				e := entries[src]
				ns := p.Namespace.Text
				if ns == "" {
					ns = DefaultNamespace
				}
				h := ir.HeldName{Package: pkg, Namespace: ns, Source: src, Title: e.Title, Method: e.Method, Pos: titleSpan(p).Pos()}
				if req, ok := entries[keptnames.RequestKey(src)]; ok && req.MadeFrom(keptnames.RequestTitle(e.Method)) {
					h.Request = req.Method // held as a live operation's is kept
				}
				held = append(held, h)
				set(pkg).held[h.Method] = h
			}
		}
	}
	return sets, held
}

// packageOperationNames settles the Go method names of one package's
// operations by the collision rules above: it calls name with each one's,
// and returns a go-name-clash warning for each operation whose title's
// name other pages share, which makes its name depend on them. kept is
// what the package has of the names an earlier run recorded (nil for
// none): a page keeps its name while its title makes the one it was kept
// for, and no page takes a name held for a page that is not here now.
// fresh says no earlier run recorded any name (lint's and ir's names, or a
// first generate's), which the warnings say.
func packageOperationNames(ops []*ir.Operation, fresh bool, kept *keptSet, name func(o *ir.Operation, goName string)) diag.List {
	ops = slices.Clone(ops)
	sort.Slice(ops, func(i, j int) bool { return ops[i].Source < ops[j].Source })
	base := make(map[*ir.Operation]string, len(ops))
	byName := make(map[string][]*ir.Operation, len(ops))
	for _, o := range ops {
		base[o] = naming.OperationName(o.Title, o.Source)
		byName[base[o]] = append(byName[base[o]], o)
	}
	used := make(map[string]bool, len(reserved)+len(ops))
	for k := range reserved {
		used[k] = true
	}
	// The names an earlier run gave come first, the package's own before
	// those of pages that moved here: whichever page these rules would
	// favour now, a page added since takes no name that exists.
	keptAs := make(map[*ir.Operation]string, len(ops))
	keptBy := make(map[string]*ir.Operation, len(ops))
	// claim gives each page with an entry in entries, recorded while its
	// title made the name it makes now, the name pick chooses ("" for
	// none) where free.
	claim := func(entries map[string]keptnames.Entry, pick func(o *ir.Operation, k keptnames.Entry) string) {
		for _, o := range ops {
			k, ok := entries[o.Source]
			if _, done := keptAs[o]; done || !ok || k.Title != base[o] {
				continue
			}
			if n := pick(o, k); n != "" && strings.HasPrefix(n, k.Title) && !used[n] {
				used[n] = true
				keptAs[o] = n
				keptBy[n] = o
			}
		}
	}
	recorded := func(_ *ir.Operation, k keptnames.Entry) string { return k.Method }
	if kept != nil {
		for n := range kept.held {
			used[n] = true
		}
		claim(kept.own, recorded)
		// Pages that moved here: those that had their title's name keep
		// it where free; then one that shares its title with no page here
		// takes the title's name where free, as a first run would (coming
		// back, it has it again); the others keep the name they had.
		claim(kept.borrowed, func(o *ir.Operation, k keptnames.Entry) string {
			if k.Method == base[o] {
				return k.Method
			}
			return ""
		})
		claim(kept.borrowed, func(o *ir.Operation, _ keptnames.Entry) string {
			if len(byName[base[o]]) == 1 {
				return base[o]
			}
			return ""
		})
		claim(kept.borrowed, recorded)
	}
	// Of pages sharing a title, the one whose file name says nothing the
	// title does not (api/event-update.md for "Update event", not
	// api/group-update-event.md) keeps the title's name: adding another
	// such page leaves it alone.
	owner := make(map[string]*ir.Operation, len(byName))
	for n, same := range byName {
		if len(same) == 1 {
			owner[n] = same[0]
			continue
		}
		var owns []*ir.Operation
		for _, o := range same {
			if titleHasFileWords(o.Title, o.Source) {
				owns = append(owns, o)
			}
		}
		if len(owns) == 1 {
			owner[n] = owns[0]
		}
	}
	hasTitleName := map[*ir.Operation]bool{}
	for _, o := range ops {
		if n := base[o]; owner[n] == o && keptAs[o] == "" && !used[n] {
			used[n] = true
			hasTitleName[o] = true
		}
	}
	if kept != nil {
		// Where kept names leave the title's name to no page, and one page
		// sharing the title has no name yet, it takes it: the others keep
		// theirs, and the name would otherwise go to none.
		for n, same := range byName {
			var unnamed []*ir.Operation
			for _, o := range same {
				if keptAs[o] == "" && !hasTitleName[o] {
					unnamed = append(unnamed, o)
				}
			}
			if len(unnamed) == 1 && len(same) > 1 && !used[n] {
				used[n] = true
				hasTitleName[unnamed[0]] = true
			}
		}
	}
	var clashes diag.List
	for _, o := range ops {
		n := base[o]
		goName, isKept := keptAs[o]
		switch {
		case isKept:
		case hasTitleName[o]:
			goName = n
		default:
			goName = naming.Unique(n+fileSuffix(o.Title, o.Source), used)
		}
		name(o, goName)
		// The finding spans the title (o.Pos is where it starts).
		end := o.Pos
		end.Col += utf8.RuneCountInString(o.Title)
		end.Offset += len(o.Title)
		if goName == n || reserved[n] {
			continue // the title's name, or one the package declares itself
		}
		// The title's name kept by a page whose own title makes another,
		// or held for a page an error left out.
		if holder := keptBy[n]; !isKept && holder != nil && base[holder] != n {
			clashes.Add(diag.Span{Pos: o.Pos, End: end}, diag.Warning, "go-name-clash",
				"operation %q is the Go method %s, not %s, because the output's %s keeps %s for %s, whose title makes %s: give the pages distinct titles",
				o.Title, goName, n, keptnames.FileName, n, holder.Pos, base[holder])
			continue
		}
		if h, ok := kept.heldName(n); !isKept && ok {
			clashes.Add(diag.Span{Pos: o.Pos, End: end}, diag.Warning, "go-name-clash",
				"operation %q is the Go method %s, not %s, because the output's %s holds %s for the page at %s, which makes no operation now (an error left it out): mend it, or delete %s to release the name",
				o.Title, goName, n, keptnames.FileName, n, h.Pos, keptnames.FileName)
			continue
		}
		if len(byName[n]) == 1 {
			continue // a name kept from a clash with a page since gone
		}
		var others []string
		same := true // every other page's title is this one's word for word
		for _, s := range byName[n] {
			if s != o {
				others = append(others, s.Pos.String())
				same = same && s.Title == o.Title
			}
		}
		what := map[bool]string{true: "has the same title", false: "have the same title"}[len(others) == 1]
		if !same {
			// "Delete conversationThread" and "Delete conversation thread".
			what = map[bool]string{true: "has a title that makes the same Go name", false: "have titles that make the same Go name"}[len(others) == 1]
		}
		where := "" // the names are those of this very output
		if fresh {
			where = " in a new output" // lint's and ir's, which read no output
		}
		clashes.Add(diag.Span{Pos: o.Pos, End: end}, diag.Warning, "go-name-clash",
			"operation %q is the Go method %s%s, not %s, because %s %s; which page gets %s depends on which pages exist, but for the names an output's %s keeps: give the pages distinct titles",
			o.Title, goName, where, n, strings.Join(others, ", "), what, n, keptnames.FileName)
	}
	return clashes
}

// sortProgram puts the types in qualified-name order and the operations in
// page order.
func (r *resolver) sortProgram() {
	sortByQualifiedName(r.prog.Types)
	sort.SliceStable(r.prog.Operations, func(i, j int) bool {
		return r.prog.Operations[i].Source < r.prog.Operations[j].Source
	})
}

// sortByQualifiedName sorts types by qualified name (stable), building each
// name once rather than at every comparison.
func sortByQualifiedName(ts []*ir.Type) {
	type keyed struct {
		key string
		t   *ir.Type
	}
	ks := make([]keyed, len(ts))
	for i, t := range ts {
		ks[i] = keyed{t.QualifiedName(), t}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return strings.Compare(a.key, b.key) })
	for i := range ks {
		ts[i] = ks[i].t
	}
}

// fileWordsNotInTitle are the words of the page's file name that its title
// does not contain, letter case aside: ("List members",
// "api/group-list-members.md") -> ["group"].
func fileWordsNotInTitle(title, source string) []string {
	inTitle := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(title)) {
		inTitle[w] = true
	}
	var out []string
	for _, w := range strings.FieldsFunc(naming.PageBase(source), func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		if !inTitle[strings.ToLower(w)] {
			out = append(out, w)
		}
	}
	return out
}

// titleHasFileWords reports whether every word of the page's file name is
// a word of its title: "Update event" and api/event-update.md.
func titleHasFileWords(title, source string) bool {
	return len(fileWordsNotInTitle(title, source)) == 0
}

// fileSuffix is the Go form of the words of the page's file name that its
// title does not contain ("Group"), or of the whole file name when there
// are none.
func fileSuffix(title, source string) string {
	words := fileWordsNotInTitle(title, source)
	if len(words) == 0 {
		return naming.GoName(naming.PageBase(source))
	}
	var b strings.Builder
	for _, w := range words {
		b.WriteString(naming.GoName(w))
	}
	return b.String()
}
