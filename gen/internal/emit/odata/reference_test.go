package odata

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadReference: a reference body yields its @odata.id; anything else
// is answered 400 saying what a reference is.
func TestReadReference(t *testing.T) {
	read := func(body string) (*Reference, *httptest.ResponseRecorder) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/groups/g/members/$ref", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		ref, ok := ReadReference(rec, req, DefaultMaxBodyBytes)
		assert.Equal(t, ok, ref != nil, body)
		return ref, rec
	}
	ref, _ := read(`{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/u1", "@odata.context": "x"}`)
	require.NotNil(t, ref)
	assert.Equal(t, "https://graph.microsoft.com/v1.0/directoryObjects/u1", ref.ID)

	for body, want := range map[string]string{
		`{}`:                                   `names no object`,
		`{"@odata.id": ""}`:                    `"@odata.id" must be the URL of the object`,
		`{"@odata.id": 1}`:                     `"@odata.id" must be the URL of the object`,
		`{"@odata.id": "u", "id": "u1"}`:       `unknown property "id": a reference holds only @odata.id`,
		`["u"]`:                                `must be a reference`,
		`{"@odata.id": "u", "@odata.type": 5}`: `"@odata.type" must be a string`,
		`{"@odata.id": "a", "@odata.id": "b"}`: `appears twice`,
	} {
		ref, rec := read(body)
		assert.Nil(t, ref, body)
		assert.Equal(t, http.StatusBadRequest, rec.Code, body)
		var e struct {
			Error struct{ Message string } `json:"error"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &e), body)
		assert.Contains(t, e.Error.Message, want, body)
	}
}
