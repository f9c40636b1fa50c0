package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strings"

	"gen/gen/internal/diag"
)

// Formats are the output formats Write knows.
var Formats = []string{"text", "json", "sarif", "github"}

// Write prints findings in one of Formats. Findings carry paths relative to
// the linted folder; root (as the user named it) is put before them so that
// editors and CI find the files from the working directory.
func Write(w io.Writer, format string, l diag.List, root string) error {
	switch format {
	case "text":
		return writeText(w, l, root)
	case "json":
		return writeJSON(w, l, root)
	case "sarif":
		return writeSARIF(w, l, root)
	case "github":
		return writeGitHub(w, l, root)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// DisplayPath is the path of a finding's file as printed.
func DisplayPath(root, rel string) string {
	if root == "" || root == "." {
		return rel
	}
	return path.Join(filepath.ToSlash(root), rel)
}

// end is the end of a finding's span, its start when the span has none.
func end(d diag.Diagnostic) diag.Pos {
	if d.Span.End.IsValid() && (d.Span.End.Line > d.Span.Line || d.Span.End.Line == d.Span.Line && d.Span.End.Col >= d.Span.Col) {
		return d.Span.End
	}
	return d.Span.Pos
}

func writeText(w io.Writer, l diag.List, root string) error {
	for _, d := range l {
		if _, err := fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", diag.FileName(DisplayPath(root, d.Span.File)), d.Span.Line, d.Span.Col, d.Severity, d.Rule, d.Message); err != nil {
			return err
		}
	}
	return nil
}

// jsonFinding is one finding in -format json; the field names are an
// interface.
type jsonFinding struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Severity  string `json:"severity"`
	Rule      string `json:"rule"`
	Message   string `json:"message"`
}

func writeJSON(w io.Writer, l diag.List, root string) error {
	out := make([]jsonFinding, 0, len(l))
	for _, d := range l {
		e := end(d)
		out = append(out, jsonFinding{
			File: DisplayPath(root, d.Span.File), Line: d.Span.Line, Column: d.Span.Col,
			EndLine: e.Line, EndColumn: e.Col, Severity: d.Severity.String(), Rule: d.Rule, Message: d.Message,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// SARIF 2.1.0, the subset GitHub code scanning reads.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string      `json:"id"`
		Name                 string      `json:"name"`
		ShortDescription     sarifText   `json:"shortDescription"`
		FullDescription      sarifText   `json:"fullDescription"`
		Help                 sarifText   `json:"help"`
		DefaultConfiguration sarifConfig `json:"defaultConfiguration"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID    string          `json:"ruleId"`
		RuleIndex int             `json:"ruleIndex"`
		Level     string          `json:"level"`
		Message   sarifText       `json:"message"`
		Locations []sarifLocation `json:"locations"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI string `json:"uri"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
)

func sarifLevel(s diag.Severity) string {
	switch s {
	case diag.Error:
		return "error"
	case diag.Warning:
		return "warning"
	}
	return "note"
}

func writeSARIF(w io.Writer, l diag.List, root string) error {
	rules := append([]Rule(nil), Rules...)
	index := map[string]int{}
	for i, r := range rules {
		index[r.ID] = i
	}
	results := make([]sarifResult, 0, len(l))
	for _, d := range l {
		i, ok := index[d.Rule]
		if !ok { // a rule a newer resolver reports
			i = len(rules)
			index[d.Rule] = i
			rules = append(rules, Rule{ID: d.Rule, Severity: d.Severity, Summary: d.Rule, Help: d.Rule})
		}
		e := end(d)
		results = append(results, sarifResult{
			RuleID: d.Rule, RuleIndex: i, Level: sarifLevel(d.Severity), Message: sarifText{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: sarifURI(DisplayPath(root, d.Span.File))},
				Region:           sarifRegion{StartLine: d.Span.Line, StartColumn: d.Span.Col, EndLine: e.Line, EndColumn: e.Col},
			}}},
		})
	}
	driver := sarifDriver{Name: "gen-lint"}
	for _, r := range rules {
		driver.Rules = append(driver.Rules, sarifRule{
			ID: r.ID, Name: ruleName(r.ID), ShortDescription: sarifText{r.Summary},
			FullDescription: sarifText{r.Summary + " " + r.Help}, Help: sarifText{r.Help},
			DefaultConfiguration: sarifConfig{Level: sarifLevel(r.Severity)},
		})
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{{Tool: sarifTool{Driver: driver}, ColumnKind: "unicodeCodePoints", Results: results}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// sarifURI makes a URI reference of a slash path: relative paths stay
// relative (GitHub resolves them against the repository root), absolute
// ones become file:// URIs.
func sarifURI(p string) string {
	u := url.URL{Path: p}
	if strings.HasPrefix(p, "/") {
		u.Scheme = "file"
	}
	return u.String()
}

// ruleName turns a rule ID into the PascalCase name SARIF viewers show:
// broken-link -> BrokenLink.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// writeGitHub prints GitHub Actions workflow commands, which the runner
// turns into annotations on the files.
func writeGitHub(w io.Writer, l diag.List, root string) error {
	for _, d := range l {
		cmd := "error"
		switch d.Severity {
		case diag.Warning:
			cmd = "warning"
		case diag.Info:
			cmd = "notice"
		}
		e := end(d)
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n", cmd,
			ghProperty(DisplayPath(root, d.Span.File)), d.Span.Line, d.Span.Col, e.Line, e.Col, ghProperty(d.Rule), ghData(d.Message))
		if err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
