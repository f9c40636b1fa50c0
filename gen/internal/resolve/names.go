package resolve

import (
	"fmt"
	"go/token"
	"sort"
	"strings"

	"gen/gen/internal/ir"
	"gen/gen/internal/naming"
)

// PackageName is the Go package of a namespace: microsoft.graph -> graph,
// microsoft.graph.callRecords -> callrecords, a.b.c -> c.
func PackageName(ns string) string {
	if strings.EqualFold(ns, DefaultNamespace) {
		return "graph"
	}
	last := ns
	if i := strings.LastIndexByte(ns, '.'); i >= 0 {
		last = ns[i+1:]
	}
	var b strings.Builder
	for _, c := range strings.ToLower(last) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	name := b.String()
	if name == "" || token.IsKeyword(name) || name[0] >= '0' && name[0] <= '9' {
		name = "ns" + name
	}
	return name
}

// reserved are the names the emitters declare in every package besides the
// types; a type whose Go name is one of these gets a "Type" suffix.
var reserved = map[string]bool{
	"Service": true, "UnimplementedService": true, "Error": true, "NewHandler": true,
	"NewHandlerWithOptions": true, "HandlerOptions": true,
}

// names works out every Go identifier once. The collision rule: within one
// scope, names are sorted; when several doc names map to one Go name, the
// doc name that sorts first keeps it and the others get a numeric suffix
// (2, 3, ...) in that order. Sorting by doc name (not by page order) keeps
// the result independent of the file system.
func (r *resolver) names() {
	byPkg := map[string][]*ir.Type{}
	for _, t := range r.prog.Types {
		t.Package = PackageName(t.Namespace)
		byPkg[t.Package] = append(byPkg[t.Package], t)
	}
	for _, ts := range byPkg {
		sort.Slice(ts, func(i, j int) bool { return ts[i].QualifiedName() < ts[j].QualifiedName() })
		used := map[string]bool{}
		for k := range reserved {
			used[k] = true
		}
		for _, t := range ts {
			base := naming.GoName(t.Name)
			if reserved[base] {
				base += "Type"
			}
			t.GoName = unique(base, used)
		}
		// Enum constants share the package scope with the types.
		for _, t := range ts {
			if t.Kind != ir.Enum {
				continue
			}
			for _, m := range t.Members {
				m.GoName = unique(t.GoName+naming.GoName(m.Name), used)
			}
		}
	}
	for _, t := range r.prog.Types {
		// ODataType is the field every struct carries for @odata.type.
		used := map[string]bool{"ODataType": true}
		for _, p := range t.Properties {
			p.GoName = unique(naming.GoName(p.Name), used)
		}
	}
	byPkgOps := map[string][]*ir.Operation{}
	for _, o := range r.prog.Operations {
		o.Package = PackageName(o.Namespace)
		byPkgOps[o.Package] = append(byPkgOps[o.Package], o)
		for _, p := range o.RequestBody {
			p.GoName = naming.GoName(p.Name)
		}
	}
	for _, ops := range byPkgOps {
		sort.Slice(ops, func(i, j int) bool { return ops[i].Source < ops[j].Source })
		used := map[string]bool{}
		for _, o := range ops {
			base := naming.GoName(o.Title)
			if o.Title == "" {
				base = naming.GoName(strings.TrimSuffix(o.Source[strings.LastIndexByte(o.Source, '/')+1:], ".md"))
			}
			o.Name = unique(base, used)
		}
	}
	sort.SliceStable(r.prog.Types, func(i, j int) bool {
		return r.prog.Types[i].QualifiedName() < r.prog.Types[j].QualifiedName()
	})
	sort.SliceStable(r.prog.Operations, func(i, j int) bool {
		return r.prog.Operations[i].Source < r.prog.Operations[j].Source
	})
}

func unique(base string, used map[string]bool) string {
	name := base
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	used[name] = true
	return name
}
