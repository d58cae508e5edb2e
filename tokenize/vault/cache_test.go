package vault

import (
	"strconv"
	"sync"
	"testing"
)

// TestCache: a hit is always the entry of its key; a set keeps its newest
// four entries; concurrent readers and writers see whole entries (run
// with -race).
func TestCache(t *testing.T) {
	c := newCache(64) // 16 sets
	key := func(i int) cacheKey { return cacheKey{a: uint64(i) * 4, b: uint64(i)} }
	ent := func(i int) entry { return entry{id: "tk_" + strconv.Itoa(i), ct: "vault:v1:" + strconv.Itoa(i)} }
	// keys i*4 with the same low bits share a set: 0, 16, 32, ... all in set 0
	for i := 0; i < 6; i++ {
		c.add(key(i*16), ent(i*16))
	}
	for i := 0; i < 6; i++ {
		e := c.get(key(i * 16))
		switch {
		case i < 2 && e != nil:
			t.Errorf("key %d: still cached after four newer entries of its set", i*16)
		case i >= 2 && (e == nil || *e != ent(i*16)):
			t.Errorf("key %d: got %v, want its own entry", i*16, e)
		}
	}
	c.add(key(5*16), entry{id: "other"}) // already there: kept as it was
	if e := c.get(key(5 * 16)); e == nil || e.id != "tk_80" {
		t.Errorf("adding a cached key replaced its entry: %v", e)
	}
	if c.get(cacheKey{a: 0, b: 99}) != nil {
		t.Error("a key hit another key's entry (same set, other b)")
	}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20000; i++ {
				k := i % 200
				if e := c.get(key(k)); e != nil && *e != ent(k) {
					t.Errorf("key %d: wrong entry %v", k, *e)
					return
				}
				c.add(key(k), ent(k))
			}
		}()
	}
	wg.Wait()
	c.purge()
	if c.get(key(199)) != nil {
		t.Error("purge left an entry")
	}
}

// TestCachePromotes: an entry that is hit moves up its set, so a value
// that keeps coming back outlives values seen once.
func TestCachePromotes(t *testing.T) {
	c := newCache(4) // one set
	key := func(i int) cacheKey { return cacheKey{a: 0, b: uint64(i)} }
	c.add(key(0), entry{id: "hot"})
	for i := 1; i < 100; i++ {
		if e := c.get(key(0)); e == nil || e.id != "hot" {
			t.Fatalf("after %d one-off values the returning one was evicted", i-1)
		}
		c.add(key(i), entry{id: "once"})
	}
}
