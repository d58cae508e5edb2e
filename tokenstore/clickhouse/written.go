package clickhouse

import (
	"hash/maphash"
	"sync/atomic"
)

// written remembers which tokens a Store wrote (or found stored) on which
// UTC day: a four-way set-associative table of immutable marks behind
// atomic pointers, read without a lock (Put looks up every token of every
// batch in it: a locked LRU cost a fifth of Put). A mark is found only by
// its full token ID, so a collision can cost a lookup, never skip a write;
// a set forgets its oldest mark when full.
type written struct {
	seed  maphash.Seed
	slots []atomic.Pointer[writtenMark]
	mask  uint64
}

// writtenMark is what Put knows of a token's stored row.
type writtenMark struct {
	id         string
	day        int64 // UTC day (Unix days) last-seen was written or found
	hasSubject bool
}

const writtenWays = 4

func newWritten(n int) *written {
	size := writtenWays
	for size < n {
		size <<= 1
	}
	return &written{seed: maphash.MakeSeed(), slots: make([]atomic.Pointer[writtenMark], size), mask: uint64(size - 1)}
}

func (w *written) set(id string) []atomic.Pointer[writtenMark] {
	i := maphash.String(w.seed, id) & w.mask &^ (writtenWays - 1)
	return w.slots[i : i+writtenWays]
}

// get returns id's mark, or nil.
func (w *written) get(id string) *writtenMark {
	set := w.set(id)
	for i := range set {
		if m := set[i].Load(); m != nil && m.id == id {
			return m
		}
	}
	return nil
}

// add records id's mark, replacing an older one of id or else the set's
// oldest.
func (w *written) add(id string, day int64, hasSubject bool) {
	m := &writtenMark{id: id, day: day, hasSubject: hasSubject}
	set := w.set(id)
	for i := range set {
		if o := set[i].Load(); o != nil && o.id == id {
			set[i].Store(m)
			return
		}
	}
	for i := writtenWays - 1; i > 0; i-- {
		set[i].Store(set[i-1].Load())
	}
	set[0].Store(m)
}

// remove forgets id.
func (w *written) remove(id string) {
	set := w.set(id)
	for i := range set {
		if o := set[i].Load(); o != nil && o.id == id {
			set[i].CompareAndSwap(o, nil)
		}
	}
}
