package parse

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValueKind is the JSON kind of a Value.
type ValueKind int

// Value kinds.
const (
	NullValue ValueKind = iota
	BoolValue
	NumberValue
	StringValue
	ArrayValue
	ObjectValue
)

func (k ValueKind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// Value is a JSON value read leniently, with byte offsets relative to the
// parsed text. Annotations and example bodies in real pages carry trailing
// commas, unquoted keys and comments; the lenient reader keeps going and
// lists each of those as a Problem.
type Value struct {
	Kind    ValueKind
	Str     string
	Num     string
	Bool    bool
	Members []Member // objects, in source order
	Elems   []*Value // arrays
	Off     int
	End     int
}

// Member is one key of an object.
type Member struct {
	Key    string
	KeyOff int
	KeyEnd int
	Value  *Value
}

// Get returns the value of key k, nil if absent.
func (v *Value) Get(k string) *Value {
	if v == nil {
		return nil
	}
	for _, m := range v.Members {
		if m.Key == k {
			return m.Value
		}
	}
	return nil
}

// Problem is a place where the text is not strict JSON.
type Problem struct {
	Off    int
	Reason string
	Fatal  bool // the reader had to stop
}

// ParseLenient reads s as JSON, tolerating what real pages do. The returned
// Value is nil only if nothing could be read.
func ParseLenient(s string) (*Value, []Problem) {
	p := &jsonReader{s: s}
	p.space()
	if p.i >= len(s) {
		p.fail(p.i, "empty JSON")
		return nil, p.problems
	}
	v := p.value(0)
	p.space()
	if v != nil && p.i < len(s) && !p.stopped {
		p.problem(p.i, fmt.Sprintf("unexpected %s after the JSON value", p.describe()))
	}
	return v, p.problems
}

type jsonReader struct {
	s        string
	i        int
	problems []Problem
	stopped  bool
}

func (p *jsonReader) problem(off int, reason string) {
	p.problems = append(p.problems, Problem{Off: off, Reason: reason})
}

func (p *jsonReader) fail(off int, reason string) {
	p.problems = append(p.problems, Problem{Off: off, Reason: reason, Fatal: true})
	p.stopped = true
}

func (p *jsonReader) describe() string {
	if p.i >= len(p.s) {
		return "end of text"
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.i:])
	return strconv.QuoteRune(r)
}

// space skips white space and comments (reporting comments).
func (p *jsonReader) space() {
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == '/' && p.i+1 < len(p.s) && p.s[p.i+1] == '/':
			p.problem(p.i, "comment (JSON has no comments)")
			for p.i < len(p.s) && p.s[p.i] != '\n' {
				p.i++
			}
		case c == '/' && p.i+1 < len(p.s) && p.s[p.i+1] == '*':
			p.problem(p.i, "comment (JSON has no comments)")
			end := strings.Index(p.s[p.i+2:], "*/")
			if end < 0 {
				p.i = len(p.s)
			} else {
				p.i += end + 4
			}
		default:
			if c < utf8.RuneSelf {
				return
			}
			if r, n := utf8.DecodeRuneInString(p.s[p.i:]); r == '\u00a0' || r == '\ufeff' {
				p.problem(p.i, "non-breaking space or byte-order mark")
				p.i += n
				continue
			}
			return
		}
	}
}

const maxDepth = 200

func (p *jsonReader) value(depth int) *Value {
	if p.stopped {
		return nil
	}
	if depth > maxDepth {
		p.fail(p.i, "nesting too deep")
		return nil
	}
	p.space()
	if p.i >= len(p.s) {
		p.fail(p.i, "unexpected end of text, expected a value")
		return nil
	}
	start := p.i
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"' || c == '\'':
		str := p.str()
		return &Value{Kind: StringValue, Str: str, Off: start, End: p.i}
	case c == '-' || c >= '0' && c <= '9':
		for p.i < len(p.s) && strings.IndexByte("+-.eE0123456789", p.s[p.i]) >= 0 {
			p.i++
		}
		return &Value{Kind: NumberValue, Num: p.s[start:p.i], Off: start, End: p.i}
	default:
		if r, _ := utf8.DecodeRuneInString(p.s[p.i:]); r == '“' || r == '”' {
			return &Value{Kind: StringValue, Str: p.str(), Off: start, End: p.i}
		}
		word := p.word()
		switch word {
		case "true", "false":
			return &Value{Kind: BoolValue, Bool: word == "true", Off: start, End: p.i}
		case "null":
			return &Value{Kind: NullValue, Off: start, End: p.i}
		case "":
			p.fail(p.i, fmt.Sprintf("unexpected %s, expected a value", p.describe()))
			return nil
		}
		p.problem(start, fmt.Sprintf("unquoted value %q", word))
		return &Value{Kind: StringValue, Str: word, Off: start, End: p.i}
	}
}

// word reads a bare identifier-like token (unquoted keys and values).
func (p *jsonReader) word() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == ',' || c == ':' || c == '}' || c == ']' || c == '{' || c == '[' || c == '"' || c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			break
		}
		p.i++
	}
	return p.s[start:p.i]
}

func (p *jsonReader) str() string {
	// The usual string, double-quoted on one line with no escapes, is a
	// piece of the text.
	if p.s[p.i] == '"' {
		rest := p.s[p.i+1:]
		if j := strings.IndexAny(rest, "\"\\\n"); j >= 0 && rest[j] == '"' {
			p.i += j + 2
			return rest[:j]
		}
	}
	open, n := utf8.DecodeRuneInString(p.s[p.i:])
	start := p.i
	closeRune := open
	switch open {
	case '\'':
		p.problem(start, "single-quoted string")
	case '“', '”':
		p.problem(start, "smart quotes (“ ”) instead of \"")
		closeRune = '”'
	}
	p.i += n
	var b strings.Builder
	smart, smartLen := -1, 0 // the last smart quote in a "-opened string, and b's length before it
	for p.i < len(p.s) {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if r == closeRune || (closeRune == '”' && r == '“') {
			p.i += n
			return b.String()
		}
		if r == '\n' && smart >= 0 {
			// "Left”, ends the line: the smart quote closes the string,
			// and reading on from it keeps the rest of the body in step.
			p.problem(smart, fmt.Sprintf("smart quote %s closes a string opened with \"", p.s[smart:smart+len("”")]))
			p.i = smart + len("”")
			return b.String()[:smartLen]
		}
		if r == '\n' {
			p.problem(p.i, "line break inside a string")
		}
		if closeRune == '"' && (r == '”' || r == '“') {
			smart, smartLen = p.i, b.Len()
		}
		if r == '\\' && p.i+1 < len(p.s) {
			p.i++
			e := p.s[p.i]
			if c, ok := JSONEscape(e); ok {
				b.WriteByte(c)
				p.i++
				continue
			}
			switch e {
			case 'u':
				if p.i+5 <= len(p.s) {
					if v, err := strconv.ParseUint(p.s[p.i+1:p.i+5], 16, 32); err == nil {
						b.WriteRune(rune(v))
						p.i += 5
						continue
					}
				}
				p.problem(p.i-1, "invalid \\u escape")
			case '\'':
				b.WriteByte(e)
			default:
				p.problem(p.i-1, fmt.Sprintf("invalid escape \\%c", e))
				b.WriteByte(e)
			}
			p.i++
			continue
		}
		b.WriteRune(r)
		p.i += n
	}
	p.fail(start, "unterminated string")
	return b.String()
}

func (p *jsonReader) object(depth int) *Value {
	v := &Value{Kind: ObjectValue, Off: p.i}
	p.i++ // {
	for {
		p.space()
		if p.i >= len(p.s) {
			p.fail(p.i, "unexpected end of text, expected '}'")
			v.End = p.i
			return v
		}
		if p.s[p.i] == '}' {
			p.i++
			v.End = p.i
			return v
		}
		if p.s[p.i] == ',' {
			p.problem(p.i, "extra comma")
			p.i++
			continue
		}
		keyOff := p.i
		var key string
		if c := p.s[p.i]; c == '"' || c == '\'' || strings.HasPrefix(p.s[p.i:], "“") || strings.HasPrefix(p.s[p.i:], "”") {
			key = p.str()
		} else {
			key = p.word()
			if key == "" {
				p.fail(p.i, fmt.Sprintf("unexpected %s, expected a property name", p.describe()))
				v.End = p.i
				return v
			}
			p.problem(keyOff, fmt.Sprintf("unquoted property name %s", key))
		}
		keyEnd := p.i
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ':' {
			p.i++
		} else {
			p.fail(p.i, fmt.Sprintf("expected ':' after property name %q, found %s", key, p.describe()))
			v.End = p.i
			return v
		}
		val := p.value(depth + 1)
		if val == nil {
			v.End = p.i
			return v
		}
		v.Members = append(v.Members, Member{Key: key, KeyOff: keyOff, KeyEnd: keyEnd, Value: val})
		if !p.separator('}') {
			v.End = p.i
			return v
		}
	}
}

func (p *jsonReader) array(depth int) *Value {
	v := &Value{Kind: ArrayValue, Off: p.i}
	p.i++ // [
	for {
		p.space()
		if p.i >= len(p.s) {
			p.fail(p.i, "unexpected end of text, expected ']'")
			v.End = p.i
			return v
		}
		if p.s[p.i] == ']' {
			p.i++
			v.End = p.i
			return v
		}
		if p.s[p.i] == ',' {
			p.problem(p.i, "extra comma")
			p.i++
			continue
		}
		if strings.HasPrefix(p.s[p.i:], "...") || strings.HasPrefix(p.s[p.i:], "…") {
			p.problem(p.i, "ellipsis in place of values")
			for p.i < len(p.s) && (p.s[p.i] == '.' || strings.HasPrefix(p.s[p.i:], "…")) {
				if p.s[p.i] == '.' {
					p.i++
				} else {
					p.i += len("…")
				}
			}
			continue
		}
		el := p.value(depth + 1)
		if el == nil {
			v.End = p.i
			return v
		}
		v.Elems = append(v.Elems, el)
		if !p.separator(']') {
			v.End = p.i
			return v
		}
	}
}

// separator reads what follows a member or element: a comma (reporting one
// right before closer), closer itself (left for the caller), or a missing
// comma. It returns false at the end of the text.
func (p *jsonReader) separator(closer byte) bool {
	p.space()
	if p.i >= len(p.s) {
		p.fail(p.i, fmt.Sprintf("unexpected end of text, expected ',' or '%c'", closer))
		return false
	}
	switch p.s[p.i] {
	case ',':
		comma := p.i
		p.i++
		p.space()
		if p.i < len(p.s) && p.s[p.i] == closer {
			p.problem(comma, fmt.Sprintf("trailing comma before '%c'", closer))
		}
	case closer:
	default:
		p.problem(p.i, fmt.Sprintf("missing ',' before %s", p.describe()))
	}
	return true
}

// JSONEscape decodes a JSON one-byte escape: the byte after the backslash in
// \n, \t, \r, \b, \f, \", \\ and \/. ok is false for any other byte (\u
// among them).
func JSONEscape(e byte) (c byte, ok bool) {
	switch e {
	case 'n':
		return '\n', true
	case 't':
		return '\t', true
	case 'r':
		return '\r', true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case '"', '\\', '/':
		return e, true
	}
	return 0, false
}
