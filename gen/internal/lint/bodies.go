package lint

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/emit/odata"
	"gen/gen/internal/ir"
	"gen/gen/internal/parse"
)

// bodies checks every JSON body on the page: example requests and responses
// of operation pages, resource and example blocks anywhere.
func (c *checker) bodies() {
	if c.page.Kind == parse.Operation {
		for _, ex := range c.page.Examples {
			c.exampleBody(ex)
		}
	}
	for _, cb := range c.page.Code {
		if cb.Annotation == nil {
			continue
		}
		switch canonicalBlockType(cb.Annotation.BlockType) {
		case "resource":
			c.jsonBlock(cb, "resource body", true)
		case "example":
			c.jsonBlock(cb, "example body", false)
		}
	}
}

// exampleBody checks a JSON request or response body: its syntax, then its
// content against the request type, or the response's annotated or linked
// type.
func (c *checker) exampleBody(ex *parse.Example) {
	if !isJSONBody(ex) {
		return
	}
	v, probs, strict := c.body(ex)
	c.jsonProblems(ex.Body, ex.BodyOffset, probs, strict, "example-json", ex.Role+" body")
	if v == nil {
		return
	}
	c.duplicateKeys(v, ex.BodyOffset, ex.Role == "request")
	if esc, i := loneSurrogate(ex.Body); esc != "" {
		at := ex.BodyOffset + i
		refused := ""
		if ex.Role == "request" {
			refused = ", and the generated handler answers 400"
		}
		c.reportAs(diag.Warning, c.span(at, at+len(esc)), "example-json",
			"%s body escapes half a surrogate pair, %s, which is no character: decoders read U+FFFD%s", ex.Role, esc, refused)
	}
	w := &bodyWalk{c: c, off: ex.BodyOffset, example: true, multiStatus: ex.Status == 207, request: ex.Role == "request"}
	w.patch = w.request && c.op != nil && c.op.Method == "PATCH"
	switch ex.Role {
	case "request":
		if c.offPage[ex] {
			// Not a request to the page's operation (another path, another
			// host): its body is not the operation's request body.
			w.untyped(v)
			return
		}
		if ex.ODataType != "" {
			// The annotation names the body's type (a call, a driveItem's
			// permission), or with isCollection its items' type; one that
			// names no documented type leaves the body to the checks below.
			if t, _ := c.lookup(ex.ODataType, c.page.Namespace.Text); t != nil {
				_, named := ir.TypeName(ex.ODataType)
				w.top(v, t, ex.Collection || named)
				return
			}
		}
		if c.tableBody() {
			w.parameters(v)
			return
		}
		var t *ir.Type
		coll := ex.Collection
		if c.op != nil {
			t, coll = c.op.Request, coll || c.op.RequestCollection
		}
		w.top(v, t, coll)
	case "response":
		if c.callback[ex] {
			// Another host's answer to the request the service sent it.
			w.untyped(v)
			return
		}
		if ex.Status >= 400 {
			// An error answer holds an OData error object, whatever type
			// the operation or the annotation names.
			w.untyped(v)
			return
		}
		od := ex.ODataType
		if od == "" && ex.Block.Annotation != nil {
			od = ex.Block.Annotation.String("@type")
		}
		if od != "" {
			// The annotation names the body's type (or, with isCollection
			// or Collection(...), its items' type), as for example blocks.
			t, _ := c.lookup(od, c.page.Namespace.Text)
			_, named := ir.TypeName(od)
			if prose := c.proseResponse(ex, t, v); prose != nil {
				// The annotation names another type than the Response
				// prose, one the body fits worse: one finding on the
				// annotation, not one per key against the wrong type.
				t, named = prose, c.op.ResponseCollection
			}
			w.top(v, t, ex.Collection || named)
			return
		}
		var t *ir.Type
		coll := ex.Collection
		if c.op != nil {
			t, coll = c.op.Response, coll || c.op.ResponseCollection
		}
		w.top(v, t, coll)
	}
}

// proseResponse is the operation's response type where a response
// example's annotation names another, t, that is neither derived from it nor
// its base, and every key of the body is a property of the prose's type but
// not of t: it
// reports the annotation's @odata.type and returns the prose's type to check
// the body against. nil where the annotation stands.
func (c *checker) proseResponse(ex *parse.Example, t *ir.Type, v *parse.Value) *ir.Type {
	if c.op == nil || c.op.Response == nil || t == nil || t == c.op.Response || t.Kind == ir.Enum || c.op.Response.Kind == ir.Enum ||
		c.types.isA(t, c.op.Response) || c.types.isA(c.op.Response, t) {
		return nil
	}
	keys, annotated, prose := 0, 0, 0
	for _, m := range sampleObject(v).Members {
		if strings.ContainsRune(m.Key, '@') {
			continue
		}
		keys++
		if _, ok := c.types.property(t, m.Key); ok {
			annotated++
		}
		if _, ok := c.types.property(c.op.Response, m.Key); ok {
			prose++
		}
	}
	if keys == 0 || prose < keys || annotated == keys {
		return nil // the body is not plainly the prose's type
	}
	a := ex.Block.Annotation
	key := "@odata.type"
	val := a.Key(key)
	if val == nil {
		key, val = "@type", a.Key("@type")
	}
	if val == nil {
		return nil
	}
	c.report(c.span(a.Offset+val.Off, a.Offset+val.End), "odata-type-mismatch",
		"response annotation names %s, but ## Response names %s: all %d of the body's keys are properties of the latter, %d of the former; the body is checked as %s: name it in the annotation",
		t.QualifiedName(), c.op.Response.QualifiedName(), keys, annotated, c.op.Response.QualifiedName())
	return c.op.Response
}

// sampleObject is the object a body shows of its type: the body, or the
// first element of its array or of its "value" array.
func sampleObject(v *parse.Value) *parse.Value {
	if v == nil {
		return &parse.Value{}
	}
	if val := v.Get("value"); v.Kind == parse.ObjectValue && val != nil && val.Kind == parse.ArrayValue && onlyValue(v) {
		v = val // {"value": [...]}, not an object with a value property
	}
	if v.Kind == parse.ArrayValue {
		if len(v.Elems) == 0 {
			return &parse.Value{}
		}
		v = v.Elems[0]
	}
	return v
}

// placeholderIn reports, in an example, a string value that keeps a
// {placeholder} a request's URL would: the whole value ("{id}"), or a path
// segment of a link ("https://graph.microsoft.com/v1.0/users/{id}"). A
// GUID in braces is a value, not a placeholder.
func (w *bodyWalk) placeholderIn(v *parse.Value) bool {
	if !w.example || v == nil {
		return false
	}
	if v.Kind == parse.ArrayValue { // "parts@odata.bind": [links]
		found := false
		for _, e := range v.Elems {
			found = w.placeholderIn(e) || found
		}
		return found
	}
	if v.Kind != parse.StringValue {
		return false
	}
	ph := bodyPlaceholder(v.Str)
	if ph == "" {
		return false
	}
	w.report(v, "placeholder-value", "%s keeps the placeholder %s: write a realistic value", quoteShort(v.Str), ph)
	return true
}

// bodyPlaceholder is the {name} a string value keeps, whole or as a path
// segment, "" when it keeps none.
func bodyPlaceholder(s string) string {
	name := func(ph string) bool {
		inner := ph[1 : len(ph)-1]
		if inner == "" || odata.IsGUID(inner) {
			return false
		}
		for _, c := range inner {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
				return false
			}
		}
		return true
	}
	if len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}' && name(s) {
		return s
	}
	for i := strings.Index(s, "/{"); i >= 0; {
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			break
		}
		if ph := s[i+1 : i+2+j]; name(ph) && (i+2+j == len(s) || s[i+2+j] == '/' || s[i+2+j] == '?') {
			return ph
		}
		k := strings.Index(s[i+1:], "/{")
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return ""
}

// onlyValue reports whether an object's members are "value" and instance
// annotations ("@odata.context", "@odata.nextLink"): a collection's
// wrapper, not an object that has a value property among others.
func onlyValue(v *parse.Value) bool {
	for _, m := range v.Members {
		if m.Key != "value" && !strings.ContainsRune(m.Key, '@') {
			return false
		}
	}
	return true
}

// body reads an example's body as parse.ParseLenient does (see readJSON),
// once per page: the request body table check reads the first request's
// body too.
func (c *checker) body(ex *parse.Example) (*parse.Value, []parse.Problem, bool) {
	for _, b := range c.parsed {
		if b.ex == ex {
			return b.v, b.probs, b.strict
		}
	}
	v, probs, strict := readJSON(ex.Body, c.arena)
	c.parsed = append(c.parsed, lenientBody{ex, v, probs, strict})
	return v, probs, strict
}

type lenientBody struct {
	ex     *parse.Example
	v      *parse.Value
	probs  []parse.Problem
	strict bool
}

// jsonBlock checks a resource or example block: its syntax, then its
// content against the type its annotation names. A resource block (a JSON
// representation) is checked against the type's property table, its values
// read as the placeholders they are (see repValue).
func (c *checker) jsonBlock(cb *parse.CodeBlock, what string, resource bool) {
	content, start := cb.Content, cb.ContentStart
	if !resource {
		// An example block may show a whole HTTP message: its body is
		// what follows the headers.
		at, ok := messageBody(content)
		if !ok {
			return
		}
		content, start = content[at:], start+at
	}
	v, probs, strict := readJSON(content, c.arena)
	c.jsonProblems(content, start, probs, strict, "example-json", what)
	if v == nil {
		return
	}
	c.duplicateKeys(v, start, false)
	a := cb.Annotation
	od := a.String("@odata.type")
	if od == "" {
		od = a.String("@type")
	}
	if od == "" {
		return
	}
	t, _ := c.lookup(od, c.page.Namespace.Text)
	_, named := ir.TypeName(od)
	w := &bodyWalk{c: c, off: start, resource: resource}
	w.top(v, t, a.Bool("isCollection") || named)
}

// messageBody is where the body of an example block starts: 0 for a bare
// body, after the blank line that ends the headers for a block opening with
// a request or status line ("POST https://...", "HTTP/1.1 200 OK"); ok is
// false for such a block with no body.
func messageBody(content string) (at int, ok bool) {
	first := strings.TrimSpace(content[:max(0, strings.IndexByte(content+"\n", '\n'))])
	f := strings.Fields(first)
	if len(f) == 0 || !(parse.HasPrefixLower(first, "http/") || len(f) >= 2 && parse.IsHTTPMethod(f[0])) {
		return 0, true
	}
	for i := 0; i < len(content); {
		j := strings.IndexByte(content[i:], '\n')
		if j < 0 {
			return 0, false
		}
		line := content[i : i+j]
		i += j + 1
		if strings.TrimSpace(line) == "" {
			return i, strings.TrimSpace(content[i:]) != ""
		}
	}
	return 0, false
}

// bodyWalk checks one JSON body against the types: unknown properties,
// values that do not fit, @odata.type names, placeholders.
type bodyWalk struct {
	c       *checker
	off     int  // byte offset of the body in the page
	example bool // a request or response, where placeholders are findings
	// request: an example request, which the generated handler validates:
	// what it refuses (an abstract type unnamed, a null in a collection)
	// is a finding. patch: of a PATCH, whose body may leave its own
	// abstract type unnamed.
	request, patch bool
	// resource: a resource's JSON representation, whose values are type
	// placeholders (see repValue).
	resource bool
	// multiStatus: a 207 Multi-Status answer, whose items may carry the
	// "error" that failed them.
	multiStatus bool
	// depth counts the objects around the value being checked: 0 for the
	// body and the items of a collection body.
	depth int
	// unknown holds the unknown keys reported in a JSON representation, by
	// type: a representation that repeats an object (a list of samples)
	// gets one finding per key and type.
	unknown map[unknownKey]bool
}

type unknownKey struct {
	t   *ir.Type
	key string
}

func (w *bodyWalk) span(v *parse.Value) (int, int) { return w.off + v.Off, w.off + v.End }

func (w *bodyWalk) report(v *parse.Value, rule, format string, args ...any) {
	s, e := w.span(v)
	w.c.report(w.c.span(s, e), rule, format, args...)
}

// top checks a whole body expected to hold t, or a collection of it: a
// JSON array, or an object whose "value" holds them. A body of a primitive
// type, an enum or a type not found (t nil) is walked untyped.
func (w *bodyWalk) top(v *parse.Value, t *ir.Type, coll bool) {
	if t == nil || t.Kind == ir.Enum {
		w.untyped(v)
		return
	}
	switch v.Kind {
	case parse.ArrayValue:
		for _, e := range v.Elems {
			w.instance(e, t)
		}
	case parse.ObjectValue:
		val := v.Get("value")
		if _, has := w.c.types.property(t, "value"); val != nil && (coll || !has || w.wrapsOne(v, val, t)) {
			if w.example && !coll && onlyValue(v) && (val.Kind == parse.ObjectValue || val.Kind == parse.ArrayValue) {
				w.valueWrapper(val, t)
			}
			for _, m := range v.Members {
				if strings.ContainsRune(m.Key, '@') {
					w.placeholderIn(m.Value) // the wrapper's @odata.nextLink, @odata.context
				}
			}
			switch val.Kind {
			case parse.ArrayValue:
				for _, e := range val.Elems {
					w.instance(e, t)
				}
			case parse.ObjectValue:
				w.object(val, t)
			}
			return
		}
		w.object(v, t)
	default:
		w.untyped(v)
	}
}

// valueWrapper reports an example that wraps what the operation documents
// as one t in {"value": ...}: one object, which the service sends bare, or
// an array, where the docs say one object but the example many.
func (w *bodyWalk) valueWrapper(val *parse.Value, t *ir.Type) {
	role := "response"
	if w.request {
		role = "request"
	}
	if val.Kind == parse.ObjectValue {
		w.report(val, "value-wrapper", "the %s wraps one %s in {\"value\": ...}, but a single %s is sent as the object itself: drop the wrapper", role, t.Name, t.Name)
		return
	}
	if op := w.c.op; op != nil && (w.request && op.RequestCollection || !w.request && op.ResponseCollection) {
		return // the annotation names the items' type, the prose a collection
	}
	w.report(val, "value-wrapper", "the %s holds a collection in \"value\", but the page documents one %s: say \"collection\" in its prose (or annotate isCollection), or show one object", role, t.Name)
}

// wrapsOne reports whether v is {"value": {...}} holding one t object
// marked with its @odata.type, as Intune pages write single results.
func (w *bodyWalk) wrapsOne(v, val *parse.Value, t *ir.Type) bool {
	if !onlyValue(v) {
		return false
	}
	od := val.Get("@odata.type")
	if val.Kind != parse.ObjectValue || od == nil || od.Kind != parse.StringValue {
		return false
	}
	nt, _ := w.c.lookup(od.Str, w.c.page.Namespace.Text)
	return nt != nil && w.c.types.isA(nt, t)
}

// instance checks a value that must be one t object.
func (w *bodyWalk) instance(v *parse.Value, t *ir.Type) {
	switch v.Kind {
	case parse.ObjectValue:
		w.object(v, t)
	case parse.NullValue:
	default:
		w.report(v, "type-mismatch", "expected a %s object, found %s", t.Name, describeValue(v))
	}
}

// object checks the members of an object of type t (nil: unknown type),
// switching to the type its @odata.type names.
func (w *bodyWalk) object(v *parse.Value, t *ir.Type) {
	c := w.c
	od := v.Get("@odata.type")
	if od == nil {
		// "odata.type", the annotation misspelt, is reported as an unknown
		// key below; the type it names still types the rest.
		od = v.Get("odata.type")
	}
	var alt *ir.Type // the type expected here, when @odata.type names another
	if od != nil && od.Kind == parse.StringValue && strings.TrimSpace(od.Str) != "" {
		nt, edm := c.lookup(od.Str, c.page.Namespace.Text)
		if w.example && w.depth > 0 && nt != nil && nt == t && isTypeRef(v) && c.hasWritable(nt) {
			// {"@odata.type": "microsoft.graph.alertFeedback"} where an
			// alertFeedback belongs: the property's own type named where
			// its properties belong, as JSON representations write it. A
			// derived type named so is a choice ("mediaConfig":
			// serviceHostedMediaConfig), a type without properties is told
			// by its name alone, and a whole body may have nothing to set.
			w.report(v, "placeholder-value", "an object holding only its @odata.type is a type placeholder: write the %s's properties", nt.Name)
		}
		switch {
		case nt == nil && edm == "":
			w.report(od, "unknown-type", "@odata.type %q names no documented type", od.Str)
			t = nil
		case nt != nil:
			switch {
			case t == nil || c.types.isA(nt, t):
				t = nt
			case w.resource && c.types.isA(t, nt):
				// A JSON representation may name the base type of the
				// property's type ("organizerMeetingInfo or
				// tokenMeetingInfo" in the table, meetingInfo in the
				// sample): the table's type is the more precise.
			default:
				w.report(od, "odata-type-mismatch", "@odata.type names %s, which is neither %s nor derived from it", nt.QualifiedName(), t.QualifiedName())
				// One of the two types is wrong, and which is not known:
				// a member is judged by the named type, else by the
				// expected one, so that the mistake is not reported
				// again for each member the other type has.
				alt, t = t, nt
			}
		}
	}
	if t != nil && t.Kind == ir.Enum {
		t = nil
	}
	if w.request && t != nil && t.NamesAbstract() {
		// The handler cannot tell which derived type to decode, but for a
		// PATCH's own body that names none (the object it changes has one).
		switch {
		case od != nil && od.Kind == parse.StringValue && strings.TrimSpace(od.Str) != "":
			w.report(od, "type-mismatch", "@odata.type names the abstract type %s: name the type derived from it, as the generated handler answers 400 to an abstract one", t.QualifiedName())
		case od != nil:
			w.report(od, "type-mismatch", "@odata.type must name the type derived from the abstract type %s, as the generated handler answers 400 otherwise", t.QualifiedName())
		case !(w.patch && w.depth == 0):
			w.report(v, "type-mismatch", "this object is of the abstract type %s: name the type derived from it in @odata.type, as the generated handler answers 400 without one", t.QualifiedName())
		}
	}
	judge := t != nil && !c.types.isOpen(t) && c.types.hasProperties(t) &&
		(alt == nil || !c.types.isOpen(alt) && c.types.hasProperties(alt))
	// A page without a property table documents its type by its JSON
	// representation alone (missing-property-table): its keys are the
	// properties, even those the resolver could not type.
	judge = judge && !(w.resource && len(c.types.rowsOf(t)) == 0)
	w.depth++
	defer func() { w.depth-- }()
	for _, m := range v.Members {
		if strings.ContainsRune(m.Key, '@') {
			// Instance and property annotations: @odata.type, x@odata.bind,
			// ...; a link they give may keep a path placeholder.
			w.placeholderIn(m.Value)
			if name, ok := strings.CutSuffix(m.Key, "@odata.bind"); ok && name != "" && t != nil && w.request {
				// Any name of an open type may be bound; of another type,
				// one it has, even where its table lists none.
				w.bind(m, name, t, alt)
			}
			continue
		}
		if t == nil {
			w.untyped(m.Value)
			continue
		}
		prop, documented := c.types.bodyProperty(t, m.Key)
		if !documented && alt != nil {
			prop, documented = c.types.bodyProperty(alt, m.Key)
		}
		if !documented && judge && !w.dynamicKey(m.Key) && w.firstUnknown(t, m.Key) {
			hint := c.suggest(m.Key, c.types.propertyNames(t, alt))
			if m.Key == "odata.type" {
				hint = ` (did you mean "@odata.type"?)`
			}
			if alt != nil {
				c.report(c.span(w.off+m.KeyOff, w.off+m.KeyEnd), "body-property-unknown", "%q is a property of neither %s nor %s, nor of their base types%s",
					m.Key, t.QualifiedName(), alt.QualifiedName(), hint)
			} else {
				c.report(c.span(w.off+m.KeyOff, w.off+m.KeyEnd), "body-property-unknown", "%q is not a property of %s or its base types%s",
					m.Key, t.QualifiedName(), hint)
			}
		}
		if prop == nil {
			w.untyped(m.Value)
			continue
		}
		if w.request && w.depth == 1 {
			w.readOnlyMember(m, prop, t)
		}
		if w.resource {
			w.repValue(m.Value, prop)
			continue
		}
		w.value(m.Value, prop)
	}
}

// readOnlyMember reports a member of a request example's body that sets a
// property its resource page says is always read-only, as the request-body
// table's rows are (a relationship or the id in a create is not: read-only
// means it changes no more once made). A property the table lists is
// reported on its row, once.
func (w *bodyWalk) readOnlyMember(m parse.Member, prop *ir.Property, t *ir.Type) {
	c := w.c
	if c.tableBody() {
		return
	}
	for i := range c.page.RequestBody {
		if c.page.RequestBody[i].Name.Text == m.Key {
			return
		}
	}
	c.readOnlyInRequest(c.span(w.off+m.KeyOff, w.off+m.KeyEnd), m.Key, prop, t, "example sets it", "leave it out of the example")
}

// readOnlyInRequest reports a request body's name, a row of its table or
// a member of its example, that sets prop of t, where prop's resource page
// calls it read-only. Not reported: a property read-only only now and then
// (alwaysReadOnly), a relationship a create sets, the id a PUT gives (it
// names the entity it replaces), and what a create may set because its
// description makes it read-only from creation on. Of a create, which of
// the two pages is wrong is not known (some creates take the key the
// client chooses, a domain's name), and the finding says so.
func (c *checker) readOnlyInRequest(at diag.Range, name string, prop *ir.Property, t *ir.Type, sets, fix string) {
	if c.op == nil || !prop.ReadOnly || !c.alwaysReadOnly(prop) {
		return
	}
	create := c.op.Method == "POST"
	switch {
	case create && prop.Navigation, prop.Name == "id" && c.op.Method == "PUT":
	case !create:
		c.report(at, "read-only-in-request", "%s is read-only (%s), so it does not belong in this update request's body", name, c.types.readOnlyRow(t, prop).Pos)
	case !creationRE.MatchString(prop.Description): // "After a category is created, the name cannot be changed."
		c.report(at, "read-only-in-request", "%s is read-only (%s), yet this create request's %s: %s; else %s", name, c.types.readOnlyRow(t, prop).Pos, sets, readOnlyOnceCreated, fix)
	}
}

// readOnlyOnceCreated is the fix on the resource page's side of a create
// that sets a property the page calls read-only.
const readOnlyOnceCreated = "if a create may set it, say on that page that it is read-only once created"

// creationRE finds a description that makes a property read-only from its
// entity's creation on ("After a category is created, the name cannot be
// changed", "read-only after creation", "set at creation"): a create may
// set it. "The time the widget was created" and "Set when the widget is
// created" (by the service) say nothing of the kind.
var creationRE = regexp.MustCompile(`(?i)\b(after|once)\b[^.;]*\bcreated\b|\b(at|on|during|upon|after)\s+creation\b`)

// bind checks a "name@odata.bind" member of a request's object of type t
// (or alt, when its @odata.type names another), as the generated handler
// does: name must be a property the type has (any name, of an open type),
// not of a primitive or enum type, and the value one link (a non-empty
// string) or, for a collection, an array of links.
func (w *bodyWalk) bind(m parse.Member, name string, t, alt *ir.Type) {
	c := w.c
	closed := !c.types.isOpen(t) && (alt == nil || !c.types.isOpen(alt))
	if t.Shapeless() {
		return // the generated code keeps a shapeless value as raw JSON, wherever it is
	}
	// The property the generated code has: a row restating an inherited
	// property under another type is warned of, and does not change it.
	prop, documented := c.types.property(t, name)
	if !documented && alt != nil {
		prop, documented = c.types.property(alt, name)
	}
	if !documented {
		if !closed {
			// Any name of an open type, but still one link or several.
			if v := m.Value; !isLink(v) && !isLinks(v) {
				w.report(v, "type-mismatch", "%q binds %s, which %s does not declare: expected a link (a non-empty string) or an array of links, found %s", m.Key, name, t.QualifiedName(), describeValue(v))
			}
			return
		}
		c.report(c.span(w.off+m.KeyOff, w.off+m.KeyEnd), "body-property-unknown", "%q binds %q, which is not a property of %s or its base types%s",
			m.Key, name, t.QualifiedName(), c.suggest(name, c.types.propertyNames(t, alt)))
		return
	}
	if prop != nil {
		w.bindValue(m, name, prop)
	}
}

// bindValue checks the value of "name@odata.bind", which binds the
// property or parameter prop.
func (w *bodyWalk) bindValue(m parse.Member, name string, prop *ir.Property) {
	v := m.Value
	at := "" // where the property is declared: the table may be what is wrong
	if prop.Pos.IsValid() {
		at = " (" + prop.Pos.String() + ")"
	}
	switch {
	case strings.HasPrefix(prop.Type, "Edm.") || prop.Ref != nil && prop.Ref.Kind == ir.Enum:
		w.c.report(w.c.span(w.off+m.KeyOff, w.off+m.KeyEnd), "type-mismatch", "%q binds %s, which is typed %s%s: a bind links entities, and a primitive or enum property takes its value itself",
			m.Key, name, prop.Type, at)
	case prop.Collection && v.Kind == parse.ArrayValue:
		for _, e := range v.Elems {
			if !isLink(e) {
				w.report(e, "type-mismatch", "%q binds the collection %s%s: each element is a link (a non-empty string), found %s", m.Key, name, at, describeValue(e))
			}
		}
	case prop.Collection:
		w.report(v, "type-mismatch", "%q binds the collection %s%s: expected an array of links, found %s", m.Key, name, at, describeValue(v))
	case !isLink(v):
		w.report(v, "type-mismatch", "%q binds the single-valued %s%s: expected one link (a non-empty string), found %s", m.Key, name, at, describeValue(v))
	}
}

// isLink reports whether v is what @odata.bind takes for one entity, as
// the generated handler reads it (odata.IsLink): a non-empty string.
func isLink(v *parse.Value) bool { return v.Kind == parse.StringValue && v.Str != "" }

// isLinks reports whether v is an array of links (odata.IsLinks).
func isLinks(v *parse.Value) bool {
	if v.Kind != parse.ArrayValue {
		return false
	}
	for _, e := range v.Elems {
		if !isLink(e) {
			return false
		}
	}
	return true
}

// parameters checks a request body that only the request-body table
// describes: an object whose members are the table's rows, each holding a
// value of the row's type.
func (w *bodyWalk) parameters(v *parse.Value) {
	c := w.c
	switch v.Kind {
	case parse.ObjectValue:
	case parse.NullValue:
		return
	default:
		w.report(v, "type-mismatch", "the request body holds the parameters of the request-body table: expected an object, found %s", describeValue(v))
		return
	}
	if od := v.Get("@odata.type"); od != nil && od.Kind == parse.StringValue && strings.TrimSpace(od.Str) != "" {
		nt, edm := c.lookup(od.Str, c.page.Namespace.Text)
		switch {
		case nt == nil && edm == "":
			w.report(od, "unknown-type", "@odata.type %q names no documented type", od.Str)
		case nt != nil:
			if key := w.notOf(v, nt); key != "" {
				w.report(od, "odata-type-mismatch", "@odata.type names %s, which has no property %q: this body holds the parameters of the request-body table", nt.QualifiedName(), key)
			}
		}
	}
	w.depth++ // the parameters' values are one level in, as an object's members
	defer func() { w.depth-- }()
	for _, m := range v.Members {
		if strings.ContainsRune(m.Key, '@') {
			if name, ok := strings.CutSuffix(m.Key, "@odata.bind"); ok && name != "" {
				w.bindParameter(m, name)
			}
			continue
		}
		prop, documented := c.parameter(m.Key)
		if !documented {
			if row := c.parameterFold(m.Key); row != nil {
				// The handler takes it, as the service does: an action's
				// parameters match regardless of case.
				c.reportAs(diag.Warning, c.span(w.off+m.KeyOff, w.off+m.KeyEnd), "property-case", "parameter %q is written %q in the request-body table; the handler takes either, but the docs should agree", m.Key, row.Name)
				w.value(m.Value, row)
				continue
			}
			c.report(c.span(w.off+m.KeyOff, w.off+m.KeyEnd), "body-property-unknown", "%q is not a parameter of the request-body table%s",
				m.Key, c.suggest(m.Key, c.parameterNames()))
		}
		if prop == nil {
			w.untyped(m.Value)
			continue
		}
		w.value(m.Value, prop)
	}
}

// bindParameter checks "name@odata.bind" in a body of the request-body
// table's parameters, which match regardless of case as the handler
// matches them.
func (w *bodyWalk) bindParameter(m parse.Member, name string) {
	c := w.c
	prop, documented := c.parameter(name)
	if !documented {
		prop = c.parameterFold(name)
		if prop == nil {
			c.report(c.span(w.off+m.KeyOff, w.off+m.KeyEnd), "body-property-unknown", "%q binds %q, which is not a parameter of the request-body table%s",
				m.Key, name, c.suggest(name, c.parameterNames()))
			return
		}
	}
	if prop != nil {
		w.bindValue(m, name, prop)
	}
}

// notOf returns the first member of the object v, other than an
// annotation, that t does not document; "" when t documents them all, or
// may hold any member.
func (w *bodyWalk) notOf(v *parse.Value, t *ir.Type) string {
	x := w.c.types
	if t.Kind == ir.Enum || x.isOpen(t) || !x.hasProperties(t) {
		return ""
	}
	for _, m := range v.Members {
		if _, documented := x.property(t, m.Key); !documented && !strings.ContainsRune(m.Key, '@') {
			return m.Key
		}
	}
	return ""
}

// hasWritable reports whether t or a base type has a property a client may
// write: one not always read-only, or a row whose type did not resolve.
func (c *checker) hasWritable(t *ir.Type) bool {
	if t.Kind == ir.Enum {
		return false
	}
	for _, p := range c.types.propsOf(t).props {
		if !p.ReadOnly || !c.alwaysReadOnly(p) {
			return true
		}
	}
	for _, in := range c.types.of(t).chain {
		for _, r := range c.types.rowsOf(in) {
			if _, typed := c.types.propsOf(t).props[r.Name.Text]; !typed {
				return true
			}
		}
	}
	return false
}

// dynamicKey reports whether key is a member that no type declares but an
// instance may carry: a directory extension property
// ("extension_{app id without dashes}_{name}", on directory objects), or
// the "error" of an item that failed in a 207 Multi-Status answer.
func (w *bodyWalk) dynamicKey(key string) bool {
	if key == "error" {
		return w.multiStatus
	}
	return isDirectoryExtension(key)
}

// isDirectoryExtension reports whether key names a directory extension
// property: "extension_" then 32 hex digits (an application id without its
// dashes), "_" and a name.
func isDirectoryExtension(key string) bool {
	const prefix = "extension_"
	if len(key) < len(prefix)+34 || !strings.HasPrefix(key, prefix) {
		return false
	}
	for _, b := range []byte(key[len(prefix) : len(prefix)+32]) {
		if l := b | 0x20; !('0' <= b && b <= '9' || 'a' <= l && l <= 'f') {
			return false
		}
	}
	return key[len(prefix)+32] == '_'
}

// firstUnknown reports whether key is reported unknown in t for the first
// time: always in examples, once per type in a JSON representation.
func (w *bodyWalk) firstUnknown(t *ir.Type, key string) bool {
	if !w.resource {
		return true
	}
	k := unknownKey{t, key}
	if w.unknown[k] {
		return false
	}
	if w.unknown == nil {
		w.unknown = map[unknownKey]bool{}
	}
	w.unknown[k] = true
	return true
}

// repValue checks the value of property p in a resource's JSON
// representation. Its values are placeholders ("String", "Int32", "String
// (timestamp)", true, 0, ["String"], {"@odata.type": "microsoft.graph.x"},
// "Collection(microsoft.graph.x)"), so only a sample that clearly
// contradicts the property table is reported: a list for a single value, a
// single value for a collection, a boolean or number where an object or an
// enum belongs, an object or a boolean where a primitive belongs, a
// placeholder that names another kind of type. A string may stand for
// anything else, and a number for any primitive but a Boolean.
func (w *bodyWalk) repValue(v *parse.Value, p *ir.Property) {
	if v.Kind == parse.NullValue || isAnyType(p) {
		return
	}
	switch {
	case v.Kind == parse.ArrayValue:
		if !p.Collection {
			w.report(v, "type-mismatch", "%s is a single %s, found a list", p.Name, typeLabel(p.Type))
			return
		}
		for _, e := range v.Elems {
			w.repElement(e, p)
		}
	case p.Collection:
		if isCollectionPlaceholder(v) {
			return
		}
		w.report(v, "type-mismatch", "%s is a collection of %s: expected a list [...], found %s", p.Name, typeLabel(p.Type), describeSample(v))
	default:
		w.repElement(v, p)
	}
}

// isCollectionPlaceholder reports whether v stands for a collection in a
// JSON representation: "Collection(microsoft.graph.x)", "String collection",
// {"@odata.type": "Collection(microsoft.graph.x)"}.
func isCollectionPlaceholder(v *parse.Value) bool {
	s := v.Str
	if isTypeRef(v) && v.Members[0].Value.Kind == parse.StringValue {
		s = v.Members[0].Value.Str
	} else if v.Kind != parse.StringValue {
		return false
	}
	return strings.Contains(strings.ToLower(s), "collection")
}

// describeSample describes a value of a JSON representation, naming the
// type of a {"@odata.type": "x"} placeholder.
func describeSample(v *parse.Value) string {
	if isTypeRef(v) && v.Members[0].Value.Kind == parse.StringValue {
		return "an object of type " + quoteShort(v.Members[0].Value.Str)
	}
	return describeValue(v)
}

// repElement checks one sample value (a collection's item, or a single
// value) of p in a JSON representation: see repValue.
func (w *bodyWalk) repElement(v *parse.Value, p *ir.Property) {
	if v.Kind == parse.NullValue {
		return
	}
	t := p.Ref
	switch {
	case t != nil && t.Kind == ir.Enum:
		// A string is a member, a list of them or the enum's name.
		if v.Kind != parse.StringValue && !isTypeRef(v) {
			w.report(v, "type-mismatch", "%s is a %s enum value (a string), found %s", p.Name, t.Name, describeSample(v))
		}
	case t != nil:
		switch v.Kind {
		case parse.ObjectValue:
			w.object(v, t)
		case parse.StringValue: // the type's name, or a placeholder
		default:
			w.report(v, "type-mismatch", "%s is a %s object, found %s", p.Name, t.Name, describeValue(v))
		}
	default:
		w.repPrimitive(v, p)
	}
}

// repPrimitive checks a sample value of a primitive property in a JSON
// representation: see repValue.
func (w *bodyWalk) repPrimitive(v *parse.Value, p *ir.Property) {
	edm := p.Type
	mismatch := func() {
		w.report(v, "type-mismatch", "%s is %s: expected %s, found %s", p.Name, typeLabel(edm), expectedShape(edm), describeSample(v))
	}
	switch v.Kind {
	case parse.StringValue:
		w.placeholder(v, p) // a placeholder naming another kind of type
	case parse.NumberValue:
		if edm == "Edm.Boolean" {
			mismatch()
		}
	case parse.BoolValue:
		if edm != "Edm.Boolean" {
			mismatch()
		}
	case parse.ObjectValue:
		if isTypeRef(v) && v.Members[0].Value.Kind == parse.StringValue {
			if nt, named := w.c.lookup(v.Members[0].Value.Str, w.c.page.Namespace.Text); nt == nil && named != "" {
				return // {"@odata.type": "Edm.String"}: a primitive named
			}
		}
		mismatch()
	default:
		mismatch()
	}
}

// value checks the value of property p.
func (w *bodyWalk) value(v *parse.Value, p *ir.Property) {
	switch {
	case v.Kind == parse.NullValue, isAnyType(p): // any JSON value, a list too
	case v.Kind == parse.ArrayValue:
		if !p.Collection {
			w.report(v, "type-mismatch", "%s is a single %s, found a list", p.Name, typeLabel(p.Type))
		}
		for _, e := range v.Elems {
			if e.Kind == parse.NullValue && w.request && p.Collection && validated(p) {
				w.report(e, "type-mismatch", "%s is a collection of %s, which holds no null element: the generated handler answers 400", p.Name, typeLabel(p.Type))
			}
			w.element(e, p)
		}
	case p.Collection:
		if v.Kind == parse.StringValue {
			w.placeholder(v, p)
		}
		w.report(v, "type-mismatch", "%s is a collection of %s: expected a list [...], found %s", p.Name, typeLabel(p.Type), describeValue(v))
	default:
		w.element(v, p)
	}
}

// element checks one value (a collection's item, or a single value) of p.
func (w *bodyWalk) element(v *parse.Value, p *ir.Property) {
	if v.Kind == parse.NullValue {
		return
	}
	if v.Kind == parse.StringValue && w.example && isTemplateValue(v.Str) {
		// "**TODO: Add value**": a scaffold's text, in the example readers copy.
		w.report(v, "template-placeholder", "unfilled template text %s in the example: write a realistic %s", quoteShort(v.Str), realistic(p))
		return
	}
	if isAnyType(p) {
		return
	}
	if w.placeholderIn(v) {
		return
	}
	if v.Kind == parse.StringValue && isSampleText(v.Str) && !(p.Ref == nil && isStringType(p.Type)) {
		// "weight-value", "Display Name value": generated sample text.
		if w.example {
			w.report(v, "placeholder-value", "%s is a placeholder: write a realistic %s", quoteShort(v.Str), realistic(p))
		}
		return
	}
	if t := p.Ref; t != nil {
		if t.Kind == ir.Enum {
			w.enum(v, p, t)
			return
		}
		switch {
		case v.Kind == parse.ObjectValue:
			w.object(v, t)
		case v.Kind == parse.StringValue && w.placeholder(v, p):
		default:
			w.report(v, "type-mismatch", "%s is a %s object, found %s", p.Name, t.Name, describeValue(v))
		}
		return
	}
	w.primitive(v, p)
}

// isAnyType reports whether p takes any JSON value: Edm.Untyped, or
// Graph's open microsoft.graph.Json.
// loneSurrogate is odata.LoneSurrogate for a body most of which hold no \u
// escape at all, so that those are not copied.
func loneSurrogate(body string) (string, int) {
	if !strings.Contains(body, `\u`) {
		return "", -1
	}
	return odata.LoneSurrogate([]byte(body))
}

// validated reports whether the generated handler checks the values of p:
// not those it keeps as raw JSON (Json, a shapeless type) or an Edm type it
// does not know (geography), where any value, null too, is taken.
func validated(p *ir.Property) bool {
	if t := p.Ref; t != nil {
		return !isAnyType(p) && !t.Shapeless()
	}
	return !odata.Untyped(p.Type)
}

func isAnyType(p *ir.Property) bool {
	return p.Type == "Edm.Untyped" || p.Ref != nil && strings.EqualFold(p.Ref.Name, "Json")
}

// isStringType reports whether an Edm type is written as a JSON string
// whose text is free (so sample text is a value, not a placeholder).
func isStringType(edm string) bool { return edm == "Edm.String" }

// isTypeRef reports whether v is {"@odata.type": "..."} and nothing else:
// how resource JSON representations stand in for a value of a named type.
func isTypeRef(v *parse.Value) bool {
	return v.Kind == parse.ObjectValue && len(v.Members) == 1 && v.Members[0].Key == "@odata.type"
}

// enum checks a value of enum property p: a member name, or several joined
// by commas (flag enums).
func (w *bodyWalk) enum(v *parse.Value, p *ir.Property, t *ir.Type) {
	switch {
	case v.Kind == parse.StringValue:
		for _, part := range strings.Split(v.Str, ",") {
			part = strings.TrimSpace(part)
			if part == "" || enumHas(t, part) {
				continue
			}
			if w.placeholder(v, p) {
				return
			}
			names := make([]string, len(t.Members))
			for i, m := range t.Members {
				names[i] = m.Name
			}
			if listsValue(p.Description, part) {
				// The example agrees with the property's own "Possible
				// values": the enum's values table is the likelier mistake.
				w.report(v, "enum-value", "%q is not a member of %s, though the description of %s lists it: the enum's values table spells it otherwise%s",
					part, t.QualifiedName(), p.Name, w.c.suggest(part, names))
				return
			}
			w.report(v, "enum-value", "%q is not a member of %s%s", part, t.QualifiedName(), w.c.suggest(part, names))
			return
		}
	case isTypeRef(v) && !w.example:
	default:
		w.report(v, "type-mismatch", "%s is a %s enum value (a string), found %s", p.Name, t.Name, describeValue(v))
	}
}

// listsValue reports whether a property's description names value, as a
// whole word, after "possible values".
func listsValue(desc, value string) bool {
	i := parse.AfterPossibleValues(desc)
	if i < 0 {
		return false
	}
	rest := desc[i:]
	for {
		j := strings.Index(rest, value)
		if j < 0 {
			return false
		}
		before := j == 0 || !parse.IsWordByte(rest[j-1])
		after := j+len(value) == len(rest) || !parse.IsWordByte(rest[j+len(value)])
		if before && after {
			return true
		}
		rest = rest[j+len(value):]
	}
}

func enumHas(t *ir.Type, name string) bool {
	for _, m := range t.Members {
		if m.Name == name {
			return true
		}
	}
	return false
}

// primitive checks a value of an Edm type: it is reported exactly when the
// generated handler's validation (odata.PrimitiveProblem) refuses it, type
// placeholders aside, which are placeholder-value findings.
func (w *bodyWalk) primitive(v *parse.Value, p *ir.Property) {
	edm := p.Type
	switch {
	case v.Kind == parse.StringValue && w.placeholder(v, p):
		return
	case isTypeRef(v) && !w.example:
		return
	}
	problem := odata.PrimitiveProblem(decoded(v), edm)
	if problem == "" {
		return
	}
	mismatch := func(want string) {
		w.report(v, "type-mismatch", "%s is %s: expected %s, found %s", p.Name, typeLabel(edm), want, describeValue(v))
	}
	family := expectedShape(edm)
	switch {
	case v.Kind == parse.StringValue && edm == "Edm.Boolean":
		mismatch("true or false, unquoted")
	case v.Kind == parse.StringValue && family == "an integer":
		mismatch("an unquoted integer")
	case v.Kind == parse.StringValue && family == "a number":
		// Go also reads "NaN" and "Inf", which JSON writes no other way.
		if _, err := strconv.ParseFloat(v.Str, 64); err == nil && !strings.ContainsAny(v.Str, "nNiI") {
			mismatch("an unquoted number")
		} else {
			mismatch("a number")
		}
	case v.Kind == parse.StringValue && edm == "Edm.DateTimeOffset":
		w.report(v, "type-mismatch", "%s is not an RFC 3339 DateTimeOffset: write it like \"2020-05-19T08:30:00Z\" (date, T, time, offset or Z)", quoteShort(v.Str))
	case v.Kind == parse.NumberValue && family == "an integer" && strings.ContainsAny(v.Num, ".eE"):
		mismatch("an integer")
	case sameFamily(v.Kind, family):
		// The right kind of JSON value, out of the type's range or form:
		// "must be a date, YYYY-MM-DD, such as 2020-01-31, not ...".
		w.report(v, "type-mismatch", "%s %s", p.Name, problem)
	default:
		mismatch(family)
	}
}

// decoded is v as encoding/json decodes it for the handler's validation
// (numbers as json.Number), for a value the validation reads as a whole: a
// primitive. An object or array stands as itself, which no Edm type but an
// untyped one takes.
func decoded(v *parse.Value) any {
	switch v.Kind {
	case parse.StringValue:
		return v.Str
	case parse.NumberValue:
		return json.Number(v.Num)
	case parse.BoolValue:
		return v.Bool
	}
	return v
}

// sameFamily reports whether a JSON value of kind k is written as values
// of the family expectedShape names are.
func sameFamily(k parse.ValueKind, family string) bool {
	switch family {
	case "true or false":
		return k == parse.BoolValue
	case "an integer", "a number":
		return k == parse.NumberValue
	}
	return k == parse.StringValue
}

// expectedShape says how a value of an Edm type is written in JSON.
func expectedShape(edm string) string {
	switch edm {
	case "Edm.Boolean":
		return "true or false"
	case "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Byte", "Edm.SByte":
		return "an integer"
	case "Edm.Double", "Edm.Single", "Edm.Decimal":
		return "a number"
	}
	return "a string"
}

// isTemplateValue reports whether an example's string value is template
// text: "**TODO...", "TODO: ..." or "Not yet documented".
func isTemplateValue(s string) bool {
	if strings.HasPrefix(s, "**TODO") || strings.HasPrefix(s, "TODO:") {
		return true
	}
	return strings.EqualFold(strings.TrimSpace(s), "not yet documented")
}

// placeholder handles a string that is a type placeholder ("String
// (timestamp)", "Int32"): in examples a placeholder-value finding, anywhere
// a type-mismatch when it names a type that does not fit p. It reports
// whether v was a placeholder.
func (w *bodyWalk) placeholder(v *parse.Value, p *ir.Property) bool {
	if isTypeRefText(v.Str) {
		// "@odata.type: microsoft.graph.alertFeedback": the property's
		// type named where its value belongs.
		if w.example {
			w.report(v, "placeholder-value", "%s is a type placeholder: write a realistic %s", quoteShort(v.Str), realistic(p))
		}
		return true
	}
	ph, hint := w.c.typePlaceholder(v.Str)
	if ph == "" {
		return false
	}
	want := p.Type
	if p.Ref != nil {
		want = ""
	}
	// A bare type name in a String property may be a real value: a schema
	// extension's property "type" is "Integer" or "Boolean". With a hint
	// ("String (timestamp)"), or in a property of another type, it is a
	// placeholder.
	if want == "Edm.String" && !hint {
		return false
	}
	if w.example {
		w.report(v, "placeholder-value", "%s is a type placeholder: write a realistic %s", quoteShort(v.Str), realistic(p))
	}
	if want != "" && !compatible(ph, want) && !p.Collection {
		w.report(v, "type-mismatch", "placeholder %s names %s, but %s is %s", quoteShort(v.Str), typeLabel(ph), p.Name, typeLabel(want))
	}
	return true
}

// isTypeRefText reports whether s is "@odata.type: name", a placeholder
// that names a value's type in a string.
func isTypeRefText(s string) bool {
	const prefix = "@odata.type:"
	return len(s) > len(prefix) && parse.EqualLower(s[:len(prefix)], prefix)
}

// realistic describes a realistic value for p.
func realistic(p *ir.Property) string {
	switch p.Type {
	case "Edm.DateTimeOffset":
		return "DateTimeOffset such as \"2020-05-19T08:30:00Z\""
	case "Edm.Guid":
		return "GUID"
	case "Edm.Date":
		return "date such as \"2020-05-19\""
	case "Edm.Boolean":
		return "true or false"
	}
	if p.Ref != nil {
		return p.Ref.Name + " value"
	}
	return typeLabel(p.Type) + " value"
}

// typePlaceholder answers typePlaceholder(s), remembering the answers: the
// bodies of the corpus hold a few thousand distinct strings, each many
// times.
func (c *checker) typePlaceholder(s string) (edm string, hint bool) {
	m := c.memos()
	r, ok := m.placeholders[s]
	if !ok {
		r.edm, r.hint = typePlaceholder(s)
		m.placeholders[s] = r
	}
	return r.edm, r.hint
}

type placeholderResult struct {
	edm  string
	hint bool
}

// typePlaceholder reads a type placeholder: "String (timestamp)" ->
// "Edm.String", true; "Int32" -> "Edm.Int32", false; else "".
func typePlaceholder(s string) (edm string, hint bool) {
	edm, note, ok := ir.Placeholder(s)
	if !ok {
		return "", false
	}
	return edm, note != ""
}

// isSampleText reports whether s is generated sample text rather than a
// value: "datetime-value", "String value", and the numbered and dotted
// forms the docs also write, "skuId-value-1" and "averageScore.value".
func isSampleText(s string) bool {
	// Lower-casing maps no other letter to one of "value" and leaves the
	// ASCII bytes at the end of s where they are, so comparing the last
	// bytes ignoring ASCII case says the same without lower-casing s.
	s = strings.TrimSpace(s)
	if d := strings.TrimRight(s, "0123456789"); len(d) < len(s) && len(d) >= 7 && parse.EqualLower(d[len(d)-7:], "-value-") {
		s = d[:len(d)-1] // "skuId-value-1": one of several sample values
	}
	n := len(s)
	if n < 5 || !parse.EqualLower(s[n-5:], "value") {
		return false
	}
	return n == 5 || s[n-6] == '-' || s[n-6] == ' ' || s[n-6] == '.' && n > 6
}

// compatible reports whether a placeholder naming type ph fits type want.
func compatible(ph, want string) bool {
	family := func(t string) string {
		switch t {
		case "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Byte", "Edm.SByte", "Edm.Double", "Edm.Single", "Edm.Decimal":
			return "number"
		case "Edm.Boolean":
			return "boolean"
		}
		return "string"
	}
	return ph == want || family(ph) == family(want)
}

// typeLabel is a type as the docs write it: Edm.String -> String.
func typeLabel(t string) string { return strings.TrimPrefix(t, "Edm.") }

// untyped walks a value whose type is unknown: only @odata.type names and
// hinted placeholders can be judged.
func (w *bodyWalk) untyped(v *parse.Value) {
	switch v.Kind {
	case parse.ObjectValue:
		if od := v.Get("@odata.type"); od != nil && od.Kind == parse.StringValue && strings.TrimSpace(od.Str) != "" {
			if nt, _ := w.c.lookup(od.Str, w.c.page.Namespace.Text); nt != nil {
				w.object(v, nt)
				return
			}
		}
		w.object(v, nil)
	case parse.ArrayValue:
		for _, e := range v.Elems {
			w.untyped(e)
		}
	case parse.StringValue:
		if !w.example || w.placeholderIn(v) {
			return
		}
		if _, hint := w.c.typePlaceholder(v.Str); hint {
			w.report(v, "placeholder-value", "%s is a type placeholder: write a realistic value", quoteShort(v.Str))
		}
	}
}
