// Package keptnames is the record of Go names that gen generate writes into
// each package it generates (FileName) and reads back on its next run into
// the same output folder, so that a page added to the docs renames nothing
// that exists: of pages whose names make the same Go name, which one keeps
// it otherwise depends on which pages exist.
//
// The record is a Go file holding only comments, one line per operation
// page, type, enum member and request struct of the package:
//
//	//	"api/user-post-calendars.md" CreateCalendar CreateCalendar
//	//	type "microsoft.graph.gear_box" GearBox GearBox2
//	//	member "microsoft.graph.color" "red" ColorRed ColorRed
//	//	request "api/driveitem-copy.md" CopyItemRequest CopyItemRequest
//
// what is named (a page, a type by qualified name, an enum member, the
// request struct of a page's operation), the
// Go name its doc name made when it was named, and the name it was given.
// Each keeps its name while its doc name makes the same Go name; one whose
// doc name changes is named afresh.
package keptnames

import (
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gen/gen/internal/naming"
)

// FileName is the record's file in each package folder.
const FileName = "names.go"

// Entry is the Go name of one operation page, type or enum member.
type Entry struct {
	// Source is the page of an operation, relative to the input folder
	// ("api/user-post-calendars.md"), or TypeKey or MemberKey.
	Source string
	Title  string // the Go name the doc name made: the title's, the type's
	Method string // the Go name given: a method's, a type's, a constant's
}

// MadeFrom reports whether e still names what it recorded: the name it was
// made from is title, the one what is named makes now, and the name given
// still starts with it (a numbered name, GearBox2, does).
func (e Entry) MadeFrom(title string) bool {
	return e.Title == title && strings.HasPrefix(e.Method, title)
}

// The names entries are made from, the same for the files' writer and
// their reader: a type's is its doc name's Go name, an enum member's its
// type's Go name and the member's, a request struct's its operation's
// method name and "Request". (An operation's is naming.OperationName.)
func TypeTitle(docName string) string { return naming.GoName(docName) }

// MemberTitle is the name an enum member's constant is made from.
func MemberTitle(typeGoName, member string) string { return typeGoName + naming.GoName(member) }

// RequestTitle is the name a request struct is made from.
func RequestTitle(method string) string { return method + "Request" }

// TypeKey is the Source of a type's entry.
func TypeKey(qualifiedName string) string { return "type " + strconv.Quote(qualifiedName) }

// RequestKey is the Source of the entry of the request struct of the
// operation the page documents.
func RequestKey(page string) string { return "request " + strconv.Quote(page) }

// MemberKey is the Source of an enum member's entry.
func MemberKey(qualifiedName, member string) string {
	return "member " + strconv.Quote(qualifiedName) + " " + strconv.Quote(member)
}

// Record is the entries of one output folder: package name -> Source ->
// entry.
type Record map[string]map[string]Entry

// BySource is every package's entries by Source; of a Source two packages
// record (a hand edit), the first package's in name order.
func (r Record) BySource() map[string]Entry {
	out := map[string]Entry{}
	for _, pkg := range slices.Sorted(maps.Keys(r)) {
		for src, e := range r[pkg] {
			if _, ok := out[src]; !ok {
				out[src] = e
			}
		}
	}
	return out
}

// Comment is the text of a package's record file after its package clause,
// one "//" comment per line, entries sorted by page.
func Comment(entries []Entry) []string {
	entries = append([]Entry(nil), entries...)
	slices.SortFunc(entries, func(a, b Entry) int { return strings.Compare(a.Source, b.Source) })
	lines := []string{
		"// The Go names of this package: for each operation page, type, enum",
		"// member and request struct, what is named, the Go name it is made from",
		"// (its doc name's; a request struct's method's), and the name it has.",
		"// gen generate reads this file back from the output folder and keeps each",
		"// name while it is made from the same one, so that a page added later",
		"// renames nothing. Delete the file to have every name worked out afresh.",
		"//",
	}
	for _, e := range entries {
		lines = append(lines, "//\t"+line(e))
	}
	return lines
}

func line(e Entry) string {
	what := e.Source
	if !keyed(what) {
		what = strconv.Quote(what)
	}
	return fmt.Sprintf("%s %s %s", what, e.Title, e.Method)
}

// kinds are the keyed kinds of entry: the word before what is named, and
// how many quoted names follow it (see TypeKey, MemberKey, RequestKey).
var kinds = []struct {
	word  string
	names int
	key   func(names []string) string
}{
	{"type", 1, func(n []string) string { return TypeKey(n[0]) }},
	{"member", 2, func(n []string) string { return MemberKey(n[0], n[1]) }},
	{"request", 1, func(n []string) string { return RequestKey(n[0]) }},
}

// keyed reports whether s starts as a TypeKey, MemberKey or RequestKey
// does: a word naming what kind of name it is, then a quoted name.
func keyed(s string) bool {
	for _, k := range kinds {
		if strings.HasPrefix(s, k.word+` "`) {
			return true
		}
	}
	return false
}

// Problem is a line of a record file that is not an entry.
type Problem struct {
	Line int
	Msg  string
}

// Parse reads the entries of a record file: every comment line whose text,
// indented (with a tab as gen writes it, or with spaces, as an editor may
// turn it), starts with a quote or with a kind of name and a quote. Other
// lines are the file's prose and are skipped; an entry line that does not
// parse is a Problem, and left out.
func Parse(src []byte) (map[string]Entry, []Problem) {
	out := map[string]Entry{}
	var problems []Problem
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSuffix(l, "\r")
		text, ok := strings.CutPrefix(l, "//")
		rest := strings.TrimLeft(text, " \t")
		if !ok || len(rest) == len(text) || !strings.HasPrefix(rest, `"`) && !keyed(rest) {
			continue
		}
		e, err := parseLine(rest)
		if err != nil {
			problems = append(problems, Problem{Line: i + 1, Msg: err.Error()})
			continue
		}
		if _, dup := out[e.Source]; dup {
			problems = append(problems, Problem{Line: i + 1, Msg: fmt.Sprintf("a second entry for %s", e.Source)})
			continue
		}
		out[e.Source] = e
	}
	return out, problems
}

func parseLine(s string) (Entry, error) {
	// What is named: a quoted page, or a kind's word and its quoted names.
	quotes, key := 1, func(n []string) string { return n[0] }
	for _, k := range kinds {
		if rest, ok := strings.CutPrefix(s, k.word+" "); ok {
			s, quotes, key = rest, k.names, k.key
			break
		}
	}
	var names []string
	for range quotes {
		s = strings.TrimLeft(s, " ")
		quoted, err := strconv.QuotedPrefix(s)
		if err != nil {
			return Entry{}, fmt.Errorf("what is named is not a quoted string")
		}
		name, _ := strconv.Unquote(quoted)
		names = append(names, name)
		s = s[len(quoted):]
	}
	source := key(names)
	fields := strings.Fields(s)
	if len(fields) != 2 {
		return Entry{}, fmt.Errorf("want what is named, the Go name its doc name makes and the name given; have %d names after what is named", len(fields))
	}
	for _, f := range fields {
		if !token.IsIdentifier(f) || !token.IsExported(f) {
			return Entry{}, fmt.Errorf("%q is no exported Go identifier", f)
		}
	}
	return Entry{Source: source, Title: fields[0], Method: fields[1]}, nil
}

// Read reads the record files of the package folders directly under out,
// those whose first line is gen's header (isGenerated). A folder that does
// not exist has none. warn receives each line that is not an entry, as
// "path:line: message", and each file that cannot be read.
func Read(out string, isGenerated func([]byte) bool, warn func(string)) Record {
	rec := Record{}
	ents, err := os.ReadDir(out)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			warn(err.Error())
		}
		return rec
	}
	for _, d := range ents {
		if !d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			continue // links are not followed: the writer never writes through one
		}
		p := filepath.Join(out, d.Name(), FileName)
		info, err := os.Lstat(p)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			warn(err.Error())
			continue
		}
		if !isGenerated(src) {
			continue // a user's file; the writer will refuse to replace it
		}
		entries, problems := Parse(src)
		for _, pr := range problems {
			warn(fmt.Sprintf("%s:%d: %s; the line is ignored", p, pr.Line, pr.Msg))
		}
		rec[d.Name()] = entries
	}
	return rec
}
