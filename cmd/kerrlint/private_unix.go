//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// privateDir returns kerrlint's own directory for markers under go vet,
// $TMPDIR/kerrlint-vet-UID, creating it if needed. It is used only when it
// is a real directory (not a symbolic link), owned by the user and closed
// to others: in a shared temporary directory anyone may have created that
// name first, and what kerrlint removes there must be its own.
func privateDir() (string, bool) {
	uid := os.Getuid()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("kerrlint-vet-%d", uid))
	if err := os.Mkdir(dir, 0o700); err != nil && !os.IsExist(err) {
		return "", false
	}
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() || info.Mode().Perm()&0o077 != 0 {
		return "", false
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	return dir, ok && int(st.Uid) == uid
}
