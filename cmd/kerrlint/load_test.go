package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/internal/e2etest"
	"github.com/kerrlint/kerrlint/internal/loader"
	"golang.org/x/tools/go/packages"
)

// relevanceModule writes, into a copy of the example module, a chain
// app → mid → low where only low imports kerror (a wrapper two imports away
// from app), a package relevant through a directive alone, and plain code:
// one package app imports, one nothing relevant imports.
func relevanceModule(t *testing.T) string {
	dir := e2etest.Example(t)
	for name, src := range map[string]string{
		"low/low.go": `package low

import "github.com/kerrlint/kerrlint/kerror"

// Fail raises id.
func Fail(id string) error { return kerror.New(id) }
`,
		"mid/mid.go": `package mid

import "example.com/shop/low"

// Fail passes id on to low.Fail.
func Fail(id string) error { return low.Fail(id) }
`,
		"annotated/annotated.go": `package annotated

import "errors"

// Raise raises id in a way kerrlint cannot see.
//
//kerrlint:id id
func Raise(id string) error { return errors.New(id) }
`,
		"plain/plain.go": `package plain

// Add adds.
func Add(a, b int) int { return a + b }
`,
		"alone/alone.go": `package alone

import "example.com/shop/plain"

var _ = plain.Add(1, 2)
`,
		"app/app.go": `package app

import (
	"example.com/shop/annotated"
	"example.com/shop/mid"
	"example.com/shop/plain"
)

var (
	_ = mid.Fail("services.storage.not_fund")
	_ = annotated.Raise("services.storage.nto_found")
	_ = plain.Add(1, 2)
)
`,
	} {
		if err := e2etest.WriteFile(filepath.Join(dir, name), src); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// TestWrapperTwoImportsAway checks that naming only app still follows the
// wrapper that mid inherits from low, and the directive of a package that
// does not import kerror (the example's own store package also reports).
func TestWrapperTwoImportsAway(t *testing.T) {
	dir := relevanceModule(t)
	want := []string{
		`app/app.go:10:15: unknown error id "services.storage.not_fund"`,
		`app/app.go:11:22: unknown error id "services.storage.nto_found"`,
	}
	for _, pattern := range []string{"./app", "./..."} {
		var stdout, stderr bytes.Buffer
		code := analyze([]string{pattern}, driverFlags{tests: true, context: -1}, &stdout, &stderr)
		var got []string
		for _, line := range strings.Split(stderr.String(), "\n") {
			if rel := strings.TrimPrefix(line, dir+string(filepath.Separator)); strings.HasPrefix(rel, "app/") {
				rel, _, _ = strings.Cut(rel, ";") // the suggestions
				got = append(got, rel)
			}
		}
		if code != 3 || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("kerrlint %s: exit %d\n%s\nwant exit 3 and:\n%s", pattern, code, stderr.String(), strings.Join(want, "\n"))
		}
	}
}

// TestIrrelevantNotTypeChecked checks what the loader builds: the relevant
// packages type-checked from source, plain code of the module imported by
// one of them type-checked from its declarations only (not compiled), and
// plain code nothing relevant imports neither type-checked nor compiled.
func TestIrrelevantNotTypeChecked(t *testing.T) {
	relevanceModule(t)
	prog, err := loader.Load(loader.Config{Patterns: []string{"./..."}, Tests: true, ListAll: true, Relevance: analyzer.NewRelevance(nil)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prog.Analyze(analyzer.Analyzer); err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*packages.Package{}
	packages.Visit(prog.Roots, nil, func(p *packages.Package) { byPath[p.PkgPath] = p })
	for _, name := range []string{"app", "mid", "low", "annotated", "store"} {
		p := byPath["example.com/shop/"+name]
		if p == nil || !prog.Relevant(p) || p.TypesInfo == nil || len(p.Syntax) == 0 || p.IllTyped {
			t.Errorf("%s: want relevant and type-checked from source, got %+v", name, p)
		}
	}
	for _, name := range []string{"plain", "alone"} {
		p := byPath["example.com/shop/"+name]
		if p == nil || prog.Relevant(p) || p.TypesInfo != nil || p.Syntax != nil {
			t.Errorf("%s: want irrelevant and not type-checked from source, got %+v", name, p)
		}
	}
	if p := byPath["example.com/shop/plain"]; p == nil || p.ExportFile != "" || p.Types == nil || !p.Types.Complete() || p.Types.Scope().Lookup("Add") == nil {
		t.Errorf("plain, imported by app: want its declarations type-checked from source, not compiled")
	}
	if p := byPath["example.com/shop/alone"]; p == nil || p.ExportFile != "" || p.Types != nil {
		t.Errorf("alone: want it not compiled (no export data asked for)")
	}
}

// TestRelevanceFuncs checks that a package declaring a -funcs target is
// relevant, and so are its importers, though none imports kerror.
func TestRelevanceFuncs(t *testing.T) {
	relevanceModule(t)
	rel := analyzer.NewRelevance(analyzer.Funcs{{Pkg: "example.com/shop/plain", Name: "Add", Param: "a"}})
	prog, err := loader.Load(loader.Config{Patterns: []string{"./alone"}, Relevance: rel})
	if err != nil {
		t.Fatal(err)
	}
	a, err := analyzer.New(analyzer.Settings{Funcs: []string{"example.com/shop/plain.Add:a"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prog.Analyze(a); err != nil {
		t.Fatal(err)
	}
	n := 0
	packages.Visit(prog.Roots, nil, func(p *packages.Package) {
		if p.PkgPath == "example.com/shop/plain" || p.PkgPath == "example.com/shop/alone" {
			n++
			if !prog.Relevant(p) || p.TypesInfo == nil {
				t.Errorf("%s: want relevant (-funcs) and type-checked", p.PkgPath)
			}
		}
	})
	if n != 2 {
		t.Errorf("want plain and alone loaded, got %d of them", n)
	}
}
