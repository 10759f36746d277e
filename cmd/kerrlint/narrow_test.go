package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/internal/e2etest"
	"github.com/kerrlint/kerrlint/internal/loader"
)

// narrowingModule extends relevanceModule with what narrowing must get right:
// files of other builds, directories a wildcard does not walk, a package
// with only tests, broken imports, and a wrapper two imports away in another
// module (example.com/ext, replaced by a directory inside this one).
func narrowingModule(t *testing.T) string {
	dir := relevanceModule(t)
	const bad = `kerror.New("services.storage.not_fund")`
	files := map[string]string{
		// Files no build of this machine reads, alone or beside plain code.
		"win/win.go":           "//go:build windows\n\npackage win\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar _ = " + bad + "\n",
		"gen/gen.go":           "//go:build ignore\n\npackage main\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nfunc main() { _ = " + bad + " }\n",
		"mixed/mixed.go":       "package mixed\n\n// N is plain.\nconst N = 1\n",
		"mixed/mixed_plan9.go": "package mixed\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar _ = " + bad + "\n",
		// Directories ./... does not walk.
		"testdata/bad/bad.go": "package bad\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar _ = " + bad + "\n",
		"_hidden/bad.go":      "package bad\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar _ = " + bad + "\n",
		// Tests only.
		"tonly/tonly_test.go": "package tonly\n\nimport (\n\t\"testing\"\n\n\t\"github.com/kerrlint/kerrlint/kerror\"\n)\n\nfunc TestX(t *testing.T) { _ = " + bad + " }\n",
		// Imports go list cannot resolve.
		"broken/broken.go":     "package broken\n\nimport \"example.com/shop/nowhere\"\n\nvar _ = nowhere.X\n",
		"unparsed/unparsed.go": "package unparsed\n\nimport (\n\t\"fmt\"\n",
		// Another module, nested by directory but not by path.
		"ext/go.mod":         "module example.com/ext\n\ngo 1.26.0\n\nrequire github.com/kerrlint/kerrlint v0.0.0\n",
		"ext/low/low.go":     "package low\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\n// Fail raises id.\nfunc Fail(id string) error { return kerror.New(id) }\n",
		"ext/wrap/wrap.go":   "package wrap\n\nimport \"example.com/ext/low\"\n\n// Fail passes id on.\nfunc Fail(id string) error { return low.Fail(id) }\n",
		"ext/plain/plain.go": "package plain\n\n// Two is plain.\nconst Two = 2\n",
		"far/far.go":         "package far\n\nimport (\n\t\"example.com/ext/plain\"\n\t\"example.com/ext/wrap\"\n)\n\nvar _ = wrap.Fail(\"services.storage.not_fond\")\n\nvar _ = plain.Two\n",
		"near/near.go":       "package near\n\nimport \"example.com/ext/plain\"\n\nvar _ = plain.Two\n",
		// A package of another module for other builds, imported by a file
		// for other builds: go list reports an error for it, which
		// narrowing must not take for a package it cannot judge.
		"ext/winonly/winonly.go": "//go:build windows\n\npackage winonly\n\n// W is for Windows.\nconst W = 1\n",
		"near/near_windows.go":   "package near\n\nimport \"example.com/ext/winonly\"\n\nvar _ = winonly.W\n",
	}
	for name, src := range files {
		if err := e2etest.WriteFile(filepath.Join(dir, name), src); err != nil {
			t.Fatal(err)
		}
	}
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goMod = append(goMod, "\nrequire example.com/ext v0.0.0\n\nreplace example.com/ext => ./ext\n"...)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), goMod, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestNarrowingIdentical runs kerrlint with and without narrowing on every
// pattern of the module and checks that the output and the exit status are
// the same.
func TestNarrowingIdentical(t *testing.T) {
	dir := narrowingModule(t)
	patterns := [][]string{
		{"./..."}, {"."}, {"./app"}, {"./app/..."}, {"./far"}, {"./near"}, {"./plain", "./alone"},
		{"./win"}, {"./gen"}, {"./mixed"}, {"./tonly"}, {"./broken"}, {"./unparsed"},
		{"./testdata/bad"}, {"./_hidden"}, {"./testdata/..."}, {"./_hidden/..."}, {"./ext/..."},
		{"./low", "./..."}, {"./nowhere"},
	}
	// Without tests and in JSON, the patterns where that can differ.
	other := [][]string{{"./..."}, {"./tonly"}, {"./plain", "./alone"}, {"./win"}}
	for _, run := range []struct {
		flags    driverFlags
		patterns [][]string
	}{{driverFlags{tests: true}, patterns}, {driverFlags{}, other}, {driverFlags{tests: true, json: true}, other}} {
		for _, args := range run.patterns {
			compareNarrowing(t, args, run.flags)
		}
	}
	// From a subdirectory, patterns go up and down.
	t.Chdir(filepath.Join(dir, "mid"))
	for _, args := range [][]string{{"./..."}, {"."}, {"../..."}, {"../app"}, {"../ext/..."}} {
		compareNarrowing(t, args, driverFlags{tests: true})
	}
}

// compareNarrowing runs kerrlint args with flags, with and without
// narrowing, reports any difference in output or exit status, and returns
// the output.
func compareNarrowing(t *testing.T, args []string, flags driverFlags) string {
	t.Helper()
	var outputs [2]string
	for i, listAll := range []bool{false, true} {
		var stdout, stderr bytes.Buffer
		df := flags
		df.listAll, df.context = listAll, -1
		code := analyze(args, df, &stdout, &stderr)
		outputs[i] = fmt.Sprintf("%s%s\nexit %d", stdout.String(), stderr.String(), code)
	}
	if outputs[0] != outputs[1] {
		t.Errorf("kerrlint -test=%v -json=%v %s: narrowed:\n%s\nevery package listed:\n%s",
			flags.tests, flags.json, strings.Join(args, " "), outputs[0], outputs[1])
	}
	return outputs[1]
}

// TestNarrowingKeeps checks what narrowing keeps of ./...: the packages
// that may be relevant, not plain code, nor what no build of this machine
// reads. The wrapper two imports away in another module keeps its importer.
func TestNarrowingKeeps(t *testing.T) {
	narrowingModule(t)
	n := plan(t, "./...")
	if !n.Narrowed {
		t.Fatal("narrowing did not apply")
	}
	want := []string{"./annotated", "./app", "./broken", "./far", "./gen", "./low", "./mid", "./mixed", "./store", "./tonly", "./unparsed", "./win"}
	if !slices.Equal(n.Listed, want) {
		t.Errorf("kept %v, want %v", n.Listed, want)
	}
	if len(n.OnlyWildcard) != len(want) {
		t.Errorf("matched only by the wildcard: %v, want all %d kept", n.OnlyWildcard, len(want))
	}
	if n := plan(t, "./...", "./app"); slices.Contains(n.OnlyWildcard, "example.com/shop/app") {
		t.Errorf("./app, named, is taken for matched only by the wildcard")
	}
	if !slices.Contains(n.Prefetched, analyzer.KerrorPath) || slices.Contains(n.Prefetched, "example.com/shop/low") {
		t.Errorf("exports to prefetch: %v, want kerror and no package relevant on its own", n.Prefetched)
	}
}

// TestNarrowingDoesNotApply checks the settings narrowing does not model:
// the driver then lists the patterns as given.
func TestNarrowingDoesNotApply(t *testing.T) {
	for _, tc := range []struct {
		name     string
		setup    func(dir string) error
		patterns []string
	}{
		{"import path pattern", nil, []string{"example.com/shop/..."}},
		{"all", nil, []string{"all"}},
		{"files", nil, []string{"app/app.go"}},
		{"wildcard inside", nil, []string{"./a.../b"}},
		{"outside the module", nil, []string{"../..."}},
		{"no such directory", nil, []string{"./nowhere"}},
		{"another module", nil, []string{"./ext"}},
		{"no Go files", nil, []string{"./testdata"}},
		{"vendor directory", func(dir string) error {
			return e2etest.WriteFile(filepath.Join(dir, "vendor", "modules.txt"), "")
		}, []string{"./..."}},
		{"workspace", func(dir string) error {
			return e2etest.WriteFile(filepath.Join(dir, "go.work"), "go 1.26.0\n\nuse .\n")
		}, []string{"./..."}},
		{"ignore directive it cannot read", func(dir string) error {
			return appendGoMod(dir, "\nignore(./plain)\n")
		}, []string{"./..."}},
		{"-funcs in the standard library", func(string) error { return nil }, nil},
		{"-modfile", func(dir string) error {
			os.Setenv("GOFLAGS", "-modfile="+filepath.Join(dir, "go.mod"))
			return nil
		}, []string{"./..."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOFLAGS", "")
			dir := narrowingModule(t)
			if tc.setup != nil {
				if err := tc.setup(dir); err != nil {
					t.Fatal(err)
				}
			}
			rel := analyzer.NewRelevance(nil)
			if tc.patterns == nil {
				tc.patterns, rel = []string{"./..."}, analyzer.NewRelevance(analyzer.Funcs{{Pkg: "errors", Name: "New", Param: "text"}})
			}
			if pl := loader.NewPlan(loader.Config{Patterns: tc.patterns, Relevance: rel}); pl.Narrowed {
				t.Errorf("narrowing %q listed %v, want not applied", tc.patterns, pl.Listed)
			}
		})
	}
}

// TestNarrowingIdenticalOnThisModule compares on this repository, whose
// kerror directory holds kerror, which is never relevant, and its external
// tests, which are.
func TestNarrowingIdenticalOnThisModule(t *testing.T) {
	t.Chdir(e2etest.Root(t))
	for _, args := range [][]string{{"./..."}, {"./kerror"}} {
		if out := compareNarrowing(t, args, driverFlags{tests: true}); !strings.Contains(out, "kerror_test.go") {
			t.Errorf("kerrlint %s: want the deliberate mistakes of kerror's external tests reported:\n%s", args[0], out)
		}
	}
}

// plan returns the plan for patterns.
func plan(t *testing.T, patterns ...string) loader.Plan {
	return *loader.NewPlan(loader.Config{Patterns: patterns, Tests: true, Relevance: analyzer.NewRelevance(nil)})
}

// appendGoMod appends text to the go.mod of the module in dir.
func appendGoMod(dir, text string) error {
	f, err := os.OpenFile(filepath.Join(dir, "go.mod"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString(text)
	return err
}

// TestNarrowingIgnoreDirective checks that narrowing skips what go.mod's
// ignore directives keep wildcards out of ("./dir" from the module root,
// "dir" anywhere), and nothing else: a named package is still analysed.
func TestNarrowingIgnoreDirective(t *testing.T) {
	dir := narrowingModule(t)
	const bad = "package bad\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar _ = kerror.New(\"services.storage.not_fund\")\n"
	for _, name := range []string{"ignored/bad.go", "ignored/below/bad.go", "app/deep/bad.go", "deeper/bad.go", "deep/bad.go"} {
		if err := e2etest.WriteFile(filepath.Join(dir, name), bad); err != nil {
			t.Fatal(err)
		}
	}
	if err := appendGoMod(dir, "\nignore ./ignored\n\nignore (\n\t\"deep\" // anywhere\n)\n"); err != nil {
		t.Fatal(err)
	}
	n := plan(t, "./...")
	if !n.Narrowed {
		t.Fatal("narrowing did not apply")
	}
	for _, skipped := range []string{"./ignored", "./ignored/below", "./app/deep", "./deep"} {
		if slices.Contains(n.Listed, skipped) {
			t.Errorf("kept %s, which go.mod ignores", skipped)
		}
	}
	if !slices.Contains(n.Listed, "./deeper") {
		t.Errorf("want ./deeper kept (ignore \"deep\" names a directory, not a prefix): %v", n.Listed)
	}
	for _, args := range [][]string{{"./..."}, {"./ignored"}, {"./ignored/..."}, {"./app/..."}, {"./deep"}} {
		compareNarrowing(t, args, driverFlags{tests: true})
	}
}

// TestNarrowingByExports checks that narrowing leaves out the importers of
// a package that raises errors but exports nothing that concerns kerror
// (analyzer.MayExport), keeps those of a wrapper, and that the output is
// what listing every package gives.
func TestNarrowingByExports(t *testing.T) {
	dir := e2etest.Example(t)
	for name, src := range map[string]string{
		"raiser/raiser.go": `package raiser

import "github.com/kerrlint/kerrlint/kerror"

// Work transforms s, or fails.
func Work(s string) (string, error) {
	if s == "" {
		return "", kerror.Get("services", "storage", "unknown_index", s)
	}
	return s, kerror.New("services.storage.not_fund")
}
`,
		"above/above.go": `package above

import "example.com/shop/raiser"

// Work calls raiser.Work.
func Work(s string) (string, error) { return raiser.Work(s) }
`,
		"top/top.go": `package top

import "example.com/shop/above"

var _, _ = above.Work("x")
`,
		"wrapping/wrapping.go": `package wrapping

import "github.com/kerrlint/kerrlint/kerror"

// Fail raises id.
func Fail(id string) error { return kerror.New(id) }
`,
		"caller/caller.go": `package caller

import "example.com/shop/wrapping"

var _ = wrapping.Fail("services.storage.not_fond")
`,
	} {
		if err := e2etest.WriteFile(filepath.Join(dir, name), src); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	n := plan(t, "./...")
	if !n.Narrowed {
		t.Fatal("narrowing did not apply")
	}
	for _, kept := range []string{"./raiser", "./wrapping", "./caller"} {
		if !slices.Contains(n.Listed, kept) {
			t.Errorf("%s not kept: %v", kept, n.Listed)
		}
	}
	for _, left := range []string{"./above", "./top"} {
		if slices.Contains(n.Listed, left) {
			t.Errorf("%s kept, though it imports only a package that exports nothing: %v", left, n.Listed)
		}
	}
	out := compareNarrowing(t, []string{"./..."}, driverFlags{tests: true})
	for _, want := range []string{"raiser/raiser.go:10", "caller/caller.go:5"} {
		if !strings.Contains(out, want) {
			t.Errorf("want a report at %s:\n%s", want, out)
		}
	}
}
