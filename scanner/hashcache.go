package scanner

// hashCache is a direct-mapped memo from a seeded 64-bit hash of a word to
// a small value (its label hints or name flags). It holds hashes, never
// the words themselves (a word before a value may be a person's name), and
// a slot is simply overwritten on a collision of the low bits; a full
// 64-bit match is required to hit.
type hashCache struct {
	slots [hashCacheSize]hashSlot
}

type hashSlot struct {
	h uint64
	v uint32
	// ok marks a filled slot (a zero hash is a valid hash)
	ok bool
}

const hashCacheSize = 1 << 12

func (c *hashCache) get(h uint64) (uint32, bool) {
	e := &c.slots[h&(hashCacheSize-1)]
	if e.ok && e.h == h {
		return e.v, true
	}
	return 0, false
}

func (c *hashCache) put(h uint64, v uint32) {
	c.slots[h&(hashCacheSize-1)] = hashSlot{h: h, v: v, ok: true}
}
