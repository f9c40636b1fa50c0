package parse

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
)

// extract reads the operation or resource facts out of the walked page.
func (p *Page) extract() {
	p.propertyTables()
	if p.Kind == Resource {
		p.enumTables()
		return
	}
	p.requestLines()
	p.responseStatus()
	p.bodyLinks()
	p.examples()
}

var httpMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true}

// IsHTTPMethod reports whether w is an HTTP method a request line may start
// with, in upper case.
func IsHTTPMethod(w string) bool { return httpMethods[w] }

// requestLines reads every code block of every "HTTP request" section.
func (p *Page) requestLines() {
	p.requestLinesWhere(func(cb *CodeBlock) bool { return cb.Section == "http request" })
	if len(p.Requests) == 0 {
		// Some pages put their request lines under headings of their own
		// ("## Get the tenant's root site"): take unannotated or "ignored"
		// blocks outside the examples.
		p.requestLinesWhere(func(cb *CodeBlock) bool {
			return !strings.HasPrefix(cb.Section, "example") && cb.Section != "response" &&
				(cb.Annotation == nil || strings.EqualFold(cb.Annotation.BlockType, "ignored"))
		})
	}
}

// fenceRequest is the request line an info string holds, after the
// language where it names one ("http GET /me"); "" when it holds none.
func fenceRequest(info string) string {
	f := strings.Fields(info)
	if len(f) >= 3 && strings.EqualFold(f[0], "http") {
		info, f = strings.TrimSpace(info[len(f[0]):]), f[1:]
	}
	if len(f) >= 2 && httpMethods[strings.ToUpper(f[0])] {
		return info
	}
	return ""
}

func (p *Page) requestLinesWhere(in func(*CodeBlock) bool) {
	for _, cb := range p.Code {
		if !in(cb) {
			continue
		}
		off := cb.ContentStart
		// A path on the fence line itself ("``` GET /me", "```http GET
		// /me") counts too.
		if line := fenceRequest(cb.Info); line != "" {
			p.requestLine(line, cb.Span.Offset()+strings.Index(p.Src.Text(cb.Span.Offset(), cb.ContentStart), line))
		}
		for rest := cb.Content; rest != ""; {
			line := rest
			if i := strings.IndexByte(rest, '\n'); i >= 0 {
				line = rest[:i+1]
			}
			rest = rest[len(line):]
			p.requestLine(strings.TrimRight(line, "\r\n"), off)
			off += len(line)
		}
	}
}

func (p *Page) requestLine(line string, off int) {
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return
	}
	lead := strings.Index(line, trimmed)
	f := strings.Fields(trimmed)
	method := strings.ToUpper(f[0])
	if !httpMethods[method] || len(f) < 2 {
		return // headers, prose, Content-Type lines
	}
	raw := strings.TrimSpace(trimmed[len(f[0]):])
	path, query := NormalizePath(raw)
	path = templateValues(path)
	rl := RequestLine{
		Method: method, Path: path, Raw: raw, Query: query,
		Params: PathParams(path),
		Span:   p.Src.Range(off+lead, off+lead+len(trimmed)),
	}
	if end, problem := PathProblem(raw); problem != "" {
		at := off + lead + strings.Index(trimmed[len(f[0]):], raw) + len(f[0])
		// An ellipsis is the docs' own shorthand for nesting, a warning;
		// the other problems are mistakes.
		sev := diag.Error
		if strings.Contains(problem, "segments left out") {
			sev, rl.Ellipsis = diag.Warning, true
		}
		p.Diags.Add(p.Src.Range(at, at+end), sev, "invalid-path", "request path %s %s", raw[:end], problem)
		rl.Invalid = true
	} else if strings.HasPrefix(raw, "~/") {
		at := off + lead + strings.Index(trimmed[len(f[0]):], raw) + len(f[0])
		p.Diags.Add(p.Src.Range(at, at+1), diag.Warning, "invalid-path", "request path %s starts with ~/, the service root as a web application writes it: it is read as %s; write that", raw, path)
	}
	p.Requests = append(p.Requests, rl)
}

// PathProblem says why the path of a request line (what follows the
// method) cannot be served, "" when it can: a brace that is not one of a
// {name} pair, an empty {}, whitespace outside braces and parentheses
// ("/sp/a b" was read as /sp/a), or an empty or dot segment ("//x",
// "/x/..", "/x/."), which a server cleans away before routing, so no
// request reaches the path as written; a trailing slash alone is fine. end
// is where the path ends in raw: at the query, or before a trailing
// HTTP/1.1. Spaces inside braces ("{id | userPrincipalName}"), in a
// function's parameter list ("resizedRange(deltaRows={n}, deltaColumns={n})")
// and in the query ("$filter=id eq '{id}'") are the docs' own and fine, as
// are slashes and dots in a function's arguments ("getByPath(path='../a')").
// gen new holds a path it is given to the same rules.
func PathProblem(raw string) (end int, problem string) {
	end = len(raw)
	if strings.HasPrefix(raw, "*") {
		// A generator's note where the path belongs: "** Entity URI for
		// x not found".
		return end, "is template text, not a path: write the operation's path"
	}
	if i := strings.LastIndexAny(raw, " \t"); i >= 0 && HasPrefixLower(raw[i+1:], "http/") {
		end = len(strings.TrimRight(raw[:i], " \t"))
	}
	// Segments are read from the path's first slash: in a URL, after its
	// host ("https://graph.microsoft.com/beta/x").
	segStart := 0
	if k := strings.Index(raw[:end], "://"); k >= 0 && !strings.ContainsAny(raw[:k], "/{(") {
		segStart = end
		if j := strings.IndexByte(raw[k+3:end], '/'); j >= 0 {
			segStart = k + 3 + j
		}
	}
	depth, open, parens, slashed := 0, 0, 0, false
	for i := 0; i < end; i++ {
		switch c := raw[i]; {
		case c == '/' && depth == 0 && parens == 0 && i >= segStart:
			if p := segmentProblem(raw[segStart:i], slashed); p != "" {
				return end, p
			}
			segStart, slashed = i+1, true
		case c == '(':
			parens++
		case c == ')':
			parens = max(0, parens-1)
		case c == '{':
			if depth > 0 {
				return end, "has a { that is not closed before the next { opens"
			}
			depth, open = 1, i
		case c == '}':
			if depth == 0 {
				return end, "has a } with no { before it"
			}
			if strings.TrimSpace(raw[open+1:i]) == "" {
				return end, "has an empty {}: name the parameter"
			}
			depth = 0
		case depth > 0:
		case c == '?' || c == '#':
			end = i
		case (c == ' ' || c == '\t') && parens == 0:
			return end, "has whitespace in it: a path cannot hold a space; write %20 or end the line after the path"
		}
	}
	if depth > 0 {
		return end, "has a { that is never closed with }"
	}
	if segStart < end {
		if p := segmentProblem(raw[segStart:end], false); p != "" {
			return end, p
		}
	}
	return end, ""
}

// segmentProblem says why a segment of a path cannot be served, "" when
// it can: "." or "..", an ellipsis ("/childFolders/{id}/.../messages"), or
// an empty one between two slashes (inner is true when a slash came before
// it).
func segmentProblem(seg string, inner bool) string {
	// %2e is a dot too: a server unescapes the path before it cleans it.
	dots := strings.ReplaceAll(strings.ReplaceAll(seg, "%2e", "."), "%2E", ".")
	switch {
	case dots == "." || dots == "..":
		return "has a " + seg + " segment: a server resolves it before routing, so no request reaches this path; write the path it means"
	case seg == "" && inner:
		return "has an empty segment (//): a server cleans it away before routing, so no request reaches this path; write one slash"
	case strings.Trim(dots, ".") == "" && len(dots) > 2:
		return "has a " + seg + " segment, which stands for segments left out (any number of them): no route matches that, so the line is left out and the paths other lines write in full are served"
	}
	return ""
}

// templateValues makes the values a documented path writes as samples into
// parameters: "<resourceId>" is {resourceId}, and each argument of an OData
// function segment given as a literal is a parameter named by its key:
// "range(address='<address>')", "columnsAfter(count=n)",
// "getTeamsUserActivityCounts(period='D7')" take any address, count or
// period, as "range(address='{address}')" does. Example URLs keep their
// values; only request lines are templates.
func templateValues(path string) string {
	if !strings.ContainsAny(path, "<(") {
		return path
	}
	var b strings.Builder
	for i := 0; i < len(path); {
		switch c := path[i]; {
		case c == '<':
			if j := strings.IndexByte(path[i:], '>'); j > 1 && isParamName(path[i+1:i+j]) {
				b.WriteString("{" + path[i+1:i+j] + "}")
				i += j + 1
				continue
			}
		case c == '(':
			if j := argsEnd(path[i:]); j > 0 {
				b.WriteByte('(')
				b.WriteString(templateArgs(templateValues(path[i+1 : i+j])))
				b.WriteByte(')')
				i += j + 1
				continue
			}
		}
		b.WriteByte(path[i])
		i++
	}
	return b.String()
}

// argsEnd is the index in s, which starts with '(', of the ')' that closes
// it, or -1 when a '/' outside quotes comes first (no function call: the
// segment ends) or nothing closes it. A quoted value may hold a '/', a ','
// or a ')' ("getByPath(path='a/b')").
func argsEnd(s string) int {
	i := unquotedIndex(s, 1, ")/")
	if i < 0 || s[i] == '/' {
		return -1
	}
	return i
}

// unquotedIndex is the index of the first byte of s at or after from that is
// one of chars and outside a quoted ('...' or "...") value, or -1.
func unquotedIndex(s string, from int, chars string) int {
	var quote byte
	for i := from; i < len(s); i++ {
		switch c := s[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case strings.IndexByte(chars, c) >= 0:
			return i
		}
	}
	return -1
}

// templateArgs rewrites "k=v" arguments whose value is no {parameter} to
// "k={k}", keeping quotes and spacing.
func templateArgs(args string) string {
	parts := splitArgs(args)
	for i, a := range parts {
		k, v, ok := strings.Cut(a, "=")
		key := strings.TrimSpace(k)
		val := strings.TrimSpace(v)
		if !ok || !isParamName(key) || val == "" || strings.Contains(val, "{") {
			continue
		}
		param := "{" + key + "}"
		if q := val[0]; (q == '\'' || q == '"') && len(val) >= 2 && val[len(val)-1] == q {
			param = string(q) + param + string(q)
		}
		parts[i] = k + "=" + v[:len(v)-len(strings.TrimLeft(v, " "))] + param
	}
	return strings.Join(parts, ",")
}

// splitArgs splits a function segment's arguments at the commas outside
// quotes.
func splitArgs(args string) []string {
	var parts []string
	for {
		i := unquotedIndex(args, 0, ",")
		if i < 0 {
			return append(parts, args)
		}
		parts, args = append(parts, args[:i]), args[i+1:]
	}
}

// isParamName reports whether s can name a path parameter: letters, digits,
// '_', '-' and '.'.
func isParamName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// NormalizePath turns a documented path or example URL into a path with a
// leading slash and no host, version prefix, query or trailing slash:
// "https://graph.microsoft.com/beta/me/events?$top=1" -> "/me/events".
func NormalizePath(raw string) (path, query string) {
	s := strings.TrimSpace(raw)
	if i := strings.LastIndexAny(s, " \t"); i >= 0 && HasPrefixLower(s[i+1:], "http/") {
		s = strings.TrimRight(s[:i], " \t") // "GET /x/{id} HTTP/1.1"
	}
	if i := pathEnd(s); i >= 0 {
		s = s[:i] // "GET /x HTTP/1.1" or trailing prose
	}
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		if j := strings.IndexByte(rest, '/'); j >= 0 {
			s = rest[j:]
		} else {
			s = "/"
		}
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s, query = s[:i], s[i+1:]
	}
	if strings.HasPrefix(s, "~/") {
		s = s[1:] // "~/me": the service root, as web applications write it
	}
	if !strings.HasPrefix(s, "/") {
		s = "/" + s
	}
	s = trimVersion(s)
	if len(s) > 1 {
		s = strings.TrimRight(s, "/")
	}
	if strings.IndexByte(s, '{') >= 0 {
		s = replaceParams(s, normalizeParam)
	}
	return s, query
}

// pathEnd is the index of the first space or tab of s outside braces and
// parentheses ("{id | userPrincipalName}", "getByPath(path='a b')"), where
// a path ends, or -1.
func pathEnd(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{', '(':
			depth++
		case '}', ')':
			depth = max(0, depth-1)
		case ' ', '\t':
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// trimVersion drops a leading /beta, /v1.0 or /v1 segment.
func trimVersion(s string) string {
	for _, v := range [...]string{"/beta", "/v1.0", "/v1"} {
		if rest, ok := strings.CutPrefix(s, v); ok && (rest == "" || rest[0] == '/') {
			return "/" + strings.TrimPrefix(rest, "/")
		}
	}
	return s
}

// nextParam finds the next "{...}" with no brace inside after from, as
// start and end offsets (end past the "}"); ok is false when there is none.
func nextParam(s string, from int) (start, end int, ok bool) {
	for {
		i := strings.IndexByte(s[from:], '{')
		if i < 0 {
			return 0, 0, false
		}
		start = from + i
		j := strings.IndexAny(s[start+1:], "{}")
		if j < 0 {
			return 0, 0, false
		}
		if s[start+1+j] == '{' || j == 0 {
			from = start + 1 // "{{" or "{}": try from the next brace
			continue
		}
		return start, start + j + 2, true
	}
}

// replaceParams replaces each "{...}" of s with f of it, copying only when
// something changes.
func replaceParams(s string, f func(string) string) string {
	var b strings.Builder
	last := 0
	for from := 0; ; {
		start, end, ok := nextParam(s, from)
		if !ok {
			break
		}
		if r := f(s[start:end]); r != s[start:end] {
			b.WriteString(s[last:start])
			b.WriteString(r)
			last = end
		}
		from = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// normalizeParam turns an alternate key "{id | userPrincipalName}" into one
// parameter "{idOrUserPrincipalName}" and trims spaces inside braces.
func normalizeParam(m string) string {
	inner := strings.TrimSpace(m[1 : len(m)-1])
	if !strings.Contains(inner, "|") {
		return "{" + inner + "}"
	}
	var b strings.Builder
	for i, alt := range strings.Split(inner, "|") {
		alt = strings.TrimSpace(alt)
		if alt == "" {
			continue
		}
		if i > 0 {
			b.WriteString("Or")
			alt = strings.ToUpper(alt[:1]) + alt[1:]
		}
		b.WriteString(alt)
	}
	return "{" + b.String() + "}"
}

// PathParams lists the {name} placeholders of a path in order, once each.
func PathParams(path string) []string {
	var out []string
	for from := 0; ; {
		start, end, ok := nextParam(path, from)
		if !ok {
			return out
		}
		from = end
		if name := strings.TrimSpace(path[start+1 : end-1]); !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
}

// statusMentions finds the status codes written in prose: three digits
// 100-599 standing alone, with the capitalized words that follow them ("201
// Created") or, lacking those, the spaces. Each match is [start, codeEnd, end].
func statusMentions(raw string) [][3]int {
	return codeMentions(raw, func(c byte) bool { return c >= '1' && c <= '5' })
}

// codeMentions finds three digits standing alone whose first digit is one
// first accepts, as statusMentions describes.
func codeMentions(raw string, first func(byte) bool) [][3]int {
	var out [][3]int
	for i := 0; i+3 <= len(raw); i++ {
		if !first(raw[i]) || !isDigit(raw[i]) || !isDigit(raw[i+1]) || !isDigit(raw[i+2]) ||
			i > 0 && IsWordByte(raw[i-1]) || i+3 < len(raw) && IsWordByte(raw[i+3]) {
			continue
		}
		end := i + 3
		ws := skipASCIISpace(raw, end)
		if w := capitalWord(raw, ws); w > ws {
			end = w
			for {
				next := skipASCIISpace(raw, end)
				w := capitalWord(raw, next)
				if next == end || w == next {
					break
				}
				end = w
			}
		} else {
			end = ws
		}
		out = append(out, [3]int{i, i + 3, end})
		i = end - 1
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func skipASCIISpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f') {
		i++
	}
	return i
}

// capitalWord returns the end of a word of letters and hyphens starting with
// a capital letter at i, or i when there is none.
func capitalWord(s string, i int) int {
	if i >= len(s) || s[i] < 'A' || s[i] > 'Z' {
		return i
	}
	j := i + 1
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] == '-') {
		j++
	}
	return j
}

// responseStatus finds the success status code the Response prose names,
// and reports the codes it names that no HTTP status can be (see
// badStatusMentions). Of the first codes of several prose blocks, a 2xx one
// is preferred: the report functions name a 302 redirect under "### CSV" and
// then "200 OK and a [x] object" under "### JSON", and the operation's body
// type is the JSON one.
func (p *Page) responseStatus() {
	redirect := false
	for _, b := range p.Blocks {
		if b.Section != "response" || b.Kind != ProseBlock {
			continue
		}
		raw := b.Span.Text()
		for _, m := range badStatusMentions(raw) {
			p.Diags.Add(p.Src.Range(b.Span.Offset()+m[0], b.Span.Offset()+m[2]), diag.Error, "invalid-status",
				"status %s is not an HTTP status code: they run from 100 to 599", raw[m[0]:m[1]])
		}
		if p.Status != 0 && !redirect {
			continue
		}
		for _, m := range statusMentions(raw) {
			code, _ := strconv.Atoi(raw[m[0]:m[1]])
			if code >= 400 {
				continue // an error the operation may answer, not its success
			}
			if !statusContext(raw, m) || inErrorClause(raw, m) {
				continue
			}
			if statusClass(raw[m[1]:]) {
				break // "a 200-series response code": the examples tell which
			}
			if p.Status != 0 && (code < 200 || code > 299) {
				break // a redirect named before is kept only for another 2xx
			}
			p.Status = code
			p.StatusSpan = p.Src.Range(b.Span.Offset()+m[0], b.Span.Offset()+m[2])
			redirect = code >= 300
			break
		}
	}
}

// inErrorClause reports whether the sentence naming a code before it is
// about a failure: "If an error occurred while following any of the sites,
// this method returns a `207` status code" names no success status.
func inErrorClause(raw string, m [3]int) bool {
	start := max(strings.LastIndex(raw[:m[0]], ". "), strings.LastIndexByte(raw[:m[0]], '\n'))
	clause := strings.ToLower(raw[start+1 : m[0]])
	return strings.Contains(clause, "error") || strings.Contains(clause, "fail")
}

// statusClass reports whether the text after a code makes it a class of
// codes rather than one: "200-series", "2xx", "200-level".
func statusClass(after string) bool {
	after = after[:min(len(after), 8)]
	for _, w := range []string{"-series", " series", "-level", "-range", "xx"} {
		if len(after) >= len(w) && EqualLower(after[:len(w)], w) {
			return true
		}
	}
	return false
}

// statusContext reports whether a code found in prose is said to be the
// response's status: "returns" shortly before it, "response" shortly after
// it, or a space after it, as in "201 Created" or "`200 OK`".
func statusContext(raw string, m [3]int) bool {
	return saidReturned(raw, m) || strings.Contains(raw[m[0]:m[2]], " ")
}

// saidReturned reports whether "returns" comes shortly before the code, or
// "response" shortly after it.
func saidReturned(raw string, m [3]int) bool {
	ctx := strings.ToLower(raw[max(0, m[0]-30):m[0]])
	after := strings.ToLower(raw[m[2]:min(len(raw), m[2]+20)])
	return strings.Contains(ctx, "return") || strings.Contains(after, "response")
}

// hasReasonPhrase reports whether capitalized words follow the code.
func hasReasonPhrase(raw string, m [3]int) bool { return strings.TrimSpace(raw[m[1]:m[2]]) != "" }

// badStatusMentions finds the codes prose gives as a status that are none:
// three digits standing alone outside 100-599 with a reason phrase ("999
// Wat"), said to be returned or to be the response. Both are required, as
// a bare number ("returns up to 999 items") need not be a status.
func badStatusMentions(raw string) [][3]int {
	var out [][3]int
	for _, m := range codeMentions(raw, func(c byte) bool { return c < '1' || c > '5' }) {
		if hasReasonPhrase(raw, m) && saidReturned(raw, m) {
			out = append(out, m)
		}
	}
	return out
}

// ValidStatus reports whether code is an HTTP status code, 100-599: what
// net/http's WriteHeader accepts and generated tests can answer.
func ValidStatus(code int) bool { return code >= 100 && code <= 599 }

// bodyLinks finds the resource links in the Request body and Response prose;
// a link in a table there (a parameter's type, one scenario's resource) is
// not the body's type.
func (p *Page) bodyLinks() {
	for i := range p.Links {
		if p.BodyLink != nil && p.ResponseLink != nil {
			return // each is the first of its section's links
		}
		l := &p.Links[i]
		if !containsLower(l.Dest, "resources/") && !HasSuffixLower(l.Dest, ".md") {
			continue
		}
		sec := p.sectionAt(l.Span.Offset())
		switch {
		case sec == "request body" && p.BodyLink == nil && !p.inTable(l.Span.Offset()) && !p.afterBodyTable(l.Span.Offset()):
			p.BodyLink = l
			p.BodyOr = p.linksOr(i)
			start, end := l.Span.Offset(), l.Span.EndOffset()
			p.BodyMany = manyAround(p.Src.Text(max(0, start-20), start), p.Src.Text(end, end+20))
		case sec == "response" && p.ResponseLink == nil && !p.inTable(l.Span.Offset()):
			p.ResponseLink = l
			p.ResponseOr = p.linksOr(i)
			start, end := l.Span.Offset(), l.Span.EndOffset()
			p.ResponseMany = manyAround(p.Src.Text(max(0, start-20), start), p.Src.Text(end, end+20)) ||
				strings.Contains(strings.ToLower(p.sentenceBefore(start)), "collection")
		}
	}
}

// afterBodyTable reports whether offset off follows a table of the Request
// body section: the table is the body ("For each widget, supply a JSON
// representation of a [widget]" after a table of parameters speaks of one
// parameter's items, not of the body).
func (p *Page) afterBodyTable(off int) bool {
	for _, t := range p.Tables {
		if t.Section == "request body" && t.Span.EndOffset() <= off {
			return true
		}
	}
	return false
}

// linksOr is the links that follow link i as alternatives to it:
// "[ipNamedLocation](..) or [countryNamedLocation](..)", "[user](..) and/or
// [group](..) objects". A link joined by "and" names another value, not
// another type of the same one.
func (p *Page) linksOr(i int) []*Link {
	var out []*Link
	for prev := &p.Links[i]; i+1 < len(p.Links); i++ {
		next := &p.Links[i+1]
		if !containsLower(next.Dest, "resources/") && !HasSuffixLower(next.Dest, ".md") {
			return out
		}
		between := strings.ToLower(strings.Trim(p.Src.Text(prev.Span.EndOffset(), next.Span.Offset()), " *`"))
		between = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(between, " a"), " an"))
		switch strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(between, "objects"), "object")) {
		case "or", ", or", "and/or":
		default:
			return out
		}
		out = append(out, next)
		prev = next
	}
	return out
}

// sentenceBefore is the text of the Response prose's sentence that comes
// before byte offset off: "The children collection will be composed of "
// makes the link at off a collection, where "a [result](..) in the response
// body. A result includes a collection of suggestions" does not.
func (p *Page) sentenceBefore(off int) string {
	start := p.Response.Span.Offset()
	if start > off {
		return ""
	}
	text := p.Src.Text(start, off)
	if i := strings.LastIndex(text, ". "); i >= 0 {
		text = text[i+2:]
	}
	if i := strings.LastIndex(text, "\n\n"); i >= 0 {
		text = text[i+2:]
	}
	return text
}

// manyAround reports whether the prose around a resource link makes it a
// collection: "an array of [x](x.md)", "a list of [x](x.md)", "all
// [x](x.md) objects", "[x](x.md) collection", "[x](x.md) objects".
func manyAround(before, after string) bool {
	before = strings.TrimRight(before, " *`")
	for _, s := range []string{"array of", "list of", "collection of", " all"} {
		if HasSuffixLower(before, s) {
			return true
		}
	}
	if strings.HasPrefix(after, "[") { // the label of a reference link, "[x][]" or "[x][x-ref]"
		if i := strings.IndexByte(after, ']'); i >= 0 {
			after = after[i+1:]
		}
	}
	after = strings.TrimLeft(after, " *`")
	for _, s := range []string{"collection", "objects", "items", "entities", "resources"} {
		if HasPrefixLower(after, s) {
			return true
		}
	}
	return false
}

// sectionAt is the normalized H2 section that contains byte offset off.
func (p *Page) sectionAt(off int) string {
	sec := ""
	for _, b := range p.Blocks {
		if b.Span.Offset() > off {
			break
		}
		sec = b.Section
		if b.Kind == HeadingBlock && b.Span.Offset() <= off && off <= b.Span.EndOffset() {
			return sec
		}
	}
	// The block containing off carries its section.
	for _, b := range p.Blocks {
		if b.Span.Offset() <= off && off <= b.Span.EndOffset() {
			return b.Section
		}
	}
	return sec
}

func (p *Page) inTable(off int) bool {
	for _, t := range p.Tables {
		if t.Span.Offset() <= off && off <= t.Span.EndOffset() {
			return true
		}
	}
	return false
}

// bodyIsArray reports whether the Request body prose says the body is an
// array: "supply an array of JSON objects with the id parameter", not
// that one parameter is ("the tags value is an array of strings").
func (p *Page) bodyIsArray() bool {
	for _, b := range p.Blocks {
		if b.Kind != ProseBlock || b.Section != "request body" {
			continue
		}
		// The sentence must be about the body: "In the request body, supply
		// an array of ...", not "For tags, provide an array of strings".
		for _, sentence := range strings.Split(strings.ToLower(b.Span.Text()), ". ") {
			if !strings.Contains(sentence, "request body") && !strings.Contains(sentence, "body is an array") {
				continue
			}
			for _, says := range []string{"supply an array of", "provide an array of", "send an array of", "body is an array"} {
				if strings.Contains(sentence, says) {
					return true
				}
			}
		}
	}
	return false
}

// typesIn reports whether every cell of column col of t names a type: a
// link or a primitive's spelling ("string", "Int32 collection").
func typesIn(t *Table, col int) bool {
	if col < 0 || len(t.Rows) == 0 {
		return false
	}
	for _, r := range t.Rows {
		if col >= len(r.Cells) {
			return false
		}
		if tc := ParseTypeCell(r.Cells[col]); tc.Link == nil && ir.Primitive(tc.Name) == "" {
			return false
		}
	}
	return true
}

// propertyTables reads property rows from the tables of resource pages and
// the Request body tables of operation pages: any table with a name column
// and a Type column. On a resource page every section's table counts
// (Properties, Relationships, a table right under the title, "## Page
// content"), except under an H2 that names a type of its own, whose rows go to
// that SectionType; rows named like an instance annotation ("@odata.etag")
// are not properties and are left out.
func (p *Page) propertyTables() {
	for _, t := range p.Tables {
		nameCol := t.Column("Property", "Name", "Parameter", "Property name", "Relationship", "Relationship name", "Properties")
		typeCol := t.Column("Type")
		if typeCol < 0 && p.Kind == Operation && t.Section == "request body" && t.Column("Name") >= 0 && typesIn(t, t.Column("Value")) {
			// "| Name | Value | Description |" with a type in each Value
			// cell (driveItem's checkin and copy), not a sample value.
			typeCol = t.Column("Value")
		}
		if nameCol < 0 || typeCol < 0 {
			continue
		}
		if sub := strings.ToLower(t.Subsection); strings.HasPrefix(sub, "properties of ") || sub == "derived types" {
			continue // the keys of a JSON-valued property (policy definitions), or a list of subtypes
		}
		descCol := t.Column("Description", "Notes")
		var dest *[]PropertyRow
		nav := false
		switch {
		case p.Kind == Resource:
			if i := p.sectionType(t); i >= 0 {
				dest = &p.SectionTypes[i].Properties
				nav = strings.EqualFold(strings.TrimSpace(t.Subsection), "relationships")
			} else {
				dest, nav = &p.Properties, t.Section == "relationships"
			}
		case p.Kind == Operation && t.Section == "request body":
			if p.bodyIsArray() {
				// The table describes the array's items (site follow:
				// {"value": [{"id": ...}]}), not the body.
				continue
			}
			dest = &p.RequestBody
		default:
			continue
		}
		if cap(*dest) == 0 {
			*dest = make([]PropertyRow, 0, len(t.Rows))
		}
		var last *PropertyRow // the row read before r, if r follows it
		for i := range t.Rows {
			r := &t.Rows[i]
			raw := r.RawCells()
			if r.IsLabel() {
				last = nil
				continue // a label over the rows that follow, such as Intune's |**Onboarding**|
			}
			if nameCol >= len(r.Cells) || typeCol >= len(r.Cells) || raw <= typeCol {
				if !p.brokenPropertyRow(r, raw, len(t.Header), last, nameCol) {
					last = nil
				}
				continue
			}
			last = nil
			nc := r.Cells[nameCol]
			name := strings.Trim(nc.Text, "*` ")
			if name == "" || p.Kind == Resource && strings.HasPrefix(name, "@") {
				continue // empty, or an instance annotation (@odata.etag, @microsoft.graph.downloadUrl)
			}
			pr := PropertyRow{Name: Text{Text: name, Span: within(nc.Span, name)}, Type: ParseTypeCell(r.Cells[typeCol]), Navigation: nav, Row: r, Table: t}
			if descCol >= 0 && descCol < len(r.Cells) {
				d := r.Cells[descCol]
				pr.Description = Text{Text: d.Text, Span: d.Span}
				pr.DescRaw = d.Raw()
				pr.ReadOnly = isReadOnly(d.Text)
			}
			if raw > len(t.Header) {
				// A | in a cell, not escaped: goldmark drops the cells past
				// the header's, which is text lost from the generated code.
				_, at := CountCells(r.Span.Text(), len(t.Header))
				p.Diags.Add(p.Src.Range(r.Span.Offset()+at, r.Span.EndOffset()), diag.Warning, "table-malformed",
					"the row of property %q has %d cells but the header has %d: the text from here on is left out (escape a | inside a cell as \\|)", name, raw, len(t.Header))
			}
			*dest = append(*dest, pr)
			last = &(*dest)[len(*dest)-1]
		}
	}
}

// brokenPropertyRow reports a row of a property table that has no Type
// cell, which the generated code cannot use: a line of a row above that a
// line break split off (its text is lost from that row's description), or a
// row missing cells (its property is left out). last is the property row
// just above, if any. It returns whether r continues the row above.
func (p *Page) brokenPropertyRow(r *Row, raw, header int, last *PropertyRow, nameCol int) (continues bool) {
	line := r.Span.Text()
	if raw <= 1 && !strings.HasPrefix(strings.TrimLeft(line, " \t>"), "|") {
		if last != nil {
			p.Diags.Add(r.Span, diag.Warning, "table-malformed",
				"a line break splits the row of property %q: this line is left out of its description (keep each row on one line, using <br/> for breaks)", last.Name.Text)
		}
		return true
	}
	name := ""
	if nameCol < len(r.Cells) {
		name = strings.Trim(r.Cells[nameCol].Text, "*` ")
	}
	if name == "" {
		return false // a row of empty cells documents nothing
	}
	p.Diags.Add(r.Span, diag.Error, "table-malformed",
		"the row of property %q has %d cell(s) but the header has %d, and no Type: the property is left out", name, raw, header)
	return false
}

// typeSectionName reads an H2 that declares a type, "accessReviewSettings
// resource type" or "The programResource complex type", and returns the type's
// name.
func typeSectionName(heading string) (string, bool) {
	f := strings.Fields(heading)
	if len(f) == 4 && strings.EqualFold(f[0], "the") {
		f = f[1:]
	}
	if len(f) != 3 || !strings.EqualFold(f[2], "type") ||
		!strings.EqualFold(f[1], "resource") && !strings.EqualFold(f[1], "complex") && !strings.EqualFold(f[1], "entity") {
		return "", false
	}
	if dottedNameProblem(f[0]) != "" {
		return "", false
	}
	return f[0], true
}

// sectionType is the index in p.SectionTypes of the type the H2 enclosing t
// declares, adding it when t is its first table; -1 when that H2 names no
// type. Whether the type is the page's own is for the resolver to tell.
func (p *Page) sectionType(t *Table) int {
	if t.Section == "" {
		return -1
	}
	var h *Heading
	for i := range p.Headings {
		hd := &p.Headings[i]
		if hd.Span.Offset() > t.Span.Offset() {
			break
		}
		if hd.Level <= 2 && normalizeSection(hd.Text) == t.Section {
			h = hd
		}
	}
	if h == nil {
		return -1
	}
	name, ok := typeSectionName(h.Text)
	if !ok {
		return -1
	}
	at := within(h.Span, name)
	for i, st := range p.SectionTypes {
		if st.Name.Span.Offset() == at.Offset() {
			return i
		}
	}
	p.SectionTypes = append(p.SectionTypes, SectionType{Name: Text{Text: name, Span: at}})
	return len(p.SectionTypes) - 1
}

// isReadOnly reports whether a description says "read-only", "read only" or
// "readonly" as words, in any case. (A hand-written scan: a case-insensitive
// regular expression here cost more than the rest of the table code.)
func isReadOnly(desc string) bool {
	for i := 0; i+8 <= len(desc); i++ {
		if desc[i]|0x20 != 'r' || i > 0 && IsWordByte(desc[i-1]) {
			continue
		}
		if !strings.EqualFold(desc[i:i+4], "read") {
			continue
		}
		j := i + 4
		if j < len(desc) && (desc[j] == '-' || desc[j] == ' ') {
			j++
		}
		if j+4 <= len(desc) && strings.EqualFold(desc[j:j+4], "only") && (j+4 == len(desc) || !IsWordByte(desc[j+4])) {
			return true
		}
	}
	return false
}

// foldSpace trims s and folds each run of spaces in it to one space,
// copying only when it has to.
func foldSpace(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == ' ' && i+1 < len(s) && s[i+1] == ' ' || c >= 0x80 {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// HasPrefixLower reports strings.HasPrefix(strings.ToLower(s), prefix) for
// a lower-case ASCII prefix, without lowering a copy of s. strings.ToLower
// maps rune by rune, ASCII to ASCII, so when the bytes the prefix covers are
// ASCII, lowering them alone says the same; other text (where a rune may
// lower to fewer bytes, such as U+0130 to "i") is lowered whole.
func HasPrefixLower(s, prefix string) bool {
	if len(s) < len(prefix) || !isASCII(s[:len(prefix)]) {
		return strings.HasPrefix(strings.ToLower(s), prefix)
	}
	return EqualLower(s[:len(prefix)], prefix)
}

// HasSuffixLower is HasPrefixLower for strings.HasSuffix.
func HasSuffixLower(s, suffix string) bool {
	if len(s) < len(suffix) || !isASCII(s[len(s)-len(suffix):]) {
		return strings.HasSuffix(strings.ToLower(s), suffix)
	}
	return EqualLower(s[len(s)-len(suffix):], suffix)
}

// containsLower is HasPrefixLower for strings.Contains.
func containsLower(s, sub string) bool {
	if !isASCII(s) {
		return strings.Contains(strings.ToLower(s), sub)
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if EqualLower(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// EqualLower reports whether s, with its ASCII capitals lowered, is lower
// (lower-case ASCII).
func EqualLower(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// IsWordByte reports whether c is an ASCII letter, digit or underscore: a
// byte of a word, for the scans that look for whole words.
func IsWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// AfterPossibleValues is the offset just past the first "possible values"
// (any ASCII case) of a description that ends a word, or -1: where the
// values a String property takes are listed.
func AfterPossibleValues(s string) int {
	const phrase = "possible values"
	for i := 0; i+len(phrase) <= len(s); i++ {
		if s[i]|0x20 != 'p' || !strings.EqualFold(s[i:i+len(phrase)], phrase) {
			continue
		}
		end := i + len(phrase)
		if end == len(s) || !IsWordByte(s[end]) {
			return end
		}
	}
	return -1
}

// ParseTypeCell reads a Type cell: "String", "**Int32**", "`Edm.String`",
// "[x](y.md) collection", "Collection(x)", "String collection", "x[]".
func ParseTypeCell(c Cell) TypeCell {
	tc := TypeCell{Span: c.Span}
	s := foldSpace(c.Text)
	if len(c.Links) > 0 {
		l := &c.Links[0] // shared with the cell, which nothing changes
		tc.Link = l
		if alternatives(s, c.Links) {
			tc.Alternatives = c.Links
		}
		rest := strings.Replace(s, l.Text, "", 1)
		s = strings.TrimSpace(l.Text)
		if containsLower(rest, "collection") {
			tc.Collection = true
		}
	}
	s = strings.Trim(s, "*`_ ")
	switch {
	case HasPrefixLower(s, "collection(") && strings.HasSuffix(s, ")"):
		s, tc.Collection = s[len("collection("):len(s)-1], true
	case HasSuffixLower(s, " collection"):
		s, tc.Collection = strings.TrimSpace(s[:len(s)-len(" collection")]), true
	case HasPrefixLower(s, "collection of "):
		s, tc.Collection = strings.TrimSpace(s[len("collection of "):]), true
	case strings.HasSuffix(s, "[]"):
		s, tc.Collection = strings.TrimSuffix(s, "[]"), true
	}
	tc.Name = strings.Trim(s, "*`_ []")
	return tc
}

// alternatives reports whether a Type cell's text is its links joined by
// "or" (or a comma), "collection" aside: "[a](a.md) or [b](b.md)".
func alternatives(text string, links []Link) bool {
	if len(links) < 2 {
		return false
	}
	rest := text
	for _, l := range links {
		i := strings.Index(rest, l.Text)
		if i < 0 || l.Text == "" {
			return false
		}
		rest = rest[:i] + " " + rest[i+len(l.Text):]
	}
	for _, w := range strings.Fields(strings.NewReplacer(",", " ", "*", " ", "`", " ").Replace(rest)) {
		if w = strings.ToLower(w); w != "or" && w != "collection" {
			return false
		}
	}
	return true
}

// enumHeading reads "x values" (one word, then "values") and returns x.
func enumHeading(s string) (string, bool) {
	rest, ok := strings.CutSuffix(s, "values")
	name := strings.TrimRight(rest, " \t\n\r\f")
	if !ok || name == rest || name == "" || strings.ContainsAny(name, " \t\n\r\f") {
		return "", false
	}
	return name, true
}

// unspacedHeading is the paragraph line before offset nearest it that
// would be a heading but for the space its #s lack ("#x enum type"); ""
// when none is. Paragraphs only: front matter and code are no headings.
func (p *Page) unspacedHeading(offset int) string {
	found := ""
	for _, b := range p.Blocks {
		if b.Kind != ProseBlock || b.Span.Offset() >= offset {
			continue
		}
		for line := range strings.Lines(b.Span.Text()) {
			line = strings.TrimRight(line, "\r\n")
			rest := strings.TrimLeft(line, "#")
			if n := len(line) - len(rest); n >= 1 && n <= 6 && rest != "" && rest[0] != ' ' && rest[0] != '\t' && strings.Contains(rest, " ") {
				found = line
			}
		}
	}
	return found
}

// within narrows span to the first place name is written in it: a row's
// name inside its backticks, a type's name after the heading's #s. span
// when name is not there as written (escapes).
func within(span diag.Range, name string) diag.Range {
	if i := strings.Index(span.Text(), name); i >= 0 && name != "" {
		return span.Source().Range(span.Offset()+i, span.Offset()+i+len(name))
	}
	return span
}

// TitledEnum is the enum a page's title names, "x" of "# x enum type" (or
// "enumeration type"); "" for another title.
func (p *Page) TitledEnum() string {
	if t := strings.TrimSpace(p.Title.Text); strings.HasSuffix(strings.ToLower(t), " enum type") || strings.HasSuffix(strings.ToLower(t), " enumeration type") {
		return strings.Fields(t)[0]
	}
	return ""
}

// enumTables reads "### x values" member tables.
func (p *Page) enumTables() {
	pageEnum := p.TitledEnum()
	for _, t := range p.Tables {
		e := EnumTable{Table: t}
		if name, ok := enumHeading(strings.TrimSpace(t.Subsection)); ok {
			for _, h := range p.Headings {
				if h.Text == t.Subsection && h.Span.Offset() < t.Span.Offset() {
					e.Name = Text{Text: name, Span: within(h.Span, name)}
				}
			}
			if e.Name.Text == "" {
				e.Name = Text{Text: name, Span: t.Span}
			}
		} else if _, ok := enumHeading(strings.TrimSpace(t.Section)); ok && t.Subsection == "" && t.Column("Type") < 0 {
			// "## printOrientation values": an H2 (Section is lower-cased, so take the heading's text).
			for _, h := range p.Headings {
				if h.Level == 2 && strings.EqualFold(h.Text, strings.TrimSpace(t.Section)) && h.Span.Offset() < t.Span.Offset() {
					name := strings.Fields(h.Text)[0]
					e.Name = Text{Text: name, Span: within(h.Span, name)}
				}
			}
			if e.Name.Text == "" {
				continue
			}
		} else if f := strings.Fields(t.Subsection); len(f) == 1 && t.Column("Member") >= 0 && t.Column("Type") < 0 {
			// enums.md: "### conditionalAccessPolicyState" over a Member table, no " values".
			for _, h := range p.Headings {
				if h.Text == t.Subsection && h.Span.Offset() < t.Span.Offset() {
					e.Name = Text{Text: f[0], Span: within(h.Span, f[0])}
				}
			}
			if e.Name.Text == "" {
				continue
			}
		} else if pageEnum != "" && t.Column("Member", "Name") >= 0 && t.Column("Type") < 0 {
			e.Name = Text{Text: pageEnum, Span: p.Title.Span}
		} else {
			if t.Section == "members" && t.Column("Member") >= 0 && t.Column("Type") < 0 {
				// Its members would be lost without a word: "#x enum type",
				// with no space, is no heading.
				why := ""
				if line := p.unspacedHeading(t.Span.Offset()); line != "" {
					why = " (" + strconv.Quote(line) + " is no heading: put a space after the #)"
				}
				p.Diags.Add(t.Span, diag.Error, "unknown-type", "cannot tell which enum this member table is of: the page has no title like \"x enum type\" and the table no heading like \"### x values\"%s", why)
			}
			continue
		}
		col := t.Column("Member", "Name", "Value")
		if col < 0 {
			col = 0
		}
		val := -1 // a Value column beside the names, such as "5"
		if t.Column("Member", "Name") >= 0 {
			val = t.Column("Value")
		}
		desc := t.Column("Description")
		for _, r := range t.Rows {
			if col >= len(r.Cells) {
				continue
			}
			name := strings.Trim(r.Cells[col].Text, "`* ")
			if name == "" {
				continue
			}
			e.Members = append(e.Members, Text{Text: name, Span: r.Cells[col].Span})
			d := ""
			if desc >= 0 && desc < len(r.Cells) {
				d = r.Cells[desc].Text
			}
			e.Descs = append(e.Descs, d)
			v := ""
			if val >= 0 && val < len(r.Cells) {
				v = strings.Trim(r.Cells[val].Text, "`* ")
			}
			e.Values = append(e.Values, v)
		}
		p.Enums = append(p.Enums, e)
	}
}

// examples reads the annotated (or, lacking annotations, HTTP-looking) code
// blocks of the Examples section into requests and responses.
func (p *Page) examples() {
	for _, cb := range p.Code {
		role := ""
		inExamples := cb.Section == "examples" || strings.HasPrefix(cb.Section, "example")
		if a := cb.Annotation; a != nil {
			switch bt := strings.ToLower(strings.TrimSpace(a.BlockType)); {
			case bt == "request" || bt == "response":
				role = bt
			case !inExamples || bt != "" && !misspeltExample(bt):
				continue
			default:
				// An annotation that does not say what the block is, too
				// broken to read, or misspells request or response (lint
				// reports both): the block is read as an unannotated one
				// is, rather than lost.
				role = sniffRole(cb.Content)
			}
		} else if inExamples {
			role = sniffRole(cb.Content)
		}
		if role == "" {
			continue
		}
		ex := &Example{Block: cb, Role: role}
		if a := cb.Annotation; a != nil {
			if len(a.Names) > 0 {
				ex.Name, ex.Names = a.Names[0], a.Names
			}
			ex.Truncated = a.Bool("truncated")
			ex.ODataType = a.String("@odata.type")
			ex.Collection = a.Bool("isCollection")
		}
		p.httpMessage(ex)
		if role == "request" && ex.Method == "" {
			p.noRequestLine(ex)
		}
		p.Examples = append(p.Examples, ex)
	}
}

// BlockTypes are the blockType values an annotation may give.
var BlockTypes = []string{"resource", "request", "response", "ignored", "example", "samples", "simulatedResponse", "testParams"}

// misspeltExample reports whether bt, a blockType in lower case that is
// none of BlockTypes, is nearer request or response than any other: a
// misspelt "reqest" is an example, a misspelt "ignore" is not.
func misspeltExample(bt string) bool {
	best, bestD := "", len(bt)+1
	for _, k := range BlockTypes {
		if d := EditDistance(bt, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return (best == "request" || best == "response") && bestD <= 3
}

// EditDistance is the Levenshtein distance between a and b in bytes; past
// a difference in length of 3 it is that difference.
func EditDistance(a, b string) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 3 {
		return len(b) - len(a)
	}
	prev := make([]int, len(a)+1)
	cur := make([]int, len(a)+1)
	for i := range prev {
		prev[i] = i
	}
	for j := 1; j <= len(b); j++ {
		cur[0] = j
		for i := 1; i <= len(a); i++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[i] = min(prev[i]+1, cur[i-1]+1, prev[i-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(a)]
}

// noRequestLine reports a request example that does not start with a
// request line (METHOD URL): its first line is read as body and the example
// calls nothing. A misspelt method ("GTE https://...") is named. Generate
// and lint both report it from here.
func (p *Page) noRequestLine(ex *Example) {
	report := func(start, end int, format string, args ...any) {
		p.Diags.Add(p.Src.Range(start, end), diag.Error, "request-path-mismatch", format, args...)
	}
	if ex.StartLine.IsValid() {
		// A status line where the request line belongs.
		p.Diags.Add(ex.StartLine, diag.Error, "request-path-mismatch", "request example starts with a status line, not a request line (METHOD URL): is it a response?")
		return
	}
	cb := ex.Block
	content, off := cb.Content, cb.ContentStart
	for content != "" { // the first line that is not blank
		line := content
		if i := strings.IndexByte(content, '\n'); i >= 0 {
			line = content[:i+1]
		}
		if strings.TrimSpace(line) != "" {
			break
		}
		content, off = content[len(line):], off+len(line)
	}
	line, _, _ := strings.Cut(content, "\n")
	line = strings.TrimRight(line, "\r")
	if s, e, ok := UnknownMethod(line); ok {
		report(off+s, off+e, "%s is not an HTTP method: start the request line with GET, POST, PUT, PATCH or DELETE", line[s:e])
		return
	}
	if t := strings.TrimSpace(line); t != "" {
		s := off + strings.Index(line, t)
		report(s, s+len(t), "request example does not start with a request line (METHOD URL): its first line is read as the body")
		return
	}
	start := cb.Span.Offset() // the fence line
	end := start + strings.IndexByte(p.Src.Text(start, cb.Span.EndOffset())+"\n", '\n')
	report(start, end, "request example is empty: write its request line (METHOD URL)")
}

func sniffRole(content string) string {
	first := strings.TrimSpace(strings.SplitN(strings.TrimSpace(content), "\n", 2)[0])
	f := strings.Fields(first)
	switch {
	case len(f) == 0:
		return ""
	case strings.HasPrefix(strings.ToUpper(f[0]), "HTTP/"):
		return "response"
	case httpMethods[strings.ToUpper(f[0])] && len(f) >= 2:
		return "request"
	}
	return ""
}

// httpMessage splits an example block into start line, headers and body.
func (p *Page) httpMessage(ex *Example) {
	cb := ex.Block
	content := cb.Content
	off := cb.ContentStart
	// Only the lines before the body are looked at: split them as needed.
	lines := lineSplitter{rest: content}
	i := 0
	for lines.has(i) && strings.TrimSpace(lines.at(i)) == "" {
		off += len(lines.at(i))
		i++
	}
	if !lines.has(i) {
		return
	}
	first := strings.TrimSpace(lines.at(i))
	looksHTTP := false
	f := strings.Fields(first)
	switch {
	case len(f) > 0 && strings.HasPrefix(strings.ToUpper(f[0]), "HTTP/"):
		looksHTTP = true
		if len(f) > 1 {
			ex.Status, _ = strconv.Atoi(f[1])
			if ex.Status != 0 && !ValidStatus(ex.Status) || ex.Status == 0 && strings.Trim(f[1], "0") == "" {
				at := off + strings.Index(lines.at(i), first) + len(f[0]) + strings.Index(first[len(f[0]):], f[1])
				p.Diags.Add(p.Src.Range(at, at+len(f[1])), diag.Error, "invalid-status",
					"status %s is not an HTTP status code: they run from 100 to 599", f[1])
			}
		}
	case len(f) > 1 && httpMethods[strings.ToUpper(f[0])]:
		looksHTTP = true
		ex.Method = strings.ToUpper(f[0])
		ex.URL = strings.TrimSpace(first[len(f[0]):])
		ex.Path, _ = NormalizePath(ex.URL)
	}
	if !looksHTTP {
		// A bare JSON body (resource blocks, some responses).
		ex.Body = content
		ex.BodyOffset = cb.ContentStart
		return
	}
	lead := strings.Index(lines.at(i), first)
	ex.StartLine = p.Src.Range(off+lead, off+lead+len(first))
	off += len(lines.at(i))
	i++
	// Some pages leave a blank line between the request line and its
	// headers: skip blank lines when a header line follows them.
	for j := i; lines.has(j); j++ {
		if strings.TrimSpace(lines.at(j)) != "" {
			if isHeaderLine(strings.TrimSpace(lines.at(j))) {
				start := off
				for ; i < j; i++ {
					off += len(lines.at(i))
				}
				if off > start {
					ex.BlankBeforeHeaders = p.Src.Range(start, off)
				}
			}
			break
		}
	}
	// Headers until a blank line or the start of a JSON body.
	for ; lines.has(i); i++ {
		t := strings.TrimSpace(lines.at(i))
		if t == "" {
			off += len(lines.at(i))
			i++
			break
		}
		if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") || strings.HasPrefix(t, "<") {
			break
		}
		if !isHeaderLine(t) {
			break
		}
		name, value, _ := strings.Cut(t, ":")
		lead := strings.Index(lines.at(i), t)
		ex.Headers = append(ex.Headers, Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value), Span: p.Src.Range(off+lead, off+lead+len(t))})
		off += len(lines.at(i))
	}
	// The body is the rest of the content: a piece of it, not a copy.
	ex.BodyOffset = off
	ex.Body = content[off-cb.ContentStart:]
}

// lineSplitter yields the lines of a text as strings.SplitAfter(text, "\n")
// would, splitting no further than the lines asked for.
type lineSplitter struct {
	lines []string
	rest  string
	done  bool
}

// has reports whether the text has a line i, splitting up to it.
func (l *lineSplitter) has(i int) bool {
	for len(l.lines) <= i && !l.done {
		if j := strings.IndexByte(l.rest, '\n'); j >= 0 {
			l.lines = append(l.lines, l.rest[:j+1])
			l.rest = l.rest[j+1:]
		} else {
			l.lines = append(l.lines, l.rest)
			l.done = true
		}
	}
	return i < len(l.lines)
}

// at is line i; has(i) must be true.
func (l *lineSplitter) at(i int) string { return l.lines[i] }

// isHeaderLine reports whether a trimmed line looks like "Name: value".
func isHeaderLine(t string) bool {
	name, value, ok := strings.Cut(t, ":")
	// A header's name is an HTTP token; "https://contoso.com/x", a body
	// that is a URL, has a scheme where the name would be.
	return ok && IsToken(name) && !strings.HasPrefix(value, "//")
}

// IsToken reports whether s is an HTTP token (RFC 9110): a header's name,
// a method.
func IsToken(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r))
	})
}

// HeaderValue returns the value of the first header named name.
func (e *Example) HeaderValue(name string) (Header, bool) {
	for _, h := range e.Headers {
		if strings.EqualFold(h.Name, name) {
			return h, true
		}
	}
	return Header{}, false
}

// graphHosts are the hosts of Microsoft Graph: the global service and the
// national clouds.
var graphHosts = []string{"graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us",
	"microsoftgraph.chinacloudapi.cn", "graph.microsoft.de"}

// FirstToGraph is the index of the first of n requests waiting for a
// response (url(i) the URL of the i-th) that goes to Graph, else 0: a
// callback to the app (bot.contoso.com) shown before a request has no
// response to take from it, while an upload to its session's URL, alone,
// has one. The resolver and the linter pair examples alike with it.
func FirstToGraph(n int, url func(int) string) int {
	for i := range n {
		if !ForeignHost(url(i)) {
			return i
		}
	}
	return 0
}

// ForeignHost reports whether a URL names a host other than Graph's. A host
// without a dot ("https://graph/microsoft.com/beta/x") is a typo for
// Graph's, whose path is then checked as written.
func ForeignHost(u string) bool {
	i := strings.Index(u, "://")
	if i < 0 || strings.ContainsAny(u[:i], "/{") {
		return false // a path, no host
	}
	host := u[i+3:]
	if j := strings.IndexAny(host, "/?#"); j >= 0 {
		host = host[:j]
	}
	if j := strings.LastIndexByte(host, ':'); j >= 0 {
		host = host[:j]
	}
	host = strings.ToLower(host)
	if !strings.Contains(host, ".") {
		return false
	}
	for _, g := range graphHosts {
		if host == g || strings.HasSuffix(host, "."+g) {
			return false
		}
	}
	return true
}
