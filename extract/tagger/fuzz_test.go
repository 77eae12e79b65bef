package tagger

import (
	"strings"
	"testing"
)

func FuzzLoad(f *testing.F) {
	m, err := Train(smallTrain(), TrainOptions{Epochs: 2, MinCount: 1})
	if err != nil {
		f.Fatal(err)
	}
	b, err := m.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(magic + "\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(data)
		if err != nil {
			return
		}
		// Whatever loads must tag without panicking.
		toks := strings.Fields("قال الرئيس محمد في القاهرة")
		if tags := m.Tag(toks); len(tags) != len(toks) {
			t.Fatalf("Tag gave %d tags for %d tokens", len(tags), len(toks))
		}
	})
}

func FuzzTag(f *testing.F) {
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("وقال وزير الخارجية السوري وليد المعلم")
	f.Add("John Smith « ( 2024 » ـ")
	f.Add("\u200fمحمد\u0640 أحمد")
	f.Fuzz(func(t *testing.T, text string) {
		toks := strings.Fields(text)
		tags := m.Tag(toks)
		if len(tags) != len(toks) {
			t.Fatalf("Tag(%q) gave %d tags", toks, len(tags))
		}
		checkIOB2(t, toks, tags)
		doc := m.TagDocument([][]string{toks, toks})
		if len(doc) != 2 || len(doc[0]) != len(toks) || len(doc[1]) != len(toks) {
			t.Fatalf("TagDocument(%q) gave %q", toks, doc)
		}
		checkIOB2(t, toks, doc[1])
	})
}
