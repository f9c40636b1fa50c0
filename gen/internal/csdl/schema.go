// Package csdl reads an OData CSDL schema (the EDMX a Graph service serves as
// $metadata) and compares it with the IR built from the docs: which types and
// properties each side has, their types, collection-ness, base types and enum
// members. The schema is an independent oracle for what the pages describe;
// a difference is either a parser bug or a docs bug, and the second kind is
// reported to writers as the lint finding metadata-drift.
package csdl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
)

// Schema is every entity, complex and enum type of one CSDL document, across
// all its <Schema> elements, with aliases expanded.
type Schema struct {
	Types []*Type // in document order

	byName map[string]*Type // lower-cased qualified name
	exact  map[string]*Type // qualified name as declared
}

// Type is an EntityType, ComplexType or EnumType.
type Type struct {
	Namespace string
	Name      string
	Kind      ir.Kind
	BaseType  string // qualified, aliases expanded; "" when none
	Abstract  bool
	OpenType  bool
	HasStream bool
	IsFlags   bool
	// Properties are the structural and navigation properties declared on
	// the type itself, in document order; inherited ones are on Base.
	Properties []*Property
	Members    []Member // enum members, in document order
	Pos        diag.Pos // line of the type's element in the schema file

	Base *Type // resolved BaseType; nil when none or not in the schema
}

// Property is a Property or NavigationProperty element.
type Property struct {
	Name       string
	Type       string // qualified, element type of a collection: Edm.String, microsoft.graph.user
	Collection bool
	Navigation bool
	Nullable   bool // the Nullable facet; true when absent
	Pos        diag.Pos
}

// Member is an enum Member element.
type Member struct {
	Name  string
	Value string // the Value attribute; "" when absent
	Pos   diag.Pos
}

// QualifiedName is namespace.name.
func (t *Type) QualifiedName() string { return t.Namespace + "." + t.Name }

// Property finds a property declared on t or inherited from its base types.
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

// Lookup finds a type by qualified name: spelled as declared if one is,
// else case-insensitively (the first declared, when several differ only
// in letter case).
func (s *Schema) Lookup(qualified string) *Type {
	if t := s.exact[qualified]; t != nil {
		return t
	}
	return s.byName[strings.ToLower(qualified)]
}

// ReadFile reads a CSDL document from disk. Positions name the file as given.
func ReadFile(path string) (*Schema, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(path, b)
}

// Read parses a CSDL (EDMX) document. name is used in positions. Only the
// type declarations are read; entity containers, actions, functions and
// annotations are skipped. A document whose root is not edmx:Edmx, or that
// has no <Schema>, is an error: an empty or wrong file would otherwise read
// as a schema without types and make every documented type a difference.
func Read(name string, b []byte) (*Schema, error) {
	src := diag.NewSource(name, b)
	d := xml.NewDecoder(bytes.NewReader(b))
	s := &Schema{byName: map[string]*Type{}, exact: map[string]*Type{}}
	aliases := map[string]string{} // alias -> namespace, over the whole document
	var (
		ns    string // namespace of the current <Schema>
		cur   *Type  // the type being read
		depth int    // element depth inside cur

		rootPos diag.Pos // of the root element; invalid until it is read
		schemas int      // <Schema> elements read
	)
	notCSDL := func(pos diag.Pos, format string, args ...any) error {
		return fmt.Errorf("%s: not a CSDL (EDMX) document: "+format, append([]any{pos}, args...)...)
	}
	for {
		off := int(d.InputOffset())
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Pos(int(d.InputOffset())), err)
		}
		switch el := tok.(type) {
		case xml.CharData:
			// A byte order mark is not text.
			if !rootPos.IsValid() && len(bytes.TrimSpace(bytes.TrimPrefix(el, []byte("\ufeff")))) > 0 {
				text := bytes.TrimLeft(b[off:], " \t\r\n\ufeff")
				return nil, notCSDL(src.Pos(len(b)-len(text)), "text before the root element")
			}
		case xml.StartElement:
			if !rootPos.IsValid() {
				rootPos = src.Pos(off)
				if el.Name.Local != "Edmx" {
					return nil, notCSDL(rootPos, "the root element is <%s>, want <edmx:Edmx>", el.Name.Local)
				}
			}
			if cur != nil {
				depth++
				if depth == 1 {
					readMember(cur, el, src.Pos(off))
				}
				continue
			}
			switch el.Name.Local {
			case "Schema":
				schemas++
				ns = attr(el, "Namespace")
				if a := attr(el, "Alias"); a != "" {
					aliases[a] = ns
				}
			case "EntityType", "ComplexType", "EnumType":
				cur = &Type{
					Namespace: ns, Name: attr(el, "Name"), Pos: src.Pos(off),
					BaseType: attr(el, "BaseType"), Abstract: attr(el, "Abstract") == "true",
					OpenType: attr(el, "OpenType") == "true", HasStream: attr(el, "HasStream") == "true",
					IsFlags: attr(el, "IsFlags") == "true",
				}
				cur.Kind = map[string]ir.Kind{"EntityType": ir.Entity, "ComplexType": ir.Complex, "EnumType": ir.Enum}[el.Name.Local]
				depth = 0
			}
		case xml.EndElement:
			if cur == nil {
				continue
			}
			if depth > 0 {
				depth--
				continue
			}
			s.Types = append(s.Types, cur)
			cur = nil
		}
	}
	if !rootPos.IsValid() {
		return nil, notCSDL(src.Pos(0), "no root element")
	}
	if schemas == 0 {
		return nil, notCSDL(rootPos, "no <Schema> element")
	}
	// Aliases may be declared by a later <Schema>, so expand them at the end.
	for _, t := range s.Types {
		t.BaseType = expand(t.BaseType, aliases)
		for _, p := range t.Properties {
			p.Type = expand(p.Type, aliases)
		}
		if k := strings.ToLower(t.QualifiedName()); s.byName[k] == nil {
			s.byName[k] = t
		}
		s.exact[t.QualifiedName()] = t
	}
	for _, t := range s.Types {
		if t.BaseType != "" {
			t.Base = s.Lookup(t.BaseType)
		}
	}
	return s, nil
}

// readMember reads a direct child of a type element.
func readMember(t *Type, el xml.StartElement, pos diag.Pos) {
	switch el.Name.Local {
	case "Property", "NavigationProperty":
		typ, coll := attr(el, "Type"), false
		if strings.HasPrefix(typ, "Collection(") && strings.HasSuffix(typ, ")") {
			typ, coll = typ[len("Collection("):len(typ)-1], true
		}
		t.Properties = append(t.Properties, &Property{
			Name: attr(el, "Name"), Type: typ, Collection: coll,
			Navigation: el.Name.Local == "NavigationProperty",
			Nullable:   attr(el, "Nullable") != "false", Pos: pos,
		})
	case "Member":
		t.Members = append(t.Members, Member{Name: attr(el, "Name"), Value: attr(el, "Value"), Pos: pos})
	}
}

func attr(el xml.StartElement, name string) string {
	for _, a := range el.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// expand replaces a schema alias in a qualified name by its namespace:
// graph.entity -> microsoft.graph.entity.
func expand(q string, aliases map[string]string) string {
	i := strings.LastIndexByte(q, '.')
	if i < 0 {
		return q
	}
	if ns, ok := aliases[q[:i]]; ok {
		return ns + q[i:]
	}
	return q
}
