package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// genSchema emits schema.go: the schema of every type of the package, as
// static data, and an init function registering it with the odata runtime,
// by qualified name. The
// validator walks request bodies against this table, and DecodeAnyT finds
// derived types from other packages in it, so no package needs to import the
// packages that derive from its types.
//
// The table is flat: each type lists all its properties, inherited ones
// included, and the names of all its ancestors, so a lookup never depends on
// the package of a base type being linked in.
func (g *generator) genSchema(pkg *pkgInfo) (File, error) {
	f := g.newFile(pkg.path, pkg.name, "resources")
	rt := g.runtimePath()
	var entries []jen.Code
	for _, t := range pkg.types {
		fields := []jen.Code{jen.Id("Name").Op(":").Lit(t.QualifiedName())}
		if t.Kind == "enum" {
			fields = append(fields, jen.Id("Enum").Op(":").True())
			entries = append(entries, jen.Line().Values(fields...))
			continue
		}
		anc, err := ancestors(t)
		if err != nil {
			return File{}, err
		}
		if len(anc) > 0 {
			var names []jen.Code
			for _, a := range anc {
				names = append(names, jen.Lit(a.QualifiedName()))
			}
			fields = append(fields, jen.Id("Ancestors").Op(":").Index().String().Values(names...))
		}
		if g.isOpen(t) {
			fields = append(fields, jen.Id("Open").Op(":").True())
		}
		if t.NamesAbstract() {
			fields = append(fields, jen.Id("Abstract").Op(":").True())
		}
		if g.requestOf[t] != nil {
			fields = append(fields, jen.Id("Request").Op(":").True())
		}
		var props []jen.Code
		for _, p := range t.AllProperties() {
			r := propRef(t, p)
			if err := r.resolve(); err != nil {
				return File{}, err
			}
			pf := []jen.Code{jen.Id("Name").Op(":").Lit(p.Name), jen.Id("Type").Op(":").Lit(r.name)}
			if p.Collection {
				pf = append(pf, jen.Id("Collection").Op(":").True())
			}
			props = append(props, jen.Line().Values(pf...))
		}
		if len(props) > 0 {
			props = append(props, jen.Line())
			fields = append(fields, jen.Id("Properties").Op(":").Index().Qual(rt, "Property").Values(props...))
		}
		fields = append(fields, jen.Id("GoType").Op(":").Parens(jen.Op("*").Id(t.GoName)).Parens(jen.Nil()))
		entries = append(entries, jen.Line().Values(multiline(fields)...))
	}
	entries = append(entries, jen.Line())
	f.Add(doc(fmt.Sprintf("schema is the schema of the %d types of package %s, by qualified name; it is static data.", len(pkg.types), pkg.name)))
	f.Var().Id("schema").Op("=").Index().Qual(rt, "Type").Values(entries...)
	f.Comment("init registers schema with the odata runtime.")
	f.Func().Id("init").Params().Block(
		jen.Qual(rt, "Register").Call(jen.Id("schema")),
	)
	return render(f, pkg.name+"/schema.go", "resources", g.opts.ModulePath)
}
