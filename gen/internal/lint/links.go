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
	for _, l := range c.page.Links {
		c.link(l)
	}
}

func (c *checker) link(l parse.Link) {
	dest := strings.TrimSpace(l.Dest)
	if dest == "" || strings.HasPrefix(dest, "#tab/") || c.isInclude(l) {
		return
	}
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	file, anchor, _ := strings.Cut(dest, "#")
	if strings.Contains(file, "://") || strings.HasPrefix(file, "/") || strings.HasPrefix(file, "~") ||
		strings.HasPrefix(strings.ToLower(file), "mailto:") {
		return
	}
	if i := strings.IndexByte(file, '?'); i >= 0 {
		file = file[:i]
	}
	if file != "" && !strings.HasSuffix(strings.ToLower(file), ".md") {
		return
	}
	if file == "" {
		c.anchor(l, c.page, anchor, "this page")
		return
	}
	rel, inside := joinRel(c.page.Src.Path, file)
	if !inside {
		c.outsideLink(l, rel)
		return
	}
	target, _, caseOnly, _ := c.set.LinkTarget(c.page, file)
	if target == nil {
		c.report(l.DestSpan, "broken-link", "link target %s does not exist (no page %s)%s", file, rel, c.didYouMean(rel))
		return
	}
	if caseOnly {
		c.report(l.DestSpan, "link-case", "link to %s finds %s only when case is ignored: spell it as the file is named", file, path.Base(target.Src.Path))
	}
	if anchor != "" {
		c.anchor(l, target, anchor, target.Src.Path)
	}
}

// isInclude reports whether l is the link of a DocFX [!INCLUDE [x](path)].
func (c *checker) isInclude(l parse.Link) bool {
	off := l.Span.Offset()
	before := c.page.Src.Bytes[max(0, off-24):off]
	before = bytes.TrimRight(before, " \t")
	const marker = "[!include"
	return len(before) >= len(marker) && strings.EqualFold(string(before[len(before)-len(marker):]), marker)
}

// anchor checks that page p has a heading or <a name> anchor named anchor.
func (c *checker) anchor(l parse.Link, p *parse.Page, anchor, where string) {
	if anchor == "" || strings.HasPrefix(anchor, "tab/") {
		return
	}
	as := c.anchors[p].of(p)
	if as[anchor] {
		return
	}
	lower := strings.ToLower(anchor)
	for a := range as {
		if strings.ToLower(a) == lower {
			c.report(c.anchorSpan(l), "link-case", "anchor #%s in %s matches #%s only when case is ignored", anchor, where, a)
			return
		}
	}
	c.report(c.anchorSpan(l), "broken-link", "anchor #%s: %s has no heading or <a name> with that anchor%s", anchor, where, suggest(anchor, keys(as)))
}

// anchorSpan narrows a link's destination span to its #anchor part.
func (c *checker) anchorSpan(l parse.Link) diag.Range {
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
func (c *checker) outsideLink(l parse.Link, abs string) {
	switch c.disk.find(abs) {
	case onDisk:
	case onDiskOtherCase:
		c.report(l.DestSpan, "link-case", "link to %s finds a file only when case is ignored: spell it as the file is named", l.Dest)
	case missing:
		c.report(l.DestSpan, "broken-link", "link target %s does not exist (no file %s)", l.Dest, abs)
	}
}

// didYouMean suggests a page of the set whose name is close to rel.
func (c *checker) didYouMean(rel string) string {
	dir, base := path.Split(rel)
	var names []string
	for _, p := range c.set.Pages {
		if pd, pb := path.Split(p.Src.Path); strings.EqualFold(pd, dir) {
			names = append(names, pb)
		}
	}
	if s := closest(base, names); s != "" {
		return ` (did you mean "` + s + `"?)`
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
	once sync.Once
	set  map[string]bool
}

func (a *anchorSet) of(p *parse.Page) map[string]bool {
	a.once.Do(func() { a.set = anchorsOf(p) })
	return a.set
}

// anchorsOf lists the anchors a page offers: DocFX heading ids (repeated
// headings get -1, -2, ...) and explicit <a name="x"> / <a id="x"> anchors.
func anchorsOf(p *parse.Page) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	for _, h := range p.Headings {
		a := resolve.AnchorOf(h.Text)
		if n := seen[a]; n > 0 {
			out[a+"-"+strconv.Itoa(n)] = true
		}
		seen[a]++
		out[a] = true
	}
	for _, m := range explicitAnchorRE.FindAllSubmatch(p.Src.Bytes, -1) {
		out[string(m[1])] = true
	}
	return out
}

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
