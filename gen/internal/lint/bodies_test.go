package lint

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/emit/odata"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
)

// TestPrimitiveVerdictsAreTheHandlers: an example value of an Edm type is a
// type-mismatch exactly when the generated handler's validation refuses it.
// Each value is an element of a collection property, one to a line, in one
// request body.
func TestPrimitiveVerdictsAreTheHandlers(t *testing.T) {
	values := []struct {
		edm    string
		values []string
	}{
		{"String", []string{`"a"`, `""`, `5`, `true`, `{}`, `[]`}},
		{"Binary", []string{`"AQID"`, `5`}},
		{"Guid", []string{`"01234567-89ab-cdef-0123-456789abcdef"`, `"01234567-89AB-CDEF-0123-456789ABCDEF"`, `"xyz"`,
			`"{01234567-89ab-cdef-0123-456789abcdef}"`, `"01234567-89ab-cdef-0123-456789abcdeg"`, `5`}},
		{"Date", []string{`"2020-02-29"`, `"2021-02-29"`, `"2020-13-01"`, `"2020-1-01"`, `"2020-05-19T00:00:00Z"`, `20200101`}},
		{"TimeOfDay", []string{`"13:30"`, `"13:30:00.1234567"`, `"23:59:59"`, `"24:00:00"`, `"1:00:00"`, `"13:30:00."`, `"13:60"`}},
		{"Duration", []string{`"P1D"`, `"PT0.5S"`, `"-P1DT2H"`, `"P1Y"`, `"PT"`, `"P1DT"`, `"1 hour"`, `3600`}},
		{"DateTimeOffset", []string{`"2020-05-19T08:30:00Z"`, `"2020-05-19T08:30:00.1234567+02:00"`, `"2020-05-19T08:30:00,5Z"`,
			`"2020-05-19 08:30"`, `"2020-05-19"`, `0`}},
		{"Boolean", []string{`true`, `false`, `"true"`, `1`}},
		{"Byte", []string{`0`, `255`, `256`, `-1`, `1.0`, `"1"`}},
		{"SByte", []string{`-128`, `127`, `128`}},
		{"Int16", []string{`32767`, `-32768`, `40000`, `-32769`}},
		{"Int32", []string{`2147483647`, `2147483648`, `99999999999`, `1e3`, `-0`}},
		{"Int64", []string{`9223372036854775807`, `9223372036854775808`, `"12"`, `12.5`}},
		{"Double", []string{`1.5`, `1`, `-2e10`, `1e400`, `"1.5"`, `"NaN"`, `false`}},
		{"Single", []string{`3.4e38`, `3.5e38`, `0.1`}},
		{"Decimal", []string{`12.5`, `"12.5"`, `1e400`}},
	}
	var rows, body strings.Builder
	type at struct{ edm, value string }
	byLine := map[int]at{}
	line := 0 // the body's line, counted from its "{"
	body.WriteString("{\n")
	for i, tc := range values {
		prop := strings.ToLower(tc.edm) + "s"
		fmt.Fprintf(&rows, "|%s|%s collection|Values.|\n", prop, tc.edm)
		fmt.Fprintf(&body, "  %q: [\n", prop)
		line++
		for j, v := range tc.values {
			line++
			byLine[line] = at{tc.edm, v}
			sep := ","
			if j == len(tc.values)-1 {
				sep = ""
			}
			fmt.Fprintf(&body, "    %s%s\n", v, sep)
		}
		line++
		sep := ","
		if i == len(values)-1 {
			sep = ""
		}
		fmt.Fprintf(&body, "  ]%s\n", sep)
	}
	body.WriteString("}\n")

	resource := "---\ntitle: \"thing resource type\"\ndoc_type: resourcePageType\n---\n\n# thing resource type\n\nNamespace: microsoft.graph\n\n" +
		"## Properties\n\n|Property|Type|Description|\n|:---|:---|:---|\n" + rows.String()
	head := "---\ntitle: \"Create thing\"\ndoc_type: apiPageType\n---\n\n# Create thing\n\nNamespace: microsoft.graph\n\n" +
		"## HTTP request\n\n```http\nPOST /things\n```\n\n## Request body\n\nSupply a [thing](../resources/thing.md) object.\n\n" +
		"## Response\n\nIf successful, this method returns a `204 No Content` response code.\n\n## Examples\n\n" +
		"<!-- { \"blockType\": \"request\", \"name\": \"create_thing\" } -->\n```http\nPOST https://graph.microsoft.com/beta/things\nContent-Type: application/json\n\n"
	page := head + body.String() + "```\n\n<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 204 No Content\n```\n"
	first := strings.Count(head, "\n") + 1 // the page's line of the body's "{"

	set := resolve.NewSet("", []*parse.Page{
		parse.Parse("api/thing-post.md", []byte(page)),
		parse.Parse("resources/thing.md", []byte(resource)),
	})
	got, err := Lint(set, Options{Enable: []string{"type-mismatch", "placeholder-value"}})
	require.NoError(t, err)
	refused := map[int]bool{}
	for _, d := range got {
		require.Equal(t, "type-mismatch", d.Rule, "no value of the table is a placeholder: %s", d)
		refused[d.Span.Line-first] = true
	}
	for l, v := range byLine {
		dec := json.NewDecoder(strings.NewReader(v.value))
		dec.UseNumber()
		var x any
		require.NoError(t, dec.Decode(&x))
		handler := odata.Validate(x, "Edm."+v.edm, false) != nil
		assert.Equal(t, handler, refused[l], "%s %s: the handler refuses it: %v, lint reports it: %v", v.edm, v.value, handler, refused[l])
	}
	assert.NotEmpty(t, refused)
}

// TestListsValue: a value the description lists after "possible values",
// as a whole word.
func TestListsValue(t *testing.T) {
	desc := "How values flow. Possible values are: FlowWhenChanged, FlowAlways, Always."
	assert.True(t, listsValue(desc, "FlowWhenChanged"))
	assert.True(t, listsValue(desc, "Always"))
	assert.False(t, listsValue(desc, "Flow"), "part of a word")
	assert.False(t, listsValue(desc, "flowWhenChanged"), "letter case counts")
	assert.False(t, listsValue("FlowWhenChanged is how values flow.", "FlowWhenChanged"), "no possible values")
	assert.True(t, listsValue(strings.Repeat("Ⱥ", 40)+" Possible values: blue, red.", "red"), "text whose lower case is longer")
}

// TestCreationRE: only a description that makes a property read-only from
// its creation on lets a create set it.
func TestCreationRE(t *testing.T) {
	for desc, want := range map[string]bool{
		"A unique name. After a category is created, the name cannot be changed. Read-only.": true,
		"The size, which cannot be changed after creation. Read-only.":                       true,
		"The shape, set at creation. Read-only.":                                             true,
		"Read-only once created.":                                                            true,
		"The date and time the widget was created. Read-only.":                               false,
		"Set when the widget is created. Read-only.":                                         false,
		"The template used to create this group of settings. Read-only.":                     false,
	} {
		assert.Equal(t, want, creationRE.MatchString(desc), desc)
	}
}
