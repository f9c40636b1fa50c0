package lint

// validJSON reports whether s is strict JSON, exactly as encoding/json.Valid
// does (RFC 8259; bytes of 0x80 and above inside strings are not checked as
// UTF-8; at most 10000 levels of nesting), several times faster: every body
// the lenient reader accepts is checked again here, and encoding/json's
// byte-at-a-time state machine cost as much as reading the body.
func validJSON(s string) bool {
	v := jsonValidator{jsonCursor{s: s}}
	return v.valid()
}

func (v *jsonValidator) valid() bool {
	v.space()
	if !v.value(0) {
		return false
	}
	v.space()
	return v.i == len(v.s)
}

// plainStringByte marks the bytes that stand for themselves inside a string:
// not a quote, a backslash or a control character.
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// maxJSONDepth is encoding/json's limit on nesting.
const maxJSONDepth = 10000

// jsonCursor is a position in a JSON text, with the steps the validity
// check and the strict reader share.
type jsonCursor struct {
	s string
	i int
}

func (c *jsonCursor) space() {
	for c.i < len(c.s) {
		switch c.s[c.i] {
		case ' ', '\t', '\n', '\r':
			c.i++
		default:
			return
		}
	}
}

// separator reads what follows an item of an object or array: a comma, when
// another item follows (more), or the closing byte, which ends it. ok is
// false for anything else.
func (c *jsonCursor) separator(closing byte) (more, ok bool) {
	c.space()
	if c.i >= len(c.s) {
		return false, false
	}
	switch c.s[c.i] {
	case ',':
		c.i++
		c.space()
		return true, true
	case closing:
		c.i++
		return false, true
	}
	return false, false
}

type jsonValidator struct{ jsonCursor }

// value reads one value at nesting depth (the containers around it).
func (v *jsonValidator) value(depth int) bool {
	if v.i >= len(v.s) {
		return false
	}
	switch c := v.s[v.i]; {
	case c == '{':
		if depth+1 > maxJSONDepth {
			return false
		}
		v.i++
		v.space()
		if v.i < len(v.s) && v.s[v.i] == '}' {
			v.i++
			return true
		}
		for {
			if v.i >= len(v.s) || v.s[v.i] != '"' || !v.str() {
				return false
			}
			v.space()
			if v.i >= len(v.s) || v.s[v.i] != ':' {
				return false
			}
			v.i++
			v.space()
			if !v.value(depth + 1) {
				return false
			}
			if more, ok := v.separator('}'); !more {
				return ok
			}
		}
	case c == '[':
		if depth+1 > maxJSONDepth {
			return false
		}
		v.i++
		v.space()
		if v.i < len(v.s) && v.s[v.i] == ']' {
			v.i++
			return true
		}
		for {
			if !v.value(depth + 1) {
				return false
			}
			if more, ok := v.separator(']'); !more {
				return ok
			}
		}
	case c == '"':
		return v.str()
	case c == '-' || '0' <= c && c <= '9':
		return v.number()
	case c == 't':
		return v.literal("true")
	case c == 'f':
		return v.literal("false")
	case c == 'n':
		return v.literal("null")
	}
	return false
}

func (v *jsonValidator) literal(word string) bool {
	if len(v.s)-v.i < len(word) || v.s[v.i:v.i+len(word)] != word {
		return false
	}
	v.i += len(word)
	return true
}

// str reads a string from its opening quote.
func (v *jsonValidator) str() bool {
	v.i++
	for v.i < len(v.s) {
		c := v.s[v.i]
		if plainStringByte[c] {
			v.i++
			continue
		}
		switch {
		case c == '"':
			v.i++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			v.i++
			if v.i >= len(v.s) {
				return false
			}
			switch v.s[v.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				v.i++
			case 'u':
				if len(v.s)-v.i < 5 {
					return false
				}
				for k := v.i + 1; k < v.i+5; k++ {
					if h := v.s[k]; !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return false
					}
				}
				v.i += 5
			default:
				return false
			}
		default:
			v.i++
		}
	}
	return false
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (v *jsonValidator) number() bool {
	if v.s[v.i] == '-' {
		v.i++
	}
	switch {
	case v.i < len(v.s) && v.s[v.i] == '0':
		v.i++
	case v.i < len(v.s) && '1' <= v.s[v.i] && v.s[v.i] <= '9':
		v.digits()
	default:
		return false
	}
	if v.i < len(v.s) && v.s[v.i] == '.' {
		v.i++
		if v.digits() == 0 {
			return false
		}
	}
	if v.i < len(v.s) && (v.s[v.i] == 'e' || v.s[v.i] == 'E') {
		v.i++
		if v.i < len(v.s) && (v.s[v.i] == '+' || v.s[v.i] == '-') {
			v.i++
		}
		if v.digits() == 0 {
			return false
		}
	}
	return true
}

func (v *jsonValidator) digits() int {
	start := v.i
	for v.i < len(v.s) && '0' <= v.s[v.i] && v.s[v.i] <= '9' {
		v.i++
	}
	return v.i - start
}
