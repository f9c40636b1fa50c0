//go:build unix

package writer

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStampIgnoresSpecialFiles: a named pipe below the input or at a
// stamped output path is never read (reading it would block), and a link
// where gen wrote a file makes the stamp not current, as Plan refuses it.
func TestStampIgnoresSpecialFiles(t *testing.T) {
	in := t.TempDir()
	writeFile(t, in, "api/a.md", []byte("# A\n"))
	require.NoError(t, syscall.Mkfifo(filepath.Join(in, "notes.txt"), 0o644))
	var h Hasher
	done := make(chan error, 1)
	go func() { done <- h.AddTree(in) }()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("AddTree blocked on a named pipe")
	}

	dir := t.TempDir()
	files := []File{{Path: "a/one.go", Content: gen("one.md", "")}}
	_, err := Write(dir, files)
	require.NoError(t, err)
	s := NewStamp("k", files, nil)
	p := filepath.Join(dir, "a", "one.go")
	require.NoError(t, os.Rename(p, filepath.Join(dir, "copy.go")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "copy.go"), p))
	ok, err := s.Current(dir)
	require.NoError(t, err)
	assert.False(t, ok, "a link where gen wrote a file")
	require.NoError(t, os.Remove(p))
	require.NoError(t, syscall.Mkfifo(p, 0o644))
	go func() { ok, err := s.Current(dir); done <- err; _ = ok }()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Current blocked on a named pipe")
	}
}

// TestPipePageNotRead: a named pipe among the pages, or as -in itself, is
// not read by the walk the loader and the stamp share.
func TestPipePageNotRead(t *testing.T) {
	in := t.TempDir()
	writeFile(t, in, "api/a.md", []byte("# A\n"))
	require.NoError(t, syscall.Mkfifo(filepath.Join(in, "api", "pipe.md"), 0o644))
	pipe := filepath.Join(t.TempDir(), "in.md")
	require.NoError(t, syscall.Mkfifo(pipe, 0o644))
	done := make(chan error, 2)
	go func() {
		var h Hasher
		done <- h.AddTree(in)
	}()
	go func() {
		var h Hasher
		done <- h.AddTree(pipe)
	}()
	for range 2 {
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(5 * time.Second):
			t.Fatal("a named pipe was read")
		}
	}
}
