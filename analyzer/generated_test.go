package analyzer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/internal/idgen"
	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis/analysistest"
)

// genSettings check testdata/src/genids, generated from registries/genold,
// against registries/gennew: one id removed, one recoded, one reclassed, one
// deprecated, one no longer deprecated.
var genSettings = analyzer.Settings{NoEmbedded: true, Registries: []string{filepath.Join(testdata, "registries", "gennew")}}

// TestGeneratedConstants: stale-id at the declarations of the generator's
// file (not of another generator's, not of a hand-written one), raises
// through the constants checked in the package and in an importer, and no
// fix editing a generated file.
func TestGeneratedConstants(t *testing.T) {
	a := newAnalyzer(t, genSettings)
	runFixes(t, a, "genids")
	runFixes(t, a, "genuse")
	for _, res := range analysistest.Run(nopT{}, testdata, a, "genids", "genuse") {
		for _, d := range res.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					if name := res.Pass.Fset.File(e.Pos).Name(); filepath.Base(name) == "ids.go" {
						t.Errorf("%s: a fix edits the generated %s", res.Pass.Fset.Position(d.Pos), name)
					}
				}
			}
		}
	}
}

// TestGeneratedNeedsARegistryInUse: a package that does not import kerror
// has no registry in use, so its generated constants are never stale.
func TestGeneratedNeedsARegistryInUse(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, genSettings), "genpure")
}

// genWhere names positions as registry gen -o testdata/src/genids/ids.go does.
func genWhere(p registry.Position) string {
	return registry.Position{File: "../../registries/" + filepath.Base(filepath.Dir(p.File)) + "/" + filepath.Base(p.File), Line: p.Line}.String()
}

// TestGeneratedTestdataIsCurrent: genids/ids.go is the generator's output
// (its // want comments aside), and the file regenerated from the registry
// in use is not stale.
func TestGeneratedTestdataIsCurrent(t *testing.T) {
	old, err := registry.Load(filepath.Join(testdata, "registries", "genold"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := idgen.Generate(old, idgen.Options{Package: "genids", Where: genWhere})
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(testdata, "src", "genids", "ids.go"))
	if err != nil {
		t.Fatal(err)
	}
	if got := regexp.MustCompile(` // want .*`).ReplaceAll(src, nil); !bytes.Equal(got, want) {
		t.Errorf("testdata/src/genids/ids.go is not what registry gen writes for registries/genold:\n%s", want)
	}

	cur, err := registry.Load(genSettings.Registries[0])
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := idgen.Generate(cur, idgen.Options{Package: "genfresh", Where: genWhere})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pkg := filepath.Join(dir, "src", "genfresh")
	os.MkdirAll(pkg, 0o755)
	if err := os.Symlink(filepath.Join(testdata, "src", "github.com"), filepath.Join(dir, "src", "github.com")); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(pkg, "ids.go"), fresh, 0o644)
	os.WriteFile(filepath.Join(pkg, "a.go"), []byte("// want package:\"raises errors\"\n\npackage genfresh\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\nvar _ = kerror.NotFound(GenCartKept, \"c\")\n"), 0o644)
	for _, res := range analysistest.Run(t, dir, newAnalyzer(t, genSettings), "genfresh") {
		if len(res.Diagnostics) > 0 {
			t.Errorf("a freshly generated file is reported: %s", res.Diagnostics[0].Message)
		}
	}
}
