package lint

import (
	"regexp"
	"strings"

	"gen/gen/internal/ir"
	"gen/gen/internal/parse"
)

// requestType is the type a create or update page's request body holds: the
// resource the Request body prose links, else the type the first request
// example's @odata.type names. nil when the page sends no such body (actions
// take parameters, not a resource).
func (c *checker) requestType() *ir.Type {
	if len(c.page.Requests) == 0 || !ir.SendsBody(c.page.Requests[0].Method) {
		return nil
	}
	if c.op != nil && c.op.Request != nil {
		return c.op.Request
	}
	for _, ex := range c.page.Examples {
		if ex.Role != "request" || !isJSONBody(ex) {
			continue
		}
		v, _, _ := c.body(ex)
		if v == nil {
			return nil
		}
		if od := v.Get("@odata.type"); od != nil && od.Kind == parse.StringValue {
			t, _ := c.lookup(od.Str, c.page.Namespace.Text)
			if t != nil && t.Kind != ir.Enum {
				return t
			}
		}
		return nil
	}
	return nil
}

// requestBodyTable checks the request body table against the request type:
// every row a property of it (body-table-mismatch), typed as on its resource
// page (body-table-mismatch), and not read-only (read-only-in-request).
func (c *checker) requestBodyTable() {
	if len(c.page.RequestBody) == 0 {
		return
	}
	t := c.requestType()
	if t == nil {
		return
	}
	// resolved finds the resolver's reading of a row by its offset, the
	// last one when several share it: by a search in a short table, else
	// by a map.
	var byOffset map[int]*ir.Property
	if c.op != nil && len(c.op.RequestBody) > 16 {
		byOffset = make(map[int]*ir.Property, len(c.op.RequestBody))
		for _, p := range c.op.RequestBody {
			byOffset[p.Pos.Offset] = p
		}
	}
	resolved := func(off int) *ir.Property {
		if c.op == nil {
			return nil
		}
		if byOffset != nil {
			return byOffset[off]
		}
		for i := len(c.op.RequestBody) - 1; i >= 0; i-- {
			if p := c.op.RequestBody[i]; p.Pos.Offset == off {
				return p
			}
		}
		return nil
	}
	judge := !c.types.isOpen(t) && c.types.hasProperties(t)
	for i := range c.page.RequestBody {
		row := &c.page.RequestBody[i]
		name := row.Name.Text
		if i := strings.IndexAny(name, "/."); i > 0 {
			// "files/isDefault": a nested property, documented by its path.
			name = name[:i]
		}
		prop, documented := c.types.property(t, name)
		if !documented {
			if judge {
				c.report(row.Name.Span, "body-table-mismatch", "%q is not a property of %s (%s) or its base types%s",
					name, t.QualifiedName(), t.Source, suggest(name, c.types.propertyNames(t)))
			}
			continue
		}
		if prop == nil {
			continue
		}
		if rp := resolved(row.Name.Span.Offset()); rp != nil && (!strings.EqualFold(rp.Type, prop.Type) || rp.Collection != prop.Collection) {
			c.report(row.Type.Span, "body-table-mismatch", "%s is typed %s here but %s on its resource page (%s)",
				name, propType(rp), propType(prop), prop.Pos)
		}
		if prop.ReadOnly && c.alwaysReadOnly(prop) {
			verb := "create"
			if c.page.Requests[0].Method != "POST" {
				verb = "update"
			}
			c.report(row.Name.Span, "read-only-in-request", "%s is read-only (%s), so it does not belong in this %s request's body", name, prop.Pos, verb)
		}
	}
}

// propType writes a property's type as the docs do: "String",
// "microsoft.graph.callRecords.media collection".
func propType(p *ir.Property) string {
	s := typeLabel(p.Type)
	if p.Collection {
		s += " collection"
	}
	return s
}

// readOnlyRE finds an unconditional "Read-only." in a description: the
// word followed by the end of a clause. "Read-only when isBuiltIn is true"
// and "Once set, this property is read-only and cannot be changed" describe
// properties a create may still set.
var readOnlyRE = regexp.MustCompile(`(?i)(^|[^\w-])read[- ]?only\s*([.;,)]|$)`)

var conditionRE = regexp.MustCompile(`(?i)\b(once|after|when|if|unless|except)\b`)

// alwaysReadOnly answers alwaysReadOnly(p.Description) once per property:
// the same resource properties appear in the request bodies of many pages.
func (c *checker) alwaysReadOnly(p *ir.Property) bool {
	m := c.memos()
	ro, ok := m.readOnly[p]
	if !ok {
		ro = alwaysReadOnly(p.Description)
		m.readOnly[p] = ro
	}
	return ro
}

func alwaysReadOnly(desc string) bool {
	for _, m := range readOnlyRE.FindAllStringIndex(desc, -1) {
		// The sentence holding the match must not make it conditional.
		start := strings.LastIndexAny(desc[:m[0]], ".;") + 1
		if !conditionRE.MatchString(desc[start:m[0]]) {
			return true
		}
	}
	return false
}
