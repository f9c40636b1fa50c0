package resolve

import (
	"regexp"
	"sort"
	"strings"

	"gen/gen/internal/ir"
)

var (
	possibleValuesRE = regexp.MustCompile(`(?i)possible values\b`)
	codeSpanRE       = regexp.MustCompile("`([^`]+)`")
)

// possibleValues lists the `code` values a description gives after
// "Possible values are:", in order.
func possibleValues(desc string) []string {
	loc := possibleValuesRE.FindStringIndex(desc)
	if loc == nil {
		return nil
	}
	var out []string
	for _, m := range codeSpanRE.FindAllStringSubmatch(desc[loc[1]:], -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	return out
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
	if r.enumsByMembers == nil {
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
