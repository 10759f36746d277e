//go:build unix

package analyzer

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestEmbedFilesAsGoList compares embedFiles with the go command's own
// answer (go list -json's EmbedFiles, or its error) on a module full of
// what a hostile pull request can hold: links out of the module, to
// directories and devices, named pipes, .. patterns, nested modules,
// version-control directories, hidden files and names a module cannot hold.
func TestEmbedFilesAsGoList(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	mod := filepath.Join(root, "mod")
	write := func(name, content string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, name string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, name); err != nil {
			t.Fatal(err)
		}
	}
	fifo := func(name string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(name, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(outside, "secret.json"), `{"AWS_SECRET":"x"}`)
	write(filepath.Join(outside, "dir", "a.json"), `{}`)
	write(filepath.Join(mod, "go.mod"), "module example.com/m\n\ngo 1.22\n")

	// Each case is a package with one embed.FS and its own tree.
	cases := map[string]struct {
		patterns string
		tree     func(dir string)
	}{
		"plain": {"codes", func(d string) {
			write(filepath.Join(d, "codes", "1-a.json"), "{}")
			write(filepath.Join(d, "codes", "sub", "2-b.json"), "{}")
		}},
		"hidden": {"codes", func(d string) {
			write(filepath.Join(d, "codes", "1-a.json"), "{}")
			write(filepath.Join(d, "codes", ".hidden.json"), "{}")
			write(filepath.Join(d, "codes", "_under", "x.json"), "{}")
			write(filepath.Join(d, "codes", ".git", "x.json"), "{}")
		}},
		"all": {"all:codes", func(d string) {
			write(filepath.Join(d, "codes", "1-a.json"), "{}")
			write(filepath.Join(d, "codes", ".hidden.json"), "{}")
			write(filepath.Join(d, "codes", "_under", "x.json"), "{}")
			write(filepath.Join(d, "codes", ".git", "x.json"), "{}")
		}},
		"links in a directory": {"codes", func(d string) {
			write(filepath.Join(d, "codes", "1-a.json"), "{}")
			link(filepath.Join(outside, "secret.json"), filepath.Join(d, "codes", "65-evil.json"))
			link(filepath.Join(outside, "dir"), filepath.Join(d, "codes", "linkdir"))
			link("/dev/zero", filepath.Join(d, "codes", "zero.json"))
			link(filepath.Join(d, "nowhere"), filepath.Join(d, "codes", "dangling.json"))
			fifo(filepath.Join(d, "codes", "fifo.json"))
		}},
		"link named": {"codes/65-evil.json", func(d string) {
			link(filepath.Join(outside, "secret.json"), filepath.Join(d, "codes", "65-evil.json"))
		}},
		"link to a directory named": {"codes", func(d string) {
			link(filepath.Join(outside, "dir"), filepath.Join(d, "codes"))
		}},
		"fifo named": {"codes/fifo.json", func(d string) {
			fifo(filepath.Join(d, "codes", "fifo.json"))
		}},
		"glob over a fifo": {"codes/*.json", func(d string) {
			write(filepath.Join(d, "codes", "1-a.json"), "{}")
			fifo(filepath.Join(d, "codes", "fifo.json"))
		}},
		"dot dot":      {"../outside", func(d string) {}},
		"dot dot deep": {"../../../dev/zero", func(d string) {}},
		"dot":          {".", func(d string) {}},
		"dot element":  {"./codes", func(d string) { write(filepath.Join(d, "codes", "1-a.json"), "{}") }},
		"absolute":     {"/etc/passwd", func(d string) {}},
		"bad glob":     {"codes/[", func(d string) {}},
		"nested module": {"codes", func(d string) {
			write(filepath.Join(d, "codes", "1-a.json"), "{}")
			write(filepath.Join(d, "codes", "inner", "go.mod"), "module inner\n")
			write(filepath.Join(d, "codes", "inner", "2-b.json"), "{}")
		}},
		"into a nested module": {"codes/inner/2-b.json", func(d string) {
			write(filepath.Join(d, "codes", "inner", "go.mod"), "module inner\n")
			write(filepath.Join(d, "codes", "inner", "2-b.json"), "{}")
		}},
		"git named": {"codes/.git/x.json", func(d string) {
			write(filepath.Join(d, "codes", ".git", "x.json"), "{}")
		}},
		"bad name in a directory": {"codes", func(d string) {
			write(filepath.Join(d, "codes", "1-a.json"), "{}")
			write(filepath.Join(d, "codes", "a:b.json"), "{}")
		}},
		"empty directory": {"codes", func(d string) {
			write(filepath.Join(d, "codes", ".only-hidden"), "{}")
		}},
		"no match": {"codes/*.json", func(d string) {}},
		"quoted":   {"\"my codes\"", func(d string) { write(filepath.Join(d, "my codes", "1-a.json"), "{}") }},
		"several": {"codes/1-a.json codes/sub", func(d string) {
			write(filepath.Join(d, "codes", "1-a.json"), "{}")
			write(filepath.Join(d, "codes", "sub", "2-b.json"), "{}")
			write(filepath.Join(d, "codes", "sub", "3-c.json"), "{}")
		}},
		"glob star in a link's parent": {"codes/*/x.json", func(d string) {
			link(filepath.Join(outside, "dir"), filepath.Join(d, "codes", "l"))
			write(filepath.Join(outside, "dir", "x.json"), "{}")
		}},
	}
	names := map[string]string{} // package directory → case name
	i := 0
	for name, c := range cases {
		i++
		dir := filepath.Join(mod, fmt.Sprintf("p%02d", i))
		names[dir] = name
		write(filepath.Join(dir, "p.go"), "package p\n\nimport \"embed\"\n\n//go:embed "+c.patterns+"\nvar FS embed.FS\n")
		c.tree(dir)
	}

	cmd := exec.Command("go", "list", "-e", "-json=Dir,EmbedFiles,Error", "./...")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	seen := 0
	for dec.More() {
		var p struct {
			Dir        string
			EmbedFiles []string
			Error      *struct{ Err string }
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		name, ok := names[p.Dir]
		if !ok {
			continue
		}
		seen++
		patterns, err := embedDirectivePatterns(parseDoc(t, "//go:embed "+cases[name].patterns))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		files, err := embedFiles(p.Dir, patterns)
		switch {
		case p.Error != nil && err == nil:
			t.Errorf("%s: go list says %q; embedFiles gives %q", name, p.Error.Err, files)
		case p.Error == nil && err != nil:
			t.Errorf("%s: go list embeds %q; embedFiles says %v", name, p.EmbedFiles, err)
		case err != nil && !strings.HasSuffix(p.Error.Err, err.Error()):
			t.Errorf("%s: go list says %q; embedFiles says %q", name, p.Error.Err, err)
		case err == nil && strings.Join(files, " ") != strings.Join(p.EmbedFiles, " "):
			t.Errorf("%s: go list embeds %q; embedFiles %q", name, p.EmbedFiles, files)
		}
	}
	if seen != len(cases) {
		t.Fatalf("go list listed %d of the %d packages", seen, len(cases))
	}
}

// TestEmbeddedFSReadsOnlyThePaths: only the files below the installed
// paths are read, each as a regular file.
func TestEmbeddedFSReadsOnlyThePaths(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"codes/1-a.json", "static/big.bin"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := embeddedFS(dir, []string{"codes", "static"}, []string{"./codes"})
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 1 || m["codes/1-a.json"] == nil {
		t.Fatalf("embeddedFS read %v, want only codes/1-a.json", m)
	}
}

func parseDoc(t *testing.T, line string) *ast.CommentGroup {
	t.Helper()
	return &ast.CommentGroup{List: []*ast.Comment{{Text: line}}}
}
