package emit

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"

	"gen/gen/internal/ir"
	"gen/gen/internal/naming"
)

// opSig is what every emitter needs to know about one operation's Go
// signature and HTTP shape.
type opSig struct {
	op        *ir.Operation
	params    []pathParam
	paths     [][][]pathPart // op.Paths split by splitPath, parts linked to params
	body      *typeRef       // request body; nil when the operation takes none
	bodyParam string         // Go name of the body parameter
	result    *typeRef       // response body; nil when the response has none
	status    int
	// redirect: the operation answers a 3xx redirect (a report's 302 to
	// its download), so the method returns the Location and no body.
	redirect bool
}

// pathParam is one path parameter: its name in the docs ("callRecordId"),
// its Go parameter name ("callRecordID") and its ServeMux wildcard name.
type pathParam struct {
	name, goName, wildcard string
}

// sig works out the signature of o once. The parameters of the Service
// method are ctx, then the path parameters in the order the paths first
// name them, then the request body. A parameter is what a value
// identifies, the same in every path the method serves (see paramKey):
// the message of /me/messages/{id} and of /me/mailFolders/{id}/messages/{id}
// is one parameter, messageID, and the folder another, so that no value
// means one thing on one path and another on the next. Of a name a path
// gives more than once, as {site-id} in /sites/{site-id}/sites/{site-id},
// the last is what the path acts on (siteID, as on /sites/{site-id}) and
// the others its parents, keyed by their collection (siteID2). A Go name
// or wildcard name already taken in the method gets the suffix 2, 3, ...
func (g *generator) sig(o *ir.Operation) (*opSig, error) {
	if s, ok := g.sigs[o]; ok {
		return s, g.sigErrs[o]
	}
	s, err := g.newSig(o)
	g.sigs[o], g.sigErrs[o] = s, err
	return s, err
}

func (g *generator) newSig(o *ir.Operation) (*opSig, error) {
	s := &opSig{op: o, status: o.ResponseStatus}
	groups := map[string]*paramGroup{}
	var order []*paramGroup
	s.paths = make([][][]pathPart, len(o.Paths))
	for i, p := range o.Paths {
		s.paths[i] = splitPath(p)
	}
	named := namedAfter(s.paths)
	// Each placeholder and the slot it fills, "key#k" for the k-th of its
	// key in its path, settled once the parameters are numbered.
	type occurrence struct {
		part *pathPart
		slot string
	}
	var occs []occurrence
	for i := range o.Paths {
		segs := s.paths[i]
		count := map[string]int{}
		for si, seg := range segs {
			for j, part := range seg {
				if part.param == "" {
					continue
				}
				key, lit := paramKey(segs, si, j, named)
				grp := groups[key]
				if grp == nil {
					grp = &paramGroup{key: key, lit: lit}
					groups[key] = grp
					order = append(order, grp)
				} else if upperCount(lit) > upperCount(grp.lit) {
					// contactFolders, not contactfolders, names contactFolderID.
					grp.lit = lit
				}
				if !slices.Contains(grp.docs, part.param) {
					grp.docs = append(grp.docs, part.param)
				}
				count[key]++
				grp.most = max(grp.most, count[key])
				occs = append(occs, occurrence{&seg[j], fmt.Sprintf("%s#%d", key, count[key])})
			}
		}
	}
	for _, grp := range order {
		// A spelling with more capitals on another page marks the words
		// this one runs together: calendarGroups, where this page writes
		// only calendargroups, names calendarGroupID, as on the others.
		if best := g.spellings[strings.ToLower(grp.lit)]; grp.lit != "" && upperCount(best) > upperCount(grp.lit) {
			grp.lit = best
		}
	}
	slot := map[string]int{} // "key#k" -> index in s.params
	goNames := map[string]bool{"ctx": true}
	wildcards := map[string]bool{}
	for _, grp := range order {
		for k := 1; k <= grp.most; k++ {
			slot[fmt.Sprintf("%s#%d", grp.key, k)] = len(s.params)
			s.params = append(s.params, pathParam{})
		}
	}
	// Names go first to the placeholders named for what they are, then to
	// those keyed by their collection: of /sites/{site-id}/sites/{site-id},
	// the site acted on is siteID and its parent siteID2, whichever the
	// path writes first.
	for pass := 0; pass < 2; pass++ {
		for _, grp := range order {
			if strings.HasPrefix(grp.key, "/") != (pass == 1) {
				continue
			}
			name := grp.name()
			for k := 1; k <= grp.most; k++ {
				doc, goName, wildcard := name, naming.GoParam(name), wildcardName(name)
				if k > 1 {
					suffix := fmt.Sprint(k)
					doc, goName, wildcard = doc+suffix, goName+suffix, wildcard+suffix
				}
				s.params[slot[fmt.Sprintf("%s#%d", grp.key, k)]] = pathParam{
					name:     doc,
					goName:   naming.Unique(goName, goNames),
					wildcard: naming.Unique(wildcard, wildcards),
				}
			}
		}
	}
	for _, oc := range occs {
		oc.part.slot = slot[oc.slot]
	}
	for _, segs := range s.paths {
		for i, seg := range segs {
			segs[i] = sortCallArguments(seg)
		}
	}
	if o.RequestType != "" {
		r := typeRef{name: o.RequestType, t: o.Request, collection: o.RequestCollection, what: "the request body of " + o.Name, pos: o.Pos}
		if err := r.resolve(); err != nil {
			return nil, err
		}
		if !r.isStruct() {
			return nil, fmt.Errorf("emit: %s: request body of %s is %s; only entity and complex types are supported", o.Pos, o.Name, o.RequestType)
		}
		s.body = &r
		s.bodyParam = naming.Unique(naming.GoParam(o.Request.Name), goNames)
	}
	if t := g.requests[o]; t != nil {
		s.body = &typeRef{name: t.QualifiedName(), t: t, table: true, what: "the request body of " + o.Name, pos: o.Pos}
		s.bodyParam = naming.Unique("body", goNames)
	}
	if o.ResponseType != "" && o.ResponseStatus != http.StatusNoContent {
		r := typeRef{name: o.ResponseType, t: o.Response, collection: o.ResponseCollection, what: "the response of " + o.Name, pos: o.Pos}
		if err := r.resolve(); err != nil {
			return nil, err
		}
		s.result = &r
	}
	switch {
	case ir.SendsBody(o.Method) && o.IsReference():
		// A $ref body names an object by URL; the page often links the
		// object's type, which such a body is not.
		s.body = &typeRef{name: "Edm.Untyped", reference: true, what: "the request body of " + o.Name, pos: o.Pos}
		s.bodyParam = naming.Unique("ref", goNames)
	case s.body == nil && ir.SendsBody(o.Method) && examplesShowJSON(o, true):
		// The docs give the body no type, but their examples send JSON:
		// the method gets it whole rather than never seeing it.
		s.body = &typeRef{name: "Edm.Untyped", raw: true, what: "the request body of " + o.Name, pos: o.Pos}
		s.bodyParam = naming.Unique("body", goNames)
	}
	if s.result == nil && o.ResponseType == "" && o.ResponseStatus != http.StatusNoContent && !isRedirect(o.ResponseStatus) && examplesShowJSON(o, false) {
		// Likewise an answer the examples show but the docs do not type.
		s.result = &typeRef{name: "Edm.Untyped", raw: true, what: "the response of " + o.Name, pos: o.Pos}
	}
	if isRedirect(s.status) {
		s.redirect, s.result = true, nil
	}
	if s.status == 0 {
		s.status = http.StatusOK
		if s.result == nil {
			s.status = http.StatusNoContent
		}
	}
	return s, nil
}

// examplesShowJSON reports whether an example of o sends (request) or, with
// a success status other than 204, answers a JSON object or array.
func examplesShowJSON(o *ir.Operation, request bool) bool {
	isJSON := func(body string) bool {
		b := strings.TrimSpace(body)
		return b != "" && (b[0] == '{' || b[0] == '[')
	}
	for _, ex := range o.Examples {
		switch {
		case request && ex.Request != nil && isJSON(ex.Request.Body):
			return true
		case !request && ex.Response != nil && ex.Response.Status >= 200 && ex.Response.Status < 300 &&
			ex.Response.Status != http.StatusNoContent && isJSON(ex.Response.Body):
			return true
		}
	}
	return false
}

// isRedirect reports whether status sends the client to a Location.
func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// paramGroup is one parameter of an operation: the placeholders of its
// paths that identify one thing.
type paramGroup struct {
	key  string   // see paramKey
	lit  string   // the collection segment before it, as written; "" for none
	docs []string // the doc names its placeholders have, in order
	most int      // the most times one path names it
}

// name is the parameter's doc name: the first its placeholders have that
// says what it is, else one made from its collection ({id} after messages
// is messageId), else the one they have.
func (g *paramGroup) name() string {
	for _, d := range g.docs {
		if !naming.GenericPlaceholder(d) {
			return d
		}
	}
	if g.lit != "" {
		suffix := "Id"
		if strings.EqualFold(g.docs[0], "idOrName") {
			suffix = "IdOrName"
		}
		return naming.Singular(g.lit) + suffix
	}
	return g.docs[0]
}

// paramKey is what the placeholder segs[i][j] identifies, the same in every
// path of one operation. A placeholder named for what it is
// ({managedAppPolicyId}) is keyed by its name, wherever it stands. A
// generic one ({id}) that is a whole segment after a plain literal segment
// (a collection or navigation property) is keyed by that segment, in any
// letter case and singular or plural: by the one name the operation's other paths give a
// placeholder there ({message-id} after messages), else by the segment
// itself. Any other, such as a function's argument, is keyed by its name.
func paramKey(segs [][]pathPart, i, j int, named map[string]string) (key, lit string) {
	seg := segs[i]
	name := seg[j].param
	// A name the path gives again further on is the parent's here: the
	// last is what the path acts on (/identities/{identityId}/assigned/
	// {identityId}), as it is on a path that names it once.
	generic := naming.GenericPlaceholder(name)
	again := !generic && namedAgain(segs, i, j)
	if !generic && !again {
		return name, ""
	}
	if lit := collectionBefore(segs, i); lit != "" {
		k := strings.ToLower(naming.Singular(lit))
		if n, ok := named[k]; ok && n != "" && !again {
			return n, ""
		}
		return "/" + k, lit
	}
	return name, ""
}

// namedAgain reports whether a placeholder after segs[i][j] has its name.
func namedAgain(segs [][]pathPart, i, j int) bool {
	name := segs[i][j].param
	for k := i; k < len(segs); k++ {
		for l, p := range segs[k] {
			if (k > i || l > j) && p.param == name {
				return true
			}
		}
	}
	return false
}

// collectionBefore is the plain literal segment before segs[i] when segs[i]
// is a whole-segment placeholder, else "".
func collectionBefore(segs [][]pathPart, i int) string {
	seg := segs[i]
	if len(seg) == 1 && seg[0].param != "" && !seg[0].multi && i > 0 && len(segs[i-1]) == 1 && segs[i-1][0].param == "" && plainSegment(segs[i-1][0].lit) {
		return segs[i-1][0].lit
	}
	return ""
}

// namedAfter maps each collection segment (in lower case) that an
// operation's paths follow with a placeholder named for what it is to that
// name, or to "" when they give it several names.
func namedAfter(paths [][][]pathPart) map[string]string {
	named := map[string]string{}
	for _, segs := range paths {
		for i, seg := range segs {
			lit := collectionBefore(segs, i)
			if lit == "" || naming.GenericPlaceholder(seg[0].param) {
				continue
			}
			k := strings.ToLower(naming.Singular(lit))
			if prev, ok := named[k]; ok && prev != seg[0].param {
				named[k] = ""
			} else if !ok {
				named[k] = seg[0].param
			}
		}
	}
	return named
}

// plainSegment reports whether a literal segment is a plain name: letters
// and digits, starting with a letter.
func plainSegment(s string) bool {
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// spellingsOf maps each plain literal segment of the operations' paths, in
// lower case, to its best-cased spelling: the one with the most capitals,
// which mark its words (contactFolders over contactfolders), the first of
// those in page order.
func spellingsOf(ops []*ir.Operation) map[string]string {
	best := map[string]string{}
	for _, o := range ops {
		for _, p := range o.Paths {
			for _, seg := range splitPath(p) {
				if len(seg) != 1 || seg[0].param != "" || !plainSegment(seg[0].lit) {
					continue
				}
				k := strings.ToLower(seg[0].lit)
				if prev, ok := best[k]; !ok || upperCount(seg[0].lit) > upperCount(prev) {
					best[k] = seg[0].lit
				}
			}
		}
	}
	return best
}

// upperCount is the number of upper-case ASCII letters in s: of two
// spellings of a segment, the one with more marks its words.
func upperCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			n++
		}
	}
	return n
}

// wildcardName is the ServeMux wildcard for a path parameter: the name from
// the docs when it is a valid wildcard name, otherwise its Go parameter name
// ("site-id" becomes "siteID").
func wildcardName(name string) string {
	ok := name != ""
	for i, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			ok = false
		}
	}
	if ok {
		return name
	}
	return naming.GoParam(name)
}

// signature returns the parameters and results of the Service method, with
// the parameter names given (nil names: ctx, the path parameters' Go names,
// the body's Go name).
func (g *generator) signature(s *opSig, names []string) (params, results []jen.Code, err error) {
	if names == nil {
		names = append(names, "ctx")
		for _, p := range s.params {
			names = append(names, p.goName)
		}
		if s.body != nil {
			names = append(names, s.bodyParam)
		}
	}
	params = append(params, jen.Id(names[0]).Qual(pkgContext, "Context"))
	for i := range s.params {
		params = append(params, jen.Id(names[1+i]).String())
	}
	if s.body != nil {
		bt, err := g.resultType(*s.body)
		if err != nil {
			return nil, nil, err
		}
		params = append(params, jen.Id(names[1+len(s.params)]).Add(bt))
	}
	if s.result != nil {
		rt, err := g.resultType(*s.result)
		if err != nil {
			return nil, nil, err
		}
		results = append(results, rt)
	}
	if s.redirect {
		results = append(results, jen.String()) // the Location
	}
	results = append(results, jen.Error())
	return params, results, nil
}

// zero is the zero value of a result, for early returns.
func (g *generator) zero(r *typeRef) jen.Code {
	switch {
	case r.collection, r.isStruct():
		return jen.Nil()
	case r.t != nil: // enum
		return jen.Lit("")
	}
	switch edmOf(r.name).name {
	case "string", "Number":
		return jen.Lit("")
	case "bool":
		return jen.False()
	case "RawMessage":
		return jen.Nil()
	case "Time":
		return jen.Qual(pkgTime, "Time").Values()
	}
	return jen.Lit(0)
}

func routeText(s *opSig) string {
	return strings.Join(append([]string{s.op.Method}, s.op.Paths...), " ")
}

// genService emits service.go: the Service interface with one method per
// operation, UnimplementedService and the Error type.
func (g *generator) genService(pkg *pkgInfo) ([]File, error) {
	f := g.newFile(pkg.path, pkg.name, "api")
	routing, err := g.routes(pkg)
	if err != nil {
		return nil, err
	}
	notServed := map[*ir.Operation][]string{}
	for _, sh := range routing.shadowed {
		notServed[sh.sig.op] = append(notServed[sh.sig.op], fmt.Sprintf("%s %s is served by %s, which documents the same path.", sh.method, sh.doc, sh.by.op.Name))
	}
	var methods, unimpl []jen.Code
	for _, o := range pkg.ops {
		s, err := g.sig(o)
		if err != nil {
			return nil, err
		}
		params, results, err := g.signature(s, nil)
		if err != nil {
			return nil, err
		}
		text := fmt.Sprintf("%s serves %s.", o.Name, routeText(s))
		if o.Title != "" {
			text = fmt.Sprintf("%s serves %s: %s", o.Name, routeText(s), sentence(plainText(o.Title)))
		}
		text += " " + resultDoc(s)
		switch {
		case s.body != nil && s.body.raw:
			text += " The request body is the JSON the client sent, as it is, for the docs show it only in examples."
		case s.body != nil && s.body.reference:
			text += " The request body names the object to link by its URL (@odata.id)."
		}
		if ns := notServed[o]; len(ns) > 0 {
			text += " Not served: " + strings.Join(ns, " ")
		}
		methods = append(methods, doc(text), jen.Id(o.Name).Params(params...).Params(results...), jen.Line())

		notImpl := jen.Op("&").Id("Error").Values(
			jen.Id("Status").Op(":").Qual(pkgHTTP, "StatusNotImplemented"),
			jen.Id("Code").Op(":").Lit("notImplemented"),
			jen.Id("Message").Op(":").Lit(o.Name+" is not implemented"),
		)
		ret := []jen.Code{notImpl}
		if s.result != nil {
			ret = []jen.Code{g.zero(s.result), notImpl}
		}
		if s.redirect {
			ret = []jen.Code{jen.Lit(""), notImpl}
		}
		unimpl = append(unimpl, jen.Comment(fmt.Sprintf("%s answers 501 Not Implemented.", o.Name)).Line().
			Func().Params(jen.Id("UnimplementedService")).Id(o.Name).Params(params...).Params(results...).Block(jen.Return(ret...)))
	}
	if len(methods) > 0 {
		methods = methods[:len(methods)-1] // no blank line after the last method
	}
	f.Add(docs(
		fmt.Sprintf("Service is the server side of the operations of package %s. NewHandler serves it over HTTP: the handler validates and decodes the request, calls the method with the path parameters (already unescaped) and the body, and encodes the result. odata.RequestFrom(ctx) is the request itself, for its query options, headers and body as sent; odata.Sent(ctx, name) tells a member sent as null from one left out, which the decoded body cannot (a PATCH clearing a property); odata.ResponseHeader(ctx) sets headers of the answer, such as Location, and odata.SetNextLink and odata.SetDeltaLink the links of a collection page.", pkg.name),
		"A method that returns an *Error answers with its status, code and message; any other error answers 500 without revealing its text. Implementations should embed UnimplementedService so that operations added later answer 501 instead of breaking the build.",
	))
	f.Type().Id("Service").Interface(methods...)

	f.Add(docs("UnimplementedService answers every operation with 501 Not Implemented. Embed it in a Service implementation to implement only some operations."))
	f.Type().Id("UnimplementedService").Struct()
	for _, u := range unimpl {
		f.Add(u)
	}

	f.Add(docs(
		`Error is an error a Service method returns to choose the response: the HTTP status and the Graph error body {"error":{"code":Code,"message":Message}}. An empty Code is derived from Status ("notFound" for 404), an empty Message from the status text, and a Status outside 400-599 becomes 500.`,
	))
	f.Type().Id("Error").Struct(
		jen.Comment("Status is the HTTP status code, such as http.StatusNotFound."),
		jen.Id("Status").Int(),
		jen.Comment(`Code is the Graph error code, such as "itemNotFound".`),
		jen.Id("Code").String(),
		jen.Comment("Message is shown to the client."),
		jen.Id("Message").String(),
		jen.Comment("Header holds headers sent with the error, such as Retry-After with 429 or"),
		jen.Comment("WWW-Authenticate with 401; those set through odata.ResponseHeader are not."),
		jen.Id("Header").Qual("net/http", "Header"),
	)
	f.Comment("Error returns the code and the message.")
	f.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("Error").Params().String().Block(
		jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Lit("<nil *Error>"))),
		jen.Return(jen.Qual(pkgFmt, "Sprintf").Call(jen.Lit("%d %s: %s"), jen.Id("e").Dot("Status"), jen.Id("e").Dot("Code"), jen.Id("e").Dot("Message"))),
	)
	f.Add(doc("GraphError returns the status, code and message of the error response; it makes *Error an odata.StatusError. A nil *Error (returned as an error, which is then not nil) answers 500."))
	f.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("GraphError").Params().Params(jen.Id("status").Int(), jen.List(jen.Id("code"), jen.Id("message")).String()).Block(
		jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Qual("net/http", "StatusInternalServerError"), jen.Lit(""), jen.Lit(""))),
		jen.Return(jen.Id("e").Dot("Status"), jen.Id("e").Dot("Code"), jen.Id("e").Dot("Message")),
	)
	f.Add(doc("ErrorHeader returns the headers sent with the error response."))
	f.Func().Params(jen.Id("e").Op("*").Id("Error")).Id("ErrorHeader").Params().Qual("net/http", "Header").Block(
		jen.If(jen.Id("e").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id("e").Dot("Header")),
	)
	out, err := render(f, pkg.name+"/service.go", "api", g.opts.ModulePath)
	if err != nil {
		return nil, err
	}
	return []File{out}, nil
}

// resultDoc says what the handler does with a method's result.
func resultDoc(s *opSig) string {
	status := fmt.Sprintf("%d %s", s.status, http.StatusText(s.status))
	switch {
	case s.redirect:
		return fmt.Sprintf("Success answers %s to the Location the method returns.", status)
	case s.result == nil:
		return fmt.Sprintf("Success answers %s with no body.", status)
	case s.result.raw:
		return fmt.Sprintf("Success answers %s with the JSON the method returns, as it is: the docs type this answer nowhere but show it in examples.", status)
	case s.result.collection:
		return fmt.Sprintf(`Success answers %s with {"value": [...]}.`, status)
	case !s.result.isStruct():
		return fmt.Sprintf(`Success answers %s with {"value": ...}.`, status)
	}
	return fmt.Sprintf("Success answers %s with the %s.", status, s.result.name)
}
