package main_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// kerrlint is the binary under test, built once by TestMain.
var kerrlint string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kerrlint-test")
	if err != nil {
		panic(err)
	}
	kerrlint = filepath.Join(dir, "kerrlint")
	if out, err := exec.Command("go", "build", "-o", kerrlint, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	if preCommit.dir != "" {
		os.RemoveAll(preCommit.dir)
	}
	os.Exit(code)
}

var (
	diagnosticLine = regexp.MustCompile(`^\S+\.(go|json):\d+:\d+: `)
	checkSuffix    = regexp.MustCompile(` \([a-z]+(-[a-z]+)+\)$`)
)

// diagnostics returns the lines of out that look like diagnostics (in Go
// files and registry JSON files), with directory prefixes and the check
// names standalone prints after the message removed (go vet prints none).
func diagnostics(out, dir string) []string {
	var lines []string
	for _, line := range withChecks(out, dir) {
		lines = append(lines, checkSuffix.ReplaceAllString(line, ""))
	}
	return lines
}

// withChecks is diagnostics, check names kept.
func withChecks(out, dir string) []string {
	var lines []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.ReplaceAll(line, dir+string(filepath.Separator), "")
		if diagnosticLine.MatchString(line) {
			lines = append(lines, line)
		}
	}
	return lines
}

func TestStandalone(t *testing.T) {
	dir := e2etest.Example(t)
	r := e2etest.Run(t, dir, nil, kerrlint, "./...")
	want := strings.Join(e2etest.ExampleWithChecks(), "\n")
	if got := withChecks(r.Stderr, dir); strings.Join(got, "\n") != want || r.Code != 3 {
		t.Errorf("kerrlint ./... exit %d:\n%s\nwant exit 3 and:\n%s", r.Code, strings.Join(got, "\n"), want)
	}
	// The README shows the same output.
	readme, err := os.ReadFile(filepath.Join(e2etest.Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, block, _ := strings.Cut(string(readme), "Expected output of the first command")
	_, block, _ = strings.Cut(block, "```\n")
	block, _, _ = strings.Cut(block, "```")
	if want := want + "\n"; block != want {
		t.Errorf("README's expected output:\n%s\nwant:\n%s", block, want)
	}
	r = e2etest.Run(t, dir, nil, kerrlint, "-json", "./...")
	if r.Code != 0 || !strings.Contains(r.Stdout, `"category": "unknown-id"`) || !strings.Contains(r.Stdout, `"category": "class-mismatch"`) {
		t.Errorf("kerrlint -json: exit %d, output:\n%s", r.Code, r.Stdout)
	}
}

func TestGoVet(t *testing.T) {
	dir := e2etest.Example(t)
	r := e2etest.Run(t, dir, nil, "go", "vet", "-vettool="+kerrlint, "./...")
	if got := diagnostics(r.Stderr, dir); strings.Join(got, "\n") != strings.Join(e2etest.ExampleDiagnostics, "\n") || r.Code != 1 {
		t.Errorf("go vet -vettool exit %d:\n%s\nwant exit 1 and:\n%s", r.Code, r.Stderr, strings.Join(e2etest.ExampleDiagnostics, "\n"))
	}
	// go vet passes -fix through: with -diff it prints the first fix of each.
	r = e2etest.Run(t, dir, nil, "go", "vet", "-vettool="+kerrlint, "-fix", "-diff", "./...")
	if want := "+\t\treturn Document{}, kerror.New(\"services.storage.not_found\", id)"; !strings.Contains(r.Stdout+r.Stderr, want) {
		t.Errorf("go vet -fix -diff: exit %d\n%s%s\nwant a line %s", r.Code, r.Stdout, r.Stderr, want)
	}
}

func TestFix(t *testing.T) {
	dir := e2etest.Example(t)
	if r := e2etest.Run(t, dir, nil, kerrlint, "-fix", "./..."); r.Code != 0 {
		t.Fatalf("kerrlint -fix: exit %d\n%s", r.Code, r.Stderr)
	}
	if r := e2etest.Run(t, dir, nil, "go", "build", "./..."); r.Code != 0 {
		t.Fatalf("the fixed module does not build:\n%s", r.Stderr)
	}
	if r := e2etest.Run(t, dir, nil, kerrlint, "./..."); r.Code != 0 {
		t.Errorf("diagnostics remain after -fix:\n%s", r.Stderr)
	}
	store, _ := os.ReadFile(filepath.Join(dir, "store", "store.go"))
	imports, _ := os.ReadFile(filepath.Join(dir, "store", "import.go"))
	fixed := append(store, imports...)
	for _, want := range []string{`kerror.New("services.storage.not_found", id)`, `kerror.BadRequest("services.storage.document_already_exists"`, `storage.Get("write_limit_exceeded")`, `Status: http.StatusNotFound`, `kerror.SizeLimit("store.document.too_large"`} {
		if !bytes.Contains(fixed, []byte(want)) {
			t.Errorf("the fixed store.go and import.go lack %s", want)
		}
	}
}

// TestRegistryFlag checks -registry and $KERRLINT_REGISTRY, standalone and
// under go vet, including go vet's cache following an edited registry.
func TestRegistryFlag(t *testing.T) {
	dir := e2etest.Example(t)
	reg := filepath.Join(t.TempDir(), "64-shop.json")
	writeRegistry := func(name string) {
		t.Helper()
		json := `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {
  "` + name + `": {"description": "d", "code": 1, "message": "Item %s missing", "class": "NotFoundError"}}}}}`
		if err := os.WriteFile(reg, []byte(json), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "store", "cart.go"), []byte(`package store

import "github.com/kerrlint/kerrlint/kerror"

// Missing reports a missing item.
func Missing(item string) error { return kerror.NotFound("shop.cart.item_missing", item, "extra") }
`), 0o644)
	const placeholders = "store/cart.go:6:42: shop.cart.item_missing takes 1 placeholder"
	const unknown = `store/cart.go:6:58: unknown error id "shop.cart.item_missing"`
	writeRegistry("item_missing")

	for _, args := range [][]string{{"-registry", reg}, {"-registry=" + reg}} {
		r := e2etest.Run(t, dir, nil, kerrlint, append(args, "./...")...)
		if !strings.Contains(r.Stderr, placeholders) || strings.Contains(r.Stderr, unknown) {
			t.Errorf("kerrlint %s: %s", args, r.Stderr)
		}
	}
	// Under go vet, which runs kerrlint once per package, -registry gets one
	// notice per run: go vet's cache does not see the file.
	for _, p := range []string{"a", "b"} {
		e2etest.WriteFile(filepath.Join(dir, p, p+".go"), "package "+p+"\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar E = kerror.New(\"services.storage.not_found\")\n")
	}
	const notice = "kerrlint: note: go vet caches kerrlint's results without reading the files -registry names"
	// A relative path is relative to the directory go vet runs in, although
	// go vet runs kerrlint in each package's directory.
	rel, err := filepath.Rel(dir, reg)
	if err != nil {
		t.Fatal(err)
	}
	if r := e2etest.Run(t, dir, nil, "go", "vet", "-vettool="+kerrlint, "-registry", rel, "./..."); !strings.Contains(r.Stderr, placeholders) || strings.Count(r.Stderr, notice) != 1 {
		t.Errorf("go vet -registry %s: want the diagnostic and the notice once:\n%s", rel, r.Stderr)
	}
	env := []string{"KERRLINT_REGISTRY=" + rel}
	if r := e2etest.Run(t, dir, env, "go", "vet", "-vettool="+kerrlint, "./..."); !strings.Contains(r.Stderr, placeholders) || strings.Contains(r.Stderr, notice) {
		t.Errorf("go vet with KERRLINT_REGISTRY: want the diagnostic and no notice:\n%s", r.Stderr)
	}
	writeRegistry("item_lost") // go vet must not replay the cached result
	if r := e2etest.Run(t, dir, env, "go", "vet", "-vettool="+kerrlint, "./..."); !strings.Contains(r.Stderr, unknown) {
		t.Errorf("go vet after editing $KERRLINT_REGISTRY's file replays stale results:\n%s", r.Stderr)
	}
}

// TestBadInput checks that each kind of bad input gives one clear message
// with a position where there is one, and the documented exit status.
func TestBadInput(t *testing.T) {
	dir := e2etest.Example(t)
	tmp := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(tmp, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
		return p
	}
	malformed := write("bad/64-shop.json", `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {"x": {"code": 1}`)
	dupA := write("a/64-shop.json", `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {"x": {"description": "d", "code": 1, "message": "m", "class": "NotFoundError"}}}}}`)
	dupB := write("b/64-shop.json", `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {"y": {"description": "d", "code": 1, "message": "m", "class": "NotFoundError"}}}}}`)
	tests := []struct {
		name string
		args []string
		code int
		want []string // the lines of stderr, in order (a line may be a prefix)
	}{
		{"malformed registry", []string{"-registry", malformed, "./..."}, 1, []string{malformed + ":1:76: invalid JSON: unexpected end of file"}},
		{"duplicate code", []string{"-registry", dupA + "," + dupB, "./..."}, 1, []string{dupB + ":1:60: duplicate code 0x40010001: shop.cart.y here, shop.cart.x at " + dupA + ":1:60"}},
		{"missing file", []string{"-registry", filepath.Join(tmp, "nope.json"), "./..."}, 1, []string{filepath.Join(tmp, "nope.json") + ": no such file or directory"}},
		{"no registry", []string{"-embedded=false", "./..."}, 1, []string{"kerrlint: no registry: -embedded=false needs -registry"}},
		{"unknown flag", []string{"-nope", "./..."}, 2, []string{"flag provided but not defined: -nope"}},
		{"registry check", []string{"registry", "check", dupA, dupB}, 1, []string{dupB + ":1:60: duplicate code 0x40010001"}},
		{"registry check ok", []string{"registry", "check", dupA}, 0, nil},
		{"registry unknown command", []string{"registry", "nope"}, 2, []string{`kerrlint registry: unknown command "nope"`}},
		{"registry show unknown", []string{"registry", "show", "services.storage.not_fund"}, 1, []string{`kerrlint: unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"?`}},
		{"registry show bad code", []string{"registry", "show", "0xZZ"}, 1, []string{`kerrlint: invalid error code "0xZZ"`}},
		{"registry show usage", []string{"registry", "show"}, 2, []string{"usage: kerrlint registry"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := e2etest.Run(t, dir, nil, kerrlint, tt.args...)
			lines := strings.Split(strings.TrimSuffix(r.Stderr, "\n"), "\n")
			if r.Stderr == "" {
				lines = nil
			}
			ok := r.Code == tt.code && len(lines) >= len(tt.want)
			for i := range tt.want {
				ok = ok && strings.HasPrefix(lines[i], tt.want[i])
			}
			if tt.code == 1 {
				ok = ok && len(lines) == len(tt.want) // once, not once per package
			}
			if !ok {
				t.Errorf("kerrlint %s: exit %d, stderr:\n%s\nwant exit %d and:\n%s", strings.Join(tt.args, " "), r.Code, r.Stderr, tt.code, strings.Join(tt.want, "\n"))
			}
			if strings.Contains(r.Stderr, "panic: ") || strings.Contains(r.Stderr, "goroutine 1 [") {
				t.Errorf("kerrlint panicked:\n%s", r.Stderr)
			}
		})
	}
}

func TestRegistrySubcommands(t *testing.T) {
	r := e2etest.Run(t, ".", nil, kerrlint, "registry", "show", "16842763")
	if r.Code != 0 || !strings.HasPrefix(r.Stdout, "services.storage.not_found\n  code:        0x0101000b (16842763)\n  class:       NotFoundError (404)\n") {
		t.Errorf("registry show 16842763: exit %d\n%s", r.Code, r.Stdout)
	}
	r = e2etest.Run(t, ".", nil, kerrlint, "registry", "list")
	if lines := strings.Count(r.Stdout, "\n"); r.Code != 0 || lines != 210 || !strings.Contains(r.Stdout, "0x0101000b\tservices.storage.not_found\tNotFoundError\t404\t\tDocument not found\n") {
		t.Errorf("registry list: exit %d, %d lines", r.Code, lines)
	}
	seed := filepath.Join("..", "..", "..", "shared", "seed", "kuzzle-1.12-error-codes.md")
	want, err := os.ReadFile(seed)
	if err != nil {
		t.Skipf("%s not present", seed)
	}
	if r = e2etest.Run(t, ".", nil, kerrlint, "registry", "doc"); r.Stdout != string(want) {
		t.Errorf("registry doc differs from %s", seed)
	}
}

// TestDependencyFacts checks that the standalone driver loads from source the
// dependencies whose facts matter even when only their importer is named.
func TestDependencyFacts(t *testing.T) {
	dir := e2etest.Example(t)
	os.MkdirAll(filepath.Join(dir, "defs"), 0o755)
	os.MkdirAll(filepath.Join(dir, "app"), 0o755)
	os.WriteFile(filepath.Join(dir, "defs", "defs.go"), []byte(`package defs

import "github.com/kerrlint/kerrlint/kerror"

var ErrGone = kerror.Define("shop.cart.gone", 0x40010001, kerror.NotFoundError, "Cart %s is gone")

// Fail raises id.
func Fail(id string) error { return kerror.New(id) }
`), 0o644)
	os.WriteFile(filepath.Join(dir, "app", "app.go"), []byte(`package app

import "example.com/shop/defs"

var (
	_ = defs.Fail("shop.cart.gone")
	_ = defs.Fail("shop.cart.gnoe")
	_ = defs.ErrGone.New()
)
`), 0o644)
	want := []string{
		// Fail passes no placeholder of its own: the message keeps its %s.
		`app/app.go:6:6: shop.cart.gone takes 1 placeholder (its message is "Cart %s is gone"), got 0`,
		`app/app.go:7:16: unknown error id "shop.cart.gnoe"; did you mean "shop.cart.gone"?`,
		`app/app.go:8:6: shop.cart.gone takes 1 placeholder (its message is "Cart %s is gone"), got 0`,
	}
	for _, pattern := range []string{"./app", "./..."} {
		r := e2etest.Run(t, dir, nil, kerrlint, pattern)
		got := diagnostics(r.Stderr, dir)
		var appOnly []string
		for _, l := range got {
			if strings.HasPrefix(l, "app/") {
				appOnly = append(appOnly, l)
			}
		}
		if strings.Join(appOnly, "\n") != strings.Join(want, "\n") {
			t.Errorf("kerrlint %s:\n%s\nwant:\n%s", pattern, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestDiff(t *testing.T) {
	dir := e2etest.Example(t)
	r := e2etest.Run(t, dir, nil, kerrlint, "-fix", "-diff", "./...")
	if r.Code != 1 { // as go vet -fix -diff: a non-empty diff
		t.Fatalf("kerrlint -fix -diff: exit %d, want 1\n%s", r.Code, r.Stderr)
	}
	for _, want := range []string{
		"--- " + filepath.Join("store", "store.go") + "\n",
		"@@ -24,7 +24,7 @@\n",
		"-\t\treturn Document{}, kerror.New(\"services.storage.not_fund\", id)",
		"+\t\treturn Document{}, kerror.New(\"services.storage.not_found\", id)",
	} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("diff lacks %q:\n%s", want, r.Stdout)
		}
	}
	// -diff changes nothing.
	if r := e2etest.Run(t, dir, nil, kerrlint, "./..."); r.Code != 3 {
		t.Errorf("-diff modified the files: kerrlint ./... exits %d", r.Code)
	}
	// The diff applies with patch(1) and gives what -fix gives.
	if _, err := exec.LookPath("patch"); err == nil {
		cmd := exec.Command("patch", "-p0", "-s")
		cmd.Dir, cmd.Stdin = dir, strings.NewReader(r.Stdout)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("patch: %v\n%s", err, out)
		}
		if r := e2etest.Run(t, dir, nil, kerrlint, "./..."); r.Code != 0 {
			t.Errorf("after applying the diff: exit %d\n%s", r.Code, r.Stderr)
		}
	}
}

func TestRegistryDiffCommand(t *testing.T) {
	tmp := t.TempDir()
	old := filepath.Join(tmp, "old", "64-shop.json")
	cur := filepath.Join(tmp, "new", "64-shop.json")
	e2etest.WriteFile(old, `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {
  "gone": {"description": "d", "code": 1, "message": "Cart %s", "class": "NotFoundError"},
  "held": {"description": "d", "code": 2, "message": "m", "class": "PreconditionError", "deprecated": "1.2"}
}}}}`)
	e2etest.WriteFile(cur, `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {
  "lost": {"description": "d", "code": 1, "message": "Cart %s", "class": "NotFoundError"}
}}}}`)
	r := e2etest.Run(t, tmp, nil, kerrlint, "registry", "diff", filepath.Dir(old), filepath.Dir(cur))
	want := old + ":2:3: removed: shop.cart.gone (0x40010001) is removed without being deprecated first\n" +
		cur + ":2:3: code-reused: shop.cart.lost: code 0x40010001 belonged to shop.cart.gone (" + old + ":2:3)\n"
	if r.Code != 1 || r.Stderr != want {
		t.Errorf("registry diff: exit %d\n%s\nwant exit 1 and:\n%s", r.Code, r.Stderr, want)
	}
	if r := e2etest.Run(t, tmp, nil, kerrlint, "registry", "diff", old, old); r.Code != 0 || r.Stderr != "" {
		t.Errorf("registry diff of a file with itself: exit %d\n%s", r.Code, r.Stderr)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {}} {
		r := e2etest.Run(t, ".", nil, kerrlint, args...)
		if !strings.Contains(r.Stderr, "Usage: kerrlint [flags] packages") || !strings.Contains(r.Stderr, "-registry") || strings.Contains(r.Stderr, "panic") {
			t.Errorf("kerrlint %v: exit %d\n%s", args, r.Code, r.Stderr)
		}
	}
	if r := e2etest.Run(t, ".", nil, kerrlint, "help"); r.Code != 0 || !strings.Contains(r.Stdout, "\n  unknown-id  ") {
		t.Errorf("kerrlint help: exit %d\n%s", r.Code, r.Stdout)
	}
}

// TestVetBadRegistryOnce checks that under go vet, which runs kerrlint once
// per package, a broken registry is printed once.
func TestVetBadRegistryOnce(t *testing.T) {
	dir := e2etest.Example(t)
	for _, p := range []string{"a", "b", "c"} {
		e2etest.WriteFile(filepath.Join(dir, p, p+".go"), "package "+p+"\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar E = kerror.New(\"services.storage.not_found\")\n")
	}
	bad := filepath.Join(t.TempDir(), "64-shop.json")
	e2etest.WriteFile(bad, `{"code": 300, "subDomains": {}}`)
	r := e2etest.Run(t, dir, nil, "go", "vet", "-vettool="+kerrlint, "-registry="+bad, "./...")
	problem := `"code" must be between 0 and 255, got 300`
	if n := strings.Count(r.Stderr, problem); r.Code == 0 || n != 1 {
		t.Errorf("go vet with a broken registry: exit %d, the problem printed %d times:\n%s", r.Code, n, r.Stderr)
	}
}
