// Package loader loads the packages the standalone driver analyses, so that
// its cost follows the code that can raise registry errors rather than the
// size of the module.
//
// Load works in steps, and returns a Program that says what it did (Plan):
//
//  0. narrowing (narrow.go): the main module's files, read once for imports,
//     directives and what their declarations may export, tell which
//     packages may be relevant (analyzer.Relevance with every import whose
//     syntax may export counted); only those are listed;
//  1. go list, through go/packages, for names, files and imports only: no
//     export data (nothing is compiled), no syntax, no types; meanwhile, the
//     export data that type-checking will certainly need is listed;
//  2. the candidates of the listed graph, from the same test.
//
// Program.Analyze then runs the analyzer on the candidates, dependencies
// first, and decides each package's relevance as the analyzer itself does:
// from its imports' facts (does an import export something that concerns
// kerror?), before the package is parsed. Only a relevant package is parsed
// and type-checked, from source; its other imports get their types from
// their declarations when they are plain packages of the main module
// (sourceDecls), else from export data, listed when first needed (one go
// list for all the packages that wait at that moment). A package that
// cannot matter is neither compiled nor type-checked (at most its
// declarations are): its type errors go unreported, as they would with any
// tool that does not build it (go list errors, such as a missing import,
// are still reported for the packages listed).
package loader

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/kerrlint/kerrlint/analyzer"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// metadataMode is step 1: what go list says without building anything.
// Embedded files are asked for so that go list resolves the //go:embed
// patterns and reports the errors go build would (go list leaves them
// unchecked when its output has no embed field).
const metadataMode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedEmbedFiles

// Config says what to load.
type Config struct {
	Patterns []string
	Tests    bool // the packages' test variants too
	// ListAll lists the patterns as given, without narrowing: the reference
	// that narrowing must agree with.
	ListAll   bool
	Relevance analyzer.Relevance
}

// Plan is what a load decided before analysing: what it listed, and the
// export data it asked for before knowing it is needed.
type Plan struct {
	Narrowed bool     // step 0 applied
	Listed   []string // the patterns given to go list
	// OnlyWildcard are the import paths narrowing kept that only a wildcard
	// matched (a package with no files in this build is then skipped).
	OnlyWildcard []string
	Prefetched   []string // import paths whose export data is listed ahead
	Candidates   int      // packages that may be relevant, once loaded

	cfg       Config
	env       *goEnvironment
	narrowing narrowing
}

// Program is the outcome of Load: every package named, the candidates
// among their dependencies, and what type-checking needs.
type Program struct {
	Roots []*packages.Package // every package named, relevant or not
	// Unmatched are the wildcard patterns that matched no package, of
	// which the go command warns (go/packages does not pass it on).
	Unmatched []string
	Plan      Plan

	rel       analyzer.Relevance
	candidate map[*packages.Package]bool
	directive map[*packages.Package]bool                         // a file has a directive comment
	imports   map[*packages.Package]map[string]*packages.Package // as listed (Analyze prunes the graph it gives the checker)
	byTypes   map[*types.Package]*packages.Package
	files     *fileCache
	exports   *exportLoader
	sizes     types.Sizes
	checked   map[*packages.Package]*sync.Once
	mu        sync.Mutex
	relevant  map[*packages.Package]bool // decided by Analyze
	cpu       chan struct{}              // bounds the type-checks running at once
	goFlags   *goFlags
	cgoMu     sync.Mutex
	byPath    map[string]*packages.Package // for cgo's imports, made on first use
}

// NewPlan decides what Load will list: it applies narrowing (step 0) unless
// cfg.ListAll is set or narrowing does not model the patterns and settings,
// and starts listing the export data certainly needed.
func NewPlan(cfg Config) *Plan {
	pl := &Plan{cfg: cfg, env: startGoEnv(), Listed: cfg.Patterns}
	if cfg.ListAll {
		return pl
	}
	n, ok := narrow(cfg.Patterns, cfg.Relevance, pl.env)
	if !ok {
		return pl
	}
	pl.narrowing, pl.Narrowed, pl.Listed = n, true, n.patterns
	pl.Prefetched = n.exports
	pl.OnlyWildcard = slices.Sorted(maps.Keys(n.wildcard))
	return pl
}

// Load lists the packages that cfg's patterns name and prepares their
// analysis: NewPlan(cfg).Load().
func Load(cfg Config) (*Program, error) { return NewPlan(cfg).Load() }

// Load lists the packages of the plan (steps 1 and 2).
func (pl *Plan) Load() (*Program, error) {
	env := pl.env
	defer env.wait() // no go command outlives the load
	cfg, n, narrowed, patterns := pl.cfg, pl.narrowing, pl.Narrowed, pl.Listed
	prog := &Program{rel: cfg.Relevance, Plan: *pl}
	var prefetch *exportPrefetch
	if narrowed {
		if len(n.patterns) == 0 {
			return prog, nil
		}
		// Export data that type-checking will certainly need is listed
		// while go list lists the packages: two processes, one per core.
		prefetch = prefetchExports(n.exports)
	}
	flags, err := readGoFlags()
	if err != nil {
		prefetch.wait()
		return nil, err
	}
	roots, err := packages.Load(&packages.Config{Mode: metadataMode, Tests: cfg.Tests, Env: flags.env, BuildFlags: flags.build}, patterns...)
	if err != nil {
		prefetch.wait()
		return nil, err
	}
	if narrowed {
		roots = n.dropUnbuildable(roots)
	} else {
		prog.Unmatched = unmatchedWildcards(patterns, roots)
	}
	prog.Roots = roots
	goenv, err := env.wait()
	if err != nil {
		prefetch.wait()
		return nil, err
	}
	prog.sizes = types.SizesFor("gc", goenv.goarch)
	if prog.sizes == nil {
		prog.sizes = types.SizesFor("gc", "amd64")
	}
	prog.goFlags = flags
	fset := n.fset
	if fset == nil {
		fset = token.NewFileSet()
	}
	prog.files = &fileCache{fset: fset, files: map[string]*parsedFile{}, flags: flags, sources: n.sources}
	prog.exports = newExportLoader(prog.files.fset, prefetch, prog.listedImports, sourceDecls{eligible: prog.declsFromSource, flags: flags, sizes: prog.sizes, ahead: n.ahead})
	prog.candidates(n.directives, goenv.goroot)
	prog.prefetchDirect()
	return prog, nil
}

// candidates applies the relevance test to every package of the graph, with
// every candidate import counted: a superset of the packages Analyze finds
// relevant. Directive comments are looked for, in parallel, only in
// packages that do not import kerror (the others are candidates anyway)
// and are not in the standard library (whose files are in goroot).
func (prog *Program) candidates(known map[string]bool, goroot string) {
	all := allPackages(prog.Roots)
	prog.imports = make(map[*packages.Package]map[string]*packages.Package, len(all))
	for _, p := range all {
		prog.imports[p] = maps.Clone(p.Imports)
	}
	prog.directive = directives(all, prog.goFlags, inGoroot(all, goroot), known)
	prog.candidate = mayBeRelevant(all, prog.rel, func(p *packages.Package) bool { return prog.directive[p] })
	for p := range prog.candidate {
		if prog.Plan.narrowing.irrelevant[p.PkgPath] {
			delete(prog.candidate, p)
		}
	}
	prog.byTypes = map[*types.Package]*packages.Package{}
	prog.checked = map[*packages.Package]*sync.Once{}
	prog.relevant = map[*packages.Package]bool{}
	for p := range prog.candidate {
		// The checker wants types before it runs; a candidate's are filled
		// in when its relevance is known (from source, or export data).
		p.Types, p.Fset, p.TypesSizes = types.NewPackage(p.PkgPath, p.Name), prog.files.fset, prog.sizes
		prog.byTypes[p.Types] = p
	}
	for _, p := range all {
		prog.checked[p] = new(sync.Once)
	}
	prog.Plan.Candidates = len(prog.candidate)
}

// prefetchDirect starts listing the export data that the candidates
// relevant on their own (they import kerror, or have a directive) will
// need for the imports that may not be relevant.
func (prog *Program) prefetchDirect() {
	var want []*packages.Package
	seen := map[*packages.Package]bool{}
	for p := range prog.candidate {
		if !prog.rel.Relevant(p.PkgPath, importPaths(p), func(string) bool { return false }, func() bool { return prog.directive[p] }) {
			continue
		}
		for _, imp := range p.Imports {
			if !seen[imp] && imp.PkgPath != "unsafe" && !isTestVariant(imp) && !prog.relevantOnItsOwn(imp) {
				seen[imp] = true
				if prog.declsFromSource(imp) {
					want = append(want, prog.belowDecls(imp, seen)...)
				} else {
					want = append(want, imp)
				}
			}
		}
	}
	prog.exports.lister.request(want) // not waited for: listed while the analysis starts
}

// belowDecls returns the imports, not yet seen, whose export data the
// declarations of p, type-checked from source, need: those of p and of the
// imports type-checked from source with it, that are not.
func (prog *Program) belowDecls(p *packages.Package, seen map[*packages.Package]bool) []*packages.Package {
	var want []*packages.Package
	for _, imp := range prog.imports[p] {
		switch {
		case seen[imp] || imp.PkgPath == "unsafe" || prog.candidate[imp] || isTestVariant(imp):
		case prog.declsFromSource(imp):
			seen[imp] = true
			want = append(want, prog.belowDecls(imp, seen)...)
		default:
			seen[imp] = true
			want = append(want, imp)
		}
	}
	return want
}

// declsFromSource reports whether p's types are to come from its source,
// declarations only (sourceDecls), rather than from export data: a package
// of the main module that is not a candidate, listed without error. The
// standard library and other modules' packages come from export data:
// their import closures can be large, and are built once for all modules.
func (prog *Program) declsFromSource(p *packages.Package) bool {
	return p.Module != nil && p.Module.Main && !prog.candidate[p] && !isTestVariant(p) && len(p.Errors) == 0 && len(p.GoFiles) > 0
}

// relevantOnItsOwn reports whether p is relevant whatever its imports
// export.
func (prog *Program) relevantOnItsOwn(p *packages.Package) bool {
	return prog.candidate[p] && prog.rel.Relevant(p.PkgPath, importPaths(p), func(string) bool { return false }, func() bool { return prog.directive[p] })
}

func importPaths(p *packages.Package) []string {
	return slices.Sorted(maps.Keys(p.Imports))
}

// listedImports returns p's imports as go list listed them.
func (prog *Program) listedImports(p *packages.Package) map[string]*packages.Package {
	if imps, ok := prog.imports[p]; ok {
		return imps
	}
	return p.Imports
}

// Analyze runs a on the candidates named, dependencies first, loading each
// package once its relevance is decided (see the package comment).
func (prog *Program) Analyze(a *analysis.Analyzer) (*checker.Graph, error) {
	var roots []*packages.Package
	for _, p := range prog.Roots {
		if prog.candidate[p] {
			roots = append(roots, p)
		}
	}
	if len(roots) == 0 {
		return &checker.Graph{}, nil
	}
	// The checker analyses a package's imports for their facts: only
	// candidates can have any. A package that is not a candidate may
	// import one (narrowing leaves out the importers of packages that
	// export nothing): its importers import the candidates it reaches
	// instead, so that they are analysed, and type-checked, first.
	through := map[*packages.Package]map[string]*packages.Package{}
	var reached func(q *packages.Package) map[string]*packages.Package
	reached = func(q *packages.Package) map[string]*packages.Package {
		if r, ok := through[q]; ok {
			return r
		}
		r := map[string]*packages.Package{}
		through[q] = r
		for _, imp := range prog.imports[q] {
			if prog.candidate[imp] {
				r[imp.ID] = imp
			} else {
				maps.Copy(r, reached(imp))
			}
		}
		return r
	}
	for p, imps := range prog.imports {
		if !prog.candidate[p] {
			continue
		}
		kept := map[string]*packages.Package{}
		in := map[*packages.Package]bool{}
		for path, imp := range imps {
			if prog.candidate[imp] {
				kept[path], in[imp] = imp, true
			}
		}
		for _, imp := range imps {
			if prog.candidate[imp] {
				continue
			}
			for id, c := range reached(imp) {
				if !in[c] {
					kept[id], in[c] = c, true // by ID: not an import path of p
				}
			}
		}
		p.Imports = kept
	}
	for p := range prog.imports {
		if !prog.candidate[p] {
			p.Imports = map[string]*packages.Package{}
		}
	}
	defer func() {
		for p, imps := range prog.imports {
			p.Imports = imps
		}
	}()
	prog.cpu = make(chan struct{}, runtime.GOMAXPROCS(0))
	return checker.Analyze([]*analysis.Analyzer{prog.lazy(a)}, roots, nil)
}

// errSkipped is the checker's own error for a package with errors.
var errSkipped = fmt.Errorf("analysis skipped due to errors in package")

// lazy wraps a so that it decides its package's relevance from the facts
// of its imports before the package is loaded, and loads it only if it is
// relevant.
func (prog *Program) lazy(a *analysis.Analyzer) *analysis.Analyzer {
	w := *a
	w.RunDespiteErrors = true // decided below, once the package is loaded
	w.Run = func(pass *analysis.Pass) (any, error) {
		p := prog.byTypes[pass.Pkg]
		imports := prog.imports[p]
		relevant := prog.rel.Relevant(p.PkgPath, slices.Sorted(maps.Keys(imports)),
			func(path string) bool {
				imp := imports[path]
				return prog.candidate[imp] && analyzer.ImportExports(pass, imp.Types)
			},
			func() bool { return prog.directive[p] })
		if !relevant {
			return nil, nil
		}
		prog.mu.Lock()
		prog.relevant[p] = true
		prog.mu.Unlock()
		prog.typeCheck(p)
		if p.IllTyped && !a.RunDespiteErrors {
			return nil, errSkipped
		}
		inner := *pass
		inner.Files, inner.TypesInfo, inner.TypeErrors = p.Syntax, p.TypesInfo, p.TypeErrors
		inner.ReadFile = prog.readFileOf(p)
		return a.Run(&inner)
	}
	return &w
}

// Relevant reports whether Analyze found p relevant.
func (prog *Program) Relevant(p *packages.Package) bool {
	prog.mu.Lock()
	defer prog.mu.Unlock()
	return prog.relevant[p]
}

// Digest returns the SHA-256 of the content parsed as the file name, for
// -fix to refuse a file changed since.
func (prog *Program) Digest(name string) ([32]byte, bool) {
	if prog.files == nil {
		return [32]byte{}, false
	}
	return prog.files.digest(name)
}

// readFileOf is Pass.ReadFile for p: the files of the package, as the go
// command sees them (through an overlay), and nothing else.
func (prog *Program) readFileOf(p *packages.Package) func(string) ([]byte, error) {
	own := map[string]bool{}
	for _, list := range [][]string{p.GoFiles, p.CompiledGoFiles, p.OtherFiles, p.IgnoredFiles, p.EmbedFiles} {
		for _, name := range list {
			own[name] = true
		}
	}
	return func(name string) ([]byte, error) {
		if !own[name] {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among the files of package %s", name, p.PkgPath)
		}
		return prog.goFlags.readSource(name)
	}
}

// allPackages returns every package of the import graph of roots, each once,
// dependencies before their importers.
func allPackages(roots []*packages.Package) []*packages.Package {
	var all []*packages.Package
	packages.Visit(roots, nil, func(p *packages.Package) { all = append(all, p) })
	return all
}

// directives reports, for each package of all that does not import kerror
// (the others are relevant anyway) and, when std is set, is not in the
// standard library, whether one of its files has a directive comment:
// known holds the answer for files already read.
func directives(all []*packages.Package, flags *goFlags, std func(path string) bool, known map[string]bool) map[*packages.Package]bool {
	var work []*packages.Package
	for _, p := range all {
		if _, ok := p.Imports[analyzer.KerrorPath]; !ok && (std == nil || !std(p.PkgPath)) {
			work = append(work, p)
		}
	}
	found := make([]bool, len(work))
	parallel(len(work), func(k int) {
		for _, name := range work[k].GoFiles {
			has, ok := known[name]
			if !ok {
				data, err := flags.readSource(name)
				has = err == nil && analyzer.SourceHasDirective(data)
			}
			if has {
				found[k] = true
				return
			}
		}
	})
	out := make(map[*packages.Package]bool, len(work))
	for k, p := range work {
		if found[k] {
			out[p] = true
		}
	}
	return out
}

// mayBeRelevant applies the relevance test to every package of all
// (dependencies first), with an import counted when it may be relevant
// itself: the packages whose relevance depends on what their imports
// export, which only their analysis can tell, are all kept.
func mayBeRelevant(all []*packages.Package, rel analyzer.Relevance, directive func(*packages.Package) bool) map[*packages.Package]bool {
	maybe := make(map[*packages.Package]bool, len(all))
	for _, p := range all {
		if rel.Relevant(p.PkgPath, importPaths(p),
			func(path string) bool { return maybe[p.Imports[path]] },
			func() bool { return directive(p) }) {
			maybe[p] = true
		}
	}
	return maybe
}

// isTestVariant reports whether p is a package recompiled for a test
// ("p [q.test]") or a test's main package.
func isTestVariant(p *packages.Package) bool {
	return strings.Contains(p.ID, " [") || strings.HasSuffix(p.ID, ".test")
}

// inGoroot returns the test telling whether a package of all is in the
// standard library: its files are in goroot's src directory.
func inGoroot(all []*packages.Package, goroot string) func(path string) bool {
	std := map[string]bool{}
	if goroot != "" {
		src := filepath.Join(goroot, "src") + string(filepath.Separator)
		for _, p := range all {
			if len(p.GoFiles) > 0 && !slices.ContainsFunc(p.GoFiles, func(name string) bool { return !strings.HasPrefix(name, src) }) {
				std[p.PkgPath] = true
			}
		}
	}
	return func(path string) bool { return std[path] }
}
