// Package kuzzlejs installs Kuzzle's published JavaScript, at pinned
// versions, for the differential tests that hold kerrlint to Kuzzle's own
// behaviour: the server's dist/lib/kerror (validator and runtime), lodash to
// run it, and the SDK's KuzzleError.
package kuzzlejs

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
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

// unpackCode is unpack for a large package of which the suites read code
// only: the published tarball's package.json, lib/ and dist/ (kuzzle@1.11.0
// also ships a 5 GB database dump). npm pack writes that tarball and then
// fails to summarise it (ERR_BUFFER_TOO_LARGE): a tarball whose integrity
// is the registry's is used all the same.
func unpackCode(dir, name, version string) error {
	tgz := name + "-" + version + ".tgz"
	if _, err := run(dir, "npm", "pack", "--silent", name+"@"+version); err != nil {
		want, verr := run(dir, "npm", "view", name+"@"+version, "dist.integrity")
		data, rerr := os.ReadFile(filepath.Join(dir, tgz))
		if verr != nil || rerr != nil {
			return err
		}
		sum := sha512.Sum512(data)
		if got := "sha512-" + base64.StdEncoding.EncodeToString(sum[:]); got != strings.TrimSpace(string(want)) {
			return fmt.Errorf("%v (and %s's integrity is %s, not the registry's %s)", err, tgz, got, strings.TrimSpace(string(want)))
		}
	}
	list, err := run(dir, "tar", "tzf", tgz)
	if err != nil {
		return err
	}
	members := map[string]bool{}
	for _, line := range strings.Split(string(list), "\n") {
		parts := strings.SplitN(line, "/", 3)
		if len(parts) >= 2 && (parts[1] == "package.json" || parts[1] == "lib" || parts[1] == "dist") {
			members[parts[0]+"/"+parts[1]] = true
		}
	}
	args := []string{"xzf", tgz, "--strip-components=1"}
	for m := range members {
		args = append(args, m)
	}
	if _, err := run(dir, "tar", args...); err != nil {
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

// Release is a Kuzzle release the differential suites run through its own
// code, with the dependencies that code needs at the versions its
// package.json declares (the lowest its ranges allow, pinned).
type Release struct {
	Version       string
	Lodash        string
	Semver        string
	Bluebird      string
	CommonObjects string // kuzzle-common-objects, whose errors 1.x and 2.4 check classes against; "" for none
}

// Releases span every layout and rule change kerrlint knows of (see
// registry/releases.go): 1.x, kuzzle-common-objects 4's classes (2.4),
// Kuzzle's own errors without and with MultipleErrorsError (2.9–2.10,
// 2.11–2.16), the key subDomains (2.18), includePrerelease in the manifest's
// version check (2.31), and the compiled dist/ tree (2.53 on).
var Releases = []Release{
	{"1.11.0", "4.17.15", "6.3.0", "3.5.5", "3.0.17"},
	{"2.4.0", "4.17.19", "7.3.2", "3.7.2", "4.1.1"},
	{"2.9.1", "4.17.20", "7.3.4", "3.7.2", ""},
	{"2.10.4", "4.17.21", "7.3.4", "3.7.2", ""},
	{"2.11.0", "4.17.21", "7.3.5", "3.7.2", ""},
	{"2.16.5", "4.17.21", "7.3.5", "3.7.2", ""},
	{"2.18.1", "4.17.21", "7.3.7", "3.7.2", ""},
	{"2.27.1", "4.17.21", "7.3.8", "3.7.2", ""},
	{"2.31.0", "4.17.21", "7.5.4", "3.7.2", ""},
	{"2.49.1", "4.17.21", "7.7.2", "3.7.2", ""},
	{KuzzleVersion, LodashVersion, "7.7.3", "3.7.2", ""},
}

// ReleaseDir returns a directory whose node_modules holds the release's
// kuzzle package (its tarball alone) and the dependencies above, installed
// once per machine under the user cache directory; it skips t unless
// $KERRLINT_KUZZLE is set, as Dir.
func ReleaseDir(t testing.TB, r Release) string {
	t.Helper()
	if os.Getenv(EnvVar) == "" {
		t.Skipf("differential suite against Kuzzle %s: set %s=1 to run it (needs node and npm)", r.Version, EnvVar)
	}
	for _, tool := range []string{"node", "npm", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s=1 but %s is not installed: %v", EnvVar, tool, err)
		}
	}
	name := fmt.Sprintf("kuzzle-%s-lodash%s-semver%s-bluebird%s-kco%s", r.Version, r.Lodash, r.Semver, r.Bluebird, r.CommonObjects)
	return cached(t, filepath.Join("releases", name), "ready", func(tmp string) error {
		if err := os.WriteFile(filepath.Join(tmp, "package.json"), []byte(`{"name":"kerrlint-kuzzle-release","private":true}`+"\n"), 0o644); err != nil {
			return err
		}
		deps := []string{"lodash@" + r.Lodash, "semver@" + r.Semver, "bluebird@" + r.Bluebird}
		if r.CommonObjects != "" {
			deps = append(deps, "kuzzle-common-objects@"+r.CommonObjects)
		}
		if _, err := run(tmp, "npm", append([]string{"install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", "--omit=dev"}, deps...)...); err != nil {
			return err
		}
		dest := filepath.Join(tmp, "node_modules", "kuzzle")
		if err := os.MkdirAll(dest, 0o755); err != nil {
			return err
		}
		if err := unpackCode(dest, "kuzzle", r.Version); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, "ready"), nil, 0o644)
	})
}

// ReleaseModules are the paths (in ReleaseDir's directory, for require) of a
// release's error codes module (its checkDomains, exported or not), of its
// plugin manifest class, and whether that class takes the kuzzle object
// first (1.x, 2.4) rather than reading global.kuzzle.
func ReleaseModules(dir string, r Release) (codes, manifest string, takesKuzzle bool) {
	base := filepath.Join(dir, "node_modules", "kuzzle")
	switch {
	case strings.HasPrefix(r.Version, "1."):
		return filepath.Join(base, "lib/config/error-codes/index.js"), filepath.Join(base, "lib/api/core/plugins/manifest.js"), true
	case fileExists(filepath.Join(base, "dist/lib/kerror/codes/index.js")):
		return filepath.Join(base, "dist/lib/kerror/codes/index.js"), filepath.Join(base, "dist/lib/core/plugin/pluginManifest.js"), false
	}
	return filepath.Join(base, "lib/kerror/codes/index.js"), filepath.Join(base, "lib/core/plugin/pluginManifest.js"), r.Version == "2.4.0"
}

// LoadCodesJS defines loadCodes(file, key) for a script run by Node: a
// release's codes module (from ReleaseModules), compiled as Node would with
// its checkDomains exported (1.x does not export it). Its domain files that
// the package lacks (kuzzle@2.4.0 was published without them) are empty
// domains under key, the release's subdomains key. The release's other
// modules (its manifest class) require the same instance.
const LoadCodesJS = `
function loadCodes(file, key) {
  const Module = require("module"), fs = require("fs"), path = require("path");
  const m = new Module(file, null);
  m.filename = file;
  m.paths = Module._nodeModulePaths(path.dirname(file));
  let code = 200;
  const real = m.require.bind(m);
  m.require = id => {
    try {
      return real(id);
    } catch (e) {
      if (e.code !== "MODULE_NOT_FOUND" || !id.startsWith("./")) throw e;
      const n = /^\.\/([0-9]+)-/.exec(id); // the domain code the file name gives
      return {code: n ? Number(n[1]) : code++, [key]: {}};
    }
  };
  m._compile(fs.readFileSync(file, "utf8") + "\n;if (typeof checkDomains === 'function') module.exports.checkDomains = checkDomains;\n", file);
  m.loaded = true;
  Module._cache[file] = m; // the release's other modules require this instance
  return m.exports;
}
`

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
