package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"gen/gen/internal/ir"
)

// genPage emits the model file of one resource page: its structs and enums,
// and for polymorphic types the AnyT interface and its decoder.
func (g *generator) genPage(pkg *pkgInfo, pg *pageInfo) (File, error) {
	f := g.newFile(pkg.path, pkg.name, pg.source)
	for _, t := range pg.types {
		var err error
		switch o := g.requestOf[t]; {
		case o != nil:
			err = g.genRequest(f, t, o)
		case t.Kind == ir.Enum:
			g.genEnum(f, t)
		default:
			err = g.genModel(f, t)
		}
		if err != nil {
			return File{}, err
		}
	}
	return render(f, pg.file, pg.source, g.opts.ModulePath)
}

// typeDoc is the first paragraph of a type's doc comment.
func typeDoc(t *ir.Type) string {
	kind := "resource type"
	if t.Kind == ir.Complex {
		kind = "complex type"
	}
	s := fmt.Sprintf("%s is the %s %s.", t.GoName, t.QualifiedName(), kind)
	if t.Abstract {
		s += " It is abstract: values are of types derived from it."
	}
	if d := sentence(plainText(t.Description)); d != "" {
		s += " " + d
	}
	return s
}

// genEnum emits a string type with a constant per member. The type is a
// string so that members the service adds later decode and encode as they
// are; Known tells the documented members apart.
func (g *generator) genEnum(f *jen.File, t *ir.Type) {
	f.Add(docs(
		fmt.Sprintf("%s is the %s enumeration.", t.GoName, t.QualifiedName())+addDesc(t.Description),
		"Values are kept as strings so that members the service adds later decode unchanged; Known reports whether a value is one of the members listed here.",
	))
	f.Type().Id(t.GoName).String()
	if len(t.Members) > 0 {
		f.Comment(fmt.Sprintf("Members of %s.", t.GoName))
		f.Const().DefsFunc(func(grp *jen.Group) {
			for _, m := range t.Members {
				grp.Add(doc(fmt.Sprintf("%s is %q.", constName(t, m), m.Name) + addDesc(m.Description)))
				grp.Id(constName(t, m)).Id(t.GoName).Op("=").Lit(m.Name)
			}
		})
	}
	f.Add(doc(fmt.Sprintf("Known reports whether e is one of the members of %s listed in the docs.", t.QualifiedName())))
	f.Func().Params(jen.Id("e").Id(t.GoName)).Id("Known").Params().Bool().BlockFunc(func(grp *jen.Group) {
		if len(t.Members) == 0 {
			grp.Return(jen.False())
			return
		}
		grp.Switch(jen.Id("e")).Block(
			jen.CaseFunc(func(c *jen.Group) {
				for _, m := range t.Members {
					c.Id(constName(t, m))
				}
			}).Block(jen.Return(jen.True())),
		)
		grp.Return(jen.False())
	})
}

func constName(t *ir.Type, m *ir.Member) string { return m.GoName } // the resolver names constants in package scope

func addDesc(d string) string {
	if d := sentence(plainText(d)); d != "" {
		return " " + d
	}
	return ""
}

// genModel emits the struct of an entity or complex type, flattened: it
// repeats every inherited property, after ODataType. Types in a hierarchy
// get a MarshalJSON that writes their @odata.type; polymorphic types get the
// AnyT interface and DecodeAnyT; open types, structs with polymorphic
// fields and those holding either get an UnmarshalJSON (genDecode).
func (g *generator) genModel(f *jen.File, t *ir.Type) error {
	own, _, err := g.propertyFields(t, t.AllProperties(), "property")
	if err != nil {
		return err
	}
	fields := append([]jen.Code{
		doc(fmt.Sprintf("ODataType is the @odata.type annotation, such as %q; it is kept as decoded.", "#"+t.QualifiedName())),
		jen.Id("ODataType").String().Tag(map[string]string{"json": "@odata.type,omitempty"}),
	}, own...)
	open := g.isOpen(t)
	if open {
		fields = append(fields,
			doc(fmt.Sprintf("AdditionalProperties holds the dynamic properties of the open type %s, by name, as raw JSON; they are written after the declared properties.", t.QualifiedName())),
			jen.Id("AdditionalProperties").Map(jen.String()).Qual(pkgJSON, "RawMessage").Tag(map[string]string{"json": "-"}),
		)
	}
	f.Add(docs(typeDoc(t)))
	f.Type().Id(t.GoName).Struct(fields...)

	if t.IsPolymorphic() {
		if err := g.genAny(f, t); err != nil {
			return err
		}
	}
	if err := g.genAsMethods(f, t); err != nil {
		return err
	}
	// An abstract type names no type of its own: a value of it (a PATCH's
	// body, decoded without @odata.type) is encoded without one.
	if inHierarchy(t) && !t.NamesAbstract() || open {
		g.genMarshal(f, t, open)
	}
	if g.memberwise[t] {
		g.genDecode(f, t, open)
	}
	return nil
}

// findMemberwise finds the types whose UnmarshalJSON decodes member by
// member (odata.DecodeObject): open types, those with polymorphic
// properties, and those holding a value of such a type, directly or not.
// encoding/json would scan the value of each again at every level it is
// nested in, so a type that holds one decodes its members itself.
func (g *generator) findMemberwise() {
	g.memberwise = map[*ir.Type]bool{}
	holders := map[*ir.Type][]*ir.Type{} // by the struct type a property holds
	var queue []*ir.Type
	for _, pi := range g.pkgs {
		for _, t := range pi.types {
			if t.Kind == ir.Enum || g.requestOf[t] != nil {
				continue
			}
			seed := g.isOpen(t)
			for _, p := range t.AllProperties() {
				switch r := propRef(t, p); {
				case r.isPoly():
					seed = true
				case r.isStruct():
					holders[r.t] = append(holders[r.t], t)
				}
			}
			if seed {
				g.memberwise[t] = true
				queue = append(queue, t)
			}
		}
	}
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		for _, h := range holders[t] {
			if !g.memberwise[h] {
				g.memberwise[h] = true
				queue = append(queue, h)
			}
		}
	}
}

// genDecode emits the UnmarshalJSON of a type findMemberwise found: it
// gives odata.DecodeObject where each member goes, the @odata.type and then
// each property in the order the schema lists them. Properties of types
// that decode member by member, and polymorphic ones, go through an
// odata.Field; the rest are decoded by encoding/json.
func (g *generator) genDecode(f *jen.File, t *ir.Type, open bool) {
	rt := g.runtimePath()
	args := []jen.Code{jen.Id("data"), jen.Lit(t.QualifiedName()), jen.Op("&").Id("t").Dot("ODataType")}
	var names []string
	for _, p := range t.AllProperties() {
		r := propRef(t, p)
		field := jen.Op("&").Id("t").Dot(g.field(p))
		switch {
		case r.isPoly() && p.Collection:
			args = append(args, jen.Qual(rt, "PolyCollection").Call(jen.Lit(p.Name), jen.Qual(g.pkgPath(p.Ref), decodeName(p.Ref)), field))
		case r.isPoly():
			args = append(args, jen.Qual(rt, "Poly").Call(jen.Lit(p.Name), jen.Qual(g.pkgPath(p.Ref), decodeName(p.Ref)), field))
		case r.isStruct() && g.memberwise[r.t] && p.Collection:
			args = append(args, jen.Qual(rt, "Collection").Call(field))
		case r.isStruct() && g.memberwise[r.t]:
			args = append(args, jen.Qual(rt, "Struct").Call(field))
		default:
			args = append(args, field)
		}
		if r.isPoly() {
			names = append(names, g.field(p))
		}
	}
	body := []jen.Code{
		jen.If(jen.Qual(rt, "IsNull").Call(jen.Id("data"))).Block(jen.Return(jen.Nil())),
	}
	call := jen.Qual(rt, "DecodeObject").Call(multiline(args)...)
	if open {
		body = append(body,
			jen.List(jen.Id("extra"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
			jen.Id("t").Dot("AdditionalProperties").Op("=").Id("extra"),
			jen.Return(jen.Nil()),
		)
	} else {
		body = append(body,
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(call),
			jen.Return(jen.Err()),
		)
	}
	text := "UnmarshalJSON decodes t member by member"
	if len(names) > 0 {
		text += fmt.Sprintf(", choosing the Go type of %s by @odata.type", strings.Join(names, ", "))
	}
	if open {
		text += ", keeping undeclared members in AdditionalProperties"
	}
	f.Add(docs(text + "."))
	f.Func().Params(jen.Id("t").Op("*").Id(t.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}

// propertyFields is a struct field per property of t, each with its doc
// comment (the description, else "<Field> is the <name> <what>.") and json
// tag, and the properties whose fields hold a polymorphic value, for
// genUnmarshal.
func (g *generator) propertyFields(t *ir.Type, props []*ir.Property, what string) (fields []jen.Code, poly []*ir.Property, err error) {
	for _, p := range props {
		r := propRef(t, p)
		typ, err := g.fieldType(r)
		if err != nil {
			return nil, nil, err
		}
		if r.isPoly() {
			poly = append(poly, p)
		}
		text := sentence(plainText(restatedDescription(t, p)))
		if text == "" {
			text = fmt.Sprintf("%s is the %s %s.", g.field(p), p.Name, what)
		}
		fields = append(fields, doc(text), jen.Id(g.field(p)).Add(typ).Tag(map[string]string{"json": p.Name + ",omitempty"}))
	}
	return fields, poly, nil
}

// restatedDescription is the description of p, a property t has, as t's
// page gives it when the page repeats an inherited property ("id: Unique
// identifier of the segment") with one, else as p's own type gives it.
func restatedDescription(t *ir.Type, p *ir.Property) string {
	for _, r := range t.Restated {
		if r.Name == p.Name && strings.TrimSpace(r.Description) != "" {
			return r.Description
		}
	}
	return p.Description
}

// genAny emits AnyT, the interface every value of t or a type derived from
// it satisfies, and DecodeAnyT, which picks the Go type from @odata.type.
//
// The interface method is AsT() *T. It is exported so that derived types in
// other packages (callrecords.Segment derives from graph.Entity) can
// implement it, and it is useful on its own: it gives the properties every
// value of the hierarchy has.
func (g *generator) genAny(f *jen.File, t *ir.Type) error {
	desc := t.Descendants()
	impls := []string{"*" + t.GoName}
	for _, d := range desc {
		if d.Package == t.Package {
			impls = append(impls, "*"+d.GoName)
		} else {
			impls = append(impls, "*"+d.Package+"."+d.GoName)
		}
	}
	f.Add(docs(
		fmt.Sprintf("%s is a value of %s or of a type derived from it: %s.", anyName(t), t.QualifiedName(), strings.Join(impls, ", ")),
		fmt.Sprintf("Properties typed %s hold one of these; %s decodes JSON into the type its @odata.type names.", t.QualifiedName(), decodeName(t)),
	))
	f.Type().Id(anyName(t)).Interface(
		doc(fmt.Sprintf("%s returns a shallow copy of the %s properties of the value.", asName(t), t.QualifiedName())),
		jen.Id(asName(t)).Params().Op("*").Id(t.GoName),
	)

	f.Add(docs(fmt.Sprintf("%s decodes a JSON object into the Go type its @odata.type names (with or without the leading '#'), which must be %s or a type derived from it: %s itself when @odata.type is absent, even for an abstract type. The types are found in the odata registry, so types derived from %s in other packages are found too. JSON null gives nil.", decodeName(t), t.QualifiedName(), t.GoName, t.QualifiedName())))
	f.Func().Id(decodeName(t)).Params(jen.Id("data").Qual(pkgJSON, "RawMessage")).Params(jen.Id(anyName(t)), jen.Error()).Block(
		jen.List(jen.Id("v"), jen.Err()).Op(":=").Qual(g.runtimePath(), "Decode").Call(jen.Id("data"), jen.Lit(t.QualifiedName())),
		jen.If(jen.Id("v").Op("==").Nil().Op("||").Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
		jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Id("v").Assert(jen.Id(anyName(t))),
		jen.If(jen.Op("!").Id("ok")).Block(
			jen.Return(jen.Nil(), jen.Qual(pkgFmt, "Errorf").Call(jen.Lit("%T is not "+t.QualifiedName()+" or a type derived from it"), jen.Id("v"))),
		),
		jen.Return(jen.Id("x"), jen.Nil()),
	)
	return nil
}

// genAsMethods emits AsA for t and every ancestor A of t, so *t satisfies
// the AnyA interface of each polymorphic type it belongs to.
func (g *generator) genAsMethods(f *jen.File, t *ir.Type) error {
	anc, err := ancestors(t)
	if err != nil {
		return err
	}
	var targets []*ir.Type
	if t.IsPolymorphic() {
		targets = append(targets, t)
	}
	targets = append(targets, anc...)
	for _, a := range targets {
		aType := jen.Qual(g.pkgPath(a), a.GoName)
		var body []jen.Code
		body = append(body, jen.If(jen.Id("t").Op("==").Nil()).Block(jen.Return(jen.Nil())))
		if a == t {
			body = append(body,
				jen.Id("c").Op(":=").Op("*").Id("t"),
				jen.Return(jen.Op("&").Id("c")),
			)
		} else {
			vals := []jen.Code{jen.Id("ODataType").Op(":").Id("t").Dot("ODataType")}
			for _, ap := range a.AllProperties() {
				tp := t.Property(ap.Name)
				if tp == nil || g.field(tp) != g.field(ap) || tp.Type != ap.Type || tp.Collection != ap.Collection {
					return fmt.Errorf("emit: %s redeclares property %s of its base type %s with another type or name", t.QualifiedName(), ap.Name, a.QualifiedName())
				}
				vals = append(vals, jen.Id(g.field(ap)).Op(":").Id("t").Dot(g.field(ap)))
			}
			body = append(body, jen.Return(jen.Op("&").Add(aType.Clone()).Values(multiline(vals)...)))
		}
		what := "a shallow copy of t"
		if a != t {
			what = fmt.Sprintf("a shallow copy of the properties t inherits from %s, with t's ODataType", a.QualifiedName())
		}
		f.Add(docs(fmt.Sprintf("%s returns %s. It makes *%s an %s.", asName(a), what, t.GoName, anyName(a))))
		f.Func().Params(jen.Id("t").Op("*").Id(t.GoName)).Id(asName(a)).Params().Op("*").Add(aType).Block(body...)
	}
	return nil
}

// multiline puts each element of a composite literal on its own line.
func multiline(items []jen.Code) []jen.Code {
	out := make([]jen.Code, 0, len(items)+1)
	for _, it := range items {
		out = append(out, jen.Line().Add(it))
	}
	return append(out, jen.Line())
}

// genMarshal emits MarshalJSON for a concrete type in a hierarchy or an
// open type. In a hierarchy it writes "#<qualified name>" as @odata.type when ODataType
// is empty, so a derived value held as its base type still says what it is;
// for an open type it appends AdditionalProperties.
func (g *generator) genMarshal(f *jen.File, t *ir.Type, open bool) {
	body := []jen.Code{jen.Type().Id("plain").Id(t.GoName)}
	var text []string
	if inHierarchy(t) && !t.NamesAbstract() {
		text = append(text, fmt.Sprintf("MarshalJSON encodes t with @odata.type %q unless ODataType is already set, so that a value held as a base type keeps its type.", "#"+t.QualifiedName()))
		body = append(body, jen.If(jen.Id("t").Dot("ODataType").Op("==").Lit("")).Block(
			jen.Id("t").Dot("ODataType").Op("=").Lit("#"+t.QualifiedName()),
		))
	}
	if open {
		if len(text) == 0 {
			text = append(text, "MarshalJSON encodes t with its dynamic properties, AdditionalProperties, after the declared ones.")
		} else {
			text = append(text, "The dynamic properties, AdditionalProperties, follow the declared ones.")
		}
		body = append(body,
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual(g.runtimePath(), "Marshal").Call(jen.Id("plain").Call(jen.Id("t"))),
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Err())),
			jen.Return(jen.Qual(g.runtimePath(), "AddProperties").Call(jen.Id("data"), jen.Id("t").Dot("AdditionalProperties"))),
		)
	} else {
		body = append(body, jen.Return(jen.Qual(g.runtimePath(), "Marshal").Call(jen.Id("plain").Call(jen.Id("t")))))
	}
	f.Add(docs(strings.Join(text, " ")))
	f.Func().Params(jen.Id("t").Id(t.GoName)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(body...)
}

// genUnmarshal emits UnmarshalJSON for a request struct with polymorphic
// fields. Everything else decodes through a shadowed copy of the struct;
// only the polymorphic fields are taken as json.RawMessage and decoded by
// DecodeAnyT. (A request body is decoded once, at the top, so encoding/json
// reading it is no cost per level, as it is for the models: genDecode.)
func (g *generator) genUnmarshal(f *jen.File, t *ir.Type, poly []*ir.Property) {
	auxFields := []jen.Code{jen.Op("*").Id("plain")}
	for _, p := range poly {
		typ := jen.Qual(pkgJSON, "RawMessage")
		if p.Collection {
			typ = jen.Index().Qual(pkgJSON, "RawMessage")
		}
		auxFields = append(auxFields, jen.Id(g.field(p)).Add(typ).Tag(map[string]string{"json": p.Name + ",omitempty"}))
	}
	var names []string
	for _, p := range poly {
		names = append(names, g.field(p))
	}
	body := []jen.Code{
		jen.If(jen.Qual(g.runtimePath(), "IsNull").Call(jen.Id("data"))).Block(jen.Return(jen.Nil())),
		jen.Type().Id("plain").Id(t.GoName),
		jen.Id("aux").Op(":=").Struct(auxFields...).Values(jen.Id("plain").Op(":").Params(jen.Op("*").Id("plain")).Call(jen.Id("t"))),
		jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("aux")), jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Err())),
	}
	for _, p := range poly {
		helper := "DecodeProperty"
		if p.Collection {
			helper = "DecodeCollection"
		}
		body = append(body, jen.If(
			jen.Err().Op(":=").Qual(g.runtimePath(), helper).Call(jen.Lit(p.Name), jen.Id("aux").Dot(g.field(p)), jen.Qual(g.pkgPath(p.Ref), decodeName(p.Ref)), jen.Op("&").Id("t").Dot(g.field(p))),
			jen.Err().Op("!=").Nil(),
		).Block(jen.Return(jen.Err())))
	}
	text := "UnmarshalJSON decodes t"
	if len(names) > 0 {
		text += fmt.Sprintf(", choosing the Go type of %s by @odata.type", strings.Join(names, ", "))
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Add(docs(text + "."))
	f.Func().Params(jen.Id("t").Op("*").Id(t.GoName)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(body...)
}
