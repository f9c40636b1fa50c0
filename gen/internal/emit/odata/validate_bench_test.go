package odata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
)

// The benchmarks' own types, so that they do not change with the tests'.
func init() {
	Register([]Type{
		{Name: "bench.status", Enum: true},
		{Name: "bench.entity", Abstract: true, Properties: []Property{{Name: "id", Type: "Edm.Guid"}}},
		{Name: "bench.event", Ancestors: []string{"bench.entity"}, Properties: []Property{
			{Name: "id", Type: "Edm.Guid"},
			{Name: "subject", Type: "Edm.String"},
			{Name: "start", Type: "Edm.DateTimeOffset"},
			{Name: "day", Type: "Edm.Date"},
			{Name: "at", Type: "Edm.TimeOfDay"},
			{Name: "length", Type: "Edm.Duration"},
			{Name: "reminderMinutesBeforeStart", Type: "Edm.Int32"},
			{Name: "size", Type: "Edm.Int64"},
			{Name: "ratio", Type: "Edm.Double"},
			{Name: "isOnline", Type: "Edm.Boolean"},
			{Name: "status", Type: "bench.status"},
			{Name: "categories", Type: "Edm.String", Collection: true},
			{Name: "attendees", Type: "bench.attendee", Collection: true},
			{Name: "location", Type: "bench.location"},
		}},
		{Name: "bench.attendee", Properties: []Property{
			{Name: "type", Type: "bench.status"},
			{Name: "emailAddress", Type: "bench.emailAddress"},
			{Name: "status", Type: "bench.response"},
		}},
		{Name: "bench.emailAddress", Properties: []Property{{Name: "address", Type: "Edm.String"}, {Name: "name", Type: "Edm.String"}}},
		{Name: "bench.response", Properties: []Property{{Name: "response", Type: "bench.status"}, {Name: "time", Type: "Edm.DateTimeOffset"}}},
		{Name: "bench.location", Open: true, Properties: []Property{{Name: "displayName", Type: "Edm.String"}, {Name: "uniqueId", Type: "Edm.String"}}},
		{Name: "bench.list", Properties: []Property{{Name: "values", Type: "Edm.String", Collection: true}}},
	})
}

// benchEvent is a typical entity body of some 4 KB: an event with 20
// attendees, nested three deep.
func benchEvent() []byte {
	var sb strings.Builder
	sb.WriteString(`{"@odata.type": "#bench.event", "id": "0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2c", "subject": "Review", ` +
		`"day": "2020-01-01", "at": "10:30:00", "length": "PT1H30M", "size": 12345678901, "ratio": 0.75, "status": "busy", "attendees": [`)
	for i := range 20 {
		if i > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, `{"type": "required", "emailAddress": {"address": "user%d@contoso.com", "name": "User %d"}, "status": {"response": "none", "time": "2020-01-01T00:00:00Z"}}`, i, i)
	}
	sb.WriteString(`], "start": "2020-01-01T10:00:00Z", "location": {"displayName": "Room 1", "floor": 3}, "isOnline": true, "reminderMinutesBeforeStart": 15, "categories": ["a", "b"]}`)
	return []byte(sb.String())
}

// benchList is a body of 4 MiB: a collection of 1,048,576 one-letter
// strings.
func benchList() []byte {
	const n = 1 << 20
	var b bytes.Buffer
	b.Grow(4*n + 16)
	b.WriteString(`{"values": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"a"`)
	}
	b.WriteString(`]}`)
	return b.Bytes()
}

func decodeBench(b *testing.B, data []byte) any {
	b.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		b.Fatal(err)
	}
	return v
}

// BenchmarkValidateEntity validates a typical nested entity body, decoded
// once; "decode" is the generic decode ReadBody does before, for scale.
func BenchmarkValidateEntity(b *testing.B) {
	benchValidate(b, benchEvent(), "bench.entity")
}

// BenchmarkValidateLargeCollection validates a 4 MiB body holding a
// collection of a million strings.
func BenchmarkValidateLargeCollection(b *testing.B) {
	benchValidate(b, benchList(), "bench.list")
}

func benchValidate(b *testing.B, data []byte, typeName string) {
	v := decodeBench(b, data)
	if err := Validate(v, typeName, false); err != nil {
		b.Fatal(err)
	}
	b.Run("validate", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if err := Validate(v, typeName, false); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			decodeBench(b, data)
		}
	})
	b.Run("ReadBody", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			r := httptest.NewRequest("POST", "/", bytes.NewReader(data))
			r.Header.Set("Content-Type", "application/json")
			if _, ok := ReadBody(httptest.NewRecorder(), r, 8<<20, typeName, false); !ok {
				b.Fatal("refused")
			}
		}
	})
}

// BenchmarkLookupParallel looks types up from every P at once, as the
// handlers of concurrent requests do.
func BenchmarkLookupParallel(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if Lookup("bench.attendee") == nil {
				b.Fatal("not registered")
			}
		}
	})
}
