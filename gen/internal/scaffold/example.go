package scaffold

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"

	"gen/gen/internal/ir"
)

// Example bodies are built as ordered JSON values and rendered the way
// Graph's pages indent them (two spaces, one member per line), so the order
// of the table is the order of the example.
type (
	jObject []jField
	jField  struct {
		key string
		val any // jObject, jArray or jRaw
	}
	jArray []any
	jRaw   string // an encoded JSON scalar
)

// example renders the JSON body of t for a request (no key, no read-only
// properties) or a response (everything, the key a GUID).
func (w *composer) example(t *ir.Type, props []*ir.Property, response bool) string {
	return render(w.exampleValue(t, props, response), "")
}

func (w *composer) exampleValue(t *ir.Type, props []*ir.Property, response bool) jObject {
	key := keyOf(t)
	obj := jObject{{"@odata.type", jRaw(quote("#" + t.QualifiedName()))}}
	for _, p := range orderProperties(t, props) {
		isKey := p.Name == key
		if !response && (isKey || p.ReadOnly) {
			continue
		}
		obj = append(obj, jField{p.Name, w.sampleOf(t, p, isKey)})
	}
	return obj
}

// sampleOf is the typed placeholder value of property p of owner, in the
// style of Graph's scaffolder: "String", "Int32", "Boolean", "String
// (timestamp)" for a DateTimeOffset, an object carrying only its
// @odata.type for a complex value, one element for a collection. Keys and
// Guid properties get a GUID, an enum its first member: both are values a
// handler accepts as they are.
func (w *composer) sampleOf(owner *ir.Type, p *ir.Property, isKey bool) any {
	var one any
	switch {
	case p.Ref != nil && p.Ref.Kind == ir.Enum:
		v := "String"
		if len(p.Ref.Members) > 0 {
			v = p.Ref.Members[0].Name
		}
		one = jRaw(quote(v))
	case p.Ref != nil:
		one = jObject{{"@odata.type", jRaw(quote(concrete(p.Ref).QualifiedName()))}}
	case isKey && p.Type == "Edm.String", p.Type == "Edm.Guid":
		one = jRaw(quote(guid(owner.QualifiedName() + "/" + p.Name)))
	case p.Type == "Edm.DateTimeOffset":
		one = jRaw(quote("String (timestamp)"))
	default:
		one = jRaw(quote(strings.TrimPrefix(p.Type, "Edm.")))
	}
	if p.Collection {
		return jArray{one}
	}
	return one
}

// concrete is t, or for an abstract type its first concrete descendant, so
// that an example never claims to hold an instance of an abstract type.
func concrete(t *ir.Type) *ir.Type {
	if !t.Abstract {
		return t
	}
	for _, d := range t.Descendants() {
		if !d.Abstract {
			return d
		}
	}
	return t
}

// guid is a stable GUID for a name, laid out as Graph's scaffolders lay out
// theirs: a 32-bit hash h spread over the fields the way .NET's
// Guid(int, short, short, byte...) constructor writes them, so the seed's
// "e7eaf109-f109-e7ea-09f1-eae709f1eae7" is h = 0xe7eaf109. The hash here is
// FNV-1a of "<qualified type>/<property>"; the scaffolder's own input could
// not be recovered.
func guid(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	return guidOf(h.Sum32())
}

func guidOf(h uint32) string {
	b := [4]byte{byte(h), byte(h >> 8), byte(h >> 16), byte(h >> 24)}
	return fmt.Sprintf("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		h, h&0xffff, h>>16, b[0], b[1], b[2], b[3], b[0], b[1], b[2], b[3])
}

// quote encodes s as a JSON string without escaping <, > and &.
func quote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(buf.String(), "\n")
}

// render writes v indented by two spaces per level, starting at indent.
func render(v any, indent string) string {
	var b strings.Builder
	renderTo(&b, v, indent)
	return b.String()
}

func renderTo(b *strings.Builder, v any, indent string) {
	inner := indent + "  "
	switch v := v.(type) {
	case jObject:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, f := range v {
			b.WriteString(inner + quote(f.key) + ": ")
			renderTo(b, f.val, inner)
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case jArray:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, e := range v {
			b.WriteString(inner)
			renderTo(b, e, inner)
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	case jRaw:
		b.WriteString(string(v))
	}
}
