package odata

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type base struct{}
type derived struct{}

func init() {
	Register([]Type{
		{Name: "test.kind", Enum: true},
		{Name: "test.base", Properties: []Property{
			{Name: "s", Type: "Edm.String"},
			{Name: "n", Type: "Edm.Int32"},
			{Name: "b", Type: "Edm.Byte"},
			{Name: "f", Type: "Edm.Single"},
			{Name: "t", Type: "Edm.DateTimeOffset"},
			{Name: "ok", Type: "Edm.Boolean"},
			{Name: "k", Type: "test.kind"},
			{Name: "any", Type: "Edm.Untyped"},
			{Name: "child", Type: "test.base"},
			{Name: "list", Type: "test.base", Collection: true},
			{Name: "tags", Type: "Edm.String", Collection: true},
			{Name: "kinds", Type: "test.kind", Collection: true},
			{Name: "raw", Type: "Edm.Untyped", Collection: true},
		}, GoType: (*base)(nil)},
		{Name: "test.derived", Ancestors: []string{"test.base"}, Properties: []Property{
			{Name: "s", Type: "Edm.String"}, {Name: "extra", Type: "Edm.String"},
		}, GoType: (*derived)(nil)},
		{Name: "test.open", Open: true, Properties: []Property{{Name: "s", Type: "Edm.String"}}},
		{Name: "test.valued", Properties: []Property{{Name: "value", Type: "Edm.String"}, {Name: "big", Type: "Edm.Int64"}}},
		{Name: "test.meter", Properties: []Property{
			{Name: "big", Type: "Edm.Int64"}, {Name: "d", Type: "Edm.Double"}, {Name: "f", Type: "Edm.Single"},
			{Name: "m", Type: "Edm.Decimal"}, {Name: "inner", Type: "test.meter"}, {Name: "list", Type: "test.meter", Collection: true},
			{Name: "s", Type: "Edm.String"}, {Name: "at", Type: "Edm.DateTimeOffset"},
		}},
		{Name: "test.shape", Abstract: true, Properties: []Property{{Name: "s", Type: "Edm.String"}}},
		{Name: "test.circle", Ancestors: []string{"test.shape"}, Properties: []Property{{Name: "s", Type: "Edm.String"}, {Name: "r", Type: "Edm.Double"}}},
		{Name: "test.UpdateThingRequest", Request: true, Properties: []Property{{Name: "s", Type: "Edm.String"}, {Name: "child", Type: "test.base"}}},
	})
}

// TestValidateODataTypeSpelling: @odata.type in other letter case, which
// encoding/json would take for it, is refused at any depth; a table's
// request struct takes any @odata.type, naming no type of the service, but
// what it holds is checked.
func TestValidateODataTypeSpelling(t *testing.T) {
	checkValidation(t, "test.base", map[string]string{
		`{"@ODATA.TYPE": "#test.derived"}`:                       `"@ODATA.TYPE" is @odata.type in other letter case: annotation names are case-sensitive`,
		`{"@odata.TYPE": 1, "@ODATA.type": 2, "@Odata.Type": 3}`: `"@ODATA.type" is @odata.type in other letter case`,
		`{"child": {"@odata.Type": "anything"}}`:                 `"child.@odata.Type" is @odata.type in other letter case`,
		`{"@odata.type": "#test.derived", "s": "x"}`:             "",
		`{"child@odata.bind": "a", "@odata.etag": "W/1"}`:        "",
	})
	checkValidation(t, "test.UpdateThingRequest", map[string]string{
		`{"CHILD@odata.bind": "a"}`:                           "", // parameters match regardless of case
		`{"nope@odata.bind": "a"}`:                            `"nope@odata.bind" binds "nope", which is not a parameter`,
		`{"@odata.type": "#microsoft.graph.thing", "s": "x"}`: "",
		`{"@odata.type": 1}`:                                  `"@odata.type" must be a string`,
		`{"s": "x", "child": {"@odata.type": "#test.shape"}}`: `property "child" has @odata.type "#test.shape", which is not test.base`,
		`{"@odata.type": "#x", "nope": 1}`:                    `unknown property "nope"`,
		// An action's parameters match regardless of case, and are checked.
		`{"S": "x", "CHILD": {"@odata.type": "#test.derived"}}`: "",
		`{"S": 1}`:              `property "S" must be a string`,
		`{"s": "x", "S": null}`: `parameter "S" is also sent as "s": parameters match regardless of case`,
		`{"child": null, "CHILD": null, "s": "x", "S": "y"}`: `parameter "CHILD" is also sent as "child"`,
	})
	checkValidation(t, "test.base", map[string]string{
		`{"S": "x"}`: `unknown property "S"`, // a type's properties do not
	})
	checkValidation(t, "test.open", map[string]string{
		`{"dynamic@odata.bind": "a", "more@odata.bind": ["b"]}`: "", // an open type's members are any
		`{"dynamic@odata.bind": 1}`:                             `"dynamic@odata.bind" must be a link (a non-empty string) or a JSON array of links`,
		`{"s@odata.bind": "a"}`:                                 `"s@odata.bind" binds s, which is of type Edm.String`,
	})
}

func decode(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v))
	return v
}

func TestValidate(t *testing.T) {
	checkValidation(t, "test.base", map[string]string{
		`{}`: "",
		`{"s": "x", "n": -2147483648, "b": 255, "f": 1.5, "t": "2020-01-01T00:00:00Z", "ok": false}`: "",
		`{"k": "anyNewMember", "any": {"x": [1]}, "child@odata.bind": "l", "@odata.etag": "e"}`:      "",
		// x@odata.bind links the property x: one link, or an array of them.
		`{"list@odata.bind": ["https://x/a", "b"], "child": {"child@odata.bind": "c"}}`: "",
		`{"nope@odata.bind": "a"}`:            `"nope@odata.bind" binds "nope", which is not a property of test.base`,
		`{"child": {"nope@odata.bind": "a"}}`: `"child.nope@odata.bind" binds "nope", which is not a property of test.base`,
		`{"child@odata.bind": ["a"]}`:         `"child@odata.bind" must be a link (a non-empty string): child is single-valued`,
		`{"child@odata.bind": ""}`:            `"child@odata.bind" must be a link (a non-empty string): child is single-valued`,
		`{"s@odata.bind": "a"}`:               `"s@odata.bind" binds s, which is of type Edm.String: only a relationship is bound`,
		`{"kinds@odata.bind": ["a"]}`:         `"kinds@odata.bind" binds kinds, which is of type test.kind: only a relationship is bound`,
		`{"list@odata.bind": "a"}`:            `"list@odata.bind" must be a JSON array of links: list is a collection`,
		`{"list@odata.bind": ["a", {}]}`:      `element "list@odata.bind[1]" must be a link (a non-empty string)`,
		`{"list@odata.bind": ["a", ""]}`:      `element "list@odata.bind[1]" must be a link (a non-empty string)`,
		`{"child": {"@odata.type": "#test.derived", "extra": "e"}, "list": [{"@odata.type": "test.derived"}]}`: "",
		// null clears a property, collections included; raw JSON holds a null element.
		`{"s": null, "child": null, "list": null, "tags": null, "kinds": null}`: "",
		`{"raw": [null, 1, "x"], "tags": [""], "kinds": ["file"]}`:              "",
		// A Go slice would hold a null element as "" or a zero struct.
		`{"tags": ["a", null]}`:                    `"tags[1]" is null: a collection of Edm.String holds no null elements`,
		`{"kinds": [null]}`:                        `"kinds[0]" is null: a collection of test.kind holds no null elements`,
		`{"list": [null, {}]}`:                     `"list[0]" is null: a collection of test.base holds no null elements`,
		`{"child": {"list": [{}, null]}}`:          `"child.list[1]" is null`,
		`{"list": [{"tags": ["a", null]}]}`:        `"list[0].tags[1]" is null`,
		`[]`:                                       "the request body must be a JSON object",
		`{"nope": 1}`:                              `unknown property "nope"`,
		`{"child": {"list": [{}, {"nope": 1}]}}`:   `unknown property "child.list[1].nope"`,
		`{"child": {"extra": "e"}}`:                `unknown property "child.extra"`,
		`{"@odata.type": "test.derived", "n": 1}`:  `unknown property "n"`,
		`{"child": {"@odata.type": "#test.kind"}}`: `property "child" has @odata.type "#test.kind", which is not test.base`,
		`{"@odata.type": "test.missing"}`:          `the request body has @odata.type "test.missing"`,
		`{"@odata.type": 1}`:                       `"@odata.type" must be a string`,
		`{"s": 1}`:                                 `property "s" must be a string`,
		`{"n": "1"}`:                               `property "n" must be an integer`,
		`{"n": 2147483648}`:                        `range of Edm.Int32`,
		`{"n": 1.0}`:                               `range of Edm.Int32`,
		`{"b": -1}`:                                `range of Edm.Byte`,
		`{"f": 1e39}`:                              `range of Edm.Single`,
		`{"ok": "true"}`:                           `property "ok" must be a boolean`,
		`{"t": "2020-01-01"}`:                      `must be an RFC 3339 date and time`,
		`{"t": "2020-01-01T00:00:00"}`:             `must be an RFC 3339 date and time`,
		`{"t": "2020-01-01T00:00:00,5Z"}`:          `must be an RFC 3339 date and time`,
		`{"t": "2020-01-01T24:00:00Z"}`:            `must be an RFC 3339 date and time`,
		`{"k": 1}`:                                 `property "k" must be a string`,
		`{"list": {}}`:                             `property "list" must be a JSON array`,
		`{"tags": ["a", 1]}`:                       `element "tags[1]" must be a string`,
		`{"child": []}`:                            `property "child" must be a JSON object`,
	})
	assert.NoError(t, Validate(decode(t, `{"s": "x", "dynamic": true}`), "test.open", false))
	// A dynamic property is not a declared one in other case, which Go's
	// decoding would put in the declared property's field.
	for _, body := range []string{`{"S": "y"}`, `{"s": "x", "S": "y"}`} {
		err := Validate(decode(t, body), "test.open", false)
		var ve *ValidationError
		require.True(t, errors.As(err, &ve), "%s: %v", body, err)
		assert.Equal(t, `property "S" differs from the declared property "s" only in letter case`, ve.Message, body)
		assert.Equal(t, "S", ve.Path, body)
	}
	// A value of an abstract type names the derived type it is.
	assert.NoError(t, Validate(decode(t, `{"@odata.type": "#test.circle", "r": 1}`), "test.shape", false))
	assert.ErrorContains(t, Validate(decode(t, `{"s": "x"}`), "test.shape", false), "abstract type test.shape")
	assert.ErrorContains(t, Validate(decode(t, `{"@odata.type": "#test.shape"}`), "test.shape", false), "which is abstract")
	// A PATCH changes an object that has its type: the abstract type's own
	// properties may go without one, a derived type's need it named.
	assert.NoError(t, validatePatch(decode(t, `{"s": "x"}`), "test.shape", false))
	assert.ErrorContains(t, validatePatch(decode(t, `{"r": 1}`), "test.shape", false), `unknown property "r"`)
	assert.NoError(t, validatePatch(decode(t, `{"@odata.type": "#test.circle", "r": 1}`), "test.shape", false))
	assert.ErrorContains(t, validatePatch(decode(t, `{"@odata.type": "#test.shape"}`), "test.shape", false), "which is abstract")
	assert.ErrorContains(t, validatePatch(decode(t, `{"s": 1}`), "test.shape", false), "string")
	assert.True(t, Lookup("test.shape").Abstract, "the registered type is left as it was")
	assert.NoError(t, Validate(decode(t, `[{}, {"s": "x"}]`), "test.base", true))
	// A collection body holds no null element either.
	assert.ErrorContains(t, Validate(decode(t, `[{}, null]`), "test.base", true), `"[1]" is null: a collection of test.base`)
	assert.ErrorContains(t, Validate(decode(t, `["a", null]`), "Edm.String", true), `"[1]" is null: a collection of Edm.String`)
	assert.NoError(t, Validate(decode(t, `[null]`), "Edm.Untyped", true))

	err := Validate(decode(t, `{}`), "test.unregistered", false)
	require.Error(t, err)
	assert.False(t, errors.As(err, new(*ValidationError)), "a missing schema is not the client's fault")
}

func TestDuplicateKey(t *testing.T) {
	many := func(last string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range 40 {
			fmt.Fprintf(&b, `"k%d": %d, `, i, i)
		}
		return b.String() + `"` + last + `": 0}`
	}
	for body, want := range map[string]string{
		`{"displayName": "a", "displayName": "b"}`:                   "displayName",
		`{"child": {"s": "a", "n": 1, "s": "b"}}`:                    "child.s",
		`{"list": [{}, {"s": "a", "list": [{"n": 1, "n": 1}]}]}`:     "list[1].list[0].n",
		`[{"a": 1}, {"a": 1, "a": 2}]`:                               "[1].a",
		`{"@odata.type": "#a", "s": "x", "@odata.type": "#b"}`:       "@odata.type",
		`{"x@odata.bind": "a", "x@odata.bind": "b"}`:                 "x@odata.bind",
		`{"a": {"b": {"c": 1}}, "a": 2}`:                             "a",
		`{"a": 1, "\u0061": 2}`:                                      "a",
		`{"é": 1, "\u00e9": 2}`:                                      "é",
		"{\"\xff\": 1, \"\xfe\": 2}":                                 "\ufffd", // encoding/json decodes both to U+FFFD
		many("k7"):                                                   "k7",     // past dupLinear, in a map
		many("k39"):                                                  "k39",
		many("k40"):                                                  "",
		`{"a": 1, "A": 2, "b": {"a": 1}, "c": [{"a": 1}, {"a": 1}]}`: "",
		`{"s": "{\"s\": 1, \"s\": 2}", "t": "\"s\": 3"}`:             "",
		`{"a": [1, true, null, "x", {"a": 1}, []], "b": -1.5e3}`:     "",
		`"x"`:                             "",
		` [ { "a" : 1 } , { "a" : 1 } ] `: "",
		`{"a@odata.type": "#x", "a": {}, "@odata.type": "#y", "b": []}`: "",
	} {
		require.True(t, json.Valid([]byte(body)), body)
		path, found := DuplicateKey([]byte(body))
		assert.Equal(t, want, path, body)
		assert.Equal(t, want != "", found, body)
	}
	// Malformed input, which ReadBody never passes, ends the scan.
	for _, body := range []string{``, `{`, `[`, `{"a"`, `{"a":`, `{"a" 1}`, `[}`, `{]`, `[1 2]`, `{"a\`, `"`, `{"a": 1,, "a": 2}`, `{1: 2}`} {
		assert.NotPanics(t, func() { DuplicateKey([]byte(body)) }, body)
	}
}

func TestRegistry(t *testing.T) {
	assert.IsType(t, new(derived), New("test.derived"))
	assert.Nil(t, New("test.kind"))
	assert.Nil(t, New("test.missing"))
	assert.True(t, Lookup("test.derived").DerivesFrom("test.base"))
	assert.False(t, Lookup("test.base").DerivesFrom("test.derived"))
	assert.Panics(t, func() { Register([]Type{{Name: "test.base"}}) })
}

func TestJSONCompare(t *testing.T) {
	assert.NoError(t, JSONEqual([]byte(`{"@odata.context": "c", "value": [{"a": 1, "b@odata.type": "x"}]}`), []byte(`{"value": [{"a": 1}]}`)), "control information is not compared")
	assert.ErrorContains(t, JSONEqual([]byte(`{"@odata.type": "#x"}`), []byte(`{}`)), "$.@odata.type: missing")
	assert.NoError(t, JSONEqual([]byte(`{"a": null, "b": "", "c": [], "t": "2020-01-01T00:00:00.0000000Z"}`), []byte(`{"t": "2020-01-01T00:00:00Z"}`)), "what omitempty leaves out, and date and times as instants")
	assert.ErrorContains(t, JSONEqual([]byte(`{"a": false}`), []byte(`{}`)), "$.a: missing")
	assert.NoError(t, JSONEqual([]byte(`{"r": 4.666666666666667}`), []byte(`{"r": 4.6666665}`)), "an Edm.Single keeps float32 precision")
	assert.ErrorContains(t, JSONEqual([]byte(`{"r": 4.66}`), []byte(`{"r": 4.67}`)), "$.r: want 4.66")
	assert.ErrorContains(t, JSONEqual([]byte(`{"n": 9007199254740993}`), []byte(`{"n": 9007199254740992}`)), "$.n: want 9007199254740993", "an Int64 compares digit for digit")
	single, err := json.Marshal(struct {
		R float32 `json:"r"`
	}{123456789})
	require.NoError(t, err)
	assert.NoError(t, JSONEqual([]byte(`{"r": 123456789}`), single), "an Edm.Single integer, as Go writes the float32: %s", single)
	assert.ErrorContains(t, JSONEqual([]byte(`{"n": 123456789}`), []byte(`{"n": 123456792}`)), "$.n: want 123456789", "an integer through a float32, written as a float64")
	assert.ErrorContains(t, JSONEqual([]byte(`{"r": 1.1}`), []byte(`{"r": 1.100000023841858}`)), "$.r: want 1.1", "a Double that went through a float32")
	assert.ErrorContains(t, JSONEqual([]byte(`{"r": 0.1}`), []byte(`{"r": 0.10000000149011612}`)), "$.r: want 0.1")
	assert.NoError(t, JSONEqual([]byte(`{"r": 1e-7, "s": 2.5e3}`), []byte(`{"r": 1e-7, "s": 2500}`)))
	assert.ErrorContains(t, JSONEqual([]byte(`{"t": "2020-01-01T08:30:00+02:00"}`), []byte(`{"t": "2020-01-01T06:30:00Z"}`)), "$.t: want", "the offset is kept")
	assert.NoError(t, JSONEqual([]byte(`{"t": "2020-01-01T08:30:00.000+02:00"}`), []byte(`{"t": "2020-01-01T08:30:00+02:00"}`)))
	assert.ErrorContains(t, JSONEqual([]byte(`{"t": "2020-01-01T00:00:00Z"}`), []byte(`{"t": "2020-01-01T00:00:01Z"}`)), "$.t: want")
	assert.NoError(t, JSONSubset([]byte(`{"a": [1, {"b": "x"}]}`), []byte(`{"a": [1.0, {"b": "x", "c": 2}], "d": null}`)))
	assert.ErrorContains(t, JSONSubset([]byte(`{"a": {"b": 1}}`), []byte(`{"a": {}}`)), "$.a.b: missing")
	assert.ErrorContains(t, JSONSubset([]byte(`{"a": [1, 2]}`), []byte(`{"a": [1]}`)), "want 2 elements")
	assert.ErrorContains(t, JSONSubset([]byte(`{"a": "1"}`), []byte(`{"a": 1}`)), `$.a: want "1", got 1`)
	assert.ErrorContains(t, JSONSubset([]byte(`{`), []byte(`{}`)), "expected JSON")

	assert.NoError(t, JSONEqual([]byte(`{"a": {"b": 1}}`), []byte(`{"@odata.type": "#t", "a": {"b": 1, "@odata.type": "#u"}}`)))
	assert.NoError(t, JSONEqual([]byte(`{"@odata.type": "a.b"}`), []byte(`{"@odata.type": "#a.b"}`)), "a type name with or without its '#'")
	assert.ErrorContains(t, JSONEqual([]byte(`{"@odata.type": "a.b"}`), []byte(`{"@odata.type": "#a.c"}`)), "$.@odata.type")
	assert.ErrorContains(t, JSONEqual([]byte(`{"a": 1}`), []byte(`{"a": 1, "b": 2}`)), "$.b: unexpected")
	assert.NoError(t, JSONEqual([]byte(`{"n": 1e400}`), []byte(`{"n": 1e400}`)), "the same text, beyond a float64's range")
}

// TestJSONCompareAs: knowing the type, numbers compare as its properties
// hold them: an Int64 or a Double that went through a float32 is a
// difference even when written as Go writes a float32, a Single is not;
// nested values, collection elements and {"value": [...]} answers alike.
func TestJSONCompareAs(t *testing.T) {
	for _, c := range []struct{ want, got, fail string }{
		{`{"big": 9007199254740993}`, `{"big": 9007199000000000}`, "$.big"},
		{`{"big": 1.0}`, `{"big": 1}`, ""},
		{`{"d": 3.141592653589793}`, `{"d": 3.1415927}`, "$.d"},
		{`{"d": 0.30000000000000004}`, `{"d": 0.3}`, "$.d"},
		{`{"f": 123456789}`, `{"f": 123456790}`, ""},
		{`{"f": 3.141592653589793}`, `{"f": 3.1415927}`, ""},
		{`{"m": 1.10}`, `{"m": 1.1}`, ""},
		{`{"m": 1.1}`, `{"m": 1.1000001}`, "$.m"},
		{`{"inner": {"big": 16777217}}`, `{"inner": {"big": 16777216}}`, "$.inner.big"},
		{`{"list": [{"d": 0.1}]}`, `{"list": [{"d": 0.10000000149011612}]}`, "$.list[0].d"},
		// A String is kept as written, even one that reads as a time.
		{`{"s": "2020-01-01T00:00:00Z"}`, `{"s": "2020-01-01T00:00:00.000Z"}`, "$.s"},
		{`{"at": "2020-01-01T00:00:00Z"}`, `{"at": "2020-01-01T00:00:00.000Z"}`, ""},
		{`{"d": 1e400}`, `{"d": 1e400}`, ""},
		{`{"d": 1e400}`, `{"d": 2e400}`, "$.d"},
	} {
		err := JSONEqualAs("test.meter", []byte(c.want), []byte(c.got))
		if c.fail == "" {
			assert.NoError(t, err, c.want)
		} else {
			assert.ErrorContains(t, err, c.fail, c.want)
		}
		assert.Equal(t, err == nil, JSONSubsetAs("test.meter", []byte(c.want), []byte(c.got)) == nil, c.want)
	}
	assert.ErrorContains(t, JSONEqualAs("Edm.Int64", []byte(`{"value": 9007199254740993}`), []byte(`{"value": 9007199000000000}`)), "$.value")
	collection := "Collection(test.meter)"
	assert.ErrorContains(t, JSONEqualAs(collection, []byte(`{"value": [{"big": 9007199254740993}]}`), []byte(`{"value": [{"big": 9007199000000000}]}`)), "$.value[0].big")
	assert.NoError(t, JSONEqualAs(collection, []byte(`{"value": [{"f": 123456789}]}`), []byte(`{"value": [{"f": 123456790}]}`)))
	// A type with a property named value: the answer of a collection of it
	// still holds the collection there.
	assert.ErrorContains(t, JSONEqualAs("Collection(test.valued)", []byte(`{"value": [{"big": 9007199254740993}]}`), []byte(`{"value": [{"big": 9007199000000000}]}`)), "$.value[0].big")
	assert.NoError(t, JSONEqualAs("test.valued", []byte(`{"value": "a", "big": 1}`), []byte(`{"value": "a", "big": 1}`)))
	assert.NoError(t, JSONEqualAs("microsoft.graph.unknown", []byte(`{"x": 123456789}`), []byte(`{"x": 123456790}`)), "an unknown type: as JSONEqual")
	// An action's parameters match regardless of case, as the handler
	// takes them; a type's properties do not.
	assert.NoError(t, JSONEqualAs("test.UpdateThingRequest", []byte(`{"S": "x"}`), []byte(`{"s": "x"}`)))
	assert.ErrorContains(t, JSONEqualAs("test.UpdateThingRequest", []byte(`{"S": "x"}`), []byte(`{"s": "y"}`)), "$.S")
	assert.ErrorContains(t, JSONEqualAs("test.UpdateThingRequest", []byte(`{"S": "2020-01-01T00:00:00Z"}`), []byte(`{"s": "2020-01-01T00:00:00.000Z"}`)), "$.S", "compared as the String it is")
	assert.ErrorContains(t, JSONEqualAs("test.base", []byte(`{"S": "x"}`), []byte(`{"s": "x"}`)), "$.S: missing")
	// A type name sent with an action's parameters is nothing their struct
	// keeps; a type's own is compared.
	assert.NoError(t, JSONEqualAs("test.UpdateThingRequest", []byte(`{"@odata.type": "#x", "s": "a"}`), []byte(`{"s": "a"}`)))
	assert.ErrorContains(t, JSONEqualAs("test.base", []byte(`{"@odata.type": "#test.base", "s": "a"}`), []byte(`{"s": "a"}`)), "$.@odata.type: missing")
}

func TestODataType(t *testing.T) {
	for raw, want := range map[string]string{
		`{"@odata.type": "#a.b"}`: "a.b", `{"@odata.type": "a.b"}`: "a.b", `{}`: "", `{"@odata.type": null}`: "",
		`{"@ODATA.TYPE": "#x"}`: "",
	} {
		got, err := ODataType([]byte(raw))
		require.NoError(t, err)
		assert.Equal(t, want, got, raw)
	}
	_, err := ODataType([]byte(`{"@odata.type": 1}`))
	assert.Error(t, err)
	assert.True(t, IsNull(nil))
	assert.True(t, IsNull([]byte(" null ")))
	assert.False(t, IsNull([]byte("{}")))
}

func errorBodyOf(t *testing.T, rec *httptest.ResponseRecorder) errorDetail {
	t.Helper()
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"), "an error quotes what the client sent")
	var b errorBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &b))
	assert.NotEmpty(t, b.Error.Code)
	return b.Error
}

func TestWriteError(t *testing.T) {
	rec := httptest.NewRecorder()
	WriteError(rec, 200, "", "")
	assert.Equal(t, 500, rec.Code)
	assert.Equal(t, errorDetail{Code: "internalServerError", Message: "Internal Server Error"}, errorBodyOf(t, rec))

	rec = httptest.NewRecorder()
	WriteError(rec, 404, "", "gone")
	assert.Equal(t, errorDetail{Code: "notFound", Message: "gone"}, errorBodyOf(t, rec))

	// A status net/http has no text for still gets a message.
	rec = httptest.NewRecorder()
	WriteError(rec, 599, "", "")
	assert.Equal(t, 599, rec.Code)
	assert.Equal(t, errorDetail{Code: "internalServerError", Message: "The request failed with status 599."}, errorBodyOf(t, rec))

	rec = httptest.NewRecorder()
	WriteServiceError(rec, errors.New("secret"))
	assert.Equal(t, 500, rec.Code)
	assert.NotContains(t, rec.Body.String(), "secret")

	rec = httptest.NewRecorder()
	MethodNotAllowed("POST", "GET").ServeHTTP(rec, httptest.NewRequest("PUT", "/x", nil))
	assert.Equal(t, 405, rec.Code)
	assert.Equal(t, "GET, HEAD, POST", rec.Header().Get("Allow"))
	assert.Equal(t, "methodNotAllowed", errorBodyOf(t, rec).Code)

	rec = httptest.NewRecorder()
	WriteJSON(rec, 200, func() {})
	assert.Equal(t, 500, rec.Code, "an unencodable value is a clean 500")
}

func TestReadBody(t *testing.T) {
	read := func(ct, body string, limit int64) (*httptest.ResponseRecorder, []byte, bool) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		data, ok := ReadBody(rec, r, limit, "test.base", false)
		return rec, data, ok
	}
	_, data, ok := read("Application/JSON; charset=utf-8", ` {"s": "x"} `, 100)
	assert.True(t, ok)
	assert.Equal(t, ` {"s": "x"} `, string(data))
	_, _, ok = read("application/json;charset=UTF8;odata.metadata=minimal", `{"s": "café"}`, 100)
	assert.True(t, ok)
	deep := strings.Repeat(`{"child":`, MaxDepth-1) + `{"s": "{[\"{"}` + strings.Repeat(`}`, MaxDepth-1)
	_, _, ok = read("application/json", deep, 1<<20)
	assert.True(t, ok, "MaxDepth deep, brackets in strings not counted")
	rec, _, ok := read("application/json", strings.Repeat(`{"child":`, MaxDepth)+`{}`+strings.Repeat(`}`, MaxDepth), 1<<20)
	assert.False(t, ok)
	assert.Equal(t, errorDetail{Code: "badRequest", Message: "the request body nests objects and arrays more than 32 deep"}, errorBodyOf(t, rec))

	for _, c := range []struct {
		ct, body string
		status   int
		code     string
	}{
		{"application/xml", `{}`, 415, "unsupportedMediaType"},
		{"", `{}`, 415, "unsupportedMediaType"},
		{"application/json", `{"s": "` + strings.Repeat("x", 200) + `"}`, 413, "requestEntityTooLarge"},
		{"application/json", `  `, 400, "badRequest"},
		{"application/json", `null`, 400, "badRequest"},
		{"application/json", `{"s": }`, 400, "badRequest"},
		{"application/json", `{} []`, 400, "badRequest"},
		{"application/json", `{"s": 1}`, 400, "badRequest"},
		// JSON is UTF-8: another charset, or bytes that are not UTF-8.
		{"application/json; charset=latin1", `{}`, 415, "unsupportedMediaType"},
		{"application/json", "{\"s\": \"caf\xe9\"}", 400, "badRequest"},
	} {
		rec, _, ok := read(c.ct, c.body, 100)
		assert.False(t, ok, c.body)
		assert.Equal(t, c.status, rec.Code, c.body)
		assert.Equal(t, c.code, errorBodyOf(t, rec).Code, c.body)
	}

	// A repeated name is refused, though it decodes; so is a null element.
	for body, want := range map[string]string{
		`{"s": "a", "s": "b"}`:                                          `"s" appears twice in the request body`,
		`{"list": [{"s": "a"}, {"k": "x", "k": "x"}]}`:                  `"list[1].k" appears twice in the request body`,
		`{"@odata.type": "#test.base", "@odata.type": "#test.derived"}`: `"@odata.type" appears twice in the request body`,
		`{"tags": [null]}`:                                              `"tags[0]" is null: a collection of Edm.String holds no null elements`,
	} {
		rec, _, ok := read("application/json", body, 1000)
		assert.False(t, ok, body)
		assert.Equal(t, http.StatusBadRequest, rec.Code, body)
		assert.Equal(t, errorDetail{Code: "badRequest", Message: want}, errorBodyOf(t, rec), body)
	}
	_, _, ok = read("application/json", `{"s": null, "tags": ["a"], "list": [{"s": "a"}, {"s": "a"}]}`, 1000)
	assert.True(t, ok, "null properties and a name repeated in other objects are fine")

	// Objects are counted before anything is decoded: one per KiB of the
	// limit (1,200 for 1,200 KiB), and no fewer than 1,024 whatever it.
	assert.Equal(t, 1200, MaxObjects(1200<<10))
	assert.Equal(t, 1024, MaxObjects(100))
	assert.Equal(t, 4096, MaxObjects(DefaultMaxBodyBytes))
	list := func(n int) string { return `{"list": [` + strings.Repeat(`{},`, n-1) + `{}]}` }
	_, _, ok = read("application/json", list(1199), 1200<<10)
	assert.True(t, ok, "1,200 objects with the outer one")
	rec, _, ok = read("application/json", list(1200), 1200<<10)
	assert.False(t, ok)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	assert.Equal(t, errorDetail{Code: "requestEntityTooLarge", Message: "the request body holds more than 1200 objects"}, errorBodyOf(t, rec))
	// And values of any kind: one per 16 bytes of the limit, at least 16,384.
	assert.Equal(t, 16384, MaxValues(100))
	assert.Equal(t, 262144, MaxValues(DefaultMaxBodyBytes))
	tags := func(n int) string { return `{"tags": [` + strings.Repeat(`"a",`, n-1) + `"a"]}` }
	_, _, ok = read("application/json", tags(16382), 1<<18)
	assert.True(t, ok, "16,384 values with the object and its array")
	rec, _, ok = read("application/json", tags(16383), 1<<18)
	assert.False(t, ok)
	assert.Equal(t, errorDetail{Code: "requestEntityTooLarge", Message: "the request body holds more than 16384 values"}, errorBodyOf(t, rec))

	// A body that is not JSON is malformed, whatever the scan would make
	// of it: not a repeated name, too deep a nesting or too many objects.
	for body, want := range map[string]string{
		`{"s": "a", "s": "b"`:                  "malformed JSON in the request body: unexpected end of JSON input (at byte 19)",
		`{"s": "a", "s": "b"} xyz`:             "malformed JSON in the request body: invalid character 'x' after top-level value (at byte 22)",
		`[` + strings.Repeat(`{,`, 1100) + `]`: "malformed JSON in the request body: invalid character ',' looking for beginning of object key string (at byte 3)",
		strings.Repeat(`[`, MaxDepth+8):        "malformed JSON in the request body: unexpected end of JSON input (at byte 40)",
		`{"s": "a",}`:                          "malformed JSON in the request body: invalid character '}' looking for beginning of object key string (at byte 11)",
		// Deeper than encoding/json reads is JSON still, and too deep.
		strings.Repeat(`[`, 10001) + strings.Repeat(`]`, 10001): "the request body nests objects and arrays more than 32 deep",
	} {
		rec, _, ok := read("application/json", body, 100000)
		assert.False(t, ok, body)
		assert.Equal(t, http.StatusBadRequest, rec.Code, body)
		assert.Equal(t, errorDetail{Code: "badRequest", Message: want}, errorBodyOf(t, rec), body)
	}
}

func TestNotFound(t *testing.T) {
	rec := httptest.NewRecorder()
	NotFound().ServeHTTP(rec, httptest.NewRequest("GET", "/a/b", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.True(t, bytes.Contains(rec.Body.Bytes(), []byte("/a/b")))
}

func TestDynamicProperties(t *testing.T) {
	out, err := AddProperties([]byte(`{"a":1}`), map[string]json.RawMessage{"z": json.RawMessage(`2`), "b": json.RawMessage(`"x"`), "a": json.RawMessage(`3`)})
	require.NoError(t, err)
	assert.Equal(t, `{"a":1,"b":"x","z":2}`, string(out))
	out, err = AddProperties([]byte(`{}`), map[string]json.RawMessage{"b": json.RawMessage(`null`)})
	require.NoError(t, err)
	assert.Equal(t, `{"b":null}`, string(out))
	_, err = AddProperties([]byte(`{}`), map[string]json.RawMessage{"b": json.RawMessage(`{`)})
	assert.Error(t, err)
}

func TestCanonicalPath(t *testing.T) {
	for in, want := range map[string]string{
		"/a/b":                          "/a/b",
		"/a/b%2Fc/d%20e":                "/a/b%2Fc/d e",
		"/r/f(p=%27D7%27)":              "/r/f(p='D7')",
		"/x/100%25":                     "/x/100%25",
		"/x/%E2%82%AC":                  "/x/€",
		"/reports/getX(period='{p}')/y": "/reports/getX(period='{p}')/y",
	} {
		u, err := url.Parse(in)
		require.NoError(t, err)
		assert.Equal(t, want, CanonicalPath(u), in)
	}
	assert.Equal(t, "a/b", unescapeValue("a%2Fb"))
	assert.Equal(t, "100%2F", unescapeValue("100%252F"))
}

// testHandler is the handler type of the router tests: it records calls.
type testHandler struct {
	op             string
	values         []string
	query, pattern string // from RequestFrom
}

func record(op string) func(*testHandler, http.ResponseWriter, *http.Request, []string) {
	return func(h *testHandler, w http.ResponseWriter, r *http.Request, values []string) {
		h.op, h.values = op, values
		if got := RequestFrom(r.Context()); got != nil {
			h.query, h.pattern = got.URL.Query().Get("$top"), got.Pattern
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func TestNewServeMux(t *testing.T) {
	h := &testHandler{}
	mux := NewServeMux(h, []Route[*testHandler]{
		{Pattern: "GET /users/{id}", Params: []string{"id"}, Serve: record("GetUser")},
		{Pattern: "GET /users/{id}/messages", Params: []string{"id"}, Serve: record("ListMessages")},
		{Expr: `^/things/(?P<id>[^/]+)$`, Allow: []string{"GET"}},
		{Method: "GET", Expr: `^/reports/get\(period='(?P<p>[^/]+)'\)$`, Allow: []string{"GET"}, Params: []string{"p"}, Serve: record("GetReport")},
		{Method: "GET", Expr: `^/root:/(?P<path>.+):/content$`, Allow: []string{"GET", "PUT"}, Params: []string{"path"}, Serve: record("GetContent")},
		{Method: "PUT", Expr: `^/root:/(?P<path>.+):/content$`, Allow: []string{"GET", "PUT"}, Params: []string{"path"}, Serve: record("PutContent")},
		{Expr: `^/users/delta$`, Allow: []string{"GET"}},
	}, []Path{{Pattern: "/users/{id}", Allow: []string{"GET"}}, {Pattern: "/users/{id}/messages", Allow: []string{"GET"}}})
	for _, c := range []struct {
		method, target string
		status         int
		op             string
		values         []string
		allow          string
	}{
		{"GET", "/users/u%2F1", 204, "GetUser", []string{"u/1"}, ""},
		{"GET", "/reports/get(period='D7')", 204, "GetReport", []string{"D7"}, ""},
		{"HEAD", "/reports/get(period=%27D%2F7%27)", 204, "GetReport", []string{"D/7"}, ""},
		{"PUT", "/root:/a/b%20c.txt:/content", 204, "PutContent", []string{"a/b c.txt"}, ""},
		{"POST", "/reports/get(period='D7')", 405, "", nil, "GET, HEAD"},
		{"POST", "/users/u1", 405, "", nil, "GET, HEAD"},
		{"DELETE", "/root:/a:/content", 405, "", nil, "GET, HEAD, PUT"},
		{"GET", "/reports/get(period=)", 404, "", nil, ""},
		{"GET", "/nowhere", 404, "", nil, ""},
		{"GET", "/users//u1", 404, "", nil, ""},
		{"GET", "/users/u1/../u2", 404, "", nil, ""},
		{"GET", "/users/./u1", 404, "", nil, ""},
		{"GET", "/users/%2E%2e", 404, "", nil, ""},
		// An escaped slash belongs to its segment's value, whatever is
		// around it.
		{"GET", "/users/a%2F%2Fb", 204, "GetUser", []string{"a//b"}, ""},
		{"GET", "/users/a%2F.", 204, "GetUser", []string{"a/."}, ""},
		{"GET", "/users/%2F", 204, "GetUser", []string{"/"}, ""},
		{"GET", "/users/%2f/messages", 204, "ListMessages", []string{"/"}, ""},
		// A route that allows the method but did not take the request is
		// no 405 naming that method as allowed.
		{"GET", "/things/x", 404, "", nil, ""},
		{"POST", "/things/x", 405, "", nil, "GET, HEAD"},
	} {
		*h = testHandler{}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(c.method, c.target, nil))
		assert.Equal(t, c.status, rec.Code, "%s %s: %s", c.method, c.target, rec.Body.String())
		assert.Equal(t, c.op, h.op, c.target)
		assert.Equal(t, c.values, h.values, c.target)
		assert.Equal(t, c.allow, rec.Header().Get("Allow"), c.target)
		if c.status >= 400 {
			assert.Contains(t, rec.Body.String(), `{"error":{"code":`)
		}
	}

	// A Service method finds the request it serves in its context.
	*h = testHandler{}
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/u1?$top=5", nil))
	assert.Equal(t, "5", h.query)
	assert.Equal(t, "GET /users/{id}", h.pattern)
	*h = testHandler{}
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/reports/get(period='D7')?$top=2", nil))
	assert.Equal(t, "2", h.query, "a route matched by expression too")
	assert.Nil(t, RequestFrom(context.Background()))
}

func TestWriteResults(t *testing.T) {
	type thing struct {
		ODataType string `json:"@odata.type,omitempty"`
		ID        string `json:"id,omitempty"`
	}
	rec := httptest.NewRecorder()
	WriteEntity(rec, 201, &thing{ID: "1"}, nil, "#test.thing")
	assert.Equal(t, 201, rec.Code)
	assert.JSONEq(t, `{"@odata.type": "#test.thing", "id": "1"}`, rec.Body.String())

	rec = httptest.NewRecorder()
	WriteEntity(rec, 200, &thing{}, nil, "#test.thing")
	assert.JSONEq(t, `{"@odata.type": "#test.thing"}`, rec.Body.String())

	rec = httptest.NewRecorder()
	WriteEntity(rec, 200, &thing{ODataType: "#test.derived"}, nil, "#test.thing")
	assert.JSONEq(t, `{"@odata.type": "#test.derived"}`, rec.Body.String(), "a set type is kept")

	// A type name a client sent without its '#' is answered with it, at any
	// depth, but text in a string value is left alone.
	type holder struct {
		Value thing  `json:"value"`
		List  []any  `json:"list"`
		Note  string `json:"note"`
	}
	rec = httptest.NewRecorder()
	WriteEntity(rec, 200, &holder{Value: thing{ODataType: "test.derived"}, List: []any{thing{ODataType: "test.base"}, json.RawMessage(`{"@odata.type": "opaque.v1"}`)}, Note: `"@odata.type":"x"`}, nil, "")
	assert.JSONEq(t, `{"value": {"@odata.type": "#test.derived"}, "list": [{"@odata.type": "#test.base"}, {"@odata.type": "opaque.v1"}], "note": "\"@odata.type\":\"x\""}`, rec.Body.String(),
		"a name the schema does not have, in untyped JSON, is left as it is")
	rec = httptest.NewRecorder()
	WriteValue(rec, 200, []thing{{ODataType: "test.base"}, {ODataType: "#test.base"}}, nil, true)
	assert.JSONEq(t, `{"value": [{"@odata.type": "#test.base"}, {"@odata.type": "#test.base"}]}`, rec.Body.String())
	assert.Equal(t, `{"a":1}`, string(hashTypeNames([]byte(`{"a":1}`))))
	assert.Equal(t, `{"k\"@odata.type":"test.base"}`, string(hashTypeNames([]byte(`{"k\"@odata.type":"test.base"}`))), "a member named k\"@odata.type is no annotation")
	assert.Equal(t, `{"k\\":1,"@odata.type":"#test.base"}`, string(hashTypeNames([]byte(`{"k\\":1,"@odata.type":"test.base"}`))))
	rec = httptest.NewRecorder()
	WriteEntity(rec, 200, json.RawMessage(`{"@odata.type":"test.base","x":{"@odata.type":"opaque.v1"}}`), nil, "")
	assert.Equal(t, `{"@odata.type":"#test.base","x":{"@odata.type":"opaque.v1"}}`, rec.Body.String(), "raw JSON as other answers: names of the service's types get their '#'")
	assert.Equal(t, `{"@odata.type":""}`, string(hashTypeNames([]byte(`{"@odata.type":""}`))), "an empty name stays empty")

	rec = httptest.NewRecorder()
	var none *thing
	WriteEntity(rec, 200, none, nil, "#test.thing")
	assert.Equal(t, 500, rec.Code, "a nil result is a server error")

	rec = httptest.NewRecorder()
	WriteEntity(rec, 200, none, &testStatusError{}, "")
	assert.Equal(t, 404, rec.Code)

	rec = httptest.NewRecorder()
	var list []thing
	WriteValue(rec, 200, list, nil, true)
	assert.JSONEq(t, `{"value": []}`, rec.Body.String())

	rec = httptest.NewRecorder()
	WriteValue(rec, 200, "folder", nil, false)
	assert.JSONEq(t, `{"value": "folder"}`, rec.Body.String())

	rec = httptest.NewRecorder()
	WriteNoContent(rec, 204, nil)
	assert.Equal(t, 204, rec.Code)
	assert.Empty(t, rec.Body.String())

	rec = httptest.NewRecorder()
	WriteRedirect(rec, 302, "https://download.example.com/r.csv", nil)
	assert.Equal(t, 302, rec.Code)
	assert.Equal(t, "https://download.example.com/r.csv", rec.Header().Get("Location"))
	assert.Empty(t, rec.Body.String())

	rec = httptest.NewRecorder()
	WriteRedirect(rec, 302, "", nil)
	assert.Equal(t, 500, rec.Code, "a redirect to nowhere is a server error")
	assert.Empty(t, rec.Header().Get("Location"))

	rec = httptest.NewRecorder()
	WriteRedirect(rec, 302, "https://x", &testStatusError{})
	assert.Equal(t, 404, rec.Code)
	assert.Empty(t, rec.Header().Get("Location"))
}

type testStatusError struct{}

func (*testStatusError) Error() string { return "not found" }
func (*testStatusError) GraphError() (int, string, string) {
	return http.StatusNotFound, "itemNotFound", "no such item"
}

// TestBodyODataType: the body's @odata.type is read as written (type names
// are case-sensitive, as the validator reads them) and the body put back for
// the handler that serves the request.
func TestBodyODataType(t *testing.T) {
	req := httptest.NewRequest("POST", "/x", strings.NewReader(`{"@odata.type": "#Microsoft.Graph.Folder", "a": 1}`))
	req.Header.Set("Content-Type", "application/json")
	name, ok := BodyODataType(httptest.NewRecorder(), req, 1<<10)
	require.True(t, ok)
	assert.Equal(t, "Microsoft.Graph.Folder", name)

	// Not JSON: not read (no 413 before the 415 the operation answers).
	big := httptest.NewRequest("POST", "/x", strings.NewReader(strings.Repeat("x", 2<<10)))
	big.Header.Set("Content-Type", "text/plain")
	rec := httptest.NewRecorder()
	name, ok = BodyODataType(rec, big, 1<<10)
	assert.True(t, ok)
	assert.Empty(t, name)
	assert.Equal(t, http.StatusOK, rec.Code, "nothing answered")
	rest, err := io.ReadAll(req.Body)
	require.NoError(t, err)
	assert.JSONEq(t, `{"@odata.type": "#Microsoft.Graph.Folder", "a": 1}`, string(rest), "the body is there again")

	jsonReq := func(body string) *http.Request {
		r := httptest.NewRequest("POST", "/x", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json; charset=utf-8")
		return r
	}
	name, ok = BodyODataType(httptest.NewRecorder(), jsonReq(`[1]`), 1<<10)
	assert.True(t, ok)
	assert.Empty(t, name)

	rec = httptest.NewRecorder()
	_, ok = BodyODataType(rec, jsonReq(strings.Repeat(" ", 2048)), 1<<10)
	assert.False(t, ok)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
}

// BenchmarkDuplicateKey compares the scan ReadBody adds for repeated names
// with the decode it does anyway, on a body of some 4 KB.
func BenchmarkDuplicateKey(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"@odata.type": "#microsoft.graph.event", "subject": "Review", "attendees": [`)
	for i := range 20 {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, `{"type": "required", "emailAddress": {"address": "user%d@contoso.com", "name": "Us\u00e9r %d"}, "status": {"response": "none", "time": "2020-01-01T00:00:00Z"}}`, i, i)
	}
	sb.WriteString(`], "start": {"dateTime": "2020-01-01T10:00:00", "timeZone": "UTC"}, "isOnline": true, "reminderMinutesBeforeStart": 15, "categories": ["a", "b"]}`)
	data := []byte(sb.String())
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.UseNumber()
			var v any
			if err := dec.Decode(&v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, dup := DuplicateKey(data); dup {
				b.Fatal("no name repeats")
			}
		}
	})
}

// checkValidation validates each body as a value of typeName: the empty
// want means it is valid, another a ValidationError whose message holds it.
func checkValidation(t *testing.T, typeName string, cases map[string]string) {
	t.Helper()
	for body, want := range cases {
		err := Validate(decode(t, body), typeName, false)
		if want == "" {
			assert.NoError(t, err, body)
			continue
		}
		var ve *ValidationError
		require.True(t, errors.As(err, &ve), "%s: %v", body, err)
		assert.Contains(t, ve.Message, want, body)
	}
}

func TestLoneSurrogate(t *testing.T) {
	for body, want := range map[string]string{
		`{"a": "x"}`:                           "",
		`{"a": "\ud83d\ude00"}`:                "", // a pair: one character
		`{"a": "\ud800"}`:                      `\ud800`,
		`{"a": "\ud800x"}`:                     `\ud800`,
		`{"a": "\udc00"}`:                      `\udc00`,
		`{"a": "\ud800\u0041"}`:                `\ud800`,
		`{"a": "\\ud800"}`:                     "", // a backslash, then text
		`{"a": "\n\t\"\u00e9", "b": "\uDBFF"}`: `\uDBFF`,
		`{"a": "\ud83d\ude00 and \ud83d"}`:     `\ud83d`, // the lone one, after a pair
		`{"a": "\u12"}`:                        "",       // not JSON; the decoder says so first
	} {
		esc, at := LoneSurrogate([]byte(body))
		assert.Equal(t, want, esc, body)
		if want != "" {
			assert.Equal(t, want, body[at:at+6], "the offset of the escape: %s", body)
		}
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/x", strings.NewReader(`{"a": "\ud800"}`))
	req.Header.Set("Content-Type", "application/json")
	_, ok := ReadBody(rec, req, 1<<20, "", false)
	assert.False(t, ok)
	assert.Equal(t, 400, rec.Code)
	assert.Contains(t, rec.Body.String(), `lone UTF-16 surrogate, \\ud800`)
}

// TestReadBodyPatchAbstract: ReadBody takes a PATCH of an abstract type
// without @odata.type, and refuses the same body in a POST.
func TestReadBodyPatchAbstract(t *testing.T) {
	for method, want := range map[string]int{"PATCH": 200, "POST": 400} {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(method, "/shapes/1", strings.NewReader(`{"s": "x"}`))
		req.Header.Set("Content-Type", "application/json")
		_, ok := ReadBody(rec, req, 1<<20, "test.shape", false)
		assert.Equal(t, want == 200, ok, method)
		assert.Equal(t, want, rec.Code, method)
	}
}

// TestReadOptionalJSON: an action none of whose parameters is required may
// be sent no body at all; a body that is sent is read as ReadJSON reads it.
func TestReadOptionalJSON(t *testing.T) {
	// send reads a body sent with its length, or chunked, its length not
	// told.
	send := func(chunked bool, ct, body string) (*httptest.ResponseRecorder, map[string]any, bool) {
		var r *http.Request
		switch {
		case chunked:
			r = httptest.NewRequest("POST", "/", io.MultiReader(strings.NewReader(body)))
			r.ContentLength = -1
		case body == "":
			r = httptest.NewRequest("POST", "/", nil)
		default:
			r = httptest.NewRequest("POST", "/", strings.NewReader(body))
		}
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		v := map[string]any{}
		ok := ReadOptionalJSON(rec, r, 1000, "Edm.Untyped", &v)
		return rec, v, ok
	}
	read := func(ct, body string) (*httptest.ResponseRecorder, map[string]any, bool) { return send(false, ct, body) }
	_, v, ok := read("", "")
	assert.True(t, ok, "no body, no Content-Type: no parameters")
	assert.Empty(t, v)
	_, v, ok = read("application/json", `{"comment": "yes"}`)
	assert.True(t, ok)
	assert.Equal(t, "yes", v["comment"])
	rec, _, ok := read("", `{"comment": "yes"}`)
	assert.False(t, ok, "a body still needs its Content-Type")
	assert.Equal(t, http.StatusUnsupportedMediaType, rec.Code)
	rec, _, ok = read("application/json", "")
	assert.False(t, ok, "a JSON body said to be sent must be there")
	assert.Equal(t, http.StatusBadRequest, rec.Code)

	// Sent chunked, its length not told: empty is no body; one with bytes
	// is read whole, its first byte included, and still needs its
	// Content-Type.
	chunked := func(ct, body string) (*httptest.ResponseRecorder, map[string]any, bool) { return send(true, ct, body) }
	_, v, ok = chunked("", "")
	assert.True(t, ok, "an empty chunked body is no body")
	assert.Empty(t, v)
	rec, _, ok = chunked("", `{"comment": "yes"}`)
	assert.False(t, ok)
	assert.Equal(t, http.StatusUnsupportedMediaType, rec.Code)
	_, v, ok = chunked("application/json", `{"comment": "yes"}`)
	assert.True(t, ok)
	assert.Equal(t, "yes", v["comment"], "the first byte is read with the rest")
}
