package record

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sfpattern/sfpattern/internal/atomicfile"
)

// maxSlug caps the title part of a record's file name: long enough to say what was decided,
// short enough to read in a directory listing.
const maxSlug = 60

// MaxNumber is the highest record number MADR's four digits allow.
const MaxNumber = 9999

// Numbering is MADR's numbering of the decision records in a folder: a file named NNNN-anything
// holds number NNNN, and a new record is numbered one above the highest (gaps left by deleted
// records are not reused, so a number always means one decision). A record's contract,
// NNNN-title.contract.yaml, holds its number too. internal/atomicfile claims the numbers.
func Numbering() atomicfile.Series {
	return atomicfile.Series{Number: recordNumber, Max: MaxNumber}
}

// FileName is the file name of record n titled title, by MADR's naming: NNNN-title-with-dashes.md.
func FileName(n int, title string) string {
	return fmt.Sprintf("%04d-%s.md", n, Slug(title))
}

// recordNumber reads the NNNN of a file named NNNN-anything.
func recordNumber(name string) (int, bool) {
	if len(name) < 5 || name[4] != '-' {
		return 0, false
	}
	n, err := strconv.Atoi(name[:4])
	return n, err == nil && n >= 0
}

// Slug turns a title into the lowercase ASCII words-with-dashes of a file name, cut at a word
// boundary after at most 60 characters. Accented Latin letters lose their accents; anything else
// that is not a letter or digit separates words.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		s := foldRune(r)
		if s == "" {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteString(s)
	}
	slug := b.String()
	if len(slug) > maxSlug {
		slug = slug[:maxSlug+1]
		if i := strings.LastIndexByte(slug, '-'); i > 0 {
			slug = slug[:i]
		} else {
			slug = slug[:maxSlug]
		}
	}
	if slug == "" {
		return "decision"
	}
	return slug
}

// foldRune maps a lowercase rune to the ASCII it is written as in a file name, or "" for a
// separator.
func foldRune(r rune) string {
	switch {
	case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return string(r)
	case r < 0x80:
		return ""
	}
	for ascii, accented := range latinFolds {
		if strings.ContainsRune(accented, r) {
			return ascii
		}
	}
	return ""
}

// latinFolds lists the accented lowercase Latin letters that fold to each ASCII spelling.
var latinFolds = map[string]string{
	"a": "àáâãäåāăą", "ae": "æ", "c": "çćĉċč", "d": "ďđð", "e": "èéêëēĕėęě", "g": "ĝğġģ",
	"h": "ĥħ", "i": "ìíîïĩīĭįı", "j": "ĵ", "k": "ķ", "l": "ĺļľŀł", "n": "ñńņňŉ", "o": "òóôõöøōŏő",
	"oe": "œ", "r": "ŕŗř", "s": "śŝşšș", "ss": "ß", "t": "ţťŧț", "th": "þ", "u": "ùúûüũūŭůűų",
	"w": "ŵ", "y": "ýÿŷ", "z": "źżž",
}
