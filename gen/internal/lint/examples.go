package lint

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"gen/gen/internal/diag"
	"gen/gen/internal/emit/odata"
	"gen/gen/internal/parse"
)

// examples checks an operation page's examples against the page: headers
// against bodies, status lines against the Response section, request lines
// against the HTTP request section, and requests against responses.
func (c *checker) examples() {
	paths := c.requestPatterns()
	var mentioned statusSet
	c.responseCodes(&mentioned)
	c.pairing() // first: it tells the answers of callbacks
	c.proseBodyOnNoContent()
	for _, ex := range c.page.Examples {
		c.contentLength(ex)
		if ex.BlankBeforeHeaders.IsValid() {
			line := "request"
			if ex.Role == "response" {
				line = "status"
			}
			c.report(ex.BlankBeforeHeaders, "blank-line-before-headers",
				"a blank line after the %s line ends the headers in HTTP, so the header lines below it are read as the body: remove the blank line", line)
		}
		switch ex.Role {
		case "request":
			c.contentType(ex) // a missing request line: the parser reports it
			if !c.requestPath(ex, paths) {
				c.markOffPage(ex)
			}
			c.urlPlaceholders(ex)
		case "response":
			c.responseStatus(ex, &mentioned)
		}
	}
	c.statusConvention()
}

// startSpan is where an example is reported: its request or status line,
// else its fence.
func (c *checker) startSpan(ex *parse.Example) diag.Range {
	if ex.StartLine.IsValid() {
		return ex.StartLine
	}
	return c.span(ex.Block.Span.Offset(), lineEnd(c.page.Src.Bytes, ex.Block.Span.Offset()))
}

// bodyBytes is the body as a client would send it: the example's bytes
// after the blank line that ends the headers, without the line breaks after
// its last line (they end the code block, not the body). Line breaks count
// as one byte, LF, whatever the page's own: a checkout with CRLF line
// endings (git's autocrlf on Windows) must lint as the page does elsewhere.
func bodyBytes(ex *parse.Example) string { return lfBody(ex.Body) }

func lfBody(s string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\r\n"), "\r\n", "\n")
}

// contentLength compares a Content-Length header with the body's bytes.
// A length that counts the body's line breaks as two bytes, CRLF, is a
// warning, not an error: the body would be right with the line endings HTTP
// uses for its head, which is how many pages were written, but the example
// as shown says another length. Truncated examples are skipped: their
// body is knowingly shortened; so are examples that show no body (a binary
// upload), or a line standing for one (standIn), which say nothing of its
// length.
func (c *checker) contentLength(ex *parse.Example) {
	h, ok := ex.HeaderValue("Content-Length")
	if !ok {
		return
	}
	n, err := strconv.Atoi(strings.TrimSpace(h.Value))
	body, truncated, shown := c.shownBody(ex)
	if err != nil {
		// "xxx", "{length}": a placeholder, not a number to check.
		if v := strings.TrimSpace(h.Value); v != "" && shown && !truncated && !standIn(ex, body) {
			c.report(h.Span, "placeholder-value", "Content-Length %s is a placeholder: write the body's length, %d bytes", quoteShort(v), len(body))
		}
		return
	}
	if truncated || !shown || standIn(ex, body) {
		return
	}
	lf := len(body)
	crlf := lf + strings.Count(body, "\n")
	switch {
	case n == lf:
	case n == crlf:
		c.reportAs(diag.Warning, h.Span, "content-length", "Content-Length is %d, the body's length with CRLF line endings, but the body as shown, with LF, is %d bytes", n, lf)
	case crlf == lf:
		c.report(h.Span, "content-length", "Content-Length is %d, but the body is %d bytes", n, lf)
	default:
		c.report(h.Span, "content-length", "Content-Length is %d, but the body is %d bytes (%d with CRLF line endings)", n, lf, crlf)
	}
}

// standIn reports whether a body stands for bytes it does not show: one
// bracketed line ("[Zip file containing a Teams app package]", "<binary
// data>") under a Content-Type that is neither JSON nor text.
func standIn(ex *parse.Example, body string) bool {
	b := strings.TrimSpace(body)
	if strings.Contains(b, "\n") || len(b) < 2 || !(b[0] == '[' && b[len(b)-1] == ']' || b[0] == '<' && b[len(b)-1] == '>') {
		return false
	}
	ct, ok := ex.HeaderValue("Content-Type")
	if !ok {
		return false
	}
	mt := strings.ToLower(strings.TrimSpace(strings.Split(ct.Value, ";")[0]))
	return !strings.Contains(mt, "json") && !strings.HasPrefix(mt, "text/")
}

// shownBody is the body an example shows, with line breaks as bodyBytes
// counts them, and whether it is truncated. Some pages close the HTTP block
// after the headers and show the body in the JSON block right after it
// (only blank lines and an annotation between them): that block is the
// body. shown is false when the example shows none.
func (c *checker) shownBody(ex *parse.Example) (body string, truncated, shown bool) {
	if strings.TrimSpace(ex.Body) != "" {
		return bodyBytes(ex), ex.Truncated, true
	}
	next := c.nextBlock(ex.Block)
	if next == nil || !strings.HasPrefix(strings.TrimSpace(next.Content), "{") && !strings.HasPrefix(strings.TrimSpace(next.Content), "[") {
		return "", false, false
	}
	if a := next.Annotation; a != nil {
		if canonicalBlockType(a.BlockType) != "example" {
			return "", false, false
		}
		truncated = a.Bool("truncated")
	}
	return lfBody(next.Content), truncated || ex.Truncated, true
}

// nextBlock is the code block right after cb, with nothing but blank lines
// and HTML comments between them; nil when there is none.
func (c *checker) nextBlock(cb *parse.CodeBlock) *parse.CodeBlock {
	for i, b := range c.page.Code {
		if b != cb || i+1 == len(c.page.Code) {
			continue
		}
		next := c.page.Code[i+1]
		gap := string(c.page.Src.Bytes[cb.Span.EndOffset():next.Span.Offset()])
		for {
			open := strings.Index(gap, "<!--")
			if open < 0 {
				break
			}
			end := strings.Index(gap[open:], "-->")
			if end < 0 {
				return nil
			}
			gap = gap[:open] + gap[open+end+3:]
		}
		if strings.TrimSpace(gap) != "" {
			return nil
		}
		return next
	}
	return nil
}

// isJSONBody reports whether an example body is meant as JSON: its
// Content-Type says so, or, lacking one, it starts like JSON.
func isJSONBody(ex *parse.Example) bool {
	body := strings.TrimSpace(ex.Body)
	if body == "" {
		return false
	}
	if h, ok := ex.HeaderValue("Content-Type"); ok {
		ct := strings.ToLower(h.Value)
		return strings.Contains(ct, "json")
	}
	return body[0] == '{' || body[0] == '['
}

// contentType reports a request with a JSON body and no Content-Type.
func (c *checker) contentType(ex *parse.Example) {
	if _, ok := ex.HeaderValue("Content-Type"); ok || !ex.StartLine.IsValid() {
		return
	}
	body := strings.TrimSpace(ex.Body)
	if body == "" || (body[0] != '{' && body[0] != '[') {
		return
	}
	c.report(ex.StartLine, "content-type-missing", "request has a JSON body but no Content-Type header: add Content-Type: application/json")
}

// pathPattern is one documented request line as a matcher for example
// URLs: {placeholders} match any text within a segment (across segments in
// OneDrive-style "root:/{path}:" addressing), the rest matches literally,
// ignoring case. Excel paths are documented from the workbook down
// ("/workbook/tables/{id}"), so any drive item may come before /workbook.
type pathPattern struct {
	method  string
	written string // the path as the page writes it, for messages
	*pathShape
}

// pathShape is what matching needs of a documented path; pages that
// document the same path share it.
type pathShape struct {
	lower    string   // the path lower-cased, from /workbook/ on when suffix
	full     []string // lower-cased literal parts; a "" between two parts is a placeholder
	deep     bool     // placeholders may span segments
	suffix   bool     // the pattern may match the end of the path (workbook)
	bareOnce sync.Once
	bare     []string // full with function arguments removed, once asked for
}

func (c *checker) requestPatterns() []pathPattern {
	out := make([]pathPattern, 0, len(c.page.Requests))
	for _, rl := range c.page.Requests {
		out = append(out, pathPattern{method: rl.Method, written: writtenPath(rl.Raw), pathShape: c.pathShape(rl.Path)})
	}
	return out
}

// pathShape returns the shape of a documented path, worked out once.
func (c *checker) pathShape(path string) *pathShape {
	m := c.memos()
	sh := m.shapes[path]
	if sh == nil {
		sh = newPathShape(path)
		m.shapes[path] = sh
	}
	return sh
}

func newPathShape(path string) *pathShape {
	sh := &pathShape{deep: strings.Contains(path, ":")}
	// OData's key syntax, /programs('{programId}'), is the segment
	// /programs/{programId}, as pathForms reads an example's.
	lower := keySegments(strings.ToLower(path))
	if i := strings.Index(lower, "/workbook/"); i >= 0 {
		lower, sh.suffix = lower[i:], true
	}
	sh.lower, sh.full = lower, pathParts(lower)
	return sh
}

// pathParts splits a path at its placeholders: "/a/{id}/b" -> "/a/", "", "/b".
func pathParts(path string) []string {
	out := make([]string, 0, 2*strings.Count(path, "{")+1)
	for {
		i := strings.IndexByte(path, '{')
		j := strings.IndexByte(path[max(i, 0):], '}')
		if i < 0 || j < 0 {
			if path != "" { // "" is a placeholder's part, one character or more
				out = append(out, path)
			}
			return out
		}
		if i > 0 {
			out = append(out, path[:i])
		}
		out = append(out, "")
		path = path[i+j+1:]
	}
}

// match reports whether an example path (lower-cased) fits the pattern.
func (p *pathPattern) match(path string) bool {
	if len(path) > 1 { // the service root, "/", keeps its slash
		path = strings.TrimSuffix(path, "/")
	}
	if matchParts(p.full, path, p.deep, p.suffix) {
		return true
	}
	p.bareOnce.Do(func() { p.bare = pathParts(stripArgs(p.lower)) })
	return matchParts(p.bare, stripArgs(path), p.deep, p.suffix)
}

// matchParts matches s against literal parts and placeholders ("") in one
// pass over s per part, so that no path makes it backtrack: a placeholder is
// one or more characters, not crossing a slash unless deep; with suffix the
// match may start anywhere in s.
func matchParts(parts []string, s string, deep, suffix bool) bool {
	n := len(s)
	var buf [2 * 256]bool
	var cur, next []bool // cur[j]: parts so far match s[:j]
	if n+1 <= len(buf)/2 {
		cur, next = buf[:n+1], buf[len(buf)/2:len(buf)/2+n+1]
	} else {
		cur, next = make([]bool, n+1), make([]bool, n+1)
	}
	cur[0] = true
	if suffix {
		for j := range cur {
			cur[j] = true
		}
	}
	for _, p := range parts {
		clear(next)
		if p == "" {
			reach := false
			for j := 1; j <= n; j++ {
				if !deep && s[j-1] == '/' {
					reach = false
					continue
				}
				reach = reach || cur[j-1]
				next[j] = reach
			}
		} else {
			for j := 0; j+len(p) <= n; j++ {
				if cur[j] && s[j:j+len(p)] == p {
					next[j+len(p)] = true
				}
			}
		}
		cur, next = next, cur
	}
	return cur[n]
}

// requestPath reports a request example whose method, or path, matches no
// HTTP request line of the page, and reports whether the example calls the
// page's operation (true when there is nothing to compare). A request to
// another host than Graph's (a bot's callback, a webhook, a OneDrive upload
// URL) or annotated "opaqueUrl": true calls no documented path.
func (c *checker) requestPath(ex *parse.Example, pats []pathPattern) bool {
	if foreignHost(ex.URL) || ex.Block.Annotation.Bool("opaqueUrl") {
		return false
	}
	if len(pats) == 0 || ex.Method == "" || !ex.StartLine.IsValid() {
		return true
	}
	forms := pathForms(strings.ToLower(ex.Path))
	var same []string
	for i := range pats {
		pt := &pats[i]
		if pt.method != ex.Method {
			continue
		}
		for _, f := range forms {
			if pt.match(f) {
				return true
			}
		}
		same = append(same, pt.written)
	}
	for _, rl := range c.page.Requests {
		if rl.Invalid && !rl.Ellipsis && rl.Method == ex.Method {
			// A documented line of this method that cannot be read (its
			// invalid-path error says why) may be the one the example
			// calls; an ellipsis line is read well enough to say it is not.
			return false
		}
	}
	line := c.page.Src.Bytes[ex.StartLine.Offset():ex.StartLine.EndOffset()]
	if len(same) == 0 {
		var methods []string
		for _, pt := range pats {
			if !containsString(methods, pt.method) {
				methods = append(methods, pt.method)
			}
		}
		sp := c.span(ex.StartLine.Offset(), ex.StartLine.Offset()+len(strings.Fields(string(line))[0]))
		c.report(sp, "request-path-mismatch", "example sends %s but ## HTTP request documents only %s", ex.Method, strings.Join(methods, ", "))
		return false
	}
	at := ex.StartLine.Offset() + strings.Index(string(line), ex.URL)
	if len(same) > 3 {
		same = append(same[:3], fmt.Sprintf("and %d more", len(same)-3))
	}
	c.report(c.span(at, at+len(ex.URL)), "request-path-mismatch", "example path %s matches none of the documented %s paths: %s", writtenPath(ex.URL), ex.Method, strings.Join(same, ", "))
	return false
}

// markOffPage records a request example that does not call the page's
// operation: its body is not the operation's request body.
func (c *checker) markOffPage(ex *parse.Example) {
	if c.offPage == nil {
		c.offPage = map[*parse.Example]bool{}
	}
	c.offPage[ex] = true
}

// foreignHost reports whether a URL names a host other than Graph's (see
// parse.ForeignHost).
func foreignHost(u string) bool { return parse.ForeignHost(u) }

// writtenPath is a request line's path as the page writes it: without the
// method, host, version, query and HTTP version, placeholders as written
// ({id|name}, where the matcher reads {idOrName}).
func writtenPath(raw string) string {
	s := strings.TrimSpace(raw)
	if i := strings.LastIndexAny(s, " \t"); i >= 0 && parse.HasPrefixLower(s[i+1:], "http/") {
		s = strings.TrimRight(s[:i], " \t")
	}
	if i := strings.Index(s, "://"); i >= 0 && !strings.ContainsAny(s[:i], "/{") {
		if j := strings.IndexByte(s[i+3:], '/'); j >= 0 {
			s = s[i+3+j:]
		} else {
			s = "/"
		}
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[:i]
	}
	for _, v := range []string{"/beta/", "/v1.0/"} {
		if parse.HasPrefixLower(s, v) {
			s = s[len(v)-1:]
			break
		}
	}
	return s
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// stripArgs drops function arguments and parenthesized keys from a path:
// /reports/getX(period='D7') -> /reports/getX. It removes what the
// expression \([^/]*\) matches: from a '(' to the last ')' before the next
// '/'.
func stripArgs(p string) string {
	if strings.IndexByte(p, '(') < 0 {
		return p
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(p); {
		k := strings.IndexByte(p[i:], '(')
		if k < 0 {
			break
		}
		k += i
		seg := len(p)
		if e := strings.IndexByte(p[k:], '/'); e >= 0 {
			seg = k + e
		}
		r := strings.LastIndexByte(p[k+1:seg], ')')
		if r < 0 {
			i = seg // no '(' before seg has a ')' to end it
			continue
		}
		r += k + 1
		b.WriteString(p[last:k])
		last, i = r+1, r+1
	}
	if last == 0 {
		return p
	}
	b.WriteString(p[last:])
	return b.String()
}

// versionRE matches a version placeholder left in place of /beta.
var versionRE = regexp.MustCompile(`(?i)^/\{(ver|version|api-version)\}/`)

// pathForms is an example path as written, unescaped, with OData key
// syntax turned into segments (/messages('AAMk')/ -> /messages/AAMk/), and
// from /me on as /users/me.
func pathForms(p string) []string {
	out := []string{p}
	for _, v := range []string{"/beta/", "/v1.0/"} {
		if strings.HasPrefix(p, v) {
			// "/Beta/me", which the parser keeps: it trims the version
			// as written in lower case only.
			p = p[len(v)-1:]
			out = append(out, p)
		}
	}
	if strings.HasPrefix(p, "/{") {
		if m := versionRE.FindString(p); m != "" {
			p = p[len(m)-1:]
			out = append(out, p)
		}
	}
	if strings.IndexByte(p, '%') >= 0 { // else unescaping leaves it as it is
		if u, err := url.PathUnescape(p); err == nil && u != p {
			out = append(out, u)
		}
	}
	if k := keySegments(out[len(out)-1]); k != out[len(out)-1] {
		out = append(out, k)
	}
	if last := out[len(out)-1]; last == "/me" || strings.HasPrefix(last, "/me/") {
		// /me is Graph's name for /users/{signed-in user}.
		out = append(out, "/users/me"+last[3:])
	}
	return out
}

// keySegments turns every ('key') without a slash or quote inside into
// /key, as replacing \('([^'/]*)'\) with /$1 does.
func keySegments(p string) string {
	if !strings.Contains(p, "('") {
		return p
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(p); {
		k := strings.Index(p[i:], "('")
		if k < 0 {
			break
		}
		k += i
		j := k + 2
		for j < len(p) && p[j] != '\'' && p[j] != '/' {
			j++
		}
		if j+1 >= len(p) || p[j] != '\'' || p[j+1] != ')' {
			i = k + 1
			continue
		}
		b.WriteString(p[last:k])
		b.WriteByte('/')
		b.WriteString(p[k+2 : j])
		last, i = j+2, j+2
	}
	if last == 0 {
		return p
	}
	b.WriteString(p[last:])
	return b.String()
}

// urlPlaceholders reports {placeholders} left in an example request's URL.
func (c *checker) urlPlaceholders(ex *parse.Example) {
	if ex.URL == "" || !ex.StartLine.IsValid() || strings.IndexByte(ex.URL, '{') < 0 {
		return
	}
	line := ex.StartLine.Text()
	base := ex.StartLine.Offset() + strings.Index(line, ex.URL)
	query := strings.IndexByte(ex.URL, '?')
	for _, m := range urlPlaceholders(ex.URL) {
		if odata.IsGUID(ex.URL[m[0]+1 : m[1]-1]) {
			continue // a GUID in braces is OData's own syntax ('String {guid} Name x'), not a placeholder
		}
		where := "path"
		if query >= 0 && m[0] > query {
			where = "query"
		}
		c.report(c.span(base+m[0], base+m[1]), "placeholder-value", "example URL keeps the %s placeholder %s: use a realistic value", where, ex.URL[m[0]:m[1]])
	}
}

// urlPlaceholders finds what \{[^{}/\s]+\} matches in s: a brace, one or
// more bytes that are no brace, slash or white space (\s: tab, newline,
// form feed, carriage return, space), a closing brace.
func urlPlaceholders(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '{')
		if k < 0 {
			break
		}
		k += i
		j := k + 1
		for j < len(s) && !isPlaceholderStop(s[j]) {
			j++
		}
		if j < len(s) && s[j] == '}' && j > k+1 {
			out = append(out, [2]int{k, j + 1})
			i = j + 1
			continue
		}
		i = k + 1
	}
	return out
}

func isPlaceholderStop(c byte) bool {
	switch c {
	case '{', '}', '/', '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

// responseCodes adds to out the status codes the Response section's prose
// names.
func (c *checker) responseCodes(out *statusSet) {
	for _, b := range c.page.Blocks {
		if b.Section != "response" || b.Kind != parse.ProseBlock {
			continue
		}
		statusCodes(c.page.Src.Bytes[b.Span.Offset():b.Span.EndOffset()], out.add)
	}
	if c.page.Status != 0 {
		out.add(c.page.Status)
	}
}

// statusSet is a set of status codes: a bit each for 0 to 1023, a list for
// the rest.
type statusSet struct {
	bits [16]uint64
	more []int
}

func (s *statusSet) add(n int) {
	if 0 <= n && n < 1024 {
		s.bits[n/64] |= 1 << (n % 64)
		return
	}
	s.more = append(s.more, n)
}

func (s *statusSet) has(n int) bool {
	if 0 <= n && n < 1024 {
		return s.bits[n/64]&(1<<(n%64)) != 0
	}
	return slices.Contains(s.more, n)
}

// statusCodes calls found with every number \b[1-5][0-9][0-9]\b matches in
// b: three digits, the first 1 to 5, with no ASCII letter, digit or
// underscore right before or after.
func statusCodes(b []byte, found func(int)) {
	for i := 0; i+3 <= len(b); i++ {
		c := b[i]
		if c < '1' || c > '5' || i > 0 && parse.IsWordByte(b[i-1]) {
			continue
		}
		d, e := b[i+1], b[i+2]
		if d < '0' || d > '9' || e < '0' || e > '9' || i+3 < len(b) && parse.IsWordByte(b[i+3]) {
			continue
		}
		found(int(c-'0')*100 + int(d-'0')*10 + int(e-'0'))
		i += 2
	}
}

// responseStatus reports a response example with a body despite 204, and
// one whose status the Response section does not name (error examples,
// 4xx and 5xx, are not held to the success status; the parser reads no
// status from prose naming a class, "a 200-series response code").
func (c *checker) responseStatus(ex *parse.Example, mentioned *statusSet) {
	if ex.Status == 0 || !ex.StartLine.IsValid() {
		return
	}
	if ex.Status == 204 && strings.TrimSpace(ex.Body) != "" {
		c.report(c.span(ex.BodyOffset, ex.BodyOffset+len(strings.TrimRight(ex.Body, " \t\r\n"))), "body-on-no-content",
			"a 204 No Content response has no body, but this example shows one")
	}
	if c.page.Status == 0 || ex.Status >= 400 || mentioned.has(ex.Status) || c.callback[ex] {
		return
	}
	c.report(c.statusSpan(ex), "status-mismatch", "response example answers %d but ## Response says %d (%s)", ex.Status, c.page.Status, c.page.StatusSpan.Pos())
}

// proseBodyOnNoContent reports Response prose that names 204 No Content
// and, in the same line, a resource "in the response body".
func (c *checker) proseBodyOnNoContent() {
	p := c.page
	l := p.ResponseLink
	if p.Status != 204 || l == nil || !p.StatusSpan.IsValid() || l.Span.Pos().Line != p.StatusSpan.Pos().Line {
		return
	}
	rest := p.Src.Bytes[l.Span.EndOffset():lineEnd(p.Src.Bytes, l.Span.EndOffset())]
	if !bytes.Contains(bytes.ToLower(rest), []byte("response body")) {
		return
	}
	c.report(l.Span, "body-on-no-content", "## Response says 204, a status without a body, and names %s in the response body: say which of the two the operation answers", l.Text)
}

// statusSpan is where an example's status line writes its code.
func (c *checker) statusSpan(ex *parse.Example) diag.Range {
	line := string(c.page.Src.Bytes[ex.StartLine.Offset():ex.StartLine.EndOffset()])
	code := strconv.Itoa(ex.Status)
	at := ex.StartLine.Offset() + strings.Index(line, code)
	return c.span(at, at+len(code))
}

// statusConvention warns when a create does not answer 201, a delete 204,
// or an update 200 or 204: as the Response prose says, else as the
// examples answer.
func (c *checker) statusConvention() {
	p := c.page
	if len(p.Requests) == 0 {
		return
	}
	method := p.Requests[0].Method
	for _, rl := range p.Requests {
		if rl.Method != method {
			return // several operations on one page: no single convention
		}
	}
	status, at, said := p.Status, p.StatusSpan, "## Response says"
	if status == 0 { // none, or a class ("a 200-series code"): the examples tell which
		for _, ex := range p.Examples {
			if ex.Role == "response" && ex.Status > 0 && ex.Status < 400 && ex.StartLine.IsValid() {
				status, at, said = ex.Status, c.statusSpan(ex), "the example answers"
				break
			}
		}
		if status == 0 {
			return
		}
	}
	switch {
	case status == 202 && (method == "POST" || method == "DELETE"):
		// 202 Accepted: a create or delete that runs asynchronously (a
		// team's creation, a schema's provisioning).
	case method == "DELETE" && status != 204:
		c.report(at, "status-convention", "a delete answers 204 No Content, but %s %d", said, status)
	case method == "POST" && status != 201 && c.isCreate():
		c.report(at, "status-convention", "a create (POST to a collection) answers 201 Created, but %s %d", said, status)
	case method == "PATCH" && status != 200 && status != 204:
		c.report(at, "status-convention", "an update (PATCH) answers 200 OK or 204 No Content, but %s %d", said, status)
	}
}

// isCreate reports whether a POST page creates an item in a collection: its
// title says Create and its path ends in a plain collection segment (not an
// action, a function call, a $ref or a key).
func (c *checker) isCreate() bool {
	t := strings.Fields(strings.ToLower(c.page.Title.Text))
	if len(t) == 0 || t[0] != "create" {
		return false
	}
	for _, rl := range c.page.Requests {
		seg := rl.Path[strings.LastIndexByte(rl.Path, '/')+1:]
		if seg == "" || strings.ContainsAny(seg, "{}().$:") {
			return false
		}
	}
	return true
}

// pairing reports requests without responses, responses without requests
// and response names that match no request, pairing as the resolver does:
// by annotation name, else by order. It records the responses to requests
// sent to another host (a callback the service makes, a webhook): they are
// that host's answers, not the operation's (see callback).
func (c *checker) pairing() {
	names := map[string]bool{}
	for _, ex := range c.page.Examples {
		if ex.Role == "request" {
			for _, n := range exampleNames(c.page.Src, ex) {
				names[n.name] = true
			}
		}
	}
	var open []*parse.Example
	paired := map[*parse.Example]bool{}
	pair := func(req, resp *parse.Example) {
		paired[req] = true
		if foreignHost(req.URL) {
			if c.callback == nil {
				c.callback = map[*parse.Example]bool{}
			}
			c.callback[resp] = true
		}
	}
	// answered is the response just paired with a request, while the next
	// example is another response: an alternative answer to that request
	// (a 207 beside the 200) pairs with nothing and needs nothing.
	var answered *parse.Example
	for _, ex := range c.page.Examples {
		if ex.Role == "request" {
			open = append(open, ex)
			answered = nil
			continue
		}
		if ex.Role != "response" {
			continue
		}
		prevAnswer := answered
		answered = nil
		if ex.Name != "" && !names[ex.Name] {
			sp := c.startSpan(ex)
			if ns := exampleNames(c.page.Src, ex); len(ns) > 0 {
				sp = ns[0].span
			}
			if ig := c.ignoredNamed(ex.Name); ig != nil {
				c.report(sp, "unpaired-example", "response name %q names a request annotated \"blockType\": \"ignored\" (%s); annotate it as a request, or this response as ignored too", ex.Name, ig.Span.Pos())
			} else {
				c.report(sp, "unpaired-example", "response name %q matches no request on this page", ex.Name)
			}
			if len(open) > 0 {
				pair(open[0], ex)
				open = open[1:]
				answered = ex
			}
			continue
		}
		if ex.Name != "" {
			found := false
			for i, r := range open {
				if r.Name == ex.Name || containsName(r, ex.Name) {
					pair(r, ex)
					open = append(open[:i:i], open[i+1:]...)
					found = true
					break
				}
			}
			if found {
				answered = ex
				// A response naming several requests answers each of them.
				for _, n := range ex.Names[min(1, len(ex.Names)):] {
					for i, r := range open {
						if r.Name == n || containsName(r, n) {
							pair(r, ex)
							open = append(open[:i:i], open[i+1:]...)
							break
						}
					}
				}
				continue
			}
		}
		if len(open) > 0 {
			i := parse.FirstToGraph(len(open), func(i int) string { return open[i].URL })
			pair(open[i], ex)
			open = append(open[:i:i], open[i+1:]...)
			answered = ex
			continue
		}
		if prevAnswer != nil && prevAnswer.Status != ex.Status && ex.Name == "" {
			answered = prevAnswer // another answer to the same request
			continue
		}
		if ig := c.ignoredRequestBefore(ex); ig != nil {
			// The pair is broken all the same: tools that skip ignored
			// blocks see a response without its request.
			c.report(c.startSpan(ex), "unpaired-example", "response has no request before it to pair with: the request before it (%s) is annotated \"blockType\": \"ignored\"; annotate it as a request, or this response as ignored too",
				c.span(ig.ContentStart+strings.Index(ig.Content, firstLine(ig.Content)), 0).Pos())
			continue
		}
		c.report(c.startSpan(ex), "unpaired-example", "response has no request before it to pair with")
	}
	for _, r := range open {
		if foreignHost(r.URL) {
			continue // a callback or webhook the service sends: no response is documented
		}
		if c.unannotatedResponseAfter(r) {
			// Its response is there, with no annotation: the
			// annotation-missing finding on it says what to add.
			continue
		}
		c.report(c.startSpan(r), "unpaired-example", "request %shas no response", nameSuffix(r.Name))
	}
}

// unannotatedResponseAfter reports whether an HTTP or JSON block with no
// annotation, one annotation-missing would annotate as a response, follows
// request r in the examples before any other example or annotated block:
// "Here is an example of the response." over a bare ```json body.
func (c *checker) unannotatedResponseAfter(r *parse.Example) bool {
	examples := map[*parse.CodeBlock]bool{}
	for _, e := range c.page.Examples {
		examples[e.Block] = true
	}
	i := slices.Index(c.page.Code, r.Block)
	if i < 0 {
		return false
	}
	for _, cb := range c.page.Code[i+1:] {
		if examples[cb] || cb.Annotation != nil || !inExamples(cb.Section) {
			return false
		}
		if kind := exampleBlockKind(cb); kind != "" {
			return c.roleOf(cb, kind) == "response"
		}
	}
	return false
}

// startsWithRequestLine reports whether a code block's first line is a
// request line ("GET /me").
func startsWithRequestLine(cb *parse.CodeBlock) bool {
	f := strings.Fields(firstLine(cb.Content))
	return len(f) >= 2 && isMethod(f[0])
}

// ignoredNamed is the code block annotated "blockType": "ignored" whose
// annotation has the name, and whose first line is a request line; nil
// when there is none.
func (c *checker) ignoredNamed(name string) *parse.CodeBlock {
	for _, cb := range c.page.Code {
		a := cb.Annotation
		if a == nil || canonicalBlockType(a.BlockType) != "ignored" || !slices.Contains(a.Names, name) {
			continue
		}
		if startsWithRequestLine(cb) {
			return cb
		}
	}
	return nil
}

// ignoredRequestBefore finds the last HTTP request annotated "blockType":
// "ignored" before a response example in the examples, when no other
// annotated block comes between them but ignored ones (a 302 before the
// file it leads to); nil when there is none.
func (c *checker) ignoredRequestBefore(ex *parse.Example) *parse.CodeBlock {
	examples := map[*parse.CodeBlock]bool{}
	for _, e := range c.page.Examples {
		examples[e.Block] = true
	}
	for i := slices.Index(c.page.Code, ex.Block) - 1; i >= 0; i-- {
		cb := c.page.Code[i]
		if examples[cb] || !inExamples(cb.Section) {
			return nil
		}
		if cb.Annotation == nil {
			continue
		}
		if canonicalBlockType(cb.Annotation.BlockType) != "ignored" {
			return nil
		}
		if startsWithRequestLine(cb) {
			return cb
		}
	}
	return nil
}

func nameSuffix(n string) string {
	if n == "" {
		return ""
	}
	return strconv.Quote(n) + " "
}

func containsName(ex *parse.Example, name string) bool {
	if ex.Block.Annotation == nil {
		return false
	}
	for _, n := range ex.Block.Annotation.Names {
		if n == name {
			return true
		}
	}
	return false
}

// exampleName is a name of an example and where its annotation writes it.
type exampleName struct {
	name string
	span diag.Range
}

// exampleNames lists the names an example's annotation gives it.
func exampleNames(src *diag.Source, ex *parse.Example) []exampleName {
	a := ex.Block.Annotation
	if a == nil || a.Value == nil {
		return nil
	}
	v := a.Key("name")
	if v == nil {
		return nil
	}
	var out []exampleName
	add := func(e *parse.Value) {
		if e.Kind == parse.StringValue && e.Str != "" {
			out = append(out, exampleName{name: e.Str, span: src.Range(a.Offset+e.Off, a.Offset+e.End)})
		}
	}
	switch v.Kind {
	case parse.StringValue:
		add(v)
	case parse.ArrayValue:
		for _, e := range v.Elems {
			add(e)
		}
	}
	return out
}

// duplicateExampleNames reports example names used by more than one
// request (or more than one response) across all pages, at every use, each
// pointing at another: linting only the page that adds a use reports it,
// whichever page comes first. Pages are visited in path order, so the
// findings are stable.
func (l *linter) duplicateExampleNames() diag.List {
	r, _ := RuleByID("duplicate-example-name")
	type use struct {
		role string
		name exampleName
	}
	uses := map[string][]use{}
	var keys []string // in order of first use
	for _, p := range l.set.Pages {
		for _, ex := range p.Examples {
			for _, n := range exampleNames(p.Src, ex) {
				k := ex.Role + "\x00" + n.name
				if uses[k] == nil {
					keys = append(keys, k)
				}
				uses[k] = append(uses[k], use{ex.Role, n})
			}
		}
	}
	var out diag.List
	for _, k := range keys {
		us := uses[k]
		if len(us) < 2 {
			continue
		}
		for i, u := range us {
			other := us[0]
			if i == 0 {
				other = us[1]
			}
			out.Add(u.name.span, r.Severity, r.ID, "example name %q is also used by the %s at %s", u.name.name, u.role, other.name.span.Pos())
		}
	}
	return out
}
