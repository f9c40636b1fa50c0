package odata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ValidationError is a request body that does not match the schema. Path
// names the offending value, for example "callee.foo" or "media[0].label";
// it is empty for the body itself.
type ValidationError struct {
	Path    string
	Message string
}

func (e *ValidationError) Error() string { return e.Message }

// Validate checks a JSON value decoded into any (objects as map[string]any,
// arrays as []any, numbers as json.Number or float64) against the registered
// type with the qualified name, or against a collection of it. It rejects
// properties the type does not declare at any depth (instance annotations,
// keys containing "@", are allowed, but for x@odata.bind, which must bind a
// relationship x of the type to one link, or a collection to an array of
// them), values of the wrong JSON kind,
// strings not of the form of their Edm type (an Edm.DateTimeOffset that is
// not RFC 3339, an Edm.Date, Edm.Guid, Edm.TimeOfDay or Edm.Duration that is
// not as OData writes it), integers out of range and an
// @odata.type that is neither the expected type nor derived from it. Enum
// values are not checked against the members, so that members added to the
// service later are accepted. JSON null is accepted as the value of a
// property (a client clears a property so) but not as an element of a
// collection, which the Go slice holding it would turn into a zero value
// ("" or an empty struct) without a word; only a collection of an Edm type
// gen keeps as raw JSON (Edm.Untyped) may hold null.
//
// An open type takes properties it does not declare, but not one whose name
// differs from a declared one only in letter case: Go's decoding would put
// its value in the declared property.
//
// Validate sees the decoded value, in which a repeated member name has
// already lost all but its last value: ReadBody refuses those with
// DuplicateKey before it validates.
//
// Validate returns a *ValidationError for a bad value, and another error
// when the schema itself is incomplete.
func Validate(v any, typeName string, collection bool) error {
	return validate(v, nil, typeName, collection)
}

// validatePatch is Validate for the body of a PATCH, a partial update: an
// object of an abstract type may leave out its @odata.type, since the
// object it changes has one; the properties of the abstract type are
// checked. (A derived type's own properties need the derived type named.)
func validatePatch(v any, typeName string, collection bool) error {
	if t := Lookup(typeName); t != nil && t.Abstract && !collection {
		if obj, ok := v.(map[string]any); ok {
			if _, named := obj["@odata.type"]; !named {
				partial := *t
				partial.Abstract = false
				return validateValue(v, nil, typeName, &partial)
			}
		}
	}
	return Validate(v, typeName, collection)
}

// loc is where a value is in the body: the member key of the object at
// parent, or the element index (index >= 0) of the array at parent; nil is
// the body itself. Validate keeps the path so, on the stack, and spells it
// out only to report an error: a valid body costs no allocation.
type loc struct {
	parent *loc
	key    string
	index  int
}

// String is the path of l, such as "media[0].label"; "" for the body.
func (l *loc) String() string {
	return string(l.appendPath(nil))
}

func (l *loc) appendPath(b []byte) []byte {
	if l == nil {
		return b
	}
	b = l.parent.appendPath(b)
	switch {
	case l.index >= 0:
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(l.index), 10)
		return append(b, ']')
	case len(b) > 0:
		return append(append(b, '.'), l.key...)
	}
	return append(b, l.key...)
}

func validate(v any, at *loc, typeName string, collection bool) error {
	if v == nil {
		return nil
	}
	if !collection {
		return validateValue(v, at, typeName, nil)
	}
	arr, ok := v.([]any)
	if !ok {
		return kindError(at, "a JSON array")
	}
	// One location for every element, and the type looked up once.
	elem := loc{parent: at}
	var t *Type
	for i, e := range arr {
		elem.index = i
		if e == nil {
			if Untyped(typeName) {
				continue
			}
			p := elem.String()
			return &ValidationError{Path: p, Message: fmt.Sprintf("%q is null: a collection of %s holds no null elements", p, typeName)}
		}
		if err := validateValue(e, &elem, typeName, t); err != nil {
			return err
		}
		if t == nil && !strings.HasPrefix(typeName, "Edm.") {
			t = Lookup(typeName) // registered, or validateValue had failed
		}
	}
	return nil
}

// validateValue checks v, which is not nil, against the type named
// typeName; t is that type when the caller has looked it up, else nil.
func validateValue(v any, at *loc, typeName string, t *Type) error {
	if t == nil {
		if strings.HasPrefix(typeName, "Edm.") {
			return checkPrimitive(v, at, typeName)
		}
		if t = Lookup(typeName); t == nil {
			return fmt.Errorf("odata: no schema registered for %s", typeName)
		}
	}
	if t.Enum {
		if _, ok := v.(string); !ok {
			return kindError(at, "a string")
		}
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return kindError(at, "a JSON object")
	}
	// encoding/json would take "@ODATA.TYPE" for @odata.type. Of several
	// such names, the one sorting first is reported, whatever the map's
	// order.
	odd := ""
	for k := range obj {
		if k != "@odata.type" && strings.EqualFold(k, "@odata.type") && (odd == "" || k < odd) {
			odd = k
		}
	}
	if odd != "" {
		p := (&loc{parent: at, key: odd, index: -1}).String()
		return &ValidationError{Path: p, Message: fmt.Sprintf("%q is @odata.type in other letter case: annotation names are case-sensitive", p)}
	}
	if raw, ok := obj["@odata.type"]; ok && t.Request {
		if _, ok := raw.(string); !ok {
			p := (&loc{parent: at, key: "@odata.type", index: -1}).String()
			return &ValidationError{Path: p, Message: fmt.Sprintf("%q must be a string", p)}
		}
	} else if ok {
		name, ok := raw.(string)
		if !ok {
			p := (&loc{parent: at, key: "@odata.type", index: -1}).String()
			return &ValidationError{Path: p, Message: fmt.Sprintf("%q must be a string", p)}
		}
		actual := Lookup(strings.TrimPrefix(name, "#"))
		if actual == nil || actual.Enum || !actual.DerivesFrom(t.Name) {
			p := at.String()
			return &ValidationError{Path: p, Message: fmt.Sprintf("%s has @odata.type %q, which is not %s or a type derived from it", describe(p), name, t.Name)}
		}
		if actual.Abstract {
			p := at.String()
			return &ValidationError{Path: p, Message: fmt.Sprintf("%s has @odata.type %q, which is abstract: name the type derived from it", describe(p), name)}
		}
		t = actual
	} else if t.Abstract {
		p := at.String()
		return &ValidationError{Path: p, Message: fmt.Sprintf("%s is of the abstract type %s: name the type derived from it in @odata.type", describe(p), t.Name)}
	}
	if t.Request {
		if err := sameParameterTwice(at, obj); err != nil {
			return err
		}
	}
	// The error reported is that of the first offending member in the
	// order of names, as if they were checked sorted; the members are
	// checked in the map's order, which costs no sort, and once one has
	// failed, only members whose names sort before it are checked.
	var (
		first    error
		firstKey string
	)
	member := loc{parent: at, index: -1}
	for k, val := range obj {
		if first != nil && k > firstKey {
			continue
		}
		member.key = k
		if strings.Contains(k, "@") {
			// An annotation, such as @odata.type or @odata.etag; of those,
			// x@odata.bind links the property x to existing entities.
			if name, ok := strings.CutSuffix(k, "@odata.bind"); ok && name != "" {
				if err := validateBind(t, &member, name, val); err != nil {
					first, firstKey = err, k
				}
			}
			continue
		}
		if err := validateMember(t, &member, val); err != nil {
			first, firstKey = err, k
		}
	}
	return first
}

// validateBind checks the member at, "name@odata.bind", of an object of
// type t: name must be a property of t (any name, of an open type) whose
// type is neither primitive nor an enum, as a bind links entities; and the
// value a link (a non-empty string) or, for a collection (or a name an
// open type does not declare), an array of links.
func validateBind(t *Type, at *loc, name string, v any) error {
	p := t.member(name)
	if p == nil {
		if t.Open {
			// Any name: the value still links, one entity or several.
			if IsLink(v) || IsLinks(v) {
				return nil
			}
			path := at.String()
			return &ValidationError{Path: path, Message: fmt.Sprintf("%q must be a link (a non-empty string) or a JSON array of links", path)}
		}
		path := at.String()
		what := "a property of " + t.Name
		if t.Request {
			what = "a parameter" // the type is the handler's, not the docs'
		}
		return &ValidationError{Path: path, Message: fmt.Sprintf("%q binds %q, which is not %s", path, name, what)}
	}
	if !bindable(p.Type) {
		path := at.String()
		return &ValidationError{Path: path, Message: fmt.Sprintf("%q binds %s, which is of type %s: only a relationship is bound", path, name, p.Type)}
	}
	if !p.Collection {
		if !IsLink(v) {
			path := at.String()
			return &ValidationError{Path: path, Message: fmt.Sprintf("%q must be a link (a non-empty string): %s is single-valued", path, name)}
		}
		return nil
	}
	links, ok := v.([]any)
	if !ok {
		path := at.String()
		return &ValidationError{Path: path, Message: fmt.Sprintf("%q must be a JSON array of links: %s is a collection", path, name)}
	}
	for i, l := range links {
		if !IsLink(l) {
			path := (&loc{parent: at, index: i}).String()
			return &ValidationError{Path: path, Message: fmt.Sprintf("element %q must be a link (a non-empty string)", path)}
		}
	}
	return nil
}

// bindable reports whether a property of the qualified type name may be
// bound with x@odata.bind: not a primitive or an enum.
func bindable(name string) bool {
	if strings.HasPrefix(name, "Edm.") {
		return false
	}
	t := Lookup(name)
	return t == nil || !t.Enum
}

// IsLink reports whether v, a decoded JSON value, is what @odata.bind
// takes for one entity: a URL or a path, a non-empty string.
func IsLink(v any) bool {
	s, ok := v.(string)
	return ok && s != ""
}

// IsLinks reports whether v, a decoded JSON value, is an array of links.
func IsLinks(v any) bool {
	links, ok := v.([]any)
	for _, l := range links {
		ok = ok && IsLink(l)
	}
	return ok
}

// sameParameterTwice refuses an object of an action's parameters that
// names one twice in different letter case ("Message" and "message"): the
// handler matches them regardless of case, so which value counts would
// depend on their order. Of several, the pair sorting first is reported.
func sameParameterTwice(at *loc, obj map[string]any) error {
	seen := make(map[string]string, len(obj))
	var a, b string
	for k := range obj {
		if strings.Contains(k, "@") {
			continue
		}
		f := foldName(k)
		prev, ok := seen[f]
		if !ok {
			seen[f] = k
			continue
		}
		x, y := min(prev, k), max(prev, k)
		if a == "" || x < a || x == a && y < b {
			a, b = x, y
		}
		seen[f] = min(prev, k)
	}
	if a == "" {
		return nil
	}
	p := (&loc{parent: at, key: a, index: -1}).String()
	return &ValidationError{Path: p, Message: fmt.Sprintf("parameter %q is also sent as %q: parameters match regardless of case", p, b)}
}

// validateMember checks the member at of an object of type t, whose value
// is v.
func validateMember(t *Type, at *loc, v any) error {
	p := t.member(at.key)
	if p == nil {
		if !t.Open {
			path := at.String()
			return &ValidationError{Path: path, Message: fmt.Sprintf("unknown property %q", path)}
		}
		// A dynamic property, unless encoding/json, which matches names
		// regardless of case, would decode it into a declared one.
		if d := t.propertyFold(at.key); d != nil {
			path := at.String()
			return &ValidationError{Path: path, Message: fmt.Sprintf("property %q differs from the declared property %q only in letter case", path, d.Name)}
		}
		return nil
	}
	return validate(v, at, p.Type, p.Collection)
}

// IsDateTime reports whether s is an RFC 3339 date and time, as
// Edm.DateTimeOffset values are. Go's parser also takes a comma before the
// fraction, which RFC 3339 does not.
func IsDateTime(s string) bool {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil || strings.ContainsRune(s, ',') || !twoDigitFields(s) {
		return false
	}
	// time.Parse takes an offset of +24:00 or +23:60, which no time.Time
	// encodes (the answer would fail with a 500), and a minute of 60 in
	// any offset, which RFC 3339 does not: +01:60 would be read as +02:00.
	if n := len(s); s[n-1] != 'Z' && s[n-2] > '5' {
		return false
	}
	_, offset := t.Zone()
	return offset > -24*60*60 && offset < 24*60*60
}

// twoDigitFields reports whether s, which time.Parse took as RFC 3339,
// writes its date and time fields with every digit RFC 3339 asks for:
// time.Parse also takes a one-digit hour ("T1:00:00Z").
func twoDigitFields(s string) bool {
	if len(s) < len("2006-01-02T15:04:05Z") {
		return false
	}
	for i, c := range s[:19] {
		switch i {
		case 4, 7:
			if c != '-' {
				return false
			}
		case 10:
			if c != 'T' {
				return false
			}
		case 13, 16:
			if c != ':' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// Untyped reports whether typeName is an Edm type gen does not know
// (Edm.Untyped, geography types), whose values the generated code keeps as
// raw JSON: any value fits, null included.
func Untyped(typeName string) bool {
	// checkPrimitive is the one list of the Edm types gen knows: every one
	// of them refuses a JSON array, which an untyped value may be.
	return strings.HasPrefix(typeName, "Edm.") && checkPrimitive([]any{}, nil, typeName) == nil
}

// checkPrimitive checks a value of an Edm type. Untyped Edm types accept any
// value.
func checkPrimitive(v any, at *loc, edm string) error {
	if problem := PrimitiveProblem(v, edm); problem != "" {
		p := at.String()
		return &ValidationError{Path: p, Message: describe(p) + " " + problem}
	}
	return nil
}

// PrimitiveProblem says why v, a JSON value decoded as Validate takes it
// (numbers as json.Number or float64), is not a value of the Edm type edm,
// in the words Validate puts after the value's name: "must be an integer in
// the range of Edm.Int16, not 40000". It returns "" when v is one, and for
// an Edm type gen keeps as raw JSON (see Untyped). gen's docs linter judges
// example values with it, so that it reports those the handler refuses.
func PrimitiveProblem(v any, edm string) string {
	switch edm {
	case "Edm.String", "Edm.Stream":
		if _, ok := v.(string); !ok {
			return "must be a string"
		}
	case "Edm.Guid", "Edm.Date", "Edm.TimeOfDay", "Edm.Duration", "Edm.DateTimeOffset", "Edm.Binary":
		s, ok := v.(string)
		f := formatOf(edm)
		if !ok {
			return "must be " + f.kind
		}
		if !f.valid(s) {
			return fmt.Sprintf("must be %s, such as %s, not %q", f.what, f.example, s)
		}
	case "Edm.Boolean":
		if _, ok := v.(bool); !ok {
			return "must be a boolean"
		}
	case "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64":
		n, ok := number(v)
		if !ok {
			return "must be an integer"
		}
		lo, hi := IntRange(edm)
		i, err := strconv.ParseInt(n, 10, 64)
		// "-0" is 0, but not to encoding/json decoding an unsigned Byte.
		if err != nil || i < lo || i > hi || lo == 0 && strings.HasPrefix(n, "-") {
			return fmt.Sprintf("must be an integer in the range of %s, not %s", edm, n)
		}
	case "Edm.Double", "Edm.Single", "Edm.Decimal":
		n, ok := number(v)
		if !ok {
			return "must be a number"
		}
		bits := 64
		if edm == "Edm.Single" {
			bits = 32
		}
		if _, err := strconv.ParseFloat(n, bits); err != nil {
			return fmt.Sprintf("must be a number in the range of %s, not %s", edm, n)
		}
	}
	return ""
}

// format is the lexical form of the values of an Edm type held in a JSON
// string.
type format struct {
	valid   func(string) bool
	kind    string // for a value that is no string: "an RFC 3339 date and time string"
	what    string // "an RFC 3339 date and time"
	example string
}

var (
	dateTimeFormat  = format{IsDateTime, "an RFC 3339 date and time string", "an RFC 3339 date and time", "2020-01-01T00:00:00Z"}
	dateFormat      = format{IsDate, "a string", "a date, YYYY-MM-DD", "2020-01-31"}
	guidFormat      = format{IsGUID, "a string", "a GUID, 8-4-4-4-12 hexadecimal digits", "01234567-89ab-cdef-0123-456789abcdef"}
	timeOfDayFormat = format{IsTimeOfDay, "a string", "a time of day, hh:mm[:ss[.fffffff]]", "13:30:00"}
	durationFormat  = format{IsDuration, "a string", "an ISO 8601 duration in days, hours, minutes and seconds", "P1DT2H30M or PT0.5S"}
	binaryFormat    = format{IsBase64, "a string", "base64 (or base64url) text", "aGVsbG8="}
)

// formatOf returns the format of the values of the Edm type edm, or nil
// when it has none beyond being a string, or is no string.
func formatOf(edm string) *format {
	switch edm {
	case "Edm.DateTimeOffset":
		return &dateTimeFormat
	case "Edm.Date":
		return &dateFormat
	case "Edm.Guid":
		return &guidFormat
	case "Edm.TimeOfDay":
		return &timeOfDayFormat
	case "Edm.Duration":
		return &durationFormat
	case "Edm.Binary":
		return &binaryFormat
	}
	return nil
}

// IsBase64 reports whether s is an Edm.Binary as JSON carries it: base64,
// in the standard or the URL alphabet but not both (OData writes base64url,
// Graph's pages the standard one), with or without its = padding; line
// breaks are skipped, as encoding/base64 skips them.
func IsBase64(s string) bool {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.NewReplacer("\r", "", "\n", "").Replace(s)
	}
	data := strings.TrimRight(s, "=")
	if pad := len(s) - len(data); pad > 2 || pad > 0 && len(s)%4 != 0 {
		return false
	}
	if len(data)%4 == 1 {
		return false // no whole byte: 6 bits
	}
	std, url := false, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '+' || c == '/':
			std = true
		case c == '-' || c == '_':
			url = true
		case !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'):
			return false
		}
	}
	return !(std && url) // one alphabet: a decoder takes one
}

// FormatProblem returns what s is not when it is not a value of the Edm
// type edm as the validator reads it, such as "a date, YYYY-MM-DD"; "" when
// it is one, or when edm has no format beyond being a string.
func FormatProblem(edm, s string) string {
	if f := formatOf(edm); f != nil && !f.valid(s) {
		return f.what
	}
	return ""
}

// IsDate reports whether s is an Edm.Date: YYYY-MM-DD, a date of the
// (proleptic) Gregorian calendar with a four-digit year.
func IsDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	return ok1 && ok2 && ok3 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(m, y)
}

// daysIn is the number of days of the month m of the year y.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// IsGUID reports whether s is an Edm.Guid: 8-4-4-4-12 hexadecimal digits,
// in either case, without braces.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// IsTimeOfDay reports whether s is an Edm.TimeOfDay as OData writes it:
// hh:mm[:ss[.f]], hh from 00 to 23, mm and ss from 00 to 59, and one to 12
// digits of a fraction of a second.
func IsTimeOfDay(s string) bool {
	if len(s) < 5 || s[2] != ':' {
		return false
	}
	h, ok1 := digits(s[0:2])
	m, ok2 := digits(s[3:5])
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return false
	}
	s = s[5:]
	if s == "" {
		return true
	}
	if len(s) < 3 || s[0] != ':' {
		return false
	}
	if sec, ok := digits(s[1:3]); !ok || sec > 59 {
		return false
	}
	s = s[3:]
	if s == "" {
		return true
	}
	if s[0] != '.' || len(s) < 2 || len(s) > 13 {
		return false
	}
	_, ok := digits(s[1:])
	return ok
}

// IsDuration reports whether s is an Edm.Duration, an ISO 8601 duration
// of days and time as OData's ABNF and XML Schema's dayTimeDuration have
// it: [sign]P[nD][T[nH][nM][n[.n]S]] with at least one component, and at
// least one after a T. Years and months, which have no fixed length, are
// not part of it; sign is - or +.
func IsDuration(s string) bool {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" || s[0] != 'P' {
		return false
	}
	date, clock, hasT := strings.Cut(s[1:], "T")
	date, days := durationPart(date, 'D')
	if date != "" {
		return false
	}
	if !hasT {
		return days
	}
	clock, hours := durationPart(clock, 'H')
	clock, minutes := durationPart(clock, 'M')
	clock, seconds := durationPart(clock, 'S')
	return clock == "" && (hours || minutes || seconds)
}

// durationPart reads the component of a duration s starts with when its
// designator is unit: digits (for seconds, with a fraction) and unit. It
// returns the rest of s and true, or s and false when s starts with another
// component or none.
func durationPart(s string, unit byte) (rest string, found bool) {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	if n == 0 {
		return s, false
	}
	if unit == 'S' && n < len(s) && s[n] == '.' {
		m := n + 1
		for m < len(s) && '0' <= s[m] && s[m] <= '9' {
			m++
		}
		if m == n+1 {
			return s, false
		}
		n = m
	}
	if n == len(s) || s[n] != unit {
		return s, false
	}
	return s[n+1:], true
}

// digits returns the value of s, a string of ASCII digits, and true; 0 and
// false when s holds anything else.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// IntRange is the range of values of an Edm integer type; Edm.Int64's for
// any other name.
func IntRange(edm string) (lo, hi int64) {
	switch edm {
	case "Edm.Byte":
		return 0, math.MaxUint8
	case "Edm.SByte":
		return math.MinInt8, math.MaxInt8
	case "Edm.Int16":
		return math.MinInt16, math.MaxInt16
	case "Edm.Int32":
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

// number returns the text of a JSON number decoded as json.Number or float64.
func number(v any) (string, bool) {
	switch n := v.(type) {
	case json.Number:
		return n.String(), true
	case float64:
		return strconv.FormatFloat(n, 'f', -1, 64), true
	}
	return "", false
}

func kindError(at *loc, want string) error {
	p := at.String()
	return &ValidationError{Path: p, Message: fmt.Sprintf("%s must be %s", describe(p), want)}
}

func describe(path string) string {
	switch {
	case path == "":
		return "the request body"
	case strings.HasSuffix(path, "]"):
		return fmt.Sprintf("element %q", path)
	}
	return fmt.Sprintf("property %q", path)
}

// DuplicateKey returns the path of the first member name that appears twice
// in one object of the JSON value data, such as "displayName" or
// "media[0].label", and true; "" and false when no name repeats. Instance
// annotations ("@odata.type", "x@odata.bind") count like any other name.
// Names compare as encoding/json decodes them, escapes resolved: "a" and
// "\u0061" are the same name.
//
// Decoders differ on such a body (encoding/json keeps the last value, others
// the first or refuse it), and decoding it into a map or struct loses all
// but one value without a word, so ReadBody refuses it. DuplicateKey is a
// single pass over the bytes that allocates little, not a decode. data must
// be valid JSON (json.Valid), as ReadBody establishes before it scans; on
// anything else the result means nothing, but DuplicateKey does not panic.
func DuplicateKey(data []byte) (path string, found bool) {
	path, problem := scanBody(data, scanLimits{})
	return path, problem == repeatedName
}

// scanLimits are the sizes scanBody refuses a body over; 0 for no limit.
type scanLimits struct {
	depth   int // objects and arrays nested
	objects int // objects in all
	values  int // values in all: objects, arrays, strings, numbers, literals
}

// scanProblem is what ended a scanBody early.
type scanProblem int

const (
	scanOK       scanProblem = iota
	repeatedName             // a name appears twice in an object
	tooDeep                  // nested more than the depth limit
	tooManyObjects
	tooManyValues
)

// scanBody is DuplicateKey and the size checks of ReadBody in one pass over
// valid JSON: the path of the repeated name, or the first limit exceeded,
// whichever comes first.
func scanBody(data []byte, limits scanLimits) (path string, problem scanProblem) {
	s := dupScanner{data: data, limits: limits}
	s.value()
	if s.problem != repeatedName {
		return "", s.problem
	}
	var b strings.Builder
	for _, seg := range s.path {
		if seg.index >= 0 {
			fmt.Fprintf(&b, "[%d]", seg.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.Write(seg.name)
	}
	return b.String(), repeatedName
}

// dupScanner is the state of scanBody.
type dupScanner struct {
	data  []byte
	i     int          // offset of the next byte to read
	names [][]byte     // the names read in the objects being scanned, innermost last
	path  []dupSegment // where the scanner is; at the repeated name once found
	depth int          // objects and arrays open

	limits          scanLimits
	objects, values int         // read so far
	problem         scanProblem // once set, the scan ends
}

// dupSegment is a step of a path: an object member (index < 0) or an array
// element.
type dupSegment struct {
	name  []byte
	index int
}

// dupLinear is the number of names up to which an object's names are
// compared one by one; a larger object puts them in a map, so that a body
// of many names costs linear time, not quadratic.
const dupLinear = 16

func (s *dupScanner) skipSpace() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// next skips white space and returns the next byte, or 0 at the end.
func (s *dupScanner) next() byte {
	s.skipSpace()
	if s.i < len(s.data) {
		return s.data[s.i]
	}
	return 0
}

// value scans one JSON value; it returns early once a problem is found,
// leaving path at a repeated name.
func (s *dupScanner) value() {
	if s.values++; s.limits.values > 0 && s.values > s.limits.values {
		s.problem = tooManyValues
		return
	}
	switch c := s.next(); c {
	case '{', '[':
		if s.depth++; s.limits.depth > 0 && s.depth > s.limits.depth {
			s.problem = tooDeep
			return
		}
		if c == '{' {
			if s.objects++; s.limits.objects > 0 && s.objects > s.limits.objects {
				s.problem = tooManyObjects
				return
			}
			s.object()
		} else {
			s.array()
		}
		s.depth--
	case '"':
		s.skipString()
	default: // a number, true, false or null
		for s.i < len(s.data) {
			switch s.data[s.i] {
			case ',', ']', '}', ' ', '\t', '\n', '\r':
				return
			}
			s.i++
		}
	}
}

func (s *dupScanner) array() {
	s.i++
	for index := 0; ; index++ {
		switch s.next() {
		case ']':
			s.i++
			return
		case 0:
			return
		}
		s.path = append(s.path, dupSegment{index: index})
		s.value()
		if s.problem != scanOK {
			return
		}
		s.path = s.path[:len(s.path)-1]
		switch s.next() {
		case ',':
			s.i++
		case ']':
		default: // malformed
			return
		}
	}
}

func (s *dupScanner) object() {
	s.i++ // '{'
	start := len(s.names)
	defer func() { s.names = s.names[:start] }()
	var seen map[string]struct{} // once the object has more than dupLinear names
	for {
		switch s.next() {
		case '}':
			s.i++
			return
		case '"':
		default: // malformed
			return
		}
		name := s.name()
		repeated := false
		if seen != nil {
			if _, repeated = seen[string(name)]; !repeated {
				seen[string(name)] = struct{}{}
			}
		} else {
			for _, n := range s.names[start:] {
				if bytes.Equal(n, name) {
					repeated = true
					break
				}
			}
			s.names = append(s.names, name)
			if len(s.names)-start > dupLinear {
				seen = make(map[string]struct{}, 2*dupLinear)
				for _, n := range s.names[start:] {
					seen[string(n)] = struct{}{}
				}
			}
		}
		s.path = append(s.path, dupSegment{name: name, index: -1})
		if repeated {
			s.problem = repeatedName
			return
		}
		if s.next() != ':' {
			return // malformed
		}
		s.i++
		s.value()
		if s.problem != scanOK {
			return
		}
		s.path = s.path[:len(s.path)-1]
		if s.next() == ',' {
			s.i++
		}
	}
}

// skipString moves past the JSON string at s.i and reports whether it is
// plain: free of escapes and invalid UTF-8, so that its bytes are what
// encoding/json decodes it to.
func (s *dupScanner) skipString() (plain bool) {
	s.i++ // '"'
	plain = true
	for s.i < len(s.data) {
		switch c := s.data[s.i]; {
		case c == '"':
			s.i++
			return plain
		case c == '\\':
			plain = false
			s.i += 2
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s.data[s.i:])
			if r == utf8.RuneError && size == 1 {
				plain = false
			}
			s.i += size
		default:
			s.i++
		}
	}
	s.i = len(s.data)
	return plain
}

// name scans the JSON string at s.i, a member name, and returns it as
// encoding/json decodes it.
func (s *dupScanner) name() []byte {
	start := s.i
	plain := s.skipString()
	if s.i-start < 2 {
		return nil // malformed
	}
	raw := s.data[start+1 : s.i-1]
	if plain {
		return raw
	}
	var text string
	if json.Unmarshal(s.data[start:s.i], &text) != nil {
		return raw // malformed
	}
	return []byte(text)
}
