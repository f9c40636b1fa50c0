package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"gen/gen/internal/resolve"
)

func init() {
	register("ir", "print the intermediate representation of the pages as JSON", runIR)
}

func runIR(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ir", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "docs-input", "folder of input pages")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	prog, diags, err := resolve.Load(*in)
	if err != nil {
		fmt.Fprintf(stderr, "gen ir: %v\n", err)
		return ExitUsage
	}
	fmt.Fprint(stderr, diags.String())
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(prog); err != nil {
		fmt.Fprintf(stderr, "gen ir: %v\n", err)
		return ExitUsage
	}
	if len(diags.Errors()) > 0 {
		return ExitFindings
	}
	return ExitOK
}
