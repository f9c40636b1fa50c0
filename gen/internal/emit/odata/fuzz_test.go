package odata

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// FuzzRequestInput feeds the runtime's request readers arbitrary input:
// none panics; SortCallArguments only reorders (same bytes, and sorting
// again changes nothing); DuplicateKey agrees with a decode for the names
// of a top-level object; scanBody's depth check agrees with the depth of
// valid JSON.
func FuzzRequestInput(f *testing.F) {
	for _, s := range []string{
		`{"a":1,"a":2}`, `{"a":{"b":[{"c":1,"c":2}]}}`, `[{"a":1},{"a":1}]`, `{"\u0061":1,"a":2}`,
		`f(b=2,a=1)`, `f(a='x,y',b='it''s')`, `report(b=1,a=2).txt`, `{"@odata.id":"u"}`, `[[[[]]]]`, `"{["`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sorted := SortCallArguments(s)
		if a, b := sortedBytes(sorted), sortedBytes(s); a != b {
			t.Fatalf("SortCallArguments(%q) = %q: other bytes", s, sorted)
		}
		if again := SortCallArguments(sorted); again != sorted {
			t.Fatalf("SortCallArguments is not stable: %q -> %q -> %q", s, sorted, again)
		}
		_, dup := DuplicateKey([]byte(s))
		_, _ = DecodeReference([]byte(s))
		_, problem := scanBody([]byte(s), scanLimits{depth: 3, objects: 2})
		dupShallow, deep, many := problem == repeatedName, problem == tooDeep, problem == tooManyObjects
		if !json.Valid([]byte(s)) {
			return
		}
		// The scan ends at the first of a repeated name, too deep a
		// nesting and a third object.
		if got := depthOf(s); deep && got <= 3 || !dupShallow && !many && deep != (got > 3) {
			t.Fatalf("scanBody(%q, 3, 2) deep = %v, depth %d", s, deep, got)
		}
		if got := objectsOf(s); many && got <= 2 || !dupShallow && !deep && many != (got > 2) {
			t.Fatalf("scanBody(%q, 3, 2) many = %v, %d objects", s, many, got)
		}
		if !deep && !many && dupShallow != dup {
			t.Fatalf("scanBody(%q, 3, 2) and DuplicateKey disagree", s)
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal([]byte(s), &obj) == nil && obj != nil {
			var keys []string
			dec := json.NewDecoder(strings.NewReader(s))
			dec.Token() // {
			for dec.More() {
				k, _ := dec.Token()
				keys = append(keys, k.(string))
				var skip json.RawMessage
				_ = dec.Decode(&skip)
			}
			if len(keys) > len(obj) && !dup {
				t.Fatalf("DuplicateKey(%q) found no repeated name", s)
			}
			if dup && depthOf(s) == 1 && len(keys) == len(obj) {
				t.Fatalf("DuplicateKey(%q) found a repeated name in a flat object without one", s)
			}
		}
	})
}

func sortedBytes(s string) string {
	b := []byte(s)
	sort.Slice(b, func(i, j int) bool { return b[i] < b[j] })
	return string(b)
}

// objectsOf counts the objects of the JSON value s, each of a repeated
// name's too.
func objectsOf(s string) int {
	dec := json.NewDecoder(strings.NewReader(s))
	n := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return n
		}
		if tok == json.Delim('{') {
			n++
		}
	}
}

// depthOf is the nesting depth of valid JSON, by decoding it.
func depthOf(s string) int {
	var v any
	if json.Unmarshal([]byte(s), &v) != nil {
		return 0
	}
	var depth func(any) int
	depth = func(v any) int {
		max := 0
		switch x := v.(type) {
		case map[string]any:
			for _, e := range x {
				if d := depth(e); d > max {
					max = d
				}
			}
			return max + 1
		case []any:
			for _, e := range x {
				if d := depth(e); d > max {
					max = d
				}
			}
			return max + 1
		}
		return 0
	}
	return depth(v)
}
