// Package odata is the runtime shared by the generated packages: a registry
// of the schema of every generated type, a validator that walks a decoded
// request body against it, and the helpers that read requests and write
// Microsoft Graph style responses and errors.
//
// Generated packages register their types from an init function, by
// qualified OData name, so that a value typed with a base type from one
// package can carry a derived type from another package without either
// package importing the other.
package odata

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
)

// Type is the schema of one generated type, for example
// microsoft.graph.callRecords.segment.
type Type struct {
	// Name is the qualified OData name, namespace.name.
	Name string
	// Ancestors are the qualified names of the base types, nearest first.
	Ancestors []string
	// Enum is set for enumerations; any string is accepted as a member, so
	// that members added to the service later still decode.
	Enum bool
	// Open is set for open types, which accept dynamic properties.
	Open bool
	// Abstract is set for abstract types: a value names a derived type in
	// its @odata.type.
	Abstract bool
	// Request is set for the struct of an operation's body that only a
	// table describes (<Operation>Request): no type of the service, so an
	// @odata.type in such a body names something else and is not checked,
	// and its members, an action's parameters, match regardless of case.
	Request bool
	// Properties are the declared and inherited properties.
	Properties []Property
	// GoType is a nil pointer to the Go struct, such as
	// (*callrecords.Segment)(nil); New makes values of its type. Nil for
	// enumerations. (A nil pointer rather than a constructor function keeps
	// the table static data, with no code to compile per type.)
	GoType any

	// byName and byFold index Properties by JSON name and by foldName of
	// it (the first property of each folded name, as encoding/json picks),
	// so a lookup costs the same for a type of one property and of 150.
	byName map[string]int
	byFold map[string]int
}

// Property is one property of a Type.
type Property struct {
	// Name is the JSON name, for example "startDateTime".
	Name string
	// Type is the qualified OData type name, for example "Edm.DateTimeOffset"
	// or "microsoft.graph.callRecords.endpoint".
	Type string
	// Collection is set when the value is a JSON array of Type.
	Collection bool
}

// registry maps qualified names to types. Readers load the map without a
// lock: it is never changed once published. Register, called from the init
// functions of the generated packages, publishes a new map holding the old
// one's types and its own, under registerMu.
var (
	registerMu sync.Mutex
	registry   atomic.Pointer[map[string]*Type]
)

// Register adds types to the registry; it keeps pointers into the slice.
// It panics when a name is registered twice, which means two generated
// packages claim the same type; the registry is then as it was.
func Register(types []Type) {
	registerMu.Lock()
	defer registerMu.Unlock()
	var old map[string]*Type
	if p := registry.Load(); p != nil {
		old = *p
	}
	next := make(map[string]*Type, len(old)+len(types))
	for name, t := range old {
		next[name] = t
	}
	for i := range types {
		t := &types[i]
		if _, dup := next[t.Name]; dup {
			panic(fmt.Sprintf("odata: type %s registered twice", t.Name))
		}
		t.byName = make(map[string]int, len(t.Properties))
		t.byFold = make(map[string]int, len(t.Properties))
		for i, p := range t.Properties {
			t.byName[p.Name] = i
			if _, ok := t.byFold[foldName(p.Name)]; !ok {
				t.byFold[foldName(p.Name)] = i // the first, as encoding/json picks
			}
		}
		next[t.Name] = t
	}
	registry.Store(&next)
}

// Lookup returns the registered type with the qualified name, or nil. It
// takes no lock.
func Lookup(name string) *Type {
	if p := registry.Load(); p != nil {
		return (*p)[name]
	}
	return nil
}

// New returns a pointer to a new zero value of the Go struct registered for
// the qualified name, or nil when there is none.
func New(name string) any {
	t := Lookup(name)
	if t == nil || t.GoType == nil {
		return nil
	}
	rt := reflect.TypeOf(t.GoType)
	if rt.Kind() != reflect.Pointer {
		return nil
	}
	return reflect.New(rt.Elem()).Interface()
}

// Property returns the property with the JSON name, or nil.
func (t *Type) Property(name string) *Property {
	if i, ok := t.byName[name]; ok {
		return &t.Properties[i]
	}
	return nil
}

// member returns the property a member of an object of type t fills: the
// one of its name, or, for an action's parameters (a Request struct),
// which the docs and clients spell in either case (sendMail's Message as
// message) and the service takes both ways, the one of its name but for
// case. encoding/json decodes either into the field.
func (t *Type) member(name string) *Property {
	p := t.Property(name)
	if p == nil && t.Request {
		p = t.propertyFold(name)
	}
	return p
}

// propertyFold returns the property whose JSON name equals name regardless
// of letter case, as encoding/json matches a name to a field, or nil.
func (t *Type) propertyFold(name string) *Property {
	var buf [64]byte
	if i, ok := t.byFold[string(appendFold(buf[:0], name))]; ok {
		return &t.Properties[i]
	}
	return nil
}

// DerivesFrom reports whether t is the type with the qualified name or
// derives from it, directly or not.
func (t *Type) DerivesFrom(name string) bool {
	if t.Name == name {
		return true
	}
	for _, a := range t.Ancestors {
		if a == name {
			return true
		}
	}
	return false
}

// Decode decodes the JSON object data into a new value of the registered Go
// type its @odata.type names (with or without the leading '#'), which must
// be the type named base or derived from it; of base itself when data has no
// @odata.type. JSON null gives nil. The generated DecodeAnyT functions use
// it, so a value typed with a base type from one package can hold a derived
// type from another.
func Decode(data []byte, base string) (any, error) {
	if IsNull(data) {
		return nil, nil
	}
	name, err := odataType(data) // data is checked as it is decoded below
	if err != nil {
		return nil, err
	}
	if name == "" {
		name = base
	}
	var v any
	if t := Lookup(name); t != nil && t.DerivesFrom(base) {
		v = New(name)
	}
	if v == nil {
		return nil, fmt.Errorf("@odata.type %q is not %s or a type derived from it", name, base)
	}
	// A generated UnmarshalJSON called directly reads data once; through
	// json.Unmarshal data would be scanned twice more first.
	if u, ok := v.(json.Unmarshaler); ok {
		err = u.UnmarshalJSON(data)
	} else {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

// DecodeProperty decodes raw, the JSON of the property name, with decode
// into *dst; an absent property (nil raw) leaves *dst alone. Generated
// UnmarshalJSON methods use it for properties of polymorphic types.
func DecodeProperty[T any](name string, raw json.RawMessage, decode func(json.RawMessage) (T, error), dst *T) error {
	if raw == nil {
		return nil
	}
	v, err := decode(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	*dst = v
	return nil
}

// DecodeCollection is DecodeProperty for a collection: it decodes each
// element of raws with decode into a new *dst.
func DecodeCollection[T any](name string, raws []json.RawMessage, decode func(json.RawMessage) (T, error), dst *[]T) error {
	if raws == nil {
		return nil
	}
	out := make([]T, len(raws))
	for i, raw := range raws {
		v, err := decode(raw)
		if err != nil {
			return fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		out[i] = v
	}
	*dst = out
	return nil
}
