package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kerrlint/kerrlint/internal/kuzzlejs"
)

// runRegistry runs `kerrlint registry args...` in process.
func runRegistry(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = registryMain(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const checkDomain = `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {"x": {"description": "d", "code": 1, "message": "m", "class": "NotFoundError"STATUS}}}}}`

// TestRegistryCheckWarnings: warnings are printed with their position and
// name and exit 0, or 1 with -strict; errors exit 1.
func TestRegistryCheckWarnings(t *testing.T) {
	clean := writeTemp(t, "64-shop.json", strings.Replace(checkDomain, "STATUS", "", 1))
	warned := writeTemp(t, "64-shop.json", strings.Replace(checkDomain, "STATUS", `, "status": 400`, 1))
	broken := writeTemp(t, "64-shop.json", strings.Replace(strings.Replace(checkDomain, "STATUS", "", 1), `"code": 1, "message"`, `"code": 1.5, "message"`, 1))
	warning := warned + `:1:149: warning: shop.cart.x: "status" is ignored: class NotFoundError always has status 404; only KuzzleError takes it [status-ignored]` + "\n"
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"check", clean}, 0, ""},
		{[]string{"check", "-strict", clean}, 0, ""},
		{[]string{"check", warned}, 0, warning},
		{[]string{"check", "-strict", warned}, 1, warning},
		{[]string{"check", broken}, 1, broken + `:1:94: shop.cart.x: "code" must be an integer, got 1.5` + "\n"},
	}
	for _, tt := range tests {
		code, _, stderr := runRegistry(tt.args...)
		if code != tt.code || stderr != tt.stderr {
			t.Errorf("registry %s: exit %d, stderr:\n%s\nwant exit %d and:\n%s", strings.Join(tt.args, " "), code, stderr, tt.code, tt.stderr)
		}
	}
}

const pluginManifest = `{
  "name": "kuzzle-plugin-payments",
  "kuzzleVersion": ">=2.0.0 <3.0.0",
  "errors": {
    "card_declined": {"code": 1, "message": "Card %s declined", "class": "BadRequestError"}
  }
}`

// TestRegistryManifest: a manifest.json is checked with Kuzzle's plugin
// rules, and -registry loads its errors as plugin.NAME.error.
func TestRegistryManifest(t *testing.T) {
	m := writeTemp(t, "payments/manifest.json", pluginManifest)
	for _, path := range []string{m, filepath.Dir(m)} {
		if code, _, stderr := runRegistry("check", path); code != 0 || stderr != "" {
			t.Errorf("registry check %s: exit %d\n%s", path, code, stderr)
		}
	}
	code, stdout, stderr := runRegistry("show", "-registry", m, "plugin.kuzzle-plugin-payments.card_declined")
	if code != 0 || !strings.Contains(stdout, "code:        0x04000001") || !strings.Contains(stdout, "class:       BadRequestError (400)") {
		t.Errorf("registry show -registry manifest: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runRegistry("list", "-embedded=false", "-registry", m)
	if code != 0 || !strings.Contains(stdout, "0x04000001\tplugin.kuzzle-plugin-payments.card_declined\tBadRequestError\t400") {
		t.Errorf("registry list -registry manifest: exit %d\n%s", code, stdout)
	}
	bad := writeTemp(t, "manifest.json", strings.Replace(pluginManifest, "kuzzle-plugin-payments", "payments.v2", 1))
	code, _, stderr = runRegistry("check", bad)
	if want := bad + `:2:11: manifest: plugin name "payments.v2" must match ^[\w-]+$ (letters, digits, _ and -)` + "\n"; code != 1 || stderr != want {
		t.Errorf("registry check of a bad plugin name: exit %d\n%s\nwant\n%s", code, stderr, want)
	}
}

// TestKuzzleRealManifests checks the manifests of published Kuzzle plugins
// (fetched with npm at test time): registry check accepts them, and
// -registry loads their errors.
func TestKuzzleRealManifests(t *testing.T) {
	for _, tt := range []struct{ spec, kuzzle string }{ // kuzzle: a release its "kuzzleVersion" allows
		{"kuzzle-plugin-auth-passport-local@6.4.1", "2.56.0"},
		{"kuzzle-plugin-auth-passport-local@5.2.0", "1.11.0"},
		{"kuzzle-plugin-auth-passport-oauth@5.0.4", "2.56.0"},
		{"kuzzle-plugin-logger@3.0.3", "2.56.0"},
	} {
		spec := tt.spec
		m := filepath.Join(kuzzlejs.Package(t, spec), "manifest.json")
		if code, _, stderr := runRegistry("check", "-kuzzle", tt.kuzzle, "-strict", "-embedded", m); code != 0 || stderr != "" {
			t.Errorf("%s: registry check -kuzzle %s: exit %d\n%s", spec, tt.kuzzle, code, stderr)
		}
		if tt.kuzzle != "2.56.0" {
			want := `Kuzzle 2.56.0 does not satisfy "kuzzleVersion"`
			if code, _, stderr := runRegistry("check", m); code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("%s: registry check (Kuzzle 2.56.0's verdict): exit %d\n%s\nwant 1 and %s", spec, code, stderr, want)
			}
		}
		code, stdout, stderr := runRegistry("list", "-registry", m)
		if code != 0 {
			t.Errorf("%s: registry list -registry: exit %d\n%s", spec, code, stderr)
		}
		if spec == "kuzzle-plugin-auth-passport-local@6.4.1" && !strings.Contains(stdout, "\tplugin.kuzzle-plugin-auth-passport-local.weak_password\tBadRequestError\t400\t") {
			t.Errorf("%s: registry list -registry does not list its errors:\n%s", spec, stdout)
		}
	}
}

// TestRegistrySpecialFiles: a registry path that is a named pipe, or a
// directory holding one, is one "not a regular file" error from every
// entry point, never a hang, and naming one in $KERRLINT_REGISTRY does not
// make go vet's first step (-V=full) hang. Each case is bounded in time.
func TestRegistrySpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "65-evil.json")
	if err := mkfifo(fifo); err != nil {
		t.Skip("mkfifo:", err)
	}
	within := func(what string, f func()) {
		t.Helper()
		done := make(chan struct{})
		go func() { defer close(done); f() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still running after 10s (a hang)", what)
		}
	}
	want := fifo + ": not a regular file (a named pipe)\n"
	for _, args := range [][]string{{"check", fifo}, {"check", dir}, {"list", "-registry", fifo}, {"doc", "-registry", dir}, {"show", "-registry", "/dev/zero", "x.y.z"}} {
		within(strings.Join(args, " "), func() {
			code, _, stderr := runRegistry(args...)
			w := want
			if slices.Contains(args, "/dev/zero") {
				w = "/dev/zero: not a regular file (a character device)\n"
			}
			if code != 1 || stderr != w {
				t.Errorf("registry %s: exit %d, stderr %q, want 1 and %q", strings.Join(args, " "), code, stderr, w)
			}
		})
	}
	for _, env := range []string{fifo, dir, "/dev/zero"} {
		t.Setenv(registryEnv, env)
		within("-V=full with "+registryEnv+"="+env, func() {
			var out strings.Builder
			if code := printVersion(&out); code != 0 || !strings.Contains(out.String(), "buildID=") {
				t.Errorf("-V=full: exit %d, %q", code, out.String())
			}
		})
	}
}

// TestRegistryCheckKuzzle: registry check gives Kuzzle 2.56's verdict by
// default and another release's with -kuzzle; the other subcommands load a
// Kuzzle 2.4–2.16 codes directory (key "subdomains") as any release does.
func TestRegistryCheckKuzzle(t *testing.T) {
	old := writeTemp(t, "codes/64-shop.json", strings.Replace(strings.Replace(checkDomain, "STATUS", "", 1), "subDomains", "subdomains", 1))
	dir := filepath.Dir(old)
	want := old + `:1:1: domain shop: missing "subDomains" ("subdomains" is the key of the other layout: Kuzzle 2.56.0's loader reads "subDomains"); Kuzzle 1.11.0 to 2.16.5 read "subdomains": registry check -kuzzle VERSION gives another release's verdict` + "\n"
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"check", dir}, 1, want},
		{[]string{"check", "-kuzzle", "2.16.5", dir}, 0, ""},
		{[]string{"check", "-kuzzle", "2.13", dir}, 0, ""},
		{[]string{"check", "-kuzzle", "2.17.1", dir}, 2, "kerrlint registry check: -kuzzle 2.17.1: kerrlint knows the loaders of Kuzzle 2.16.5 and 2.18.1, which differ, and of no release in between: give one of them\n"},
		{[]string{"check", "-kuzzle", "any", "-strict", dir}, 1, old + `:1:14: warning: domain shop: Kuzzle 1.11.0 to 2.16.5 read "subdomains"; 2.18.1 to 2.56.0 read "subDomains" and refuse this file [release-dependent]` + "\n"},
	}
	for _, tt := range tests {
		code, _, stderr := runRegistry(tt.args...)
		if code != tt.code || stderr != tt.stderr {
			t.Errorf("registry %s: exit %d, stderr:\n%s\nwant exit %d and:\n%s", strings.Join(tt.args, " "), code, stderr, tt.code, tt.stderr)
		}
	}
	if code, stdout, stderr := runRegistry("list", "-registry", dir); code != 0 || !strings.Contains(stdout, "0x40010001\tshop.cart.x\tNotFoundError\t404") {
		t.Errorf("registry list -registry (2.16 layout): exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestRegistryReleaseCodesReplaceEmbedded: -registry naming a Kuzzle
// release's codes (they define core) replaces the embedded 1.12 registry,
// whose 0x01010016 they reuse; other conflicts say how to replace it.
func TestRegistryReleaseCodesReplaceEmbedded(t *testing.T) {
	core := writeTemp(t, "codes/0-core.json", `{"code": 0, "subDomains": {"fatal": {"code": 1, "errors": {"unexpected_error": {"description": "d", "code": 1, "message": "Caught an unexpected error: %s", "class": "InternalError"}}}}}`)
	dir := filepath.Dir(core)
	services := `{"code": 1, "subDomains": {"storage": {"code": 1, "errors": {"collection_reserved": {"description": "d", "code": 22, "message": "m", "class": "BadRequestError"}}}}}`
	if err := os.WriteFile(filepath.Join(dir, "1-services.json"), []byte(services), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runRegistry("show", "-registry", dir, "0x01010016"); code != 0 || !strings.HasPrefix(stdout, "services.storage.collection_reserved\n") {
		t.Errorf("registry show -registry <release codes> 0x01010016: exit %d\n%s%s", code, stdout, stderr)
	}
	alone := writeTemp(t, "1-services.json", services)
	code, _, stderr := runRegistry("show", "-registry", alone, "0x01010016")
	if want := "kerrlint: these registries conflict with the embedded Kuzzle 1.12 one: -embedded=false uses them alone"; code != 1 || !strings.Contains(stderr, "duplicate code 0x01010016") || !strings.Contains(stderr, want) {
		t.Errorf("registry show -registry <services alone>: exit %d\n%s\nwant the conflict and %q", code, stderr, want)
	}
}
