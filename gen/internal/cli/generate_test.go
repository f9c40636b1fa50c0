package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/diag"
	"gen/gen/internal/ir"
	"gen/gen/internal/keptnames"
	"gen/gen/internal/writer"
)

// repoRoot is the repository root, seen from this package's folder.
const repoRoot = "../../.."

// run runs gen with args and returns the exit code, stdout and stderr.
func run(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// copyTree copies the folder src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	require.NoError(t, os.CopyFS(dst, os.DirFS(src)))
}

// tree records path -> content and mtime for every file below dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = info.ModTime().UTC().Format(time.RFC3339Nano) + "\n" + string(b)
		return nil
	})
	require.NoError(t, err)
	return out
}

// generated sets up a copy of docs-input and an output folder generated
// from it, with a user file in it; it returns the two folders.
func generated(t *testing.T) (in, out string) {
	t.Helper()
	root := t.TempDir()
	in, out = filepath.Join(root, "docs-input"), filepath.Join(root, "output")
	copyTree(t, filepath.Join(repoRoot, "docs-input"), in)
	code, _, stderr := run("generate", "-in", in, "-out", out, "-module", "example.com/m/output")
	require.Equal(t, ExitOK, code, stderr)
	user := filepath.Join(out, "callrecords", "myservice.go")
	require.NoError(t, os.WriteFile(user, []byte("package callrecords\n\n// MyService is mine.\ntype MyService struct{ UnimplementedService }\n"), 0o644))
	old := time.Now().Add(-time.Hour)
	require.NoError(t, filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(p, old, old)
	}))
	return in, out
}

func TestGenerateTwiceChangesNothing(t *testing.T) {
	in, out := generated(t)
	before := tree(t, out)
	code, stdout, stderr := run("generate", "-in", in, "-out", out, "-module", "example.com/m/output", "-v")
	require.Equal(t, ExitOK, code, stderr)
	assert.Empty(t, stdout, "-v lists nothing: nothing was written")
	assert.Equal(t, before, tree(t, out), "same bytes and modification times")
}

// TestGenerateLoadErrorLeavesOutputUntouched: when a page has an error,
// every diagnostic is printed as <in>/<page>:line:col and output/ keeps
// every byte and modification time.
func TestGenerateLoadErrorLeavesOutputUntouched(t *testing.T) {
	in, out := generated(t)
	before := tree(t, out)
	page := filepath.Join(in, "resources", "callrecords-media.md")
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	broken := strings.Replace(string(b), "|label|String|", "|label|NoSuchType|", 1)
	require.NotEqual(t, string(b), broken, "the fixture changed: update the edit")
	require.NoError(t, os.WriteFile(page, []byte(broken), 0o644))
	// Also remove a page, so a successful run would delete files.
	require.NoError(t, os.Remove(filepath.Join(in, "resources", "callrecords-userfeedback.md")))

	for _, check := range []bool{false, true} {
		args := []string{"generate", "-in", in, "-out", out, "-module", "example.com/m/output"}
		if check {
			args = append(args, "-check")
		}
		code, stdout, stderr := run(args...)
		assert.Equal(t, ExitFindings, code)
		assert.Empty(t, stdout)
		want := regexp.QuoteMeta(filepath.Join(in, "resources", "callrecords-media.md")) + `:\d+:\d+: error unknown-type: unknown type "NoSuchType"`
		assert.Regexp(t, want, stderr)
		assert.Contains(t, stderr, "nothing written")
		assert.Equal(t, before, tree(t, out))
	}
}

// TestGenerateKeepGoing: with -keep-going a page's error is printed and what
// it concerns is left out; everything else is generated, and the run still
// fails, so that CI sees the error.
func TestGenerateKeepGoing(t *testing.T) {
	in, out := generated(t)
	page := filepath.Join(in, "resources", "callrecords-media.md")
	b, err := os.ReadFile(page)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(page, []byte(strings.Replace(string(b), "|label|String|", "|label|NoSuchType|", 1)), 0o644))
	// A second page documenting the create's path: a generation warning
	// (unrouted-path) beside the error.
	post := filepath.Join(in, "api", "callrecords-segment-post.md")
	pb, err := os.ReadFile(post)
	require.NoError(t, err)
	again := strings.NewReplacer("create_segment_from_", "create_segment_again", "title: \"Create segment\"", "title: \"Create segment again\"", "# Create segment\n", "# Create segment again\n").Replace(string(pb))
	require.NoError(t, os.WriteFile(filepath.Join(in, "api", "callrecords-segment-post-again.md"), []byte(again), 0o644))

	code, _, stderr := run("generate", "-keep-going", "-in", in, "-out", out, "-module", "example.com/m/output")
	require.Equal(t, ExitFindings, code, stderr)
	assert.Contains(t, stderr, "1 generation warning(s)")
	assert.Regexp(t, regexp.QuoteMeta(page)+`:\d+:\d+: error unknown-type: unknown type "NoSuchType"`, stderr)
	assert.Contains(t, stderr, "-keep-going: what they concern is left out")
	media, err := os.ReadFile(filepath.Join(out, "callrecords", "media.go"))
	require.NoError(t, err)
	assert.NotContains(t, string(media), `json:"label`, "the property with the unknown type is left out")
	assert.Contains(t, string(media), `json:"streams`, "the rest of the type is generated")
	// The stamp keeps the errors: the next runs, which skip the work, report
	// them again and fail, with -keep-going or without.
	require.FileExists(t, filepath.Join(out, ".gen-stamp"))
	code, _, stderr = run("generate", "-keep-going", "-in", in, "-out", out, "-module", "example.com/m/output")
	assert.Equal(t, ExitFindings, code, stderr)
	assert.Regexp(t, regexp.QuoteMeta(page)+`:\d+:\d+: error unknown-type: unknown type "NoSuchType"`, stderr)
	assert.Contains(t, stderr, "-keep-going: what they concern is left out")
	assert.Contains(t, stderr, "1 generation warning(s)")
	code, _, stderr = run("generate", "-in", in, "-out", out, "-module", "example.com/m/output")
	assert.Equal(t, ExitFindings, code, "no stamp hides the errors from the next run without -keep-going:\n%s", stderr)
	assert.Contains(t, stderr, "error unknown-type")
	assert.Contains(t, stderr, "nothing written to "+out)
	assert.NotContains(t, stderr, "generation warning", "a run stopping on errors generates nothing to warn of")
	code, _, stderr = run("generate", "-check", "-keep-going", "-in", in, "-out", out, "-module", "example.com/m/output")
	assert.Equal(t, ExitFindings, code, "-check: the output is current, but the errors stand:\n%s", stderr)
	// Fixing the pages changes the inputs: the stamp no longer applies.
	require.NoError(t, os.WriteFile(page, b, 0o644))
	require.NoError(t, os.Remove(filepath.Join(in, "api", "callrecords-segment-post-again.md")))
	code, _, stderr = run("generate", "-in", in, "-out", out, "-module", "example.com/m/output")
	assert.Equal(t, ExitOK, code, stderr)
	media, err = os.ReadFile(filepath.Join(out, "callrecords", "media.go"))
	require.NoError(t, err)
	assert.Contains(t, string(media), `json:"label`)
}

func TestGenerateCheck(t *testing.T) {
	in, out := generated(t)
	base := []string{"generate", "-in", in, "-out", out, "-module", "example.com/m/output", "-check"}

	code, stdout, stderr := run(base...)
	assert.Equal(t, ExitOK, code, stderr)
	assert.Empty(t, stdout)

	// Make one file stale, one missing and one extra.
	seg := filepath.Join(out, "callrecords", "segment.go")
	b, err := os.ReadFile(seg)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(seg, bytes.Replace(b, []byte("Segment"), []byte("Sgmnt"), 1), 0o644))
	require.NoError(t, os.Remove(filepath.Join(out, "callrecords", "media.go")))
	extra := []byte("// Code generated by gen from resources/gone.md. DO NOT EDIT.\n\npackage callrecords\n")
	require.NoError(t, os.WriteFile(filepath.Join(out, "callrecords", "gone.go"), extra, 0o644))
	before := tree(t, out)

	code, stdout, stderr = run(base...)
	assert.Equal(t, ExitFindings, code)
	assert.Equal(t, before, tree(t, out), "-check writes nothing")
	// out is absolute and outside the working directory: its labels drop
	// the leading slash (git apply rejects a//).
	slashOut := strings.TrimLeft(filepath.ToSlash(strings.TrimPrefix(out, filepath.VolumeName(out))), "/")
	assert.NotContains(t, stdout, "a//")
	assert.NotContains(t, stdout, "b//")
	assert.Contains(t, stdout, "--- a/"+slashOut+"/callrecords/segment.go\n+++ b/"+slashOut+"/callrecords/segment.go\n@@ ")
	assert.Regexp(t, `(?m)^-.*Sgmnt`, stdout)
	assert.Regexp(t, `(?m)^\+.*Segment`, stdout)
	assert.Contains(t, stdout, "--- /dev/null\n+++ b/"+slashOut+"/callrecords/media.go\n@@ -0,0 +1,")
	assert.Contains(t, stdout, "--- a/"+slashOut+"/callrecords/gone.go\n+++ /dev/null\n")
	assert.Contains(t, stderr, filepath.Join(out, "callrecords", "gone.go")+": extra")
	assert.Contains(t, stderr, filepath.Join(out, "callrecords", "media.go")+": missing")
	assert.Contains(t, stderr, filepath.Join(out, "callrecords", "segment.go")+": stale")
	assert.NotContains(t, stderr, "myservice.go", "a user file is not a difference")

	// generate repairs all three, and check is clean again.
	code, _, stderr = run(base[:len(base)-1]...)
	require.Equal(t, ExitOK, code, stderr)
	code, stdout, _ = run(base...)
	assert.Equal(t, ExitOK, code)
	assert.Empty(t, stdout)
	assert.FileExists(t, filepath.Join(out, "callrecords", "myservice.go"))
	assert.NoFileExists(t, filepath.Join(out, "callrecords", "gone.go"))
}

// TestGenerateIsIndependentOfTheWorkingDirectory: the same inputs and flags
// give the same bytes whether paths are relative or absolute.
func TestGenerateIsIndependentOfTheWorkingDirectory(t *testing.T) {
	in, out := generated(t)
	want := tree(t, out)
	delete(want, "callrecords/myservice.go")
	t.Chdir(filepath.Dir(in))
	out2 := filepath.Join(t.TempDir(), "o")
	code, _, stderr := run("generate", "-in", "docs-input", "-out", out2, "-module", "example.com/m/output")
	require.Equal(t, ExitOK, code, stderr)
	got := tree(t, out2)
	require.Equal(t, len(want), len(got))
	for p, v := range want {
		// Compare contents only; the modification times differ.
		assert.Equal(t, v[strings.IndexByte(v, '\n'):], got[p][strings.IndexByte(got[p], '\n'):], p)
	}
}

func TestGenerateUsageErrors(t *testing.T) {
	code, _, stderr := run("generate", "extra-arg")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "unexpected argument")

	code, _, stderr = run("generate", "-in", filepath.Join(t.TempDir(), "missing"), "-out", t.TempDir(), "-module", "m")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "gen generate:")
}

func TestModulePathOf(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("// comment\nmodule \"example.com/m\" // trailing\n\ngo 1.26\n"), 0o644))
	got, err := modulePathOf(filepath.Join(root, "a", "b"))
	require.NoError(t, err)
	assert.Equal(t, "example.com/m/a/b", got)
	got, err = modulePathOf(root)
	require.NoError(t, err)
	assert.Equal(t, "example.com/m", got)

	// This repository: output/ is gen/output.
	got, err = modulePathOf(filepath.Join(repoRoot, "output"))
	require.NoError(t, err)
	assert.Equal(t, "gen/output", got)

	assert.Equal(t, "gen", modulePath([]byte("module gen\n\ngo 1.26.8\n")))
	assert.Equal(t, "", modulePath([]byte("modules x\n")))
	// The block form, which the go command accepts too.
	assert.Equal(t, "example.com/q2", modulePath([]byte("module (\n\n\t\"example.com/q2\" // c\n)\n\ngo 1.26\n")))
	assert.Equal(t, "example.com/q3", modulePath([]byte("module(\n\texample.com/q3\n)\n")))
	assert.Equal(t, "", modulePath([]byte("module (\n)\n")))
}

// TestGoGenerateDoesWhatMakeGenerateDoes pins the promise of the root
// templates/generate.go: its go:generate line runs, from the repository
// root, the same command as `make generate`; it is the only one.
func TestGoGenerateDoesWhatMakeGenerateDoes(t *testing.T) {
	directive := regexp.MustCompile(`(?m)^//go:generate (.*)$`)
	var found []string
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && p != repoRoot) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range directive.FindAllSubmatch(b, -1) {
			rel, _ := filepath.Rel(repoRoot, p)
			found = append(found, filepath.ToSlash(rel)+": "+string(m[1]))
		}
		return nil
	})
	require.NoError(t, err)
	mk, err := os.ReadFile(filepath.Join(repoRoot, "Makefile"))
	require.NoError(t, err)
	r := regexp.MustCompile(`(?m)^generate:.*\n\t\$\(GO\) run (.*)$`).FindSubmatch(mk)
	require.NotNil(t, r, "Makefile has no generate target running $(GO) run ...")
	assert.Equal(t, []string{"templates/generate.go: go run -C .. " + string(r[1])}, found)
}

// countLoads replaces the load stage with one that counts its calls.
func countLoads(t *testing.T) *int {
	t.Helper()
	n := new(int)
	orig := loadPages
	loadPages = func(in *inputs) (*ir.Program, diag.List) {
		*n++
		return orig(in)
	}
	t.Cleanup(func() { loadPages = orig })
	return n
}

// TestStampSkipsAllWorkWhenNothingChanged: with the stamp in place and
// nothing changed, generate and -check do not even load the pages; any
// change to the inputs, the flags or the output makes them do the work.
func TestStampSkipsAllWorkWhenNothingChanged(t *testing.T) {
	in, out := generated(t)
	require.FileExists(t, filepath.Join(out, writer.StampName))
	loads := countLoads(t)
	gen := func(extra ...string) int {
		code, _, stderr := run(append([]string{"generate", "-in", in, "-out", out, "-module", "example.com/m/output"}, extra...)...)
		require.NotEqual(t, ExitUsage, code, stderr)
		return code
	}

	before := tree(t, out)
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, ExitOK, gen("-check"))
	assert.Equal(t, 0, *loads, "nothing changed: no page loaded")
	assert.Equal(t, before, tree(t, out))

	// A generated file edited by hand: the stamp no longer vouches.
	seg := filepath.Join(out, "callrecords", "segment.go")
	good, err := os.ReadFile(seg)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(seg, append(append([]byte{}, good...), "// edited\n"...), 0o644))
	assert.Equal(t, ExitFindings, gen("-check"))
	assert.Equal(t, 1, *loads)
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, 2, *loads)
	b, err := os.ReadFile(seg)
	require.NoError(t, err)
	assert.Equal(t, good, b, "repaired")
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, 2, *loads, "and the new stamp vouches again")

	// An extra generated file.
	extra := filepath.Join(out, "callrecords", "zz.go")
	require.NoError(t, os.WriteFile(extra, []byte("// Code generated by gen from x.md. DO NOT EDIT.\n\npackage callrecords\n"), 0o644))
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, 3, *loads)
	assert.NoFileExists(t, extra)

	// A user file is not a change.
	require.NoError(t, os.WriteFile(filepath.Join(out, "callrecords", "mine2.go"), []byte("package callrecords\n"), 0o644))
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, 3, *loads)

	// Any input byte, even one that changes no output.
	page := filepath.Join(in, "resources", "entity.md")
	b, err = os.ReadFile(page)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(page, append(b, '\n'), 0o644))
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, 4, *loads)
	// A new file below -in, even one the loader ignores.
	require.NoError(t, os.WriteFile(filepath.Join(in, "notes.txt"), []byte("x"), 0o644))
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, 5, *loads)

	// Another module path.
	code, _, stderr := run("generate", "-in", in, "-out", out, "-module", "example.com/other/output")
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, 6, *loads)

	// Turned off.
	code, _, stderr = run("generate", "-in", in, "-out", out, "-module", "example.com/other/output", "-stamp=false")
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, 7, *loads)

	// A corrupt stamp is no stamp.
	require.NoError(t, os.WriteFile(filepath.Join(out, writer.StampName), []byte("{not json"), 0o644))
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, 8, *loads)
	assert.Equal(t, ExitOK, gen())
	assert.Equal(t, 8, *loads)
}

// TestStampKeysTheBytesParsed: a page edited while a run is loading it
// leaves no stamp that vouches for output made from other bytes. The run
// makes its output from the bytes it keyed; once the page is back to those
// bytes, -check with the stamp and without it agree that the output is
// current.
func TestStampKeysTheBytesParsed(t *testing.T) {
	in, out := generated(t)
	page := filepath.Join(in, "resources", "callrecords-segment.md")
	orig, err := os.ReadFile(page)
	require.NoError(t, err)
	edit := func(to string) []byte {
		b := bytes.Replace(orig, []byte("Unique identifier of the segment"), []byte(to), 1)
		require.NotEqual(t, orig, b)
		return b
	}
	read, during := edit("Unique identifier of this segment"), edit("Unique identifier of the edited segment")
	require.NoError(t, os.WriteFile(page, read, 0o644))
	prev := loadPages
	loadPages = func(in *inputs) (*ir.Program, diag.List) {
		require.NoError(t, os.WriteFile(page, during, 0o644)) // after the key, before the parse
		return prev(in)
	}
	t.Cleanup(func() { loadPages = prev })
	code, _, stderr := run("generate", "-in", in, "-out", out, "-module", "example.com/m/output")
	require.Equal(t, ExitOK, code, stderr)
	loadPages = prev

	require.NoError(t, os.WriteFile(page, read, 0o644))
	for _, args := range [][]string{{"-check", "-stamp=false"}, {"-check"}} {
		code, stdout, stderr := run(append([]string{"generate", "-in", in, "-out", out, "-module", "example.com/m/output"}, args...)...)
		assert.Equal(t, ExitOK, code, "%v: %s%s", args, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "callrecords", "segment.go"))
	require.NoError(t, err)
	assert.Contains(t, string(b), "Unique identifier of this segment")
}

func TestCheckNeverWritesAStamp(t *testing.T) {
	in, out := generated(t)
	require.NoError(t, os.Remove(filepath.Join(out, writer.StampName)))
	before := tree(t, out)
	code, _, stderr := run("generate", "-in", in, "-out", out, "-module", "example.com/m/output", "-check")
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, before, tree(t, out))
}

func TestReportRoundTrip(t *testing.T) {
	var l diag.List
	l.Add(diag.Span{Pos: diag.Pos{File: "api/x.md", Line: 3, Col: 7}}, diag.Warning, "some-rule", "look %s", "here")
	var w diag.List
	w.Add(diag.Span{Pos: diag.Pos{File: "api/y.md", Line: 1, Col: 1}}, diag.Warning, "renamed-type", "renamed")
	got, ok := decodeReport(encodeReport(report{Diags: l, Warnings: w}))
	require.True(t, ok)
	assert.Equal(t, l.String(), got.Diags.String())
	assert.Equal(t, w.String(), got.Warnings.String())
	_, ok = decodeReport([]byte(`[{"file": "api/x.md"}]`))
	assert.False(t, ok, "an older stamp's report (a bare list) is not used")
	var buf bytes.Buffer
	printDiags(&buf, filepath.Join("docs", "in"), got.Diags)
	assert.Equal(t, filepath.Join("docs", "in", "api", "x.md")+":3:7: warning some-rule: look here\n", buf.String())
}

func TestGeneratorID(t *testing.T) {
	id, err := generatorID()
	require.NoError(t, err)
	assert.NotEmpty(t, id)
	if runtime.GOOS == "linux" {
		assert.True(t, strings.HasPrefix(id, "buildid:"), id)
	}
}

// TestGenerateIntoARepositoryRoot: -out . in a repository that holds
// another generated output and golden test data removes none of their
// files: stale files are removed only from the package folders the run
// writes and from what its own stamp lists.
func TestGenerateIntoARepositoryRoot(t *testing.T) {
	in, out := generated(t)
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/m\n"), 0o644))
	copyTree(t, out, filepath.Join(root, "output"))
	require.NoError(t, os.Remove(filepath.Join(root, "output", writer.StampName))) // git-ignored: not in a clone
	copyTree(t, out, filepath.Join(root, "gen", "testdata", "case", "out"))
	before := tree(t, root)

	code, _, stderr := run("generate", "-in", in, "-out", root)
	require.Equal(t, ExitOK, code, stderr)
	after := tree(t, root)
	for p, v := range before {
		assert.Equal(t, v, after[p], "%s must be untouched", p)
	}
	require.FileExists(t, filepath.Join(root, "callrecords", "segment.go"))

	// A namespace whose pages are gone: its package, listed in the stamp,
	// is removed; the other outputs still are not touched.
	require.NoError(t, os.Remove(filepath.Join(in, "api", "callrecords-segment-post.md")))
	for _, f := range []string{"callrecords-clientuseragent", "callrecords-deviceinfo", "callrecords-endpoint", "callrecords-failureinfo",
		"callrecords-feedbacktokenset", "callrecords-media", "callrecords-mediastream", "callrecords-networkinfo",
		"callrecords-participantendpoint", "callrecords-segment", "callrecords-serviceendpoint", "callrecords-serviceuseragent",
		"callrecords-useragent", "callrecords-userfeedback"} {
		require.NoError(t, os.Remove(filepath.Join(in, "resources", f+".md")))
	}
	code, _, stderr = run("generate", "-in", in, "-out", root)
	require.Equal(t, ExitOK, code, stderr)
	assert.NoDirExists(t, filepath.Join(root, "callrecords"))
	assert.FileExists(t, filepath.Join(root, "graph", "entity.go"))
	after = tree(t, root)
	for p, v := range before {
		assert.Equal(t, v, after[p], "%s must be untouched", p)
	}
}

// TestGenerateRefusesAnotherModulesFolder: a package folder of -out that
// is the root of another module or output is never written into.
func TestGenerateRefusesAnotherModulesFolder(t *testing.T) {
	in, _ := generated(t)
	for _, marker := range []string{"go.mod", writer.StampName} {
		for _, check := range []bool{false, true} {
			out := t.TempDir()
			graph := filepath.Join(out, "graph")
			require.NoError(t, os.MkdirAll(graph, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(graph, marker), []byte("module example.com/other\n"), 0o644))
			before := tree(t, out)
			args := []string{"generate", "-in", in, "-out", out, "-module", "example.com/x/out"}
			if check {
				args = append(args, "-check")
			}
			code, stdout, stderr := run(args...)
			assert.Equal(t, ExitUsage, code, "%v: %s", args, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, graph+": holds its own "+marker, args)
			assert.Contains(t, stderr, "nothing written", args)
			assert.Equal(t, before, tree(t, out), args)
		}
	}
}

// TestDiffLabel: -check labels its diffs with -out relative to the working
// directory when -out is inside it, however it was written, since git apply
// takes no path with .. in it.
func TestDiffLabel(t *testing.T) {
	wd, err := os.Getwd()
	require.NoError(t, err)
	assert.Equal(t, "out", diffLabel("out"))
	assert.Equal(t, "out", diffLabel(filepath.Join("..", filepath.Base(wd), "out")))
	assert.Equal(t, "out", diffLabel(filepath.Join(wd, "out")))
	assert.Equal(t, filepath.Join("..", "elsewhere"), diffLabel(filepath.Join("..", "elsewhere")), "outside: as written")
}

// TestInterruptedRunsLeftoversAreRemoved: a run killed part way leaves
// staged files and a staged stamp; -check names them as extra files, even
// where the stamp would otherwise vouch for the output, and the next
// generate removes them.
func TestInterruptedRunsLeftoversAreRemoved(t *testing.T) {
	in, out := generated(t)
	leftovers := []string{
		filepath.Join(out, "callrecords", ".useragent.go.2460594993.tmp"),
		filepath.Join(out, "callrecords", ".gen-removed-media.go"),
		filepath.Join(out, "..gen-stamp.42.tmp"),
	}
	for _, p := range leftovers {
		content := []byte("// Code generated by gen from resources/callrecords-useragent.md. DO NOT EDIT.\n\npackage call")
		if strings.HasSuffix(p, ".tmp") && strings.Contains(p, "gen-stamp") {
			content = []byte("{\n  \"version\": 1,\n  \"key\": \"")
		}
		require.NoError(t, os.WriteFile(p, content, 0o644))
	}
	mine := filepath.Join(out, "callrecords", ".mine.go.tmp")
	require.NoError(t, os.WriteFile(mine, []byte("x"), 0o644))
	args := []string{"generate", "-in", in, "-out", out, "-module", "example.com/m/output"}
	code, _, stderr := run(append(args, "-check")...)
	assert.Equal(t, ExitFindings, code, stderr)
	for _, p := range leftovers {
		assert.Contains(t, stderr, p+": extra (left by an interrupted gen run; generate will delete it)")
	}
	assert.Contains(t, stderr, "(3 file(s))")
	code, _, stderr = run(args...)
	require.Equal(t, ExitOK, code, stderr)
	for _, p := range leftovers {
		assert.NoFileExists(t, p)
	}
	assert.FileExists(t, mine)
	code, _, stderr = run(append(args, "-check", "-stamp=false")...)
	assert.Equal(t, ExitOK, code, stderr)
}

// TestOtherToolsGeneratedFilesSurvive: a file whose header reads like
// gen's but names a source gen does not generate from (another tool's
// config) is not stale output, even directly in a folder under -out; one
// naming a page that is gone is.
func TestOtherToolsGeneratedFilesSurvive(t *testing.T) {
	in, out := generated(t)
	mock := filepath.Join(out, "mocks", "mock.go")
	require.NoError(t, os.MkdirAll(filepath.Dir(mock), 0o755))
	mockSrc := []byte("// Code generated by gen from mockgen-config.yaml. DO NOT EDIT.\n\npackage mocks\n")
	require.NoError(t, os.WriteFile(mock, mockSrc, 0o644))
	stale := filepath.Join(out, "callrecords", "gone.go")
	require.NoError(t, os.WriteFile(stale, []byte("// Code generated by gen from resources/callrecords-gone.md. DO NOT EDIT.\n\npackage callrecords\n"), 0o644))
	args := []string{"generate", "-in", in, "-out", out, "-module", "example.com/m/output"}
	code, _, stderr := run(append(args, "-check")...)
	assert.Equal(t, ExitFindings, code, stderr)
	assert.Contains(t, stderr, stale+": extra")
	assert.NotContains(t, stderr, mock)
	code, _, stderr = run(args...)
	require.Equal(t, ExitOK, code, stderr)
	assert.NoFileExists(t, stale)
	b, err := os.ReadFile(mock)
	require.NoError(t, err)
	assert.Equal(t, mockSrc, b)
	code, _, stderr = run(append(args, "-check")...)
	assert.Equal(t, ExitOK, code, stderr)
}

// TestGenerateKeepsMethodNames: a page added with the title of a page that
// exists takes no method name the output has, even where the rules of a
// first run would give it the name (its file name is the title's words);
// removing the output's names.go names every operation afresh.
func TestGenerateKeepsMethodNames(t *testing.T) {
	in, out, write := docsAndOutput(t)
	write("resources/widget.md", "# widget resource type\n\nNamespace: microsoft.graph\n\nA widget.\n\n## Properties\n\n"+
		"| Property | Type | Description |\n|:---|:---|:---|\n| id | String | The identifier. Read-only. |\n| name | String | The name. |\n")
	getWidget := func(path string) string {
		return "# Get widget\n\nNamespace: microsoft.graph\n\nRead a widget.\n\n## HTTP request\n\n```http\nGET " + path + "\n```\n\n" +
			"## Response\n\nIf successful, this method returns a `200 OK` response code and a [widget](../resources/widget.md) object in the response body.\n"
	}
	methods := func(held ...string) map[string]string {
		src, err := os.ReadFile(filepath.Join(out, "graph", keptnames.FileName))
		require.NoError(t, err)
		entries, problems := keptnames.Parse(src)
		require.Empty(t, problems)
		got := map[string]string{}
		for page, e := range entries {
			if strings.HasSuffix(page, ".md") { // an operation page, not a type or member
				got[page] = e.Method
			}
		}
		service, err := os.ReadFile(filepath.Join(out, "graph", "service.go"))
		require.NoError(t, err)
		for page, m := range got {
			if declared := strings.Contains(string(service), "\n\t"+m+"(ctx context.Context"); slices.Contains(held, page) {
				assert.False(t, declared, "%s is held, not declared", m)
			} else {
				assert.True(t, declared, "service.go declares %s, which names.go records", m)
			}
		}
		return got
	}
	generate := func(args ...string) (int, string) {
		code, _, stderr := run(append([]string{"generate", "-in", in, "-out", out, "-module", "example.com/m/out"}, args...)...)
		return code, stderr
	}

	write("api/user-get-widget.md", getWidget("/users/{id}/widget"))
	code, stderr := generate()
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, map[string]string{"api/user-get-widget.md": "GetWidget"}, methods())

	write("api/widget-get.md", getWidget("/widgets/{id}"))
	code, stderr = generate()
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, map[string]string{"api/user-get-widget.md": "GetWidget", "api/widget-get.md": "GetWidgetWidgetGet"}, methods(), "the method that existed keeps its name")
	assert.Contains(t, stderr, "warning go-name-clash: operation \"Get widget\" is the Go method GetWidgetWidgetGet, not GetWidget")
	code, stderr = generate("-check", "-stamp=false")
	assert.Equal(t, ExitOK, code, "the output is current by its own record: %s", stderr)

	// A run that leaves the page out (an error, with -keep-going) holds its
	// name: the page gets it back once mended.
	original := getWidget("/users/{id}/widget")
	write("api/user-get-widget.md", strings.Replace(original, "GET /users", "FROB /users", 1))
	code, _ = generate("-keep-going")
	require.Equal(t, ExitFindings, code)
	assert.Equal(t, map[string]string{"api/user-get-widget.md": "GetWidget", "api/widget-get.md": "GetWidgetWidgetGet"}, methods("api/user-get-widget.md"), "held while the page makes no operation")
	write("api/user-get-widget.md", original)
	code, stderr = generate()
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, map[string]string{"api/user-get-widget.md": "GetWidget", "api/widget-get.md": "GetWidgetWidgetGet"}, methods(), "mended, the page has its name back")

	// A page whose namespace changes for a run keeps its name in the other
	// package, and has it back when it returns.
	write("api/user-get-widget.md", strings.Replace(original, "Namespace: microsoft.graph", "Namespace: microsoft.graph.other", 1))
	code, stderr = generate()
	require.Equal(t, ExitOK, code, stderr)
	other, err := os.ReadFile(filepath.Join(out, "other", keptnames.FileName))
	require.NoError(t, err)
	assert.Contains(t, string(other), `"api/user-get-widget.md" GetWidget GetWidget`)
	assert.Equal(t, map[string]string{"api/widget-get.md": "GetWidgetWidgetGet"}, methods())
	write("api/user-get-widget.md", original)
	code, stderr = generate()
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, map[string]string{"api/user-get-widget.md": "GetWidget", "api/widget-get.md": "GetWidgetWidgetGet"}, methods())
	assert.NoDirExists(t, filepath.Join(out, "other"))

	// A package whose every operation an error leaves out, and which has
	// no type, keeps a names.go holding their names.
	tool := strings.Replace(getWidget("/tools/{id}/widget"), "Namespace: microsoft.graph", "Namespace: microsoft.graph.tools", 1)
	write("api/tool-get-widget.md", tool)
	code, stderr = generate()
	require.Equal(t, ExitOK, code, stderr)
	write("api/tool-get-widget.md", strings.Replace(tool, "GET /tools", "FROB /tools", 1))
	code, _ = generate("-keep-going")
	require.Equal(t, ExitFindings, code)
	held, err := os.ReadFile(filepath.Join(out, "tools", keptnames.FileName))
	require.NoError(t, err, "the package folder stays for its names.go")
	assert.Contains(t, string(held), `"api/tool-get-widget.md" GetWidget GetWidget`)
	assert.NoFileExists(t, filepath.Join(out, "tools", "service.go"))
	require.NoError(t, os.Remove(filepath.Join(in, "api", "tool-get-widget.md")))
	code, stderr = generate()
	require.Equal(t, ExitOK, code, stderr)
	assert.NoDirExists(t, filepath.Join(out, "tools"), "a page gone holds nothing")

	require.NoError(t, os.Remove(filepath.Join(out, "graph", keptnames.FileName)))
	code, stderr = generate()
	require.Equal(t, ExitOK, code, stderr)
	assert.Equal(t, map[string]string{"api/user-get-widget.md": "GetWidgetUser", "api/widget-get.md": "GetWidget"}, methods(), "named afresh: the title's owner has its name")
}

// TestGenerateKeepsTypeAndRequestNames: a type page added later whose Go
// name an existing type or an action's request struct has takes a
// numbered name, and the existing ones keep theirs.
func TestGenerateKeepsTypeAndRequestNames(t *testing.T) {
	in, out, write := docsAndOutput(t)
	resource := func(name string) string {
		return "# " + name + " resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\n## Properties\n\n| Property | Type | Description |\n|:---|:---|:---|\n| size | Int32 | How big. |\n"
	}
	write("resources/gear_box.md", resource("gear_box"))
	write("api/gearbox-rename.md", "# Rename gear box\n\nNamespace: microsoft.graph\n\nRename it.\n\n## HTTP request\n\n```http\nPOST /gearBoxes/{id}/rename\n```\n\n"+
		"## Request body\n\n| Parameter | Type | Description |\n|:---|:---|:---|\n| newName | String | The new name. |\n\n"+
		"## Response\n\nIf successful, this method returns a `204 No Content` response code.\n")
	generate := func() string {
		code, _, stderr := run("generate", "-in", in, "-out", out, "-module", "example.com/m/out")
		require.Equal(t, ExitOK, code, stderr)
		return stderr
	}
	declares := func(file, decl string) bool {
		b, err := os.ReadFile(filepath.Join(out, "graph", file))
		require.NoError(t, err)
		return strings.Contains(string(b), "\ntype "+decl+" struct {")
	}
	generate()
	require.True(t, declares("gear-box.go", "GearBox"))
	require.True(t, declares("requests.go", "RenameGearBoxRequest"))

	// gearBox sorts before gear_box; renameGearBoxRequest is named like the
	// request struct.
	write("resources/gearbox.md", resource("gearBox"))
	write("resources/renamegearboxrequest.md", resource("renameGearBoxRequest"))
	generate()
	assert.True(t, declares("gear-box.go", "GearBox"), "the type keeps its name")
	assert.True(t, declares("gearbox.go", "GearBox2"))
	assert.True(t, declares("requests.go", "RenameGearBoxRequest"), "the request struct keeps its name")
	assert.True(t, declares("renamegearboxrequest.go", "RenameGearBoxRequest2"))
	names, err := os.ReadFile(filepath.Join(out, "graph", keptnames.FileName))
	require.NoError(t, err)
	assert.Contains(t, string(names), "\n//\trequest \"api/gearbox-rename.md\" RenameGearBoxRequest RenameGearBoxRequest\n")

	// Once the action is retitled, its old struct name is no one's: a type
	// added with it has it.
	require.NoError(t, os.Remove(filepath.Join(in, "resources", "renamegearboxrequest.md")))
	generate()
	rename, err := os.ReadFile(filepath.Join(in, "api", "gearbox-rename.md"))
	require.NoError(t, err)
	write("api/gearbox-rename.md", strings.Replace(string(rename), "# Rename gear box", "# Relabel gear box", 1))
	write("resources/renamegearboxrequest.md", resource("renameGearBoxRequest"))
	generate()
	assert.True(t, declares("requests.go", "RelabelGearBoxRequest"))
	assert.True(t, declares("renamegearboxrequest.go", "RenameGearBoxRequest"))

	// While an error leaves the action out, its struct's name is held with
	// its method's: a type added meanwhile does not take it.
	relabel, err := os.ReadFile(filepath.Join(in, "api", "gearbox-rename.md"))
	require.NoError(t, err)
	write("api/gearbox-rename.md", strings.Replace(string(relabel), "POST /gearBoxes", "FROB /gearBoxes", 1))
	write("resources/relabelgearboxrequest.md", resource("relabelGearBoxRequest"))
	code, _, stderr := run("generate", "-in", in, "-out", out, "-module", "example.com/m/out", "-keep-going")
	require.Equal(t, ExitFindings, code, stderr)
	assert.True(t, declares("relabelgearboxrequest.go", "RelabelGearBoxRequest2"))
	write("api/gearbox-rename.md", string(relabel))
	generate()
	assert.True(t, declares("requests.go", "RelabelGearBoxRequest"), "mended, the struct has its name")
}

// docsAndOutput makes a doc set folder and an output folder below a
// temporary folder, and returns them with a function writing a page of the
// doc set.
func docsAndOutput(t *testing.T) (in, out string, write func(rel, content string)) {
	root := t.TempDir()
	in, out = filepath.Join(root, "docs"), filepath.Join(root, "out")
	write = func(rel, content string) {
		p := filepath.Join(in, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	return in, out, write
}
