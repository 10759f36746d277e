//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "a.json")
	if err := os.WriteFile(regular, []byte(`{"x":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(regular, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		path   string
		follow bool
		want   string // error text, "" for success
	}{
		{"regular", regular, false, ""},
		{"link followed", link, true, ""},
		{"link refused", link, false, "not a regular file (a symbolic link)"},
		{"directory", dir, true, "not a regular file (a directory)"},
		{"fifo", fifo, true, "not a regular file (a named pipe)"},
		{"device", "/dev/zero", true, "not a regular file (a character device)"},
		{"missing", filepath.Join(dir, "nope"), true, "no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var data []byte
			var err error
			go func() { data, err = ReadFile(tc.path, tc.follow); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("ReadFile(%s) hangs", tc.path)
			}
			if tc.want == "" {
				if err != nil || string(data) != `{"x":1}` {
					t.Fatalf("ReadFile = %q, %v", data, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.path) {
				t.Fatalf("ReadFile error = %v, want one naming %s and saying %q", err, tc.path, tc.want)
			}
		})
	}
}

func TestReadFileBound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, make([]byte, 2<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readFile(path, false, 1<<20); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("2 MiB file with a 1 MiB bound: %v, want ErrTooLarge", err)
	}
	if data, err := readFile(path, false, 2<<20); err != nil || len(data) != 2<<20 {
		t.Fatalf("2 MiB file with a 2 MiB bound: %d bytes, %v", len(data), err)
	}
}

func TestReadFilePermission(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	path := filepath.Join(t.TempDir(), "secret.json")
	if err := os.WriteFile(path, nil, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path, true); !errors.Is(err, os.ErrPermission) || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("unreadable file: %v, want permission denied", err)
	}
}
