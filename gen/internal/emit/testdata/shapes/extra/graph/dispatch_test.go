package graph

// Hand-written tests copied into the generated module by
// gen/internal/emit TestGeneratedModule.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// post sends a JSON body to the handler over svc and returns its answer.
func post(svc Service, path, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	NewHandler(svc).ServeHTTP(rec, req)
	return rec
}

// dispatchService records which of the operations sharing a route served.
type dispatchService struct {
	UnimplementedService
	served string
}

func (s *dispatchService) CreateItem(_ context.Context, _ string, in AnyDriveItem) (AnyDriveItem, error) {
	s.served = "CreateItem"
	return in, nil
}

func (s *dispatchService) CreateFolder(_ context.Context, _ string, in *Folder) (*Folder, error) {
	s.served = "CreateFolder"
	return in, nil
}

// TestDispatchByODataType: where two operations share a method and path,
// the body's @odata.type picks one, spelled exactly as the type is (type
// names are case-sensitive); another spelling is the most general
// operation's, whose validation refuses it.
func TestDispatchByODataType(t *testing.T) {
	for _, c := range []struct {
		body, served string
		status       int
	}{
		{`{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`, "CreateFolder", http.StatusCreated},
		{`{"name": "a.txt"}`, "CreateItem", http.StatusCreated},
		{`{"@odata.type": "#Microsoft.Graph.Folder", "name": "docs"}`, "", http.StatusBadRequest},
	} {
		svc := &dispatchService{}
		rec := post(svc, "/drives/d1/items", c.body)
		assert.Equal(t, c.status, rec.Code, c.body)
		assert.Equal(t, c.served, svc.served, c.body)
	}
}

func (s *dispatchService) CreateBundleFolder(_ context.Context, _ string, in *Folder) (*Folder, error) {
	s.served = "CreateBundleFolder"
	return in, nil
}

func (s *dispatchService) CreateBundleNotebook(_ context.Context, _ string, in *Notebook) (*Notebook, error) {
	s.served = "CreateBundleNotebook"
	return in, nil
}

// TestDispatchBetweenSiblings: where the operations sharing a route take
// sibling types, neither a base of the other, a body naming neither type
// is answered 400 instead of being handed to one of them.
func TestDispatchBetweenSiblings(t *testing.T) {
	for _, c := range []struct {
		body, served string
		status       int
	}{
		{`{"@odata.type": "#microsoft.graph.notebook", "name": "notes"}`, "CreateBundleNotebook", http.StatusCreated},
		{`{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`, "CreateBundleFolder", http.StatusCreated},
		{`{"name": "docs"}`, "", http.StatusBadRequest},
		{`{"@odata.type": "#microsoft.graph.driveItem", "name": "docs"}`, "", http.StatusBadRequest},
	} {
		svc := &dispatchService{}
		rec := post(svc, "/drives/d1/items/bundles", c.body)
		assert.Equal(t, c.status, rec.Code, c.body)
		assert.Equal(t, c.served, svc.served, c.body)
		if c.status == http.StatusBadRequest {
			assert.Contains(t, rec.Body.String(), "one of #microsoft.graph.folder, #microsoft.graph.notebook", c.body)
		}
	}
}

func (s *dispatchService) AddFolderUnder(_ context.Context, driveID, itemID string, in *Folder) (*Folder, error) {
	s.served = "AddFolderUnder " + driveID + " " + itemID
	return in, nil
}

func (s *dispatchService) AddNotebookUnder(_ context.Context, driveID, parentID string, in *Notebook) (*Notebook, error) {
	s.served = "AddNotebookUnder " + driveID + " " + parentID
	return in, nil
}

// TestDispatchAcrossPlaceholderNames: pages that name one path's
// placeholder differently ({item-id}, {parent-id}) still share its route,
// and each gets the path's values in its own parameters.
func TestDispatchAcrossPlaceholderNames(t *testing.T) {
	for body, served := range map[string]string{
		`{"@odata.type": "#microsoft.graph.notebook", "name": "notes"}`: "AddNotebookUnder d1 i1",
		`{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`:    "AddFolderUnder d1 i1",
	} {
		svc := &dispatchService{}
		rec := post(svc, "/drives/d1/items/i1/children", body)
		assert.Equal(t, http.StatusCreated, rec.Code, body)
		assert.Equal(t, served, svc.served, body)
	}
}
