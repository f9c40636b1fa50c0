package emit

import (
	"regexp"
	"strings"

	"github.com/dave/jennifer/jen"
)

// commentWidth is where doc comments wrap.
const commentWidth = 76

var mdLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// plainText turns a description from the docs into comment text: links keep
// their text, bold markers go, whitespace collapses. "A **segment** is
// [one leg](x.md)." becomes "A segment is one leg.".
func plainText(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = strings.ReplaceAll(s, "**", "")
	return strings.Join(strings.Fields(s), " ")
}

// sentence makes s end with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

// wrap splits text into lines of at most commentWidth characters, breaking
// at spaces.
func wrap(text string) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > commentWidth {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// doc renders a paragraph of text as a "//" comment block, one jennifer
// Comment per line, so a long description never becomes a /* */ comment.
func doc(text string) *jen.Statement {
	s := jen.Null()
	for i, l := range wrap(text) {
		if i > 0 {
			s.Line()
		}
		s.Comment(commentLine(l))
	}
	return s
}

// commentLine keeps a comment line that starts like a comment marker, such
// as a path "/**" from the docs, from being taken by jennifer as a raw
// comment: such a line gets a leading space.
func commentLine(l string) string {
	if strings.HasPrefix(l, "/*") || strings.HasPrefix(l, "//") {
		return " " + l
	}
	return l
}

// docs joins paragraphs into a comment with empty "//" lines between them.
func docs(paragraphs ...string) *jen.Statement {
	s := jen.Null()
	first := true
	for _, p := range paragraphs {
		if strings.TrimSpace(p) == "" {
			continue
		}
		if !first {
			s.Line().Comment("").Line()
		}
		first = false
		s.Add(doc(p))
	}
	return s
}
