package odata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"unicode"
	"unicode/utf8"
)

// The generated UnmarshalJSON methods of open and polymorphic types, and
// of the types that hold them, decode an object member by member with
// DecodeObject instead of through encoding/json. encoding/json scans the
// bytes it hands an UnmarshalJSON method, and that method's own
// json.Unmarshal scans them again, so each level of such types would read
// everything below it once more: a body nesting them 30 deep would cost 30
// times its size. DecodeObject finds where a member ends with a scan that
// only follows strings and brackets, and passes each value to where it
// goes; encoding/json then reads each byte once, at the level whose Go value
// holds it.

// foldName is name with its letters folded as encoding/json folds the
// names it matches to fields: two names are equal but for case
// (strings.EqualFold) exactly when their foldNames are equal.
func foldName(name string) string {
	var buf [64]byte
	return string(appendFold(buf[:0], name))
}

// appendFold appends foldName(name) to dst; looking a name up with
// m[string(appendFold(buf[:0], name))] costs no allocation.
func appendFold[S string | []byte](dst []byte, name S) []byte {
	for i := 0; i < len(name); {
		if c := name[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune([]byte(name[i:min(i+utf8.UTFMax, len(name))]))
		dst = utf8.AppendRune(dst, foldRune(r))
		i += n
	}
	return dst
}

// foldRune is the smallest rune of r's case folding orbit.
func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// endOfString returns the offset after the closing quote of the JSON
// string whose opening quote is data[i], or -1.
func endOfString(data []byte, i int) int {
	for j := i + 1; ; j++ {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return -1
		}
		j += k
		n := 0 // backslashes before the quote: an odd number escapes it
		for b := j - 1; b > i && data[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
	}
}

// endOfValue returns the offset after the JSON value that starts at
// data[i], or -1. It checks no more than it must to find the end: brackets
// are counted and strings skipped, and a literal or number runs to the next
// delimiter. Whatever it passes over is checked where it is decoded.
func endOfValue(data []byte, i int) int {
	if i >= len(data) {
		return -1
	}
	switch data[i] {
	case '"':
		return endOfString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				if j = endOfString(data, j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(data) {
		switch data[j] {
		case ',', '}', ']', ':', ' ', '\t', '\n', '\r', '"', '{', '[':
			if j == i {
				return -1
			}
			return j
		}
		j++
	}
	return j
}

// syntaxError is encoding/json's error for data, which a scan found
// malformed.
func syntaxError(data []byte) error {
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	return errors.New("odata: malformed JSON")
}

// kindOf names the kind of the JSON value data starts with, as
// json.UnmarshalTypeError does.
func kindOf(data []byte) string {
	switch c := data[skipSpace(data, 0)]; {
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == '"':
		return "string"
	case c == 't' || c == 'f':
		return "bool"
	}
	return "number"
}

// eachMember calls f with the name and value of each member of the JSON
// object data in order, the value without the space around it. A value is
// only as well-formed as endOfValue checks: f checks it. It returns a
// *json.UnmarshalTypeError when data is some other JSON value (of type t),
// and f's first error, which stops it.
func eachMember(data []byte, t reflect.Type, f func(name, value []byte) error) error {
	i, done, err := openValue(data, t, '{', '}')
	if done {
		return err
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return syntaxError(data)
		}
		end := endOfString(data, i)
		if end < 0 {
			return syntaxError(data)
		}
		name, err := unquote(data[i:end])
		if err != nil {
			return err
		}
		if i = skipSpace(data, end); i >= len(data) || data[i] != ':' {
			return syntaxError(data)
		}
		i = skipSpace(data, i+1)
		if end = endOfValue(data, i); end < 0 {
			return syntaxError(data)
		}
		if err := f(name, data[i:end]); err != nil {
			return err
		}
		if i, done, err = afterValue(data, end, '}'); done {
			return err
		}
	}
}

// openValue checks the start of data, which must hold one JSON value
// opening with open ('{' or '['): it returns the offset of the first member
// or element, or done with the verdict on the whole value when there is
// none to read: an empty object or array (nil unless something follows
// it), a value of another kind (a *json.UnmarshalTypeError of type t), or
// no well-formed value.
func openValue(data []byte, t reflect.Type, open, close byte) (i int, done bool, err error) {
	i = skipSpace(data, 0)
	if i == len(data) {
		return 0, true, syntaxError(data)
	}
	if data[i] != open {
		if end := endOfValue(data, i); end < 0 || skipSpace(data, end) != len(data) {
			return 0, true, syntaxError(data)
		}
		return 0, true, &json.UnmarshalTypeError{Value: kindOf(data), Type: t, Offset: int64(i)}
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == close {
		return 0, true, trailing(data, i+1)
	}
	return i, false, nil
}

// afterValue reads what follows a member or element that ends at end: a
// ',' (i is then where the next one starts), or close, which ends the
// value (done, with the verdict on what follows it), or anything else, a
// syntax error (done).
func afterValue(data []byte, end int, close byte) (i int, done bool, err error) {
	if i = skipSpace(data, end); i >= len(data) {
		return 0, true, syntaxError(data)
	}
	switch data[i] {
	case ',':
		return skipSpace(data, i+1), false, nil
	case close:
		return 0, true, trailing(data, i+1)
	}
	return 0, true, syntaxError(data)
}

// eachElement is eachMember for the elements of a JSON array.
func eachElement(data []byte, t reflect.Type, f func(value []byte) error) error {
	i, done, err := openValue(data, t, '[', ']')
	if done {
		return err
	}
	for {
		end := endOfValue(data, i)
		if end < 0 {
			return syntaxError(data)
		}
		if err := f(data[i:end]); err != nil {
			return err
		}
		if i, done, err = afterValue(data, end, ']'); done {
			return err
		}
	}
}

// trailing checks that only space follows the value that ends at
// data[end].
func trailing(data []byte, end int) error {
	if skipSpace(data, end) != len(data) {
		return syntaxError(data)
	}
	return nil
}

// unquote is the JSON string quoted, its quotes included, as encoding/json
// decodes it; quoted itself (without the quotes) when it has no escape,
// control character or invalid UTF-8, which is nearly always.
func unquote(quoted []byte) ([]byte, error) {
	s := quoted[1 : len(quoted)-1]
	plain := true
	for _, c := range s {
		if c < 0x20 || c == '\\' || c >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain || (bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s) && !hasControl(s)) {
		return s, nil
	}
	var name string
	if err := json.Unmarshal(quoted, &name); err != nil {
		return nil, err
	}
	return []byte(name), nil
}

func hasControl(s []byte) bool {
	for _, c := range s {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// A Field is where DecodeObject decodes a property whose value is itself
// decoded member by member: Struct, Collection, Poly and PolyCollection
// make one.
type Field interface {
	decodeField(data []byte) error
}

// unmarshaler is *T with the UnmarshalJSON of a generated type.
type unmarshaler[T any] interface {
	*T
	json.Unmarshaler
}

// Struct is the Field of a property holding one value of a generated
// type whose UnmarshalJSON uses DecodeObject: null makes *dst nil, and
// anything else is decoded into *dst, a new T when *dst is nil.
func Struct[T any, P unmarshaler[T]](dst **T) Field { return structField[T, P]{dst} }

type structField[T any, P unmarshaler[T]] struct{ dst **T }

func (f structField[T, P]) decodeField(data []byte) error {
	if IsNull(data) {
		*f.dst = nil
		return nil
	}
	if *f.dst == nil {
		*f.dst = new(T)
	}
	return P(*f.dst).UnmarshalJSON(data)
}

// Collection is Struct for a collection: null makes *dst nil, and an array
// a new slice of its elements.
func Collection[T any, P unmarshaler[T]](dst *[]T) Field { return collectionField[T, P]{dst} }

type collectionField[T any, P unmarshaler[T]] struct{ dst *[]T }

func (f collectionField[T, P]) decodeField(data []byte) error {
	if IsNull(data) {
		*f.dst = nil
		return nil
	}
	out := []T{}
	err := eachElement(data, reflect.TypeOf(out), func(value []byte) error {
		var zero T
		out = append(out, zero)
		return P(&out[len(out)-1]).UnmarshalJSON(value)
	})
	if err != nil {
		return err
	}
	*f.dst = out
	return nil
}

// Poly is the Field of a polymorphic property, decoded by DecodeProperty
// with decode (a generated DecodeAnyT) into *dst.
func Poly[T any](name string, decode func(json.RawMessage) (T, error), dst *T) Field {
	return &polyField[T]{name, decode, dst}
}

type polyField[T any] struct {
	name   string
	decode func(json.RawMessage) (T, error)
	dst    *T
}

func (f *polyField[T]) decodeField(data []byte) error {
	return DecodeProperty(f.name, data, f.decode, f.dst)
}

// PolyCollection is Poly for a collection, decoded by DecodeCollection; null
// leaves *dst alone.
func PolyCollection[T any](name string, decode func(json.RawMessage) (T, error), dst *[]T) Field {
	return &polyCollectionField[T]{name, decode, dst}
}

type polyCollectionField[T any] struct {
	name   string
	decode func(json.RawMessage) (T, error)
	dst    *[]T
}

func (f *polyCollectionField[T]) decodeField(data []byte) error {
	if IsNull(data) {
		return nil
	}
	raws := []json.RawMessage{}
	// The elements are slices of data, which decode only reads.
	err := eachElement(data, reflect.TypeOf(*f.dst), func(value []byte) error {
		raws = append(raws, value)
		return nil
	})
	if err != nil {
		return err
	}
	return DecodeCollection(f.name, raws, f.decode, f.dst)
}

// DecodeObject decodes the JSON object data into fields, the targets of the
// registered type typeName: first the @odata.type, then one per property of
// the type, in the order of its Properties. A target is a Field or a pointer
// that json.Unmarshal decodes the member's value into; nil drops the
// member. Members are matched to properties by name as encoding/json
// matches them to struct fields (an exact match first, else one but for
// case), and so are the decoded values: null leaves a non-pointer alone,
// a member given twice is decoded twice, and a value of the wrong JSON type
// is a *json.UnmarshalTypeError returned once every other member is
// decoded (but in a polymorphic property, whose error, naming the
// property, stops the decoding at once). The members no property takes are
// returned, copied, when the type is open, else dropped; nil when there are
// none. Annotations
// ("@odata.etag", "manager@odata.bind") are no dynamic properties: they
// are dropped too, so that a value decoded from a request does not answer
// them back (the Service reads them from the body as sent, RequestFrom).
//
// Generated UnmarshalJSON methods use it, so that each member is read once
// at the level that decodes it, however deep the object nests.
func DecodeObject(data []byte, typeName string, fields ...any) (map[string]json.RawMessage, error) {
	t := Lookup(typeName)
	if t == nil || len(fields) != len(t.Properties)+1 {
		return nil, fmt.Errorf("odata: %s is not registered with %d properties", typeName, len(fields)-1)
	}
	goType := reflect.TypeFor[map[string]json.RawMessage]()
	if t.GoType != nil {
		goType = reflect.TypeOf(t.GoType).Elem()
	}
	var (
		extra map[string]json.RawMessage
		first *json.UnmarshalTypeError // decoding goes on past it, as in encoding/json
	)
	err := eachMember(data, goType, func(name, value []byte) error {
		i, ok := t.byName[string(name)]
		switch {
		case ok:
			i++
		case string(name) == "@odata.type":
			i, ok = 0, true
		default:
			var buf [64]byte
			folded := appendFold(buf[:0], name)
			if string(folded) == "@ODATA.TYPE" {
				i, ok = 0, true
			} else if i, ok = t.byFold[string(folded)]; ok {
				i++
			}
		}
		if !ok || fields[i] == nil {
			if !json.Valid(value) {
				return syntaxError(value)
			}
			if ok || !t.Open || isAnnotation(name) {
				return nil
			}
			if extra == nil {
				extra = map[string]json.RawMessage{}
			}
			// data may be reused once UnmarshalJSON returns.
			extra[string(name)] = bytes.Clone(value)
			return nil
		}
		var err error
		if f, isField := fields[i].(Field); isField {
			err = f.decodeField(value)
		} else {
			err = json.Unmarshal(value, fields[i])
		}
		if te, isType := err.(*json.UnmarshalTypeError); isType {
			if first == nil {
				first = te
				if te.Struct == "" {
					te.Struct = goType.Name()
				}
				field := "@odata.type"
				if i > 0 {
					field = t.Properties[i-1].Name
				}
				if te.Field != "" {
					field += "." + te.Field
				}
				te.Field = field
			}
			return nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if first != nil {
		return nil, first
	}
	return extra, nil
}

// isAnnotation reports whether a member name is an instance or property
// annotation, "@term" or "property@term", rather than a property.
func isAnnotation(name []byte) bool { return bytes.IndexByte(name, '@') >= 0 }
