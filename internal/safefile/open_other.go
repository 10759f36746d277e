//go:build !unix

package safefile

import "os"

// open checks the path's type before opening it, where the platform has
// no non-blocking open: a race with a rename remains possible there.
func open(path string, follow bool) (*os.File, error) {
	stat := os.Stat
	if !follow {
		stat = os.Lstat
	}
	info, err := stat(path)
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(path, info); err != nil {
		return nil, err
	}
	return os.Open(path)
}
