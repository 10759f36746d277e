//go:build unix

package registry

import "syscall"

// openNonblock opens a named pipe without waiting for a writer (see ReadFile).
const openNonblock = syscall.O_NONBLOCK
