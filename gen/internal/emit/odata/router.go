package odata

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"regexp"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
)

// Route is one operation a generated handler serves, on one path. H is the
// generated package's handler type, whose method Serve is.
//
// A route with a Pattern is registered on the http.ServeMux. A route whose
// path ServeMux cannot express (a parameter inside a segment, as in
// /reports/getEmailActivityCounts(period='{period_value}'), or a pattern
// that conflicts with another under ServeMux's precedence rules) has no
// Pattern: the Router behind the catch-all pattern "/" matches it by Expr.
type Route[H any] struct {
	// Pattern is the ServeMux pattern, such as "GET /users/{id}"; empty for
	// a route matched by Expr.
	Pattern string
	// Method is the HTTP method of a route matched by Expr. A route without
	// Method and Serve only says which methods its path allows.
	Method string
	// Expr is the regular expression a request path must match, as
	// CanonicalPath writes it, with a named group per path value, such as
	// `^/x\((?P<id>[^/]+)\)/cancel$`. The Router sets the path values it
	// captures, unescaped, on the request (Request.PathValue). A group
	// right after a single quote, as in `\(period='(?P<p>(?:[^'/]|'')*)'\)`,
	// captures an OData string literal's content: its doubled quotes are
	// undone, so "f(p='it''s')" gives p the value "it's". The generator
	// writes literal segments and function names within (?i:...), as Graph
	// matches them in any letter case.
	Expr string
	// Params are the names of the path values Serve receives, in order.
	Params []string
	// Allow lists every method documented on the path, for the Allow header
	// of a 405 answer.
	Allow []string
	// Serve serves the request, given the values of Params. The values
	// come as a slice rather than each read with Request.PathValue, which
	// the compiler would inline into every one of thousands of operations.
	Serve func(h H, w http.ResponseWriter, r *http.Request, values []string)
}

// serve calls rt.Serve with the path values of r, on a context that holds
// r for RequestFrom and the answer's header and links (see answer.go).
func (rt *Route[H]) serve(h H, w http.ResponseWriter, r *http.Request) {
	s := &served{header: http.Header{}}
	r = r.WithContext(context.WithValue(r.Context(), servedKey{}, s))
	s.r = r
	if pw, ok := w.(*panicWriter); ok {
		pw.served = s
	}
	var values []string
	if len(rt.Params) > 0 {
		values = make([]string, len(rt.Params))
		for i, name := range rt.Params {
			values[i] = r.PathValue(name)
		}
	}
	rt.Serve(h, w, r, values)
}

// Path is a method-less ServeMux pattern answering 405 Method Not Allowed,
// with Allow, to the methods no route serves on it.
type Path struct {
	Pattern string
	Allow   []string
}

// NewServeMux returns the http.Handler of a generated package: a ServeMux
// with the routes that have a Pattern and the paths, and behind its
// catch-all pattern "/" a Router with the other routes. The generator
// registers the same patterns in the same order, so NewServeMux does not
// panic on what it generated.
//
// A path with an empty or dot segment ("/users//x", "/a/../b") is answered
// 404 with a Graph error, where ServeMux would redirect to its cleaned form
// with an HTML body.
//
// Literal path segments match in any letter case, as on Graph, whose docs
// spell some of them several ways: the generator gives each literal one
// spelling across the routes, and a request segment that is a pattern's
// literal in other letter case ("/Users/delta") is respelled before the
// ServeMux matches it; Router expressions match literal text in any case
// themselves. The Service still gets the request as the client sent it:
// its URL, and path values in their own spelling, even one that happens to
// be spelled like a literal.
//
// A panic in a Service method (or anywhere below the handler) is recovered:
// it is logged with its stack through the standard log package, and the
// client gets a 500 Graph error, or, when part of the response has already
// been written, an aborted response (http.ErrAbortHandler, which is itself
// passed on as it is).
//
// NewServeMux panics when http.ServeMux uses its Go 1.21 patterns, which
// know no method or wildcard: the GODEBUG setting httpmuxgo121=1, the
// default in a module whose go.mod declares go 1.21 or earlier. Such a
// ServeMux would misroute every request rather than fail; declare go 1.22
// or later in go.mod.
func NewServeMux[H any](h H, routes []Route[H], paths []Path) http.Handler {
	requirePatterns()
	mux := newServeMux(h, routes, paths)
	lits := literalsOf(routes, paths)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := &panicWriter{ResponseWriter: w}
		defer rw.recover(r)
		if len(r.URL.EscapedPath()) > MaxPathBytes {
			WriteError(rw, http.StatusRequestURITooLong, "requestUriTooLong", fmt.Sprintf("the request path is longer than %d bytes", MaxPathBytes))
			return
		}
		if !cleanPath(r.URL.EscapedPath()) {
			NotFound().ServeHTTP(rw, r)
			return
		}
		if f := lits.fold(r.URL); f != nil {
			r = f.request(r)
		}
		mux.ServeHTTP(rw, r)
	})
}

// MaxPathBytes is the longest request path (as sent, escaped) served;
// a longer one is answered 414. The fallback routes try their regular
// expressions one after another, each scanning a segment to its end, so
// a path of a megabyte took a second to find no route.
const MaxPathBytes = 8 << 10

// muxProbe is a pattern only Go 1.22 ServeMux patterns match "/probe/x"
// with.
const muxProbe = "GET /probe/{x}"

// requirePatterns panics unless http.ServeMux matches methods and
// wildcards: with GODEBUG httpmuxgo121=1 it takes "GET /users/{id}" for a
// host name and a literal path, and no request would reach its route.
func requirePatterns() {
	mux := http.NewServeMux()
	mux.HandleFunc(muxProbe, func(http.ResponseWriter, *http.Request) {})
	_, pattern := mux.Handler(&http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/probe/x"}})
	if pattern != muxProbe {
		panic(legacyMuxMessage)
	}
}

const legacyMuxMessage = "odata: http.ServeMux has Go 1.21 patterns (GODEBUG httpmuxgo121=1), which know no method or wildcard, so every request would be misrouted: " +
	"declare go 1.22 or later in the go.mod of the main module (go 1.21 and earlier imply httpmuxgo121=1), and do not set httpmuxgo121=1"

// panicWriter is the ResponseWriter of a request being served, noting
// whether anything was written, so that a panic can still be answered
// with an error when nothing was.
type panicWriter struct {
	http.ResponseWriter
	wrote  bool
	served *served // the route's, once one serves the request
}

func (w *panicWriter) WriteHeader(status int) {
	w.wrote = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *panicWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Flush flushes the response, when the ResponseWriter can, which sends
// the status.
func (w *panicWriter) Flush() {
	if http.NewResponseController(w.ResponseWriter).Flush() == nil {
		w.wrote = true
	}
}

// Unwrap gives http.ResponseController the ResponseWriter.
func (w *panicWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// recover recovers a panic in serving r, deferred. net/http would recover
// it too, but by closing the connection without a response; a client of a
// Graph API expects an error body. http.ErrAbortHandler is the way to
// abort a response on purpose, and is passed on.
func (w *panicWriter) recover(r *http.Request) {
	v := recover()
	if v == nil {
		return
	}
	if v == http.ErrAbortHandler {
		panic(v)
	}
	log.Printf("odata: panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
	if w.wrote {
		// The status and part of the body are gone: only an aborted
		// response tells the client that it is not whole.
		panic(http.ErrAbortHandler)
	}
	WriteError(w.ResponseWriter, http.StatusInternalServerError, "internalServerError", internalMessage)
}

// cleanPath reports whether the escaped path p has no empty, "." or ".."
// segment but for a trailing slash. Segments are judged as sent: an escaped
// slash is part of its segment's value ("a%2F%2Fb" is the value "a//b", as
// ServeMux reads it), while "%2E%2E" is as much a ".." as ".." is.
func cleanPath(p string) bool {
	for _, seg := range strings.Split(strings.TrimPrefix(strings.TrimSuffix(p, "/"), "/"), "/") {
		if seg == "" && p != "/" {
			return false
		}
		if v, err := url.PathUnescape(seg); err == nil && (v == "." || v == "..") {
			return false
		}
	}
	return true
}

func newServeMux[H any](h H, routes []Route[H], paths []Path) *http.ServeMux {
	mux := http.NewServeMux()
	var rest []Route[H]
	for _, rt := range routes {
		if rt.Pattern == "" {
			rest = append(rest, rt)
			continue
		}
		handle(mux, h, rt)
	}
	for _, p := range paths {
		mux.Handle(p.Pattern, MethodNotAllowed(p.Allow...))
	}
	if len(rest) == 0 {
		mux.Handle("/", unfold(NotFound()))
	} else {
		mux.Handle("/", unfold(NewRouter(h, rest)))
	}
	return mux
}

// handle registers rt on mux. It is a function of its own so that the
// handler closes over its parameter rather than a loop variable: the
// module that compiles this package may declare a go version before 1.22,
// whose loops have one variable for all iterations.
func handle[H any](mux *http.ServeMux, h H, rt Route[H]) {
	at := wildcardSegments(rt.Pattern)
	mux.HandleFunc(rt.Pattern, func(w http.ResponseWriter, r *http.Request) {
		if f := foldedFrom(r); f != nil {
			// ServeMux matched the respelled path: the values are the
			// client's segments.
			r = f.restore(r)
			for name, i := range at {
				r.SetPathValue(name, f.segment(i))
			}
		}
		rt.serve(h, w, r)
	})
}

// wildcardSegments maps each single-segment wildcard of a ServeMux pattern
// to the index of its segment in the path split at '/' ("/a/{x}" has x at
// 2). A {rest...} wildcard, which the generator does not write, keeps the
// value ServeMux gives it.
func wildcardSegments(pattern string) map[string]int {
	_, p, _ := strings.Cut(pattern, "/")
	at := map[string]int{}
	for i, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") && seg != "{$}" && !strings.HasSuffix(seg, "...}") {
			at[seg[1:len(seg)-1]] = i + 1
		}
	}
	return at
}

// literals maps the key (literalKey) of each literal segment of the
// ServeMux patterns to its spelling there; a key spelled two ways, which
// the generator rules out, maps to "" and is left alone.
type literals map[string]string

// literalKey is the key of a path segment that is the same for every
// letter case of the function name or literal it starts with: the text up
// to the first '(' in lower case, then the rest as it is ("Delta()" and
// "delta()" both have "delta()").
func literalKey(seg string) string {
	name, rest := seg, ""
	if i := strings.IndexByte(seg, '('); i >= 0 {
		name, rest = seg[:i], seg[i:]
	}
	return strings.ToLower(name) + rest
}

// literalsOf collects the literal segments of the patterns of routes and
// paths.
func literalsOf[H any](routes []Route[H], paths []Path) literals {
	lits := literals{}
	add := func(pattern string) {
		if pattern == "" {
			return
		}
		_, p, _ := strings.Cut(pattern, "/")
		for _, seg := range strings.Split(p, "/") {
			if strings.HasPrefix(seg, "{") || seg == "" {
				continue
			}
			// ServeMux unescapes a pattern's literal segments.
			if u, err := url.PathUnescape(seg); err == nil {
				seg = u
			}
			k := literalKey(seg)
			if prev, ok := lits[k]; ok && prev != seg {
				seg = ""
			}
			lits[k] = seg
		}
	}
	for _, rt := range routes {
		add(rt.Pattern)
	}
	for _, p := range paths {
		add(p.Pattern)
	}
	return lits
}

// folded is a request whose path has segments respelled for the ServeMux.
type folded struct {
	client *url.URL // the URL the client sent
	segs   []string // its escaped path split at '/'
	path   string   // the escaped path respelled
}

type foldedKey struct{}

// fold respells each segment of u's path that is a literal in other
// letter case, and drops a trailing slash ("/users/" is "/users"); it
// returns nil when there is nothing to change.
func (lits literals) fold(u *url.URL) *folded {
	segs := strings.Split(u.EscapedPath(), "/")
	end := len(segs)
	if end > 2 && segs[end-1] == "" {
		end--
	}
	out := segs[:end:end]
	copied := false
	for i, s := range out {
		text := s
		if strings.Contains(s, "%") {
			var err error
			if text, err = url.PathUnescape(s); err != nil {
				return nil
			}
		}
		want := lits[literalKey(text)]
		if text == "/" {
			// A value that is one escaped slash: ServeMux matches no
			// wildcard to it (it reads it as the trailing slash), but does
			// to two. handle gives the client's segment back.
			want = "//"
		}
		if want == "" || want == text {
			continue
		}
		if !copied {
			out, copied = append([]string(nil), out...), true
		}
		out[i] = url.PathEscape(want)
	}
	if !copied && end == len(segs) {
		return nil
	}
	return &folded{client: u, segs: segs, path: strings.Join(out, "/")}
}

// request is r with the respelled path, in Path and RawPath alike, and f
// in its context.
func (f *folded) request(r *http.Request) *http.Request {
	r = r.WithContext(context.WithValue(r.Context(), foldedKey{}, f))
	u := *f.client
	u.Path, _ = url.PathUnescape(f.path) // each segment unescaped in fold
	u.RawPath = ""
	if u.EscapedPath() != f.path {
		u.RawPath = f.path
	}
	r.URL = &u
	return r
}

// foldedFrom returns the folded of a request that request made.
func foldedFrom(r *http.Request) *folded {
	f, _ := r.Context().Value(foldedKey{}).(*folded)
	return f
}

// restore returns r with the client's URL.
func (f *folded) restore(r *http.Request) *http.Request {
	r = r.WithContext(r.Context()) // a copy, r being ServeMux's
	r.URL = f.client
	return r
}

// segment is the i-th segment of the client's path, unescaped as ServeMux
// unescapes a wildcard's value.
func (f *folded) segment(i int) string {
	if i >= len(f.segs) {
		return ""
	}
	s, err := url.PathUnescape(f.segs[i])
	if err != nil {
		return f.segs[i]
	}
	return s
}

// unfold hands next the request with the client's URL: the Router matches
// literal text in any case itself, and its path values must be the
// client's.
func unfold(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f := foldedFrom(r); f != nil {
			r = f.restore(r)
		}
		next.ServeHTTP(w, r)
	})
}

// Router matches requests against routes by regular expression, in order,
// so the generator puts the most specific first: the first route that
// matches the path and the method serves the request, with the captured
// path values set; a path that routes match only with other methods is
// answered with 405 and an Allow header; anything else with 404. GET routes
// serve HEAD too, as on a ServeMux.
type Router[H any] struct {
	h      H
	routes []Route[H]
	exprs  []*routeExpr // parallel to routes
}

// routeExpr is a compiled Route.Expr.
type routeExpr struct {
	re *regexp.Regexp
	// quoted is, per group of re, whether it captures an OData string
	// between single quotes, whose doubled quotes are undone.
	quoted []bool
	// argument is, per group of re, whether it captures a function
	// argument the docs write without quotes: a client may still send a
	// string literal there ('x'), which is the string x.
	argument []bool
}

// NewRouter compiles the expressions of routes; it panics on one that does
// not compile, which the generator has ruled out.
func NewRouter[H any](h H, routes []Route[H]) *Router[H] {
	rt := &Router[H]{h: h, routes: routes, exprs: make([]*routeExpr, len(routes))}
	compiled := map[string]*routeExpr{}
	for i, r := range routes {
		e := compiled[r.Expr]
		if e == nil {
			e = &routeExpr{re: regexp.MustCompile(r.Expr)}
			for _, name := range e.re.SubexpNames() {
				e.quoted = append(e.quoted, name != "" && strings.Contains(r.Expr, "'(?P<"+name+">"))
				e.argument = append(e.argument, name != "" && strings.Contains(r.Expr, "(?P<"+name+">(?:[^'/,()]|'"))
			}
			compiled[r.Expr] = e
		}
		rt.exprs[i] = e
	}
	return rt
}

// ServeHTTP serves r with the first route matching its path and method.
func (rt *Router[H]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := CanonicalPath(r.URL)
	if len(path) > 1 && strings.HasSuffix(path, "/") {
		path = path[:len(path)-1] // a trailing slash is no part of the path
	}
	var allow []string
	for i, route := range rt.routes {
		e := rt.exprs[i]
		m := e.re.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		if route.Serve != nil && (route.Method == r.Method || route.Method == http.MethodGet && r.Method == http.MethodHead) {
			for j, name := range e.re.SubexpNames() {
				if name == "" {
					continue
				}
				v := unescapeValue(m[j])
				if e.quoted[j] {
					v = strings.ReplaceAll(v, "''", "'")
				} else if s, ok := stringLiteral(v); ok && e.argument[j] {
					v = s
				}
				r.SetPathValue(name, v)
			}
			route.serve(rt.h, w, r)
			return
		}
		allow = append(allow, route.Allow...)
	}
	if len(allow) == 0 || slices.Contains(allow, r.Method) || r.Method == http.MethodHead && slices.Contains(allow, http.MethodGet) {
		// No route has the path; or one allows the method, but its
		// handler, on the ServeMux, did not take the request: 405 naming
		// the method as allowed would contradict itself.
		NotFound().ServeHTTP(w, r)
		return
	}
	sort.Strings(allow)
	uniq := allow[:1]
	for _, m := range allow[1:] {
		if m != uniq[len(uniq)-1] {
			uniq = append(uniq, m)
		}
	}
	MethodNotAllowed(uniq...).ServeHTTP(w, r)
}

// CanonicalPath is the form of a request path that route expressions
// match: each segment unescaped, as ServeMux matches segments, the
// arguments of a function call sorted by name (SortCallArguments), and then
// '%' and '/' within a segment written %25 and %2F so that segment
// boundaries stay where the client put them. "/a/b%2Fc/d%20e" becomes
// "/a/b%2Fc/d e".
func CanonicalPath(u *url.URL) string {
	segs := strings.Split(u.EscapedPath(), "/")
	for i, s := range segs {
		segs[i] = CanonicalSegment(s)
	}
	return strings.Join(segs, "/")
}

// CanonicalSegment is CanonicalPath for one escaped segment.
func CanonicalSegment(s string) string {
	if !strings.Contains(s, "%") {
		return SortCallArguments(s)
	}
	u, err := url.PathUnescape(s)
	if err != nil {
		u = s
	}
	return escapeSegment.Replace(SortCallArguments(u))
}

var (
	escapeSegment   = strings.NewReplacer("%", "%25", "/", "%2F")
	unescapeSegment = strings.NewReplacer("%2F", "/", "%25", "%")
)

// unescapeValue turns a value captured from a canonical path back into the
// unescaped text.
func unescapeValue(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	return unescapeSegment.Replace(s)
}

// stringLiteral returns the string an OData string literal writes (between
// single quotes, a quote in it doubled), and whether v is one.
func stringLiteral(v string) (string, bool) {
	if len(v) < 2 || v[0] != '\'' || v[len(v)-1] != '\'' {
		return "", false
	}
	inner := v[1 : len(v)-1]
	if strings.Count(inner, "'") != 2*strings.Count(inner, "''") {
		return "", false // a lone quote inside: not one literal
	}
	return strings.ReplaceAll(inner, "''", "'"), true
}

// SortCallArguments returns seg, an unescaped path segment, with the
// arguments of the OData function call in it sorted by name, so that
// f(b=2,a=1) and f(a=1, b=2) reach the one route: OData names a function's
// arguments, and their order is the client's choice. Commas inside
// single-quoted values ('a,b', a quote in them doubled) are the value's. A
// segment that is not a call of two or more named arguments is returned as
// it is.
func SortCallArguments(seg string) string {
	open := strings.IndexByte(seg, '(')
	end := strings.LastIndexByte(seg, ')')
	if open <= 0 || end != len(seg)-1 || !strings.Contains(seg[open:end], ",") {
		return seg
	}
	for _, c := range seg[:open] {
		// A call is a name and its arguments: "report(b=1,a=2).txt" or
		// "a b(c=1,d=2)" is a value, as a path-addressed file name.
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.') {
			return seg
		}
	}
	var args []string
	quoted, from := false, open+1
	for i := open + 1; i <= end; i++ {
		switch {
		case seg[i] == '\'':
			quoted = !quoted
		case !quoted && i < end && (seg[i] == '(' || seg[i] == '['):
			return seg // a nested value, f(c=(x=1,a=2)): its commas are not ours to split
		case !quoted && (seg[i] == ',' || i == end):
			args = append(args, seg[from:i])
			from = i + 1
		}
	}
	if quoted || len(args) < 2 {
		return seg
	}
	name := func(arg string) string {
		n, _, _ := strings.Cut(arg, "=")
		return strings.TrimSpace(n)
	}
	for _, a := range args {
		if !strings.Contains(a, "=") || name(a) == "" {
			return seg // a positional argument, such as a key: f('a','b')
		}
	}
	if slices.IsSortedFunc(args, func(a, b string) int { return strings.Compare(name(a), name(b)) }) {
		return seg
	}
	slices.SortStableFunc(args, func(a, b string) int { return strings.Compare(name(a), name(b)) })
	return seg[:open+1] + strings.Join(args, ",") + seg[end:]
}
