package odata

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// flat is shaped as gen emits an open type whose properties encoding/json
// decodes; flatPlain is the same struct without methods, decoded by
// encoding/json for reference.
type flat struct {
	ODataType            string          `json:"@odata.type,omitempty"`
	Name                 string          `json:"name,omitempty"`
	DisplayName          string          `json:"displayName,omitempty"`
	Size                 *int64          `json:"size,omitempty"`
	Tags                 []string        `json:"tags,omitempty"`
	Raw                  json.RawMessage `json:"raw,omitempty"`
	When                 *time.Time      `json:"when,omitempty"`
	AdditionalProperties map[string]json.RawMessage
}

type flatPlain flat

func (t *flat) UnmarshalJSON(data []byte) error {
	if IsNull(data) {
		return nil
	}
	extra, err := DecodeObject(data, "test.flat", &t.ODataType, &t.Name, &t.DisplayName, &t.Size, &t.Tags, &t.Raw, &t.When)
	if err != nil {
		return err
	}
	t.AdditionalProperties = extra
	return nil
}

var flatNames = []string{"@odata.type", "name", "displayName", "size", "tags", "raw", "when"}

func init() {
	Register([]Type{{Name: "test.flat", Open: true, GoType: (*flat)(nil), Properties: []Property{
		{Name: "name", Type: "Edm.String"}, {Name: "displayName", Type: "Edm.String"}, {Name: "size", Type: "Edm.Int64"},
		{Name: "tags", Type: "Edm.String", Collection: true}, {Name: "raw", Type: "Edm.Untyped"}, {Name: "when", Type: "Edm.DateTimeOffset"},
	}}})
}

// oldExtra is how the undeclared members were found before DecodeObject:
// every member, less those equal to a declared name but for case.
func oldExtra(data []byte) map[string]json.RawMessage {
	var all map[string]json.RawMessage
	if json.Unmarshal(data, &all) != nil {
		return nil
	}
	for name := range all {
		if strings.Contains(name, "@") {
			delete(all, name) // an annotation, not a dynamic property
			continue
		}
		for _, k := range flatNames {
			if strings.EqualFold(name, k) {
				delete(all, name)
				break
			}
		}
	}
	if len(all) == 0 {
		return nil
	}
	return all
}

// checkFlat decodes s with DecodeObject and with encoding/json: both fail,
// or both give the same value and the same dynamic properties.
func checkFlat(t *testing.T, s string) {
	var got flat
	err := json.Unmarshal([]byte(s), &got)
	var want flatPlain
	wantErr := json.Unmarshal([]byte(s), &want)
	if wantErr != nil || err != nil {
		if (wantErr == nil) != (err == nil) {
			t.Fatalf("%s: DecodeObject error %v, encoding/json %v", s, err, wantErr)
		}
		return
	}
	if IsNull([]byte(s)) {
		return
	}
	want.AdditionalProperties = oldExtra([]byte(s))
	if !reflect.DeepEqual(flatPlain(got), want) {
		t.Fatalf("%s:\nDecodeObject %+v\nencoding/json %+v", s, got, want)
	}
}

var flatSeeds = []string{
	`{}`, ` { } `, `null`, `{"name": "a", "size": 12, "tags": ["x", "y"], "raw": {"k": [1, null]}, "when": "2020-01-01T10:00:00Z"}`,
	`{"NAME": "a", "displayname": "b", "DisplayName": "c", "@ODATA.TYPE": "#t"}`, `{"\u006eame": "esc", "n\u0061me2": 1}`,
	`{"name": "a", "name": "b"}`, `{"tags": ["a"], "tags": null}`, `{"size": null, "raw": null, "when": null}`,
	`{"extra": {"deep": [{"x": "}"}]}, "e\"q": "\\\"", "name@odata.bind": "u"}`, `{"ſize": 3, "\u212Aey": 1}`,
	`{"size": "12"}`, `{"size": 1.5, "name": "after"}`, `{"tags": "x"}`, `{"when": "yesterday"}`,
	`[]`, `"x"`, `1`, `{"name": "a"} x`, `{"name" "a"}`, `{"name": "a",}`, `{"a": [1,]}`, `{"a": tru}`, `{"a": {"b": 1]}`,
	`{"a": "` + "\x01" + `"}`, `{"` + "\x01" + `": 1}`, `{"a": 01}`, `{`, `{"a"`, `{"a":`, `{"a":1`, `{"a":"\u00"}`,
}

func TestDecodeObjectAsEncodingJSON(t *testing.T) {
	for _, s := range flatSeeds {
		checkFlat(t, s)
	}
}

func FuzzDecodeObject(f *testing.F) {
	for _, s := range flatSeeds {
		f.Add(s)
	}
	f.Fuzz(checkFlat)
}

func TestDecodeObjectCopiesExtra(t *testing.T) {
	data := []byte(`{"name": "a", "x": [1, 2]}`)
	var v flat
	require.NoError(t, json.Unmarshal(data, &v))
	copy(data, strings.Repeat("#", len(data)))
	assert.Equal(t, json.RawMessage(`[1, 2]`), v.AdditionalProperties["x"], "data may be reused once UnmarshalJSON returns")
}

// TestDecodeObjectDropsAnnotations: annotations a client sends are no
// dynamic properties an echo of the value would answer back.
func TestDecodeObjectDropsAnnotations(t *testing.T) {
	var v flat
	require.NoError(t, json.Unmarshal([]byte(`{"name": "a", "@odata.etag": "W/1", "manager@odata.bind": "u", "@microsoft.graph.conflictBehavior": "fail", "skypeId": "x"}`), &v))
	assert.Equal(t, map[string]json.RawMessage{"skypeId": json.RawMessage(`"x"`)}, v.AdditionalProperties)
}

func TestDecodeObjectUnregistered(t *testing.T) {
	_, err := DecodeObject([]byte(`{}`), "test.nowhere", new(string))
	assert.Error(t, err)
	_, err = DecodeObject([]byte(`{}`), "test.flat", new(string))
	assert.Error(t, err, "one target per property and @odata.type")
}

func TestFoldName(t *testing.T) {
	names := []string{"a", "A", "k", "K", "\u212A", "s", "S", "\u017F", "ss", "ß", "ẞ", "σ", "Σ", "ς", "displayName", "DISPLAYNAME", "display_name", "é", "É", "\xff", "\uFFFD", ""}
	for _, a := range names {
		for _, b := range names {
			assert.Equal(t, strings.EqualFold(a, b), foldName(a) == foldName(b), "%q %q", a, b)
		}
	}
}
