package tagger

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/kgraph/kg/extract/internal/freelist"
)

// The model file is a magic string and a gzip stream (no name, zero
// modification time, so the same model always gives the same bytes) of
// varints: tags, training info, corpus lexicon maps and layers, each map
// as sorted keys (delta-coded) followed by its values.
const (
	magic         = "KGTAGGER"
	formatVersion = 2
)

// ErrModel reports a model file that cannot be decoded.
var ErrModel = errors.New("tagger: bad model data")

type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }

// keys writes sorted keys: their number, then each as its distance from
// the one before.
func (e *encoder) keys(keys []uint64) {
	e.uvarint(uint64(len(keys)))
	prev := uint64(0)
	for _, k := range keys {
		e.uvarint(k - prev)
		prev = k
	}
}

func (e *encoder) byteMap(m *byteTable) {
	keys := m.sorted()
	e.keys(keys)
	for _, k := range keys {
		e.b = append(e.b, m.get(k))
	}
}

// intMap writes a table of non-negative values as sorted keys, then values.
func (e *encoder) intMap(t *table) {
	keys := t.sorted()
	e.keys(keys)
	for _, k := range keys {
		e.uvarint(uint64(t.get(k)))
	}
}

func (e *encoder) layer(l *layer, T int) {
	for _, v := range l.trans {
		e.varint(int64(v))
	}
	keys := l.index.sorted()
	e.keys(keys)
	// Which weights of each row are non-zero, then the non-zero weights.
	for _, k := range keys {
		r := int(l.index.get(k))
		mask := uint64(0)
		for t, v := range l.w[r*T : r*T+T] {
			if v != 0 {
				mask |= 1 << t
			}
		}
		e.uvarint(mask)
	}
	for _, k := range keys {
		r := int(l.index.get(k))
		for _, v := range l.w[r*T : r*T+T] {
			if v != 0 {
				e.varint(int64(v))
			}
		}
	}
}

// MarshalBinary encodes the model. The encoding is deterministic.
func (m *Model) MarshalBinary() ([]byte, error) {
	T := len(m.tags)
	var e encoder
	e.uvarint(uint64(T))
	for _, t := range m.tags {
		e.str(t)
	}
	in := m.info
	doc := uint64(0)
	if m.doc != nil {
		doc = 1
	}
	for _, v := range []uint64{uint64(in.Sentences), uint64(in.Tokens), uint64(in.Epochs), in.Seed, uint64(in.Bags), uint64(in.Folds), uint64(in.MinCount), doc, b2u(m.fz.ext != nil)} {
		e.uvarint(v)
	}
	e.uvarint(uint64(m.lex.maxLen))
	e.byteMap(m.lex.words)
	e.byteMap(m.lex.stems)
	e.byteMap(m.lex.phrases)
	e.byteMap(m.lex.freq)
	if x := m.fz.ext; x != nil {
		e.uvarint(uint64(x.maxLen))
		e.intMap(x.words)
		e.byteMap(x.phrases)
	}
	e.layer(&m.base, T)
	if m.doc != nil {
		e.layer(m.doc, T)
	}

	var buf bytes.Buffer
	buf.WriteString(magic)
	buf.WriteByte(formatVersion)
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, fmt.Errorf("tagger: encode model: %w", err)
	}
	if _, err := zw.Write(e.b); err != nil {
		return nil, fmt.Errorf("tagger: encode model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("tagger: encode model: %w", err)
	}
	return buf.Bytes(), nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = fmt.Errorf("%w: truncated varint", ErrModel)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = fmt.Errorf("%w: truncated varint", ErrModel)
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length and checks it against what is left to read, so bad
// data cannot make the decoder allocate without bound.
func (d *decoder) count(perItem int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)/perItem) {
		d.err = fmt.Errorf("%w: count %d exceeds the data", ErrModel, n)
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) keys() []uint64 {
	n := d.count(1)
	if d.err != nil {
		return nil
	}
	keys := make([]uint64, n)
	prev := uint64(0)
	for i := range keys {
		delta := d.uvarint()
		if i > 0 && delta == 0 {
			d.err = fmt.Errorf("%w: duplicate key", ErrModel)
			return nil
		}
		prev += delta
		keys[i] = prev
	}
	return keys
}

func (d *decoder) byteMap() *byteTable {
	keys := d.keys()
	if d.err != nil {
		return nil
	}
	if len(d.b) < len(keys) {
		d.err = fmt.Errorf("%w: truncated map", ErrModel)
		return nil
	}
	m := newByteTable(len(keys))
	for i, k := range keys {
		m.put(k, d.b[i])
	}
	d.b = d.b[len(keys):]
	return m
}

func (d *decoder) intMap() *table {
	keys := d.keys()
	if d.err != nil {
		return nil
	}
	t := newTable(len(keys))
	for _, k := range keys {
		v := d.uvarint()
		if k == 0 || v > math.MaxInt32 {
			d.err = fmt.Errorf("%w: bad lexicon entry", ErrModel)
			return nil
		}
		t.put(k, int32(v))
	}
	return t
}

func (d *decoder) layer(T int) layer {
	l := layer{trans: make([]int32, (T+1)*T)}
	for i := range l.trans {
		l.trans[i] = int32(d.varint())
	}
	keys := d.keys()
	if d.err != nil {
		return l
	}
	masks := make([]uint64, len(keys))
	for i := range masks {
		masks[i] = d.uvarint()
		if masks[i]>>T != 0 {
			d.err = fmt.Errorf("%w: weight mask out of range", ErrModel)
			return l
		}
	}
	l.index = newTable(len(keys))
	l.w = make([]int32, len(keys)*T)
	for i, k := range keys {
		if k == 0 {
			d.err = fmt.Errorf("%w: zero feature key", ErrModel)
			return l
		}
		l.index.put(k, int32(i))
		row := l.w[i*T : i*T+T]
		for t := range row {
			if masks[i]&(1<<t) != 0 {
				row[t] = int32(d.varint())
			}
		}
	}
	l.freeze()
	return l
}

// Load decodes a model written by MarshalBinary.
func Load(data []byte) (*Model, error) {
	if len(data) < len(magic)+1 || string(data[:len(magic)]) != magic {
		return nil, fmt.Errorf("%w: not a tagger model", ErrModel)
	}
	if v := data[len(magic)]; v != formatVersion {
		return nil, fmt.Errorf("%w: format version %d, want %d", ErrModel, v, formatVersion)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data[len(magic)+1:]))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrModel, err)
	}
	d := &decoder{b: raw}
	T := d.count(1)
	if d.err == nil && (T < 1 || T > 64 || T%2 != 1) {
		return nil, fmt.Errorf("%w: %d tags", ErrModel, T)
	}
	m := &Model{tags: make([]string, T)}
	for i := range m.tags {
		m.tags[i] = d.str()
	}
	if d.err == nil && !validTagSet(m.tags) {
		return nil, fmt.Errorf("%w: bad tag set %q", ErrModel, m.tags)
	}
	var doc uint64
	m.info.Sentences = int(d.uvarint())
	m.info.Tokens = int(d.uvarint())
	m.info.Epochs = int(d.uvarint())
	m.info.Seed = d.uvarint()
	m.info.Bags = int(d.uvarint())
	m.info.Folds = int(d.uvarint())
	m.info.MinCount = int(d.uvarint())
	doc = d.uvarint()
	m.info.Doc = doc == 1
	hasExt := d.uvarint()
	m.info.Lexicon = hasExt == 1
	m.lex = &clex{maxLen: int(d.uvarint())}
	m.lex.words = d.byteMap()
	m.lex.stems = d.byteMap()
	m.lex.phrases = d.byteMap()
	m.lex.freq = d.byteMap()
	m.fz = featurizer{lists: newBuiltin()}
	if hasExt == 1 {
		x := &extLex{maxLen: int(d.uvarint())}
		x.words = d.intMap()
		x.phrases = d.byteMap()
		if d.err == nil && x.maxLen > maxExtLen {
			return nil, fmt.Errorf("%w: name length %d", ErrModel, x.maxLen)
		}
		m.fz.ext = x
	}
	m.base = d.layer(T)
	if doc == 1 {
		l := d.layer(T)
		m.doc = &l
	}
	if d.err != nil {
		return nil, d.err
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrModel, len(d.b))
	}
	if m.lex.maxLen > maxPhraseLen {
		return nil, fmt.Errorf("%w: phrase length %d", ErrModel, m.lex.maxLen)
	}
	m.allow = allowed(T)
	m.pool = freelist.New[scratch]()
	return m, nil
}

// validTagSet checks the layout the decoder relies on: O, then B-X, I-X
// pairs.
func validTagSet(tags []string) bool {
	if len(tags) == 0 || tags[0] != "O" {
		return false
	}
	for i := 1; i+1 < len(tags); i += 2 {
		b, bt := splitTag(tags[i])
		c, ct := splitTag(tags[i+1])
		if b != 'B' || c != 'I' || bt != ct {
			return false
		}
	}
	return true
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
