// Package resolve turns parsed pages into the IR: it reads a folder of pages,
// resolves type references across pages (links, qualified and simple names,
// case variants, collections), follows base types, pairs examples and works
// out every Go name once.
package resolve

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"gen/gen/internal/batchgc"
	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/keptnames"
	"gen/gen/internal/parse"
	"gen/gen/internal/tree"
	"gen/gen/internal/workers"
)

// Set is every page read from one or more input folders.
type Set struct {
	Root  string // the input folder
	Pages []*parse.Page
	byKey map[string]*parse.Page // lower-cased relative path -> page
	exact map[string]*parse.Page // relative path -> page
}

// ReadDir reads and parses every .md page below root, in parallel, sorted by
// relative path. Unreadable files are returned as an error (the command could
// not run); everything a page gets wrong is a diagnostic on the page.
func ReadDir(root string) (*Set, error) {
	root, paths, err := pagePaths(root)
	if err != nil {
		return nil, err
	}
	pages, err := readPages(root, paths)
	if err != nil {
		return nil, err
	}
	return NewSet(root, pages), nil
}

// pagePaths lists the pages ReadDir reads: every page below root, or root
// itself when it is a page (root is then its folder), as slash-separated
// paths relative to root, sorted.
func pagePaths(root string) (dir string, rels []string, err error) {
	info, err := os.Stat(root)
	if err != nil {
		return "", nil, err
	}
	if !info.IsDir() {
		dir, rel := PageRoot(root)
		return dir, []string{rel}, nil
	}
	files, err := PageFiles(root)
	if err != nil {
		return "", nil, err
	}
	if len(files) == 0 {
		return "", nil, NoPagesError{root}
	}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		rels = append(rels, filepath.ToSlash(rel))
	}
	sort.Strings(rels)
	return root, rels, nil
}

// PageRoot splits the path of a page given alone into the folder its
// position is relative to and its slash-separated path below it. A page in
// a folder named api or resources keeps that folder, which says what kind
// of page it is (parse.OperationPath): docs/api/x.md is api/x.md below docs,
// as it is when docs is read whole. A symbolic link is taken for the page
// it links to.
func PageRoot(page string) (root, rel string) {
	if info, err := os.Lstat(page); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(page); err == nil {
			page = real // read where it really lives, as in a folder
		}
	}
	dir, base := filepath.Dir(page), filepath.Base(page)
	named := dir
	if abs, err := filepath.Abs(dir); err == nil {
		named = abs // "." names no folder: x.md given from inside api/
	}
	if kind := filepath.Base(named); kind == "api" || kind == "resources" {
		return filepath.Join(dir, ".."), kind + "/" + base
	}
	return dir, base
}

// PageFiles lists the pages below dir: every .md file, in any case, outside
// hidden folders, each path starting with dir. It follows symbolic links to
// folders, dir itself included: docs are often assembled from links into
// other checkouts. A folder or page reached twice (a link loop, a link to
// a folder also walked directly) is read once, under the path that crosses
// the fewest links (see tree.Walk): a resource page linked from api/ is
// still read as a resource page.
func PageFiles(dir string) ([]string, error) {
	var files []string
	err := tree.Walk(dir, func(p, _ string) error {
		if strings.HasSuffix(strings.ToLower(p), ".md") {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// NewSet indexes parsed pages.
func NewSet(root string, pages []*parse.Page) *Set {
	s := &Set{Root: root, Pages: pages, byKey: map[string]*parse.Page{}, exact: map[string]*parse.Page{}}
	for _, p := range pages {
		s.exact[p.Src.Path] = p
		s.byKey[strings.ToLower(p.Src.Path)] = p
	}
	return s
}

// LinkTarget resolves a relative link from page from. It returns the target
// page (nil when none), the anchor, and whether only a case-insensitive match
// was found. Links that leave the set's root or are absolute are not pages.
func (s *Set) LinkTarget(from *parse.Page, dest string) (target *parse.Page, anchor string, caseOnly bool, isPageLink bool) {
	d, anchor, _ := strings.Cut(dest, "#")
	if d == "" {
		return from, anchor, false, true
	}
	if strings.Contains(d, "://") || strings.HasPrefix(d, "/") || strings.HasPrefix(d, "mailto:") {
		return nil, anchor, false, false
	}
	if i := strings.IndexAny(d, "?"); i >= 0 {
		d = d[:i]
	}
	if !parse.HasSuffixLower(d, ".md") {
		return nil, anchor, false, false
	}
	rel := joinRel(from.Src.Path, d)
	if rel == "" {
		return nil, anchor, false, false // leaves the input root
	}
	if t := s.exact[rel]; t != nil {
		return t, anchor, false, true
	}
	if t := s.byKey[strings.ToLower(rel)]; t != nil {
		return t, anchor, true, true
	}
	return nil, anchor, false, true
}

// joinRel joins a link destination to the folder of from, both relative to the
// input root; "" when the result would leave the root.
func joinRel(from, dest string) string {
	if rel, ok := joinPlain(from, dest); ok {
		return rel
	}
	return joinSegments(from, dest)
}

// joinPlain is joinRel for the links pages write ("x.md",
// "../resources/x.md"): leading "../" only, no other dot or empty segment.
// ok is false for any other link.
func joinPlain(from, dest string) (rel string, ok bool) {
	dir := ""
	if i := strings.LastIndexByte(from, '/'); i >= 0 {
		dir = from[:i]
	}
	rest := dest
	for strings.HasPrefix(rest, "../") {
		if dir == "" {
			return "", true // leaves the root
		}
		dir = dir[:max(strings.LastIndexByte(dir, '/'), 0)]
		rest = rest[len("../"):]
	}
	if rest == "" || rest == "." || rest == ".." || rest[0] == '/' || rest[len(rest)-1] == '/' ||
		strings.Contains(rest, "//") || strings.HasPrefix(rest, "./") || strings.HasPrefix(rest, "../") ||
		strings.Contains(rest, "/./") || strings.Contains(rest, "/../") || strings.HasSuffix(rest, "/.") || strings.HasSuffix(rest, "/..") {
		return "", false
	}
	if dir == "" {
		return rest, true
	}
	return dir + "/" + rest, true
}

// joinSegments is joinRel segment by segment.
func joinSegments(from, dest string) string {
	dir := ""
	if i := strings.LastIndexByte(from, '/'); i >= 0 {
		dir = from[:i]
	}
	var parts []string
	if dir != "" {
		parts = strings.Split(dir, "/")
	}
	for _, seg := range strings.Split(dest, "/") {
		switch seg {
		case "", ".":
		case "..":
			if len(parts) == 0 {
				return ""
			}
			parts = parts[:len(parts)-1]
		default:
			parts = append(parts, seg)
		}
	}
	return strings.Join(parts, "/")
}

// Load reads root and resolves it into a Program, as Resolve resolves what
// ReadDir reads. Diagnostics include the parser's; errors among them mean
// the Program is not fit for generation.
func Load(root string) (*ir.Program, diag.List, error) {
	root, rels, err := pagePaths(root)
	if err != nil {
		return nil, nil, err
	}
	return parseResolve(root, rels, fileReader(root, rels), nil)
}

// fileReader reads the page at rels[i] below root.
func fileReader(root string, rels []string) func(i int) ([]byte, error) {
	return func(i int) ([]byte, error) {
		return tree.ReadFile(filepath.Join(root, filepath.FromSlash(rels[i])))
	}
}

// pageBatch reads and parses pages, one call of parse per page, from any
// goroutine: each call writes only to what belongs to its page.
type pageBatch struct {
	rels  []string
	read  func(i int) ([]byte, error)
	pages []*parse.Page // nil where reading failed
	errs  []error
}

func newPageBatch(rels []string, read func(i int) ([]byte, error)) *pageBatch {
	return &pageBatch{rels: rels, read: read, pages: make([]*parse.Page, len(rels)), errs: make([]error, len(rels))}
}

// parse reads and parses the page at rels[i].
func (b *pageBatch) parse(i int) {
	src, err := b.read(i)
	if err != nil {
		b.errs[i] = err
		return
	}
	b.pages[i] = parse.Parse(b.rels[i], src)
}

// err is the first error of reading, in the order of rels.
func (b *pageBatch) err() error {
	for _, err := range b.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ResolveSources parses pages given as relative paths and their bytes and
// resolves them, as Load does with the pages it reads.
func ResolveSources(root string, rels []string, srcs [][]byte) (*ir.Program, diag.List) {
	return ResolveSourcesKeeping(root, rels, srcs, nil)
}

// ResolveSourcesKeeping is ResolveSources giving the operations the names
// an earlier run recorded in kept, where their titles still make the names
// they were kept for (see keptnames): generate's, into an output folder it
// wrote before.
func ResolveSourcesKeeping(root string, rels []string, srcs [][]byte, kept keptnames.Record) (*ir.Program, diag.List) {
	prog, diags, _ := parseResolve(root, rels, func(i int) ([]byte, error) { return srcs[i], nil }, kept)
	return prog, diags
}

// parseResolve reads (read(i) is the page at rels[i]) and parses the pages
// in parallel and resolves them. It gives the same Program and findings
// as parsing every page and then calling Resolve, sooner: the pages outside
// api/ folders, among them every resource page, are parsed first, and the
// types they declare are resolved while the operation pages are parsed.
// The first error of read, in the order of rels, is returned.
//
// No collection runs meanwhile, but for those the memory limit forces (see
// batchgc.Hold): what it allocates is the pages, which live to its end, and
// goldmark's trees, which are garbage long before; a collection half-way
// would mark the pages parsed so far and free what one after it frees too.
func parseResolve(root string, rels []string, read func(i int) ([]byte, error), kept keptnames.Record) (*ir.Program, diag.List, error) {
	defer batchgc.Hold()()
	var order []int // indexes of rels: pages outside api/ first
	for i, rel := range rels {
		if !parse.OperationPath(rel) {
			order = append(order, i)
		}
	}
	typePages := len(order)
	for i, rel := range rels {
		if parse.OperationPath(rel) {
			order = append(order, i)
		}
	}
	b := newPageBatch(rels, read)
	r := newResolver(nil)
	if len(kept) > 0 {
		r.kept, r.keptTypes = kept, kept.BySource()
		r.keptRequests = keptRequests(kept, rels)
	}
	typesRead := make(chan struct{})
	if typePages == 0 {
		close(typesRead)
	}
	var types sync.WaitGroup
	var waitTypeNames func()
	types.Go(func() {
		<-typesRead
		ps := make([]*parse.Page, typePages) // in the order of rels, as Resolve sees them
		for k, i := range order[:typePages] {
			if b.pages[i] == nil {
				return // unreadable: parseResolve fails
			}
			ps[k] = b.pages[i]
		}
		r.set = NewSet(root, ps)
		waitTypeNames = r.resolveTypes(ps, true)
	})
	var parsed atomic.Int64
	workers.ForEach(len(order), func(k int) {
		b.parse(order[k])
		if k < typePages && parsed.Add(1) == int64(typePages) {
			close(typesRead)
		}
	})
	types.Wait()
	if err := b.err(); err != nil {
		return nil, nil, err
	}
	r.set = NewSet(root, b.pages)
	prog, _, diags := r.finish(waitTypeNames, true)
	return prog, diags, nil
}

// titleSpan is where page-level findings point: the title, or the start of
// a page that has none.
func titleSpan(p *parse.Page) diag.Range {
	if !p.Title.Span.IsValid() {
		return p.Src.Range(0, 0)
	}
	return p.Title.Span
}
