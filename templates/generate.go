package templates

// The repository's go:generate line lives in this package, not in the root
// one: go generate lists the files of every package before it runs any
// directive, then visits the packages in import path order. Run from the
// root package, which comes first, gen would delete or rename files of
// output/'s packages before go generate reached them, and go generate
// would fail to open them. templates comes after output, so gen runs once
// those are visited; -C .. runs it from the repository root, the command
// `make generate` runs.

//go:generate go run -C .. ./gen generate -in docs-input -out output
