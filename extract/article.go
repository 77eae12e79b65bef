package extract

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"unicode"

	"github.com/kgraph/kg/extract/arabic"
)

// Article is one input document: its metadata and its text, as read by a
// Reader (BOM removed) or built by the caller.
type Article struct {
	ID        string
	Path      string // the file it was read from, "" if none
	Title     string
	URL       string
	Source    string
	Published string // ISO 8601 date (or date-time) if known, else ""
	Lang      string // "ar" or "en"; "" means detect
	Text      string
}

// Hash returns the article's content hash: the hex SHA-256 of a
// length-prefixed encoding of id, title, url, source, published, lang and
// text, so that no two different articles share an encoding. The path is
// left out: where a file was read from is not its content.
func (a Article) Hash() string {
	h := sha256.New()
	var n [8]byte
	for _, s := range []string{"kg-article-v1", a.ID, a.Title, a.URL, a.Source, a.Published, a.Lang, a.Text} {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// DetectLang returns "ar" when Arabic letters are at least half of the
// letters of text, else "en".
func DetectLang(text string) string {
	var ar, other int
	for _, r := range text {
		switch {
		case arabic.IsArabic(r):
			ar++
		case unicode.IsLetter(r):
			other++
		}
	}
	if ar > 0 && ar >= other {
		return "ar"
	}
	return "en"
}
