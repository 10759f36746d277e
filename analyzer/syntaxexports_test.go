package analyzer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	xchecker "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// syntaxVerdict is what narrowing predicts of a package from syntax alone.
type syntaxVerdict struct{ relevant, exports, defines bool }

// predictFromSyntax predicts, dependencies first, which packages of the
// graph of roots are relevant and export, as narrowing does for the
// directories of a module (directives and definitions below counted).
func predictFromSyntax(t *testing.T, roots []*packages.Package) map[*packages.Package]syntaxVerdict {
	t.Helper()
	verdicts := map[*packages.Package]syntaxVerdict{}
	packages.Visit(roots, nil, func(p *packages.Package) {
		if p.PkgPath == KerrorPath {
			return
		}
		directive := false
		for _, name := range p.CompiledGoFiles {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			directive = directive || SourceHasDirective(src)
		}
		var v syntaxVerdict
		v.relevant = directive
		for path, imp := range p.Imports {
			v.relevant = v.relevant || path == KerrorPath || verdicts[imp].exports
		}
		if !v.relevant {
			verdicts[p] = v
			return
		}
		v.defines = MayDefine(p.Syntax)
		for _, imp := range p.Imports {
			v.defines = v.defines || verdicts[imp].defines
		}
		v.exports = directive || v.defines || MayExport(p.Syntax, func(path string) ImportConcern {
			imp := p.Imports[path]
			if imp == nil {
				return ImportConcern{Exports: true}
			}
			return ImportConcern{Exports: verdicts[imp].exports, Name: imp.Name}
		})
		verdicts[p] = v
	})
	return verdicts
}

// TestMayExportCoversFacts runs the analyzer on every package of the
// testdata tree and checks that the prediction from syntax covers its
// verdicts: every package analysed is predicted relevant, and every
// package whose fact says it exports is predicted to export. Narrowing
// relies on it to leave packages out before anything is listed.
func TestMayExportCoversFacts(t *testing.T) {
	testdata, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(testdata, "src"))
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, e := range entries {
		if e.IsDir() && !strings.Contains(e.Name(), ".") {
			patterns = append(patterns, e.Name()+"/...")
		}
	}
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax,
		Dir:   testdata,
		Tests: true,
		Env:   append(os.Environ(), "GOPATH="+testdata, "GO111MODULE=off", "GOPROXY=off", "GOFLAGS="),
	}
	roots, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Settings{})
	if err != nil {
		t.Fatal(err)
	}
	graph, err := xchecker.Analyze([]*analysis.Analyzer{a}, roots, nil)
	if err != nil {
		t.Fatal(err)
	}
	verdicts := predictFromSyntax(t, roots)
	analysed, exporting, overApproximated := 0, 0, 0
	var quiet []string
	forms := map[string]bool{} // exportforms/NAME: whether its fact says it exports
	for act := range graph.All() {
		if act.Analyzer != a || act.Package.PkgPath == KerrorPath {
			continue
		}
		var f packageFact
		v := verdicts[act.Package]
		if !act.PackageFact(act.Package.Types, &f) {
			continue
		}
		analysed++
		if !v.relevant {
			t.Errorf("%s: analysed, but predicted irrelevant from syntax", act.Package.ID)
		}
		if form, ok := strings.CutPrefix(act.Package.PkgPath, "exportforms/"); ok && !strings.HasSuffix(act.Package.ID, ".test") {
			forms[form] = f.Exports
		}
		switch {
		case f.Exports:
			exporting++
			if !v.exports {
				t.Errorf("%s: its fact says it exports, but syntax predicts it does not", act.Package.ID)
			}
		case v.exports:
			overApproximated++
		default:
			quiet = append(quiet, act.Package.PkgPath)
		}
	}
	t.Logf("%d packages analysed, %d export, %d more predicted to", analysed, exporting, overApproximated)
	if exporting < 19 {
		t.Errorf("only %d packages of testdata export: the test no longer covers the rule", exporting)
	}
	// The prediction is not "everything exports": packages that only
	// raise are predicted quiet.
	// Each package of exportforms exports in one way of the rule, but
	// exportforms/quiet, which raises only.
	if len(forms) < 20 {
		t.Errorf("exportforms: %d packages analysed, want 20", len(forms))
	}
	for form, exports := range forms {
		if exports != (form != "quiet") {
			t.Errorf("exportforms/%s: fact says exports=%v", form, exports)
		}
	}
	for _, want := range []string{"relraise", "unknown", "mismatch", "exportforms/quiet"} {
		if !slices.Contains(quiet, want) {
			t.Errorf("%s: want predicted not to export (quiet: %v)", want, quiet)
		}
	}
}
