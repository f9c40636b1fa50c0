package parse

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"gen/gen/internal/diag"
)

// text makes sure the page is UTF-8 text, as everything after the parser
// (Go source, JSON, encoding/json's tags) needs. A page that is not gets one
// invalid-utf8 error at its first bad byte, an invalid byte sequence or a
// NUL, and is read on with each bad byte as U+FFFD: the rest of the page
// stays usable, its lines and columns stay those of the file (a bad byte was
// one column and U+FFFD is one), and a name holding one is refused where
// names are checked (a property's is not a JSON name). Valid pages, all but
// a few, cost one utf8.Valid and one IndexByte.
func (p *Page) text() {
	src := p.Src.Bytes
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return
	}
	first, what := -1, ""
	var b bytes.Buffer
	b.Grow(len(src) + len(src)/8)
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if first < 0 {
				first, what = i, fmt.Sprintf("byte %#02x is not UTF-8", src[i])
			}
			b.WriteRune(utf8.RuneError)
		case r == 0:
			if first < 0 {
				first, what = i, "NUL byte"
			}
			b.WriteRune(utf8.RuneError)
		default:
			b.Write(src[i : i+n])
		}
		i += n
	}
	p.Src = diag.NewSource(p.Src.Path, b.Bytes())
	p.Diags.Add(p.Src.Range(first, first+utf8.RuneLen(utf8.RuneError)), diag.Error, "invalid-utf8",
		"the page is not UTF-8 text: %s; every such byte is read as U+FFFD", what)
}
