package resolve

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"gen/gen/internal/scantest"
)

// possibleValues is a hand-written scan (the regular expressions it
// replaces were the costliest part of resolving); it must read exactly what
// they read.
func TestPossibleValues(t *testing.T) {
	phrase := regexp.MustCompile(`(?i)possible values\b`)
	code := regexp.MustCompile("`([^`]+)`")
	oracle := func(desc string) []string {
		loc := phrase.FindStringIndex(desc)
		if loc == nil {
			return nil
		}
		var out []string
		for _, m := range code.FindAllStringSubmatch(desc[loc[1]:], -1) {
			out = append(out, strings.TrimSpace(m[1]))
		}
		return out
	}
	cases := []string{
		"The state. Possible values are: `on`, `off`, `unknownFutureValue`.",
		"impossible values `a` `b`", "Possible valuesX `a`", "POSSIBLE VALUES: ``a` `b``", "possible values", "",
	}
	pieces := []string{"`", "a", " ", "Possible values", "possible valuesx", "``"}
	for _, s := range append(cases, scantest.Samples(pieces, 4)...) {
		assert.Equal(t, oracle(s), possibleValues(s), "%q", s)
	}
}

func TestCamelWords(t *testing.T) {
	assert.Equal(t, []string{"sign", "in", "risk", "levels"}, lowerWords("signInRiskLevels"))
	assert.Equal(t, []string{"risk", "event", "types", "v2"}, lowerWords("riskEventTypes_v2"))
	assert.Equal(t, []string{"html", "body"}, lowerWords("HTMLBody"))
	assert.True(t, shareWord("includePlatforms", "conditionalAccessDevicePlatform"))
	assert.False(t, shareWord("riskLevel", "printQuality"))
}
