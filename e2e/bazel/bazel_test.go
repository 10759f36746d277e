// Package bazel_test proves kerrlint under Bazel's rules_go nogo, end to end
// and offline: Bazel 7 from Debian sid (in a chroot, cached per machine),
// rules_go, x/tools and go-udiff from the Go module proxy, kerrlint from this
// checkout. It runs only with KERRLINT_BAZEL=1 (as .ci/run sets it), as root.
package bazel_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"text/template"
	"time"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// EnvVar enables the suite.
const EnvVar = "KERRLINT_BAZEL"

// The third-party versions that work together (../../shared/nogo-notes.md):
// rules_go v0.65.0 needs Bazel >= 7.7.0, which Debian sid's bazel-bootstrap is.
const (
	rulesGo       = "github.com/bazelbuild/rules_go@v0.65.0"
	xTools        = "golang.org/x/tools@v0.52.0"
	goUdiff       = "github.com/aymanbagabas/go-udiff@v0.4.1"
	xMod          = "golang.org/x/mod@v0.42.0"
	gazelle       = "github.com/bazelbuild/bazel-gazelle/cmd/gazelle@v0.53.0"
	kerrlintLabel = "@com_github_kerrlint_kerrlint"
)

// TestNogo builds a small workspace whose nogo runs kerrlint with the shop's
// registry compiled in: a misspelt id fails the build with kerrlint's
// diagnostic and nogo's fix, which applied makes it pass; a registry edit
// re-runs nogo (a stale green build would pass the step that must fail); a
// broken registry fails the build with its position, never a panic.
func TestNogo(t *testing.T) {
	if os.Getenv(EnvVar) == "" {
		t.Skipf("Bazel nogo suite: set %s=1 to run it (Linux, root: it builds a Debian sid chroot with Bazel 7)", EnvVar)
	}
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Fatalf("%s=1, but the suite needs Linux and root (debootstrap, chroot, mounts); GOOS=%s euid=%d", EnvVar, runtime.GOOS, os.Geteuid())
	}
	for _, tool := range []string{"unshare", "nsenter", "chroot", "mount", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s=1 but %s is not installed: %v", EnvVar, tool, err)
		}
	}
	start := time.Now()
	checkout := e2etest.Root(t)
	cache := cacheDir(t)
	lock(t, filepath.Join(cache, "lock"))

	sid := filepath.Join(cache, "sid")
	step := time.Now()
	run(t, checkout, nil, filepath.Join(checkout, "e2e", "bazel", "sid-chroot.sh"), sid)
	t.Logf("sid chroot with Bazel: %v", since(step))

	work := filepath.Join(cache, "work")
	step = time.Now()
	repos := prepareRepos(t, work)
	t.Logf("rules_go, x/tools, go-udiff, x/mod: %v", since(step))

	ws := filepath.Join(work, "ws")
	writeWorkspace(t, checkout, repos, ws)
	b := &bazel{t: t, root: sid, goroot: goEnv(t, "GOROOT"), checkout: checkout, work: work, ws: ws}
	b.start()

	step = time.Now()
	b.build(0, "//app/good")
	t.Logf("first build (standard library, x/tools, nogo, when not cached): %v", since(step))

	// A misspelt id: kerrlint's diagnostic and nogo's fix, which makes it pass.
	out := b.build(1, "//app/bad")
	want := `app/bad/bad.go:16:20: unknown error id "shop.cart.gon"; did you mean "shop.cart.gone"? (kerrlint)`
	mustContain(t, out, want)
	patch, fix := fixPatch(t, ws, out)
	mustContain(t, fix, `-	return kerror.New("shop.cart.gon", cart)`)
	mustContain(t, fix, `+	return kerror.New("shop.cart.gone", cart)`)
	t.Logf("nogo's fix, %s:\n%s", patch, fix)
	run(t, ws, nil, "git", "apply", "-p1", patch)
	b.build(0, "//app/bad")

	// The registry is an input of nogo: an edit re-runs it, both ways.
	mustContain(t, b.build(1, "//app/later"), `app/later/later.go:16:20: unknown error id "shop.cart.expired"`)
	registry := filepath.Join(ws, "codes", "64-shop.json")
	edit(t, registry, `"gone": {`, `"expired": {`)
	step = time.Now()
	b.build(0, "//app/later")
	t.Logf("build after a registry edit: %v", since(step))
	mustContain(t, b.build(1, "//app/good"), `app/good/good.go:20:26: unknown error id "shop.cart.gone"`)

	// A broken registry fails the build with its position, never a panic.
	edit(t, registry, `"code": 1,
          "message"`, `"code": 0,
          "message"`)
	out = b.build(1, "//app/later")
	mustContain(t, out, `analyzer "kerrlint" failed: 64-shop.json:`)
	if strings.Contains(out, "panic") {
		t.Errorf("a broken registry made nogo panic:\n%s", out)
	}

	edit(t, registry, `"code": 0,`, `"code": 1,`)
	b.build(0, "//app/later")
	t.Logf("suite: %v", since(start))
}

// bazel runs Bazel inside the sid chroot, in a private mount namespace that
// binds the Go toolchain, the checkout (read-only) and the work directory at
// their own paths: nothing is mounted on the host. One namespace serves the
// whole test (held by a sleeping process), because the Bazel client restarts
// a server whose working directory it cannot see.
type bazel struct {
	t                                testing.TB
	root, goroot, checkout, work, ws string
	holder                           *exec.Cmd
}

const mountScript = `set -e
mount -t proc proc "$ROOT/proc"
mount --rbind /dev "$ROOT/dev"
for d in "$GOROOT" "$CHECKOUT" "$WORK"; do mkdir -p "$ROOT$d"; mount --bind "$d" "$ROOT$d"; done
mount -o remount,bind,ro "$ROOT$GOROOT"
mount -o remount,bind,ro "$ROOT$CHECKOUT"
echo mounted
exec sleep 7200
`

// start creates the mount namespace; t's cleanup shuts Bazel down and ends it.
func (b *bazel) start() {
	b.t.Helper()
	b.holder = exec.Command("unshare", "--mount", "--propagation", "private", "sh", "-c", mountScript)
	b.holder.Env = append(os.Environ(), "ROOT="+b.root, "GOROOT="+b.goroot, "CHECKOUT="+b.checkout, "WORK="+b.work)
	var stderr bytes.Buffer
	b.holder.Stderr = &stderr
	stdout, err := b.holder.StdoutPipe()
	if err != nil {
		b.t.Fatal(err)
	}
	if err := b.holder.Start(); err != nil {
		b.t.Fatal(err)
	}
	line := make([]byte, len("mounted\n"))
	if _, err := io.ReadFull(stdout, line); err != nil {
		b.holder.Wait()
		b.t.Fatalf("mounting the chroot's directories: %v\n%s", err, stderr.String())
	}
	b.t.Cleanup(func() {
		b.run("shutdown")
		b.holder.Process.Kill()
		b.holder.Wait()
	})
}

// run runs bazel with args in the chroot, in the workspace.
func (b *bazel) run(args ...string) e2etest.Result {
	b.t.Helper()
	cmd := []string{"--target", fmt.Sprint(b.holder.Process.Pid), "--mount", "--",
		"chroot", b.root, "/usr/bin/env", "-i", "HOME=/root", "LANG=C.UTF-8", "PATH=" + b.goroot + "/bin:/usr/sbin:/usr/bin:/sbin:/bin",
		"sh", "-c", `cd "$0" && out=$1 && shift && exec bazel --output_user_root="$out" --max_idle_secs=900 "$@"`, b.ws, filepath.Join(b.work, "out")}
	return e2etest.Run(b.t, b.ws, nil, "nsenter", append(cmd, args...)...)
}

// build runs bazel build on targets, wants exit status 0 or not (1), and
// returns what Bazel printed.
func (b *bazel) build(fail int, targets ...string) string {
	b.t.Helper()
	start := time.Now()
	r := b.run(append([]string{"build"}, targets...)...)
	out := r.Stdout + r.Stderr
	b.t.Logf("bazel build %s: exit %d, %v", strings.Join(targets, " "), r.Code, since(start))
	switch {
	case fail == 0 && r.Code != 0:
		b.t.Fatalf("bazel build %s failed, want success:\n%s", strings.Join(targets, " "), out)
	case fail != 0 && r.Code == 0:
		b.t.Fatalf("bazel build %s passed, want a nogo failure:\n%s", strings.Join(targets, " "), out)
	case fail != 0 && !strings.Contains(out, "Validating nogo output for") && !strings.Contains(out, "Running nogo on"):
		b.t.Fatalf("bazel build %s failed, but not in nogo:\n%s", strings.Join(targets, " "), out)
	}
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "(kerrlint)") || strings.Contains(line, `analyzer "kerrlint"`) || strings.HasPrefix(line, "INFO: ") && strings.Contains(line, " processes: ") {
			b.t.Logf("  %s", line)
		}
	}
	return out
}

// fixPatch returns the path of the patch nogo proposes (relative paths are
// relative to the workspace) and its content.
func fixPatch(t testing.TB, ws, out string) (path, content string) {
	t.Helper()
	m := regexp.MustCompile(`\$ patch -p1 < (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no fix patch in nogo's output:\n%s", out)
	}
	path = m[1]
	if !filepath.IsAbs(path) {
		path = filepath.Join(ws, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("nogo's fix patch: %v", err)
	}
	return path, string(data)
}

// prepareRepos makes, once per version, writable copies of the modules
// Bazel needs (module zips drop exec bits, and x/tools and go-udiff need BUILD
// files, generated by gazelle), and returns their parent directory.
func prepareRepos(t testing.TB, work string) string {
	t.Helper()
	repos := filepath.Join(work, "repos")
	gazelleBin := filepath.Join(work, "bin", "gazelle")
	if _, err := os.Stat(gazelleBin); err != nil {
		run(t, os.TempDir(), []string{"GOBIN=" + filepath.Dir(gazelleBin), "GOFLAGS=-mod=mod"}, "go", "install", gazelle)
	}
	for _, r := range []struct{ name, module, prefix string }{
		{"io_bazel_rules_go", rulesGo, ""},
		{"org_golang_x_tools", xTools, "golang.org/x/tools"},
		{"com_github_aymanbagabas_go_udiff", goUdiff, "github.com/aymanbagabas/go-udiff"},
		{"org_golang_x_mod", xMod, "golang.org/x/mod"},
	} {
		dir := filepath.Join(repos, r.name)
		if data, err := os.ReadFile(filepath.Join(dir, ".kerrlint-module")); err == nil && string(data) == r.module {
			continue
		}
		src := moduleDir(t, r.module)
		tmp := dir + ".tmp"
		os.RemoveAll(tmp)
		if err := copyTree(src, tmp); err != nil {
			t.Fatalf("copying %s: %v", r.module, err)
		}
		if r.prefix != "" {
			if err := os.WriteFile(filepath.Join(tmp, "WORKSPACE"), []byte(fmt.Sprintf("workspace(name = %q)\n", r.name)), 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, tmp, nil, gazelleBin, "-go_prefix", r.prefix, "-repo_root", tmp, "-go_repository_mode",
				"-go_naming_convention", "import_alias", "-go_naming_convention_external", "import_alias")
		}
		if err := os.WriteFile(filepath.Join(tmp, ".kerrlint-module"), []byte(r.module), 0o644); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(dir)
		if err := os.Rename(tmp, dir); err != nil {
			t.Fatal(err)
		}
	}
	return repos
}

// moduleDir downloads module@version through the Go module proxy and returns
// its directory in the module cache.
func moduleDir(t testing.TB, module string) string {
	t.Helper()
	r := run(t, os.TempDir(), []string{"GOFLAGS=-mod=mod"}, "go", "mod", "download", "-json", module)
	var m struct{ Dir, Error string }
	if err := json.Unmarshal([]byte(r.Stdout), &m); err != nil || m.Dir == "" {
		t.Fatalf("go mod download %s: %v %s", module, err, m.Error)
	}
	return m.Dir
}

// copyTree copies src to dst, writable, keeping shell scripts executable
// (module zips drop exec bits: rules_go's *.sh must run).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		mode := os.FileMode(0o644)
		if strings.HasSuffix(path, ".sh") {
			mode = 0o755
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(target, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// writeWorkspace writes the workspace from testdata/workspace afresh (the
// test edits it), with the BUILD file for kerrlint's checkout.
func writeWorkspace(t testing.TB, checkout, repos, ws string) {
	t.Helper()
	if err := os.RemoveAll(ws); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(checkout, "e2e", "bazel", "testdata", "workspace")
	if err := copyTree(src, ws); err != nil {
		t.Fatal(err)
	}
	tmpl, err := template.ParseFiles(filepath.Join(ws, "WORKSPACE.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, map[string]string{
		"Repos":           repos,
		"Checkout":        checkout,
		"PackageMetadata": filepath.Join(checkout, "e2e", "bazel", "testdata", "package_metadata"),
	})
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(ws, "WORKSPACE.tmpl"))
	if err := os.WriteFile(filepath.Join(ws, "WORKSPACE"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	build, err := kerrlintBuild(checkout)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ws, "kerrlint.BUILD.bazel"), []byte(build), 0o644); err != nil {
		t.Fatal(err)
	}
}

// kerrlintBuild returns a BUILD file for the root of kerrlint's checkout: a
// go_library per package that the analyzer and the runtime need, from go
// list, so that it follows the sources (files, embeds, imports).
func kerrlintBuild(checkout string) (string, error) {
	cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Dir,GoFiles,EmbedFiles,Imports,Standard,Module", "./analyzer", "./kerror", "./registry")
	cmd.Dir = checkout
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list: %v", err)
	}
	const module = "github.com/kerrlint/kerrlint"
	var b strings.Builder
	b.WriteString("# Generated by e2e/bazel's test from go list.\nload(\"@io_bazel_rules_go//go:def.bzl\", \"go_library\")\n")
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath, Dir              string
			GoFiles, EmbedFiles, Imports []string
			Standard                     bool
			Module                       *struct{ Path string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return "", err
		}
		if p.Standard || p.Module == nil || p.Module.Path != module {
			continue
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		var srcs, embeds, deps []string
		for _, f := range p.GoFiles {
			srcs = append(srcs, rel+"/"+f)
		}
		for _, f := range p.EmbedFiles {
			embeds = append(embeds, rel+"/"+f)
		}
		for _, imp := range p.Imports {
			switch {
			case strings.HasPrefix(imp, module+"/"):
				deps = append(deps, ":"+targetName(strings.TrimPrefix(imp, module+"/")))
			case strings.HasPrefix(imp, "golang.org/x/tools/"):
				deps = append(deps, "@org_golang_x_tools//"+strings.TrimPrefix(imp, "golang.org/x/tools/"))
			case strings.HasPrefix(imp, "golang.org/x/mod/"):
				deps = append(deps, "@org_golang_x_mod//"+strings.TrimPrefix(imp, "golang.org/x/mod/"))
			case !strings.Contains(strings.SplitN(imp, "/", 2)[0], "."):
				// the standard library
			default:
				return "", fmt.Errorf("%s imports %s: add its repository to e2e/bazel's workspace", p.ImportPath, imp)
			}
		}
		slices.Sort(deps)
		fmt.Fprintf(&b, "\ngo_library(\n    name = %q,\n    srcs = %s,\n    embedsrcs = %s,\n    importpath = %q,\n    visibility = [\"//visibility:public\"],\n    deps = %s,\n)\n",
			targetName(rel), starlarkList(srcs), starlarkList(embeds), p.ImportPath, starlarkList(deps))
	}
	return b.String(), nil
}

func targetName(rel string) string { return strings.ReplaceAll(rel, "/", "_") }

func starlarkList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}

// cacheDir is where the chroot, the prepared repositories and Bazel's output
// live between runs: $KERRLINT_BAZEL_CACHE, or the user cache directory.
func cacheDir(t testing.TB) string {
	dir := os.Getenv("KERRLINT_BAZEL_CACHE")
	if dir == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			t.Fatalf("no cache directory: %v (set KERRLINT_BAZEL_CACHE)", err)
		}
		dir = filepath.Join(c, "kerrlint", "bazel")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// lock holds an exclusive lock on name until the test ends: two runs on one
// machine share the chroot and the workspace, one after the other.
func lock(t testing.TB, name string) {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
}

func goEnv(t testing.TB, name string) string {
	return strings.TrimSpace(run(t, os.TempDir(), nil, "go", "env", name).Stdout)
}

// run runs a command that must succeed.
func run(t testing.TB, dir string, env []string, name string, args ...string) e2etest.Result {
	t.Helper()
	r := e2etest.Run(t, dir, env, name, args...)
	if r.Code != 0 {
		t.Fatalf("%s %s: exit %d\n%s%s", name, strings.Join(args, " "), r.Code, r.Stdout, r.Stderr)
	}
	return r
}

func edit(t testing.TB, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustContain(t testing.TB, out, want string) {
	t.Helper()
	if !strings.Contains(out, want) {
		t.Fatalf("want %q in:\n%s", want, out)
	}
}

func since(t time.Time) time.Duration { return time.Since(t).Round(100 * time.Millisecond) }
