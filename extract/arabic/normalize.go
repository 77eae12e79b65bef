// Package arabic normalizes Arabic (and Latin) text for matching, strips
// attached clitics, and splits text into sentences and tokens with
// code-point offsets. Normalized forms are for matching only: names keep
// their written form everywhere else.
package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds the spelling variation that does not change a word:
// diacritics and tatweel are dropped, hamza forms of alef become bare alef,
// ta marbuta becomes ha, alef maqsura becomes ya, hamza on waw/ya becomes
// the bare letter, Persian/Urdu look-alikes map to Arabic letters, Arabic-
// Indic digits become ASCII, Latin letters are lower-cased, and invisible
// format characters (ZWJ, bidi marks) are removed. Normalize is idempotent.
func Normalize(s string) string {
	// Most words are already in normal form: return them without a copy.
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r2, keep := Fold(r); !keep || r2 != r || r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r2, keep := Fold(r); keep {
			b.WriteRune(r2)
		}
	}
	return b.String()
}

// Fold normalizes one rune; keep is false for runes that are dropped.
func Fold(r rune) (out rune, keep bool) {
	if r >= 0 && r < rune(len(foldTable)) {
		f := foldTable[r]
		return max(f, 0), f >= 0
	}
	return fold(r)
}

// foldTable is fold of the runes below U+0800 (Latin, Greek, Cyrillic,
// Hebrew, Arabic), -1 for a dropped one: a table read instead of the
// switches and the Unicode case tables.
var foldTable = func() (t [0x800]rune) {
	for r := range t {
		f, keep := fold(rune(r))
		if !keep {
			f = -1
		}
		t[r] = f
	}
	return t
}()

func fold(r rune) (out rune, keep bool) {
	switch {
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A'), true
		}
		return r, true
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640: // harakat, superscript alef, tatweel
		return 0, false
	case r >= 0x06D6 && r <= 0x06ED: // Quranic marks
		return 0, false
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0xFEFF,
		r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, r == 0x061C:
		return 0, false
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ':
		return 'ا', true
	case 'ة':
		return 'ه', true
	case 'ى', 'ی', 'ې':
		return 'ي', true
	case 'ؤ':
		return 'و', true
	case 'ئ':
		return 'ي', true
	case 'ک':
		return 'ك', true
	case 'ڤ':
		return 'ف', true
	case 'گ':
		return 'ك', true
	case 'پ':
		return 'ب', true
	case 'چ':
		return 'ج', true
	case 'ھ', 'ہ':
		return 'ه', true
	}
	if r >= 0x0660 && r <= 0x0669 {
		return '0' + (r - 0x0660), true
	}
	if r >= 0x06F0 && r <= 0x06F9 {
		return '0' + (r - 0x06F0), true
	}
	if r > 0x7F && unicode.IsUpper(r) {
		return unicode.ToLower(r), true
	}
	return r, true
}

// IsArabic reports whether r is an Arabic letter.
func IsArabic(r rune) bool {
	return (r >= 0x0621 && r <= 0x064A) || (r >= 0x0671 && r <= 0x06D3) || (r >= 0x0750 && r <= 0x077F) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFC)
}
