package registry

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// bounded runs f and fails t if it has not returned within a few seconds:
// a hang fails the test instead of hanging the suite (the stuck goroutine
// is left behind).
func bounded(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: still running after 10s (a hang)", what)
	}
}

// specialFiles makes a directory holding a named pipe, and returns it and
// the pipe's path. It skips t where named pipes do not exist.
func specialFiles(t *testing.T) (dir, fifo string) {
	t.Helper()
	dir = t.TempDir()
	fifo = filepath.Join(dir, "1-fifo.json")
	if err := mkfifo(fifo); err != nil {
		t.Skip("mkfifo:", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "0-ok.json"), []byte(`{"code": 70, "subDomains": {}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, fifo
}

// TestLoadSpecialFiles: a registry path that is a named pipe, a device or a
// directory holding one is one "not a regular file" error, never a hang
// or an unbounded read.
func TestLoadSpecialFiles(t *testing.T) {
	dir, fifo := specialFiles(t)
	tests := []struct{ path, want string }{
		{fifo, fifo + ": not a regular file (a named pipe)"},
		{dir, fifo + ": not a regular file (a named pipe)"},
		{"/dev/zero", "/dev/zero: not a regular file (a character device)"},
		{"/dev/null", "/dev/null: not a regular file (a character device)"},
	}
	for _, tt := range tests {
		if _, err := os.Stat(tt.path); err != nil {
			continue
		}
		bounded(t, tt.path, func() {
			_, err := Load(tt.path)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Load(%s): %v\nwant %s", tt.path, err, tt.want)
			}
			_, err = ReadFile(tt.path)
			if !errors.Is(err, ErrNotRegular) && tt.path != dir {
				t.Errorf("ReadFile(%s): %v, want ErrNotRegular", tt.path, err)
			}
		})
	}
	// The same through an fs.FS (os.DirFS) and Files (go vet's -V=full).
	bounded(t, "LoadFS", func() {
		_, err := LoadFS(os.DirFS(dir), ".")
		if want := "1-fifo.json: not a regular file (a named pipe)"; err == nil || err.Error() != want {
			t.Errorf("LoadFS(DirFS): %v\nwant %s", err, want)
		}
	})
	bounded(t, "Files", func() {
		files, err := Files(fifo)
		if err != nil || len(files) != 1 {
			t.Errorf("Files(fifo) = %v, %v", files, err)
		}
	})
}

// TestLoadFSModes: an fs.FS file whose mode is not regular is refused
// without being opened.
func TestLoadFSModes(t *testing.T) {
	fsys := fstest.MapFS{
		"codes/0-a.json":  {Data: []byte(`{"code": 70, "subDomains": {}}`)},
		"codes/1-b.json":  {Mode: fs.ModeNamedPipe},
		"codes/2-c.json":  {Mode: fs.ModeDevice | fs.ModeCharDevice},
		"dir.json/x.json": {Data: []byte(`{}`)},
	}
	_, err := LoadFS(fsys, "codes")
	want := "codes/1-b.json: not a regular file (a named pipe)\ncodes/2-c.json: not a regular file (a character device)"
	if err == nil || err.Error() != want {
		t.Errorf("LoadFS: %v\nwant %s", err, want)
	}
	if _, err := LoadFS(fsys, "dir.json/x.json", "codes/0-a.json"); err == nil || !strings.Contains(err.Error(), "dir.json/x.json") {
		t.Errorf("LoadFS of a bad file: %v", err)
	}
}

// TestLoadTooLarge: a registry file over MaxFileSize is refused before it
// is read (a sparse file: no disk used).
func TestLoadTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "1-big.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Skip("truncate:", err)
	}
	f.Close()
	_, err = Load(p)
	if want := p + ": file too large (more than 64 MiB)"; err == nil || err.Error() != want {
		t.Errorf("Load: %v\nwant %s", err, want)
	}
}

// permFS is a file system whose directory cannot be listed.
type permFS struct{ fstest.MapFS }

func (p permFS) ReadDir(name string) ([]fs.DirEntry, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}

// TestLoadUnlistable: a directory that cannot be listed says so
// ("permission denied"), not that it holds no registry file.
func TestLoadUnlistable(t *testing.T) {
	fsys := permFS{fstest.MapFS{"codes/0-a.json": {Data: []byte(`{}`)}}}
	if _, err := LoadFS(fsys, "codes"); err == nil || err.Error() != "codes: permission denied" {
		t.Errorf("LoadFS: %v, want codes: permission denied", err)
	}
	if os.Geteuid() == 0 {
		t.Skip("root lists any directory: the operating system's case needs another user")
	}
	dir := filepath.Join(t.TempDir(), "codes")
	if err := os.Mkdir(dir, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)
	if _, err := Load(dir); err == nil || err.Error() != dir+": permission denied" {
		t.Errorf("Load: %v, want permission denied", err)
	}
}
