package parse

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"gen/gen/internal/diag"
)

// Parse reads one page. path is relative to the input root, slash-separated
// ("api/callrecords-segment-post.md"); it decides the page kind together with
// the front matter's doc_type. Parse never panics on any input: what it cannot
// understand becomes a diagnostic in Page.Diags. The page keeps src: it must
// not change afterwards. A page that is not UTF-8 text keeps a copy with
// U+FFFD for each bad byte instead (see Page.text).
func Parse(path string, src []byte) *Page {
	return parseWith(lean, diag.NewSource(path, src))
}

// parseWith reads one page with the given goldmark parser.
func parseWith(gm parser.Parser, s *diag.Source) (page *Page) {
	page = &Page{Src: s}
	defer func() {
		if r := recover(); r != nil {
			page.Diags.Add(page.Src.Span(0, 0), diag.Error, "parse-error", "internal error while parsing this page: %v", r)
		}
	}()
	if !utf8.ValidString(page.Src.Path) {
		// The path names the generated file and sits in its header, both
		// of which must be UTF-8.
		page.Diags.Add(page.Src.Span(0, 0), diag.Error, "invalid-utf8", "the page's file name is not UTF-8 (%q); the page is left out: rename it", page.Src.Path)
		return page
	}
	if strings.ContainsFunc(page.Src.Path, unicode.IsControl) {
		// A line break in the name would end the generated header's line.
		page.Diags.Add(page.Src.Span(0, 0), diag.Error, "invalid-utf8", "the page's file name has a control character (%q); the page is left out: rename it", page.Src.Path)
		return page
	}
	page.text()
	path, src := page.Src.Path, page.Src.Bytes
	fmEnd := page.frontMatter()
	if at, problem := tooDeep(src); problem != "" {
		page.Diags.Add(page.Src.Span(at, at), diag.Error, "parse-error", "%s; the page is left out", problem)
		page.Kind = pageKind(path, page)
		return page
	}
	pc := parser.NewContext()
	pc.Set(frontMatterKey, fmEnd)
	doc := gm.Parse(text.NewReader(src), parser.WithContext(pc))
	w := &walker{page: page, src: src, skipBefore: fmEnd}
	// Sized up front: growing these slices was a tenth of the parse time.
	n := doc.ChildCount()
	page.Blocks = make([]Block, 0, n)
	page.Headings = make([]Heading, 0, n/4+4)
	page.Links = make([]Link, 0, n/2+8)
	w.walk(doc)
	page.Kind = pageKind(path, page)
	page.extract()
	if page.Kind == Unknown {
		page.unknownKind()
	}
	return page
}

// closingFence reports whether a line (its blockquote markers removed) can
// close a fenced code block: three or more backticks or tildes and nothing
// else, as an info string only opens one ("```json" opens a block).
func closingFence(line string) bool {
	if len(line) < 3 || line[0] != '`' && line[0] != '~' {
		return false
	}
	return strings.Trim(line, line[:1]) == ""
}

// The deepest nesting a page may have: goldmark's time grows with the cube
// of list nesting (2,000 levels took 25 s) and steeply with blockquotes,
// and with the square of the link brackets in one paragraph (50,000 took
// 29 s). No real page comes near: the corpus's deepest line is indented 24
// columns and quoted twice, with one list marker, and its busiest paragraph
// holds 564 brackets.
const (
	maxIndent   = 256  // columns of white space before a list item's marker
	maxQuotes   = 64   // '>' markers before a line's text
	maxMarkers  = 64   // list markers and '>' one after another on a line
	maxBrackets = 2000 // '[' in one paragraph's inline text
)

// tooDeep finds the first list item indented, or line quoted, deeper than
// the parser reads, or paragraph holding more brackets than it reads, and
// says so; "" when none is. Nesting is measured on every line, code
// included (a fence inside a blockquote or a list closes as goldmark
// decides): a code line would have to start with 64 '>' or list markers, or
// with one after 256 columns, to count, which no code does. Brackets are
// counted in paragraphs, each list item and table row apart, outside fences.
func tooDeep(src []byte) (at int, problem string) {
	brackets, para, inPara, fenced := 0, 0, false, false
	// Few pages hold that many brackets in all: the others need no count.
	countBrackets := bytes.Count(src, []byte("[")) > maxBrackets
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		cols, quotes, markers, i := 0, 0, 0, start
	prefix:
		for i < end {
			switch src[i] {
			case ' ':
				cols++
			case '\t':
				cols += 4 - cols%4
			case '>':
				quotes++
				markers++
				cols++
			default:
				// "- - - x" nests a list in a list on one line; "- - -"
				// alone is a thematic break.
				n := listMarkerLen(src[i:end])
				if n == 0 || thematicBreak(src[i:end]) {
					break prefix
				}
				if cols > maxIndent {
					return start, fmt.Sprintf("a list item indented %d columns, nested deeper than the %d the parser reads", cols, maxIndent)
				}
				markers++
				cols += n
				i += n
				continue
			}
			i++
		}
		switch {
		case quotes > maxQuotes:
			return start, fmt.Sprintf("a line nested in %d blockquotes, more than the %d the parser reads", quotes, maxQuotes)
		case markers > maxMarkers:
			return start, fmt.Sprintf("a line opening %d lists and blockquotes, nested deeper than the %d the parser reads", markers, maxMarkers)
		}
		rest := src[i:end]
		switch {
		case !countBrackets:
		case bytes.HasPrefix(rest, []byte("```")) || bytes.HasPrefix(rest, []byte("~~~")):
			// Code is no inline text: its brackets (a JSON array of
			// arrays) cost nothing.
			fenced, brackets, inPara = !fenced, 0, false
		case fenced:
		case i == end || markers > quotes || rest[0] == '|':
			// A blank line ends the paragraph; a list item or a table row
			// starts inline text of its own.
			brackets, inPara = 0, false
			fallthrough
		default:
			if i == end {
				break
			}
			if !inPara {
				para, inPara = start, true
			}
			brackets += bytes.Count(rest, []byte("["))
			if brackets > maxBrackets {
				return para, fmt.Sprintf("a paragraph holding more than %d [ brackets, more than the parser reads", maxBrackets)
			}
		}
		start = end + 1
	}
	return 0, ""
}

// thematicBreak reports whether a line's text is a thematic break: three or
// more of one of -, * or _, with spaces between them and nothing else.
func thematicBreak(text []byte) bool {
	n := 0
	for _, c := range text {
		switch {
		case c == text[0] && (c == '-' || c == '*' || c == '_'):
			n++
		case c == ' ' || c == '\t' || c == '\r':
		default:
			return false
		}
	}
	return n >= 3
}

// listMarkerLen is the length of the list item marker a line's text starts
// with, -, + or * or a number and . or ), with the space after it; 0 when
// it starts with none.
func listMarkerLen(text []byte) int {
	if !listMarker(text) {
		return 0
	}
	i := 1
	if text[0] >= '0' && text[0] <= '9' {
		i = bytes.IndexAny(text, ".)") + 1
	}
	for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
		i++
	}
	return i
}

// listMarker reports whether a line's text starts with a list item's
// marker: -, + or * or a number and . or ), then a space or the line's end.
func listMarker(text []byte) bool {
	i := 0
	switch {
	case len(text) > 0 && (text[0] == '-' || text[0] == '+' || text[0] == '*'):
		i = 1
	default:
		for i < len(text) && i < 9 && text[i] >= '0' && text[i] <= '9' {
			i++
		}
		if i == 0 || i == len(text) || text[i] != '.' && text[i] != ')' {
			return false
		}
		i++
	}
	return i == len(text) || text[i] == ' ' || text[i] == '\t' || text[i] == '\r'
}

// frontMatter reads the leading "---" block and returns the offset where
// the markdown after it starts (0 without front matter). goldmark still sees
// the block (as a thematic break and a setext heading); the walker skips
// blocks that start before that offset, so the page needs no copy.
func (p *Page) frontMatter() int {
	src := p.Src.Bytes
	if !bytes.HasPrefix(src, []byte("---")) {
		return 0
	}
	firstEnd := bytes.IndexByte(src, '\n')
	if firstEnd < 0 || strings.TrimSpace(p.Src.Text(0, firstEnd)) != "---" {
		return 0
	}
	off := firstEnd + 1
	end := -1
	for off < len(src) {
		nl := bytes.IndexByte(src[off:], '\n')
		lineEnd := len(src)
		if nl >= 0 {
			lineEnd = off + nl
		}
		line := strings.TrimRight(p.Src.Text(off, lineEnd), "\r")
		if strings.TrimSpace(line) == "---" {
			end = lineEnd
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "#") {
			vStart := off + len(k) + 1
			trimmed := strings.TrimSpace(v)
			lead := len(v) - len(strings.TrimLeft(v, " \t"))
			vs := vStart + lead
			p.FrontMatter = append(p.FrontMatter, Field{
				Key:   strings.TrimSpace(k),
				Value: Text{Text: strings.Trim(trimmed, `"'`), Span: p.Src.Range(vs, vs+len(trimmed))},
				Span:  p.Src.Range(off, lineEnd),
			})
		}
		off = lineEnd + 1
	}
	if end < 0 {
		p.Diags.Add(p.Src.Range(0, 3), diag.Error, "unclosed-block", "front matter starts with --- but is never closed")
		p.FrontMatter = nil
		return 0
	}
	return end
}

// Meta returns a front-matter value, "" if absent.
func (p *Page) Meta(key string) string {
	if f := p.field(key); f != nil {
		return f.Value.Text
	}
	return ""
}

// OperationPath tells whether a page's relative path makes it an operation
// page whatever it holds: it lies in an api folder.
func OperationPath(path string) bool {
	return strings.HasPrefix(path, "api/") || strings.Contains(path, "/api/")
}

// pageKind trusts the folder first (api/, resources/), as the Graph docs lay
// pages out; doc_type decides for pages elsewhere, since some pages carry a
// copied doc_type that contradicts their folder.
func pageKind(path string, p *Page) Kind {
	switch {
	case OperationPath(path):
		return Operation
	case strings.HasPrefix(path, "resources/") || strings.Contains(path, "/resources/"):
		return Resource
	}
	kind, _ := docTypeKind(p.Meta("doc_type"))
	return kind
}

// docTypes are the doc_type values gen knows, as the Graph docs spell them,
// and the kind of page each says (a conceptual page is of none).
var docTypes = []struct {
	name string
	kind Kind
}{
	{"apiPageType", Operation}, {"resourcePageType", Resource}, {"enumPageType", Resource},
	{"complexTypePageType", Resource}, {"conceptualPageType", Unknown},
}

// docTypeKind is the kind of page a doc_type says, in any letter case, and
// whether gen knows it.
func docTypeKind(docType string) (Kind, bool) {
	for _, d := range docTypes {
		if strings.EqualFold(d.name, docType) {
			return d.kind, true
		}
	}
	return Unknown, false
}

// docTypeNames lists the doc_type values gen knows, for messages.
func docTypeNames() string {
	names := make([]string, len(docTypes))
	for i, d := range docTypes {
		names[i] = d.name
	}
	return strings.Join(names, ", ")
}

// unknownKind reports a page of no kind, so that no page is left out without
// a word: one whose doc_type gen does not know (an error when request lines
// or property rows are lost with it, else a warning, as it may be a misspelt
// conceptualPageType), and one outside the api and resources folders without
// doc_type whose request lines or property rows are lost. A page that says it
// is conceptual, or one of prose alone, such as an overview, is not reported.
func (p *Page) unknownKind() {
	lost := ""
	switch {
	case len(p.Requests) > 0 && slices.ContainsFunc(p.Code, func(cb *CodeBlock) bool { return cb.Section == "http request" }):
		// Request lines of an HTTP request section; not a sample call in
		// an article, which the fallback for operation pages reads too.
		lost = "its HTTP request lines are left out"
	case slices.ContainsFunc(p.Tables, func(t *Table) bool {
		return (t.Section == "properties" || t.Section == "relationships") && t.Column("Type") >= 0 && len(t.Rows) > 0
	}):
		lost = "its property rows are left out"
	}
	f := p.field("doc_type")
	if f != nil && f.Value.Text == "" {
		f = nil // "doc_type:" with no value says no more than none
	}
	known := true
	if f != nil {
		_, known = docTypeKind(f.Value.Text)
	}
	switch {
	case f == nil && lost != "":
		p.Diags.Add(p.Src.Range(0, 0), diag.Error, "unknown-page-kind",
			"the page lies outside the api and resources folders and its front matter has no doc_type, so it is read as neither an operation nor a type page: %s; move it into an api or resources folder or set doc_type to apiPageType or resourcePageType", lost)
	case f == nil, known:
	case lost != "":
		p.Diags.Add(f.Value.Span, diag.Error, "unknown-page-kind",
			"doc_type %q is none gen knows (%s), so the page is read as neither an operation nor a type page: %s", f.Value.Text, docTypeNames(), lost)
	default:
		p.Diags.Add(f.Value.Span, diag.Warning, "unknown-page-kind",
			"doc_type %q is none gen knows (%s), so the page is read as neither an operation nor a type page and left out", f.Value.Text, docTypeNames())
	}
}

// field returns a front-matter field, nil if absent.
func (p *Page) field(key string) *Field {
	for i := range p.FrontMatter {
		if p.FrontMatter[i].Key == key {
			return &p.FrontMatter[i]
		}
	}
	return nil
}

type walker struct {
	page       *Page
	src        []byte
	section    string // current H2, normalized
	subsection string // current H3 as written
	pending    *Annotation
	skipBefore int    // the end of the front matter
	cells      []Cell // the cells of the table being read
	quoted     int    // how many blockquotes the block being read is in
	h2Section  string // the section the last H2 opened, normalized
}

func (w *walker) span(start, end int) diag.Range { return w.page.Src.Range(start, end) }

// text is the page's source between two offsets, shared, not copied.
func (w *walker) text(start, end int) string { return w.page.Src.Text(start, end) }

func (w *walker) walk(doc ast.Node) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if w.skipBefore > 0 {
			if start, _ := blockRange(n); start < w.skipBefore {
				continue // part of the front matter
			}
			w.skipBefore = 0 // blocks come in order: the rest are past it
		}
		w.block(n)
	}
}

// blockRange is the byte range a block covers.
func blockRange(n ast.Node) (int, int) {
	switch t := n.(type) {
	case *ast.Text:
		return t.Segment.Start, t.Segment.Stop
	case *plainLines:
		return t.span()
	}
	if n.Type() == ast.TypeBlock {
		lines := n.Lines()
		if lines != nil && lines.Len() > 0 {
			return lines.At(0).Start, lines.At(lines.Len() - 1).Stop
		}
	}
	start, end := -1, -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		s, e := blockRange(c)
		if s >= 0 && (start < 0 || s < start) {
			start = s
		}
		if e > end {
			end = e
		}
	}
	if start < 0 && n.Pos() >= 0 {
		return n.Pos(), n.Pos()
	}
	return start, end
}

// lineStart moves an offset back to the start of its line.
func (w *walker) lineStart(off int) int {
	if off <= 0 {
		return off
	}
	return bytes.LastIndexByte(w.src[:off], '\n') + 1
}

func (w *walker) lineEnd(off int) int {
	if off >= len(w.src) {
		return off
	}
	if i := bytes.IndexByte(w.src[off:], '\n'); i >= 0 {
		return off + i
	}
	return len(w.src)
}

func (w *walker) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		w.heading(n)
	case *ast.FencedCodeBlock:
		w.code(n, true)
	case *ast.CodeBlock:
		w.code(n, false)
	case *ast.HTMLBlock:
		w.html(n)
	case *east.Table:
		w.table(n)
	case *ast.Paragraph, *ast.TextBlock:
		w.prose(n)
	case *ast.Blockquote:
		// A quote is an aside (the beta disclaimer, a note), not the
		// page's description; its children are blocks in their own right.
		w.quoted++
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c)
		}
		w.quoted--
	case *ast.List, *ast.ListItem:
		// Containers: their children are prose, code or tables in their own right.
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c)
		}
	case *ast.ThematicBreak:
	default:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.block(c)
		}
	}
}

func (w *walker) heading(n *ast.Heading) {
	start, end := blockRange(n)
	if start < 0 {
		return
	}
	ls := w.lineStart(start)
	le := w.lineEnd(end)
	txt := strings.TrimSpace(plainText(n, w.page.Src))
	h := Heading{Level: n.Level, Text: txt, Span: w.span(ls, le)}
	if l, ok := n.FirstChild().(*ast.Link); ok && strings.HasPrefix(string(l.Destination), "#tab/") {
		h.TabMarker = true
	} else {
		h.Closes = w.section
	}
	w.page.Headings = append(w.page.Headings, h)
	w.linksIn(n, start, end)
	if h.TabMarker {
		return
	}
	w.page.Blocks = append(w.page.Blocks, Block{Kind: HeadingBlock, Span: h.Span, Section: w.section})
	switch {
	case n.Level == 1 && w.page.Title.Text == "":
		w.page.Title = Text{Text: txt, Span: w.span(start, end)}
		w.section, w.subsection = "", ""
	case n.Level <= 2:
		w.section, w.subsection = normalizeSection(txt), ""
		w.h2Section = w.section
	case n.Level == 3:
		w.subsection = txt
		if w.section != w.h2Section && w.section == "request body" {
			w.section = w.h2Section // a "### Request body" ends at the next H3
		}
		// "### HTTP request" under another H2 still opens a request
		// section, and "### Request body" under "## HTTP request" (or its
		// headers) the body's, until the next H3.
		switch s := normalizeSection(txt); {
		case s == "http request" || w.section == "":
			w.section = s
		case s == "request body" && (w.section == "http request" || w.section == "request headers"):
			w.section = s
		}
	}
	w.pending = nil
}

// commonSections are the H2s most pages have, lower-cased.
var commonSections = []string{"properties", "relationships", "json representation", "methods", "http request",
	"request headers", "request body", "response", "examples", "permissions", "optional query parameters",
	"path parameters", "see also"}

// normalizeSection lowercases a heading and folds its spacing, so
// "HTTP Request" and "HTTP request" are one section.
func normalizeSection(s string) string {
	s = foldSpace(s)
	// The usual sections, without a lowered copy.
	for _, known := range commonSections {
		if EqualLower(s, known) {
			s = known
			break
		}
	}
	return sectionName(strings.ToLower(s))
}

// sectionName maps a lowered heading to the section it names.
func sectionName(s string) string {
	s = strings.TrimSuffix(s, ":")
	if strings.HasPrefix(s, "http request") {
		return "http request" // "HTTP Requests", "HTTP request (to upload a new file)"
	}
	switch s {
	case "example":
		return "examples"
	case "request headers", "request header":
		return "request headers"
	case "properties", "property":
		return "properties"
	}
	return s
}

func (w *walker) prose(n ast.Node) {
	start, end := blockRange(n)
	if start < 0 {
		return
	}
	sp := w.span(start, end)
	w.page.Blocks = append(w.page.Blocks, Block{Kind: ProseBlock, Span: sp, Section: w.section})
	w.linksIn(n, start, end)
	// Most paragraphs are only blocks; their text is worked out only where a
	// fact may be in it.
	needNamespace := w.page.Namespace.Text == "" && strings.Contains(w.text(start, end), "Namespace")
	needDescription := w.page.Description.Text == "" && w.page.Title.Text != "" && w.section == "" && w.quoted == 0
	if !needNamespace && !needDescription && w.section != "response" {
		return
	}
	txt := plainText(n, w.page.Src)
	if needNamespace {
		if i := strings.Index(txt, "Namespace:"); i >= 0 && i < 3 {
			ns := strings.TrimSpace(txt[i+len("Namespace:"):])
			if f := strings.Fields(ns); len(f) > 0 {
				ns = f[0]
				raw := w.text(start, end)
				off := start + strings.Index(raw, ns)
				if strings.Index(raw, ns) < 0 {
					off = start
				}
				w.page.Namespace = Text{Text: ns, Span: w.span(off, off+len(ns))}
			}
		}
	}
	if needDescription && !strings.HasPrefix(txt, "Namespace:") && !strings.HasPrefix(txt, "[!") {
		w.page.Description = Text{Text: strings.Join(strings.Fields(txt), " "), Span: sp}
	}
	switch w.section {
	case "response":
		w.page.Response.Text += txt + "\n"
		if !w.page.Response.Span.IsValid() {
			w.page.Response.Span = sp
		}
	}
}

// linksIn records every link below n, whose text lies between start and
// end: none when no '[' is there, the only way a link starts.
func (w *walker) linksIn(n ast.Node, start, end int) {
	if strings.IndexByte(w.text(start, end), '[') >= 0 {
		w.links(n)
	}
}

// links records every link below n.
func (w *walker) links(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if l, ok := c.(*ast.Link); ok {
			w.page.Links = append(w.page.Links, w.link(l))
		} else if c.HasChildren() {
			w.links(c)
		}
	}
}

func (w *walker) link(l *ast.Link) Link {
	start := l.Pos()
	txt := plainText(l, w.page.Src)
	destBytes := l.Destination
	dest := ""
	// Find "](" after the text and the destination in the source, to point at it.
	end := start
	destSpan := diag.Range{}
	if start >= 0 && start < len(w.src) {
		_, te := blockRange(l)
		if te < start {
			te = start
		}
		rest := w.src[te:min(len(w.src), te+len(destBytes)+64)]
		if i := bytes.Index(rest, []byte("](")); i >= 0 && i < 4 {
			ds := te + i + 2
			di := bytes.Index(w.src[ds:min(len(w.src), ds+len(destBytes)+16)], destBytes)
			if di >= 0 {
				dest = w.text(ds+di, ds+di+len(destBytes)) // the same bytes, shared
				destSpan = w.span(ds+di, ds+di+len(destBytes))
				end = ds + di + len(destBytes)
				if end < len(w.src) && w.src[end] == ')' {
					end++
				}
			}
		} else {
			end = te
			if i := bytes.IndexByte(rest, ']'); i >= 0 {
				end = te + i + 1
			}
		}
	} else {
		start = 0
	}
	sp := w.span(start, end)
	if !destSpan.IsValid() {
		destSpan = sp
		dest = string(destBytes)
	}
	return Link{Text: txt, Dest: dest, Span: sp, DestSpan: destSpan}
}

func (w *walker) html(n *ast.HTMLBlock) {
	start, end := blockRange(n)
	if n.HasClosure() {
		end = n.ClosureLine.Stop
	}
	if start < 0 {
		return
	}
	raw := w.text(start, end)
	trimmed := strings.TrimSpace(raw)
	if !strings.HasPrefix(trimmed, "<!--") {
		w.page.Blocks = append(w.page.Blocks, Block{Kind: ProseBlock, Span: w.span(start, end), Section: w.section})
		return
	}
	c := &Comment{Raw: raw, Span: w.span(start, end), Closed: strings.Contains(raw[strings.Index(raw, "<!--")+4:], "-->")}
	w.page.Comments = append(w.page.Comments, c)
	if !c.Closed {
		w.page.Diags.Add(c.Span, diag.Error, "unclosed-block", "HTML comment is never closed with -->")
	}
	open := strings.Index(raw, "<!--") + 4
	// The comment closes at the first "-->" after its opening ("<!-->" is
	// an opening and a stray ">", not an empty comment).
	closeAt := strings.Index(raw[open:], "-->")
	if closeAt < 0 {
		closeAt = len(raw)
	} else {
		closeAt += open
	}
	body := raw[open:closeAt]
	jsonStart := strings.IndexAny(body, "{")
	if jsonStart < 0 || strings.TrimSpace(body[:jsonStart]) != "" {
		return
	}
	js := body[jsonStart:]
	a := &Annotation{Comment: c, JSON: js, Offset: start + open + jsonStart}
	a.Value, a.Problems = ParseLenient(js)
	if a.Value != nil && a.Value.Kind == ObjectValue {
		a.BlockType = a.String("blockType")
		switch v := a.Key("name"); {
		case v == nil:
		case v.Kind == StringValue:
			a.Names = []string{v.Str}
		case v.Kind == ArrayValue:
			for _, e := range v.Elems {
				if e.Kind == StringValue {
					a.Names = append(a.Names, e.Str)
				}
			}
		}
	}
	if a.String("type") == "#page.annotation" {
		w.page.PageAnnotation = a
		return
	}
	if a.BlockType == "resource" && w.page.Annotation == nil {
		w.page.Annotation = a
	}
	w.pending = a
}

func (w *walker) code(n ast.Node, fenced bool) {
	cb := &CodeBlock{Fenced: fenced, Section: w.section, Subsection: w.subsection, Closed: true}
	lines := n.Lines()
	cb.Content = w.linesText(lines)
	if lines.Len() > 0 {
		cb.ContentStart = lines.At(0).Start
	}
	start := cb.ContentStart
	end := start + len(cb.Content)
	if lines.Len() > 0 {
		// Where the last line ends in the page: the content's length is
		// not it, short of it for a fence whose indentation in a list item
		// goldmark strips, past it for tabs it pads to spaces.
		end = lines.At(lines.Len() - 1).Stop
	}
	if fc, ok := n.(*ast.FencedCodeBlock); ok {
		if fc.Info != nil {
			cb.Info = strings.TrimSpace(w.text(fc.Info.Segment.Start, fc.Info.Segment.Stop))
		}
		// The fence line precedes the content; find it for the span.
		fenceStart := fc.Pos()
		if fenceStart < 0 || fenceStart > start && lines.Len() > 0 {
			fenceStart = start
		}
		if lines.Len() == 0 {
			if fc.Info != nil {
				fenceStart = w.lineStart(fc.Info.Segment.Start)
			}
			cb.ContentStart = w.lineEnd(fenceStart) + 1
			start = cb.ContentStart
			end = start
		}
		if lines.Len() > 0 {
			fenceStart = w.prevLineStart(start)
		}
		closeStart := w.skipBlank(end)
		closeEnd := w.lineEnd(closeStart)
		// A fence inside a blockquote closes behind its markers.
		closing := strings.TrimSpace(strings.TrimLeft(w.text(closeStart, closeEnd), "> \t"))
		if closingFence(closing) {
			end = closeEnd
		} else {
			cb.Closed = false
			w.page.Diags.Add(w.span(fenceStart, w.lineEnd(fenceStart)), diag.Error, "unclosed-block", "code block is never closed: its fence runs to the end of the page")
		}
		start = fenceStart
	}
	cb.Span = w.span(start, end)
	if w.pending != nil {
		cb.Annotation = w.pending
		w.pending = nil
	}
	w.page.Code = append(w.page.Code, cb)
}

// linesText joins a block's lines. Lines that follow each other in the source
// with nothing stripped (the usual code block) are one shared piece of it.
func (w *walker) linesText(lines *text.Segments) string {
	n := lines.Len()
	if n == 0 {
		return ""
	}
	contiguous := true
	for i := 0; i < n; i++ {
		seg := lines.At(i)
		if seg.Padding != 0 || i > 0 && seg.Start != lines.At(i-1).Stop {
			contiguous = false
			break
		}
	}
	if contiguous {
		return w.text(lines.At(0).Start, lines.At(n-1).Stop)
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		seg := lines.At(i)
		b.Write(seg.Value(w.src))
	}
	return b.String()
}

func (w *walker) prevLineStart(off int) int {
	ls := w.lineStart(off)
	if ls == 0 {
		return 0
	}
	return w.lineStart(ls - 1)
}

func (w *walker) skipBlank(off int) int {
	for off < len(w.src) && (w.src[off] == '\n' || w.src[off] == ' ' || w.src[off] == '\r' || w.src[off] == '\t') {
		if w.src[off] == '\n' {
			// content ends with a newline; the closing fence is on the next line
			off++
			return off
		}
		off++
	}
	return off
}

func (w *walker) table(n *east.Table) {
	t := &Table{Section: w.section, Subsection: w.subsection, Rows: make([]Row, 0, n.ChildCount())}
	// One allocation holds the cells of every row.
	cells := 0
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		if pr, ok := r.(*plainRow); ok {
			cells += len(pr.cells)
		} else {
			cells += r.ChildCount()
		}
	}
	w.cells = make([]Cell, 0, cells)
	first, last := -1, -1
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		row := w.row(r)
		if first < 0 {
			first = w.lineStart(row.Span.Offset())
		}
		last = row.Span.EndOffset()
		if isHeaderRow(r) {
			t.Header = row.Cells
			continue
		}
		t.Rows = append(t.Rows, row)
	}
	if first < 0 {
		return
	}
	t.Span = w.span(first, last)
	w.page.Tables = append(w.page.Tables, t)
	w.page.Blocks = append(w.page.Blocks, Block{Kind: TableBlock, Span: t.Span, Section: w.section})
}

// isHeaderRow reports whether r is a table's header: the extension's header
// node, or a plainRow marked as one.
func isHeaderRow(r ast.Node) bool {
	switch r := r.(type) {
	case *east.TableHeader:
		return true
	case *plainRow:
		return r.header
	}
	return false
}

func (w *walker) row(r ast.Node) Row {
	ls := r.Pos()
	if ls < 0 {
		ls, _ = blockRange(r)
	}
	if ls < 0 {
		ls = 0
	}
	ls = w.lineStart(ls)
	le := w.lineEnd(ls)
	first := len(w.cells)
	if pr, ok := r.(*plainRow); ok {
		for _, seg := range pr.cells {
			start, stop := plainLineText(seg, w.src)
			w.cells = append(w.cells, Cell{Span: w.span(seg.Start, seg.Stop), Text: strings.TrimSpace(w.text(start, stop))})
		}
	}
	for c := r.FirstChild(); c != nil; c = c.NextSibling() {
		cell := Cell{}
		seg, ok := inlineLine(c)
		if ok {
			cell.Span = w.span(seg.Start, seg.Stop)
		} else {
			cell.Span = w.span(le, le)
		}
		cell.Text = strings.TrimSpace(plainText(c, w.page.Src))
		before := len(w.page.Links)
		if ok {
			w.linksIn(c, seg.Start, seg.Stop)
		}
		if n := len(w.page.Links); n > before {
			// The page's own slice, capped so no append can reach past the cell.
			cell.Links = w.page.Links[before:n:n]
		}
		w.cells = append(w.cells, cell)
	}
	return Row{Span: w.span(ls, le), Cells: w.cells[first:len(w.cells):len(w.cells)]}
}

// CountCells counts the table cells of line as goldmark's table parser
// splits a row: an optional leading and trailing pipe, then every pipe not
// preceded by a backslash. Block-quote markers before the row are skipped.
// It also returns the byte offset in line where cell number nth (from 0)
// starts, when there is one.
func CountCells(line string, nth int) (n, at int) {
	start, end, ok := rowCells(line)
	if !ok {
		return 0, 0
	}
	if nth == 0 {
		at = start
	}
	n = 1
	for i := start; ; i++ {
		j := strings.IndexByte(line[i:end], '|')
		if j < 0 {
			return n, at
		}
		if i += j; i == 0 || line[i-1] != '\\' {
			if n == nth {
				at = i + 1
			}
			n++
		}
	}
}

// rowCells is where a row's cells lie in line: after block-quote markers,
// indentation and an opening pipe, before trailing space and a closing pipe
// that is not escaped. ok is false for a blank line.
func rowCells(line string) (start, end int, ok bool) {
	for start < len(line) && (line[start] == ' ' || line[start] == '\t' || line[start] == '>') {
		start++
	}
	end = len(line)
	for end > start && (line[end-1] == ' ' || line[end-1] == '\t' || line[end-1] == '\r') {
		end--
	}
	if start >= end {
		return 0, 0, false
	}
	if line[start] == '|' {
		start++
	}
	if end > start && line[end-1] == '|' && (end-2 < start || line[end-2] != '\\') {
		end--
	}
	return start, end, true
}

// plainText is the text of n as it renders, markup removed: a backslash
// escape is the character it escapes ("x\|y" in a table cell is "x|y"),
// except in code spans, where CommonMark keeps backslashes (GFM's "\|"
// there is undone by the table extension).
func plainText(n ast.Node, s *diag.Source) string {
	src := s.Bytes
	// The common case, one text node (maybe inside emphasis, a code span or
	// a link: "**Int32**"), needs no builder and no copy.
	only := n.FirstChild()
	code := false
	for only != nil && only.NextSibling() == nil && only.FirstChild() != nil {
		if _, ok := only.(*ast.AutoLink); ok {
			break
		}
		code = code || only.Kind() == ast.KindCodeSpan
		only = only.FirstChild()
	}
	if t, ok := only.(*ast.Text); ok && t.NextSibling() == nil && t.Segment.Padding == 0 && !t.SoftLineBreak() && !t.HardLineBreak() {
		if code || t.IsRaw() {
			return s.Text(t.Segment.Start, t.Segment.Stop)
		}
		return unescape(s.Text(t.Segment.Start, t.Segment.Stop))
	}
	if p, ok := n.(*plainLines); ok {
		only = p
	}
	if p, ok := only.(*plainLines); ok && p.count() == 1 {
		return s.Text(plainLineText(p.line(0), src)) // no backslash: not plain
	}
	var b strings.Builder
	b.Grow(plainLen(n, src)) // one allocation, not one per doubling
	writePlain(&b, n, src, false)
	return b.String()
}

// unescape drops the backslash of each backslash escape in text outside
// code: a backslash before ASCII punctuation, as CommonMark defines it.
// Text without a backslash, nearly all, is returned as it is.
func unescape(text string) string {
	i := strings.IndexByte(text, '\\')
	if i < 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) - 1)
	b.WriteString(text[:i])
	for ; i < len(text); i++ {
		if text[i] == '\\' && i+1 < len(text) && isASCIIPunct(text[i+1]) {
			i++
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// isASCIIPunct reports whether c is ASCII punctuation, which CommonMark
// lets a backslash escape: !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~.
func isASCIIPunct(c byte) bool {
	return '!' <= c && c <= '/' || ':' <= c && c <= '@' || '[' <= c && c <= '`' || '{' <= c && c <= '~'
}

// plainLen is the length of what writePlain writes for n, at most (an
// escape's backslash is counted).
func plainLen(n ast.Node, src []byte) int {
	size := 0
	switch c := n.(type) {
	case *ast.Text:
		size = c.Segment.Len()
		if c.SoftLineBreak() || c.HardLineBreak() {
			size++
		}
	case *ast.String:
		size = len(c.Value)
	case *ast.RawHTML:
		for i := 0; i < c.Segments.Len(); i++ {
			seg := c.Segments.At(i)
			size += seg.Len()
		}
	case *ast.AutoLink:
		size = len(c.URL(src))
	case *plainLines:
		for i := 0; i < c.count(); i++ {
			seg := c.line(i)
			size += seg.Len()
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		size += plainLen(c, src)
	}
	return size
}

// writePlain writes the text of n to b; code is true inside a code span,
// where backslashes are text.
func writePlain(b *strings.Builder, n ast.Node, src []byte, code bool) {
	switch c := n.(type) {
	case *ast.Text:
		if seg := c.Segment.Value(src); code || c.IsRaw() || bytes.IndexByte(seg, '\\') < 0 {
			b.Write(seg)
		} else {
			b.WriteString(unescape(string(seg)))
		}
		if c.SoftLineBreak() || c.HardLineBreak() {
			b.WriteByte('\n')
		}
	case *ast.String:
		b.Write(c.Value)
	case *ast.RawHTML:
		for i := 0; i < c.Segments.Len(); i++ {
			seg := c.Segments.At(i)
			b.Write(seg.Value(src))
		}
	case *ast.AutoLink:
		b.Write(c.URL(src))
	case *plainLines:
		// Each line as the inline pass makes a line with no markup: less
		// trailing space, with a line break where it had one.
		for i := 0; i < c.count(); i++ {
			seg := c.line(i)
			start, stop := plainLineText(seg, src)
			b.Write(src[start:stop])
			if seg.Stop > seg.Start && src[seg.Stop-1] == '\n' {
				b.WriteByte('\n')
			}
		}
	}
	code = code || n.Kind() == ast.KindCodeSpan
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writePlain(b, c, src, code)
	}
}

func equalFold(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), b) }
