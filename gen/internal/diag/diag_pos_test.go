package diag

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPosQuotesOddFileNames: a file name with a line break, an escape
// sequence or bytes that are not UTF-8 is written quoted, so that it cannot
// forge a line of output.
func TestPosQuotesOddFileNames(t *testing.T) {
	assert.Equal(t, "api/x.md:3:7", Pos{File: "api/x.md", Line: 3, Col: 7}.String())
	assert.Equal(t, `"api/x\n::warning file=y.md::forged.md":3:7`, Pos{File: "api/x\n::warning file=y.md::forged.md", Line: 3, Col: 7}.String())
	assert.Equal(t, `"api/x\x1b[31m.md":1:1`, Pos{File: "api/x\x1b[31m.md", Line: 1, Col: 1}.String())
	assert.Equal(t, `"api/x\xff.md"`, Pos{File: "api/x\xff.md"}.String())
	assert.Equal(t, `"api/x\u202e.md"`, FileName("api/x\u202e.md"), "a bidirectional override")
	assert.Equal(t, `"api/x\u2028.md"`, FileName("api/x\u2028.md"))
	assert.Equal(t, "api/café.md", FileName("api/café.md"))
}

// TestMessageEscapesPageText: text a message quotes from a page cannot
// forge a line of output or drive the terminal; the rest is kept as is.
func TestMessageEscapesPageText(t *testing.T) {
	assert.Equal(t, `"TODO: x\nfake.md:1:1: error forged\x1b[2J" is a placeholder`,
		Message(`"%s" is a placeholder`, "TODO: x\nfake.md:1:1: error forged\x1b[2J"))
	assert.Equal(t, `link to nope\u2028x\u202e.md`, Message("link to %s", "nope\u2028x\u202e.md"))
	assert.Equal(t, `"café" \ "q"`, Message(`"café" \ "q"`))
	var l List
	l.Add(Span{Pos: Pos{File: "a.md", Line: 1, Col: 1}}, Error, "r", "row %s", "a\tb")
	assert.Equal(t, `a.md:1:1: error r: row a\tb`, l[0].String())
}
