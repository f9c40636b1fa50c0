package lint

import (
	"sort"

	"gen/gen/internal/diag"
)

// Rule is one kind of finding. Its ID is part of gen's interface: users
// disable rules and suppress them per page by ID, and CI tools key on it.
type Rule struct {
	ID       string
	Severity diag.Severity
	Summary  string // one line: what the rule finds
	Help     string // why it matters and how to fix it
}

// Rules lists every rule gen lint can report, sorted by ID. It includes the
// parser's and resolver's rules: their findings are lint findings too.
var Rules = sortRules([]Rule{
	// Parser and resolver findings.
	{"parse-error", diag.Error, "A page the parser could not read.",
		"The parser stopped on this page; what it could not read is missing from the IR. Report the page with the message."},
	{"internal-error", diag.Error, "A check that failed on this page.",
		"A lint check stopped on this page instead of finishing; the page's other findings are still reported. Report the page with the message."},
	{"unclosed-block", diag.Error, "A code fence, HTML comment or front matter that is never closed.",
		"Everything after the opening marker is swallowed into the block. Close the fence with ``` on its own line, the comment with -->, the front matter with ---."},
	{"unknown-type", diag.Error, "A Type cell, baseType or @odata.type that resolves to no type.",
		"Link the type to its resource page or spell it as a primitive (String, Int32, DateTimeOffset, ...) or a qualified name of a documented type."},
	{"missing-section", diag.Error, "An operation page without HTTP request or Response, a resource page without Properties or JSON representation.",
		"Operation pages need `## HTTP request` with METHOD /path lines and `## Response`; resource pages need `## Properties` and `## JSON representation`."},
	{"duplicate-property", diag.Warning, "A property listed twice in one resource's tables, typed otherwise by a second page of the same type, or a parameter listed twice in a request-body table.",
		"Keep one row per property; the first row is used, or of rows that differ only in letter case the one spelled as in the JSON representation. Of two pages declaring one type, the first page's row is used."},
	{"duplicate-type", diag.Warning, "Two pages that declare the same qualified type.",
		"Each type has one resource page; the declarations are merged."},
	{"enum-as-string", diag.Warning, "A String property whose possible values are exactly the members of a documented enum.",
		"Type the property as the enum (link its values table) so readers and generated code get the enum, not a plain string."},
	{"missing-property-table", diag.Warning, "A resource page with no property table, whose properties are read from its JSON representation.",
		"The JSON representation gives names and rough types but no descriptions; add a Property | Type | Description table under ## Properties."},
	{"metadata-drift", diag.Warning, "A type or property whose docs disagree with the service's CSDL schema (gen lint -metadata FILE.xml).",
		"The schema is what the service does; fix the docs' row, or report the schema if the docs are right."},
	{"property-case", diag.Warning, "A property row spelled with other letter case than the inherited property it repeats, or than the page's JSON representation; an example parameter spelled with other case than its request-body table row.",
		"JSON names are case-sensitive; spell the row as the base type's page and the JSON representation do. Where only the letter case differs from the JSON representation, gen uses the representation's spelling."},
	{"inherited-type-mismatch", diag.Warning, "A property row that repeats an inherited property with another type or collection flag than the base type declares.",
		"A derived type cannot change the type of what it inherits; gen uses the base type's. Type the row as the base type's page does, or, if the property is really the derived type's own, name it otherwise or fix the base type."},
	{"go-name-clash", diag.Warning, "Two types, or a type and an enum member, whose names make the same Go identifier in one package; operation pages of one package with the same title.",
		"Go names are unique per package: type names that differ only in separators (gear_box, gearBox) or by a leading digit's X (3dModel, x3dModel), and an enum member beside a type named <enum><Member> clash. The one that sorts first keeps the name and the other gets 2, 3, ..., which renames it when a page that sorts before it is added. Operations sharing a title each take their file name's words (ListMembersDirectoryrole), but for one page whose file name holds no word its title does not (event-update.md for \"Update event\"), which keeps the title's name; without such a page, a page added with a title renames the method that had it alone. Rename one of the two, or give the pages distinct titles."},
	{"inheritance-cycle", diag.Error, "A baseType chain that loops back to itself.",
		"Fix the resource annotation's baseType so the chain ends at a root type."},
	{"invalid-utf8", diag.Error, "A page that is not UTF-8 text: an invalid byte sequence or a NUL byte (the first one is reported); a page whose file name is not UTF-8, which is left out.",
		"Generated Go source, JSON and struct tags must be UTF-8; each bad byte is read as U+FFFD. Save the page as UTF-8 (or remove the binary file)."},
	{"invalid-property-name", diag.Error, "A property row whose name cannot be a JSON member name: a space, a quote, a backslash, a comma, an emoji, template text.",
		"Generated structs name each property in an encoding/json tag, which takes letters, digits and !#$%&()*+-./:;<=>?@[]^_{|}~ only; the property is left out. Write the property's JSON name as the service sends it. A template's TODO name is a warning only: the row of a page being written is left out, and the rest of the page is used."},
	{"invalid-status", diag.Error, "A response status, in the Response prose or an example's status line, outside 100-599.",
		"No HTTP response has such a status (net/http refuses to write it); the example response is left out. Write the status the service answers, such as 200 OK."},
	{"invalid-path", diag.Error, "A request line whose path has a brace that is not part of a {name} pair, an empty {}, whitespace, an empty or dot segment (//, /., /..), or template text instead of a path; a warning for an ellipsis standing for segments left out (/.../, the line is left out) and for one written from the service root (~/x, read as /x).",
		"The path cannot be routed as written (\"/a b\" was read as /a; a server cleans \"//x\" and \"/x/..\" before routing); the line is left out of the operation. Close each {name}, name every parameter, end the line after the path or write %20, and write each segment once, with one slash before it."},
	{"mixed-methods", diag.Warning, "An HTTP request section whose lines use more than one method.",
		"A page documents one operation: the lines with another method than the first are left out of it, and their paths are not served. Document the other method on a page of its own."},
	{"invalid-namespace", diag.Error, "A namespace whose last element makes no usable Go package, such as microsoft.graph.odata (the generated runtime package is odata).",
		"Each namespace becomes the Go package named by its last element; the page's types or operation are left out. Rename the namespace's last element."},

	{"unknown-page-kind", diag.Error, "A page read as neither an operation nor a type page: outside the api and resources folders, with a doc_type gen does not know, or without doc_type but with an HTTP request section or a property table; a warning when no such content is lost.",
		"Gen tells a page's kind by its folder (api/, resources/), else by doc_type (apiPageType, resourcePageType, enumPageType, complexTypePageType, conceptualPageType); a page of no kind is left out of the IR and of the generated code. Move the page into an api or resources folder, or spell its doc_type as one of these."},

	// Text.
	{"template-placeholder", diag.Error, "Unfilled template text: **TODO ...**, TODO:, Not yet documented.",
		"Template text becomes doc comments and page text as is, and a page that still holds it is unfinished: lint fails on it, so a scaffolded page cannot reach a release before its markers are filled. Replace it with the real content (HTML comments are not checked)."},
	{"broken-link", diag.Error, "A relative link to a page or anchor that does not exist.",
		"Point the link at an existing page (paths are relative to the linking page) and at a heading or <a name> anchor that page has."},
	{"link-case", diag.Warning, "A relative link that resolves only when letter case is ignored.",
		"Case-sensitive file systems and web servers do not find the target; spell the path and anchor as the target is spelled."},
	{"table-malformed", diag.Error, "A table row with a different number of cells than the header, or a header with fewer cells than the delimiter row below it.",
		"Markdown pads short rows and drops extra cells, so text moves to the wrong column or disappears. Escape pipes inside cells as \\| and give every row the header's cells."},

	// Annotations.
	{"annotation-json", diag.Error, "An annotation comment that is not valid JSON.",
		"Annotations are read as JSON; fix the reported token (trailing comma, unquoted key, smart quotes, comment, ...)."},
	{"annotation-unknown-key", diag.Warning, "An annotation key that no annotation of that blockType takes.",
		"Unknown keys are ignored, so a misspelt key silently loses its meaning. Use the suggested key or remove it."},
	{"annotation-value", diag.Error, "An annotation key whose value has the wrong JSON type or an unknown value.",
		"Write booleans as true/false (not \"true\"), names as strings or lists of strings, blockType as one of resource, request, response, example, ignored. A page annotation's \"suppressions\" entry spelled like a rule ID but naming none suppresses nothing (a warning): use the suggested ID."},
	{"annotation-missing", diag.Warning, "An HTTP or JSON example code block with no annotation before it.",
		"Without a <!-- { \"blockType\": \"request\", \"name\": \"...\" } --> annotation the block is paired and typed by guesswork. Add one."},

	// Examples.
	{"example-json", diag.Error, "A request, response or resource body that is not valid JSON.",
		"Readers copy these bodies and gen turns them into tests; fix the reported token (trailing comma, comment, unquoted key, smart quotes, ellipsis, ...)."},
	{"json-duplicate-key", diag.Warning, "A key written twice in one JSON object of a body or annotation.",
		"JSON decoders keep only one of the values; remove or rename the duplicate. In an example request it is an error: the generated handler answers such a body 400."},
	{"content-length", diag.Error, "A Content-Length header that differs from the body's byte length (a warning when it is the length with CRLF line endings).",
		"Fix the number or drop the header; a wrong length truncates or stalls a real request. A length that counts each line break as CRLF is a warning: the example as shown has LF line breaks."},
	{"blank-line-before-headers", diag.Warning, "An HTTP example with a blank line between its request or status line and its headers.",
		"In HTTP the first blank line ends the headers: what follows it is the body, so a client copying the example sends its headers as the body. Gen reads the lines as headers all the same; remove the blank line."},
	{"value-wrapper", diag.Warning, "A request or response example that wraps what the page documents as one object in {\"value\": ...}.",
		"OData sends a single entity or complex value as the object itself; only collections are wrapped in \"value\". Drop the wrapper, or if the operation does take or answer a collection, say so in the Request body or Response prose (\"a collection of [x](x.md) objects\") or with \"isCollection\": true in the annotation. Gen checks the wrapped object all the same, but the generated example test skips the example."},
	{"content-type-missing", diag.Warning, "A request example with a JSON body and no Content-Type header.",
		"Graph answers 415 to a JSON body sent without Content-Type: application/json; add the header."},
	{"status-mismatch", diag.Error, "A response example whose status line the Response section does not name.",
		"Make the status code in ## Response and the example's HTTP/1.1 line agree. The answer to a request the example sends to another host (a callback the service makes to an app) is that host's: neither its status nor its body is held to the operation's."},
	{"status-convention", diag.Warning, "A create documented or answered with another status than 201, a delete with another than 204, an update (PATCH) with another than 200 or 204 (a create or delete answering 202 Accepted, asynchronously, is neither).",
		"Graph answers 201 Created to a POST that creates an item in a collection, 204 No Content to a DELETE and 200 OK or 204 No Content to a PATCH; check the page."},
	{"body-on-no-content", diag.Error, "A 204 No Content response example that has a body, or Response prose that names 204 and a resource in the response body.",
		"A 204 response has no body; drop the body or fix the status."},
	{"request-path-mismatch", diag.Error, "An example request whose method and path match none of the page's HTTP request lines.",
		"The example must call the operation the page documents: same method, same path with {placeholders} filled in. An example whose first line is no request line (a misspelt method) calls nothing. A request to another host than Graph's (a callback) or annotated \"opaqueUrl\": true is not held to the page's paths."},
	{"unpaired-example", diag.Error, "A request without a response, a response without a request, a response name that matches no request.",
		"Requests and responses pair by annotation name, else by order; give each request one response with the same name. A response after a request annotated \"ignored\" is unpaired too: annotate both alike. A request to another host than Graph's (a callback) needs no response."},
	{"duplicate-example-name", diag.Error, "An example name used more than once across the pages linted.",
		"Example names identify test scenarios across the doc set; make each one unique."},

	// Bodies and tables against the types.
	{"body-property-unknown", diag.Error, "A property in an example or resource body that its type and base types do not have (an x@odata.bind included, which links the property x), or a parameter that the request-body table of an action does not list.",
		"Fix the spelling, document the property on the resource page, or name the right @odata.type."},
	{"odata-type-mismatch", diag.Error, "An @odata.type in a body that is neither the expected type nor derived from it, or that lacks a member of a body the request-body table describes; or a response annotation's that names another type than the Response prose, where the body is plainly the prose's.",
		"Name the property's type or one of its derived types; in an annotation, the type the body is."},
	{"type-mismatch", diag.Error, "An example value that does not fit its property's type, or a JSON representation sample that contradicts it.",
		"Booleans are true/false, numbers unquoted and in their type's range, collections arrays, DateTimeOffset values RFC 3339 (2020-05-19T08:30:00Z), Date, TimeOfDay, Duration and Guid values in OData's forms (2020-05-19, 08:30:00, PT1H, a GUID): the generated handler refuses anything else."},
	{"enum-value", diag.Warning, "An example value of an enum property that is not a member of the enum.",
		"Use one of the members listed in the enum's values table, or add the member there."},
	{"placeholder-value", diag.Warning, "An example that uses a type placeholder (\"String (timestamp)\", an object holding only its type's @odata.type) or an unfilled {placeholder} where a realistic value belongs.",
		"Examples are run as tests and copied by readers; write a realistic value (2020-05-19T08:30:00Z, a GUID, a real id)."},
	{"body-table-mismatch", diag.Error, "A request-body table row that is not a property of the request type, or is typed differently than on the resource page; a Request body link to a type that none of two or more rows is a property of (one finding, on the link).",
		"The request body table documents the resource's properties; match its names and types to the resource page."},
	{"base-type-mismatch", diag.Warning, "A resource annotation whose baseType is missing or differs from the base type the page's prose names.",
		"The prose says \"Inherits from [x](x.md)\" but the annotation, which tools read, says otherwise; put \"baseType\": \"microsoft.graph.x\" in the resource annotation."},
	{"read-only-in-request", diag.Warning, "A read-only property listed in a create or update request body table, or set by a request example's body (a relationship in a create, the id in a PUT, and what a page makes read-only from creation on are not: read-only means it changes no more once made).",
		"The service ignores or rejects read-only properties in requests; remove the row."},
})

func sortRules(rs []Rule) []Rule {
	sort.Slice(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID })
	return rs
}

var ruleIndex = func() map[string]int {
	m := make(map[string]int, len(Rules))
	for i, r := range Rules {
		m[r.ID] = i
	}
	return m
}()

// RuleByID returns the rule with the given ID.
func RuleByID(id string) (Rule, bool) {
	i, ok := ruleIndex[id]
	if !ok {
		return Rule{}, false
	}
	return Rules[i], true
}
