package tagger

import (
	"strings"

	"github.com/kgraph/kg/extract/arabic"
)

// Lexicon is an external word list, such as the gazetteer, that Train
// compiles into the model's features. Words lists the bare normalized
// (arabic.Normalize) forms of a kind: single words for the word kinds, and
// for the name kinds (person, place, org, misc) whole names, their words
// separated by single spaces. The tagger strips attached conjunctions and
// prepositions (و ف ب ل ك) itself, never the determiner ال. The compiled
// lists are stored in the model, so a model needs no lexicon to tag.
type Lexicon interface {
	Words(kind string) []string
}

// Kinds asked of a Lexicon. A lexicon may know only some of them.
const (
	KindGivenName   = "given"       // personal first names
	KindFamilyName  = "family"      // family names
	KindPerson      = "person"      // full names of people (phrases)
	KindTitle       = "title"       // offices and honorifics before a name
	KindOrgHead     = "orghead"     // first words of organization names (وزارة، حزب)
	KindLocHead     = "lochead"     // words before place names (مدينة، محافظة)
	KindPlace       = "place"       // place names
	KindOrg         = "org"         // organization names
	KindMisc        = "misc"        // other names: events, works, nationalities
	KindNationality = "nationality" // nationality adjectives (الروسي، الأمريكية)
	KindSpeechVerb  = "speech-verb" // verbs of saying (قال، أضاف، أعلن)
)

// extKind returns the i-th kind asked of an external Lexicon about single
// words (bit extShift+i of tokInfo.kinds), or "" past the last.
func extKind(i int) string {
	switch i {
	case 0:
		return KindGivenName
	case 1:
		return KindFamilyName
	case 2:
		return KindPerson
	case 3:
		return KindTitle
	case 4:
		return KindOrgHead
	case 5:
		return KindLocHead
	case 6:
		return KindPlace
	case 7:
		return KindOrg
	case 8:
		return KindMisc
	case 9:
		return KindNationality
	case 10:
		return KindSpeechVerb
	}
	return ""
}

// phraseKind returns the i-th kind asked of an external Lexicon about
// phrases, or "" past the last.
func phraseKind(i int) string {
	switch i {
	case 0:
		return KindPerson
	case 1:
		return KindPlace
	case 2:
		return KindOrg
	case 3:
		return KindMisc
	}
	return ""
}

// Bits of the built-in lists in tokInfo.kinds; external kinds follow from
// bit extShift on.
const (
	kGiven = 1 << iota
	kTitle
	kOrgHead
	kLocHead
	kPlace
	kParticle
	kFamSuffix
	numBuiltinKinds = iota
	extShift        = 8
)

// builtin holds the built-in lists: hash of a normalized word → kind bits.
type builtin struct {
	words *byteTable
	fam   []string // normalized family-name endings
}

func newBuiltin() *builtin {
	b := &builtin{words: newByteTable(1500)}
	add := func(list string, bit uint8) {
		for _, w := range strings.Fields(list) {
			n := arabic.Normalize(w)
			h := hashString(n)
			b.words.put(h, b.words.get(h)|bit)
			// Lists are written with or without the determiner; index both
			// the word and its bare form so either spelling matches.
			if s := arabic.StripDeterminer(n); s != n {
				h := hashString(s)
				b.words.put(h, b.words.get(h)|bit)
			}
		}
	}
	add(listGiven, kGiven)
	add(listTitle, kTitle)
	add(listOrgHead, kOrgHead)
	add(listLocHead, kLocHead)
	add(listPlace, kPlace)
	add(nameParticles, kParticle)
	for _, s := range strings.Fields(famSuffixes) {
		b.fam = append(b.fam, arabic.Normalize(s))
	}
	return b
}

// kinds returns the kind bits of a token from its candidate stems and
// their hashes.
func (b *builtin) kinds(stems []string, hashes []uint64) uint32 {
	var k uint32
	for _, h := range hashes {
		k |= uint32(b.words.get(h))
	}
	if len(stems) > 0 {
		last := stems[len(stems)-1]
		if len(last) >= 8 { // at least four Arabic letters
			for _, f := range b.fam {
				if strings.HasSuffix(last, f) {
					k |= kFamSuffix
					break
				}
			}
		}
	}
	return k
}
