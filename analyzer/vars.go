package analyzer

import (
	"go/ast"
	"go/types"
)

// onceVars tracks the variables holding a kerror.Scope, a
// *kerror.Definition or a function (raise := kerror.New): an id or a callee
// is resolved through such a variable only when it is assigned exactly once
// (its initialiser) and its address is never taken.
type onceVars struct {
	assigns map[*types.Var]int           // assignments (+2 when &v is taken)
	wraps   map[*types.Var]*ast.CallExpr // the kerror.Wrap call assigned to a Scope variable
	defines map[*ast.CallExpr]*types.Var // the variable each kerror.Define call initialises
	funcs   map[*types.Var]*types.Func   // the function a func-typed variable is assigned
}

func newOnceVars() onceVars {
	return onceVars{
		assigns: map[*types.Var]int{},
		wraps:   map[*types.Var]*ast.CallExpr{},
		defines: map[*ast.CallExpr]*types.Var{},
		funcs:   map[*types.Var]*types.Func{},
	}
}

// assign records one assignment of value to v, when v is of interest.
func (o *onceVars) assign(u *unit, v *types.Var, value ast.Expr) {
	if _, isFunc := v.Type().Underlying().(*types.Signature); isFunc {
		o.assigns[v]++
		o.funcs[v] = u.funcValue(value)
		return
	}
	if isRegistry(v.Type()) {
		o.assigns[v]++
		if call, ok := ast.Unparen(value).(*ast.CallExpr); ok {
			if fn := u.namedCallee(call); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == registryPath && fn.Name() == "LoadFS" {
				u.installs.loads[v] = call
			}
		}
		return
	}
	if !isKerror(v.Type(), "Scope") && !isKerror(v.Type(), "Definition") {
		return
	}
	o.assigns[v]++
	call, ok := ast.Unparen(value).(*ast.CallExpr)
	if !ok {
		return
	}
	switch kerrorFunc(u.namedCallee(call)) {
	case "Wrap":
		o.wraps[v] = call
	case "Define":
		o.defines[call] = v
	}
}

// isRegistry reports whether t is *registry.Registry.
func isRegistry(t types.Type) bool {
	p, ok := t.(*types.Pointer)
	if !ok {
		return false
	}
	n, ok := p.Elem().(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == registryPath && n.Obj().Name() == "Registry"
}

// addressTaken records &v: v may be assigned through the pointer.
func (o *onceVars) addressTaken(v *types.Var) { o.assigns[v] += 2 }

func (o *onceVars) once(v *types.Var) bool { return o.assigns[v] == 1 }

// wrapOf returns the kerror.Wrap call of a Scope variable assigned once.
func (o *onceVars) wrapOf(v *types.Var) *ast.CallExpr {
	if !o.once(v) {
		return nil
	}
	return o.wraps[v]
}

// definedBy returns the variable that call, a kerror.Define, initialises
// when it is assigned nothing else.
func (o *onceVars) definedBy(call *ast.CallExpr) *types.Var {
	if v := o.defines[call]; v != nil && o.once(v) {
		return v
	}
	return nil
}

// funcOf returns the function that v, a func-typed variable of this package
// assigned once, holds: a call through v calls it. An exported
// package-level variable may be assigned by importers, so it holds nothing
// known. Only valid once the scan has counted every assignment.
func (o *onceVars) funcOf(v *types.Var) *types.Func {
	if !o.once(v) || v.Exported() && v.Parent() == v.Pkg().Scope() {
		return nil
	}
	return o.funcs[v]
}

// funcValue returns the function x names when it is a plain function value
// (kerror.New, a wrapper): not a method value, which binds a receiver, nor
// a generic function, which the call would instantiate.
func (u *unit) funcValue(x ast.Expr) *types.Func {
	fn, _ := u.pass.TypesInfo.Uses[u.nameOf(x)].(*types.Func)
	if fn == nil || fn.Signature().Recv() != nil || fn.Signature().TypeParams().Len() > 0 {
		return nil
	}
	return fn
}
