package parse

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUnknownMethod(t *testing.T) {
	for _, tt := range []struct {
		line string
		word string // "" when the line is not a misspelt request line
	}{
		{"GTE /widgets/{id}", "GTE"},
		{"  Gte https://graph.microsoft.com/beta/me", "Gte"},
		{"PSOT http://localhost/widgets", "PSOT"},
		{"FETCH {url}", "FETCH"},
		{"GET /widgets", ""},
		{"get https://graph.microsoft.com/beta/me", ""},
		{"Location: https://example.com/x", ""},
		{"Content-Type: application/json", ""},
		{"GTE", ""},
		{"See https://aka.ms/x for more", "See"}, // the shape of a request line
		{"GET2 /widgets", ""},
		{`{ "id": "x" }`, ""},
		{"Authorization /x", ""}, // longer than any method
	} {
		s, e, ok := UnknownMethod(tt.line)
		got := ""
		if ok {
			got = tt.line[s:e]
		}
		assert.Equal(t, tt.word, got, tt.line)
	}
}
