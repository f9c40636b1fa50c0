package ir

import "strings"

// This file is the vocabulary of primitive types: how the docs spell them
// in Type cells and in example values, and their Edm names in the IR.

// primitives maps the spellings of primitive types in Type cells (lower-cased)
// to their Edm names.
var primitives = map[string]string{
	"string": "Edm.String", "guid": "Edm.Guid", "uuid": "Edm.Guid",
	"int32": "Edm.Int32", "int": "Edm.Int32", "integer": "Edm.Int32", "int16": "Edm.Int16",
	"int64": "Edm.Int64", "long": "Edm.Int64", "byte": "Edm.Byte", "sbyte": "Edm.SByte",
	"boolean": "Edm.Boolean", "bool": "Edm.Boolean",
	"double": "Edm.Double", "single": "Edm.Single", "float": "Edm.Single", "decimal": "Edm.Decimal",
	"number":         "Edm.Double",
	"datetimeoffset": "Edm.DateTimeOffset", "datetime": "Edm.DateTimeOffset", "timestamp": "Edm.DateTimeOffset",
	"date": "Edm.Date", "timeofday": "Edm.TimeOfDay", "time": "Edm.TimeOfDay", "duration": "Edm.Duration",
	"numeric": "Edm.Decimal", "url": "Edm.String", "uri": "Edm.String",
	"json": "Edm.Untyped", "json object": "Edm.Untyped", "untyped json object": "Edm.Untyped", "object": "Edm.Untyped", "untyped": "Edm.Untyped",
	"binary": "Edm.Binary", "stream": "Edm.Stream", "base64": "Edm.Binary",
	// Spatial types: generated code keeps their GeoJSON as it is.
	"geography": "Edm.Geography", "geographypoint": "Edm.GeographyPoint", "geographylinestring": "Edm.GeographyLineString",
	"geographypolygon": "Edm.GeographyPolygon", "geographymultipoint": "Edm.GeographyMultiPoint",
	"geographymultilinestring": "Edm.GeographyMultiLineString", "geographymultipolygon": "Edm.GeographyMultiPolygon",
	"geographycollection": "Edm.GeographyCollection",
	"geometry":            "Edm.Geometry", "geometrypoint": "Edm.GeometryPoint", "geometrylinestring": "Edm.GeometryLineString",
	"geometrypolygon": "Edm.GeometryPolygon", "geometrymultipoint": "Edm.GeometryMultiPoint",
	"geometrymultilinestring": "Edm.GeometryMultiLineString", "geometrymultipolygon": "Edm.GeometryMultiPolygon",
	"geometrycollection": "Edm.GeometryCollection",
}

// Primitive returns the Edm name for a documented primitive spelling
// ("String", "`Edm.String`", "GUID", "string, maximum size 20",
// "string (url)", "Moment the item was created. DateTimeOffset"), or "".
func Primitive(name string) string {
	if e, ok := primitivesAsWritten[name]; ok {
		return e
	}
	return primitive(name)
}

// primitivesAsWritten answers Primitive for the spellings Type cells use
// most, as written, without lowering a copy of each cell.
var primitivesAsWritten = func() map[string]string {
	m := map[string]string{}
	for _, w := range []string{"String", "Boolean", "Int32", "Int64", "Int16", "Double", "Single", "Decimal",
		"DateTimeOffset", "Date", "TimeOfDay", "Duration", "Guid", "GUID", "Binary", "Stream", "Byte", "SByte",
		"string", "boolean", "bool", "int", "int32", "int64", "double", "datetimeoffset", "guid", "Integer"} {
		for _, v := range []string{w, "Edm." + w} {
			m[v] = primitive(v)
		}
	}
	return m
}()

// primitive is Primitive without the shortcut.
func primitive(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "edm.")
	if e, ok := primitives[n]; ok {
		return e
	}
	n = strings.TrimSuffix(n, " enum")
	// A primitive followed by a note: "string, maximum size 20", "String (url)".
	if i := strings.IndexAny(n, ",("); i > 0 {
		if e := primitives[strings.TrimSpace(n[:i])]; e != "" {
			return e
		}
	}
	// A note followed by a primitive: a description written into the Type
	// cell before the type, "Moment the item was created. DateTimeOffset".
	// The type is the one word after the last full stop.
	if i := strings.LastIndex(n, ". "); i > 0 {
		if w := strings.TrimSpace(n[i+2:]); !strings.ContainsAny(w, " \t") {
			return primitives[w]
		}
	}
	return ""
}

// IsEdm reports whether a qualified type name is primitive.
func IsEdm(qualified string) bool { return strings.HasPrefix(qualified, "Edm.") }

// placeholderHeads are the type names the docs write in place of an example
// value ("Int32", "String (timestamp)"), lower-cased.
var placeholderHeads = map[string]bool{
	"string": true, "guid": true, "duration": true, "date": true, "timeofday": true,
	"datetimeoffset": true, "datetime": true, "timestamp": true, "binary": true, "stream": true,
	"boolean": true, "bool": true, "byte": true, "sbyte": true, "int16": true, "int32": true,
	"int64": true, "integer": true, "single": true, "double": true, "decimal": true,
}

// Placeholder reads a type placeholder written where an example value
// belongs: "Int32" -> "Edm.Int32", ""; "String (timestamp)" -> "Edm.String",
// "timestamp"; "Edm.Guid" -> "Edm.Guid", "". ok is false for anything else.
func Placeholder(s string) (edm, note string, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 3 || len(s) > 80 {
		return "", "", false
	}
	head := s
	if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		head, note = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:len(s)-1])
	}
	lower := strings.TrimPrefix(strings.ToLower(head), "edm.")
	if !placeholderHeads[lower] {
		return "", "", false
	}
	return primitives[lower], note, true
}

// TypeName splits a type name as @odata.type values and annotations write
// it into the bare name and whether it names a collection:
// "#Collection(microsoft.graph.event)" -> "microsoft.graph.event", true.
// The leading '#' is optional and "Collection" is read in any letter case.
func TypeName(s string) (name string, collection bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "#"))
	const c = "collection("
	if len(s) > len(c)+1 && strings.EqualFold(s[:len(c)], c) && strings.HasSuffix(s, ")") {
		return strings.TrimSpace(s[len(c) : len(s)-1]), true
	}
	return s, false
}
