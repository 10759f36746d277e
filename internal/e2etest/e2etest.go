// Package e2etest holds what the end-to-end tests share: copies of the
// example module, running commands, and the switch for slow suites.
package e2etest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Root returns the repository's root directory.
func Root(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the repository")
	}
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// Require skips a slow end-to-end suite unless KERRLINT_E2E is set, as
// .ci/run does; once set, a missing client is a failure, not a skip.
func Require(t testing.TB, client string) string {
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

// Example copies the example module to a temporary directory, its replace
// directive pointing at this repository, and returns the directory.
func Example(t testing.TB) string {
	t.Helper()
	root := Root(t)
	src := filepath.Join(root, "example")
	dir := t.TempDir()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if rel == "go.mod" {
			data = bytes.ReplaceAll(data, []byte("=> ../"), []byte("=> "+root))
		}
		return WriteFile(filepath.Join(dir, rel), string(data))
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// WriteFile writes a file, creating its directory.
func WriteFile(name, content string) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, []byte(content), 0o644)
}

// Result is what a command printed and its exit status.
type Result struct {
	Stdout, Stderr string
	Code           int
}

// Run runs name with args in dir, with env added to the environment.
func Run(t testing.TB, dir string, env []string, name string, args ...string) Result {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return Result{stdout.String(), stderr.String(), code}
}

// ExampleDiagnostics are the example module's problems, file:line:col: message.
var ExampleDiagnostics = []string{
	`store/store.go:27:33: unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"?`,
	`store/store.go:35:10: services.storage.document_already_exists is a BadRequestError, not a PreconditionError: use kerror.BadRequest`,
	`store/store.go:38:22: unknown error id "services.storage.write_limit_exceded"; did you mean "services.storage.write_limit_exceeded"?`,
	`store/store.go:47:66: services.storage.not_found has status 404, not 400`,
	`store/store.go:56:41: unknown error id "services.storage.notfound"; did you mean "services.storage.not_found"?`,
}
