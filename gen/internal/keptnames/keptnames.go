// Package keptnames is the record of operation method names that gen
// generate writes into each package it generates (FileName) and reads back
// on its next run into the same output folder, so that a page added to the
// docs renames no method that exists: of pages whose titles make the same Go
// name, which one keeps it otherwise depends on which pages exist.
//
// The record is a Go file holding only comments, one line per operation
// page of the package:
//
//	//	"api/user-post-calendars.md" CreateCalendar CreateCalendar
//
// the page, the Go name its title made when the method was named, and the
// method's name. A page keeps its method's name while its title makes the
// same Go name; a page whose title changes is named afresh.
package keptnames

import (
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// FileName is the record's file in each package folder.
const FileName = "names.go"

// Entry is one operation page's method name.
type Entry struct {
	Source string // the page, relative to the input folder: "api/user-post-calendars.md"
	Title  string // the Go name the page's title made: naming.OperationName
	Method string // the Go method name the page was given
}

// Record is the entries of one output folder: package name -> page -> entry.
type Record map[string]map[string]Entry

// Comment is the text of a package's record file after its package clause,
// one "//" comment per line, entries sorted by page.
func Comment(entries []Entry) []string {
	entries = append([]Entry(nil), entries...)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Source < entries[j].Source })
	lines := []string{
		"// The Go method name of each operation page of this package: the page, the",
		"// name its title makes, and the method's name. gen generate reads this file",
		"// back from the output folder and keeps each name while the page's title",
		"// makes the same one, so that a page added later renames no method. Delete",
		"// the file to have every name worked out afresh.",
		"//",
	}
	for _, e := range entries {
		lines = append(lines, "//\t"+line(e))
	}
	return lines
}

func line(e Entry) string {
	return fmt.Sprintf("%s %s %s", strconv.Quote(e.Source), e.Title, e.Method)
}

// Problem is a line of a record file that is not an entry.
type Problem struct {
	Line int
	Msg  string
}

// Parse reads the entries of a record file: every comment line that starts
// with a tab and a quote. Other lines are the file's prose and are skipped;
// an entry line that does not parse is a Problem, and left out.
func Parse(src []byte) (map[string]Entry, []Problem) {
	out := map[string]Entry{}
	var problems []Problem
	for i, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSuffix(l, "\r")
		rest, ok := strings.CutPrefix(l, "//\t")
		if !ok || !strings.HasPrefix(rest, `"`) {
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
	quoted, err := strconv.QuotedPrefix(s)
	if err != nil {
		return Entry{}, fmt.Errorf("the page is not a quoted string")
	}
	source, _ := strconv.Unquote(quoted)
	fields := strings.Fields(s[len(quoted):])
	if len(fields) != 2 {
		return Entry{}, fmt.Errorf("want the page, the title's name and the method's name; have %d names after the page", len(fields))
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
