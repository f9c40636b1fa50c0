package lint

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"gen/gen/internal/parse"
)

// templateRE matches unfilled template text: "**TODO: Add Description**",
// "TODO:", "Not yet documented". A bold TODO is matched whole, so it is one
// finding, not two.
var templateRE = regexp.MustCompile(`\*\*TODO\b[^*\n]*(?:\*\*)?|\bTODO:|(?i:\bnot yet documented\b)`)

var commentRE = regexp.MustCompile(`(?s)<!--.*?(?:-->|$)`)

// templateText reports template placeholders in front matter values and in
// prose, tables and headings. Code blocks and HTML comments are not text the
// reader sees, so they are not checked.
func (c *checker) templateText() {
	src := c.page.Src.Bytes
	for _, f := range c.page.FrontMatter {
		c.templateIn(f.Value.Span.Offset, string(src[f.Value.Span.Offset:f.Value.Span.End.Offset]))
	}
	for _, b := range c.page.Blocks {
		rb := src[b.Span.Offset:b.Span.End.Offset]
		if !bytes.Contains(rb, []byte("TODO")) && !bytes.Contains(rb, []byte("ocumented")) && !bytes.Contains(rb, []byte("OCUMENTED")) {
			continue
		}
		raw := string(rb)
		if strings.Contains(raw, "<!--") {
			raw = commentRE.ReplaceAllStringFunc(raw, func(s string) string { return strings.Repeat(" ", len(s)) })
		}
		c.templateIn(b.Span.Offset, raw)
	}
}

func (c *checker) templateIn(off int, text string) {
	// The regular expression is slow on long text; most text has no
	// candidate at all.
	if !strings.Contains(text, "TODO") && !strings.Contains(text, "ocumented") && !strings.Contains(text, "OCUMENTED") {
		return
	}
	for _, m := range templateRE.FindAllStringIndex(text, -1) {
		c.report(c.span(off+m[0], off+m[1]), "template-placeholder",
			"unfilled template text %s: replace it with the real content", quoteShort(text[m[0]:m[1]]))
	}
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
		hs := t.Span.Offset
		he := hs
		for he < len(src) && src[he] != '\n' {
			he++
		}
		header := cellStarts(src[hs:he])
		if len(header) == 0 {
			continue
		}
		for _, r := range t.Rows {
			line := src[r.Span.Offset:r.Span.End.Offset]
			cells := cellStarts(line)
			switch {
			case len(cells) > len(header):
				at := r.Span.Offset + cells[len(header)]
				c.report(c.span(at, r.Span.End.Offset), "table-malformed",
					"row has %d cells but the header has %d: the cells from here on are dropped (escape a | inside a cell as \\|)", len(cells), len(header))
			case len(cells) == 1 && !bytes.HasPrefix(bytes.TrimLeft(line, " \t>"), []byte("|")):
				c.report(r.Span, "table-malformed",
					"a line break splits the row above: this line is read as a row of 1 cell (the header has %d); keep each row on one line, using <br/> for breaks", len(header))
			case len(cells) < len(header) && len(cells) > 0:
				c.report(r.Span, "table-malformed",
					"row has %d cells but the header has %d: the missing cells are read as empty", len(cells), len(header))
			}
		}
	}
}

// cellStarts returns the byte offset in line where each table cell starts,
// as goldmark's table parser splits a row: an optional leading and trailing
// pipe, then every pipe not preceded by a backslash. Block-quote markers
// before the row are skipped.
func cellStarts(line []byte) []int {
	start := 0
	for start < len(line) && (line[start] == ' ' || line[start] == '\t' || line[start] == '>') {
		start++
	}
	end := len(line)
	for end > start && (line[end-1] == ' ' || line[end-1] == '\t' || line[end-1] == '\r') {
		end--
	}
	if start >= end {
		return nil
	}
	if line[start] == '|' {
		start++
	}
	if end > start && line[end-1] == '|' && (end-2 < start || line[end-2] != '\\') {
		end--
	}
	out := []int{start}
	for i := start; i < end; i++ {
		if line[i] == '|' && (i == 0 || line[i-1] != '\\') {
			out = append(out, i+1)
		}
	}
	return out
}

// missingSections reports operation pages without a Response section and
// resource type pages without Properties or JSON representation. (The
// resolver reports operation pages without HTTP request lines.) A Response
// heading one level too deep still counts, unless it is an example's.
func (c *checker) missingSections() {
	p := c.page
	at := p.Title.Span
	if !at.IsValid() {
		at = p.Src.Span(0, 0)
	}
	has := func(prefix string, maxLevel int) bool {
		for _, b := range p.Blocks {
			if b.Kind != parse.HeadingBlock {
				continue
			}
			for _, h := range p.Headings {
				// A heading's block carries the section it closes; only a
				// deeper heading belongs to it.
				if h.Level > 2 && inExamples(b.Section) {
					continue
				}
				if h.Span.Offset == b.Span.Offset && h.Level <= maxLevel &&
					strings.HasPrefix(strings.ToLower(strings.Join(strings.Fields(h.Text), " ")), prefix) {
					return true
				}
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
