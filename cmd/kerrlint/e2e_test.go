package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
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
		_, ran := vetRan(t, dir, nil, "./a", "./b", "./store")
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

// vetRan runs go vet -x with kerrlint as the vet tool and returns its
// result and the directories, by base name, of the packages on which it
// actually ran kerrlint (the others were served from go vet's cache).
func vetRan(t *testing.T, dir string, env []string, args ...string) (e2etest.Result, []string) {
	t.Helper()
	r := e2etest.Run(t, dir, env, "go", append([]string{"vet", "-x", "-vettool=" + kerrlint}, args...)...)
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
	slices.Sort(ran)
	return r, ran
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
		"PRE_COMMIT_HOME=" + preCommitHome(t),
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
	if r.Code == 0 || !regexp.MustCompile(`codes/64-shop.json:3:\d+: shop.cart.lost: code 1 is already used by shop.cart.gone`).MatchString(r.Stdout) {
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

// installedUnknown is the diagnostic on the Installing module while its
// registry lacks billing.card.expired.
const installedUnknown = `checkout/checkout.go:12:28: unknown error id "billing.card.expired" (no registry visible from this package defines it)`

// installedDuplicate match the diagnostics on the Installing module once its
// registry gives billing.card.expired the code of billing.card.declined: the
// problem at the JSON file's own position, and the ids nobody registers any
// more (the broken registry is not installed), sorted.
var installedDuplicate = []string{
	regexp.QuoteMeta("billing/billing.go:14:12: \tinstalled here"), // the related position: the install call
	regexp.QuoteMeta(`billing/billing.go:20:53: unknown error id "billing.card.declined" (the registry this package installs at `) + `\S*` + regexp.QuoteMeta(`billing/billing.go:14:12 does not load: it may define it)`),
	e2etest.BillingDuplicate,
	regexp.QuoteMeta(`checkout/checkout.go:12:28: unknown error id "billing.card.expired"`),
}

// TestInstalledStandalone runs kerrlint ./... on a module that carries its
// registry (//go:embed + kerror.InstallFS), with no flag: an id the file
// lacks, then the file edited to register it, then a duplicate code in it.
func TestInstalledStandalone(t *testing.T) {
	e2etest.Require(t, "go")
	dir := e2etest.Installing(t)
	check := func(step string, code int, want []string, args ...string) {
		t.Helper()
		r := e2etest.Run(t, dir, nil, kerrlint, args...)
		if got := sorted(diagnostics(r.Stderr, dir)); r.Code != code || !e2etest.Match(got, want) {
			t.Errorf("%s: kerrlint %s: exit %d\n%s\nwant exit %d and:\n%s", step, strings.Join(args, " "), r.Code, r.Stderr, code, strings.Join(want, "\n"))
		}
	}
	unknown := []string{regexp.QuoteMeta(installedUnknown)}
	check("unregistered id", 3, unknown, "./...")
	check("unregistered id, the importer alone", 3, unknown, "./checkout")
	e2etest.WriteBillingCodes(t, dir, 2)
	check("registered", 0, nil, "./...")
	e2etest.WriteBillingCodes(t, dir, 1)
	check("duplicate code", 3, installedDuplicate, "./...")
}

// TestInstalledVet runs go vet -vettool on the same module, with no flag and
// no cache clearing: editing the embedded JSON re-runs kerrlint on the
// installing package and its importer, and only on them (go vet -x shows
// which packages it runs the tool on).
func TestInstalledVet(t *testing.T) {
	e2etest.Require(t, "go")
	dir := e2etest.Installing(t)
	check := func(step string, code int, want []string, wantRan string) {
		t.Helper()
		r, ran := vetRan(t, dir, nil, "./...")
		if got := sorted(diagnostics(r.Stderr, dir)); r.Code != code || !e2etest.Match(got, want) {
			t.Errorf("%s: go vet: exit %d\n%s\nwant exit %d and:\n%s", step, r.Code, strings.Join(got, "\n"), code, strings.Join(want, "\n"))
		}
		t.Logf("%s: go vet ran kerrlint on %v", step, ran)
		if wantRan == "*" {
			// The first run analyses the module's packages (dependencies too,
			// for their facts, unless an earlier run cached them).
			for _, p := range []string{"audit", "billing", "checkout"} {
				if !slices.Contains(ran, p) {
					t.Errorf("%s: go vet did not run kerrlint on %s", step, p)
				}
			}
		} else if strings.Join(ran, " ") != wantRan {
			t.Errorf("%s: go vet ran kerrlint on %v, want [%s]", step, ran, wantRan)
		}
	}
	unknown := []string{regexp.QuoteMeta(installedUnknown)}
	check("unregistered id", 1, unknown, "*")
	check("unchanged (replayed from the cache)", 1, unknown, "")
	e2etest.WriteBillingCodes(t, dir, 2)
	check("registered", 0, nil, "billing checkout")
	e2etest.WriteBillingCodes(t, dir, 1)
	check("duplicate code", 1, installedDuplicate, "billing checkout")
}

// TestPreCommitInstalled runs both hooks (one try-repo per step) on a
// repository whose registry is embedded in the code, with no args: kerrlint
// on Go files, kerrlint-registry on the JSON under codes/.
func TestPreCommitInstalled(t *testing.T) {
	preCommit := e2etest.Require(t, "pre-commit")
	root := e2etest.Root(t)
	repo := e2etest.Installing(t)
	env := []string{
		"PRE_COMMIT_HOME=" + preCommitHome(t),
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
	}
	git := func(args ...string) {
		if r := e2etest.Run(t, repo, env, "git", args...); r.Code != 0 {
			t.Fatalf("git %s: %s", strings.Join(args, " "), r.Stderr)
		}
	}
	hooks := func(msg string) e2etest.Result {
		git("add", ".")
		git("commit", "-qm", msg)
		return e2etest.Run(t, repo, env, preCommit, "try-repo", root, "--all-files", "--verbose")
	}
	git("init", "-q")
	if r := hooks("unregistered"); r.Code == 0 || !strings.Contains(r.Stdout, installedUnknown) {
		t.Errorf("hooks, unregistered id: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	e2etest.WriteBillingCodes(t, repo, 2)
	if r := hooks("registered"); r.Code != 0 {
		t.Errorf("hooks, registered: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	e2etest.WriteBillingCodes(t, repo, 1)
	// Both hooks report the duplicate at its position in the JSON file.
	at := regexp.MustCompile(e2etest.BillingDuplicate)
	if r := hooks("duplicate"); r.Code == 0 || len(at.FindAllString(r.Stdout, -1)) != 2 {
		t.Errorf("hooks, duplicate code: exit %d\n%s%s\nwant twice a line with %s", r.Code, r.Stdout, r.Stderr, at)
	}
}

// preCommitHome is the PRE_COMMIT_HOME the pre-commit tests share, so that
// pre-commit builds kerrlint's hook environment once per test binary.
func preCommitHome(t *testing.T) string {
	preCommit.once.Do(func() {
		preCommit.dir, preCommit.err = os.MkdirTemp("", "kerrlint-pre-commit")
	})
	if preCommit.err != nil {
		t.Fatal(preCommit.err)
	}
	return preCommit.dir
}

var preCommit struct {
	once sync.Once
	dir  string
	err  error
}

func sorted(lines []string) []string {
	slices.Sort(lines)
	return lines
}
