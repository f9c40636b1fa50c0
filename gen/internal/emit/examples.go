package emit

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"gen/gen/internal/emit/odata"
	"gen/gen/internal/ir"
)

// runnableExamples returns the examples of o that have both a request and a
// response.
func runnableExamples(o *ir.Operation) []*ir.Example {
	var out []*ir.Example
	for _, ex := range o.Examples {
		if ex != nil && ex.Request != nil && ex.Response != nil {
			out = append(out, ex)
		}
	}
	return out
}

// genExamples emits examples_test.go: for every operation with examples, a
// test that sends each documented request to NewHandler with a fake Service
// answering the documented response, and checks the status and the body.
// Placeholders in the bodies are replaced by FillPlaceholders at generation
// time. It reports false when the package has no runnable example.
func (g *generator) genExamples(pkg *pkgInfo) (File, bool, error) {
	var ops []*ir.Operation
	for _, o := range pkg.ops {
		if len(runnableExamples(o)) > 0 {
			ops = append(ops, o)
		}
	}
	if len(ops) == 0 {
		return File{}, false, nil
	}
	routing, err := g.routes(pkg)
	if err != nil {
		return File{}, false, err
	}
	sim, err := routing.newSimulator()
	if err != nil {
		return File{}, false, err
	}
	f := g.newFile(pkg.path, pkg.name, "api")
	f.Add(docs("exampleService is the Service of the example tests: the operation named op records its call, checks that the body it got holds the example request, and answers with the example response, or with fail when it is set; every other operation answers 501."))
	f.Type().Id("exampleService").Struct(
		jen.Id("UnimplementedService"),
		jen.Id("t").Op("*").Qual(pkgTesting, "T"),
		jen.Id("op").String(),
		jen.Id("request").String(),
		jen.Id("response").String(),
		jen.Id("fail").Op("*").Id("Error"),
		jen.Id("called").Bool(),
		jen.Id("pathParams").Index().String(),
	)
	f.Add(docs("examples is the Service of every example test, which sets it up before it sends its request; the tests do not run in parallel."))
	f.Var().Id("examples").Op("=").New(jen.Id("exampleService"))
	f.Add(docs("exampleHandler serves the example requests. It is built once: building a handler registers every route."))
	f.Var().Id("exampleHandler").Op("=").Id("NewHandler").Call(jen.Id("examples"))
	// The tests first: only operations with an example that runs need a
	// method of exampleService.
	var tests []jen.Code
	faked := map[*opSig]bool{}
	for _, o := range ops {
		s, err := g.sig(o)
		if err != nil {
			return File{}, false, err
		}
		var subtests []jen.Code
		var served []*opSig // in the order the examples reach them
		for i, ex := range runnableExamples(o) {
			st, by, err := g.genExampleTest(s, ex, i, sim)
			if err != nil {
				return File{}, false, err
			}
			subtests = append(subtests, st)
			if by != nil && !faked[by] {
				faked[by] = true
				served = append(served, by)
			}
		}
		for _, by := range served {
			m, err := g.genFakeMethod(by)
			if err != nil {
				return File{}, false, err
			}
			f.Add(m)
		}
		tests = append(tests, docs(fmt.Sprintf("TestExample%s sends the examples of %s (%s) to NewHandler and checks the documented responses.", o.Name, o.Name, o.Source)).Line().
			Func().Id("TestExample"+o.Name).Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(subtests...))
	}
	for _, t := range tests {
		f.Add(t)
	}
	file, err := render(f, pkg.name+"/examples_test.go", "api", g.opts.ModulePath)
	return file, err == nil, err
}

// genFakeMethod emits the exampleService method of one operation. Its
// parameters are positional (p1, p2, ..., body) so that no name from the
// docs can collide with the method's own variables.
func (g *generator) genFakeMethod(s *opSig) (jen.Code, error) {
	names := []string{"ctx"}
	var recorded []jen.Code
	for i := range s.params {
		names = append(names, fmt.Sprintf("p%d", i+1))
		recorded = append(recorded, jen.Id(fmt.Sprintf("p%d", i+1)))
	}
	if s.body != nil {
		names = append(names, "body")
	}
	params, results, err := g.signature(s, names)
	if err != nil {
		return nil, err
	}
	var args []jen.Code
	for _, n := range names {
		args = append(args, jen.Id(n))
	}
	sT := jen.Id("s").Dot("t")
	body := []jen.Code{
		jen.If(jen.Id("s").Dot("op").Op("!=").Lit(s.op.Name)).Block(
			jen.Return(jen.Id("s").Dot("UnimplementedService").Dot(s.op.Name).Call(args...)),
		),
		jen.Id("s").Dot("called").Op("=").True(),
	}
	if len(recorded) > 0 {
		body = append(body, jen.Id("s").Dot("pathParams").Op("=").Index().String().Values(recorded...))
	}
	if s.body != nil && !s.body.collection {
		body = append(body, jen.Qual(pkgAssert, "NotNil").Call(sT.Clone(), jen.Id("body"), jen.Lit(s.op.Name+" got no request body")))
	}
	if s.body != nil {
		// Every value the example sends must reach the method: encoding what
		// it got gives them all back.
		body = append(body, jen.If(jen.Id("s").Dot("request").Op("!=").Lit("")).Block(
			jen.List(jen.Id("data"), jen.Err()).Op(":=").Qual(pkgJSON, "Marshal").Call(jen.Id("body")),
			jen.Qual(pkgRequire, "NoError").Call(sT.Clone(), jen.Err(), jen.Lit("encoding the request body "+s.op.Name+" got")),
			jen.Qual(pkgAssert, "NoError").Call(sT.Clone(), jen.Qual(g.runtimePath(), "JSONSubsetAs").Call(jen.Lit(s.body.name), jen.Index().Byte().Parens(jen.Id("s").Dot("request")), jen.Id("data")), jen.Lit("the request body "+s.op.Name+" got")),
		))
	}
	fail := jen.If(jen.Id("s").Dot("fail").Op("!=").Nil())
	decodeOK := func(target jen.Code) jen.Code {
		return jen.If(jen.Id("s").Dot("response").Op("!=").Lit("")).Block(
			jen.Qual(pkgRequire, "NoError").Call(sT.Clone(), jen.Qual(pkgJSON, "Unmarshal").Call(jen.Index().Byte().Parens(jen.Id("s").Dot("response")), target), jen.Lit("decoding the example response")),
		)
	}
	r := s.result
	switch {
	case s.redirect: // the example's Location is its response
		body = append(body, fail.Block(jen.Return(jen.Lit(""), jen.Id("s").Dot("fail"))), jen.Return(jen.Id("s").Dot("response"), jen.Nil()))
	case r == nil:
		body = append(body, fail.Block(jen.Return(jen.Id("s").Dot("fail"))), jen.Return(jen.Nil()))
	case r.raw:
		body = append(body,
			fail.Block(jen.Return(jen.Nil(), jen.Id("s").Dot("fail"))),
			jen.Return(jen.Qual(pkgJSON, "RawMessage").Call(jen.Id("s").Dot("response")), jen.Nil()),
		)
	case r.collection:
		elem := g.named(*r)
		body = append(body, fail.Block(jen.Return(jen.Nil(), jen.Id("s").Dot("fail"))))
		if r.isPoly() {
			body = append(body,
				jen.Var().Id("out").Struct(jen.Id("Value").Index().Qual(pkgJSON, "RawMessage").Tag(map[string]string{"json": "value"})),
				decodeOK(jen.Op("&").Id("out")),
				jen.Id("values").Op(":=").Make(jen.Index().Add(elem), jen.Len(jen.Id("out").Dot("Value"))),
				jen.For(jen.List(jen.Id("i"), jen.Id("raw")).Op(":=").Range().Id("out").Dot("Value")).Block(
					jen.List(jen.Id("v"), jen.Err()).Op(":=").Qual(g.pkgPath(r.t), decodeName(r.t)).Call(jen.Id("raw")),
					jen.Qual(pkgRequire, "NoError").Call(sT.Clone(), jen.Err(), jen.Lit("decoding the example response")),
					jen.Id("values").Index(jen.Id("i")).Op("=").Id("v"),
				),
				jen.Return(jen.Id("values"), jen.Nil()),
			)
		} else {
			body = append(body,
				jen.Var().Id("out").Struct(jen.Id("Value").Index().Add(elem).Tag(map[string]string{"json": "value"})),
				decodeOK(jen.Op("&").Id("out")),
				jen.Return(jen.Id("out").Dot("Value"), jen.Nil()),
			)
		}
	case !r.isStruct():
		body = append(body,
			fail.Block(jen.Return(g.zero(r), jen.Id("s").Dot("fail"))),
			jen.Var().Id("out").Struct(jen.Id("Value").Add(g.named(*r)).Tag(map[string]string{"json": "value"})),
			decodeOK(jen.Op("&").Id("out")),
			jen.Return(jen.Id("out").Dot("Value"), jen.Nil()),
		)
	case r.isPoly():
		body = append(body,
			fail.Block(jen.Return(jen.Nil(), jen.Id("s").Dot("fail"))),
			jen.List(jen.Id("out"), jen.Err()).Op(":=").Qual(g.pkgPath(r.t), decodeName(r.t)).Call(jen.Index().Byte().Parens(jen.Id("s").Dot("response"))),
			jen.Qual(pkgRequire, "NoError").Call(sT.Clone(), jen.Err(), jen.Lit("decoding the example response")),
			jen.If(jen.Id("out").Op("==").Nil()).Block(jen.Id("out").Op("=").New(jen.Qual(g.pkgPath(r.t), r.t.GoName))),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	default:
		body = append(body,
			fail.Block(jen.Return(jen.Nil(), jen.Id("s").Dot("fail"))),
			jen.Id("out").Op(":=").New(g.named(*r)),
			decodeOK(jen.Id("out")),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	}
	return jen.Comment(fmt.Sprintf("%s records the call and answers with the example response.", s.op.Name)).Line().
		Func().Params(jen.Id("s").Op("*").Id("exampleService")).Id(s.op.Name).Params(params...).Params(results...).Block(body...), nil
}

// genExampleTest emits the subtest of one example of s's operation. It
// returns the operation the example request reaches, which answers it, or
// nil when the subtest only says why the example is skipped. That is s's,
// but where another operation documents the same method and path and
// nothing in the request tells the two apart, the route serves it with the
// other: the example is sent to that one, as a client's request would be,
// and checked against its types.
func (g *generator) genExampleTest(s *opSig, ex *ir.Example, index int, sim *simulator) (code jen.Code, served *opSig, err error) {
	name := ex.Name
	if name == "" {
		name = fmt.Sprintf("example %d", index+1)
	}
	req, resp := ex.Request, ex.Response
	var body []jen.Code
	servedBy := "" // says which operation answers, when it is not s's
	skipped := func(reason string) (jen.Code, *opSig, error) {
		return jen.Id("t").Dot("Run").Call(jen.Lit(name), jen.Func().Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(
			jen.Id("t").Dot("Skip").Call(jen.Lit(servedBy+reason)),
		)), nil, nil
	}
	method := strings.ToUpper(req.Method)
	if method == "" {
		method = strings.ToUpper(s.op.Method)
	}
	sendPath := examplePath(req, s)
	reached, values, status, err := sim.serve(method, sendPath)
	switch {
	case err != nil:
		return skipped(fmt.Sprintf("the example request %s %s cannot be sent: %v", method, sendPath, err))
	case reached == nil:
		return skipped(fmt.Sprintf("the handler answers the example request %s %s with %d: its path is none of the operation's", method, sendPath, status))
	}
	if by := reached.servedBy(req.Body); by != s {
		// The route hands the request to another operation: one that
		// documents the same method and path, where nothing in the request
		// tells the two apart, or the one a dispatching route picks by the
		// body's @odata.type. That one answers the example.
		switch {
		case by == nil && slices.Contains(reached.sharing(), s):
			return skipped(fmt.Sprintf("the handler answers 400 to the example request: %s", noDispatch(req.Body, method+" "+sendPath)))
		case by == nil:
			return skipped(fmt.Sprintf("the example request %s %s is served by %s, whose handler answers 400 to it: %s (%s is not one of them: its path values or its body differ from theirs)", method, sendPath, reached.sig.op.Name, noDispatch(req.Body, "the path"), s.op.Name))
		}
		why := "nothing in the request tells the two apart"
		if len(reached.dispatch) > 0 {
			name, _ := odata.ODataType([]byte(req.Body))
			switch {
			case name != "" && name == by.body.name:
				why = "the body's @odata.type names its type"
			case !json.Valid([]byte(req.Body)):
				why = "the body is not JSON, so no @odata.type picks another, and its type is the most general"
			default:
				why = "the body's @odata.type names none of the others' types, and its type is the most general"
			}
		}
		servedBy = fmt.Sprintf("the example request %s %s is served by %s, which documents the same method and path (%s): ", method, sendPath, by.op.Name, why)
		body = append(body, jen.Comment(fmt.Sprintf("%s %s is served by %s, which documents the same method and path:", method, sendPath, by.op.Name)).Line().
			Comment(fmt.Sprintf("%s, so %s answers the example.", why, by.op.Name)))
		s = by
	}

	var reqType *ir.Type // the table's request struct, or the linked type
	if s.body != nil {
		reqType = s.body.t
	}
	if esc, _ := odata.LoneSurrogate([]byte(req.Body)); esc != "" {
		return skipped("the handler answers 400 to the example request: it escapes half a surrogate pair, " + esc)
	}
	reqBody, err := g.exampleBody(req.Body, reqType)
	if err != nil {
		return skipped("the example request cannot be sent: " + err.Error())
	}
	respBody, err := g.exampleBody(resp.Body, s.op.Response)
	if err != nil {
		return skipped("the example response cannot be checked: " + err.Error())
	}
	if reason := g.exampleMismatch(s, req, resp, reqBody, respBody); reason != "" {
		return skipped(reason)
	}
	if reqBody != "" {
		body = append(body, jen.Const().Id("requestBody").Op("=").Add(rawString(reqBody)))
	}
	location := ""
	if s.redirect && resp.Status < 400 {
		location = headerValue(resp.Headers, "Location")
		if location == "" {
			location = "https://example.com/redirected"
		}
		respBody = location
	}
	body = append(body, jen.Const().Id("responseBody").Op("=").Add(rawString(respBody)))
	fields := []jen.Code{
		jen.Id("t").Op(":").Id("t"),
		jen.Id("op").Op(":").Lit(s.op.Name),
	}
	if reqBody != "" && s.body != nil {
		fields = append(fields, jen.Id("request").Op(":").Id("requestBody"))
	}
	fields = append(fields, jen.Id("response").Op(":").Id("responseBody"))
	failing := resp.Status >= 400
	var wantBody string
	if failing {
		code, message := graphError(respBody)
		fields = append(fields, jen.Id("fail").Op(":").Op("&").Id("Error").Values(
			jen.Id("Status").Op(":").Lit(resp.Status),
			jen.Id("Code").Op(":").Lit(code),
			jen.Id("Message").Op(":").Lit(message),
		))
		if code != "" {
			b, _ := json.Marshal(map[string]any{"error": map[string]string{"code": code}})
			wantBody = string(b)
		}
	}
	body = append(body,
		jen.Op("*").Id("examples").Op("=").Id("exampleService").Values(multiline(fields)...),
		jen.Id("svc").Op(":=").Id("examples"),
	)

	var reader jen.Code = jen.Nil()
	if reqBody != "" {
		reader = jen.Qual(pkgStrings, "NewReader").Call(jen.Id("requestBody"))
	}
	body = append(body, jen.Id("req").Op(":=").Qual(pkgHTTPTest, "NewRequest").Call(jen.Lit(method), jen.Lit(sendPath), reader))
	for _, h := range req.Headers {
		switch strings.ToLower(h.Name) {
		case "content-length", "host":
			continue // the documented length is often wrong; the real one is sent
		}
		body = append(body, jen.Id("req").Dot("Header").Dot("Add").Call(jen.Lit(h.Name), jen.Lit(h.Value)))
	}
	if reqBody != "" && !hasHeader(req.Headers, "Content-Type") {
		body = append(body,
			jen.Comment("The docs leave out the Content-Type the body needs."),
			jen.Id("req").Dot("Header").Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit("application/json")),
		)
	}
	body = append(body,
		jen.Id("rec").Op(":=").Qual(pkgHTTPTest, "NewRecorder").Call(),
		jen.Id("exampleHandler").Dot("ServeHTTP").Call(jen.Id("rec"), jen.Id("req")),
		jen.Qual(pkgRequire, "Equal").Call(jen.Id("t"), jen.Lit(resp.Status), jen.Id("rec").Dot("Code"), jen.Id("rec").Dot("Body").Dot("String").Call()),
		jen.Qual(pkgRequire, "True").Call(jen.Id("t"), jen.Id("svc").Dot("called"), jen.Lit(s.op.Name+" was not called")),
	)
	if len(values) > 0 {
		var vs []jen.Code
		for _, v := range values {
			vs = append(vs, jen.Lit(v))
		}
		body = append(body, jen.Qual(pkgAssert, "Equal").Call(jen.Id("t"), jen.Index().String().Values(vs...), jen.Id("svc").Dot("pathParams"), jen.Lit("path parameters")))
	}
	switch {
	case location != "":
		body = append(body, jen.Qual(pkgAssert, "Equal").Call(jen.Id("t"), jen.Id("responseBody"), jen.Id("rec").Dot("Header").Call().Dot("Get").Call(jen.Lit("Location"))))
	case failing && wantBody != "":
		body = append(body, jen.Qual(pkgAssert, "NoError").Call(jen.Id("t"), jen.Qual(g.runtimePath(), "JSONSubset").Call(jen.Index().Byte().Parens(jen.Lit(wantBody)), jen.Id("rec").Dot("Body").Dot("Bytes").Call())))
	case failing:
	case respBody == "":
		body = append(body, jen.Qual(pkgAssert, "Empty").Call(jen.Id("t"), jen.Id("rec").Dot("Body").Dot("String").Call()))
	case resp.Truncated:
		body = append(body,
			jen.Qual(pkgAssert, "Equal").Call(jen.Id("t"), jen.Lit("application/json"), jen.Id("rec").Dot("Header").Call().Dot("Get").Call(jen.Lit("Content-Type"))),
			jen.Comment("The documented response is truncated: every property it shows must be there."),
			jen.Qual(pkgAssert, "NoError").Call(jen.Id("t"), jen.Qual(g.runtimePath(), "JSONSubsetAs").Call(jen.Lit(resultName(s)), jen.Index().Byte().Parens(jen.Id("responseBody")), jen.Id("rec").Dot("Body").Dot("Bytes").Call())),
		)
	default:
		body = append(body,
			jen.Qual(pkgAssert, "Equal").Call(jen.Id("t"), jen.Lit("application/json"), jen.Id("rec").Dot("Header").Call().Dot("Get").Call(jen.Lit("Content-Type"))),
			jen.Comment("Equal but for @odata.type, which values of a type hierarchy always encode."),
			jen.Qual(pkgAssert, "NoError").Call(jen.Id("t"), jen.Qual(g.runtimePath(), "JSONEqualAs").Call(jen.Lit(resultName(s)), jen.Index().Byte().Parens(jen.Id("responseBody")), jen.Id("rec").Dot("Body").Dot("Bytes").Call())),
		)
	}
	return jen.Id("t").Dot("Run").Call(jen.Lit(name), jen.Func().Params(jen.Id("t").Op("*").Qual(pkgTesting, "T")).Block(body...)), s, nil
}

// noDispatch says why a dispatching route without a default refuses body:
// it is no JSON, or its @odata.type names none of the types of the
// operations sharing what.
func noDispatch(body, what string) string {
	_, err := odata.ODataType([]byte(body))
	switch {
	case err != nil && !json.Valid([]byte(body)):
		return fmt.Sprintf("its body is not JSON (%v), so no @odata.type tells which of the operations sharing %s it is for", err, what)
	case err != nil:
		return fmt.Sprintf("its @odata.type cannot be read (%v), so it cannot tell which of the operations sharing %s it is for", err, what)
	}
	return fmt.Sprintf("its body names none of the types of the operations sharing %s in @odata.type, and none of them is a base of the others", what)
}

// resultName names the type of s's answer, for the comparison of numbers
// as that type holds them (odata.JSONEqualAs); "" when it has none (any
// JSON).
func resultName(s *opSig) string {
	switch {
	case s.result == nil || s.result.raw:
		return ""
	case s.result.collection:
		return "Collection(" + s.result.name + ")" // answered {"value": [...]}
	}
	return s.result.name
}

// exampleMismatch returns why the example cannot pass through the
// generated handler as the docs show it, or "": a request body the handler
// rejects, a response of another status than the operation's, a response
// body where the operation documents none or the other way round, or one
// that does not fit the result type.
func (g *generator) exampleMismatch(s *opSig, req *ir.ExampleRequest, resp *ir.ExampleResponse, reqBody, respBody string) string {
	switch {
	case s.body == nil:
	case reqBody == "" && s.body.reference:
		return "the example request has no body; the operation takes a reference"
	case reqBody == "" && s.body.raw:
		return "the example request has no body; the operation takes the JSON its other examples send"
	case reqBody == "":
		return fmt.Sprintf("the example request has no body; the operation takes a %s", s.body.name)
	case s.body.reference:
		if _, p := odata.DecodeReference([]byte(reqBody)); p != "" {
			return "the handler answers 400 to the example request: " + p
		}
	default:
		if p := g.requestProblem(reqBody, s); p != "" {
			return "the handler answers 400 to the example request: " + p
		}
	}
	if resp.Status >= 400 {
		return ""
	}
	switch {
	case resp.Status != s.status:
		return fmt.Sprintf("the example response is %d; the operation answers %d", resp.Status, s.status)
	case s.redirect:
		return "" // what a redirect answers is its Location
	case s.result == nil && respBody != "":
		return "the example response has a body; the operation documents none"
	case s.result != nil && respBody == "" && s.result.raw:
		return "the example response has no body; the operation answers the JSON its other examples show"
	case s.result != nil && respBody == "":
		return fmt.Sprintf("the example response has no body; the operation answers a %s", s.result.name)
	case s.result != nil && !s.result.raw && holdsOnlyReferences(respBody):
		// Compared as a value of the type, it would match anything: the
		// comparison leaves annotations out, and nothing else is there.
		return fmt.Sprintf("the example response holds references (@odata.id), which the operation's %s cannot answer", s.result.name)
	case s.result != nil:
		if p := g.resultProblem(respBody, s); p != "" {
			return fmt.Sprintf("the example response does not fit the operation's %s: %s", s.result.name, p)
		}
	}
	return ""
}

// holdsOnlyReferences reports whether the JSON body is a reference
// ({"@odata.id": ...}) or a collection of them ({"value": [...]}), as a
// $ref path answers: objects whose members are all annotations.
func holdsOnlyReferences(body string) bool {
	var v any
	if json.Unmarshal([]byte(body), &v) != nil {
		return false
	}
	onlyAnnotations := func(x any) bool {
		obj, ok := x.(map[string]any)
		if !ok || obj["@odata.id"] == nil {
			return false
		}
		for k := range obj {
			if !strings.Contains(k, "@") {
				return false
			}
		}
		return true
	}
	if onlyAnnotations(v) {
		return true
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return false
	}
	elems, ok := obj["value"].([]any)
	if !ok || len(elems) == 0 {
		return false
	}
	for _, e := range elems {
		if !onlyAnnotations(e) {
			return false
		}
	}
	return true
}

// exampleBody fills the placeholders of an example body; an empty body
// stays empty.
func (g *generator) exampleBody(body string, t *ir.Type) (string, error) {
	if strings.TrimSpace(body) == "" {
		return "", nil
	}
	if deeperThan(body, odata.MaxDepth) {
		// The handler refuses such a body, and writing it indented would
		// cost the square of its depth.
		return "", fmt.Errorf("it nests objects and arrays more than %d deep", odata.MaxDepth)
	}
	out, err := FillPlaceholders([]byte(body), t, g.prog)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

// deeperThan reports whether the JSON text body nests objects and arrays
// more than max deep, brackets inside strings aside.
func deeperThan(body string, max int) bool {
	depth, inString := 0, false
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			if depth++; depth > max {
				return true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return false
}

// graphError reads code and message from a Graph error body.
func graphError(body string) (code, message string) {
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if json.Unmarshal([]byte(body), &e) == nil {
		return e.Error.Code, e.Error.Message
	}
	return "", ""
}

// rawString is a Go string literal for s: a raw `...` literal when s allows
// it, for readable JSON in generated tests, else a quoted one (which
// escapes a byte order mark or NUL, illegal in Go source).
func rawString(s string) jen.Code {
	if !strings.ContainsAny(s, "`\r\uFEFF\x00") {
		return jen.Op("`" + s + "`")
	}
	return jen.Lit(s)
}

// examplePath returns the target an example request is sent to: its path
// (the operation's first path when the example has none) with every
// {parameter} placeholder replaced by "<wildcard>-1", and the characters a
// request line cannot carry percent-encoded.
func examplePath(req *ir.ExampleRequest, s *opSig) string {
	p := req.Path
	if p == "" && len(s.op.Paths) > 0 {
		p = s.op.Paths[0]
	}
	var b strings.Builder
	for p != "" {
		open := strings.IndexByte(p, '{')
		end := strings.IndexByte(p[max(open, 0):], '}') + max(open, 0)
		if open < 0 || end <= open+1 || strings.ContainsAny(p[open+1:end], "{/") {
			b.WriteString(p)
			break
		}
		b.WriteString(p[:open])
		b.WriteString(wildcardName(p[open+1:end]) + "-1")
		p = p[end+1:]
	}
	return escapeTarget(b.String())
}

// escapeTarget percent-encodes the bytes of a request target that are
// neither allowed in a URL path or query nor already an escape.
func escapeTarget(t string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0:
			b.WriteByte(c)
		case c == '%' && i+2 < len(t) && isHex(t[i+1]) && isHex(t[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
