// Package templates holds the Graph-style page templates that `gen new`
// starts new pages from: one operation template for each of create, get,
// list, update and delete, and one for a resource page. They are
// text/template files for Markdown (Go code is only ever written with
// jennifer), embedded into the gen binary.
//
// Every place a person must write is marked "**TODO: ...**", the way Graph's
// own page scaffolder marks it, so `gen lint` can report a page that still
// carries a marker (rule template-placeholder).
//
// The data each template receives is documented by gen's scaffold package
// (gen/internal/scaffold: OperationPage and ResourcePage). Edit a template
// here and `go build` picks it up; the scaffold tests pin the create template
// to the seed page docs-input/api/callrecords-segment-post.md.
package templates

import (
	"embed"
	"fmt"
	"text/template"
)

//go:embed *.md.tmpl
var files embed.FS

// Kinds are the page kinds with a template, in the order `gen new` lists them.
var Kinds = []string{"create", "get", "list", "update", "delete", "resource"}

// Parse returns the template for a kind ("create", ..., "resource"). A
// template that uses a field its data lacks fails when executed, never
// printing "<no value>".
func Parse(kind string) (*template.Template, error) {
	name := kind + ".md.tmpl"
	src, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("no template for %q (have %v)", kind, Kinds)
	}
	return template.New(name).Option("missingkey=error").Parse(string(src))
}

// Source returns the text of a kind's template, for tools that show or copy
// it.
func Source(kind string) ([]byte, error) {
	return files.ReadFile(kind + ".md.tmpl")
}
