package rules

import (
	"math"
	"strconv"
	"strings"
)

// formatInt writes n with thousands separators: 2000000 → "2,000,000".
func formatInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FormatNumber writes a figure for people: whole numbers with thousands separators, fractions
// with one decimal.
func FormatNumber(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return "n/a"
	}
	if f == math.Trunc(f) || math.Abs(f) >= 100 {
		return formatInt(int64(math.Round(f)))
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// FormatPercent writes a share (0.84) as a percentage ("84%"), keeping one decimal for small
// shares so that a tiny usage does not read as zero.
func FormatPercent(share float64) string {
	p := share * 100
	if p > 0 && p < 10 {
		return strconv.FormatFloat(p, 'f', 1, 64) + "%"
	}
	return formatInt(int64(math.Round(p))) + "%"
}

// toFloat converts any numeric expression result to float64.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case float32:
		return float64(x), true
	}
	return 0, false
}

// formatValue renders an answer, fact or limit for a sentence.
func formatValue(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return "(not set)"
	}
	if f, ok := toFloat(v); ok {
		return FormatNumber(f)
	}
	return "?"
}
