package parse

import "strings"

// UnknownMethod reads a line shaped like a request line, a word and then a
// path or URL ("GTE /widgets/{id}", "Gte https://graph.microsoft.com/..."),
// whose word is not an HTTP method, so that the line is not read as a
// request line. It returns the word's byte range in line; ok is false for a
// request line and for a line of another shape (a header, prose, JSON).
func UnknownMethod(line string) (start, end int, ok bool) {
	trimmed := strings.TrimLeft(line, " \t")
	f := strings.Fields(trimmed)
	if len(f) < 2 || httpMethods[strings.ToUpper(f[0])] || len(f[0]) > len("OPTIONS")+3 {
		return 0, 0, false
	}
	for i := 0; i < len(f[0]); i++ {
		if c := f[0][i] | 0x20; c < 'a' || c > 'z' {
			return 0, 0, false
		}
	}
	target := strings.ToLower(f[1])
	if !strings.HasPrefix(target, "/") && !strings.HasPrefix(target, "{") &&
		!strings.HasPrefix(target, "https://") && !strings.HasPrefix(target, "http://") {
		return 0, 0, false
	}
	start = len(line) - len(trimmed)
	return start, start + len(f[0]), true
}
