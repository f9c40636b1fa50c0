package cli

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"strings"
	"sync"

	"gen/gen/internal/diag"
	"gen/gen/internal/keptnames"
	"gen/gen/internal/resolve"
	"gen/gen/internal/writer"
)

// The no-change fast path. A run that brings -out up to date leaves a stamp
// (writer.StampName) keyed by everything the output is a function of: the
// gen binary, the module path, and the bytes of every file below -in. The
// next run with the same key, finding every generated file as stamped, has
// nothing to do: it skips parsing, emitting and formatting. Generation is
// deterministic, so this never changes what a run writes or reports; it
// only skips work whose result is known. Any flag that changes the output
// must be added to the key in readInputs.

// inputs is what a run read below -in: the pages, and the stamp key of
// every file read (pages and others) computed from the very bytes the
// pages are parsed from. Reading the pages again to parse them would let a
// page edited in between leave a stamp whose key describes other bytes
// than the output was made from.
type inputs struct {
	key  string   // "" when the generator cannot be identified: no stamp then
	root string   // the folder the pages' paths are relative to
	rels []string // slash-separated, sorted
	srcs [][]byte // parallel to rels

	// kept are the operation names the last run into the output folder
	// recorded; the stamp need not cover them, as they are part of the
	// output it proves current.
	kept keptnames.Record
}

// readInputs reads in, a folder of pages (runGenerate refuses one page), as
// the loader would: every .md file below it (hidden folders skipped, links
// followed). A folder without pages is a resolve.NoPagesError.
func readInputs(in, module string) (*inputs, error) {
	id, idErr := generatorID()
	var h writer.Hasher
	h.Add("generator", id)
	h.Add("module", module)
	r := &inputs{root: in}
	isPage := func(rel string) bool { return strings.HasSuffix(strings.ToLower(rel), ".md") }
	files, err := h.ReadTree(in, isPage)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if f.Err != nil {
			return nil, f.Err
		}
		r.rels = append(r.rels, f.Rel)
		r.srcs = append(r.srcs, f.Content)
	}
	if len(r.rels) == 0 {
		return nil, resolve.NoPagesError{Dir: in}
	}
	if idErr == nil {
		r.key = h.Key()
	}
	return r, nil
}

// generatorID identifies the running binary: its Go build ID, whose last
// part is a hash of the binary's content, or else a hash of the binary.
var generatorID = sync.OnceValues(func() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if id := elfBuildID(exe); id != "" {
		return "buildid:" + id, nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
})

// elfBuildID reads the Go build ID note of an ELF binary; "" when there is
// none (other formats: the caller hashes the whole binary).
func elfBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	data, err := sec.Data()
	if err != nil || len(data) < 16 {
		return ""
	}
	// An ELF note: namesz, descsz, type, then name and desc, 4-byte aligned.
	namesz := binary.LittleEndian.Uint32(data[0:4])
	descsz := binary.LittleEndian.Uint32(data[4:8])
	if f.ByteOrder == binary.BigEndian {
		namesz = binary.BigEndian.Uint32(data[0:4])
		descsz = binary.BigEndian.Uint32(data[4:8])
	}
	off := 12 + int(namesz+3)&^3
	if namesz != 4 || !bytes.Equal(data[12:15], []byte("Go\x00")) || off+int(descsz) > len(data) || descsz == 0 {
		return ""
	}
	return string(data[off : off+int(descsz)])
}

// report is what a run prints about its inputs: the load stage's
// diagnostics and the emitter's warnings. The stamp keeps it so that a run
// it stands in for prints the same.
type report struct {
	Diags    diag.List `json:"diags,omitempty"`
	Warnings diag.List `json:"warnings,omitempty"`
}

// encodeReport keeps a run's report for the stamp.
func encodeReport(r report) json.RawMessage {
	if len(r.Diags) == 0 && len(r.Warnings) == 0 {
		return nil
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil
	}
	return b
}

// decodeReport reads back encodeReport's report; ok is false when it cannot
// be read (then the stamp is not used), as for a stamp from an older gen.
func decodeReport(raw json.RawMessage) (report, bool) {
	var r report
	if len(raw) == 0 {
		return r, true
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return report{}, false
	}
	return r, true
}
