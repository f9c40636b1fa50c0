package resolve

import (
	"encoding/json"
	"slices"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/naming"
	"gen/gen/internal/parse"
	"gen/gen/internal/workers"
)

// operations builds the IR operations of every operation page. Pages are
// independent once types are resolved, so they are resolved in parallel,
// each by a copy of the resolver with its own findings, and gathered in
// page order.
func (r *resolver) operations() {
	var pages []*parse.Page
	for _, p := range r.set.Pages {
		if p.Kind == parse.Operation {
			pages = append(pages, p)
		}
	}
	type result struct {
		op           *ir.Operation
		diags        diag.List
		alternatives []alternative
	}
	results := make([]result, len(pages))
	workers.ForEach(len(pages), func(i int) {
		w := *r
		w.diags, w.alternatives = nil, nil
		results[i] = result{w.operation(pages[i]), w.diags, w.alternatives}
	})
	for _, res := range results {
		if res.op != nil {
			r.prog.Operations = append(r.prog.Operations, res.op)
		}
		r.diags = append(r.diags, res.diags...)
		r.alternatives = append(r.alternatives, res.alternatives...)
	}
}

// operation builds the IR operation of one operation page; nil when the
// page has no request line (an error is recorded).
func (r *resolver) operation(p *parse.Page) *ir.Operation {
	ns := p.Namespace.Text
	if ns == "" {
		ns = DefaultNamespace
	}
	op := &ir.Operation{Title: p.Title.Text, Namespace: ns, Source: p.Src.Path, Pos: titleSpan(p).Pos(), ResponseStatus: p.Status}
	usable := r.usableNamespace(p.Namespace.Text, p.Namespace.Span)
	if len(p.Requests) == 0 {
		if at, word, ok := unknownMethodLine(p); ok {
			r.diags.Add(at, diag.Error, "missing-section", "%s is not an HTTP method, so ## HTTP request has no request line (METHOD /path): write GET, POST, PUT, PATCH or DELETE", word)
			return nil
		}
		r.diags.Add(titleSpan(p), diag.Error, "missing-section", "operation page has no HTTP request line (METHOD /path) under ## HTTP request")
		return nil
	}
	if !usable {
		return nil
	}
	// A line whose path cannot be served has its invalid-path error from
	// the parser and is left out; without another line, so is the page.
	first := slices.IndexFunc(p.Requests, func(rl parse.RequestLine) bool { return !rl.Invalid })
	if first < 0 {
		return nil
	}
	op.Method = p.Requests[first].Method
	seenPath := map[string]bool{}
	// Paths of one page name one parameter in several spellings ({item-id},
	// {itemId}); the first spelling is the parameter's name and the other
	// paths are rewritten to it, so each Go parameter has one doc name.
	canonical := map[string]string{} // Go parameter name -> doc name
	otherMethods := map[string]bool{}
	for _, rl := range p.Requests {
		if rl.Invalid {
			continue
		}
		if rl.Method != op.Method {
			if !otherMethods[rl.Method] {
				otherMethods[rl.Method] = true
				r.diags.Add(rl.Span, diag.Warning, "mixed-methods",
					"request line %s %s has another method than the page's first, %s: a page documents one operation, so the %s lines are left out; document them on a page of their own",
					rl.Method, rl.Path, op.Method, rl.Method)
			}
			continue
		}
		r.repeatedPlaceholders(rl)
		for _, prm := range rl.Params {
			key := naming.GoParam(prm)
			if _, ok := canonical[key]; !ok {
				canonical[key] = prm
				op.PathParameters = append(op.PathParameters, prm)
			}
		}
		path := rl.Path
		for _, prm := range rl.Params {
			if c := canonical[naming.GoParam(prm)]; c != prm {
				path = strings.ReplaceAll(path, "{"+prm+"}", "{"+c+"}")
			}
		}
		if q := strings.TrimSpace(rl.Query); q != "" {
			if op.Queries == nil {
				op.Queries = map[string][]string{}
			}
			if !slices.Contains(op.Queries[path], q) {
				op.Queries[path] = append(op.Queries[path], q)
			}
		}
		if seenPath[path] {
			continue
		}
		seenPath[path] = true
		op.Paths = append(op.Paths, path)
	}
	if op.PathParameters == nil {
		op.PathParameters = []string{}
	}
	op.QueryParameters = []string{}
	for _, path := range op.Paths {
		for _, q := range op.Queries[path] {
			for _, prm := range parse.PathParams(q) {
				if !slices.Contains(op.PathParameters, prm) && !slices.Contains(op.QueryParameters, prm) {
					op.QueryParameters = append(op.QueryParameters, prm)
				}
			}
		}
	}
	if op.Queries == nil {
		op.Queries = map[string][]string{}
	}
	if p.BodyLink != nil && ir.SendsBody(op.Method) {
		if t := r.linkedTypes(p, p.BodyLink, p.BodyOr); t != nil {
			op.RequestType, op.Request = t.QualifiedName(), t
			op.RequestCollection = p.BodyMany && t.Kind != ir.Enum
		}
	}
	// A name listed again is reported and left out, as on resource pages:
	// the body holds one member of each name, and the first row is used.
	listed := make(map[string]*parse.PropertyRow, len(p.RequestBody))
	for i := range p.RequestBody {
		row := &p.RequestBody[i]
		if prev := listed[row.Name.Text]; prev != nil {
			r.diags.Add(row.Name.Span, diag.Warning, "duplicate-property",
				"property %q is listed twice in the request body table (line %d); the first row is used", row.Name.Text, prev.Name.Span.Pos().Line)
			continue
		}
		listed[row.Name.Text] = row
		if prop := r.property(p, ns, row); prop != nil {
			op.RequestBody = append(op.RequestBody, prop)
		} else {
			op.RowsLeftOut = true
		}
	}
	if op.RequestType == "" && ir.SendsBody(op.Method) && len(op.RequestBody) > 0 {
		if t := r.exampleBodyType(p, ns, op.RequestBody); t != nil {
			op.RequestType, op.Request = t.QualifiedName(), t
		}
	}
	op.Examples = pairExamples(p)
	if op.ResponseStatus == 0 {
		op.ResponseStatus = exampleStatus(op.Examples)
	}
	if p.ResponseLink != nil && op.ResponseStatus != 204 {
		if t := r.linkedTypes(p, p.ResponseLink, p.ResponseOr); t != nil {
			op.ResponseType, op.Response = t.QualifiedName(), t
			op.ResponseCollection = p.ResponseMany
		}
	}
	if op.ResponseType == "" && op.ResponseStatus != 204 {
		if t, many := r.exampleResponseType(p, ns); t != nil {
			op.ResponseType, op.Response, op.ResponseCollection = t.QualifiedName(), t, many
		}
	}
	if op.Method == "GET" && op.Response != nil && !op.ResponseCollection && !endsInKey(op.Paths) && answersList(op) {
		// "an emailActivitySummary object", but every example answers a
		// list of them ({"value": [...]}): the report functions.
		op.ResponseCollection = true
	}
	// A PATCH is an update even where no table lists what it changes; a
	// PUT without one may send a file's bytes (driveItem content).
	if op.RequestType == "" && (op.Method == "PATCH" || op.Method == "PUT" && len(op.RequestBody) > 0) {
		if t := r.updatedType(p, ns, op); t != nil {
			op.RequestType, op.Request = t.QualifiedName(), t
		}
	}
	return op
}

// endsInKey reports whether one of paths ends in a key segment ({id}):
// such a GET answers one item, whatever its examples show.
func endsInKey(paths []string) bool {
	for _, p := range paths {
		last := p[strings.LastIndexByte(p, '/')+1:]
		if strings.HasPrefix(last, "{") && strings.HasSuffix(last, "}") {
			return true
		}
	}
	return false
}

// answersList reports whether every example response of op's status with
// a JSON object for body holds a list, {"value": [...]} and annotations
// only, where op's response type has no property named value; false
// without such examples.
func answersList(op *ir.Operation) bool {
	if op.Response.PropertyFold("value") != nil {
		return false
	}
	n := 0
	for _, ex := range op.Examples {
		rs := ex.Response
		if rs == nil || rs.Status != op.ResponseStatus || strings.TrimSpace(rs.Body) == "" {
			continue
		}
		if !strings.Contains(rs.Body, `"value"`) {
			// Cheaper than decoding: no list, unless the body is no JSON
			// object (a CSV report), which counts for nothing.
			if strings.HasPrefix(strings.TrimSpace(rs.Body), "{") {
				return false
			}
			continue
		}
		var body map[string]json.RawMessage
		if json.Unmarshal([]byte(rs.Body), &body) != nil {
			continue // not a JSON object: a CSV report, a truncated sample
		}
		for k, v := range body {
			if k == "value" {
				if t := strings.TrimSpace(string(v)); !strings.HasPrefix(t, "[") {
					return false
				}
			} else if !strings.HasPrefix(k, "@") {
				return false
			}
		}
		if _, ok := body["value"]; !ok {
			return false
		}
		n++
	}
	return n > 0
}

// updatedType is the type an update's request-body table lists properties
// of, for a PATCH or PUT page whose prose and examples name none (most
// update pages): the type it answers, else a type its title names ("Update
// bookingCustomer"), when that type has every property the table lists. A
// PATCH without a table updates the type it answers. nil otherwise, and the
// table describes a body of its own.
func (r *resolver) updatedType(p *parse.Page, ns string, op *ir.Operation) *ir.Type {
	var candidates []*ir.Type
	if op.Response != nil && !op.ResponseCollection {
		candidates = append(candidates, op.Response)
	}
	// The title's words are a guess only a table can confirm ("Update
	// conversation thread" names conversation first).
	if len(op.RequestBody) > 0 {
		for _, w := range strings.Fields(p.Title.Text) {
			if t := r.lookup(strings.Trim(w, ".:,()`*"), ns); t != nil {
				candidates = append(candidates, t)
			}
		}
	}
	for _, t := range candidates {
		if t.Kind != ir.Enum && hasEvery(t, op.RequestBody) && (len(op.RequestBody) > 0 || r.examplesFit(p, ns, t)) {
			return t
		}
	}
	return nil
}

// examplesFit reports whether every member the page's request examples
// send (at the top of an object body) is a property of t: without a table,
// they are all that confirms a PATCH updates the type it answers
// (photo-update answers a drive item's photo facet but sends a profile
// photo's members). A body naming a type derived from t by @odata.type
// is judged as one of it (educationOutcome's points outcome).
func (r *resolver) examplesFit(p *parse.Page, ns string, t *ir.Type) bool {
	for _, ex := range p.Examples {
		if ex.Role != "request" || strings.TrimSpace(ex.Body) == "" {
			continue
		}
		v, _ := parse.ParseLenient(ex.Body)
		if v == nil || v.Kind != parse.ObjectValue {
			return false
		}
		as := t
		if ot := v.Get("@odata.type"); ot != nil && ot.Kind == parse.StringValue {
			if u := r.lookup(strings.TrimPrefix(ot.Str, "#"), ns); u != nil && isA(u, t) {
				as = u
			}
		}
		for _, m := range v.Members {
			if !strings.Contains(m.Key, "@") && as.Property(m.Key) == nil && !as.Open {
				return false
			}
		}
	}
	return true
}

// hasEvery reports whether t has every property rows names, but for
// instance annotations ("manager@odata.bind").
func hasEvery(t *ir.Type, rows []*ir.Property) bool {
	for _, row := range rows {
		if !strings.Contains(row.Name, "@") && t.Property(row.Name) == nil {
			return false
		}
	}
	return true
}

// exampleStatus is the success status of an operation whose Response prose
// names none: the one its first example answers with success, the page's
// main case where examples answer several (a download's 302 before a range
// request's 206; createUploadSession's 200 before 201, 202 and 204); 0 when
// none does.
func exampleStatus(examples []*ir.Example) int {
	for _, ex := range examples {
		if ex.Response != nil && ex.Response.Status != 0 && ex.Response.Status < 400 {
			return ex.Response.Status
		}
	}
	return 0
}

// exampleBodyType is the type a page's request examples send, for a page
// whose Request body prose links none ("supply a JSON representation of
// the androidDeviceOwnerEnrollmentProfile object"): the type the examples'
// bodies name by @odata.type, all alike, when it has every property the
// request-body table lists. nil otherwise: an action's parameters are no
// type's properties.
func (r *resolver) exampleBodyType(p *parse.Page, ns string, rows []*ir.Property) *ir.Type {
	var found *ir.Type
	for _, ex := range p.Examples {
		if ex.Role != "request" || strings.TrimSpace(ex.Body) == "" {
			continue
		}
		name, ok := topODataType(ex.Body)
		if !ok && strings.Contains(ex.Body, "@odata.type") {
			// Not plain JSON (an unquoted key, a comment): read it leniently.
			v, _ := parse.ParseLenient(ex.Body)
			if v == nil || v.Kind != parse.ObjectValue {
				continue
			}
			if ot := v.Get("@odata.type"); ot != nil && ot.Kind == parse.StringValue {
				name = ot.Str
			}
		}
		if name == "" {
			return nil
		}
		t := r.lookup(strings.TrimPrefix(name, "#"), ns)
		if t == nil || t.Kind == ir.Enum || found != nil && t != found {
			return nil
		}
		found = t
	}
	if found == nil || !hasEvery(found, rows) {
		return nil
	}
	return found
}

// exampleResponseType is the type the success responses of a page's
// examples are annotated with ("@odata.type" and "isCollection" in their
// response annotation, or "@odata.type": "Collection(x)"), for a page whose Response prose links none: every
// success response with a body must name the same type, one the pages
// declare. nil otherwise.
func (r *resolver) exampleResponseType(p *parse.Page, ns string) (t *ir.Type, many bool) {
	for _, ex := range p.Examples {
		if ex.Role != "response" || ex.Status >= 400 || strings.TrimSpace(ex.Body) == "" {
			continue
		}
		if ex.ODataType == "" {
			return nil, false
		}
		name, coll := ir.TypeName(ex.ODataType) // "Collection(microsoft.graph.listItem)" too
		coll = coll || ex.Collection
		at := r.lookup(name, ns)
		if at == nil || t != nil && (at != t || coll != many) {
			return nil, false
		}
		t, many = at, coll
	}
	return t, many
}

// topODataType finds the string value of the "@odata.type" member of the
// JSON object body, without building the object: most bodies tried are
// large Intune examples. ok is false when body is not an object this scan
// can read to its end; name is "" when the object has no such member.
func topODataType(body string) (name string, ok bool) {
	depth := 0
	for i := 0; i < len(body); i++ {
		switch c := body[i]; c {
		case ' ', '\t', '\r', '\n', ',', ':':
		case '{', '[':
			if depth == 0 && c != '{' {
				return "", false
			}
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return "", strings.TrimSpace(body[i+1:]) == ""
			}
		case '"':
			end := stringEnd(body, i)
			if end < 0 {
				return "", false
			}
			s := body[i+1 : end]
			i = end
			if depth == 1 && s == "@odata.type" {
				rest := strings.TrimLeft(body[i+1:], " \t\r\n")
				if !strings.HasPrefix(rest, ":") {
					return "", false
				}
				rest = strings.TrimLeft(rest[1:], " \t\r\n")
				if !strings.HasPrefix(rest, `"`) {
					return "", false
				}
				if e := stringEnd(rest, 0); e > 0 && !strings.Contains(rest[1:e], `\`) {
					return rest[1:e], true
				}
				return "", false
			}
		case 't', 'f', 'n':
			lit := ""
			for _, w := range [...]string{"true", "false", "null"} {
				if strings.HasPrefix(body[i:], w) {
					lit = w
				}
			}
			if depth == 0 || lit == "" {
				return "", false // an unquoted key: not plain JSON
			}
			i += len(lit) - 1
		default:
			if depth == 0 || !strings.ContainsRune("0123456789+-.eE", rune(c)) {
				return "", false
			}
		}
	}
	return "", false
}

// stringEnd is the index of the quote closing the JSON string that starts
// at s[i], or -1.
func stringEnd(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// linkedType is the type a prose link names: the page it lands on, else the
// link text as a type name.
func (r *resolver) linkedType(p *parse.Page, l *parse.Link) *ir.Type {
	target, anchor, _, _ := r.set.LinkTarget(p, l.Dest)
	if target != nil && target != p {
		if e := r.enumAt[target][anchor]; anchor != "" && e != nil {
			return e
		}
		if anchor != "" {
			// A section of a resource page ("[roles property values]
			// (permission.md#roles-property-values)") is no body's type,
			// unless the link names it.
			if t := r.lookupOnPage(target, l.Text); t != nil && strings.EqualFold(t.Name, simpleName(l.Text)) {
				return t
			}
			return nil
		}
		if t := r.lookupOnPage(target, l.Text); t != nil {
			return t
		}
	}
	return r.lookup(l.Text, p.Namespace.Text)
}

// linkedTypes is the type of a body the prose links as first or one of
// others ("an [ipNamedLocation](..) or [countryNamedLocation](..)"): their
// nearest common base type (namedLocation), which holds each. The first
// link's type when there are no others, when they share no base, or when
// one of them is no documented type.
func (r *resolver) linkedTypes(p *parse.Page, first *parse.Link, others []*parse.Link) *ir.Type {
	t := r.linkedType(p, first)
	if t == nil || t.Kind == ir.Enum || len(others) == 0 {
		return t
	}
	ts := []*ir.Type{t}
	for _, l := range others {
		o := r.linkedType(p, l)
		if o == nil || o.Kind == ir.Enum {
			return t
		}
		ts = append(ts, o)
	}
	if b := commonBase(ts); b != nil {
		return b
	}
	return t
}

// pairExamples pairs requests and responses by annotation name, else by
// order: a response pairs with the nearest unpaired request before it.
func pairExamples(p *parse.Page) []*ir.Example {
	var out []*ir.Example
	byName := map[string]*ir.Example{}
	var open []*ir.Example // requests waiting for a response, in order
	for _, ex := range p.Examples {
		switch ex.Role {
		case "request":
			e := &ir.Example{Name: ex.Name, Request: toRequest(p, ex)}
			out = append(out, e)
			open = append(open, e)
			if ex.Name != "" {
				byName[ex.Name] = e
			}
		case "response":
			if ex.Status != 0 && !parse.ValidStatus(ex.Status) {
				continue // no HTTP status: the parser's invalid-status error says so
			}
			resp := toResponse(p, ex)
			// A response naming several requests answers each of them.
			answered := false
			for _, n := range ex.Names {
				if e := byName[n]; e != nil && e.Response == nil {
					e.Response = resp
					open = removeExample(open, e)
					answered = true
				}
			}
			if answered {
				continue
			}
			if len(open) > 0 && (ex.Name == "" || byName[ex.Name] == nil) {
				i := parse.FirstToGraph(len(open), func(i int) string { return open[i].Request.URL })
				e := open[i]
				e.Response = resp
				open = append(open[:i:i], open[i+1:]...)
				continue
			}
			out = append(out, &ir.Example{Name: ex.Name, Response: resp})
		}
	}
	return out
}

func removeExample(list []*ir.Example, e *ir.Example) []*ir.Example {
	for i, x := range list {
		if x == e {
			return append(list[:i:i], list[i+1:]...)
		}
	}
	return list
}

func toHeaders(p *parse.Page, ex *parse.Example) []ir.Header {
	hs := make([]ir.Header, 0, len(ex.Headers))
	for _, h := range ex.Headers {
		hs = append(hs, ir.Header{Name: h.Name, Value: h.Value, Pos: h.Span.Pos()})
	}
	return hs
}

func toRequest(p *parse.Page, ex *parse.Example) *ir.ExampleRequest {
	return &ir.ExampleRequest{
		Method: ex.Method, URL: ex.URL, Path: ex.Path, Headers: toHeaders(p, ex),
		Body: strings.TrimSpace(ex.Body), Pos: ex.Block.Span.Pos(), BodyPos: p.Src.Pos(ex.BodyOffset),
	}
}

func toResponse(p *parse.Page, ex *parse.Example) *ir.ExampleResponse {
	return &ir.ExampleResponse{
		Status: ex.Status, Headers: toHeaders(p, ex), Body: strings.TrimSpace(ex.Body),
		Truncated: ex.Truncated, ODataType: ex.ODataType, Pos: ex.Block.Span.Pos(), BodyPos: p.Src.Pos(ex.BodyOffset),
	}
}

// unknownMethodLine finds the first line of the ## HTTP request section
// that is shaped like a request line but starts with a word that is no
// HTTP method ("GTE /widgets/{id}"): the typo that leaves the page without
// a request line. It returns the word's range.
func unknownMethodLine(p *parse.Page) (at diag.Range, word string, ok bool) {
	for _, cb := range p.Code {
		if cb.Section != "http request" {
			continue
		}
		off := cb.ContentStart
		for rest := cb.Content; rest != ""; {
			line := rest
			if i := strings.IndexByte(rest, '\n'); i >= 0 {
				line = rest[:i+1]
			}
			rest = rest[len(line):]
			if s, e, bad := parse.UnknownMethod(strings.TrimRight(line, "\r\n")); bad {
				return p.Src.Range(off+s, off+e), line[s:e], true
			}
			off += len(line)
		}
	}
	return diag.Range{}, "", false
}

// simpleName is a type name without its namespace.
func simpleName(name string) string { return name[strings.LastIndexByte(name, '.')+1:] }

// repeatedPlaceholders warns of a placeholder named for what it identifies
// that a path names twice: /deviceConfigurations/{deviceConfigurationId}/
// x/{deviceConfigurationId} gives the parent's name to a resource of
// another kind. (A generic {id} standing twice is the docs' convention.)
func (r *resolver) repeatedPlaceholders(rl parse.RequestLine) {
	for _, prm := range rl.Params { // each name once
		span, ph := rl.Span, "{"+prm+"}"
		if !repeats(rl.Path, prm) {
			continue
		}
		// The finding is on the second {name} of the line, where there is one.
		text := span.Text()
		if i := strings.Index(text, ph); i >= 0 {
			if j := strings.Index(text[i+len(ph):], ph); j >= 0 {
				at := span.Offset() + i + len(ph) + j
				span = span.Source().Range(at, at+len(ph))
			}
		}
		r.diags.Add(span, diag.Warning, "invalid-path",
			"request path %s names the placeholder %s twice, for two different values: name each for what it stands for (the generated method tells them apart by a number only)",
			rl.Path, ph)
	}
}

// RepeatedPlaceholder is the first placeholder named for what it identifies
// that path names twice, "" when none: gen new refuses such a path, which
// the resolver warns of.
func RepeatedPlaceholder(path string) string {
	for _, prm := range parse.PathParams(path) {
		if repeats(path, prm) {
			return prm
		}
	}
	return ""
}

// repeats reports whether path names the placeholder prm, one that is not
// generic, more than once.
func repeats(path, prm string) bool {
	return strings.Count(path, "{"+prm+"}") >= 2 && !naming.GenericPlaceholder(prm)
}
