package emit

import (
	"bytes"
	goldenflag "gen/gen/internal/golden"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/ir"
)

var update = goldenflag.Update

// outputModule is the module path of the generated code in tests; case c is
// generated with ModulePath outputModule+"/"+c.
const outputModule = "gen/output"

// goldenCase is the IR of a golden case and its options.
type goldenCase struct {
	build     func() *ir.Program
	openTypes []string
}

// cases are the golden cases: testdata/<case>/out holds the expected files,
// or testdata/<case>/stderr.txt the expected error.
var cases = map[string]goldenCase{
	"callrecords":      {build: buildCallRecords, openTypes: []string{nsGraph + ".identity", nsGraph + ".identitySet"}},
	"shapes":           {build: buildShapes, openTypes: []string{nsGraph + ".itemReference"}},
	"routes":           {build: buildRoutes},
	"error-unresolved": {build: buildUnresolved},
	"collisions":       {build: buildCollisions},
}

// generateCase generates case name with ModulePath modulePath.
func generateCase(name, modulePath string) ([]File, error) {
	c := cases[name]
	prog := c.build()
	for _, name := range c.openTypes {
		prog.Lookup(name).Open = true
	}
	return Generate(prog, Options{ModulePath: modulePath})
}

func caseNames() []string {
	var names []string
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func TestGolden(t *testing.T) {
	entries, err := os.ReadDir("testdata")
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() {
			_, ok := cases[e.Name()]
			assert.True(t, ok, "testdata/%s has no case in emit_test.go", e.Name())
		}
	}
	for _, name := range caseNames() {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", name)
			files, err := generateCase(name, outputModule+"/"+name)
			files = withoutRuntime(files)
			if *update {
				require.NoError(t, os.RemoveAll(filepath.Join(dir, "out")))
				require.NoError(t, os.RemoveAll(filepath.Join(dir, "stderr.txt")))
				require.NoError(t, os.MkdirAll(dir, 0o755))
				if err != nil {
					require.NoError(t, os.WriteFile(filepath.Join(dir, "stderr.txt"), []byte(err.Error()+"\n"), 0o644))
					return
				}
				require.NoError(t, writeFiles(filepath.Join(dir, "out"), files))
				return
			}
			if want, rerr := os.ReadFile(filepath.Join(dir, "stderr.txt")); rerr == nil {
				require.Error(t, err, "want the error in stderr.txt")
				assert.Equal(t, string(want), err.Error()+"\n")
				return
			}
			require.NoError(t, err)
			want := readTree(t, filepath.Join(dir, "out"))
			got := map[string]string{}
			for _, f := range files {
				got[f.Path] = string(f.Content)
			}
			assert.Equal(t, sortedKeys(want), sortedKeys(got), "generated file set")
			for _, p := range sortedKeys(want) {
				if g, ok := got[p]; ok {
					assert.Equal(t, want[p], g, "%s differs from testdata; run go test ./gen/internal/emit -update", p)
				}
			}
		})
	}
}

// withoutRuntime drops the runtime package from a golden case: it is the
// source of emit/odata copied verbatim under the header (tested there), and
// keeping a copy per case would only repeat it.
func withoutRuntime(files []File) []File {
	var out []File
	for _, f := range files {
		if !strings.HasPrefix(f.Path, runtimePkg+"/") {
			out = append(out, f)
		}
	}
	return out
}

func writeFiles(dir string, files []File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	require.NoError(t, err)
	return out
}

func sortedKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestDeterministic generates every case twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	for _, name := range caseNames() {
		a, errA := generateCase(name, outputModule)
		b, errB := generateCase(name, outputModule)
		if errA != nil {
			require.EqualError(t, errB, errA.Error())
			continue
		}
		require.NoError(t, errB)
		require.Equal(t, len(a), len(b))
		for i := range a {
			assert.Equal(t, a[i].Path, b[i].Path)
			assert.Equal(t, string(a[i].Content), string(b[i].Content), a[i].Path)
		}
	}
}

// TestHeaders checks that every file starts with the generated-code marker
// naming its source.
func TestHeaders(t *testing.T) {
	files, err := generateCase("callrecords", outputModule)
	require.NoError(t, err)
	require.True(t, sort.SliceIsSorted(files, func(i, j int) bool { return files[i].Path < files[j].Path }))
	for _, f := range files {
		first, _, _ := strings.Cut(string(f.Content), "\n")
		assert.Equal(t, "// Code generated by gen from "+f.Source+". DO NOT EDIT.", first, f.Path)
		assert.Regexp(t, `^// Code generated .* DO NOT EDIT\.$`, first)
	}
	byPath := map[string]File{}
	for _, f := range files {
		byPath[f.Path] = f
	}
	assert.Equal(t, "resources/callrecords-segment.md", byPath["callrecords/segment.go"].Source)
	assert.Equal(t, "api", byPath["callrecords/handler.go"].Source)
	assert.Equal(t, "gen/internal/emit/odata/validate.go", byPath["odata/validate.go"].Source)
	assert.True(t, bytes.HasPrefix(byPath["odata/validate.go"].Content, []byte("// Code generated by gen from gen/internal/emit/odata/validate.go. DO NOT EDIT.\n")))
}
