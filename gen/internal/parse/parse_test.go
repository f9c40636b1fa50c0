package parse

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizePath(t *testing.T) {
	cases := []struct{ in, path, query string }{
		{"/me/events", "/me/events", ""},
		{"me/events", "/me/events", ""},
		{"https://graph.microsoft.com/beta/me/events?$top=1", "/me/events", "$top=1"},
		{"https://graph.microsoft.com/v1.0/users/{id}/", "/users/{id}", ""},
		{"/users/{id | userPrincipalName}/photo", "/users/{idOrUserPrincipalName}/photo", ""},
		{"/reports/getEmailActivityCounts(period='{period_value}')", "/reports/getEmailActivityCounts(period='{period_value}')", ""},
		{"/beta", "/", ""},
		{"/me/events HTTP/1.1", "/me/events", ""},
		{"/users/{id}/photo HTTP/1.1", "/users/{id}/photo", ""}, // was "/users/{id}/photo HTTP/1.1"
	}
	for _, c := range cases {
		p, q := NormalizePath(c.in)
		assert.Equal(t, c.path, p, c.in)
		assert.Equal(t, c.query, q, c.in)
	}
	assert.Equal(t, []string{"id", "period_value"}, PathParams("/a/{id}/f(p='{period_value}')/{id}"))
}

func TestParseLenient(t *testing.T) {
	v, probs := ParseLenient(`{ "blockType": "response", truncated: true, "name": ["a", "b"], }`)
	require.NotNil(t, v)
	assert.Equal(t, "response", v.Get("blockType").Str)
	assert.True(t, v.Get("truncated").Bool)
	assert.Len(t, v.Get("name").Elems, 2)
	var reasons []string
	for _, p := range probs {
		reasons = append(reasons, p.Reason)
	}
	assert.Equal(t, []string{"unquoted property name truncated", "trailing comma before '}'"}, reasons)
	assert.Equal(t, 27, probs[0].Off, "points at the unquoted key")

	_, probs = ParseLenient("{\"a\": “smart”}")
	require.NotEmpty(t, probs)
	assert.Contains(t, probs[0].Reason, "smart quotes")

	// A string opened with " and closed with a smart quote is one problem,
	// at the smart quote, and the rest of the body reads on in step.
	body := "{\n  \"a\": \"Left”,\n  \"b\": 2\n}"
	v, probs = ParseLenient(body)
	require.Len(t, probs, 1, "%v", probs)
	assert.Equal(t, `smart quote ” closes a string opened with "`, probs[0].Reason)
	assert.Equal(t, strings.Index(body, "”"), probs[0].Off)
	assert.Equal(t, "Left", v.Get("a").Str)
	assert.Equal(t, "2", v.Get("b").Num)

	_, probs = ParseLenient(`{"a": 1 // note` + "\n}")
	require.NotEmpty(t, probs)
	assert.Contains(t, probs[0].Reason, "comment")

	v, probs = ParseLenient(`{"a": [1, 2`)
	require.NotNil(t, v)
	assert.True(t, probs[len(probs)-1].Fatal)
}

func TestParseTypeCell(t *testing.T) {
	link := Link{Text: "microsoft.graph.callRecords.media", Dest: "../resources/callrecords-media.md"}
	cases := []struct {
		cell       Cell
		name       string
		collection bool
	}{
		{Cell{Text: "String"}, "String", false},
		{Cell{Text: "Int32"}, "Int32", false},
		{Cell{Text: "Edm.String"}, "Edm.String", false},
		{Cell{Text: "String collection"}, "String", true},
		{Cell{Text: "Collection(microsoft.graph.user)"}, "microsoft.graph.user", true},
		{Cell{Text: "microsoft.graph.callRecords.media collection", Links: []Link{link}}, "microsoft.graph.callRecords.media", true},
		{Cell{Text: "microsoft.graph.callRecords.media", Links: []Link{link}}, "microsoft.graph.callRecords.media", false},
		{Cell{Text: "user[]"}, "user", true},
	}
	for _, c := range cases {
		tc := ParseTypeCell(c.cell)
		assert.Equal(t, c.name, tc.Name, c.cell.Text)
		assert.Equal(t, c.collection, tc.Collection, c.cell.Text)
	}
}

func TestParseSeed(t *testing.T) {
	src, err := os.ReadFile("../../../docs-input/api/callrecords-segment-post.md")
	require.NoError(t, err)
	p := Parse("api/callrecords-segment-post.md", src)
	assert.Empty(t, p.Diags)
	assert.Equal(t, Operation, p.Kind)
	assert.Equal(t, "Create segment", p.Title.Text)
	assert.Equal(t, "microsoft.graph.callRecords", p.Namespace.Text)
	assert.Equal(t, "api/callrecords-segment-post.md:11:12", p.Namespace.Span.String())
	require.Len(t, p.Requests, 1)
	assert.Equal(t, "api/callrecords-segment-post.md:33:1", p.Requests[0].Span.String())
	assert.Equal(t, 201, p.Status)
	assert.Equal(t, 61, p.StatusSpan.Line())
	require.Len(t, p.RequestBody, 7)
	assert.Equal(t, "media", p.RequestBody[5].Name.Text)
	assert.True(t, p.RequestBody[5].Type.Collection)
	require.Len(t, p.Examples, 2)
	cl, ok := p.Examples[0].HeaderValue("Content-Length")
	require.True(t, ok)
	assert.Equal(t, "483", cl.Value)
	assert.Equal(t, 74, cl.Span.Line())
	assert.Equal(t, 465, len(strings.TrimRight(p.Examples[0].Body, "\n")), "the body as the block holds it, without the fence line break")
	assert.Equal(t, "author", p.FrontMatter[2].Key)
	assert.Equal(t, 4, p.FrontMatter[2].Span.Line())
}

func TestParseRealPageShapes(t *testing.T) {
	src := "# Get thing\n\nNamespace: microsoft.graph\n\n## HTTP Request\n\n```\nGET /things/{id}\n\nGET /me/things/{id}\n```\n\n" +
		"## Response\n\nIf successful, this method returns a `200 OK` response code.\n\n## Example\n\n# [HTTP](#tab/http)\n" +
		"<!-- {\n  blockType: \"request\",\n  \"name\": \"get_thing\",\n} -->\n```http\nGET https://graph.microsoft.com/beta/things/1\n```\n\n" +
		"```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{\"id\": \"1\"}\n```\n\n<!-- unclosed comment\n"
	p := Parse("api/thing-get.md", []byte(src))
	assert.Equal(t, "Get thing", p.Title.Text, "tab markers are not titles")
	require.Len(t, p.Requests, 2)
	assert.Equal(t, "/me/things/{id}", p.Requests[1].Path)
	require.Len(t, p.Examples, 2)
	assert.Equal(t, "get_thing", p.Examples[0].Name, "lenient annotation: unquoted key and trailing comma")
	assert.Equal(t, "response", p.Examples[1].Role, "unannotated response found by its status line")
	assert.Equal(t, 200, p.Examples[1].Status)
	require.NotEmpty(t, p.Diags)
	assert.Equal(t, "unclosed-block", p.Diags[len(p.Diags)-1].Rule)
}

func FuzzParse(f *testing.F) {
	seed, _ := os.ReadFile("../../../docs-input/api/callrecords-segment-post.md")
	f.Add(seed)
	f.Add([]byte("---\ntitle: x\n"))
	f.Add([]byte("|a|b|\n|-|-|\n|1|2|3|\n<!-- {\"a\": [ -->\n```http\nPOST"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := Parse("api/x.md", b)
		for _, d := range p.Diags {
			if d.Rule == "parse-error" {
				t.Fatalf("parser panicked: %s", d)
			}
		}
	})
}

func TestBlankLineBeforeHeaders(t *testing.T) {
	src := "# Create x\n\n## HTTP request\n\n```http\nPOST /xs\n```\n\n## Example\n\n" +
		"<!-- { \"blockType\": \"request\", \"name\": \"create_x\" } -->\n```http\nPOST https://graph.microsoft.com/beta/xs\n\nContent-type: application/json\n\n{\"a\": 1}\n```\n"
	p := Parse("api/x-post.md", []byte(src))
	require.Len(t, p.Examples, 1)
	ex := p.Examples[0]
	require.Len(t, ex.Headers, 1)
	assert.Equal(t, "Content-type", ex.Headers[0].Name)
	assert.Equal(t, "{\"a\": 1}\n", ex.Body)
	assert.Equal(t, "api/x-post.md:14:1", ex.BlankBeforeHeaders.Pos().String(), "the blank line is where lint reports it")

	// A body that is a URL is no header, blank line or not.
	src = "# Get x\n\n## HTTP request\n\n```http\nGET /xs/{id}/content\n```\n\n## Example\n\n" +
		"<!-- { \"blockType\": \"response\" } -->\n```http\nHTTP/1.1 200 OK\n\nhttps://contoso.com/download/file.txt\n```\n"
	p = Parse("api/x-get.md", []byte(src))
	require.Len(t, p.Examples, 1)
	ex = p.Examples[0]
	assert.Empty(t, ex.Headers)
	assert.False(t, ex.BlankBeforeHeaders.IsValid())
	assert.Equal(t, "https://contoso.com/download/file.txt\n", ex.Body)
}

func TestParseTypeCellAlternatives(t *testing.T) {
	a := Link{Text: "camera", Dest: "camera.md"}
	b := Link{Text: "microphone", Dest: "microphone.md"}
	cases := []struct {
		text  string
		alts  int
		coll  bool
		links []Link
	}{
		{"camera or microphone", 2, false, []Link{a, b}},
		{"camera, microphone collection", 2, true, []Link{a, b}},
		{"camera or a microphone", 0, false, []Link{a, b}}, // more words than the links and "or"
		{"camera", 0, false, []Link{a}},
	}
	for _, c := range cases {
		tc := ParseTypeCell(Cell{Text: c.text, Links: c.links})
		assert.Len(t, tc.Alternatives, c.alts, c.text)
		assert.Equal(t, "camera", tc.Name, c.text)
		assert.Equal(t, c.coll, tc.Collection, c.text)
	}
}

// TestPropertySections: a resource page's property tables are read from
// every H2, except those naming a type of their own, whose rows go to that
// type; instance annotation rows are no properties.
func TestPropertySections(t *testing.T) {
	src := "# lamp resource type\n\n## Properties\n\n|Property|Type|Description|\n|:-|:-|:-|\n|id|String|Id.|\n|@odata.etag|String|Change key.|\n\n" +
		"## Wiring\n\n|Property name|Type|Description|\n|:-|:-|:-|\n|voltage|Int32|Volts.|\n\n" +
		"## Relationships\n\n|Relationship|Type|Description|\n|:-|:-|:-|\n|room|[room](room.md)|Where it stands.|\n\n" +
		"## The bulb complex type\n\n|Property|Type|Description|\n|:-|:-|:-|\n|watts|Int32|Power.|\n\n" +
		"### Relationships\n\n|Relationship|Type|Description|\n|:-|:-|:-|\n|socket|[lamp](lamp.md)|Its lamp.|\n\n" +
		"## shade resource type\n\n|Property|Type|Description|\n|:-|:-|:-|\n|color|String|Color.|\n"
	p := Parse("resources/lamp.md", []byte(src))
	var names []string
	for _, r := range p.Properties {
		names = append(names, r.Name.Text)
	}
	assert.Equal(t, []string{"id", "voltage", "room"}, names)
	assert.True(t, p.Properties[2].Navigation)
	require.Len(t, p.SectionTypes, 2)
	assert.Equal(t, "bulb", p.SectionTypes[0].Name.Text)
	assert.Equal(t, 22, p.SectionTypes[0].Name.Span.Line(), "the type's name spans its heading")
	require.Len(t, p.SectionTypes[0].Properties, 2)
	assert.Equal(t, "watts", p.SectionTypes[0].Properties[0].Name.Text)
	assert.False(t, p.SectionTypes[0].Properties[0].Navigation)
	assert.Equal(t, "socket", p.SectionTypes[0].Properties[1].Name.Text)
	assert.True(t, p.SectionTypes[0].Properties[1].Navigation)
	assert.Equal(t, "shade", p.SectionTypes[1].Name.Text)
	require.Len(t, p.SectionTypes[1].Properties, 1)

	op := Parse("api/lamp-update.md", []byte("# Update lamp\n\n## Request body\n\n|Property|Type|Description|\n|:-|:-|:-|\n|@odata.type|String|The lamp's type.|\n"))
	require.Len(t, op.RequestBody, 1, "a request body's @odata.type row stays: it names the type to create")
}

// TestResponseProse reads the success status and the collection-ness of the
// response from the Response prose, in the phrasings the pages use.
func TestResponseProse(t *testing.T) {
	page := func(prose string) *Page {
		src := "# Get x\n\n## HTTP request\n\n```http\nGET /xs\n```\n\n## Response\n\n" + prose + "\n"
		return Parse("api/x-get.md", []byte(src))
	}
	for _, c := range []struct {
		prose  string
		status int
		many   bool
	}{
		{"If successful, this method returns a `200 OK` response code and a [x](../resources/x.md) object in the response body.", 200, false},
		{"If successful, this method returns a `200 OK` response code and a collection of [x](../resources/x.md) objects in the response body.", 200, true},
		{"If successful, this method returns a `200 OK` response code and [x](../resources/x.md) collection object in the response body.", 200, true},
		{"If successful, this action returns a `200 OK` response code and a [x](../resources/x.md) collection in the response body.", 200, true},
		{"If successful, this method returns a `200 OK` response code and an array of [x](../resources/x.md) objects in the response body.", 200, true},
		{"If successful, this method returns a `200 OK` response code and a list of [x](../resources/x.md) items in the response body.", 200, true},
		{"If successful, this method returns a `200 OK` response code and all [x](../resources/x.md) objects in the team.", 200, true},
		{"If successful, this method returns `200 OK` response code and [x](../resources/x.md) objects in the response body.", 200, true},
		{"If successful, this method returns a `200 OK` response code and the **[x](../resources/x.md)** object.", 200, false},
		// A class of codes is no status: the examples tell which.
		{"If successful, this method returns a 200-series response code and a [x](../resources/x.md) object in the response body.", 0, false},
		{"If successful, this method returns a `2xx` response code and a [x](../resources/x.md) object in the response body.", 0, false},
		// A collection the sentence speaks of before the link; not one
		// the value holds or a later sentence names.
		{"If successful, this method returns a `200 OK` response code and a collection of one [x](../resources/x.md) object in the response body.", 200, true},
		{"If successful, this method returns the children.\nThe children collection will be composed of [x](../resources/x.md) resources.", 0, true},
		{"If successful, this method returns a `200 OK` response code and an [x](../resources/x.md) containing a collection of [y](../resources/y.md) objects in the response body.", 200, false},
		{"If successful, this method returns `200 OK` response code and a [x](../resources/x.md) in the response body.\n\nA result includes a collection of suggestions.", 200, false},
		// An error the page also mentions is not the success status.
		{"Each method returns a [x](../resources/x.md) resource.\n\nIf the x does not exist, an `HTTP 404` response will be returned.", 0, false},
		{"If the x does not exist, `404 Not Found` is returned. Otherwise this method returns `200 OK` and the [x](../resources/x.md).", 200, false},
		// A 2xx said of a failure: a partial one answers 207.
		{"* If successful, this method returns an array of [x](../resources/x.md) objects.\n* If an error occurred while following any of them, this method returns a `207` status code and the errors.", 0, true},
		{"If some of the xs fail, this method returns `207 Multi-Status`. Otherwise it returns `200 OK` and the [x](../resources/x.md).", 200, false},
		// A redirect for one format, then the JSON answer: the 2xx goes
		// with the body type. A later redirect does not displace a 2xx.
		{"### CSV\n\nIf successful, this method returns a `302 Found` response that redirects to a download URL.\n\n### JSON\n\nIf successful, this method returns a `200 OK` response code and a [x](../resources/x.md) object in the response body.", 200, false},
		{"If successful, this method returns a `200 OK` response code and a [x](../resources/x.md) object.\n\nFor a large x, it returns a `302 Found` response instead.", 200, false},
	} {
		p := page(c.prose)
		require.NotNil(t, p.ResponseLink, c.prose)
		assert.Equal(t, c.status, p.Status, c.prose)
		assert.Equal(t, c.many, p.ResponseMany, c.prose)
	}
	// A table of scenarios names resources, none of them the response's.
	p := page("Depending on the operation, the response code can be `201 Created`.\n\n| Scenario | Resource |\n|---|---|\n| New instance | [contact](../resources/contact.md) |")
	assert.Nil(t, p.ResponseLink)
}

// TestTemplateValues: sample values in a documented path are parameters.
func TestTemplateValues(t *testing.T) {
	for in, want := range map[string]string{
		"/me/events":                               "/me/events",
		"/resources/<resourceId>/roleSettings":     "/resources/{resourceId}/roleSettings",
		"/ws/{id}/range(address='<address>')/Cell": "/ws/{id}/range(address='{address}')/Cell",
		"/ws/{id}/range(<address>)/format":         "/ws/{id}/range({address})/format",
		"/range/columnsAfter(count=n)":             "/range/columnsAfter(count={count})",
		"/reports/getX(period='D7')":               "/reports/getX(period='{period}')",
		`/reports/getX(date="2017-09-01")`:         `/reports/getX(date="{date}")`,
		"/reports/getX(period='{period_value}')":   "/reports/getX(period='{period_value}')",
		"/r/f(a={a}, b=2, c = 'x')":                "/r/f(a={a}, b={b}, c = '{c}')",
		"/n/getRecent(include=include-value)":      "/n/getRecent(include={include})",
		"/r/borders('EdgeTop')":                    "/r/borders('EdgeTop')", // positional: no name to give
		"/r/a<b":                                   "/r/a<b",
		"/r/f(x=1/2)":                              "/r/f(x=1/2)", // no ')' before the next segment
		"/w/getByPath(path='my folder/x y')":       "/w/getByPath(path='{path}')",
		"/w/f(a='x,y', b='(z)')":                   "/w/f(a='{a}', b='{b}')",
	} {
		assert.Equal(t, want, templateValues(in), in)
	}
	p := Parse("api/x-get.md", []byte("# Get x\n\n## HTTP request\n\n```http\nGET /reports/getX(period='D7')\nGET /w/getByPath(path='my folder/x y') HTTP/1.1\n```\n"))
	require.Len(t, p.Requests, 2)
	assert.Equal(t, []string{"period"}, p.Requests[0].Params)
	assert.Equal(t, "/w/getByPath(path='{path}')", p.Requests[1].Path, "a space in a quoted argument does not end the path")
	// Example URLs keep their values.
	path, _ := NormalizePath("https://graph.microsoft.com/beta/reports/getX(period='D7')")
	assert.Equal(t, "/reports/getX(period='D7')", path)
}

// TestManyAround: the prose around a response link that makes it a
// collection, reference-style links included.
func TestManyAround(t *testing.T) {
	for _, c := range []struct {
		before, after string
		want          bool
	}{
		{"returns an array of ", " in the body", true},
		{"returns a ", " collection in the body", true},
		{"returns a ", "[] collection in the body", true},
		{"returns a ", "[perm-ref] collection in the body", true},
		{"returns a ", "[] object in the body", false},
		{"returns a ", " object", false},
	} {
		assert.Equal(t, c.want, manyAround(c.before, c.after), "%q … %q", c.before, c.after)
	}
}

// TestDescriptionSkipsQuotes: the beta disclaimer and notes quoted before a
// page's first paragraph are asides, not the type's description.
func TestDescriptionSkipsQuotes(t *testing.T) {
	src := "# widget resource type\n\nNamespace: microsoft.graph\n\n> **Important:** APIs under the /beta version are subject to change.\n\n> [!NOTE]\n> A note.\n\nA widget on the dashboard.\n\n## Properties\n"
	p := Parse("resources/widget.md", []byte(src))
	assert.Equal(t, "A widget on the dashboard.", p.Description.Text)
	assert.Equal(t, 10, p.Description.Span.Pos().Line)
}

// TestMemberTableOfNoEnum: a member table on a page whose title is not a
// heading ("#x enum type", no space) is an error, not members dropped
// without a word; the message names the line that meant to be the title.
func TestMemberTableOfNoEnum(t *testing.T) {
	src := "#colorState enum type\n\nNamespace: microsoft.graph\n\n## Members\n\n| Member | Value | Description |\n|:---|:---|:---|\n|red|0|Red.|\n"
	p := Parse("resources/colorstate.md", []byte(src))
	assert.Empty(t, p.Enums)
	require.Len(t, p.Diags, 1)
	assert.Equal(t, `resources/colorstate.md:7:1: error unknown-type: cannot tell which enum this member table is of: the page has no title like "x enum type" and the table no heading like "### x values" ("#colorState enum type" is no heading: put a space after the #)`, p.Diags[0].String())
	// Front matter and code are no would-be headings.
	p = Parse("resources/colorstate.md", []byte("---\ntitle: x\n#owner: someone else\n---\n\n```\n#include <x y>\n```\n\n"+src))
	require.Len(t, p.Diags, 1)
	assert.Contains(t, p.Diags[0].Message, `("#colorState enum type" is no heading`)
	p = Parse("resources/colorstate.md", []byte("---\ntitle: x\n#owner: someone else\n---\n\n"+strings.Replace(src, "#colorState enum type", "colorState", 1)))
	require.Len(t, p.Diags, 1)
	assert.NotContains(t, p.Diags[0].Message, "is no heading")
	p = Parse("resources/colorstate.md", []byte(strings.Replace(src, "#colorState", "# colorState", 1)))
	assert.Empty(t, p.Diags)
	require.Len(t, p.Enums, 1)
	assert.Equal(t, "colorState", p.Enums[0].Name.Text)
}

// TestRequestLineOnFence: a request line may stand on the fence line,
// alone or after the language; it counts with the lines below it, at its
// own position.
func TestRequestLineOnFence(t *testing.T) {
	for _, fence := range []string{"``` GET /widgets/{id}", "```http GET /widgets/{id}", "``` HTTP get /widgets/{id}"} {
		src := "# Get widget\n\n## HTTP request\n\n" + fence + "\nGET /gadgets/{id}/widget\n```\n"
		p := Parse("api/widget-get.md", []byte(src))
		require.Len(t, p.Requests, 2, fence)
		assert.Equal(t, "/widgets/{id}", p.Requests[0].Path, fence)
		assert.Equal(t, "GET", p.Requests[0].Method, fence)
		assert.Equal(t, 5, p.Requests[0].Span.Pos().Line, fence)
		assert.Equal(t, strings.Index(strings.ToUpper(fence), "GET ")+1, p.Requests[0].Span.Pos().Col, fence)
		assert.Equal(t, "/gadgets/{id}/widget", p.Requests[1].Path, fence)
	}
	// A language alone, or words that are no request, hold none.
	for _, fence := range []string{"```http", "```http title", "```json GET /x"} {
		p := Parse("api/widget-get.md", []byte("# Get widget\n\n## HTTP request\n\n"+fence+"\nGET /gadgets/{id}/widget\n```\n"))
		require.Len(t, p.Requests, 1, fence)
	}
}

// TestBodyLinkBeforeTable: the Request body's type is linked before its
// table; a link after the table speaks of one parameter's items.
func TestBodyLinkBeforeTable(t *testing.T) {
	table := "| Parameter | Type | Description |\n|:---|:---|:---|\n|value|[widget](../resources/widget.md) collection|The widgets.|\n"
	after := "# submitWidgets action\n\n## HTTP request\n\n```http\nPOST /widgets/submitWidgets\n```\n\n## Request body\n\n" + table +
		"\nFor each widget, supply a JSON representation of a [widget](../resources/widget.md) object.\n"
	p := Parse("api/widget-submit.md", []byte(after))
	assert.Nil(t, p.BodyLink)
	before := "# Update widget\n\n## HTTP request\n\n```http\nPATCH /widgets/{id}\n```\n\n## Request body\n\nIn the request body, supply a JSON representation of a [widget](../resources/widget.md) object.\n\n" + table
	p = Parse("api/widget-update.md", []byte(before))
	require.NotNil(t, p.BodyLink)
	assert.Equal(t, "../resources/widget.md", p.BodyLink.Dest)
}

// TestRequestBodyTableShapes: a parameter table under "### Request body"
// below "## HTTP request", one headed "Properties", and one whose "Value"
// column holds types are the request body's; a Value column of sample
// values is not.
func TestRequestBodyTableShapes(t *testing.T) {
	page := func(heading, header, rows string) *Page {
		src := "# Copy widget\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/copy\n```\n\n" + heading + "\n\n" + header + "\n|:---|:---|:---|\n" + rows + "\n## Response\n\nIf successful, this method returns a `202 Accepted` response code.\n"
		return Parse("api/widget-copy.md", []byte(src))
	}
	names := func(p *Page) []string {
		var out []string
		for _, r := range p.RequestBody {
			out = append(out, r.Name.Text+":"+r.Type.Name)
		}
		return out
	}
	rows := "|name|string|The new name.|\n|parentReference|[itemReference](../resources/itemreference.md)|Where.|\n"
	assert.Equal(t, []string{"name:string", "parentReference:itemReference"}, names(page("### Request body", "| Parameter | Type | Description |", rows)))
	assert.Equal(t, []string{"name:string", "parentReference:itemReference"}, names(page("## Request body", "| Properties | Type | Description |", rows)))
	assert.Equal(t, []string{"name:string", "parentReference:itemReference"}, names(page("### Request body", "| Name | Value | Description |", rows)))
	assert.Empty(t, names(page("## Request body", "| Name | Value | Description |", "|extensionName|%unique_string%|A name.|\n")))
	// Not where the prose says the body is an array of what the table
	// describes (site follow: {"value": [{"id": ...}]}).
	arr := Parse("api/site-follow.md", []byte("# Follow site\n\n## HTTP request\n\n```http\nPOST /sites/follow\n```\n\n## Request body\n\nIn the request body, supply an array of JSON objects with the id parameter in the table below.\n\n| Name | Value | Description |\n|:---|:---|:---|\n|id|string|The site.|\n"))
	assert.Empty(t, arr.RequestBody)
	arr = Parse("api/site-follow.md", []byte("# Follow site\n\n## HTTP request\n\n```http\nPOST /sites/follow\n```\n\n## Request body\n\nIn the request body, supply an array of JSON objects with the id parameter in the table below.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n|id|String|The site.|\n"))
	assert.Empty(t, arr.RequestBody, "whatever the columns are called")
	// A parameter that is an array says nothing of the body.
	tags := Parse("api/widget-copy.md", []byte("# Copy widget\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/copy\n```\n\n## Request body\n\n| Name | Value | Description |\n|:---|:---|:---|\n|name|string|The new name.|\n|tags|string collection|The tags.|\n\nThe **tags** value is an array of strings.\n"))
	assert.Len(t, tags.RequestBody, 2)
	tags = Parse("api/widget-tag.md", []byte("# Tag widget\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/tag\n```\n\n## Request body\n\nIn the request body, provide a JSON object with the following parameters. For **tags**, provide an array of strings.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n|tags|String collection|The tags.|\n|replace|Boolean|Whether to replace them.|\n"))
	assert.Len(t, tags.RequestBody, 2, "a sentence about one parameter")
	// A "### Request body" ends at the next H3: a table or link under
	// "### Response" is not the body's.
	h3 := Parse("api/widget-reset.md", []byte("# Reset widget\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/reset\n```\n\n### Request body\n\nDo not supply a request body for this method.\n\n### Response\n\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n|name|string|x|\n"))
	assert.Nil(t, h3.BodyLink)
	assert.Empty(t, h3.RequestBody)
	// An H3 "Request body" in the examples opens no body section.
	p := Parse("api/widget-copy.md", []byte("# Copy widget\n\n## HTTP request\n\n```http\nPOST /widgets/{id}/copy\n```\n\n## Examples\n\n### Request body\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n|name|string|x|\n"))
	assert.Empty(t, p.RequestBody)
}

// TestPageOfNoKind: a page read as neither kind is named, never dropped
// without a word, unless it says it is conceptual or is prose alone.
func TestPageOfNoKind(t *testing.T) {
	request := "# Get gadget\n\n## HTTP request\n\n```http\nGET /gadgets/{id}\n```\n"
	properties := "# gadget resource type\n\n## Properties\n\n|Property|Type|Description|\n|:--|:--|:--|\n|model|String|The model.|\n"
	for _, c := range []struct {
		path, src, want string
	}{
		{"guides/get.md", request, "guides/get.md:1:1: error unknown-page-kind: the page lies outside the api and resources folders and its front matter has no doc_type, so it is read as neither an operation nor a type page: its HTTP request lines are left out"},
		{"guides/gadget.md", "---\ndoc_type: resourcePagetype\n---\n" + properties, ""},
		{"guides/gadget.md", "---\ndoc_type: \"resourcePageTyp\"\n---\n" + properties, `guides/gadget.md:2:11: error unknown-page-kind: doc_type "resourcePageTyp" is none gen knows (apiPageType, resourcePageType, enumPageType, complexTypePageType, conceptualPageType), so the page is read as neither an operation nor a type page: its property rows are left out`},
		{"guides/welcome.md", "---\ndoc_type: landingPage\n---\n# Welcome\n", `guides/welcome.md:2:11: warning unknown-page-kind: doc_type "landingPage" is none gen knows`},
		{"guides/welcome.md", "---\ndoc_type: conceptualPageType\n---\n" + properties, ""},
		{"guides/welcome.md", "# Welcome\n\nProse.\n", ""},
		{"guides/paging.md", "# Paging\n\nAsk for five users:\n\n```http\nGET https://graph.microsoft.com/v1.0/users?$top=5\n```\n", ""},
		{"guides/get.md", "---\ndoc_type:\n---\n" + request, "guides/get.md:1:1: error unknown-page-kind: the page lies outside the api and resources folders and its front matter has no doc_type"},
		{"api/get.md", request, ""},
		{"resources/gadget.md", "---\ndoc_type: landingPage\n---\n" + properties, ""},
	} {
		p := Parse(c.path, []byte(c.src))
		if c.want == "" {
			assert.Empty(t, p.Diags, c.src)
			continue
		}
		require.Len(t, p.Diags, 1, c.src)
		assert.Equal(t, Unknown, p.Kind)
		assert.True(t, strings.HasPrefix(p.Diags[0].String(), c.want), p.Diags[0].String())
	}
}

// TestHeaderLines: a header's name is an HTTP token, and a URL is no header.
func TestHeaderLines(t *testing.T) {
	for line, want := range map[string]bool{
		"Content-Type: application/json":    true,
		"Prefer: outlook.body-content-type": true,
		"If-Match: W/\"abc\"":               true,
		"x-ms-client-request-id: 1":         true,
		"https://contoso.com/download/x":    false,
		"a(b): c":                           false,
		"\"key\": 1":                        false,
		"{\"a\": 1}":                        false,
		"Content Type: x":                   false,
		"Größe: 1":                          false,
		": x":                               false,
		"no colon":                          false,
	} {
		assert.Equal(t, want, isHeaderLine(line), line)
	}
}
