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
	"os"
	"slices"
	"strings"
)

// MaxSize bounds a file read here: far above any registry or source a
// person writes (Kuzzle 2.56's largest codes file is under 100 kB), far
// below what exhausts memory.
const MaxSize = 64 << 20

// ErrNotRegular is the error (in an *fs.PathError) for a path that names
// something other than a regular file: a directory, a named pipe, a device,
// a socket, or a symbolic link where links are not followed.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is the error (in an *fs.PathError) for a file larger than
// MaxSize.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads the regular file at path, at most MaxSize bytes. With
// follow false, a symbolic link as the final element is refused, as the go
// command refuses it for //go:embed. The mode is checked before the file is
// opened (opening some devices has effects) and again on the open file,
// which is opened without blocking: a file swapped for a named pipe in
// between is still refused.
func ReadFile(path string, follow bool) ([]byte, error) {
	return readFile(path, follow, MaxSize)
}

func readFile(path string, follow bool, max int64) ([]byte, error) {
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
	f, err := open(path, follow)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpen(path, f, max)
}

// ReadFS is ReadFile on a file system (links are the file system's
// business). fs.FS has no way to open without blocking: the mode is checked
// by fs.Stat before the file is opened and on the open file, which leaves,
// in an os.DirFS, the window between the two that ReadFile does not have.
func ReadFS(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(name, info); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readOpen(name, f, MaxSize)
}

// ReadDir is os.ReadDir opening the directory without blocking, so that a
// directory swapped for a named pipe after its Stat cannot block. Entries
// are sorted by name.
func ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := open(name, true)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	entries, err := f.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// readOpen reads an open file after checking again that it is a regular
// file, at most max bytes.
func readOpen(name string, f fs.File, max int64) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := CheckRegular(name, info); err != nil {
		return nil, err
	}
	if info.Size() > max {
		return nil, tooLarge(name, max)
	}
	buf := make([]byte, 0, info.Size()+1) // +1: the final read at EOF needs no growth
	data, err := readAll(io.LimitReader(f, max+1), buf)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if int64(len(data)) > max { // grew after the Stat
		return nil, tooLarge(name, max)
	}
	return data, nil
}

// readAll is io.ReadAll into buf.
func readAll(r io.Reader, buf []byte) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// CheckRegular returns nil when info describes a regular file, and else an
// *fs.PathError wrapping ErrNotRegular that says what path is instead.
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
