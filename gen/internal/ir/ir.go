// Package ir is the intermediate representation between the page parser and
// the emitters: plain Go-ready facts, in document order, each with its source
// position and its Go identifier worked out once by the resolver.
//
// The JSON form (gen ir) is read by other tools; its field names are stable.
package ir

import (
	"sort"
	"strings"

	"gen/gen/internal/diag"
)

// Kind is the kind of a type.
type Kind string

// Type kinds.
const (
	Entity  Kind = "entity"
	Complex Kind = "complex"
	Enum    Kind = "enum"
)

// Program is everything gen knows about a doc set.
type Program struct {
	Types      []*Type      `json:"types"`
	Operations []*Operation `json:"operations"`

	// HeldNames are the method names an earlier run into the output gave
	// pages that make no operation in the package that recorded them (an
	// error left it out, or the page's namespace changed): they stay taken
	// and recorded there, so that the page gets its name back once it is
	// mended or comes back.
	HeldNames []HeldName `json:"-"`

	byName map[string]*Type
}

// HeldName is the method name an earlier run gave an operation page, in
// the package it was in then.
type HeldName struct {
	Package   string
	Namespace string // the page's
	Source    string // the page
	Title     string // the Go name its title made
	Method    string
	Pos       diag.Pos // the page's title, for findings
	// Request is the name an earlier run gave the struct of the
	// operation's table body ("" for none), made from Method: held with it.
	Request string
}

// Type is a resource (entity or complex type) or an enum.
type Type struct {
	Namespace   string      `json:"namespace"`
	Name        string      `json:"name"`
	Kind        Kind        `json:"kind"`
	BaseType    string      `json:"baseType"`
	Abstract    bool        `json:"abstract"`
	Open        bool        `json:"open,omitempty"` // accepts properties it does not declare ("openType": true)
	Source      string      `json:"source"`
	KeyProperty string      `json:"keyProperty,omitempty"`
	Description string      `json:"description,omitempty"`
	Properties  []*Property `json:"properties"`
	Members     []*Member   `json:"members"`
	// Restated are the page's rows that repeat a base type's property ("id
	// ... Inherited from entity"); they are not declared again, but they are
	// part of what the page says (the metadata agreement counts them).
	Restated []*Property `json:"-"`
	GoName   string      `json:"goName"`
	Package  string      `json:"package"`
	Pos      diag.Pos    `json:"pos"`

	// Resolved links, filled by the resolver.
	Base    *Type   `json:"-"`
	Derived []*Type `json:"-"` // direct subtypes, sorted by qualified name
}

// QualifiedName is namespace.name, as OData writes it.
func (t *Type) QualifiedName() string { return t.Namespace + "." + t.Name }

// AllProperties returns the properties of t's base types (root first) then
// t's own, skipping a property that a derived type repeats.
func (t *Type) AllProperties() []*Property {
	var chain []*Type
	seen := map[*Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		chain = append(chain, c)
	}
	var out []*Property
	have := map[string]int{}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, p := range chain[i].Properties {
			if j, ok := have[p.Name]; ok {
				out[j] = p // the most derived declaration wins
				continue
			}
			have[p.Name] = len(out)
			out = append(out, p)
		}
	}
	return out
}

// Property finds a property of t or its base types by name.
func (t *Type) Property(name string) *Property {
	seen := map[*Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		for _, p := range c.Properties {
			if p.Name == name {
				return p
			}
		}
	}
	return nil
}

// PropertyFold is Property with a case-insensitive match.
func (t *Type) PropertyFold(name string) *Property {
	seen := map[*Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		seen[c] = true
		for _, p := range c.Properties {
			if strings.EqualFold(p.Name, name) {
				return p
			}
		}
	}
	return nil
}

// IsPolymorphic reports whether values of t may carry a derived type, so that
// decoding must look at @odata.type.
func (t *Type) IsPolymorphic() bool { return len(t.Derived) > 0 }

// Shapeless reports whether t is a complex type the docs give no shape: no
// property, no base or derived type, not open (Json, "Represents data
// returned in JSON format", holds arrays and numbers). The generated code
// keeps its values as raw JSON, so any value, null too, is one.
func (t *Type) Shapeless() bool {
	return t != nil && t.Kind == Complex && !t.Open && len(t.Properties) == 0 && t.Base == nil && len(t.Derived) == 0
}

// NamesAbstract reports whether t is abstract with types derived from it,
// so that a value must name one of them: the generated handler refuses a
// value of t itself, and t has no type name of its own to write.
func (t *Type) NamesAbstract() bool { return t.Abstract && len(t.Derived) > 0 }

// Descendants returns every type derived from t, directly or not, sorted by
// qualified name.
func (t *Type) Descendants() []*Type {
	var out []*Type
	seen := map[*Type]bool{t: true}
	var walk func(*Type)
	walk = func(c *Type) {
		for _, d := range c.Derived {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
				walk(d)
			}
		}
	}
	walk(t)
	sort.Slice(out, func(i, j int) bool { return out[i].QualifiedName() < out[j].QualifiedName() })
	return out
}

// Property is one row of a Properties or Relationships table.
type Property struct {
	Name        string   `json:"name"`
	Type        string   `json:"type"` // qualified OData name: Edm.String, microsoft.graph.identitySet
	Collection  bool     `json:"collection"`
	Navigation  bool     `json:"navigation"`
	ReadOnly    bool     `json:"readOnly,omitempty"`
	Description string   `json:"description,omitempty"`
	GoName      string   `json:"goName"`
	Pos         diag.Pos `json:"pos"`

	// Ref is the resolved type for non-primitive properties, nil for Edm types.
	Ref *Type `json:"-"`
}

// Member is one value of an enum.
type Member struct {
	Name        string   `json:"name"`
	Value       string   `json:"value,omitempty"` // the page's Value column, such as "5"
	Description string   `json:"description,omitempty"`
	GoName      string   `json:"goName"`
	Pos         diag.Pos `json:"pos"`
}

// SendsBody reports whether an operation of this HTTP method sends a
// resource or parameters in its request body (POST, PATCH, PUT), so that
// its Request body section describes one.
func SendsBody(method string) bool {
	switch method {
	case "POST", "PATCH", "PUT":
		return true
	}
	return false
}

// IsReference reports whether every path of o links an object, ending in
// /$ref: its body is a reference ({"@odata.id": ...}) whatever its table
// says.
func (o *Operation) IsReference() bool {
	for _, p := range o.Paths {
		if i := strings.IndexAny(p, "?#"); i >= 0 {
			p = p[:i]
		}
		if !strings.HasSuffix(strings.TrimRight(p, "/"), "/$ref") {
			return false
		}
	}
	return len(o.Paths) > 0
}

// TableBody reports whether o's request body is known only from its
// request-body table: a method that takes a body, table rows, and no linked
// type (an action's parameters, a PATCH listing what may change), and not
// a $ref link. The generator makes it a struct of its own; the linter
// checks examples against the rows.
func (o *Operation) TableBody() bool {
	return SendsBody(o.Method) && o.RequestType == "" && len(o.RequestBody) > 0 && !o.IsReference()
}

// Operation is one operation page: an HTTP method on one or more paths.
type Operation struct {
	Name           string   `json:"name"` // Go method name on Service, e.g. CreateSegment
	Title          string   `json:"title"`
	Namespace      string   `json:"namespace"`
	Source         string   `json:"source"`
	Method         string   `json:"method"`
	Paths          []string `json:"paths"`
	PathParameters []string `json:"pathParameters"`
	// Queries are the query strings request lines write after a path, by
	// path: OData options the page shows ($expand=extensions($filter=id eq
	// '{extensionId}'), startDateTime={start_datetime}); QueryParameters
	// the {placeholders} they name that no path does.
	Queries            map[string][]string `json:"queries"`         // {} when none
	QueryParameters    []string            `json:"queryParameters"` // [] when none
	RequestType        string              `json:"requestType"`     // qualified; empty when the page has no body
	RequestCollection  bool                `json:"requestCollection,omitempty"`
	RequestBody        []*Property         `json:"requestBody,omitempty"` // request-body table rows
	ResponseStatus     int                 `json:"responseStatus"`
	ResponseType       string              `json:"responseType"`
	ResponseCollection bool                `json:"responseCollection,omitempty"`
	Examples           []*Example          `json:"examples"`
	Package            string              `json:"package"`
	Pos                diag.Pos            `json:"pos"`

	Request  *Type `json:"-"`
	Response *Type `json:"-"`
	// RowsLeftOut marks a request-body table some of whose rows the
	// resolver left out for an error (an unknown type): RequestBody is not
	// the whole table.
	RowsLeftOut bool `json:"-"`
	// KeptRequestName is the Go name an earlier run gave the struct of a
	// table body (<Name>Request, or numbered), "" for none: it stays the
	// struct's where free.
	KeptRequestName string `json:"-"`
}

// Example is a request/response pair from the Examples section.
type Example struct {
	Name     string           `json:"name"`
	Request  *ExampleRequest  `json:"request"`
	Response *ExampleResponse `json:"response"`
}

// Header is one HTTP header line of an example.
type Header struct {
	Name  string   `json:"name"`
	Value string   `json:"value"`
	Pos   diag.Pos `json:"pos"`
}

// ExampleRequest is the HTTP request of an example.
type ExampleRequest struct {
	Method  string   `json:"method"`
	URL     string   `json:"url"`
	Path    string   `json:"path"` // URL path without host and version prefix
	Headers []Header `json:"headers"`
	Body    string   `json:"body"`
	Pos     diag.Pos `json:"pos"`
	BodyPos diag.Pos `json:"-"`
}

// ExampleResponse is the HTTP response of an example.
type ExampleResponse struct {
	Status    int      `json:"status"`
	Headers   []Header `json:"headers"`
	Body      string   `json:"body"`
	Truncated bool     `json:"truncated"`
	ODataType string   `json:"odataType,omitempty"`
	Pos       diag.Pos `json:"pos"`
	BodyPos   diag.Pos `json:"-"`
}

// Lookup finds a type by qualified name.
// Without an index (a Program built by hand) it searches the list, so that
// Lookup never writes and is safe for concurrent use.
func (p *Program) Lookup(qualified string) *Type {
	if p.byName == nil {
		for _, t := range p.Types {
			if t.QualifiedName() == qualified {
				return t
			}
		}
		return nil
	}
	return p.byName[qualified]
}

// Index rebuilds the name index after Types changed.
func (p *Program) Index() {
	p.byName = make(map[string]*Type, len(p.Types))
	for _, t := range p.Types {
		p.byName[t.QualifiedName()] = t
	}
}
