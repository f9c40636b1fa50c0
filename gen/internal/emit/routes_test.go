package emit

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
)

// routingOf works out the routing table of the graph package of p.
func routingOf(t *testing.T, p *ir.Program, warn func(diag.Diagnostic)) *routing {
	t.Helper()
	g, err := newGenerator(p, Options{ModulePath: "m", Warn: warn})
	require.NoError(t, err)
	rt, err := g.routes(g.pkg["graph"])
	require.NoError(t, err)
	return rt
}

// TestRoutingPlacement checks where each kind of path is served: on the
// ServeMux when a pattern expresses it and conflicts with none, else on the
// fallback router.
func TestRoutingPlacement(t *testing.T) {
	var warnings []string
	rt := routingOf(t, buildRoutes(), func(d diag.Diagnostic) { warnings = append(warnings, d.String()) })
	where := map[string]string{}
	for _, r := range rt.mux {
		where[r.method+" "+r.doc] = "mux " + r.pattern()
	}
	for _, r := range rt.fallback {
		where[r.method+" "+r.doc] = "fallback " + r.expr
	}
	assert.Equal(t, map[string]string{
		"GET /reports/getEmailActivityCounts(period='{period_value}')":       `fallback ^(?i:/reports/getEmailActivityCounts)\s*\(\s*period\s*=\s*'(?P<period_value>(?:[^'/]|'')*)'\s*\)$`,
		"GET /reports/getTeamsUserActivityCounts(period='D7')":               `fallback ^(?i:/reports/getTeamsUserActivityCounts)\s*\(\s*period\s*=\s*'D7'\s*\)$`,
		"POST /privilegedRoleAssignmentRequests({requestid})/cancel":         `fallback ^(?i:/privilegedRoleAssignmentRequests)\s*\(\s*(?P<requestid>` + argumentValueExpr + `)\s*\)(?i:/cancel)$`,
		"GET /workbook/worksheets/{id|name}/Cell(row={row},column={column})": `fallback ^(?i:/workbook/worksheets)/(?P<idName>[^/]+)(?i:/Cell)\s*\(\s*column\s*=\s*(?P<column>` + argumentValueExpr + `)\s*,\s*row\s*=\s*(?P<row>` + argumentValueExpr + `)\s*\)$`,
		"GET /me/drive/root:/{item-path}:/content":                           "fallback ^(?i:/me/drive/root:)/(?P<itemPath>[^:]+):(?i:/content)$",
		"GET /drives/{drive-id}/items/{item-id}/content":                     "mux GET /drives/{driveID}/items/{itemID}/content",
		"GET /policies/activityBasedTimeoutPolicies/{id}":                    "mux GET /policies/activityBasedTimeoutPolicies/{activityBasedTimeoutPolicyId}",
		"GET /policies/{id}/appliesTo":                                       "fallback ^(?i:/policies)/(?P<policyId>[^/]+)(?i:/appliesTo)$",
		"GET /things/{thing-id}":                                             "mux GET /things/{thingID}",
		"PATCH /things/{id}":                                                 "mux PATCH /things/{thingId}",
		"GET /things/delta":                                                  "mux GET /things/delta",
		"DELETE /things/{id}/members/{id}/$ref":                              "mux DELETE /things/{thingId}/members/{memberId}/$ref",
	}, where)
	for _, r := range rt.fallback {
		if r.doc == "/policies/{id}/appliesTo" {
			assert.Contains(t, r.why, "conflicts with pattern")
		}
	}
	// The 405 patterns of /things/delta and /things/{id} conflict with the
	// routes of the other path; the fallback answers 405 there.
	var paths []string
	for _, p := range rt.paths {
		paths = append(paths, p.muxPath)
	}
	assert.NotContains(t, paths, "/things/delta")
	assert.NotContains(t, paths, "/things/{id}")
	assert.Contains(t, paths, "/things/{thingId}/members/{memberId}/$ref")
	assert.Equal(t, []string{
		"api/thing-get-expanded.md:1:1: warning unrouted-path: operation GetThingExpanded is not served on GET /things/{id}: operation GetThing (api/thing-get.md) documents the same method and path",
	}, warnings)
}

// TestRoutingSimulation sends requests through the routing table as the
// generated handler builds it.
func TestRoutingSimulation(t *testing.T) {
	sim, err := routingOf(t, buildRoutes(), nil).newSimulator()
	require.NoError(t, err)
	for _, c := range []struct {
		method, target string
		op             string
		values         []string
		status         int
	}{
		{"GET", "/reports/getEmailActivityCounts(period='D7')", "GetEmailActivityCounts", []string{"D7"}, 0},
		{"GET", "/reports/getEmailActivityCounts(period=%27D%25%27)", "GetEmailActivityCounts", []string{"D%"}, 0},
		{"GET", "/workbook/worksheets/s/Cell(row=1,column=2)", "GetCell", []string{"s", "1", "2"}, 0},
		{"GET", "/workbook/worksheets/s/Cell(row=1,%20column%20=%202%20)", "GetCell", []string{"s", "1", "2"}, 0},
		{"GET", "/workbook/worksheets/s/Cell(row=1%20,column=2)", "GetCell", []string{"s", "1", "2"}, 0},
		// A function's arguments come in any order.
		{"GET", "/workbook/worksheets/s/Cell(column=2,row=1)", "GetCell", []string{"s", "1", "2"}, 0},
		{"GET", "/workbook/worksheets/s/Cell(%20column%20=%20'2,3'%20,row=1)", "GetCell", []string{"s", "1", "2,3"}, 0},
		{"GET", "/reports/getTeamsUserActivityCounts(%20period%20=%20'D7')", "GetTeamsUserActivityCounts", nil, 0},
		{"GET", "/workbook/worksheets/s/Cell(row=1)", "", nil, http.StatusNotFound},
		// A quoted value ends at its closing quote, a doubled quote being
		// part of it, and undone; an unquoted one at ',' or ')' but for
		// one in quotes. An argument the route does not have, or one given
		// twice, reaches nothing.
		{"GET", "/reports/getEmailActivityCounts(period='it''s')", "GetEmailActivityCounts", []string{"it's"}, 0},
		{"GET", "/reports/getEmailActivityCounts(period='')", "GetEmailActivityCounts", []string{""}, 0},
		{"GET", "/reports/getEmailActivityCounts(period='a,b)')", "GetEmailActivityCounts", []string{"a,b)"}, 0},
		{"GET", "/reports/getEmailActivityCounts(period='D7',x='1')", "", nil, http.StatusNotFound},
		{"GET", "/reports/getEmailActivityCounts(period='D7',period='D30')", "", nil, http.StatusNotFound},
		{"GET", "/reports/getEmailActivityCounts(period='D7'')", "", nil, http.StatusNotFound},
		{"GET", "/workbook/worksheets/s/Cell(row=1,column=2,row=3)", "", nil, http.StatusNotFound},
		{"GET", "/workbook/worksheets/s/Cell(row=1,column=2,x=3)", "", nil, http.StatusNotFound},
		{"GET", "/workbook/worksheets/s/Cell(row=1,column='2)')", "GetCell", []string{"s", "1", "2)"}, 0},
		{"POST", "/privilegedRoleAssignmentRequests('a,b')/cancel", "CancelRequest", []string{"a,b"}, 0}, // a string literal where the docs write no quotes is the string
		{"POST", "/privilegedRoleAssignmentRequests('7',x)/cancel", "", nil, http.StatusNotFound},
		{"GET", "/me/drive/root:/a/b%2Fc:/content", "GetContent", []string{"a/b/c", "", ""}, 0},
		{"DELETE", "/things/1/members/2/$ref", "RemoveMember", []string{"1", "2"}, 0},
		{"GET", "/things/1", "GetThing", []string{"1"}, 0},
		{"POST", "/things/1", "", nil, http.StatusMethodNotAllowed},
		{"GET", "/nowhere", "", nil, http.StatusNotFound},
	} {
		r, values, status, err := sim.serve(c.method, c.target)
		require.NoError(t, err, c.target)
		if c.op == "" {
			assert.Nil(t, r, c.target)
			assert.Equal(t, c.status, status, c.target)
			continue
		}
		require.NotNil(t, r, c.target)
		assert.Equal(t, c.op, r.sig.op.Name, c.target)
		assert.Equal(t, c.values, values, c.target)
	}
	_, _, _, err = sim.serve("GET", "/a b")
	assert.Error(t, err, "a request line with a space cannot be sent")
}

// TestRoutingNeverPanics routes paths ServeMux rejects outright: every one
// is served from the fallback.
func TestRoutingNeverPanics(t *testing.T) {
	p := buildShapes()
	for i, path := range []string{"/a//b", "/{}/x", "/{a b}/{c-d}", "/x/{", "/", "/x/{$}", "/x/{a...}", "/y/{id}/z/{id}/{id}"} {
		p.Operations = append(p.Operations, &ir.Operation{
			Name: "Odd" + string(rune('A'+i)), Method: "GET", Paths: []string{path}, Package: "graph",
			Namespace: nsGraph, Source: "api/odd.md", Pos: diag.Pos{File: "api/odd.md", Line: i + 1, Col: 1},
		})
	}
	p.Operations = append(p.Operations, &ir.Operation{
		Name: "OddMethod", Method: "GET/POST", Paths: []string{"/odd"}, Package: "graph",
		Namespace: nsGraph, Source: "api/odd.md", Pos: diag.Pos{File: "api/odd.md", Line: 99, Col: 1},
	})
	var warnings []string
	files, err := Generate(p, Options{ModulePath: "m", Warn: func(d diag.Diagnostic) { warnings = append(warnings, d.Message) }})
	require.NoError(t, err)
	assert.NotEmpty(t, files)
	assert.Contains(t, warnings, `operation OddMethod is not served: "GET/POST" is not an HTTP method`)
}

// TestCallLiteralExpr: spaces around a function segment's delimiters are
// free; a space inside a quoted value is the value's.
func TestCallLiteralExpr(t *testing.T) {
	re := regexp.MustCompile("^" + callLiteralExpr("f(a='x y', b=1)") + "$")
	for _, s := range []string{"f(a='x y', b=1)", "f(a='x y',b=1)", "f ( a = 'x y' , b = 1 )"} {
		assert.True(t, re.MatchString(s), s)
	}
	for _, s := range []string{"f(a='xy',b=1)", "f(a='x  y',b=1)"} {
		assert.False(t, re.MatchString(s), s)
	}
}

// withOps is p with operations of the given method and paths added, each
// from a page of its own.
func withOps(p *ir.Program, ops ...[]string) *ir.Program {
	for i, o := range ops {
		src := "api/" + strings.ToLower(o[0]) + ".md"
		p.Operations = append(p.Operations, &ir.Operation{
			Name: o[0], Method: o[1], Paths: o[2:], Package: "graph",
			Namespace: nsGraph, Source: src, Pos: diag.Pos{File: src, Line: i + 1, Col: 1},
		})
	}
	return p
}

// TestRoutingLetterCase: the docs spell some literal segments several ways;
// Graph takes any letter case, and so do the routes.
func TestRoutingLetterCase(t *testing.T) {
	p := withOps(buildRoutes(),
		[]string{"ListGrants", "GET", "/oAuth2Permissiongrants"},
		[]string{"GetGrant", "GET", "/oAuth2Permissiongrants/{id}"},
		[]string{"DeleteGrant", "DELETE", "/oauth2PermissionGrants/{id}"},
		[]string{"ListCalendarsGroup", "GET", "/me/calendarGroups/{id}/calendars"},
		[]string{"ListCalendarsUser", "GET", "/me/calendars", "/me/calendargroups/{calendar_group_id}/calendars"},
		[]string{"ListUnits", "GET", "/administrativeUnits"},
		[]string{"GetUnit", "GET", "/administrativeUnits/{id}"},
		[]string{"DeltaUnits", "GET", "/administrativeunits/delta"},
		[]string{"GetRange", "GET", "/workbook/names/{name}/Range"},
		[]string{"GetStats", "GET", "/Reports/getStats(period='{period}')"},
		// Two routes whose one path shape names its parameter two ways.
		[]string{"GetX", "GET", "/x({a})/y"},
		[]string{"PostX", "POST", "/x({b})/y"},
	)
	var warnings []string
	rt := routingOf(t, p, func(d diag.Diagnostic) { warnings = append(warnings, d.Message) })
	where := map[string]string{}
	for _, r := range rt.mux {
		where[r.sig.op.Name+" "+r.doc] = r.pattern()
	}
	for _, r := range rt.fallback {
		where[r.sig.op.Name+" "+r.doc] = r.expr
	}
	// The most common spelling, the first in byte order on a tie.
	assert.Equal(t, "DELETE /oAuth2Permissiongrants/{oauth2PermissionGrantId}", where["DeleteGrant /oauth2PermissionGrants/{id}"])
	assert.Equal(t, "GET /administrativeUnits/delta", where["DeltaUnits /administrativeunits/delta"])
	assert.Equal(t, "GET /me/calendarGroups/{calendarGroupId}/calendars", where["ListCalendarsGroup /me/calendarGroups/{id}/calendars"])
	assert.Equal(t, `^(?i:/reports/getStats)\s*\(\s*period\s*=\s*'(?P<period>`+quotedValueExpr+`)'\s*\)$`, where["GetStats /Reports/getStats(period='{period}')"])
	assert.Contains(t, warnings, "operation ListCalendarsUser is not served on GET /me/calendargroups/{calendar_group_id}/calendars: operation ListCalendarsGroup (api/listcalendarsgroup.md) documents the same method and path")

	sim, err := rt.newSimulator()
	require.NoError(t, err)
	for _, c := range []struct {
		method, target string
		op             string
		values         []string
	}{
		{"GET", "/oauth2PermissionGrants/abc", "GetGrant", []string{"abc"}},
		{"GET", "/OAUTH2PERMISSIONGRANTS", "ListGrants", nil},
		{"DELETE", "/oauth2permissiongrants/Abc", "DeleteGrant", []string{"Abc"}},
		{"GET", "/me/calendargroups/g1/calendars", "ListCalendarsGroup", []string{"g1"}},
		{"GET", "/me/calendarGroups/g1/calendars", "ListCalendarsGroup", []string{"g1"}},
		{"GET", "/administrativeUnits/delta", "DeltaUnits", nil},
		{"GET", "/AdministrativeUnits/Delta", "DeltaUnits", nil},
		{"GET", "/administrativeUnits/deltas", "GetUnit", []string{"deltas"}},
		// A value spelled like a literal keeps the client's spelling.
		{"GET", "/me/calendarGroups/DELTA/calendars", "ListCalendarsGroup", []string{"DELTA"}},
		{"GET", "/workbook/names/Delta/range", "GetRange", []string{"Delta"}},
		{"GET", "/Workbook/Worksheets/DELTA/cell(row=1,column=2)", "GetCell", []string{"DELTA", "1", "2"}},
		// Function names and literals on the fallback match in any case;
		// argument names and values do not change.
		{"GET", "/REPORTS/GETSTATS(period='Ab')", "GetStats", []string{"Ab"}},
		{"GET", "/reports/GetEmailActivityCounts(period='D7')", "GetEmailActivityCounts", []string{"D7"}},
		{"GET", "/ME/DRIVE/ROOT:/Delta/x:/CONTENT", "GetContent", []string{"Delta/x", "", ""}},
		{"POST", "/x(1)/y", "PostX", []string{"1"}},
		{"GET", "/x(1)/y", "GetX", []string{"1"}},
	} {
		r, values, status, err := sim.serve(c.method, c.target)
		require.NoError(t, err, c.target)
		require.NotNil(t, r, "%s %s: %d", c.method, c.target, status)
		assert.Equal(t, c.op, r.sig.op.Name, c.target)
		assert.Equal(t, c.values, values, c.target)
	}
	for _, target := range []string{"/reports/getEmailActivityCounts(PERIOD='D7')", "/reports/getTeamsUserActivityCounts(period='d7')"} {
		r, _, status, err := sim.serve("GET", target)
		require.NoError(t, err)
		assert.Nil(t, r, target)
		assert.Equal(t, http.StatusNotFound, status, target)
	}
}

// TestSpellings: one spelling per letter-case class, the most common, the
// first in byte order on a tie; function names count with segments.
func TestSpellings(t *testing.T) {
	sig := func(paths ...string) *opSig {
		s := &opSig{}
		for _, p := range paths {
			s.paths = append(s.paths, splitPath(p))
		}
		return s
	}
	got := spellings([]*opSig{
		sig("/calendarGroups/{id}", "/calendargroups/x"),
		sig("/calendargroups/y", "/Ties/{id}", "/ties/{id}:/x({a})"),
		sig("/Delta()", "/delta(x=1)", "/delta"),
	})
	assert.Equal(t, map[string]string{
		"calendargroups": "calendargroups", "x": "x", "y": "y", "ties": "Ties", "delta": "delta",
	}, got)
}

// TestParametersByWhatTheyIdentify: a method serving several paths takes
// each value in the parameter of what it identifies, whichever path was
// called: the message is messageID on every path, never the folder's.
func TestParametersByWhatTheyIdentify(t *testing.T) {
	p := withOps(buildRoutes(),
		[]string{"GetMessage", "GET", "/me/messages/{id}", "/me/mailFolders/{id}/messages/{id}", "/users/{idOrUserPrincipalName}/mailfolders/{id}/messages/{id}"},
		[]string{"GetPhoto", "GET", "/users/{user-id}/photo", "/groups/{id}/photo", "/Users/{id}/contacts/{id}/photo"},
		[]string{"GetSite", "GET", "/sites/{site-id}", "/sites/{site-id}/sites/{site-id}"},
		// A placeholder named for what it is keeps its name wherever it
		// stands; two names after one collection are two things.
		[]string{"AssignPolicy", "POST", "/policies/{managedAppPolicyId}/assign", "/registrations/{registrationId}/appliedPolicies/{managedAppPolicyId}/assign"},
		[]string{"GetRunState", "GET", "/healthScripts/{id}/deviceRunStates/{healthStateId}", "/scripts/{id}/deviceRunStates/{scriptStateId}"},
		// A generic {id} takes the name the other paths give the
		// collection's key, and a collection spelled singular is the same.
		[]string{"GetMail", "GET", "/users/{id}/mails/{id}", "/users/{user-id}/mails/{mail-id}"},
		[]string{"GetCommand", "GET", "/me/devices/{id}/commands/{id}", "/me/devices/{id}/command/{id}/payload"},
		[]string{"GetFolderContact", "GET", "/me/contactfolders/{id}/contacts/{id}", "/me/contactFolders/{id}/contacts/{id}/photo"},
		// Another page's better-cased spelling names this one's parameter.
		[]string{"DeleteFolderContact", "DELETE", "/me/contactfolders/{id}/contacts/{id}"},
		[]string{"GetPoint", "GET", "/charts/{id}/series/{undefined}/points/{undefined}"},
		[]string{"GetColumn", "GET", "/worksheets/{idOrName}/tables/{idOrName}/columns/{id1}"},
		// A name a path gives twice is the parent's the first time: the
		// identity acted on is identityID on both paths.
		[]string{"DeleteIdentity", "DELETE", "/identities/{identityId}", "/identities/{identityId}/assigned/{identityId}"},
		[]string{"GetSubweb", "GET", "/webs/{web-id}/webs/{web-id}"},
	)
	rt := routingOf(t, p, func(diag.Diagnostic) {})
	names := func(op string) []string {
		for _, r := range append(rt.mux, rt.fallback...) {
			if r.sig.op.Name == op {
				var out []string
				for _, prm := range r.sig.params {
					out = append(out, prm.goName)
				}
				return out
			}
		}
		t.Fatalf("no route of %s", op)
		return nil
	}
	assert.Equal(t, []string{"messageID", "mailFolderID", "idOrUserPrincipalName"}, names("GetMessage"))
	assert.Equal(t, []string{"userID", "groupID", "contactID"}, names("GetPhoto"))
	assert.Equal(t, []string{"siteID", "siteID2"}, names("GetSite"))
	assert.Equal(t, []string{"identityID", "identityID2"}, names("DeleteIdentity"))
	assert.Equal(t, []string{"webID2", "webID"}, names("GetSubweb"), "the parent, written first, is webID2")
	assert.Equal(t, []string{"managedAppPolicyID", "registrationID"}, names("AssignPolicy"))
	assert.Equal(t, []string{"healthScriptID", "healthStateID", "scriptID", "scriptStateID"}, names("GetRunState"))
	assert.Equal(t, []string{"userID", "mailID"}, names("GetMail"))
	assert.Equal(t, []string{"deviceID", "commandID"}, names("GetCommand"))
	assert.Equal(t, []string{"contactFolderID", "contactID"}, names("GetFolderContact"))
	assert.Equal(t, []string{"contactFolderID", "contactID"}, names("DeleteFolderContact"))
	assert.Equal(t, []string{"chartID", "seriesID", "pointID"}, names("GetPoint"))
	assert.Equal(t, []string{"worksheetIDOrName", "tableIDOrName", "columnID"}, names("GetColumn"))

	sim, err := rt.newSimulator()
	require.NoError(t, err)
	for _, c := range []struct {
		target string
		values []string
	}{
		{"/me/messages/M", []string{"M", "", ""}},
		{"/me/mailFolders/F/messages/M", []string{"M", "F", ""}},
		{"/users/U/mailFolders/F/messages/M", []string{"M", "F", "U"}},
		{"/users/U/photo", []string{"U", "", ""}},
		{"/groups/G/photo", []string{"", "G", ""}},
		{"/users/U/contacts/C/photo", []string{"U", "", "C"}},
		{"/sites/A", []string{"A", ""}},
		{"/sites/A/sites/B", []string{"B", "A"}},
	} {
		r, values, status, err := sim.serve("GET", c.target)
		require.NoError(t, err, c.target)
		require.NotNil(t, r, "%s: %d", c.target, status)
		assert.Equal(t, c.values, values, c.target)
	}
	for target, want := range map[string][]string{"/identities/I": {"I", ""}, "/identities/P/assigned/I": {"I", "P"}} {
		r, values, status, err := sim.serve("DELETE", target)
		require.NoError(t, err, target)
		require.NotNil(t, r, "%s: %d", target, status)
		assert.Equal(t, want, values, target)
	}
}

// TestSharedPathGoesToItsPage: of two operations documenting one method and
// path, the one whose page is named for the resource the path acts on
// serves it, then the one named for the method's verb, whichever
// servesFirst puts first; the other is reported.
func TestSharedPathGoesToItsPage(t *testing.T) {
	p := buildRoutes()
	add := func(name, method, src string, paths ...string) {
		p.Operations = append(p.Operations, &ir.Operation{
			Name: name, Method: method, Paths: paths, Package: "graph",
			Namespace: nsGraph, Source: src, Pos: diag.Pos{File: src, Line: 1, Col: 1},
		})
	}
	// The event message's page documents fewer paths, so servesFirst puts
	// it first.
	add("AddEventMessageAttachment", "POST", "api/eventmessage-post-attachments.md", "/me/messages/{id}/attachments")
	add("AddMessageAttachment", "POST", "api/message-post-attachments.md", "/me/messages/{id}/attachments", "/users/{id}/messages/{id}/attachments")
	add("MoveItem", "PATCH", "api/driveitem-move.md", "/drives/{drive-id}/items/{item-id}")
	add("UpdateItem", "PATCH", "api/driveitem-update.md", "/drives/{drive-id}/items/{item-id}", "/me/drive/items/{item-id}")
	// A get page listing a collection's path by mistake: the list page
	// serves it.
	add("GetSchool", "GET", "api/educationschool-get.md", "/education/schools")
	add("ListSchools", "GET", "api/educationroot-list-schools.md", "/education/schools", "/education/root/schools")
	// /me is a user: /me/contacts and /users/{id}/contacts go to the same
	// page, and /me/calendar/events to the calendar's.
	add("ListContactsFolder", "GET", "api/contactfolder-list-contacts.md", "/me/contacts", "/users/{id}/contacts", "/me/contactFolders/{id}/contacts")
	add("ListContactsUser", "GET", "api/user-list-contacts.md", "/me/contacts", "/users/{id}/contacts", "/x/contacts", "/y/contacts")
	add("ListEventsUser", "GET", "api/user-list-events.md", "/me/calendar/events", "/me/events")
	add("ListEventsCalendar", "GET", "api/calendar-list-events.md", "/me/calendar/events", "/me/calendars/{id}/events", "/x/events")
	var warnings []string
	rt := routingOf(t, p, func(d diag.Diagnostic) { warnings = append(warnings, d.Message) })
	served := map[string]string{}
	for _, r := range append(rt.mux, rt.fallback...) {
		served[r.method+" "+r.doc] = r.sig.op.Name
	}
	assert.Equal(t, "AddMessageAttachment", served["POST /me/messages/{id}/attachments"])
	assert.Equal(t, "UpdateItem", served["PATCH /drives/{drive-id}/items/{item-id}"])
	assert.Equal(t, "ListSchools", served["GET /education/schools"])
	assert.Equal(t, "ListContactsUser", served["GET /me/contacts"])
	assert.Equal(t, "ListContactsUser", served["GET /users/{id}/contacts"])
	assert.Equal(t, "ListEventsCalendar", served["GET /me/calendar/events"])
	assert.Contains(t, warnings, "operation AddEventMessageAttachment is not served on POST /me/messages/{id}/attachments: operation AddMessageAttachment (api/message-post-attachments.md) documents the same method and path")
	assert.Contains(t, warnings, "operation MoveItem is not served on PATCH /drives/{drive-id}/items/{item-id}: operation UpdateItem (api/driveitem-update.md) documents the same method and path")
}

// TestItemPathEndsAtItsColon: a drive item's path runs up to the colon that
// closes it, so a suffix after it is another route's, never part of the
// path; ending the path, the colon may be left out.
func TestItemPathEndsAtItsColon(t *testing.T) {
	p := withOps(buildRoutes(),
		[]string{"GetItemByPath", "GET", "/me/drive/root:/{item-path}"},
	)
	rt := routingOf(t, p, func(diag.Diagnostic) {})
	sim, err := rt.newSimulator()
	require.NoError(t, err)
	for target, want := range map[string]string{
		"/me/drive/root:/a/b.txt":          "GetItemByPath a/b.txt",
		"/me/drive/root:/a/b.txt:":         "GetItemByPath a/b.txt",
		"/me/drive/root:/a/b.txt:/content": "GetContent a/b.txt",
		"/me/drive/root:/a/b.txt:/chldrn":  "",
	} {
		r, values, _, err := sim.serve("GET", target)
		require.NoError(t, err, target)
		if want == "" {
			assert.Nil(t, r, target)
			continue
		}
		require.NotNil(t, r, target)
		assert.Equal(t, want, r.sig.op.Name+" "+values[0], target)
	}
}

// TestOptionalParametersHandler: the handler of an action whose every
// parameter row says optional reads its body with ReadOptionalJSON, and
// with ReadJSON where a row was left out for an error (the rows left are
// not the whole table).
func TestOptionalParametersHandler(t *testing.T) {
	for _, leftOut := range []bool{false, true} {
		p := withOps(buildRoutes(), []string{"AcceptEvent", "POST", "/events/{id}/accept"})
		op := p.Operations[len(p.Operations)-1]
		op.ResponseStatus = 202
		op.RowsLeftOut = leftOut
		op.RequestBody = []*ir.Property{
			{Name: "comment", GoName: "Comment", Type: "Edm.String", Description: "Text included in the response. Optional.", Pos: op.Pos},
			{Name: "sendResponse", GoName: "SendResponse", Type: "Edm.Boolean", Description: "Optional. Default is true.", Pos: op.Pos},
		}
		files, err := Generate(p, Options{ModulePath: outputModule})
		require.NoError(t, err)
		var handler string
		for _, f := range files {
			if strings.HasSuffix(f.Path, "graph/handler.go") {
				handler = string(f.Content)
			}
		}
		require.NotEmpty(t, handler)
		serve := handler[strings.Index(handler, "func (h *handler) serveAcceptEvent("):]
		serve = serve[:strings.Index(serve, "\n}\n")]
		assert.Equal(t, !leftOut, strings.Contains(serve, "odata.ReadOptionalJSON("), serve)
		assert.Equal(t, leftOut, strings.Contains(serve, "odata.ReadJSON("), serve)
	}
}

// TestAllOptional: a request-body table whose every row says optional, and
// none required, lets the action be sent no body.
func TestAllOptional(t *testing.T) {
	row := func(desc string) *ir.Property { return &ir.Property{Name: "x", Type: "Edm.String", Description: desc} }
	assert.True(t, allOptional([]*ir.Property{row("Text included in the response. Optional."), row("Optional. Default is true.")}))
	assert.False(t, allOptional([]*ir.Property{row("Optional."), row("The new name.")}))
	assert.False(t, allOptional([]*ir.Property{row("Optional unless the item is new; then required.")}))
	assert.False(t, allOptional(nil))
}

// TestServedByAsTheDispatchDoes: a dispatching route hands a body to the
// operation its @odata.type names, and any other body (no type, a type of
// none of them, no JSON) to its default, as genDispatch's switch does.
func TestServedByAsTheDispatchDoes(t *testing.T) {
	base := &opSig{body: &typeRef{name: "microsoft.graph.mailFolder"}}
	search := &opSig{body: &typeRef{name: "microsoft.graph.mailSearchFolder"}}
	r := &route{sig: search, dispatch: []*opSig{base}, dispatchDefault: base}
	for body, want := range map[string]*opSig{
		`{"@odata.type": "#microsoft.graph.mailSearchFolder"}`: search,
		`{"@odata.type": "#microsoft.graph.mailFolder"}`:       base,
		`{"displayName": "x"}`:                                 base,
		`{"@odata.type": "#microsoft.graph.other"}`:            base,
		`{"displayName": "x",}`:                                base,
	} {
		assert.Same(t, want, r.servedBy(body), body)
	}
	// Without a default, a body naming none of the types is refused.
	r.dispatchDefault = nil
	assert.Nil(t, r.servedBy(`{"displayName": "x"}`))
	assert.Same(t, base, r.servedBy(`{"@odata.type": "#microsoft.graph.mailFolder"}`))
}

// TestNoDispatchSaysWhy: a skipped example's reason tells a body that is
// no JSON from one whose @odata.type cannot be read or names no type.
func TestNoDispatchSaysWhy(t *testing.T) {
	assert.Contains(t, noDispatch(`{"a": 1,}`, "the path"), "its body is not JSON")
	assert.Contains(t, noDispatch(`{"@odata.type": 5}`, "the path"), "its @odata.type cannot be read")
	assert.Contains(t, noDispatch(`{"a": 1}`, "the path"), "names none of the types of the operations sharing the path")
}

// TestUnsharedSaysWhy: two operations of one method and path whose bodies
// are of other types share no dispatching route when they take other path
// parameters, and the warning says so.
func TestUnsharedSaysWhy(t *testing.T) {
	a := &opSig{op: &ir.Operation{Name: "UpdateDomainJoin"}, body: &typeRef{name: "microsoft.graph.domainJoin", t: &ir.Type{Kind: ir.Entity}}, params: make([]pathParam, 3)}
	b := &opSig{op: &ir.Operation{Name: "UpdateVpn"}, body: &typeRef{name: "microsoft.graph.vpn", t: &ir.Type{Kind: ir.Entity}}, params: make([]pathParam, 1)}
	assert.Contains(t, unshared(a, b), "it takes 3 path parameters where UpdateVpn takes 1")
	b.params = make([]pathParam, 3)
	assert.Empty(t, unshared(a, b), "the same parameters: not why")
	b.body = nil
	assert.Empty(t, unshared(a, b), "no body of its own type: not why")
}
