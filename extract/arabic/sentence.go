package arabic

import "unicode"

// Span is a code-point range [Start, End) of a text.
type Span struct{ Start, End int }

// Sentences splits text into sentences: at . ! ? ؟ and … followed by space
// or end of text (not inside a number or after a one-letter Latin initial),
// and at every line break. Leading and trailing white space is trimmed from
// each span; empty spans are dropped. Offsets are code points.
func Sentences(text string) []Span { return SentencesRunes([]rune(text)) }

// SentencesRunes is Sentences for a caller that has the text's runes.
func SentencesRunes(runes []rune) []Span {
	var out []Span
	start := 0
	emit := func(s, e int) {
		for s < e && (unicode.IsSpace(runes[s]) || isInvisible(runes[s])) {
			s++
		}
		for e > s && (unicode.IsSpace(runes[e-1]) || isInvisible(runes[e-1])) {
			e--
		}
		if e > s {
			out = append(out, Span{s, e})
		}
	}
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if r == '\n' || r == '\r' || r == '\u2029' || r == '\u2028' {
			emit(start, i)
			start = i + 1
			continue
		}
		if r != '.' && r != '!' && r != '?' && r != '؟' && r != '…' && r != '۔' {
			continue
		}
		// Swallow runs of terminators and closing quotes/brackets.
		j := i + 1
		for j < len(runes) && (runes[j] == '.' || runes[j] == '!' || runes[j] == '?' || runes[j] == '؟' || runes[j] == '…' ||
			runes[j] == '"' || runes[j] == '»' || runes[j] == '”' || runes[j] == ')' || runes[j] == '\'') {
			j++
		}
		if j < len(runes) && !unicode.IsSpace(runes[j]) {
			continue // 3.5, U.S.A, e.g.x
		}
		if r == '.' && i >= 1 && unicode.IsUpper(runes[i-1]) && (i == 1 || !unicode.IsLetter(runes[i-2])) {
			continue // initial: "John F. Kennedy"
		}
		if r == '.' && isAbbrev(runes, i) {
			continue
		}
		emit(start, j)
		start = j
		i = j - 1
	}
	emit(start, len(runes))
	return out
}

var abbrevs = []string{"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sgt", "Sen", "Rep", "Gov", "Prof", "Jr", "Sr", "No", "vs", "etc", "Inc", "Corp", "Co", "Ltd", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}

func isAbbrev(runes []rune, dot int) bool {
	k := dot
	for k > 0 && unicode.IsLetter(runes[k-1]) {
		k--
	}
	w := string(runes[k:dot])
	for _, a := range abbrevs {
		if w == a {
			return true
		}
	}
	return false
}
