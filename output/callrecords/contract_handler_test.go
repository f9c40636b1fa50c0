package callrecords

// Hand-written tests of the generated package's public contract (gen
// never writes or removes files without its header, so this file is the
// user's): what the handler answers.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/output/odata"
)

const segmentsPath = "/communications/callRecords/cr%2F1/sessions/s1/segments"

type recordingService struct {
	UnimplementedService
	calls  int
	got    *Segment
	params []string
	err    error
	// nullCallee is what odata.Sent said of "callee": sent, and as null.
	nullCallee [2]bool
}

func (s *recordingService) CreateSegment(ctx context.Context, callRecordID, sessionID string, segment *Segment) (*Segment, error) {
	s.calls++
	s.got = segment
	s.nullCallee[0], s.nullCallee[1] = odata.Sent(ctx, "callee")
	s.params = []string{callRecordID, sessionID}
	if s.err != nil {
		return nil, s.err
	}
	out := *segment
	out.ID = "new"
	return &out, nil
}

type graphError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// serve sends a request and decodes a Graph error body when the status is
// not 2xx.
func serve(t *testing.T, h http.Handler, method, path, contentType, body string) (*httptest.ResponseRecorder, graphError) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var ge graphError
	if rec.Code >= 400 {
		assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &ge), rec.Body.String())
		assert.NotEmpty(t, ge.Error.Code)
		assert.NotEmpty(t, ge.Error.Message)
	}
	return rec, ge
}

func TestHandlerSuccess(t *testing.T) {
	svc := &recordingService{}
	rec, _ := serve(t, NewHandler(svc), "POST", segmentsPath, "application/json; charset=utf-8",
		`{"startDateTime": "2020-01-01T00:00:00Z", "caller": {"@odata.type": "microsoft.graph.callRecords.participantEndpoint"}, "@odata.etag": "W/1", "@odata.context": "c"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.Equal(t, []string{"cr/1", "s1"}, svc.params, "path parameters are unescaped")
	assert.IsType(t, &ParticipantEndpoint{}, svc.got.Caller)
	assert.JSONEq(t, `{
	  "@odata.type": "#microsoft.graph.callRecords.segment",
	  "id": "new",
	  "startDateTime": "2020-01-01T00:00:00Z",
	  "caller": {"@odata.type": "#microsoft.graph.callRecords.participantEndpoint"}
	}`, rec.Body.String(), "the answer writes the type name the client sent without '#' with it")
	assert.Equal(t, [2]bool{false, false}, svc.nullCallee, "callee was not sent")

	rec, _ = serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", `{"callee": null}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	assert.Nil(t, svc.got.Callee)
	assert.Equal(t, [2]bool{true, true}, svc.nullCallee, "callee was sent as null, which the decoded segment cannot tell")
}

func TestHandlerRejects(t *testing.T) {
	for _, tc := range []struct {
		name, method, path, contentType, body string
		status                                int
		message                               string
	}{
		{"malformed", "POST", segmentsPath, "application/json", `{"id": `, 400, "malformed JSON"},
		{"trailing data", "POST", segmentsPath, "application/json", `{} {}`, 400, "malformed JSON"},
		{"empty", "POST", segmentsPath, "application/json", ``, 400, "required"},
		{"array body", "POST", segmentsPath, "application/json", `[]`, 400, "the request body must be a JSON object"},
		{"unknown top-level", "POST", segmentsPath, "application/json", `{"foo": 1}`, 400, `unknown property "foo"`},
		{"unknown nested", "POST", segmentsPath, "application/json", `{"callee": {"foo": 1}}`, 400, `unknown property "callee.foo"`},
		{"unknown in derived", "POST", segmentsPath, "application/json",
			`{"caller": {"@odata.type": "#microsoft.graph.callRecords.participantEndpoint", "userAgent": {"@odata.type": "#microsoft.graph.callRecords.clientUserAgent", "bad": 1}}}`, 400, `unknown property "caller.userAgent.bad"`},
		{"derived property on base", "POST", segmentsPath, "application/json", `{"caller": {"identity": {}}}`, 400, `unknown property "caller.identity"`},
		{"unknown in collection", "POST", segmentsPath, "application/json", `{"media": [{"label": "a"}, {"streams": [{"nope": true}]}]}`, 400, `unknown property "media[1].streams[0].nope"`},
		{"wrong odata type", "POST", segmentsPath, "application/json", `{"callee": {"@odata.type": "#microsoft.graph.callRecords.media"}}`, 400, "not microsoft.graph.callRecords.endpoint"},
		{"unknown odata type", "POST", segmentsPath, "application/json", `{"@odata.type": "microsoft.graph.nothing"}`, 400, "not microsoft.graph.callRecords.segment"},
		{"base type for derived", "POST", segmentsPath, "application/json", `{"@odata.type": "#microsoft.graph.entity"}`, 400, "not microsoft.graph.callRecords.segment"},
		{"bad date", "POST", segmentsPath, "application/json", `{"startDateTime": "String (timestamp)"}`, 400, "RFC 3339"},
		{"string for bool", "POST", segmentsPath, "application/json", `{"media": [{"streams": [{"wasMediaBypassed": "true"}]}]}`, 400, "boolean"},
		{"scalar for collection", "POST", segmentsPath, "application/json", `{"media": {"label": "a"}}`, 400, "JSON array"},
		{"float for int", "POST", segmentsPath, "application/json", `{"media": [{"streams": [{"packetUtilization": 1.5}]}]}`, 400, "integer"},
		{"number for enum", "POST", segmentsPath, "application/json", `{"failureInfo": {"stage": 3}}`, 400, "string"},
		{"content type", "POST", segmentsPath, "text/plain", `{}`, 415, "application/json"},
		{"no content type", "POST", segmentsPath, "", `{}`, 415, "application/json"},
		{"method", "GET", segmentsPath, "", ``, 405, "GET"},
		{"unknown path", "POST", "/communications/nothing", "application/json", `{}`, 404, "no resource"},
		{"version prefix is not served", "POST", "/beta/communications/callRecords/a/sessions/b/segments", "application/json", `{}`, 404, "no resource"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc := &recordingService{}
			rec, ge := serve(t, NewHandler(svc), tc.method, tc.path, tc.contentType, tc.body)
			assert.Equal(t, tc.status, rec.Code, rec.Body.String())
			assert.Contains(t, ge.Error.Message, tc.message)
			assert.Zero(t, svc.calls, "the service must not be called")
			if tc.status == 405 {
				assert.Equal(t, "POST", rec.Header().Get("Allow"))
			}
		})
	}
}

func TestHandlerAccepts(t *testing.T) {
	for name, body := range map[string]string{
		"unknown enum member":  `{"failureInfo": {"stage": "somethingNew"}}`,
		"odata type with hash": `{"@odata.type": "#microsoft.graph.callRecords.segment"}`,
		"odata type bare":      `{"@odata.type": "microsoft.graph.callRecords.segment"}`,
		"nulls":                `{"callee": null, "media": null, "startDateTime": null}`,
		"fractional seconds":   `{"startDateTime": "2020-01-01T00:00:00.1234567+05:30"}`,
	} {
		t.Run(name, func(t *testing.T) {
			svc := &recordingService{}
			rec, _ := serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", body)
			assert.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
			assert.Equal(t, 1, svc.calls)
		})
	}
}

func TestHandlerBodyLimit(t *testing.T) {
	svc := &recordingService{}
	h := NewHandlerWithOptions(svc, HandlerOptions{MaxBodyBytes: 64})
	rec, ge := serve(t, h, "POST", segmentsPath, "application/json", `{"id": "`+strings.Repeat("x", 100)+`"}`)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	assert.Equal(t, "requestEntityTooLarge", ge.Error.Code)
	assert.Zero(t, svc.calls)

	// The default limit is 4 MiB.
	rec, _ = serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", `{"id": "`+strings.Repeat("x", 4<<20)+`"}`)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	rec, _ = serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", `{"id": "`+strings.Repeat("x", 3<<20)+`"}`)
	assert.Equal(t, http.StatusCreated, rec.Code)
}

func TestHandlerServiceErrors(t *testing.T) {
	svc := &recordingService{err: &Error{Status: http.StatusConflict, Code: "segmentExists", Message: "already there"}}
	rec, ge := serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", `{}`)
	assert.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, "segmentExists", ge.Error.Code)
	assert.Equal(t, "already there", ge.Error.Message)

	// Wrapped errors are found with errors.As.
	svc.err = errors.Join(errors.New("context"), &Error{Status: http.StatusNotFound})
	rec, ge = serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", `{}`)
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Equal(t, "notFound", ge.Error.Code)

	svc.err = errors.New("database password is hunter2")
	rec, ge = serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", `{}`)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Equal(t, "internalServerError", ge.Error.Code)
	assert.NotContains(t, rec.Body.String(), "hunter2")

	rec, ge = serve(t, NewHandler(UnimplementedService{}), "POST", segmentsPath, "application/json", `{}`)
	assert.Equal(t, http.StatusNotImplemented, rec.Code)
	assert.Equal(t, "notImplemented", ge.Error.Code)
}

// TestNilErrorIsAServerError: a method returning a nil *Error as its error
// (an error that is not nil) answers 500, without a panic.
func TestNilErrorIsAServerError(t *testing.T) {
	var none *Error
	svc := &recordingService{err: none}
	rec, ge := serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", `{"startDateTime": "2020-01-01T00:00:00Z"}`)
	assert.Equal(t, http.StatusInternalServerError, rec.Code, rec.Body.String())
	assert.Equal(t, "internalServerError", ge.Error.Code)
	assert.Equal(t, "<nil *Error>", none.Error())
	assert.Nil(t, none.ErrorHeader())
}
