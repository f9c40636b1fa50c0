package lint

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gen/gen/internal/diag"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
)

// links reports relative links to pages or anchors that do not exist
// (broken-link) or that exist only when case is ignored (link-case).
//
// Links between pages of the set resolve against the set. A link that leaves
// the folder being linted is checked on disk, and only when the folder it
// lands in exists: a doc set is often part of a larger repository. DocFX
// include directives ([!INCLUDE [x](path)]) name snippet files, not pages,
// and are not checked.
func (c *checker) links() {
	for i := range c.page.Links {
		c.link(&c.page.Links[i])
	}
}

func (c *checker) link(l *parse.Link) {
	dest := strings.TrimSpace(l.Dest)
	if dest == "" || strings.HasPrefix(dest, "#tab/") || c.isInclude(l) {
		return
	}
	if strings.IndexByte(dest, '%') >= 0 { // else unescaping leaves it as it is
		if u, err := url.PathUnescape(dest); err == nil {
			dest = u
		}
	}
	file, anchor, _ := strings.Cut(dest, "#")
	if strings.Contains(file, "://") || strings.HasPrefix(file, "/") || strings.HasPrefix(file, "~") ||
		parse.HasPrefixLower(file, "mailto:") {
		return
	}
	if i := strings.IndexByte(file, '?'); i >= 0 {
		file = file[:i]
	}
	if file != "" && !parse.HasSuffixLower(file, ".md") {
		return
	}
	if file == "" {
		c.anchor(l, c.page, anchor, "this page")
		return
	}
	to := c.linkDest(file)
	rel, target, caseOnly := to.rel, to.target, to.caseOnly
	if !to.inside {
		c.outsideLink(l, rel)
		return
	}
	if target == nil {
		c.reportLink(l, l.DestSpan, "broken-link", "link target %s does not exist (no page %s)%s", file, rel, c.didYouMean(rel))
		return
	}
	if caseOnly {
		c.reportLink(l, l.DestSpan, "link-case", "link to %s finds %s only when case is ignored: spell it as the file is named", file, path.Base(target.Src.Path))
	}
	if anchor != "" {
		c.anchor(l, target, anchor, target.Src.Path)
	}
}

// linkDest is where a link to a page leads.
type linkDest struct {
	rel      string // joinRel's answer
	inside   bool   // joinRel's answer
	target   *parse.Page
	caseOnly bool // LinkTarget's answers, when inside
}

// linkDest resolves file, the page part of a link (unescaped, before '#'
// and '?'), from the page being checked. joinRel and Set.LinkTarget read
// nothing of the page but its folder, the path before its last slash, so
// the pages of one folder share the answers: the same links repeat across
// thousands of pages.
func (c *checker) linkDest(file string) linkDest {
	if c.dirLinks == nil {
		from := c.page.Src.Path
		dir := from[:max(0, strings.LastIndexByte(from, '/'))]
		m := c.memos()
		if c.dirLinks = m.linkDests[dir]; c.dirLinks == nil {
			c.dirLinks = map[string]linkDest{}
			m.linkDests[dir] = c.dirLinks
		}
	}
	d, ok := c.dirLinks[file]
	if !ok {
		d = resolveLink(c.set, c.page, file)
		c.dirLinks[file] = d
	}
	return d
}

// resolveLink works out linkDest for file from page from: joinRel, then,
// when the link stays inside the set, Set.LinkTarget. When the page's folder
// is a clean path below the root, LinkTarget finding a page means joinRel
// stays inside (both join the folder's segments with file's, dropping "."
// and popping a segment for ".."; joinRel leaves the root exactly when
// LinkTarget gives up for running out of segments), and rel is not needed,
// so joinRel is skipped.
func resolveLink(set *resolve.Set, from *parse.Page, file string) (d linkDest) {
	target, _, caseOnly, _ := set.LinkTarget(from, file)
	if target != nil && cleanFolder(from.Src.Path) {
		return linkDest{inside: true, target: target, caseOnly: caseOnly}
	}
	d.rel, d.inside = joinRel(from.Src.Path, file)
	if d.inside {
		d.target, d.caseOnly = target, caseOnly
	}
	return d
}

// cleanFolder reports whether the folder of page path p, the path before
// its last slash, is none (the root) or a clean relative path below the
// root: no empty, "." or ".." segment.
func cleanFolder(p string) bool {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return true
	}
	dir := p[:i]
	return dir != "" && path.Clean(dir) == dir && dir != "." && dir != ".." &&
		!strings.HasPrefix(dir, "../") && !strings.HasPrefix(dir, "/")
}

// isInclude reports whether l is the link of a DocFX [!INCLUDE [x](path)].
func (c *checker) isInclude(l *parse.Link) bool {
	off := l.Span.Offset()
	before := c.page.Src.Bytes[max(0, off-24):off]
	before = bytes.TrimRight(before, " \t")
	const marker = "[!include"
	return len(before) >= len(marker) && strings.EqualFold(string(before[len(before)-len(marker):]), marker)
}

// anchor checks that page p has a heading or <a name> anchor named anchor.
func (c *checker) anchor(l *parse.Link, p *parse.Page, anchor, where string) {
	if anchor == "" || strings.HasPrefix(anchor, "tab/") {
		return
	}
	set := &c.pageState[p].anchors
	as := set.of(p)
	if as[anchor] {
		return
	}
	if a, ok := set.lowerOf(p)[strings.ToLower(anchor)]; ok {
		c.reportLink(l, c.anchorSpan(l), "link-case", "anchor #%s in %s matches #%s only when case is ignored", anchor, where, a)
		return
	}
	c.reportLink(l, c.anchorSpan(l), "broken-link", "anchor #%s: %s has no heading or <a name> with that anchor%s", anchor, where, c.suggest(anchor, set.listOf(p)))
}

// reportLink reports a finding on link l at sp. A reference-style link
// ([driveItem] with "[driveItem]: driveItem.md" below) takes its
// destination from its definition, so the finding goes there, once,
// however often the link is used.
func (c *checker) reportLink(l *parse.Link, sp diag.Range, rule, format string, args ...any) {
	if l.DestSpan == l.Span {
		if d := c.linkDefinition(l); d != nil {
			if d.reported == nil {
				d.reported = map[string]bool{}
			}
			if d.reported[rule] {
				return
			}
			d.reported[rule] = true
			sp = d.dest
			if i := strings.IndexByte(sp.Text(), '#'); i >= 0 && strings.HasPrefix(format, "anchor") {
				sp = sp.Sub(i, sp.Len())
			}
		}
	}
	c.report(sp, rule, format, args...)
}

// linkDef is a reference link definition: "[label]: dest".
type linkDef struct {
	label    string
	dest     diag.Range
	reported map[string]bool // the rules reported at it
}

// linkDefRE matches a link reference definition line; group 1 is the
// label, group 2 the destination.
var linkDefRE = regexp.MustCompile(`(?m)^ {0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)`)

// linkDefinition finds the definition a reference link takes its
// destination from: one with the same destination, by preference with the
// link's text as its label. Definitions in code blocks do not count.
func (c *checker) linkDefinition(l *parse.Link) *linkDef {
	if c.linkDefs == nil {
		c.linkDefs = []*linkDef{}
		b := c.page.Src.Bytes
	defs:
		for _, m := range linkDefRE.FindAllSubmatchIndex(b, -1) {
			for _, cb := range c.page.Code {
				if cb.Span.Offset() <= m[0] && m[0] < cb.Span.EndOffset() {
					continue defs
				}
			}
			c.linkDefs = append(c.linkDefs, &linkDef{label: string(b[m[2]:m[3]]), dest: c.span(m[4], m[5])})
		}
	}
	var found *linkDef
	for _, d := range c.linkDefs {
		if d.dest.Text() != l.Dest {
			continue
		}
		if strings.EqualFold(d.label, l.Text) {
			return d
		}
		if found == nil {
			found = d
		}
	}
	return found
}

// anchorSpan narrows a link's destination span to its #anchor part.
func (c *checker) anchorSpan(l *parse.Link) diag.Range {
	sp := l.DestSpan
	if sp == l.Span {
		return sp
	}
	if i := strings.IndexByte(sp.Text(), '#'); i >= 0 {
		return sp.Sub(i, sp.Len())
	}
	return sp
}

// outsideLink checks a link that leaves the linted folder against the disk.
func (c *checker) outsideLink(l *parse.Link, abs string) {
	switch c.disk.find(abs) {
	case onDisk:
	case onDiskOtherCase:
		c.reportLink(l, l.DestSpan, "link-case", "link to %s finds a file only when case is ignored: spell it as the file is named", l.Dest)
	case missing:
		c.reportLink(l, l.DestSpan, "broken-link", "link target %s does not exist (no file %s)", l.Dest, abs)
	}
}

// folderNames are the names of the pages in one folder, as written and
// lower-cased, listed once for every link that misses one.
type folderNames struct{ names, lower []string }

// didYouMean suggests a page of the set whose name is close to rel. Its
// scans count against the page's suggestion budget, as the searches do.
func (c *checker) didYouMean(rel string) string {
	dir, base := path.Split(rel)
	m := c.memos()
	key := strings.ToLower(dir)
	f, ok := m.pageNames[key]
	if !ok {
		for _, p := range c.set.Pages {
			if pd, pb := path.Split(p.Src.Path); strings.EqualFold(pd, dir) {
				f.names = append(f.names, pb)
				f.lower = append(f.lower, strings.ToLower(pb))
			}
		}
		m.pageNames[key] = f
	}
	if s := c.closest(base, f.names); s != "" {
		return ` (did you mean "` + s + `"?)`
	}
	// The name with or without a namespace's prefix: callrecords-entity.md
	// for entity.md, or the other way round.
	if c.suggestCells += len(f.names); c.suggestCells > maxSuggestCells {
		return ""
	}
	var affixed []string
	lb := strings.ToLower(base)
	for i, ln := range f.lower {
		if len(lb) > len(ln) && strings.HasSuffix(lb, ln) && lb[len(lb)-len(ln)-1] == '-' ||
			len(ln) > len(lb) && strings.HasSuffix(ln, lb) && ln[len(ln)-len(lb)-1] == '-' {
			affixed = append(affixed, f.names[i])
		}
	}
	if len(affixed) == 1 {
		return ` (did you mean "` + affixed[0] + `"?)`
	}
	return ""
}

// joinRel joins a relative link to the folder of the page that holds it.
// inside is false when the result leaves the linted folder; rel is then the
// target's absolute file system path, which only the disk can confirm.
func joinRel(from, dest string) (rel string, inside bool) {
	dir := path.Dir(from)
	joined := path.Join(dir, dest)
	if joined == ".." || strings.HasPrefix(joined, "../") {
		return joined, false
	}
	return joined, true
}

// anchorSet computes a page's anchors once, for whichever page check
// needs them first.
type anchorSet struct {
	once      sync.Once
	set       map[string]bool
	lowerOnce sync.Once
	lower     map[string]string // lower-cased anchor -> the anchor
	listOnce  sync.Once
	list      []string // the anchors, for suggestions
}

// listOf lists the anchors of p, once for all the links that miss one.
func (a *anchorSet) listOf(p *parse.Page) []string {
	a.listOnce.Do(func() { a.list = keys(a.of(p)) })
	return a.list
}

func (a *anchorSet) of(p *parse.Page) map[string]bool {
	a.once.Do(func() { a.set = anchorsOf(p) })
	return a.set
}

// lowerOf maps each anchor of p, lower-cased, to the anchor. Of anchors
// that differ only in case it keeps the first in sort order.
func (a *anchorSet) lowerOf(p *parse.Page) map[string]string {
	a.lowerOnce.Do(func() {
		set := a.of(p)
		a.lower = make(map[string]string, len(set))
		for k := range set {
			l := strings.ToLower(k)
			if prev, ok := a.lower[l]; !ok || k < prev {
				a.lower[l] = k
			}
		}
	})
	return a.lower
}

// anchorsOf lists the anchors a page offers: DocFX heading ids (repeated
// headings get -1, -2, ...) and explicit <a name="x"> / <a id="x"> anchors.
func anchorsOf(p *parse.Page) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	add := func(a string) {
		if n := seen[a]; n > 0 {
			out[a+"-"+strconv.Itoa(n)] = true
		}
		seen[a]++
		out[a] = true
	}
	for _, h := range p.Headings {
		add(resolve.AnchorOf(h.Text))
		if strings.IndexByte(h.Text, '<') >= 0 {
			// "## <a name="delta">Track changes</a>": GitHub and DocFX
			// also give the heading the slug of its text without the tags.
			if t := htmlTagRE.ReplaceAllString(h.Text, ""); t != h.Text {
				add(resolve.AnchorOf(t))
			}
		}
	}
	for _, m := range explicitAnchorRE.FindAllSubmatch(p.Src.Bytes, -1) {
		out[string(m[1])] = true
	}
	return out
}

// htmlTagRE matches an inline HTML tag: <a name="x">, </a>, <br/>.
var htmlTagRE = regexp.MustCompile(`</?[A-Za-z][^<>]*>`)

var explicitAnchorRE = regexp.MustCompile(`(?i)<a\s+(?:[^>]*\s)?(?:name|id)\s*=\s*["']?([^"'\s>]+)`)

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// fileState is what the disk says about a link target.
type fileState int

const (
	onDisk fileState = iota
	onDiskOtherCase
	missing
	unknownFolder // the target's folder does not exist: not ours to judge
)

// diskIndex answers, and caches, questions about files outside the set.
// It is shared by the page checks running in parallel.
type diskIndex struct {
	root string
	mu   sync.Mutex
	dirs map[string][]string // absolute dir -> entry names; nil when absent
}

func newDiskIndex(root string) *diskIndex {
	return &diskIndex{root: root, dirs: map[string][]string{}}
}

// find looks up a path relative to the linted root (it may start with "..").
func (d *diskIndex) find(rel string) fileState {
	abs := filepath.Join(d.root, filepath.FromSlash(rel))
	dir, base := filepath.Split(abs)
	d.mu.Lock()
	names, ok := d.dirs[dir]
	if !ok {
		if es, err := os.ReadDir(dir); err == nil {
			names = make([]string, 0, len(es))
			for _, e := range es {
				names = append(names, e.Name())
			}
		}
		d.dirs[dir] = names
	}
	d.mu.Unlock()
	if names == nil {
		return unknownFolder
	}
	state := missing
	for _, n := range names {
		if n == base {
			return onDisk
		}
		if strings.EqualFold(n, base) {
			state = onDiskOtherCase
		}
	}
	return state
}
