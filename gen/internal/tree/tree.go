// Package tree walks an input folder the one way gen reads it: hidden
// folders (.git) skipped, symbolic links to folders followed, and a folder
// reached twice (a link loop, or a link to a folder also walked directly)
// walked once. The loader lists its pages with it and the generate stamp
// hashes its inputs with it, so the stamp covers what the loader reads.
package tree

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Walk calls file for every file below root in sorted order, with its path
// (starting with root) and its slash-separated path relative to root.
func Walk(root string, file func(p, rel string) error) error {
	visited := map[string]bool{}
	var walk func(dir, rel string) error
	walk = func(dir, rel string) error {
		real, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return err
		}
		if visited[real] {
			return nil
		}
		visited[real] = true
		ents, err := os.ReadDir(dir)
		if err != nil {
			return err
		}
		for _, e := range ents {
			p, r := filepath.Join(dir, e.Name()), path.Join(rel, e.Name())
			isDir := e.IsDir()
			if e.Type()&fs.ModeSymlink != 0 {
				// A broken link stays a file: reading it fails with the
				// reason.
				info, err := os.Stat(p)
				isDir = err == nil && info.IsDir()
			}
			if !isDir {
				if err := file(p, r); err != nil {
					return err
				}
				continue
			}
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if err := walk(p, r); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(root, "")
}
