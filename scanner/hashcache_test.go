package scanner

import "testing"

// TestHashCacheValues checks that no cached value uses the bit that marks
// a filled entry: every label hint and grammar class, every word flag.
func TestHashCacheValues(t *testing.T) {
	var all ctx
	for c := ctx(1); c != 0 && c <= ctxFillW; c <<= 1 {
		all |= c
	}
	if uint32(all|phraseCtx|ctxFillW)&filled != 0 || uint32(wNameShaped)&filled != 0 {
		t.Fatal("a cached value uses the filled bit")
	}
}

func TestHashCacheTwoWays(t *testing.T) {
	c := new(hashCache)
	a, b, d := uint64(5), uint64(5+hashCacheSets), uint64(5+2*hashCacheSets) // one set
	tests := []struct {
		put  uint64
		v    uint32
		want map[uint64]uint32 // present after the put
		gone []uint64
	}{
		{a, 0, map[uint64]uint32{a: 0}, []uint64{b, d}},
		{b, 7, map[uint64]uint32{a: 0, b: 7}, []uint64{d}},
		{d, 9, map[uint64]uint32{b: 7, d: 9}, []uint64{a}}, // the older entry gives way
	}
	for i, tt := range tests {
		c.put(tt.put, tt.v)
		for h, v := range tt.want {
			if got, ok := c.get(h); !ok || got != v {
				t.Errorf("step %d: get(%d) = %d, %v; want %d, true", i, h, got, ok, v)
			}
		}
		for _, h := range tt.gone {
			if _, ok := c.get(h); ok {
				t.Errorf("step %d: get(%d) hit", i, h)
			}
		}
	}
	if _, ok := new(hashCache).get(0); ok {
		t.Error("an empty cache hit hash 0")
	}
}
