package extract

import (
	"strings"
	"testing"
)

// TestRepetitiveInputs runs long inputs made of one pattern repeated: a
// stage that is quadratic in the number of names, triggers or ministries
// shows up here as a test that takes minutes. The output must stay valid.
func TestRepetitiveInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("extracts 2 MB of text")
	}
	p := pipeline(t)
	for _, tc := range []struct{ name, unit string }{
		{"countries", "روسيا سوريا تركيا إيران العراق لبنان الأردن مصر قطر فرنسا "},
		{"triggers", "هجوم اجتماع بيان اتفاق هدنة "},
		{"names", "وقال جون كيربي مايكل هاريس "},
		{"titles", "وزير الخارجية الروسي "},
		{"dates", "30 اغسطس 2016 أمس "},
		{"unknown people", "قال الرئيس الهندي راجيش كومار "},
		{"latin", "Secretary of State John Kerry "},
		{"punctuation", "«» ، . "},
		{"generic ministries", "وزارة الخارجية الخارجية الأميركية "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Repeat(tc.unit, 200000/len(tc.unit))
			r, err := p.Extract(Article{ID: "x", Text: text})
			if err != nil {
				t.Fatal(err)
			}
			checkInvariants(t, text, r)
		})
	}
}
