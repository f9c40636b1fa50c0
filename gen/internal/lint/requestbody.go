package lint

import (
	"regexp"
	"strings"

	"gen/gen/internal/ir"
)

// requestType is the type a create or update page's request body holds, as
// the resolver decided it: the resource the Request body prose links, else
// the type the request examples name by @odata.type when it has every row
// of the request-body table. nil when the page sends no such body (actions
// take parameters, not a resource).
func (c *checker) requestType() *ir.Type {
	if c.op == nil || !ir.SendsBody(c.op.Method) {
		return nil
	}
	return c.op.Request
}

// tableBody reports whether the request body is known only from the
// request-body table (an action's parameters): the generated handler
// validates it against the table's rows as against a type.
func (c *checker) tableBody() bool {
	return c.op != nil && c.op.TableBody()
}

// parameter finds a member of a table body among the request-body table's
// rows: the first row of the name, as the generated struct has it.
// documented is also true for a row whose type did not resolve, or one
// that documents a nested member ("files/isDefault").
func (c *checker) parameter(name string) (p *ir.Property, documented bool) {
	for _, row := range c.op.RequestBody {
		if row.Name == name {
			return row, true
		}
	}
	for i := range c.page.RequestBody {
		row := c.page.RequestBody[i].Name.Text
		if row == name || len(row) > len(name) && strings.HasPrefix(row, name) && (row[len(name)] == '/' || row[len(name)] == '.') {
			return nil, true
		}
	}
	return nil, false
}

// parameterFold is the request-body table's row whose name is name but
// for letter case, or nil.
func (c *checker) parameterFold(name string) *ir.Property {
	for _, row := range c.op.RequestBody {
		if strings.EqualFold(row.Name, name) {
			return row
		}
	}
	return nil
}

// parameterNames lists the names the request-body table documents.
func (c *checker) parameterNames() []string {
	out := make([]string, 0, len(c.page.RequestBody))
	for i := range c.page.RequestBody {
		out = append(out, c.page.RequestBody[i].Name.Text)
	}
	return out
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
	if judge && c.reportLinkFitsNoRow(t) {
		// The prose links another type than the body's: one finding on
		// the link, not one on each row.
		judge = false
	}
	readOnly := map[string]bool{} // reported, for rows of one property's members
	for i := range c.page.RequestBody {
		row := &c.page.RequestBody[i]
		name, nested, ok := bodyRowName(row.Name.Text)
		if !ok {
			continue
		}
		prop, documented := c.types.property(t, name)
		rp := resolved(row.Name.Span.Offset())
		if !documented && !nested && rp != nil && rp.Collection && strings.EqualFold(rp.Type, t.QualifiedName()) {
			// A collection of the linked type: the body is the instance
			// that holds it, and the rows below describe its items, as
			// the extended-property pages write it.
			continue
		}
		if !documented {
			if judge {
				c.report(row.Name.Span, "body-table-mismatch", "%q is not a property of %s (%s) or its base types%s",
					name, t.QualifiedName(), t.Source, c.suggest(name, c.types.propertyNames(t)))
			}
			continue
		}
		if prop == nil {
			continue
		}
		if rp != nil && !nested && (!strings.EqualFold(rp.Type, prop.Type) || rp.Collection != prop.Collection) {
			c.report(row.Type.Span, "body-table-mismatch", "%s is typed %s here but %s on its resource page (%s)",
				name, propType(rp), propType(prop), prop.Pos)
		}
		if !readOnly[name] {
			readOnly[name] = true // once for the rows of one property's members
			c.readOnlyInRequest(row.Name.Span, name, prop, t, "body table lists it", "remove the row")
		}
	}
}

// bodyRowName is the property a request-body table row names: the row's
// name, or of a nested property's row ("files/isDefault", documented by
// its path; its type is the member's, not the property's) the name before
// the path. ok is false for an instance annotation ("@odata.type",
// "@microsoft.graph.conflictBehavior"), which the body may carry but which
// is no property.
func bodyRowName(row string) (name string, nested, ok bool) {
	if strings.HasPrefix(row, "@") {
		return "", false, false
	}
	if i := strings.IndexAny(row, "/."); i > 0 {
		return row[:i], true, true
	}
	return row, false, true
}

// reportLinkFitsNoRow reports, on the Request body prose's link, a table
// of two or more property rows none of which is a property of t, the type
// that link names: the prose links another type than the one the body
// holds (an element type, a sibling), or the rows belong to another page.
// It returns whether it did.
func (c *checker) reportLinkFitsNoRow(t *ir.Type) bool {
	l := c.page.BodyLink
	if l == nil {
		return false
	}
	var names []string
	for i := range c.page.RequestBody {
		name, _, ok := bodyRowName(c.page.RequestBody[i].Name.Text)
		if !ok {
			continue
		}
		if _, documented := c.types.property(t, name); documented {
			return false
		}
		names = append(names, name)
	}
	if len(names) < 2 {
		return false
	}
	if len(names) > 3 {
		names = append(names[:3], "...")
	}
	c.report(l.Span, "body-table-mismatch", "none of the request body table's rows (%s) is a property of %s (%s), which this link names: link the type the body holds, or fix the rows",
		strings.Join(names, ", "), t.QualifiedName(), t.Source)
	return true
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
