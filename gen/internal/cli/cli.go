// Package cli wires gen's subcommands to the parse, resolve, lint and emit
// packages. Each subcommand lives in its own file and registers itself.
package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Exit codes shared by all commands.
const (
	ExitOK       = 0
	ExitFindings = 1 // errors in the input (or stale output for -check)
	ExitUsage    = 2 // the command could not run
)

type command struct {
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func register(name, summary string, run func(args []string, stdout, stderr io.Writer) int) {
	commands[name] = command{summary: summary, run: run}
}

// Main runs gen with the given arguments and returns the exit status.
// Without a subcommand (or with flags first) it runs generate.
func Main(args []string, stdout, stderr io.Writer) int {
	name := "generate"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		usage(stderr)
		return ExitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "gen: unknown command %q\n", name)
		usage(stderr)
		return ExitUsage
	}
	return c.run(args, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: gen <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, commands[n].summary)
	}
}
