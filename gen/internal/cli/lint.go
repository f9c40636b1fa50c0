package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"gen/gen/internal/csdl"
	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/lint"
	"gen/gen/internal/resolve"
)

func init() {
	register("lint", "check pages for mistakes, with exact positions (text, json, sarif, github)", runLint)
}

func runLint(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: "+strings.Join(lint.Formats, ", "))
	var enable, disable []string
	fs.Func("enable", "comma-separated rule IDs: report only these (may be repeated)", func(v string) error {
		enable = append(enable, splitList(v)...)
		return nil
	})
	fs.Func("disable", "comma-separated rule IDs: never report these (may be repeated)", func(v string) error {
		disable = append(disable, splitList(v)...)
		return nil
	})
	list := fs.Bool("rules", false, "list the rules with their severity, summary and help, and exit")
	metadata := fs.String("metadata", "", "CSDL (EDMX) `file` to compare the pages with: each difference is a metadata-drift finding")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gen lint [flags] [PATH ...]\n\n"+
			"Checks Graph-style reference pages (default: docs-input). A PATH is a page or a\n"+
			"folder, walked recursively; links and types resolve across every page given.\n"+
			"A page suppresses a rule by listing its ID in its page annotation's\n"+
			"\"suppressions\". Exit status: 0 no errors, 1 errors found, 2 could not run.\n\nflags:")
		fs.PrintDefaults()
	}
	paths, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if *list {
		bw := bufio.NewWriter(stdout)
		for _, r := range lint.Rules {
			fmt.Fprintf(bw, "%-24s %-8s %s\n", r.ID, r.Severity, r.Summary)
			if r.Help != "" {
				fmt.Fprintf(bw, "%34s%s\n", "", r.Help)
			}
		}
		if err := bw.Flush(); err != nil {
			fmt.Fprintf(stderr, "gen lint: %v\n", err)
			return ExitUsage
		}
		return ExitOK
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "gen lint: unknown -format %q (want one of %s)\n", *format, strings.Join(lint.Formats, ", "))
		return ExitUsage
	}
	if len(paths) == 0 {
		paths = []string{"docs-input"}
	}
	for _, p := range paths {
		if err := checkInput("path", p); err != nil {
			fmt.Fprintf(stderr, "gen lint: %v\n", err)
			return ExitUsage
		}
	}
	if *metadata != "" {
		if err := checkInput("-metadata", *metadata); err != nil {
			fmt.Fprintf(stderr, "gen lint: %v\n", err)
			return ExitUsage
		}
	}
	start := time.Now()
	set, given, givenRoot, err := resolve.ReadInContext(paths)
	if err != nil {
		fmt.Fprintf(stderr, "gen lint: %v\n", err)
		return ExitUsage
	}
	opts := lint.Options{Enable: enable, Disable: disable}
	if *metadata != "" {
		schema, err := csdl.ReadFile(*metadata)
		if err != nil {
			fmt.Fprintf(stderr, "gen lint: %v\n", err)
			return ExitUsage
		}
		opts.Extra = append(opts.Extra, func(p *ir.Program) diag.List { return csdl.Findings(csdl.Diff(p, schema)) })
	}
	findings, err := lint.Lint(set, opts)
	if err != nil {
		fmt.Fprintf(stderr, "gen lint: %v\n", err)
		return ExitUsage
	}
	pages, root := len(set.Pages), set.Root
	if given != nil {
		// The rest of the doc set was read for context: only the pages
		// given are reported on, under the paths they have without it.
		kept := findings[:0]
		for _, f := range findings {
			if rel, ok := given[f.Span.File]; ok || f.Span.File == "" {
				f.Span.File = rel
				kept = append(kept, f)
			}
		}
		findings, pages, root = kept, len(given), givenRoot
	}
	for i := range findings {
		// Other pages a message quotes are relative to the doc set's root.
		findings[i].Message = relocateRefs(findings[i].Message, set.Root)
	}
	if err := lint.Write(stdout, *format, findings, root); err != nil {
		fmt.Fprintf(stderr, "gen lint: %v\n", err)
		return ExitUsage
	}
	counts := lint.Count(findings)
	if *format == "text" {
		summary(stderr, counts, pages, time.Since(start))
	}
	if counts.BySeverity[diag.Error] > 0 {
		return ExitFindings
	}
	return ExitOK
}

func validFormat(f string) bool {
	for _, k := range lint.Formats {
		if f == k {
			return true
		}
	}
	return false
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// summary prints the totals per rule and severity (lint.Counts.Totals)
// and the summary line.
func summary(w io.Writer, c lint.Counts, pages int, took time.Duration) {
	for _, r := range c.Totals {
		fmt.Fprintf(w, "%8d  %-8s %s\n", r.N, r.Severity, r.Rule)
	}
	fmt.Fprintf(w, "gen lint: %d pages, %d errors, %d warnings, %d infos in %.2fs\n",
		pages, c.BySeverity[diag.Error], c.BySeverity[diag.Warning], c.BySeverity[diag.Info], took.Seconds())
}
