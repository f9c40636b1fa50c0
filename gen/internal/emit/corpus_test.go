package emit

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/corpus"
	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/resolve"
)

// corpusModule is the module path of the generated corpus.
const corpusModule = "example.com/graphbeta"

// TestCorpus generates Go for every type and operation of the whole corpus,
// writes it as a fresh module in a temporary folder and builds and vets it:
// the non-test code with only the standard library, the generated tests
// with testify. The compiled packages and vet results are cached under
// -trimpath, so with a shared GOCACHE a second run of unchanged output is
// fast.
func TestCorpus(t *testing.T) {
	dir := corpus.Beta(t)
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "the go tool")
	start := time.Now()
	step := func(what string) {
		t.Logf("%-44s %6.1fs", what, time.Since(start).Seconds())
		start = time.Now()
	}

	prog, diags, err := resolve.Load(dir)
	require.NoError(t, err)
	step("load (parse and resolve)")
	t.Logf("%d types, %d operations; %d diagnostics, %d of them errors (the IR leaves out what they concern)",
		len(prog.Types), len(prog.Operations), len(diags), len(diags.Errors()))

	var warnings diag.List
	files, err := Generate(prog, Options{ModulePath: corpusModule, Warn: func(d diag.Diagnostic) { warnings = append(warnings, d) }})
	require.NoError(t, err)
	step("generate")
	byRule := map[string]int{}
	for _, w := range warnings {
		byRule[w.Rule]++
	}
	t.Logf("%d files; warnings by rule: %v", len(files), byRule)
	assertCovers(t, prog, files)
	// How many of the docs' examples run as tests, rather than say why not.
	var subtests, skipped int
	for _, f := range files {
		if strings.HasSuffix(f.Path, "/examples_test.go") {
			subtests += bytes.Count(f.Content, []byte("t.Run("))
			skipped += bytes.Count(f.Content, []byte("t.Skip("))
		}
	}
	t.Logf("%d example tests, %d of them run", subtests, subtests-skipped)
	assert.GreaterOrEqual(t, subtests-skipped, 2777, "example tests that run regressed")

	again, err := Generate(prog, Options{ModulePath: corpusModule})
	require.NoError(t, err)
	require.Equal(t, digest(files), digest(again), "generating twice gives the same bytes")
	step("generate again (determinism)")

	out := t.TempDir()
	require.NoError(t, writeFiles(out, files))
	step("write")
	if peak := peakRSS(); peak > 0 {
		t.Logf("peak resident memory of the test so far: %d MiB", peak>>20)
		assert.Less(t, peak, int64(1<<30), "loading and generating the corpus (twice) stays under 1 GiB")
	}

	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(goTool, args...)
		cmd.Dir, cmd.Env = out, env
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		err := cmd.Run()
		text := buf.String()
		if len(text) > 20000 {
			text = text[:20000] + "\n..."
		}
		require.NoError(t, err, "go %s in the generated module:\n%s", strings.Join(args, " "), text)
		step("go " + strings.Join(args, " "))
		return buf.String()
	}
	run("mod", "init", corpusModule)
	// Non-test code needs nothing but the standard library.
	deps := run("list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./...")
	for _, d := range strings.Fields(deps) {
		assert.True(t, strings.HasPrefix(d, corpusModule+"/"), "generated code imports %s", d)
	}
	run("build", "-trimpath", "./...")

	// The generated tests need testify, at the version gen itself uses.
	mainMod, err := os.ReadFile("../../../go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`github.com/stretchr/testify (v\S+)`).FindSubmatch(mainMod)
	require.NotNil(t, m, "testify version in go.mod")
	run("mod", "edit", "-require=github.com/stretchr/testify@"+string(m[1]))
	if sum, err := os.ReadFile("../../../go.sum"); err == nil {
		require.NoError(t, os.WriteFile(filepath.Join(out, "go.sum"), sum, 0o644))
	}
	run("vet", "-trimpath", "./...")
	// The example tests run: the docs' own requests and responses.
	run("test", "-trimpath", "-count=1", "./...")
}

// assertCovers checks that every type has its declaration and every
// operation its Service method and handler.
func assertCovers(t *testing.T, prog *ir.Program, files []File) {
	t.Helper()
	declared := map[string]bool{}
	decl := regexp.MustCompile(`(?m)^type (\w+) |^\t(\w+)\(ctx context\.Context|^func \(h \*handler\) (serve\w+)\(`)
	for _, f := range files {
		if strings.HasSuffix(f.Path, "_test.go") {
			continue
		}
		pkg, _, _ := strings.Cut(f.Path, "/")
		for _, m := range decl.FindAllSubmatch(f.Content, -1) {
			for _, name := range m[1:] {
				if len(name) > 0 {
					declared[pkg+"."+string(name)] = true
				}
			}
		}
	}
	for _, ty := range prog.Types {
		if !declared[ty.Package+"."+ty.GoName] {
			t.Errorf("%s: no declaration of %s", ty.Pos, ty.GoName)
		}
	}
	for _, o := range prog.Operations {
		if !declared[o.Package+"."+o.Name] || !declared[o.Package+".serve"+o.Name] {
			t.Errorf("%s: operation %s has no Service method or handler", o.Pos, o.Name)
		}
	}
}

// peakRSS is the peak resident set size of this process in bytes (VmHWM on
// Linux), or 0 when it is not known.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb int64
			if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kb); err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// digest is a hash of the paths and contents of files.
func digest(files []File) [32]byte {
	h := sha256.New()
	for _, f := range files {
		h.Write([]byte(f.Path))
		h.Write([]byte{0})
		h.Write(f.Content)
		h.Write([]byte{0})
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}
