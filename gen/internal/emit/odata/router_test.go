package odata

import (
	"bytes"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNewServeMuxLetterCase: literal segments match in any letter case, on
// the ServeMux by respelling and on the Router by expression, and the
// Service gets the client's URL and path values.
func TestNewServeMuxLetterCase(t *testing.T) {
	h := &testHandler{}
	var url, pattern string
	seen := func(op string) func(*testHandler, http.ResponseWriter, *http.Request, []string) {
		return func(h *testHandler, w http.ResponseWriter, r *http.Request, values []string) {
			got := RequestFrom(r.Context())
			url, pattern = got.URL.String(), got.Pattern
			record(op)(h, w, r, values)
		}
	}
	mux := NewServeMux(h, []Route[*testHandler]{
		{Pattern: "GET /administrativeUnits/delta", Serve: seen("Delta")},
		{Pattern: "GET /administrativeUnits/{id}", Params: []string{"id"}, Serve: seen("GetUnit")},
		{Pattern: "GET /me/calendarGroups/{id}/calendars", Params: []string{"id"}, Serve: seen("ListCalendars")},
		{Pattern: "GET /users/delta()", Serve: seen("UsersDelta")},
		{Method: "GET", Expr: `^(?i:/reports/getCounts)\(period='(?P<p>[^']*)'\)$`, Allow: []string{"GET"}, Params: []string{"p"}, Serve: seen("GetCounts")},
		// An argument the docs write without quotes, as the generator matches it.
		{Method: "GET", Expr: `^(?i:/things/usage)\s*\(\s*days\s*=\s*(?P<days>(?:[^'/,()]|'(?:[^'/]|'')*')+?)\s*\)$`, Allow: []string{"GET"}, Params: []string{"days"}, Serve: seen("Usage")},
	}, []Path{{Pattern: "/me/calendarGroups/{id}/calendars", Allow: []string{"GET"}}})
	for _, c := range []struct {
		target, op string
		values     []string
		status     int
	}{
		{"/administrativeUnits/delta", "Delta", nil, 204},
		{"/administrativeunits/DELTA", "Delta", nil, 204},
		{"/administrativeunits/deltas", "GetUnit", []string{"deltas"}, 204},
		{"/ADMINISTRATIVEUNITS/u%2F1", "GetUnit", []string{"u/1"}, 204},
		{"/me/calendargroups/g1/calendars", "ListCalendars", []string{"g1"}, 204},
		{"/Me/CalendarGroups/Delta/Calendars", "ListCalendars", []string{"Delta"}, 204},
		{"/me/calendargroups/%44elta/calendars", "ListCalendars", []string{"Delta"}, 204},
		{"/users/Delta()", "UsersDelta", nil, 204},
		// A trailing slash is no part of the path.
		{"/administrativeUnits/u1/", "GetUnit", []string{"u1"}, 204},
		{"/me/calendarGroups/g1/calendars/", "ListCalendars", []string{"g1"}, 204},
		{"/administrativeUnits//", "", nil, 404},
		{"/Reports/GETCOUNTS(period='Ab')", "GetCounts", []string{"Ab"}, 204},
		{"/reports/getCounts(PERIOD='Ab')", "", nil, 404},
		{"/users/delta(x)", "", nil, 404},
		// A string literal where the docs write no quotes is the string.
		{"/things/usage(days=7)", "Usage", []string{"7"}, 204},
		{"/things/usage(days='7')", "Usage", []string{"7"}, 204},
		{"/things/usage(days='it''s')", "Usage", []string{"it's"}, 204},
		{"/nowhere/Delta", "", nil, 404},
	} {
		*h = testHandler{}
		url, pattern = "", ""
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", c.target+"?$top=1", nil))
		assert.Equal(t, c.status, rec.Code, "%s: %s", c.target, rec.Body.String())
		assert.Equal(t, c.op, h.op, c.target)
		assert.Equal(t, c.values, h.values, c.target)
		if c.op != "" {
			assert.Equal(t, c.target+"?$top=1", url, "the Service gets the client's URL")
			assert.Equal(t, "1", h.query, c.target)
		}
	}
	*h = testHandler{}
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/me/calendargroups/g1/calendars", nil))
	assert.Equal(t, "GET /me/calendarGroups/{id}/calendars", pattern)

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("POST", "/me/CALENDARGROUPS/g1/calendars", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	assert.Equal(t, "GET, HEAD", rec.Header().Get("Allow"))
}

// TestLiterals: a key spelled two ways in the patterns is left alone; the
// wildcards whose values come from the client's path.
func TestLiterals(t *testing.T) {
	lits := literalsOf([]Route[int]{{Pattern: "GET /a/B/{x}"}, {Pattern: "GET /a/b"}, {Pattern: "GET /c%20d/f()"}, {Expr: "^/e$"}}, []Path{{Pattern: "/a/{x}"}})
	assert.Equal(t, literals{"a": "a", "b": "", "c d": "c d", "f()": "f()"}, lits)
	assert.Equal(t, "f(A=1)", literalKey("F(A=1)"))
	assert.Equal(t, map[string]int{"x": 2, "y": 4}, wildcardSegments("GET /a/{x}/b/{y}/{rest...}"))
	assert.Empty(t, wildcardSegments("/{$}"))
}

// TestNewServeMuxRecoversPanics: a panicking Service method gets a 500
// Graph error and a log line with the stack, not a dropped connection.
func TestNewServeMuxRecoversPanics(t *testing.T) {
	var logged bytes.Buffer
	defer log.SetOutput(log.Writer())
	log.SetOutput(&logged)
	var partial bool
	var abort bool
	serve := func(h *testHandler, w http.ResponseWriter, r *http.Request, values []string) {
		if partial {
			w.WriteHeader(http.StatusOK)
			_, _ = w.Write([]byte(`{"value":[`))
		}
		if abort {
			panic(http.ErrAbortHandler)
		}
		var m map[string]int
		m["boom"]++ // a nil map: a runtime error
	}
	mux := NewServeMux(&testHandler{}, []Route[*testHandler]{
		{Pattern: "GET /users/{id}", Params: []string{"id"}, Serve: serve},
		{Method: "GET", Expr: `^/f\((?P<x>[^)]*)\)$`, Params: []string{"x"}, Serve: serve},
	}, nil)
	for _, target := range []string{"/users/1", "/f(1)"} {
		logged.Reset()
		rec := httptest.NewRecorder()
		require.NotPanics(t, func() { mux.ServeHTTP(rec, httptest.NewRequest("GET", target, nil)) })
		assert.Equal(t, http.StatusInternalServerError, rec.Code)
		assert.JSONEq(t, `{"error":{"code":"internalServerError","message":"The server could not complete the request."}}`, rec.Body.String())
		assert.Contains(t, logged.String(), "odata: panic serving GET "+target+": assignment to entry in nil map")
		assert.Contains(t, logged.String(), "router_test.go", "the stack")
	}

	// Once part of the response is out, only an aborted response says it
	// is not whole; and an abort on purpose stays one.
	partial = true
	logged.Reset()
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/1", nil))
	})
	assert.Contains(t, logged.String(), "assignment to entry in nil map")
	partial, abort = false, true
	logged.Reset()
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
		mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/1", nil))
	})
	assert.Empty(t, logged.String())
}

// TestPanicWriterUnwraps: http.ResponseController reaches the server's
// ResponseWriter through the one NewServeMux wraps it in.
func TestPanicWriterUnwraps(t *testing.T) {
	rec := httptest.NewRecorder()
	w := &panicWriter{ResponseWriter: rec}
	require.NoError(t, http.NewResponseController(w).Flush())
	assert.True(t, rec.Flushed)
	assert.True(t, w.wrote)
}

// legacyMuxChild is set in the test binary TestNewServeMuxRefusesGo121Patterns
// runs with GODEBUG=httpmuxgo121=1, which net/http reads at start-up.
const legacyMuxChild = "ODATA_TEST_LEGACY_MUX_CHILD"

// TestNewServeMuxRefusesGo121Patterns: with Go 1.21 ServeMux patterns, which
// would misroute every request, NewServeMux panics saying what to change.
func TestNewServeMuxRefusesGo121Patterns(t *testing.T) {
	if os.Getenv(legacyMuxChild) == "1" {
		// The legacy mux is on: "GET /users/{id}" reaches nothing.
		probe := http.NewServeMux()
		probe.HandleFunc("GET /users/{id}", func(http.ResponseWriter, *http.Request) {})
		_, p := probe.Handler(httptest.NewRequest("GET", "/users/abc", nil))
		require.Empty(t, p, "GODEBUG=httpmuxgo121=1 is in effect")
		assert.PanicsWithValue(t, legacyMuxMessage, func() {
			NewServeMux(&testHandler{}, []Route[*testHandler]{{Pattern: "GET /users/{id}", Serve: record("GetUser")}}, nil)
		})
		fmt.Println("legacy mux refused")
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestNewServeMuxRefusesGo121Patterns$", "-test.v")
	cmd.Env = append(os.Environ(), legacyMuxChild+"=1", "GODEBUG=httpmuxgo121=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "legacy mux refused")
}

// TestGo121Module builds a module whose go.mod declares go 1.21, as a user's
// may, with this package in it: by default NewServeMux refuses the Go 1.21
// patterns that implies, and with Go 1.22 patterns forced on, the routes,
// compiled with Go 1.21 loop semantics, still reach their own handlers.
func TestGo121Module(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module m\n\ngo 1.21\n"), 0o644))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "odata"), 0o755))
	sources, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, name := range sources {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "odata", name), src, 0o644))
	}
	const main = `package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"m/odata"
)

type handler struct{ op string }

func serve(op string) func(*handler, http.ResponseWriter, *http.Request, []string) {
	return func(h *handler, w http.ResponseWriter, _ *http.Request, values []string) {
		h.op = fmt.Sprint(op, values)
	}
}

func main() {
	h := &handler{}
	mux := odata.NewServeMux(h, []odata.Route[*handler]{
		{Pattern: "GET /users/{id}", Params: []string{"id"}, Serve: serve("GetUser")},
		{Pattern: "GET /groups/{id}", Params: []string{"id"}, Serve: serve("GetGroup")},
	}, nil)
	for _, target := range []string{"/users/abc", "/Groups/g1"} {
		h.op = ""
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		fmt.Println(target, rec.Code, h.op)
	}
}
`
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(main), 0o644))
	run := func(godebug string) (string, error) {
		cmd := exec.Command(goTool, "run", ".")
		cmd.Dir = dir
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "GODEBUG=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		cmd.Env = append(cmd.Env, "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local")
		if godebug != "" {
			cmd.Env = append(cmd.Env, "GODEBUG="+godebug)
		}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := run("")
	require.Error(t, err, "a go 1.21 module gets Go 1.21 ServeMux patterns:\n%s", out)
	assert.Contains(t, out, legacyMuxMessage)

	out, err = run("httpmuxgo121=0")
	require.NoError(t, err, out)
	assert.Equal(t, "/users/abc 200 GetUser[abc]\n/Groups/g1 200 GetGroup[g1]\n", out)
}
