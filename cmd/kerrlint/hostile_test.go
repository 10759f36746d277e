//go:build unix

package main_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// The hostile-input suite: what a pull request or a developer's checkout can
// hold, through every entry point of the binary (standalone, go vet,
// registry subcommands), each run bounded in time and memory so that a hang
// or a blow-up fails here instead of hanging CI. The runtime's cases are in
// kerror, the analyzer's own crash cases in analyzer's testdata (parens),
// -fix's in the fix tests.

// hostileEntries are the two ways to analyse a module.
var hostileEntries = []struct {
	name string
	args func(args ...string) []string
	cmd  func() string
}{
	{"standalone", func(args ...string) []string { return args }, func() string { return kerrlint }},
	{"go vet", func(args ...string) []string { return append([]string{"vet", "-vettool=" + kerrlint}, args...) }, func() string { return "go" }},
}

// TestHostileEmbeddedFiles: links out of the module, to a device, and a
// named pipe inside an embedded registry directory are not embedded by the
// go command, so kerrlint neither reads nor reports them; the registry is
// the real files alone.
func TestHostileEmbeddedFiles(t *testing.T) {
	dir := e2etest.Installing(t)
	e2etest.WriteBillingCodes(t, dir, 2) // checkout's billing.card.expired is registered
	secret := filepath.Join(t.TempDir(), "secret.json")
	must(t, os.WriteFile(secret, []byte(`{"code": "AWS_SECRET=hunter2", "subDomains": {}}`), 0o600))
	codes := filepath.Join(dir, "billing", "codes")
	must(t, os.Symlink(secret, filepath.Join(codes, "65-evil.json")))
	must(t, os.Symlink("/dev/zero", filepath.Join(codes, "66-zero.json")))
	must(t, syscall.Mkfifo(filepath.Join(codes, "67-fifo.json"), 0o644))
	must(t, os.Symlink(filepath.Dir(secret), filepath.Join(codes, "elsewhere")))

	for _, e := range hostileEntries {
		t.Run(e.name, func(t *testing.T) {
			r := e2etest.RunBounded(t, e2etest.DefaultBounds, dir, nil, e.cmd(), e.args("./...")...)
			out := r.Stdout + r.Stderr
			if r.Code != 0 || strings.Contains(out, "AWS_SECRET") || strings.Contains(out, "unknown error id") {
				t.Errorf("exit %d, want 0 and no word of the files the go command does not embed:\n%s", r.Code, out)
			}
		})
	}
}

// TestHostileEmbedPatterns: patterns the go command refuses are refused,
// never read: .. out of the module (to a directory of valid codes, to a
// device) fails the package as go build fails it.
func TestHostileEmbedPatterns(t *testing.T) {
	dir := e2etest.Installing(t)
	e2etest.WriteBillingCodes(t, dir, 2)
	outside := filepath.Join(filepath.Dir(dir), filepath.Base(dir)+"-outside")
	must(t, e2etest.WriteFile(filepath.Join(outside, "81-out.json"), `{"code": 81, "subDomains": {"x": {"code": 1, "errors": {"y": {"description": "d", "code": 1, "message": "m", "class": "BadRequestError"}}}}}`))
	t.Cleanup(func() { os.RemoveAll(outside) })
	const src = "package %s\n\nimport (\n\t\"embed\"\n\n\t\"github.com/kerrlint/kerrlint/kerror\"\n)\n\n//go:embed %s\nvar codes embed.FS\n\nfunc init() { _ = kerror.InstallFS(codes, %q) }\n\nvar _ = kerror.New(\"out.x.y\")\n"
	for _, tc := range []struct{ name, pattern, path string }{
		{"dotdot", "../../" + filepath.Base(outside), "../../" + filepath.Base(outside)},
		{"device", "../../../../../../../../dev/zero", "."},
	} {
		pkg := filepath.Join(dir, tc.name)
		must(t, e2etest.WriteFile(filepath.Join(pkg, tc.name+".go"), fmt.Sprintf(src, tc.name, tc.pattern, tc.path)))
		for _, e := range hostileEntries {
			t.Run(tc.name+"/"+e.name, func(t *testing.T) {
				r := e2etest.RunBounded(t, e2etest.DefaultBounds, dir, nil, e.cmd(), e.args("./"+tc.name)...)
				out := r.Stdout + r.Stderr
				if r.Code != 1 || !strings.Contains(out, "invalid pattern syntax") || strings.Contains(out, "unknown error id") {
					t.Errorf("exit %d, want 1 and the go command's \"invalid pattern syntax\":\n%s", r.Code, out)
				}
			})
		}
	}
}

// TestHostileRegistryPaths: registry paths that are not regular files are
// one clear error, never a hang or an unbounded read — also for -V=full,
// go vet's first step, with KERRLINT_REGISTRY.
func TestHostileRegistryPaths(t *testing.T) {
	dir := e2etest.Example(t)
	tmp := t.TempDir()
	fifo := filepath.Join(tmp, "64-fifo.json")
	must(t, syscall.Mkfifo(fifo, 0o644))
	fifoDir := filepath.Join(tmp, "codes")
	must(t, os.Mkdir(fifoDir, 0o755))
	must(t, syscall.Mkfifo(filepath.Join(fifoDir, "64-fifo.json"), 0o644))
	huge := filepath.Join(tmp, "65-huge.json")
	f, err := os.Create(huge)
	must(t, err)
	must(t, f.Truncate(1<<30)) // sparse: a gigabyte of nothing
	f.Close()
	for _, path := range []string{fifo, fifoDir, "/dev/zero", huge} {
		want := "not a regular file"
		if path == huge {
			want = "file too large"
		}
		for _, args := range [][]string{
			{"-registry", path, "./..."},
			{"vet", "-vettool=" + kerrlint, "-registry=" + path, "./..."},
			{"registry", "check", path},
			{"registry", "list", "-registry", path},
		} {
			name := kerrlint
			if args[0] == "vet" {
				name = "go"
			}
			r := e2etest.RunBounded(t, e2etest.DefaultBounds, dir, nil, name, args...)
			if r.Code == 0 || !strings.Contains(r.Stderr, want) {
				t.Errorf("%s %s: exit %d, want non-zero and %q:\n%s", filepath.Base(name), strings.Join(args, " "), r.Code, want, r.Stderr)
			}
		}
		r := e2etest.RunBounded(t, e2etest.DefaultBounds, dir, []string{"KERRLINT_REGISTRY=" + path}, kerrlint, "-V=full")
		if r.Code == 0 && !strings.Contains(r.Stdout, "kerrlint") {
			t.Errorf("KERRLINT_REGISTRY=%s kerrlint -V=full: exit %d:\n%s%s", path, r.Code, r.Stdout, r.Stderr)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
