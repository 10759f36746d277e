package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/kerrlint/kerrlint/analyzer"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// The standalone driver loads in three steps, so that its cost follows the
// code that can raise registry errors rather than the size of the module:
//
//  0. narrowing (narrow.go): the main module's files, read for imports and
//     directives, tell which packages may be relevant; only those are listed;
//  1. go list, through go/packages, for names, files and imports only: no
//     export data (nothing is compiled), no syntax, no types; meanwhile, the
//     export data that step 2 will certainly need is listed;
//  2. the relevance test (analyzer.Relevance) over that import graph, file
//     contents read only for directives; then the relevant packages alone are
//     parsed and type-checked, their other imports read from export data
//     (one more go list, for those not listed yet).
//
// A package that cannot matter is neither compiled, parsed nor type-checked:
// its type errors go unreported, as they would with any tool that does not
// build it (go list errors, such as a missing import, are still reported for
// the packages listed).

// metadataMode is step 1: what go list says without building anything.
// Embedded files are asked for so that go list resolves the //go:embed
// patterns and reports the errors go build would (go list leaves them
// unchecked when its output has no embed field).
const metadataMode = packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule | packages.NeedEmbedFiles

// loaded is the result of a load: every package named (relevant or not), the
// relevance of each package of the import graph, the relevant ones
// type-checked from source.
type loaded struct {
	roots    []*packages.Package
	relevant map[*packages.Package]bool
	// unmatched are the wildcard patterns that matched no package, of
	// which the go command warns (go/packages does not pass it on).
	unmatched []string
	files     *fileCache // the files parsed, and a digest of what was parsed (for -fix)
}

// relevantRoots returns the named packages that are relevant.
func (l *loaded) relevantRoots() []*packages.Package {
	var out []*packages.Package
	for _, p := range l.roots {
		if l.relevant[p] {
			out = append(out, p)
		}
	}
	return out
}

// load lists the packages matching patterns (with their test variants when
// tests is set), decides relevance, and type-checks the relevant ones.
func load(patterns []string, tests, listAll bool, rel analyzer.Relevance) (*loaded, error) {
	n, narrowed := narrowing{}, false
	if !listAll {
		n, narrowed = narrow(patterns, rel)
	}
	var exports *exportPrefetch
	if narrowed {
		if len(n.patterns) == 0 {
			return &loaded{relevant: map[*packages.Package]bool{}}, nil
		}
		patterns = n.patterns
		// Export data that type-checking will certainly need is listed
		// while go list lists the packages: two processes, one per core.
		exports = prefetchExports(n.exports)
		defer exports.wait() // no go command outlives the driver
	}
	flags, err := readGoFlags()
	if err != nil {
		return nil, err
	}
	roots, err := packages.Load(&packages.Config{Mode: metadataMode, Tests: tests, Env: flags.env, BuildFlags: flags.build}, patterns...)
	if err != nil {
		return nil, err
	}
	if narrowed {
		roots = n.dropUnbuildable(roots)
	}
	l := &loaded{roots: roots, relevant: decideRelevance(roots, rel, nil, flags)}
	if !narrowed {
		l.unmatched = unmatchedWildcards(patterns, roots)
	}
	src := l.sourcePackages()
	if len(src) == 0 {
		return l, nil
	}
	l.files = &fileCache{fset: token.NewFileSet(), files: map[string]*parsedFile{}, flags: flags}
	if err := typeCheck(src, exports, l.files); err != nil {
		return nil, err
	}
	return l, nil
}

// exportPrefetch is a go list -export started before it is known to be
// needed.
type exportPrefetch struct {
	done   chan struct{}
	listed map[string]listedPackage // by import path
	err    error
}

// prefetchExports starts listing the export data of paths, or returns nil
// when there are none.
func prefetchExports(paths []string) *exportPrefetch {
	if len(paths) == 0 {
		return nil
	}
	e := &exportPrefetch{done: make(chan struct{}), listed: map[string]listedPackage{}}
	go func() {
		defer close(e.done)
		e.err = goList([]string{"-export"}, paths, func(lp listedPackage) { e.listed[lp.ImportPath] = lp })
	}()
	return e
}

// wait returns what was listed, once it is; nothing if the listing failed
// (the paths are then listed again, by those that need them).
func (e *exportPrefetch) wait() map[string]listedPackage {
	if e == nil {
		return nil
	}
	<-e.done
	if e.err != nil {
		return nil
	}
	return e.listed
}

// allPackages returns every package of the import graph of roots, each once,
// dependencies before their importers.
func allPackages(roots []*packages.Package) []*packages.Package {
	var all []*packages.Package
	packages.Visit(roots, nil, func(p *packages.Package) { all = append(all, p) })
	return all
}

// decideRelevance applies the relevance test to every package of the graph.
// Directive comments are looked for, in parallel, only in packages that do
// not import kerror (the others are relevant anyway) and, when std is set,
// are not in the standard library.
func decideRelevance(roots []*packages.Package, rel analyzer.Relevance, std func(path string) bool, flags *goFlags) map[*packages.Package]bool {
	all := allPackages(roots)
	directive := make([]bool, len(all))
	index := make(map[*packages.Package]int, len(all))
	var work []int
	for i, p := range all {
		index[p] = i
		if _, ok := p.Imports[analyzer.KerrorPath]; !ok && (std == nil || !std(p.PkgPath)) {
			work = append(work, i)
		}
	}
	parallel(len(work), func(k int) {
		p := all[work[k]]
		for _, name := range p.GoFiles {
			if data, err := flags.readSource(name); err == nil && analyzer.SourceHasDirective(data) {
				directive[work[k]] = true
				return
			}
		}
	})
	relevant := make(map[*packages.Package]bool, len(all))
	for i, p := range all { // dependencies first: their answer is known
		byPath := make(map[string]*packages.Package, len(p.Imports))
		paths := make([]string, 0, len(p.Imports))
		for _, imp := range p.Imports {
			byPath[imp.PkgPath] = imp
			paths = append(paths, imp.PkgPath)
		}
		relevant[p] = rel.Relevant(p.PkgPath, paths,
			func(path string) bool { return relevant[byPath[path]] },
			func() bool { return directive[i] })
	}
	return relevant
}

// sourcePackages returns the packages to type-check from source: the
// relevant ones reachable from the roots, and the test variants they import
// (go list cannot give export data for a package recompiled for a test).
func (l *loaded) sourcePackages() []*packages.Package {
	var src []*packages.Package
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		for _, imp := range p.Imports {
			if l.relevant[imp] || isTestVariant(imp) {
				visit(imp)
			}
		}
		src = append(src, p) // after its source dependencies
	}
	for _, p := range l.roots {
		if l.relevant[p] {
			visit(p)
		}
	}
	return src
}

// isTestVariant reports whether p is a package recompiled for a test
// ("p [q.test]") or a test's main package.
func isTestVariant(p *packages.Package) bool {
	return strings.Contains(p.ID, " [") || strings.HasSuffix(p.ID, ".test")
}

// typeCheck parses and type-checks src (dependencies first) in one universe
// of types; their other imports come from export data.
func typeCheck(src []*packages.Package, prefetched *exportPrefetch, files *fileCache) error {
	fromSource := make(map[*packages.Package]bool, len(src))
	for _, p := range src {
		fromSource[p] = true
	}
	// The export data of the imports not loaded from source, and the
	// target's architecture, are asked of the go command while parsing.
	var frontier []*packages.Package
	inFrontier := map[*packages.Package]bool{}
	for _, p := range src {
		for _, imp := range p.Imports {
			if !fromSource[imp] && !inFrontier[imp] && imp.PkgPath != "unsafe" {
				inFrontier[imp] = true
				frontier = append(frontier, imp)
			}
		}
	}
	var (
		wg               sync.WaitGroup
		exportErr, goErr error
		goarch           string
	)
	wg.Go(func() { exportErr = listExports(frontier, prefetched) })
	wg.Go(func() {
		var env []string
		if env, goErr = goEnv("GOARCH"); goErr == nil {
			goarch = env[0]
		}
	})

	fset := files.fset
	parallel(len(src), func(i int) { parse(files, src[i], src[i].GoFiles) })
	var cgo []*packages.Package
	for _, p := range src {
		if usesCgo(p.Syntax) {
			cgo = append(cgo, p)
		}
	}
	var cgoImports []*packages.Package
	if len(cgo) > 0 {
		// cgo rewrites its files: type-check what the compiler compiles,
		// with the imports cgo adds.
		var err error
		if cgoImports, err = listCompiledFiles(cgo, src); err != nil {
			return err
		}
		parallel(len(cgo), func(i int) {
			cgo[i].Syntax, cgo[i].Errors = nil, slices.DeleteFunc(cgo[i].Errors, func(e packages.Error) bool { return e.Kind == packages.ParseError })
			parse(files, cgo[i], cgo[i].CompiledGoFiles)
		})
	}
	wg.Wait()
	if exportErr != nil {
		return exportErr
	}
	if goErr != nil {
		return goErr
	}
	cgoImports = slices.DeleteFunc(cgoImports, func(p *packages.Package) bool { return inFrontier[p] || fromSource[p] })
	if err := listExports(cgoImports, nil); err != nil {
		return err
	}
	sizes := types.SizesFor("gc", goarch)
	if sizes == nil {
		sizes = types.SizesFor("gc", "amd64")
	}
	exports := &exportLoader{fset: fset}
	done := make(map[*packages.Package]chan struct{}, len(src))
	for _, p := range src {
		done[p] = make(chan struct{})
	}
	cpu := make(chan struct{}, runtime.GOMAXPROCS(0))
	var checks sync.WaitGroup
	for _, p := range src {
		checks.Go(func() {
			defer close(done[p])
			for _, imp := range p.Imports {
				if fromSource[imp] {
					<-done[imp]
				} else if imp.PkgPath != "unsafe" {
					exports.load(imp)
				}
			}
			cpu <- struct{}{}
			checkPackage(p, fset, sizes)
			<-cpu
		})
	}
	checks.Wait()
	return nil
}

// parallel calls f(0), ..., f(n-1) on GOMAXPROCS goroutines.
func parallel(n int, f func(i int)) {
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= n {
					return
				}
				f(k)
			}
		})
	}
	wg.Wait()
}

// fileCache parses each file once, even when it belongs to a package and
// to its test variant, as go/packages does.
type fileCache struct {
	flags *goFlags // the overlay files are read through
	fset  *token.FileSet
	mu    sync.Mutex
	files map[string]*parsedFile
}

type parsedFile struct {
	once sync.Once
	file *ast.File
	err  error
	sum  [sha256.Size]byte // of the content parsed
}

// digest returns the SHA-256 of the content parsed as file name.
func (c *fileCache) digest(name string) ([sha256.Size]byte, bool) {
	c.mu.Lock()
	pf, ok := c.files[name]
	c.mu.Unlock()
	if !ok || pf.file == nil {
		return [sha256.Size]byte{}, false
	}
	return pf.sum, true
}

func (c *fileCache) parse(name string) (*ast.File, error) {
	c.mu.Lock()
	pf, ok := c.files[name]
	if !ok {
		pf = new(parsedFile)
		c.files[name] = pf
	}
	c.mu.Unlock()
	pf.once.Do(func() {
		src, err := c.flags.readSource(name)
		if err != nil {
			pf.err = err
			return
		}
		pf.sum = sha256.Sum256(src)
		pf.file, pf.err = parser.ParseFile(c.fset, name, src, parser.AllErrors|parser.ParseComments)
	})
	return pf.file, pf.err
}

// parse sets p's syntax from the files named, and records parse errors.
func parse(c *fileCache, p *packages.Package, names []string) {
	p.Fset = c.fset
	p.CompiledGoFiles = names
	for _, name := range names {
		f, err := c.parse(name)
		if f != nil {
			p.Syntax = append(p.Syntax, f)
		}
		var list scanner.ErrorList
		var pathErr *os.PathError
		switch {
		case err == nil:
		case errors.As(err, &list):
			for _, e := range list {
				p.Errors = append(p.Errors, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
			}
		case errors.As(err, &pathErr):
			p.Errors = append(p.Errors, packages.Error{Pos: pathErr.Path + ":1", Msg: pathErr.Err.Error(), Kind: packages.ParseError})
		default:
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.ParseError})
		}
	}
}

func usesCgo(files []*ast.File) bool {
	for _, f := range files {
		for _, imp := range f.Imports {
			if imp.Path.Value == `"C"` {
				return true
			}
		}
	}
	return false
}

// checkPackage type-checks p, whose imports are loaded, as go/packages does.
func checkPackage(p *packages.Package, fset *token.FileSet, sizes types.Sizes) {
	p.Types = types.NewPackage(p.PkgPath, p.Name)
	p.TypesSizes = sizes
	p.TypesInfo = &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
	byPath := map[string]*packages.Package{}
	for path, imp := range p.Imports {
		byPath[path] = imp
	}
	cfg := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			imp := byPath[path]
			switch {
			case imp == nil:
				return nil, fmt.Errorf("no metadata for %s", path)
			case imp.Types == nil || !imp.Types.Complete():
				return nil, fmt.Errorf("no export data for %s", path)
			}
			return imp.Types, nil
		}),
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				p.TypeErrors = append(p.TypeErrors, te)
				p.Errors = append(p.Errors, packages.Error{Pos: te.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
			}
		},
		Sizes: sizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		cfg.GoVersion = "go" + p.Module.GoVersion
	}
	err := types.NewChecker(cfg, fset, p.Types, p.TypesInfo).Files(p.Syntax)
	if err != nil && len(p.Errors) == 0 {
		p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.TypeError})
	}
	p.IllTyped = len(p.Errors) > 0
	for _, imp := range p.Imports {
		p.IllTyped = p.IllTyped || imp.IllTyped
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// exportLoader reads export data into the packages of the graph, one at a
// time: reading a package's data completes the packages it refers to.
type exportLoader struct {
	fset *token.FileSet
	mu   sync.Mutex
}

// load reads p's export data, once; a failure is recorded on p, and its
// importers report it at their import.
func (e *exportLoader) load(p *packages.Package) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if p.Types != nil && p.Types.Complete() || p.IllTyped {
		return
	}
	if err := e.read(p); err != nil {
		p.IllTyped = true
		p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
	}
}

func (e *exportLoader) read(p *packages.Package) error {
	if p.ExportFile == "" {
		return fmt.Errorf("no export data for %s", p.PkgPath)
	}
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return err
	}
	defer f.Close()
	// Until Go 1.28, go list -export names the compiler's archive, which
	// NewReader opens; go/packages reads it the same way.
	//lint:ignore SA1019 the Go toolchain this module requires still writes archives
	r, err := gcexportdata.NewReader(f)
	if err != nil {
		return fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	// The packages p refers to, by path, as the export data names them:
	// one types.Package per package of the graph.
	view := map[string]*types.Package{}
	var visit func(q *packages.Package)
	visit = func(q *packages.Package) {
		if _, ok := view[q.PkgPath]; ok {
			return
		}
		if q.Types == nil {
			q.Types = types.NewPackage(q.PkgPath, q.Name)
		}
		view[q.PkgPath] = q.Types
		for _, imp := range q.Imports {
			visit(imp)
		}
	}
	visit(p)
	tpkg, err := gcexportdata.Read(r, e.fset, view, p.PkgPath)
	if err != nil {
		return fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	p.Types = tpkg
	return nil
}

// listExports asks the go command for the export data of pkgs (none of them
// a test variant), building what it must; those prefetched are not asked
// again.
func listExports(pkgs []*packages.Package, prefetched *exportPrefetch) error {
	listed := prefetched.wait()
	set := func(p *packages.Package, lp listedPackage) {
		p.ExportFile = lp.Export
		if p.Name == "" {
			p.Name = lp.Name
		}
	}
	byPath := map[string]*packages.Package{}
	for _, p := range pkgs {
		if lp, ok := listed[p.ID]; ok {
			set(p, lp)
		} else {
			byPath[p.ID] = p
		}
	}
	if len(byPath) == 0 {
		return nil
	}
	return goList([]string{"-export"}, slices.Sorted(maps.Keys(byPath)), func(lp listedPackage) {
		if p := byPath[lp.ImportPath]; p != nil {
			set(p, lp)
		}
	})
}

// listCompiledFiles sets the files that cgo produces for pkgs, and adds to
// their imports the packages that cgo's files import; it returns those not
// imported before. graph holds the packages loaded, to reuse.
func listCompiledFiles(pkgs, graph []*packages.Package) ([]*packages.Package, error) {
	known := map[string]*packages.Package{}
	for _, p := range allPackages(graph) {
		if !isTestVariant(p) {
			known[p.PkgPath] = p
		}
	}
	byID := map[string]*packages.Package{}
	var paths []string
	flags := []string{"-compiled"}
	for _, p := range pkgs {
		byID[p.ID] = p
		if !slices.Contains(paths, p.PkgPath) {
			paths = append(paths, p.PkgPath)
		}
		if isTestVariant(p) && !slices.Contains(flags, "-test") {
			flags = append(flags, "-test")
		}
	}
	var added []*packages.Package
	err := goList(flags, paths, func(lp listedPackage) {
		p := byID[lp.ImportPath]
		if p == nil {
			return
		}
		p.CompiledGoFiles = nil
		for _, name := range lp.CompiledGoFiles {
			if !filepath.IsAbs(name) {
				name = filepath.Join(lp.Dir, name)
			}
			p.CompiledGoFiles = append(p.CompiledGoFiles, name)
		}
		for _, path := range lp.Imports {
			if _, ok := p.Imports[path]; ok || path == "unsafe" || path == "C" {
				continue
			}
			imp := known[path]
			if imp == nil {
				imp = &packages.Package{ID: path, PkgPath: path}
				known[path] = imp
			}
			p.Imports[path] = imp
			added = append(added, imp)
		}
	})
	return added, err
}

// listedPackage is the part of go list -json's output that the loader reads.
type listedPackage struct {
	ImportPath, Name, Dir, Export string
	CompiledGoFiles, Imports      []string
}

// goList runs go list -e -json with flags on paths and calls f on each package.
func goList(flags, paths []string, f func(listedPackage)) error {
	args := append([]string{"list", "-e", "-json=ImportPath,Name,Dir,Export,CompiledGoFiles,Imports"}, flags...)
	args = append(append(args, "--"), paths...)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go list: %v: %s", err, stderr.Bytes())
	}
	for dec := json.NewDecoder(&stdout); ; {
		var lp listedPackage
		if err := dec.Decode(&lp); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("go list: %v", err)
		}
		f(lp)
	}
}

// goEnv returns the go command's values of environment variables, one per
// name.
func goEnv(names ...string) ([]string, error) {
	out, err := exec.Command("go", append([]string{"env"}, names...)...).Output()
	if err != nil {
		return nil, fmt.Errorf("go env %s: %v", strings.Join(names, " "), err)
	}
	values := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(values) != len(names) {
		return nil, fmt.Errorf("go env %s: %d values", strings.Join(names, " "), len(values))
	}
	return values, nil
}

// unmatchedWildcards returns the patterns with "..." that match none of the
// packages listed, as the go command's search.MatchPattern matches them:
// import path patterns against package paths, local ones against
// directories relative to the working directory. Narrowing, which reads the
// directories itself, stands aside when a wildcard matches no directory
// with Go files, so that this sees every such pattern.
func unmatchedWildcards(patterns []string, roots []*packages.Package) []string {
	cwd, err := os.Getwd()
	if err != nil {
		return nil
	}
	var out []string
	for _, pattern := range patterns {
		if !strings.Contains(pattern, "...") || strings.HasSuffix(pattern, ".go") {
			continue
		}
		local := isLocalPattern(pattern)
		match := matchPattern(strings.TrimPrefix(pattern, "./"))
		if !slices.ContainsFunc(roots, func(p *packages.Package) bool {
			if !local {
				return match(p.PkgPath)
			}
			dir := p.Dir
			if dir == "" && len(p.GoFiles) > 0 {
				dir = filepath.Dir(p.GoFiles[0])
			}
			rel, err := filepath.Rel(cwd, dir)
			return err == nil && dir != "" && match(filepath.ToSlash(rel))
		}) {
			out = append(out, pattern)
		}
	}
	return out
}

// matchPattern is the go command's search.MatchPattern without its vendor
// rule: "..." matches any string, and a trailing "/..." also matches the
// empty string ("x/..." matches "x").
func matchPattern(pattern string) func(string) bool {
	re := regexp.QuoteMeta(pattern)
	if strings.HasSuffix(re, `/\.\.\.`) {
		re = strings.TrimSuffix(re, `/\.\.\.`) + `(/\.\.\.)?`
	}
	re = strings.ReplaceAll(re, `\.\.\.`, `.*`)
	reg := regexp.MustCompile(`^` + re + `$`)
	return func(name string) bool {
		if pattern == "..." {
			return true // "./..." from the working directory: "." too
		}
		return reg.MatchString(name)
	}
}
