//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPrivateDir: the marker directory is used only when it is the user's
// own real directory, and only kerrlint's old markers are removed from it.
func TestPrivateDir(t *testing.T) {
	old := time.Now().Add(-48 * time.Hour)
	oldFile := func(name string) {
		t.Helper()
		if err := os.WriteFile(name, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(name, old, old); err != nil {
			t.Fatal(err)
		}
	}
	exists := func(name string) bool { _, err := os.Lstat(name); return err == nil }
	name := fmt.Sprintf("kerrlint-vet-%d", os.Getuid())

	t.Run("symlink", func(t *testing.T) {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		victim := filepath.Join(tmp, "work")
		os.Mkdir(victim, 0o700)
		oldFile(filepath.Join(victim, "1-2-0123456789abcdef"))
		oldFile(filepath.Join(victim, "notes.txt"))
		if err := os.Symlink(victim, filepath.Join(tmp, name)); err != nil {
			t.Fatal(err)
		}
		if dir, ok := privateDir(); ok {
			t.Fatalf("privateDir accepted a symbolic link: %s", dir)
		}
		firstToReport("problems")
		if !exists(filepath.Join(victim, "1-2-0123456789abcdef")) || !exists(filepath.Join(victim, "notes.txt")) {
			t.Fatal("files behind the link were removed")
		}
	})
	t.Run("open to others", func(t *testing.T) {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		if err := os.Mkdir(filepath.Join(tmp, name), 0o777); err != nil {
			t.Fatal(err)
		}
		os.Chmod(filepath.Join(tmp, name), 0o777)
		if dir, ok := privateDir(); ok {
			t.Fatalf("privateDir accepted a directory others can write: %s", dir)
		}
	})
	t.Run("own markers only", func(t *testing.T) {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		dir, ok := privateDir()
		if !ok || dir != filepath.Join(tmp, name) {
			t.Fatalf("privateDir = %s, %v", dir, ok)
		}
		marker := filepath.Join(dir, "1-2-0123456789abcdef")
		other := filepath.Join(dir, "notes.txt")
		oldFile(marker)
		oldFile(other)
		removeStale(dir)
		if exists(marker) || !exists(other) {
			t.Fatalf("after removeStale: marker there %v, other file there %v; want false, true", exists(marker), exists(other))
		}
	})
}
