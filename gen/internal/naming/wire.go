package naming

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"
)

// RuntimePackage is the folder and package name of the runtime every
// generated package imports (validation, errors, the fallback router). No
// namespace may become a package of that name.
const RuntimePackage = "odata"

// IsTemplateName reports whether a property name is a template's
// placeholder, such as "TODO: Add property name".
func IsTemplateName(name string) bool {
	rest, ok := strings.CutPrefix(name, "TODO")
	return ok && (rest == "" || !unicode.IsLetter(rune(rest[0])))
}

// JSONNameProblem says why a property name from the docs cannot be the JSON
// member name of a generated struct field, "" when it can. The resolver
// reports such a row and leaves the property out; the emitter refuses one
// that reaches it. The rule is encoding/json's for a tag name (isValidTag:
// letters, digits and the punctuation !#$%&()*+-./:;<=>?@[]^_{|}~, so no
// quote, backslash, backquote or comma; json silently falls back to the Go
// field name for any other tag), less the space, which the docs never mean,
// and less the template's "TODO: Add property name" placeholders.
func JSONNameProblem(name string) string {
	if name == "" {
		return "it is empty"
	}
	if IsTemplateName(name) {
		return "it is template text, not a property name"
	}
	if plainASCII(name) {
		return "" // nearly every name: no rune to look up
	}
	for _, c := range name {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c):
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~", c):
		case c == ' ' || c == '\t':
			return "it contains a space"
		case c == unicode.ReplacementChar:
			return "it contains a byte that is not UTF-8"
		default:
			return "it contains " + describeRune(c) + ", which a JSON struct tag cannot hold"
		}
	}
	return ""
}

// plainASCII reports whether name holds only ASCII letters, digits, '_',
// '-', '.' and '@'.
func plainASCII(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '@') {
			return false
		}
	}
	return true
}

// IsJSONName reports whether name can be the JSON member name of a
// generated struct field (see JSONNameProblem).
func IsJSONName(name string) bool { return JSONNameProblem(name) == "" }

// describeRune names a character for a message.
func describeRune(c rune) string {
	switch c {
	case '"':
		return "a double quote"
	case '\'':
		return "an apostrophe"
	case '`':
		return "a backquote"
	case '\\':
		return "a backslash"
	case ',':
		return "a comma"
	}
	return fmt.Sprintf("%q (%U)", c, c)
}

// PackageProblem says why a Go package name worked out from a namespace
// cannot be used, "" when it can: it must be a Go identifier, not a keyword,
// and not the generated runtime package's name (RuntimePackage), which every
// generated package imports.
func PackageProblem(name string) string {
	switch {
	case !token.IsIdentifier(name):
		return "it is not a Go identifier"
	case token.IsKeyword(name):
		return "it is a Go keyword"
	case name == RuntimePackage:
		return "it is the name of the generated runtime package every generated package imports"
	case name == "main":
		return "package main is a command, which no package can import"
	case name == "internal":
		return "a folder named internal makes its package importable only from inside the output folder"
	case name == "testdata", name == "vendor":
		return fmt.Sprintf("the go command leaves a folder named %s out of ./... patterns, so its package would go unbuilt and untested", name)
	}
	return ""
}

// IsPackageName reports whether name is usable for a generated Go package
// (see PackageProblem).
func IsPackageName(name string) bool { return PackageProblem(name) == "" }
