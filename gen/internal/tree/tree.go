// Package tree walks an input folder the one way gen reads it: hidden
// folders (.git) and files (.#page.md) skipped, symbolic links followed, and every real folder
// and file read once, under one path whatever the links. The loader lists
// its pages with it and the generate stamp hashes its inputs with it, so
// the stamp covers what the loader reads.
package tree

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Walk calls file for every file below root in sorted order, with its path
// (starting with root) and its slash-separated path relative to root.
//
// A folder or file reachable several ways (a link loop, a link to a folder
// also walked directly, root spelled relative while a link inside it is
// absolute) is identified by its real absolute path and walked once, under
// the path that crosses the fewest symbolic links; among those, the
// shallowest, then the first in sorted order. So a page reached both
// directly and through a link keeps the path it really has below root
// (what makes it an operation page under api/ or a resource page), and the
// result never depends on the order folders are listed in.
func Walk(root string, file func(p, rel string) error) error {
	w := walker{root: root, dirs: map[string]bool{}, files: map[string]found{}}
	// Links found while walking one level's folders lead to the next level.
	level := []found{{rel: ""}}
	for depth := 0; len(level) > 0; depth++ {
		w.next = nil
		for _, d := range level {
			if err := w.walk(d.rel, depth); err != nil {
				return err
			}
		}
		sort.Slice(w.next, func(i, j int) bool { return shallower(w.next[i].rel, w.next[j].rel) })
		level = w.next
	}
	rels := make([]string, 0, len(w.files))
	for _, f := range w.files {
		rels = append(rels, f.rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		if err := file(filepath.Join(root, filepath.FromSlash(rel)), rel); err != nil {
			return err
		}
	}
	return nil
}

// found is a folder or file reached at rel, depth symbolic links from root.
type found struct {
	rel   string
	depth int
}

type walker struct {
	root  string
	dirs  map[string]bool  // real paths of the folders walked
	files map[string]found // real path (or rel, for a broken link) -> where it is read
	next  []found          // links to folders, for the next level
}

// walk lists the folder at rel, reached through depth links: its files,
// its real subfolders at once, and its links to folders for the next level.
func (w *walker) walk(rel string, depth int) error {
	dir := filepath.Join(w.root, filepath.FromSlash(rel))
	real, err := realPath(dir)
	if err != nil {
		return err
	}
	if w.dirs[real] {
		return nil
	}
	w.dirs[real] = true
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range ents {
		p, r := filepath.Join(dir, e.Name()), path.Join(rel, e.Name())
		linked := e.Type()&fs.ModeSymlink != 0
		isDir := e.IsDir()
		if linked {
			// A broken link stays a file: reading it fails with the
			// reason.
			info, err := os.Stat(p)
			isDir = err == nil && info.IsDir()
		}
		switch {
		case strings.HasPrefix(e.Name(), "."):
			// Hidden folders, and hidden files: an editor's lock or backup
			// (.#entity.md) is no page.
		case isDir && linked:
			w.next = append(w.next, found{r, depth + 1})
		case isDir:
			if err := w.walk(r, depth); err != nil {
				return err
			}
		case !isRegular(e, p, linked):
			// A named pipe, a socket or a device is no page: reading it
			// could block or never end.
		default:
			f := found{r, depth}
			if linked {
				f.depth++
			}
			// A plain file's real path is its folder's joined with its
			// name; only a link needs resolving.
			key := filepath.Join(real, e.Name())
			if linked {
				if key, err = realPath(p); err != nil {
					key = "\x00" + r // a broken link is only itself
				}
			}
			if prev, ok := w.files[key]; !ok || f.depth < prev.depth || f.depth == prev.depth && shallower(f.rel, prev.rel) {
				w.files[key] = f
			}
		}
	}
	return nil
}

// isRegular reports whether the entry e at p is a regular file or, for a
// link, leads to one; a broken link counts, so that reading it reports why.
func isRegular(e fs.DirEntry, p string, linked bool) bool {
	if !linked {
		return e.Type().IsRegular()
	}
	info, err := os.Stat(p)
	return err != nil || info.Mode().IsRegular()
}

// shallower orders paths by their number of elements, then as strings.
func shallower(a, b string) bool {
	if na, nb := strings.Count(a, "/"), strings.Count(b, "/"); na != nb {
		return na < nb
	}
	return a < b
}

// realPath is p's absolute path with every symbolic link resolved: one
// string per real folder or file, however p was spelled.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// ReadFile reads the file at p as os.ReadFile does, but names a broken
// symbolic link as one: "open x.md: no such file or directory" does not
// say why a file the walk listed is not there.
func ReadFile(p string) ([]byte, error) {
	b, err := os.ReadFile(p)
	return b, linkError(p, err)
}

// Stat is os.Stat, with a broken symbolic link named as ReadFile names it.
func Stat(p string) (fs.FileInfo, error) {
	info, err := os.Stat(p)
	return info, linkError(p, err)
}

// HashFile is the SHA-256 of the file at p, read in pieces: a file that is
// no page (an image, an archive beside the docs) is hashed without being
// held in memory. Its errors are ReadFile's.
func HashFile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, linkError(p, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// linkError is err, or where p is a symbolic link whose target is missing
// and err says no more than that the file does not exist, a brokenLink.
func linkError(p string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := os.Readlink(p); lerr == nil {
			return brokenLink{p, target, err}
		}
	}
	return err
}

// brokenLink is the error of reading a symbolic link whose target is
// missing (or is itself such a link); it is still fs.ErrNotExist.
type brokenLink struct {
	path, target string
	err          error
}

func (e brokenLink) Error() string {
	return fmt.Sprintf("%s is a symbolic link to %s, which does not exist", e.path, e.target)
}

func (e brokenLink) Unwrap() error { return e.err }
