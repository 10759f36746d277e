//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// open opens path for reading without blocking: a named pipe with no
// writer opens at once (and is then refused by its mode) instead of
// waiting for one. O_NOFOLLOW refuses a final symbolic link atomically.
func open(path string, follow bool) (*os.File, error) {
	flags := os.O_RDONLY | syscall.O_NONBLOCK
	if !follow {
		flags |= syscall.O_NOFOLLOW
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil && !follow {
		// ELOOP is how O_NOFOLLOW says "a symbolic link": say that.
		if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&os.ModeSymlink != 0 {
			return nil, CheckRegular(path, info)
		}
	}
	return f, err
}
