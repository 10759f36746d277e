// Package e2etest holds what the end-to-end tests share: copies of the
// example module, running commands, and the switch for slow suites.
package e2etest

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// Installing writes, in a temporary directory, a module whose registry is
// code: package billing embeds billing/codes/80-billing.json and installs it
// with kerror.InstallFS; package checkout imports billing and raises
// billing.card.expired, which that file does not register yet; package
// audit imports neither (go vet must leave it alone when the file changes).
// The module uses this repository through a replace directive.
func Installing(t testing.TB) string {
	t.Helper()
	dir := module(t, "example.com/pay", map[string]string{
		"billing/billing.go": `// Package billing carries its error codes and installs them.
package billing

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

func init() {
	if err := kerror.InstallFS(codes, "codes"); err != nil {
		panic(err)
	}
}

// Decline fails a payment.
func Decline(card string) error { return kerror.New("billing.card.declined", card) }
`,
		"checkout/checkout.go": `// Package checkout raises billing's codes.
package checkout

import (
	"example.com/pay/billing"
	"github.com/kerrlint/kerrlint/kerror"
)

// Pay fails with an expired or a declined card.
func Pay(card string, expired bool) error {
	if expired {
		return kerror.BadRequest("billing.card.expired", card)
	}
	return billing.Decline(card)
}
`,
		"audit/audit.go": `// Package audit raises Kuzzle's codes only.
package audit

import "github.com/kerrlint/kerrlint/kerror"

// Missing reports a missing document.
func Missing(id string) error { return kerror.New("services.storage.not_found", id) }
`,
	})
	WriteBillingCodes(t, dir, 0)
	return dir
}

// BillingCodes is the registry file of the Installing module.
const BillingCodes = "billing/codes/80-billing.json"

// BillingDuplicate matches the problem of the Installing module's registry
// once billing.card.expired takes code 1: on line 3 of the JSON file.
const BillingDuplicate = `billing/codes/80-billing\.json:3:\d+: billing\.card\.expired: code 1 is already used`

// Match reports whether lines match the regular expressions want, one each,
// in order.
func Match(lines, want []string) bool {
	if len(lines) != len(want) {
		return false
	}
	for i := range want {
		if !regexp.MustCompile(`^(?:` + want[i] + `)`).MatchString(lines[i]) {
			return false
		}
	}
	return true
}

// WriteBillingCodes writes the Installing module's registry: billing.card.declined
// (code 1) and, unless expiredCode is 0, billing.card.expired with that code
// on line 3 (1 makes it a duplicate, reported at 3:3).
func WriteBillingCodes(t testing.TB, dir string, expiredCode int) {
	t.Helper()
	expired := ""
	if expiredCode != 0 {
		expired = fmt.Sprintf(",\n  \"expired\": {\"description\": \"The card has expired\", \"code\": %d, \"message\": \"Card %%s has expired.\", \"class\": \"BadRequestError\"}", expiredCode)
	}
	json := `{"code": 80, "subDomains": {"card": {"code": 1, "errors": {
  "declined": {"description": "The card was declined", "code": 1, "message": "Card %s was declined.", "class": "BadRequestError"}` + expired + `
}}}}
`
	if err := WriteFile(filepath.Join(dir, BillingCodes), json); err != nil {
		t.Fatal(err)
	}
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
	`store/import.go:31:45: unknown error id "store.document.too_larg"; did you mean "store.document.too_large"?`,
	`store/store.go:27:33: unknown error id "services.storage.not_fund"; did you mean "services.storage.not_found"?`,
	`store/store.go:35:10: services.storage.document_already_exists is a BadRequestError, not a PreconditionError: use kerror.BadRequest`,
	`store/store.go:38:22: unknown error id "services.storage.write_limit_exceded"; did you mean "services.storage.write_limit_exceeded"?`,
	`store/store.go:47:66: services.storage.not_found has status 404, not 400`,
	`store/store.go:56:41: unknown error id "services.storage.notfound"; did you mean "services.storage.not_found"?`,
}

// ExampleChecks are the checks of ExampleDiagnostics, one each.
var ExampleChecks = []string{"unknown-id", "unknown-id", "class-mismatch", "unknown-id", "status-mismatch", "unknown-id"}

// ExampleWithChecks are ExampleDiagnostics as the standalone command prints
// them: each followed by its check's name.
func ExampleWithChecks() []string {
	out := make([]string, len(ExampleDiagnostics))
	for i, d := range ExampleDiagnostics {
		out[i] = d + " (" + ExampleChecks[i] + ")"
	}
	return out
}

// Module writes, in a temporary directory, a module example.com/m using this
// repository through a replace directive, with files (path: content), and
// returns the directory.
func Module(t testing.TB, files map[string]string) string {
	t.Helper()
	return module(t, "example.com/m", files)
}

// module writes the module path with files, using this repository through
// a replace directive, in a temporary directory.
func module(t testing.TB, path string, files map[string]string) string {
	t.Helper()
	root := Root(t)
	dir := t.TempDir()
	goMod, err := os.ReadFile(filepath.Join(root, "example", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goSum, err := os.ReadFile(filepath.Join(root, "example", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{
		"go.mod": strings.Replace(strings.Replace(string(goMod), "module example.com/shop", "module "+path, 1), "=> ../", "=> "+root, 1),
		"go.sum": string(goSum),
	}
	maps.Copy(all, files)
	for name, content := range all {
		if err := WriteFile(filepath.Join(dir, name), content); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// ReadmeSection returns the README's section under the heading line given
// (e.g. "### What kerrlint does not follow"), up to the next heading; a
// missing section fails the test.
func ReadmeSection(t testing.TB, heading string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), heading+"\n")
	if !ok {
		t.Fatalf("README.md has no %q section", heading)
	}
	section, _, _ = strings.Cut(section, "\n#")
	return section
}
