//go:build !unix

package registry

// openNonblock is 0 where opening a file cannot block on a writer.
const openNonblock = 0
