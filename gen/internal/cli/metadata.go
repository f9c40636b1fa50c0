package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"gen/gen/internal/csdl"
	"gen/gen/internal/diag"
	"gen/gen/internal/resolve"
)

func init() {
	register("metadata-diff", "compare the pages with a CSDL schema and measure their agreement", runMetadataDiff)
}

func runMetadataDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("metadata-diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "docs-input", "folder of input pages")
	metadata := fs.String("metadata", "", "CSDL (EDMX) `file` to compare with, e.g. $metadata of the service (required)")
	strict := fs.Bool("strict", false, "exit 1 when there is any difference (by default differences are a report and the exit status is 0, or 1 when a page has an error)")
	summary := fs.Bool("summary", false, "print only the number of differences of each kind and the agreement, not each difference")
	kinds := fs.String("kind", "", "comma-separated difference `kinds` to print, count and, with -strict, fail on (e.g. property-type,property-not-in-schema); all when empty")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gen metadata-diff -metadata FILE.xml [-in DIR] [-strict] [-summary] [-kind K,...]\n\n"+
			"Compares the pages below -in with a CSDL (EDMX) schema; -metadata is required.\n"+
			"Errors in the pages are printed on stderr; the comparison runs on the rest.\n"+
			"Exit status: 0, or 1 when a page has an error (or, with -strict, on any\n"+
			"difference), 2 when the command could not run.\n"+
			"Difference kinds: "+strings.Join(kindNames(), ", ")+".\n\nflags:")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if !noArgs(fs, stderr) {
		return ExitUsage
	}
	if *metadata == "" {
		fmt.Fprintln(stderr, "gen metadata-diff: -metadata is required")
		fs.Usage()
		return ExitUsage
	}
	only := map[csdl.Kind]bool{}
	for _, k := range splitList(*kinds) {
		if !slices.Contains(csdl.Kinds, csdl.Kind(k)) {
			fmt.Fprintf(stderr, "gen metadata-diff: unknown -kind %q (want one of %s)\n", k, strings.Join(kindNames(), ", "))
			return ExitUsage
		}
		only[csdl.Kind(k)] = true
	}
	for _, c := range []struct{ what, p string }{{"-in", *in}, {"-metadata", *metadata}} {
		if err := checkInput(c.what, c.p); err != nil {
			fmt.Fprintf(stderr, "gen metadata-diff: %v\n", err)
			return ExitUsage
		}
	}
	if err := checkDocSet("-in", *in); err != nil {
		fmt.Fprintf(stderr, "gen metadata-diff: %v\n", err)
		return ExitUsage
	}
	schema, err := csdl.ReadFile(*metadata)
	if err != nil {
		fmt.Fprintf(stderr, "gen metadata-diff: %v\n", err)
		return ExitUsage
	}
	prog, diags, err := resolve.Load(*in)
	if err != nil {
		fmt.Fprintf(stderr, "gen metadata-diff: %v\n", err)
		return ExitUsage
	}
	// The comparison still runs on what could be read; the errors are
	// printed first, as ir and generate print them, and fail the run after
	// the report, as errors in the input do for every command.
	errs := diags.Errors()
	if len(errs) > 0 {
		printDiags(stderr, *in, errs)
		fmt.Fprintf(stderr, "gen metadata-diff: %d error(s) in %s; what they affect is missing from the comparison\n", len(errs), *in)
	}
	diffs := csdl.Diff(prog, schema)
	if len(only) > 0 {
		// -kind selects what is printed, counted and, with -strict, failed
		// on: a CI gate on one kind of difference.
		diffs = slices.DeleteFunc(diffs, func(d csdl.Difference) bool { return !only[d.Kind] })
	}
	// The report is written through a buffer whose error is checked once,
	// at the end: a report lost (a full disk) fails the run.
	report := bufio.NewWriter(stdout)
	prefix := inPrefix(*in)
	count := map[csdl.Kind]int{}
	for _, d := range diffs {
		count[d.Kind]++
		if *summary {
			continue
		}
		// Page positions are relative to -in; the schema's name the file
		// as given.
		pos := d.Pos
		pos.File = joinIn(prefix, pos.File)
		if !pos.IsValid() {
			pos = d.SchemaPos
		}
		fmt.Fprintf(report, "%s: %s: %s\n", pos, d.Kind, diag.Message("%s", d.Message())) // page text escaped, as in every message
	}
	ks := make([]string, 0, len(count))
	for k := range count {
		ks = append(ks, string(k))
	}
	sort.Strings(ks)
	fmt.Fprintf(report, "\n%d differences", len(diffs))
	for i, k := range ks {
		sep := ", "
		if i == 0 {
			sep = ": "
		}
		fmt.Fprintf(report, "%s%d %s", sep, count[csdl.Kind(k)], k)
	}
	fmt.Fprintln(report)
	csdl.Agreement(prog, schema).Write(report)
	if err := report.Flush(); err != nil {
		fmt.Fprintf(stderr, "gen metadata-diff: %v\n", err)
		return ExitUsage
	}
	if len(errs) > 0 || *strict && len(diffs) > 0 {
		return ExitFindings
	}
	return ExitOK
}

func kindNames() []string {
	names := make([]string, len(csdl.Kinds))
	for i, k := range csdl.Kinds {
		names[i] = string(k)
	}
	return names
}
