package writer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"

	"gen/gen/internal/tree"
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
// and those directly under dir).
// Files that are not generated (user files) do not matter, as for Plan. A
// stamped folder that has since become the root of another module or output
// makes the stamp not current, so that the run goes on to Plan, which
// refuses to write there.
func (s *Stamp) Current(dir string) (bool, error) {
	folders := map[string]bool{}
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
	}
	if err := addPackageFolders(dir, folders); err != nil {
		return false, err
	}
	for _, d := range sortedKeys(folders) {
		if !ownedWay(dir, d) {
			return false, nil
		}
		ents, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(d)))
		if err != nil {
			return false, err
		}
		for _, e := range ents {
			rel := path.Join(d, e.Name())
			if _, listed := s.Files[rel]; listed || !e.Type().IsRegular() || path.Ext(rel) != ".go" {
				continue
			}
			gen, err := firstLineGenerated(filepath.Join(dir, filepath.FromSlash(rel)))
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
	info, err := os.Stat(root)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			h.Add("file:"+filepath.Base(root), "not a regular file: "+info.Mode().Type().String())
			return nil
		}
		b, err := os.ReadFile(root)
		if err != nil {
			return err
		}
		h.Add("file:"+filepath.Base(root), hashOf(b))
		return nil
	}
	type entry struct{ rel, sum string }
	var entries []entry
	err = tree.Walk(root, func(p, rel string) error {
		// A file that cannot be read (a broken link) keys by its error.
		sum := ""
		if info, err := os.Stat(p); err == nil && !info.Mode().IsRegular() {
			// A named pipe or a device (a link to /dev/zero) is never read:
			// it could block or never end.
			sum = "not a regular file: " + info.Mode().Type().String()
		} else if b, err := os.ReadFile(p); err != nil {
			sum = "unreadable: " + err.Error()
		} else {
			sum = hashOf(b)
		}
		entries = append(entries, entry{rel, sum})
		return nil
	})
	if err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].rel < entries[j].rel })
	for _, e := range entries {
		h.Add("file:"+e.rel, e.sum)
	}
	return nil
}

// Key is the hex SHA-256 of everything added.
func (h *Hasher) Key() string { return hashOf(h.buf.Bytes()) }

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
