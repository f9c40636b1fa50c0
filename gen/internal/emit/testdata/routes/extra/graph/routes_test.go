package graph

// Hand-written tests copied into the generated module by
// gen/internal/emit TestGeneratedModule: every kind of path the router
// serves reaches its operation with the right parameters.

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// callService records the operation called and its parameters.
type callService struct {
	UnimplementedService
	op     string
	params []string
	boom   bool // panic instead
}

func (s *callService) thing(op string, params ...string) (*Thing, error) {
	s.op, s.params = op, params
	if s.boom {
		panic("boom")
	}
	return &Thing{ID: "1"}, nil
}

func (s *callService) CancelRequest(_ context.Context, requestid string) error {
	_, err := s.thing("CancelRequest", requestid)
	return err
}

func (s *callService) DeltaThings(context.Context) (*Thing, error) { return s.thing("DeltaThings") }

func (s *callService) GetCell(_ context.Context, idName, row, column string) (*Thing, error) {
	return s.thing("GetCell", idName, row, column)
}

func (s *callService) GetContent(_ context.Context, itemPath, driveID, itemID string) error {
	_, err := s.thing("GetContent", itemPath, driveID, itemID)
	return err
}

func (s *callService) GetEmailActivityCounts(_ context.Context, periodValue string) (*Thing, error) {
	return s.thing("GetEmailActivityCounts", periodValue)
}

func (s *callService) GetTeamsUserActivityCounts(context.Context) (*Thing, error) {
	return s.thing("GetTeamsUserActivityCounts")
}

func (s *callService) GetThing(_ context.Context, thingID string) (*Thing, error) {
	return s.thing("GetThing", thingID)
}

func (s *callService) GetTimeoutPolicy(_ context.Context, id string) (*Thing, error) {
	return s.thing("GetTimeoutPolicy", id)
}

func (s *callService) ListPolicyAppliesTo(_ context.Context, id string) (*Thing, error) {
	return s.thing("ListPolicyAppliesTo", id)
}

func (s *callService) RemoveMember(_ context.Context, id, id2 string) error {
	_, err := s.thing("RemoveMember", id, id2)
	return err
}

func (s *callService) UpdateThing(_ context.Context, id string) (*Thing, error) {
	return s.thing("UpdateThing", id)
}

func TestRoutesReachTheirOperation(t *testing.T) {
	for _, c := range []struct {
		method, target string
		op             string
		params         []string
	}{
		// Function segments with a parameter inside: on the fallback router.
		{"GET", "/reports/getEmailActivityCounts(period='D7')", "GetEmailActivityCounts", []string{"D7"}},
		{"GET", "/reports/getEmailActivityCounts(period=%27D%2F7%27)", "GetEmailActivityCounts", []string{"D/7"}},
		{"HEAD", "/reports/getEmailActivityCounts(period='D7')", "GetEmailActivityCounts", []string{"D7"}},
		{"POST", "/privilegedRoleAssignmentRequests('7')/cancel", "CancelRequest", []string{"7"}}, // a string literal where the docs write no quotes
		// Several parameters in one segment.
		{"GET", "/workbook/worksheets/Sheet1/Cell(row=5,column=6)", "GetCell", []string{"Sheet1", "5", "6"}},
		// A function's arguments in another order, and spaced.
		{"GET", "/workbook/worksheets/Sheet1/Cell(column=6,row=5)", "GetCell", []string{"Sheet1", "5", "6"}},
		{"GET", "/workbook/worksheets/Sheet1/Cell(%20column%20=%206,%20row=5%20)", "GetCell", []string{"Sheet1", "5", "6"}},
		// Path addressing: the path may span segments.
		{"GET", "/me/drive/root:/Documents/a%20b.txt:/content", "GetContent", []string{"Documents/a b.txt", "", ""}},
		{"GET", "/drives/d1/items/i%2F1/content", "GetContent", []string{"", "d1", "i/1"}},
		// A function segment with only literals: on the fallback router too,
		// which allows for spaces.
		{"GET", "/reports/getTeamsUserActivityCounts(period='D7')", "GetTeamsUserActivityCounts", nil},
		{"GET", "/reports/getTeamsUserActivityCounts(%20period%20=%20'D7'%20)", "GetTeamsUserActivityCounts", nil},
		// Conflicting patterns: one on the ServeMux, one on the fallback.
		{"GET", "/policies/p1/appliesTo", "ListPolicyAppliesTo", []string{"p1"}},
		{"GET", "/policies/activityBasedTimeoutPolicies/p2", "GetTimeoutPolicy", []string{"p2"}},
		// One path, several operations and parameter names.
		{"GET", "/things/t1", "GetThing", []string{"t1"}},
		{"PATCH", "/things/t1", "UpdateThing", []string{"t1"}},
		{"GET", "/things/delta", "DeltaThings", nil},
		// A parameter named twice in one path.
		{"DELETE", "/things/1/members/2/$ref", "RemoveMember", []string{"1", "2"}},
		// Literal segments and function names in any letter case; values
		// as the client spells them.
		{"GET", "/THINGS/Delta", "DeltaThings", nil},
		{"GET", "/Things/T1", "GetThing", []string{"T1"}},
		{"DELETE", "/things/DELTA/Members/2/$REF", "RemoveMember", []string{"DELTA", "2"}},
		{"GET", "/Reports/GetEmailActivityCounts(period='D7')", "GetEmailActivityCounts", []string{"D7"}},
		{"GET", "/Workbook/Worksheets/Delta/cell(row=5,column=6)", "GetCell", []string{"Delta", "5", "6"}},
		// A quoted value ends at its closing quote; a doubled quote in it
		// is one quote.
		{"GET", "/reports/getEmailActivityCounts(period='it''s')", "GetEmailActivityCounts", []string{"it's"}},
	} {
		t.Run(c.method+" "+c.target, func(t *testing.T) {
			svc := &callService{}
			rec := httptest.NewRecorder()
			var body *strings.Reader
			if c.method == "PATCH" {
				body = strings.NewReader(`{}`)
			} else {
				body = strings.NewReader("")
			}
			req := httptest.NewRequest(c.method, c.target, body)
			req.Header.Set("Content-Type", "application/json")
			NewHandler(svc).ServeHTTP(rec, req)
			require.Less(t, rec.Code, 300, rec.Body.String())
			assert.Equal(t, c.op, svc.op)
			assert.Equal(t, c.params, svc.params)
		})
	}
}

func TestRoutesAnswerOtherMethodsAndPaths(t *testing.T) {
	for _, c := range []struct {
		method, target string
		status         int
		allow          string
	}{
		{"POST", "/reports/getEmailActivityCounts(period='D7')", http.StatusMethodNotAllowed, "GET, HEAD"},
		{"GET", "/privilegedRoleAssignmentRequests('7')/cancel", http.StatusMethodNotAllowed, "POST"},
		{"PUT", "/policies/p1/appliesTo", http.StatusMethodNotAllowed, "GET, HEAD"},
		{"PUT", "/me/drive/root:/a/b:/content", http.StatusMethodNotAllowed, "GET, HEAD"},
		{"DELETE", "/things/delta", http.StatusMethodNotAllowed, "GET, HEAD, PATCH"},
		{"POST", "/things/t1", http.StatusMethodNotAllowed, "GET, HEAD, PATCH"},
		{"GET", "/reports/getEmailActivityCounts", http.StatusNotFound, ""},
		{"GET", "/workbook/worksheets/Sheet1/Cell(row=5)", http.StatusNotFound, ""},
		// An argument the function does not have, or one given twice.
		{"GET", "/reports/getEmailActivityCounts(period='D7',x='1')", http.StatusNotFound, ""},
		{"GET", "/reports/getEmailActivityCounts(period='D7',period='D30')", http.StatusNotFound, ""},
		{"GET", "/workbook/worksheets/Sheet1/Cell(row=5,column=6,row=7)", http.StatusNotFound, ""},
		{"DELETE", "/THINGS/DELTA", http.StatusMethodNotAllowed, "GET, HEAD, PATCH"},
	} {
		t.Run(c.method+" "+c.target, func(t *testing.T) {
			svc := &callService{}
			rec := httptest.NewRecorder()
			NewHandler(svc).ServeHTTP(rec, httptest.NewRequest(c.method, c.target, nil))
			assert.Equal(t, c.status, rec.Code, rec.Body.String())
			assert.Equal(t, c.allow, rec.Header().Get("Allow"))
			assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
			assert.Contains(t, rec.Body.String(), `"error":{"code":`)
			assert.Empty(t, svc.op, "no operation is called")
		})
	}
}

// TestPanicsAnswer500: a Service method that panics gets the client a 500
// Graph error, on the ServeMux and on the fallback router alike.
func TestPanicsAnswer500(t *testing.T) {
	defer log.SetOutput(log.Writer())
	log.SetOutput(io.Discard) // the panic and its stack
	for _, target := range []string{"/things/t1", "/reports/getEmailActivityCounts(period='D7')"} {
		rec := httptest.NewRecorder()
		NewHandler(&callService{boom: true}).ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		assert.Equal(t, http.StatusInternalServerError, rec.Code, target)
		assert.Contains(t, rec.Body.String(), `"error":{"code":"internalServerError"`, target)
	}
}
