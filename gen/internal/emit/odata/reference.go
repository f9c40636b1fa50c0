package odata

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// Reference is the body of a request that links an existing object, such as
// POST /groups/{id}/members/$ref: {"@odata.id": "https://.../users/{id}"}.
// The object is named by its URL, not described, so such a body is never
// one of the resource's own type.
type Reference struct {
	// ID is the URL of the object linked, as the client sent it.
	ID string `json:"@odata.id"`
}

// ReadReference reads the body of a $ref request as ReadBody does, then
// checks it is a reference: an object with a non-empty string @odata.id and
// no property but instance annotations. On failure it writes the error
// response (400 for a body that is no reference) and returns nil, false.
func ReadReference(w http.ResponseWriter, r *http.Request, limit int64) (*Reference, bool) {
	data, ok := ReadBody(w, r, limit, "Edm.Untyped", false)
	if !ok {
		return nil, false
	}
	ref, problem := DecodeReference(data)
	if problem != "" {
		WriteError(w, http.StatusBadRequest, "badRequest", problem)
		return nil, false
	}
	return ref, true
}

// DecodeReference decodes a reference body, or says what is wrong with it.
func DecodeReference(data []byte) (*Reference, string) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) != nil || obj == nil {
		return nil, `the request body must be a reference: {"@odata.id": "<URL of the object>"}`
	}
	var extra []string
	for k := range obj {
		if !strings.Contains(k, "@") {
			extra = append(extra, k)
		}
	}
	if len(extra) > 0 {
		sort.Strings(extra)
		return nil, fmt.Sprintf("unknown property %q: a reference holds only @odata.id", extra[0])
	}
	if t, ok := obj["@odata.type"]; ok {
		var name string
		if json.Unmarshal(t, &name) != nil {
			return nil, `"@odata.type" must be a string`
		}
	}
	raw, ok := obj["@odata.id"]
	if !ok {
		return nil, `the request body names no object: {"@odata.id": "<URL of the object>"}`
	}
	var ref Reference
	if json.Unmarshal(raw, &ref.ID) != nil || strings.TrimSpace(ref.ID) == "" {
		return nil, `"@odata.id" must be the URL of the object, a non-empty string`
	}
	return &ref, ""
}
