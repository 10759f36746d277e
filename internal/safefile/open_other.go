//go:build !unix

package safefile

import "os"

// open opens path for reading; the caller has checked its type, and here,
// where no open can be made non-blocking, a race with a rename remains.
func open(path string, follow bool) (*os.File, error) {
	return os.Open(path)
}
