package loader

import (
	"bytes"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/kerrlint/kerrlint/analyzer"
	"github.com/kerrlint/kerrlint/internal/safefile"
	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"
)

// Narrowing is the standalone driver's step 0, before the go command lists
// anything: listing a package costs the go command about a millisecond, as
// much as kerrlint's own work on a typical module, so the driver first reads
// the main module's files itself and asks go list only for the packages that
// may be relevant.
//
// The reading is a superset of what any build sees: every .go file the go
// command may read in a directory (test files and files excluded by build
// constraints included) counts, with its imports and directive comments.
// A directory is kept when, so read, it passes the relevance test, with an
// import deemed relevant when it is
//   - a kept directory of the main module whose files may export something
//     that concerns kerror (analyzer.MayExport and MayDefine, over every
//     file: exportsReading);
//   - a package of another module that go list (one call, for those imports
//     alone) says is relevant, or could not load (unless all its files
//     belong to other builds: only files of other builds import it then);
//   - a path of the main module with no directory.
//
// The standard library is never relevant: it imports only itself and has no
// kerrlint directive. A file that cannot be read or parsed keeps its
// directory, so that go list reports it. Wildcards skip what the go command
// skips: .*, _* and testdata trees, other modules, go.mod ignore directives. The kept packages are then listed by
// name, with their dependencies, and everything goes on as before: what
// kerrlint reports is unchanged, and a package no reading can make relevant
// is never listed (its go list errors, like its type errors, go unreported).
//
// Narrowing applies to the go command's local patterns ("./...", "./dir",
// ".", "../dir/...") in a single module. Anything it does not model exactly
// (a workspace, GOFLAGS=-modfile or -overlay, a go.mod ignore directive it
// cannot read or a go.mod naming paths below the module's own, a vendor
// directory under a wildcard, -funcs naming a standard package, other kinds
// of pattern) makes the driver list the patterns as given.

// narrowing is the outcome of step 0.
type narrowing struct {
	patterns []string        // the directories to list, sorted by import path
	wildcard map[string]bool // import paths that only a wildcard matched
	// exports are the packages whose export data type-checking will
	// certainly need: imports, in every build, of files that import kerror
	// in every build, of packages that are not relevant on their own, nor
	// type-checked from source.
	exports []string
	// directives tell, by file name, whether each file read has a
	// directive comment; sources hold the contents of the files of the
	// directories kept, for parsing.
	directives map[string]bool
	sources    *sources
	// irrelevant are the import paths of the directories read that no
	// reading makes relevant, and of their external tests: listed as
	// dependencies, they are not candidates.
	irrelevant map[string]bool
	// ahead parses, while go list lists, the files of the packages whose
	// declarations will be type-checked from source, into fset, which
	// the loader then parses every file into.
	fset  *token.FileSet
	ahead *aheadFiles
}

// aheadFiles are files parsed in the background.
type aheadFiles struct {
	done  chan struct{}
	files map[string]*ast.File // by name; a file that does not parse is absent
}

// parseAhead parses the files read of dirs into fset, in the background.
func parseAhead(fset *token.FileSet, dirs map[*dirScan]bool) *aheadFiles {
	var files []fileRead
	for d := range dirs {
		files = append(files, d.files...)
	}
	a := &aheadFiles{done: make(chan struct{}), files: make(map[string]*ast.File, len(files))}
	go func() {
		defer close(a.done)
		parsed := make([]*ast.File, len(files))
		parallel(len(files), func(i int) {
			parsed[i], _ = parser.ParseFile(fset, files[i].name, files[i].data, declsParseMode)
		})
		for i, f := range parsed {
			if f != nil {
				a.files[files[i].name] = f
			}
		}
	}()
	return a
}

// file returns the file name parsed ahead, once the parsing is done.
func (a *aheadFiles) file(name string) (*ast.File, bool) {
	if a == nil {
		return nil, false
	}
	<-a.done
	f, ok := a.files[name]
	return f, ok
}

// narrow reads the main module's files and returns the narrowing of patterns,
// or false when it does not apply.
func narrow(patterns []string, rel analyzer.Relevance, env *goEnvironment) (narrowing, bool) {
	m, ok := openModule(env)
	if !ok {
		return narrowing{}, false
	}
	matched := map[string]bool{} // directory → only a wildcard matched it
	for _, pattern := range patterns {
		dirs, wildcard, ok := m.match(pattern)
		if !ok {
			return narrowing{}, false
		}
		if wildcard && !slices.ContainsFunc(dirs, func(dir string) bool { return m.dirs[dir].hasGo }) {
			return narrowing{}, false // go list says it matched nothing
		}
		for _, dir := range dirs {
			onlyWildcard, seen := matched[dir]
			matched[dir] = wildcard && (!seen || onlyWildcard)
		}
	}
	if !m.readImported() || !m.checkEnv() {
		return narrowing{}, false
	}
	for _, path := range rel.FuncsPackages() {
		if m.isStd(path) {
			return narrowing{}, false // standard packages would be relevant
		}
	}
	maybe, ok := m.relevance(rel)
	if !ok {
		return narrowing{}, false
	}
	n := narrowing{wildcard: map[string]bool{}, directives: map[string]bool{}, sources: &sources{files: map[string][]byte{}, parsed: map[string]*ast.File{}}, irrelevant: map[string]bool{}}
	var kept []*dirScan
	exports := map[string]bool{}
	byPath := make(map[string]*dirScan, len(m.dirs))
	for _, d := range m.dirs {
		byPath[d.path] = d
	}
	for _, d := range m.dirs {
		if !maybe[d.path] {
			n.irrelevant[d.path] = true
			if byPath[d.path+"_test"] == nil {
				n.irrelevant[d.path+"_test"] = true // its external tests
			}
		}
		for _, f := range d.files {
			n.directives[f.name] = f.directive
		}
	}
	funcs := rel.FuncsPackages()
	// Relevant on its own, whatever its imports export: type-checked from
	// source, so its export data is not needed.
	onItsOwn := func(path string) bool {
		d := byPath[path]
		return d != nil && (slices.Contains(d.imports, analyzer.KerrorPath) || d.directive || d.unknown || slices.Contains(funcs, path))
	}
	// Not relevant, of the module, without cgo: its declarations are
	// type-checked from source (sourceDecls), not read from export data.
	fromSource := func(path string) bool {
		d := byPath[path]
		return d != nil && !maybe[path] && !slices.Contains(d.imports, "C")
	}
	for dir, wildcard := range matched {
		d := m.dirs[dir]
		if !d.hasGo && !wildcard {
			return narrowing{}, false // go list says why
		}
		if !d.hasGo || !maybe[d.path] {
			continue
		}
		kept = append(kept, d)
		for _, f := range d.files {
			n.sources.files[f.name] = f.data
		}
		if wildcard {
			n.wildcard[d.path] = true
		}
		if slices.Contains(d.certain, analyzer.KerrorPath) {
			for _, imp := range d.certain {
				if !onItsOwn(imp) && !fromSource(imp) && imp != "unsafe" && imp != "C" && imp != analyzer.KerrorPath+"_test" {
					exports[imp] = true
				}
			}
		}
	}
	// The standard packages that the declarations type-checked from source
	// import, in every build: their export data is needed too.
	below := map[*dirScan]bool{}
	var walk func(d *dirScan)
	walk = func(d *dirScan) {
		for _, imp := range d.certain {
			switch dep := byPath[imp]; {
			case dep != nil && fromSource(imp) && !below[dep]:
				below[dep] = true
				walk(dep)
			case dep == nil && m.isStd(imp) && imp != "unsafe" && below[d]:
				exports[imp] = true
			}
		}
	}
	for _, d := range kept {
		if slices.Contains(d.certain, analyzer.KerrorPath) {
			walk(d)
		}
	}
	n.fset = m.fset
	n.ahead = parseAhead(n.fset, below)
	for _, d := range m.dirs {
		if d.parsed != nil && !d.parseFailed {
			for i, f := range d.parsed { // as many as d.files, in order
				n.sources.files[d.files[i].name] = d.files[i].data
				n.sources.parsed[d.files[i].name] = f
			}
		}
	}
	slices.SortFunc(kept, func(a, b *dirScan) int { return strings.Compare(a.path, b.path) })
	for _, d := range kept {
		n.patterns = append(n.patterns, localPattern(m.cwd, d.dir))
	}
	n.exports = slices.Sorted(maps.Keys(exports))
	return n, true
}

// localPattern returns the go command's local pattern for dir.
func localPattern(cwd, dir string) string {
	rel, err := filepath.Rel(cwd, dir)
	if err != nil {
		return dir
	}
	rel = filepath.ToSlash(rel)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return rel
	}
	return "./" + rel
}

// module is the main module as narrowing reads it.
type module struct {
	cwd, root, path string // working directory, module root and path
	ignore          ignoreDirs

	env    *goEnvironment
	goroot string         // set by checkEnv
	fset   *token.FileSet // what it parses, for the loader

	mu   sync.Mutex
	dirs map[string]*dirScan // by directory
	std  map[string]bool     // import paths checked against GOROOT/src
}

// dirScan is what reading a directory found, over every file of every build.
type dirScan struct {
	dir, path string
	hasGo     bool // it has .go files the go command reads
	unlisted  bool // the directory itself could not be read
	unknown   bool // a file could not be read or its imports parsed
	directive bool // a file has a kerrlint directive comment
	files     []fileRead
	imports   []string // every import of every file
	certain   []string // the imports of the files in every build but tests
	subdirs   []string // the directories below it, by name
	goMod     bool     // it has a go.mod file
	names     []string // the package names of its files, those of external tests apart

	parsed      []*ast.File // its files, parsed when its exports are asked for
	parseFailed bool
}

// fileRead is a file as narrowing read it.
type fileRead struct {
	name      string // absolute
	data      []byte
	directive bool
}

// openModule finds the main module from the go.mod above the working
// directory, and returns false when it is one narrowing does not model. The
// go command has the last word on where the module is: it is asked at once,
// and its answer is checked by checkEnv, once the files are read.
func openModule(env *goEnvironment) (*module, bool) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, false
	}
	m := &module{cwd: cwd, env: env, dirs: map[string]*dirScan{}, std: map[string]bool{}, fset: token.NewFileSet()}
	gomod := findGoMod(cwd)
	data, err := safefile.ReadFile(gomod, true)
	if err != nil {
		return nil, false
	}
	path, ignore, ok := parseGoMod(gomod, data)
	// A go.mod that names paths below its own may require a module nested
	// by path, which would provide some of those import paths.
	if !ok || bytes.Contains(data, []byte(path+"/")) {
		return nil, false
	}
	m.ignore = ignore
	m.root, m.path = filepath.Dir(gomod), path
	return m, true
}

// checkEnv waits for the go command's environment and reports whether it
// agrees: the same go.mod, no workspace, no GOFLAGS that replace go.mod or
// files.
func (m *module) checkEnv() bool {
	env, err := m.env.wait()
	if err != nil {
		return false
	}
	gomod, gowork, goflags := env.gomod, env.gowork, env.goflags
	m.goroot = env.goroot
	return gomod == filepath.Join(m.root, "go.mod") && (gowork == "" || gowork == "off") &&
		!strings.Contains(goflags, "-modfile") && !strings.Contains(goflags, "-overlay")
}

// findGoMod returns the go.mod file of dir or its closest parent, or "".
func findGoMod(dir string) string {
	for {
		name := filepath.Join(dir, "go.mod")
		if info, err := os.Stat(name); err == nil && !info.IsDir() {
			return name
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// ignoreDirs are the directories that a go.mod's ignore directives keep
// wildcards out of, as the go command's search.IgnorePatterns holds them:
// "./dir" is a path from the module root, "dir" a path anywhere in it; both
// are written "/dir/".
type ignoreDirs struct{ fromRoot, anywhere []string }

// parseGoMod reads the module path and ignore directives of a go.mod with
// the go command's own parser; false if it does not parse (the go command
// then has the word).
func parseGoMod(name string, data []byte) (path string, ig ignoreDirs, ok bool) {
	f, err := modfile.Parse(name, data, nil)
	if err != nil || f.Module == nil || f.Module.Mod.Path == "" {
		return "", ignoreDirs{}, false
	}
	for _, i := range f.Ignore {
		if rest, ok := strings.CutPrefix(i.Path, "./"); ok {
			ig.fromRoot = append(ig.fromRoot, slashed(rest))
		} else {
			ig.anywhere = append(ig.anywhere, slashed(i.Path))
		}
	}
	return f.Module.Mod.Path, ig, true
}

// slashed returns path with a slash at each end.
func slashed(path string) string {
	path = filepath.ToSlash(path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	if !strings.HasSuffix(path, "/") {
		path += "/"
	}
	return path
}

// skips reports whether a wildcard skips dir, a path from the module root.
func (ig ignoreDirs) skips(dir string) bool {
	dir = slashed(dir)
	for _, p := range ig.fromRoot {
		if strings.HasPrefix(dir, p) {
			return true
		}
	}
	for _, p := range ig.anywhere {
		if strings.Contains(dir, p) {
			return true
		}
	}
	return false
}

// match reads the directories of the main module that pattern may name (for
// a wildcard, those the go command walks; which of them hold a package for
// this build is known after listing), and returns them, whether the pattern
// is a wildcard, and false when it is not a local pattern of this module.
func (m *module) match(pattern string) (dirs []string, wildcard, ok bool) {
	if !isLocalPattern(pattern) {
		return nil, false, false
	}
	rel, wildcard := strings.CutSuffix(pattern, "/...")
	if pattern == "..." || strings.Contains(rel, "...") || strings.HasSuffix(pattern, ".go") {
		return nil, false, false
	}
	top := filepath.Join(m.cwd, filepath.FromSlash(rel))
	if !m.inModule(top) || isVendored(m.root, top) {
		return nil, false, false
	}
	if !wildcard {
		d := m.read(top)
		return []string{top}, false, !d.unlisted
	}
	if elem := filepath.Base(filepath.Clean(rel)); elem != "." && elem != ".." && skipsTree(elem) {
		return nil, true, true // the go command does not walk it either
	}
	dirs, ok = m.walk(top)
	return dirs, true, ok
}

// skipsTree reports whether a wildcard skips a directory of that name, and
// everything below it.
func skipsTree(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata"
}

// walk reads top and the directories below it that a wildcard walks: not
// those named .*, _* or testdata, nor another module's. It returns false on a
// vendor directory (what the go command does with it depends on -mod) or a
// directory that cannot be listed.
func (m *module) walk(top string) (dirs []string, ok bool) {
	ok = true
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	var visit func(dir string)
	visit = func(dir string) {
		defer wg.Done()
		if m.ignored(dir) {
			return // by go.mod
		}
		sem <- struct{}{}
		d := m.read(dir)
		<-sem
		m.mu.Lock()
		defer m.mu.Unlock()
		if dir != top && d.goMod {
			return // another module
		}
		if d.unlisted {
			ok = false
			return
		}
		dirs = append(dirs, dir)
		for _, name := range d.subdirs {
			switch {
			case skipsTree(name):
			case name == "vendor":
				ok = false
			default:
				wg.Add(1)
				go visit(filepath.Join(dir, name))
			}
		}
	}
	wg.Add(1)
	visit(top)
	wg.Wait()
	return dirs, ok
}

// ignored reports whether go.mod's ignore directives keep wildcards out of
// dir.
func (m *module) ignored(dir string) bool {
	rel, err := filepath.Rel(m.root, dir)
	return err == nil && m.ignore.skips(rel)
}

// isLocalPattern reports whether pattern is relative to the working
// directory, as the go command reads it.
func isLocalPattern(pattern string) bool {
	return pattern == "." || pattern == ".." || strings.HasPrefix(pattern, "./") || strings.HasPrefix(pattern, "../")
}

// isVendored reports whether dir is in a vendor directory of the module.
func isVendored(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	return err != nil || slices.Contains(strings.Split(filepath.ToSlash(rel), "/"), "vendor")
}

// inModule reports whether dir is a directory of the main module: at or
// below its root, with no go.mod in between.
func (m *module) inModule(dir string) bool {
	rel, err := filepath.Rel(m.root, dir)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return false
	}
	for d := dir; d != m.root; d = filepath.Dir(d) {
		if hasGoMod(d) {
			return false
		}
	}
	return true
}

// hasGoMod reports whether dir starts a module as the go command decides:
// its go.mod stats as a file (a link to one counts; a dangling link or a
// directory named go.mod does not).
func hasGoMod(dir string) bool {
	info, err := os.Stat(filepath.Join(dir, "go.mod"))
	return err == nil && !info.IsDir()
}

// read reads dir, once.
func (m *module) read(dir string) *dirScan {
	m.mu.Lock()
	d, ok := m.dirs[dir]
	m.mu.Unlock()
	if ok {
		return d
	}
	d = readDir(dir)
	d.path = m.path
	if rel, _ := filepath.Rel(m.root, dir); rel != "." {
		d.path += "/" + filepath.ToSlash(rel)
	}
	m.mu.Lock()
	m.dirs[dir] = d
	m.mu.Unlock()
	return d
}

// readImported reads, transitively, the directories of the main module that
// the directories read import; it returns false if one cannot be listed.
func (m *module) readImported() bool {
	var todo []string
	queued := map[string]bool{}
	queue := func(d *dirScan) {
		for _, imp := range d.imports {
			if dir, ok := m.dirOf(imp); ok && m.dirs[dir] == nil && !queued[dir] {
				queued[dir] = true
				if m.inModule(dir) {
					todo = append(todo, dir)
				}
			}
		}
	}
	for _, d := range m.dirs {
		queue(d)
	}
	for len(todo) > 0 {
		batch := todo
		todo = nil
		read := make([]*dirScan, len(batch))
		parallel(len(batch), func(i int) { read[i] = m.read(batch[i]) })
		for _, d := range read {
			if d.unlisted {
				return false
			}
			queue(d)
		}
	}
	return true
}

// dirOf returns the directory that an import path of the main module names,
// whether or not it exists.
func (m *module) dirOf(path string) (string, bool) {
	rest, ok := strings.CutPrefix(path, m.path)
	if !ok || rest != "" && rest[0] != '/' {
		return "", false
	}
	return filepath.Join(m.root, filepath.FromSlash(rest)), true
}

// readDir reads every .go file of dir that the go command may read, in any
// build.
func readDir(dir string) *dirScan {
	d := &dirScan{dir: dir}
	entries, err := os.ReadDir(dir)
	if err != nil {
		d.unlisted = true
		return d
	}
	imports := map[string]bool{}
	certain := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
			d.subdirs = append(d.subdirs, name)
			continue
		case name == "go.mod":
			d.goMod = hasGoMod(dir)
			continue
		case !strings.HasSuffix(name, ".go") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, "."):
			continue
		case e.Type()&fs.ModeSymlink != 0:
			if info, err := os.Stat(filepath.Join(dir, name)); err == nil && info.IsDir() {
				continue // go/build: a link to a directory is not a source file
			}
		}
		d.hasGo = true
		src, err := safefile.ReadFile(filepath.Join(dir, name), true)
		if err != nil {
			d.unknown = true
			continue
		}
		directive := analyzer.SourceHasDirective(src)
		d.directive = d.directive || directive
		d.files = append(d.files, fileRead{filepath.Join(dir, name), src, directive})
		f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly|parser.ParseComments)
		if err != nil || f == nil {
			d.unknown = true
			continue
		}
		if name := f.Name.Name; !strings.HasSuffix(name, "_test") && !slices.Contains(d.names, name) {
			d.names = append(d.names, name)
		}
		// A file is in every build when its name has no _GOOS, _GOARCH or
		// _test suffix, its header no build constraint, and it does not
		// use cgo.
		inEveryBuild := !strings.Contains(name, "_") && !hasBuildConstraint(f)
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				d.unknown = true
				continue
			}
			imports[path] = true
			inEveryBuild = inEveryBuild && path != "C"
		}
		if inEveryBuild {
			for _, spec := range f.Imports {
				path, _ := strconv.Unquote(spec.Path.Value)
				certain[path] = true
			}
		}
	}
	d.imports = slices.Sorted(maps.Keys(imports))
	d.certain = slices.Sorted(maps.Keys(certain))
	return d
}

// hasBuildConstraint reports whether a file's header (the comments before
// its package clause) holds a //go:build or // +build line.
func hasBuildConstraint(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if constraint.IsGoBuild(c.Text) || constraint.IsPlusBuild(c.Text) {
				return true
			}
		}
	}
	return false
}

// relevance returns, by import path, whether each directory read and each
// import of another module may be relevant; false if the go command could
// not list the other modules' packages.
func (m *module) relevance(rel analyzer.Relevance) (map[string]bool, bool) {
	maybe := map[string]bool{}
	inModule := map[string]*dirScan{}
	for _, d := range m.dirs {
		inModule[d.path] = d
	}
	var external []string
	for _, d := range m.dirs {
		for _, imp := range d.imports {
			switch {
			case imp == "C" || imp == analyzer.KerrorPath || inModule[imp] != nil || maybe[imp]:
			case m.isStd(imp):
			case strings.HasPrefix(imp, m.path+"/") || imp == m.path:
				maybe[imp] = true // no such directory: go list reports it
			default:
				if !slices.Contains(external, imp) {
					external = append(external, imp)
				}
			}
		}
	}
	externalName := map[string]string{}
	if len(external) > 0 {
		slices.Sort(external)
		roots, err := packages.Load(&packages.Config{Mode: metadataMode}, external...)
		if err != nil {
			return nil, false
		}
		all := allPackages(roots)
		directive := directives(all, nil, m.isStd, nil)
		relevant := mayBeRelevant(all, rel, func(p *packages.Package) bool { return directive[p] }) // as for the module's own imports
		for _, path := range external {
			maybe[path] = true // unless go list loaded it, cleanly
		}
		for _, p := range roots {
			// A package that go list cannot load may hide the error of
			// its importer: keep it so that go list reports it. One whose
			// files all belong to other builds is imported only by files
			// of other builds, as narrowing reads every file.
			maybe[p.PkgPath] = relevant[p] || graphHasErrors(p) && !otherBuildsOnly(p)
			externalName[p.PkgPath] = p.Name
		}
	}
	x := exportsReading{m: m, rel: rel, maybe: maybe, inModule: inModule, externalName: externalName,
		exporting: map[string]bool{}, defining: map[string]bool{}}
	x.decide()
	return maybe, true
}

// exportsReading decides which directories of the main module may be
// relevant, and which of those may export something that concerns kerror
// (analyzer.MayExport, over every file of the directory): only those make
// their importers relevant. Relevance and exports only grow as more
// directories export, so a work list from the directories relevant on their
// own up to their importers finds the least solution.
type exportsReading struct {
	m            *module
	rel          analyzer.Relevance
	maybe        map[string]bool     // import path → may be relevant; imports of other modules set
	inModule     map[string]*dirScan // the directories read, by import path
	externalName map[string]string   // the package names of other modules' imports
	exporting    map[string]bool     // directories that may export
	defining     map[string]bool     // directories that may define or install, or have such a package below
}

// decide fills maybe and exporting for the directories of the module.
func (x *exportsReading) decide() {
	importers := map[string][]*dirScan{}
	for _, d := range x.m.dirs {
		for _, imp := range d.imports {
			importers[imp] = append(importers[imp], d)
		}
	}
	work := x.dependenciesFirst()
	// Those that import kerror will be asked what they export: their
	// files are parsed now, on every core.
	var own []*dirScan
	for _, d := range work {
		if d.hasGo && slices.Contains(d.imports, analyzer.KerrorPath) {
			own = append(own, d)
		}
	}
	parallel(len(own), func(i int) { x.m.syntax(own[i]) })
	for len(work) > 0 {
		d := work[0]
		work = work[1:]
		if !x.maybe[d.path] && x.relevant(d) {
			x.maybe[d.path] = true
		}
		if x.maybe[d.path] && !x.exporting[d.path] && x.exports(d) {
			x.exporting[d.path] = true
			work = append(work, importers[d.path]...)
		}
	}
}

// dependenciesFirst returns the directories read, each after those of the
// module it imports (but for cycles through tests), so that most are
// decided in one pass.
func (x *exportsReading) dependenciesFirst() []*dirScan {
	var order []*dirScan
	visited := map[*dirScan]bool{}
	var visit func(d *dirScan)
	visit = func(d *dirScan) {
		visited[d] = true
		for _, imp := range d.imports {
			if dep := x.inModule[imp]; dep != nil && !visited[dep] {
				visit(dep)
			}
		}
		order = append(order, d)
	}
	for _, d := range slices.SortedFunc(maps.Values(x.m.dirs), func(a, b *dirScan) int { return strings.Compare(a.path, b.path) }) {
		if !visited[d] {
			visit(d)
		}
	}
	return order
}

// relevant applies the relevance test to d, the package and its external
// tests (whose path differs, and matters: kerror's own external tests are
// relevant), with an import counted when it may export.
func (x *exportsReading) relevant(d *dirScan) bool {
	hasDirective := func() bool { return d.directive || d.unknown }
	return d.hasGo && (x.rel.Relevant(d.path, d.imports, x.importExports, hasDirective) ||
		x.rel.Relevant(d.path+"_test", d.imports, x.importExports, hasDirective))
}

// importExports reports whether the import path may export: a directory of
// the module that may, or any import of another module that may be
// relevant (it is not read), or a path of the module with no directory.
func (x *exportsReading) importExports(path string) bool {
	if x.inModule[path] != nil {
		return x.exporting[path]
	}
	return x.maybe[path]
}

// exports reports whether d, which may be relevant, may export: the
// analyzer's rule (analyzer/relevance.go) read from syntax.
func (x *exportsReading) exports(d *dirScan) bool {
	if d.unknown || d.directive || slices.Contains(x.rel.FuncsPackages(), d.path) {
		return true
	}
	files, ok := x.m.syntax(d)
	if !ok {
		return true
	}
	if !x.defining[d.path] {
		x.defining[d.path] = analyzer.MayDefine(files) || slices.ContainsFunc(d.imports, func(imp string) bool {
			if x.inModule[imp] != nil {
				return x.defining[imp]
			}
			return x.maybe[imp] // of another module, or missing: not read
		})
	}
	return x.defining[d.path] || analyzer.MayExport(files, x.concern)
}

// concern says what narrowing knows of an import: whether it may export,
// and its package name.
func (x *exportsReading) concern(path string) analyzer.ImportConcern {
	if d := x.inModule[path]; d != nil {
		c := analyzer.ImportConcern{Exports: x.exporting[path]}
		if len(d.names) == 1 {
			c.Name = d.names[0]
		}
		return c
	}
	if x.m.isStd(path) || path == "C" {
		return analyzer.ImportConcern{}
	}
	return analyzer.ImportConcern{Exports: x.maybe[path], Name: x.externalName[path]}
}

// syntax parses the files of d, once, as the loader parses them; false if
// one does not parse.
func (m *module) syntax(d *dirScan) ([]*ast.File, bool) {
	if d.parsed == nil {
		d.parsed = []*ast.File{}
		for _, f := range d.files {
			file, err := parser.ParseFile(m.fset, f.name, f.data, parseMode)
			if err != nil {
				d.parseFailed = true
				break
			}
			d.parsed = append(d.parsed, file)
		}
	}
	return d.parsed, !d.parseFailed
}

// isStd reports whether path is a package of the standard library.
func (m *module) isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	if strings.Contains(first, ".") || m.goroot == "" {
		return false
	}
	std, ok := m.std[path]
	if !ok {
		info, err := os.Stat(filepath.Join(m.goroot, "src", filepath.FromSlash(path)))
		std = err == nil && info.IsDir()
		m.std[path] = std
	}
	return std
}

// graphHasErrors reports whether p or a dependency could not be listed
// cleanly, so that its relevance is unknown.
func graphHasErrors(p *packages.Package) bool {
	bad := false
	packages.Visit([]*packages.Package{p}, nil, func(q *packages.Package) {
		bad = bad || len(q.Errors) > 0
	})
	return bad
}

// dropUnbuildable removes from roots, listed by narrowing, each package that
// only a wildcard matched and that has no files in this build: the go command
// reports such a package when it is named, and skips it when a wildcard
// matches it.
func (n narrowing) dropUnbuildable(roots []*packages.Package) []*packages.Package {
	variants := map[string]int{}
	for _, p := range roots {
		variants[p.PkgPath]++
	}
	return slices.DeleteFunc(roots, func(p *packages.Package) bool {
		return n.wildcard[p.PkgPath] && variants[p.PkgPath] == 1 && otherBuildsOnly(p)
	})
}

// otherBuildsOnly reports whether go list found no file of p in this build
// but files of other builds, which it reports as an error.
func otherBuildsOnly(p *packages.Package) bool {
	return len(p.GoFiles) == 0 && len(p.CompiledGoFiles) == 0 && len(p.IgnoredFiles) > 0 && len(p.Errors) > 0
}
