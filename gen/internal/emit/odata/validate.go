package odata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ValidationError is a request body that does not match the schema. Path
// names the offending value, for example "callee.foo" or "media[0].label";
// it is empty for the body itself.
type ValidationError struct {
	Path    string
	Message string
}

func (e *ValidationError) Error() string { return e.Message }

// Validate checks a JSON value decoded into any (objects as map[string]any,
// arrays as []any, numbers as json.Number or float64) against the registered
// type with the qualified name, or against a collection of it. It rejects
// properties the type does not declare at any depth (instance annotations,
// keys containing "@", are allowed), values of the wrong JSON kind,
// DateTimeOffset strings that are not RFC 3339, integers out of range and an
// @odata.type that is neither the expected type nor derived from it. Enum
// values are not checked against the members, so that members added to the
// service later are accepted. JSON null is accepted as the value of a
// property (a client clears a property so) but not as an element of a
// collection, which the Go slice holding it would turn into a zero value
// ("" or an empty struct) without a word; only a collection of an Edm type
// gen keeps as raw JSON (Edm.Untyped) may hold null.
//
// An open type takes properties it does not declare, but not one whose name
// differs from a declared one only in letter case: Go's decoding would put
// its value in the declared property.
//
// Validate sees the decoded value, in which a repeated member name has
// already lost all but its last value: ReadBody refuses those with
// DuplicateKey before it validates.
//
// Validate returns a *ValidationError for a bad value, and another error
// when the schema itself is incomplete.
func Validate(v any, typeName string, collection bool) error {
	return validate(v, "", typeName, collection)
}

func validate(v any, path, typeName string, collection bool) error {
	if v == nil {
		return nil
	}
	if collection {
		arr, ok := v.([]any)
		if !ok {
			return kindError(path, "a JSON array")
		}
		for i, e := range arr {
			elem := fmt.Sprintf("%s[%d]", path, i)
			if e == nil && !Untyped(typeName) {
				return &ValidationError{Path: elem, Message: fmt.Sprintf("%q is null: a collection of %s holds no null elements", elem, typeName)}
			}
			if err := validate(e, elem, typeName, false); err != nil {
				return err
			}
		}
		return nil
	}
	if strings.HasPrefix(typeName, "Edm.") {
		return checkPrimitive(v, path, typeName)
	}
	t := Lookup(typeName)
	if t == nil {
		return fmt.Errorf("odata: no schema registered for %s", typeName)
	}
	if t.Enum {
		if _, ok := v.(string); !ok {
			return kindError(path, "a string")
		}
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return kindError(path, "a JSON object")
	}
	if raw, ok := obj["@odata.type"]; ok {
		name, ok := raw.(string)
		if !ok {
			return &ValidationError{Path: join(path, "@odata.type"), Message: fmt.Sprintf("%q must be a string", join(path, "@odata.type"))}
		}
		actual := Lookup(strings.TrimPrefix(name, "#"))
		if actual == nil || actual.Enum || !actual.DerivesFrom(t.Name) {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s has @odata.type %q, which is not %s or a type derived from it", describe(path), name, t.Name)}
		}
		if actual.Abstract {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s has @odata.type %q, which is abstract: name the type derived from it", describe(path), name)}
		}
		t = actual
	} else if t.Abstract {
		return &ValidationError{Path: path, Message: fmt.Sprintf("%s is of the abstract type %s: name the type derived from it in @odata.type", describe(path), t.Name)}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.Contains(k, "@") {
			continue // instance annotation, such as @odata.type or x@odata.bind
		}
		p := t.Property(k)
		if p == nil {
			if !t.Open {
				return &ValidationError{Path: join(path, k), Message: fmt.Sprintf("unknown property %q", join(path, k))}
			}
			// A dynamic property, unless encoding/json, which matches names
			// regardless of case, would decode it into a declared one.
			if d := t.propertyFold(k); d != nil {
				return &ValidationError{Path: join(path, k), Message: fmt.Sprintf("property %q differs from the declared property %q only in letter case", join(path, k), d.Name)}
			}
			continue
		}
		if err := validate(obj[k], join(path, k), p.Type, p.Collection); err != nil {
			return err
		}
	}
	return nil
}

// IsDateTime reports whether s is an RFC 3339 date and time, as
// Edm.DateTimeOffset values are. Go's parser also takes a comma before the
// fraction, which RFC 3339 does not.
func IsDateTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil && !strings.ContainsRune(s, ',')
}

// Untyped reports whether typeName is an Edm type gen does not know
// (Edm.Untyped, geography types), whose values the generated code keeps as
// raw JSON: any value fits, null included.
func Untyped(typeName string) bool {
	switch typeName {
	case "Edm.String", "Edm.Guid", "Edm.Duration", "Edm.Date", "Edm.TimeOfDay", "Edm.Binary", "Edm.Stream",
		"Edm.DateTimeOffset", "Edm.Boolean",
		"Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64",
		"Edm.Double", "Edm.Single", "Edm.Decimal":
		return false
	}
	return strings.HasPrefix(typeName, "Edm.")
}

// checkPrimitive checks a value of an Edm type. Untyped Edm types accept any
// value.
func checkPrimitive(v any, path, edm string) error {
	switch edm {
	case "Edm.String", "Edm.Guid", "Edm.Duration", "Edm.Date", "Edm.TimeOfDay", "Edm.Binary", "Edm.Stream":
		if _, ok := v.(string); !ok {
			return kindError(path, "a string")
		}
	case "Edm.DateTimeOffset":
		s, ok := v.(string)
		if !ok {
			return kindError(path, "an RFC 3339 date and time string")
		}
		if !IsDateTime(s) {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s must be an RFC 3339 date and time, such as 2020-01-01T00:00:00Z, not %q", describe(path), s)}
		}
	case "Edm.Boolean":
		if _, ok := v.(bool); !ok {
			return kindError(path, "a boolean")
		}
	case "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64":
		n, ok := number(v)
		if !ok {
			return kindError(path, "an integer")
		}
		lo, hi := IntRange(edm)
		i, err := strconv.ParseInt(n, 10, 64)
		if err != nil || i < lo || i > hi {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s must be an integer in the range of %s, not %s", describe(path), edm, n)}
		}
	case "Edm.Double", "Edm.Single", "Edm.Decimal":
		n, ok := number(v)
		if !ok {
			return kindError(path, "a number")
		}
		bits := 64
		if edm == "Edm.Single" {
			bits = 32
		}
		if _, err := strconv.ParseFloat(n, bits); err != nil {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s must be a number in the range of %s, not %s", describe(path), edm, n)}
		}
	}
	return nil
}

// IntRange is the range of values of an Edm integer type; Edm.Int64's for
// any other name.
func IntRange(edm string) (lo, hi int64) {
	switch edm {
	case "Edm.Byte":
		return 0, math.MaxUint8
	case "Edm.SByte":
		return math.MinInt8, math.MaxInt8
	case "Edm.Int16":
		return math.MinInt16, math.MaxInt16
	case "Edm.Int32":
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// number returns the text of a JSON number decoded as json.Number or float64.
func number(v any) (string, bool) {
	switch n := v.(type) {
	case json.Number:
		return n.String(), true
	case float64:
		return strconv.FormatFloat(n, 'f', -1, 64), true
	}
	return "", false
}

func kindError(path, want string) error {
	return &ValidationError{Path: path, Message: fmt.Sprintf("%s must be %s", describe(path), want)}
}

func describe(path string) string {
	switch {
	case path == "":
		return "the request body"
	case strings.HasSuffix(path, "]"):
		return fmt.Sprintf("element %q", path)
	}
	return fmt.Sprintf("property %q", path)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// DuplicateKey returns the path of the first member name that appears twice
// in one object of the JSON value data, such as "displayName" or
// "media[0].label", and true; "" and false when no name repeats. Instance
// annotations ("@odata.type", "x@odata.bind") count like any other name.
// Names compare as encoding/json decodes them, escapes resolved: "a" and
// "\u0061" are the same name.
//
// Decoders differ on such a body (encoding/json keeps the last value, others
// the first or refuse it), and decoding it into a map or struct loses all
// but one value without a word, so ReadBody refuses it. DuplicateKey is a
// single pass over the bytes that allocates little, not a decode. data must
// be valid JSON, as ReadBody has established by decoding it; on anything
// else the result means nothing, but DuplicateKey does not panic.
func DuplicateKey(data []byte) (path string, found bool) {
	s := dupScanner{data: data}
	s.value()
	if !s.found {
		return "", false
	}
	var b strings.Builder
	for _, seg := range s.path {
		if seg.index >= 0 {
			fmt.Fprintf(&b, "[%d]", seg.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.Write(seg.name)
	}
	return b.String(), true
}

// dupScanner is the state of DuplicateKey.
type dupScanner struct {
	data  []byte
	i     int          // offset of the next byte to read
	names [][]byte     // the names read in the objects being scanned, innermost last
	path  []dupSegment // where the scanner is; at the repeated name once found
	found bool
}

// dupSegment is a step of a path: an object member (index < 0) or an array
// element.
type dupSegment struct {
	name  []byte
	index int
}

// dupLinear is the number of names up to which an object's names are
// compared one by one; a larger object puts them in a map, so that a body
// of many names costs linear time, not quadratic.
const dupLinear = 16

func (s *dupScanner) skipSpace() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips white space and returns the next byte, or 0 at the end.
func (s *dupScanner) next() byte {
	s.skipSpace()
	if s.i < len(s.data) {
		return s.data[s.i]
	}
	return 0
}

// value scans one JSON value; it returns early once found is set, leaving
// path at the repeated name.
func (s *dupScanner) value() {
	switch s.next() {
	case '{':
		s.object()
	case '[':
		s.i++
		for index := 0; ; index++ {
			switch s.next() {
			case ']':
				s.i++
				return
			case 0:
				return
			}
			s.path = append(s.path, dupSegment{index: index})
			s.value()
			if s.found {
				return
			}
			s.path = s.path[:len(s.path)-1]
			switch s.next() {
			case ',':
				s.i++
			case ']':
			default: // malformed
				return
			}
		}
	case '"':
		s.skipString()
	default: // a number, true, false or null
		for s.i < len(s.data) {
			switch s.data[s.i] {
			case ',', ']', '}', ' ', '\t', '\n', '\r':
				return
			}
			s.i++
		}
	}
}

func (s *dupScanner) object() {
	s.i++ // '{'
	start := len(s.names)
	defer func() { s.names = s.names[:start] }()
	var seen map[string]struct{} // once the object has more than dupLinear names
	for {
		switch s.next() {
		case '}':
			s.i++
			return
		case '"':
		default: // malformed
			return
		}
		name := s.name()
		repeated := false
		if seen != nil {
			if _, repeated = seen[string(name)]; !repeated {
				seen[string(name)] = struct{}{}
			}
		} else {
			for _, n := range s.names[start:] {
				if bytes.Equal(n, name) {
					repeated = true
					break
				}
			}
			s.names = append(s.names, name)
			if len(s.names)-start > dupLinear {
				seen = make(map[string]struct{}, 2*dupLinear)
				for _, n := range s.names[start:] {
					seen[string(n)] = struct{}{}
				}
			}
		}
		s.path = append(s.path, dupSegment{name: name, index: -1})
		if repeated {
			s.found = true
			return
		}
		if s.next() != ':' {
			return // malformed
		}
		s.i++
		s.value()
		if s.found {
			return
		}
		s.path = s.path[:len(s.path)-1]
		if s.next() == ',' {
			s.i++
		}
	}
}

// skipString moves past the JSON string at s.i and reports whether it is
// plain: free of escapes and invalid UTF-8, so that its bytes are what
// encoding/json decodes it to.
func (s *dupScanner) skipString() (plain bool) {
	s.i++ // '"'
	plain = true
	for s.i < len(s.data) {
		switch c := s.data[s.i]; {
		case c == '"':
			s.i++
			return plain
		case c == '\\':
			plain = false
			s.i += 2
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s.data[s.i:])
			if r == utf8.RuneError && size == 1 {
				plain = false
			}
			s.i += size
		default:
			s.i++
		}
	}
	s.i = len(s.data)
	return plain
}

// name scans the JSON string at s.i, a member name, and returns it as
// encoding/json decodes it.
func (s *dupScanner) name() []byte {
	start := s.i
	plain := s.skipString()
	if s.i-start < 2 {
		return nil // malformed
	}
	raw := s.data[start+1 : s.i-1]
	if plain {
		return raw
	}
	var text string
	if json.Unmarshal(s.data[start:s.i], &text) != nil {
		return raw // malformed
	}
	return []byte(text)
}
