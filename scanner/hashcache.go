package scanner

import "hash/maphash"

// hashCache is a memo from a seeded 64-bit hash of a word to a small value
// (its label hints or name flags). It holds hashes, never the words
// themselves (a word before a value may be a person's name); a full 64-bit
// match is required to hit.
//
// It is two-way set-associative: a record's few hundred distinct words
// rarely take three slots of one set, where a direct-mapped table let
// two frequent words evict each other (3568 misses against 600 compulsory
// ones on the typical input, depending on the seed).
type hashCache struct {
	sets [hashCacheSets]hashSet
}

// hashSet holds two entries, the newer first; a value is stored with
// filled set, so a zero value is an empty entry.
type hashSet struct {
	h [2]uint64
	v [2]uint32
}

const (
	hashCacheSets = 1 << 12
	filled        = 1 << 31 // no cached value uses the top bit
)

func (c *hashCache) get(h uint64) (uint32, bool) {
	e := &c.sets[h&(hashCacheSets-1)]
	if e.h[0] == h && e.v[0] != 0 {
		return e.v[0] &^ filled, true
	}
	if e.h[1] == h && e.v[1] != 0 {
		return e.v[1] &^ filled, true
	}
	return 0, false
}

// put stores v under h, the older entry of its set giving way.
func (c *hashCache) put(h uint64, v uint32) {
	e := &c.sets[h&(hashCacheSets-1)]
	e.h[1], e.v[1] = e.h[0], e.v[0]
	e.h[0], e.v[0] = h, v|filled
}

// tldOK is validTLD memoised in the label memo under a hash of its own
// seed (the shared table takes no lock and the look-up allocates nothing).
func (s *Scanner) tldOK(tld []byte) bool {
	h := maphash.Bytes(s.tldSeed, tld)
	if v, ok := s.ccache.get(h); ok {
		return v != 0
	}
	ok := validTLD(tld)
	v := uint32(0)
	if ok {
		v = 1
	}
	s.ccache.put(h, v)
	return ok
}
