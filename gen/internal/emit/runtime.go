package emit

import (
	"embed"
	"fmt"
	"go/format"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// runtimeSource is the runtime package every generated package uses. It is
// ordinary Go in gen/internal/emit/odata, compiled, vetted and tested there
// like the generator itself, and copied into the output with the generated
// header: it does not depend on the IR, so there is nothing to build with
// jennifer.
//
//go:embed odata/*.go
var runtimeSource embed.FS

// runtimeFiles returns the files of the runtime package odata.
func runtimeFiles() ([]File, error) {
	entries, err := fs.ReadDir(runtimeSource, runtimePkg)
	if err != nil {
		return nil, fmt.Errorf("emit: reading the embedded runtime: %v", err)
	}
	var out []File
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := runtimeSource.ReadFile(path.Join(runtimePkg, name))
		if err != nil {
			return nil, fmt.Errorf("emit: reading the embedded runtime: %v", err)
		}
		// Its source is gen's own file, not a page: that is where a change
		// to it is made.
		source := "gen/internal/emit/" + runtimePkg + "/" + name
		text := "// " + header(source) + "\n\n" + string(src)
		content, err := format.Source([]byte(text))
		if err != nil {
			return nil, fmt.Errorf("emit: runtime file %s does not format: %v\n%s", name, err, numberLines([]byte(text)))
		}
		out = append(out, File{Path: runtimePkg + "/" + name, Source: source, Content: content})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}
