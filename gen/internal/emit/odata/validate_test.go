package odata

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"gen/gen/internal/scantest"
)

func init() {
	Register([]Type{
		{Name: "test.formats", Properties: []Property{
			{Name: "id", Type: "Edm.Guid"},
			{Name: "day", Type: "Edm.Date"},
			{Name: "at", Type: "Edm.TimeOfDay"},
			{Name: "length", Type: "Edm.Duration"},
			{Name: "ids", Type: "Edm.Guid", Collection: true},
			{Name: "inner", Type: "test.formats"},
		}},
	})
}

func TestIsDate(t *testing.T) {
	for _, s := range []string{"2020-01-31", "0001-01-01", "9999-12-31", "2020-02-29", "2000-02-29", "2021-04-30"} {
		assert.True(t, IsDate(s), s)
	}
	for _, s := range []string{"", "2020-1-01", "2020-01-1", "20-01-01", "2020/01/01", "2020-00-01", "2020-13-01", "2020-01-00",
		"2020-01-32", "2021-02-29", "1900-02-29", "2021-04-31", "2020-01-01T00:00:00Z", "+2020-01-01", "2020-0a-01", " 2020-01-01",
		"String (date)", "２０２０-01-01"} {
		assert.False(t, IsDate(s), s)
	}
}

func TestIsGUID(t *testing.T) {
	for _, s := range []string{"00000000-0000-0000-0000-000000000000", "0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2c", "0B5E4A2C-1F3D-4E6A-9B8C-7D6E5F4A3B2C", "0B5e4a2C-1f3D-4E6a-9b8C-7D6e5f4A3b2c"} {
		assert.True(t, IsGUID(s), s)
	}
	for _, s := range []string{"", "{0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2c}", "0b5e4a2c1f3d4e6a9b8c7d6e5f4a3b2c", "0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2", "0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2cc",
		"0b5e4a2c-1f3d-4e6a-9b8c_7d6e5f4a3b2c", "0b5e4a2g-1f3d-4e6a-9b8c-7d6e5f4a3b2c", "0b5e4a2c-1f3d4-e6a-9b8c-7d6e5f4a3b2c", "String (identifier)"} {
		assert.False(t, IsGUID(s), s)
	}
}

// TestIsBase64: what encoding/base64 decodes in the standard or the URL
// alphabet, padded or not.
func TestIsBase64(t *testing.T) {
	oracle := func(s string) bool {
		for _, e := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
			if _, err := e.DecodeString(s); err == nil {
				return true
			}
		}
		return false
	}
	cases := []string{"", "aGVsbG8=", "aGVsbG8", "aGVsbA==", "aGVsbA", "aGVsbA=", "aGVsbA===", "a0b1c76de9f7=", "base64Y3YxN2E1MWFlYw==",
		"-_-_", "+/+/", "ab+_", "a", "ab", "abc", "abcd", "ab=c", "=", "==", "a b=", "aGVs\nbG8=", "String (binary)", "ÿÿÿÿ"}
	pieces := []string{"a", "=", "+", "_", "-", "*"}
	for _, s := range append(cases, scantest.Samples(pieces, 5)...) {
		assert.Equal(t, oracle(s), IsBase64(s), "%q", s)
	}
	assert.Contains(t, PrimitiveProblem("a0b1c76de9f7=", "Edm.Binary"), "must be base64")
	assert.Empty(t, PrimitiveProblem("aGVsbG8=", "Edm.Binary"))
}

func TestIsTimeOfDay(t *testing.T) {
	for _, s := range []string{"00:00", "23:59", "13:30:00", "23:59:59", "08:00:00.5", "08:00:00.0000000", "23:59:59.999999999999"} {
		assert.True(t, IsTimeOfDay(s), s)
	}
	for _, s := range []string{"", "24:00", "24:00:00", "12:60", "12:00:60", "1:00", "12:0", "12:00:0", "12:00:00.", "12:00:00.1234567890123",
		"12:00:00Z", "12:00:00+01:00", "12:00.5", "12-00-00", "1200", "12:00:00.5a", "T12:00:00", "String (timeofday)"} {
		assert.False(t, IsTimeOfDay(s), s)
	}
}

func TestIsDuration(t *testing.T) {
	for _, s := range []string{"P1D", "PT1H", "PT1M", "PT1S", "PT0.5S", "P1DT2H", "P1DT2H3M4.25S", "PT36H", "P0D", "PT0S", "-P1D", "+PT1H", "P10DT30M", "PT1H1S", "PT100M"} {
		assert.True(t, IsDuration(s), s)
	}
	for _, s := range []string{"", "P", "PT", "-P", "P1DT", "P1Y", "P1M", "P1W", "P1Y2M3D", "1D", "pt1h", "PT1h", "PT.5S", "PT1.S", "PT1.5M", "P1.5D",
		"PT1S1M", "PT1M1H", "P1DT1HT1M", "P1D1D", "PTH", "P-1D", "--P1D", "PT1H ", " PT1H", "00:30:00", "String (duration)"} {
		assert.False(t, IsDuration(s), s)
	}
}

// TestValidateFormats: the Edm types held in strings are refused when the
// string is not of the type's form, as Edm.DateTimeOffset is.
func TestValidateFormats(t *testing.T) {
	checkValidation(t, "test.formats", map[string]string{
		`{"id": "0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2c", "day": "2020-02-29", "at": "13:30:00.0000000", "length": "P1DT2H", "ids": ["00000000-0000-0000-0000-000000000001"]}`: "",
		`{"id": null, "day": null, "at": null, "length": null}`:  "",
		`{"id": "String (identifier)"}`:                          `property "id" must be a GUID, 8-4-4-4-12 hexadecimal digits, such as 01234567-89ab-cdef-0123-456789abcdef, not "String (identifier)"`,
		`{"ids": ["00000000-0000-0000-0000-000000000001", "1"]}`: `element "ids[1]" must be a GUID`,
		`{"day": "2021-02-29"}`:                                  `property "day" must be a date, YYYY-MM-DD, such as 2020-01-31, not "2021-02-29"`,
		`{"inner": {"day": "2020-01-01T00:00:00Z"}}`:             `property "inner.day" must be a date, YYYY-MM-DD`,
		`{"at": "24:00:00"}`:                                     `property "at" must be a time of day, hh:mm[:ss[.fffffff]], such as 13:30:00, not "24:00:00"`,
		`{"length": "P1Y"}`:                                      `property "length" must be an ISO 8601 duration in days, hours, minutes and seconds, such as P1DT2H30M or PT0.5S, not "P1Y"`,
		`{"length": 30}`:                                         `property "length" must be a string`,
		`{"id": 1}`:                                              `property "id" must be a string`,
	})
	assert.NoError(t, Validate(decode(t, `["2020-01-01", "2020-12-31"]`), "Edm.Date", true))
	assert.ErrorContains(t, Validate(decode(t, `["2020-01-01", "2020-13-01"]`), "Edm.Date", true), `element "[1]" must be a date`)

	assert.Equal(t, "", FormatProblem("Edm.Guid", "00000000-0000-0000-0000-000000000001"))
	assert.Equal(t, "a GUID, 8-4-4-4-12 hexadecimal digits", FormatProblem("Edm.Guid", "x"))
	assert.Equal(t, "an RFC 3339 date and time", FormatProblem("Edm.DateTimeOffset", "2020-01-01"))
	// An offset no time.Time can encode would make the answer a 500.
	for _, s := range []string{"2020-01-01T00:00:00+24:00", "2020-01-01T00:00:00+23:60", "2020-01-01T00:00:00-24:00", "2020-01-01T00:00:00+01:60", "2020-01-01T00:00:00-00:60"} {
		assert.Equal(t, "an RFC 3339 date and time", FormatProblem("Edm.DateTimeOffset", s), s)
	}
	// time.Parse takes a one-digit hour; RFC 3339 does not.
	for _, s := range []string{"2020-01-01T1:00:00Z", "2020-01-01T01:00:00", "2020-1-01T01:00:00Z"} {
		assert.Equal(t, "an RFC 3339 date and time", FormatProblem("Edm.DateTimeOffset", s), s)
	}
	assert.Equal(t, "", FormatProblem("Edm.DateTimeOffset", "2020-01-01T00:00:00-23:59"))
	assert.Equal(t, "", FormatProblem("Edm.DateTimeOffset", "2020-01-01T00:00:00+05:30"))
	assert.Equal(t, "", FormatProblem("Edm.DateTimeOffset", "2020-01-01T00:00:00.1234567Z"))
	assert.Equal(t, "", FormatProblem("Edm.String", "anything"))
}

// TestValidateFirstError: of several offending members, the one whose name
// sorts first is reported, at every depth, whatever order the map gives
// them in.
func TestValidateFirstError(t *testing.T) {
	for body, want := range map[string]string{
		`{"z": 1, "y": 2, "n": "x", "b": 1, "a": 1}`:                              `unknown property "a"`,
		`{"tags": [1], "s": 1, "n": "1", "list": [{"zz": 1}]}`:                    `unknown property "list[0].zz"`,
		`{"tags": [1], "s": 1, "n": "1"}`:                                         `property "n" must be an integer`,
		`{"child": {"s": 1, "ok": 1, "k": 1}, "list": [{"n": "1"}], "any": null}`: `property "child.k" must be a string`,
		`{"child": {"@odata.type": "#test.derived", "n": 1}, "b": -1}`:            `range of Edm.Byte`,
		`{"child": {"@odata.type": "#test.derived", "n": 1}, "s": 1}`:             `unknown property "child.n"`,
		`{"list": [{}, {"tags": [null], "s": 1}, {"x": 1}]}`:                      `property "list[1].s" must be a string`,
		`{"list": [{}, {"tags": ["a", null]}, {"x": 1}]}`:                         `"list[1].tags[1]" is null`,
	} {
		for range 20 {
			err := Validate(decode(t, body), "test.base", false)
			var ve *ValidationError
			require.True(t, errors.As(err, &ve), "%s: %v", body, err)
			require.Contains(t, ve.Message, want, body)
		}
	}
	// A member of an unregistered type reports the schema, as it did when
	// it came first.
	Register([]Type{{Name: "test.firstError", Properties: []Property{{Name: "a", Type: "test.nowhere"}, {Name: "b", Type: "Edm.Int32"}}}})
	for range 20 {
		err := Validate(decode(t, `{"b": "x", "a": {}}`), "test.firstError", false)
		require.Error(t, err)
		require.False(t, errors.As(err, new(*ValidationError)), "%v", err)
	}
}

// TestValidatePaths: the paths of errors at any depth, and in a collection
// body.
func TestValidatePaths(t *testing.T) {
	for body, want := range map[string]string{
		`[{}, {"list": [{}, {}, {"child": {"nope": 1}}]}]`: "[1].list[2].child.nope",
		`[{"tags": ["a", 2]}]`:                             "[0].tags[1]",
		`[{"@odata.type": 1}]`:                             "[0].@odata.type",
		`[{}, []]`:                                         "[1]",
	} {
		err := Validate(decode(t, body), "test.base", true)
		var ve *ValidationError
		require.True(t, errors.As(err, &ve), "%s: %v", body, err)
		assert.Equal(t, want, ve.Path, body)
		assert.Contains(t, ve.Message, `"`+want+`"`, body)
	}
	err := Validate(decode(t, `{"@odata.type": 1}`), "test.base", false)
	var ve *ValidationError
	require.True(t, errors.As(err, &ve))
	assert.Equal(t, "@odata.type", ve.Path)
}

// TestValidateAllocs: a valid body costs no allocation, however many
// elements and members it has; paths are spelled out only for an error.
func TestValidateAllocs(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"s": "x", "n": 1, "t": "2020-01-01T00:00:00Z", "child": {"list": [`)
	for i := range 100 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"s": "%d", "tags": ["a", "b"], "kinds": ["k"], "child": {"@odata.type": "#test.derived", "extra": "e"}}`, i)
	}
	b.WriteString(`]}}`)
	v := decode(t, b.String())
	require.NoError(t, Validate(v, "test.base", false))
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = Validate(v, "test.base", false) }))
	f := decode(t, `{"id": "0b5e4a2c-1f3d-4e6a-9b8c-7d6e5f4a3b2c", "day": "2020-02-29", "at": "13:30", "length": "PT0.5S"}`)
	require.NoError(t, Validate(f, "test.formats", false))
	assert.Zero(t, testing.AllocsPerRun(10, func() { _ = Validate(f, "test.formats", false) }))
}

// TestRegisterConcurrent: Lookup takes no lock, and a Register from
// another goroutine (a package's init, a test) is seen whole or not at
// all. Run with -race.
func TestRegisterConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for j := range 50 {
				Register([]Type{{Name: fmt.Sprintf("test.concurrent%d.%d", i, j), Properties: []Property{{Name: "p", Type: "Edm.String"}}}})
			}
		})
		wg.Go(func() {
			for range 200 {
				if tp := Lookup("test.base"); tp == nil || tp.Property("s") == nil {
					t.Error("test.base went missing")
					return
				}
				if tp := Lookup(fmt.Sprintf("test.concurrent%d.0", i)); tp != nil && tp.Property("p") == nil {
					t.Error("a type was seen before its properties")
					return
				}
			}
		})
	}
	wg.Wait()
	for i := range 4 {
		for j := range 50 {
			require.NotNil(t, Lookup(fmt.Sprintf("test.concurrent%d.%d", i, j)))
		}
	}
	// A Register that panics on a name registered before adds none of its
	// types.
	assert.Panics(t, func() { Register([]Type{{Name: "test.fresh"}, {Name: "test.base"}}) })
	assert.Nil(t, Lookup("test.fresh"))
	assert.Panics(t, func() { Register([]Type{{Name: "test.twice"}, {Name: "test.twice"}}) }, "twice in one call")
	assert.Nil(t, Lookup("test.twice"))
}

// TestCodeForStatus: a status with no Graph code of its own gets the
// status text in lower camel case, not badRequest.
func TestCodeForStatus(t *testing.T) {
	for status, want := range map[int]string{
		400: "badRequest", 401: "unauthenticated", 403: "accessDenied", 404: "notFound", 500: "internalServerError", 503: "serviceUnavailable",
		402: "paymentRequired", 410: "gone", 414: "requestUriTooLong", 418: "imATeapot", 422: "unprocessableEntity", 451: "unavailableForLegalReasons",
		502: "badGateway", 504: "gatewayTimeout", 505: "httpVersionNotSupported",
		499: "badRequest", 599: "internalServerError", // no status text
	} {
		assert.Equal(t, want, CodeForStatus(status), status)
	}
	rec := httptest.NewRecorder()
	WriteServiceError(rec, teapot{})
	assert.Equal(t, http.StatusTeapot, rec.Code)
	assert.Equal(t, errorDetail{Code: "imATeapot", Message: "I'm a teapot"}, errorBodyOf(t, rec))
}

// teapot is a StatusError that leaves the code to the status.
type teapot struct{}

func (teapot) Error() string                     { return "teapot" }
func (teapot) GraphError() (int, string, string) { return http.StatusTeapot, "", "" }

// TestPrimitiveProblem: PrimitiveProblem is what Validate says of a value,
// after its name, and nothing for a value Validate takes.
func TestPrimitiveProblem(t *testing.T) {
	for _, tc := range []struct {
		v    any
		edm  string
		want string
	}{
		{"2020-02-30", "Edm.Date", `must be a date, YYYY-MM-DD, such as 2020-01-31, not "2020-02-30"`},
		{json.Number("40000"), "Edm.Int16", "must be an integer in the range of Edm.Int16, not 40000"},
		{"5", "Edm.Int32", "must be an integer"},
		{true, "Edm.String", "must be a string"},
		{5.0, "Edm.DateTimeOffset", "must be an RFC 3339 date and time string"},
		{json.Number("1e400"), "Edm.Double", "must be a number in the range of Edm.Double, not 1e400"},
		{json.Number("32767"), "Edm.Int16", ""},
		{json.Number("-0"), "Edm.Byte", "must be an integer in the range of Edm.Byte, not -0"},
		{json.Number("-0"), "Edm.SByte", ""},
		{json.Number("255"), "Edm.Byte", ""},
		{[]any{}, "Edm.Untyped", ""},
	} {
		assert.Equal(t, tc.want, PrimitiveProblem(tc.v, tc.edm), "%v %s", tc.v, tc.edm)
		err := Validate(tc.v, tc.edm, false)
		if tc.want == "" {
			assert.NoError(t, err)
			continue
		}
		assert.EqualError(t, err, "the request body "+tc.want)
	}
}
