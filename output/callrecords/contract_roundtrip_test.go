package callrecords

// Hand-written tests of the generated package's public contract (gen
// never writes or removes files without its header, so this file is the
// user's): polymorphic decoding and encoding.

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/output/graph"
)

const polySegment = `{
  "@odata.type": "#microsoft.graph.callRecords.segment",
  "id": "seg-1",
  "startDateTime": "2020-05-19T08:30:00+02:00",
  "caller": {
    "@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
    "userAgent": {"@odata.type": "microsoft.graph.callRecords.clientUserAgent", "headerValue": "ua", "platform": "futurePlatform"},
    "identity": {"user": {"id": "u1", "displayName": "Ada"}}
  },
  "callee": {"@odata.type": "microsoft.graph.callRecords.serviceEndpoint"},
  "failureInfo": {"stage": "callSetup", "reason": "timeout"},
  "media": [{"label": "audio", "streams": [{"streamId": "s1", "packetUtilization": 9007199254740993, "wasMediaBypassed": false, "averagePacketLossRate": 0.25}]}]
}`

func TestPolymorphicRoundTrip(t *testing.T) {
	var s Segment
	require.NoError(t, json.Unmarshal([]byte(polySegment), &s))

	caller, ok := s.Caller.(*ParticipantEndpoint)
	require.True(t, ok, "caller is %T", s.Caller)
	ua, ok := caller.UserAgent.(*ClientUserAgent)
	require.True(t, ok, "userAgent is %T", caller.UserAgent)
	assert.Equal(t, ClientPlatform("futurePlatform"), ua.Platform)
	assert.False(t, ua.Platform.Known(), "futurePlatform is not among the members the test IR lists")
	assert.True(t, ClientPlatformWindows.Known())
	assert.Equal(t, "Ada", caller.Identity.User.DisplayName)
	_, ok = s.Callee.(*ServiceEndpoint)
	assert.True(t, ok, "callee is %T", s.Callee)
	assert.Equal(t, FailureStageCallSetup, s.FailureInfo.Stage)
	require.NotNil(t, s.StartDateTime)
	assert.True(t, s.StartDateTime.Equal(time.Date(2020, 5, 19, 6, 30, 0, 0, time.UTC)))
	require.Len(t, s.Media, 1)
	require.Len(t, s.Media[0].Streams, 1)
	assert.Equal(t, int64(9007199254740993), *s.Media[0].Streams[0].PacketUtilization)
	require.NotNil(t, s.Media[0].Streams[0].WasMediaBypassed, "false is told from absent")
	assert.False(t, *s.Media[0].Streams[0].WasMediaBypassed)
	assert.Nil(t, s.EndDateTime)

	// AnyEndpoint gives the common properties of any endpoint.
	assert.Equal(t, caller.UserAgent, s.Caller.AsEndpoint().UserAgent)
	// A callrecords.Segment is a graph.AnyEntity, across packages.
	var e graph.AnyEntity = &s
	assert.Equal(t, "seg-1", e.AsEntity().ID)

	out, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, polySegment, string(out), "decode then encode keeps everything")
}

func TestEncodeFillsODataType(t *testing.T) {
	s := Segment{ID: "x", Callee: &ParticipantEndpoint{UserAgent: &ClientUserAgent{HeaderValue: "h"}}}
	out, err := json.Marshal(s)
	require.NoError(t, err)
	assert.JSONEq(t, `{
	  "@odata.type": "#microsoft.graph.callRecords.segment",
	  "id": "x",
	  "callee": {
	    "@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
	    "userAgent": {"@odata.type": "#microsoft.graph.callRecords.clientUserAgent", "headerValue": "h"}
	  }
	}`, string(out))

	// A set @odata.type is kept as it is, without '#' too.
	out, err = json.Marshal(&Endpoint{ODataType: "microsoft.graph.callRecords.endpoint"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"@odata.type": "microsoft.graph.callRecords.endpoint"}`, string(out))
}

func TestDecodeAny(t *testing.T) {
	// No @odata.type: the base type, even when it is abstract.
	v, err := DecodeAnyUserAgent([]byte(`{"headerValue": "h"}`))
	require.NoError(t, err)
	assert.IsType(t, &UserAgent{}, v)

	v2, err := DecodeAnyEndpoint([]byte(`null`))
	require.NoError(t, err)
	assert.Nil(t, v2)

	_, err = DecodeAnyEndpoint([]byte(`{"@odata.type": "#microsoft.graph.callRecords.media"}`))
	assert.ErrorContains(t, err, "not microsoft.graph.callRecords.endpoint")

	// graph.DecodeAnyEntity finds callrecords.Segment through the registry.
	e, err := graph.DecodeAnyEntity([]byte(`{"@odata.type": "#microsoft.graph.callRecords.segment", "id": "s"}`))
	require.NoError(t, err)
	seg, ok := e.(*Segment)
	require.True(t, ok, "%T", e)
	assert.Equal(t, "s", seg.ID)

	var s Segment
	err = json.Unmarshal([]byte(`{"callee": {"@odata.type": "#microsoft.graph.nope"}}`), &s)
	assert.ErrorContains(t, err, "callee")
}

func TestOpenTypeKeepsDynamicProperties(t *testing.T) {
	const in = `{"@odata.type": "#microsoft.graph.callRecords.participantEndpoint",
	  "identity": {"user": {"id": "u1", "tenantId": "t1", "x@odata.bind": "y"}, "guest": {"displayName": "G", "nested": [1, {"a": null}]}}}`
	v, err := DecodeAnyEndpoint([]byte(in))
	require.NoError(t, err)
	p := v.(*ParticipantEndpoint)
	assert.Equal(t, json.RawMessage(`"t1"`), p.Identity.User.AdditionalProperties["tenantId"])
	require.Contains(t, p.Identity.AdditionalProperties, "guest")
	assert.NotContains(t, p.Identity.User.AdditionalProperties, "x@odata.bind", "an annotation is no dynamic property")
	out, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, strings.Replace(in, `, "x@odata.bind": "y"`, "", 1), string(out), "all but the annotation")

	// The handler accepts dynamic properties of open types, at any depth.
	svc := &recordingService{}
	rec, _ := serve(t, NewHandler(svc), "POST", segmentsPath, "application/json", `{"caller": `+in+`}`)
	require.Equal(t, 201, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `"tenantId":"t1"`)
	// ... but not on the declared types around them.
	rec, ge := serve(t, NewHandler(svc), "POST", segmentsPath, "application/json",
		`{"caller": {"@odata.type": "#microsoft.graph.callRecords.participantEndpoint", "tenantId": "t1"}}`)
	assert.Equal(t, 400, rec.Code)
	assert.Contains(t, ge.Error.Message, `unknown property "caller.tenantId"`)
}
