package resolve

import (
	"strings"

	"gen/gen/internal/ir"
)

// TypeNames finds types by the names pages use for them: qualified
// ("microsoft.graph.callRecords.segment"), with the "graph." alias, or simple
// ("segment"), all case-insensitively. The resolver and the linter share it,
// so a name means the same type to both.
type TypeNames struct {
	byName map[string]*ir.Type   // lower-cased qualified name
	simple map[string][]*ir.Type // lower-cased simple name
	ns     map[string]bool       // lower-cased namespaces that declare types
}

// NewTypeNames indexes types.
func NewTypeNames(types []*ir.Type) *TypeNames {
	n := &TypeNames{byName: map[string]*ir.Type{}, simple: map[string][]*ir.Type{}, ns: map[string]bool{}}
	for _, t := range types {
		n.add(t)
	}
	return n
}

// add indexes t unless a type of its qualified name is already there, which
// it returns instead.
func (n *TypeNames) add(t *ir.Type) (prev *ir.Type) {
	key := strings.ToLower(t.QualifiedName())
	if prev := n.byName[key]; prev != nil {
		return prev
	}
	n.byName[key] = t
	n.ns[strings.ToLower(t.Namespace)] = true
	sk := strings.ToLower(t.Name)
	n.simple[sk] = append(n.simple[sk], t)
	return nil
}

// Exact finds a type by its qualified name, case-insensitively.
func (n *TypeNames) Exact(qualified string) *ir.Type { return n.byName[strings.ToLower(qualified)] }

// Lookup finds a type by qualified or simple name (a leading '#' allowed),
// preferring the namespace ns, then microsoft.graph, then a unique match. A
// qualified name in a namespace that declares types must match exactly:
// microsoft.graph.endpoint is not microsoft.graph.callRecords.endpoint.
func (n *TypeNames) Lookup(name, ns string) *ir.Type {
	name = strings.TrimPrefix(strings.TrimSpace(name), "#")
	if name == "" || strings.ContainsAny(name, " \t") {
		// No type name holds a space: "Unknown Type x.y.operation" names
		// no type, not the operation of another namespace.
		return nil
	}
	lower := strings.ToLower(name)
	if t := n.byName[lower]; t != nil {
		return t
	}
	if strings.HasPrefix(lower, "graph.") {
		if t := n.byName["microsoft."+lower]; t != nil {
			return t
		}
	}
	simple := lower
	if i := strings.LastIndexByte(lower, '.'); i >= 0 {
		simple = lower[i+1:]
		if n.ns[lower[:i]] {
			return nil
		}
	}
	cands := n.simple[simple]
	for _, want := range []string{strings.ToLower(ns), strings.ToLower(DefaultNamespace)} {
		for _, t := range cands {
			if strings.ToLower(t.Namespace) == want {
				return t
			}
		}
	}
	if len(cands) == 1 {
		return cands[0]
	}
	return nil
}
