package emit

import (
	"fmt"
	"os"
	"testing"
	"time"

	"gen/gen/internal/resolve"
)

func TestZZProbeCorpus(t *testing.T) {
	start := time.Now()
	prog, diags, err := resolve.Load("/work/shared/graph-docs/beta")
	if err != nil {
		t.Fatal(err)
	}
	_ = diags
	t.Logf("load %s", time.Since(start))
	start = time.Now()
	files, err := Generate(prog, Options{ModulePath: "example.com/graphbeta"})
	t.Logf("generate %s", time.Since(start))
	fmt.Println(len(files))
	if err != nil {
		s := err.Error()
		if len(s) > 5000 {
			s = s[:5000]
		}
		fmt.Println(s)
		return
	}
	if dir := os.Getenv("PROBE_OUT"); dir != "" {
		os.RemoveAll(dir)
		writeFiles(dir, files)
		os.WriteFile(dir+"/go.mod", []byte("module example.com/graphbeta\n\ngo 1.26\n\nrequire github.com/stretchr/testify v1.11.1\n"), 0o644)
	}
}
