// Package lint checks Graph-style API reference pages against themselves and
// each other: template text, annotations, examples against the operation they
// document, bodies and tables against the resource types, links between
// pages. Every finding carries a rule ID (see Rules), a severity and the exact
// span of the offending text, computed from the page's bytes.
//
// Lint reads the same parse.Page and ir.Program the generator reads, so what
// it reports is what the generator would get wrong. Pages are checked in
// parallel; rules that span pages (duplicate example names) run afterwards.
package lint

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
)

// Options selects the rules that run.
type Options struct {
	Enable  []string // when not empty, only these rules report
	Disable []string // these rules never report
	// Extra are checks that need the whole resolved doc set, such as
	// metadata-drift against a CSDL schema (gen lint -metadata FILE.xml).
	// Their findings are filtered and suppressed like the built-in rules'.
	Extra []func(*ir.Program) diag.List
}

// enabled works out the set of rule IDs that report, rejecting IDs that are
// not rules so a typo in -disable does not silently disable nothing.
func (o Options) enabled() (map[string]bool, error) {
	on := map[string]bool{}
	for _, id := range o.Enable {
		if _, ok := RuleByID(id); !ok {
			return nil, unknownRule(id)
		}
		on[id] = true
	}
	if len(o.Enable) == 0 {
		for _, r := range Rules {
			on[r.ID] = true
		}
	}
	for _, id := range o.Disable {
		if _, ok := RuleByID(id); !ok {
			return nil, unknownRule(id)
		}
		delete(on, id)
	}
	return on, nil
}

func unknownRule(id string) error {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	if s := closest(id, ids); s != "" {
		return fmt.Errorf("unknown rule %q (did you mean %q?)", id, s)
	}
	return fmt.Errorf("unknown rule %q; rules: %s", id, strings.Join(ids, ", "))
}

// linter is what every page's checks share: the set, the IR and indexes
// over both. It is read-only while pages are checked in parallel.
type linter struct {
	set   *resolve.Set
	prog  *ir.Program
	types *typeIndex
	ops   map[string]*ir.Operation // by source path
	pages map[string]*parse.Page   // by source path
	disk  *diskIndex
	// anchors holds each page's link anchors, worked out the first time a
	// link needs them.
	anchors map[*parse.Page]*anchorSet
}

// Lint resolves the pages of set and checks them. The result holds the
// resolver's and parser's findings too, filtered by opts and by each page's
// suppressions, sorted by file and position. It never panics: a check that
// fails on a page becomes an internal-error finding on that page.
func Lint(set *resolve.Set, opts Options) (diag.List, error) {
	on, err := opts.enabled()
	if err != nil {
		return nil, err
	}
	l := &linter{set: set, ops: map[string]*ir.Operation{}, pages: map[string]*parse.Page{},
		disk: newDiskIndex(set.Root), anchors: map[*parse.Page]*anchorSet{}}
	for _, p := range set.Pages {
		l.pages[p.Src.Path] = p
		l.anchors[p] = &anchorSet{}
	}
	var all diag.List
	l.prog, all = l.resolve()
	for _, o := range l.prog.Operations {
		l.ops[o.Source] = o
	}
	l.types = newTypeIndex(l.prog, l.pages)

	perPage := make([]diag.List, len(set.Pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				perPage[i] = l.checkPage(set.Pages[i])
			}
		}()
	}
	for i := range set.Pages {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, d := range perPage {
		all = append(all, d...)
	}
	all = append(all, l.duplicateExampleNames()...)
	for _, check := range opts.Extra {
		all = append(all, l.extra(check)...)
	}
	return l.filter(all, on, len(opts.Enable) > 0), nil
}

// resolve runs the resolver, turning a panic into a finding so that one
// page the resolver cannot handle does not stop the linter.
func (l *linter) resolve() (prog *ir.Program, diags diag.List) {
	defer func() {
		if r := recover(); r != nil {
			prog = &ir.Program{}
			prog.Index()
			sp := diag.Span{}
			if len(l.set.Pages) > 0 {
				sp = l.set.Pages[0].Src.Span(0, 0)
			}
			diags = diag.List{{Span: sp, Severity: diag.Error, Rule: "internal-error",
				Message: fmt.Sprintf("the resolver failed, so type checks are skipped: %v", r)}}
		}
	}()
	return resolve.Resolve(l.set)
}

// extra runs a whole-set check, turning a panic into a finding.
func (l *linter) extra(check func(*ir.Program) diag.List) (out diag.List) {
	defer func() {
		if r := recover(); r != nil {
			sp := diag.Span{}
			if len(l.set.Pages) > 0 {
				sp = l.set.Pages[0].Src.Span(0, 0)
			}
			out = diag.List{{Span: sp, Severity: diag.Error, Rule: "internal-error", Message: fmt.Sprintf("a whole-set check failed: %v", r)}}
		}
	}()
	return check(l.prog)
}

// checkPage runs every per-page check, recovering from a failing check.
func (l *linter) checkPage(p *parse.Page) (out diag.List) {
	c := &checker{linter: l, page: p, op: l.ops[p.Src.Path]}
	defer func() {
		if r := recover(); r != nil {
			out = append(c.out, diag.Diagnostic{Span: p.Src.Span(0, 0), Severity: diag.Error, Rule: "internal-error",
				Message: fmt.Sprintf("a check failed on this page: %v (at %s)", r, panicSite(debug.Stack()))})
		}
	}()
	if checkHook != nil {
		checkHook(c)
	}
	c.run()
	return c.out
}

// checkHook runs before a page's checks; tests set it to make a check fail.
var checkHook func(*checker)

// panicSite finds the function and line a panic came from in a stack trace,
// so an internal-error message names it on one line.
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "panic(") {
			continue
		}
		for j := i + 1; j+1 < len(lines); j++ {
			if strings.Contains(lines[j], "gen/internal/") && !strings.HasPrefix(lines[j], "\t") {
				fn := lines[j]
				if k := strings.LastIndexByte(fn, '('); k > 0 {
					fn = fn[:k]
				}
				file := strings.TrimSpace(lines[j+1])
				if k := strings.LastIndexByte(file, '/'); k >= 0 {
					file = file[k+1:]
				}
				if k := strings.IndexByte(file, ' '); k >= 0 {
					file = file[:k]
				}
				return fn + " " + file
			}
		}
	}
	return "unknown"
}

// filter drops findings of disabled rules and of rules a page suppresses,
// gives rule-less parser errors the parse-error ID, drops exact duplicates
// and sorts.
func (l *linter) filter(all diag.List, on map[string]bool, only bool) diag.List {
	suppressed := map[string]map[string]bool{}
	for _, p := range l.set.Pages {
		if s := suppressions(p); len(s) > 0 {
			suppressed[p.Src.Path] = s
		}
	}
	out := all[:0]
	for _, d := range all {
		if d.Rule == "" {
			d.Rule = "parse-error"
		}
		// A rule the resolver added after this table was written reports
		// unless the user asked for a fixed list of rules.
		if _, known := RuleByID(d.Rule); !on[d.Rule] && (known || only) {
			continue
		}
		if suppressed[d.Span.File][d.Rule] {
			continue
		}
		out = append(out, d)
	}
	out.Sort()
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && sameFinding(out[i-1], d) {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

func sameFinding(a, b diag.Diagnostic) bool {
	return a.Span.Pos == b.Span.Pos && a.Rule == b.Rule && a.Message == b.Message
}

// suppressions reads the rule IDs listed in the page annotation's
// "suppressions" array. Entries that are not rule IDs (real pages carry old
// message texts there) are ignored.
func suppressions(p *parse.Page) map[string]bool {
	a := p.PageAnnotation
	if a == nil {
		return nil
	}
	v := a.Key("suppressions")
	if v == nil || v.Kind != parse.ArrayValue {
		return nil
	}
	var out map[string]bool
	for _, e := range v.Elems {
		if e.Kind != parse.StringValue {
			continue
		}
		id := strings.TrimSpace(e.Str)
		if _, ok := RuleByID(id); ok {
			if out == nil {
				out = map[string]bool{}
			}
			out[id] = true
		}
	}
	return out
}

// checker holds one page's checks and findings.
type checker struct {
	*linter
	page *parse.Page
	op   *ir.Operation // nil unless the page is an operation page the resolver kept
	out  diag.List
}

// report records a finding with the rule's severity.
func (c *checker) report(at diag.Locator, rule, format string, args ...any) {
	r, ok := RuleByID(rule)
	if !ok {
		panic("lint: unregistered rule " + rule)
	}
	c.out = append(c.out, diag.Diagnostic{Span: at.Span(), Severity: r.Severity, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// span records a range of the page being checked.
func (c *checker) span(start, end int) diag.Range { return c.page.Src.Range(start, end) }

func (c *checker) run() {
	c.templateText()
	c.links()
	c.tables()
	c.annotations()
	c.missingSections()
	if c.page.Kind == parse.Resource {
	}
	if c.page.Kind == parse.Operation {
		c.examples()
		c.requestBodyTable()
	}
	c.bodies()
}

// Counts tallies findings per rule and per severity, for summaries.
type Counts struct {
	ByRule     map[string]int
	Severity   map[string]diag.Severity // the most severe finding of each rule
	BySeverity [3]int
}

// Count tallies a list of findings.
func Count(l diag.List) Counts {
	c := Counts{ByRule: map[string]int{}, Severity: map[string]diag.Severity{}}
	for _, d := range l {
		if s, ok := c.Severity[d.Rule]; !ok || d.Severity < s {
			c.Severity[d.Rule] = d.Severity
		}
		c.ByRule[d.Rule]++
		if d.Severity >= 0 && int(d.Severity) < len(c.BySeverity) {
			c.BySeverity[d.Severity]++
		}
	}
	return c
}

// RuleIDs returns the rules with findings, most findings first, then by ID.
func (c Counts) RuleIDs() []string {
	ids := make([]string, 0, len(c.ByRule))
	for id := range c.ByRule {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if c.ByRule[ids[i]] != c.ByRule[ids[j]] {
			return c.ByRule[ids[i]] > c.ByRule[ids[j]]
		}
		return ids[i] < ids[j]
	})
	return ids
}
