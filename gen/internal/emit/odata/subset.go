package odata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// JSONSubset reports whether the JSON document got contains want: every
// property of every object in want is present in got with an equal value,
// recursively; got may have more properties. Arrays must have the same
// length and match element by element; numbers compare by value. The
// generated example tests use it for responses the docs mark as truncated.
func JSONSubset(want, got []byte) error {
	w, err := decodeNumbers(want)
	if err != nil {
		return fmt.Errorf("expected JSON: %v", err)
	}
	g, err := decodeNumbers(got)
	if err != nil {
		return fmt.Errorf("actual JSON: %v", err)
	}
	return subset(w, g, "$")
}

func decodeNumbers(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func subset(want, got any, path string) error {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", path, show(got))
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				return fmt.Errorf("%s.%s: missing", path, k)
			}
			if err := subset(w[k], gv, path+"."+k); err != nil {
				return err
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Errorf("%s: want an array, got %s", path, show(got))
		}
		if len(g) != len(w) {
			return fmt.Errorf("%s: want %d elements, got %d", path, len(w), len(g))
		}
		for i := range w {
			if err := subset(w[i], g[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	case json.Number:
		g, ok := got.(json.Number)
		if ok {
			wf, err1 := w.Float64()
			gf, err2 := g.Float64()
			if err1 == nil && err2 == nil && wf == gf {
				return nil
			}
		}
		return fmt.Errorf("%s: want %s, got %s", path, w, show(got))
	default:
		if want != got {
			return fmt.Errorf("%s: want %s, got %s", path, show(want), show(got))
		}
		return nil
	}
}

func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(data)
}
