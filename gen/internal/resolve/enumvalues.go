package resolve

import (
	"sort"
	"strings"

	"gen/gen/internal/ir"
)

// possibleValues lists the `code` values a description gives after
// "Possible values are:" (any case), in order.
func possibleValues(desc string) []string {
	at := afterPossibleValues(desc)
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

// afterPossibleValues is the offset just past the first "possible values"
// (any ASCII case) that ends a word, or -1.
func afterPossibleValues(s string) int {
	const phrase = "possible values"
	for i := 0; i+len(phrase) <= len(s); i++ {
		if s[i]|0x20 != 'p' || !strings.EqualFold(s[i:i+len(phrase)], phrase) {
			continue
		}
		end := i + len(phrase)
		if end == len(s) || !isWordByte(s[end]) {
			return end
		}
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// indexEnums indexes the enums declared so far by their member sets, once.
func (r *resolver) indexEnums() {
	if r.enumsByMembers != nil {
		return
	}
	r.enumsByMembers = map[string][]*ir.Type{}
	for _, t := range r.prog.Types {
		if t.Kind != ir.Enum {
			continue
		}
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
// the property, then to the page's namespace; otherwise nil.
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
	return cands[0]
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
