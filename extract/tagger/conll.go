package tagger

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Sentence is one tokenized sentence with its IOB2 tags. Tags is nil for
// untagged input, otherwise it has one tag per token.
type Sentence struct {
	Tokens []string
	Tags   []string
}

// ErrFormat reports malformed CoNLL input.
var ErrFormat = errors.New("tagger: malformed CoNLL")

// ReadCoNLL reads whitespace-separated columns, one token per line, with a
// blank line between sentences. The first column is the token; the last
// column, when a line has two or more, is its tag. Other columns are
// ignored. Lines starting with "-DOCSTART-" are skipped. Every line of a
// sentence must have the same number of columns.
func ReadCoNLL(r io.Reader) ([]Sentence, error) {
	var (
		out  []Sentence
		cur  Sentence
		cols int
		line int
	)
	flush := func() {
		if len(cur.Tokens) > 0 {
			out = append(out, cur)
		}
		cur = Sentence{}
		cols = 0
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		f := strings.Fields(text)
		if len(f) == 0 {
			flush()
			continue
		}
		if f[0] == "-DOCSTART-" {
			flush()
			continue
		}
		if cols == 0 {
			cols = len(f)
		} else if len(f) != cols {
			return nil, fmt.Errorf("%w: line %d has %d columns, the sentence started with %d", ErrFormat, line, len(f), cols)
		}
		cur.Tokens = append(cur.Tokens, f[0])
		if len(f) > 1 {
			tag := f[len(f)-1]
			if !validTag(tag) {
				return nil, fmt.Errorf("%w: line %d: bad tag %q", ErrFormat, line, tag)
			}
			cur.Tags = append(cur.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tagger: read CoNLL near line %d: %w", line+1, err)
	}
	flush()
	return out, nil
}

// validTag accepts O and any B-X / I-X tag; the type set is not fixed here
// so that other corpora can be read and scored.
func validTag(t string) bool {
	if t == "O" {
		return true
	}
	return len(t) > 2 && (t[0] == 'B' || t[0] == 'I') && t[1] == '-'
}

// WriteCoNLL writes sentences as "token tag" lines (or just the token when a
// sentence has no tags), with a blank line between sentences.
func WriteCoNLL(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for i, s := range sents {
		if s.Tags != nil && len(s.Tags) != len(s.Tokens) {
			return fmt.Errorf("tagger: write CoNLL: sentence %d has %d tokens and %d tags", i, len(s.Tokens), len(s.Tags))
		}
		if i > 0 {
			bw.WriteByte('\n')
		}
		for j, t := range s.Tokens {
			if t == "" || strings.ContainsAny(t, " \t\n\r") {
				return fmt.Errorf("tagger: write CoNLL: sentence %d token %d %q is empty or has white space", i, j, t)
			}
			bw.WriteString(t)
			if s.Tags != nil {
				bw.WriteByte(' ')
				bw.WriteString(s.Tags[j])
			}
			bw.WriteByte('\n')
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("tagger: write CoNLL: %w", err)
	}
	return nil
}
