package emit

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/emit/odata"
	"gen/gen/internal/ir"
)

func TestFillPlaceholdersSeed(t *testing.T) {
	p := buildCallRecords()
	seg := p.Lookup(nsCR + ".segment")
	req, err := FillPlaceholders([]byte(seedRequest), seg, p)
	require.NoError(t, err)
	resp, err := FillPlaceholders([]byte(seedResponse), seg, p)
	require.NoError(t, err)

	assert.NotContains(t, string(req), "String (timestamp)")
	assert.Contains(t, string(req), `"endDateTime": "2020-01-01T00:00:00Z"`)
	// Key order is kept: the seed lists callee before caller.
	assert.Less(t, strings.Index(string(req), `"callee"`), strings.Index(string(req), `"caller"`))
	// The same placeholder gets the same value in request and response.
	var rq, rs map[string]any
	require.NoError(t, json.Unmarshal(req, &rq))
	require.NoError(t, json.Unmarshal(resp, &rs))
	assert.Equal(t, rq["startDateTime"], rs["startDateTime"])
	// Real values stay.
	assert.Equal(t, "e7eaf109-f109-e7ea-09f1-eae709f1eae7", rs["id"])
	// Untouched input formats the same way twice.
	again, err := FillPlaceholders(req, seg, p)
	require.NoError(t, err)
	assert.Equal(t, string(req), string(again))
}

func TestFillPlaceholdersTypes(t *testing.T) {
	p := buildCallRecords()
	media := p.Lookup(nsCR + ".media")
	in := `{"label": "Contoso (Europe)", "streams": [{
	  "streamId": "String",
	  "startDateTime": "DateTimeOffset",
	  "streamDirection": "String (enum)",
	  "averageJitter": "String (duration)",
	  "averagePacketLossRate": "Single",
	  "packetUtilization": "Int64 (count)",
	  "wasMediaBypassed": "false",
	  "averageRoundTripTime": "PT1.5S",
	  "unknownThing": "Int32"
	}, {"wasMediaBypassed": "Boolean", "startDateTime": "datetime-value", "averageJitter": "duration-value", "streamId": "streamId-value"}]}`
	out, err := FillPlaceholders([]byte(in), media, p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"label": "Contoso (Europe)", "streams": [{
	  "streamId": "string",
	  "startDateTime": "2020-01-01T00:00:00Z",
	  "streamDirection": "callerToCallee",
	  "averageJitter": "PT1S",
	  "averagePacketLossRate": 1.5,
	  "packetUtilization": 1,
	  "wasMediaBypassed": false,
	  "averageRoundTripTime": "PT1.5S",
	  "unknownThing": "Int32"
	}, {"wasMediaBypassed": true, "startDateTime": "2020-01-01T00:00:00Z", "averageJitter": "PT1S", "streamId": "streamId-value"}]}`, string(out),
		"a name-value filler is a placeholder but in a string property")
	assert.True(t, isFiller("classId-value"))
	assert.False(t, isFiller("-value"))
	assert.False(t, isFiller("a value-value"))
	assert.False(t, isFiller("2020-01-01"))
}

func TestFillPlaceholdersODataType(t *testing.T) {
	p := buildCallRecords()
	seg := p.Lookup(nsCR + ".segment")
	// caller is declared as endpoint; its @odata.type makes it a
	// participantEndpoint, whose identity.user.id is a string.
	in := `{"caller": {"@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
	  "identity": {"user": {"id": "String (identifier)"}},
	  "userAgent": {"@odata.type": "microsoft.graph.callRecords.clientUserAgent", "platform": "String"}}}`
	out, err := FillPlaceholders([]byte(in), seg, p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"caller": {"@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
	  "identity": {"user": {"id": "string"}},
	  "userAgent": {"@odata.type": "microsoft.graph.callRecords.clientUserAgent", "platform": "unknown"}}}`, string(out))
}

func TestFillPlaceholdersCollections(t *testing.T) {
	p := buildShapes()
	item := p.Lookup(nsGraph + ".driveItem")
	out, err := FillPlaceholders([]byte(`{"@odata.context": "String", "value": [{"size": "Int64"}, {"@odata.type": "#microsoft.graph.folder", "childCount": "Int32"}]}`), item, p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"@odata.context": "String", "value": [{"size": 1}, {"@odata.type": "#microsoft.graph.folder", "childCount": 1}]}`, string(out))

	out, err = FillPlaceholders([]byte(`[{"tags": ["String", "real"]}]`), item, p)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"tags": ["string", "real"]}]`, string(out))

	// Without a type nothing is known about the properties.
	out, err = FillPlaceholders([]byte(`{"a": "Int32", "b": 1e400, "c": "<&>"}`), nil, p)
	require.NoError(t, err)
	assert.Equal(t, "{\n  \"a\": \"Int32\",\n  \"b\": 1e400,\n  \"c\": \"<&>\"\n}", string(out), "numbers and characters are kept as written")
}

func TestFillPlaceholdersErrors(t *testing.T) {
	for _, in := range []string{``, `{`, `{"a": 1} x`, `HTTP/1.1 200 OK`} {
		_, err := FillPlaceholders([]byte(in), nil, nil)
		assert.Error(t, err, "%q", in)
	}
}

func TestIsPlaceholder(t *testing.T) {
	for s, want := range map[string]bool{
		"String": true, "String (timestamp)": true, "Edm.Guid": true, "Int32 (count)": true, "DateTimeOffset": true,
		"Contoso (Europe)": false, "string": true, "Contoso": false, "1": false, "": false, "String (": false,
	} {
		assert.Equal(t, want, isPlaceholder(s), s)
	}
}

// TestBodyProblem checks that the examples the generated handler cannot
// take or give back as the docs show them are found at generation time.
func TestBodyProblem(t *testing.T) {
	p := buildShapes()
	g, err := newGenerator(p, Options{ModulePath: "m"})
	require.NoError(t, err)
	item := p.Lookup(nsGraph + ".driveItem")
	for body, want := range map[string]string{
		`{"name": "a", "size": 1, "tags": ["x"], "kind": "anyNewKind", "lastModifiedDateTime": "2020-01-01T00:00:00.123Z", "@odata.etag": 1}`: "",
		`{"parentReference@odata.bind": "https://x/a", "children@odata.bind": ["a", "b"]}`:                                                    "",
		`{"x@odata.bind": "a"}`:                                       `"x@odata.bind" binds "x", which is not declared by microsoft.graph.driveItem`,
		`{"name@odata.bind": "a"}`:                                    `"name@odata.bind" binds name, which is of type Edm.String (resources/driveitem.md:20:1): only a relationship is bound`,
		`{"kind@odata.bind": "a"}`:                                    `"kind@odata.bind" binds kind, which is of type microsoft.graph.itemKind (resources/driveitem.md:50:1): only a relationship is bound`,
		`{"parentReference@odata.bind": ["a"]}`:                       `"parentReference@odata.bind" binds the single-valued parentReference (resources/driveitem.md:110:1): it is not a link (a non-empty string)`,
		`{"parentReference@odata.bind": ""}`:                          `"parentReference@odata.bind" binds the single-valued parentReference (resources/driveitem.md:110:1): it is not a link (a non-empty string)`,
		`{"children@odata.bind": "a"}`:                                `"children@odata.bind" binds the collection children (resources/driveitem.md:100:1): it is not an array of links`,
		`{"children@odata.bind": ["a", true]}`:                        `element 1 of "children@odata.bind" is not a link (a non-empty string)`,
		`{"children@odata.bind": ["a", ""]}`:                          `element 1 of "children@odata.bind" is not a link (a non-empty string)`,
		`{"@odata.type": "#microsoft.graph.folder", "childCount": 2}`: "",
		`{"nope": 1}`:                           `property "nope" is not declared by microsoft.graph.driveItem`,
		`{"childCount": 2}`:                     `property "childCount" is not declared by microsoft.graph.driveItem`,
		`{"size": "1"}`:                         `property "size" is not an integer`,
		`{"size": 1.5}`:                         `property "size" is 1.5, which is not an integer in the range of Edm.Int64`,
		`{"tags": "x"}`:                         `property "tags" is not an array`,
		`{"lastModifiedDateTime": "yesterday"}`: `property "lastModifiedDateTime" is "yesterday", which is not an RFC 3339 date and time`,
		`{"lastModifiedDateTime": "2020-01-01T00:00:00,5Z"}`: `property "lastModifiedDateTime" is "2020-01-01T00:00:00,5Z", which is not an RFC 3339 date and time`,
		`{"@odata.type": "#microsoft.graph.entity"}`:         `the body has @odata.type "#microsoft.graph.entity", which is not microsoft.graph.driveItem or a type derived from it`,
		`[1]`: "the body is not an object",
		`{`:   "it is not JSON: unexpected EOF",
	} {
		assert.Equal(t, want, g.bodyProblem(body, item.QualifiedName(), item, false, true), body)
	}
	// A request body of an abstract type names the derived type it is.
	entity := p.Lookup(nsGraph + ".entity")
	assert.Equal(t, "", g.bodyProblem(`{"@odata.type": "#microsoft.graph.folder"}`, entity.QualifiedName(), entity, false, true))
	assert.Equal(t, "the body is of the abstract type microsoft.graph.entity: it names no type derived from it",
		g.bodyProblem(`{"id": "1"}`, entity.QualifiedName(), entity, false, true))
	// A response needs only to decode: a non-polymorphic type keeps any
	// @odata.type as it is.
	kind := p.Lookup(nsGraph + ".itemKind")
	assert.Equal(t, "", g.bodyProblem(`["file", "future"]`, kind.QualifiedName(), kind, true, false))
	assert.Equal(t, `element "[0]" is not a string`, g.bodyProblem(`[1]`, kind.QualifiedName(), kind, true, false))
}

// TestBodyProblemRepeatsAndNulls: a name that appears twice in an object and
// a null element of a collection, which the handler refuses in a request
// and Go's decoding changes in a response.
func TestBodyProblemRepeatsAndNulls(t *testing.T) {
	p := buildShapes()
	g, err := newGenerator(p, Options{ModulePath: "m"})
	require.NoError(t, err)
	item, kind := p.Lookup(nsGraph+".driveItem"), p.Lookup(nsGraph+".itemKind")
	for body, want := range map[string]string{
		`{"name": "a", "size": 1, "name": "b"}`:                        `"name" appears twice in the body`,
		`{"children@odata.bind": ["a"], "children@odata.bind": ["b"]}`: `"children@odata.bind" appears twice in the body`,
		`{"content": [{"a": 1}, {"b": 1, "b": 2}]}`:                    `"content[1].b" appears twice in the body`, // raw JSON too
		`{"tags": ["x", null]}`:                                        `"tags[1]" is null: a collection of Edm.String holds no null elements`,
		`{"tags": null, "kind": null, "content": [null]}`:              "", // null clears a property; raw JSON keeps null
		`{"name": "a", "content": {"name": "b"}, "tags": []}`:          "",
	} {
		assert.Equal(t, want, g.bodyProblem(body, item.QualifiedName(), item, false, true), body)
	}
	assert.Equal(t, `"[1]" is null: a collection of microsoft.graph.driveItem holds no null elements`,
		g.bodyProblem(`[{"name": "a"}, null]`, item.QualifiedName(), item, true, true), "a collection body")

	// A response only decodes: a repeated name keeps its last value, and a
	// null element becomes a zero value but in an AnyT, which keeps nil.
	assert.Equal(t, `"[0].name" appears twice, and decoding keeps only the last value`,
		g.bodyProblem(`[{"name": "a", "name": "b"}]`, item.QualifiedName(), item, true, false))
	assert.Equal(t, `"[1]" is null, which a collection of microsoft.graph.itemKind holds as a zero value`,
		g.bodyProblem(`["file", null]`, kind.QualifiedName(), kind, true, false))
	assert.Equal(t, "", g.bodyProblem(`[null, {"name": "a"}]`, item.QualifiedName(), item, true, false))
	list := &opSig{result: &typeRef{name: item.QualifiedName(), t: item, collection: true}}
	assert.Equal(t, `"value" appears twice, and decoding keeps only the last value`,
		g.resultProblem(`{"value": [{"name": "a"}], "value": []}`, list))
	assert.Equal(t, `"value[0].tags[0]" is null, which a collection of Edm.String holds as a zero value`,
		g.resultProblem(`{"value": [{"tags": [null]}]}`, list))
}

// TestBodyProblemCaseFold: on an open type, a name that differs from a
// declared property only in case is refused by the handler, and Go's
// decoding of a response would put it in the declared property; another
// name is a dynamic property.
func TestBodyProblemCaseFold(t *testing.T) {
	p := buildCollisions()
	g, err := newGenerator(p, Options{ModulePath: "m"})
	require.NoError(t, err)
	thing := p.Lookup(nsGraph + ".thing")
	require.True(t, thing.Open)
	for _, request := range []bool{true, false} {
		assert.Equal(t, "", g.bodyProblem(`{"displayName": "a", "dynamic": 1}`, thing.QualifiedName(), thing, false, request))
		assert.Equal(t, `property "DISPLAYNAME" differs from the declared property "displayName" only in letter case`,
			g.bodyProblem(`{"displayName": "a", "DISPLAYNAME": "b"}`, thing.QualifiedName(), thing, false, request))
		assert.Equal(t, `property "ID" differs from the declared property "id" only in letter case`,
			g.bodyProblem(`{"ID": "a"}`, thing.QualifiedName(), thing, false, request), "an inherited property")
	}
	// A bind of a name an open type does not declare still holds links.
	assert.Equal(t, "", g.bodyProblem(`{"dynamic@odata.bind": "a", "more@odata.bind": ["b"]}`, thing.QualifiedName(), thing, false, true))
	assert.Equal(t, `"dynamic@odata.bind" is neither a link (a non-empty string) nor an array of links`,
		g.bodyProblem(`{"dynamic@odata.bind": ["a", 1]}`, thing.QualifiedName(), thing, false, true))
}

// TestUntypedEdm: the runtime's odata.Untyped, which lets a collection hold
// null, names the Edm types the generated code keeps as raw JSON.
func TestUntypedEdm(t *testing.T) {
	for name := range edmTypes {
		assert.False(t, odata.Untyped(name), name)
	}
	for _, name := range []string{"Edm.Untyped", "Edm.GeographyPoint"} {
		assert.True(t, odata.Untyped(name), name)
		assert.Equal(t, untypedEdm, edmOf(name), name)
	}
	assert.False(t, odata.Untyped(nsGraph+".driveItem"))
}

// TestBodyProblemFormats: a request whose Edm.Guid, Edm.Date,
// Edm.TimeOfDay or Edm.Duration string is not of the type's form is
// refused by the handler (odata.Validate), so its example is skipped; a
// response holds such values in Go strings and keeps them as they are. A
// placeholder ("String (identifier)") is filled with a sample of the right
// form first.
func TestBodyProblemFormats(t *testing.T) {
	b := newIRBuilder()
	b.typ(nsGraph, "shift", ir.Entity, "resources/shift.md", "", "",
		prop("id", "Edm.Guid", ""), prop("day", "Edm.Date", ""), prop("at", "Edm.TimeOfDay", ""),
		prop("length", "Edm.Duration", ""), prop("ids", "Edm.Guid[]", ""))
	p := b.link()
	g, err := newGenerator(p, Options{ModulePath: "m"})
	require.NoError(t, err)
	shift := p.Lookup(nsGraph + ".shift")
	for body, want := range map[string]string{
		`{"id": "0B5E4A2C-1f3d-4e6a-9b8c-7d6e5f4a3b2c", "day": "2020-02-29", "at": "08:30", "length": "-P1DT2H0.5S", "ids": []}`: "",
		`{"id": "1"}`: `property "id" is "1", which is not a GUID, 8-4-4-4-12 hexadecimal digits`,
		`{"ids": ["{0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2c}"]}`: `element "ids[0]" is "{0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2c}", which is not a GUID, 8-4-4-4-12 hexadecimal digits`,
		`{"day": "2020-02-30"}`:                               `property "day" is "2020-02-30", which is not a date, YYYY-MM-DD`,
		`{"at": "8:30 AM"}`:                                   `property "at" is "8:30 AM", which is not a time of day, hh:mm[:ss[.fffffff]]`,
		`{"length": "P1M"}`:                                   `property "length" is "P1M", which is not an ISO 8601 duration in days, hours, minutes and seconds`,
		`{"length": 1}`:                                       `property "length" is not a string`,
	} {
		assert.Equal(t, want, g.bodyProblem(body, shift.QualifiedName(), shift, false, true), body)
		if want != "" && !strings.Contains(want, "not a string") {
			assert.Equal(t, "", g.bodyProblem(body, shift.QualifiedName(), shift, false, false), "a response: %s", body)
		}
	}
	filled, err := g.exampleBody(`{"id": "String (identifier)", "day": "Date", "at": "TimeOfDay", "length": "Duration", "ids": ["Guid"]}`, shift)
	require.NoError(t, err)
	assert.Equal(t, "", g.bodyProblem(filled, shift.QualifiedName(), shift, false, true), filled)
	// The samples FillPlaceholders puts in are of the validator's form.
	for name, e := range edmTypes {
		if s, ok := e.sample.(string); ok {
			assert.Equal(t, "", odata.FormatProblem(name, s), name)
		}
	}
}

// TestBodyProblemODataTypeSpelling: the example check refuses @odata.type
// in other letter case, as the handler does, and takes any @odata.type in
// a table's request struct, which names no type of the service.
func TestBodyProblemODataTypeSpelling(t *testing.T) {
	p := buildShapes()
	g, err := newGenerator(p, Options{ModulePath: "m"})
	require.NoError(t, err)
	_, err = g.routes(g.pkg["graph"]) // makes the request structs
	require.NoError(t, err)
	item := p.Lookup(nsGraph + ".driveItem")
	assert.Equal(t, `"@OData.Type" is @odata.type in other letter case`,
		g.bodyProblem(`{"@OData.Type": "#microsoft.graph.folder"}`, item.QualifiedName(), item, false, true))
	var copyReq *ir.Type
	for o, t := range g.requests {
		if o.Name == "CopyItem" {
			copyReq = t
		}
	}
	require.NotNil(t, copyReq)
	assert.Equal(t, "", g.bodyProblem(`{"@odata.type": "#microsoft.graph.driveItem", "name": "x"}`, copyReq.QualifiedName(), copyReq, false, true))
}
