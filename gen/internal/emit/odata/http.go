package odata

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"
)

// DefaultMaxBodyBytes is the request body limit when a handler is given none.
const DefaultMaxBodyBytes = 4 << 20

// errorBody is the Microsoft Graph error envelope:
// {"error":{"code":"badRequest","message":"..."}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// StatusError is an error that chooses the HTTP status, code and message of
// the error response. The Error type of every generated package implements
// it, so a service may return the Error of any generated package.
type StatusError interface {
	error
	GraphError() (status int, code, message string)
}

// internalMessage is all a client learns about an error that is not a
// StatusError.
const internalMessage = "The server could not complete the request."

// WriteError writes a Graph error response. A status outside 400-599 becomes
// 500; an empty code or message is derived from the status, so the body
// always has a non-empty code.
func WriteError(w http.ResponseWriter, status int, code, message string) {
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
	}
	if code == "" {
		code = CodeForStatus(status)
	}
	if message == "" {
		message = http.StatusText(status)
	}
	if message == "" { // a status net/http has no text for, such as 599
		message = fmt.Sprintf("The request failed with status %d.", status)
	}
	data, err := Marshal(errorBody{Error: errorDetail{Code: code, Message: message}})
	if err != nil {
		data = []byte(`{"error":{"code":"internalServerError","message":"` + internalMessage + `"}}`)
		status = http.StatusInternalServerError
	}
	setJSON(w.Header())
	w.WriteHeader(status)
	_, _ = w.Write(data) // a failed write means the client has gone
}

// MaxDepth is how deep ReadBody lets objects and arrays nest in a request
// body: about three times what the deepest documented example needs (11).
// Decoding open and polymorphic values scans each level's members again to
// find where they end (a fast scan, DecodeObject), so a body's cost grows
// with its depth: the bound keeps that within a small factor of its size.
const MaxDepth = 32

// MaxObjects is how many JSON objects ReadBody lets a request body of at
// most limit bytes hold: one per KiB of the limit (4,096 for the default
// 4 MiB), and at least 1,024. An object decodes to a struct of up to a few
// kilobytes, and its decoding allocates as much again (16,384 users took
// 120 MB): a body over it is answered 413 before it is decoded.
func MaxObjects(limit int64) int {
	return int(max(limit/1024, 1024))
}

// MaxValues is how many JSON values (objects, arrays, strings, numbers,
// true, false and null, at any depth) ReadBody lets a request body of at
// most limit bytes hold: one per 16 bytes of the limit (262,144 for the
// default 4 MiB), and at least 16,384. Each decodes to an interface value
// and what it holds first: a body over it is answered 413 before it is
// decoded. With MaxObjects it keeps a body's decoding within tens of
// megabytes for the default limit.
func MaxValues(limit int64) int {
	return int(max(limit/16, 16384))
}

// Marshal is json.Marshal without escaping <, > and &: Graph writes them
// as they are, and the generated MarshalJSON methods encode through it so
// that no level of a nested answer grows them sixfold (\u003c) for the
// levels above it to read again. Answers and error bodies use it too.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// HeaderError is a StatusError that sends headers with its response, such
// as Retry-After with 429.
type HeaderError interface {
	StatusError
	ErrorHeader() http.Header
}

// WriteServiceError writes the error a service method returned: a
// StatusError with its own status, code and message (and a HeaderError's
// headers), anything else as 500 with a generic message, so internal error
// text never reaches the client.
func WriteServiceError(w http.ResponseWriter, err error) {
	var se StatusError
	if errors.As(err, &se) {
		if he, ok := se.(HeaderError); ok {
			h := w.Header()
			for k, v := range he.ErrorHeader() {
				h[http.CanonicalHeaderKey(k)] = v
			}
		}
		status, code, message := se.GraphError()
		WriteError(w, status, code, message)
		return
	}
	WriteError(w, http.StatusInternalServerError, "internalServerError", internalMessage)
}

// CodeForStatus returns the Graph error code used for an HTTP status when the
// service gave none, for example "notFound" for 404: Graph's code where gen
// knows one, else the status text in lower camel case ("imATeapot" for
// 418, "badGateway" for 502), else "badRequest" below 500 and
// "internalServerError" from 500 on.
func CodeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "badRequest"
	case http.StatusUnauthorized:
		return "unauthenticated"
	case http.StatusForbidden:
		return "accessDenied"
	case http.StatusNotFound:
		return "notFound"
	case http.StatusMethodNotAllowed:
		return "methodNotAllowed"
	case http.StatusConflict:
		return "conflict"
	case http.StatusPreconditionFailed:
		return "preconditionFailed"
	case http.StatusRequestEntityTooLarge:
		return "requestEntityTooLarge"
	case http.StatusUnsupportedMediaType:
		return "unsupportedMediaType"
	case http.StatusTooManyRequests:
		return "tooManyRequests"
	case http.StatusInternalServerError:
		return "internalServerError"
	case http.StatusNotImplemented:
		return "notImplemented"
	case http.StatusServiceUnavailable:
		return "serviceUnavailable"
	}
	if code := lowerCamel(http.StatusText(status)); code != "" {
		return code
	}
	if status >= 500 {
		return "internalServerError"
	}
	return "badRequest"
}

// lowerCamel joins the words of a status text in lower camel case, letters
// and digits only: "I'm a teapot" gives "imATeapot", "HTTP Version Not
// Supported" "httpVersionNotSupported".
func lowerCamel(text string) string {
	var b []byte
	upper := false // the next letter starts a word after the first
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if upper && 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b, upper = append(b, c), false
		case c == ' ' || c == '-':
			upper = len(b) > 0
		}
	}
	return string(b)
}

// Value is the body of a response whose value is a collection or a
// primitive: {"value": ...}.
type Value struct {
	Value any `json:"value"`
	// NextLink and DeltaLink are the links of a page of a collection, set
	// by the Service method (SetNextLink, SetDeltaLink).
	NextLink  string `json:"@odata.nextLink,omitempty"`
	DeltaLink string `json:"@odata.deltaLink,omitempty"`
}

// WriteJSON writes v as a JSON response with the status. v is encoded before
// anything is written, so an encoding failure still gives a clean 500.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	data, err := Marshal(v)
	if err != nil {
		WriteError(w, http.StatusInternalServerError, "internalServerError", internalMessage)
		return
	}
	setJSON(w.Header())
	w.WriteHeader(status)
	_, _ = w.Write(data) // a failed write means the client has gone
}

// ReadBody reads and validates the JSON request body of an operation whose
// body is of the qualified type (or a collection of it, sent as a JSON
// array). On failure it writes the error response and returns false:
// 415 unless the Content-Type is application/json (parameters are allowed;
// a charset must be UTF-8, JSON's only one), 413 when the body is larger
// than limit bytes or holds more than MaxObjects(limit) objects or
// MaxValues(limit) values, 400 for an empty body, one that is not UTF-8
// (decoding would replace the bad bytes without a word), not JSON or nested
// more than MaxDepth deep, for one in which
// a name appears twice in an object (DuplicateKey) and for one that
// Validate rejects.
func ReadBody(w http.ResponseWriter, r *http.Request, limit int64, typeName string, collection bool) ([]byte, bool) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !strings.EqualFold(mt, "application/json") {
		WriteError(w, http.StatusUnsupportedMediaType, "unsupportedMediaType", "Content-Type must be application/json")
		return nil, false
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		WriteError(w, http.StatusUnsupportedMediaType, "unsupportedMediaType", fmt.Sprintf("charset %q is not UTF-8: JSON is UTF-8", cs))
		return nil, false
	}
	data, ok := readAll(w, r, limit)
	if !ok {
		return nil, false
	}
	r.Body = io.NopCloser(bytes.NewReader(data)) // for the Service, through RequestFrom
	if !utf8.Valid(data) {
		WriteError(w, http.StatusBadRequest, "badRequest", "the request body is not UTF-8 text")
		return nil, false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		WriteError(w, http.StatusBadRequest, "badRequest", "a request body is required")
		return nil, false
	}
	// A body that is not JSON is refused before anything else is made of
	// it: json.Valid allocates nothing, and its error says where.
	if msg := syntaxProblem(data); msg != "" {
		WriteError(w, http.StatusBadRequest, "badRequest", "malformed JSON in the request body: "+msg)
		return nil, false
	}
	// One pass over the bytes, before anything is decoded, finds a name
	// repeated in an object (a decode keeps only its last value), too deep
	// a nesting and too many objects or values: each "{}" of a collection
	// of structs is three bytes sent but a whole struct decoded, each "0," of
	// an array two bytes sent but an interface value and a json.Number, so a
	// body within the byte limit could otherwise take gigabytes.
	limits := scanLimits{depth: MaxDepth, objects: MaxObjects(limit), values: MaxValues(limit)}
	switch path, problem := scanBody(data, limits); problem {
	case tooDeep:
		WriteError(w, http.StatusBadRequest, "badRequest", fmt.Sprintf("the request body nests objects and arrays more than %d deep", MaxDepth))
		return nil, false
	case tooManyObjects:
		WriteError(w, http.StatusRequestEntityTooLarge, "requestEntityTooLarge", fmt.Sprintf("the request body holds more than %d objects", limits.objects))
		return nil, false
	case tooManyValues:
		WriteError(w, http.StatusRequestEntityTooLarge, "requestEntityTooLarge", fmt.Sprintf("the request body holds more than %d values", limits.values))
		return nil, false
	case repeatedName:
		WriteError(w, http.StatusBadRequest, "badRequest", fmt.Sprintf("%q appears twice in the request body", path))
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil { // valid JSON: only a reader could fail
		WriteError(w, http.StatusBadRequest, "badRequest", "malformed JSON in the request body: "+err.Error())
		return nil, false
	}
	if v == nil {
		WriteError(w, http.StatusBadRequest, "badRequest", "a request body is required, not null")
		return nil, false
	}
	if esc, _ := LoneSurrogate(data); esc != "" {
		// encoding/json would decode it as U+FFFD without a word, as it
		// does invalid UTF-8.
		WriteError(w, http.StatusBadRequest, "badRequest", fmt.Sprintf("the request body escapes a lone UTF-16 surrogate, %s, which is no character", esc))
		return nil, false
	}
	validate := Validate
	if r.Method == http.MethodPatch {
		validate = validatePatch
	}
	if err := validate(v, typeName, collection); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) {
			WriteError(w, http.StatusBadRequest, "badRequest", ve.Message)
			return nil, false
		}
		WriteError(w, http.StatusInternalServerError, "internalServerError", internalMessage)
		return nil, false
	}
	if obj, ok := v.(map[string]any); ok {
		if s := servedFrom(r.Context()); s != nil {
			s.body = obj // for Sent, which few methods call: kept, not indexed
			s.bodyType = typeName
		}
	}
	return data, true
}

// LoneSurrogate returns the first \u escape in data, a valid JSON text, of
// half a surrogate pair without its other half ("\ud800") and its offset,
// or "" and -1.
func LoneSurrogate(data []byte) (esc string, at int) {
	for i := bytes.IndexByte(data, '\\'); i >= 0 && i+1 < len(data); {
		step := 2 // an escape such as \n
		if data[i+1] == 'u' && i+6 <= len(data) {
			step = 6
			switch r := hex4(data[i+2 : i+6]); {
			case r >= 0xD800 && r <= 0xDBFF:
				if i+12 <= len(data) && data[i+6] == '\\' && data[i+7] == 'u' {
					if lo := hex4(data[i+8 : i+12]); lo >= 0xDC00 && lo <= 0xDFFF {
						step = 12
						break
					}
				}
				return string(data[i : i+6]), i
			case r >= 0xDC00 && r <= 0xDFFF:
				return string(data[i : i+6]), i
			}
		}
		next := bytes.IndexByte(data[i+step:], '\\')
		if next < 0 {
			break
		}
		i += step + next
	}
	return "", -1
}

// hex4 is the value of four hex digits, or -1.
func hex4(b []byte) int {
	n := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			n = n<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			n = n<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			n = n<<4 | int(c-'A'+10)
		default:
			return -1
		}
	}
	return n
}

// ReadJSON reads and validates the JSON request body as ReadBody does and
// decodes it into v, a pointer. On failure it writes the error response and
// returns false.
func ReadJSON(w http.ResponseWriter, r *http.Request, limit int64, typeName string, collection bool, v any) bool {
	data, ok := ReadBody(w, r, limit, typeName, collection)
	if !ok {
		return false
	}
	if err := json.Unmarshal(data, v); err != nil {
		WriteDecodeError(w, typeName)
		return false
	}
	return true
}

// syntaxProblem says why data is not JSON, with the byte offset, or "" when
// it is. Nesting deeper than encoding/json reads (10,000 levels) is JSON
// still: the scan that follows reports it as too deep.
func syntaxProblem(data []byte) string {
	if json.Valid(data) {
		return ""
	}
	err := syntaxError(data)
	var se *json.SyntaxError
	switch {
	case strings.Contains(err.Error(), "exceeded max depth"):
		return ""
	case errors.As(err, &se):
		return fmt.Sprintf("%s (at byte %d)", err, se.Offset)
	}
	return err.Error()
}

// ReadOptionalJSON is ReadJSON for the parameters of an action none of
// which is required: a request that sends no body at all (no Content-Type,
// no bytes) passes none, and v is left as it is. A body that is sent is
// read and validated as ReadJSON does.
func ReadOptionalJSON(w http.ResponseWriter, r *http.Request, limit int64, typeName string, v any) bool {
	if r.Header.Get("Content-Type") != "" {
		return ReadJSON(w, r, limit, typeName, false, v)
	}
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return true
	}
	if r.ContentLength < 0 {
		// Sent chunked, of a length not told: a client that streams
		// whatever it has (Go's http.Client for an io.Reader) may send no
		// byte. One byte read tells; it is put back for ReadJSON.
		var first [1]byte
		n, err := io.ReadFull(r.Body, first[:])
		if n == 0 && err == io.EOF {
			return true
		}
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(first[:n]), r.Body), r.Body}
	}
	return ReadJSON(w, r, limit, typeName, false, v)
}

// WriteNoContent answers the result of a service method that returns no
// value: err as WriteServiceError does, else the status with no body.
func WriteNoContent(w http.ResponseWriter, status int, err error) {
	if err != nil {
		WriteServiceError(w, err)
		return
	}
	status, _ = answerHeader(w, status)
	w.WriteHeader(status)
}

// WriteRedirect answers the result of a service method that redirects: err
// as WriteServiceError does, 304 with no Location when the method chose it
// (SetStatus), an empty location as 500, else the status with the Location
// header and no body.
func WriteRedirect(w http.ResponseWriter, status int, location string, err error) {
	if err != nil {
		WriteServiceError(w, err)
		return
	}
	if s := servedBy(w); s != nil && s.status == http.StatusNotModified && answeredBodiless(w) {
		return // the client's copy is current: no redirect to it
	}
	if location == "" {
		WriteError(w, http.StatusInternalServerError, "internalServerError", "the operation redirects, but to no location")
		return
	}
	answerHeader(w, status) // a redirect keeps its status
	w.Header().Set("Location", location)
	w.WriteHeader(status)
}

// WriteEntity answers the result of a service method that returns one
// entity or complex value: err as WriteServiceError does, the status the
// method chose with no body when it carries none (SetStatus: 204, 205,
// 304), whatever out is, a nil out as 500, else out as JSON with the
// status (or the one the method chose). When odataType is not empty and out
// does not say its @odata.type, the response says odataType, such as
// "#microsoft.graph.user". A json.RawMessage gets no @odata.type added and
// goes out as it is but for the '#' that type names of the service's types
// take (see hashTypeNames).
func WriteEntity(w http.ResponseWriter, status int, out any, err error, odataType string) {
	if err != nil {
		WriteServiceError(w, err)
		return
	}
	if answeredBodiless(w) {
		return
	}
	if isNil(out) {
		WriteError(w, http.StatusInternalServerError, "internalServerError", "")
		return
	}
	var data []byte
	if raw, ok := out.(json.RawMessage); ok {
		// JSON the method made itself goes out as it is, if it is JSON
		// (but for the '#' of type names).
		if !json.Valid(raw) {
			WriteError(w, http.StatusInternalServerError, "internalServerError", internalMessage)
			return
		}
		data = raw
	} else if data, err = Marshal(out); err != nil {
		WriteError(w, http.StatusInternalServerError, "internalServerError", internalMessage)
		return
	}
	data = hashTypeNames(data)
	_, raw := out.(json.RawMessage)
	if odataType != "" && !raw && len(data) > 1 && data[0] == '{' && !bytes.HasPrefix(data, []byte(`{"@odata.type":`)) {
		name, _ := json.Marshal(odataType)
		typed := append([]byte(`{"@odata.type":`), name...)
		if rest := bytes.TrimSpace(data[1:]); len(rest) > 0 && rest[0] != '}' {
			typed = append(typed, ',')
		}
		data = append(typed, data[1:]...)
	}
	writeAnswer(w, status, data)
}

// writeAnswer writes a success answer's JSON body with the status, or the
// one the Service method set (SetStatus), and the headers it set; no body
// for a status that carries none.
func writeAnswer(w http.ResponseWriter, status int, data []byte) {
	status, body := answerHeader(w, status)
	if !body {
		w.WriteHeader(status)
		return
	}
	setJSON(w.Header())
	w.WriteHeader(status)
	_, _ = w.Write(data) // a failed write means the client has gone
}

// typeKey is how encoding/json writes an @odata.type member and the quote
// that opens its value.
var typeKey = []byte(`"@odata.type":"`)

// hashTypeNames writes every @odata.type value of data, as encoding/json
// encoded it, that names a type of the service with the '#' OData JSON puts
// before a type name: a client may send "microsoft.graph.phone", and what
// the service answers says "#microsoft.graph.phone" as Graph does. A name
// the schema does not have, in JSON the service passes through untyped, is
// left as it is. (Inside a string value the quotes would be escaped, so
// only members match.)
func hashTypeNames(data []byte) []byte {
	var out []byte
	done := 0 // data[:done] is in out
	for i := 0; ; {
		j := bytes.Index(data[i:], typeKey)
		if j < 0 {
			break
		}
		at := i + j + len(typeKey)
		if at < len(data) && data[at] != '#' && data[at] != '"' && !escaped(data, i+j) && namesType(data[at:]) {
			out = append(append(out, data[done:at]...), '#')
			done = at
		}
		i = at
	}
	if out == nil {
		return data
	}
	return append(out, data[done:]...)
}

// escaped reports whether the quote at data[i] is escaped: preceded by an
// odd number of backslashes, as in a member named k"@odata.type.
func escaped(data []byte, i int) bool {
	n := 0
	for i--; i >= 0 && data[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// namesType reports whether the JSON string that rest starts inside (after
// its opening quote) is the name of a registered type.
func namesType(rest []byte) bool {
	end := bytes.IndexAny(rest, "\"\\")
	return end > 0 && rest[end] == '"' && Lookup(string(rest[:end])) != nil
}

// WriteValue answers the result of a service method that returns a
// collection or a primitive or enum value: err as WriteServiceError does,
// the status the method chose with no body when it carries none (see
// WriteEntity), else {"value": out} with the status (or the one the method
// chose); a nil collection is written []. A
// collection carries the links its Service method set (SetNextLink,
// SetDeltaLink).
func WriteValue(w http.ResponseWriter, status int, out any, err error, collection bool) {
	if err != nil {
		WriteServiceError(w, err)
		return
	}
	if answeredBodiless(w) {
		return
	}
	v := Value{Value: out}
	if collection {
		if isNil(out) {
			v.Value = []struct{}{}
		}
		if s := servedBy(w); s != nil {
			v.NextLink, v.DeltaLink = s.nextLink, s.deltaLink
		}
	}
	data, err := Marshal(v)
	if err != nil {
		WriteError(w, http.StatusInternalServerError, "internalServerError", internalMessage)
		return
	}
	data = hashTypeNames(data)
	writeAnswer(w, status, data) // only now that the answer is sure to be a success
}

// isNil reports whether v is nil or holds a nil pointer, slice, map or
// interface.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// WriteDecodeError answers a body that passed validation but could not be
// decoded into the Go type.
func WriteDecodeError(w http.ResponseWriter, typeName string) {
	WriteError(w, http.StatusBadRequest, "badRequest", "the request body is not a valid "+typeName)
}

// NotFound answers every path no operation serves with a Graph error.
func NotFound() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, http.StatusNotFound, "notFound", fmt.Sprintf("no resource at %s", r.URL.Path))
	})
}

// MethodNotAllowed answers a known path requested with another method: 405
// with an Allow header listing the methods. GET implies HEAD.
func MethodNotAllowed(methods ...string) http.Handler {
	allowed := append([]string(nil), methods...)
	for _, m := range methods {
		if m == http.MethodGet {
			allowed = append(allowed, http.MethodHead)
		}
	}
	sort.Strings(allowed)
	allow := strings.Join(allowed, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		WriteError(w, http.StatusMethodNotAllowed, "methodNotAllowed", fmt.Sprintf("%s is not allowed on this resource; allowed: %s", r.Method, allow))
	})
}

// readAll reads the request body up to limit bytes; a larger or unreadable
// body is answered (413, 400) and ok is false.
func readAll(w http.ResponseWriter, r *http.Request, limit int64) (data []byte, ok bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			WriteError(w, http.StatusRequestEntityTooLarge, "requestEntityTooLarge", fmt.Sprintf("the request body is larger than %d bytes", limit))
			return nil, false
		}
		WriteError(w, http.StatusBadRequest, "badRequest", "the request body could not be read")
		return nil, false
	}
	return data, true
}

// BodyODataType reads the request body, puts it back for the handler that
// serves the request, and returns the @odata.type it names, without '#',
// as written (type names are case-sensitive, as the validator reads them);
// "" when it names none or is no JSON object. A generated
// handler uses it where several operations document one method and path
// (one per derived type of the body) to pick the operation. ok is false
// when the body could not be read; the error is answered.
func BodyODataType(w http.ResponseWriter, r *http.Request, limit int64) (name string, ok bool) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || !strings.EqualFold(mt, "application/json") {
		return "", true // no JSON: the operation's own ReadBody answers 415
	}
	data, ok := readAll(w, r, limit)
	if !ok {
		return "", false
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	name, _ = ODataType(data)
	return name, true
}

// IsNull reports whether raw is absent or the JSON null.
func IsNull(raw []byte) bool {
	s := bytes.TrimSpace(raw)
	return len(s) == 0 || string(s) == "null"
}

// ODataType returns the @odata.type of the JSON object raw without the
// leading '#', or "" when it has none.
func ODataType(raw []byte) (string, error) {
	if !json.Valid(raw) {
		return "", syntaxError(raw)
	}
	return odataType(raw)
}

// odataType is ODataType for raw that its decoder checks: it reads only the
// names of the members and the value of @odata.type (the last one given,
// as encoding/json would take).
func odataType(raw []byte) (string, error) {
	var t json.RawMessage
	err := eachMember(raw, reflect.TypeOf(map[string]json.RawMessage{}), func(name, value []byte) error {
		if string(name) == "@odata.type" {
			t = value
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if t == nil || IsNull(t) {
		return "", nil
	}
	var name string
	if err := json.Unmarshal(t, &name); err != nil {
		return "", fmt.Errorf("@odata.type must be a string")
	}
	return strings.TrimPrefix(name, "#"), nil
}

// AddProperties appends the members of extra, sorted by name, to the
// encoded JSON object data, skipping names data already has. Generated
// MarshalJSON methods of open types use it to write dynamic properties.
func AddProperties(data []byte, extra map[string]json.RawMessage) ([]byte, error) {
	if len(extra) == 0 {
		return data, nil
	}
	var have map[string]json.RawMessage
	if err := json.Unmarshal(data, &have); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(extra))
	for k := range extra {
		if _, dup := have[k]; !dup {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	out := bytes.TrimRight(data, " \n")
	out = append([]byte(nil), out[:len(out)-1]...) // drop the closing brace
	for _, k := range names {
		v := extra[k]
		if !json.Valid(v) {
			return nil, fmt.Errorf("dynamic property %q is not valid JSON", k)
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		key, _ := Marshal(k)
		out = append(append(append(out, key...), ':'), v...)
	}
	return append(out, '}'), nil
}

// setJSON marks an answer as JSON, and tells browsers not to guess
// otherwise: messages quote what clients sent (a path, a property name).
func setJSON(h http.Header) {
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
}
