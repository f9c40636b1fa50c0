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
	"bytes"
	"cmp"
	"fmt"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
	"gen/gen/internal/workers"
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
		if slices.Contains(o.Enable, id) {
			return nil, fmt.Errorf("rule %q is both enabled and disabled: name it in one of the two", id)
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
	names *resolve.TypeNames       // the resolver's index of prog's types; nil: build one
	ops   map[string]*ir.Operation // by source path
	pages map[string]*parse.Page   // by source path
	disk  *diskIndex
	// pageState holds what the checks of one page leave for later ones:
	// written only by the worker that checks the page.
	pageState map[*parse.Page]*pageState
}

// pageState is what the checks keep per page.
type pageState struct {
	// anchors are the page's link anchors, worked out the first time a
	// link needs them.
	anchors anchorSet
	// odataTypes are the annotations' @odata.type values, which the early
	// checks read and the late ones resolve.
	odataTypes []odataTypeRef
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
	l := newLinter(set)
	// The checks that need no IR run while the resolver does, on the core
	// its single-core passes leave idle.
	early := l.startEarly()
	prog, all := l.resolve()
	return l.check(prog, all, opts, on, early()), nil
}

// stage selects a page's checks: those that read the page alone (early:
// template text, links, tables, sections), those that need the IR (late),
// or all of them.
type stage int

const (
	allChecks stage = iota
	earlyChecks
	lateChecks
)

// startEarly runs every page's early checks in the background; wait returns
// their findings by page, unfiltered.
func (l *linter) startEarly() (wait func() []diag.List) {
	found := make([]diag.List, len(l.set.Pages))
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.eachPage(func(i int, w *pageWorker) {
			found[i] = l.checkPage(l.set.Pages[i], nil, w.memo, earlyChecks)
		})
	}()
	return func() []diag.List { <-done; return found }
}

// pageWorker is what one goroutine checking pages keeps from page to page:
// its memo (see memo) and its memory for JSON bodies.
type pageWorker struct {
	memo  *memo
	arena *jsonArena
}

// eachPage runs f for every page of the set on GOMAXPROCS goroutines, each
// with its own pageWorker, taking pages in order.
func (l *linter) eachPage(f func(i int, w *pageWorker)) {
	workers.ForEachWith(len(l.set.Pages), func() *pageWorker {
		return &pageWorker{memo: newMemo(), arena: &jsonArena{}}
	}, f)
}

// newLinter starts a linter over set; check needs the resolved program.
func newLinter(set *resolve.Set) *linter {
	l := &linter{set: set, ops: map[string]*ir.Operation{}, pages: make(map[string]*parse.Page, len(set.Pages)),
		disk: newDiskIndex(set.Root), pageState: make(map[*parse.Page]*pageState, len(set.Pages))}
	states := make([]pageState, len(set.Pages))
	for i, p := range set.Pages {
		l.pages[p.Src.Path] = p
		l.pageState[p] = &states[i]
	}
	return l
}

// check runs every check against prog, the set's resolved program, adding
// their findings to all (the resolver's), and filters the lot. early holds
// the findings of the early checks by page when they have run (startEarly);
// nil runs them here.
func (l *linter) check(prog *ir.Program, all diag.List, opts Options, on map[string]bool, early []diag.List) diag.List {
	l.prog = prog
	for _, o := range l.prog.Operations {
		l.ops[o.Source] = o
	}
	l.types = newTypeIndex(l.prog, l.names, l.pages)
	f := l.newFilter(on, len(opts.Enable) > 0)

	// Example names are compared across pages while the pages are checked.
	// A panic there goes on in this goroutine, as when it ran here.
	var dups diag.List
	var dupsPanic any
	dupsDone := make(chan struct{})
	go func() {
		defer close(dupsDone)
		defer func() { dupsPanic = recover() }()
		dups = l.duplicateExampleNames()
	}()

	// Each worker filters and sorts the findings of its pages.
	perPage := make([]diag.List, len(l.set.Pages))
	l.eachPage(func(i int, w *pageWorker) {
		// The findings are gathered in the worker's buffer and copied out
		// once filtered and sorted.
		var found diag.List
		if early != nil {
			found = append(l.checkPage(l.set.Pages[i], w.arena, w.memo, lateChecks), early[i]...)
		} else {
			found = l.checkPage(l.set.Pages[i], w.arena, w.memo, allChecks)
		}
		out := f.apply(found)
		sorted := sortFindings(out)
		if len(sorted) > 0 && &sorted[0] == &out[0] {
			sorted = slices.Clone(sorted)
		}
		perPage[i] = sorted
		clear(out)
		w.arena.out = out[:0]
		w.arena.reset()
	})
	<-dupsDone
	if dupsPanic != nil {
		panic(dupsPanic)
	}

	// A stable sort of all the findings (the resolver's, the pages', then
	// the rest) merges the three, each sorted, ties going to the earlier.
	// The pages' findings, in page order, are sorted as a whole when each
	// page's findings are its own file's and the pages come in path order,
	// as they do when read from disk; else they are sorted again.
	if !runsSorted(perPage) {
		var pages diag.List
		for _, d := range perPage {
			pages = append(pages, d...)
		}
		perPage = []diag.List{sortFindings(pages)}
	}
	rest := dups
	for _, check := range opts.Extra {
		rest = append(rest, l.extra(check)...)
	}
	out := mergeFindings(sortFindings(f.apply(all)), perPage, sortFindings(f.apply(rest)))
	dedup := out[:0]
	var sources map[string]*diag.Source
	for i, d := range out {
		if i > 0 && sameFinding(out[i-1], d) {
			continue
		}
		if sp := d.Span; sp.End.Line == 0 || sp.End.Offset == sp.Offset {
			// The resolver places some findings at a point (a type's
			// name, a row's property); the range covers the token there.
			if sources == nil {
				sources = make(map[string]*diag.Source, len(l.set.Pages))
				for _, p := range l.set.Pages {
					sources[p.Src.Path] = p.Src
				}
			}
			if src := sources[sp.File]; src != nil && sp.Line > 0 {
				d.Span.End = src.Pos(tokenEnd(src.Bytes, sp.Offset))
			}
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// tokenEnd is the end of the token at off: a quoted string with its
// quotes, or a run of bytes up to a space or punctuation.
func tokenEnd(b []byte, off int) int {
	if off < 0 || off >= len(b) {
		return max(0, min(off, len(b)))
	}
	if b[off] == '"' {
		if j := bytes.IndexAny(b[off+1:], "\"\n"); j >= 0 && b[off+1+j] == '"' {
			return off + j + 2
		}
	}
	end := off
	for end < len(b) && !bytes.ContainsRune([]byte(" \t\r\n|,:;{}[]()<>\"`*"), rune(b[end])) {
		end++
	}
	if end == off && b[off] != '\n' {
		end++ // a punctuation mark alone
	}
	return end
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
				Message: diag.Message("the resolver failed, so type checks are skipped: %v", r)}}
		}
	}()
	prog, l.names, diags = resolve.Check(l.set) // the checks read no Go names
	// but for the names that would clash in generated code.
	diags = append(diags, resolve.GoNameClashes(prog)...)
	// The parser reports the broken rows of property tables, for the
	// generator; the table check reports every broken row of every table.
	return prog, slices.DeleteFunc(diags, func(d diag.Diagnostic) bool { return d.Rule == "table-malformed" })
}

// extra runs a whole-set check, turning a panic into a finding.
func (l *linter) extra(check func(*ir.Program) diag.List) (out diag.List) {
	defer func() {
		if r := recover(); r != nil {
			sp := diag.Span{}
			if len(l.set.Pages) > 0 {
				sp = l.set.Pages[0].Src.Span(0, 0)
			}
			out = diag.List{{Span: sp, Severity: diag.Error, Rule: "internal-error", Message: diag.Message("a whole-set check failed: %v", r)}}
		}
	}()
	return check(l.prog)
}

// checkPage runs every per-page check, recovering from a failing check.
func (l *linter) checkPage(p *parse.Page, arena *jsonArena, memo *memo, st stage) (out diag.List) {
	c := &checker{linter: l, page: p, arena: arena, memo: memo}
	if st != earlyChecks { // early checks run before the IR exists
		c.op = l.ops[p.Src.Path]
	}
	if arena != nil {
		c.out = arena.out[:0]
	}
	defer func() {
		if r := recover(); r != nil {
			out = append(c.out, diag.Diagnostic{Span: p.Src.Span(0, 0), Severity: diag.Error, Rule: "internal-error",
				Message: diag.Message("a check failed on this page: %v (at %s)", r, panicSite(debug.Stack()))})
		}
	}()
	if checkHook != nil {
		checkHook(c)
	}
	c.run(st)
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
// and gives rule-less parser errors the parse-error ID.
type filter struct {
	on         map[string]bool
	only       bool // the user asked for a fixed list of rules
	suppressed map[string]map[string]bool
}

func (l *linter) newFilter(on map[string]bool, only bool) *filter {
	f := &filter{on: on, only: only, suppressed: map[string]map[string]bool{}}
	for _, p := range l.set.Pages {
		if s := suppressions(p); len(s) > 0 {
			f.suppressed[p.Src.Path] = s
		}
	}
	return f
}

// apply filters all in place.
func (f *filter) apply(all diag.List) diag.List {
	out := all[:0]
	for _, d := range all {
		if d.Rule == "" {
			d.Rule = "parse-error"
		}
		// A rule the resolver added after this table was written reports
		// unless the user asked for a fixed list of rules.
		if _, known := RuleByID(d.Rule); !f.on[d.Rule] && (known || f.only) {
			continue
		}
		if f.suppressed[d.Span.File][d.Rule] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// compareFindings orders findings as diag.List.Sort does: by file, line,
// column, rule and message.
func compareFindings(a, b *diag.Diagnostic) int {
	if c := strings.Compare(a.Span.File, b.Span.File); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Line, b.Span.Line); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span.Col, b.Span.Col); c != 0 {
		return c
	}
	if c := strings.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	return strings.Compare(a.Message, b.Message)
}

// sortFindings orders l as diag.List.Sort does (a stable sort by file,
// line, column, rule and message). A short list is sorted in place; a long
// one is returned sorted in new memory: sorting indices with pdqsort, ties
// broken by position, beats moving the findings about in a stable sort.
func sortFindings(l diag.List) diag.List {
	if isSorted(l) {
		return l
	}
	if len(l) <= 64 {
		slices.SortStableFunc(l, func(a, b diag.Diagnostic) int { return compareFindings(&a, &b) })
		return l
	}
	idx := make([]int32, len(l))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		if c := compareFindings(&l[i], &l[j]); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	out := make(diag.List, len(l))
	for k, i := range idx {
		out[k] = l[i]
	}
	return out
}

func isSorted(l diag.List) bool {
	for i := 1; i < len(l); i++ {
		if compareFindings(&l[i-1], &l[i]) > 0 {
			return false
		}
	}
	return true
}

// runsSorted reports whether the lists, one after the other, are sorted.
func runsSorted(runs []diag.List) bool {
	var last *diag.Diagnostic
	for _, r := range runs {
		if len(r) == 0 {
			continue
		}
		if !isSorted(r) || last != nil && compareFindings(last, &r[0]) > 0 {
			return false
		}
		last = &r[len(r)-1]
	}
	return true
}

// mergeFindings merges sorted lists a, b (the lists of mid one after the
// other) and c into one list, taking from the earlier on ties, so that
// merging the sorted parts of a list is sorting the list stably.
func mergeFindings(a diag.List, mid []diag.List, c diag.List) diag.List {
	n := len(a) + len(c)
	for _, r := range mid {
		n += len(r)
	}
	out := make(diag.List, 0, n)
	var b diag.List
	for {
		for len(b) == 0 && len(mid) > 0 {
			b, mid = mid[0], mid[1:]
		}
		// The least of the heads of a, b and c, the earliest on ties.
		var min *diag.List
		for _, l := range []*diag.List{&a, &b, &c} {
			if len(*l) > 0 && (min == nil || compareFindings(&(*l)[0], &(*min)[0]) < 0) {
				min = l
			}
		}
		if min == nil {
			return out
		}
		out = append(out, (*min)[0])
		*min = (*min)[1:]
	}
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

	parsed []lenientBody // see body
	arena  *jsonArena    // memory for the page's bodies; nil: none
	memo   *memo         // the worker's answers; nil: see memos

	dirLinks     map[string]linkDest     // the memo's link targets from the page's folder
	offPage      map[*parse.Example]bool // request examples that call no operation of the page
	callback     map[*parse.Example]bool // response examples to a request sent to another host
	suggestCells int                     // edit-distance cells the page's suggestions computed (see maxSuggestCells)
	linkDefs     []*linkDef              // the page's reference link definitions, once a link needs them
}

// memo remembers answers that depend on the page set only, for the pages
// one worker checks: each worker has its own, so that the workers share no
// memory they write (shared caches behind locks made the checks slower on
// two cores than on one).
type memo struct {
	lookups      map[lookupKey]lookupResult     // see checker.lookup
	linkDests    map[string]map[string]linkDest // by folder and file: see checker.linkDest
	readOnly     map[*ir.Property]bool          // see checker.alwaysReadOnly
	shapes       map[string]*pathShape          // see checker.pathShape
	placeholders map[string]placeholderResult   // see checker.typePlaceholder
	pageNames    map[string]folderNames         // by lower-cased folder: see checker.didYouMean
}

func newMemo() *memo {
	return &memo{lookups: map[lookupKey]lookupResult{}, linkDests: map[string]map[string]linkDest{},
		readOnly: map[*ir.Property]bool{}, shapes: map[string]*pathShape{}, placeholders: map[string]placeholderResult{},
		pageNames: map[string]folderNames{}}
}

// memos returns the checker's memo, a new one if it has none.
func (c *checker) memos() *memo {
	if c.memo == nil {
		c.memo = newMemo()
	}
	return c.memo
}

// report records a finding with the rule's severity.
func (c *checker) report(at diag.Locator, rule, format string, args ...any) {
	r, ok := RuleByID(rule)
	if !ok {
		panic("lint: unregistered rule " + rule)
	}
	c.out = append(c.out, diag.Diagnostic{Span: at.Span(), Severity: r.Severity, Rule: rule, Message: diag.Message(format, args...)})
}

// reportAs records a finding with another severity than the rule's: a
// milder case of what the rule finds.
func (c *checker) reportAs(sev diag.Severity, at diag.Locator, rule, format string, args ...any) {
	if _, ok := RuleByID(rule); !ok {
		panic("lint: unregistered rule " + rule)
	}
	c.out = append(c.out, diag.Diagnostic{Span: at.Span(), Severity: sev, Rule: rule, Message: diag.Message(format, args...)})
}

// span records a range of the page being checked.
func (c *checker) span(start, end int) diag.Range { return c.page.Src.Range(start, end) }

func (c *checker) run(st stage) {
	if st != lateChecks {
		c.templateText()
		c.links()
		c.tables()
		c.missingSections()
		c.annotations()
	}
	if st == earlyChecks {
		return
	}
	c.annotationTypes()
	if c.page.Kind == parse.Operation {
		c.examples()
		c.requestBodyTable()
	}
	c.bodies()
}

// Counts tallies findings per rule and per severity, for summaries.
type Counts struct {
	ByRule     map[string]int
	BySeverity [3]int
	// Totals are the findings per rule and severity, most first, then by
	// rule, errors before warnings: a rule whose findings differ in
	// severity (annotation-value: an error for a wrong value, a warning
	// for a misspelt suppression) has a total for each.
	Totals []RuleTotal
}

// RuleTotal is the number of findings of one rule at one severity.
type RuleTotal struct {
	Rule     string
	Severity diag.Severity
	N        int
}

// Count tallies a list of findings.
func Count(l diag.List) Counts {
	c := Counts{ByRule: map[string]int{}}
	index := map[RuleTotal]int{} // {rule, severity, 0} -> its index in Totals
	for _, d := range l {
		c.ByRule[d.Rule]++
		if d.Severity >= 0 && int(d.Severity) < len(c.BySeverity) {
			c.BySeverity[d.Severity]++
		}
		k := RuleTotal{Rule: d.Rule, Severity: d.Severity}
		i, ok := index[k]
		if !ok {
			i = len(c.Totals)
			index[k] = i
			c.Totals = append(c.Totals, k)
		}
		c.Totals[i].N++
	}
	sort.Slice(c.Totals, func(i, j int) bool {
		a, b := c.Totals[i], c.Totals[j]
		switch {
		case a.N != b.N:
			return a.N > b.N
		case a.Rule != b.Rule:
			return a.Rule < b.Rule
		}
		return a.Severity < b.Severity
	})
	return c
}
