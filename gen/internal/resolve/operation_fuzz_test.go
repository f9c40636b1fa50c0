package resolve

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzTopODataType holds the scan to encoding/json: whenever it reads a
// JSON object to its end, the @odata.type it finds is the one json decodes.
func FuzzTopODataType(f *testing.F) {
	for _, s := range []string{`{"@odata.type": "#x", "a": [1, {"@odata.type": "y"}]}`, `{"a": "b"}`, `{"s": "\"}", "@odata.type":"z"}`, `{}`, `[1]`, `{"a": true, "b": null, "c": -1.5e3}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if !utf8.ValidString(body) {
			return // pages are UTF-8 by the time they are resolved
		}
		name, ok := topODataType(body)
		if !ok {
			return
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			return // not JSON: the scan's answer is a hint only
		}
		var want string
		if raw, has := m["@odata.type"]; has {
			if json.Unmarshal(raw, &want) != nil {
				t.Fatalf("scan ok but @odata.type not a string: %q", body)
			}
		}
		if name != want {
			t.Fatalf("%q: scan %q, json %q", body, name, want)
		}
	})
}
