package resolve

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gen/gen/internal/parse"
	"gen/gen/internal/tree"
	"gen/gen/internal/workers"
)

// NoPagesError is the error for input folders that hold no page.
type NoPagesError struct{ Dir string }

func (e NoPagesError) Error() string {
	return fmt.Sprintf("no pages (*.md) found under %s", e.Dir)
}

// ReadPaths reads the pages at paths, each a page or a folder walked
// recursively, as one set rooted at their deepest common folder, so that
// links and types resolve across every page given: linting one page of a
// folder together with the folder sees its neighbours. A page given twice is
// read once. Set.Root is that folder, relative to the working directory
// when every path was relative.
//
// A folder is walked as PageFiles walks it (hidden folders skipped, *.md
// files, symbolic links followed); a page named explicitly is read whatever
// its extension. No page at all is a NoPagesError.
func ReadPaths(paths []string) (*Set, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("no pages to read")
	}
	var files []string // absolute
	allRelative := true
	for _, p := range paths {
		if filepath.IsAbs(p) {
			allRelative = false
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		info, err := tree.Stat(p) // an error names the path as given
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			files = append(files, abs)
			continue
		}
		found, err := PageFiles(abs)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
	}
	if len(files) == 0 {
		return nil, NoPagesError{strings.Join(paths, ", ")}
	}
	root := commonDir(paths, files)
	real := map[string]string{} // rel -> the page's real path
	realPath := realPaths()
	for _, f := range files {
		rel, err := filepath.Rel(root, f)
		if err != nil {
			return nil, err
		}
		real[filepath.ToSlash(rel)] = realPath(f)
	}
	// A page given twice, or reached through a link as well, is read once:
	// under its own path when one of them is (a link in api/ to a resource
	// page does not make it an operation page), else the first in sorted
	// order.
	realRoot := root
	if r, err := filepath.EvalSymlinks(root); err == nil {
		realRoot = r
	}
	chosen := map[string]string{} // real path -> rel
	for _, rel := range slices.Sorted(maps.Keys(real)) {
		r := real[rel]
		prev, ok := chosen[r]
		if !ok || !direct(realRoot, prev, r) && direct(realRoot, rel, r) {
			chosen[r] = rel
		}
	}
	rels := slices.Sorted(maps.Values(chosen))
	display := root
	if allRelative {
		if wd, err := os.Getwd(); err == nil {
			if r, err := filepath.Rel(wd, root); err == nil {
				display = r
			}
		}
	}
	// Read below the root as shown, so that an error (a broken link)
	// names the page as the findings would.
	pages, err := readPages(display, rels)
	if err != nil {
		return nil, err
	}
	return NewSet(display, pages), nil
}

// realPaths returns a function that resolves the symbolic links in a
// file's path: the folder's once per folder, the file itself only when it
// is a link (a Lstat), since resolving every page's whole path costs a
// system call per path element.
func realPaths() func(f string) string {
	folders := map[string]string{}
	return func(f string) string {
		if info, err := os.Lstat(f); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			if r, err := filepath.EvalSymlinks(f); err == nil {
				return r
			}
			return f
		}
		dir := filepath.Dir(f)
		r, ok := folders[dir]
		if !ok {
			r = dir
			if e, err := filepath.EvalSymlinks(dir); err == nil {
				r = e
			}
			folders[dir] = r
		}
		return filepath.Join(r, filepath.Base(f))
	}
}

// direct reports whether the page at rel below root (its real path) is its
// real path r, reached through no link.
func direct(root, rel, r string) bool {
	return filepath.Join(root, filepath.FromSlash(rel)) == r
}

// commonDir is the deepest folder that holds every file and every folder
// given; a single page's folder when one page is given.
func commonDir(paths, files []string) string {
	var dirs []string
	for _, p := range paths {
		abs, _ := filepath.Abs(p)
		if info, err := os.Stat(abs); err == nil && info.IsDir() {
			dirs = append(dirs, abs)
		} else {
			dirs = append(dirs, filepath.Dir(abs))
		}
	}
	for _, f := range files {
		dirs = append(dirs, filepath.Dir(f))
	}
	common := dirs[0]
	for _, d := range dirs[1:] {
		for common != d && !strings.HasPrefix(d, strings.TrimSuffix(common, string(filepath.Separator))+string(filepath.Separator)) {
			parent := filepath.Dir(common)
			if parent == common {
				break
			}
			common = parent
		}
	}
	return common
}

// readPages reads and parses pages below root in parallel, in the order of
// rels.
func readPages(root string, rels []string) ([]*parse.Page, error) {
	b := newPageBatch(rels, fileReader(root, rels))
	workers.ForEach(len(rels), b.parse)
	return b.pages, b.err()
}

// ReadInContext reads the pages at paths as ReadPaths does and, when they
// lie inside one doc set without being all of it, the rest of that doc set
// too: linting one changed page must resolve its types and links as
// linting the whole set does, not report every type another page declares
// as unknown. A doc set is the nearest folder above a page holding both
// api/ and resources/, the layout of Graph's docs; pages from several doc
// sets are read as given. given maps the pages the caller named, by path
// relative to the returned set's root, to their path relative to the root
// ReadPaths gives them, below givenRoot, ReadPaths' root for them (so
// findings print as they would without the context); nil when the set is
// just those pages.
func ReadInContext(paths []string) (set *Set, given map[string]string, givenRoot string, err error) {
	set, err = ReadPaths(paths)
	if err != nil {
		return nil, nil, "", err
	}
	absRoot, err := filepath.Abs(set.Root)
	if err != nil {
		return set, nil, "", nil
	}
	docs := ""
	abs := make([]string, len(set.Pages))
	rootOf := map[string]string{} // folder -> its doc set, asked once
	for i, p := range set.Pages {
		abs[i] = filepath.Join(absRoot, filepath.FromSlash(p.Src.Path))
		dir := filepath.Dir(abs[i])
		d, ok := rootOf[dir]
		if !ok {
			d = docSetRoot(dir)
			rootOf[dir] = d
		}
		if d == "" || docs != "" && d != docs {
			return set, nil, "", nil // outside any doc set, or in several
		}
		docs = d
	}
	for _, p := range paths {
		if a, err := filepath.Abs(p); err == nil && (a == docs || strings.HasPrefix(docs, a+string(filepath.Separator))) {
			return set, nil, "", nil // the whole set was given: no page to read twice
		}
	}
	display := docs
	if !filepath.IsAbs(set.Root) {
		if wd, err := os.Getwd(); err == nil {
			if r, err := filepath.Rel(wd, docs); err == nil {
				display = r
			}
		}
	}
	// Pages named explicitly that the walk does not list (not *.md) are read
	// with the set.
	read := []string{display}
	for _, a := range abs {
		if !strings.HasSuffix(strings.ToLower(a), ".md") {
			read = append(read, filepath.Join(display, strings.TrimPrefix(a, docs)))
		}
	}
	whole, err := ReadPaths(read)
	if err != nil {
		return set, nil, "", nil
	}
	given = map[string]string{}
	var byReal map[string]string // real path -> page of whole, built when a given page is a link
	realPath := realPaths()
	for i, p := range set.Pages {
		rel, err := filepath.Rel(docs, abs[i])
		if err != nil {
			return set, nil, "", nil
		}
		rel = filepath.ToSlash(rel)
		if whole.exact[rel] == nil {
			// A page given through a link (api/x.md to ../resources/y.md)
			// is in the set under its own path.
			if byReal == nil {
				byReal = map[string]string{}
				for _, q := range whole.Pages {
					byReal[realPath(filepath.Join(docs, filepath.FromSlash(q.Src.Path)))] = q.Src.Path
				}
			}
			r, ok := byReal[realPath(abs[i])]
			if !ok {
				return set, nil, "", nil
			}
			rel = r
		}
		given[rel] = p.Src.Path
	}
	return whole, given, set.Root, nil
}

// docSetRoot is the nearest folder at or above dir that holds both an api
// and a resources folder, or "".
func docSetRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		api, err1 := os.Stat(filepath.Join(d, "api"))
		res, err2 := os.Stat(filepath.Join(d, "resources"))
		if err1 == nil && err2 == nil && api.IsDir() && res.IsDir() {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}
