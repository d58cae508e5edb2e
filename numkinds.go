package tazala

// NumKinds sizes arrays indexed by Kind: [NumKinds]T holds one element
// per valid kind plus the invalid zero Kind, so a[k] needs no bounds
// arithmetic for any k with k.Valid().
const NumKinds = int(numKinds)
