package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestHelp: asking for help is a success and prints what was asked for.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}} {
		code, _, stderr := run(args...)
		assert.Equal(t, ExitOK, code, args)
		assert.Contains(t, stderr, "usage: gen <command>", args)
		assert.Contains(t, stderr, "metadata-diff", args)
	}
	for _, cmd := range []string{"generate", "ir", "lint", "metadata-diff", "new"} {
		for _, args := range [][]string{{"help", cmd}, {cmd, "-h"}} {
			code, stdout, stderr := run(args...)
			assert.Equal(t, ExitOK, code, args)
			assert.Empty(t, stdout, args)
			assert.Contains(t, stderr, "gen "+cmd, args)
			assert.NotContains(t, stderr, "Usage of", args)
			assert.NotContains(t, stderr, "usage: gen <command>", args)
		}
	}
	code, _, stderr := run("help", "metadata-diff")
	assert.Equal(t, ExitOK, code)
	assert.Contains(t, stderr, "-metadata is required")
	code, _, _ = run("new", "create", "-h")
	assert.Equal(t, ExitOK, code)

	code, _, stderr = run("help", "nope")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, `unknown command "nope"`)
}

// TestUnexpectedArguments: a command that takes no positional argument
// rejects one instead of ignoring it.
func TestUnexpectedArguments(t *testing.T) {
	for _, args := range [][]string{
		{"generate", "-in", docsInput, "extra"},
		{"ir", "-in", docsInput, "extra"},
		{"metadata-diff", "-in", docsInput, "-metadata", "testdata/metadata-diff/metadata.xml", "extra"},
		{"new", "create", "-resource", "x.md", "-path", "/x", "extra"},
		{"help", "lint", "extra"},
	} {
		code, stdout, stderr := run(args...)
		assert.Equal(t, ExitUsage, code, args)
		assert.Empty(t, stdout, args)
		assert.Contains(t, stderr, `unexpected argument "extra"`, args)
	}
}
