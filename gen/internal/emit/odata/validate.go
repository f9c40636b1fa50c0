package odata

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
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
// keys containing "@", are allowed), values of the wrong JSON kind,
// DateTimeOffset strings that are not RFC 3339, integers out of range and an
// @odata.type that is neither the expected type nor derived from it. Enum
// values are not checked against the members, so that members added to the
// service later are accepted. JSON null is accepted everywhere.
//
// Validate returns a *ValidationError for a bad value, and another error
// when the schema itself is incomplete.
func Validate(v any, typeName string, collection bool) error {
	return validate(v, "", typeName, collection)
}

func validate(v any, path, typeName string, collection bool) error {
	if v == nil {
		return nil
	}
	if collection {
		arr, ok := v.([]any)
		if !ok {
			return kindError(path, "a JSON array")
		}
		for i, e := range arr {
			if err := validate(e, fmt.Sprintf("%s[%d]", path, i), typeName, false); err != nil {
				return err
			}
		}
		return nil
	}
	if strings.HasPrefix(typeName, "Edm.") {
		return checkPrimitive(v, path, typeName)
	}
	t := Lookup(typeName)
	if t == nil {
		return fmt.Errorf("odata: no schema registered for %s", typeName)
	}
	if t.Enum {
		if _, ok := v.(string); !ok {
			return kindError(path, "a string")
		}
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return kindError(path, "a JSON object")
	}
	if raw, ok := obj["@odata.type"]; ok {
		name, ok := raw.(string)
		if !ok {
			return &ValidationError{Path: join(path, "@odata.type"), Message: fmt.Sprintf("%q must be a string", join(path, "@odata.type"))}
		}
		actual := Lookup(strings.TrimPrefix(name, "#"))
		if actual == nil || actual.Enum || !actual.DerivesFrom(t.Name) {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s has @odata.type %q, which is not %s or a type derived from it", describe(path), name, t.Name)}
		}
		if actual.Abstract {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s has @odata.type %q, which is abstract: name the type derived from it", describe(path), name)}
		}
		t = actual
	} else if t.Abstract {
		return &ValidationError{Path: path, Message: fmt.Sprintf("%s is of the abstract type %s: name the type derived from it in @odata.type", describe(path), t.Name)}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if strings.Contains(k, "@") {
			continue // instance annotation, such as @odata.type or x@odata.bind
		}
		p := t.Property(k)
		if p == nil {
			if t.Open {
				continue
			}
			return &ValidationError{Path: join(path, k), Message: fmt.Sprintf("unknown property %q", join(path, k))}
		}
		if err := validate(obj[k], join(path, k), p.Type, p.Collection); err != nil {
			return err
		}
	}
	return nil
}

// IsDateTime reports whether s is an RFC 3339 date and time, as
// Edm.DateTimeOffset values are. Go's parser also takes a comma before the
// fraction, which RFC 3339 does not.
func IsDateTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil && !strings.ContainsRune(s, ',')
}

// checkPrimitive checks a value of an Edm type. Edm types gen does not know
// (Edm.Untyped, geography types) accept any value.
func checkPrimitive(v any, path, edm string) error {
	switch edm {
	case "Edm.String", "Edm.Guid", "Edm.Duration", "Edm.Date", "Edm.TimeOfDay", "Edm.Binary", "Edm.Stream":
		if _, ok := v.(string); !ok {
			return kindError(path, "a string")
		}
	case "Edm.DateTimeOffset":
		s, ok := v.(string)
		if !ok {
			return kindError(path, "an RFC 3339 date and time string")
		}
		if !IsDateTime(s) {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s must be an RFC 3339 date and time, such as 2020-01-01T00:00:00Z, not %q", describe(path), s)}
		}
	case "Edm.Boolean":
		if _, ok := v.(bool); !ok {
			return kindError(path, "a boolean")
		}
	case "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64":
		n, ok := number(v)
		if !ok {
			return kindError(path, "an integer")
		}
		lo, hi := IntRange(edm)
		i, err := strconv.ParseInt(n, 10, 64)
		if err != nil || i < lo || i > hi {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s must be an integer in the range of %s, not %s", describe(path), edm, n)}
		}
	case "Edm.Double", "Edm.Single", "Edm.Decimal":
		n, ok := number(v)
		if !ok {
			return kindError(path, "a number")
		}
		bits := 64
		if edm == "Edm.Single" {
			bits = 32
		}
		if _, err := strconv.ParseFloat(n, bits); err != nil {
			return &ValidationError{Path: path, Message: fmt.Sprintf("%s must be a number in the range of %s, not %s", describe(path), edm, n)}
		}
	}
	return nil
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

func kindError(path, want string) error {
	return &ValidationError{Path: path, Message: fmt.Sprintf("%s must be %s", describe(path), want)}
}

func describe(path string) string {
	if path == "" {
		return "the request body"
	}
	return fmt.Sprintf("property %q", path)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
