package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// This file is the one relevance test, shared by the Analyzer (which skips a
// package it cannot learn anything from) and the standalone driver (which
// decides, deps first, before type-checking a package, whether to load it
// at all).
//
// A package other than kerror is relevant when it
//   - imports kerror;
//   - has a //kerrlint: directive comment in one of its files (an annotated
//     wrapper or error type, or an ignore to check for use);
//   - declares a function named by -funcs;
//   - or imports a package whose analysis says it exports something that
//     concerns kerror (packageFact.Exports).
//
// A relevant package exports when an importer can reach, through it,
// anything the analyzer follows:
//   - an object with a fact (a wrapper, a Definition or Scope variable, an
//     error type): every fact is about an object of its own package;
//   - an exported object whose type reaches a type of kerror, a type with a
//     fact or a method with one (exportedAPIReachesKerror), walking types
//     through every component, unexported ones included;
//   - a -funcs function;
//   - definitions or installs in its import closure (packageFact.Seen and
//     Installs): an importer reports their conflicts at the import that
//     brings them, and orders installs by what it imports.
//
// Proof that an irrelevant package P can report nothing: every diagnostic
// is at a call, literal, comparison, Define, install or directive that
// involves a kerror type, a kerror function, a fact or a -funcs function.
// P has no directive and declares no -funcs function. P does not import
// kerror, so it names no kerror object; every object it names comes from an
// import Q, which does not export: Q has no object fact, no -funcs function,
// and no exported object whose type reaches kerror or a fact, so no
// expression of P has a type that reaches kerror, and no call of P resolves
// to a function with a fact. (Facts of packages below Q reach P only through
// objects of Q's API, which the type walk covers.) The registry P's
// importers use is unaffected: definitions and installs are facts of their
// own packages, which every analysed importer sees through the import
// graph, and a package with one below it exports, so the packages that
// report their conflicts are analysed.

// Relevance is the relevance test for one configuration (the -funcs entries).
type Relevance struct {
	funcs Funcs // -funcs: their packages are relevant
}

// NewRelevance returns the relevance test for the given -funcs targets.
func NewRelevance(funcs Funcs) Relevance { return Relevance{funcs} }

// Relevant reports whether the package path is relevant. imports are the
// paths of its direct imports, importRelevant tells whether one of them is
// (the driver knows from its graph; the analyzer from the import's package
// fact), and hasDirective whether its files have a directive comment; it is
// called last, only when nothing else decided, since it may read files.
func (r Relevance) Relevant(path string, imports []string, importRelevant func(path string) bool, hasDirective func() bool) bool {
	if path == KerrorPath {
		return false
	}
	for _, imp := range imports {
		if imp == KerrorPath || importRelevant(imp) {
			return true
		}
	}
	return r.funcs.declares(path) || hasDirective()
}

// ImportExports reports whether the analysis of imp, as pass sees its
// facts, found that it exports something that concerns kerror: the import
// makes pass's package relevant.
func ImportExports(pass *analysis.Pass, imp *types.Package) bool {
	var f packageFact
	return imp != nil && pass.ImportPackageFact(imp, &f) && f.Exports
}

// exportedAPIReachesKerror reports whether an exported package-level object
// of pass's package has a type that reaches kerror's types, a type with a
// fact or a method with a fact: through it, an importer that does not
// import kerror can still raise, compare or construct registry errors.
func exportedAPIReachesKerror(pass *analysis.Pass) bool {
	w := typeWalk{pass: pass, seen: map[types.Type]bool{}}
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		if obj := scope.Lookup(name); obj.Exported() && w.reaches(obj.Type()) {
			return true
		}
	}
	return false
}

// typeWalk finds, in the components of types, one that concerns kerror.
type typeWalk struct {
	pass *analysis.Pass
	seen map[types.Type]bool
}

func (w *typeWalk) reaches(t types.Type) bool {
	if t == nil || w.seen[t] {
		return false
	}
	w.seen[t] = true
	switch t := t.(type) {
	case *types.Alias:
		return w.reaches(types.Unalias(t))
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil && obj.Pkg().Path() == KerrorPath {
			return true
		}
		if w.hasFact(obj) {
			return true
		}
		for targ := range t.TypeArgs().Types() {
			if w.reaches(targ) {
				return true
			}
		}
		origin := t.Origin()
		for m := range origin.Methods() {
			if w.hasFact(m) || w.reaches(m.Type()) {
				return true
			}
		}
		return obj.Pkg() != nil && w.mayReach(obj.Pkg()) && w.reaches(origin.Underlying())
	case *types.Pointer:
		return w.reaches(t.Elem())
	case *types.Slice:
		return w.reaches(t.Elem())
	case *types.Array:
		return w.reaches(t.Elem())
	case *types.Chan:
		return w.reaches(t.Elem())
	case *types.Map:
		return w.reaches(t.Key()) || w.reaches(t.Elem())
	case *types.Signature:
		return w.reaches(t.Params()) || w.reaches(t.Results()) || w.typeParams(t.TypeParams())
	case *types.Tuple:
		for v := range t.Variables() {
			if w.reaches(v.Type()) {
				return true
			}
		}
	case *types.Struct:
		for f := range t.Fields() {
			if w.reaches(f.Type()) {
				return true
			}
		}
	case *types.Interface:
		for m := range t.Methods() {
			if w.reaches(m.Type()) {
				return true
			}
		}
		for e := range t.EmbeddedTypes() {
			if w.reaches(e) {
				return true
			}
		}
	case *types.Union:
		for term := range t.Terms() {
			if w.reaches(term.Type()) {
				return true
			}
		}
	case *types.TypeParam:
		return w.reaches(t.Constraint())
	}
	return false
}

func (w *typeWalk) typeParams(list *types.TypeParamList) bool {
	for tp := range list.TypeParams() {
		if w.reaches(tp.Constraint()) {
			return true
		}
	}
	return false
}

// hasFact reports whether obj carries one of the analyzer's object facts.
func (w *typeWalk) hasFact(obj types.Object) bool {
	for _, fact := range objectFactTypes {
		if w.pass.ImportObjectFact(obj, fact()) {
			return true
		}
	}
	return false
}

// mayReach reports whether a type declared in pkg can have components that
// concern kerror: it is the package analysed, or it or one of its imports
// (its whole closure, when read from export data) imports kerror or was
// analysed. A type of the standard library, or of any package that kerror
// is not below, cannot.
func (w *typeWalk) mayReach(pkg *types.Package) bool {
	if pkg == w.pass.Pkg || w.pass.ImportPackageFact(pkg, new(packageFact)) {
		return true
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == KerrorPath || w.pass.ImportPackageFact(imp, new(packageFact)) {
			return true
		}
	}
	return false
}

// FuncsPackages returns the packages that declare a -funcs target, sorted.
func (r Relevance) FuncsPackages() []string { return r.funcs.Packages() }
