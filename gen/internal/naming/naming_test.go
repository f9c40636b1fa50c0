package naming

import (
	"go/token"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGoName(t *testing.T) {
	cases := map[string]string{
		"callRecordId":      "CallRecordID",
		"@odata.type":       "ODataType",
		"segment":           "Segment",
		"identitySet":       "IdentitySet",
		"3dPrinter":         "X3dPrinter",
		"my-name":           "MyName",
		"ids":               "IDs",
		"HTTPRequest":       "HTTPRequest",
		"webUrl":            "WebURL",
		"":                  "X",
		"type":              "Type",
		"microsoft.graph":   "MicrosoftGraph",
		"feedbackTokens":    "FeedbackTokens",
		"ipAddress":         "IPAddress",
		"sentBytes":         "SentBytes",
		"is":                "Is",
		"lowVideoFrameRate": "LowVideoFrameRate",
	}
	for in, want := range cases {
		got := GoName(in)
		assert.Equal(t, want, got, "GoName(%q)", in)
		assert.True(t, token.IsIdentifier(got), "GoName(%q)=%q is not an identifier", in, got)
	}
}

func TestGoParam(t *testing.T) {
	cases := map[string]string{
		"callRecordId": "callRecordID",
		"sessionId":    "sessionID",
		"id":           "id",
		"type":         "type_",
		"func":         "func_",
		"URLPath":      "urlPath",
		"1st":          "x1st",
		"ctx":          "ctx_",
	}
	for in, want := range cases {
		got := GoParam(in)
		assert.Equal(t, want, got, "GoParam(%q)", in)
		assert.True(t, token.IsIdentifier(got))
	}
}

func TestUnique(t *testing.T) {
	used := map[string]bool{"Item": true}
	assert.Equal(t, "Item2", Unique("Item", used))
	assert.Equal(t, "Item3", Unique("Item", used))
	assert.Equal(t, "Other", Unique("Other", used))
	assert.True(t, used["Item2"] && used["Item3"] && used["Other"])
}
