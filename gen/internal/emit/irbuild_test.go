package emit

import (
	"sort"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/naming"
)

// irBuilder builds IR by hand the way the resolver does: Go names from the
// naming package, links (Base, Derived, Ref) filled by link.
type irBuilder struct {
	p    *ir.Program
	line map[string]int // next line per source, so types keep page order
}

func newIRBuilder() *irBuilder { return &irBuilder{p: &ir.Program{}, line: map[string]int{}} }

func pkgOf(ns string) string {
	return strings.ToLower(ns[strings.LastIndex(ns, ".")+1:])
}

func (b *irBuilder) pos(source string) diag.Pos {
	b.line[source] += 10
	return diag.Pos{File: source, Line: b.line[source], Col: 1}
}

// typ adds an entity or complex type.
func (b *irBuilder) typ(ns, name string, kind ir.Kind, source, base, desc string, props ...*ir.Property) *ir.Type {
	t := &ir.Type{Namespace: ns, Name: name, Kind: kind, BaseType: base, Source: source, Description: desc,
		Properties: props, GoName: naming.GoName(name), Package: pkgOf(ns), Pos: b.pos(source)}
	for _, p := range props {
		p.Pos = b.pos(source)
	}
	b.p.Types = append(b.p.Types, t)
	return t
}

// enum adds an enum; members are "name" or "name=description".
func (b *irBuilder) enum(ns, name, source string, members ...string) *ir.Type {
	t := &ir.Type{Namespace: ns, Name: name, Kind: ir.Enum, Source: source, GoName: naming.GoName(name), Package: pkgOf(ns), Pos: b.pos(source)}
	for _, m := range members {
		n, d, _ := strings.Cut(m, "=")
		t.Members = append(t.Members, &ir.Member{Name: n, Description: d, GoName: t.GoName + naming.GoName(n), Pos: b.pos(source)})
	}
	b.p.Types = append(b.p.Types, t)
	return t
}

// prop makes a property; a type ending in "[]" is a collection.
func prop(name, typ, desc string) *ir.Property {
	coll := strings.HasSuffix(typ, "[]")
	return &ir.Property{Name: name, Type: strings.TrimSuffix(typ, "[]"), Collection: coll, Description: desc, GoName: naming.GoName(name)}
}

// link fills Base, Derived and Ref, and the operations' Request and Response.
func (b *irBuilder) link() *ir.Program {
	p := b.p
	p.Index()
	for _, t := range p.Types {
		if t.BaseType != "" {
			t.Base = p.Lookup(t.BaseType)
			if t.Base == nil {
				panic("unknown base " + t.BaseType)
			}
			t.Base.Derived = append(t.Base.Derived, t)
		}
		for _, pr := range t.Properties {
			if !strings.HasPrefix(pr.Type, "Edm.") {
				pr.Ref = p.Lookup(pr.Type)
				if pr.Ref == nil {
					panic("unknown type " + pr.Type)
				}
			}
		}
	}
	for _, t := range p.Types {
		sort.Slice(t.Derived, func(i, j int) bool { return t.Derived[i].QualifiedName() < t.Derived[j].QualifiedName() })
	}
	for _, o := range p.Operations {
		if o.RequestType != "" {
			o.Request = p.Lookup(o.RequestType)
		}
		for _, pr := range o.RequestBody {
			if !strings.HasPrefix(pr.Type, "Edm.") {
				pr.Ref = p.Lookup(pr.Type)
			}
		}
		if o.ResponseType != "" && !strings.HasPrefix(o.ResponseType, "Edm.") {
			o.Response = p.Lookup(o.ResponseType)
		}
	}
	return p
}

const (
	nsGraph = "microsoft.graph"
	nsCR    = "microsoft.graph.callRecords"
)

// buildCallRecords is the seed: the callRecords segment pages and the
// CreateSegment operation of docs-input/api/callrecords-segment-post.md.
func buildCallRecords() *ir.Program {
	b := newIRBuilder()
	cr := func(n string) string { return nsCR + "." + n }
	g := func(n string) string { return nsGraph + "." + n }

	ent := b.typ(nsGraph, "entity", ir.Entity, "resources/entity.md", "",
		"**entity** is the abstract base from which Microsoft Graph entity types derive. Its only property is the key that identifies an instance.",
		prop("id", "Edm.String", "Key that uniquely identifies the instance. Read-only."))
	ent.Abstract = true
	ent.KeyProperty = "id"
	b.typ(nsGraph, "identity", ir.Complex, "resources/identity.md", "", "An **identity** names a single actor, such as a user, a device or an application.",
		prop("id", "Edm.String", "Identifier of the actor, when it is known."),
		prop("displayName", "Edm.String", "Name of the actor for display."))
	b.typ(nsGraph, "identitySet", ir.Complex, "resources/identityset.md", "", "An **identitySet** bundles the [identity](identity.md) values that together describe who or what acted.",
		prop("application", g("identity"), "The application involved, if any."),
		prop("device", g("identity"), "The device involved, if any."),
		prop("user", g("identity"), "The user involved, if any."))

	b.typ(nsCR, "segment", ir.Entity, "resources/callrecords-segment.md", g("entity"),
		"A **segment** is one leg of a **session** inside a call record. A plain VoIP call between two people usually produces a single segment for each session.",
		prop("startDateTime", "Edm.DateTimeOffset", "Moment at which the segment began."),
		prop("endDateTime", "Edm.DateTimeOffset", "Moment at which the segment finished."),
		prop("caller", cr("endpoint"), "The endpoint on the initiating side of this segment."),
		prop("callee", cr("endpoint"), "The endpoint on the receiving side of this segment."),
		prop("failureInfo", cr("failureInfo"), "Details about what went wrong; only present when the segment did not complete successfully."),
		prop("media", cr("media")+"[]", "The media (audio, video, screen sharing and so on) exchanged over this segment."))
	b.typ(nsCR, "endpoint", ir.Complex, "resources/callrecords-endpoint.md", "",
		"An **endpoint** describes one side of a communication recorded in a call record.",
		prop("userAgent", cr("userAgent"), "Information about the software that the endpoint reported when it connected."))
	b.typ(nsCR, "participantEndpoint", ir.Complex, "resources/callrecords-participantendpoint.md", cr("endpoint"),
		"A **participantEndpoint** is an endpoint that represents a human participant.",
		prop("identity", g("identitySet"), "The identities (user, application, device) behind this endpoint."))
	b.typ(nsCR, "serviceEndpoint", ir.Complex, "resources/callrecords-serviceendpoint.md", cr("endpoint"),
		"A **serviceEndpoint** is an endpoint that represents infrastructure rather than a person.")
	ua := b.typ(nsCR, "userAgent", ir.Complex, "resources/callrecords-useragent.md", "",
		"A **userAgent** captures what an endpoint said about its own software.",
		prop("headerValue", "Edm.String", "The raw user-agent string sent by the endpoint."),
		prop("applicationVersion", "Edm.String", "Version number of the application software running on the endpoint."))
	ua.Abstract = true
	b.typ(nsCR, "clientUserAgent", ir.Complex, "resources/callrecords-clientuseragent.md", cr("userAgent"),
		"A **clientUserAgent** describes the client application used at an endpoint.",
		prop("platform", cr("clientPlatform"), "Operating system or kind of device on which the client ran."))
	b.enum(nsCR, "clientPlatform", "resources/callrecords-clientuseragent.md",
		"unknown=The platform could not be determined.", "windows=Desktop client on Windows.", "macOS=Desktop client on macOS.",
		"iOS=Client on an iPhone or iPad.", "unknownFutureValue=Evolvable enumeration sentinel value. Do not use.")
	b.typ(nsCR, "failureInfo", ir.Complex, "resources/callrecords-failureinfo.md", "",
		"A **failureInfo** object explains why a call, or part of one, did not succeed.",
		prop("stage", cr("failureStage"), "Phase of the call in which the failure happened."),
		prop("reason", "Edm.String", "Short classification of what caused the failure."))
	b.enum(nsCR, "failureStage", "resources/callrecords-failureinfo.md",
		"unknown=The phase could not be determined.", "callSetup=The failure happened while the call was being set up.",
		"midcall=The failure happened after the call had been established.", "unknownFutureValue=Evolvable enumeration sentinel value. Do not use.")
	b.typ(nsCR, "media", ir.Complex, "resources/callrecords-media.md", "",
		"A **media** object describes one kind of media exchanged during a call.",
		prop("label", "Edm.String", "The label under which this media was identified."),
		prop("streams", cr("mediaStream")+"[]", "The individual streams that carried this media between the two sides."))
	b.typ(nsCR, "mediaStream", ir.Complex, "resources/callrecords-mediastream.md", "",
		"A **mediaStream** holds the timing and quality metrics of one stream of media.",
		prop("streamId", "Edm.String", "Identifier of the stream."),
		prop("startDateTime", "Edm.DateTimeOffset", "Moment at which the stream began."),
		prop("streamDirection", cr("mediaStreamDirection"), "Which way the stream flowed between the caller and the callee."),
		prop("averageJitter", "Edm.Duration", "Mean jitter of the stream."),
		prop("averagePacketLossRate", "Edm.Single", "Mean share of packets lost on the stream."),
		prop("packetUtilization", "Edm.Int64", "Number of packets carried by the stream."),
		prop("wasMediaBypassed", "Edm.Boolean", "True when the media went directly between the client and the PSTN gateway."),
		prop("averageRoundTripTime", "Edm.Duration", ""))
	b.enum(nsCR, "mediaStreamDirection", "resources/callrecords-mediastream.md",
		"callerToCallee=The stream flowed from the caller to the callee.", "calleeToCaller=The stream flowed from the callee to the caller.")

	const src = "api/callrecords-segment-post.md"
	b.p.Operations = append(b.p.Operations, &ir.Operation{
		Name: "CreateSegment", Title: "Create segment", Namespace: nsCR, Source: src, Method: "POST",
		Paths:          []string{"/communications/callRecords/{callRecordId}/sessions/{sessionId}/segments"},
		PathParameters: []string{"callRecordId", "sessionId"},
		RequestType:    cr("segment"), ResponseStatus: 201, ResponseType: cr("segment"), Package: "callrecords",
		Pos: diag.Pos{File: src, Line: 10, Col: 1},
		Examples: []*ir.Example{{
			Name: "create_segment_from_",
			Request: &ir.ExampleRequest{
				Method: "POST",
				URL:    "https://graph.microsoft.com/beta/communications/callRecords/{callRecordId}/sessions/{sessionId}/segments",
				Path:   "/communications/callRecords/{callRecordId}/sessions/{sessionId}/segments",
				Headers: []ir.Header{
					{Name: "Content-Type", Value: "application/json"},
					{Name: "Content-length", Value: "483"},
				},
				Body: seedRequest,
			},
			Response: &ir.ExampleResponse{
				Status:    201,
				Headers:   []ir.Header{{Name: "Content-Type", Value: "application/json"}},
				Body:      seedResponse,
				Truncated: true,
				ODataType: cr("segment"),
			},
		}},
	})
	return b.link()
}

const seedRequest = `{
  "@odata.type": "#microsoft.graph.callRecords.segment",
  "callee": {
    "@odata.type": "microsoft.graph.callRecords.endpoint"
  },
  "caller": {
    "@odata.type": "microsoft.graph.callRecords.endpoint"
  },
  "endDateTime": "String (timestamp)",
  "failureInfo": {
    "@odata.type": "microsoft.graph.callRecords.failureInfo"
  },
  "media": [
    {
      "@odata.type": "microsoft.graph.callRecords.media"
    }
  ],
  "startDateTime": "String (timestamp)"
}`

const seedResponse = `{
  "@odata.type": "#microsoft.graph.callRecords.segment",
  "id": "e7eaf109-f109-e7ea-09f1-eae709f1eae7",
  "callee": {
    "@odata.type": "microsoft.graph.callRecords.endpoint"
  },
  "caller": {
    "@odata.type": "microsoft.graph.callRecords.endpoint"
  },
  "endDateTime": "String (timestamp)",
  "failureInfo": {
    "@odata.type": "microsoft.graph.callRecords.failureInfo"
  },
  "media": [
    {
      "@odata.type": "microsoft.graph.callRecords.media"
    }
  ],
  "startDateTime": "String (timestamp)"
}`

// buildShapes exercises the other shapes of operations: a collection
// response, a polymorphic request and response, an enum response, no
// response body, an error example, parameters that are not identifiers and
// a documented path with real values.
func buildShapes() *ir.Program {
	b := newIRBuilder()
	g := func(n string) string { return nsGraph + "." + n }
	ent := b.typ(nsGraph, "entity", ir.Entity, "resources/entity.md", "", "",
		prop("id", "Edm.String", "Key that uniquely identifies the instance."))
	ent.Abstract = true
	b.typ(nsGraph, "driveItem", ir.Entity, "resources/driveitem.md", g("entity"), "A **driveItem** is a file or a folder.",
		prop("name", "Edm.String", "Name of the item."),
		prop("size", "Edm.Int64", "Size in bytes."),
		prop("tags", "Edm.String[]", "Labels of the item."),
		prop("kind", g("itemKind"), ""),
		prop("lastModifiedDateTime", "Edm.DateTimeOffset", "When the item last changed."),
		prop("content", g("Json"), "Any JSON value."),
		prop("price", "Edm.Decimal", "What the item costs, to the cent."),
		// encoding/json writes a []uint8 as base64; OData wants numbers.
		prop("checksum", "Edm.Byte[]", "The item's checksum, a byte at a time."),
		prop("children", g("driveItem")+"[]", "The items in a folder."),
		prop("parentReference", g("itemReference"), "Where the item is."))
	b.enum(nsGraph, "itemKind", "resources/driveitem.md", "file", "folder")
	// An open type holding itself: each level decodes member by member.
	b.typ(nsGraph, "itemReference", ir.Complex, "resources/itemreference.md", "", "Where an item is.",
		prop("path", "Edm.String", "Path of the item."),
		prop("ancestors", g("itemReference")+"[]", "The folders above the item."))
	// A type the docs give no shape: its values are kept as raw JSON.
	b.typ(nsGraph, "Json", ir.Complex, "resources/json.md", "", "Data in JSON format.")
	b.typ(nsGraph, "folder", ir.Entity, "resources/folder.md", g("driveItem"), "",
		prop("childCount", "Edm.Int32", "Number of children."))
	b.typ(nsGraph, "notebook", ir.Entity, "resources/notebook.md", g("driveItem"), "",
		prop("sectionCount", "Edm.Int32", "Number of sections."))

	op := func(name, method, path, src string, params []string, req, resp string, status int, coll bool, exs ...*ir.Example) {
		b.p.Operations = append(b.p.Operations, &ir.Operation{
			Name: name, Title: name, Namespace: nsGraph, Source: src, Method: method, Paths: []string{path},
			PathParameters: params, RequestType: req, ResponseType: resp, ResponseStatus: status, ResponseCollection: coll,
			Package: "graph", Pos: diag.Pos{File: src, Line: 1, Col: 1}, Examples: exs,
		})
	}
	ex := func(name, method, path, body string, status int, respBody string, truncated bool) *ir.Example {
		var hs []ir.Header
		if body != "" {
			hs = append(hs, ir.Header{Name: "Content-Type", Value: "application/json"})
		}
		return &ir.Example{Name: name,
			Request:  &ir.ExampleRequest{Method: method, Path: path, Headers: hs, Body: body},
			Response: &ir.ExampleResponse{Status: status, Body: respBody, Truncated: truncated}}
	}
	items := "/drives/{drive-id}/items"
	item := items + "/{item-id}"
	op("ListItems", "GET", items, "api/driveitem-list.md", []string{"drive-id"}, "", g("driveItem"), 200, true,
		ex("list_items", "GET", items, "", 200, `{"value": [
  {"@odata.type": "#microsoft.graph.folder", "id": "1", "name": "String", "childCount": "Int32"},
  {"id": "2", "name": "a.txt", "size": "Int64", "tags": ["String"], "kind": "String", "lastModifiedDateTime": "String (timestamp)"}
]}`, false))
	op("GetItem", "GET", item, "api/driveitem-get.md", []string{"drive-id", "item-id"}, "", g("driveItem"), 200, false,
		ex("get_folder", "GET", "/drives/b!abc/items/01ABC", "", 200,
			`{"@odata.type": "#microsoft.graph.folder", "id": "01ABC", "name": "Documents", "childCount": 3}`, false),
		ex("get_missing", "GET", item, "", 404,
			`{"error": {"code": "itemNotFound", "message": "The item does not exist."}}`, false))
	op("UpdateItem", "PATCH", item, "api/driveitem-update.md", []string{"drive-id", "item-id"}, g("driveItem"), g("driveItem"), 200, false,
		ex("rename", "PATCH", item, `{"name": "new name", "tags": ["a", "b"], "kind": "futureKind", "content": [[1, "a"], [null, true]], "checksum": [1, 2, 255]}`, 200,
			`{"@odata.type": "#microsoft.graph.driveItem", "id": "String (identifier)", "name": "new name", "tags": ["a", "b"], "kind": "futureKind", "checksum": [1, 2, 255]}`, true))
	op("DeleteItem", "DELETE", item, "api/driveitem-delete.md", []string{"drive-id", "item-id"}, "", "", 204, false,
		ex("delete", "DELETE", item, "", 204, "", false))
	op("GetItemKind", "GET", item+"/kind", "api/driveitem-kind.md", []string{"drive-id", "item-id"}, "", g("itemKind"), 200, false,
		ex("kind", "GET", item+"/kind", "", 200, `{"value": "folder"}`, false))
	// An action whose body only a table describes: CopyItemRequest.
	op("CopyItem", "POST", item+"/copy", "api/driveitem-copy.md", []string{"drive-id", "item-id"}, "", "", 202, false,
		ex("copy", "POST", item+"/copy", `{"name": "copy of a.txt", "tags": ["x"], "kind": "file", "into": {"@odata.type": "#microsoft.graph.folder", "id": "f1", "childCount": 2}}`, 202, "", false),
		ex("copy_bad", "POST", item+"/copy", `{"name": "copy", "color": "red"}`, 400, `{"error": {"code": "invalidRequest", "message": "Unknown property."}}`, false))
	copyOp := b.p.Operations[len(b.p.Operations)-1]
	copyOp.RequestBody = []*ir.Property{
		prop("name", "Edm.String", "Name of the copy."),
		prop("tags", "Edm.String[]", ""),
		prop("kind", g("itemKind"), ""),
		prop("name", "Edm.String", "A repeated row: the first one counts."),
		prop("into", g("driveItem"), "The folder to copy into: a polymorphic parameter."),
	}
	// Two operations document one method and path, each for a body of its
	// own type: the handler picks one by the body's @odata.type.
	op("CreateItem", "POST", items, "api/driveitem-post.md", []string{"drive-id"}, g("driveItem"), g("driveItem"), 201, false,
		ex("create_item", "POST", items, `{"name": "a.txt"}`, 201, `{"@odata.type": "#microsoft.graph.driveItem", "name": "a.txt"}`, true))
	op("CreateFolder", "POST", items, "api/folder-post.md", []string{"drive-id"}, g("folder"), g("folder"), 201, false,
		ex("create_folder", "POST", items, `{"@odata.type": "#microsoft.graph.folder", "name": "docs", "childCount": 0}`, 201, `{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`, true))
	// Two operations for sibling types on one path: a body naming neither
	// type cannot be handed to either.
	bundles := items + "/bundles"
	op("CreateBundleFolder", "POST", bundles, "api/folder-post-bundles.md", []string{"drive-id"}, g("folder"), g("folder"), 201, false,
		ex("create_bundle_folder", "POST", bundles, `{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`, 201, `{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`, true),
		// Naming no type, it is answered 400: its test is skipped.
		ex("create_bundle_untyped", "POST", bundles, `{"name": "docs"}`, 201, `{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`, true))
	op("CreateBundleNotebook", "POST", bundles, "api/notebook-post-bundles.md", []string{"drive-id"}, g("notebook"), g("notebook"), 201, false,
		ex("create_bundle_notebook", "POST", bundles, `{"@odata.type": "#microsoft.graph.notebook", "name": "notes"}`, 201, `{"@odata.type": "#microsoft.graph.notebook", "name": "notes"}`, true),
		ex("create_bundle_notebook_untyped", "POST", bundles, `{"name": "notes"}`, 201, `{"@odata.type": "#microsoft.graph.notebook", "name": "notes"}`, true))
	// Two pages naming one path's placeholder two ways still dispatch by
	// type: the path fills the same parameter of both.
	op("AddFolderUnder", "POST", items+"/{item-id}/children", "api/folder-post-children.md", []string{"drive-id", "item-id"}, g("folder"), g("folder"), 201, false,
		ex("add_folder_under", "POST", items+"/{item-id}/children", `{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`, 201, `{"@odata.type": "#microsoft.graph.folder", "name": "docs"}`, true))
	op("AddNotebookUnder", "POST", items+"/{parent-id}/children", "api/notebook-post-children.md", []string{"drive-id", "parent-id"}, g("notebook"), g("notebook"), 201, false,
		ex("add_notebook_under", "POST", items+"/{parent-id}/children", `{"@odata.type": "#microsoft.graph.notebook", "name": "notes"}`, 201, `{"@odata.type": "#microsoft.graph.notebook", "name": "notes"}`, true))
	// A redirect: the method returns the Location; the documented response
	// type (the content after following it) is not the method's result.
	download := ex("download", "GET", item+"/content", "", 302, "", false)
	download.Response.Headers = []ir.Header{{Name: "Location", Value: "https://download.example.com/a.txt?token=x"}}
	op("GetItemContent", "GET", item+"/content", "api/driveitem-get-content.md", []string{"drive-id", "item-id"}, "", g("driveItem"), 302, false,
		download, ex("download_missing", "GET", item+"/content", "", 404, `{"error": {"code": "itemNotFound", "message": "No such item."}}`, false))
	// A $ref link: the page links the driveItem type, but the body is a
	// reference to one.
	op("AddItemLink", "POST", item+"/links/$ref", "api/driveitem-post-links.md", []string{"drive-id", "item-id"}, g("driveItem"), "", 204, false,
		ex("add_link", "POST", item+"/links/$ref", `{"@odata.id": "https://graph.microsoft.com/beta/drives/d/items/i2"}`, 204, "", false))
	// Bodies the docs give no type, only examples: taken and answered whole.
	op("PreviewItem", "POST", item+"/preview", "api/driveitem-preview.md", []string{"drive-id", "item-id"}, "", "", 0, false,
		ex("preview", "POST", item+"/preview", `{"page": "2", "zoom": 1.5, "viewer": {"mode": "dark"}}`, 200,
			`{"getUrl": "https://example.com/preview", "postParameters": "param1=value", "pages": [1, 2]}`, false))
	return b.link()
}

// buildUnresolved has a property whose type is not resolved; Generate must
// refuse it with the property's position.
func buildUnresolved() *ir.Program {
	b := newIRBuilder()
	b.typ(nsGraph, "thing", ir.Complex, "resources/thing.md", "", "",
		prop("displayName", "Edm.String", ""),
		prop("size", "Edm.Int64", ""))
	p := b.link()
	size := p.Lookup(nsGraph + ".thing").Properties[1]
	size.Type, size.Ref = nsGraph+".missing", nil
	return p
}

// buildCollisions has the names the docs give that are hard on Go
// identifiers: leading digits, '@', dots, dashes, names differing only in
// case, a type and a property of the same Go name, properties named like
// the methods and fields gen generates, and a derived type whose property
// takes the Go name of an inherited one. Generate resolves each by the rule
// of nameFields.
func buildCollisions() *ir.Program {
	b := newIRBuilder()
	g := func(n string) string { return nsGraph + "." + n }
	ent := b.typ(nsGraph, "entity", ir.Entity, "resources/entity.md", "", "",
		prop("id", "Edm.String", ""))
	ent.Abstract = true
	thing := b.typ(nsGraph, "thing", ir.Entity, "resources/thing.md", g("entity"), "",
		prop("displayName", "Edm.String", "The name."),
		prop("display_name", "Edm.String", "The name, spelt another way."),
		prop("3dModel", "Edm.Binary", ""),
		prop("@removed", "Edm.Boolean", ""),
		prop("name.first", "Edm.String", ""),
		prop("e-mail", "Edm.String", ""),
		prop("type", "Edm.String", ""),
		prop("thing", "Edm.String", "A property named like its type."),
		prop("marshalJSON", "Edm.String", ""),
		prop("asEntity", "Edm.String", ""),
		prop("asSpecialThing", "Edm.String", ""),
		prop("additionalProperties", "Edm.Int32", ""))
	thing.Open = true
	// The resolver numbers colliding names: display_name and displayName.
	thing.Properties[1].GoName = "DisplayName2"
	b.typ(nsGraph, "specialThing", ir.Entity, "resources/specialthing.md", g("thing"), "",
		prop("display-name", "Edm.String", "Yet another spelling."),
		prop("type", "Edm.String", "Repeats the inherited property."))
	b.typ(nsGraph, "3dPrinter", ir.Complex, "resources/3dprinter.md", "", "",
		prop("for", "Edm.String", ""))
	item := b.typ(nsGraph, "item", ir.Complex, "resources/item.md", "", "", prop("a", "Edm.String", ""))
	item2 := b.typ(nsGraph, "Item", ir.Complex, "resources/item-upper.md", "", "", prop("b", "Edm.String", ""))
	// The resolver numbers types whose names differ only in case.
	item.GoName, item2.GoName = "Item", "Item2"
	e := b.enum(nsGraph, "mode", "resources/thing.md", "true", "3d", "a.b", "@odata")
	e.Members[3].GoName = "ModeOData"
	return b.link()
}

// buildRoutes exercises routing: OData function segments with parameters
// inside them, several parameters in one segment, a function segment with
// only literals, path addressing (root:/{path}:/content), patterns that
// conflict under ServeMux's rules, a path served by two operations, paths
// differing only in the names of their parameters and a parameter named
// twice in one path.
func buildRoutes() *ir.Program {
	b := newIRBuilder()
	g := func(n string) string { return nsGraph + "." + n }
	ent := b.typ(nsGraph, "entity", ir.Entity, "resources/entity.md", "", "",
		prop("id", "Edm.String", "Key that uniquely identifies the instance."))
	ent.Abstract = true
	b.typ(nsGraph, "thing", ir.Entity, "resources/thing.md", g("entity"), "A **thing** is anything.",
		prop("name", "Edm.String", "Name of the thing."))

	op := func(name, method, src string, paths []string, params []string, resp string, status int, exs ...*ir.Example) {
		b.p.Operations = append(b.p.Operations, &ir.Operation{
			Name: name, Title: name, Namespace: nsGraph, Source: src, Method: method, Paths: paths,
			PathParameters: params, ResponseType: resp, ResponseStatus: status,
			Package: "graph", Pos: diag.Pos{File: src, Line: 1, Col: 1}, Examples: exs,
		})
	}
	ex := func(name, method, path string, status int, respBody string) *ir.Example {
		return &ir.Example{Name: name,
			Request:  &ir.ExampleRequest{Method: method, Path: path},
			Response: &ir.ExampleResponse{Status: status, Body: respBody}}
	}
	thing := `{"id": "1", "name": "a"}`
	op("GetEmailActivityCounts", "GET", "api/reportroot-getemailactivitycounts.md",
		[]string{"/reports/getEmailActivityCounts(period='{period_value}')"}, []string{"period_value"}, g("thing"), 200,
		ex("counts", "GET", "/reports/getEmailActivityCounts(period='D7')", 200, thing))
	op("GetTeamsUserActivityCounts", "GET", "api/reportroot-getteamsuseractivitycounts.md",
		[]string{"/reports/getTeamsUserActivityCounts(period='D7')"}, nil, g("thing"), 200,
		ex("teams", "GET", "/reports/getTeamsUserActivityCounts(period='D7')", 200, thing))
	op("CancelRequest", "POST", "api/privilegedroleassignmentrequest-cancel.md",
		[]string{"/privilegedRoleAssignmentRequests({requestid})/cancel"}, []string{"requestid"}, "", 204,
		ex("cancel", "POST", "/privilegedRoleAssignmentRequests('7')/cancel", 204, ""))
	op("GetCell", "GET", "api/worksheet-cell.md",
		[]string{"/workbook/worksheets/{id|name}/Cell(row={row},column={column})"}, []string{"id|name", "row", "column"}, g("thing"), 200,
		ex("cell", "GET", "/workbook/worksheets/{id|name}/Cell(row=5,column=6)", 200, thing))
	op("GetContent", "GET", "api/driveitem-get-content.md",
		[]string{"/me/drive/root:/{item-path}:/content", "/drives/{drive-id}/items/{item-id}/content"}, []string{"item-path", "drive-id", "item-id"}, "", 204,
		ex("by_path", "GET", "/me/drive/root:/Documents/a b.txt:/content", 204, ""))
	op("ListPolicyAppliesTo", "GET", "api/policy-list-appliesto.md",
		[]string{"/policies/{id}/appliesTo"}, []string{"id"}, g("thing"), 200)
	op("GetTimeoutPolicy", "GET", "api/activitybasedtimeoutpolicy-get.md",
		[]string{"/policies/activityBasedTimeoutPolicies/{id}"}, []string{"id"}, g("thing"), 200)
	op("GetThing", "GET", "api/thing-get.md", []string{"/things/{thing-id}"}, []string{"thing-id"}, g("thing"), 200,
		ex("get", "GET", "/things/{thing-id}", 200, thing))
	op("UpdateThing", "PATCH", "api/thing-update.md", []string{"/things/{id}"}, []string{"id"}, g("thing"), 200)
	op("GetThingExpanded", "GET", "api/thing-get-expanded.md", []string{"/things/{id}"}, []string{"id"}, g("thing"), 200,
		ex("expanded", "GET", "/things/1?$expand=members", 200, thing))
	op("DeltaThings", "GET", "api/thing-delta.md", []string{"/things/delta"}, nil, g("thing"), 200)
	op("RemoveMember", "DELETE", "api/thing-delete-member.md", []string{"/things/{id}/members/{id}/$ref"}, []string{"id"}, "", 204,
		ex("remove", "DELETE", "/things/1/members/2/$ref", 204, ""))
	return b.link()
}
