package batchgc

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// current reads the GC percent and memory limit without changing them.
func current() (int, int64) {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p, debug.SetMemoryLimit(-1)
}

func TestSetRestores(t *testing.T) {
	p0, l0 := current()
	restore := Set(321, 1<<30)
	p, l := current()
	assert.Equal(t, 321, p)
	assert.Equal(t, int64(1<<30), l)
	restore()
	p, l = current()
	assert.Equal(t, p0, p)
	assert.Equal(t, l0, l)
}

func TestConfigure(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restore := Configure()
	p, l := current()
	restore()
	assert.Equal(t, Percent, p)
	assert.Equal(t, int64(Limit), l)
}

func TestConfigureLeavesTheUsersChoice(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, "100")
			p0, l0 := current()
			defer Configure()()
			p, l := current()
			assert.Equal(t, p0, p)
			assert.Equal(t, l0, l)
			assert.NotEqual(t, int64(Limit), l, "the limit must stay Go's default (%d)", int64(math.MaxInt64))
		})
	}
}

func TestHold(t *testing.T) {
	defer Set(Percent, Limit)()
	release := Hold()
	p, l := current()
	assert.Equal(t, -1, p, "no collection while held")
	assert.Equal(t, int64(Limit), l, "the soft limit still bounds the heap")
	// Holds overlap: collections resume when the last is released, once.
	second := Hold()
	release()
	release()
	p, _ = current()
	assert.Equal(t, -1, p, "the second hold is still in force")
	second()
	p, l = current()
	assert.Equal(t, Percent, p)
	assert.Equal(t, int64(Limit), l)
}

func TestHoldLeavesOtherSettings(t *testing.T) {
	for _, s := range []struct {
		percent int
		limit   int64
	}{{100, math.MaxInt64}, {Percent, math.MaxInt64}, {100, Limit}} {
		restore := Set(s.percent, s.limit)
		release := Hold()
		p, l := current()
		release()
		restore()
		assert.Equal(t, s.percent, p, "Hold under GOGC=%d, limit %d", s.percent, s.limit)
		assert.Equal(t, s.limit, l)
	}
}
