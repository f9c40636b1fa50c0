package odata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// benchNode is shaped as gen emits an open type that holds itself, as
// driveItem holds its children.
type benchNode struct {
	ODataType            string                     `json:"@odata.type,omitempty"`
	Name                 string                     `json:"name,omitempty"`
	Children             []benchNode                `json:"children,omitempty"`
	AdditionalProperties map[string]json.RawMessage `json:"-"`
}

func (t *benchNode) UnmarshalJSON(data []byte) error {
	if IsNull(data) {
		return nil
	}
	extra, err := DecodeObject(data, "bench.node", &t.ODataType, &t.Name, Collection(&t.Children))
	if err != nil {
		return err
	}
	t.AdditionalProperties = extra
	return nil
}

// benchShape and benchBox are shaped as gen emits a polymorphic type whose
// derived type holds a value of it: each level is decoded through
// DecodeAnyBenchShape and the registry.
type benchShape struct {
	ODataType string `json:"@odata.type,omitempty"`
	Name      string `json:"name,omitempty"`
}

type benchBox struct {
	ODataType string        `json:"@odata.type,omitempty"`
	Name      string        `json:"name,omitempty"`
	Inner     anyBenchShape `json:"inner,omitempty"`
}

type anyBenchShape interface{ asShape() *benchShape }

func (t *benchShape) asShape() *benchShape { return t }
func (t *benchBox) asShape() *benchShape   { return &benchShape{ODataType: t.ODataType, Name: t.Name} }

func decodeAnyBenchShape(data json.RawMessage) (anyBenchShape, error) {
	v, err := Decode(data, "bench.shape")
	if v == nil || err != nil {
		return nil, err
	}
	return v.(anyBenchShape), nil
}

func (t *benchBox) UnmarshalJSON(data []byte) error {
	if IsNull(data) {
		return nil
	}
	_, err := DecodeObject(data, "bench.box", &t.ODataType, &t.Name, Poly("inner", decodeAnyBenchShape, &t.Inner))
	return err
}

// benchWide holds the properties of bench.wide150 or bench.wide1 by index.
type benchWide struct {
	ODataType            string
	Props                []string
	AdditionalProperties map[string]json.RawMessage
}

func (t *benchWide) decode(data []byte, typeName string) error {
	fields := []any{&t.ODataType}
	for i := range t.Props {
		fields = append(fields, &t.Props[i])
	}
	extra, err := DecodeObject(data, typeName, fields...)
	t.AdditionalProperties = extra
	return err
}

func wideType(name string, n int) Type {
	t := Type{Name: name, Open: true}
	for i := range n {
		t.Properties = append(t.Properties, Property{Name: "declaredProperty" + strconv.Itoa(i), Type: "Edm.String"})
	}
	return t
}

func init() {
	Register([]Type{
		{Name: "bench.node", Open: true, GoType: (*benchNode)(nil), Properties: []Property{
			{Name: "name", Type: "Edm.String"}, {Name: "children", Type: "bench.node", Collection: true},
		}},
		{Name: "bench.shape", GoType: (*benchShape)(nil), Properties: []Property{{Name: "name", Type: "Edm.String"}}},
		{Name: "bench.box", Ancestors: []string{"bench.shape"}, GoType: (*benchBox)(nil), Properties: []Property{
			{Name: "name", Type: "Edm.String"}, {Name: "inner", Type: "bench.shape"},
		}},
		wideType("bench.wide150", 150),
		wideType("bench.wide1", 1),
	})
}

// nestedBody is a body of some size bytes, an object of the open type
// bench.node (or, poly, the derived bench.box) nesting depth levels of
// itself around a long name: {"children":[{"children":[{"name":"xx…"}]}]}.
func nestedBody(depth, size int, poly bool) []byte {
	open, close := `{"children":[`, `]}`
	if poly {
		open, close = `{"@odata.type":"#bench.box","inner":`, `}`
	}
	var b bytes.Buffer
	for range depth {
		b.WriteString(open)
	}
	b.WriteString(`{"name":"`)
	b.WriteString(strings.Repeat("x", size-depth*(len(open)+len(close))-len(`{"name":""}`)))
	b.WriteString(`"}`)
	for range depth {
		b.WriteString(close)
	}
	return b.Bytes()
}

// decodeNested decodes data as ReadJSON does, into the Go type of the
// body's type.
func decodeNested(data []byte, poly bool) error {
	if poly {
		_, err := decodeAnyBenchShape(data)
		return err
	}
	var v benchNode
	return json.Unmarshal(data, &v)
}

// BenchmarkNestedDecode decodes 4 MiB bodies nesting an open type (node)
// and a polymorphic one (poly) 1 and 31 levels deep, and ReadBody and the
// decode as a generated handler runs them: compare the depths.
// Each level scans its members again to find their ends, so the cost per
// byte grows with the depth, but little where the bytes are in strings.
func BenchmarkNestedDecode(b *testing.B) {
	for _, poly := range []bool{false, true} {
		kind := "node"
		if poly {
			kind = "poly"
		}
		for _, depth := range []int{1, 31} {
			data := nestedBody(depth, 4<<20, poly)
			b.Run(fmt.Sprintf("%s/depth=%d/decode", kind, depth), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if err := decodeNested(data, poly); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
	// An object and an array per level: 15 levels nest 30 deep, as deep as
	// MaxDepth lets a body go.
	for _, depth := range []int{1, 15} {
		data := nestedBody(depth, 4<<20, false)
		b.Run(fmt.Sprintf("node/depth=%d/ReadJSON", depth), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest("POST", "/", bytes.NewReader(data))
				r.Header.Set("Content-Type", "application/json")
				var v benchNode
				if !ReadJSON(httptest.NewRecorder(), r, 8<<20, "bench.node", false, &v) {
					b.Fatal("refused")
				}
			}
		})
	}
}

// TestNestedDecodeAllocation fails when decoding a body costs more the
// deeper it nests: the bytes allocated decoding a 4 MiB body nested 31
// deep must stay within twice those at depth 1. (Each level decoding its
// whole subtree again allocated 11 times as much at depth 31, 16 times
// for the polymorphic type.)
func TestNestedDecodeAllocation(t *testing.T) {
	for _, poly := range []bool{false, true} {
		allocated := func(depth int) uint64 {
			data := nestedBody(depth, 4<<20, poly)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			if err := decodeNested(data, poly); err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			return after.TotalAlloc - before.TotalAlloc
		}
		shallow, deep := allocated(1), allocated(31)
		t.Logf("poly=%v: %d bytes allocated at depth 1, %d at depth 31", poly, shallow, deep)
		if deep > 2*shallow {
			t.Errorf("poly=%v: decoding at depth 31 allocated %d bytes, %.1f times as much as at depth 1", poly, deep, float64(deep)/float64(shallow))
		}
	}
}

// TestNestedDecode checks what the benchmarks decode.
func TestNestedDecode(t *testing.T) {
	data := nestedBody(31, 4<<10, false)
	var v benchNode
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	for range 31 {
		if len(v.Children) != 1 || v.Name != "" {
			t.Fatalf("%+v", v)
		}
		v = v.Children[0]
	}
	if len(v.Name) < 2<<10 || v.Children != nil {
		t.Fatalf("innermost: %d bytes of name, %d children", len(v.Name), len(v.Children))
	}
	s, err := decodeAnyBenchShape(nestedBody(31, 4<<10, true))
	if err != nil {
		t.Fatal(err)
	}
	for range 31 {
		box, ok := s.(*benchBox)
		if !ok {
			t.Fatalf("%T", s)
		}
		s = box.Inner
	}
	if shape, ok := s.(*benchShape); !ok || len(shape.Name) < 2<<10 {
		t.Fatalf("innermost: %#v", s)
	}
}

// keysBody is a body of some 4 MiB with n distinct undeclared names.
func keysBody(n int) []byte {
	var b bytes.Buffer
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"dynamicProperty%07d":"%s"`, i, strings.Repeat("v", (4<<20)/n-30))
	}
	b.WriteByte('}')
	return b.Bytes()
}

// BenchmarkOpenTypeKeys validates and decodes a 4 MiB body of 100,000
// dynamic properties against open types of 150 and of 1 declared
// properties. The cost should not grow with the number of properties:
// compare props=150 with props=1.
func BenchmarkOpenTypeKeys(b *testing.B) {
	data := keysBody(100_000)
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 150} {
		typeName := fmt.Sprintf("bench.wide%d", n)
		b.Run(fmt.Sprintf("props=%d/validate", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := Validate(v, typeName, false); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("props=%d/decode", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				w := benchWide{Props: make([]string, n)}
				if err := w.decode(data, typeName); err != nil || len(w.AdditionalProperties) != 100_000 {
					b.Fatal(err, len(w.AdditionalProperties))
				}
			}
		})
	}
}
