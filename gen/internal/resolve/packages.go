package resolve

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"gen/gen/internal/ir"
)

// mergeCyclicPackages puts namespaces whose types refer to each other, in a
// cycle, into one Go package: Go packages cannot import each other. A
// microsoft.graph operation that answers a microsoft.graph.callRecords
// segment, whose entity base is microsoft.graph's, makes graph and
// callrecords one package, named after the namespace with the fewest
// elements (graph). The Go names of the merged types are worked out again
// over the package, by the same clash rules, and replace the packages'
// go-name-clash findings. It runs once the types and operations have their
// packages and the types their Go names. It returns the packages merged,
// each mapped to the one it joined.
func (r *resolver) mergeCyclicPackages() map[string]string {
	merged := mergedPackages(r.prog, PackageName)
	if len(merged) == 0 {
		return nil
	}
	for _, t := range r.prog.Types {
		if into, ok := merged[t.Package]; ok {
			t.Package = into
		}
	}
	for _, o := range r.prog.Operations {
		if into, ok := merged[o.Package]; ok {
			o.Package = into
		}
	}
	for pkg := range merged {
		delete(r.nameDiags, pkg)
	}
	groups := byPackage(r.prog.Types, merged)
	for _, into := range slices.Sorted(maps.Values(merged)) {
		if _, done := r.nameDiags[into]; !done {
			r.nameDiags[into] = packageNames(groups[into], r.keptTypeNames(into, r.keptRequests[into]), setGoName)
		}
	}
	return merged
}

// mergedPackages maps each Go package in a cycle of packages that refer to
// each other's types (through properties, base types, and operations'
// bodies and answers) to the package the cycle shares; pkgOf is the package
// of a namespace.
func mergedPackages(prog *ir.Program, pkgOf func(ns string) string) map[string]string {
	deps := map[string]map[string]bool{}
	namespaces := map[string]map[string]bool{} // package -> its namespaces
	edge := func(fromNS string, to *ir.Type) {
		from := pkgOf(fromNS)
		if to == nil || pkgOf(to.Namespace) == from {
			return
		}
		if deps[from] == nil {
			deps[from] = map[string]bool{}
		}
		deps[from][pkgOf(to.Namespace)] = true
	}
	note := func(ns string) {
		pkg := pkgOf(ns)
		if namespaces[pkg] == nil {
			namespaces[pkg] = map[string]bool{}
		}
		namespaces[pkg][ns] = true
	}
	for _, t := range prog.Types {
		note(t.Namespace)
		edge(t.Namespace, t.Base)
		for _, p := range t.Properties {
			edge(t.Namespace, p.Ref)
		}
	}
	for _, o := range prog.Operations {
		note(o.Namespace)
		edge(o.Namespace, o.Request)
		edge(o.Namespace, o.Response)
		for _, p := range o.RequestBody {
			edge(o.Namespace, p.Ref)
		}
	}
	merged := map[string]string{}
	for _, group := range cycles(deps) {
		into := group[0]
		for _, pkg := range group[1:] {
			if rootward(namespaces[pkg], namespaces[into]) {
				into = pkg
			}
		}
		for _, pkg := range group {
			merged[pkg] = into
		}
	}
	return merged
}

// rootward reports whether namespaces a are nearer the root than b: a
// namespace with fewer elements (microsoft.graph before
// microsoft.graph.callRecords), then the one that sorts first.
func rootward(a, b map[string]bool) bool {
	first := func(set map[string]bool) string {
		names := slices.Sorted(maps.Keys(set))
		sort.SliceStable(names, func(i, j int) bool { return strings.Count(names[i], ".") < strings.Count(names[j], ".") })
		if len(names) == 0 {
			return ""
		}
		return names[0]
	}
	x, y := first(a), first(b)
	if dx, dy := strings.Count(x, "."), strings.Count(y, "."); dx != dy {
		return dx < dy
	}
	return x < y
}

// cycles returns the groups of packages that reach each other through deps,
// each sorted, groups of one left out.
func cycles(deps map[string]map[string]bool) [][]string {
	reach := func(from string) map[string]bool {
		seen := map[string]bool{}
		stack := []string{from}
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for d := range deps[p] {
				if !seen[d] {
					seen[d] = true
					stack = append(stack, d)
				}
			}
		}
		return seen
	}
	reaches := map[string]map[string]bool{}
	for _, p := range slices.Sorted(maps.Keys(deps)) {
		reaches[p] = reach(p)
	}
	done := map[string]bool{}
	var out [][]string
	for _, p := range slices.Sorted(maps.Keys(deps)) {
		if done[p] || !reaches[p][p] {
			continue
		}
		group := []string{p}
		for q := range reaches[p] {
			if q != p && reaches[q][p] {
				group = append(group, q)
			}
		}
		sort.Strings(group)
		for _, q := range group {
			done[q] = true
		}
		out = append(out, group)
	}
	return out
}
