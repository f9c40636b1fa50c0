package emit

import (
	"fmt"
	"sort"

	"github.com/dave/jennifer/jen"

	"gen/gen/internal/ir"
	"gen/gen/internal/keptnames"
)

// requestFile is the file of a package's request types.
const requestFile = "requests"

// addRequestTypes gives each operation of pkg whose body only a table
// describes a struct of its own, <Operation>Request, in requests.go: the
// handler decodes and validates the body against the table as it does
// against a type, and the Service method receives it. The struct is a type
// of the package like the documented ones, named apart from every Go name
// the package declares and every documented type.
func (g *generator) addRequestTypes(pkg *pkgInfo) {
	taken := map[string]bool{}
	for _, id := range fixedNames {
		taken[id] = true
	}
	for _, t := range pkg.types {
		taken[t.GoName], taken[anyName(t)], taken[decodeName(t)] = true, true, true
		for _, m := range t.Members {
			taken[constName(t, m)] = true
		}
	}
	for _, o := range pkg.ops {
		taken["TestExample"+o.Name] = true
	}
	var page *pageInfo
	for _, o := range pkg.ops {
		if !o.TableBody() {
			continue
		}
		base := keptnames.RequestTitle(o.Name)
		name := base
		free := func(n string) bool { return !taken[n] && g.prog.Lookup(o.Namespace+"."+n) == nil }
		if k := o.KeptRequestName; k != "" && free(k) {
			name = k // the name an earlier run gave, which the resolver kept from new types
		}
		for k := 2; !free(name); k++ {
			name = fmt.Sprintf("%s%d", base, k)
		}
		taken[name] = true
		if name != base && !free(base) { // not for a numbered name kept where base is free again
			g.warnRule(o.Pos, "renamed-type", fmt.Sprintf("the request body of %s is the struct %s: %s is taken in package %s", o.Name, name, base, pkg.name))
		}
		t := &ir.Type{Namespace: o.Namespace, Name: name, Kind: ir.Complex, Source: o.Source,
			GoName: name, Package: o.Package, Pos: o.Pos, Properties: firstOfEachName(o.RequestBody)}
		g.requests[o], g.requestOf[t] = t, o
		pkg.types = append(pkg.types, t)
		if page == nil {
			page = &pageInfo{source: "api", file: pkg.name + "/" + requestFile + ".go"}
			pkg.pages = append(pkg.pages, page)
		}
		page.types = append(page.types, t)
	}
	sort.SliceStable(pkg.types, func(i, j int) bool { return pkg.types[i].QualifiedName() < pkg.types[j].QualifiedName() })
	sort.Slice(pkg.pages, func(i, j int) bool { return pkg.pages[i].file < pkg.pages[j].file })
}

// firstOfEachName drops rows that repeat a name: two fields with one JSON
// name would each hide the other from encoding/json.
func firstOfEachName(rows []*ir.Property) []*ir.Property {
	seen := map[string]bool{}
	var out []*ir.Property
	for _, p := range rows {
		if !seen[p.Name] {
			seen[p.Name] = true
			out = append(out, p)
		}
	}
	return out
}

// genRequest emits the struct of an operation's request body: the table's
// rows as fields, without the @odata.type a resource carries, and the
// UnmarshalJSON that decodes its polymorphic fields (a message to forward
// may be an eventMessage).
func (g *generator) genRequest(f *jen.File, t *ir.Type, o *ir.Operation) error {
	fields, poly, err := g.propertyFields(t, t.Properties, "parameter")
	if err != nil {
		return err
	}
	f.Add(docs(fmt.Sprintf("%s is the request body of %s (%s), as its request-body table lists it.", t.GoName, o.Name, o.Source)))
	f.Type().Id(t.GoName).Struct(fields...)
	if len(poly) > 0 {
		g.genUnmarshal(f, t, poly)
	}
	return nil
}
