// Package gendocs is the root of the gen module: a code generator and docs
// linter for Microsoft-Graph-style API reference pages. The generator lives
// in ./gen; the pages in ./docs-input; the generated Go code in ./output.
//
// It holds no code. Its one job is the go:generate line below, so that
// `go generate ./...` from the repository root does exactly what
// `make generate` does: regenerate output/ from docs-input/, writing only
// the files whose bytes changed.
package gendocs

//go:generate go run ./gen generate -in docs-input -out output
