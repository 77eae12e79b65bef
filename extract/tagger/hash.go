package tagger

// Features are identified by 64-bit hashes so that tagging builds no
// feature strings: each token's strings are hashed once (FNV-1a) and a
// feature key mixes a template id with those hashes.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashString is FNV-1a over the bytes of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix combines two 64-bit values into a well-spread key (the MurmurHash3
// finalizer applied to a multiplicative combination).
func mix(a, b uint64) uint64 {
	x := a*0x9E3779B97F4A7C15 ^ b
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// fkey is the key of template t with sub-field sub and value hash h. It is
// never 0, which marks an empty table slot.
func fkey(t, sub int, h uint64) uint64 {
	k := mix(uint64(t)<<16|uint64(sub&0xffff), h)
	if k == 0 {
		k = 1
	}
	return k
}
