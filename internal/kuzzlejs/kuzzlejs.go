// Package kuzzlejs installs Kuzzle's published JavaScript, at pinned
// versions, for the differential tests that hold kerrlint to Kuzzle's own
// behaviour: the server's dist/lib/kerror (validator and runtime), lodash to
// run it, and the SDK's KuzzleError.
package kuzzlejs

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The pinned versions; lodash is the one kuzzle@2.56.0's package.json names.
const (
	KuzzleVersion = "2.56.0"
	SDKVersion    = "7.17.1"
	LodashVersion = "4.17.21"
)

// Modules to require from a script run by Node in Dir: Kuzzle's kerror
// (get, rawGet, wrap; codes/ holds checkDomains and loadPluginsErrors) and the
// SDK's parser of API errors (not exported by the package, so by path).
const (
	KerrorModule      = "kuzzle/dist/lib/kerror"
	KerrorCodesModule = "kuzzle/dist/lib/kerror/codes"
	SDKErrorModule    = "./node_modules/kuzzle-sdk/out/src/KuzzleError"
)

// EnvVar enables the suites that run Kuzzle's code (.ci/run sets it).
const EnvVar = "KERRLINT_KUZZLE"

// Dir returns a directory whose node_modules holds kuzzle (the packed npm
// tarball, unpacked, without its dependencies), lodash and kuzzle-sdk, so
// that scripts run there can require the modules above. It is
// installed once per machine under the user cache directory. Dir skips t
// unless $KERRLINT_KUZZLE is set, and fails it when node or npm is missing
// then (the suite was asked for and cannot run).
func Dir(t testing.TB) string {
	t.Helper()
	if os.Getenv(EnvVar) == "" {
		t.Skipf("differential suite against Kuzzle %s: set %s=1 to run it (needs node and npm)", KuzzleVersion, EnvVar)
	}
	for _, tool := range []string{"node", "npm", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s=1 but %s is not installed: %v", EnvVar, tool, err)
		}
	}
	name := fmt.Sprintf("kuzzlejs-%s-sdk%s-lodash%s", KuzzleVersion, SDKVersion, LodashVersion)
	return cached(t, name, "ready", func(tmp string) error {
		if err := install(tmp); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, "ready"), nil, 0o644)
	})
}

// cached returns the directory name under the user cache directory, made
// once per machine by fill in a temporary directory renamed into place when
// done (marker names a file fill leaves there): an interrupted fill is redone,
// and of concurrent test binaries the first rename wins.
func cached(t testing.TB, name, marker string, fill func(tmp string) error) string {
	t.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "kerrlint", name)
	if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
		return dir
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "fill-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if err := fill(tmp); err != nil {
		t.Fatalf("preparing %s: %v", name, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, serr := os.Stat(filepath.Join(dir, marker)); serr != nil {
			t.Fatalf("preparing %s: %v", name, err)
		}
	}
	return dir
}

// unpack fetches the published tarball of an npm package spec into dir,
// unpacked, without its dependencies.
func unpack(dir, spec string) error {
	out, err := run(dir, "npm", "pack", "--silent", spec)
	if err != nil {
		return err
	}
	tgz := strings.TrimSpace(string(out))
	if i := strings.LastIndexByte(tgz, '\n'); i >= 0 {
		tgz = tgz[i+1:]
	}
	if _, err := run(dir, "tar", "xzf", tgz, "--strip-components=1"); err != nil {
		return err
	}
	return os.Remove(filepath.Join(dir, tgz))
}

func install(dir string) error {
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"kerrlint-kuzzlejs","private":true}`+"\n"), 0o644); err != nil {
		return err
	}
	if _, err := run(dir, "npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock",
		"lodash@"+LodashVersion, "kuzzle-sdk@"+SDKVersion); err != nil {
		return err
	}
	// The server package has ~40 dependencies kerror does not use: take its
	// published tarball alone.
	dest := filepath.Join(dir, "node_modules", "kuzzle")
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return err
	}
	return unpack(dest, "kuzzle@"+KuzzleVersion)
}

func run(dir, name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return out, nil
}

// Node runs a JavaScript program in dir (from Dir) with input on its
// standard input, and returns its standard output.
func Node(t testing.TB, dir, script string, input []byte) []byte {
	t.Helper()
	cmd := exec.Command("node", "-e", script)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	return out
}

// Package returns the directory of an npm package at a pinned version
// ("kuzzle-plugin-logger@3.0.3"), its published tarball unpacked without
// dependencies, so that tests can read its files (a plugin's manifest.json).
// It is fetched once per machine into the user cache directory; like Dir, it
// skips t unless $KERRLINT_KUZZLE is set.
func Package(t testing.TB, spec string) string {
	t.Helper()
	if os.Getenv(EnvVar) == "" {
		t.Skipf("npm package %s: set %s=1 to fetch it (needs npm)", spec, EnvVar)
	}
	for _, tool := range []string{"npm", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s=1 but %s is not installed: %v", EnvVar, tool, err)
		}
	}
	return cached(t, filepath.Join("npm", strings.ReplaceAll(spec, "/", "+")), "package.json", func(tmp string) error {
		return unpack(tmp, spec)
	})
}
