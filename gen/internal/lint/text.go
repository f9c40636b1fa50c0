package lint

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gen/gen/internal/parse"
)

// templateText reports template placeholders in front matter values and in
// prose, tables and headings: "**TODO: Add Description**" (one finding for
// the bold run), "TODO:", "Not yet documented" in any case. Code blocks and
// HTML comments are not text the reader sees, so they are not checked.
func (c *checker) templateText() {
	src := c.page.Src.Bytes
	// Most pages hold none of the phrases: find them once in the whole page,
	// by their rarest letters, then scan only the blocks that hold one.
	todo := occurrences(src, "ODO", "T")
	nyd := notYetDocumentedAt(src)
	if len(todo) == 0 && len(nyd) == 0 {
		return
	}
	scan := func(start, end int) {
		text := src[start:end]
		hasTODO := within(todo, 4, start, end)
		// The scan looks for "not yet documented" in any case when the
		// text holds "ocumented" or "OCUMENTED".
		hasDoc := within(nyd, len(notYetDocumented), start, end) &&
			(bytes.Contains(text, []byte("ocumented")) || bytes.Contains(text, []byte("OCUMENTED")))
		if hasTODO || hasDoc {
			c.templateIn(start, text, hasTODO, hasDoc)
		}
	}
	for _, f := range c.page.FrontMatter {
		scan(f.Value.Span.Offset(), f.Value.Span.EndOffset())
	}
	for _, b := range c.page.Blocks {
		scan(b.Span.Offset(), b.Span.EndOffset())
	}
}

// occurrences lists the offsets where before+word starts in b, in order.
func occurrences(b []byte, word, before string) []int {
	var out []int
	for i := 0; ; i++ {
		j := bytes.Index(b[i:], []byte(word))
		if j < 0 {
			return out
		}
		i += j
		if at := i - len(before); at >= 0 && string(b[at:i]) == before {
			out = append(out, at)
		}
	}
}

// notYetDocumentedAt lists, in order, the offsets where "not yet
// documented" starts in b in any ASCII case, found by its y.
func notYetDocumentedAt(b []byte) []int {
	const y = 4 // "not yet documented"[y] == 'y'
	var out []int
	for _, c := range []byte{'y', 'Y'} {
		for i := 0; ; i++ {
			j := bytes.IndexByte(b[i:], c)
			if j < 0 {
				break
			}
			i += j
			if at := i - y; at >= 0 && at+len(notYetDocumented) <= len(b) && asciiEqualFoldBytes(b[at:at+len(notYetDocumented)], notYetDocumented) {
				out = append(out, at)
			}
		}
	}
	sort.Ints(out)
	return out
}

// asciiEqualFoldBytes reports whether b equals lower (lower-case ASCII)
// ignoring the case of ASCII letters only.
func asciiEqualFoldBytes(b, lower []byte) bool {
	if len(b) != len(lower) {
		return false
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// within reports whether one of the sorted offsets at starts a phrase of n
// bytes that lies inside [start, end): whether b[start:end] contains it.
func within(at []int, n, start, end int) bool {
	i := sort.SearchInts(at, start)
	return i < len(at) && at[i]+n <= end
}

var notYetDocumented = []byte("not yet documented")

// templateIn scans text, which starts at byte off of the page: for "TODO"
// when it holds one (hasTODO), for "not yet documented" in any case when it
// holds one and "ocumented" or "OCUMENTED" (hasDoc). It is a
// hand-written scan: a regular expression over every block of thousands of
// pages costs more than the rest of the checks together.
func (c *checker) templateIn(off int, text []byte, hasTODO, hasDoc bool) {
	lower := []byte(nil)
	if hasDoc {
		lower = asciiLower(text)
		if !bytes.Contains(lower, notYetDocumented) {
			lower = nil
		}
	}
	if !hasTODO && lower == nil {
		return
	}
	comments := commentRanges(text)
	inComment := func(i int) bool {
		for _, r := range comments {
			if r[0] <= i && i < r[1] {
				return true
			}
		}
		return false
	}
	var found [][2]int
	for i := 0; hasTODO && i < len(text); {
		j := bytes.Index(text[i:], []byte("TODO"))
		if j < 0 {
			break
		}
		at := i + j
		end := at + 4
		switch {
		case at >= 2 && text[at-2] == '*' && text[at-1] == '*' && (end == len(text) || !parse.IsWordByte(text[end])):
			at -= 2
			stop := bytes.IndexAny(text[end:], "*\n")
			switch {
			case stop < 0:
				end = len(text)
			case text[end+stop] == '*':
				end += stop
				if end+1 < len(text) && text[end+1] == '*' {
					end += 2
				}
			default:
				end += stop
			}
		case end < len(text) && text[end] == ':' && (at == 0 || !parse.IsWordByte(text[at-1])):
			end++
		default:
			i = end
			continue
		}
		if !inComment(at) {
			found = append(found, [2]int{at, end})
		}
		i = end
	}
	for i := 0; lower != nil && i < len(lower); {
		j := bytes.Index(lower[i:], notYetDocumented)
		if j < 0 {
			break
		}
		at, end := i+j, i+j+len(notYetDocumented)
		if (at == 0 || !parse.IsWordByte(lower[at-1])) && (end == len(lower) || !parse.IsWordByte(lower[end])) && !inComment(at) {
			found = append(found, [2]int{at, end})
		}
		i = end
	}
	sort.Slice(found, func(a, b int) bool { return found[a][0] < found[b][0] })
	for _, m := range found {
		c.report(c.span(off+m[0], off+m[1]), "template-placeholder",
			"unfilled template text %s: replace it with the real content", quoteShort(string(text[m[0]:m[1]])))
	}
}

// commentRanges lists the byte ranges of HTML comments in text.
func commentRanges(text []byte) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		j := bytes.Index(text[i:], []byte("<!--"))
		if j < 0 {
			break
		}
		start := i + j
		k := bytes.Index(text[start+4:], []byte("-->"))
		end := len(text)
		if k >= 0 {
			end = start + 4 + k + 3
		}
		out = append(out, [2]int{start, end})
		i = end
	}
	return out
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay put.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}

// quoteShort quotes s, cut to a readable length.
func quoteShort(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) > max {
		r := []rune(s)
		s = string(r[:max]) + "…"
	}
	return `"` + s + `"`
}

// tables reports rows whose cell count differs from the header's. Cells are
// counted as goldmark splits them: on every pipe not escaped with a
// backslash, code spans included (GFM), so a `a|b` in a cell is caught.
func (c *checker) tables() {
	src := c.page.Src.Bytes
	for _, t := range c.page.Tables {
		hs := t.Span.Offset()
		he := len(src)
		if i := bytes.IndexByte(src[hs:], '\n'); i >= 0 {
			he = hs + i
		}
		header, _ := parse.CountCells(c.page.Src.Text(hs, he), -1)
		if header == 0 {
			continue
		}
		// The delimiter row sets the columns: goldmark pads a header with
		// fewer cells with empty ones (with more, the lines are no table),
		// so the parsed header has the delimiter row's. Which of the two
		// is wrong is told once; rows as long as either are not reported
		// for it.
		written := header
		if delim := len(t.Header); delim > header {
			c.report(c.span(hs, he), "table-malformed",
				"the header has %d cells but the delimiter row below it has %d: the table is read with %d columns, the last without a heading; give both rows the same cells", header, delim, delim)
			header = delim
		}
		for i := range t.Rows {
			r := &t.Rows[i]
			if r.IsLabel() {
				continue // Intune's |**Onboarding**| over the rows that follow
			}
			line := r.Span.Text()
			cells, extra := parse.CountCells(line, header)
			switch {
			case cells > header:
				at := r.Span.Offset() + extra
				c.report(c.span(at, r.Span.EndOffset()), "table-malformed",
					"row has %d cells but the header has %d: the cells from here on are dropped (escape a | inside a cell as \\|)", cells, header)
			case cells == 1 && !strings.HasPrefix(strings.TrimLeft(line, " \t>"), "|"):
				c.report(r.Span, "table-malformed",
					"a line break splits the row above: this line is read as a row of 1 cell (the header has %d); keep each row on one line, using <br/> for breaks", header)
			case cells < header && cells > 0 && cells != written:
				c.report(r.Span, "table-malformed",
					"row has %d cells but the header has %d: the missing cells are read as empty", cells, header)
			}
		}
	}
}

// missingSections reports operation pages without a Response section and
// resource type pages without Properties or JSON representation. (The
// resolver reports operation pages without HTTP request lines.) A Response
// heading one level too deep still counts, unless it is an example's.
func (c *checker) missingSections() {
	p := c.page
	at := p.Title.Span
	if !at.IsValid() {
		at = p.Src.Range(0, 0)
	}
	has := func(prefix string, maxLevel int) bool {
		for _, h := range p.Headings {
			// Only a heading deeper than H2 belongs to the section it
			// follows, and none in the examples counts.
			if !h.TabMarker && h.Level <= maxLevel && !(h.Level > 2 && inExamples(h.Closes)) && normalizedHasPrefix(h.Text, prefix) {
				return true
			}
		}
		return false
	}
	switch p.Kind {
	case parse.Operation:
		if !has("response", 3) {
			c.report(at, "missing-section", "operation page has no ## Response section: say what the operation returns and with which status code")
		}
	case parse.Resource:
		if !isTypePage(p) {
			return
		}
		if !has("propert", 2) {
			c.report(at, "missing-section", "resource page has no ## Properties section with a Property | Type | Description table")
		}
		if !has("json representation", 2) {
			c.report(at, "missing-section", "resource page has no ## JSON representation section with an annotated JSON block")
		}
	}
}

// normalizedHasPrefix reports whether
//
//	strings.HasPrefix(strings.ToLower(strings.Join(strings.Fields(s), " ")), prefix)
//
// for a prefix of ASCII letters and single spaces, neither first nor last,
// without building the normalized text: the runes of s are lower-cased one
// by one and runs of white space (unicode.IsSpace) read as one space.
func normalizedHasPrefix(s, prefix string) bool {
	n := 0         // bytes of prefix matched
	space := false // white space since the last field
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = n > 0
			continue
		}
		if space {
			if prefix[n] != ' ' {
				return false
			}
			if n++; n == len(prefix) {
				return true
			}
			space = false
		}
		l := unicode.ToLower(r) // an invalid byte reads as U+FFFD, as in strings.ToLower
		if l >= utf8.RuneSelf || byte(l) != prefix[n] {
			return false
		}
		if n++; n == len(prefix) {
			return true
		}
	}
	return false
}

var typeTitleRE = regexp.MustCompile(`(?i)\b(resource|complex|entity)\s+type\s*$`)

// isTypePage tells a page that documents one resource or complex type from
// the overviews and enum pages that live beside them.
func isTypePage(p *parse.Page) bool {
	switch strings.ToLower(p.Meta("doc_type")) {
	case "enumpagetype", "conceptualpagetype":
		return false
	}
	if len(p.Enums) > 0 && len(p.Properties) == 0 {
		return false
	}
	return p.Annotation != nil || len(p.Properties) > 0 || typeTitleRE.MatchString(p.Title.Text)
}
