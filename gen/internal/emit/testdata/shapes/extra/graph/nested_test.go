package graph

// Hand-written tests copied into the generated module by
// gen/internal/emit TestGeneratedModule.

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNestedDecode: values nested in open and polymorphic properties, each
// decoded member by member, keep their types, properties and dynamic
// properties at every level, and encode back to the same JSON.
func TestNestedDecode(t *testing.T) {
	body := `{"@odata.type": "#microsoft.graph.folder", "name": "top", "childCount": 1,
		"parentReference": {"path": "/a", "x": 1, "ancestors": [{"path": "/", "y": [true], "ancestors": [{"PATH": "/root"}]}, null]},
		"children": [{"@odata.type": "#microsoft.graph.folder", "childCount": 0, "children": [{"name": "a.txt", "size": 3}]}, null]}`
	item, err := DecodeAnyDriveItem(json.RawMessage(body))
	require.NoError(t, err)
	top, ok := item.(*Folder)
	require.True(t, ok, "%T", item)
	assert.Equal(t, "top", top.Name)
	ref := top.ParentReference
	require.NotNil(t, ref)
	assert.Equal(t, "/a", ref.Path)
	assert.Equal(t, map[string]json.RawMessage{"x": json.RawMessage("1")}, ref.AdditionalProperties)
	require.Len(t, ref.Ancestors, 2)
	assert.Equal(t, map[string]json.RawMessage{"y": json.RawMessage("[true]")}, ref.Ancestors[0].AdditionalProperties)
	assert.Equal(t, "/root", ref.Ancestors[0].Ancestors[0].Path, "names match but for case, as encoding/json matches them")
	assert.Nil(t, ref.Ancestors[0].Ancestors[0].AdditionalProperties)
	assert.Zero(t, ref.Ancestors[1])
	require.Len(t, top.Children, 2)
	inner, ok := top.Children[0].(*Folder)
	require.True(t, ok, "%T", top.Children[0])
	require.Len(t, inner.Children, 1)
	leaf, ok := inner.Children[0].(*DriveItem)
	require.True(t, ok, "%T", inner.Children[0])
	assert.Equal(t, int64(3), *leaf.Size)
	assert.Nil(t, top.Children[1])

	_, err = DecodeAnyDriveItem(json.RawMessage(`{"children": [{"size": "big"}]}`))
	assert.Error(t, err, "a value of the wrong type, nested")
	_, err = DecodeAnyDriveItem(json.RawMessage(`{"parentReference": {"ancestors": {}}}`))
	assert.Error(t, err, "an object for a collection")
}
