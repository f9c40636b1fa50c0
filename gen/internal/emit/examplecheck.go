package emit

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"gen/gen/internal/emit/odata"
	"gen/gen/internal/ir"
)

// An example whose body does not fit the types the docs declare cannot pass
// through the generated code as the docs show it: the handler answers 400 to
// such a request, and a response that names a property its type does not
// declare loses it when the fake service decodes it. The example tests skip
// those examples and say why; the check here mirrors the generated
// validator (odata.Validate) and Go's decoding over the IR, at generation
// time.
//
// Two rules hold for requests and responses alike, though only requests are
// validated. A name that appears twice in one object (odata.DuplicateKey),
// at any depth, is refused by the handler; in a response, Go's decoding
// keeps its last value and drops the others, so the example shows a value
// the test could never see, as with an undeclared property. (The generated
// test would still pass, as its comparison decodes the documented response
// the same way; it would check one reading of an ambiguous document.) A
// null element of a collection is refused by the handler too, unless the
// collection holds raw JSON (odata.Untyped); in a response, the Go slice
// holds it as a zero value ("", an empty struct) that encodes as something
// other than null, so the test would fail, unless the slice holds raw JSON
// or AnyT interfaces, which keep null as it is.

// bodyProblem returns what makes body, a JSON value of the type named
// typeName (t for entity, complex and enum types), not fit it, or "". A
// collection is a JSON array. request selects the handler's validation,
// which also checks every @odata.type; a response only needs to decode.
func (g *generator) bodyProblem(body string, typeName string, t *ir.Type, collection, request bool) string {
	return g.bodyProblemAt(body, "", typeName, t, collection, bodyChecker{g: g, request: request})
}

// bodyProblemAt is bodyProblem for a body found at path in the document,
// checked by c.
func (g *generator) bodyProblemAt(body, path, typeName string, t *ir.Type, collection bool, c bodyChecker) string {
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "it is not JSON: " + err.Error()
	}
	if _, err := dec.Token(); err != io.EOF {
		return "it is not one JSON value"
	}
	if t != nil && c.pkg == "" {
		c.pkg = t.Package
	}
	if path, dup := odata.DuplicateKey([]byte(body)); dup {
		return c.duplicate(path)
	}
	return c.value(v, path, typeName, t, collection)
}

// resultProblem is bodyProblem for the response body of s, in the shape the
// handler writes it: {"value": ...} for a collection or a primitive or enum
// value, the object itself for an entity or complex type.
func (g *generator) resultProblem(body string, s *opSig) string {
	r := s.result
	if r.raw {
		return g.bodyProblem(body, r.name, nil, false, false) // any JSON, as the docs show it
	}
	in := bodyChecker{g: g}
	if s.op != nil {
		in.pkg = s.op.Package
	}
	if r.collection || !r.isStruct() {
		var wrapper map[string]json.RawMessage
		if json.Unmarshal([]byte(body), &wrapper) != nil {
			return "it is not a JSON object with a value"
		}
		// The wrapper has lost all but one of a repeated "value".
		if path, dup := odata.DuplicateKey([]byte(body)); dup {
			return bodyChecker{g: g}.duplicate(path)
		}
		raw, ok := wrapper["value"]
		if !ok {
			return `it has no "value"`
		}
		return g.bodyProblemAt(string(raw), "value", r.name, r.t, r.collection, in)
	}
	return g.bodyProblemAt(body, "", r.name, r.t, false, in)
}

// requestProblem is bodyProblem for the request body of s, checked as the
// handler of s's package checks it (a PATCH as a partial update).
func (g *generator) requestProblem(body string, s *opSig) string {
	c := bodyChecker{g: g, pkg: s.op.Package, request: true, partial: s.op.Method == "PATCH" && !s.body.collection}
	return g.bodyProblemAt(body, "", s.body.name, s.body.t, s.body.collection, c)
}

type bodyChecker struct {
	g       *generator
	pkg     string // the package whose test checks the body: its program registers what it imports
	request bool
	partial bool // a PATCH body: its root may be of an abstract type it does not name
}

func (c bodyChecker) value(v any, path, typeName string, t *ir.Type, collection bool) string {
	if v == nil {
		return ""
	}
	if collection {
		arr, ok := v.([]any)
		if !ok {
			return c.kind(path, "an array")
		}
		for i, e := range arr {
			elem := fmt.Sprintf("%s[%d]", path, i)
			if e == nil && !odata.Untyped(typeName) {
				switch {
				case c.request:
					return fmt.Sprintf("%q is null: a collection of %s holds no null elements", elem, typeName)
				case t == nil || !t.IsPolymorphic():
					return fmt.Sprintf("%q is null, which a collection of %s holds as a zero value", elem, typeName)
				}
				continue // a response's AnyT interface holds nil
			}
			if p := c.value(e, elem, typeName, t, false); p != "" {
				return p
			}
		}
		return ""
	}
	if isEdm(typeName) {
		return c.primitive(v, path, typeName)
	}
	if t == nil {
		return fmt.Sprintf("%s is of the unknown type %s", describePath(path), typeName)
	}
	if t.Kind == ir.Enum {
		if _, ok := v.(string); !ok {
			return c.kind(path, "a string")
		}
		return ""
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return c.kind(path, "an object")
	}
	for _, k := range objectKeys(obj) { // sorted: the message names the same one every run
		if k != "@odata.type" && strings.EqualFold(k, "@odata.type") {
			// The handler refuses it; Go's decoding takes it for @odata.type.
			return fmt.Sprintf("%q is @odata.type in other letter case", joinPath(path, k))
		}
	}
	actual := t
	if raw, ok := obj["@odata.type"]; ok && c.g.requestOf[t] == nil {
		name, _ := raw.(string)
		named := c.g.prog.Lookup(strings.TrimPrefix(name, "#"))
		derived := named != nil && named.Kind != ir.Enum && derivesFrom(named, t)
		switch {
		case derived && named.Package != c.pkg && c.pkg != "" && !c.g.reaches(c.pkg, named.Package):
			return fmt.Sprintf("%s has @odata.type %q, of package %s, which package %s does not import: a program that imports %s too decodes it", describePath(path), name, named.Package, c.pkg, named.Package)
		case derived:
			actual = named
		case c.request || t.IsPolymorphic():
			return fmt.Sprintf("%s has @odata.type %q, which is not %s or a type derived from it", describePath(path), name, t.QualifiedName())
		}
	}
	_, named := obj["@odata.type"]
	if c.request && actual.NamesAbstract() && !(c.partial && path == "" && !named) {
		return fmt.Sprintf("%s is of the abstract type %s: it names no type derived from it", describePath(path), actual.QualifiedName())
	}
	for _, k := range objectKeys(obj) {
		if strings.Contains(k, "@") {
			if name, ok := strings.CutSuffix(k, "@odata.bind"); ok && name != "" && c.request {
				if prob := c.bind(actual, obj[k], joinPath(path, k), name); prob != "" {
					return prob
				}
			}
			continue
		}
		p := c.member(actual, k)
		if p == nil {
			if !c.g.isOpen(actual) {
				return fmt.Sprintf("property %q is not declared by %s", joinPath(path, k), actual.QualifiedName())
			}
			if d := actual.PropertyFold(k); d != nil {
				// The handler refuses it; Go's decoding of a response puts
				// it in the declared property.
				return fmt.Sprintf("property %q differs from the declared property %q only in letter case", joinPath(path, k), d.Name)
			}
			continue
		}
		r := propRef(actual, p)
		if prob := c.value(obj[k], joinPath(path, k), r.name, r.t, r.collection); prob != "" {
			return prob
		}
	}
	return ""
}

// member is t's property named k, as the handler finds it: of a request
// struct, an action's parameters, regardless of case.
func (c bodyChecker) member(t *ir.Type, k string) *ir.Property {
	p := t.Property(k)
	if p == nil && c.g.requestOf[t] != nil {
		p = t.PropertyFold(k)
	}
	return p
}

// bind checks the value v of "name@odata.bind", at path in an object of
// type t, as the validator does: name is a property of t (any name, of an
// open type) of neither a primitive nor an enum type, bound to one link (a
// non-empty string) or, for a collection, an array of them.
func (c bodyChecker) bind(t *ir.Type, v any, path, name string) string {
	p := c.member(t, name)
	switch {
	case p == nil && c.g.isOpen(t):
		if odata.IsLink(v) || odata.IsLinks(v) {
			return ""
		}
		return fmt.Sprintf("%q is neither a link (a non-empty string) nor an array of links", path)
	case p == nil:
		return fmt.Sprintf("%q binds %q, which is not declared by %s", path, name, t.QualifiedName())
	case isEdm(p.Type) || p.Ref != nil && p.Ref.Kind == ir.Enum:
		return fmt.Sprintf("%q binds %s, which is of type %s (%s): only a relationship is bound", path, name, p.Type, p.Pos)
	case !p.Collection:
		if !odata.IsLink(v) {
			return fmt.Sprintf("%q binds the single-valued %s (%s): it is not a link (a non-empty string)", path, name, p.Pos)
		}
		return ""
	}
	links, ok := v.([]any)
	if !ok {
		return fmt.Sprintf("%q binds the collection %s (%s): it is not an array of links", path, name, p.Pos)
	}
	for i, l := range links {
		if !odata.IsLink(l) {
			return fmt.Sprintf("element %d of %q is not a link (a non-empty string)", i, path)
		}
	}
	return ""
}

// primitive checks a value of an Edm type as the validator and Go's
// decoding of the field's type do.
func (c bodyChecker) primitive(v any, path, edm string) string {
	switch edm {
	case "Edm.String", "Edm.Stream":
		if _, ok := v.(string); !ok {
			return c.kind(path, "a string")
		}
	case "Edm.Guid", "Edm.Duration", "Edm.Date", "Edm.TimeOfDay", "Edm.Binary":
		s, ok := v.(string)
		if !ok {
			return c.kind(path, "a string")
		}
		// The validator checks the form (odata.IsGUID and the like); Go
		// holds the value in a string, so a response keeps it as it is.
		if what := odata.FormatProblem(edm, s); what != "" && c.request {
			return fmt.Sprintf("%s is %q, which is not %s", describePath(path), s, what)
		}
	case "Edm.DateTimeOffset":
		s, ok := v.(string)
		if !ok {
			return c.kind(path, "a date and time string")
		}
		if !odata.IsDateTime(s) {
			return fmt.Sprintf("%s is %q, which is not an RFC 3339 date and time", describePath(path), s)
		}
	case "Edm.Boolean":
		if _, ok := v.(bool); !ok {
			return c.kind(path, "a boolean")
		}
	case "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64":
		n, ok := v.(json.Number)
		if !ok {
			return c.kind(path, "an integer")
		}
		lo, hi := odata.IntRange(edm)
		if i, err := strconv.ParseInt(n.String(), 10, 64); err != nil || i < lo || i > hi {
			return fmt.Sprintf("%s is %s, which is not an integer in the range of %s", describePath(path), n, edm)
		}
	case "Edm.Double", "Edm.Single", "Edm.Decimal":
		n, ok := v.(json.Number)
		if !ok {
			return c.kind(path, "a number")
		}
		bits := 64
		if edm == "Edm.Single" {
			bits = 32
		}
		if _, err := strconv.ParseFloat(n.String(), bits); err != nil {
			return fmt.Sprintf("%s is %s, which is not a number in the range of %s", describePath(path), n, edm)
		}
	}
	return ""
}

// duplicate says that the name at path appears twice in its object.
func (c bodyChecker) duplicate(path string) string {
	if c.request {
		return fmt.Sprintf("%q appears twice in the body", path)
	}
	return fmt.Sprintf("%q appears twice, and decoding keeps only the last value", path)
}

func (c bodyChecker) kind(path, want string) string {
	return fmt.Sprintf("%s is not %s", describePath(path), want)
}

// derivesFrom reports whether t is base or derives from it.
func derivesFrom(t, base *ir.Type) bool {
	seen := map[*ir.Type]bool{}
	for c := t; c != nil && !seen[c]; c = c.Base {
		if c == base {
			return true
		}
		seen[c] = true
	}
	return false
}

func describePath(path string) string {
	switch {
	case path == "":
		return "the body"
	case strings.HasSuffix(path, "]"):
		return fmt.Sprintf("element %q", path)
	}
	return fmt.Sprintf("property %q", path)
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func objectKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// hasHeader reports whether hs has a header named name, in any case.
func hasHeader(hs []ir.Header, name string) bool { return headerIndex(hs, name) >= 0 }

// headerValue is the value of the first header called name, or "".
func headerValue(hs []ir.Header, name string) string {
	if i := headerIndex(hs, name); i >= 0 {
		return strings.TrimSpace(hs[i].Value)
	}
	return ""
}

// headerIndex is the index of the first header called name, or -1.
func headerIndex(hs []ir.Header, name string) int {
	for i, h := range hs {
		if strings.EqualFold(strings.TrimSpace(h.Name), name) {
			return i
		}
	}
	return -1
}
