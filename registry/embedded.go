package registry

import (
	_ "embed"
	"sync"
)

// embeddedFile is derived from Kuzzle 1.12's published error-codes page by
// TestEmbeddedMatchesSeed -update (see registry_test.go).
//
//go:embed data/kuzzle-1.12.tsv
var embeddedFile []byte

// EmbeddedName is the position prefix of the embedded registry's entries.
const EmbeddedName = "kuzzle-1.12 (embedded)"

// Default returns the embedded Kuzzle 1.12 registry: 209 ids in 8 domains.
// It is parsed once per process.
var Default = sync.OnceValue(func() *Registry {
	r, err := ParseTSV(EmbeddedName, embeddedFile)
	if err != nil {
		// The file is part of this package and checked by its tests.
		panic("registry: corrupt embedded registry: " + err.Error())
	}
	return r
})
