package odata

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
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
	// captures, unescaped, on the request (Request.PathValue).
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
// r for RequestFrom.
func (rt *Route[H]) serve(h H, w http.ResponseWriter, r *http.Request) {
	r = r.WithContext(context.WithValue(r.Context(), requestKey{}, r))
	var values []string
	if len(rt.Params) > 0 {
		values = make([]string, len(rt.Params))
		for i, name := range rt.Params {
			values[i] = r.PathValue(name)
		}
	}
	rt.Serve(h, w, r, values)
}

type requestKey struct{}

// RequestFrom returns the request a generated handler serves, from the
// context it passes to a Service method, or nil for any other context. A
// method reads what its parameters do not carry from it: query options
// ($select, $filter, $top, a delta token), headers, and, for an operation
// documented on several paths, which one was asked (Request.Pattern, or
// Request.URL for a route matched by expression). Its body has been read.
func RequestFrom(ctx context.Context) *http.Request {
	r, _ := ctx.Value(requestKey{}).(*http.Request)
	return r
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
// panic on what it generated. A path with an empty or dot segment
// ("/users//x", "/a/../b") is answered 404 with a Graph error, where
// ServeMux would redirect to its cleaned form with an HTML body.
func NewServeMux[H any](h H, routes []Route[H], paths []Path) http.Handler {
	mux := newServeMux(h, routes, paths)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !cleanPath(r.URL.Path) {
			NotFound().ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// cleanPath reports whether p has no empty, "." or ".." segment but for a
// trailing slash.
func cleanPath(p string) bool {
	for _, seg := range strings.Split(strings.TrimPrefix(strings.TrimSuffix(p, "/"), "/"), "/") {
		if seg == "" && p != "/" || seg == "." || seg == ".." {
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
		mux.HandleFunc(rt.Pattern, func(w http.ResponseWriter, r *http.Request) { rt.serve(h, w, r) })
	}
	for _, p := range paths {
		mux.Handle(p.Pattern, MethodNotAllowed(p.Allow...))
	}
	if len(rest) == 0 {
		mux.Handle("/", NotFound())
	} else {
		mux.Handle("/", NewRouter(h, rest))
	}
	return mux
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
	exprs  []*regexp.Regexp // parallel to routes
}

// NewRouter compiles the expressions of routes; it panics on one that does
// not compile, which the generator has ruled out.
func NewRouter[H any](h H, routes []Route[H]) *Router[H] {
	rt := &Router[H]{h: h, routes: routes, exprs: make([]*regexp.Regexp, len(routes))}
	compiled := map[string]*regexp.Regexp{}
	for i, r := range routes {
		re := compiled[r.Expr]
		if re == nil {
			re = regexp.MustCompile(r.Expr)
			compiled[r.Expr] = re
		}
		rt.exprs[i] = re
	}
	return rt
}

// ServeHTTP serves r with the first route matching its path and method.
func (rt *Router[H]) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := CanonicalPath(r.URL)
	var allow []string
	for i, route := range rt.routes {
		m := rt.exprs[i].FindStringSubmatch(path)
		if m == nil {
			continue
		}
		if route.Serve != nil && (route.Method == r.Method || route.Method == http.MethodGet && r.Method == http.MethodHead) {
			for j, name := range rt.exprs[i].SubexpNames() {
				if name != "" {
					r.SetPathValue(name, unescapeValue(m[j]))
				}
			}
			route.serve(rt.h, w, r)
			return
		}
		allow = append(allow, route.Allow...)
	}
	if len(allow) == 0 {
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
	if open < 0 || end < open || !strings.Contains(seg[open:end], ",") {
		return seg
	}
	var args []string
	quoted, from := false, open+1
	for i := open + 1; i <= end; i++ {
		switch {
		case seg[i] == '\'':
			quoted = !quoted
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
