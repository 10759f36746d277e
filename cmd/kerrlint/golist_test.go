//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// The standalone driver lists what the go command lists: these trees and
// settings made it skip packages, fail, or parse other files than go list
// names. Each case runs narrowed and with -list-all (compareNarrowing) and
// checks the output itself.

const typoPackage = "package %s\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar _ = kerror.New(\"services.storage.not_fund\")\n"

func writePackage(t *testing.T, dir, name string) {
	t.Helper()
	if err := e2etest.WriteFile(filepath.Join(dir, name, name+".go"), strings.ReplaceAll(typoPackage, "%s", name)); err != nil {
		t.Fatal(err)
	}
}

// TestModuleBoundaryAsGoCommand: a go.mod is a module boundary when it stats
// as a file; a dangling link or a link to a directory is not one, and a
// link to a file is.
func TestModuleBoundaryAsGoCommand(t *testing.T) {
	dir := narrowingModule(t)
	for _, name := range []string{"dangling", "todir", "tofile"} {
		writePackage(t, dir, name)
	}
	must(t, os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling", "go.mod")))
	must(t, os.Mkdir(filepath.Join(dir, "todir", "real"), 0o755))
	must(t, os.Symlink("real", filepath.Join(dir, "todir", "go.mod")))
	must(t, e2etest.WriteFile(filepath.Join(dir, "modfile.txt"), "module example.com/other\n"))
	must(t, os.Symlink(filepath.Join(dir, "modfile.txt"), filepath.Join(dir, "tofile", "go.mod")))
	// A source file that is a link to a directory is no source file.
	must(t, os.Symlink(filepath.Join(dir, "todir", "real"), filepath.Join(dir, "low", "dir.go")))

	out := compareNarrowing(t, []string{"./..."}, driverFlags{tests: true})
	for _, want := range []string{"dangling/dangling.go:5:20: unknown error id", "todir/todir.go:5:20: unknown error id"} {
		if !strings.Contains(out, want) {
			t.Errorf("./...: want %q (not a module boundary for the go command) in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "/tofile/") || strings.Contains(out, "low/dir.go") {
		t.Errorf("./...: tofile is another module, low/dir.go no source file; got:\n%s", out)
	}
}

// TestGoFlagsFiles: GOFLAGS=-modfile works, and -overlay's files are the
// ones parsed, added files included.
func TestGoFlagsFiles(t *testing.T) {
	dir := relevanceModule(t)
	alt := filepath.Join(dir, "alt.mod")
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	must(t, err)
	must(t, os.WriteFile(alt, data, 0o644))
	sum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "alt.sum"), sum, 0o644))

	t.Setenv("GOFLAGS", "-modfile="+alt)
	out, code := run(t, "./app")
	if code != 3 || !strings.Contains(out, "app/app.go:10:15: unknown error id \"services.storage.not_fund\"") {
		t.Errorf("GOFLAGS=-modfile: exit %d, output:\n%s", code, out)
	}

	ov := t.TempDir()
	replaced := filepath.Join(ov, "app.go")
	app, err := os.ReadFile(filepath.Join(dir, "app", "app.go"))
	must(t, err)
	must(t, os.WriteFile(replaced, bytes.ReplaceAll(app, []byte("not_fund"), []byte("not_fnd")), 0o644))
	added := filepath.Join(ov, "added.go")
	must(t, os.WriteFile(added, []byte("package app\n\nimport \"example.com/shop/mid\"\n\nvar _ = mid.Fail(\"services.storage.not_fond\")\n"), 0o644))
	overlay := filepath.Join(ov, "overlay.json")
	must(t, os.WriteFile(overlay, []byte(`{"Replace": {"app/app.go": "`+replaced+`", "app/added.go": "`+added+`"}}`), 0o644))
	t.Setenv("GOFLAGS", "-overlay="+overlay)
	out, code = run(t, "./app")
	for _, want := range []string{`app/app.go:10:15: unknown error id "services.storage.not_fnd"`, `app/added.go:5:18: unknown error id "services.storage.not_fond"`} {
		if code != 3 || !strings.Contains(out, want) {
			t.Errorf("GOFLAGS=-overlay: exit %d, want %q in:\n%s", code, want, out)
		}
	}
}

// TestUnmatchedPatterns: a wildcard that matches no package is warned of as
// go vet warns, and nothing matched at all is an error.
func TestUnmatchedPatterns(t *testing.T) {
	dir := relevanceModule(t)
	must(t, os.MkdirAll(filepath.Join(dir, "empty", "deeper"), 0o755))
	for _, tc := range []struct {
		patterns []string
		code     int
		want     string
	}{
		{[]string{"./empty/..."}, 1, "go: warning: \"./empty/...\" matched no packages\nkerrlint: no packages to analyze\n"},
		{[]string{"example.com/shop/empty/..."}, 1, "go: warning: \"example.com/shop/empty/...\" matched no packages\nkerrlint: no packages to analyze\n"},
		{[]string{"./app/...", "./empty/..."}, 3, "go: warning: \"./empty/...\" matched no packages\n"},
		{[]string{"./..."}, 3, ""},
	} {
		out := compareNarrowing(t, tc.patterns, driverFlags{tests: true})
		if !strings.HasPrefix(out, tc.want) || !strings.HasSuffix(out, "exit "+string(rune('0'+tc.code))) {
			t.Errorf("kerrlint %s: want exit %d, output starting %q; got:\n%s", strings.Join(tc.patterns, " "), tc.code, tc.want, out)
		}
	}
}

func run(t *testing.T, patterns ...string) (string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := analyze(patterns, driverFlags{tests: true, context: -1}, &stdout, &stderr)
	return stdout.String() + stderr.String(), code
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
