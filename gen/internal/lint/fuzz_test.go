package lint

import (
	"os"
	"path/filepath"
	"testing"

	"gen/gen/internal/parse"
	"gen/gen/internal/resolve"
)

// FuzzLint lints arbitrary bytes as an operation page and as a resource
// page beside the shared fixture pages: no check may fail (internal-error)
// and every finding must land inside the page. The seeds are the fixture
// pages; `go test -fuzz FuzzLint ./gen/internal/lint` explores from there.
func FuzzLint(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "rules", "*", "trigger", "*", "*.md"))
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("---\ntitle: x\n---\n# x\n## HTTP request\n```http\nPOST /x/{id}\n```\n## Examples\n<!-- {\"blockType\":\"request\",\"name\":[1,\"a\"]} -->\n```http\nPOST /x/{y}\nContent-Length: 9\n\n{\"a\":[,]}\n```\n"))
	f.Add([]byte("| a | b |\n|---|---|\n| `x|y` | \\| |\n> | c |\n<!-- { \"type\": \"#page.annotation\", \"suppressions\": 5 } -->\n[x](#)[y](../../z.md#)[z](<a b.md>)"))
	base := loadCase(f, filepath.Join("testdata", "shared"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, rel := range []string{"api/fuzz.md", "resources/fuzz.md"} {
			pages := append([]*parse.Page{parse.Parse(rel, src)}, base.Pages...)
			set := resolve.NewSet(base.Root, pages)
			got, err := Lint(set, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range got {
				if d.Rule == "internal-error" {
					t.Fatalf("%s", d)
				}
			}
			checkPositions(t, set, got)
		}
	})
}
