package emit

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFillPlaceholdersSeed(t *testing.T) {
	p := buildCallRecords()
	seg := p.Lookup(nsCR + ".segment")
	req, err := FillPlaceholders([]byte(seedRequest), seg, p)
	require.NoError(t, err)
	resp, err := FillPlaceholders([]byte(seedResponse), seg, p)
	require.NoError(t, err)

	assert.NotContains(t, string(req), "String (timestamp)")
	assert.Contains(t, string(req), `"endDateTime": "2020-01-01T00:00:00Z"`)
	// Key order is kept: the seed lists callee before caller.
	assert.Less(t, strings.Index(string(req), `"callee"`), strings.Index(string(req), `"caller"`))
	// The same placeholder gets the same value in request and response.
	var rq, rs map[string]any
	require.NoError(t, json.Unmarshal(req, &rq))
	require.NoError(t, json.Unmarshal(resp, &rs))
	assert.Equal(t, rq["startDateTime"], rs["startDateTime"])
	// Real values stay.
	assert.Equal(t, "e7eaf109-f109-e7ea-09f1-eae709f1eae7", rs["id"])
	// Untouched input formats the same way twice.
	again, err := FillPlaceholders(req, seg, p)
	require.NoError(t, err)
	assert.Equal(t, string(req), string(again))
}

func TestFillPlaceholdersTypes(t *testing.T) {
	p := buildCallRecords()
	media := p.Lookup(nsCR + ".media")
	in := `{"label": "Contoso (Europe)", "streams": [{
	  "streamId": "String",
	  "startDateTime": "DateTimeOffset",
	  "streamDirection": "String (enum)",
	  "averageJitter": "String (duration)",
	  "averagePacketLossRate": "Single",
	  "packetUtilization": "Int64 (count)",
	  "wasMediaBypassed": "false",
	  "averageRoundTripTime": "PT1.5S",
	  "unknownThing": "Int32"
	}, {"wasMediaBypassed": "Boolean"}]}`
	out, err := FillPlaceholders([]byte(in), media, p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"label": "Contoso (Europe)", "streams": [{
	  "streamId": "string",
	  "startDateTime": "2020-01-01T00:00:00Z",
	  "streamDirection": "callerToCallee",
	  "averageJitter": "PT1S",
	  "averagePacketLossRate": 1.5,
	  "packetUtilization": 1,
	  "wasMediaBypassed": false,
	  "averageRoundTripTime": "PT1.5S",
	  "unknownThing": "Int32"
	}, {"wasMediaBypassed": true}]}`, string(out))
}

func TestFillPlaceholdersODataType(t *testing.T) {
	p := buildCallRecords()
	seg := p.Lookup(nsCR + ".segment")
	// caller is declared as endpoint; its @odata.type makes it a
	// participantEndpoint, whose identity.user.id is a string.
	in := `{"caller": {"@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
	  "identity": {"user": {"id": "String (identifier)"}},
	  "userAgent": {"@odata.type": "microsoft.graph.callRecords.clientUserAgent", "platform": "String"}}}`
	out, err := FillPlaceholders([]byte(in), seg, p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"caller": {"@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
	  "identity": {"user": {"id": "string"}},
	  "userAgent": {"@odata.type": "microsoft.graph.callRecords.clientUserAgent", "platform": "unknown"}}}`, string(out))
}

func TestFillPlaceholdersCollections(t *testing.T) {
	p := buildShapes()
	item := p.Lookup(nsGraph + ".driveItem")
	out, err := FillPlaceholders([]byte(`{"@odata.context": "String", "value": [{"size": "Int64"}, {"@odata.type": "#microsoft.graph.folder", "childCount": "Int32"}]}`), item, p)
	require.NoError(t, err)
	assert.JSONEq(t, `{"@odata.context": "String", "value": [{"size": 1}, {"@odata.type": "#microsoft.graph.folder", "childCount": 1}]}`, string(out))

	out, err = FillPlaceholders([]byte(`[{"tags": ["String", "real"]}]`), item, p)
	require.NoError(t, err)
	assert.JSONEq(t, `[{"tags": ["string", "real"]}]`, string(out))

	// Without a type nothing is known about the properties.
	out, err = FillPlaceholders([]byte(`{"a": "Int32", "b": 1e400, "c": "<&>"}`), nil, p)
	require.NoError(t, err)
	assert.Equal(t, "{\n  \"a\": \"Int32\",\n  \"b\": 1e400,\n  \"c\": \"<&>\"\n}", string(out), "numbers and characters are kept as written")
}

func TestFillPlaceholdersErrors(t *testing.T) {
	for _, in := range []string{``, `{`, `{"a": 1} x`, `HTTP/1.1 200 OK`} {
		_, err := FillPlaceholders([]byte(in), nil, nil)
		assert.Error(t, err, "%q", in)
	}
}

func TestIsPlaceholder(t *testing.T) {
	for s, want := range map[string]bool{
		"String": true, "String (timestamp)": true, "Edm.Guid": true, "Int32 (count)": true, "DateTimeOffset": true,
		"Contoso (Europe)": false, "string": false, "1": false, "": false, "String (": false,
	} {
		assert.Equal(t, want, isPlaceholder(s), s)
	}
}
