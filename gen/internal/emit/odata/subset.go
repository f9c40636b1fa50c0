package odata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"
)

// JSONSubset reports whether the JSON document got contains want: every
// property of every object in want is present in got with an equal value,
// recursively; got may have more properties. Annotations in want other than
// @odata.type, such as "@odata.context" or "x@odata.nextLink", may be absent
// from got: they are control information the service's Go values do not
// carry; so may null, "" and [], which Go's omitempty leaves out. Date and
// times compare as instants with their offsets; numbers by value, integers
// digit for digit, and a number written as Go writes a float32 (Edm.Single)
// to a float32's precision (see sameNumber). Arrays must have the same
// length and match element by element. The
// generated example tests use it for responses the docs mark as truncated.
func JSONSubset(want, got []byte) error {
	return compareJSON(want, got, "", false)
}

// JSONSubsetAs is JSONSubset for documents of the type typeName: a
// registered type, "Collection(x)" for the answer {"value": [...]} of a
// collection, or an Edm type for the answer {"value": v}. A number is compared as its property's type holds it, an
// Int64 digit for digit, a Double as a float64, a Single as a float32.
func JSONSubsetAs(typeName string, want, got []byte) error {
	return compareJSON(want, got, typeName, false)
}

// JSONEqualAs is JSONEqual for documents of the type typeName, with
// numbers compared as JSONSubsetAs does.
func JSONEqualAs(typeName string, want, got []byte) error {
	return compareJSON(want, got, typeName, true)
}

// JSONEqual reports whether the JSON documents want and got are equal, but
// for annotations as in JSONSubset and an "@odata.type" that got has and want
// lacks: types in a hierarchy
// always encode their @odata.type, where the docs often leave it out. The
// generated example tests use it for complete responses.
func JSONEqual(want, got []byte) error {
	return compareJSON(want, got, "", true)
}

// valueType is what a compared value is known to be: a registered type, an
// Edm type, or nothing known.
type valueType struct {
	t   *Type
	edm string
	// elements: an answer {"value": [...]} of a collection of them.
	elements *valueType
}

// typeNamed is the type a name says: "Collection(x)" for the answer
// {"value": [...]} of a collection of x, an Edm type (a primitive, answered
// as {"value": v}), or a registered type.
func typeNamed(name string) valueType {
	if elem, ok := strings.CutPrefix(name, "Collection("); ok && strings.HasSuffix(elem, ")") {
		e := typeNamed(strings.TrimSuffix(elem, ")"))
		return valueType{elements: &e}
	}
	if strings.HasPrefix(name, "Edm.") {
		return valueType{edm: name}
	}
	return valueType{t: Lookup(name)}
}

func compareJSON(want, got []byte, typeName string, exact bool) error {
	w, err := decodeNumbers(want)
	if err != nil {
		return fmt.Errorf("expected JSON: %v", err)
	}
	g, err := decodeNumbers(got)
	if err != nil {
		return fmt.Errorf("actual JSON: %v", err)
	}
	return subset(w, g, "$", exact, typeNamed(typeName))
}

func decodeNumbers(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func subset(want, got any, path string, exact bool, vt valueType) error {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", path, show(got))
		}
		// The object is of the type its @odata.type names, as the handler
		// wrote it, else of the type expected here.
		ot := vt.t
		if name, ok := g["@odata.type"].(string); ok {
			if named := Lookup(strings.TrimPrefix(name, "#")); named != nil {
				ot = named
			}
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		folded := map[string]bool{} // got's names that want's matched but for case
		for _, k := range keys {
			gv, ok := g[k]
			if !ok && ot != nil && ot.Request {
				// An action's parameters match regardless of case: the
				// handler took "message" for the struct's "Message".
				for gk, v := range g {
					if strings.EqualFold(gk, k) {
						gv, ok = v, true
						folded[gk] = true
						break
					}
				}
			}
			if !ok && strings.Contains(k, "@") && k != "@odata.type" {
				continue // control information such as @odata.context, which no Go value holds
			}
			if !ok && k == "@odata.type" && ot != nil && ot.Request {
				continue // an action's parameters name no type of the service: the struct keeps none
			}
			if !ok && omitted(w[k]) {
				continue // null, "" or [], which encode as absent
			}
			if !ok {
				return fmt.Errorf("%s.%s: missing", path, k)
			}
			if k == "@odata.type" {
				// The handler writes a type name with its '#', where the
				// docs often leave it out.
				ws, wok := w[k].(string)
				gs, gok := gv.(string)
				if wok && gok && strings.TrimPrefix(ws, "#") == strings.TrimPrefix(gs, "#") {
					continue
				}
			}
			p := ot.property(k)
			var pt valueType
			switch {
			case vt.elements != nil:
				if k == "value" {
					pt = *vt.elements // a collection's answer
				}
			case vt.edm != "":
				if k == "value" {
					pt = vt // a primitive's answer: {"value": v}
				}
			case p != nil:
				pt = typeNamed(p.Type)
			}
			if err := subset(w[k], gv, path+"."+k, exact, pt); err != nil {
				return err
			}
		}
		if exact {
			extra := make([]string, 0, len(g))
			for k := range g {
				if _, ok := w[k]; !ok && k != "@odata.type" && !folded[k] {
					extra = append(extra, k)
				}
			}
			if len(extra) > 0 {
				sort.Strings(extra)
				return fmt.Errorf("%s.%s: unexpected", path, extra[0])
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Errorf("%s: want an array, got %s", path, show(got))
		}
		if len(g) != len(w) {
			return fmt.Errorf("%s: want %d elements, got %d", path, len(w), len(g))
		}
		for i := range w {
			if err := subset(w[i], g[i], fmt.Sprintf("%s[%d]", path, i), exact, vt); err != nil {
				return err
			}
		}
		return nil
	case json.Number:
		if g, ok := got.(json.Number); ok && sameNumberAs(w, g, vt.edm) {
			return nil
		}
		return fmt.Errorf("%s: want %s, got %s", path, w, show(got))
	case string:
		// Only a DateTimeOffset, or a value of no known type, is compared as
		// an instant: a String is kept as written.
		if g, ok := got.(string); ok && (vt.edm == "Edm.DateTimeOffset" || vt.edm == "" && vt.t == nil) && sameInstant(w, g) {
			return nil
		}
		if want != got {
			return fmt.Errorf("%s: want %s, got %s", path, show(want), show(got))
		}
		return nil
	default:
		if want != got {
			return fmt.Errorf("%s: want %s, got %s", path, show(want), show(got))
		}
		return nil
	}
}

// omitted reports whether v is a value that a Go field with omitempty
// leaves out of its JSON: null, the empty string or an empty array.
func omitted(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// property returns the property a member name of t fills (see member), or
// nil (t may be nil).
func (t *Type) property(name string) *Property {
	if t == nil {
		return nil
	}
	return t.member(name)
}

// sameNumberAs compares numbers of the Edm type edm as a Go value of it
// holds them: integers and Decimal (a json.Number) exactly, Double as a
// float64, Single as a float32; of an unknown type, as sameNumber guesses.
func sameNumberAs(want, got json.Number, edm string) bool {
	if want == got {
		return true // also beyond a float64's range (1e400)
	}
	switch edm {
	case "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Decimal":
		// Exact values: 1.0 is 1, but 9007199254740993 is not ...992.
		w, ok1 := new(big.Rat).SetString(string(want))
		g, ok2 := new(big.Rat).SetString(string(got))
		return ok1 && ok2 && w.Cmp(g) == 0
	case "Edm.Double":
		wf, err1 := want.Float64()
		gf, err2 := got.Float64()
		return err1 == nil && err2 == nil && wf == gf
	case "Edm.Single":
		w32, err1 := strconv.ParseFloat(string(want), 32)
		g32, err2 := strconv.ParseFloat(string(got), 32)
		return err1 == nil && err2 == nil && float32(w32) == float32(g32)
	}
	return sameNumber(want, got)
}

// sameNumber reports whether got is want as a Go value of the property's
// type would encode it. Integers compare digit for digit (an Int64 loses
// nothing). Other numbers compare as float64 values. Either may also be
// written as Go writes the float32 nearest want (Edm.Single: 123456790 for
// 123456789), which is all a Single keeps; a value that went through a
// float32 where it was not written as one (1.100000023841858 for 1.1) is a
// difference.
func sameNumber(want, got json.Number) bool {
	wf, err1 := want.Float64()
	gf, err2 := got.Float64()
	if err1 != nil || err2 != nil {
		return false
	}
	if integer(want) && integer(got) {
		w, ok1 := new(big.Int).SetString(string(want), 10)
		g, ok2 := new(big.Int).SetString(string(got), 10)
		if ok1 && ok2 && w.Cmp(g) == 0 {
			return true
		}
		// Else only an Edm.Single's float32 may differ: 123456789 is
		// 123456790 there.
	} else if wf == gf {
		return true
	}
	g32, err := strconv.ParseFloat(string(got), 32)
	if err != nil || float32(wf) != float32(g32) {
		return false
	}
	asFloat32, err := json.Marshal(float32(g32))
	return err == nil && string(asFloat32) == string(got)
}

// integer reports whether a JSON number is written without a fraction or
// exponent.
func integer(n json.Number) bool { return !strings.ContainsAny(string(n), ".eE") }

// sameInstant reports whether a and b are RFC 3339 date and times of the
// same instant and offset, such as "2020-01-01T00:00:00.0000000Z" and
// "2020-01-01T00:00:00Z": a time.Time keeps the offset, but not how many
// zeros the fraction of a second was written with.
func sameInstant(a, b string) bool {
	ta, err := time.Parse(time.RFC3339, a)
	if err != nil {
		return false
	}
	tb, err := time.Parse(time.RFC3339, b)
	if err != nil || !ta.Equal(tb) {
		return false
	}
	_, offA := ta.Zone()
	_, offB := tb.Zone()
	return offA == offB
}

func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
