package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// TestVetCache checks that a second go vet run after touching one package
// runs kerrlint on that package only: the others are served from the cache.
func TestVetCache(t *testing.T) {
	dir := e2etest.Example(t)
	for _, p := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, p), 0o755)
		os.WriteFile(filepath.Join(dir, p, p+".go"), []byte("package "+p+"\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar E = kerror.New(\"services.storage.not_found\")\n"), 0o644)
	}
	vet := func() []string {
		r := e2etest.Run(t, dir, nil, "go", "vet", "-x", "-vettool="+kerrlint, "./a", "./b", "./store")
		// -x prints "cd DIR" before each command it runs in a package directory.
		var ran []string
		lastDir := ""
		for _, line := range strings.Split(r.Stderr, "\n") {
			if d, ok := strings.CutPrefix(line, "cd "); ok {
				lastDir = d
			}
			if strings.Contains(line, kerrlint) && strings.Contains(line, "vet.cfg") {
				ran = append(ran, filepath.Base(lastDir))
			}
		}
		return ran
	}
	if ran := vet(); len(ran) < 3 {
		t.Fatalf("first go vet ran kerrlint on %v, want at least a, b and store", ran)
	}
	if ran := vet(); len(ran) != 0 {
		t.Errorf("second go vet ran kerrlint on %v, want nothing (cached)", ran)
	}
	f := filepath.Join(dir, "a", "a.go")
	data, _ := os.ReadFile(f)
	os.WriteFile(f, append(data, "\n// touched\n"...), 0o644)
	if ran := vet(); strings.Join(ran, " ") != "a" {
		t.Errorf("after touching a/a.go, go vet ran kerrlint on %v, want [a]", ran)
	}
}

// TestPreCommit runs the repository's hooks through the pre-commit framework
// on a throw-away repository: both fail with the right messages, then pass
// once the code and the registry are fixed.
func TestPreCommit(t *testing.T) {
	preCommit := e2etest.Require(t, "pre-commit")
	root := e2etest.Root(t)
	repo := e2etest.Example(t)
	os.MkdirAll(filepath.Join(repo, "codes"), 0o755)
	registry := filepath.Join(repo, "codes", "64-shop.json")
	os.WriteFile(registry, []byte(`{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {
  "gone": {"description": "d", "code": 1, "message": "m", "class": "NotFoundError"},
  "lost": {"description": "d", "code": 1, "message": "m", "class": "NotFoundError"}
}}}}
`), 0o644)
	env := []string{
		"PRE_COMMIT_HOME=" + filepath.Join(t.TempDir(), "pre-commit"),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
	}
	git := func(args ...string) {
		if r := e2etest.Run(t, repo, env, "git", args...); r.Code != 0 {
			t.Fatalf("git %s: %s", strings.Join(args, " "), r.Stderr)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "bad")
	hook := func(id string) e2etest.Result {
		return e2etest.Run(t, repo, env, preCommit, "try-repo", root, id, "--all-files", "--verbose")
	}
	r := hook("kerrlint")
	if r.Code == 0 || !strings.Contains(r.Stdout, `store/store.go:27:33: unknown error id "services.storage.not_fund"`) {
		t.Errorf("kerrlint hook on bad code: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	r = hook("kerrlint-registry")
	if r.Code == 0 || !regexp.MustCompile(`codes/64-shop.json:3:11: shop.cart.lost: code 1 is already used in subdomain shop.cart at .*codes/64-shop.json:2:11`).MatchString(r.Stdout) {
		t.Errorf("kerrlint-registry hook on a duplicate code: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}

	if r := e2etest.Run(t, repo, nil, kerrlint, "-fix", "./..."); r.Code != 0 {
		t.Fatalf("kerrlint -fix: %s", r.Stderr)
	}
	data, _ := os.ReadFile(registry)
	os.WriteFile(registry, []byte(strings.Replace(string(data), `"code": 1, "message": "m", "class": "NotFoundError"},`, `"code": 2, "message": "m", "class": "NotFoundError"},`, 1)), 0o644)
	git("add", ".")
	git("commit", "-qm", "fixed")
	for _, id := range []string{"kerrlint", "kerrlint-registry"} {
		if r := hook(id); r.Code != 0 {
			t.Errorf("%s hook after the fixes: exit %d\n%s%s", id, r.Code, r.Stdout, r.Stderr)
		}
	}
}
