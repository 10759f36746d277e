package main_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kerrlint/kerrlint/internal/e2etest"
	"github.com/kerrlint/kerrlint/internal/kuzzlejs"
)

// The editor tools the generated constants are checked with, pinned.
const (
	goplsVersion       = "v0.23.0"
	staticcheckVersion = "v0.8.2"
)

// TestGenEditors generates the constants of Kuzzle 2.56's codes and of a
// plugin manifest with //go:generate go tool kerrlint registry gen, in a
// module that embeds and installs both, and checks what the Go tool chain
// makes of them: the module builds; gopls shows an id's code, class and
// status on the definition of its constant and hints at the use of a
// deprecated one; staticcheck flags it (SA1019); kerrlint reports a class
// mismatch raised through a constant; and a manifest edited without
// regenerating makes the stale constant a stale-id until go generate runs.
func TestGenEditors(t *testing.T) {
	e2etest.Require(t, "go")
	codes := kuzzleCodes(t)
	tools := editorTools(t)
	dir := genModule(t, codes)

	run := func(name string, args ...string) e2etest.Result {
		t.Helper()
		return e2etest.Run(t, dir, nil, name, args...)
	}
	mustRun := func(name string, args ...string) e2etest.Result {
		t.Helper()
		r := run(name, args...)
		if r.Code != 0 {
			t.Fatalf("%s %s: exit %d\n%s%s", name, strings.Join(args, " "), r.Code, r.Stdout, r.Stderr)
		}
		return r
	}

	mustRun("go", "generate", "./...")
	ids, err := os.ReadFile(filepath.Join(dir, "codes", "ids.go"))
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(ids, []byte(" = \"")); n != 274 {
		t.Errorf("codes/ids.go declares %d constants, want Kuzzle 2.56's 274 ids", n)
	}
	for _, want := range []string{"\tServicesStorageNotFound = \"services.storage.not_found\"\n", "defined:  kuzzle/1-services.json:"} {
		if !bytes.Contains(ids, []byte(want)) {
			t.Errorf("codes/ids.go lacks %q", want)
		}
	}
	if bytes.Contains(ids, []byte(dir)) || bytes.Contains(ids, []byte(codes)) {
		t.Error("codes/ids.go names a path of this machine")
	}
	if r := mustRun("gofmt", "-l", "."); r.Stdout != "" {
		t.Errorf("gofmt -l: %s", r.Stdout)
	}
	mustRun("go", "generate", "./...")
	if again, _ := os.ReadFile(filepath.Join(dir, "codes", "ids.go")); !bytes.Equal(again, ids) {
		t.Error("go generate twice gives different files")
	}
	mustRun("go", "build", "./...")
	mustRun("go", "vet", "./...")

	// gopls: the definition of the constant used in app.go, with its doc.
	app := filepath.Join(dir, "app", "app.go")
	src, _ := os.ReadFile(app)
	use := bytes.Index(src, []byte("codes.ServicesStorageNotFound")) + len("codes.")
	def := mustRun(tools["gopls"], "definition", "-markdown", fmt.Sprintf("%s:#%d", app, use))
	for _, want := range []string{"codes/ids.go:", "services.storage.not_found", "0x0101000b", "NotFoundError, HTTP status 404", "kuzzle/1-services.json:", "3 placeholders"} {
		if !strings.Contains(def.Stdout, want) {
			t.Errorf("gopls definition does not show %q:\n%s", want, def.Stdout)
		}
	}
	hints := run(tools["gopls"], "check", "-severity=hint", app)
	t.Logf("gopls definition:\n%s\ngopls check -severity=hint:\n%s%s", def.Stdout, hints.Stdout, hints.Stderr)
	for _, want := range []string{
		`app.go:\d+:\d+-\d+: codes.CoreRealtimeTooManyTerms is deprecated: core.realtime.too_many_terms is deprecated since 2.12.3.`,
		`app.go:\d+:\d+-\d+: plugin.Plugin_KuzzlePluginShop_OutOfStock is deprecated: plugin.kuzzle-plugin-shop.out_of_stock is deprecated since 1.2.0.`,
	} {
		if !regexp.MustCompile(want).MatchString(hints.Stdout + hints.Stderr) {
			t.Errorf("gopls check -severity=hint does not report %s:\n%s%s", want, hints.Stdout, hints.Stderr)
		}
	}

	// gopls completion, as an editor asks for it: a fragment of the id
	// finds the constant, documented.
	edited := strings.Replace(string(src), "return kerror.NotFound(codes.ServicesStorageNotFound, id", "return kerror.NotFound(codes.storagenotf", 1)
	lineNo := strings.Count(edited[:strings.Index(edited, "codes.storagenotf")], "\n")
	lineStart := strings.LastIndex(edited[:strings.Index(edited, "codes.storagenotf")], "\n") + 1
	col := strings.Index(edited, "codes.storagenotf") + len("codes.storagenotf") - lineStart
	items := goplsComplete(t, tools["gopls"], dir, app, edited, lineNo, col)
	if doc, ok := items["ServicesStorageNotFound"]; !ok || !strings.Contains(doc, "0x0101000b") {
		t.Errorf("gopls completion of codes.storagenotf: ServicesStorageNotFound offered %v, documented %q; items %d", ok, doc, len(items))
	}
	labels := slices.Sorted(maps.Keys(items))
	t.Logf("gopls completion of codes.storagenotf: %v; ServicesStorageNotFound's documentation:\n%s", labels, items["ServicesStorageNotFound"])

	// staticcheck: SA1019 on the uses of the deprecated ids, nothing else.
	sc := run(tools["staticcheck"], "./...")
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(sc.Stdout), "\n") {
		got = append(got, regexp.MustCompile(`^.*app/`).ReplaceAllString(line, "app/"))
	}
	wantSC := []string{
		`app/app.go:\d+:\d+: example.com/svc/codes.CoreRealtimeTooManyTerms is deprecated: core.realtime.too_many_terms is deprecated since 2.12.3. +\(SA1019\)$`,
		`app/app.go:\d+:\d+: example.com/svc/plugin.Plugin_KuzzlePluginShop_OutOfStock is deprecated: plugin.kuzzle-plugin-shop.out_of_stock is deprecated since 1.2.0. +\(SA1019\)$`,
	}
	if sc.Code == 0 || !e2etest.Match(got, wantSC) {
		t.Errorf("staticcheck: exit %d\n%s%s\nwant:\n%s", sc.Code, sc.Stdout, sc.Stderr, strings.Join(wantSC, "\n"))
	}

	// kerrlint, through the tool directive, as the module's developers run it.
	lint := run("go", "tool", "kerrlint", "./...")
	wantLint := []string{
		`app/app.go:\d+:\d+: services.storage.not_found is a NotFoundError, not a BadRequestError: use kerror.NotFound`,
		`app/app.go:\d+:\d+: core.realtime.too_many_terms is deprecated since 2.12.3`,
		`app/app.go:\d+:\d+: plugin.kuzzle-plugin-shop.out_of_stock is deprecated since 1.2.0`,
	}
	if lines := diagnostics(lint.Stderr, dir); lint.Code != 3 || !e2etest.Match(lines, wantLint) {
		t.Errorf("go tool kerrlint: exit %d\n%s%s\nwant:\n%s", lint.Code, lint.Stdout, lint.Stderr, strings.Join(wantLint, "\n"))
	}

	// The manifest loses an error the code does not raise, and the generated
	// file is stale until go generate runs again.
	manifest := filepath.Join(dir, "plugin", "manifest.json")
	data, _ := os.ReadFile(manifest)
	os.WriteFile(manifest, bytes.Replace(data, []byte(discontinued), nil, 1), 0o644)
	lint = run("go", "tool", "kerrlint", "./plugin")
	stale := `plugin/ids.go:\d+:\d+: Plugin_KuzzlePluginShop_Discontinued is plugin.kuzzle-plugin-shop.discontinued, which the registry in use does not have: regenerate this file \(kerrlint registry gen\)`
	if lines := diagnostics(lint.Stderr, dir); lint.Code != 3 || !e2etest.Match(lines, []string{stale}) {
		t.Errorf("go tool kerrlint after editing the manifest: exit %d\n%s\nwant %s", lint.Code, lint.Stderr, stale)
	}
	mustRun("go", "generate", "./plugin")
	if lint = run("go", "tool", "kerrlint", "./plugin"); lint.Code != 0 {
		t.Errorf("go tool kerrlint after go generate: exit %d\n%s", lint.Code, lint.Stderr)
	}
}

// kuzzleCodes returns Kuzzle 2.56's codes directory: from the npm package
// as internal/kuzzlejs installs it when $KERRLINT_KUZZLE is set, else from
// ../shared beside the repository; the test skips when neither is there.
func kuzzleCodes(t *testing.T) string {
	if os.Getenv(kuzzlejs.EnvVar) != "" {
		return filepath.Join(kuzzlejs.Dir(t), "node_modules", "kuzzle", "dist", "lib", "kerror", "codes")
	}
	dir := filepath.Join(e2etest.Root(t), "..", "shared", "kuzzle-codes", "latest")
	if _, err := os.Stat(filepath.Join(dir, "1-services.json")); err != nil {
		t.Skipf("no Kuzzle 2.56 codes: set %s=1 (npm) or provide %s", kuzzlejs.EnvVar, dir)
	}
	return dir
}

// editorTools builds gopls and staticcheck at the pinned versions from the
// Go module proxy, once per machine, into the user cache directory.
func editorTools(t *testing.T) map[string]string {
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	bin := filepath.Join(cache, "kerrlint", "editor-tools-gopls"+goplsVersion+"-staticcheck"+staticcheckVersion)
	tools := map[string]string{"gopls": "golang.org/x/tools/gopls@" + goplsVersion, "staticcheck": "honnef.co/go/tools/cmd/staticcheck@" + staticcheckVersion}
	paths := map[string]string{}
	for name, pkg := range tools {
		paths[name] = filepath.Join(bin, name)
		if _, err := os.Stat(paths[name]); err == nil {
			continue
		}
		// go install writes the binary whole (a temporary file renamed).
		cmd := exec.Command("go", "install", pkg)
		cmd.Env = append(os.Environ(), "GOBIN="+bin, "GOFLAGS=-mod=mod")
		cmd.Dir = os.TempDir()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go install %s: %v\n%s", pkg, err, out)
		}
	}
	return paths
}

// discontinued is the manifest's error that the test removes.
const discontinued = `,
    "discontinued": {
      "description": "The product is discontinued",
      "code": 3,
      "message": "Product %s is discontinued",
      "class": "NotFoundError"
    }`

// genModule writes a module using kerrlint (through a replace directive and
// a tool directive) whose package codes embeds Kuzzle's codes from dir,
// installs them with kerror.UseFS and generates their constants; package
// plugin does the same for a plugin manifest with kerror.InstallFS; package
// app raises through both.
func genModule(t *testing.T, codes string) string {
	t.Helper()
	root := e2etest.Root(t)
	dir := t.TempDir()
	goSum, err := os.ReadFile(filepath.Join(root, "example", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"go.mod": `module example.com/svc

go 1.26.0

require github.com/kerrlint/kerrlint v0.0.0

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
)

replace github.com/kerrlint/kerrlint => ` + root + `

tool github.com/kerrlint/kerrlint/cmd/kerrlint
`,
		"go.sum": string(goSum),
		"codes/codes.go": `// Package codes carries Kuzzle 2.56's error codes and installs them.
package codes

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:generate go tool kerrlint registry gen -embedded=false -registry kuzzle -o ids.go

//go:embed kuzzle/*.json
var kuzzle embed.FS

func init() {
	if err := kerror.UseFS(kuzzle, "kuzzle"); err != nil {
		panic(err)
	}
}
`,
		"plugin/plugin.go": `// Package plugin carries a Kuzzle plugin's errors, over Kuzzle's.
package plugin

import (
	"embed"

	"example.com/svc/codes"
	"github.com/kerrlint/kerrlint/kerror"
)

//go:generate go tool kerrlint registry gen -embedded=false -registry manifest.json -o ids.go

//go:embed manifest.json
var manifest embed.FS

func init() {
	if err := kerror.InstallFS(manifest, "manifest.json"); err != nil {
		panic(err)
	}
}

// Missing is Kuzzle's own not found.
func Missing(id string) error { return kerror.New(codes.ServicesStorageNotFound, id, "i", "c") }
`,
		"plugin/manifest.json": `{
  "name": "kuzzle-plugin-shop",
  "kuzzleVersion": ">=2.0.0 <3.0.0",
  "errors": {
    "invalid_sku": {
      "description": "The SKU is not valid",
      "code": 1,
      "message": "Invalid SKU \"%s\"",
      "class": "BadRequestError"
    },
    "out_of_stock": {
      "description": "Out of stock",
      "code": 2,
      "message": "Out of stock: %s",
      "class": "PreconditionError",
      "deprecated": "1.2.0"
    }` + discontinued + `
  }
}
`,
		"app/app.go": `// Package app raises errors through the generated constants.
package app

import (
	"example.com/svc/codes"
	"example.com/svc/plugin"
	"github.com/kerrlint/kerrlint/kerror"
)

// Find fails as Kuzzle does for a missing document.
func Find(id string) error {
	return kerror.NotFound(codes.ServicesStorageNotFound, id, "index", "collection")
}

// Bad asserts the wrong class.
func Bad(id string) error {
	return kerror.BadRequest(codes.ServicesStorageNotFound, id, "index", "collection")
}

// Terms raises an id deprecated since Kuzzle 2.12.3.
func Terms(limit, got int) error { return kerror.New(codes.CoreRealtimeTooManyTerms, limit, got) }

// Sku and Stock raise the plugin's errors; out_of_stock is deprecated.
func Sku(s string) error   { return kerror.BadRequest(plugin.Plugin_KuzzlePluginShop_InvalidSku, s) }
func Stock(s string) error { return kerror.Precondition(plugin.Plugin_KuzzlePluginShop_OutOfStock, s) }

// Is reports a missing document.
func Is(err error) bool { return kerror.Is(err, codes.ServicesStorageNotFound) || plugin.Missing("x") == nil }
`,
	}
	for name, content := range files {
		if strings.HasSuffix(name, ".go") {
			src, err := format.Source([]byte(content))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			content = string(src)
		}
		if err := e2etest.WriteFile(filepath.Join(dir, name), content); err != nil {
			t.Fatal(err)
		}
	}
	jsons, err := filepath.Glob(filepath.Join(codes, "*.json"))
	if err != nil || len(jsons) == 0 {
		t.Fatalf("no codes in %s: %v", codes, err)
	}
	for _, f := range jsons {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := e2etest.WriteFile(filepath.Join(dir, "codes", "kuzzle", filepath.Base(f)), string(data)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// goplsComplete asks gopls (over the Language Server Protocol, as an editor
// does) for the completions at the end of the line of file where it finds
// marker, in the text of the file with marker appended to that line, and
// returns their labels and documentation.
func goplsComplete(t *testing.T, gopls, dir, file, text string, line, col int) map[string]string {
	t.Helper()
	cmd := exec.Command(gopls, "serve")
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// A server that never answers fails the test, not the whole run.
	timer := time.AfterFunc(3*time.Minute, func() { cmd.Process.Kill() })
	defer timer.Stop()
	defer func() {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
	}()
	send := func(msg map[string]any) {
		msg["jsonrpc"] = "2.0"
		body, _ := json.Marshal(msg)
		fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	type message struct {
		ID     *json.RawMessage `json:"id"`
		Method string           `json:"method"`
		Params json.RawMessage  `json:"params"`
		Result json.RawMessage  `json:"result"`
		Error  *struct{ Message string }
	}
	r := bufio.NewReader(stdout)
	// await reads messages until the response to id, answering the
	// server's own requests (configuration: defaults) on the way.
	await := func(id int) json.RawMessage {
		t.Helper()
		for {
			n := 0
			for {
				h, err := r.ReadString('\n')
				if err != nil {
					t.Fatalf("gopls serve: %v\n%s", err, stderr.Bytes())
				}
				if h = strings.TrimSpace(h); h == "" {
					break
				}
				if v, ok := strings.CutPrefix(h, "Content-Length: "); ok {
					fmt.Sscan(v, &n)
				}
			}
			body := make([]byte, n)
			if _, err := io.ReadFull(r, body); err != nil {
				t.Fatal(err)
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Fatal(err)
			}
			switch {
			case m.ID != nil && m.Method != "": // a request from the server
				var result any
				if m.Method == "workspace/configuration" {
					var p struct{ Items []any }
					json.Unmarshal(m.Params, &p)
					cfg := make([]map[string]any, len(p.Items))
					for i := range cfg {
						cfg[i] = map[string]any{}
					}
					result = cfg
				}
				send(map[string]any{"id": m.ID, "result": result})
			case m.ID != nil && string(*m.ID) == fmt.Sprint(id):
				if m.Error != nil {
					t.Fatalf("gopls: %s", m.Error.Message)
				}
				return m.Result
			}
		}
	}
	uri := "file://" + file
	send(map[string]any{"id": 1, "method": "initialize", "params": map[string]any{
		"processId": os.Getpid(), "rootUri": "file://" + dir,
		"capabilities": map[string]any{"textDocument": map[string]any{"completion": map[string]any{
			"completionItem": map[string]any{"documentationFormat": []string{"plaintext"}}}}},
		"workspaceFolders": []any{map[string]any{"uri": "file://" + dir, "name": "m"}},
	}})
	await(1)
	send(map[string]any{"method": "initialized", "params": map[string]any{}})
	send(map[string]any{"method": "textDocument/didOpen", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": text}}})
	send(map[string]any{"id": 2, "method": "textDocument/completion", "params": map[string]any{
		"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": col}}})
	var list struct {
		Items []struct {
			Label         string
			Documentation json.RawMessage
		}
	}
	if err := json.Unmarshal(await(2), &list); err != nil {
		t.Fatal(err)
	}
	items := map[string]string{}
	for _, it := range list.Items {
		var doc string
		if json.Unmarshal(it.Documentation, &doc) != nil {
			var mc struct{ Value string }
			json.Unmarshal(it.Documentation, &mc)
			doc = mc.Value
		}
		items[it.Label] = doc
	}
	return items
}
