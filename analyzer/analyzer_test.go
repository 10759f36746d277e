package analyzer_test

import (
	"fmt"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/synctest"

	"github.com/kerrlint/kerrlint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// testdata is the repository's testdata directory, a GOPATH tree in which
// kerror and registry are symbolic links to the real packages.
var testdata = func() string {
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		panic(err)
	}
	return dir
}()

func TestUnknownID(t *testing.T) {
	runFixes(t, newAnalyzer(t, analyzer.Settings{}), "unknown")
}

func TestUnrelatedPackageIsQuiet(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{Strict: true}), "unrelated")
}

func TestMismatch(t *testing.T) {
	runFixes(t, newAnalyzer(t, analyzer.Settings{}), "mismatch")
}

// shopSettings add testdata/registries/shop, whose entries have messages
// and deprecations, to the embedded registry.
var shopSettings = analyzer.Settings{Registries: []string{filepath.Join(testdata, "registries", "shop")}}

func TestPlaceholdersAndDeprecation(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, shopSettings), "shop")
}

// TestFuncValues raises through variables holding kerror functions and
// wrappers, in -strict mode: the unknown ones stay quiet.
func TestFuncValues(t *testing.T) {
	s := shopSettings
	s.Strict = true
	runFixes(t, newAnalyzer(t, s), "funcvalues")
}

func TestStrict(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{Strict: true}), "strict")
}

func TestIgnore(t *testing.T) {
	runFixes(t, newAnalyzer(t, analyzer.Settings{}), "ignore")
}

func TestCleanPackageIsQuiet(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{Strict: true}), "clean")
}

func TestGeneratedFilesGetNoFixes(t *testing.T) {
	for _, res := range analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "gen") {
		for _, d := range res.Diagnostics {
			if len(d.SuggestedFixes) > 0 {
				t.Errorf("%s: fix offered in a generated file", res.Pass.Fset.Position(d.Pos))
			}
		}
	}
}

func newAnalyzer(t *testing.T, s analyzer.Settings) *analysis.Analyzer {
	t.Helper()
	a, err := analyzer.New(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestWrappers(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "wrapa", "wrapb", "wrapc")
}

func TestDefinitions(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "defa", "defb", "defb2", "defc", "defd")
}

// TestDefineVerdicts: a Define is reported under the check the runtime's
// verdict names, in the runtime's order of checks.
func TestDefineVerdicts(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "defverdict")
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "directives")
}

func TestFuncsFlag(t *testing.T) {
	a := newAnalyzer(t, analyzer.Settings{Funcs: []string{"funcs.Fail:id", "(*funcs.Client).Raise:id", "funcs.Other:id"}})
	analysistest.Run(t, testdata, a, "funcs")
}

func TestFuncsSyntax(t *testing.T) {
	for _, bad := range []string{"Fail", "funcs.Fail", "funcs.Fail:", ":id", "(*funcs.Client.Raise:id", "()funcs.x:id", "Fail:id"} {
		if _, err := analyzer.New(analyzer.Settings{Funcs: []string{bad}}); err == nil {
			t.Errorf("New with -funcs %q succeeded", bad)
		}
	}
}

// TestNoGoroutineLeak builds analyzers and runs one in a synctest bubble,
// which fails if a goroutine started there outlives the run (the
// golangci-lint plugin runs in a long process).
func TestNoGoroutineLeak(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		a := newAnalyzer(t, shopSettings)
		pass := &analysis.Pass{Analyzer: a, Fset: token.NewFileSet(), Pkg: types.NewPackage("p", "p"),
			TypesInfo: &types.Info{}, Report: func(analysis.Diagnostic) {},
			ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
			AllPackageFacts:   func() []analysis.PackageFact { return nil }}
		if _, err := a.Run(pass); err != nil {
			t.Fatal(err)
		}
	})
}

// TestRegistryFS: a registry given as a file system (as a nogo wrapper
// embeds it) acts as the same files given by path.
func TestRegistryFS(t *testing.T) {
	s := analyzer.Settings{RegistryFS: os.DirFS(filepath.Join(testdata, "registries", "shop"))}
	analysistest.Run(t, testdata, newAnalyzer(t, s), "shop")
}

func TestScopedIgnore(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "ignorescoped")
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "ignorestmt")
}

// TestBodiesAndPartialIDs: placeholders counted as the runtime consumes
// them, and ids whose name alone is not constant.
func TestBodiesAndPartialIDs(t *testing.T) {
	s := analyzer.Settings{Registries: []string{filepath.Join(testdata, "registries", "batch")}}
	runFixes(t, newAnalyzer(t, s), "bodies")
}

// TestSuggestDefinitions: did-you-mean knows the ids of kerror.Define.
func TestSuggestDefinitions(t *testing.T) {
	runFixes(t, newAnalyzer(t, analyzer.Settings{}), "defsuggest")
}

// TestInstalledRegistries: registries installed from embedded files, in
// the installing package, its importers, and a package importing neither.
func TestInstalledRegistries(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "installer", "installuser", "installblind")
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{Strict: true}), "installopen")
}

// TestInitValues: kerror.Define and the installs used as function values
// are not followed, and open the registry: quiet, in the package and its
// importers; with -strict, the values are reported.
func TestInitValues(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "initvalues", "initvaluesuser")
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{Strict: true}), "initvaluestrict")
}

// TestBrokenInstalledRegistry: problems of an embedded registry are
// reported at their file:line:col in the JSON file.
func TestBrokenInstalledRegistry(t *testing.T) {
	var got []string
	for _, res := range analysistest.Run(nopT{}, testdata, newAnalyzer(t, analyzer.Settings{}), "installbad") {
		for _, d := range res.Diagnostics {
			got = append(got, fmt.Sprintf("%s: %s: %s", res.Pass.Fset.Position(d.Pos), d.Category, d.Message))
		}
	}
	file := filepath.Join(testdata, "src", "installbad", "codes", "50-billing.json")
	want := regexp.MustCompile(`^` + regexp.QuoteMeta(file) + `:1[345]:\d+: invalid-registry: .*code 1 .*declined`)
	if len(got) == 0 || !want.MatchString(got[0]) {
		t.Errorf("diagnostics:\n%s\nwant the first at %s...", strings.Join(got, "\n"), want)
	}
	// The unknown id's message names the cause: the install that failed.
	cause := regexp.MustCompile(`unknown-id: unknown error id "billing.card.declined" \(the registry this package installs at .*installbad.go:15:18 does not load: it may define it\)`)
	if !slices.ContainsFunc(got, cause.MatchString) {
		t.Errorf("diagnostics:\n%s\nwant one matching %s", strings.Join(got, "\n"), cause)
	}
}

// TestScopesAcrossPackages: an exported Scope variable, assigned once,
// resolves in its importers.
func TestScopesAcrossPackages(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "scopes", "scopeuser")
}

// TestWrapperPlaceholders: fixed placeholders, typed ids, failed assertions.
func TestWrapperPlaceholders(t *testing.T) {
	runFixes(t, newAnalyzer(t, shopSettings), "wrapfixed")
}

// TestConflictingInstalls: an install that conflicts with the registry in
// use is reported at its call; two imported installs conflicting with each
// other, at the import bringing the second.
func TestConflictingInstalls(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "installconflict", "installa", "installb", "installboth")
}

// TestParentheses: the parentheses Go ignores change no diagnostic.
func TestParentheses(t *testing.T) {
	runFixes(t, newAnalyzer(t, analyzer.Settings{}), "parens")
}

// TestPluginsShareSubdomainCode: two plugin manifests with the default
// subdomain code 0; the second plugin is known by its name.
func TestPluginsShareSubdomainCode(t *testing.T) {
	dir := filepath.Join(testdata, "registries", "plugins")
	s := analyzer.Settings{Registries: []string{filepath.Join(dir, "alpha"), filepath.Join(dir, "beta")}}
	runFixes(t, newAnalyzer(t, s), "plugins")
}

// TestInstallsInInitOrder: installs applied in Go's initialization order
// across the import closure, not in the order of a package's imports: a
// replace by a package initialized later wipes an install.
func TestInstallsInInitOrder(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "initz", "initb", "inita", "initapp", "initphases", "initdefs")
}

// TestInstallsFromOtherPackages: the README's Bazel layout — registry files
// embedded by another package, installed with InstallFS, Install or Use of
// registry.LoadFS; one kerrlint cannot read makes every id possible.
func TestInstallsFromOtherPackages(t *testing.T) {
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{}), "bazelapp", "bazelload", "bazeluse")
	analysistest.Run(t, testdata, newAnalyzer(t, analyzer.Settings{Strict: true}), "bazelopen")
}

// TestForms: ids carried by receivers of id types, ~string type
// parameters, comparison helpers, copies of the ID field, method values and
// method expressions.
func TestForms(t *testing.T) {
	runFixes(t, newAnalyzer(t, analyzer.Settings{}), "forms")
}

// TestFacade: a package of the service's own wrapping kerror under the
// same names (New, Wrap, Is), and its importers.
func TestFacade(t *testing.T) {
	runFixes(t, newAnalyzer(t, analyzer.Settings{}), "facade")
	runFixes(t, newAnalyzer(t, analyzer.Settings{}), "facadeuser")
}

// TestRegistryFSCoversUnseenInstalls: with Settings.RegistryFS, an install
// whose embedded files the driver does not give is taken to merge that
// registry, so ids stay checked; without it, the install opens the registry.
func TestRegistryFSCoversUnseenInstalls(t *testing.T) {
	s := analyzer.Settings{RegistryFS: os.DirFS(filepath.Join(testdata, "registries", "shop"))}
	analysistest.Run(t, testdata, newAnalyzer(t, s), "installgiven")
}

// TestRelevanceFromFacts: a package importing one that raises but exports
// nothing that concerns kerror is not analysed (no fact); one whose
// exported API reaches a kerror type makes its importers relevant.
func TestRelevanceFromFacts(t *testing.T) {
	a := newAnalyzer(t, analyzer.Settings{})
	analysistest.Run(t, testdata, a, "relplain", "relapiuser")
}
