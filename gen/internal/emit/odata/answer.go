package odata

import (
	"context"
	"net/http"
	"strings"
)

// What a Service method adds to its success answer besides the value it
// returns, through the context the handler passes it: headers (Location for
// a 201 or 202, ETag) and the links of a page of a collection.

// served is the request a route serves and what its Service method set on
// the answer.
type served struct {
	r         *http.Request
	header    http.Header
	nextLink  string
	deltaLink string
	status    int // the success status the method chose (SetStatus); 0 for the documented one
	// body is the JSON object body the handler read and validated as
	// bodyType, decoded (see Sent).
	body     map[string]any
	bodyType string
}

type servedKey struct{}

func servedFrom(ctx context.Context) *served {
	s, _ := ctx.Value(servedKey{}).(*served)
	return s
}

// RequestFrom returns the request a generated handler serves, from the
// context it passes to a Service method, or nil for any other context. A
// method reads what its parameters do not carry from it: query options
// ($select, $filter, $top, a delta token), headers, and, for an operation
// documented on several paths, which one was asked (Request.Pattern, or
// Request.URL for a route matched by expression). When the handler read a
// body, Request.Body reads the same bytes again: instance annotations such
// as "manager@odata.bind" are there as the client wrote them (Sent tells a
// member sent as null from one left out).
func RequestFrom(ctx context.Context) *http.Request {
	if s := servedFrom(ctx); s != nil {
		return s.r
	}
	return nil
}

// Sent reports whether the JSON object body that a generated handler read
// for the request has a member named name, and whether its value is null,
// from the context the handler passes to a Service method. A decoded body
// cannot tell the two apart: a PATCH sends "x": null to clear x and leaves
// x out to keep it as it is, and both decode to the zero value. Names are
// compared as the handler matches them: exactly, but for an action's
// parameters (a request-body table's struct), which match regardless of
// case. Both results are false for a context a generated handler did not
// pass, or a body that is not a JSON object.
func Sent(ctx context.Context, name string) (sent, null bool) {
	s := servedFrom(ctx)
	if s == nil || s.body == nil {
		return false, false
	}
	v, sent := s.body[name]
	if !sent {
		// An action's parameters match regardless of case; the handler
		// refuses one sent twice in different case, so at most one does.
		if t := Lookup(s.bodyType); t != nil && t.Request {
			for k, kv := range s.body {
				if strings.EqualFold(k, name) {
					v, sent = kv, true
				}
			}
		}
	}
	return sent, sent && v == nil
}

// ResponseHeader returns the header of the answer to the request, from the
// context a generated handler passes to a Service method, or nil for any
// other context: what is set there is sent with a success answer, such as
// the Location of a created object or an ETag; an error answer (the method
// returned an error, or panicked) goes without it: an error's own headers
// (Retry-After) come from the error (HeaderError).
func ResponseHeader(ctx context.Context) http.Header {
	if s := servedFrom(ctx); s != nil {
		return s.header
	}
	return nil
}

// SetNextLink makes the answer of a method that returns a collection one
// page of it: {"value": [...], "@odata.nextLink": link}, link being the URL
// of the next page. It does nothing for a context a generated handler did
// not pass.
func SetNextLink(ctx context.Context, link string) {
	if s := servedFrom(ctx); s != nil {
		s.nextLink = link
	}
}

// SetDeltaLink makes the answer of a method that returns a collection, the
// last page of a delta query, carry "@odata.deltaLink": link, the URL that
// returns the changes made after it. It does nothing for a context a
// generated handler did not pass.
func SetDeltaLink(ctx context.Context, link string) {
	if s := servedFrom(ctx); s != nil {
		s.deltaLink = link
	}
}

// SetStatus makes the success answer of the request carry status instead
// of the documented one, from the context a generated handler passes to a
// Service method: 201 for a PUT that created what it would otherwise have
// replaced (200), or 304 Not Modified for a GET whose If-None-Match names
// the current ETag, which is answered without a body (so are 204 and 205),
// whatever the method returns but an error: it may return nil. A status
// outside 200-299 other than 304 is ignored, as is a context a generated
// handler did not pass; an operation that answers a redirect takes only
// 304, keeping its own status otherwise. An error the method returns is
// answered as ever.
func SetStatus(ctx context.Context, status int) {
	if s := servedFrom(ctx); s != nil && (status >= 200 && status <= 299 || status == http.StatusNotModified) {
		s.status = status
	}
}

// answerHeader adds the headers the Service method set to a success
// answer, and returns the answer's status: the documented one, status, or
// the one the method set (SetStatus); body is false for a status that
// carries none (204, 205, 304). An error answer goes without the headers (a
// Location for an object never created). Headers that describe the body's
// bytes (Content-Length, Content-Encoding, Transfer-Encoding) are the
// handler's to set, not the method's: the body is the handler's JSON.
func answerHeader(w http.ResponseWriter, status int) (_ int, body bool) {
	s := servedBy(w)
	if s == nil {
		return status, bodyStatus(status)
	}
	if s.status != 0 {
		status = s.status
	}
	body = bodyStatus(status)
	h := w.Header()
	for k, v := range s.header {
		switch http.CanonicalHeaderKey(k) {
		case "Content-Length", "Content-Encoding", "Transfer-Encoding":
			continue
		case "Content-Type":
			if !body {
				continue // no body to describe
			}
		}
		h[k] = v
	}
	return status, body
}

// answeredBodiless answers the request with no body when its Service
// method chose a status that carries none (SetStatus: 204, 205, 304), and
// reports whether it did: the method's value, nil or not, is not sent.
func answeredBodiless(w http.ResponseWriter) bool {
	s := servedBy(w)
	if s == nil || s.status == 0 || bodyStatus(s.status) {
		return false
	}
	status, _ := answerHeader(w, s.status)
	w.WriteHeader(status)
	return true
}

// bodyStatus reports whether an answer with the status carries a body:
// 204 No Content, 205 Reset Content and 304 Not Modified do not.
func bodyStatus(status int) bool {
	return status != http.StatusNoContent && status != http.StatusResetContent && status != http.StatusNotModified
}

// servedBy returns what the Service method serving the request written to
// w set on its answer, or nil when w is not a generated handler's.
func servedBy(w http.ResponseWriter) *served {
	if pw, ok := w.(*panicWriter); ok {
		return pw.served
	}
	return nil
}
