// Package scaffold writes new Graph-style pages from the templates in the
// repository's templates/ folder and the IR of the pages already written:
// an operation page (create, get, list, update, delete) for a resource, or
// a new resource page.
//
// What the IR knows is filled in: title, namespace, HTTP request, the
// request-body table from the resource's properties (inherited ones first,
// with links to where they are declared), and request and response examples
// with typed placeholder values. What only a person can write is left as a
// "**TODO: ...**" marker: descriptions, permissions, author, ms.prod.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
	"gen/templates"
)

// Operation kinds.
const (
	Create = "create"
	Get    = "get"
	List   = "list"
	Update = "update"
	Delete = "delete"
)

// OperationKinds lists the operation kinds in the order the CLI shows them.
var OperationKinds = []string{Create, Get, List, Update, Delete}

// Options are the choices shared by every kind of page.
type Options struct {
	// Version is the API version the examples call: "beta" (the default,
	// which also adds the beta disclaimer) or "v1.0".
	Version string
	// PageDir is the folder of the new page relative to the doc root, used
	// to write relative links; "" means "api" for operations and
	// "resources" for resource pages.
	PageDir string
}

func (o Options) version() (string, error) {
	switch o.Version {
	case "", "beta":
		return "beta", nil
	case "v1.0":
		return "v1.0", nil
	}
	return "", fmt.Errorf("unknown API version %q: use beta or v1.0", o.Version)
}

// OperationPage is the data the operation templates receive.
type OperationPage struct {
	Kind        string   // create, get, list, update or delete
	Title       string   // "Create segment"
	Description string   // "Create a new segment object."
	Namespace   string   // "microsoft.graph.callRecords"
	Beta        bool     // the page documents the beta API
	Method      string   // "POST"
	Path        string   // the HTTP path template, "/communications/.../segments"
	URL         string   // the example request URL: https://graph.microsoft.com/<version><Path>
	Type        TypeLink // the resource the operation acts on
	// Properties are the rows of the request-body table: the resource's
	// structural properties, those of its base types first (root first),
	// each level sorted by name. Navigation properties are not listed.
	Properties  []Row
	ExampleName string // the example annotation's "name"
	RequestBody string // JSON, no trailing newline; "" when the request has no body
	Status      string // "201 Created"
	// ResponseBody is the example response's JSON ("" for none): the
	// resource with its key, or {"value": [...]} for list.
	ResponseBody string
}

// ResourcePage is the data the resource template receives.
type ResourcePage struct {
	Name        string // simple name, "segment"
	Namespace   string
	Qualified   string // namespace.name
	Beta        bool
	BaseType    string // qualified name of the base type; "" for none
	KeyProperty string // inherited key property; "" for none
	// Properties are the rows inherited from the base types (root first);
	// the template adds a row for the type's own properties.
	Properties []Row
	// JSON is the JSON representation of the inherited properties, with
	// the new type's @odata.type; the template adds its own property.
	JSON []JSONField
}

// TypeLink is a type as a page mentions it.
type TypeLink struct {
	Name      string // simple name: "segment"
	Qualified string // "microsoft.graph.callRecords.segment"
	Link      string // relative to the new page: "../resources/callrecords-segment.md"
	Article   string // "a" or "an", for "a segment", "an event"
}

// Row is one row of a property table.
type Row struct {
	Name      string
	Type      string    // the Type cell: "String", "[x](../resources/x.md) collection"
	Values    string    // enum members for "Possible values are: ...": "`a`, `b`"
	Inherited *TypeLink // the base type that declares the property; nil for own ones
}

// JSONField is one member of a JSON representation, key and value
// already encoded as JSON text.
type JSONField struct {
	Key   string
	Value string
}

// DiagError is returned when the pages a new page depends on have errors.
type DiagError struct {
	Root  string // the doc root, joined in front of each page path
	Diags diag.List
}

func (e *DiagError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d error(s) in the pages the new page depends on:", len(e.Diags))
	for _, d := range e.Diags {
		d.Span.File = filepath.Join(e.Root, filepath.FromSlash(d.Span.File))
		b.WriteString("\n" + d.String())
	}
	return b.String()
}

// docs is a loaded doc root: its resource pages resolved into the IR.
type docs struct {
	root  string
	pages map[string]*parse.Page // by path relative to root
	prog  *ir.Program
	diags diag.List
	// examples maps each example name the doc set uses to the request
	// lines ("GET /widgets/{id}") of the pages that use it.
	examples map[string][]string
}

// load reads every page below root and resolves its resource pages (only
// those: an unfinished operation page elsewhere does not stop scaffolding).
func load(root string) (*docs, error) {
	set, err := resolve.ReadDir(root)
	if errors.As(err, new(resolve.NoPagesError)) {
		// A doc set's first page: nothing to link to or take facts from.
		prog := &ir.Program{}
		prog.Index()
		return &docs{root: root, pages: map[string]*parse.Page{}, prog: prog}, nil
	}
	if err != nil {
		return nil, err
	}
	d := &docs{root: set.Root, pages: map[string]*parse.Page{}, examples: map[string][]string{}}
	var resources []*parse.Page
	for _, p := range set.Pages {
		for _, ex := range p.Examples {
			if ex.Name == "" {
				continue
			}
			for _, rl := range p.Requests {
				d.examples[ex.Name] = append(d.examples[ex.Name], strings.ToUpper(rl.Method)+" "+rl.Path)
			}
			if len(p.Requests) == 0 {
				d.examples[ex.Name] = append(d.examples[ex.Name], "")
			}
		}
		if p.Kind == parse.Resource {
			resources = append(resources, p)
			d.pages[p.Src.Path] = p
		}
	}
	d.prog, d.diags = resolve.Resolve(resolve.NewSet(set.Root, resources))
	return d, nil
}

// exampleName is name, or name_2, name_3, ... when a page of the doc set
// that documents another request ("GET /widgets/{id}") than request
// already uses it: example names are unique across a doc set. A page for
// the same request (the one being scaffolded again) does not count.
func (d *docs) exampleName(name, request string) string {
	taken := func(n string) bool {
		for _, r := range d.examples[n] {
			if r != request {
				return true
			}
		}
		return false
	}
	out := name
	for i := 2; taken(out); i++ {
		out = fmt.Sprintf("%s_%d", name, i)
	}
	return out
}

// check fails with the error diagnostics of the pages that declare t, its
// base types and the types of its properties: the pages a new page about t
// links to and takes its facts from.
func (d *docs) check(t *ir.Type) error {
	need := map[string]bool{}
	for c := t; c != nil; c = c.Base {
		need[c.Source] = true
		for _, p := range c.Properties {
			if p.Ref != nil {
				need[p.Ref.Source] = true
			}
		}
	}
	var errs diag.List
	for _, x := range d.diags.Errors() {
		if need[x.Span.File] {
			errs = append(errs, x)
		}
	}
	if len(errs) > 0 {
		return &DiagError{Root: d.root, Diags: errs}
	}
	return nil
}

// Operation renders a new operation page of the given kind for the
// resource declared by resourcePage (a path such as
// docs-input/resources/callrecords-segment.md), called on httpPath. The doc
// root is the folder above the resource page's folder; every page below it
// is read, so links and base types resolve as the generator resolves them.
func Operation(kind, resourcePage, httpPath string, opts Options) ([]byte, error) {
	method, ok := map[string]string{Create: "POST", Get: "GET", List: "GET", Update: "PATCH", Delete: "DELETE"}[kind]
	if !ok {
		return nil, fmt.Errorf("unknown operation kind %q: use one of %s", kind, strings.Join(OperationKinds, ", "))
	}
	version, err := opts.version()
	if err != nil {
		return nil, err
	}
	if err := checkHTTPPath(httpPath); err != nil {
		return nil, err
	}
	// The doc set is the folder that holds resources/: a page elsewhere
	// names none, and the folder above it may be anything.
	root, rel := resolve.PageRoot(resourcePage)
	if !strings.HasPrefix(rel, "resources/") {
		return nil, fmt.Errorf("-resource %s is not in a resources folder: gen new reads the doc set from the folder holding resources/ and api/", resourcePage)
	}
	d, err := load(root)
	if err != nil {
		return nil, err
	}
	d.root = root // as the user wrote it, for messages
	if d.pages[rel] == nil {
		if _, err := os.Stat(resourcePage); err != nil {
			return nil, fmt.Errorf("-resource: %v", err)
		}
		return nil, fmt.Errorf("%s is not a page of the doc set %s (a .md file outside hidden folders)", resourcePage, root)
	}
	t := d.typeOf(rel)
	if t == nil {
		if errs := onPage(d.diags.Errors(), rel); len(errs) > 0 {
			return nil, &DiagError{Root: d.root, Diags: errs}
		}
		return nil, fmt.Errorf("%s declares no resource type", resourcePage)
	}
	if err := d.check(t); err != nil {
		return nil, err
	}
	pageDir := opts.PageDir
	if pageDir == "" {
		pageDir = "api"
	}
	w := &composer{docs: d, from: pageDir}
	page := &OperationPage{
		Kind:      kind,
		Namespace: t.Namespace,
		Beta:      version == "beta",
		Method:    method,
		Path:      httpPath,
		URL:       "https://graph.microsoft.com/" + version + httpPath,
		Type:      w.typeLink(t),
	}
	name := t.Name
	switch kind {
	case Create:
		page.Title = "Create " + name
		page.Description = "Create a new " + name + " object."
		page.Status = "201 Created"
		page.ExampleName = "create_" + strings.ToLower(name) + "_from_" + strings.ToLower(d.parentName(t, httpPath))
	case Get:
		page.Title = "Get " + name
		page.Description = "Read the properties and relationships of " + article(name) + " " + name + " object."
		page.Status = "200 OK"
		page.ExampleName = "get_" + strings.ToLower(name)
	case List:
		page.Title = "List " + plural(name)
		page.Description = "Get a list of the " + name + " objects and their properties."
		page.Status = "200 OK"
		page.ExampleName = "list_" + strings.ToLower(name)
	case Update:
		page.Title = "Update " + name
		page.Description = "Update the properties of " + article(name) + " " + name + " object."
		page.Status = "200 OK"
		page.ExampleName = "update_" + strings.ToLower(name)
	case Delete:
		page.Title = "Delete " + name
		page.Description = "Delete " + article(name) + " " + name + " object."
		page.Status = "204 No Content"
		page.ExampleName = "delete_" + strings.ToLower(name)
	}
	page.ExampleName = d.exampleName(page.ExampleName, method+" "+httpPath)
	props := structural(t)
	switch kind {
	case Create:
		// What a client may send, and the key, which the seed's scaffolder
		// listed too (gen lint's read-only-in-request tells the writer);
		// other read-only properties are the service's to set.
		var sent []*ir.Property
		for _, p := range props {
			if !p.ReadOnly || p.Name == keyOf(t) {
				sent = append(sent, p)
			}
		}
		page.Properties = w.rows(t, sent)
		page.RequestBody = w.example(t, props, false)
	case Update:
		// Only what a PATCH may change.
		var writable []*ir.Property
		for _, p := range props {
			if !p.ReadOnly && p.Name != keyOf(t) {
				writable = append(writable, p)
			}
		}
		page.Properties = w.rows(t, writable)
		page.RequestBody = w.example(t, props, false)
	}
	switch kind {
	case Create, Get, Update:
		page.ResponseBody = w.example(t, props, true)
	case List:
		page.ResponseBody = render(jObject{{"value", jArray{w.exampleValue(t, props, true)}}}, "")
	}
	return execute(kind, page)
}

// Resource renders a new resource page for the type qualifiedName
// ("microsoft.graph.callRecords.widget"), derived from base (a qualified
// name, or "" for none), with the pages below root as the doc set that
// base comes from.
func Resource(root, qualifiedName, base string, opts Options) ([]byte, error) {
	version, err := opts.version()
	if err != nil {
		return nil, err
	}
	if err := checkName(qualifiedName); err != nil {
		return nil, err
	}
	i := strings.LastIndexByte(qualifiedName, '.')
	page := &ResourcePage{
		Name: qualifiedName[i+1:], Namespace: qualifiedName[:i], Qualified: qualifiedName,
		Beta: version == "beta",
	}
	d, err := load(root)
	if err != nil {
		return nil, err
	}
	if t := d.prog.Lookup(qualifiedName); t != nil {
		return nil, fmt.Errorf("%s is already declared by %s", qualifiedName, filepath.Join(root, filepath.FromSlash(t.Source)))
	}
	pageDir := opts.PageDir
	if pageDir == "" {
		pageDir = "resources"
	}
	w := &composer{docs: d, from: pageDir}
	fields := []JSONField{{Key: quote("@odata.type"), Value: quote("#" + qualifiedName)}}
	if base != "" {
		bt := d.prog.Lookup(strings.TrimPrefix(base, "#"))
		if bt == nil || bt.Kind == ir.Enum {
			return nil, fmt.Errorf("-base %q: no such resource type below %s", base, root)
		}
		if err := d.check(bt); err != nil {
			return nil, err
		}
		page.BaseType = bt.QualifiedName()
		page.KeyProperty = keyOf(bt)
		props := structural(bt)
		for _, r := range w.rows(bt, props) {
			if r.Inherited == nil {
				tl := w.typeLink(bt)
				r.Inherited = &tl
			}
			page.Properties = append(page.Properties, r)
		}
		for _, p := range orderProperties(bt, props) {
			v := w.sampleOf(bt, p, false)
			if p.Name == page.KeyProperty && p.Type == "Edm.String" {
				v = jRaw(quote("String (identifier)"))
			}
			fields = append(fields, JSONField{Key: quote(p.Name), Value: render(v, "  ")})
		}
	}
	page.JSON = fields
	return execute("resource", page)
}

func execute(kind string, data any) ([]byte, error) {
	tmpl, err := templates.Parse(kind)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// checkHTTPPath accepts a path template such as
// /communications/callRecords/{callRecordId}/sessions: the path alone, as
// the page's request line and example URL take it, and one the parser
// accepts, so that generate serves the page written.
func checkHTTPPath(p string) error {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, " \t\r\n?#") {
		return fmt.Errorf("-path %q: want an HTTP path template such as /communications/callRecords/{callRecordId}/sessions (leading slash, no host, version or query)", p)
	}
	if _, problem := parse.PathProblem(p); problem != "" {
		return fmt.Errorf("-path %q %s", p, problem)
	}
	if prm := resolve.RepeatedPlaceholder(p); prm != "" {
		return fmt.Errorf("-path %q names the placeholder {%s} twice, for two different values: name each for what it stands for", p, prm)
	}
	return nil
}

// checkName accepts the qualified name of a new type, such as
// microsoft.graph.callRecords.widget, that the pages can declare: each
// element an OData identifier, and a namespace the resolver accepts (one
// that makes a usable Go package).
func checkName(name string) error {
	if problem := parse.QualifiedNameProblem(name); problem != "" {
		return fmt.Errorf("-name %q is not a qualified type name such as microsoft.graph.callRecords.widget: %s", name, problem)
	}
	ns := name[:strings.LastIndexByte(name, '.')]
	if problem := resolve.NamespaceProblem(ns); problem != "" {
		return fmt.Errorf("-name %q: %s", name, problem)
	}
	return nil
}

func onPage(l diag.List, file string) diag.List {
	var out diag.List
	for _, d := range l {
		if d.Span.File == file {
			out = append(out, d)
		}
	}
	return out
}

// typeOf is the (non-enum) type a page declares.
func (d *docs) typeOf(source string) *ir.Type {
	for _, t := range d.prog.Types {
		if t.Source == source && t.Kind != ir.Enum {
			return t
		}
	}
	return nil
}

// parentName is the simple name of the type whose navigation property the
// last literal segment of httpPath names and which holds t: session for
// .../sessions/{sessionId}/segments. It is "" when the docs do not declare
// that type (the seed's case: its example is named create_segment_from_).
func (d *docs) parentName(t *ir.Type, httpPath string) string {
	segs := strings.Split(strings.Trim(httpPath, "/"), "/")
	nav := ""
	for i := len(segs) - 1; i >= 0; i-- {
		if s := segs[i]; s != "" && !strings.HasPrefix(s, "{") && !strings.HasPrefix(s, "$") {
			nav = s
			break
		}
	}
	var owners []string
	for _, o := range d.prog.Types {
		for _, p := range o.Properties {
			if p.Navigation && p.Name == nav && p.Ref == t {
				owners = append(owners, o.Name)
			}
		}
	}
	if len(owners) != 1 {
		return ""
	}
	return owners[0]
}

// composer turns IR facts into page text for a page in the folder from.
type composer struct {
	docs *docs
	from string // the new page's folder, relative to the doc root
}

func (w *composer) typeLink(t *ir.Type) TypeLink {
	return TypeLink{Name: t.Name, Qualified: t.QualifiedName(), Link: w.link(t), Article: article(t.Name)}
}

// link is the relative link from the new page to where t is declared, with
// the anchor of its values table for an enum.
func (w *composer) link(t *ir.Type) string {
	l := relLink(w.from, t.Source)
	if t.Kind == ir.Enum {
		if p := w.docs.pages[t.Source]; p != nil {
			for _, e := range p.Enums {
				if e.Name.Text == t.Name && e.Table != nil {
					if a := resolve.AnchorOf(e.Table.Subsection); a != "" {
						return l + "#" + a
					}
				}
			}
		}
	}
	return l
}

// relLink is the relative path from the folder fromDir to the file target,
// both relative to the same root: ("api", "resources/x.md") ->
// "../resources/x.md".
func relLink(fromDir, target string) string {
	var from []string
	if d := path.Clean(fromDir); d != "." && d != "" {
		from = strings.Split(d, "/")
	}
	to := strings.Split(target, "/")
	i := 0
	for i < len(from) && i < len(to)-1 && from[i] == to[i] {
		i++
	}
	parts := make([]string, 0, len(from)-i+len(to)-i)
	for range from[i:] {
		parts = append(parts, "..")
	}
	return strings.Join(append(parts, to[i:]...), "/")
}

// displayName is how a Type cell names a type: simple for microsoft.graph
// types, qualified for the rest, as Graph's pages do.
func displayName(t *ir.Type) string {
	if t.Namespace == resolve.DefaultNamespace {
		return t.Name
	}
	return t.QualifiedName()
}

// structural is the properties of t and its bases that belong in tables
// and examples: all but navigation properties.
func structural(t *ir.Type) []*ir.Property {
	var out []*ir.Property
	for _, p := range t.AllProperties() {
		if !p.Navigation {
			out = append(out, p)
		}
	}
	return out
}

// orderProperties puts props in page order: the root base type's first,
// then each derived level's; within a level sorted by name (case folded,
// then as written), as Graph's scaffolder orders them.
func orderProperties(t *ir.Type, props []*ir.Property) []*ir.Property {
	level := map[*ir.Property]int{}
	depth := 0
	for c := t; c != nil; c = c.Base {
		for _, p := range c.Properties {
			if _, ok := level[p]; !ok {
				level[p] = depth
			}
		}
		depth++
	}
	out := append([]*ir.Property(nil), props...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if level[a] != level[b] {
			return level[a] > level[b] // deeper base first
		}
		la, lb := strings.ToLower(a.Name), strings.ToLower(b.Name)
		if la != lb {
			return la < lb
		}
		return a.Name < b.Name
	})
	return out
}

// declaringType is the type in t's chain that declares p.
func declaringType(t *ir.Type, p *ir.Property) *ir.Type {
	for c := t; c != nil; c = c.Base {
		for _, q := range c.Properties {
			if q == p {
				return c
			}
		}
	}
	return t
}

// rows makes the property table rows of t.
func (w *composer) rows(t *ir.Type, props []*ir.Property) []Row {
	var out []Row
	for _, p := range orderProperties(t, props) {
		r := Row{Name: p.Name, Type: w.typeCell(p)}
		if p.Ref != nil && p.Ref.Kind == ir.Enum {
			var vals []string
			for _, m := range p.Ref.Members {
				vals = append(vals, "`"+m.Name+"`")
			}
			r.Values = strings.Join(vals, ", ")
		}
		if dt := declaringType(t, p); dt != t {
			tl := w.typeLink(dt)
			r.Inherited = &tl
		}
		out = append(out, r)
	}
	return out
}

// typeCell writes a property's type as Graph's tables do: "String",
// "DateTimeOffset", "[microsoft.graph.callRecords.media](../resources/callrecords-media.md) collection".
func (w *composer) typeCell(p *ir.Property) string {
	cell := strings.TrimPrefix(p.Type, "Edm.")
	if p.Ref != nil {
		cell = "[" + displayName(p.Ref) + "](" + w.link(p.Ref) + ")"
	}
	if p.Collection {
		cell += " collection"
	}
	return cell
}

// keyOf is the key property of t or its nearest base that names one.
func keyOf(t *ir.Type) string {
	for c := t; c != nil; c = c.Base {
		if c.KeyProperty != "" {
			return c.KeyProperty
		}
	}
	return ""
}

func article(name string) string {
	if name != "" && strings.ContainsRune("aeiouAEIOU", rune(name[0])) {
		return "an"
	}
	return "a"
}

// plural is the English plural of a type name, for titles: segment ->
// segments, policy -> policies, address -> addresses.
func plural(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, "y") && len(lower) > 1 && !strings.ContainsRune("aeiou", rune(lower[len(lower)-2])):
		return name[:len(name)-1] + "ies"
	case strings.HasSuffix(lower, "s"), strings.HasSuffix(lower, "x"), strings.HasSuffix(lower, "z"),
		strings.HasSuffix(lower, "ch"), strings.HasSuffix(lower, "sh"):
		return name + "es"
	}
	return name + "s"
}
