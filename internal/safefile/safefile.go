// Package safefile reads the files kerrlint is given by others — registry
// files, embedded files, sources — without trusting what they are: only
// regular files, never more than a bound, never blocking on a named pipe or
// a device, and without following a final symbolic link when asked not to.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// MaxSize bounds a file read with ReadFile: far above any registry or
// source a person writes (Kuzzle's largest codes file is under 100 KiB),
// far below what exhausts memory.
const MaxSize = 64 << 20

// ErrNotRegular is the error for a path that names something other than a
// regular file: a directory, a named pipe, a device, a socket.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is the error for a file larger than the bound.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads the regular file at path, at most MaxSize bytes. With
// follow false, a symbolic link as the final element is refused as the go
// command refuses it for //go:embed. Errors are *fs.PathError.
func ReadFile(path string, follow bool) ([]byte, error) {
	return readFile(path, follow, MaxSize)
}

func readFile(path string, follow bool, max int64) ([]byte, error) {
	f, err := open(path, follow)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(path, info); err != nil {
		return nil, err
	}
	if info.Size() > max {
		return nil, tooLarge(path, max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: err}
	}
	if int64(len(data)) > max {
		return nil, tooLarge(path, max)
	}
	return data, nil
}

// CheckRegular returns nil when info describes a regular file, and else
// an error that says what path is instead.
func CheckRegular(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
		return nil
	}
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, kind(info.Mode()))}
}

func tooLarge(path string, max int64) error {
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (more than %d MiB)", ErrTooLarge, max>>20)}
}

// kind names a file mode's type as a person would.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	default:
		return "an irregular file"
	}
}
