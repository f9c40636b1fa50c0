package templates

import (
	"io/fs"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryTemplateHasAKind: each embedded file is a kind gen new offers,
// and each kind parses.
func TestEveryTemplateHasAKind(t *testing.T) {
	names, err := fs.Glob(files, "*.md.tmpl")
	require.NoError(t, err)
	var kinds []string
	for _, n := range names {
		kinds = append(kinds, strings.TrimSuffix(n, ".md.tmpl"))
	}
	want := append([]string(nil), Kinds...)
	sort.Strings(want)
	assert.Equal(t, want, kinds)
	for _, k := range Kinds {
		_, err := Parse(k)
		assert.NoError(t, err, k)
	}
	_, err = Parse("nope")
	assert.Error(t, err)
}

// TestTemplatesMarkWhatAPersonWrites: the front matter's author and ms.prod
// and, on operation pages, the permissions are TODO markers.
func TestTemplatesMarkWhatAPersonWrites(t *testing.T) {
	for _, k := range Kinds {
		src, err := Source(k)
		require.NoError(t, err)
		s := string(src)
		assert.Contains(t, s, `author: "**TODO: Provide Github Name.`, k)
		assert.Contains(t, s, `ms.prod: "**TODO: Add MS prod.`, k)
		if k != "resource" {
			assert.Equal(t, 3, strings.Count(s, "|**TODO: Provide applicable permissions.**|"), k)
		}
	}
}
