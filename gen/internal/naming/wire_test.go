package naming

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestJSONNameProblem holds the rule to what encoding/json does with a
// struct tag: every name it accepts round-trips through a tag, and every
// name the rule rejects (spaces aside) is one json would not use.
func TestJSONNameProblem(t *testing.T) {
	good := []string{"id", "displayName", "@odata.type", "@microsoft.graph.conflictBehavior", "#microsoft.graph.x",
		"a-b", "a_b", "x$y", "(x)", "émoi", "名前", "todo", "todoTask", "TODOs"}
	bad := []string{"", "with space", `a"b`, `a\b`, "a,b", "a`b", "a'b", "😀", "smile😀", "\uFFFD", "na\uFFFDme",
		"TODO", "TODO: Add property name", "TODO:x", "tab\tx"}
	for _, n := range good {
		assert.Empty(t, JSONNameProblem(n), n)
		assert.True(t, IsJSONName(n), n)
		assert.True(t, jsonUsesTag(n), "encoding/json does not use the tag %q", n)
	}
	for _, n := range bad {
		assert.NotEmpty(t, JSONNameProblem(n), n)
		assert.False(t, IsJSONName(n), n)
		if !strings.ContainsAny(n, " \t`\"") && !strings.HasPrefix(n, "TODO") {
			assert.False(t, jsonUsesTag(n), "encoding/json uses the tag %q", n)
		}
	}
	assert.Equal(t, "it is template text, not a property name", JSONNameProblem("TODO: Add property name"))
	assert.Equal(t, "it contains a space", JSONNameProblem("with space"))
	assert.Equal(t, "it contains '😀' (U+1F600), which a JSON struct tag cannot hold", JSONNameProblem("smile😀"))
}

// jsonUsesTag reports whether encoding/json names a field tagged
// `json:"name"` name, as the generated code needs.
func jsonUsesTag(name string) bool {
	typ := reflect.StructOf([]reflect.StructField{{Name: "F", Type: reflect.TypeOf(0), Tag: reflect.StructTag(`json:"` + name + `"`)}})
	v := reflect.New(typ).Elem()
	v.Field(0).SetInt(1)
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return false
	}
	var m map[string]int
	if json.Unmarshal(b, &m) != nil {
		return false
	}
	return m[name] == 1
}

// TestPackageProblem: the runtime's name, keywords and non-identifiers are
// not package names.
func TestPackageProblem(t *testing.T) {
	for _, n := range []string{"graph", "callrecords", "ns1"} {
		assert.True(t, IsPackageName(n), n)
	}
	for _, n := range []string{RuntimePackage, "odata", "func", "", "1a", "a.b", "main", "internal", "testdata", "vendor"} {
		assert.False(t, IsPackageName(n), n)
		assert.NotEmpty(t, PackageProblem(n), n)
	}
}
