package registry

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
)

// MaxFileSize bounds the size of one registry file (Kuzzle 2.56's largest
// domain file is under 100 kB): a larger one is refused, not read, so that a
// registry path naming /dev/zero-like content cannot exhaust memory.
const MaxFileSize = 64 << 20

// ReadFile reads a registry file from the operating system: a regular file
// (a symbolic link to one is followed) of at most MaxFileSize bytes.
// Anything else, a named pipe, a device, a socket or a directory, is refused
// before it is read, so that a registry path can never block or stream
// forever. The mode is checked before the file is opened (opening some
// devices has effects), and again on the open file, which is opened without
// blocking: a file swapped for a named pipe in between is still refused.
func ReadFile(name string) ([]byte, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if err := regular(name, info); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readRegular(name, f)
}

// readFS is ReadFile on a file system. fs.FS has no way to open without
// blocking: the mode is checked by fs.Stat before the file is opened and on
// the open file, leaving a file swapped for a named pipe between the two
// (in an os.DirFS) a window ReadFile does not have.
func readFS(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := regular(name, info); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readRegular(name, f)
}

// ErrNotRegular is the error (in an *fs.PathError) of reading a registry
// path that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// regular returns an *fs.PathError wrapping ErrNotRegular, naming the kind
// of file, unless info is a regular file's.
func regular(name string, info fs.FileInfo) error {
	mode := info.Mode()
	if mode.IsRegular() {
		return nil
	}
	kind := "a special file"
	switch {
	case mode.IsDir():
		kind = "a directory"
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	case mode&fs.ModeCharDevice != 0:
		kind = "a character device"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	case mode&fs.ModeSymlink != 0:
		kind = "a symbolic link"
	case mode&fs.ModeIrregular != 0:
		kind = "an irregular file"
	}
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w (%s)", ErrNotRegular, kind)}
}

// readRegular reads an open file after checking again that it is a regular
// file, at most MaxFileSize bytes.
func readRegular(name string, f fs.File) ([]byte, error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(name, info); err != nil {
		return nil, err
	}
	if info.Size() > MaxFileSize {
		return nil, tooLarge(name)
	}
	data := make([]byte, 0, info.Size()+1) // +1: io.ReadAll's final read needs no growth
	data, err = readAll(io.LimitReader(f, MaxFileSize+1), data)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if len(data) > MaxFileSize { // grew after the Stat
		return nil, tooLarge(name)
	}
	return data, nil
}

// ErrTooLarge is the error (in an *fs.PathError) of reading a registry file
// larger than MaxFileSize.
var ErrTooLarge = errors.New("file too large")

func tooLarge(name string) error {
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w (more than %d MiB)", ErrTooLarge, MaxFileSize>>20)}
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

// readDir is os.ReadDir opening the directory without blocking, so that a
// directory swapped for a named pipe after its Stat cannot block.
func readDir(name string) ([]fs.DirEntry, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|openNonblock, 0)
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

// Files returns the registry files that Load reads for path: path itself,
// the manifest.json of a plugin's directory, or the *.json files of a
// directory, sorted. It reads none of them (see ReadFile).
func Files(path string) ([]string, error) {
	files, ps := osSource.files(path)
	if ps != nil {
		return nil, ps
	}
	return files, nil
}

// listJSON returns the *.json names of a directory, joined to it, sorted;
// an unlistable directory is its error (permission denied), not an empty
// list.
func listJSON(readDir func(string) ([]fs.DirEntry, error), join func(...string) string, dir string) ([]string, error) {
	entries, err := readDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if ok, _ := path.Match("*.json", e.Name()); ok {
			out = append(out, join(dir, e.Name()))
		}
	}
	return out, nil
}
