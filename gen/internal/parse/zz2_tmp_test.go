package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func BenchmarkZZParse(b *testing.B) {
	var srcs [][]byte
	var rels []string
	filepath.Walk("/work/shared/graph-docs/beta", func(p string, info os.FileInfo, err error) error {
		if strings.HasSuffix(p, ".md") {
			x, _ := os.ReadFile(p)
			srcs = append(srcs, x)
			rels = append(rels, p[len("/work/shared/graph-docs/beta/"):])
		}
		return nil
	})
	for b.Loop() {
		for i, s := range srcs {
			Parse(rels[i], s)
		}
	}
}
