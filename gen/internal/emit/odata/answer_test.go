package odata

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServiceSetsTheAnswer: through the context its handler passes, a
// Service method sets headers and a collection page's links, and reads the
// body the handler read, as sent; outside a handler the calls do nothing.
func TestServiceSetsTheAnswer(t *testing.T) {
	var reread string
	list := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		ctx := r.Context()
		ResponseHeader(ctx).Set("Preference-Applied", "odata.maxpagesize=2")
		SetNextLink(ctx, "https://example.com/things?$skiptoken=2")
		WriteValue(w, http.StatusOK, []string{"a", "b"}, nil, true)
	}
	create := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		if _, ok := ReadBody(w, r, DefaultMaxBodyBytes, "Edm.Untyped", false); !ok {
			return
		}
		ctx := r.Context()
		b, err := io.ReadAll(RequestFrom(ctx).Body)
		require.NoError(t, err)
		reread = string(b)
		ResponseHeader(ctx).Set("Location", "https://example.com/things/1")
		SetDeltaLink(ctx, "ignored: not a collection")
		WriteEntity(w, http.StatusCreated, json.RawMessage(`{"id":"1"}`), nil, "")
	}
	delta := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		SetDeltaLink(r.Context(), "https://example.com/things/delta?$deltatoken=x")
		WriteValue(w, http.StatusOK, nil, nil, true)
	}
	mux := NewServeMux(&struct{}{}, []Route[*struct{}]{
		{Pattern: "GET /things", Serve: list},
		{Pattern: "POST /things", Serve: create},
		{Pattern: "GET /things/delta", Serve: delta},
	}, nil)

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/things", nil))
	assert.Equal(t, "odata.maxpagesize=2", rec.Header().Get("Preference-Applied"))
	assert.JSONEq(t, `{"value": ["a", "b"], "@odata.nextLink": "https://example.com/things?$skiptoken=2"}`, rec.Body.String())

	rec = httptest.NewRecorder()
	body := `{"name": null, "owner@odata.bind": "https://example.com/users/u1"}`
	req := httptest.NewRequest(http.MethodPost, "/things", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	mux.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusCreated, rec.Code)
	assert.Equal(t, "https://example.com/things/1", rec.Header().Get("Location"))
	assert.JSONEq(t, `{"id": "1"}`, rec.Body.String())
	assert.Equal(t, body, reread, "the body as the client sent it")

	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/things/delta", nil))
	assert.JSONEq(t, `{"value": [], "@odata.deltaLink": "https://example.com/things/delta?$deltatoken=x"}`, rec.Body.String())

	// Outside a handler: nothing to set, nothing to read.
	ctx := t.Context()
	assert.Nil(t, ResponseHeader(ctx))
	assert.Nil(t, RequestFrom(ctx))
	SetNextLink(ctx, "x")
	SetDeltaLink(ctx, "x")
	rec = httptest.NewRecorder()
	WriteValue(rec, http.StatusOK, []int{1}, nil, true)
	assert.JSONEq(t, `{"value": [1]}`, rec.Body.String())
}

// TestAnswerHeaderOnlyOnSuccess: the headers a Service method set go with
// a success answer only, not with the error it returns or a panic's 500;
// JSON it made itself goes out as it is.
func TestAnswerHeaderOnlyOnSuccess(t *testing.T) {
	fail := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		ResponseHeader(r.Context()).Set("Location", "https://example.com/never")
		WriteEntity(w, http.StatusCreated, nil, &testStatusError{}, "")
	}
	crash := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		ResponseHeader(r.Context()).Set("Content-Encoding", "gzip")
		panic("boom")
	}
	raw := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		WriteEntity(w, http.StatusOK, json.RawMessage(` { "a" : "<b>&" } `), nil, "")
	}
	mux := NewServeMux(&struct{}{}, []Route[*struct{}]{
		{Pattern: "POST /fail", Serve: fail},
		{Pattern: "GET /crash", Serve: crash},
		{Pattern: "GET /raw", Serve: raw},
	}, nil)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/fail", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Empty(t, rec.Header().Get("Location"))

	rec = httptest.NewRecorder()
	defer log.SetOutput(log.Writer())
	log.SetOutput(io.Discard) // the panic is logged
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/crash", nil))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Empty(t, rec.Header().Get("Content-Encoding"))
	assert.Contains(t, rec.Body.String(), `"code":"internalServerError"`)

	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/raw", nil))
	assert.Equal(t, ` { "a" : "<b>&" } `, rec.Body.String())

	// A result that cannot be encoded is a 500, without the headers.
	bad := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		ResponseHeader(r.Context()).Set("Content-Encoding", "gzip")
		WriteValue(w, http.StatusOK, []any{make(chan int)}, nil, true)
	}
	typed := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		WriteEntity(w, http.StatusOK, json.RawMessage(`{"id":"1","@odata.type":"#a.b"}`), nil, "#a.c")
	}
	mux = NewServeMux(&struct{}{}, []Route[*struct{}]{{Pattern: "GET /bad", Serve: bad}, {Pattern: "GET /typed", Serve: typed}}, nil)
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/bad", nil))
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.Empty(t, rec.Header().Get("Content-Encoding"))
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/typed", nil))
	assert.Equal(t, `{"id":"1","@odata.type":"#a.b"}`, rec.Body.String(), "raw JSON gets no second @odata.type")
}

type throttled struct{ header http.Header }

func (*throttled) Error() string { return "too many requests" }
func (*throttled) GraphError() (int, string, string) {
	return http.StatusTooManyRequests, "", ""
}
func (e *throttled) ErrorHeader() http.Header { return e.header }

// TestErrorHeader: a HeaderError's headers go with its error answer, where
// those set through ResponseHeader do not; the body stays a Graph error.
func TestErrorHeader(t *testing.T) {
	fail := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		ResponseHeader(r.Context()).Set("Location", "https://example.com/never")
		WriteEntity(w, http.StatusOK, nil, fmt.Errorf("wrapped: %w", &throttled{http.Header{"retry-after": {"5"}}}), "")
	}
	mux := NewServeMux(&struct{}{}, []Route[*struct{}]{{Pattern: "GET /fail", Serve: fail}}, nil)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/fail", nil))
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
	assert.Equal(t, "5", rec.Header().Get("Retry-After"))
	assert.Empty(t, rec.Header().Get("Location"))
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.JSONEq(t, `{"error": {"code": "tooManyRequests", "message": "Too Many Requests"}}`, rec.Body.String())
}

// TestSentTellsNullFromAbsent: a Service method learns which members the
// body it was handed had, and which were null, which the decoded value
// cannot tell it; only for the object body the handler read.
func TestSentTellsNullFromAbsent(t *testing.T) {
	type state struct{ sent, null bool }
	var got map[string]state
	patch := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		if _, ok := ReadBody(w, r, DefaultMaxBodyBytes, "Edm.Untyped", false); !ok {
			return
		}
		got = map[string]state{}
		for _, name := range []string{"name", "size", "tags", "Name", "color"} {
			sent, null := Sent(r.Context(), name)
			got[name] = state{sent, null}
		}
		WriteNoContent(w, http.StatusNoContent, nil)
	}
	mux := NewServeMux(&struct{}{}, []Route[*struct{}]{{Pattern: "PATCH /things/{id}", Serve: patch}}, nil)
	send := func(body string) int {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPatch, "/things/1", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		mux.ServeHTTP(rec, req)
		return rec.Code
	}

	require.Equal(t, http.StatusNoContent, send(`{"name": null, "size": 3, "tags": []}`))
	assert.Equal(t, map[string]state{
		"name": {true, true}, "size": {true, false}, "tags": {true, false},
		"Name": {false, false}, "color": {false, false},
	}, got)

	require.Equal(t, http.StatusNoContent, send(`[{"name": null}]`))
	assert.Equal(t, state{false, false}, got["name"], "a collection body has no members of its own")

	got = nil
	require.Equal(t, http.StatusBadRequest, send(`{"name": null`))
	assert.Nil(t, got, "a body refused never reaches the method")

	sent, null := Sent(t.Context(), "name")
	assert.False(t, sent || null, "outside a handler nothing was sent")

	// An action's parameters match regardless of case, as the handler
	// takes them.
	var s, child [2]bool
	act := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		if _, ok := ReadBody(w, r, DefaultMaxBodyBytes, "test.UpdateThingRequest", false); !ok {
			return
		}
		s[0], s[1] = Sent(r.Context(), "S")
		child[0], child[1] = Sent(r.Context(), "Child")
		WriteNoContent(w, http.StatusNoContent, nil)
	}
	mux = NewServeMux(&struct{}{}, []Route[*struct{}]{{Pattern: "POST /things/{id}/act", Serve: act}}, nil)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/things/1/act", strings.NewReader(`{"s": "x", "child": null}`))
	req.Header.Set("Content-Type", "application/json")
	mux.ServeHTTP(rec, req)
	require.Equal(t, http.StatusNoContent, rec.Code, rec.Body.String())
	assert.Equal(t, [2]bool{true, false}, s)
	assert.Equal(t, [2]bool{true, true}, child)
}

// TestLongPath: a path longer than MaxPathBytes is answered 414 before any
// route is tried; one of exactly MaxPathBytes is routed.
func TestLongPath(t *testing.T) {
	served := ""
	get := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		served = r.PathValue("id")
		w.WriteHeader(http.StatusNoContent)
	}
	mux := NewServeMux(&struct{}{}, []Route[*struct{}]{{Pattern: "GET /things/{id}", Params: []string{"id"}, Serve: get}}, nil)
	id := strings.Repeat("a", MaxPathBytes-len("/things/"))
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/things/"+id, nil))
	assert.Equal(t, http.StatusNoContent, rec.Code)
	assert.Equal(t, id, served)
	rec = httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/things/"+id+"a", nil))
	assert.Equal(t, http.StatusRequestURITooLong, rec.Code)
	assert.JSONEq(t, `{"error": {"code": "requestUriTooLong", "message": "the request path is longer than 8192 bytes"}}`, rec.Body.String())
}

// TestSetStatus: a Service method picks another success status for its
// answer (201 for an upsert that created), or 304 with no body; other
// statuses are ignored. Headers it sets that describe the body's bytes are
// not sent: the body is the handler's.
func TestSetStatus(t *testing.T) {
	var status int
	get := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		SetStatus(r.Context(), status)
		h := ResponseHeader(r.Context())
		h.Set("ETag", `"v1"`)
		h.Set("Content-Length", "3")
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Type", "application/json; charset=utf-8")
		WriteEntity(w, http.StatusOK, map[string]string{"id": "7"}, nil, "#test.thing")
	}
	mux := NewServeMux(&struct{}{}, []Route[*struct{}]{{Pattern: "PUT /things/{id}", Params: []string{"id"}, Serve: get}}, nil)
	for _, c := range []struct {
		set, want int
		body      bool
	}{
		{0, 200, true},
		{201, 201, true},
		{304, 304, false},
		{204, 204, false},
		{205, 205, false},
		{500, 200, true}, // not a success status: ignored
		{302, 200, true},
	} {
		status = c.set
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodPut, "/things/7", nil))
		assert.Equal(t, c.want, rec.Code, c.set)
		assert.Equal(t, `"v1"`, rec.Header().Get("ETag"), c.set)
		assert.Empty(t, rec.Header().Get("Content-Length"), c.set)
		assert.Empty(t, rec.Header().Get("Content-Encoding"), c.set)
		if c.body {
			assert.JSONEq(t, `{"@odata.type": "#test.thing", "id": "7"}`, rec.Body.String(), c.set)
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"), c.set)
		} else {
			assert.Empty(t, rec.Body.String(), c.set)
			assert.Empty(t, rec.Header().Get("Content-Type"), c.set)
		}
	}
}

// htmlThing encodes through Marshal as a generated MarshalJSON does.
type htmlThing struct {
	Content string     `json:"content"`
	Child   *htmlThing `json:"child,omitempty"`
}

func (t htmlThing) MarshalJSON() ([]byte, error) {
	type plain htmlThing
	return Marshal(plain(t))
}

// TestAnswersKeepHTML: <, > and & go out as they are, as Graph writes
// them, at every level of a nested answer: escaped (\u003c) at each level,
// they grew the bytes sixfold for every level above to read again.
func TestAnswersKeepHTML(t *testing.T) {
	v := htmlThing{Content: "<b>a & b</b>", Child: &htmlThing{Content: "<i>x</i>", Child: &htmlThing{Content: "<p>"}}}
	rec := httptest.NewRecorder()
	WriteEntity(rec, http.StatusOK, v, nil, "")
	assert.Equal(t, `{"content":"<b>a & b</b>","child":{"content":"<i>x</i>","child":{"content":"<p>"}}}`, rec.Body.String())
	rec = httptest.NewRecorder()
	WriteValue(rec, http.StatusOK, []htmlThing{v}, nil, true)
	assert.Contains(t, rec.Body.String(), `"content":"<b>a & b</b>"`)
	assert.NotContains(t, rec.Body.String(), `\u003c`)
}

// TestSetStatusWithoutValue: a method that chose a status without a body
// (304, 204) may return nil; an operation answering a redirect takes 304
// only, and then needs no location.
func TestSetStatusWithoutValue(t *testing.T) {
	var status int
	var write func(w http.ResponseWriter)
	serve := func(_ *struct{}, w http.ResponseWriter, r *http.Request, _ []string) {
		SetStatus(r.Context(), status)
		ResponseHeader(r.Context()).Set("ETag", `"v1"`)
		write(w)
	}
	mux := NewServeMux(&struct{}{}, []Route[*struct{}]{{Pattern: "GET /things/{id}", Params: []string{"id"}, Serve: serve}}, nil)
	for _, c := range []struct {
		name   string
		set    int
		write  func(w http.ResponseWriter)
		want   int
		header string
	}{
		{"entity 304", 304, func(w http.ResponseWriter) { WriteEntity(w, 200, nil, nil, "#test.thing") }, 304, ""},
		{"entity 204", 204, func(w http.ResponseWriter) { WriteEntity(w, 200, (*struct{})(nil), nil, "") }, 204, ""},
		{"value 304", 304, func(w http.ResponseWriter) { WriteValue(w, 200, nil, nil, true) }, 304, ""},
		{"redirect 304", 304, func(w http.ResponseWriter) { WriteRedirect(w, 302, "", nil) }, 304, ""},
		{"redirect keeps its own", 201, func(w http.ResponseWriter) { WriteRedirect(w, 302, "https://example.com/f", nil) }, 302, "https://example.com/f"},
		{"an error wins", 304, func(w http.ResponseWriter) { WriteEntity(w, 200, nil, &testError{404}, "") }, 404, ""},
	} {
		status, write = c.set, c.write
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/things/7", nil))
		assert.Equal(t, c.want, rec.Code, c.name)
		assert.Equal(t, c.header, rec.Header().Get("Location"), c.name)
		if c.want < 400 {
			assert.Empty(t, rec.Body.String(), c.name)
			assert.Equal(t, `"v1"`, rec.Header().Get("ETag"), c.name)
		}
	}
}

// testError is a StatusError of a status.
type testError struct{ status int }

func (e *testError) Error() string { return http.StatusText(e.status) }

func (e *testError) GraphError() (int, string, string) { return e.status, "", "" }
