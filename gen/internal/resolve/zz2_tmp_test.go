package resolve

import "testing"

func BenchmarkZZResolve(b *testing.B) {
	set, err := ReadPaths([]string{"/work/shared/graph-docs/beta"})
	if err != nil { b.Fatal(err) }
	for b.Loop() {
		Resolve(NewSet("", set.Pages))
	}
}
