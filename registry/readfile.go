package registry

import (
	"io/fs"
	"path"

	"github.com/kerrlint/kerrlint/internal/safefile"
)

// MaxFileSize bounds the size of one registry file: a larger one is
// refused, not read, so that a registry path naming /dev/zero-like content
// cannot exhaust memory.
const MaxFileSize = safefile.MaxSize

// ReadFile reads a registry file from the operating system: a regular file
// (a symbolic link to one is followed) of at most MaxFileSize bytes.
// Anything else, a named pipe, a device, a socket or a directory, is refused
// before it is read, so that a registry path can never block or stream
// forever (see internal/safefile).
func ReadFile(name string) ([]byte, error) { return safefile.ReadFile(name, true) }

// readFS is ReadFile on a file system.
func readFS(fsys fs.FS, name string) ([]byte, error) { return safefile.ReadFS(fsys, name) }

// readDir is os.ReadDir without blocking on a directory swapped for a pipe.
func readDir(name string) ([]fs.DirEntry, error) { return safefile.ReadDir(name) }

// ErrNotRegular is the error (in an *fs.PathError) of reading a registry
// path that is not a regular file.
var ErrNotRegular = safefile.ErrNotRegular

// ErrTooLarge is the error (in an *fs.PathError) of reading a registry file
// larger than MaxFileSize.
var ErrTooLarge = safefile.ErrTooLarge

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
