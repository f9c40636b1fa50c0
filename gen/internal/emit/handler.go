package emit

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"gen/gen/internal/ir"
)

// statusCode is http.StatusX for the statuses generated code commonly uses,
// else the number.
func statusCode(status int) jen.Code {
	names := map[int]string{
		http.StatusOK: "StatusOK", http.StatusCreated: "StatusCreated", http.StatusAccepted: "StatusAccepted",
		http.StatusNoContent: "StatusNoContent", http.StatusFound: "StatusFound",
	}
	if n, ok := names[status]; ok {
		return jen.Qual(pkgHTTP, n)
	}
	return jen.Lit(status)
}

// genHandler emits handler.go: NewHandler, NewHandlerWithOptions, the
// routing table and one method per operation that validates and decodes
// the request, calls the Service and writes the response.
func (g *generator) genHandler(pkg *pkgInfo) (File, error) {
	f := g.newFile(pkg.path, pkg.name, "api")
	rt := g.runtimePath()
	routing, err := g.routes(pkg)
	if err != nil {
		return File{}, err
	}
	rows, paths := routing.table()

	f.Comment("HandlerOptions configures NewHandlerWithOptions.")
	f.Type().Id("HandlerOptions").Struct(
		doc("MaxBodyBytes limits the size of a request body; a larger body is answered with 413. Zero means odata.DefaultMaxBodyBytes, 4 MiB."),
		jen.Id("MaxBodyBytes").Int64(),
	)

	f.Add(docs(
		"NewHandler serves svc over HTTP with the default options; see NewHandlerWithOptions.",
	))
	f.Func().Id("NewHandler").Params(jen.Id("svc").Id("Service")).Qual(pkgHTTP, "Handler").Block(
		jen.Return(jen.Id("NewHandlerWithOptions").Call(jen.Id("svc"), jen.Id("HandlerOptions").Values())),
	)

	where := fmt.Sprintf("the paths of the %d operations of Service, listed in routes", len(pkg.ops))
	if len(rows) <= 8 {
		var list []string
		for _, r := range rows {
			if r.route != nil {
				list = append(list, r.route.method+" "+r.route.doc)
			}
		}
		where = strings.Join(list, "; ")
	}
	f.Add(docs(
		fmt.Sprintf("NewHandlerWithOptions serves svc over HTTP at paths without a version prefix: %s.", where),
		"Request bodies are checked against the schema before svc is called: a property the type does not declare (or, on an open type, a declared one in other letter case), at any depth, a value of the wrong JSON kind, a null element in a collection, a name repeated in one object, a date and time that is not RFC 3339 or an @odata.type that is not the expected type or derived from it is answered with 400. A Content-Type other than application/json is answered with 415 and a body over the limit, or holding more objects or values than odata.MaxObjects and odata.MaxValues allow, with 413. Another method on a known path is answered with 405 and an Allow header, an unknown path with 404 and one longer than odata.MaxPathBytes with 414; literal path segments match in any letter case. A panic in svc is logged and answered with 500. Every error is a Graph error body.",
	))
	f.Func().Id("NewHandlerWithOptions").Params(jen.Id("svc").Id("Service"), jen.Id("opts").Id("HandlerOptions")).Qual(pkgHTTP, "Handler").Block(
		jen.Id("h").Op(":=").Op("&").Id("handler").Values(jen.Id("svc").Op(":").Id("svc"), jen.Id("maxBodyBytes").Op(":").Id("opts").Dot("MaxBodyBytes")),
		jen.If(jen.Id("h").Dot("maxBodyBytes").Op("<=").Lit(0)).Block(jen.Id("h").Dot("maxBodyBytes").Op("=").Qual(rt, "DefaultMaxBodyBytes")),
		jen.Return(jen.Qual(rt, "NewServeMux").Call(jen.Id("h"), jen.Id("routes"), jen.Id("paths"))),
	)

	var entries []jen.Code
	for _, r := range rows {
		var fields []jen.Code
		if p := r.pattern(); p != "" {
			fields = append(fields, jen.Id("Pattern").Op(":").Lit(p))
		} else {
			if m := r.method(); m != "" {
				fields = append(fields, jen.Id("Method").Op(":").Lit(m))
			}
			fields = append(fields, jen.Id("Expr").Op(":").Add(rawString(r.expr())))
			fields = append(fields, jen.Id("Allow").Op(":").Add(stringSlice(r.allow())))
		}
		if ps := r.params(); len(ps) > 0 {
			fields = append(fields, jen.Id("Params").Op(":").Add(stringSlice(ps)))
		}
		if r.route != nil {
			fields = append(fields, jen.Id("Serve").Op(":").Parens(jen.Op("*").Id("handler")).Dot(r.route.handlerFunc()))
		}
		entries = append(entries, jen.Line().Values(fields...))
	}
	if len(entries) > 0 {
		entries = append(entries, jen.Line())
	}
	f.Add(docs(
		"routes are the operations' routes: those with a Pattern on the http.ServeMux, the others, whose paths ServeMux patterns cannot express or that would conflict with another pattern, matched by regular expression in this order, most literal characters first.",
	))
	f.Var().Id("routes").Op("=").Index().Qual(rt, "Route").Types(jen.Op("*").Id("handler")).Values(entries...)

	var pathEntries []jen.Code
	for _, p := range paths {
		pathEntries = append(pathEntries, jen.Line().Values(jen.Id("Pattern").Op(":").Lit(p.muxPath), jen.Id("Allow").Op(":").Add(stringSlice(p.allow()))))
	}
	if len(pathEntries) > 0 {
		pathEntries = append(pathEntries, jen.Line())
	}
	f.Add(docs("paths are the ServeMux patterns that answer 405 Method Not Allowed to the methods no route serves on them."))
	f.Var().Id("paths").Op("=").Index().Qual(rt, "Path").Values(pathEntries...)

	f.Comment("handler adapts a Service to HTTP.")
	f.Type().Id("handler").Struct(
		jen.Id("svc").Id("Service"),
		jen.Id("maxBodyBytes").Int64(),
	)
	for _, o := range pkg.ops {
		s, err := g.sig(o)
		if err != nil {
			return File{}, err
		}
		m, err := g.genServe(s)
		if err != nil {
			return File{}, err
		}
		f.Add(m)
	}
	for _, r := range append(append([]*route(nil), routing.mux...), routing.fallback...) {
		if r.dispatchName != "" {
			f.Add(genDispatch(r, rt))
		}
	}
	return render(f, pkg.name+"/handler.go", "api", g.opts.ModulePath)
}

// stringSlice is a []string literal.
func stringSlice(list []string) jen.Code {
	var vs []jen.Code
	for _, s := range list {
		vs = append(vs, jen.Lit(s))
	}
	return jen.Index().String().Values(vs...)
}

func handlerName(o *ir.Operation) string { return "serve" + o.Name }

// genDispatch emits the handler of a route several operations document,
// each for a body of its own type: it hands the request to the one whose
// type the body's @odata.type names, else to the one whose type is a base
// of the others' (whose handler then answers what is wrong with the body),
// else, none being one, answers 400.
func genDispatch(r *route, rt string) jen.Code {
	w, req, p := jen.Id("w"), jen.Id("r"), jen.Id("p")
	var cases []jen.Code
	var names []string
	def := r.dispatchDefault
	for _, s := range r.sharing() {
		names = append(names, s.op.Name)
		if s == def {
			continue
		}
		cases = append(cases, jen.Case(jen.Lit(s.body.name)).Block(
			jen.Id("h").Dot(handlerName(s.op)).Call(w.Clone(), req.Clone(), p.Clone()),
		))
	}
	var text string
	if def != nil {
		cases = append(cases, jen.Default().Block(jen.Id("h").Dot(handlerName(def.op)).Call(w.Clone(), req.Clone(), p.Clone())))
		text = fmt.Sprintf("%s serves %s %s, which %s document, each for a body of its own type: the body's @odata.type picks the operation, %s (the most general type) when it names none of the others.",
			r.dispatchName, r.method, r.doc, strings.Join(names, ", "), def.op.Name)
	} else {
		var types []string
		for _, s := range r.sharing() {
			types = append(types, "#"+s.body.name)
		}
		cases = append(cases, jen.Default().Block(jen.Qual(rt, "WriteError").Call(w.Clone(), jen.Qual(pkgHTTP, "StatusBadRequest"), jen.Lit("invalidRequest"),
			jen.Lit("the body's @odata.type must name the type it is of: one of "+strings.Join(types, ", ")))))
		text = fmt.Sprintf("%s serves %s %s, which %s document, each for a body of its own type: the body's @odata.type picks the operation, and a body naming none of their types is answered 400, as none of them is a base of the others.",
			r.dispatchName, r.method, r.doc, strings.Join(names, ", "))
	}
	return docs(text).Line().
		Func().Params(jen.Id("h").Op("*").Id("handler")).Id(r.dispatchName).Params(
		jen.Id("w").Qual(pkgHTTP, "ResponseWriter"), jen.Id("r").Op("*").Qual(pkgHTTP, "Request"), jen.Id("p").Index().String(),
	).Block(
		jen.List(jen.Id("name"), jen.Id("ok")).Op(":=").Qual(rt, "BodyODataType").Call(w.Clone(), req.Clone(), jen.Id("h").Dot("maxBodyBytes")),
		jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
		jen.Switch(jen.Id("name")).Block(cases...),
	)
}

// genServe emits the handler method of one operation.
func (g *generator) genServe(s *opSig) (jen.Code, error) {
	rt := g.runtimePath()
	w, r := jen.Id("w"), jen.Id("r")
	var body []jen.Code
	args := []jen.Code{jen.Id("r").Dot("Context").Call()}
	for i := range s.params {
		args = append(args, jen.Id("p").Index(jen.Lit(i)))
	}
	if s.body != nil {
		bt := *s.body
		limit := jen.Id("h").Dot("maxBodyBytes")
		decodeFailed := jen.Block(jen.Qual(rt, "WriteDecodeError").Call(w.Clone(), jen.Lit(bt.name)), jen.Return())
		switch {
		case bt.reference:
			body = append(body,
				jen.List(jen.Id("in"), jen.Id("ok")).Op(":=").Qual(rt, "ReadReference").Call(w.Clone(), r.Clone(), limit),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
			)
		case bt.raw:
			body = append(body,
				jen.List(jen.Id("data"), jen.Id("ok")).Op(":=").Qual(rt, "ReadBody").Call(w.Clone(), r.Clone(), limit, jen.Lit(bt.name), jen.False()),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
				jen.Id("in").Op(":=").Qual(pkgJSON, "RawMessage").Call(jen.Id("data")),
			)
		case bt.isPoly():
			body = append(body,
				jen.List(jen.Id("data"), jen.Id("ok")).Op(":=").Qual(rt, "ReadBody").Call(w.Clone(), r.Clone(), limit, jen.Lit(bt.name), jen.Lit(bt.collection)),
				jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
			)
			if bt.collection {
				body = append(body,
					jen.Var().Id("raws").Index().Qual(pkgJSON, "RawMessage"),
					jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("raws")), jen.Err().Op("!=").Nil()).Add(decodeFailed.Clone()),
					jen.Id("in").Op(":=").Make(jen.Index().Qual(g.pkgPath(bt.t), anyName(bt.t)), jen.Len(jen.Id("raws"))),
					jen.For(jen.List(jen.Id("i"), jen.Id("raw")).Op(":=").Range().Id("raws")).Block(
						jen.List(jen.Id("v"), jen.Err()).Op(":=").Qual(g.pkgPath(bt.t), decodeName(bt.t)).Call(jen.Id("raw")),
						jen.If(jen.Err().Op("!=").Nil()).Add(decodeFailed.Clone()),
						jen.Id("in").Index(jen.Id("i")).Op("=").Id("v"),
					),
				)
			} else {
				body = append(body,
					jen.List(jen.Id("in"), jen.Err()).Op(":=").Qual(g.pkgPath(bt.t), decodeName(bt.t)).Call(jen.Id("data")),
					jen.If(jen.Err().Op("!=").Nil()).Add(decodeFailed.Clone()),
				)
			}
		case bt.collection:
			body = append(body,
				jen.Var().Id("in").Index().Add(g.named(bt)),
				jen.If(jen.Op("!").Qual(rt, "ReadJSON").Call(w.Clone(), r.Clone(), limit, jen.Lit(bt.name), jen.True(), jen.Op("&").Id("in"))).Block(jen.Return()),
			)
		case bt.table && !s.op.RowsLeftOut && allOptional(s.op.RequestBody):
			// No parameter is required: a request with no body at all
			// (no Content-Type, nothing sent) passes none.
			body = append(body,
				jen.Id("in").Op(":=").New(g.named(bt)),
				jen.If(jen.Op("!").Qual(rt, "ReadOptionalJSON").Call(w.Clone(), r.Clone(), limit, jen.Lit(bt.name), jen.Id("in"))).Block(jen.Return()),
			)
		default:
			body = append(body,
				jen.Id("in").Op(":=").New(g.named(bt)),
				jen.If(jen.Op("!").Qual(rt, "ReadJSON").Call(w.Clone(), r.Clone(), limit, jen.Lit(bt.name), jen.False(), jen.Id("in"))).Block(jen.Return()),
			)
		}
		args = append(args, jen.Id("in"))
	}
	call := jen.Id("h").Dot("svc").Dot(s.op.Name).Call(args...)
	status := statusCode(s.status)
	res := s.result
	switch {
	case s.redirect:
		body = append(body,
			jen.List(jen.Id("location"), jen.Err()).Op(":=").Add(call),
			jen.Qual(rt, "WriteRedirect").Call(w.Clone(), status, jen.Id("location"), jen.Err()),
		)
	case res == nil:
		body = append(body, jen.Qual(rt, "WriteNoContent").Call(w.Clone(), status, call))
	case res.raw:
		body = append(body,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(call),
			jen.Qual(rt, "WriteEntity").Call(w.Clone(), status, jen.Id("out"), jen.Err(), jen.Lit("")),
		)
	case res.collection || !res.isStruct():
		body = append(body,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(call),
			jen.Qual(rt, "WriteValue").Call(w.Clone(), status, jen.Id("out"), jen.Err(), jen.Lit(res.collection)),
		)
	default:
		body = append(body,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(call),
			jen.Qual(rt, "WriteEntity").Call(w.Clone(), status, jen.Id("out"), jen.Err(), jen.Lit("#"+res.name)),
		)
	}
	text := fmt.Sprintf("%s serves %s.", handlerName(s.op), routeText(s))
	if len(s.params) > 0 {
		var names []string
		for _, p := range s.params {
			names = append(names, p.wildcard)
		}
		text += fmt.Sprintf(" p holds the path values %s.", strings.Join(names, ", "))
	}
	return docs(text).Line().
		Func().Params(jen.Id("h").Op("*").Id("handler")).Id(handlerName(s.op)).Params(
		jen.Id("w").Qual(pkgHTTP, "ResponseWriter"), jen.Id("r").Op("*").Qual(pkgHTTP, "Request"), jen.Id("p").Index().String(),
	).Block(body...), nil
}

// allOptional reports whether every row of a request-body table says its
// parameter is optional ("Optional. The comment.", "The comment. Optional.")
// and none says required.
func allOptional(rows []*ir.Property) bool {
	if len(rows) == 0 {
		return false
	}
	for _, p := range rows {
		d := strings.ToLower(p.Description)
		if !strings.Contains(d, "optional.") && !strings.HasPrefix(d, "optional") || strings.Contains(d, "required") || strings.Contains(d, "not optional") {
			return false
		}
	}
	return true
}
