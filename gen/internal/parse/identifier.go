package parse

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsIdentifier reports whether s is an OData simple identifier, as CSDL
// defines one: a letter or '_', then letters, digits, '_', combining marks,
// connector punctuation and format characters, 128 characters at most.
// Type, namespace and member names are made of them.
func IsIdentifier(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 128 {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_' || unicode.IsLetter(c) || unicode.Is(unicode.Nl, c):
		case i > 0 && (unicode.IsDigit(c) || unicode.In(c, unicode.Mn, unicode.Mc, unicode.Pc, unicode.Cf)):
		default:
			return false
		}
	}
	return true
}

// QualifiedNameProblem says why name is not a qualified OData name
// (namespace.name, such as microsoft.graph.callRecords.segment), "" when
// it is: two or more dot-separated elements, each an identifier.
func QualifiedNameProblem(name string) string {
	if !strings.Contains(name, ".") {
		return "it has no namespace: write namespace.name"
	}
	return dottedNameProblem(name)
}

// dottedNameProblem says why name is not one or more dot-separated
// identifiers, "" when it is.
func dottedNameProblem(name string) string {
	for _, e := range strings.Split(name, ".") {
		switch {
		case e == "":
			return "it has an empty element: a dot begins or ends it, or two dots meet"
		case !IsIdentifier(e):
			return "its element " + strconv.Quote(e) + " is not an identifier (a letter or _, then letters, digits and _)"
		}
	}
	return ""
}
