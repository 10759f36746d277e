package analyzer

// This file is the one relevance test, shared by the Analyzer (which skips a
// package it cannot learn anything from) and the standalone driver (which
// decides from go list's metadata, before type-checking anything, which
// packages to load at all).
//
// A package is relevant when it can raise, compare or define registry errors,
// or export something that makes an importer do so (a wrapper, a Define, a
// Scope variable, an error type, a registry install). That is provably the
// case only for a package, other than kerror itself, that
//   - imports kerror, or imports a relevant package (every wrapper, Define,
//     Scope, registry install and kerror.Error comparison goes through kerror);
//   - has a //kerrlint: directive comment in one of its files (an annotated
//     wrapper or error type, or an ignore to check for use);
//   - declares a function named by -funcs.
// Any other package sees no kerror type, value or fact, directly or through
// its imports, so the analyzer can find nothing in it.

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

// FuncsPackages returns the packages that declare a -funcs target, sorted.
func (r Relevance) FuncsPackages() []string { return r.funcs.Packages() }
