package loader

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// typeCheck parses and type-checks p from source, once, after its imports:
// the relevant ones were type-checked by their own analysis (the checker
// runs a package's imports first), test variants are type-checked here (go
// list gives no export data for a package recompiled for a test), and the
// others are read from export data, listed if they were not yet.
func (prog *Program) typeCheck(p *packages.Package) {
	prog.checked[p].Do(func() {
		parse(prog.files, p, p.GoFiles)
		if usesCgo(p.Syntax) {
			// cgo rewrites its files: type-check what the compiler
			// compiles, with the imports cgo adds.
			if err := prog.listCompiledFiles(p); err != nil {
				p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.ListError})
			} else {
				p.Syntax, p.Errors = nil, slices.DeleteFunc(p.Errors, func(e packages.Error) bool { return e.Kind == packages.ParseError })
				parse(prog.files, p, p.CompiledGoFiles)
			}
		}
		imports := prog.imports[p]
		var fromData []*packages.Package
		for _, path := range slices.Sorted(maps.Keys(imports)) {
			switch imp := imports[path]; {
			case path == "unsafe", prog.Relevant(imp):
			case isTestVariant(imp):
				prog.typeCheck(imp)
			default:
				fromData = append(fromData, imp)
			}
		}
		prog.exports.ensure(fromData)
		prog.cpu <- struct{}{}
		checkPackage(p, imports, prog.files.fset, prog.sizes)
		<-prog.cpu
	})
}

// listCompiledFiles sets the files that cgo produces for p, and adds to its
// imports the packages that cgo's files import.
func (prog *Program) listCompiledFiles(p *packages.Package) error {
	prog.cgoMu.Lock()
	defer prog.cgoMu.Unlock()
	if prog.byPath == nil {
		prog.byPath = map[string]*packages.Package{}
		for q := range prog.imports {
			if !isTestVariant(q) {
				prog.byPath[q.PkgPath] = q
			}
		}
	}
	flags := []string{"-compiled"}
	if isTestVariant(p) {
		flags = append(flags, "-test")
	}
	imports := prog.imports[p]
	return goList(flags, []string{p.PkgPath}, func(lp listedPackage) {
		if lp.ImportPath != p.ID {
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
			if _, ok := imports[path]; ok || path == "unsafe" || path == "C" {
				continue
			}
			imp := prog.byPath[path]
			if imp == nil {
				imp = &packages.Package{ID: path, PkgPath: path}
				prog.byPath[path] = imp
				prog.checked[imp] = new(sync.Once)
			}
			imports[path] = imp
		}
	})
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
	flags   *goFlags // the overlay files are read through
	fset    *token.FileSet
	sources *sources // what narrowing read, so that no file is read twice
	mu      sync.Mutex
	files   map[string]*parsedFile
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
		src, parsed, ok := c.sources.take(name)
		var err error
		if !ok {
			src, err = c.flags.readSource(name)
		}
		if err != nil {
			pf.err = err
			return
		}
		pf.sum = sha256.Sum256(src)
		if parsed != nil {
			pf.file = parsed
			return
		}
		pf.file, pf.err = parser.ParseFile(c.fset, name, src, parseMode)
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

// checkPackage type-checks p, whose imports are loaded, as go/packages does,
// into p.Types if it has one already (the checker's placeholder).
func checkPackage(p *packages.Package, imports map[string]*packages.Package, fset *token.FileSet, sizes types.Sizes) {
	if p.Types == nil {
		p.Types = types.NewPackage(p.PkgPath, p.Name)
	}
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
	byPath := imports
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
	for _, imp := range imports {
		p.IllTyped = p.IllTyped || imp.IllTyped
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// exportLoader gives the packages of the graph that are not analysed their
// types, one at a time: from source, declarations only, when it can
// (fromSource), else from export data; reading a package's data completes
// the packages it refers to.
type exportLoader struct {
	fset    *token.FileSet
	imports func(*packages.Package) map[string]*packages.Package // as listed
	mu      sync.Mutex
	lister  exportLister
	// importsSet are the packages whose imports a read has set.
	importsSet map[*packages.Package]bool
	source     sourceDecls
}

// sourceDecls type-checks, from source, the declarations of packages that
// only give their importers types: their function bodies are not checked.
// Reading a package's files costs less than having the go command build
// its export data, and its dependencies' (for a chain of the module's
// plain packages below a raising one, most of the run), warm or cold.
type sourceDecls struct {
	eligible func(*packages.Package) bool // of the main module, not analysed, listed cleanly
	flags    *goFlags
	sizes    types.Sizes
	tried    map[*packages.Package]bool // whether it was type-checked from source
	parsed   map[*packages.Package]parsedDecls
	ahead    *aheadFiles // parsed while go list listed
}

// parsedDecls are a package's files, parsed ahead of fromSource.
type parsedDecls struct {
	files []*ast.File
	ok    bool // every file was read and parsed
}

// parseDecls parses the files of p.
func (s *sourceDecls) parseDecls(fset *token.FileSet, p *packages.Package) parsedDecls {
	var files []*ast.File
	for _, name := range p.GoFiles {
		if f, ok := s.ahead.file(name); ok {
			files = append(files, f)
			continue
		}
		src, err := s.flags.readSource(name)
		if err != nil {
			return parsedDecls{}
		}
		f, err := parser.ParseFile(fset, name, src, declsParseMode)
		if err != nil {
			return parsedDecls{}
		}
		files = append(files, f)
	}
	return parsedDecls{files, true}
}

// parseAhead parses, on every core, the files of the packages fromSource
// will type-check to give pkgs their types (those eligible, and their
// eligible imports), and asks at once for the export data of their other
// imports.
func (e *exportLoader) parseAhead(pkgs []*packages.Package) {
	e.mu.Lock()
	var todo, fromData []*packages.Package
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		if _, tried := e.source.tried[p]; tried || e.source.eligible == nil || !e.source.eligible(p) || p.Types != nil {
			return false
		}
		if seen[p] {
			return true
		}
		seen[p] = true
		if _, ok := e.source.parsed[p]; !ok {
			todo = append(todo, p)
		}
		for path, imp := range e.imports(p) {
			if !visit(imp) && path != "unsafe" && !isTestVariant(imp) && !(imp.Types != nil && imp.Types.Complete()) {
				fromData = append(fromData, imp)
			}
		}
		return true
	}
	for _, p := range pkgs {
		visit(p)
	}
	// The export data the declarations need, in one go list, while
	// their files are parsed.
	e.lister.request(fromData)
	e.mu.Unlock()
	parsed := make([]parsedDecls, len(todo))
	parallel(len(todo), func(i int) { parsed[i] = e.source.parseDecls(e.fset, todo[i]) })
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, p := range todo {
		if _, ok := e.source.parsed[p]; !ok {
			e.source.parsed[p] = parsed[i]
		}
	}
}

func newExportLoader(fset *token.FileSet, prefetch *exportPrefetch, imports func(*packages.Package) map[string]*packages.Package, source sourceDecls) *exportLoader {
	source.tried, source.parsed = map[*packages.Package]bool{}, map[*packages.Package]parsedDecls{}
	return &exportLoader{fset: fset, imports: imports, importsSet: map[*packages.Package]bool{}, source: source, lister: exportLister{prefetch: prefetch, listed: map[*packages.Package]*exportBatch{}}}
}

// fromSource type-checks the declarations of p from source, after its
// imports (from source too when they can be), and reports whether it did:
// not when p is not eligible, uses cgo, does not parse or type-check, or
// has types already (made by a read of export data, which the package's
// importers share). e.mu is held.
func (e *exportLoader) fromSource(p *packages.Package) bool {
	if done, ok := e.source.tried[p]; ok {
		return done
	}
	e.source.tried[p] = false
	if e.source.eligible == nil || !e.source.eligible(p) || p.Types != nil {
		return false
	}
	parsed, ok := e.source.parsed[p]
	if !ok {
		parsed = e.source.parseDecls(e.fset, p)
	}
	delete(e.source.parsed, p)
	files := parsed.files
	if !parsed.ok || usesCgo(files) {
		return false
	}
	imports := e.imports(p)
	var fromData []*packages.Package
	for _, path := range slices.Sorted(maps.Keys(imports)) {
		if imp := imports[path]; path != "unsafe" && !e.fromSource(imp) && !(imp.Types != nil && imp.Types.Complete()) {
			fromData = append(fromData, imp)
		}
	}
	for _, b := range e.lister.request(fromData) {
		<-b.done
	}
	for _, imp := range fromData {
		e.loadLocked(imp)
	}
	pkg := types.NewPackage(p.PkgPath, p.Name)
	failed := false
	cfg := &types.Config{
		IgnoreFuncBodies: true,
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			imp := imports[path]
			if imp == nil || imp.Types == nil || !imp.Types.Complete() || imp.IllTyped {
				return nil, fmt.Errorf("no types for %s", path)
			}
			return imp.Types, nil
		}),
		Error: func(err error) {
			if te, ok := err.(types.Error); !ok || !te.Soft {
				failed = true
			}
		},
		Sizes: e.source.sizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		cfg.GoVersion = "go" + p.Module.GoVersion
	}
	if err := types.NewChecker(cfg, e.fset, pkg, nil).Files(files); err != nil || failed {
		return false
	}
	p.Types = pkg
	e.source.tried[p] = true
	return true
}

// load gives p its types, once: from source when it can, else from export
// data; a failure is recorded on p, and its importers report it at their
// import.
func (e *exportLoader) load(p *packages.Package) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.fromSource(p) {
		e.loadLocked(p)
	}
}

// loadLocked reads p's export data, once. e.mu is held.
func (e *exportLoader) loadLocked(p *packages.Package) {
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
	var fromData []*packages.Package // packages whose types only export data gives
	var visit func(q *packages.Package)
	visit = func(q *packages.Package) {
		if _, ok := view[q.PkgPath]; ok {
			return
		}
		if q.Types == nil {
			q.Types = types.NewPackage(q.PkgPath, q.Name)
		}
		view[q.PkgPath] = q.Types
		if q.TypesInfo == nil && !e.importsSet[q] {
			e.importsSet[q] = true
			fromData = append(fromData, q)
		}
		for _, imp := range e.imports(q) {
			visit(imp)
		}
	}
	visit(p)
	tpkg, err := gcexportdata.Read(r, e.fset, view, p.PkgPath)
	if err != nil {
		return fmt.Errorf("reading %s: %v", p.ExportFile, err)
	}
	p.Types = tpkg
	// A package made before its export data is read keeps no imports:
	// give it those go list lists, so that the analyzer sees the import
	// graph (and orders initialization) as from source. This happens once,
	// in the read that first reaches the package, before any type of it
	// is visible to another goroutine.
	for _, q := range fromData {
		imps := e.imports(q)
		list := make([]*types.Package, 0, len(imps))
		for _, path := range slices.Sorted(maps.Keys(imps)) {
			if path != "unsafe" && path != "C" && imps[path].Types != nil {
				list = append(list, imps[path].Types)
			}
		}
		q.Types.SetImports(list)
	}
	return nil
}

// sources holds the contents of files narrowing read, until they are
// parsed, and those it parsed: each file is read and parsed once.
type sources struct {
	mu     sync.Mutex
	files  map[string][]byte
	parsed map[string]*ast.File
}

// parseMode is how the loader parses a file, for type-checking and the
// analyzer (which reads comments, and never ast.Object).
const parseMode = parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution

// declsParseMode is how the loader parses a file for sourceDecls alone.
const declsParseMode = parser.SkipObjectResolution

// take returns, and forgets, the content read for the file name, and the
// file if narrowing parsed it.
func (s *sources) take(name string) ([]byte, *ast.File, bool) {
	if s == nil {
		return nil, nil, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.files[name]
	f := s.parsed[name] // parsed from data
	delete(s.files, name)
	delete(s.parsed, name)
	return data, f, ok
}
