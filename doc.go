// Package gendocs is the root of the gen module: a code generator and docs
// linter for Microsoft-Graph-style API reference pages. The generator lives
// in ./gen; the pages in ./docs-input; the generated Go code in ./output.
//
// It holds no code. `go generate ./...` from the repository root does
// exactly what `make generate` does: regenerate output/ from docs-input/,
// writing only the files whose bytes changed. Its go:generate line is in
// ./templates (templates/generate.go says why it is not here).
package gendocs
