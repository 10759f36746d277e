package analyzer

import (
	"container/heap"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// This file orders package initialization as the Go toolchain does, so that
// the registry installs of a program are applied in the order they run.
//
// The spec (Go 1.21+): "Given the list of all packages, sorted by import
// path, in each step the first uninitialized package in the list for which
// all imports (if any) are already initialized is initialized." The linker
// (cmd/link/internal/ld/inittask.go) applies that rule to the packages that
// have initialization work only (init functions, or variables initialised at
// run time); one without any is left out, and its importers wait for its
// dependencies instead. Which packages have work is not visible in export
// data, so the analyzer orders twice — as if every package had work, and as
// if only those known to install had — and trusts the order only when both
// agree (TestInitOrderAgainstGo runs programs to check the rule).

// initOrder returns nodes in initialization order: repeatedly the first,
// by path, whose dependencies among nodes (deps, transitive or direct when
// every dependency is a node) are all initialized.
func initOrder(nodes []string, deps func(string) []string) []string {
	in := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		in[n] = true
	}
	waiting := make(map[string]int, len(nodes)) // dependencies not yet initialized
	importers := map[string][]string{}
	for _, n := range nodes {
		seen := map[string]bool{}
		for _, d := range deps(n) {
			if in[d] && d != n && !seen[d] {
				seen[d] = true
				waiting[n]++
				importers[d] = append(importers[d], n)
			}
		}
	}
	ready := &pathHeap{}
	for _, n := range nodes {
		if waiting[n] == 0 {
			heap.Push(ready, n)
		}
	}
	out := make([]string, 0, len(nodes))
	for ready.Len() > 0 {
		n := heap.Pop(ready).(string)
		out = append(out, n)
		for _, imp := range importers[n] {
			if waiting[imp]--; waiting[imp] == 0 {
				heap.Push(ready, imp)
			}
		}
	}
	return out // shorter than nodes only for an import cycle, which does not build
}

// pathHeap is a min-heap of import paths.
type pathHeap []string

func (h pathHeap) Len() int           { return len(h) }
func (h pathHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h pathHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *pathHeap) Push(x any)        { *h = append(*h, x.(string)) }
func (h *pathHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// importGraph is the import closure of a package, from its types: for a
// package read from export data, Imports may list its whole closure rather
// than its direct imports, which orders initialization the same way (a
// package's imports are initialized exactly when its dependencies are).
type importGraph struct {
	pkgs    map[string]*types.Package
	closure map[string][]string // transitive dependencies, computed on demand
}

func newImportGraph(root *types.Package) *importGraph {
	g := &importGraph{pkgs: map[string]*types.Package{}, closure: map[string][]string{}}
	var walk func(p *types.Package)
	walk = func(p *types.Package) {
		for _, imp := range p.Imports() {
			if _, ok := g.pkgs[imp.Path()]; !ok {
				g.pkgs[imp.Path()] = imp
				walk(imp)
			}
		}
	}
	walk(root)
	return g
}

// imports returns the paths p imports, as its types list them.
func (g *importGraph) imports(path string) []string {
	p := g.pkgs[path]
	if p == nil {
		return nil
	}
	out := make([]string, len(p.Imports()))
	for i, imp := range p.Imports() {
		out[i] = imp.Path()
	}
	return out
}

// deps returns every package path depends on.
func (g *importGraph) deps(path string) []string {
	if c, ok := g.closure[path]; ok {
		return c
	}
	seen := map[string]bool{}
	var walk func(p string)
	walk = func(p string) {
		for _, imp := range g.imports(p) {
			if !seen[imp] {
				seen[imp] = true
				walk(imp)
			}
		}
	}
	walk(path)
	c := make([]string, 0, len(seen))
	for p := range seen {
		c = append(c, p)
	}
	slices.Sort(c)
	g.closure[path] = c
	return c
}

// initWork says whether a package has initialization work, as far as its
// syntax shows: an init function or a variable initialised by a call has;
// a variable initialised by another non-constant expression may have (the
// compiler initialises many statically); otherwise it has none.
type initWork int8

const (
	noInitWork initWork = iota
	maybeInitWork
	initWorkCertain
)

// initWork judges the package's initialization work.
func (u *unit) initWork() initWork {
	work := noInitWork
	for _, f := range u.pass.Files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "init" {
					return initWorkCertain
				}
			case *ast.GenDecl:
				if d.Tok != token.VAR {
					continue
				}
				for _, spec := range d.Specs {
					for _, v := range spec.(*ast.ValueSpec).Values {
						if tv, ok := u.pass.TypesInfo.Types[v]; ok && tv.Value != nil {
							continue
						}
						work = maybeInitWork
						if u.callsAt(v) {
							return initWorkCertain
						}
					}
				}
			}
		}
	}
	return work
}

// callsAt reports whether x calls a function outside function literals
// (not a conversion nor a builtin).
func (u *unit) callsAt(x ast.Expr) bool {
	calls := false
	ast.Inspect(x, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.CallExpr:
			if tv, ok := u.pass.TypesInfo.Types[n.Fun]; ok && !tv.IsType() && !tv.IsBuiltin() {
				calls = true
			}
		}
		return !calls
	})
	return calls
}

// nodeDeps returns, for a node of nodes, the nodes it depends on nearest:
// its imports that are nodes, and for the others the same, recursively
// (memoized), as the linker makes a package wait for the initialization
// work of its dependencies through packages that have none.
func (g *importGraph) nodeDeps(nodes []string) func(string) []string {
	isNode := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		isNode[n] = true
	}
	memo := map[string][]string{} // for every package: the nearest nodes among its imports
	var nearest func(p string) []string
	nearest = func(p string) []string {
		if ds, ok := memo[p]; ok {
			return ds
		}
		memo[p] = nil // an import cycle does not build; stop there
		seen := map[string]bool{}
		var ds []string
		for _, imp := range g.imports(p) {
			cands := []string{imp}
			if !isNode[imp] {
				cands = nearest(imp)
			}
			for _, c := range cands {
				if !seen[c] {
					seen[c] = true
					ds = append(ds, c)
				}
			}
		}
		memo[p] = ds
		return ds
	}
	return nearest
}

// installOrders returns the packages of working (those that install a
// registry, which certainly have initialization work) in the order they
// are initialized if no package has work but those of certain, and in the
// order they are if every other package of the closure has some but those
// of none: when the outcomes differ, the order depends on what kerrlint
// cannot see.
func (g *importGraph) installOrders(working []string, certain, none map[string]bool) (least, most []string) {
	isWorking := map[string]bool{}
	for _, p := range working {
		isWorking[p] = true
	}
	var some, all []string
	for p := range g.pkgs {
		switch {
		case isWorking[p] || certain[p]:
			some = append(some, p)
			all = append(all, p)
		case !none[p]:
			all = append(all, p)
		}
	}
	filter := func(order []string) []string {
		out := make([]string, 0, len(working))
		for _, p := range order {
			if isWorking[p] {
				out = append(out, p)
			}
		}
		return out
	}
	return filter(initOrder(some, g.nodeDeps(some))), filter(initOrder(all, g.nodeDeps(all)))
}
