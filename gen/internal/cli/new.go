package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gen/gen/internal/scaffold"
)

func init() {
	register("new", "start a new page from a template: new create|get|list|update|delete|resource [flags]", runNew)
}

const newUsage = `usage:
  gen new create|get|list|update|delete -resource PAGE -path PATH [-version beta|v1.0] [-o FILE]
  gen new resource -name NAMESPACE.NAME [-base NAMESPACE.NAME] [-in docs-input] [-version beta|v1.0] [-o FILE]

Writes a new Graph-style page from the templates in templates/, filled in
from the IR of the pages already written, with **TODO: ...** markers where a
person must write. Without -o the page goes to stdout; -o never overwrites
an existing file.

example:
  gen new create -resource docs-input/resources/callrecords-segment.md \
      -path '/communications/callRecords/{callRecordId}/sessions/{sessionId}/segments'
`

// runNew scaffolds one page.
func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && isHelpFlag(args[0]) {
		fmt.Fprint(stderr, newUsage)
		return ExitOK
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprint(stderr, newUsage)
		return ExitUsage
	}
	kind, args := args[0], args[1:]
	fset := flag.NewFlagSet("new "+kind, flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() { fmt.Fprint(stderr, newUsage, "\nflags:\n"); fset.PrintDefaults() }
	out := fset.String("o", "", "write the page to this file (never overwritten) instead of stdout")
	version := fset.String("version", "beta", "API version of the examples: beta or v1.0")
	var resource, httpPath, name, base, in *string
	if kind == "resource" {
		name = fset.String("name", "", "qualified name of the new type, e.g. microsoft.graph.callRecords.widget (required)")
		base = fset.String("base", "", "qualified name of its base type, e.g. microsoft.graph.entity")
		in = fset.String("in", "docs-input", "doc root whose pages declare the base type")
	} else {
		resource = fset.String("resource", "", "the resource page the operation acts on (required)")
		httpPath = fset.String("path", "", "HTTP path template, e.g. /communications/callRecords/{callRecordId}/sessions (required)")
	}
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "gen new: unexpected argument %q\n", fset.Arg(0))
		return ExitUsage
	}

	var page []byte
	var err error
	switch {
	case kind == "resource":
		if *name == "" {
			fmt.Fprintln(stderr, "gen new resource: -name is required")
			return ExitUsage
		}
		if err := checkInput("-in", *in); err != nil {
			fmt.Fprintf(stderr, "gen new resource: %v\n", err)
			return ExitUsage
		}
		opts := scaffold.Options{Version: *version, PageDir: pageDir(*out, *in, "resources")}
		page, err = scaffold.Resource(*in, *name, *base, opts)
	case isOperationKind(kind):
		if *resource == "" || *httpPath == "" {
			fmt.Fprintf(stderr, "gen new %s: -resource and -path are required\n", kind)
			return ExitUsage
		}
		if err := checkInput("-resource", *resource); err != nil {
			fmt.Fprintf(stderr, "gen new %s: %v\n", kind, err)
			return ExitUsage
		}
		root := filepath.Dir(filepath.Dir(*resource))
		opts := scaffold.Options{Version: *version, PageDir: pageDir(*out, root, "api")}
		page, err = scaffold.Operation(kind, *resource, *httpPath, opts)
	default:
		fmt.Fprintf(stderr, "gen new: unknown kind %q\n%s", kind, newUsage)
		return ExitUsage
	}
	var de *scaffold.DiagError
	if errors.As(err, &de) {
		fmt.Fprintf(stderr, "gen new %s: %v\n", kind, err)
		return ExitFindings
	}
	if err != nil {
		fmt.Fprintf(stderr, "gen new %s: %v\n", kind, err)
		return ExitUsage
	}
	if *out == "" {
		_, err = stdout.Write(page)
	} else {
		err = createNew(*out, page)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gen new %s: %v\n", kind, err)
		return ExitUsage
	}
	return ExitOK
}

func isOperationKind(kind string) bool {
	for _, k := range scaffold.OperationKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// pageDir is the folder of the new page relative to the doc root, for its
// relative links: -o's folder when -o lies inside root, else def.
func pageDir(out, root, def string) string {
	if out == "" {
		return def
	}
	absOut, err1 := filepath.Abs(filepath.Dir(out))
	absRoot, err2 := filepath.Abs(root)
	if err1 != nil || err2 != nil {
		return def
	}
	rel, err := filepath.Rel(absRoot, absOut)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return def
	}
	return filepath.ToSlash(rel)
}

// createNew writes a new file, failing when it exists: a scaffold never
// replaces a page someone may have started writing.
func createNew(name string, content []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; gen new never overwrites a page", name)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(content); err != nil {
		f.Close()
		os.Remove(name)
		return err
	}
	return f.Close()
}
