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
