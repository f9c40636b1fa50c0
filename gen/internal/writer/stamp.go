package writer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"gen/gen/internal/tree"
	"gen/gen/internal/workers"
)

// StampName is the file, in the output folder, where a successful run
// records what it generated from what. It lets the next run with the same
// inputs, flags and generator prove the output unchanged by hashing instead
// of parsing and rendering. It is a local cache: keep it out of version
// control (it names the generator binary, which differs between machines).
const StampName = ".gen-stamp"

// stampVersion changes whenever the stamp's meaning changes.
const stampVersion = 1

// Stamp is what a run that generated an up-to-date output folder records.
type Stamp struct {
	Version int `json:"version"`
	// Key identifies everything the output is a function of: the generator
	// binary, the flags that change output, and every input file.
	Key string `json:"key"`
	// Files maps each generated file's path to the SHA-256 of its content.
	Files map[string]string `json:"files"`
	// Report is what the run printed about the inputs (warnings), to print
	// again when the stamp stands in for a run.
	Report json.RawMessage `json:"report,omitempty"`
}

// NewStamp records files as generated under key.
func NewStamp(key string, files []File, report json.RawMessage) *Stamp {
	s := &Stamp{Version: stampVersion, Key: key, Files: make(map[string]string, len(files)), Report: report}
	for _, f := range files {
		s.Files[f.Path] = hashOf(f.Content)
	}
	return s
}

// ReadStamp reads the stamp of the output folder dir; nil (and no error)
// when there is none or it is unreadable as a stamp.
func ReadStamp(dir string) *Stamp {
	b, err := os.ReadFile(filepath.Join(dir, StampName))
	if err != nil {
		return nil
	}
	var s Stamp
	if json.Unmarshal(b, &s) != nil || s.Version != stampVersion || s.Key == "" {
		return nil
	}
	return &s
}

// WriteStamp writes s into dir atomically.
func WriteStamp(dir string, s *Stamp) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, StampName), append(b, '\n'), 0o644)
}

// Current reports whether the output folder dir holds exactly the files s
// recorded: each with the recorded content, and no other generated file
// where Plan would look for extra ones (the folders of the recorded files
// and those directly under dir), nor any leftover of an interrupted run.
// Files that are not generated (user files) do not matter, as for Plan. A
// stamped folder that has since become the root of another module or output
// makes the stamp not current, so that the run goes on to Plan, which
// refuses to write there.
func (s *Stamp) Current(dir string) (bool, error) {
	var recorded map[string]bool // built at the first leftover-named file, rarely
	folders := map[string]bool{}
	srcs := sources{}
	for _, rel := range s.paths() {
		if checkPath(rel) != nil {
			return false, nil
		}
		folders[path.Dir(rel)] = true
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
			// Missing, or a link, a pipe or a folder where gen wrote a
			// file: Plan decides, as a run without the stamp would.
			return false, nil
		}
		b, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if hashOf(b) != s.Files[rel] {
			return false, nil
		}
		srcs.add(b)
	}
	all, err := managedFolders(dir, folders, nil)
	if err != nil {
		return false, err
	}
	for _, d := range sortedKeys(all) {
		if !ownedWay(dir, d) {
			return false, nil
		}
		ents, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(d)))
		if err != nil {
			return false, err
		}
		for _, e := range ents {
			rel := path.Join(d, e.Name())
			if !e.Type().IsRegular() {
				continue
			}
			if leftover(d, e.Name()) {
				content, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
				if err != nil {
					continue // unreadable: Plan leaves it alone too
				}
				if recorded == nil {
					recorded = hashSet(s.Files)
				}
				if leftoverContent(d, e.Name(), content, srcs, recorded) {
					return false, nil // an interrupted run's file, for Plan to remove
				}
				continue
			}
			if _, listed := s.Files[rel]; listed || !all[d] || path.Ext(rel) != ".go" {
				continue
			}
			gen, err := firstLineOwned(filepath.Join(dir, filepath.FromSlash(rel)), srcs)
			if err != nil {
				return false, err
			}
			if gen {
				return false, nil // an extra generated file
			}
		}
	}
	return true, nil
}

// paths lists the files s recorded, sorted.
func (s *Stamp) paths() []string {
	out := make([]string, 0, len(s.Files))
	for rel := range s.Files {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

// Remove deletes the stamp of dir, if any: after a failed or partial run
// the stamp must not vouch for the output.
func RemoveStamp(dir string) error {
	err := os.Remove(filepath.Join(dir, StampName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// Hasher builds a stamp key from labelled parts, in order.
type Hasher struct{ buf bytes.Buffer }

// Add adds a labelled value to the key.
func (h *Hasher) Add(label, value string) {
	h.buf.WriteString(label)
	h.buf.WriteByte(0)
	h.buf.WriteString(value)
	h.buf.WriteByte(0)
}

// AddTree adds every file below root (or root itself when it is a file),
// by path relative to root and content hash, in sorted order. It hashes all
// files, not only pages, so the key covers whatever the loader reads.
// Hidden folders are skipped and symbolic links followed (a folder reached
// twice is hashed once), as the loader does.
func (h *Hasher) AddTree(root string) error {
	_, err := h.ReadTree(root, func(string) bool { return false }) // hashed in pieces, none kept
	return err
}

// Input is one file ReadTree read.
type Input struct {
	// Rel is its slash-separated path relative to the root, or its base
	// name when the root is the file.
	Rel     string
	Content []byte
	Err     error // why it could not be read; Content is nil then
}

// ReadTree adds the files below root to the key as AddTree does, and
// returns those keep accepts (all when keep is nil; it is called from
// several goroutines), in sorted order, with
// the very bytes it hashed. Output made from those bytes is what the key
// describes, however the files change meanwhile: reading them again would
// let a page edited between the two reads leave a key of bytes the output
// was not made from.
func (h *Hasher) ReadTree(root string, keep func(rel string) bool) ([]Input, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	type entry struct {
		p, rel, sum string
		keep        bool
		in          Input
	}
	var entries []entry
	if !info.IsDir() {
		entries = append(entries, entry{p: root, rel: filepath.Base(root)})
	} else {
		err = tree.Walk(root, func(p, rel string) error {
			entries = append(entries, entry{p: p, rel: rel})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	workers.ForEach(len(entries), func(i int) {
		e := &entries[i]
		e.in.Rel = e.rel
		e.keep = keep == nil || keep(e.rel)
		// A file that cannot be read (a broken link) keys by its error.
		if info, err := os.Stat(e.p); err == nil && !info.Mode().IsRegular() {
			// A named pipe or a device (a link to /dev/zero) is never read:
			// it could block or never end.
			e.sum = "not a regular file: " + info.Mode().Type().String()
			e.in.Err = fmt.Errorf("%s: not a regular file (%s)", e.p, info.Mode().Type())
		} else if !e.keep {
			// Not a page: only its hash is needed.
			if sum, err := tree.HashFile(e.p); err != nil {
				e.sum = "unreadable: " + err.Error()
			} else {
				e.sum = hex.EncodeToString(sum)
			}
		} else if b, err := tree.ReadFile(e.p); err != nil {
			e.sum = "unreadable: " + err.Error()
			e.in.Err = err
		} else {
			e.sum = hashOf(b)
			e.in.Content = b
		}
	})
	sort.Slice(entries, func(i, j int) bool { return entries[i].rel < entries[j].rel })
	var kept []Input
	for _, e := range entries {
		h.Add("file:"+e.rel, e.sum)
		if e.keep {
			kept = append(kept, e.in)
		}
	}
	return kept, nil
}

// Key is the hex SHA-256 of everything added.
func (h *Hasher) Key() string { return hashOf(h.buf.Bytes()) }

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
