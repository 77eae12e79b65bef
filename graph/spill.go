package graph

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"slices"
)

// spill sorts byte records of any total size in bounded memory: records
// are kept in memory up to a limit, then sorted and written to a run file
// in dir; reading merges the runs. Equal records are kept.
type spill struct {
	dir   string
	limit int // bytes held in memory before a run is written
	mem   [][]byte
	size  int
	runs  []string
	n     int // records added
}

func newSpill(dir string, limit int) *spill {
	return &spill{dir: dir, limit: limit}
}

// add stores a copy of rec.
func (s *spill) add(rec []byte) error {
	s.mem = append(s.mem, bytes.Clone(rec))
	s.size += len(rec) + 24 // slice header
	s.n++
	if s.size >= s.limit {
		return s.flush()
	}
	return nil
}

// flush writes the records in memory as a sorted run.
func (s *spill) flush() error {
	if len(s.mem) == 0 {
		return nil
	}
	slices.SortFunc(s.mem, bytes.Compare)
	f, err := os.CreateTemp(s.dir, "run-*.bin")
	if err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	var n [binary.MaxVarintLen64]byte
	for _, r := range s.mem {
		w.Write(n[:binary.PutUvarint(n[:], uint64(len(r)))])
		w.Write(r)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("spill: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	s.runs = append(s.runs, f.Name())
	s.mem, s.size = nil, 0
	return nil
}

// each calls fn with every record in byte order. The record is only valid
// during the call.
func (s *spill) each(fn func(rec []byte) error) error {
	if len(s.runs) == 0 {
		slices.SortFunc(s.mem, bytes.Compare)
		for _, r := range s.mem {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
	if err := s.flush(); err != nil {
		return err
	}
	h := &runHeap{}
	for _, name := range s.runs {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("spill: %w", err)
		}
		defer f.Close()
		r := &runFile{br: bufio.NewReaderSize(f, 1<<16)}
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Push(h, r)
		}
	}
	for h.Len() > 0 {
		r := (*h)[0]
		if err := fn(r.cur); err != nil {
			return err
		}
		ok, err := r.next()
		if err != nil {
			return err
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return nil
}

// close removes the run files.
func (s *spill) close() {
	for _, name := range s.runs {
		os.Remove(name)
	}
	s.runs, s.mem = nil, nil
}

// runFile reads one sorted run file.
type runFile struct {
	br  *bufio.Reader
	cur []byte
}

func (r *runFile) next() (bool, error) {
	n, err := binary.ReadUvarint(r.br)
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("spill: read run: %w", err)
	}
	if uint64(cap(r.cur)) < n {
		r.cur = make([]byte, n)
	}
	r.cur = r.cur[:n]
	if _, err := io.ReadFull(r.br, r.cur); err != nil {
		return false, fmt.Errorf("spill: read run: %w", err)
	}
	return true, nil
}

type runHeap []*runFile

func (h runHeap) Len() int           { return len(h) }
func (h runHeap) Less(i, j int) bool { return bytes.Compare(h[i].cur, h[j].cur) < 0 }
func (h runHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *runHeap) Push(x any)        { *h = append(*h, x.(*runFile)) }
func (h *runHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
