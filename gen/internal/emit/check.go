package emit

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/naming"
)

// check finds what would make the generated code fail to compile or behave
// wrongly: Go identifiers that collide (the naming stage decides names; this
// only reports), invalid identifiers, unresolved types and import cycles
// between namespace packages. Nothing is renamed here.
// fixedNames are the package-level names the generated code of a package
// with operations declares whatever the docs say.
var fixedNames = []string{"Service", "UnimplementedService", "Error", "HandlerOptions", "NewHandler", "NewHandlerWithOptions", "handler", "routes", "paths", "exampleService", "examples", "exampleHandler"}

func (g *generator) check() error {
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if err := g.nameFields(); err != nil {
		errs = append(errs, err.Error())
	}
	for _, pkg := range g.pkgs {
		top := map[string]string{} // identifier -> what declares it
		declare := func(pos diag.Pos, id, what string) {
			if !token.IsIdentifier(id) {
				fail("%s: %s has Go name %q, which is not an identifier", pos, what, id)
				return
			}
			if prev, dup := top[id]; dup {
				fail("%s: %s and %s are both named %s in package %s", pos, prev, what, id, pkg.name)
				return
			}
			top[id] = what
		}
		if len(pkg.ops) > 0 {
			for _, id := range fixedNames {
				declare(diag.Pos{}, id, "the generated "+id)
			}
		}
		if len(pkg.types) > 0 {
			declare(diag.Pos{}, "schema", "the generated schema")
		}
		files := map[string]string{}
		for _, pg := range pkg.pages {
			if prev, dup := files[pg.file]; dup {
				fail("pages %s and %s both become %s", prev, pg.source, pg.file)
			}
			files[pg.file] = pg.source
		}
		for _, t := range pkg.types {
			what := t.QualifiedName()
			declare(t.Pos, t.GoName, what)
			if t.Kind == ir.Enum {
				for _, m := range t.Members {
					declare(m.Pos, constName(t, m), fmt.Sprintf("member %s of %s", m.Name, what))
				}
				continue
			}
			if t.IsPolymorphic() {
				declare(t.Pos, anyName(t), "the interface of "+what)
				declare(t.Pos, decodeName(t), "the decoder of "+what)
			}
			if err := g.checkStruct(t); err != nil {
				errs = append(errs, err.Error())
			}
		}
		for _, o := range pkg.ops {
			if !token.IsIdentifier(o.Name) || !token.IsExported(o.Name) {
				fail("%s: operation name %q is not an exported Go identifier", o.Pos, o.Name)
			}
			declare(o.Pos, "TestExample"+o.Name, "the example test of "+o.Name)
			s, err := g.sig(o)
			if err != nil {
				errs = append(errs, err.Error())
				continue
			}
			for _, p := range s.params {
				if !token.IsIdentifier(p.goName) || token.IsKeyword(p.goName) {
					fail("%s: operation %s: path parameter %s has Go name %q, which is not an identifier", o.Pos, o.Name, p.name, p.goName)
				}
			}
		}
		if len(pkg.ops) > 0 && len(errs) == 0 {
			if _, err := g.routes(pkg); err != nil {
				errs = append(errs, err.Error())
			}
		}
	}
	if err := g.checkCycles(); err != nil {
		errs = append(errs, err.Error())
	}
	if len(errs) > 0 {
		for i, e := range errs {
			errs[i] = strings.TrimPrefix(e, "emit: ")
		}
		return fmt.Errorf("emit: %s", strings.Join(errs, "\nemit: "))
	}
	return nil
}

// checkStruct reports struct fields and methods of t that share a name.
func (g *generator) checkStruct(t *ir.Type) error {
	members := map[string]string{"ODataType": "the @odata.type field"}
	var errs []string
	add := func(pos diag.Pos, id, what string) {
		if !token.IsIdentifier(id) || !token.IsExported(id) {
			errs = append(errs, fmt.Sprintf("%s: %s of %s has Go name %q, which is not an exported identifier", pos, what, t.QualifiedName(), id))
			return
		}
		if prev, dup := members[id]; dup {
			errs = append(errs, fmt.Sprintf("%s: %s and %s of %s are both named %s", pos, prev, what, t.QualifiedName(), id))
			return
		}
		members[id] = what
	}
	for _, p := range t.AllProperties() {
		add(p.Pos, g.field(p), "property "+p.Name)
		if problem := naming.JSONNameProblem(p.Name); problem != "" {
			errs = append(errs, fmt.Sprintf("%s: property name %q of %s cannot be a JSON field name: %s", p.Pos, p.Name, t.QualifiedName(), problem))
		}
		if err := propRef(t, p).resolve(); err != nil {
			errs = append(errs, strings.TrimPrefix(err.Error(), "emit: "))
		}
	}
	if inHierarchy(t) || g.isOpen(t) {
		add(t.Pos, "MarshalJSON", "the generated MarshalJSON")
	}
	if g.isOpen(t) {
		add(t.Pos, "AdditionalProperties", "the dynamic properties field")
	}
	add(t.Pos, "UnmarshalJSON", "the generated UnmarshalJSON")
	anc, err := ancestors(t)
	if err != nil {
		return err
	}
	if t.IsPolymorphic() {
		anc = append([]*ir.Type{t}, anc...)
	}
	for _, a := range anc {
		add(t.Pos, asName(a), "the method "+asName(a))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\nemit: "))
	}
	return nil
}

// nameFields works out the Go name of every struct field. A property keeps
// the Go name the resolver gave it unless that name is taken in a struct
// the field is part of: by a generated member (ODataType, MarshalJSON,
// UnmarshalJSON, AsX for the type declaring the property, its ancestors or
// its descendants, and AdditionalProperties when one of those structs is of
// an open type), by an inherited property or by an earlier property of the
// same type. Then it
// gets the suffix 2, 3, ... and a warning says so. A property that repeats
// an inherited one (the same JSON name) keeps the inherited field's name.
// Base types are named first, so the name of an inherited field is the same
// in every struct that has it.
func (g *generator) nameFields() error {
	types := append([]*ir.Type(nil), g.prog.Types...)
	for _, pkg := range g.pkgs {
		for _, t := range pkg.types {
			if g.requestOf[t] != nil {
				types = append(types, t)
			}
		}
	}
	depth := map[*ir.Type]int{}
	for _, t := range types {
		anc, err := ancestors(t)
		if err != nil {
			return err
		}
		depth[t] = len(anc)
	}
	sort.SliceStable(types, func(i, j int) bool {
		if depth[types[i]] != depth[types[j]] {
			return depth[types[i]] < depth[types[j]]
		}
		return types[i].QualifiedName() < types[j].QualifiedName()
	})
	for _, t := range types {
		if t.Kind == ir.Enum {
			continue
		}
		taken := map[string]bool{"ODataType": true, "MarshalJSON": true, "UnmarshalJSON": true}
		anc, _ := ancestors(t)
		for _, h := range append(append([]*ir.Type{t}, anc...), t.Descendants()...) {
			taken[asName(h)] = true
		}
		for _, h := range append([]*ir.Type{t}, t.Descendants()...) {
			if g.isOpen(h) {
				taken["AdditionalProperties"] = true
			}
		}
		inherited := map[string]string{} // JSON name -> field name
		if t.Base != nil {
			for _, p := range t.Base.AllProperties() {
				taken[g.field(p)] = true
				inherited[p.Name] = g.field(p)
			}
		}
		for _, p := range t.Properties {
			if name, ok := inherited[p.Name]; ok {
				g.fields[p] = name
				continue
			}
			name := p.GoName
			if taken[name] {
				name = naming.Unique(p.GoName, taken)
				g.warnRule(p.Pos, "renamed-field", fmt.Sprintf("property %s of %s is the field %s: %s is taken in the Go struct", p.Name, t.QualifiedName(), name, p.GoName))
			}
			taken[name] = true
			g.fields[p] = name
		}
	}
	return nil
}

// field is the Go name of the struct field of p.
func (g *generator) field(p *ir.Property) string {
	if name, ok := g.fields[p]; ok {
		return name
	}
	return p.GoName
}

// checkCycles reports an import cycle between the namespace packages: Go
// packages may not import each other, so two namespaces that refer to each
// other's types need one package.
func (g *generator) checkCycles() error {
	deps := map[string]map[string]bool{}
	g.imports = deps
	use := func(from string, t *ir.Type) {
		if t == nil || t.Package == from {
			return
		}
		if deps[from] == nil {
			deps[from] = map[string]bool{}
		}
		deps[from][t.Package] = true
	}
	for _, t := range g.prog.Types {
		for _, p := range t.AllProperties() {
			use(t.Package, p.Ref)
		}
		anc, _ := ancestors(t)
		for _, a := range anc {
			use(t.Package, a)
		}
	}
	for _, o := range g.prog.Operations {
		use(o.Package, o.Request)
		use(o.Package, o.Response)
		if t := g.requests[o]; t != nil {
			for _, p := range t.Properties {
				use(o.Package, p.Ref)
			}
		}
	}
	state := map[string]int{} // 1 visiting, 2 done
	var stack []string
	var visit func(p string) []string
	visit = func(p string) []string {
		state[p] = 1
		stack = append(stack, p)
		var next []string
		for d := range deps[p] {
			next = append(next, d)
		}
		sort.Strings(next)
		for _, d := range next {
			switch state[d] {
			case 1:
				for i, s := range stack {
					if s == d {
						return append(append([]string(nil), stack[i:]...), d)
					}
				}
			case 0:
				if c := visit(d); c != nil {
					return c
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[p] = 2
		return nil
	}
	for _, pkg := range g.pkgs {
		if state[pkg.name] == 0 {
			if c := visit(pkg.name); c != nil {
				return fmt.Errorf("emit: import cycle between namespace packages: %s", strings.Join(c, " -> "))
			}
		}
	}
	return nil
}
