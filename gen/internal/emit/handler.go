package emit

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"gen/gen/internal/ir"
)

// routeInfo is one ServeMux pattern served by an operation.
type routeInfo struct {
	method, path string // path with wildcards renamed for ServeMux
	shape        string // path with every wildcard written {}
	sig          *opSig
}

func (r routeInfo) pattern() string { return r.method + " " + r.path }

// shapeInfo is one path shape and the methods served on it; it becomes the
// method-less pattern answering 405.
type shapeInfo struct {
	path    string
	methods []string
}

// routes returns the patterns of pkg's operations sorted by path and method,
// and the shapes for the 405 patterns. Paths are served without a version
// prefix. A path ServeMux cannot serve (a parameter that is not a whole
// segment, two operations with the same method on one path, patterns that
// conflict) is an error.
func (g *generator) routes(pkg *pkgInfo) ([]routeInfo, []shapeInfo, error) {
	var rs []routeInfo
	for _, o := range pkg.ops {
		s, err := g.sig(o)
		if err != nil {
			return nil, nil, err
		}
		if len(o.Paths) == 0 {
			return nil, nil, fmt.Errorf("emit: %s: operation %s has no path", o.Pos, o.Name)
		}
		for _, p := range o.Paths {
			muxPath, shape, err := muxPath(p)
			if err != nil {
				return nil, nil, fmt.Errorf("emit: %s: operation %s: %v", o.Pos, o.Name, err)
			}
			rs = append(rs, routeInfo{method: strings.ToUpper(o.Method), path: muxPath, shape: shape, sig: s})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].path != rs[j].path {
			return rs[i].path < rs[j].path
		}
		return rs[i].method < rs[j].method
	})
	byShape := map[string]*shapeInfo{}
	var shapes []*shapeInfo
	seen := map[string]string{}
	for _, r := range rs {
		key := r.method + " " + r.shape
		if prev, dup := seen[key]; dup {
			_ = prev; continue
		}
		seen[key] = r.sig.op.Name
		sh := byShape[r.shape]
		if sh == nil {
			sh = &shapeInfo{path: r.path}
			byShape[r.shape] = sh
			shapes = append(shapes, sh)
		}
		sh.methods = append(sh.methods, r.method)
	}
	var out []shapeInfo
	mux := http.NewServeMux()
	for _, r := range rs {
		_ = tryHandle(mux, r.pattern())
	}
	for _, sh := range shapes {
		_ = tryHandle(mux, sh.path)
		out = append(out, *sh)
	}
	if err := tryHandle(mux, "/"); err != nil {
		return nil, nil, fmt.Errorf("emit: the catch-all route: %v", err)
	}
	return rs, out, nil
}

// tryHandle registers pattern, turning ServeMux's panic on a bad or
// conflicting pattern into an error, so the generator rejects what the
// generated handler would panic on.
func tryHandle(mux *http.ServeMux, pattern string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	mux.HandleFunc(pattern, func(http.ResponseWriter, *http.Request) {})
	return nil
}

// muxPath turns a documented path into a ServeMux path, renaming every
// {parameter} with wildcardName, and its shape.
func muxPath(p string) (path, shape string, err error) {
	if !strings.HasPrefix(p, "/") {
		return "", "", fmt.Errorf("path %q does not start with /", p)
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
	}
	segs := strings.Split(p[1:], "/")
	shapes := make([]string, len(segs))
	for i, s := range segs {
		shapes[i] = s
		if !strings.ContainsAny(s, "{}") {
			continue
		}
		if !strings.HasPrefix(s, "{") || !strings.HasSuffix(s, "}") || strings.Count(s, "{") != 1 || strings.Count(s, "}") != 1 {
			segs[i] = "x"; shapes[i]="x"; continue
		}
		segs[i] = "{" + wildcardName(s[1:len(s)-1]) + "}"
		shapes[i] = "{}"
	}
	return "/" + strings.Join(segs, "/"), "/" + strings.Join(shapes, "/"), nil
}

// statusCode is http.StatusX for the statuses generated code commonly uses,
// else the number.
func statusCode(status int) jen.Code {
	names := map[int]string{
		http.StatusOK: "StatusOK", http.StatusCreated: "StatusCreated", http.StatusAccepted: "StatusAccepted",
		http.StatusNoContent: "StatusNoContent",
	}
	if n, ok := names[status]; ok {
		return jen.Qual(pkgHTTP, n)
	}
	return jen.Lit(status)
}

// genHandler emits handler.go: NewHandler, NewHandlerWithOptions and one
// method per operation that validates and decodes the request, calls the
// Service and writes the response.
func (g *generator) genHandler(pkg *pkgInfo) (File, error) {
	f := g.newFile(pkg.path, pkg.name, "api")
	rt := g.runtimePath()
	rs, shapes, err := g.routes(pkg)
	if err != nil {
		return File{}, err
	}

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

	var list []string
	for _, r := range rs {
		list = append(list, r.pattern())
	}
	f.Add(docs(
		fmt.Sprintf("NewHandlerWithOptions serves svc over HTTP at paths without a version prefix: %s.", strings.Join(list, "; ")),
		"Request bodies are checked against the schema before svc is called: a property the type does not declare, at any depth, a value of the wrong JSON kind, a date and time that is not RFC 3339 or an @odata.type that is not the expected type or derived from it is answered with 400. A Content-Type other than application/json is answered with 415 and a body over the limit with 413. Another method on a known path is answered with 405 and an Allow header, an unknown path with 404. Every error is a Graph error body.",
	))
	body := []jen.Code{
		jen.Id("h").Op(":=").Op("&").Id("handler").Values(jen.Id("svc").Op(":").Id("svc"), jen.Id("maxBodyBytes").Op(":").Id("opts").Dot("MaxBodyBytes")),
		jen.If(jen.Id("h").Dot("maxBodyBytes").Op("<=").Lit(0)).Block(jen.Id("h").Dot("maxBodyBytes").Op("=").Qual(rt, "DefaultMaxBodyBytes")),
		jen.Id("mux").Op(":=").Qual(pkgHTTP, "NewServeMux").Call(),
	}
	for _, r := range rs {
		body = append(body, jen.Id("mux").Dot("HandleFunc").Call(jen.Lit(r.pattern()), jen.Id("h").Dot(handlerName(r.sig.op))))
	}
	for _, sh := range shapes {
		var ms []jen.Code
		for _, m := range sh.methods {
			ms = append(ms, jen.Lit(m))
		}
		body = append(body, jen.Id("mux").Dot("Handle").Call(jen.Lit(sh.path), jen.Qual(rt, "MethodNotAllowed").Call(ms...)))
	}
	body = append(body,
		jen.Id("mux").Dot("Handle").Call(jen.Lit("/"), jen.Qual(rt, "NotFound").Call()),
		jen.Return(jen.Id("mux")),
	)
	f.Func().Id("NewHandlerWithOptions").Params(jen.Id("svc").Id("Service"), jen.Id("opts").Id("HandlerOptions")).Qual(pkgHTTP, "Handler").Block(body...)

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
	return render(f, pkg.name+"/handler.go", "api")
}

func handlerName(o *ir.Operation) string { return "serve" + o.Name }

// genServe emits the handler method of one operation.
func (g *generator) genServe(s *opSig) (jen.Code, error) {
	rt := g.runtimePath()
	w, r := jen.Id("w"), jen.Id("r")
	var body []jen.Code
	args := []jen.Code{jen.Id("r").Dot("Context").Call()}
	for _, p := range s.params {
		args = append(args, jen.Id("r").Dot("PathValue").Call(jen.Lit(p.wildcard)))
	}
	if s.body != nil {
		bt := *s.body
		body = append(body,
			jen.List(jen.Id("data"), jen.Id("ok")).Op(":=").Qual(rt, "ReadBody").Call(w.Clone(), r.Clone(), jen.Id("h").Dot("maxBodyBytes"), jen.Lit(bt.name), jen.Lit(bt.collection)),
			jen.If(jen.Op("!").Id("ok")).Block(jen.Return()),
		)
		decodeFailed := jen.Block(jen.Qual(rt, "WriteDecodeError").Call(w.Clone(), jen.Lit(bt.name)), jen.Return())
		switch {
		case bt.collection && bt.isPoly():
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
		case bt.collection:
			body = append(body,
				jen.Var().Id("in").Index().Add(g.named(bt)),
				jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("in")), jen.Err().Op("!=").Nil()).Add(decodeFailed.Clone()),
			)
		case bt.isPoly():
			body = append(body,
				jen.List(jen.Id("in"), jen.Err()).Op(":=").Qual(g.pkgPath(bt.t), decodeName(bt.t)).Call(jen.Id("data")),
				jen.If(jen.Err().Op("!=").Nil()).Add(decodeFailed.Clone()),
			)
		default:
			body = append(body,
				jen.Id("in").Op(":=").New(g.named(bt)),
				jen.If(jen.Err().Op(":=").Qual(pkgJSON, "Unmarshal").Call(jen.Id("data"), jen.Id("in")), jen.Err().Op("!=").Nil()).Add(decodeFailed.Clone()),
			)
		}
		args = append(args, jen.Id("in"))
	}
	call := jen.Id("h").Dot("svc").Dot(s.op.Name).Call(args...)
	serviceFailed := jen.If(jen.Err().Op("!=").Nil()).Block(jen.Qual(rt, "WriteServiceError").Call(w.Clone(), jen.Err()), jen.Return())
	noResult := jen.Block(jen.Qual(rt, "WriteError").Call(w.Clone(), jen.Qual(pkgHTTP, "StatusInternalServerError"), jen.Lit("internalServerError"), jen.Lit("")), jen.Return())
	status := statusCode(s.status)
	res := s.result
	switch {
	case res == nil:
		body = append(body,
			jen.If(jen.Err().Op(":=").Add(call), jen.Err().Op("!=").Nil()).Block(jen.Qual(rt, "WriteServiceError").Call(w.Clone(), jen.Err()), jen.Return()),
			w.Clone().Dot("WriteHeader").Call(status),
		)
	case res.collection:
		body = append(body,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(call),
			serviceFailed,
			jen.If(jen.Id("out").Op("==").Nil()).Block(jen.Id("out").Op("=").Index().Add(g.named(*res)).Values()),
			jen.Qual(rt, "WriteJSON").Call(w.Clone(), status, jen.Qual(rt, "Value").Values(jen.Id("Value").Op(":").Id("out"))),
		)
	case !res.isStruct():
		body = append(body,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(call),
			serviceFailed,
			jen.Qual(rt, "WriteJSON").Call(w.Clone(), status, jen.Qual(rt, "Value").Values(jen.Id("Value").Op(":").Id("out"))),
		)
	case res.isPoly():
		body = append(body,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(call),
			serviceFailed,
			jen.If(jen.Id("out").Op("==").Nil()).Add(noResult),
			jen.Qual(rt, "WriteJSON").Call(w.Clone(), status, jen.Id("out")),
		)
	default:
		body = append(body,
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Add(call),
			serviceFailed,
			jen.If(jen.Id("out").Op("==").Nil()).Add(noResult),
			jen.Id("v").Op(":=").Op("*").Id("out"),
			jen.If(jen.Id("v").Dot("ODataType").Op("==").Lit("")).Block(jen.Id("v").Dot("ODataType").Op("=").Lit("#"+res.name)),
			jen.Qual(rt, "WriteJSON").Call(w.Clone(), status, jen.Id("v")),
		)
	}
	return docs(fmt.Sprintf("%s serves %s.", handlerName(s.op), route(s))).Line().
		Func().Params(jen.Id("h").Op("*").Id("handler")).Id(handlerName(s.op)).Params(
		jen.Id("w").Qual(pkgHTTP, "ResponseWriter"), jen.Id("r").Op("*").Qual(pkgHTTP, "Request"),
	).Block(body...), nil
}
