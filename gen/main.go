// Command gen generates Go models, net/http handlers and golden tests from
// Graph-style API reference pages, and lints those pages.
//
// Usage:
//
//	gen [generate] [-in docs-input] [-out output]
//	gen ir [-in docs-input]
//	gen lint [flags] [PATH ...]
package main

import (
	"os"

	"gen/gen/internal/batchgc"
	"gen/gen/internal/cli"
)

func main() {
	batchgc.Configure()
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
