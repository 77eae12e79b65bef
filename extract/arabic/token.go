package arabic

import (
	"unicode"
	"unicode/utf8"
)

// Token is a word, number or punctuation mark with code-point offsets into
// the text it came from, end exclusive.
type Token struct {
	Text  string // as written
	Norm  string // Normalize(Text)
	Start int
	End   int
	Kind  Kind
}

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word Kind = iota
	Number
	Punct
)

// Tokenize splits text into tokens. Words are runs of letters and marks
// (Arabic or any other script, with inner apostrophes, hyphens and dots of
// Latin abbreviations kept); numbers are runs of digits with inner . , / :;
// every other non-space rune is a punctuation token of its own. Offsets are
// code points.
func Tokenize(text string) []Token {
	var toks []Token
	runes := []rune(text)
	n := len(runes)
	for i := 0; i < n; {
		r := runes[i]
		switch {
		case isSpace(r) || isInvisible(r):
			i++
		case isLetter(r):
			j := i + 1
			for j < n {
				if isLetter(runes[j]) || isInvisible(runes[j]) && j+1 < n && isLetter(runes[j+1]) {
					j++
					continue
				}
				// Inner apostrophe or hyphen between letters: O'Brien, al-Assad.
				if (runes[j] == '\'' || runes[j] == '’' || runes[j] == '-') && j+1 < n && isLetter(runes[j+1]) && !IsArabic(runes[j+1]) {
					j++
					continue
				}
				break
			}
			toks = append(toks, mk(runes, i, j, Word))
			i = j
		case unicode.IsDigit(r):
			j := i + 1
			for j < n {
				if unicode.IsDigit(runes[j]) {
					j++
					continue
				}
				if (runes[j] == '.' || runes[j] == ',' || runes[j] == '/' || runes[j] == ':' || runes[j] == '٫') && j+1 < n && unicode.IsDigit(runes[j+1]) {
					j++
					continue
				}
				break
			}
			toks = append(toks, mk(runes, i, j, Number))
			i = j
		default:
			toks = append(toks, mk(runes, i, i+1, Punct))
			i++
		}
	}
	return toks
}

func mk(runes []rune, i, j int, k Kind) Token {
	s := string(runes[i:j])
	return Token{Text: s, Norm: Normalize(s), Start: i, End: j, Kind: k}
}

func isLetter(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == 0x0640
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == utf8.RuneError }

func isInvisible(r rune) bool {
	return r == 0x200B || r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F || r == 0xFEFF ||
		(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x061C
}
