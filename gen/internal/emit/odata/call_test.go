package odata

import (
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSortCallArguments: named arguments are sorted by name, spaces and
// quoted commas kept with their argument; anything else is left as it is.
func TestSortCallArguments(t *testing.T) {
	for in, want := range map[string]string{
		"f(b=2,a=1)":               "f(a=1,b=2)",
		"f(a=1,b=2)":               "f(a=1,b=2)",
		"f( b = 2 , a = 1 )":       "f( a = 1 , b = 2 )",
		"f(c='x,y',a='it''s',b=2)": "f(a='it''s',b=2,c='x,y')",
		"Cell(row=1,column=2)/x":   "Cell(row=1,column=2)/x", // not one segment
		"report(b=1,a=2).txt":      "report(b=1,a=2).txt",    // a file name, not a call
		"a b(c=1,b=2)":             "a b(c=1,b=2)",
		"f(a=1)":                   "f(a=1)",
		"f()":                      "f()",
		"users":                    "users",
		"f('b','a')":               "f('b','a')",
		"f(b=1,'a')":               "f(b=1,'a')",
		"f(b='unclosed,a=1)":       "f(b='unclosed,a=1)",
		"f(b=2,a=1":                "f(b=2,a=1",
		"f(B=1,a=2)":               "f(B=1,a=2)", // names are case-sensitive: B sorts first
		"f(b=2,=1)":                "f(b=2,=1)",
		")(b=1,a=2":                ")(b=1,a=2",
		"f(c=(x=1,a=2),b=3)":       "f(c=(x=1,a=2),b=3)", // a nested call: left as it is
		"f(b=(1,2),a=3)":           "f(b=(1,2),a=3)",     // a parenthesis in a value: left as it is
	} {
		assert.Equal(t, want, SortCallArguments(in), in)
	}
}

// TestCanonicalPathSortsArguments: a request path's function arguments are
// sorted after unescaping, so an escaped comma in a quoted value stays in it.
func TestCanonicalPathSortsArguments(t *testing.T) {
	u, err := url.Parse("/x/f(b='1%2C2',%20a=3)/y")
	assert.NoError(t, err)
	assert.Equal(t, "/x/f( a=3,b='1,2')/y", CanonicalPath(u))
}
