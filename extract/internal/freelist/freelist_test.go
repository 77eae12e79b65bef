package freelist

import "testing"

func TestList(t *testing.T) {
	l := New[[]int]()
	a := l.Get()
	*a = append(*a, 1, 2, 3)
	l.Put(a)
	if b := l.Get(); b != a || len(*b) != 3 {
		t.Fatalf("Get after Put: %p %v, want the value put back (%p)", b, *b, a)
	}
	if c := l.Get(); c == a || len(*c) != 0 {
		t.Fatalf("Get on an empty list: %v, want a new zero value", *c)
	}
	for i := 0; i < 3*cap(l.free); i++ {
		l.Put(new([]int)) // beyond capacity: dropped, never blocks
	}
	var nl *List[int]
	if v := nl.Get(); v == nil || *v != 0 {
		t.Fatal("a nil List must return new values")
	}
	nl.Put(new(int))
}
