package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gen/gen/internal/ir"
)

// isPlaceholder reports whether s is a placeholder rather than an example
// value: a type name such as "Int32" or "Edm.Guid", or one followed by a
// note in parentheses, such as "String (timestamp)".
func isPlaceholder(s string) bool {
	_, _, ok := ir.Placeholder(s)
	return ok
}

// isFiller reports whether s is the docs' "name-value" filler
// ("classId-value", "datetime-value"): a placeholder where a value of a
// type other than string belongs, though a string where one does.
func isFiller(s string) bool {
	name, ok := strings.CutSuffix(s, "-value")
	if !ok || name == "" {
		return false
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// FillPlaceholders replaces the placeholder values of an example body with
// typed sample values chosen from the declared type of each property, so
// that the example can be sent to a real handler: "String (timestamp)" in an
// Edm.DateTimeOffset property becomes "2020-01-01T00:00:00Z", "Int32"
// becomes 1, "Boolean" becomes true, the strings "true" and "false" in a
// Boolean property become booleans, a "name-value" filler in a property of
// an Edm type other than String gets that type's sample, a placeholder in
// an enum property becomes the first member. The same placeholder in the same property gets
// the same value everywhere, so a request and its response stay consistent.
//
// body is a JSON value of type t (t may be nil): an object, an array of
// them, or a collection response {"value": [...]}. A nested object is of the
// type its @odata.type names when p knows it, else of its property's type.
// Values of unknown properties are left alone. The result keeps the key
// order of body and is indented with two spaces.
func FillPlaceholders(body []byte, t *ir.Type, p *ir.Program) ([]byte, error) {
	v, err := parseOrdered(body)
	if err != nil {
		return nil, err
	}
	s := &sampler{prog: p}
	switch {
	case v.kind == '[':
		for _, e := range v.vals {
			s.fillObject(e, t)
		}
	case v.kind == '{' && t != nil && t.Property("value") == nil && v.get("value") != nil && v.get("value").kind == '[':
		for _, e := range v.get("value").vals {
			s.fillObject(e, t)
		}
	default:
		s.fillObject(v, t)
	}
	var buf bytes.Buffer
	if err := v.write(&buf, ""); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type sampler struct{ prog *ir.Program }

// fillObject fills the properties of an object of type t.
func (s *sampler) fillObject(v *jsonValue, t *ir.Type) {
	if v.kind != '{' {
		return
	}
	if ot := v.get("@odata.type"); ot != nil && s.prog != nil {
		if name, ok := ot.scalar.(string); ok {
			if actual := s.prog.Lookup(strings.TrimPrefix(name, "#")); actual != nil && actual.Kind != ir.Enum {
				t = actual
			}
		}
	}
	for i, k := range v.keys {
		if strings.Contains(k, "@") {
			continue
		}
		var prop *ir.Property
		if t != nil {
			prop = t.Property(k)
		}
		s.fillProperty(v.vals[i], prop)
	}
}

func (s *sampler) fillProperty(v *jsonValue, prop *ir.Property) {
	if v.kind == '[' {
		for _, e := range v.vals {
			s.fillProperty(e, prop)
		}
		return
	}
	if v.kind == '{' {
		var t *ir.Type
		if prop != nil {
			t = prop.Ref
		}
		s.fillObject(v, t)
		return
	}
	str, ok := v.scalar.(string)
	if !ok || prop == nil {
		return
	}
	switch {
	case prop.Ref != nil && prop.Ref.Kind == ir.Enum:
		if isPlaceholder(str) && len(prop.Ref.Members) > 0 {
			v.scalar = prop.Ref.Members[0].Name
		}
	case isEdm(prop.Type):
		if prop.Type == "Edm.Boolean" && (str == "true" || str == "false") {
			v.scalar = str == "true"
			return
		}
		e, known := edmTypes[prop.Type]
		if !known || !isPlaceholder(str) && !(prop.Type != "Edm.String" && isFiller(str)) {
			return
		}
		switch x := e.sample.(type) {
		case int:
			v.scalar = json.Number(strconv.Itoa(x))
		case float64:
			v.scalar = json.Number(strconv.FormatFloat(x, 'f', -1, 64))
		default:
			v.scalar = x
		}
	}
}

// jsonValue is a JSON value that remembers the order of object keys.
type jsonValue struct {
	kind   byte // '{', '[' or 0 for a scalar
	keys   []string
	vals   []*jsonValue // object values, parallel to keys, or array elements
	scalar any          // string, json.Number, bool or nil
}

func (v *jsonValue) get(key string) *jsonValue {
	for i, k := range v.keys {
		if k == key {
			return v.vals[i]
		}
	}
	return nil
}

func parseOrdered(data []byte) (*jsonValue, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := parseValue(dec)
	if err != nil {
		return nil, fmt.Errorf("example body: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("example body: data after the JSON value")
	}
	return v, nil
}

func parseValue(dec *json.Decoder) (*jsonValue, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		v := &jsonValue{kind: '{'}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			val, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			v.keys = append(v.keys, kt.(string))
			v.vals = append(v.vals, val)
		}
		_, err := dec.Token()
		return v, err
	case json.Delim('['):
		v := &jsonValue{kind: '['}
		for dec.More() {
			val, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			v.vals = append(v.vals, val)
		}
		_, err := dec.Token()
		return v, err
	}
	return &jsonValue{scalar: tok}, nil
}

func (v *jsonValue) write(b *bytes.Buffer, indent string) error {
	switch v.kind {
	case '{', '[':
		open, close := "{", "}"
		if v.kind == '[' {
			open, close = "[", "]"
		}
		if len(v.vals) == 0 {
			b.WriteString(open + close)
			return nil
		}
		b.WriteString(open + "\n")
		inner := indent + "  "
		for i, e := range v.vals {
			b.WriteString(inner)
			if v.kind == '{' {
				if err := writeScalar(b, v.keys[i]); err != nil {
					return err
				}
				b.WriteString(": ")
			}
			if err := e.write(b, inner); err != nil {
				return err
			}
			if i < len(v.vals)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + close)
		return nil
	}
	return writeScalar(b, v.scalar)
}

func writeScalar(b *bytes.Buffer, x any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return err
	}
	b.Write(bytes.TrimRight(buf.Bytes(), "\n"))
	return nil
}
