// Package emit turns the IR into Go source with jennifer: one package per
// namespace holding the models (one file per resource page), the schema table
// the runtime validates requests against, the Service interface, its HTTP
// handler and example tests driven by the docs' own examples; plus the
// shared runtime package odata.
//
// Emitters never see goldmark types: everything here reads the IR. Output is
// deterministic: types, pages, packages and operations are sorted before
// they are emitted and no map is ranged over unsorted.
package emit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/format"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/dave/jennifer/jen"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/naming"
	"gen/gen/internal/workers"
)

// Options configures Generate.
type Options struct {
	// ModulePath is the import path of the output folder, e.g. "gen/output";
	// the package of a namespace is ModulePath+"/"+Type.Package.
	ModulePath string
	// Warn, when set, receives what Generate resolved by a documented rule
	// rather than refused, such as a path two operations document with the
	// same method, which only one of them can serve. The diagnostics come in
	// a deterministic order.
	Warn func(diag.Diagnostic)
}

// File is one generated file.
type File struct {
	// Path is relative to the output folder, slash-separated, e.g.
	// "callrecords/segment.go".
	Path string
	// Source is the input the file was generated from, relative to the input
	// root: a page such as "resources/callrecords-segment.md", or a folder
	// ("api", "resources") for files that aggregate several pages; for the
	// runtime package, gen's own file ("gen/internal/emit/odata/http.go").
	Source string
	// Content is the gofmt-formatted file.
	Content []byte
}

// Generate emits the Go files for p, sorted by Path. It returns an error,
// and no files, when the IR cannot be emitted (an unresolved type, two
// package-level Go identifiers that collide, an import cycle between
// namespaces) or when a file does not format; the error of a file that does
// not format shows its source with line numbers. What it resolves by a
// documented rule instead, it reports to opts.Warn: a struct field renamed
// because its name is taken (nameFields), a path that several operations
// document (routes). Every documented path is served, whatever its shape:
// a path is served by one operation, see routes.go.
func Generate(p *ir.Program, opts Options) ([]File, error) {
	if opts.ModulePath == "" {
		return nil, fmt.Errorf("emit: Options.ModulePath is empty")
	}
	g, err := newGenerator(p, opts)
	if err != nil {
		return nil, err
	}
	if err := g.check(); err != nil {
		return nil, err
	}
	// Every file is built and formatted on its own, so the files are
	// generated in parallel; the generator is read-only after check.
	var jobs []func() ([]File, error)
	one := func(f func() (File, error)) func() ([]File, error) {
		return func() ([]File, error) {
			file, err := f()
			if err != nil {
				return nil, err
			}
			return []File{file}, nil
		}
	}
	// The package-wide files are the largest: they go first, so that no
	// large file starts last.
	for _, pkg := range g.pkgs {
		if len(pkg.ops) > 0 {
			jobs = append(jobs,
				func() ([]File, error) {
					ex, ok, err := g.genExamples(pkg)
					if err != nil || !ok {
						return nil, err
					}
					return []File{ex}, nil
				},
				one(func() (File, error) { return g.genHandler(pkg) }),
				func() ([]File, error) { return g.genService(pkg) },
			)
		}
		if len(pkg.types) > 0 {
			jobs = append(jobs, one(func() (File, error) { return g.genSchema(pkg) }))
		}
		jobs = append(jobs, one(func() (File, error) { return g.genNames(pkg) }))
	}
	for _, pkg := range g.pkgs {
		for _, pg := range pkg.pages {
			jobs = append(jobs, one(func() (File, error) { return g.genPage(pkg, pg) }))
		}
	}
	jobs = append(jobs, runtimeFiles)
	results := make([][]File, len(jobs))
	errs := make([]error, len(jobs))
	workers.ForEach(len(jobs), func(i int) { results[i], errs[i] = jobs[i]() })
	var files []File
	for i := range jobs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		files = append(files, results[i]...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("emit: two generated files are both named %s", files[i].Path)
		}
	}
	return files, nil
}

// generator holds the IR and what the emitters derive from it once.
type generator struct {
	prog *ir.Program
	opts Options
	pkgs []*pkgInfo // sorted by name
	pkg  map[string]*pkgInfo

	sigs    map[*ir.Operation]*opSig
	sigErrs map[*ir.Operation]error
	fields  map[*ir.Property]string // Go field names, by nameFields

	// requests are the request types of operations whose body only a
	// table describes (see addRequestTypes); requestOf the other way.
	requests  map[*ir.Operation]*ir.Type
	requestOf map[*ir.Type]*ir.Operation

	// imports are the packages each package imports, by checkCycles.
	imports map[string]map[string]bool

	// memberwise are the types whose UnmarshalJSON decodes member by
	// member, by findMemberwise.
	memberwise map[*ir.Type]bool

	// spellings is the best-cased spelling of each plain literal segment
	// of the paths (see spellingsOf), by its lower case.
	spellings map[string]string
}

// reaches reports whether package from imports package to, directly or
// not, or is it: whether a program built from from registers to's types.
func (g *generator) reaches(from, to string) bool {
	seen := map[string]bool{from: true}
	stack := []string{from}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p == to {
			return true
		}
		for d := range g.imports[p] {
			if !seen[d] {
				seen[d] = true
				stack = append(stack, d)
			}
		}
	}
	return false
}

// pkgInfo is one output package: the types and operations of the namespaces
// whose Package is name.
type pkgInfo struct {
	name  string
	path  string
	pages []*pageInfo     // sorted by file
	types []*ir.Type      // sorted by qualified name
	ops   []*ir.Operation // sorted by Name
	held  []ir.HeldName   // names held for pages not here now, for names.go

	routing *routing // worked out once by routes
}

// pageInfo is one resource page and the types it declares, in document
// order; it becomes one model file.
type pageInfo struct {
	source string
	file   string // relative to the output folder
	types  []*ir.Type
}

func newGenerator(p *ir.Program, opts Options) (*generator, error) {
	g := &generator{prog: p, opts: opts, pkg: map[string]*pkgInfo{}, sigs: map[*ir.Operation]*opSig{}, sigErrs: map[*ir.Operation]error{}, fields: map[*ir.Property]string{},
		requests: map[*ir.Operation]*ir.Type{}, requestOf: map[*ir.Type]*ir.Operation{}, spellings: spellingsOf(p.Operations)}
	p.Index() // the name index the parallel rendering looks types up in
	get := func(name string, what string) (*pkgInfo, error) {
		if problem := naming.PackageProblem(name); problem != "" {
			return nil, fmt.Errorf("emit: %s has package name %q, which is not usable for a Go package: %s", what, name, problem)
		}
		if pi := g.pkg[name]; pi != nil {
			return pi, nil
		}
		pi := &pkgInfo{name: name, path: opts.ModulePath + "/" + name}
		g.pkg[name] = pi
		g.pkgs = append(g.pkgs, pi)
		return pi, nil
	}
	pages := map[*pkgInfo]map[string]*pageInfo{}
	// The namespaces each package holds, with where each is first used:
	// two that end alike but for case (microsoft.graph, microsoft.graph.Graph)
	// share one.
	spaces := map[string]map[string]diag.Pos{}
	inSpace := func(pkg, ns string, pos diag.Pos) {
		if spaces[pkg] == nil {
			spaces[pkg] = map[string]diag.Pos{}
		}
		if _, ok := spaces[pkg][ns]; !ok {
			spaces[pkg][ns] = pos
		}
	}
	for _, t := range p.Types {
		pi, err := get(t.Package, t.QualifiedName())
		if err != nil {
			return nil, err
		}
		inSpace(pi.name, t.Namespace, t.Pos)
		pi.types = append(pi.types, t)
		if pages[pi] == nil {
			pages[pi] = map[string]*pageInfo{}
		}
		pg := pages[pi][t.Source]
		if pg == nil {
			pg = &pageInfo{source: t.Source, file: pi.name + "/" + pageFileName(t.Source, pi.name)}
			pages[pi][t.Source] = pg
			pi.pages = append(pi.pages, pg)
		}
		pg.types = append(pg.types, t)
	}
	for _, o := range p.Operations {
		pi, err := get(o.Package, "operation "+o.Name)
		if err != nil {
			return nil, err
		}
		inSpace(pi.name, o.Namespace, o.Pos)
		pi.ops = append(pi.ops, o)
	}
	// A package may hold names and nothing else (each of its pages was
	// left out this run): its names.go keeps them.
	for _, h := range p.HeldNames {
		pi, err := get(h.Package, "the name "+h.Method+" held for "+h.Source)
		if err != nil {
			return nil, err
		}
		pi.held = append(pi.held, h)
	}
	for _, pkg := range slices.Sorted(maps.Keys(spaces)) {
		if len(spaces[pkg]) < 2 {
			continue
		}
		names := slices.Sorted(maps.Keys(spaces[pkg]))
		for _, ns := range names[1:] {
			why := ""
			if !strings.EqualFold(lastElement(names[0]), lastElement(ns)) {
				// Not their names: the resolver merged them.
				why = " (their types refer to each other's, and Go packages cannot import each other)"
			}
			g.warnRule(spaces[pkg][ns], "shared-package", fmt.Sprintf("namespaces %s and %s both become package %s%s: their Go names share it, and a name both want gets a suffix", names[0], ns, pkg, why))
		}
	}
	sort.Slice(g.pkgs, func(i, j int) bool { return g.pkgs[i].name < g.pkgs[j].name })
	for _, pi := range g.pkgs {
		sort.SliceStable(pi.types, func(i, j int) bool { return pi.types[i].QualifiedName() < pi.types[j].QualifiedName() })
		sort.SliceStable(pi.ops, func(i, j int) bool { return pi.ops[i].Name < pi.ops[j].Name })
		sort.Slice(pi.pages, func(i, j int) bool { return pi.pages[i].source < pi.pages[j].source })
		// Pages whose names differ only in case or folder (entity.md,
		// ENTITY.md, sub/entity.md) would share a file: in page order, the
		// first keeps the name, the others are numbered.
		files := make(map[string]bool, len(pi.pages))
		for _, pg := range pi.pages {
			stem := strings.TrimSuffix(pg.file, ".go")
			pg.file = stem + ".go"
			for n := 2; files[pg.file]; n++ {
				pg.file = fmt.Sprintf("%s-%d.go", stem, n)
			}
			files[pg.file] = true
		}
		for _, pg := range pi.pages {
			sort.SliceStable(pg.types, func(i, j int) bool { return docOrder(pg.types[i], pg.types[j]) })
		}
		g.addRequestTypes(pi)
	}
	g.findMemberwise()
	return g, nil
}

// lastElement is the last dot-separated element of a namespace.
func lastElement(ns string) string { return ns[strings.LastIndexByte(ns, '.')+1:] }

// docOrder orders the types of one page as the page declares them.
func docOrder(a, b *ir.Type) bool {
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line < b.Pos.Line
	}
	if a.Pos.Col != b.Pos.Col {
		return a.Pos.Col < b.Pos.Col
	}
	return a.QualifiedName() < b.QualifiedName()
}

// reservedFiles are the names of the files every package may have besides
// its model files.
var reservedFiles = map[string]bool{"service": true, "handler": true, "schema": true, "examples": true, requestFile: true, namesFile: true}

// pageFileName names the model file of a page: "resources/callrecords-segment.md"
// in package callrecords becomes "segment.go". Characters other than
// lowercase letters and digits become '-', so no name ends in _test or
// _GOOS, and a name used by a fixed file gets the suffix "-resource".
func pageFileName(source, pkg string) string {
	base := strings.ToLower(strings.TrimSuffix(path.Base(source), path.Ext(source)))
	if strings.HasPrefix(base, pkg+"-") && len(base) > len(pkg)+1 {
		base = base[len(pkg)+1:]
	}
	var b strings.Builder
	for _, r := range base {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = "types"
	}
	if reservedFiles[name] {
		name += "-resource"
	}
	if len(name) > maxFileStem {
		// File systems take names of 255 bytes, and the writer stages a
		// file as ".<name>.<n>.tmp": a long page name is cut, with a hash
		// of the whole keeping apart two that share their start.
		sum := sha256.Sum256([]byte(name))
		name = strings.TrimRight(name[:maxFileStem-9], "-") + "-" + hex.EncodeToString(sum[:4])
	}
	return name + ".go"
}

// maxFileStem is the longest a generated file's name may be before ".go".
const maxFileStem = 200

// newFile starts a generated file of pkg with the header naming source.
func (g *generator) newFile(pkgPath, pkgName, source string) *jen.File {
	f := jen.NewFilePathName(pkgPath, pkgName)
	f.HeaderComment(header(source))
	paths := make([]string, 0, len(importNames))
	for p := range importNames {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		f.ImportName(p, importNames[p])
	}
	f.ImportName(g.runtimePath(), runtimePkg)
	for _, pi := range g.pkgs {
		f.ImportName(pi.path, pi.name)
	}
	f.NoFormat = true
	return f
}

func header(source string) string {
	return fmt.Sprintf("Code generated by gen from %s. DO NOT EDIT.", source)
}

func (g *generator) runtimePath() string { return g.opts.ModulePath + "/" + runtimePkg }

// render formats f. A file that does not format is an error that shows the
// generated source with line numbers.
func render(f *jen.File, filePath, source, module string) (File, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return File{}, fmt.Errorf("emit: rendering %s: %v", filePath, err)
	}
	src := dropIllegal(buf.Bytes())
	out, err := format.Source(groupImports(src, module))
	if err != nil {
		return File{}, fmt.Errorf("emit: generated %s does not format: %v\n%s", filePath, err, numberLines(src))
	}
	return File{Path: filePath, Source: source, Content: out}, nil
}

// dropIllegal removes the characters Go source cannot hold, a byte order
// mark past the start and NUL, which a page's text may carry into a
// comment. String literals escape them (jen.Lit quotes them, rawString
// takes no text that holds one), so only comments lose them.
func dropIllegal(src []byte) []byte {
	if !bytes.Contains(src, []byte("\uFEFF")) && bytes.IndexByte(src, 0) < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\uFEFF"), nil)
	return bytes.ReplaceAll(src, []byte{0}, nil)
}

// groupImports puts the standard library's imports of src's import block
// first and the others (module's packages, those of other modules) after a
// blank line, as goimports does; jennifer writes them in one sorted group.
func groupImports(src []byte, module string) []byte {
	start := bytes.Index(src, []byte("\nimport (\n"))
	if start < 0 {
		return src
	}
	start += len("\nimport (\n")
	end := bytes.Index(src[start:], []byte("\n)\n"))
	if end < 0 {
		return src
	}
	end += start + 1
	var std, other []string
	for _, line := range strings.Split(string(src[start:end]), "\n") {
		spec := strings.TrimSpace(line)
		if spec == "" {
			continue
		}
		path := spec[strings.IndexByte(spec, '"')+1:]
		path, _, _ = strings.Cut(path, `"`)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") || module != "" && (path == module || strings.HasPrefix(path, module+"/")) {
			other = append(other, line)
		} else {
			std = append(std, line)
		}
	}
	if len(std) == 0 || len(other) == 0 {
		return src
	}
	var b bytes.Buffer
	b.Write(src[:start])
	b.WriteString(strings.Join(std, "\n") + "\n\n" + strings.Join(other, "\n") + "\n")
	b.Write(src[end:])
	return b.Bytes()
}

// numberLines prefixes every line of src with its 1-based number.
func numberLines(src []byte) string {
	var b strings.Builder
	for i, line := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, line)
	}
	return b.String()
}
