package emit

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/emit/odata"
	"gen/gen/internal/ir"
	"gen/gen/internal/naming"
	"gen/gen/internal/parse"
)

// Routing.
//
// Every operation is served on every documented path, with this design,
// worked out here at generation time so that the generated handler can
// never panic at startup:
//
//  1. Each path is split into segments of literal text and {parameters}. A
//     path is written as a ServeMux pattern when every parameter is a whole
//     segment: "/users/{user-id}/photo" becomes "GET /users/{userID}/photo".
//     Graph matches literal segments and function names in any letter case,
//     and the docs spell some several ways (/calendarGroups and
//     /calendargroups): each is written in one spelling across the package
//     (spellings), and at run time NewServeMux respells a request's
//     segments to match, while fallback expressions match them in any case.
//  2. Operations that document the same method on the same path, but for
//     the names of its parameters and the letter case of its literals,
//     cannot all be served: one serves it, by the rule of servesFirst, and
//     the others are reported (Options.Warn) and say so in their doc
//     comment.
//  3. The patterns are registered, most literal characters first, in a
//     scratch http.ServeMux: every route's, then every path's method-less
//     pattern answering 405, so that a 405 pattern never pushes an
//     operation off the ServeMux. A route ServeMux rejects (an invalid
//     pattern, or one that conflicts with another) goes to the fallback
//     Router instead, with every path whose parameters are not whole
//     segments (/reports/getEmailActivityCounts(period='{period_value}'),
//     /x({id})/cancel, /drive/root:/{path}:/content); a rejected 405
//     pattern leaves the 405 answer of its path to the fallback.
//  4. The fallback Router, behind ServeMux's catch-all "/", matches a
//     regular expression per route, most literal characters first. A
//     ServeMux pattern that would take a request meant for a fallback route
//     (a wildcard where the fallback route has literal text) is moved to
//     the fallback too, until none does, so the more specific route wins
//     as it would on a ServeMux.
//
// The generated handler is odata.NewServeMux over the resulting table, the
// same code the generator runs to check it and to route the examples.

// pathPart is a piece of one segment of a documented path: literal text or
// a parameter.
type pathPart struct {
	lit   string
	param string // doc name of the parameter; empty for literal text
	slot  int    // index of the parameter in opSig.params
	multi bool   // a path-addressing parameter (root:/{path}:) that may span segments
}

// splitPath splits a documented path into its segments and their parts. A
// query or fragment is dropped, and a trailing slash. Braces that do not
// enclose a name within one segment are literal text.
func splitPath(p string) [][]pathPart {
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	p = "/" + strings.TrimLeft(p, "/")
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
	}
	raw := strings.Split(p[1:], "/")
	segs := make([][]pathPart, len(raw))
	for i, s := range raw {
		var parts []pathPart
		addLit := func(t string) {
			if t == "" {
				return
			}
			if n := len(parts); n > 0 && parts[n-1].param == "" {
				parts[n-1].lit += t
				return
			}
			parts = append(parts, pathPart{lit: t})
		}
		for s != "" {
			open := strings.IndexByte(s, '{')
			if open < 0 {
				addLit(s)
				break
			}
			end := strings.IndexByte(s[open+1:], '}')
			next := strings.IndexByte(s[open+1:], '{')
			if end <= 0 || next >= 0 && next < end {
				// "{}", an unclosed brace or "{a{b}": the brace is text.
				addLit(s[:open+1])
				s = s[open+1:]
				continue
			}
			addLit(s[:open])
			parts = append(parts, pathPart{param: s[open+1 : open+1+end]})
			s = s[open+2+end:]
		}
		if len(parts) == 0 {
			parts = []pathPart{{lit: ""}}
		}
		if i > 0 && parts[0].param != "" {
			prev := segs[i-1]
			if last := prev[len(prev)-1]; last.param == "" && strings.HasSuffix(last.lit, ":") {
				parts[0].multi = true
			}
		}
		segs[i] = parts
	}
	return segs
}

// route is one operation served on one documented path.
type route struct {
	sig      *opSig
	group    *routeGroup
	method   string
	doc      string // the documented path
	segs     [][]pathPart
	shape    string // the path with every parameter written {} (or {...})
	muxPath  string // the ServeMux path; empty when ServeMux cannot express it
	expr     string // the fallback's regular expression
	literals int    // literal characters, for ordering
	fallback bool
	why      string // why the route is on the fallback
	// dispatch are the other operations documenting the same method and
	// path, each for a body of its own type: dispatchName picks one by the
	// body's @odata.type (see dispatchable), dispatchDefault when it names
	// none of their types.
	dispatch        []*opSig
	dispatchName    string
	dispatchDefault *opSig
}

func (r *route) pattern() string { return r.method + " " + r.muxPath }

// handlerFunc is the handler method that serves r.
func (r *route) handlerFunc() string {
	if r.dispatchName != "" {
		return r.dispatchName
	}
	return handlerName(r.sig.op)
}

// sharing is the operations a dispatching route chooses between, its own
// first.
func (r *route) sharing() []*opSig { return append([]*opSig{r.sig}, r.dispatch...) }

// mostGeneral is the operation whose body type is every other's or a base
// of it: where a dispatching route sends a body naming none of their types.
// nil when none is (sibling types, Intune's iOS and Windows configurations):
// such a body is refused, as nothing tells which operation it is for.
func mostGeneral(sigs []*opSig) *opSig {
	for _, s := range sigs {
		all := true
		for _, o := range sigs {
			all = all && derivesFrom(o.body.t, s.body.t)
		}
		if all {
			return s
		}
	}
	return nil
}

// servedBy is the operation r's handler hands a request with body to, as
// the generated dispatch does (genDispatch): r's own where r does not
// dispatch; else the one whose type the body's @odata.type names, or for a
// body naming none of theirs (no type, another type, no JSON) the default,
// nil where r has none and refuses the body.
func (r *route) servedBy(body string) *opSig {
	if len(r.dispatch) == 0 {
		return r.sig
	}
	if name, _ := odata.ODataType([]byte(body)); name != "" {
		for _, x := range r.sharing() {
			if x != r.dispatchDefault && name == x.body.name {
				return x
			}
		}
	}
	return r.dispatchDefault
}

// takesOneValue reports whether s's body is one value of an entity or
// complex type, which a dispatching route can hand it by its @odata.type
// (a table's struct has a name no client sends).
func (s *opSig) takesOneValue() bool {
	return s.body != nil && !s.body.collection && s.body.isStruct() && !s.body.table
}

// dispatchable reports whether s can share r, r's handler picking between
// them by the @odata.type of the body: each takes one value of an entity or
// complex type, all of them different (Intune's create pages, one per
// derived type, on one collection), and the same path values.
func (r *route) dispatchable(s *opSig, sr *route) bool {
	if !r.sig.takesOneValue() || !s.takesOneValue() || len(r.sig.params) != len(s.params) {
		return false
	}
	// The handler hands s the path values as r's operation takes them:
	// the path's placeholders must fill the same parameters of both, by
	// whatever names the pages give them ({key}, {officeClientConfigurationId}).
	if len(r.segs) != len(sr.segs) {
		return false
	}
	for i := range r.segs {
		if len(r.segs[i]) != len(sr.segs[i]) {
			return false
		}
		for j := range r.segs[i] {
			a, b := r.segs[i][j], sr.segs[i][j]
			if (a.param == "") != (b.param == "") || a.param != "" && a.slot != b.slot {
				return false
			}
		}
	}
	for _, x := range r.sharing() {
		if strings.EqualFold(x.body.name, s.body.name) {
			return false
		}
	}
	return true
}

// routeGroup is the routes of one path shape, sorted by method.
type routeGroup struct {
	shape       string
	muxPath     string
	expr        string
	literals    int
	routes      []*route
	fallback405 bool // the 405 answer comes from the fallback
}

// probeMethod is a method no route serves, to find the method-less
// patterns a request reaches.
const probeMethod = "PROBE"

func (g *routeGroup) hasFallback() bool {
	for _, r := range g.routes {
		if r.fallback {
			return true
		}
	}
	return false
}

func (g *routeGroup) allow() []string {
	var ms []string
	for _, r := range g.routes {
		ms = append(ms, r.method)
	}
	return ms
}

// shadowed is a documented (method, path) of an operation that another
// operation serves.
type shadowed struct {
	sig    *opSig
	method string
	doc    string
	by     *opSig
	key    string // method and shape of the path
}

// routing is the routing table of one package.
type routing struct {
	groups   []*routeGroup // most literal characters first
	mux      []*route      // routes on the ServeMux, sorted by path and method
	paths    []*routeGroup // groups with a 405 pattern on the ServeMux, sorted by path
	fallback []*route      // routes on the fallback, in match order
	shadowed []shadowed
}

// newRoute builds the route of s on its i-th path, its literal segments and
// function names spelled as spell says (see spellings).
func newRoute(s *opSig, i int, spell map[string]string) *route {
	segs := respell(s.paths[i], spell)
	r := &route{sig: s, method: strings.ToUpper(s.op.Method), doc: s.op.Paths[i], segs: segs}
	var shape, mux strings.Builder
	expr := &foldExpr{}
	expr.b.WriteString("^")
	whole, why := true, "a parameter is not a whole path segment"
	for si, seg := range segs {
		shape.WriteByte('/')
		mux.WriteByte('/')
		expr.either("/")
		r.literals++
		if len(seg) != 1 || seg[0].multi || seg[0].param == "" && strings.ContainsAny(seg[0].lit, "{}") {
			whole = false
		}
		call := false // an OData function segment, f(a=1,b=2)
		for _, p := range seg {
			call = call || p.param == "" && strings.Contains(p.lit, "(")
		}
		for _, p := range seg {
			if call && strings.Contains(p.lit, "=") && whole {
				// Named arguments, which a client may space and order as it
				// likes: only the fallback's expression allows for that.
				whole, why = false, "a function's arguments may come in any order and spacing"
			}
		}
		name, _ := segmentName(seg)
		for j, p := range seg {
			if p.param == "" {
				shape.WriteString(p.lit)
				mux.WriteString(p.lit)
				lit := p.lit
				if j == 0 && name != "" {
					// Graph matches a literal segment or function name in
					// any letter case.
					expr.write(regexp.QuoteMeta(canonicalLiteral(name)), true)
					lit = lit[len(name):]
				}
				if call {
					expr.write(callLiteralExpr(canonicalLiteral(lit)), false)
				} else {
					expr.write(regexp.QuoteMeta(canonicalLiteral(lit)), false)
				}
				r.literals += len(p.lit)
				continue
			}
			wc := s.params[p.slot].wildcard
			mux.WriteString("{" + wc + "}")
			switch {
			case p.multi:
				// An item path runs up to the colon that ends it, never
				// past it: /root:/a/b.txt:/content is the content route's,
				// not an item named "a/b.txt:/content". Ending the path,
				// its closing colon may be written or not.
				shape.WriteString("{...}")
				expr.write("(?P<"+wc+">[^:]+)", false)
				if si == len(segs)-1 && j == len(seg)-1 {
					expr.write(":?", false)
				}
			case call && quotedPart(seg, j):
				// An OData string: up to its closing quote, a doubled
				// quote being part of it (odata.Route.Expr).
				shape.WriteString("{}")
				expr.write("(?P<"+wc+">"+quotedValueExpr+")", false)
			case call:
				// Up to the ',' or ')' after it, and lazy, so that the
				// spaces before them are the literal's, not the value's.
				shape.WriteString("{}")
				expr.write("(?P<"+wc+">"+argumentValueExpr+")", false)
			default:
				shape.WriteString("{}")
				expr.write("(?P<"+wc+">[^/]+)", false)
			}
		}
	}
	expr.write("$", false)
	r.shape, r.expr = shape.String(), expr.b.String()
	if whole {
		r.muxPath = mux.String()
		if r.muxPath == "/" {
			r.muxPath = "/{$}"
		}
	} else {
		r.fallback, r.why = true, why
	}
	return r
}

const (
	// quotedValueExpr matches the content of an OData string literal in a
	// function's arguments: no quote but a doubled one.
	quotedValueExpr = `(?:[^'/]|'')*`
	// argumentValueExpr matches an argument's value written without
	// quotes in the docs: it ends at a ',' or a parenthesis, but for one
	// inside a string literal the client may write there, such as
	// column='2,3'.
	argumentValueExpr = `(?:[^'/,()]|'` + quotedValueExpr + `')+?`
)

// quotedPart reports whether the j-th part of seg, a parameter, is
// written between single quotes: '{period_value}'.
func quotedPart(seg []pathPart, j int) bool {
	return j > 0 && j+1 < len(seg) && seg[j-1].param == "" && seg[j+1].param == "" &&
		strings.HasSuffix(seg[j-1].lit, "'") && strings.HasPrefix(seg[j+1].lit, "'")
}

// foldExpr builds a route's expression, writing the runs of text that
// match in any letter case within one (?i:...).
type foldExpr struct {
	b       strings.Builder
	fold    bool   // within (?i:
	pending string // text with no letter, written with what follows
}

// either writes s, which has no letter, within (?i:...) or not.
func (e *foldExpr) either(s string) { e.pending += s }

func (e *foldExpr) write(s string, fold bool) {
	if s == "" {
		return
	}
	if fold != e.fold {
		if fold {
			e.b.WriteString("(?i:")
		} else {
			e.b.WriteString(")")
		}
		e.fold = fold
	}
	e.b.WriteString(e.pending)
	e.b.WriteString(s)
	e.pending = ""
}

// segmentName is the text of seg that Graph matches in any letter case:
// the whole of a literal segment, or the name before the '(' of a function
// segment ("getEmailActivityCounts" in
// "getEmailActivityCounts(period='{period_value}')"). ok is false for a
// segment with neither, such as "{item-path}:".
func segmentName(seg []pathPart) (name string, ok bool) {
	if len(seg) == 0 || seg[0].param != "" {
		return "", false
	}
	lit := seg[0].lit
	if i := strings.IndexByte(lit, '('); i >= 0 {
		name = strings.TrimRight(lit[:i], " ")
	} else if len(seg) == 1 {
		name = lit
	}
	return name, name != ""
}

// spellings gives each literal segment and function name of the package's
// paths (segmentName) one spelling per letter-case class, keyed by its
// lower case: the docs spell some several ways (/oAuth2Permissiongrants
// and /oauth2PermissionGrants), and Graph takes any. The spelling is the
// one most paths use, the first in byte order on a tie, so the choice does
// not depend on the order of the pages.
func spellings(sigs []*opSig) map[string]string {
	count := map[string]map[string]int{}
	for _, s := range sigs {
		for _, segs := range s.paths {
			for _, seg := range segs {
				name, ok := segmentName(seg)
				if !ok {
					continue
				}
				k := strings.ToLower(name)
				if count[k] == nil {
					count[k] = map[string]int{}
				}
				count[k][name]++
			}
		}
	}
	spell := map[string]string{}
	for k, names := range count {
		best := ""
		for n, c := range names {
			if best == "" || c > names[best] || c == names[best] && n < best {
				best = n
			}
		}
		spell[k] = best
	}
	return spell
}

// respell returns segs with each literal segment and function name spelled
// as spell says; segs, which other emitters share, is not changed.
func respell(segs [][]pathPart, spell map[string]string) [][]pathPart {
	var out [][]pathPart
	for i, seg := range segs {
		name, ok := segmentName(seg)
		if !ok {
			continue
		}
		want := spell[strings.ToLower(name)]
		if want == "" || want == name {
			continue
		}
		if out == nil {
			out = append([][]pathPart(nil), segs...)
		}
		out[i] = append([]pathPart(nil), seg...)
		out[i][0].lit = want + seg[0].lit[len(name):]
	}
	if out == nil {
		return segs
	}
	return out
}

// sortCallArguments puts the arguments of a function segment in the order
// odata.CanonicalPath puts a request's, by name, once the parameters have
// their slots: "f(b={x},a=1)" is routed as "f(a=1,b={x})".
func sortCallArguments(seg []pathPart) []pathPart {
	// The segment as text, each parameter a NUL and its index (a byte
	// below ' ', so that SortCallArguments never takes it for a quote, a
	// parenthesis, a comma or '='), which moves with the argument it is in.
	if len(seg) >= ' ' {
		return seg // more parts than any function segment has
	}
	var b strings.Builder
	for i, p := range seg {
		if strings.IndexByte(p.lit, 0) >= 0 {
			return seg
		}
		if p.param == "" {
			b.WriteString(p.lit)
		} else {
			b.WriteByte(0)
			b.WriteByte(byte(i + 1))
		}
	}
	text := b.String()
	sorted := odata.SortCallArguments(text)
	if sorted == text {
		return seg
	}
	var out []pathPart
	for sorted != "" {
		i := strings.IndexByte(sorted, 0)
		if i < 0 {
			out = append(out, pathPart{lit: sorted})
			break
		}
		if i > 0 {
			out = append(out, pathPart{lit: sorted[:i]})
		}
		out = append(out, seg[sorted[i+1]-1])
		sorted = sorted[i+2:]
	}
	return out
}

// callLiteralExpr matches the literal text of a function segment with
// whatever spaces a client puts around its parentheses, commas and equals
// signs: "resizedRange(deltaRows={n}, deltaColumns={n})" as documented
// serves "resizedRange(deltaRows=1,deltaColumns=2)".
func callLiteralExpr(lit string) string {
	var b strings.Builder
	for i, c := range lit {
		switch c {
		case ' ':
			// Spaces next to a delimiter are the \s* around it; others,
			// inside a quoted value, are the value's.
			prev := strings.TrimRight(lit[:i], " ")
			next := strings.TrimLeft(lit[i:], " ")
			if prev == "" || next == "" || strings.ContainsAny(prev[len(prev)-1:], "(,=)") || strings.ContainsAny(next[:1], "(,=)") {
				continue
			}
			b.WriteString(" ")
		case '(', ',', '=':
			b.WriteString(`\s*` + regexp.QuoteMeta(string(c)) + `\s*`)
		case ')':
			b.WriteString(`\s*\)`)
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}

// canonicalLiteral is literal path text as odata.CanonicalPath writes a
// request path (the runtime's own function, so the two cannot drift):
// unescaped like a ServeMux pattern, with '%' escaped.
func canonicalLiteral(lit string) string { return odata.CanonicalSegment(lit) }

// routes works out the routing table of pkg once; see the comment at the
// top of this file.
func (g *generator) routes(pkg *pkgInfo) (*routing, error) {
	if pkg.routing != nil {
		return pkg.routing, nil
	}
	rt := &routing{}
	dispatches := map[*opSig]int{} // dispatching routes per operation, for their names
	ops := append([]*ir.Operation(nil), pkg.ops...)
	sort.SliceStable(ops, func(i, j int) bool { return servesFirst(ops[i], ops[j]) })
	byKey := map[string]*route{}
	byShape := map[string]*routeGroup{}
	sigs := make([]*opSig, len(ops))
	for i, o := range ops {
		s, err := g.sig(o)
		if err != nil {
			return nil, err
		}
		sigs[i] = s
	}
	spell := spellings(sigs)
	for _, s := range sigs {
		o := s.op
		if !parse.IsToken(strings.ToUpper(o.Method)) { // an HTTP method is a token
			g.warnRule(o.Pos, "unrouted-path", fmt.Sprintf("operation %s is not served: %q is not an HTTP method", o.Name, o.Method))
			continue
		}
		for i := range o.Paths {
			r := newRoute(s, i, spell)
			key := r.method + " " + r.shape
			if prev := byKey[key]; prev != nil {
				switch {
				case prev.sig == s:
				case prev.dispatchable(s, r):
					if prev.dispatch == nil {
						dispatches[prev.sig]++
						prev.dispatchName = "dispatch" + prev.sig.op.Name
						if n := dispatches[prev.sig]; n > 1 {
							prev.dispatchName += fmt.Sprint(n)
						}
					}
					prev.dispatch = append(prev.dispatch, s)
					prev.dispatchDefault = mostGeneral(prev.sharing())
				case prev.dispatch == nil && closerTo(s.op, prev.sig.op, r.doc):
					// The page this path belongs to serves it (the
					// message's attachments, not the event message's),
					// whichever serves the operations' other paths.
					rt.shadowed = append(rt.shadowed, shadowed{sig: prev.sig, method: prev.method, doc: prev.doc, by: s, key: key})
					for i := range rt.shadowed {
						if rt.shadowed[i].key == key {
							rt.shadowed[i].by = s
						}
					}
					r.group = prev.group
					r.group.routes[slices.Index(r.group.routes, prev)] = r
					byKey[key] = r
				default:
					rt.shadowed = append(rt.shadowed, shadowed{sig: s, method: r.method, doc: r.doc, by: prev.sig, key: key})
				}
				continue
			}
			byKey[key] = r
			grp := byShape[r.shape]
			if grp == nil {
				grp = &routeGroup{shape: r.shape, muxPath: r.muxPath, expr: r.expr, literals: r.literals}
				byShape[r.shape] = grp
				rt.groups = append(rt.groups, grp)
			}
			r.group = grp
			grp.routes = append(grp.routes, r)
		}
	}
	sort.Slice(rt.groups, func(i, j int) bool {
		a, b := rt.groups[i], rt.groups[j]
		if a.literals != b.literals {
			return a.literals > b.literals
		}
		return a.shape < b.shape
	})
	for _, grp := range rt.groups {
		sort.Slice(grp.routes, func(i, j int) bool { return grp.routes[i].method < grp.routes[j].method })
	}

	// Register in a scratch ServeMux what it accepts.
	mux := http.NewServeMux()
	for _, grp := range rt.groups {
		for _, r := range grp.routes {
			if r.fallback {
				continue
			}
			if err := tryHandle(mux, r.pattern()); err != nil {
				r.fallback, r.why = true, firstLine(err.Error())
			}
		}
	}
	for _, grp := range rt.groups {
		if grp.muxPath == "" || grp.hasFallback() || tryHandle(mux, grp.muxPath) != nil {
			grp.fallback405 = true
		}
	}
	// Move to the fallback what would take its requests, until nothing does:
	// a fallback route's sample request must not match a ServeMux pattern,
	// nor a request with a method no route serves (probeMethod) on a path
	// whose 405 answer is the fallback's.
	for {
		mux, owners := rt.scratchMux()
		moved := false
		check := func(r *route, method string) error {
			req, err := sampleRequest(r, method)
			if err != nil {
				return fmt.Errorf("emit: %s: operation %s: path %q: %v", r.sig.op.Pos, r.sig.op.Name, r.doc, err)
			}
			if !isClean(req.URL.Path) {
				return nil // ServeMux redirects it before any pattern matches
			}
			_, pattern := mux.Handler(req)
			o, ok := owners[pattern]
			if !ok {
				return nil
			}
			moved = true
			if o.r != nil {
				o.r.fallback, o.r.why = true, fmt.Sprintf("%s would take the requests of %s %s", o.r.pattern(), r.method, r.doc)
			}
			o.grp.fallback405 = true
			return nil
		}
		for _, grp := range rt.groups {
			if grp.fallback405 {
				if err := check(grp.routes[0], probeMethod); err != nil {
					return nil, err
				}
			}
			for _, r := range grp.routes {
				if r.fallback {
					if err := check(r, r.method); err != nil {
						return nil, err
					}
				}
			}
		}
		if !moved {
			break
		}
	}
	for _, grp := range rt.groups {
		for _, r := range grp.routes {
			if r.fallback {
				rt.fallback = append(rt.fallback, r)
			} else {
				rt.mux = append(rt.mux, r)
			}
		}
		if !grp.fallback405 {
			rt.paths = append(rt.paths, grp)
		}
	}
	sort.SliceStable(rt.mux, func(i, j int) bool {
		if rt.mux[i].muxPath != rt.mux[j].muxPath {
			return rt.mux[i].muxPath < rt.mux[j].muxPath
		}
		return rt.mux[i].method < rt.mux[j].method
	})
	sort.SliceStable(rt.paths, func(i, j int) bool { return rt.paths[i].muxPath < rt.paths[j].muxPath })
	for _, r := range rt.fallback {
		if _, err := regexp.Compile(r.expr); err != nil {
			return nil, fmt.Errorf("emit: %s: operation %s: path %q: %v", r.sig.op.Pos, r.sig.op.Name, r.doc, err)
		}
	}
	// The generated handler must not panic: build it as it will be built.
	if _, err := rt.newSimulator(); err != nil {
		return nil, fmt.Errorf("emit: package %s: the routing table does not register: %v", pkg.name, err)
	}
	pkg.routing = rt
	for _, sh := range rt.shadowed {
		g.warnRule(sh.sig.op.Pos, "unrouted-path", fmt.Sprintf("operation %s is not served on %s %s: operation %s (%s) documents the same method and path%s", sh.sig.op.Name, sh.method, sh.doc, sh.by.op.Name, sh.by.op.Source, unshared(sh.sig, sh.by)))
	}
	return rt, nil
}

// unshared says why two operations of one method and path, each taking a
// value of its own type, do not share a route that picks by @odata.type:
// they take other path parameters. "" when that is not why.
func unshared(a, b *opSig) string {
	if !a.takesOneValue() || !b.takesOneValue() || strings.EqualFold(a.body.name, b.body.name) || len(a.params) == len(b.params) {
		return ""
	}
	return fmt.Sprintf(", and though their bodies are of other types, it takes %d path parameters where %s takes %d, so no route can hand a body to either by its @odata.type", len(a.params), b.op.Name, len(b.params))
}

// servesFirst orders the operations that document the same method and path
// (but for parameter names): the one whose page documents fewer paths serves
// it, as a page listing many paths (the extended-property pages list every
// resource that can carry one) is the generic one; then the one with the
// shorter file name, then file name order.
func servesFirst(a, b *ir.Operation) bool {
	if len(a.Paths) != len(b.Paths) {
		return len(a.Paths) < len(b.Paths)
	}
	if la, lb := len(path.Base(a.Source)), len(path.Base(b.Source)); la != lb {
		return la < lb
	}
	if a.Source != b.Source {
		return a.Source < b.Source
	}
	return a.Name < b.Name
}

// closerTo reports whether the page of operation a belongs to the
// documented path doc more than b's does, where both document it with one
// method. A page is named for the resource it acts on and then its verb
// (message-post-attachments.md, driveitem-update.md; Intune's pages after
// two words of area), and a path names the resource it acts on (see
// pathResource). Closer, in this order: a page named exactly for that
// resource (message, not eventmessage); one named for a resource whose
// name ends in the path's (conversationthread for a thread); one named for
// the method's verb, list or get as the path ends in a collection or a key
// (the school list, not the school get page listing the same path by
// mistake); one whose type is a base of the other's (the troubleshooting
// event, not the enrollment troubleshooting event derived from it). Only a
// strictly closer page takes a path from the one servesFirst chose.
func closerTo(a, b *ir.Operation, doc string) bool {
	res, keyed := pathResource(doc)
	if res == "" {
		return false
	}
	sa, sb := pageAffinity(a, res, keyed), pageAffinity(b, res, keyed)
	if ta, tb := operationType(a), operationType(b); ta != nil && tb != nil && ta != tb {
		sa[3], sb[3] = b2i(derivesFrom(tb, ta)), b2i(derivesFrom(ta, tb))
	}
	for i := range sa {
		if sa[i] != sb[i] {
			return sa[i] > sb[i]
		}
	}
	return false
}

// pathResource is the singular, lower-case name of what a documented path
// acts on, and whether the path ends in its key: the collection before a
// final key (/drives/{id}/items/{id}, an item), else the segment before the
// last (the message of /me/messages/{id}/attachments, the calendar of
// /me/calendar/events, the user of /me/contacts), else the last segment;
// "" when it names none.
func pathResource(doc string) (string, bool) {
	segs := splitPath(doc)
	plain := func(i int) string {
		if i < 0 || i >= len(segs) || len(segs[i]) != 1 || segs[i][0].param != "" || !plainSegment(segs[i][0].lit) {
			return ""
		}
		if strings.EqualFold(segs[i][0].lit, "me") {
			return "user" // /me is /users/{id}
		}
		return strings.ToLower(naming.Singular(segs[i][0].lit))
	}
	key := func(i int) bool {
		return i >= 0 && i < len(segs) && len(segs[i]) == 1 && segs[i][0].param != "" && !segs[i][0].multi
	}
	n := len(segs)
	switch {
	case key(n-1) && plain(n-2) != "":
		return plain(n - 2), true
	case plain(n-2) != "":
		return plain(n - 2), false
	case key(n-2) && plain(n-3) != "":
		return plain(n - 3), false
	}
	return plain(n - 1), false
}

// pageAffinity scores how well o's page name fits the resource res, in the
// order closerTo weighs them: named exactly for it; named for a resource
// ending in it; named for the method's verb (2 for the one the path's shape
// asks: get for a key, list for a collection); [3] is left for closerTo.
func pageAffinity(o *ir.Operation, res string, keyed bool) [4]int {
	var score [4]int
	words := strings.Split(strings.ToLower(strings.TrimSuffix(path.Base(o.Source), path.Ext(o.Source))), "-")
	if len(words) > 3 && words[0] == "intune" {
		words = words[2:]
	}
	switch {
	case words[0] == res:
		score[0] = 1
	case strings.HasSuffix(words[0], res):
		score[1] = 1
	}
	verbs := map[string][]string{
		"GET": {"get", "list"}, "POST": {"post", "create", "add"}, "PATCH": {"update"},
		"PUT": {"put", "update", "replace"}, "DELETE": {"delete", "remove"},
	}[strings.ToUpper(o.Method)]
	for _, w := range words[1:] {
		switch {
		case strings.ToUpper(o.Method) == "GET" && (w == "get") == keyed && slices.Contains(verbs, w):
			score[2] = 2
		case slices.Contains(verbs, w):
			score[2] = max(score[2], 1)
		}
	}
	return score
}

// operationType is the type an operation takes (a body's) or, taking
// none, answers; nil when it has neither.
func operationType(o *ir.Operation) *ir.Type {
	if o.Request != nil {
		return o.Request
	}
	return o.Response
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// owner is what registered a pattern in a scratch mux: a route, or a
// group's 405 pattern.
type owner struct {
	r   *route
	grp *routeGroup
}

// scratchMux registers the ServeMux patterns of rt as they stand.
func (rt *routing) scratchMux() (*http.ServeMux, map[string]owner) {
	mux := http.NewServeMux()
	owners := map[string]owner{}
	for _, grp := range rt.groups {
		for _, r := range grp.routes {
			if !r.fallback {
				mux.HandleFunc(r.pattern(), func(http.ResponseWriter, *http.Request) {})
				owners[r.pattern()] = owner{r: r, grp: grp}
			}
		}
		if !grp.fallback405 {
			mux.HandleFunc(grp.muxPath, func(http.ResponseWriter, *http.Request) {})
			owners[grp.muxPath] = owner{grp: grp}
		}
	}
	return mux, owners
}

// sampleRequest is a request with method for r's path with each parameter
// written as its braced name, which no literal segment of a ServeMux pattern
// can be, so only wildcards match it.
func sampleRequest(r *route, method string) (*http.Request, error) {
	var b strings.Builder
	for _, seg := range r.segs {
		b.WriteByte('/')
		var s strings.Builder
		for _, p := range seg {
			if p.param != "" {
				s.WriteString("{" + r.sig.params[p.slot].wildcard + "}")
			} else if u, err := url.PathUnescape(p.lit); err == nil {
				s.WriteString(u)
			} else {
				s.WriteString(p.lit)
			}
		}
		b.WriteString(url.PathEscape(s.String()))
	}
	return newRequest(method, b.String())
}

// newRequest is httptest.NewRequest, which the generated tests call,
// with its panic on a malformed request turned into an error.
func newRequest(method, target string) (req *http.Request, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return httptest.NewRequest(method, target, nil), nil
}

// isClean reports whether ServeMux serves path as it is rather than
// redirecting to its cleaned form.
func isClean(p string) bool {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c == p
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

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// simState is the handler type of the simulated routing table: the
// operation a request reached and its path values.
type simState struct {
	route  *route
	values []string
}

// simulator is the handler the generated package builds, with operations
// that record their call instead of serving it.
type simulator struct {
	mux   http.Handler
	state *simState
}

// newSimulator builds the handler of rt as the generated code does.
func (rt *routing) newSimulator() (sim *simulator, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	rows, paths := rt.table()
	routes := make([]odata.Route[*simState], len(rows))
	for i, row := range rows {
		routes[i] = odata.Route[*simState]{Pattern: row.pattern(), Method: row.method(), Expr: row.expr(), Params: row.params(), Allow: row.allow()}
		if row.route == nil {
			continue
		}
		r := row.route
		routes[i].Serve = func(st *simState, w http.ResponseWriter, _ *http.Request, values []string) {
			st.route, st.values = r, values
			w.WriteHeader(http.StatusTeapot)
		}
	}
	var ps []odata.Path
	for _, p := range paths {
		ps = append(ps, odata.Path{Pattern: p.muxPath, Allow: p.allow()})
	}
	st := &simState{}
	return &simulator{mux: odata.NewServeMux(st, routes, ps), state: st}, nil
}

// serve routes a request for target: the route it reaches and its path
// values, or the status the handler answers without reaching one.
func (sim *simulator) serve(method, target string) (r *route, values []string, status int, err error) {
	req, err := newRequest(method, target)
	if err != nil {
		return nil, nil, 0, err
	}
	*sim.state = simState{}
	rec := httptest.NewRecorder()
	sim.mux.ServeHTTP(rec, req)
	return sim.state.route, sim.state.values, rec.Code, nil
}

// tableRow is one odata.Route of the generated table: a route, or an entry
// with only Allow for a group whose 405 answer is on the fallback while all
// its methods are on the ServeMux.
type tableRow struct {
	route *route // nil for an Allow-only row
	group *routeGroup
}

func (t tableRow) onMux() bool { return t.route != nil && !t.route.fallback }

func (t tableRow) pattern() string {
	if t.onMux() {
		return t.route.pattern()
	}
	return ""
}

func (t tableRow) method() string {
	if t.route != nil && !t.onMux() {
		return t.route.method
	}
	return ""
}

// expr is the route's own expression, whose groups are named for its own
// parameters: the other routes of its group may name them otherwise
// (/x({a})/y and /x({b})/y).
func (t tableRow) expr() string {
	switch {
	case t.onMux():
		return ""
	case t.route != nil:
		return t.route.expr
	}
	return t.group.expr
}

// params are the wildcard names of the operation's parameters, in order.
func (t tableRow) params() []string {
	if t.route == nil {
		return nil
	}
	var names []string
	for _, p := range t.route.sig.params {
		names = append(names, p.wildcard)
	}
	return names
}

func (t tableRow) allow() []string {
	if t.onMux() {
		return nil
	}
	return t.group.allow()
}

// table returns the rows of the generated routes table, the ServeMux's
// first (sorted by path and method) and then the fallback's in match
// order, and the groups with a 405 pattern on the ServeMux.
func (rt *routing) table() ([]tableRow, []*routeGroup) {
	var rows []tableRow
	for _, r := range rt.mux {
		rows = append(rows, tableRow{route: r, group: r.group})
	}
	for _, grp := range rt.groups {
		if !grp.fallback405 {
			continue
		}
		some := false
		for _, r := range grp.routes {
			if r.fallback {
				rows = append(rows, tableRow{route: r, group: grp})
				some = true
			}
		}
		if !some {
			rows = append(rows, tableRow{group: grp})
		}
	}
	return rows, rt.paths
}

// warnRule reports what Generate resolved by a documented rule rather than
// refused.
func (g *generator) warnRule(pos diag.Pos, rule, msg string) {
	if g.opts.Warn != nil {
		g.opts.Warn(diag.Diagnostic{Span: diag.Span{Pos: pos}, Severity: diag.Warning, Rule: rule, Message: diag.Message("%s", msg)})
	}
}
