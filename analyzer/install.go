package analyzer

import (
	"errors"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/kerrlint/kerrlint/registry"
)

// An install is a registry a package installs at run time with
// kerror.UseFS (Replace) or kerror.InstallFS, from files it embeds. Its
// entries travel to importers in the package fact: the registry a package
// raises against is the analyzer's (embedded + flags) with the installs of
// its dependencies and its own applied in order, as at run time.
type install struct {
	Pkg     string // the installing package
	Call    string // file:line:col of the call
	Replace bool   // UseFS: the registry in use is replaced
	Entries []registry.Entry
}

// installs of the package: the calls found by scan and the embed.FS
// variables they may read.
type installs struct {
	calls  []*ast.CallExpr
	embeds map[*types.Var]embedVar // package-level embed.FS variables
	list   []install               // dependencies' then own, in the order they run
	open   bool                    // an install kerrlint cannot read: ids may come from anywhere
	seen   bool                    // some install is visible here
}

// scanEmbeds records the //go:embed patterns of the embed.FS variables of a
// var declaration.
func (u *unit) scanEmbeds(n *ast.GenDecl) {
	if n.Tok != token.VAR {
		return
	}
	for _, spec := range n.Specs {
		vs := spec.(*ast.ValueSpec)
		doc := vs.Doc
		if doc == nil && !n.Lparen.IsValid() {
			doc = n.Doc
		}
		if doc == nil || len(vs.Names) != 1 {
			continue
		}
		patterns, err := embedDirectivePatterns(doc)
		if err != nil {
			continue // the package does not build: go list reports it
		}
		if v, ok := u.pass.TypesInfo.Defs[vs.Names[0]].(*types.Var); ok && len(patterns) > 0 && isNamed(v.Type(), "embed", "FS") {
			// The package's directory, where patterns are resolved, is
			// that of the declaring file, which an overlay is least
			// likely to have moved.
			dir := filepath.Dir(u.pass.Fset.Position(vs.Pos()).Filename)
			u.installs.embeds[v] = embedVar{dir, patterns}
		}
	}
}

// resolveInstalls applies the installs of the dependencies, then the
// package's own, to the registry: what follows raises against the result.
func (u *unit) resolveInstalls() {
	reg := u.importInstalls(u.reg)
	for _, call := range u.installs.calls {
		u.installs.seen = true
		in, ok := u.ownInstall(call)
		if !ok {
			continue
		}
		next, err := applyInstall(reg, in)
		if err != nil {
			u.addProblem(installSite, "invalid-registry", call, 0, "this registry conflicts with the one in use, so it is not installed: %s", firstLine(err))
			continue
		}
		reg = next
		u.installs.list = append(u.installs.list, in)
	}
	u.reg = reg
}

// importInstalls applies to reg the installs the imported packages run, in
// the order Go initialises them, and reports a conflict between installs
// brought by two different imports at the second.
func (u *unit) importInstalls(reg *registry.Registry) *registry.Registry {
	var specs []*ast.ImportSpec
	for _, f := range u.pass.Files {
		specs = append(specs, f.Imports...)
	}
	slices.SortFunc(specs, func(a, b *ast.ImportSpec) int { return strings.Compare(a.Path.Value, b.Path.Value) })
	done := map[string]bool{}
	for _, spec := range specs {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		imp := importedPackage(u.pass.Pkg, p)
		var f packageFact
		if imp == nil || !u.pass.ImportPackageFact(imp, &f) {
			continue
		}
		u.installs.open = u.installs.open || f.OpenRegistry
		for _, in := range f.Installs {
			key := in.Pkg + " " + in.Call
			if done[key] {
				continue
			}
			done[key] = true
			u.installs.seen = true
			next, err := applyInstall(reg, in)
			if err != nil {
				u.addProblem(importSite, "invalid-registry", spec, 0, "the registry installed by %s at %s conflicts with the one in use, so it is not installed: %s", in.Pkg, in.Call, firstLine(err))
				continue
			}
			reg = next
			u.installs.list = append(u.installs.list, in)
		}
	}
	return reg
}

// ownInstall resolves one kerror.UseFS or InstallFS call of the package.
func (u *unit) ownInstall(call *ast.CallExpr) (install, bool) {
	dir, fsys, paths, why := u.installSource(call)
	if why != "" {
		u.installs.open = true
		u.sites = append(u.sites, &site{kind: installSite, node: call, dynamic: &dynamic{call, "cannot check this registry install: " + why}})
		return install{}, false
	}
	reg, err := registry.LoadFS(fsys, paths...)
	if err != nil {
		u.registryProblems(call, dir, fsys, err)
		return install{}, false
	}
	in := install{Pkg: u.pass.Pkg.Path(), Call: u.pass.Fset.Position(call.Pos()).String(), Replace: kerrorFunc(u.callee(call)) == "UseFS"}
	for _, e := range reg.Entries() {
		e := *e
		e.Pos.File = filepath.Join(dir, filepath.FromSlash(e.Pos.File))
		in.Entries = append(in.Entries, e)
	}
	return in, true
}

// embedVar is a package-level embed.FS variable: its //go:embed patterns
// and the directory they are resolved in.
type embedVar struct {
	dir      string
	patterns []string
}

// installSource resolves the file system and paths of an install call: a
// package-level embed.FS variable, the files it embeds from dir, and
// constant paths. why says otherwise.
func (u *unit) installSource(call *ast.CallExpr) (dir string, fsys fstest.MapFS, paths []string, why string) {
	if len(call.Args) < 2 {
		return "", nil, nil, "no path"
	}
	var v *types.Var
	switch x := ast.Unparen(call.Args[0]).(type) {
	case *ast.Ident:
		v, _ = u.pass.TypesInfo.Uses[x].(*types.Var)
	case *ast.SelectorExpr:
		v, _ = u.pass.TypesInfo.Uses[x.Sel].(*types.Var)
	}
	ev, ok := u.installs.embeds[v]
	if !ok {
		return "", nil, nil, "the file system is not a package-level embed.FS of this package"
	}
	for _, a := range call.Args[1:] {
		p := u.part(a)
		if !p.known || call.Ellipsis.IsValid() {
			return "", nil, nil, "the paths are not compile-time constants"
		}
		paths = append(paths, p.value)
	}
	fsys, err := embeddedFS(ev.dir, ev.patterns, paths)
	if errors.Is(err, errNoEmbedMatch) {
		return "", nil, nil, "//go:embed " + err.Error() + " (under a driver that gives analyzers no embedded files, such as Bazel's nogo, pass the registry in analyzer.Settings.RegistryFS)"
	}
	if err != nil {
		return "", nil, nil, "//go:embed " + err.Error()
	}
	return ev.dir, fsys, paths, ""
}

// registryProblems adds a site per problem of an installed registry, at
// the problem's own file:line:col, which the file set learns.
func (u *unit) registryProblems(call *ast.CallExpr, dir string, fsys fstest.MapFS, err error) {
	// Messages name other places of the files by their embedded path.
	var names []string
	for name := range fsys {
		names = append(names, name+":", filepath.Join(dir, filepath.FromSlash(name))+":")
	}
	absolute := strings.NewReplacer(names...)
	for _, p := range registry.AsProblems(err) {
		at := ast.Node(call)
		msg := absolute.Replace(p.Msg)
		if p.Pos.File != "" {
			file := filepath.Join(dir, filepath.FromSlash(p.Pos.File))
			var data []byte
			if f := fsys[p.Pos.File]; f != nil {
				data = f.Data
			}
			if pos := u.jsonPos(file, data, p.Pos.Line, p.Pos.Col); pos.IsValid() {
				at = span{pos, pos}
			} else {
				msg = p.String()
			}
		}
		related := token.NoPos
		if at != ast.Node(call) {
			related = call.Pos()
		}
		u.sites = append(u.sites, &site{kind: installSite, node: at,
			problem: &problem{category: "invalid-registry", at: at, msg: msg, related: related, relatedMsg: "installed here"}})
	}
}

// jsonPos returns the position of line:col of a registry file whose
// content the analysis read (data), adding the file to the file set as
// asmdecl does for assembly files.
func (u *unit) jsonPos(file string, data []byte, line, col int) token.Pos {
	if line <= 0 {
		line = 1
	}
	if data == nil {
		return token.NoPos
	}
	var tf *token.File
	u.pass.Fset.Iterate(func(f *token.File) bool {
		if f.Name() == file {
			tf = f
		}
		return tf == nil
	})
	if tf == nil {
		tf = u.pass.Fset.AddFile(file, -1, len(data))
		tf.SetLinesForContent(data)
	}
	if line > tf.LineCount() {
		return token.NoPos
	}
	pos := tf.LineStart(line)
	if col > 1 && tf.Offset(pos)+col-1 <= tf.Size() {
		pos += token.Pos(col - 1)
	}
	return pos
}

// applyInstall returns reg with in applied: replaced by its entries
// (UseFS), or merged with them (InstallFS; a conflict changes nothing, as
// at run time).
func applyInstall(reg *registry.Registry, in install) (*registry.Registry, error) {
	entries := make([]*registry.Entry, len(in.Entries))
	for i := range in.Entries {
		entries[i] = &in.Entries[i]
	}
	installed, err := registry.New(entries)
	if err != nil || in.Replace {
		return installed, err
	}
	return registry.Merge(reg, installed)
}

// importedPackage finds the package of an import path among pkg's imports.
func importedPackage(pkg *types.Package, p string) *types.Package {
	for _, imp := range pkg.Imports() {
		if imp.Path() == p {
			return imp
		}
	}
	return nil
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
