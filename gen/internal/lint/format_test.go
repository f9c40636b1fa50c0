package lint

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/diag"
)

// formatCase lints a fixture with findings of two severities on two lines.
func formatCase(t *testing.T) diag.List {
	got, err := Lint(loadCase(t, filepath.Join("testdata", "rules", "placeholder-value", "trigger")), Options{})
	require.NoError(t, err)
	more, err := Lint(loadCase(t, filepath.Join("testdata", "rules", "content-length", "trigger")), Options{})
	require.NoError(t, err)
	got = append(got, more...)
	got.Sort()
	require.NotEmpty(t, got)
	return got
}

// TestFormats pins each output format; the files are printed as under a
// folder named docs, as `gen lint docs` prints them.
func TestFormats(t *testing.T) {
	l := formatCase(t)
	for _, f := range Formats {
		t.Run(f, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, Write(&b, f, l, "docs"))
			golden(t, filepath.Join("testdata", "formats", f+".golden"), b.String())
		})
	}
	assert.Error(t, Write(&bytes.Buffer{}, "xml", l, ""))
}

func TestFormatJSON(t *testing.T) {
	l := formatCase(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, "json", l, "docs"))
	var got []map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &got))
	require.Len(t, got, len(l))
	for i, g := range got {
		assert.ElementsMatch(t, []string{"file", "line", "column", "endLine", "endColumn", "severity", "rule", "message"}, keysOf(g))
		assert.Equal(t, "docs/"+l[i].Span.File, g["file"])
		assert.EqualValues(t, l[i].Span.Line, g["line"])
		assert.EqualValues(t, l[i].Span.Col, g["column"])
	}

	b.Reset()
	require.NoError(t, Write(&b, "json", nil, ""))
	assert.Equal(t, "[]\n", b.String(), "no findings is an empty array, not null")
}

func keysOf(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestFormatSARIF checks what GitHub code scanning requires of an upload:
// version 2.1.0, one run, a driver with every rule and its help text,
// results that point at a listed rule and carry a location and region.
func TestFormatSARIF(t *testing.T) {
	l := formatCase(t)
	var b bytes.Buffer
	require.NoError(t, Write(&b, "sarif", l, "docs"))
	var log struct {
		Schema  string `json:"$schema"`
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						Help             struct{ Text string }
						Default          struct{ Level string } `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					Physical struct {
						Artifact struct{ URI string } `json:"artifactLocation"`
						Region   struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &log))
	assert.Equal(t, "2.1.0", log.Version)
	assert.Contains(t, log.Schema, "sarif")
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "gen-lint", run.Tool.Driver.Name)
	require.Len(t, run.Tool.Driver.Rules, len(Rules))
	for i, r := range run.Tool.Driver.Rules {
		assert.Equal(t, Rules[i].ID, r.ID)
		assert.NotEmpty(t, r.Help.Text, r.ID)
		assert.NotEmpty(t, r.ShortDescription.Text, r.ID)
		assert.Contains(t, []string{"error", "warning", "note"}, r.Default.Level)
	}
	require.Len(t, run.Results, len(l))
	for i, res := range run.Results {
		assert.Equal(t, res.RuleID, run.Tool.Driver.Rules[res.RuleIndex].ID)
		assert.Equal(t, l[i].Message, res.Message.Text)
		require.Len(t, res.Locations, 1)
		loc := res.Locations[0].Physical
		assert.Equal(t, "docs/"+l[i].Span.File, loc.Artifact.URI)
		assert.Equal(t, l[i].Span.Line, loc.Region.StartLine)
		assert.Equal(t, l[i].Span.Col, loc.Region.StartColumn)
		assert.GreaterOrEqual(t, loc.Region.EndLine, loc.Region.StartLine)
	}
}

func TestFormatGitHub(t *testing.T) {
	l := diag.List{{
		Span:     diag.Span{Pos: diag.Pos{File: "api/a,b.md", Line: 3, Col: 4}, End: diag.Pos{File: "api/a,b.md", Line: 3, Col: 9}},
		Severity: diag.Warning, Rule: "broken-link", Message: "50% done\nnext line",
	}}
	var b bytes.Buffer
	require.NoError(t, Write(&b, "github", l, "docs"))
	assert.Equal(t, "::warning file=docs/api/a%2Cb.md,line=3,col=4,endLine=3,endColumn=9,title=broken-link::50%25 done%0Anext line\n", b.String())
	line := regexp.MustCompile(`^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::.+$`)
	b.Reset()
	require.NoError(t, Write(&b, "github", formatCase(t), "docs"))
	for _, s := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		assert.Regexp(t, line, s)
	}
}

// TestTextQuotesOddFileNames: a page whose name holds a line break cannot
// forge a line of text output (a CI's workflow command).
func TestTextQuotesOddFileNames(t *testing.T) {
	var l diag.List
	l.Add(diag.Span{Pos: diag.Pos{File: "api/x\n::error file=forged.md::pwned.md", Line: 1, Col: 1}}, diag.Error, "invalid-utf8", "bad name")
	var b strings.Builder
	require.NoError(t, Write(&b, "text", l, "docs"))
	assert.Equal(t, 1, strings.Count(b.String(), "\n"), b.String())
	assert.True(t, strings.HasPrefix(b.String(), `"docs/api/x\n::error`), b.String())
}
