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
	var s Scratch
	_, _, toks := s.Tokenize(text)
	return toks
}

// Scratch holds the buffers of Tokenize, for a caller that tokenizes one
// text after another: its zero value is ready, and what a call returns
// stays valid until the next call.
type Scratch struct {
	runes   []rune
	pos     []int
	normPos []int
	norm    []byte
	toks    []Token
}

// Tokenize returns the text's runes, the Offsets of the runes, and its
// tokens, in buffers of s.
func (s *Scratch) Tokenize(text string) (runes []rune, bytePos []int, toks []Token) {
	s.runes = s.runes[:0]
	for _, r := range text {
		s.runes = append(s.runes, r)
	}
	s.pos = offsets(s.pos, text, s.runes)
	s.toks, s.normPos, s.norm = tokenize(s.toks[:0], s.normPos, s.norm[:0], text, s.runes, s.pos)
	return s.runes, s.pos, s.toks
}

// Offsets returns the byte offset in text of each of its runes (runes is
// []rune(text)), and len(text) last.
func Offsets(text string, runes []rune) []int {
	return offsets(nil, text, runes)
}

// offsets is Offsets into pos, grown as needed.
func offsets(pos []int, text string, runes []rune) []int {
	pos = grow(pos, len(runes)+1)
	b := 0
	for i, r := range runes {
		pos[i] = b
		if r == utf8.RuneError {
			// An invalid byte decodes to RuneError with width 1; a real
			// U+FFFD is 3 bytes. Follow the text to tell them apart.
			_, w := utf8.DecodeRuneInString(text[b:])
			b += w
		} else {
			b += utf8.RuneLen(r)
		}
	}
	pos[len(runes)] = b
	return pos
}

// TokenizeRunes is Tokenize for a caller that has the text's runes and
// their Offsets already.
func TokenizeRunes(text string, runes []rune, bytePos []int) []Token {
	toks := make([]Token, 0, len(runes)/5+8) // news averages 5.5 code points a token
	toks, _, _ = tokenize(toks, nil, make([]byte, 0, len(text)), text, runes, bytePos)
	return toks
}

// tokenize appends the tokens of text to toks; normPos and norm are
// buffers it may grow, returned for the next call.
func tokenize(toks []Token, normPos []int, norm []byte, text string, runes []rune, bytePos []int) ([]Token, []int, []byte) {
	// Token texts are slices of text and their normal forms slices of the
	// text's normal form (Fold works rune by rune, so the normal form of a
	// token is the part of the text's that its runes give): no copy per
	// token. Offsets are indexes into runes, so they are code points.
	normPos = grow(normPos, len(runes)+1)
	for i, r := range runes {
		normPos[i] = len(norm)
		if r2, keep := Fold(r); keep {
			norm = utf8.AppendRune(norm, r2)
		}
	}
	normPos[len(runes)] = len(norm)
	normText := string(norm)
	mk := func(i, j int, k Kind) Token {
		return Token{Text: text[bytePos[i]:bytePos[j]], Norm: normText[normPos[i]:normPos[j]], Start: i, End: j, Kind: k}
	}
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
			toks = append(toks, mk(i, j, Word))
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
			toks = append(toks, mk(i, j, Number))
			i = j
		default:
			toks = append(toks, mk(i, i+1, Punct))
			i++
		}
	}
	return toks, normPos, norm
}

// grow returns s with length n, reusing its array when it is large
// enough; the contents are not cleared.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

func isLetter(r rune) bool {
	if r >= 0x0621 && r <= 0x064A || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
		return true // the common cases first
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == 0x0640
}

func isSpace(r rune) bool { return unicode.IsSpace(r) || r == utf8.RuneError }

func isInvisible(r rune) bool {
	return r == 0x200B || r == 0x200C || r == 0x200D || r == 0x200E || r == 0x200F || r == 0xFEFF ||
		(r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x061C
}
