package naming

import (
	"fmt"
	"go/token"
	"strings"
	"sync"
	"sync/atomic"
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
		// Letters of any script are kept; one without case needs a prefix.
		"größe":         "Größe",
		"maximaleGröße": "MaximaleGröße",
		"élan":          "Élan",
		"名前":            "X名前",
		"ǅemal":         "Ǆemal", // a title-case letter is upper-cased
		"x²":            "X",     // ² is a number, not a digit Go allows
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
		"größe":        "größe",
		"Élan":         "élan",
		"名前":           "x名前",
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

// TestMemo asks a memo for many names from several goroutines at once: every
// answer is f's, and every name ends up in the snapshot or the recent map.
func TestMemo(t *testing.T) {
	calls := atomic.Int64{}
	m := newMemo(func(s string) string { calls.Add(1); return strings.ToUpper(s) })
	names := make([]string, 1000)
	for i := range names {
		names[i] = fmt.Sprintf("name%d", i)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 3; round++ {
				for _, n := range names {
					if got := m.get(n); got != strings.ToUpper(n) {
						t.Errorf("get(%q) = %q", n, got)
					}
				}
			}
		}()
	}
	wg.Wait()
	known := map[string]bool{}
	for n := range m.recent {
		known[n] = true
	}
	if s := m.snapshot.Load(); s != nil {
		for n := range *s {
			known[n] = true
		}
	}
	assert.Len(t, known, len(names))
	assert.LessOrEqual(t, calls.Load(), int64(4*len(names)), "each goroutine computes a name at most once")
}

func TestGenericPlaceholder(t *testing.T) {
	for name, want := range map[string]bool{
		"id": true, "Id": true, "id1": true, "id2": true, "idOrName": true, "undefined": true,
		"identity": false, "siteId": false, "idOrUserPrincipalName": false, "n": false,
	} {
		assert.Equal(t, want, GenericPlaceholder(name), name)
	}
}
