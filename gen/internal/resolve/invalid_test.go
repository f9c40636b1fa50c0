package resolve

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInvalidInputLeftOut: what the parser and resolver report as invalid
// (testdata/invalid: a byte that is not UTF-8, property names that are no
// JSON names, statuses outside 100-599, unroutable paths, a namespace whose
// package would be the runtime's) is an error with a position, the same
// from Load, Resolve and Check, and what it concerns is left out of the IR,
// so generate -keep-going gets past it.
func TestInvalidInputLeftOut(t *testing.T) {
	dir := filepath.Join("testdata", "invalid")
	prog, diags, err := Load(dir)
	require.NoError(t, err)
	rules := map[string]int{}
	for _, d := range diags {
		assert.True(t, d.Span.IsValid(), "%s has no position", d)
		rules[d.Rule]++
	}
	assert.Equal(t, map[string]int{"invalid-utf8": 2, "invalid-property-name": 3, "invalid-status": 2, "invalid-path": 3, "invalid-namespace": 2}, rules)

	set, err := ReadDir(dir)
	require.NoError(t, err)
	_, resolved := Resolve(set)
	_, _, checked := Check(set)
	assert.Equal(t, diags.String(), resolved.String())
	assert.Equal(t, diags.String(), checked.String(), "the linter gets the same findings")

	// Properties: only the two usable rows.
	gadget := prog.Lookup("microsoft.graph.gadget")
	require.NotNil(t, gadget)
	var names []string
	for _, p := range gadget.Properties {
		names = append(names, p.Name)
	}
	assert.Equal(t, []string{"model", "size"}, names)
	// Namespace: neither the gizmo type nor the gizmo operation.
	assert.Nil(t, prog.Lookup("microsoft.graph.odata.gizmo"))
	for _, ty := range prog.Types {
		assert.NotEqual(t, "microsoft.graph.odata", ty.Namespace, ty.QualifiedName())
	}
	// Paths: the valid lines only; an operation with none is left out, and
	// its missing request line is not reported again.
	require.Len(t, prog.Operations, 1, "gadget-get has only an invalid path, gizmo-get an invalid namespace")
	op := prog.Operations[0]
	assert.Equal(t, "api/gadget-post.md", op.Source)
	assert.Equal(t, []string{"/gadgets", "/gadgets/{id}/copies"}, op.Paths)
	// Statuses: the 999 response is left out, its request stays; the
	// operation's status is the one valid example's.
	require.Len(t, op.Examples, 2)
	assert.Nil(t, op.Examples[0].Response)
	require.NotNil(t, op.Examples[1].Response)
	assert.Equal(t, 201, op.Examples[1].Response.Status)
	assert.Equal(t, 201, op.ResponseStatus)
	// Nothing in the IR is other than UTF-8 text.
	b, err := json.Marshal(prog)
	require.NoError(t, err)
	assert.True(t, utf8.Valid(b))
	assert.NotContains(t, string(b), "\uFFFD", "no name with a bad byte reaches the IR")
}
