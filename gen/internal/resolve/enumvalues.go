package resolve

import (
	"sort"
	"strings"

	"gen/gen/internal/ir"
	"gen/gen/internal/naming"
	"gen/gen/internal/parse"
)

// possibleValues lists the `code` values a description gives after
// "Possible values are:" (any case), in order.
func possibleValues(desc string) []string {
	at := parse.AfterPossibleValues(desc)
	if at < 0 {
		return nil
	}
	var out []string
	rest := desc[at:]
	for {
		i := strings.IndexByte(rest, '`')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(rest[i+1:], '`')
		if j < 0 {
			return out
		}
		if j == 0 { // "``": the second backtick may open a span
			rest = rest[i+1:]
			continue
		}
		out = append(out, strings.TrimSpace(rest[i+1:i+1+j]))
		rest = rest[i+j+2:]
	}
}

// indexEnums indexes the enums declared so far by their member sets, once.
func (r *resolver) indexEnums() {
	if r.enumsByMembers != nil {
		return
	}
	r.enumsByMembers = map[string][]*ir.Type{}
	r.enumsByName = map[string]bool{}
	for _, t := range r.prog.Types {
		if t.Kind != ir.Enum {
			continue
		}
		r.enumsByName[strings.ToLower(t.Name)] = true
		names := make([]string, 0, len(t.Members))
		for _, m := range t.Members {
			names = append(names, m.Name)
		}
		k := memberKey(names)
		r.enumsByMembers[k] = append(r.enumsByMembers[k], t)
	}
}

// enumByValues finds the documented enum a String property really is: the
// one enum whose members (unknownFutureValue aside) are exactly the values the
// description lists. Several candidates are narrowed to the one named like
// the property, then to the page's namespace; otherwise nil. A candidate
// sharing no word with the property is refused when the property's name
// names another enum: riskLevel lists low, medium and high, which are also
// printQuality's members, but the riskLevel enum (with more members) is the
// one it means.
func (r *resolver) enumByValues(ns, prop, desc string) *ir.Type {
	values := possibleValues(desc)
	if len(values) < 2 {
		return nil
	}
	key := memberKey(values)
	r.indexEnums()
	cands := r.enumsByMembers[key]
	if len(cands) > 1 {
		var named []*ir.Type
		for _, t := range cands {
			if strings.EqualFold(t.Name, prop) || strings.HasSuffix(strings.ToLower(t.Name), strings.ToLower(prop)) {
				named = append(named, t)
			}
		}
		cands = named
	}
	if len(cands) > 1 {
		var inNS []*ir.Type
		for _, t := range cands {
			if t.Namespace == ns {
				inNS = append(inNS, t)
			}
		}
		cands = inNS
	}
	if len(cands) != 1 {
		return nil
	}
	if !shareWord(prop, cands[0].Name) && r.namesEnum(prop) {
		return nil
	}
	return cands[0]
}

// shareWord reports whether two camel-case names have a word in common,
// ignoring letter case and a plural s.
func shareWord(a, b string) bool {
	bw := map[string]bool{}
	for _, w := range lowerWords(b) {
		bw[naming.Singular(w)] = true
	}
	for _, w := range lowerWords(a) {
		if bw[naming.Singular(w)] {
			return true
		}
	}
	return false
}

// namesEnum reports whether a property name, or its last words, is the
// name of a documented enum (a plural s aside): signInRiskLevels names
// riskLevel.
func (r *resolver) namesEnum(prop string) bool {
	words := lowerWords(prop)
	for i := range words {
		name := strings.Join(words[i:], "")
		if r.enumsByName[name] || r.enumsByName[naming.Singular(name)] {
			return true
		}
	}
	return false
}

// lowerWords is name's words (naming.Words) in lower case.
func lowerWords(name string) []string {
	ws := naming.Words(name)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	return ws
}

// memberKey is an order-independent key of a member list, without the
// unknownFutureValue sentinel.
func memberKey(names []string) string {
	var out []string
	for _, n := range names {
		if n != "unknownFutureValue" {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\x00")
}
