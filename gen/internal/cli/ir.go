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
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gen ir [-in docs-input]\n\n"+
			"Prints the intermediate representation of the pages below -in as JSON on\n"+
			"stdout and their diagnostics on stderr.\n\nflags:")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if !noArgs(fs, stderr) {
		return ExitUsage
	}
	if err := checkInput("-in", *in); err != nil {
		fmt.Fprintf(stderr, "gen ir: %v\n", err)
		return ExitUsage
	}
	prog, diags, err := resolve.Load(*in)
	if err != nil {
		fmt.Fprintf(stderr, "gen ir: %v\n", err)
		return ExitUsage
	}
	printDiags(stderr, *in, diags)
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
