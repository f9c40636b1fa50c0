package csdl

import (
	"fmt"
	"io"
	"strings"

	"gen/gen/internal/ir"
)

// Figures measures how far the docs agree with the schema, in the four
// figures the project reports for the Graph beta corpus.
//
// Types counts the schema's entity and complex types only: enums have no
// properties, so they take no part in the property figures, and are counted
// apart (Enums, EnumsMatched). A schema type is matched when the IR has a
// type of the same qualified name, compared case-insensitively; TypesExact
// counts the matches spelled identically.
//
// NameAnyCase and ExtraAnyCase say how much of what is left is letter case
// alone: they are the name recall and extra counts with property names
// compared case-insensitively, as types are. They are reported beside the
// figures, never in their place: JSON names are case-sensitive, so a page
// that spells a property with other case documents a different property.
//
// Recall is counted over the properties declared on each matched schema type
// itself (structural and navigation); the IR has one when the IR type
// declares or inherits a property of exactly that name. Precision is counted
// over the properties each matched IR type declares itself: one is extra when
// the schema type neither declares nor inherits it, so a page repeating an
// inherited property such as id is not an error: those rows are the IR
// type's Restated ones.
type Figures struct {
	Types        int // schema entity and complex types
	TypesMatched int // of those, with an IR type of the same qualified name
	TypesExact   int // of those, spelled with the same case

	Enums        int // schema enum types
	EnumsMatched int // of those, with an IR type of the same qualified name

	Declared     int // properties declared on matched schema types
	NameMatched  int // of those, the IR type has a property of that name
	FullyMatched int // of those, also with the same type and collection flag
	NameAnyCase  int // of those, the IR type has one spelled with any case

	Documented   int // properties declared on matched IR types
	Extra        int // of those, neither declared nor inherited in the schema
	ExtraAnyCase int // of those, not even spelled with other case
}

// Agreement computes the figures for prog against s. Types are compared as
// Diff compares them; element types case-insensitively, and Edm.Single and
// Edm.Double are different types.
func Agreement(prog *ir.Program, s *Schema) Figures {
	var f Figures
	m := match(prog, s)
	for _, st := range s.Types {
		t := m.docs[st]
		if st.Kind == ir.Enum {
			f.Enums++
			if t != nil {
				f.EnumsMatched++
			}
			continue
		}
		f.Types++
		if t == nil {
			continue
		}
		f.TypesMatched++
		if _, ok := m.exact[t]; ok {
			f.TypesExact++
		}
		for _, sp := range st.Properties {
			f.Declared++
			p := t.Property(sp.Name)
			if p == nil {
				if t.PropertyFold(sp.Name) != nil {
					f.NameAnyCase++
				}
				continue
			}
			f.NameAnyCase++
			f.NameMatched++
			if strings.EqualFold(p.Type, sp.Type) && p.Collection == sp.Collection {
				f.FullyMatched++
			}
		}
		for _, p := range append(t.Properties[:len(t.Properties):len(t.Properties)], t.Restated...) {
			f.Documented++
			if st.Property(p.Name) == nil {
				f.Extra++
				if st.propertyFold(p.Name) == nil {
					f.ExtraAnyCase++
				}
			}
		}
	}
	return f
}

// TypeShare is the share of schema entity and complex types matched.
func (f Figures) TypeShare() float64 { return share(f.TypesMatched, f.Types) }

// NameRecall is the share of declared schema properties the IR has by name.
func (f Figures) NameRecall() float64 { return share(f.NameMatched, f.Declared) }

// FullRecall is the share of declared schema properties the IR has with the
// same name, type and collection flag.
func (f Figures) FullRecall() float64 { return share(f.FullyMatched, f.Declared) }

// ExtraShare is the share of documented properties the schema does not have.
func (f Figures) ExtraShare() float64 { return share(f.Extra, f.Documented) }

func share(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// Reference figures: what a careful independent extraction of the Graph beta
// pages of 2020-05-18 reaches against the schema of 2020-05-19. Gen must match
// or beat each (ReferenceExtra is a ceiling, the others floors).
const (
	ReferenceTypes    = 0.848
	ReferenceName     = 0.977
	ReferenceFull     = 0.950
	ReferenceExtra    = 0.005
	referenceRounding = 0.0005 // the reference is given to one decimal of a percent
)

// MeetsReference lists the figures that fall short of the reference, each as
// a sentence; empty when all four match or beat it. Figures are compared as
// rounded to one decimal of a percent, as the reference is given.
func (f Figures) MeetsReference() []string {
	var short []string
	check := func(name string, got, ref float64, floor bool) {
		if floor && got+referenceRounding < ref || !floor && got-referenceRounding > ref {
			short = append(short, fmt.Sprintf("%s %.1f%% is worse than the reference %.1f%%", name, 100*got, 100*ref))
		}
	}
	check("types matched", f.TypeShare(), ReferenceTypes, true)
	check("name recall", f.NameRecall(), ReferenceName, true)
	check("name+type+collection recall", f.FullRecall(), ReferenceFull, true)
	check("extra properties", f.ExtraShare(), ReferenceExtra, false)
	return short
}

// Write prints the four figures with their counts, then the enum line.
func (f Figures) Write(w io.Writer) {
	fmt.Fprintf(w, "types matched to a resource page: %5.1f%% (%d of %d schema entity and complex types; %d with the same case)\n",
		100*f.TypeShare(), f.TypesMatched, f.Types, f.TypesExact)
	fmt.Fprintf(w, "property name recall:             %5.1f%% (%d of %d properties declared on matched schema types; %.1f%%, %d, ignoring letter case)\n",
		100*f.NameRecall(), f.NameMatched, f.Declared, 100*share(f.NameAnyCase, f.Declared), f.NameAnyCase)
	fmt.Fprintf(w, "name+type+collection recall:      %5.1f%% (%d of %d)\n",
		100*f.FullRecall(), f.FullyMatched, f.Declared)
	fmt.Fprintf(w, "properties not in the schema:     %5.1f%% (%d of %d properties declared on matched docs types; %.1f%%, %d, ignoring letter case)\n",
		100*f.ExtraShare(), f.Extra, f.Documented, 100*share(f.ExtraAnyCase, f.Documented), f.ExtraAnyCase)
	fmt.Fprintf(w, "enum types matched:               %5.1f%% (%d of %d schema enum types; not in the figures above)\n",
		100*share(f.EnumsMatched, f.Enums), f.EnumsMatched, f.Enums)
}
