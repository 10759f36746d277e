package golangci_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// gclMain is the main package of a golangci-lint v2.15.0 with the plugin,
// assembled the way `golangci-lint custom` would, from the module proxy only.
const gclMain = `// Command golangci-lint is golangci-lint with the kerrlint plugin.
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/kerrlint/kerrlint/golangci"
)

func main() {
	info := commands.BuildInfo{Version: "2.15.0-kerrlint", Commit: "?", Date: "(unknown)", GoVersion: "go"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
`

const gclGoMod = `module kerrlint.test/golangci-lint

go 1.26.0

require (
	github.com/golangci/golangci-lint/v2 v2.15.0
	github.com/kerrlint/kerrlint v0.0.0
)

replace github.com/kerrlint/kerrlint => ROOT
`

// built is the custom golangci-lint, built once for the package's tests
// into a directory TestMain removes.
var built struct {
	once      sync.Once
	dir, path string
	err       string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildGolangciLint builds the custom golangci-lint (once) and returns its path.
func buildGolangciLint(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "kerrlint-golangci")
		if err != nil {
			built.err = err.Error()
			return
		}
		built.dir = dir
		for name, content := range map[string]string{"main.go": gclMain, "go.mod": strings.Replace(gclGoMod, "ROOT", e2etest.Root(t), 1)} {
			if err := e2etest.WriteFile(filepath.Join(dir, name), content); err != nil {
				built.err = err.Error()
				return
			}
		}
		for _, args := range [][]string{{"mod", "tidy"}, {"build", "-o", "golangci-lint", "."}} {
			if r := e2etest.Run(t, dir, nil, "go", args...); r.Code != 0 {
				built.err = "go " + strings.Join(args, " ") + ": " + r.Stderr
				return
			}
		}
		built.path = filepath.Join(dir, "golangci-lint")
	})
	if built.err != "" {
		t.Fatal(built.err)
	}
	return built.path
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const config = `version: "2"
linters:
  default: none
  enable: [kerrlint]
  settings:
    custom:
      kerrlint:
        type: module
        description: checks error ids against the Kuzzle error-code registry
        settings:
          SETTINGS
`

// TestGolangciLint runs a golangci-lint built with the plugin on the example
// module: diagnostics, //nolint:kerrlint, a registry relative to the
// configuration, the JSON and SARIF outputs, and a bad setting.
func TestGolangciLint(t *testing.T) {
	e2etest.Require(t, "go")
	gcl := buildGolangciLint(t)
	dir := e2etest.Example(t)
	must(t, e2etest.WriteFile(filepath.Join(dir, ".golangci.yml"), strings.Replace(config, "SETTINGS", "registry: [errors]", 1)))
	must(t, e2etest.WriteFile(filepath.Join(dir, "errors", "64-shop.json"), `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {
  "item_missing": {"description": "An item is missing", "code": 1, "message": "Item %s is missing from cart %s", "class": "NotFoundError"}
}}}}`))
	must(t, e2etest.WriteFile(filepath.Join(dir, "store", "cart.go"), `package store

import "github.com/kerrlint/kerrlint/kerror"

// Missing reports a missing item.
func Missing(item string) error { return kerror.NotFound("shop.cart.item_missing", item) }

// Legacy is kept for old clients.
func Legacy() error {
	return kerror.New("services.storage.legacy") //nolint:kerrlint // kept for v1 clients
}
`))
	want := append([]string{
		`store/cart.go:6:42: shop.cart.item_missing takes 2 placeholders (its message is "Item %s is missing from cart %s"), got 1`,
	}, e2etest.ExampleDiagnostics...)

	// Text, from a subdirectory: the configuration (and the registry
	// path relative to it) is found upwards.
	r := e2etest.Run(t, filepath.Join(dir, "store"), nil, gcl, "run", "./...")
	var got []string
	for _, line := range strings.Split(r.Stdout, "\n") {
		if text, ok := strings.CutSuffix(line, " (kerrlint)"); ok {
			got = append(got, text) // relative to the configuration's directory
		}
	}
	if r.Code != 1 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("golangci-lint run: exit %d\n%s%s\nwant exit 1 and:\n%s", r.Code, r.Stdout, r.Stderr, strings.Join(want, "\n"))
	}
	// The registry setting names files golangci-lint's cache does not see:
	// the plugin says so, once.
	if n := strings.Count(r.Stderr, "kerrlint: note: golangci-lint caches results without reading the files the registry setting names"); n != 1 {
		t.Errorf("golangci-lint run with the registry setting: the note printed %d times, want 1:\n%s", n, r.Stderr)
	}

	// JSON.
	jsonOut := filepath.Join(t.TempDir(), "out.json")
	e2etest.Run(t, dir, nil, gcl, "run", "--output.json.path="+jsonOut, "./...")
	data, err := os.ReadFile(jsonOut)
	must(t, err)
	var report struct {
		Issues []struct {
			FromLinter, Text string
			Pos              struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, data)
	}
	if len(report.Issues) != len(want) || report.Issues[0].FromLinter != "kerrlint" || report.Issues[0].Pos.Filename != "store/cart.go" || report.Issues[0].Pos.Line != 6 || report.Issues[0].Pos.Column != 42 {
		t.Errorf("JSON issues: %+v", report.Issues)
	}

	// SARIF.
	sarif := filepath.Join(t.TempDir(), "out.sarif")
	e2etest.Run(t, dir, nil, gcl, "run", "--output.sarif.path="+sarif, "./...")
	data, err = os.ReadFile(sarif)
	must(t, err)
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct{ Text string }
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Results) != len(want) || log.Runs[0].Results[0].RuleID != "kerrlint" {
		t.Errorf("SARIF output (%v):\n%s", err, data)
	}

	// A misspelt setting is an error naming it.
	must(t, e2etest.WriteFile(filepath.Join(dir, ".golangci.yml"), strings.Replace(config, "SETTINGS", "registries: [errors]", 1)))
	r = e2etest.Run(t, dir, nil, gcl, "run", "./...")
	if r.Code == 0 || !strings.Contains(r.Stderr+r.Stdout, `kerrlint settings: decoding settings: json: unknown field "registries"`) {
		t.Errorf("unknown setting: exit %d\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
}

// TestGolangciLintInstalled runs golangci-lint with the plugin, configured
// with no registry, on a module that embeds and installs its registry: an id
// the file lacks is reported, and a duplicate code at the JSON file's own
// position. golangci-lint caches issues per package by its Go files, its
// dependencies and the settings, not by embedded files: after editing only
// the JSON, the next run replays the cached issues (the README documents
// it; this test fails, and the README must change, when golangci-lint
// starts following embedded files); after golangci-lint cache clean, the
// edit takes effect. golangci-lint also drops issues outside .go files, so
// the plugin moves a problem of the JSON file to the install call.
func TestGolangciLintInstalled(t *testing.T) {
	e2etest.Require(t, "go")
	gcl := buildGolangciLint(t)
	dir := e2etest.Installing(t)
	must(t, e2etest.WriteFile(filepath.Join(dir, ".golangci.yml"), strings.Replace(config, "SETTINGS", "strict: false", 1)))
	env := []string{"GOLANGCI_LINT_CACHE=" + t.TempDir()} // this test's own cache
	unknown := regexp.QuoteMeta(`checkout/checkout.go:12:28: unknown error id "billing.card.expired" (no registry visible from this package defines it)`)
	run := func(step string, want ...string) {
		t.Helper()
		r := e2etest.Run(t, dir, env, gcl, "run", "./...")
		var got []string
		for _, line := range strings.Split(r.Stdout, "\n") {
			if text, ok := strings.CutSuffix(line, " (kerrlint)"); ok {
				got = append(got, text)
			}
		}
		slices.Sort(got)
		code := 0
		if len(want) > 0 {
			code = 1
		}
		if r.Code != code || !e2etest.Match(got, want) || strings.Contains(r.Stderr, "kerrlint: note:") {
			t.Errorf("%s: golangci-lint run: exit %d\n%s%s\nwant exit %d and:\n%s", step, r.Code, r.Stdout, r.Stderr, code, strings.Join(want, "\n"))
		}
	}
	run("unregistered id", unknown)
	e2etest.WriteBillingCodes(t, dir, 2)
	run("registered, cache not cleared (golangci-lint replays its cached issues)", unknown)
	cacheClean := func() {
		if r := e2etest.Run(t, dir, env, gcl, "cache", "clean"); r.Code != 0 {
			t.Fatalf("golangci-lint cache clean: %s", r.Stderr)
		}
	}
	cacheClean()
	run("registered, after golangci-lint cache clean")
	e2etest.WriteBillingCodes(t, dir, 1)
	cacheClean()
	// golangci-lint drops issues outside .go files: the plugin reports the
	// JSON file's problem at the install call, the JSON position first
	// (golangci-lint shortens the paths in the message too).
	run("duplicate code",
		regexp.QuoteMeta(`billing/billing.go:14:12: `)+e2etest.BillingDuplicate,
		regexp.QuoteMeta(`billing/billing.go:20:53: unknown error id "billing.card.declined" (the registry this package installs at `)+`\S*`+regexp.QuoteMeta(`billing/billing.go:14:12 does not load: it may define it)`),
		regexp.QuoteMeta(`checkout/checkout.go:12:28: unknown error id "billing.card.expired"`))
}

// TestGolangciLintFix runs golangci-lint run --fix with the plugin: every
// kerrlint fix is applied, also in a file where a diagnostic has two
// suggestions (golangci-lint applies all of a diagnostic's fixes and skips a
// file's fixes when two overlap: the plugin gives only the best), and with
// the checks setting the deselected check's fix is not applied. It also runs
// golangci-lint as vscode-go runs it on save (the README's editor set-up).
func TestGolangciLintFix(t *testing.T) {
	e2etest.Require(t, "go")
	gcl := buildGolangciLint(t)
	dir := e2etest.Example(t)
	must(t, e2etest.WriteFile(filepath.Join(dir, ".golangci.yml"), strings.Replace(config, "SETTINGS", "checks: [all, -status-mismatch]", 1)))
	two := filepath.Join(dir, "store", "two.go")
	must(t, e2etest.WriteFile(two, `package store

import "github.com/kerrlint/kerrlint/kerror"

// Two suggestions for the first, one for the second.
var (
	ErrType = kerror.New("api.assert.invalid_typ")
	ErrGone = kerror.New("services.storage.not_fund")
)
`))
	// As vscode-go runs it (go.lintTool golangci-lint-v2, on save).
	r := e2etest.Run(t, dir, nil, gcl, "run", "--output.text.print-issued-lines=false", "--show-stats=false", "--output.text.path=stdout", "--path-mode=abs", "./...")
	if want := filepath.Join(dir, "store", "two.go") + `:7:23: unknown error id "api.assert.invalid_typ"; did you mean "api.assert.invalid_type" or "api.assert.invalid_id"? (kerrlint)`; r.Code != 1 || !strings.Contains(r.Stdout, want+"\n") {
		t.Errorf("golangci-lint as vscode-go runs it: exit %d, want 1 and %s:\n%s%s", r.Code, want, r.Stdout, r.Stderr)
	}
	// As golangci-lint-langserver runs it (other editors).
	r = e2etest.Run(t, dir, nil, gcl, "run", "--output.json.path=stdout", "--show-stats=false", "--issues-exit-code=1", "./...")
	if r.Code != 1 || !strings.Contains(r.Stdout, `"Text":"unknown error id \"api.assert.invalid_typ\"`) {
		t.Errorf("golangci-lint as golangci-lint-langserver runs it: exit %d, want 1 and the issue in JSON:\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	r = e2etest.Run(t, dir, nil, gcl, "run", "--fix", "./...")
	got, err := os.ReadFile(two)
	must(t, err)
	for _, want := range []string{`kerror.New("api.assert.invalid_type")`, `kerror.New("services.storage.not_found")`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("golangci-lint run --fix (exit %d): two.go lacks %s:\n%s\n%s%s", r.Code, want, got, r.Stdout, r.Stderr)
		}
	}
	store, err := os.ReadFile(filepath.Join(dir, "store", "store.go"))
	must(t, err)
	for _, want := range []string{`kerror.New("services.storage.not_found", id)`, `kerror.BadRequest("services.storage.document_already_exists"`, `storage.Get("write_limit_exceeded")`, `Status: http.StatusBadRequest`} {
		if !strings.Contains(string(store), want) {
			t.Errorf("golangci-lint run --fix: store.go lacks %s:\n%s", want, store)
		}
	}
}
