package resolve

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCaseDuplicateRows: of two rows whose names differ only in letter
// case, the one spelled as the JSON representation is used and the other is
// reported, in words that say which came first.
func TestCaseDuplicateRows(t *testing.T) {
	page := func(rows ...string) []byte {
		return []byte("---\ntitle: \"gizmo resource type\"\ndoc_type: resourcePageType\n---\n\n# gizmo resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n" +
			"|Property|Type|Description|\n|:---|:---|:---|\n" + strings.Join(rows, "\n") + "\n\n## JSON representation\n\n" +
			"<!-- { \"blockType\": \"resource\", \"@odata.type\": \"microsoft.graph.gizmo\" } -->\n```json\n{\n  \"type\": \"String\"\n}\n```\n")
	}
	for _, tt := range []struct {
		rows []string
		want string
	}{
		{[]string{"|type|String|Spelled as in JSON.|", "|Type|String|Again.|"},
			`resources/gizmo.md:15:2: warning duplicate-property: property "Type" repeats "type" (line 14) in other letter case; JSON names are case-sensitive, and that row, the JSON representation's spelling, is used`},
		{[]string{"|Type|String|First.|", "|type|String|Spelled as in JSON.|"},
			`resources/gizmo.md:14:2: warning duplicate-property: property "Type" is listed again as "type" (line 15), the JSON representation's spelling; JSON names are case-sensitive, and that row is used`},
	} {
		prog, diags := ResolveSources("", []string{"resources/gizmo.md"}, [][]byte{page(tt.rows...)})
		require.Len(t, diags, 1, diags.String())
		assert.Equal(t, tt.want, diags[0].String())
		g := prog.Lookup("microsoft.graph.gizmo")
		require.NotNil(t, g)
		require.Len(t, g.Properties, 1)
		assert.Equal(t, "type", g.Properties[0].Name)
		assert.Equal(t, "Spelled as in JSON.", g.Properties[0].Description)
	}
}

// TestUnknownMethodLine: a request line whose method is misspelt leaves the
// page without a request line; the error is at the misspelt word.
func TestUnknownMethodLine(t *testing.T) {
	src := "---\ntitle: \"Get gizmo\"\ndoc_type: apiPageType\n---\n\n# Get gizmo\n\n## HTTP request\n\n```http\nGTE /gizmos/{id}\n```\n\n## Response\n\nIf successful, this method returns a `200 OK` response code.\n"
	_, diags := ResolveSources("", []string{"api/gizmo-get.md"}, [][]byte{[]byte(src)})
	require.Len(t, diags, 1, diags.String())
	assert.Equal(t, "api/gizmo-get.md:11:1: error missing-section: GTE is not an HTTP method, so ## HTTP request has no request line (METHOD /path): write GET, POST, PUT, PATCH or DELETE", diags[0].String())
}
