package emit

import (
	"strings"

	"gen/gen/internal/keptnames"
	"gen/gen/internal/naming"
)

// namesFile is the stem of keptnames.FileName, which no page's model file
// may take.
var namesFile = strings.TrimSuffix(keptnames.FileName, ".go")

// genNames emits the package's record of its Go names (keptnames): its
// operations' methods, with the names held for pages an error left out
// this run, its types' and its enum constants'. The next run into the same
// output reads it back.
func (g *generator) genNames(pkg *pkgInfo) (File, error) {
	f := g.newFile(pkg.path, pkg.name, "api")
	entries := make([]keptnames.Entry, 0, len(pkg.ops))
	for _, o := range pkg.ops {
		entries = append(entries, keptnames.Entry{Source: o.Source, Title: naming.OperationName(o.Title, o.Source), Method: o.Name})
	}
	for _, h := range pkg.held {
		entries = append(entries, keptnames.Entry{Source: h.Source, Title: h.Title, Method: h.Method})
		if h.Request != "" {
			entries = append(entries, keptnames.Entry{Source: keptnames.RequestKey(h.Source), Title: keptnames.RequestTitle(h.Method), Method: h.Request})
		}
	}
	for _, t := range pkg.types {
		if o := g.requestOf[t]; o != nil {
			// A request struct, named after its operation's method.
			entries = append(entries, keptnames.Entry{Source: keptnames.RequestKey(o.Source), Title: keptnames.RequestTitle(o.Name), Method: t.GoName})
			continue
		}
		entries = append(entries, keptnames.Entry{Source: keptnames.TypeKey(t.QualifiedName()), Title: keptnames.TypeTitle(t.Name), Method: t.GoName})
		for _, m := range t.Members {
			entries = append(entries, keptnames.Entry{Source: keptnames.MemberKey(t.QualifiedName(), m.Name), Title: keptnames.MemberTitle(t.GoName, m.Name), Method: m.GoName})
		}
	}
	for _, l := range keptnames.Comment(entries) {
		f.Comment(l)
	}
	return render(f, pkg.name+"/"+keptnames.FileName, "api", g.opts.ModulePath)
}
