package parse

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"gen/gen/internal/corpus"
	"gen/gen/internal/diag"
)

// leanCases are pages that exercise what the lean parser sets aside: plain
// and marked-up cells and headings, hard and soft breaks, CRLF line ends,
// closing hashes, escaped pipes, tables that follow prose in one paragraph,
// short and long rows, setext headings (which it leaves alone), HTML
// comments, which it opens without goldmark's regular expressions, and fenced
// code blocks, whose adjacent lines it keeps as one segment (indented, in
// lists and quotes, with tabs, CRLF, unclosed), and tables, which it reads
// itself (delimiter rows of every alignment and of none, rows short and long,
// indented, tabbed, with markup or escaped pipes), paragraphs and front
// matter, which it sets aside (plain or not, of one line or several, with
// hard breaks, followed by setext underlines, in lists and quotes), and
// links, which it reads itself where they are simple (and hands to goldmark
// where they are not: nested, images, titles, spaces, parentheses, escapes,
// references, labels left open), and link reference definitions, which
// it looks for only in paragraphs that start with "[" (indented, after text,
// several in a row, in quotes and lists, over two lines).
var leanCases = []string{
	"# Title\n\n## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | Read-only. |\n| name | [identitySet](identityset.md) | The **name**. |\n| `code` | Int32 | a_b |\n",
	"# Title #\n## Heading with trailing hashes ##   \n### `code` heading\n#### heading with <b>html</b>\n##   spaced   \n#\n",
	"text before\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 |\n| 4 | 5 | 6 |\n",
	"| a | b |\n|---|---|\n| x \\| y | z |\n| `p \\| q` | r |\n\nafter\n| c |\n|---|\n| d |\n",
	"Setext heading\n==============\n\nAnother\n---\n| a |\n|---|\n| b |\n",
	"# Title\r\n\r\n| a | b |\r\n|---|---|\r\n| one  | two |\r\n\r\n## Next\r\n",
	"- item\n\n  | a |\n  |---|\n  | b |\n\n> | q |\n> |---|\n> | r |\n",
	"# Title\n\nline one  \nline two\\\nline three\n\n| a&amp;b | c ~ d |\n|---|---|\n|   | e |\n",
	"| a |\n|---|\n| [ref][] |\n\n[ref]: target.md\n",
	"## Héading ünicode\n| ключ | 値 |\n|---|---|\n| 1 | 2 |\n",
	"<!-- { \"blockType\": \"request\" } -->\n   <!-- three spaces -->\n    <!-- four: code -->\n\ntext\n<!-- interrupts -->\n<!-->\n<!--\nunclosed\n",
	"<!-- a --> trailing\n<!--x\n-->\n<!DOCTYPE html>\n<script>\n</script>\n<div>\n</div>\n",
	"```http\nPOST /me\n\n{\n  \"a\": 1\n}\n```\n  ```json\n  {\n    \"b\": [\n\t\"tab\"\n  ]\n ```\n~~~\r\nx\r\n\r\n~~~\n- ```\n  in a list\n  ```\n> ```\n> quoted\n```\nunclosed at the end",
	"```\nno newline at the end",
	"| a | b | c | d |\n|:-|-:|:-:|-|\n| 1 | 2 | 3 | 4 |\n|x|\n| 1 | 2 | 3 | 4 | 5 |\n|  | \t |\n",
	"a | b\n--- | ---\nc | d\n\n| a |\n| : |\n\n| a | b |\n| -- |\n\n|a|\n|-\t|\n|`x | y`|\n\n| h |\n|:--:|\n|\n||\n",
	"   | a |\n   |---|\n   | b |\n\n    | code |\n    |---|\n\n| a |\n|:- -|\n\n| a |\n| ::-- |\n\n| a |\n|-:-|\n",
	"| x |\n|---|\n| **b** | [l](l.md) |\n| `c` |\n| <br> |\n| a_b |\n| é |\n\n| a |\n\t|---|\n| b |\n",
	"---\ntitle: \"a_b\"\nms.prod: *x*\n---\n\nplain one\n  plain two  \nplain three\r\nlast   \n\nSetext after plain\nline two\n---\n\nunderlined\n===\n\n- tight\n- list\n  more\n\n> quoted\n> plain\n> ---\n\n> quoted\n\n   indented plain\n\tline\n\nNamespace: microsoft.graph\nnext\n\tline\n\nends \\\nin break\n",
	"Links: [a](a.md), [](e.md), [a](), [a](b \"t\"), [a]( b), [a](<b>), [a](b(c)), [a](b)c, [a](#x_y), [l_u](u.md), [a [b](c) d](e).\n\n![i](x) [l](y) and **[a](b)**, *[a](b)* [a\\]](b) [a] [ref][] [ref] [x](y\n\n[ab](c\nd) [a](b)\n\n[ref]: target.md\n\n- item\n\t[tab](t.md)\n\n| [a](b) | [c](d) [e](f) |\n|---|---|\n| `x` [g](h) | [i](j)k |\n\n[a](b)[c](d) [a]\t(b) [a](b\tc) [a](b\\)c) [a](b`c) [a](b)*\n",
	"[" + strings.Repeat("a", 999) + "](long.md)\n\n[open " + strings.Repeat("a", 999) + " [open [in](far.md)\n\n[open [in](near.md)\n\n![open " + strings.Repeat("a", 999) + " ![open [in](far.md)\n",
	"Uses [one][], [two][], [three][], [four][], [five][], [six][], [seven][] and [eight][].\n\n   [one]: one.md\n\ntext first\n[two]: two.md\n\n[three]: three.md\n[four]: four.md\ntext after\n\n> [five]: five.md\n\n- [six]: six.md\n\n [seven]:\n seven.md \"title\"\n\n\t[eight]: eight.md\n\n[eight]: eight2.md\n",
	"no front matter\n---\ntitle: x\n---\n\n## Response\n\nplain response\ntext\n\nmarked *response*\ntext\n\nlazy\n> not lazy\n\nlazy\ncontinued\n    indented\n",
}

// TestLeanParserAgrees holds the page parser, which sets plain cells and
// headings aside from goldmark's inline pass, to the same parser on stock
// goldmark: every page must come out the same. It reads the cases above,
// the repository's pages and fixtures, and the corpus when GRAPH_DOCS names
// it.
func TestLeanParserAgrees(t *testing.T) {
	for i, c := range leanCases {
		requireLeanAgrees(t, "case"+string(rune('0'+i))+".md", []byte(c))
	}
	var roots []string
	for _, dir := range []string{"../../../docs-input", "..", "../../../templates"} {
		roots = append(roots, dir)
	}
	if os.Getenv(corpus.Env) != "" {
		roots = append(roots, corpus.Beta(t))
	}
	pages := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			requireLeanAgrees(t, filepath.ToSlash(rel), b)
			pages++
			return nil
		})
		require.NoError(t, err)
	}
	require.Greater(t, pages, 20)
}

func requireLeanAgrees(t *testing.T, path string, b []byte) {
	t.Helper()
	s := diag.NewSource(path, b)
	want := parseWith(stock.Parser(), s)
	got := parseWith(lean, s)
	require.Equal(t, want, got, path)
}

// FuzzLeanParser looks for a page on which the lean parser and stock
// goldmark disagree.
func FuzzLeanParser(f *testing.F) {
	for _, c := range leanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		requireLeanAgrees(t, "api/x.md", b)
	})
}

// TestLeanBlockParsers checks that each shortcut found the goldmark block
// parser it wraps (they are found by their trigger bytes).
func TestLeanBlockParsers(t *testing.T) {
	var headings, comments, code, paragraphs, frontMatter int
	for _, p := range leanBlockParsers() {
		switch p.Value.(type) {
		case plainHeadings:
			headings++
		case htmlComments:
			comments++
		case joinedCodeLines:
			code++
		case plainParagraphs:
			paragraphs++
		case frontMatterHeadings:
			frontMatter++
		}
	}
	require.Equal(t, []int{1, 1, 1, 1, 1}, []int{headings, comments, code, paragraphs, frontMatter})
}

// TestLeanInlineParsers checks that the link shortcut found goldmark's link
// parser, which it wraps.
func TestLeanInlineParsers(t *testing.T) {
	links := 0
	for _, p := range leanInlineParsers() {
		if _, ok := p.Value.(simpleLinks); ok {
			links++
		}
	}
	require.Equal(t, 1, links)
}
