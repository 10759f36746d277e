package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// TestShapesClean generates a small module of every shape and runs
// kerrlint on it, standalone and under go vet: the corpora measure the
// analysis alone, so kerrlint must report nothing. A broken installed
// corpus (an id raised with the wrong class, five packages above the
// install) must be reported, which shows that the installed registry is
// what the clean one is checked against — under go vet too, where the
// installing package's facts reach the top only through those below.
func TestShapesClean(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kerrlint and type-checks generated modules")
	}
	root := e2etest.Root(t)
	kerrlint := filepath.Join(t.TempDir(), "kerrlint")
	if out, err := exec.Command("go", "build", "-o", kerrlint, filepath.Join(root, "cmd", "kerrlint")).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cases := []config{
		{shape: "tree", pkgs: 12, sites: 20, every: 1},
		{shape: "tree", pkgs: 12, sites: 20, every: 4},
		{shape: "bottom-heavy", pkgs: 45, sites: 20, every: 20},
		{shape: "installed", pkgs: 6, sites: 20, every: 1, ids: 300},
	}
	for _, c := range cases {
		c.out, c.repo = t.TempDir(), root
		if err := c.valid(); err != nil {
			t.Fatal(err)
		}
		if err := generate(c); err != nil {
			t.Fatal(err)
		}
		if r := e2etest.Run(t, c.out, nil, kerrlint, "./..."); r.Code != 0 || r.Stdout != "" {
			t.Errorf("%+v: kerrlint exits %d:\n%s%s", c, r.Code, r.Stdout, r.Stderr)
		}
		if r := e2etest.Run(t, c.out, nil, "go", "vet", "-vettool="+kerrlint, "./..."); r.Code != 0 {
			t.Errorf("%+v: go vet -vettool=kerrlint exits %d:\n%s%s", c, r.Code, r.Stdout, r.Stderr)
		}
		if c.shape != "installed" {
			continue
		}
		top := filepath.Join(c.out, "p00005", "p.go")
		data, err := os.ReadFile(top)
		if err != nil {
			t.Fatal(err)
		}
		_, _, constructor := installedID(5 * 7919 % c.ids)
		broken := strings.Replace(string(data), "kerror."+constructor+"(", "kerror.PluginImplementation(", 1)
		if broken == string(data) {
			t.Fatalf("%s raises no kerror.%s", top, constructor)
		}
		if err := os.WriteFile(top, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		want := "not a PluginImplementationError: use kerror." + constructor
		if r := e2etest.Run(t, c.out, nil, kerrlint, "./..."); r.Code == 0 || !strings.Contains(r.Stdout+r.Stderr, want) {
			t.Errorf("an installed id raised with the wrong class: kerrlint exits %d:\n%s%s", r.Code, r.Stdout, r.Stderr)
		}
		if r := e2etest.Run(t, c.out, nil, "go", "vet", "-vettool="+kerrlint, "./..."); r.Code == 0 || !strings.Contains(r.Stdout+r.Stderr, want) {
			t.Errorf("an installed id raised with the wrong class: go vet exits %d:\n%s%s", r.Code, r.Stdout, r.Stderr)
		}
		// A typo in an installed id, five packages above the install:
		// unknown, with the installed id suggested (go vet's importer
		// looks ids up in the install's encoding, and builds the
		// registry for the suggestion).
		id, _, _ := installedID(5 * 7919 % c.ids)
		typo := strings.Replace(broken, `"`+id+`"`, `"`+id+`z"`, 1)
		if typo == broken {
			t.Fatalf("%s does not raise %s", top, id)
		}
		if err := os.WriteFile(top, []byte(typo), 0o644); err != nil {
			t.Fatal(err)
		}
		want = fmt.Sprintf(`unknown error id %q; did you mean %q`, id+"z", id) // the best first
		if r := e2etest.Run(t, c.out, nil, kerrlint, "./..."); r.Code == 0 || !strings.Contains(r.Stdout+r.Stderr, want) {
			t.Errorf("a typo in an installed id: kerrlint exits %d:\n%s%s\nwant %s", r.Code, r.Stdout, r.Stderr, want)
		}
		if r := e2etest.Run(t, c.out, nil, "go", "vet", "-vettool="+kerrlint, "./..."); r.Code == 0 || !strings.Contains(r.Stdout+r.Stderr, want) {
			t.Errorf("a typo in an installed id: go vet exits %d:\n%s%s\nwant %s", r.Code, r.Stdout, r.Stderr, want)
		}
	}
}
