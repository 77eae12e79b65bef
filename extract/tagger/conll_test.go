package tagger

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestReadCoNLL(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []Sentence
	}{
		{"two sentences, no final newline", "فرانكفورت B-LOC\n(د O\n\nقال O\n. O",
			[]Sentence{{Tokens: []string{"فرانكفورت", "(د"}, Tags: []string{"B-LOC", "O"}}, {Tokens: []string{"قال", "."}, Tags: []string{"O", "O"}}}},
		{"extra columns use the last", "محمد NNP x B-PERS\nعلي NNP x I-PERS\n",
			[]Sentence{{Tokens: []string{"محمد", "علي"}, Tags: []string{"B-PERS", "I-PERS"}}}},
		{"tokens only", "محمد\nعلي\n\n\n",
			[]Sentence{{Tokens: []string{"محمد", "علي"}}}},
		{"CRLF, BOM, docstart", "\ufeff-DOCSTART- O\r\n\r\nدمشق B-LOC\r\n",
			[]Sentence{{Tokens: []string{"دمشق"}, Tags: []string{"B-LOC"}}}},
		{"empty", "", nil},
	}
	for _, c := range cases {
		got, err := ReadCoNLL(strings.NewReader(c.in))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: ReadCoNLL(%q)\n got %q\nwant %q\n(% x)", c.name, c.in, got, c.want, c.in)
		}
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	cases := []struct {
		name, in, line string
	}{
		{"column count changes", "a O\nb\n", "line 2"},
		{"bad tag", "a O\n\nb X-PERS\n", "line 3"},
	}
	for _, c := range cases {
		_, err := ReadCoNLL(strings.NewReader(c.in))
		if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), c.line) {
			t.Errorf("%s: ReadCoNLL(%q) error = %v, want ErrFormat naming %s", c.name, c.in, err, c.line)
		}
	}
}

func TestCoNLLRoundTrip(t *testing.T) {
	in := []Sentence{
		{Tokens: []string{"وقال", "رئيس", "الاتحاد", "برند", "جوتشولك"}, Tags: []string{"O", "O", "O", "B-PERS", "I-PERS"}},
		{Tokens: []string{"ألمانيا", "."}, Tags: []string{"B-LOC", "O"}},
		{Tokens: []string{"بلا", "وسوم"}},
	}
	var buf bytes.Buffer
	if err := WriteCoNLL(&buf, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadCoNLL(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip\n got %q\nwant %q", out, in)
	}
}

func TestWriteCoNLLErrors(t *testing.T) {
	for name, s := range map[string]Sentence{
		"tag count": {Tokens: []string{"a", "b"}, Tags: []string{"O"}},
		"space":     {Tokens: []string{"a b"}},
		"empty":     {Tokens: []string{""}},
	} {
		if err := WriteCoNLL(&bytes.Buffer{}, []Sentence{s}); err == nil {
			t.Errorf("%s: WriteCoNLL(%q) succeeded", name, s.Tokens)
		}
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("فرانكفورت B-LOC\n(د O\n\nقال O\n. O")
	f.Add("a\n\nb I-X y\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, err := ReadCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, s := range sents {
			if len(s.Tokens) == 0 || (s.Tags != nil && len(s.Tags) != len(s.Tokens)) {
				t.Fatalf("ReadCoNLL(%q) gave sentence %q / %q", in, s.Tokens, s.Tags)
			}
		}
		var buf bytes.Buffer
		if err := WriteCoNLL(&buf, sents); err != nil {
			t.Fatalf("WriteCoNLL of what ReadCoNLL(%q) gave: %v", in, err)
		}
		again, err := ReadCoNLL(&buf)
		if err != nil || !reflect.DeepEqual(again, sents) {
			t.Fatalf("round trip of %q changed %q to %q (%v)", in, sents, again, err)
		}
	})
}
