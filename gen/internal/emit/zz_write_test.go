package emit

import (
	"os"
	"testing"

	"gen/gen/internal/resolve"
)

// Temporary: writes the corpus output to $ZZ_OUT for experiments.
func TestZZWrite(t *testing.T) {
	out := os.Getenv("ZZ_OUT")
	if out == "" {
		t.Skip()
	}
	prog, _, err := resolve.Load(corpusDir(t))
	if err != nil {
		t.Fatal(err)
	}
	files, err := Generate(prog, Options{ModulePath: corpusModule})
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(out)
	if err := writeFiles(out, files); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(out+"/go.mod", []byte("module example.com/graphbeta\n\ngo 1.26\n\nrequire github.com/stretchr/testify v1.12.1\n"), 0o644)
	b, _ := os.ReadFile("../../../go.sum")
	os.WriteFile(out+"/go.sum", b, 0o644)
}
