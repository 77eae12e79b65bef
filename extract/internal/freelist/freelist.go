// Package freelist keeps scratch values for reuse between goroutines.
package freelist

import "runtime"

// List keeps idle values of T for the next user. Unlike a sync.Pool it
// survives garbage collections, which a long run makes often, so what a
// value has grown or cached stays with it.
type List[T any] struct {
	free chan *T
}

// New returns a List that keeps up to two idle values per core.
func New[T any]() *List[T] {
	return &List[T]{free: make(chan *T, 2*runtime.GOMAXPROCS(0))}
}

// Get returns an idle value, or a new zero one. A nil List always
// returns a new one.
func (l *List[T]) Get() *T {
	if l == nil {
		return new(T)
	}
	select {
	case v := <-l.free:
		return v
	default:
		return new(T)
	}
}

// Put keeps v for a later Get, unless the List is full.
func (l *List[T]) Put(v *T) {
	if l == nil {
		return
	}
	select {
	case l.free <- v:
	default: // more users at once than are kept
	}
}
