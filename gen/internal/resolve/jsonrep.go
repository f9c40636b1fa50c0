package resolve

import (
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/parse"
)

// jsonProperties reads the properties of a resource page that has no
// property table (workbookFilterCriteria, publicError's empty table) from its
// JSON representation, typing each by its sample value. The page still gets
// a warning: the table is what readers and the linter rely on.
func (r *resolver) jsonProperties(p *parse.Page, owner *ir.Type) {
	cb := resourceBlock(p)
	if cb == nil || owner.Open {
		return // an open type's sample keys are dynamic values, not properties
	}
	v, _ := parse.ParseLenient(cb.Content)
	if v == nil || v.Kind != parse.ObjectValue || len(v.Members) == 0 {
		return
	}
	have := map[string]bool{}
	for _, prop := range owner.Properties {
		have[prop.Name] = true
	}
	var added []string
	for _, m := range v.Members {
		if !isIdentifier(m.Key) || have[m.Key] {
			continue
		}
		typ, coll, ref := r.sampleType(m.Value, owner.Namespace)
		if typ == "" {
			continue
		}
		have[m.Key] = true
		prop := &ir.Property{
			Name: m.Key, Type: typ, Collection: coll, Ref: ref,
			Pos: p.Src.Pos(cb.ContentStart + m.KeyOff),
		}
		owner.Properties = append(owner.Properties, prop)
		if r.sampled == nil {
			r.sampled = map[*ir.Property]bool{}
		}
		r.sampled[prop] = true
		added = append(added, m.Key)
	}
	if len(added) > 0 {
		// Reported once the base types are known (sampledWarnings): a key
		// the base type declares is inherited, not taken.
		r.sampledPages = append(r.sampledPages, sampledPage{t: owner, at: p.Src.Span(cb.ContentStart, cb.ContentStart)})
	}
}

// sampledPage is a type some of whose properties a page's JSON
// representation gave, for its missing-property-table warning.
type sampledPage struct {
	t  *ir.Type
	at diag.Span
}

// sampledWarnings reports the pages whose properties came from their JSON
// representation, naming those the type declares itself: the keys of a
// page that "inherits all the properties" of its base type are its base
// type's, and no finding.
func (r *resolver) sampledWarnings() {
	for _, sp := range r.sampledPages {
		var own []string
		for _, prop := range sp.t.Properties {
			if r.sampled[prop] {
				own = append(own, prop.Name)
			}
		}
		if len(own) > 0 {
			r.diags.Add(sp.at, diag.Warning, "missing-property-table",
				"the page has no property table; %d properties (%s) are taken from the JSON representation", len(own), strings.Join(own, ", "))
		}
	}
}

// resourceBlock is the code block the page's resource annotation precedes.
func resourceBlock(p *parse.Page) *parse.CodeBlock {
	if p.Annotation == nil {
		return nil
	}
	for _, cb := range p.Code {
		if cb.Annotation == p.Annotation {
			return cb
		}
	}
	return nil
}

// sampleType types a JSON representation value: "String (timestamp)" is a
// DateTimeOffset (see noteType), {"@odata.type": "x"} is x, [v] is a
// collection of v's type.
func (r *resolver) sampleType(v *parse.Value, ns string) (typ string, collection bool, ref *ir.Type) {
	switch v.Kind {
	case parse.ArrayValue:
		if len(v.Elems) == 0 {
			return "", false, nil
		}
		t, _, ref := r.sampleType(v.Elems[0], ns)
		return t, true, ref
	case parse.BoolValue:
		return "Edm.Boolean", false, nil
	case parse.NumberValue:
		if strings.ContainsAny(v.Num, ".eE") {
			return "Edm.Double", false, nil
		}
		return "Edm.Int32", false, nil
	case parse.StringValue:
		if edm, note, ok := ir.Placeholder(v.Str); ok {
			if t := noteType(note); t != "" && edm == "Edm.String" {
				return t, false, nil
			}
			return edm, false, nil
		}
		if t := r.lookup(v.Str, ns); t != nil && t.Kind == ir.Enum {
			return t.QualifiedName(), false, t
		}
		return "Edm.String", false, nil
	case parse.ObjectValue:
		if ot := v.Get("@odata.type"); ot != nil && ot.Kind == parse.StringValue {
			if t := r.lookup(ot.Str, ns); t != nil {
				return t.QualifiedName(), false, t
			}
		}
	}
	return "", false, nil
}

// noteType is the type a string placeholder's note names, as the pages write
// them: "String (timestamp)", "String (ISO 8601 duration)", "String (time of
// day)", "String (Date)", "String (binary)"; "" when the note names none
// ("String (identifier)").
func noteType(note string) string {
	n := strings.ToLower(note)
	switch {
	case strings.Contains(n, "timestamp"):
		return "Edm.DateTimeOffset"
	case strings.Contains(n, "duration"), n == "timespan":
		return "Edm.Duration"
	case n == "time of day", n == "timeofday":
		return "Edm.TimeOfDay"
	case n == "date":
		return "Edm.Date"
	case n == "binary", n == "base64":
		return "Edm.Binary"
	}
	return ""
}

// isIdentifier reports whether a JSON key looks like a property name rather
// than sample data (GUID keys, "String-value").
func isIdentifier(k string) bool {
	if k == "" || !(k[0] >= 'a' && k[0] <= 'z' || k[0] >= 'A' && k[0] <= 'Z') {
		return false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// wireNames maps the lower-cased keys of resource page p's JSON
// representation to their spelling, leaving out keys that differ only in
// case. The representation is the serialized form, so where a table row
// spells a name with other case than it does (printerID against "printerId"),
// its spelling is the name on the wire. nil unless the representation quotes
// some row's name with other case only (the JSON is parsed just then).
func wireNames(p *parse.Page, rows []parse.PropertyRow) map[string]string {
	cb := resourceBlock(p)
	if cb == nil {
		return nil
	}
	quoted := make(map[string]bool, 2*len(rows)) // the names and about as many values
	for rest := cb.Content; ; {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i+1:], '"')
		if j < 0 {
			break
		}
		quoted[rest[i+1:i+1+j]] = true
		rest = rest[i+j+2:]
	}
	var lower map[string]bool
	other := false
	for _, row := range rows {
		if quoted[row.Name.Text] {
			continue
		}
		if lower == nil {
			lower = make(map[string]bool, len(quoted))
			for q := range quoted {
				lower[strings.ToLower(q)] = true
			}
		}
		if other = lower[strings.ToLower(row.Name.Text)]; other {
			break
		}
	}
	if !other {
		return nil
	}
	v, _ := parse.ParseLenient(cb.Content)
	if v == nil || v.Kind != parse.ObjectValue {
		return nil
	}
	out := map[string]string{}
	ambiguous := map[string]bool{}
	for _, m := range v.Members {
		k := strings.ToLower(m.Key)
		if prev, ok := out[k]; ok && prev != m.Key {
			ambiguous[k] = true
		}
		out[k] = m.Key
	}
	for k := range ambiguous {
		delete(out, k)
	}
	return out
}
