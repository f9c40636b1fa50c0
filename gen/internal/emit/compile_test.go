package emit

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestGeneratedModule writes the output of every golden case that generates
// into one temporary module, adds the hand-written tests of
// testdata/<case>/extra, and runs go vet and go test on it: the generated
// code must compile, be vet-clean, and its example tests must pass.
func TestGeneratedModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a generated module")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	start := time.Now()
	root := t.TempDir()
	mainMod, err := os.ReadFile("../../../go.mod")
	require.NoError(t, err)
	m := regexp.MustCompile(`github.com/stretchr/testify (v\S+)`).FindSubmatch(mainMod)
	require.NotNil(t, m, "testify version in go.mod")
	goMod := "module " + outputModule + "\n\ngo 1.22\n\nrequire github.com/stretchr/testify " + string(m[1]) + "\n"
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte(goMod), 0o644))
	if sum, err := os.ReadFile("../../../go.sum"); err == nil {
		require.NoError(t, os.WriteFile(filepath.Join(root, "go.sum"), sum, 0o644))
	}
	for _, name := range caseNames() {
		if _, err := os.Stat(filepath.Join("testdata", name, "stderr.txt")); err == nil {
			continue
		}
		files, err := generateCase(name, outputModule+"/"+name)
		require.NoError(t, err, name)
		require.NoError(t, writeFiles(filepath.Join(root, name), files))
		extra := filepath.Join("testdata", name, "extra")
		err = filepath.WalkDir(extra, func(p string, d os.DirEntry, err error) error {
			if os.IsNotExist(err) {
				return filepath.SkipDir
			}
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(extra, p)
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			dst := filepath.Join(root, name, rel)
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			return os.WriteFile(dst, b, 0o644)
		})
		require.NoError(t, err)
	}
	run := func(args ...string) {
		cmd := exec.Command(goTool, args...)
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		require.NoError(t, err, "go %v in the generated module:\n%s", args, out.String())
		t.Logf("go %v:\n%s", args, out.String())
	}
	run("vet", "./...")
	run("test", "-count=1", "./...")
	t.Logf("generated module built, vetted and tested in %s", time.Since(start).Round(time.Millisecond))
}
