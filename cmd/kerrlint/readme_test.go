package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/internal/e2etest"
)

// A block is a fenced code block of the README.
type block struct {
	line       int // of the opening fence
	lang, text string
}

// readmeBlocks returns the README's fenced blocks, their text dedented to
// the fence's indentation.
func readmeBlocks(t *testing.T) []block {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(e2etest.Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []block
	var cur *block
	indent := ""
	for i, line := range strings.Split(string(data), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if cur == nil {
			if lang, ok := strings.CutPrefix(trimmed, "```"); ok {
				cur, indent = &block{line: i + 1, lang: lang}, line[:len(line)-len(trimmed)]
			}
			continue
		}
		if trimmed == "```" {
			blocks = append(blocks, *cur)
			cur = nil
			continue
		}
		cur.text += strings.TrimPrefix(line, indent) + "\n"
	}
	if cur != nil {
		t.Fatalf("README.md:%d: a fenced block is not closed", cur.line)
	}
	return blocks
}

// readmeCheck tests the README blocks whose text contains key.
type readmeCheck struct {
	key   string
	check func(t *testing.T, b block)
}

// sh runs each command line of a shell block (comments and continuation
// aside) in dir, with kerrlint the binary under test, and returns the exit
// status of each.
func sh(t *testing.T, dir string, env []string, text string) []e2etest.Result {
	t.Helper()
	var out []e2etest.Result
	for _, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, "   #")
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.ReplaceAll(line, "$(command -v kerrlint)", kerrlint)
		line = regexp.MustCompile(`(^|&& |> )kerrlint `).ReplaceAllString(line, "${1}"+kerrlint+" ")
		out = append(out, e2etest.Run(t, dir, env, "sh", "-c", line))
	}
	return out
}

func codes(rs []e2etest.Result) []int {
	var c []int
	for _, r := range rs {
		c = append(c, r.Code)
	}
	return c
}

// TestReadme runs or checks every fenced block of the README: each block
// must be claimed by one check below, so that a new example without a test
// fails here. Commands run with the binary under test; Go blocks are
// compiled and analysed; configuration blocks are checked against what the
// end-to-end tests run (the slow ones behind KERRLINT_E2E, as .ci/run sets).
func TestReadme(t *testing.T) {
	root := e2etest.Root(t)
	e2e := os.Getenv("KERRLINT_E2E") != ""
	checks := []readmeCheck{
		{"cd example && go tool kerrlint ./...", func(t *testing.T, b block) {
			if !e2e {
				t.Skip("go tool builds kerrlint: KERRLINT_E2E=1")
			}
			parent := t.TempDir()
			if err := os.Symlink(e2etest.Example(t), filepath.Join(parent, "example")); err != nil {
				t.Fatal(err)
			}
			r := e2etest.Run(t, parent, nil, "sh", "-c", strings.TrimSpace(b.text))
			if got := withChecks(r.Stderr, parent); r.Code != 3 || strings.Join(got, "\n") != strings.Join(e2etest.ExampleWithChecks(), "\n") {
				t.Errorf("%s: exit %d\n%s", b.text, r.Code, r.Stderr)
			}
		}},
		{"go test ./...\n", func(t *testing.T, b block) {
			ci, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
			if err != nil || !strings.Contains(string(ci), "\ngo test ./...\n") {
				t.Errorf(".ci/run does not run the README's test command %q", b.text)
			}
		}},
		{"store/import.go:31:45: unknown error id", func(t *testing.T, b block) {
			if want := strings.Join(e2etest.ExampleWithChecks(), "\n") + "\n"; b.text != want {
				t.Errorf("expected output:\n%s\nwant:\n%s", b.text, want)
			}
		}},
		{"go get github.com/kerrlint/kerrlint/kerror", func(t *testing.T, b block) { adopt(t, b, blockWith(t, "package codes\n\nimport (")) }},
		{"// Package codes holds the error codes", func(t *testing.T, b block) {}}, // run by the go get block's check
		{"return kerror.New(\"services.storage.not_found\", id, index, collection)\n", func(t *testing.T, b block) {}},
		{"go tool kerrlint -fix ./...     # apply", func(t *testing.T, b block) {}},
		{"- run: go tool kerrlint ./...", func(t *testing.T, b block) {
			if !strings.Contains(b.text, "- run: go tool kerrlint ./...\n") {
				t.Errorf("the CI step does not run the command adopt runs:\n%s", b.text)
			}
		}},
		{"import \"github.com/kerrlint/kerrlint/kerror\"\n\nkerror.New(", func(t *testing.T, b block) {
			body := strings.Replace(b.text, "import \"github.com/kerrlint/kerrlint/kerror\"\n", "", 1)
			dir := e2etest.Module(t, map[string]string{"api/api.go": "package api\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nfunc calls(id string, err error, errs []error) {\n" + body + "\t_, _ = storage, ErrGone\n}\n"})
			if r := e2etest.Run(t, dir, nil, kerrlint, "./..."); r.Code != 0 {
				t.Errorf("the kerror examples: kerrlint exit %d\n%s", r.Code, r.Stderr)
			}
		}},
		{"e, err := kerror.Decode(body)", func(t *testing.T, b block) {
			dir := e2etest.Module(t, map[string]string{"client/client.go": "package client\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nfunc handle(body []byte) {\n" + b.text + "}\n"})
			if r := e2etest.Run(t, dir, nil, kerrlint, "./..."); r.Code != 0 {
				t.Errorf("the Decode example: kerrlint exit %d\n%s", r.Code, r.Stderr)
			}
		}},
		{"//go:generate go tool kerrlint registry gen", func(t *testing.T, b block) {
			dir := t.TempDir()
			if err := e2etest.WriteFile(filepath.Join(dir, "kuzzle", "1-services.json"), `{"code": 1, "subDomains": {"storage": {"code": 1, "errors": {
  "not_found": {"description": "Document not found", "code": 11, "message": "Document \"%s\" not found in \"%s\":\"%s\".", "class": "NotFoundError"}}}}}`); err != nil {
				t.Fatal(err)
			}
			_, args, _ := strings.Cut(strings.TrimSpace(b.text), "go tool kerrlint ")
			r := e2etest.Run(t, dir, []string{"GOPACKAGE=codes"}, "sh", "-c", kerrlint+" "+args)
			gen, err := os.ReadFile(filepath.Join(dir, "ids.go"))
			if r.Code != 0 || err != nil {
				t.Fatalf("%s: exit %d %v\n%s", args, r.Code, err, r.Stderr)
			}
			// What an editor shows on hover is the constant's doc comment.
			hover := blockWith(t, "const codes.ServicesStorageNotFound untyped string").text
			for _, line := range strings.Split(hover, "\n")[1:] {
				if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "defined:") && !strings.Contains(string(gen), line) {
					t.Errorf("the generated doc comment lacks the hover's %q:\n%s", line, gen)
				}
			}
		}},
		{"const codes.ServicesStorageNotFound untyped string", func(t *testing.T, b block) {}}, // by the go:generate block's check
		{"kerrlint help                    #", func(t *testing.T, b block) {
			if got := codes(sh(t, e2etest.Example(t), nil, b.text)); !slices.Equal(got, []int{0, 0, 3}) {
				t.Errorf("exit statuses %v, want [0 0 3]:\n%s", got, b.text)
			}
		}},
		{"kerrlint -fix ./...          #", func(t *testing.T, b block) {
			lines := strings.Split(strings.TrimSpace(b.text), "\n")
			for i, want := range []int{0, 1, 0} { // each in a fresh copy: -fix fixes all, the diff is not empty
				dir := e2etest.Example(t)
				if got := codes(sh(t, dir, nil, lines[i])); !slices.Equal(got, []int{want}) {
					t.Errorf("%s: exit %v, want %d", lines[i], got, want)
				}
				if i != 1 {
					if r := e2etest.Run(t, dir, nil, kerrlint, "./..."); r.Code != 0 {
						t.Errorf("after %s: kerrlint exit %d\n%s", lines[i], r.Code, r.Stderr)
					}
				}
			}
		}},
		{"//go:embed codes\nvar codes embed.FS", func(t *testing.T, b block) {
			json, err := os.ReadFile(filepath.Join(root, "example", "store", "codes", "65-store.json"))
			if err != nil {
				t.Fatal(err)
			}
			dir := e2etest.Module(t, map[string]string{
				"store/codes/65-store.json": string(json),
				"store/store.go":            "package store\n\nimport (\n\t\"embed\"\n\n\t\"github.com/kerrlint/kerrlint/kerror\"\n)\n\n" + b.text + "\nvar _ = kerror.New(\"store.document.too_larg\")\n",
			})
			r := e2etest.Run(t, dir, nil, kerrlint, "./...")
			if r.Code != 3 || !strings.Contains(r.Stderr, `did you mean "store.document.too_large"?`) {
				t.Errorf("the embedded registry is not read: exit %d\n%s", r.Code, r.Stderr)
			}
		}},
		{"go vet -vettool=$(command -v kerrlint) ./...", func(t *testing.T, b block) {
			dir := e2etest.Example(t)
			if err := e2etest.WriteFile(filepath.Join(dir, "errors", "64-shop.json"), `{"code": 64, "subDomains": {"cart": {"code": 1, "errors": {
  "gone": {"description": "d", "code": 1, "message": "Cart %s is gone", "class": "NotFoundError"}}}}}`); err != nil {
				t.Fatal(err)
			}
			for _, r := range sh(t, dir, nil, b.text) {
				if r.Code != 1 || len(diagnostics(r.Stderr, dir)) != len(e2etest.ExampleDiagnostics) {
					t.Errorf("exit %d, want 1 and the example's diagnostics:\n%s", r.Code, r.Stderr)
				}
			}
		}},
		{"version: v2.15.0\nplugins:", func(t *testing.T, b block) {
			for _, want := range []string{"- module: github.com/kerrlint/kerrlint\n", "import: github.com/kerrlint/kerrlint/golangci\n"} {
				if !strings.Contains(b.text, want) {
					t.Errorf(".custom-gcl.yml lacks %q", want)
				}
			}
			gomod, _ := os.ReadFile(filepath.Join(root, "golangci", "e2e_test.go"))
			if !strings.Contains(string(gomod), "github.com/golangci/golangci-lint/v2 v2.15.0") {
				t.Error("the end-to-end test does not build the golangci-lint version .custom-gcl.yml names")
			}
		}},
		{"enable: [kerrlint]", func(t *testing.T, b block) {
			// Every setting shown is one the plugin decodes (golangci's tests run them).
			plugin, _ := os.ReadFile(filepath.Join(root, "golangci", "plugin.go"))
			_, settings, _ := strings.Cut(b.text, "        settings:\n")
			for _, line := range strings.Split(strings.TrimSpace(settings), "\n") {
				key, _, _ := strings.Cut(strings.TrimSpace(line), ":")
				if !strings.Contains(string(plugin), "`json:\""+key+"\"`") {
					t.Errorf(".golangci.yml setting %q is not one of the plugin's", key)
				}
			}
		}},
		{"- run: go tool kerrlint -f sarif ./... > kerrlint.sarif", func(t *testing.T, b block) {
			dir := e2etest.Example(t)
			got := sh(t, dir, nil, "kerrlint -f sarif ./... > kerrlint.sarif")
			data, err := os.ReadFile(filepath.Join(dir, "kerrlint.sarif"))
			var log struct{ Version string }
			if !slices.Equal(codes(got), []int{0}) || err != nil || json.Unmarshal(data, &log) != nil || log.Version != "2.1.0" {
				t.Errorf("kerrlint -f sarif > kerrlint.sarif: exit %v, %v\n%s", codes(got), err, data)
			}
		}},
		{"- repo: https://github.com/kerrlint/kerrlint", func(t *testing.T, b block) {
			hooks, _ := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
			for _, id := range regexp.MustCompile(`- id: (\S+)`).FindAllStringSubmatch(b.text, -1) {
				if !strings.Contains(string(hooks), "- id: "+id[1]+"\n") {
					t.Errorf("pre-commit hook %s is not in .pre-commit-hooks.yaml", id[1])
				}
			}
			if strings.Contains(b.text, "rev: v") {
				t.Error("the pre-commit example pins a tag; the repository has none")
			}
		}},
		{"//go:embed *.json\nvar FS embed.FS", bazelFile("codes/codes.go")},
		{"# codes/BUILD.bazel", bazelFile("codes/BUILD.bazel")},
		{"func newAnalyzer() *analysis.Analyzer {", bazelFile("tools/kerrlint/kerrlint.go")},
		{"# tools/kerrlint/BUILD.bazel", bazelFile("tools/kerrlint/BUILD.bazel", "BUILD.bazel")},
		{"nogo: errors found by nogo during build-time code analysis:", func(t *testing.T, b block) {
			test, _ := os.ReadFile(filepath.Join(root, "e2e", "bazel", "bazel_test.go"))
			first := strings.Split(b.text, "\n")[1]
			if !strings.Contains(string(test), first) {
				t.Errorf("the Bazel test does not expect %q", first)
			}
		}},
		{"\"go.lintTool\": \"golangci-lint-v2\"", func(t *testing.T, b block) {
			var settings map[string]any
			if err := json.Unmarshal([]byte(b.text), &settings); err != nil {
				t.Errorf("the VS Code settings are not JSON: %v", err)
			}
			checkRunBy(t, "--output.text.print-issued-lines=false\", \"--show-stats=false\", \"--output.text.path=stdout\", \"--path-mode=abs\"")
		}},
		{"golangci_lint_ls.setup", func(t *testing.T, b block) {
			checkRunBy(t, "\"--output.json.path=stdout\", \"--show-stats=false\", \"--issues-exit-code=1\"")
		}},
		{"kerrlint version    #", func(t *testing.T, b block) {
			r := sh(t, t.TempDir(), nil, b.text)
			if len(r) != 1 || r[0].Code != 0 || !strings.Contains(r[0].Stdout, "embedded registry kuzzle-1.12, 209 ids") {
				t.Errorf("kerrlint version: %+v", r)
			}
		}},
		{"kerrlint registry check [-kuzzle VERSION]", func(t *testing.T, b block) {
			for _, args := range [][]string{{"registry", "show", "services.storage.not_found"}, {"registry", "show", "0x0101000b"}, {"registry", "list"}, {"registry", "doc"}, {"registry", "check", filepath.Join(root, "example", "store", "codes")}, {"registry", "check", "-kuzzle", "any", filepath.Join(root, "example", "store", "codes")}} {
				if r := e2etest.Run(t, root, nil, kerrlint, args...); r.Code != 0 {
					t.Errorf("kerrlint %s: exit %d\n%s", strings.Join(args, " "), r.Code, r.Stderr)
				}
			}
		}},
	}
	claimed := make([]int, len(checks))
	for _, b := range readmeBlocks(t) {
		var matched []int
		for i, c := range checks {
			if strings.Contains(b.text, c.key) {
				matched = append(matched, i)
			}
		}
		if len(matched) != 1 {
			t.Errorf("README.md:%d: a ```%s block claimed by %d checks (want 1): every example needs a test here\n%s", b.line, b.lang, len(matched), b.text)
			continue
		}
		claimed[matched[0]]++
		t.Run(strings.ReplaceAll(strings.Fields(b.text)[0], "/", "_")+"_line"+itoa(b.line), func(t *testing.T) { checks[matched[0]].check(t, b) })
	}
	for i, n := range claimed {
		if n == 0 {
			t.Errorf("no README block for the check of %q", checks[i].key)
		}
	}
}

// blockWith returns the README block holding key.
func blockWith(t *testing.T, key string) block {
	t.Helper()
	for _, b := range readmeBlocks(t) {
		if strings.Contains(b.text, key) {
			return b
		}
	}
	t.Fatalf("no README block holds %q", key)
	return block{}
}

// adopt follows "Adopt it in your service" in a new module: go get (offline:
// this repository through a replace directive), the codes package, a raise,
// kerrlint and kerrlint -fix. With KERRLINT_KUZZLE=1 the codes are Kuzzle
// 2.56.0's, fetched by the block's own go:generate line; else a stand-in
// Kuzzle 2 file.
func adopt(t *testing.T, getBlock, codesBlock block) {
	if os.Getenv("KERRLINT_E2E") == "" {
		t.Skip("go get and go tool: KERRLINT_E2E=1")
	}
	root := e2etest.Root(t)
	dir := t.TempDir()
	sum, _ := os.ReadFile(filepath.Join(root, "example", "go.sum"))
	for name, content := range map[string]string{
		"go.mod": "module example.com/app\n\ngo 1.26.0\n\nreplace github.com/kerrlint/kerrlint => " + root + "\n",
		"go.sum": string(sum),
	} {
		if err := e2etest.WriteFile(filepath.Join(dir, name), content); err != nil {
			t.Fatal(err)
		}
	}
	offline := []string{"GOPROXY=off", "GOFLAGS=-mod=mod"}
	if got := codes(sh(t, dir, offline, getBlock.text)); !slices.Equal(got, []int{0, 0}) {
		t.Fatalf("go get: exit %v", got)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(e2etest.WriteFile(filepath.Join(dir, "codes", "codes.go"), codesBlock.text))
	if os.Getenv("KERRLINT_KUZZLE") != "" {
		if r := e2etest.Run(t, dir, nil, "go", "generate", "./codes"); r.Code != 0 {
			t.Fatalf("go generate ./codes: exit %d\n%s", r.Code, r.Stderr)
		}
	} else {
		must(e2etest.WriteFile(filepath.Join(dir, "codes", "kuzzle", "1-services.json"), `{"code": 1, "subDomains": {"storage": {"code": 1, "errors": {
  "not_found": {"description": "d", "code": 11, "message": "Document \"%s\" not found in \"%s\":\"%s\".", "class": "NotFoundError"}}}}}`))
	}
	raise := blockWith(t, "return kerror.New(\"services.storage.not_found\", id, index, collection)\n").text
	app := "package app\n\nimport (\n\t\"github.com/kerrlint/kerrlint/kerror\"\n\n\t_ \"example.com/app/codes\"\n)\n\nfunc Find(id, index, collection string) error {\n\t" + raise + "}\n\n" +
		"func Typo(id, index, collection string) error { return kerror.New(\"services.storage.not_fund\", id, index, collection) }\n" +
		"func Count(id string) error { return kerror.New(\"services.storage.not_found\", id) } //kerrlint:ignore placeholder-count as Kuzzle 2.x has it, 3\n"
	must(e2etest.WriteFile(filepath.Join(dir, "app", "app.go"), app))
	run := blockWith(t, "go tool kerrlint -fix ./...     # apply").text
	if got := codes(sh(t, dir, nil, run)); !slices.Equal(got, []int{3, 0}) {
		t.Errorf("%s: exit %v, want [3 0] (the typo, then fixed)", run, got)
	}
	if r := e2etest.Run(t, dir, nil, "go", "tool", "kerrlint", "./..."); r.Code != 0 {
		t.Errorf("after -fix: exit %d\n%s", r.Code, r.Stderr)
	}
}

// bazelFile checks that the lines of a README block are those of a file of
// the Bazel suite's workspace, which TestNogo builds.
func bazelFile(names ...string) func(t *testing.T, b block) {
	return func(t *testing.T, b block) {
		var all string
		for _, name := range names {
			data, err := os.ReadFile(filepath.Join(e2etest.Root(t), "e2e", "bazel", "testdata", "workspace", name))
			if err != nil {
				t.Fatal(err)
			}
			all += string(data)
		}
		for _, line := range strings.Split(b.text, "\n") {
			line, _, _ = strings.Cut(line, "   #")
			line, _, _ = strings.Cut(line, " // ")
			line = strings.TrimSpace(line)
			if imp, ok := strings.CutPrefix(line, "import "); ok && !strings.HasSuffix(imp, "(") {
				line = imp // one import, in the workspace's import block
			}
			// The workspace has kerrlint from new_local_repository with a
			// generated BUILD file; a user's go_repository is gazelle's.
			line = strings.Replace(line, `"@com_github_kerrlint_kerrlint//analyzer"`, `"@com_github_kerrlint_kerrlint//:analyzer"`, 1)
			if line != "" && !strings.HasPrefix(line, "#") && !strings.Contains(all, line) {
				t.Errorf("README's %v: %q is not in the tested workspace's files", names, line)
			}
		}
	}
}

// checkRunBy checks that the golangci-lint end-to-end test runs the
// command line an editor set-up documents.
func checkRunBy(t *testing.T, args string) {
	t.Helper()
	test, _ := os.ReadFile(filepath.Join(e2etest.Root(t), "golangci", "e2e_test.go"))
	if !strings.Contains(string(test), args) {
		t.Errorf("golangci/e2e_test.go does not run golangci-lint with %s", args)
	}
}
