package tagger

import "slices"

// table maps feature keys to weight rows: open addressing with linear
// probing over a power-of-two array, at most half full. Keys are already
// well mixed, so the low bits index the array. It is faster than a Go map
// for the many missing keys tagging looks up, and cheaper to build. A key
// and its row share a slot, so a lookup touches one cache line.
type table struct {
	slots []slot
	mask  uint64
	n     int
}

type slot struct {
	key uint64 // 0 marks an empty slot (fkey never returns 0)
	row int32
}

func newTable(n int) *table {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &table{slots: make([]slot, size), mask: uint64(size - 1)}
}

// put adds or replaces key's row.
func (t *table) put(key uint64, row int32) {
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		switch t.slots[i].key {
		case 0:
			t.slots[i] = slot{key, row}
			t.n++
			return
		case key:
			t.slots[i].row = row
			return
		}
	}
}

// get returns key's row, or -1.
func (t *table) get(key uint64) int32 {
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		switch s.key {
		case key:
			return s.row
		case 0:
			return -1
		}
	}
}

// sorted returns the keys of t in increasing order.
func (t *table) sorted() []uint64 {
	keys := make([]uint64, 0, t.n)
	for _, s := range t.slots {
		if s.key != 0 {
			keys = append(keys, s.key)
		}
	}
	slices.Sort(keys)
	return keys
}

// byteTable maps hashes to bytes, like table. Key 0 is stored as 1.
type byteTable struct {
	keys []uint64
	vals []uint8
	mask uint64
	n    int
}

func newByteTable(n int) *byteTable {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &byteTable{keys: make([]uint64, size), vals: make([]uint8, size), mask: uint64(size - 1)}
}

func nonZero(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

func (t *byteTable) put(key uint64, v uint8) {
	key = nonZero(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case 0:
			t.keys[i], t.vals[i] = key, v
			t.n++
			return
		case key:
			t.vals[i] = v
			return
		}
	}
}

// lookup returns key's value and whether it is present.
func (t *byteTable) lookup(key uint64) (uint8, bool) {
	key = nonZero(key)
	for i := key & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case key:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// get returns key's value, 0 when absent.
func (t *byteTable) get(key uint64) uint8 {
	v, _ := t.lookup(key)
	return v
}

// sorted returns the keys in ascending order.
func (t *byteTable) sorted() []uint64 {
	keys := make([]uint64, 0, t.n)
	for _, k := range t.keys {
		if k != 0 {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// byteTableOf copies a map into a byteTable.
func byteTableOf(m map[uint64]uint8) *byteTable {
	t := newByteTable(len(m))
	for k, v := range m {
		t.put(k, v)
	}
	return t
}

// packed is a read-only copy of a table made for tagging: a slot is one
// word holding the key's bits above rowBits and, below them, the row plus
// one (0 marks an empty slot). Lookups read half the memory of a table,
// which matters because tagging is bound by cache misses. packTable
// refuses a table in which two keys share their upper bits; a key that
// is not in the table can still pass for one that is, with odds of 2^-40
// per probe.
type packed struct {
	slots []uint64
	mask  uint64
}

const (
	rowBits = 24
	rowMask = 1<<rowBits - 1
)

// packTable returns t packed, or nil when it cannot be.
func packTable(t *table) *packed {
	if t.n >= rowMask {
		return nil
	}
	p := &packed{slots: make([]uint64, len(t.slots)), mask: t.mask}
	for _, s := range t.slots {
		if s.key == 0 {
			continue
		}
		hi := s.key &^ rowMask
		for i := s.key & p.mask; ; i = (i + 1) & p.mask {
			v := p.slots[i]
			if v == 0 {
				p.slots[i] = hi | uint64(s.row+1)
				break
			}
			if v&^rowMask == hi {
				return nil
			}
		}
	}
	return p
}

// get returns key's row, or -1.
func (p *packed) get(key uint64) int32 {
	hi := key &^ rowMask
	for i := key & p.mask; ; i = (i + 1) & p.mask {
		v := p.slots[i]
		if v == 0 {
			return -1
		}
		if v&^rowMask == hi {
			return int32(v&rowMask) - 1
		}
	}
}
