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
	"fmt"
	"sync"
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
	// Properties are the declared and inherited properties.
	Properties []Property
	// New returns a pointer to a new zero value of the Go struct, such as
	// new(callrecords.Segment); nil for enumerations.
	New func() any

	byName map[string]*Property
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

var (
	mu       sync.RWMutex
	registry = map[string]*Type{}
)

// Register adds types to the registry. It panics when a name is registered
// twice, which means two generated packages claim the same type.
func Register(types ...*Type) {
	mu.Lock()
	defer mu.Unlock()
	for _, t := range types {
		if _, dup := registry[t.Name]; dup {
			panic(fmt.Sprintf("odata: type %s registered twice", t.Name))
		}
		t.byName = make(map[string]*Property, len(t.Properties))
		for i := range t.Properties {
			t.byName[t.Properties[i].Name] = &t.Properties[i]
		}
		registry[t.Name] = t
	}
}

// Lookup returns the registered type with the qualified name, or nil.
func Lookup(name string) *Type {
	mu.RLock()
	defer mu.RUnlock()
	return registry[name]
}

// New returns a pointer to a new zero value of the Go struct registered for
// the qualified name, or nil when there is none.
func New(name string) any {
	t := Lookup(name)
	if t == nil || t.New == nil {
		return nil
	}
	return t.New()
}

// Property returns the property with the JSON name, or nil.
func (t *Type) Property(name string) *Property {
	return t.byName[name]
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
