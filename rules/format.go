package rules

import (
	"math"
	"strconv"

	"github.com/sfpattern/sfpattern/rules/internal/cond"
)

// formatInt writes n with thousands separators: 2000000 → "2,000,000".
func formatInt(n int64) string {
	var tmp [32]byte
	return string(appendInt(tmp[:0], n))
}

// appendInt appends n with thousands separators, without allocating.
func appendInt(dst []byte, n int64) []byte {
	var digits [24]byte
	s := strconv.AppendInt(digits[:0], n, 10)
	if s[0] == '-' {
		dst = append(dst, '-')
		s = s[1:]
	}
	for i, d := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, d)
	}
	return dst
}

// FormatNumber writes a figure for people: whole numbers with thousands separators, fractions
// with one decimal.
func FormatNumber(f float64) string {
	var tmp [32]byte
	return string(appendNumber(tmp[:0], f))
}

func appendNumber(dst []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 0) || math.IsNaN(f):
		return append(dst, "n/a"...)
	case f == math.Trunc(f) || math.Abs(f) >= 100:
		return appendInt(dst, int64(math.Round(f)))
	}
	return strconv.AppendFloat(dst, f, 'f', 1, 64)
}

// FormatHours writes a number of hours as a sentence says it: "1 hour", "12 hours", "0 hours".
func FormatHours(h float64) string {
	var tmp [32]byte
	return string(appendHours(tmp[:0], h))
}

func appendHours(dst []byte, h float64) []byte {
	dst = appendNumber(dst, h)
	if h == 1 {
		return append(dst, " hour"...)
	}
	return append(dst, " hours"...)
}

// FormatPercent writes a share (0.84) as a percentage ("84%"), keeping one decimal for small
// shares so that a tiny usage does not read as zero.
func FormatPercent(share float64) string {
	var tmp [32]byte
	return string(appendPercent(tmp[:0], share))
}

func appendPercent(dst []byte, share float64) []byte {
	p := share * 100
	if p > 0 && p < 10 {
		dst = strconv.AppendFloat(dst, p, 'f', 1, 64)
	} else {
		dst = appendInt(dst, int64(math.Round(p)))
	}
	return append(dst, '%')
}

// formatValue renders an answer, fact or limit for a sentence.
func formatValue(v any) string {
	var tmp [32]byte
	return string(appendValue(tmp[:0], v))
}

func appendValue(dst []byte, v any) []byte {
	switch x := v.(type) {
	case string:
		return append(dst, x...)
	case bool:
		return strconv.AppendBool(dst, x)
	case nil:
		return append(dst, "(not set)"...)
	}
	if f, ok := cond.Float(v); ok {
		return appendNumber(dst, f)
	}
	return append(dst, '?')
}
