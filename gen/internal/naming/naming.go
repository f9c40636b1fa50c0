// Package naming is the one place where names from the docs become Go
// identifiers. Every stage that needs a Go name calls GoName or GoParam.
package naming

import (
	"fmt"
	"go/token"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// initialisms are words Go style writes in one case (ID, not Id). OData is
// kept in its documented mixed case.
var initialisms = map[string]string{
	"ACL": "ACL", "API": "API", "ASCII": "ASCII", "CPU": "CPU", "CSS": "CSS",
	"DNS": "DNS", "GUID": "GUID", "HTML": "HTML", "HTTP": "HTTP", "HTTPS": "HTTPS",
	"ID": "ID", "IP": "IP", "JSON": "JSON", "QPS": "QPS", "RAM": "RAM", "RPC": "RPC",
	"SLA": "SLA", "SMS": "SMS", "SMTP": "SMTP", "SQL": "SQL", "SSH": "SSH", "TCP": "TCP",
	"TLS": "TLS", "TTL": "TTL", "UDP": "UDP", "UI": "UI", "UID": "UID", "UUID": "UUID",
	"URI": "URI", "URL": "URL", "UTF8": "UTF8", "VM": "VM", "XML": "XML", "XMPP": "XMPP",
	"XSRF": "XSRF", "XSS": "XSS", "ODATA": "OData",
}

// GoName turns a name from the docs into an exported Go identifier:
// "callRecordId" -> "CallRecordID", "@odata.type" -> "ODataType",
// "3dPrinter" -> "X3dPrinter", "my-name" -> "MyName".
func GoName(name string) string { return goNames.get(name) }

// memo remembers f(name) for every name asked, for many goroutines. Reads
// are plain map lookups in a published snapshot, which is never written
// again; new names go to a locked map that is merged into a new snapshot
// once it holds half as many names as the snapshot (so every name is copied
// a bounded number of times). A sync.Map cost several times more per read.
type memo struct {
	f        func(string) string
	snapshot atomic.Pointer[map[string]string]
	mu       sync.Mutex
	recent   map[string]string // names added since the snapshot
}

func newMemo(f func(string) string) *memo { return &memo{f: f, recent: map[string]string{}} }

func (m *memo) get(name string) string {
	var size int
	if s := m.snapshot.Load(); s != nil {
		if v, ok := (*s)[name]; ok {
			return v
		}
		size = len(*s)
	}
	m.mu.Lock()
	v, ok := m.recent[name]
	m.mu.Unlock()
	if ok {
		return v
	}
	v = m.f(name)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recent[name] = v
	if len(m.recent) >= max(64, size/2) {
		next := make(map[string]string, size+len(m.recent))
		if s := m.snapshot.Load(); s != nil {
			for k, x := range *s {
				next[k] = x
			}
		}
		for k, x := range m.recent {
			next[k] = x
		}
		m.snapshot.Store(&next)
		m.recent = map[string]string{}
	}
	return v
}

// goNames memoizes GoName: a doc set repeats the same few thousand names
// (path parameters, property names) many times over.
var goNames = newMemo(goName)

func goName(name string) string {
	var b strings.Builder
	for _, w := range Words(name) {
		b.WriteString(fixWord(w))
	}
	out := b.String()
	if !startsUpper(out) {
		// A digit, or a letter of a script without case ("名前"): not an
		// exported identifier without a prefix.
		out = "X" + out
	}
	return out
}

// startsUpper reports whether s starts with an upper-case letter, as an
// exported Go identifier does.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// GoParam turns a name from the docs into an unexported Go identifier for a
// parameter or local variable: "callRecordId" -> "callRecordID",
// "type" -> "type_", "ID" -> "id".
func GoParam(name string) string { return goParams.get(name) }

// goParams memoizes GoParam: operations ask for each parameter several times.
var goParams = newMemo(goParam)

func goParam(name string) string {
	exp := GoName(name)
	ws := Words(name)
	first := ""
	if len(ws) > 0 {
		first = fixWord(ws[0])
	}
	if !startsUpper(first) {
		exp = "x" + exp[1:] // GoName's prefix, lowered
	} else {
		// Lower the leading initialism as a whole ("IDs" -> "ids", "URLPath" -> "urlPath").
		exp = strings.ToLower(first) + exp[len(first):]
	}
	if token.IsKeyword(exp) || predeclared[exp] {
		exp += "_"
	}
	return exp
}

// predeclared names that would shadow something a generated function uses.
var predeclared = map[string]bool{
	"ctx": true, "w": true, "r": true, "err": true, "svc": true, "string": true, "error": true,
	"len": true, "new": true, "make": true, "append": true, "nil": true, "true": true, "false": true,
	"http": true, "json": true, "time": true, "context": true, "fmt": true, "strings": true,
}

// Words splits a doc name at separators and camel-case boundaries:
// signInRiskLevels is sign, In, Risk, Levels; HTTPRequest HTTP, Request.
func Words(name string) []string {
	var out []string
	rs := []rune(name)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, string(rs[start:end]))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush(i)
			start = i
		case unicode.IsUpper(r) && unicode.IsDigit(prev):
			flush(i)
			start = i
		case unicode.IsLower(r) && unicode.IsUpper(prev) && i-1 > start:
			// "HTTPRequest": the last upper letter starts the next word.
			flush(i - 1)
			start = i - 1
		}
	}
	flush(len(rs))
	return out
}

// Singular is the singular of a collection's name: messages is message,
// policies policy, mailboxes mailbox, series series; a name that is no
// plural is itself.
func Singular(w string) string {
	switch {
	case strings.HasSuffix(strings.ToLower(w), "series"):
		return w // one series, several series
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

func fixWord(w string) string {
	up := strings.ToUpper(w)
	if v, ok := initialisms[up]; ok {
		return v
	}
	if strings.HasSuffix(w, "s") && len(w) > 2 {
		if v, ok := initialisms[strings.ToUpper(w[:len(w)-1])]; ok && v != "OData" {
			return v + "s"
		}
	}
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// Unique returns base, or base2, base3, ... when taken, and takes it: how
// every generated name settles a clash.
func Unique(base string, used map[string]bool) string {
	name := base
	for i := 2; used[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	used[name] = true
	return name
}

// GenericPlaceholder reports whether a path placeholder's name says nothing
// of what it identifies: {id}, {Id}, {id1}, the workbook's {id|name}
// (idOrName), and {undefined}.
func GenericPlaceholder(name string) bool {
	l := strings.ToLower(name)
	return l == "idorname" || l == "undefined" || strings.HasPrefix(l, "id") && strings.Trim(l[2:], "0123456789") == ""
}

// OperationName is the Go method name an operation page's title makes
// ("Create segment" -> CreateSegment), or its file name where it has no
// title: the name the operation gets unless another page's makes the same.
func OperationName(title, source string) string {
	if title == "" {
		return GoName(PageBase(source))
	}
	return GoName(title)
}

// PageBase is a page's file name without its folder and ".md":
// "api/group-list-members.md" -> "group-list-members".
func PageBase(source string) string {
	return strings.TrimSuffix(source[strings.LastIndexByte(source, '/')+1:], ".md")
}
