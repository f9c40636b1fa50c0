// Package cli wires gen's subcommands to the parse, resolve, lint and emit
// packages. Each subcommand lives in its own file and registers itself.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
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
	if len(args) > 0 && isHelpFlag(args[0]) {
		usage(stderr)
		return ExitOK
	}
	name := "generate"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		return help(args, stdout, stderr)
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "gen: unknown command %q\n", name)
		usage(stderr)
		return ExitUsage
	}
	return c.run(args, stdout, stderr)
}

// help runs `gen help [command]`: the command list, or the command's own
// usage as `gen command -h` prints it.
func help(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		usage(stderr)
		return ExitOK
	case 1:
		c, ok := commands[args[0]]
		if !ok {
			fmt.Fprintf(stderr, "gen help: unknown command %q\n", args[0])
			usage(stderr)
			return ExitUsage
		}
		return c.run([]string{"-h"}, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "gen help: unexpected argument %q\n", args[1])
		return ExitUsage
	}
}

func isHelpFlag(a string) bool {
	return a == "-h" || a == "-help" || a == "--help" || a == "--h"
}

// parseFlags parses args with fs and says how a command whose parse did not
// succeed ends: asking for help (-h) is a success, any other error a usage
// error (the flag package has printed it and the usage).
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	switch err := fs.Parse(args); {
	case err == nil:
		return ExitOK, true
	case errors.Is(err, flag.ErrHelp):
		return ExitOK, false
	default:
		return ExitUsage, false
	}
}

// parseInterleaved is parseFlags for a command that takes paths: flags may
// come after them too ("gen lint docs -format json"), as "--" ends the flags.
func parseInterleaved(fs *flag.FlagSet, args []string) (positional []string, code int, ok bool) {
	for {
		if code, ok := parseFlags(fs, args); !ok {
			return nil, code, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, ExitOK, true
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(positional, rest...), ExitOK, true
		}
		positional, args = append(positional, rest[0]), rest[1:]
	}
}

// noArgs rejects positional arguments left after the flags of a command
// that takes none.
func noArgs(fs *flag.FlagSet, stderr io.Writer) bool {
	if fs.NArg() == 0 {
		return true
	}
	fmt.Fprintf(stderr, "gen %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
	fs.Usage()
	return false
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
	fmt.Fprintln(w, "\ngen help <command> or gen <command> -h shows a command's flags.")
}

// checkInput checks a path a command reads, named what in messages ("-in",
// "path"): an empty one would read the current folder unasked, and a named
// pipe or a device would block the read forever or never end. A path that
// does not exist is left to the reader, whose error names it.
func checkInput(what, p string) error {
	if p == "" {
		return fmt.Errorf("%s is empty", what)
	}
	info, err := os.Stat(p)
	if err != nil || info.IsDir() || info.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("%s %s is %s, not a folder or a file", what, p, specialKind(info.Mode()))
}

// checkDocSet refuses a page where a command needs the whole doc set:
// one page resolves no type another page declares, and generate would make
// -out hold that page's code alone.
func checkDocSet(what, p string) error {
	if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
		return fmt.Errorf("%s %s is a page: give the folder of the doc set it belongs to, so that types resolve across its pages (gen lint and gen ir take one page)", what, p)
	}
	return nil
}

// specialKind names the kind of a file that is neither a folder nor a
// regular file.
func specialKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "not a regular file"
	}
}
