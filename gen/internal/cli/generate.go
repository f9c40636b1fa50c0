package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gen/gen/internal/diag"
	"gen/gen/internal/emit"
	"gen/gen/internal/ir"
	"gen/gen/internal/keptnames"
	"gen/gen/internal/resolve"
	"gen/gen/internal/writer"
)

func init() {
	register("generate", "write the Go code for the pages in -in to -out (the default command)", runGenerate)
}

// emitFiles is the emit stage as the generate command sees it. What the
// emitter settles by a documented rule (a renamed field, a path served by
// another page's operation) goes to warn.
func emitFiles(p *ir.Program, module string, warn func(diag.Diagnostic)) ([]writer.File, error) {
	files, err := emit.Generate(p, emit.Options{ModulePath: module, Warn: warn})
	if err != nil {
		return nil, err
	}
	out := make([]writer.File, len(files))
	for i, f := range files {
		out[i] = writer.File{Path: f.Path, Content: f.Content}
	}
	return out, nil
}

// loadPages is the load stage, on the pages as readInputs read them;
// tests replace it to see whether it ran.
var loadPages = func(in *inputs) (*ir.Program, diag.List) {
	return resolve.ResolveSourcesKeeping(in.root, in.rels, in.srcs, in.kept)
}

// runGenerate loads the pages, stops with every diagnostic when any is an
// error (writing nothing), emits the Go files and hands them to the writer:
// in -check mode only to compare.
func runGenerate(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("generate", flag.ContinueOnError)
	fset.SetOutput(stderr)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: gen generate [-in docs-input] [-out output] [-module path] [-check] [-keep-going] [-stamp=false] [-v]")
		fset.PrintDefaults()
	}
	in := fset.String("in", "docs-input", "folder of input pages (the doc set)")
	out := fset.String("out", "output", "output folder; only generated files in it are ever written or deleted")
	module := fset.String("module", "", "import path of -out (default: the module path of the nearest go.mod above -out, joined with -out's folder below it)")
	check := fset.Bool("check", false, "write nothing; print a unified diff for each stale, missing or extra file and exit 1 if there is any")
	verbose := fset.Bool("v", false, "list the files written and deleted, and every generation warning")
	keepGoing := fset.Bool("keep-going", false, "generate even when pages have errors: each error is printed, what it concerns (a property whose type is unknown, an operation without a request line) is left out of the code, and the exit status is still 1")
	useStamp := fset.Bool("stamp", true, "skip all work when -out carries a stamp ("+writer.StampName+") proving it current for these inputs, flags and generator; write one after generating")
	if code, ok := parseFlags(fset, args); !ok {
		return code
	}
	if !noArgs(fset, stderr) {
		return ExitUsage
	}
	if err := checkInput("-in", *in); err != nil {
		fmt.Fprintf(stderr, "gen generate: %v\n", err)
		return ExitUsage
	}
	if err := checkDocSet("-in", *in); err != nil {
		fmt.Fprintf(stderr, "gen generate: %v\n", err)
		return ExitUsage
	}
	if *out == "" {
		// Not the current folder: every folder in it would be taken for a
		// package folder whose stale files are gen's to remove.
		fmt.Fprintln(stderr, "gen generate: -out is empty (to write into the current folder, say -out .)")
		return ExitUsage
	}
	if info, err := os.Stat(*out); err == nil && !info.IsDir() {
		fmt.Fprintf(stderr, "gen generate: -out %s is not a directory\n", *out)
		return ExitUsage
	} else if file := fileAbove(*out); err != nil && file != "" {
		fmt.Fprintf(stderr, "gen generate: -out %s is below %s, which is a file, not a directory\n", *out, file)
		return ExitUsage
	} else if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := os.Readlink(*out); lerr == nil {
			fmt.Fprintf(stderr, "gen generate: -out %s is a symbolic link to %s, which does not exist\n", *out, target)
			return ExitUsage
		}
	}
	mod := *module
	if mod != "" {
		if err := checkModulePath(mod); err != nil {
			fmt.Fprintf(stderr, "gen generate: -module %q is not a valid import path: %v\n", mod, err)
			return ExitUsage
		}
	} else {
		var err error
		if mod, err = modulePathOf(*out); err != nil {
			fmt.Fprintf(stderr, "gen generate: %v; pass -module\n", err)
			return ExitUsage
		}
		if err := checkModulePath(mod); err != nil {
			fmt.Fprintf(stderr, "gen generate: the import path worked out for -out %s, %q, is not valid: %v; pass -module\n", *out, mod, err)
			return ExitUsage
		}
	}

	if w := legacyMuxWarning(*out); w != "" {
		fmt.Fprintf(stderr, "gen generate: warning: %s\n", w)
	}
	src, err := readInputs(*in, mod)
	if err != nil {
		fmt.Fprintf(stderr, "gen generate: %v; nothing written to %s\n", err, *out)
		return ExitUsage
	}
	// The fast path: nothing changed since the stamped run.
	key := ""
	if *useStamp {
		key = src.key
		if st := writer.ReadStamp(*out); key != "" && st != nil && st.Key == key {
			report, ok := decodeReport(st.Report)
			if current, err := st.Current(*out); ok && err == nil && current {
				// The stamped run's findings, as it printed them: a run
				// with -keep-going stamps its output with its errors, which
				// every run reports again and fails on, with or without it.
				printDiags(stderr, *in, report.Diags)
				if n := len(report.Diags.Errors()); n > 0 {
					if !*keepGoing {
						// As a run stopping on the errors would: no code, so
						// no generation warnings.
						fmt.Fprintf(stderr, "gen generate: %d error(s) in %s; nothing written to %s\n", n, *in, *out)
						return ExitFindings
					}
					fmt.Fprintf(stderr, "gen generate: %d error(s) in %s; -keep-going: what they concern is left out\n", n, *in)
					printWarnings(stderr, *in, report.Warnings, *verbose)
					return ExitFindings
				}
				printWarnings(stderr, *in, report.Warnings, *verbose)
				return ExitOK
			}
		}
	}

	// The method names the last run into -out gave: they are kept, so that
	// a page added since renames no method (see keptnames).
	src.kept = keptnames.Read(*out, writer.IsGenerated, func(msg string) {
		fmt.Fprintf(stderr, "gen generate: warning: %s\n", msg)
	})
	prog, diags := loadPages(src)
	printDiags(stderr, *in, diags)
	if n := len(diags.Errors()); n > 0 && !*keepGoing {
		fmt.Fprintf(stderr, "gen generate: %d error(s) in %s; nothing written to %s\n", n, *in, *out)
		return ExitFindings
	} else if n > 0 {
		fmt.Fprintf(stderr, "gen generate: %d error(s) in %s; -keep-going: what they concern is left out\n", n, *in)
	}
	var warnings diag.List
	files, err := emitFiles(prog, mod, func(d diag.Diagnostic) { warnings = append(warnings, d) })
	warnings.Sort()
	printWarnings(stderr, *in, warnings, *verbose)
	if err != nil {
		fmt.Fprintf(stderr, "gen generate: %v\nnothing written to %s\n", err, *out)
		return ExitFindings
	}
	changes, err := writer.Plan(*out, files)
	if err != nil {
		fmt.Fprintf(stderr, "gen generate: %v\nnothing written to %s\n", err, *out)
		return ExitUsage
	}
	if *check {
		if code := reportStale(stdout, stderr, *out, changes); code != ExitOK || len(diags.Errors()) == 0 {
			return code
		}
		return ExitFindings // current output, but the pages' errors stand
	}
	if err := writer.Apply(*out, changes); err != nil {
		fmt.Fprintf(stderr, "gen generate: %v\n", err)
		return ExitUsage
	}
	if key != "" && len(files) > 0 {
		// The stamp only saves work next time: failing to write it is worth
		// a warning, not a failed run.
		if err := writer.WriteStamp(*out, writer.NewStamp(key, files, encodeReport(report{diags, warnings}))); err != nil {
			fmt.Fprintf(stderr, "gen generate: warning: %v (the next run will not skip work)\n", err)
		}
	}
	if *verbose {
		for _, c := range changes {
			verb := "wrote"
			if c.Kind == writer.Extra {
				verb = "deleted"
			}
			fmt.Fprintf(stdout, "%s %s\n", verb, filepath.Join(*out, filepath.FromSlash(c.Path)))
		}
	}
	if len(diags.Errors()) > 0 {
		return ExitFindings // -keep-going wrote what it could; the errors stand
	}
	return ExitOK
}

// reportStale prints -check's findings: a unified diff on stdout for each
// stale or missing file (and a deletion diff for each extra one, so the
// whole output applies with git apply), then one line per file on stderr.
func reportStale(stdout, stderr io.Writer, out string, changes []writer.Change) int {
	if len(changes) == 0 {
		return ExitOK
	}
	bw := bufio.NewWriter(stdout)
	label := diffLabel(out)
	for _, c := range changes {
		bw.WriteString(c.Diff(label))
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintf(stderr, "gen generate -check: %v\n", err)
		return ExitUsage
	}
	for _, c := range changes {
		fmt.Fprintf(stderr, "%s: %s\n", filepath.Join(out, filepath.FromSlash(c.Path)), describe(c))
	}
	fmt.Fprintf(stderr, "gen generate -check: %s is out of date with the docs (%d file(s)); run the same gen generate command without -check to update it\n", out, len(changes))
	return ExitFindings
}

// diffLabel is how -check's diff names the output folder: relative to the
// working directory when it lies inside it, so that git apply run there
// finds the files; as given otherwise.
func diffLabel(out string) string {
	if filepath.IsLocal(out) {
		return out
	}
	// An absolute -out, or one through .. (../m/out from m), is written
	// relative to the working directory when it is inside it: git apply
	// takes no path with .. in it.
	wd, err := os.Getwd()
	if err != nil {
		return out
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return out
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return out
	}
	return rel
}

// printWarnings prints what the emitter settled by a documented rule: each
// warning with -v, else their number.
func printWarnings(w io.Writer, in string, warnings diag.List, verbose bool) {
	if len(warnings) == 0 {
		return
	}
	if verbose {
		printDiags(w, in, warnings)
		return
	}
	fmt.Fprintf(w, "gen generate: %d generation warning(s) (a renamed field, a path documented by several operations); -v lists them\n", len(warnings))
}

func describe(c writer.Change) string {
	switch {
	case c.Leftover:
		return "extra (left by an interrupted gen run; generate will delete it)"
	case c.Kind == writer.Missing:
		return "missing (a page produces it; generate will create it)"
	case c.Kind == writer.Stale:
		return "stale (generate will rewrite it)"
	default:
		return "extra (generated, but no page produces it any more; generate will delete it)"
	}
}

// printDiags prints diagnostics as file:line:col with the input folder
// joined in front of each page path, so they are clickable from the current
// directory.
func printDiags(w io.Writer, in string, diags diag.List) {
	if len(diags) == 0 {
		return
	}
	prefix := inPrefix(in)
	for _, d := range diags {
		d.Span.File = joinIn(prefix, d.Span.File)
		d.Message = relocateRefs(d.Message, prefix)
		fmt.Fprintln(w, d.String())
	}
}

// inPrefix is what page paths, relative to the input, are joined to: the
// input folder, or the folder resolve.PageRoot gives a single page.
func inPrefix(in string) string {
	if info, err := os.Stat(in); err == nil && !info.IsDir() {
		root, _ := resolve.PageRoot(in)
		return root
	}
	return in
}

// joinIn joins a page path relative to the input to inPrefix's prefix.
func joinIn(prefix, file string) string {
	if file == "" {
		return ""
	}
	return filepath.Join(prefix, filepath.FromSlash(file))
}

// checkModulePath accepts the import paths the emitted imports can use:
// slash-separated elements of letters, digits and -._~+, none empty, "."
// or "..", the first not starting with a dot or dash ("example.com/m/out").
func checkModulePath(m string) error {
	if m == "" {
		return errors.New("empty import path")
	}
	if strings.HasPrefix(m, "/") || strings.HasSuffix(m, "/") {
		return errors.New("an import path neither starts nor ends with a slash")
	}
	for i, elem := range strings.Split(m, "/") {
		switch {
		case elem == "":
			return errors.New("empty path element (a double slash)")
		case elem == "." || elem == "..":
			return fmt.Errorf("path element %q", elem)
		case i == 0 && (elem[0] == '.' || elem[0] == '-'):
			return fmt.Errorf("the first path element %q starts with %q", elem, elem[0])
		case elem[len(elem)-1] == '.':
			return fmt.Errorf("path element %q ends with a dot", elem)
		case windowsReserved(elem):
			return fmt.Errorf("path element %q is a name Windows reserves for a device", elem)
		case windowsShortName(elem):
			return fmt.Errorf("path element %q looks like a Windows short name (a tilde and digits)", elem)
		}
		for _, r := range elem {
			if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-._~+", r)) {
				return fmt.Errorf("character %q in path element %q (allowed: letters, digits and -._~+)", r, elem)
			}
		}
	}
	return nil
}

// windowsReserved reports whether elem, up to its first dot, is a device
// name Windows does not allow for a file or folder (CON, NUL, COM1, ...),
// which the go command refuses in an import path.
func windowsReserved(elem string) bool {
	base, _, _ := strings.Cut(elem, ".")
	switch strings.ToUpper(base) {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	u := strings.ToUpper(base)
	return len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '1' && u[3] <= '9'
}

// windowsShortName reports whether elem, up to its first dot, ends with a
// tilde and digits (PROGRA~1), which the go command refuses in an import
// path.
func windowsShortName(elem string) bool {
	base, _, _ := strings.Cut(elem, ".")
	t := strings.LastIndexByte(base, '~')
	if t < 0 || t == len(base)-1 {
		return false
	}
	for _, c := range base[t+1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// modulePathOf works out the import path of the folder out (which need not
// exist yet): the module path in the nearest go.mod at or above it, joined
// with out's path below that go.mod's folder.
func modulePathOf(out string) (string, error) {
	abs, dir, b, err := goModAbove(out)
	if err != nil {
		return "", err
	}
	mod := modulePath(b)
	if mod == "" {
		return "", fmt.Errorf("%s: no module line", filepath.Join(dir, "go.mod"))
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return "", err
	}
	if rel == "." {
		return mod, nil
	}
	return mod + "/" + filepath.ToSlash(rel), nil
}

// goModAbove finds the nearest go.mod at or above out: out made absolute,
// the folder holding the go.mod, and its bytes.
func goModAbove(out string) (abs, dir string, gomod []byte, err error) {
	abs, err = filepath.Abs(out)
	if err != nil {
		return "", "", nil, err
	}
	for dir := abs; ; {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil {
			return abs, dir, b, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", "", nil, err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", "", nil, fmt.Errorf("no go.mod at or above %s", abs)
		}
		dir = parent
	}
}

// legacyMuxWarning is a warning when the go.mod above out would give
// http.ServeMux its Go 1.21 patterns as the main module, on which the
// generated handler refuses to start: a go line older than 1.22 (none
// means 1.16), a godebug default of such a version, or godebug
// httpmuxgo121=1. "" otherwise, or when there is no go.mod. A version the
// go command cannot read (1.21rc2) sets no old defaults, as there.
func legacyMuxWarning(out string) string {
	_, dir, b, err := goModAbove(out)
	if err != nil {
		return ""
	}
	goLine, debugDefault, mux := "", "", ""
	inBlock := false
	for line := range strings.Lines(string(b)) {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		setting := ""
		switch f := strings.Fields(line); {
		case inBlock && line == ")":
			inBlock = false
		case inBlock:
			setting = line
		case len(f) == 2 && f[0] == "go":
			goLine = f[1]
		case len(f) >= 2 && f[0] == "godebug":
			if rest := strings.TrimSpace(line[len("godebug"):]); rest == "(" {
				inBlock = true
			} else {
				setting = rest
			}
		}
		switch key, value, _ := strings.Cut(setting, "="); strings.TrimSpace(key) {
		case "httpmuxgo121":
			mux = strings.TrimSpace(value)
		case "default":
			debugDefault = strings.TrimPrefix(strings.TrimSpace(value), "go")
		}
	}
	gomod := filepath.Join(dir, "go.mod")
	const why = "http.ServeMux would have its Go 1.21 patterns, and the generated handler panics when it is made"
	switch {
	case mux == "1":
		return fmt.Sprintf("%s sets godebug httpmuxgo121=1: %s; remove the setting", gomod, why)
	case mux != "":
		return ""
	case debugDefault != "":
		if minor, ok := goMinor(debugDefault); ok && minor < 22 {
			return fmt.Sprintf("%s sets godebug default=go%s: %s; set go1.22 or later", gomod, debugDefault, why)
		}
		return ""
	case goLine == "":
		return fmt.Sprintf("%s has no go line, which means go 1.16: %s; declare go 1.22 or later", gomod, why)
	}
	if minor, ok := goMinor(goLine); ok && minor < 22 {
		return fmt.Sprintf("%s declares go %s: %s; declare go 1.22 or later", gomod, goLine, why)
	}
	return ""
}

// goMinor is the minor version of a Go version "1.N" or "1.N.P"; false for
// anything else (a release candidate, Go 2).
func goMinor(v string) (int, bool) {
	rest, ok := strings.CutPrefix(v, "1.")
	if !ok {
		return 0, false
	}
	minor, patch, _ := strings.Cut(rest, ".")
	n, err := strconv.Atoi(minor)
	if err != nil || n < 0 || patch != "" && strings.Trim(patch, "0123456789") != "" {
		return 0, false
	}
	return n, true
}

// modulePath reads the module line of a go.mod file: `module gen`,
// `module "example.com/x" // comment`, or the block form
// `module (` newline `example.com/x` newline `)`.
func modulePath(gomod []byte) string {
	unquote := func(s string) string {
		if i := strings.Index(s, "//"); i >= 0 {
			s = s[:i]
		}
		s = strings.TrimSpace(s)
		if uq, err := strconv.Unquote(s); err == nil {
			return uq
		}
		return s
	}
	lines := strings.Split(string(gomod), "\n")
	for i, line := range lines {
		line = strings.TrimSpace(line)
		rest, ok := strings.CutPrefix(line, "module")
		if !ok || rest == "" || rest[0] != ' ' && rest[0] != '\t' && rest[0] != '"' && rest[0] != '(' {
			continue
		}
		if unquote(rest) != "(" {
			return unquote(rest)
		}
		for _, inner := range lines[i+1:] {
			switch inner = unquote(inner); inner {
			case "":
				continue
			case ")":
				return ""
			default:
				return inner
			}
		}
		return ""
	}
	return ""
}

// pageRef is a position of another page quoted in a message, relative to
// the doc root: "(resources/entity.md:20:2)", "at api/widget-get.md:35:40".
// It starts the message or follows a space or a parenthesis.
var pageRef = regexp.MustCompile(`(^|[\s(])([A-Za-z0-9_.\-/]+\.md):(\d+):(\d+)`)

// relocateRefs writes the page positions a message quotes as the finding's
// own position is written, joined to prefix (the doc root as given), so
// that both are relative to the working directory and can be opened from
// there. Quoted paths that name no page under prefix are left as they are.
func relocateRefs(msg, prefix string) string {
	if prefix == "" || prefix == "." || !strings.Contains(msg, ".md:") {
		return msg
	}
	return pageRef.ReplaceAllStringFunc(msg, func(ref string) string {
		m := pageRef.FindStringSubmatch(ref)
		p := filepath.Join(prefix, filepath.FromSlash(m[2]))
		if _, err := os.Stat(p); err != nil {
			return ref
		}
		return m[1] + p + ":" + m[3] + ":" + m[4]
	})
}

// fileAbove is the nearest folder above path that exists and is no
// directory ("go.mod" of "go.mod/x"), "" when there is none.
func fileAbove(path string) string {
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		if info, err := os.Stat(dir); err == nil {
			if info.IsDir() {
				return ""
			}
			return dir
		}
		if parent := filepath.Dir(dir); parent == dir {
			return ""
		}
	}
}
