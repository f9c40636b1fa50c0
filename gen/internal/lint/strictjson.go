package lint

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"gen/gen/internal/diag"
	"gen/gen/internal/parse"
)

// readJSON reads a body as parse.ParseLenient does, and says whether it is
// strict JSON (encoding/json.Valid). Most bodies are: for them a strict
// reader builds the same values as the lenient one, with the same offsets,
// several times faster and with a fraction of the allocations: strings
// without escapes share the body's memory, and values, members and
// elements come in blocks, from the arena if one is given. Anything else,
// and any body nested deeper than the lenient reader goes, is left to
// parse.ParseLenient.
func readJSON(s string, a *jsonArena) (v *parse.Value, probs []parse.Problem, strict bool) {
	if a == nil {
		a = &jsonArena{}
	}
	a.members, a.elems = a.members[:0], a.elems[:0]
	r := strictReader{jsonCursor{s: s}, a}
	r.space()
	if v := r.value(0); v != nil {
		if r.space(); r.i == len(s) {
			return v, nil, true // the strict reader takes only strict JSON
		}
	}
	v, probs = parse.ParseLenient(s)
	return v, probs, len(probs) == 0 && validJSON(s)
}

// jsonArena is memory for the values readJSON builds, reused from page to
// page by one worker: the values of a page's bodies are dropped when the
// page is checked (nothing keeps a *parse.Value of a body: findings copy
// what they say), so the next page can have their memory.
type jsonArena struct {
	vals    []parse.Value  // a block of values to hand out
	mblock  []parse.Member // a block for the members of finished objects
	eblock  []*parse.Value // a block for the elements of finished arrays
	members []parse.Member // the members of the objects being read
	elems   []*parse.Value // the elements of the arrays being read

	keys      map[string]bool // see checker.keySet
	keysInUse bool

	out diag.List // a buffer for a page's findings
}

// blockSize is the size of a new block for n more when the last was
// size: twice the last, so that the blocks soon hold a page's bodies.
func blockSize(n, last int) int { return max(n, 2*last, 64) }

// settle moves the items a finished object or array left on its scratch
// stack (from base on) into the current block, starting a new block when it
// is full, and returns them there, capped so no append reaches past them.
func settle[T any](scratch, block *[]T, base int) []T {
	items := (*scratch)[base:]
	n := len(items)
	if len(*block)+n > cap(*block) {
		*block = make([]T, 0, blockSize(n, cap(*block)))
	}
	at := len(*block)
	*block = append(*block, items...)
	clear(items)
	*scratch = (*scratch)[:base]
	return (*block)[at : at+n : at+n]
}

// reset hands the memory out again, zeroed. The values given out before
// must no longer be in use.
func (a *jsonArena) reset() {
	clear(a.vals)
	clear(a.mblock)
	clear(a.eblock)
	clear(a.members[:cap(a.members)])
	clear(a.elems[:cap(a.elems)])
	a.vals, a.mblock, a.eblock = a.vals[:0], a.mblock[:0], a.eblock[:0]
}

// lenientMaxDepth is how deep parse.ParseLenient reads values (a value at
// a greater depth is a problem).
const lenientMaxDepth = 200

// strictReader reads strict JSON into parse.Values; any method returns nil
// (or false) at the first byte that is not strict JSON.
type strictReader struct {
	jsonCursor
	*jsonArena
}

// alloc hands out a zero Value from the block.
func (r *strictReader) alloc() *parse.Value {
	if len(r.vals) == cap(r.vals) {
		r.vals = make([]parse.Value, 0, blockSize(1, cap(r.vals)))
	}
	r.vals = r.vals[:len(r.vals)+1]
	return &r.vals[len(r.vals)-1]
}

// value reads one value at depth, counted as the lenient reader does.
func (r *strictReader) value(depth int) *parse.Value {
	if depth > lenientMaxDepth || r.i >= len(r.s) {
		return nil
	}
	start := r.i
	switch c := r.s[r.i]; {
	case c == '{':
		return r.object(depth)
	case c == '[':
		return r.array(depth)
	case c == '"':
		str, ok := r.str()
		if !ok {
			return nil
		}
		v := r.alloc()
		v.Kind, v.Str, v.Off, v.End = parse.StringValue, str, start, r.i
		return v
	case c == '-' || '0' <= c && c <= '9':
		if !r.number() {
			return nil
		}
		v := r.alloc()
		v.Kind, v.Num, v.Off, v.End = parse.NumberValue, r.s[start:r.i], start, r.i
		return v
	case c == 't' || c == 'f' || c == 'n':
		kind, b := parse.NullValue, false
		switch {
		case strings.HasPrefix(r.s[r.i:], "true"):
			kind, b = parse.BoolValue, true
			r.i += 4
		case strings.HasPrefix(r.s[r.i:], "false"):
			kind = parse.BoolValue
			r.i += 5
		case strings.HasPrefix(r.s[r.i:], "null"):
			r.i += 4
		default:
			return nil
		}
		v := r.alloc()
		v.Kind, v.Bool, v.Off, v.End = kind, b, start, r.i
		return v
	}
	return nil
}

func (r *strictReader) object(depth int) *parse.Value {
	v := r.alloc()
	v.Kind, v.Off = parse.ObjectValue, r.i
	r.i++ // {
	r.space()
	if r.i < len(r.s) && r.s[r.i] == '}' {
		r.i++
		v.End = r.i
		return v
	}
	base := len(r.members)
	for {
		if r.i >= len(r.s) || r.s[r.i] != '"' {
			return nil
		}
		keyOff := r.i
		key, ok := r.str()
		if !ok {
			return nil
		}
		keyEnd := r.i
		r.space()
		if r.i >= len(r.s) || r.s[r.i] != ':' {
			return nil
		}
		r.i++
		r.space()
		val := r.value(depth + 1)
		if val == nil {
			return nil
		}
		r.members = append(r.members, parse.Member{Key: key, KeyOff: keyOff, KeyEnd: keyEnd, Value: val})
		if more, ok := r.separator('}'); !more {
			if !ok {
				return nil
			}
			v.End = r.i
			v.Members = settle(&r.members, &r.mblock, base)
			return v
		}
	}
}

func (r *strictReader) array(depth int) *parse.Value {
	v := r.alloc()
	v.Kind, v.Off = parse.ArrayValue, r.i
	r.i++ // [
	r.space()
	if r.i < len(r.s) && r.s[r.i] == ']' {
		r.i++
		v.End = r.i
		return v
	}
	base := len(r.elems)
	for {
		el := r.value(depth + 1)
		if el == nil {
			return nil
		}
		r.elems = append(r.elems, el)
		if more, ok := r.separator(']'); !more {
			if !ok {
				return nil
			}
			v.End = r.i
			v.Elems = settle(&r.elems, &r.eblock, base)
			return v
		}
	}
}

// str reads a string from its opening quote and returns it decoded as the
// lenient reader decodes it. A string without escapes is a piece of the
// body; one that is not valid UTF-8 is left to the lenient reader, which
// writes U+FFFD for each bad byte.
func (r *strictReader) str() (string, bool) {
	start := r.i + 1
	j := start
	ascii := true
	for j < len(r.s) && plainStringByte[r.s[j]] {
		ascii = ascii && r.s[j] < utf8.RuneSelf
		j++
	}
	if j >= len(r.s) {
		return "", false
	}
	if r.s[j] == '"' {
		if !ascii && !utf8.ValidString(r.s[start:j]) {
			return "", false
		}
		r.i = j + 1
		return r.s[start:j], true
	}
	if r.s[j] != '\\' {
		return "", false // a control character
	}
	// Escapes: decode into a new string.
	var b strings.Builder
	b.WriteString(r.s[start:j])
	for j < len(r.s) {
		c := r.s[j]
		switch {
		case c == '"':
			s := b.String()
			if !utf8.ValidString(s) {
				return "", false
			}
			r.i = j + 1
			return s, true
		case c < 0x20:
			return "", false
		case c != '\\':
			b.WriteByte(c)
			j++
			continue
		}
		if j+1 >= len(r.s) {
			return "", false
		}
		j++
		if c, ok := parse.JSONEscape(r.s[j]); ok {
			b.WriteByte(c)
			j++
			continue
		}
		switch r.s[j] {
		case 'u':
			if j+5 > len(r.s) {
				return "", false
			}
			n, err := strconv.ParseUint(r.s[j+1:j+5], 16, 32)
			if err != nil || !isHex4(r.s[j+1:j+5]) {
				return "", false
			}
			b.WriteRune(rune(n)) // a lone surrogate becomes U+FFFD, as in the lenient reader
			j += 4
		default:
			return "", false
		}
		j++
	}
	return "", false
}

func isHex4(s string) bool {
	for i := 0; i < len(s); i++ {
		if h := s[i]; !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
			return false
		}
	}
	return len(s) == 4
}

// number reads -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and makes
// sure no byte the lenient reader would take into the number follows.
func (r *strictReader) number() bool {
	v := jsonValidator{r.jsonCursor}
	if !v.number() {
		return false
	}
	if v.i < len(r.s) && strings.IndexByte("+-.eE0123456789", r.s[v.i]) >= 0 {
		return false
	}
	r.i = v.i
	return true
}
