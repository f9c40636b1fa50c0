package graph

// Hand-written tests copied into the generated module by
// gen/internal/emit TestGeneratedModule.

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecimalKeepsItsDigits: an Edm.Decimal decodes and encodes with every
// digit it had, where a float64 would round it.
func TestDecimalKeepsItsDigits(t *testing.T) {
	const in = `{"price":12345678901234567.89}`
	var item DriveItem
	require.NoError(t, json.Unmarshal([]byte(in), &item))
	assert.Equal(t, "12345678901234567.89", item.Price.String())
	out, err := json.Marshal(item)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"price":12345678901234567.89`)
	empty, err := json.Marshal(DriveItem{})
	require.NoError(t, err)
	assert.NotContains(t, string(empty), "price", "an absent decimal is left out")
}
