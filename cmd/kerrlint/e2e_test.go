package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// requireE2E skips slow end-to-end suites unless KERRLINT_E2E is set, as
// .ci/run does; once set, a missing client is a failure, not a skip.
func requireE2E(t *testing.T, client string) string {
	t.Helper()
	if os.Getenv("KERRLINT_E2E") == "" {
		t.Skip("end-to-end suite: set KERRLINT_E2E=1 to run it")
	}
	path, err := exec.LookPath(client)
	if err != nil {
		t.Fatalf("KERRLINT_E2E is set but %s is not installed: %v", client, err)
	}
	return path
}

// TestVetCache checks that a second go vet run after touching one package
// runs kerrlint on that package only: the others are served from the cache.
func TestVetCache(t *testing.T) {
	dir := module(t)
	for _, p := range []string{"a", "b"} {
		os.MkdirAll(filepath.Join(dir, p), 0o755)
		os.WriteFile(filepath.Join(dir, p, p+".go"), []byte("package "+p+"\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar E = kerror.New(\"services.storage.not_found\")\n"), 0o644)
	}
	vet := func() []string {
		r := run(t, dir, nil, "go", "vet", "-x", "-vettool="+kerrlint, "./a", "./b", "./store")
		// -x prints "cd DIR" before each command it runs in a package directory.
		var ran []string
		lastDir := ""
		for _, line := range strings.Split(r.stderr, "\n") {
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
	preCommit := requireE2E(t, "pre-commit")
	root, _ := filepath.Abs("../..")
	repo := module(t)
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
		if r := run(t, repo, env, "git", args...); r.code != 0 {
			t.Fatalf("git %s: %s", strings.Join(args, " "), r.stderr)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "bad")
	hook := func(id string) result {
		return run(t, repo, env, preCommit, "try-repo", root, id, "--all-files", "--verbose")
	}
	r := hook("kerrlint")
	if r.code == 0 || !strings.Contains(r.stdout, `store/store.go:27:33: unknown error id "services.storage.not_fund"`) {
		t.Errorf("kerrlint hook on bad code: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = hook("kerrlint-registry")
	if r.code == 0 || !regexp.MustCompile(`codes/64-shop.json:3:11: shop.cart.lost: code 1 is already used in subdomain shop.cart at .*codes/64-shop.json:2:11`).MatchString(r.stdout) {
		t.Errorf("kerrlint-registry hook on a duplicate code: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	if r := run(t, repo, nil, kerrlint, "-fix", "./..."); r.code != 0 {
		t.Fatalf("kerrlint -fix: %s", r.stderr)
	}
	data, _ := os.ReadFile(registry)
	os.WriteFile(registry, []byte(strings.Replace(string(data), `"code": 1, "message": "m", "class": "NotFoundError"},`, `"code": 2, "message": "m", "class": "NotFoundError"},`, 1)), 0o644)
	git("add", ".")
	git("commit", "-qm", "fixed")
	for _, id := range []string{"kerrlint", "kerrlint-registry"} {
		if r := hook(id); r.code != 0 {
			t.Errorf("%s hook after the fixes: exit %d\n%s%s", id, r.code, r.stdout, r.stderr)
		}
	}
}
