package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/parse"
)

// valueType is the JSON shape an annotation key takes.
type valueType int

const (
	jString    valueType = iota // a string (null allowed)
	jBool                       // true or false
	jNames                      // a string or a list of strings
	jStrings                    // a list of strings (null allowed)
	jNumber                     // a number
	jObject                     // an object
	jArray                      // a list of anything
	jTarget                     // one of object, collection, action, function
	jBlockType                  // one of the code block types
	jPageType                   // "#page.annotation"
)

// annotationKeys is the schema of code-block annotations, per blockType:
// the keys ApiDoctor reads (CodeBlockAnnotation) that mean something for
// that kind of block. Ignored blocks and the rarer kinds take any key some
// block takes: they are not read.
var annotationKeys = map[string]map[string]valueType{
	"request": {
		"blockType": jBlockType, "name": jNames, "sampleKeys": jStrings, "scopes": jString,
		"tags": jString, "apiVersions": jString, "target": jTarget, "isComposable": jBool,
		"idempotent": jBool, "opaqueUrl": jBool, "@odata.type": jString, "isCollection": jBool,
	},
	"response": {
		"blockType": jBlockType, "name": jNames, "@odata.type": jString, "@type": jString,
		"isCollection": jBool, "collectionProperty": jString, "truncated": jBool, "isEmpty": jBool,
		"expectError": jBool, "nullableProperties": jStrings, "longRunningResponseType": jString,
	},
	"resource": {
		"blockType": jBlockType, "@odata.type": jString, "@type": jString, "@type.aka": jString,
		"baseType": jString, "abstract": jBool, "openType": jBool, "keyProperty": jString,
		"optionalProperties": jStrings, "nullableProperties": jStrings, "isMediaEntity": jBool,
		"@odata.annotations": jArray,
	},
	"example": {
		"blockType": jBlockType, "name": jNames, "@odata.type": jString, "@type": jString,
		"isCollection": jBool, "truncated": jBool, "optionalProperties": jStrings, "nullableProperties": jStrings,
	},
}

// pageAnnotationKeys is the schema of the "#page.annotation" comment.
var pageAnnotationKeys = map[string]valueType{
	"type": jPageType, "title": jString, "description": jString, "keywords": jString,
	"canonicalUrl": jString, "section": jString, "tocPath": jString, "tocIndex": jNumber,
	"tocBookmarks": jObject, "headerAdditions": jStrings, "footerAdditions": jStrings,
	"suppressions": jStrings,
}

// anyBlockKeys is the union of the code-block schemas, for block types whose
// annotations are not read.
var anyBlockKeys = func() map[string]valueType {
	m := map[string]valueType{}
	for _, ks := range annotationKeys {
		for k, t := range ks {
			m[k] = t
		}
	}
	return m
}()

// annotation is one JSON comment that is an annotation: it has a blockType
// or is the page annotation.
type annotation struct {
	json   string
	offset int // of json in the page
	value  *parse.Value
	probs  []parse.Problem
	page   bool   // the #page.annotation comment
	block  string // blockType as written
}

// pageAnnotations finds every annotation comment on the page, including
// those the parser attached to no code block.
func pageAnnotations(p *parse.Page) []annotation {
	// Reuse what the parser read where it kept the annotation.
	// parsed finds the annotation the parser read from a comment: the last
	// of the page's, then its code blocks', that names it.
	parsed := func(cm *parse.Comment) *parse.Annotation {
		for i := len(p.Code) - 1; i >= 0; i-- {
			if a := p.Code[i].Annotation; a != nil && a.Comment == cm {
				return a
			}
		}
		for _, a := range []*parse.Annotation{p.PageAnnotation, p.Annotation} {
			if a != nil && a.Comment == cm {
				return a
			}
		}
		return nil
	}
	var out []annotation
	for _, cm := range p.Comments {
		raw := cm.Raw
		open := strings.Index(raw, "<!--")
		if open < 0 {
			continue
		}
		open += 4
		end := strings.Index(raw[open:], "-->")
		if end < 0 {
			end = len(raw)
		} else {
			end += open
		}
		body := raw[open:end]
		js := strings.IndexByte(body, '{')
		if js < 0 || strings.TrimSpace(body[:js]) != "" {
			continue
		}
		a := annotation{json: body[js:], offset: cm.Span.Offset() + open + js}
		if pa := parsed(cm); pa != nil && pa.JSON == a.json && pa.Offset == a.offset {
			a.value, a.probs = pa.Value, pa.Problems
		} else {
			a.value, a.probs = parse.ParseLenient(a.json)
		}
		if a.value != nil && a.value.Kind == parse.ObjectValue {
			if bt := a.value.Get("blockType"); bt != nil && bt.Kind == parse.StringValue {
				a.block = bt.Str
			} else if t := a.value.Get("type"); t != nil && t.Kind == parse.StringValue && strings.HasPrefix(t.Str, "#page") {
				a.page = true
			}
		}
		// Commented-out JSON that is no annotation is not ours to judge,
		// unless it fails so early that we cannot tell.
		if a.block == "" && !a.page {
			if lower := strings.ToLower(a.json); !strings.Contains(lower, "blocktype") && !strings.Contains(lower, "#page.") {
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

// annotations checks every annotation comment: JSON syntax, keys, value
// types, the types it names; then that every example block has one.
func (c *checker) annotations() {
	as := pageAnnotations(c.page)
	for i := range as {
		a := &as[i]
		c.jsonProblems(a.json, a.offset, a.probs, len(a.probs) == 0 && validJSON(a.json), "annotation-json", "annotation")
		if a.value == nil || a.value.Kind != parse.ObjectValue {
			continue
		}
		c.duplicateKeys(a.value, a.offset, false)
		c.annotationKeys(a)
	}
	c.missingAnnotations()
}

// jsonProblems reports what makes text not strict JSON, at the offending
// token: the lenient reader's problems, else encoding/json's verdict (strict
// is encoding/json.Valid(text)).
func (c *checker) jsonProblems(text string, off int, probs []parse.Problem, strict bool, rule, what string) {
	probs = firstOfEach(text, probs)
	// One finding per kind of problem: a body with a non-breaking space on
	// every line gets one finding that says how many more there are.
	more := map[string]int{}
	for _, pr := range probs {
		more[pr.Reason]++
	}
	for _, pr := range probs {
		n, ok := more[pr.Reason]
		if !ok {
			continue
		}
		delete(more, pr.Reason)
		suffix := ""
		if n > 1 {
			suffix = fmt.Sprintf(" (and %d more like it below)", n-1)
		}
		at := off + pr.Off
		c.report(c.span(at, at+tokenLen(text, pr.Off)), rule, "%s is not valid JSON: %s%s", what, pr.Reason, suffix)
	}
	if len(probs) > 0 || strict {
		return
	}
	var v any
	err := json.Unmarshal([]byte(text), &v)
	var se *json.SyntaxError
	switch {
	case err == nil:
	case errors.As(err, &se):
		at := off + max(0, int(se.Offset)-1)
		c.report(c.span(at, at+1), rule, "%s is not valid JSON: %s", what, strings.TrimPrefix(se.Error(), "invalid character "))
	default:
		c.report(c.span(off, off), rule, "%s is not valid JSON: %v", what, err)
	}
}

// firstOfEach keeps one problem per mistake: the reader reports what a
// mistake leaves behind as it reads on (a missing ']' is "missing ','
// before '}'", then "unexpected '}'"), and a problem at, or right after,
// the token of the one before it is such a consequence. A missing ','
// before the closer of the other kind is the closer missing: "missing ','
// before '}'" only an array reports, where ']' belongs.
func firstOfEach(text string, probs []parse.Problem) []parse.Problem {
	if len(probs) < 2 {
		return probs
	}
	out := make([]parse.Problem, 0, len(probs))
	end := -1 // where the last problem's token ends, blanks on the line after it included
	for _, pr := range probs {
		if end >= 0 && pr.Off >= out[len(out)-1].Off && pr.Off <= end {
			if last := &out[len(out)-1]; pr.Off == last.Off {
				switch last.Reason {
				case "missing ',' before '}'":
					last.Reason = "missing ']' before '}': the list is not closed"
				case "missing ',' before ']'":
					last.Reason = "missing '}' before ']': the object is not closed"
				}
			}
			end = max(end, skipBlanks(text, pr.Off+tokenLen(text, pr.Off)))
			continue
		}
		out = append(out, pr)
		end = skipBlanks(text, pr.Off+tokenLen(text, pr.Off))
	}
	return out
}

// skipBlanks skips spaces and tabs from i.
func skipBlanks(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// tokenLen is the length of the token at off, for a span that covers it.
func tokenLen(s string, off int) int {
	if off >= len(s) {
		return 0
	}
	n := strings.IndexAny(s[off:], " \t\r\n,:{}[]")
	switch {
	case n < 0:
		return len(s) - off
	case n == 0:
		return 1
	}
	return n
}

// duplicateKeys reports keys repeated within one object, at any depth. In
// an example request (refused) the generated handler answers them 400, so
// there they are errors.
func (c *checker) duplicateKeys(v *parse.Value, off int, refused bool) {
	switch v.Kind {
	case parse.ObjectValue:
		var seen map[string]bool // for large objects; small ones are searched
		if len(v.Members) > 16 {
			var done func()
			seen, done = c.keySet()
			defer done()
		}
		for i, m := range v.Members {
			dup := false
			if seen != nil {
				dup = seen[m.Key]
				seen[m.Key] = true
			} else {
				for _, prev := range v.Members[:i] {
					if prev.Key == m.Key {
						dup = true
						break
					}
				}
			}
			switch at := c.span(off+m.KeyOff, off+m.KeyEnd); {
			case dup && refused:
				c.reportAs(diag.Error, at, "json-duplicate-key", "key %q is written twice in this object; decoders keep only one value; the generated handler answers 400", m.Key)
			case dup:
				c.report(at, "json-duplicate-key", "key %q is written twice in this object; decoders keep only one value", m.Key)
			}
			c.duplicateKeys(m.Value, off, refused)
		}
	case parse.ArrayValue:
		for _, e := range v.Elems {
			c.duplicateKeys(e, off, refused)
		}
	}
}

// keySet returns an empty set of keys, the worker's own unless it is in
// use by an enclosing object, and a function to call when done with it.
func (c *checker) keySet() (map[string]bool, func()) {
	a := c.arena
	if a == nil || a.keysInUse {
		return map[string]bool{}, func() {}
	}
	if a.keys == nil {
		a.keys = map[string]bool{}
	}
	clear(a.keys)
	a.keysInUse = true
	return a.keys, func() { a.keysInUse = false }
}

// annotationKeys checks the keys of one annotation and their values.
func (c *checker) annotationKeys(a *annotation) {
	schema, kind := pageAnnotationKeys, "the page annotation"
	if !a.page {
		bt := a.value.Get("blockType")
		canon := canonicalBlockType(a.block)
		switch {
		case bt == nil:
			c.report(c.span(a.offset, a.offset+1), "annotation-value", "annotation has no blockType: say which of %s the next code block is", strings.Join(parse.BlockTypes, ", "))
			schema, kind = anyBlockKeys, "an annotation"
		case annotationKeys[canon] != nil:
			schema, kind = annotationKeys[canon], "a "+canon+" annotation"
		default:
			schema, kind = anyBlockKeys, "an annotation"
		}
	}
	for _, m := range a.value.Members {
		at := c.span(a.offset+m.KeyOff, a.offset+m.KeyEnd)
		t, ok := schema[m.Key]
		if !ok {
			c.report(at, "annotation-unknown-key", "%s takes no key %q%s", kind, m.Key, c.keyHint(m.Key, schema))
			continue
		}
		c.annotationValue(a, m, t)
	}
}

// keyHint suggests the key that was probably meant, or says which kind of
// annotation takes the key.
func (c *checker) keyHint(key string, schema map[string]valueType) string {
	if s := suggest(key, keysOfSchema(schema)); s != "" {
		return s
	}
	meant := key
	if _, ok := anyBlockKeys[key]; !ok {
		meant = closest(key, keysOfSchema(anyBlockKeys))
	}
	var takers []string
	for bt, ks := range annotationKeys {
		if _, ok := ks[meant]; ok && meant != "" {
			takers = append(takers, bt)
		}
	}
	if len(takers) == 0 {
		return ""
	}
	sort.Strings(takers)
	list := strings.Join(takers, " and ")
	if n := len(takers); n > 2 {
		list = strings.Join(takers[:n-1], ", ") + " and " + takers[n-1]
	}
	if meant != key {
		return fmt.Sprintf(" (did you mean %q? only %s annotations take it)", meant, list)
	}
	return fmt.Sprintf(" (only %s annotations take it)", list)
}

func keysOfSchema(schema map[string]valueType) []string {
	out := make([]string, 0, len(schema))
	for k := range schema {
		out = append(out, k)
	}
	return out
}

// canonicalBlockType maps a blockType as written to its canonical spelling,
// "" when it is none (ApiDoctor reads the value case-insensitively).
func canonicalBlockType(s string) string {
	for _, b := range parse.BlockTypes {
		if strings.EqualFold(b, strings.TrimSpace(s)) {
			return b
		}
	}
	return ""
}

// unfinishedNames reports example names that end in a separator, as a
// template's "create_segment_from_" does before the writer names what the
// segment is created from.
func (c *checker) unfinishedNames(a *annotation, v *parse.Value) {
	names := []*parse.Value{v}
	if v.Kind == parse.ArrayValue {
		names = v.Elems
	}
	for _, n := range names {
		if n.Kind == parse.StringValue && (strings.HasSuffix(n.Str, "_") || strings.HasSuffix(n.Str, "-")) {
			c.report(c.span(a.offset+n.Off, a.offset+n.End), "template-placeholder",
				"example name %q ends in %q, as a template leaves it: finish the name", n.Str, n.Str[len(n.Str)-1:])
		}
	}
}

// annotationValue checks that a known key's value has the right JSON type.
func (c *checker) annotationValue(a *annotation, m parse.Member, t valueType) {
	v := m.Value
	at := c.span(a.offset+v.Off, a.offset+v.End)
	bad := func(want string) {
		c.report(at, "annotation-value", "%q takes %s, found %s", m.Key, want, describeValue(v))
	}
	switch t {
	case jString:
		if v.Kind != parse.StringValue && v.Kind != parse.NullValue {
			bad("a string")
		}
	case jBool:
		if v.Kind != parse.BoolValue {
			bad("a boolean (true or false, unquoted)")
		}
	case jNumber:
		if v.Kind != parse.NumberValue {
			bad("a number")
		}
	case jObject:
		if v.Kind != parse.ObjectValue {
			bad("an object")
		}
	case jArray:
		if v.Kind != parse.ArrayValue {
			bad("a list")
		}
	case jNames, jStrings:
		ok := v.Kind == parse.ArrayValue || (t == jNames && v.Kind == parse.StringValue) || (t == jStrings && v.Kind == parse.NullValue)
		if v.Kind == parse.ArrayValue {
			for _, e := range v.Elems {
				if e.Kind != parse.StringValue {
					ok = false
				}
			}
		}
		if !ok && t == jNames {
			bad("a string or a list of strings")
		} else if !ok {
			bad("a list of strings")
		}
	case jTarget:
		switch {
		case v.Kind != parse.StringValue:
			bad("one of object, collection, action, function")
		case !oneOf(v.Str, "object", "collection", "action", "function", "unspecified"):
			c.report(at, "annotation-value", "%q takes one of object, collection, action, function, found %q", m.Key, v.Str)
		}
	case jBlockType:
		switch {
		case v.Kind != parse.StringValue:
			bad("a string")
		case canonicalBlockType(v.Str) == "":
			c.report(at, "annotation-value", "unknown blockType %q%s; blockType is one of %s", v.Str, suggest(v.Str, parse.BlockTypes), strings.Join(parse.BlockTypes, ", "))
		}
	case jPageType:
		if v.Kind != parse.StringValue || v.Str != "#page.annotation" {
			c.report(at, "annotation-value", "the page annotation's \"type\" must be \"#page.annotation\", found %s", describeValue(v))
		}
	}
	if m.Key == "name" && !a.page {
		c.unfinishedNames(a, v)
	}
	if a.page && m.Key == "suppressions" && v.Kind == parse.ArrayValue {
		c.suppressionIDs(a, v)
	}
	if (m.Key == "@odata.type" || m.Key == "@type") && v.Kind == parse.StringValue && !a.page {
		switch canonicalBlockType(a.block) {
		case "request", "response", "example", "resource":
			if strings.TrimSpace(v.Str) != "" {
				// Resolved by the late checks (annotationTypes), once the
				// types are known.
				st := c.pageState[c.page]
				st.odataTypes = append(st.odataTypes, odataTypeRef{name: v.Str, start: a.offset + v.Off, end: a.offset + v.End})
			}
		}
	}
}

// suppressionIDs warns of the entries of the page annotation's
// "suppressions" that look like rule IDs but name no rule: the suppression
// the author meant silently does nothing. Other entries (old validators'
// messages, which real pages carry there) are left alone.
func (c *checker) suppressionIDs(a *annotation, v *parse.Value) {
	for _, e := range v.Elems {
		if e.Kind != parse.StringValue {
			continue
		}
		id := strings.TrimSpace(e.Str)
		if _, ok := RuleByID(id); ok {
			continue
		}
		if r, ok := RuleByID(strings.ToLower(id)); ok {
			c.reportAs(diag.Warning, c.span(a.offset+e.Off, a.offset+e.End), "annotation-value",
				"suppression %q names no rule, so it suppresses nothing: rule ids are lower-case (did you mean %q?)", id, r.ID)
			continue
		}
		if !looksLikeRuleID(id) {
			continue
		}
		hint := closestRule(id)
		if hint == "" && !strings.Contains(id, "-") {
			continue // one plain word near no rule: not meant as one
		}
		at := c.span(a.offset+e.Off, a.offset+e.End)
		if hint != "" {
			c.reportAs(diag.Warning, at, "annotation-value", "suppression %q names no rule, so it suppresses nothing (did you mean %q?)", id, hint)
		} else {
			c.reportAs(diag.Warning, at, "annotation-value", "suppression %q names no rule, so it suppresses nothing (gen lint -rules lists them)", id)
		}
	}
}

// looksLikeRuleID reports whether s is written as rule IDs are: lower-case
// words of letters and digits joined by single hyphens.
func looksLikeRuleID(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// closestRule is the rule ID nearest to id, "" when none is near.
func closestRule(id string) string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return closest(id, ids)
}

// odataTypeRef is an annotation's @odata.type value and where it is.
type odataTypeRef struct {
	name       string
	start, end int
}

// annotationTypes reports the annotations' @odata.type values that name no
// type.
func (c *checker) annotationTypes() {
	if c.prog == nil {
		return
	}
	for _, r := range c.pageState[c.page].odataTypes {
		if t, edm := c.lookup(r.name, c.page.Namespace.Text); t == nil && edm == "" {
			c.report(c.span(r.start, r.end), "unknown-type", "@odata.type %q names no documented type", r.name)
		}
	}
}

func oneOf(s string, opts ...string) bool {
	for _, o := range opts {
		if strings.EqualFold(s, o) {
			return true
		}
	}
	return false
}

// describeValue names a value's JSON type and shows a short scalar.
func describeValue(v *parse.Value) string {
	switch v.Kind {
	case parse.StringValue:
		return "the string " + quoteShort(v.Str)
	case parse.NumberValue:
		return "the number " + v.Num
	case parse.BoolValue:
		return fmt.Sprintf("the boolean %v", v.Bool)
	case parse.NullValue:
		return "null"
	case parse.ArrayValue:
		return "a list"
	}
	return "an object"
}

// missingAnnotations reports HTTP and JSON code blocks of the examples that
// no annotation precedes.
func (c *checker) missingAnnotations() {
	for _, cb := range c.page.Code {
		if cb.Annotation != nil || !inExamples(cb.Section) {
			continue
		}
		kind := exampleBlockKind(cb)
		if kind == "" {
			continue
		}
		sp := c.span(cb.Span.Offset(), lineEnd(c.page.Src.Bytes, cb.Span.Offset()))
		c.report(sp, "annotation-missing", "%s block has no annotation before it: add <!-- { \"blockType\": %q, \"name\": \"...\" } -->", kind, c.roleOf(cb, kind))
	}
}

func inExamples(section string) bool {
	return section == "examples" || strings.HasPrefix(section, "example")
}

// exampleBlockKind says whether a code block holds HTTP or JSON: by its
// fence info, else by its first line.
func exampleBlockKind(cb *parse.CodeBlock) string {
	lang := ""
	if f := strings.Fields(cb.Info); len(f) > 0 {
		lang = strings.ToLower(f[0])
	}
	first := firstLine(cb.Content)
	if f := strings.Fields(first); len(f) >= 2 && (strings.HasPrefix(strings.ToUpper(f[0]), "HTTP/") || isMethod(f[0])) && (lang == "" || lang == "http" || lang == "json") {
		return "HTTP"
	}
	switch {
	case lang == "http" || lang == "https":
		return "HTTP"
	case lang == "json" || lang == "jsonc":
		return "JSON"
	case lang != "":
		return ""
	case strings.HasPrefix(first, "{") || strings.HasPrefix(first, "["):
		return "JSON"
	}
	if f := strings.Fields(first); len(f) >= 2 && (strings.HasPrefix(strings.ToUpper(f[0]), "HTTP/") || isMethod(f[0])) {
		return "HTTP"
	}
	return ""
}

// roleOf guesses the blockType an unannotated block needs: by its first
// line (a request or status line), else by the heading it is under
// ("##### Response"), else by its kind.
func (c *checker) roleOf(cb *parse.CodeBlock, kind string) string {
	first := firstLine(cb.Content)
	if f := strings.Fields(first); len(f) > 0 {
		if strings.HasPrefix(strings.ToUpper(f[0]), "HTTP/") {
			return "response"
		}
		if isMethod(f[0]) {
			return "request"
		}
	}
	var heading string
	for _, h := range c.page.Headings {
		if h.Span.Offset() > cb.Span.Offset() {
			break
		}
		if !h.TabMarker {
			heading = strings.ToLower(h.Text)
		}
	}
	// A short heading names the part ("Response", "Request body",
	// "Example 2 response"); a long one may name anything ("Selecting the
	// fields to return in a filtered response").
	words := strings.Fields(heading)
	switch {
	case len(words) > 3:
	case slices.Contains(words, "response"):
		return "response"
	case slices.Contains(words, "request"):
		return "request"
	}
	switch {
	case kind == "JSON":
		return "response"
	}
	return "request"
}

// firstLine is the first line of s that is not blank, trimmed.
func firstLine(s string) string {
	for s != "" {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

func isMethod(s string) bool {
	switch strings.ToUpper(s) {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
		return true
	}
	return false
}

func lineEnd(b []byte, off int) int {
	for off < len(b) && b[off] != '\n' {
		off++
	}
	if off > 0 && off <= len(b) && b[off-1] == '\r' {
		off--
	}
	return off
}
