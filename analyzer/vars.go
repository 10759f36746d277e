package analyzer

import (
	"go/ast"
	"go/types"
)

// onceVars tracks the variables holding a kerror.Scope, a
// *kerror.Definition, a function (raise := kerror.New, get := scope.Get) or
// a copy of an id field (id := ke.ID): an id or a callee is resolved through
// such a variable only when it is assigned exactly once (its initialiser)
// and its address is never taken.
type onceVars struct {
	assigns map[*types.Var]int           // assignments (+2 when &v is taken)
	wraps   map[*types.Var]*ast.CallExpr // the call assigned to a Scope variable: kerror.Wrap, or a wrapper of it
	defines map[*ast.CallExpr]*types.Var // the variable each kerror.Define call initialises
	funcs   map[*types.Var]heldFunc      // the function a func-typed variable is assigned
	copies  map[*types.Var]ast.Expr      // the value a string variable is assigned
}

// heldFunc is the function a func-typed variable holds: a function, a
// method value (bound to recv) or a method expression (its receiver the
// first argument).
type heldFunc struct {
	fn         *types.Func
	recv       ast.Expr
	methodExpr bool
}

func newOnceVars() onceVars {
	return onceVars{
		assigns: map[*types.Var]int{},
		wraps:   map[*types.Var]*ast.CallExpr{},
		defines: map[*ast.CallExpr]*types.Var{},
		funcs:   map[*types.Var]heldFunc{},
		copies:  map[*types.Var]ast.Expr{},
	}
}

// assign records one assignment of value to v, when v is of interest; value
// is nil for a declaration without initialiser, or when it is not known.
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
	if isString(v.Type()) {
		o.assigns[v]++
		o.copies[v] = value
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
	if isKerror(v.Type(), "Scope") {
		o.wraps[v] = call // a Wrap, or a function of this package that may turn out to return one
		return
	}
	if kerrorFunc(u.namedCallee(call)) == "Define" {
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

// once reports whether v is assigned exactly once, and only by this
// package: an exported package-level variable may be assigned by importers.
func (o *onceVars) once(v *types.Var) bool {
	return o.assigns[v] == 1 && !(v.Exported() && v.Pkg() != nil && v.Parent() == v.Pkg().Scope())
}

// wrapOf returns the call initialising a Scope variable assigned once.
func (o *onceVars) wrapOf(v *types.Var) *ast.CallExpr {
	if o.assigns[v] != 1 {
		return nil
	}
	return o.wraps[v]
}

// definedBy returns the variable that call, a kerror.Define, initialises
// when it is assigned nothing else.
func (o *onceVars) definedBy(call *ast.CallExpr) *types.Var {
	if v := o.defines[call]; v != nil && o.assigns[v] == 1 {
		return v
	}
	return nil
}

// funcOf returns what v, a func-typed variable of this package assigned
// once, holds: a call through v calls it. Only valid once the scan has
// counted every assignment.
func (o *onceVars) funcOf(v *types.Var) heldFunc {
	if !o.once(v) {
		return heldFunc{}
	}
	return o.funcs[v]
}

// copyOf returns the value that v, a string variable of this package
// assigned once with its declaration, holds; nil otherwise.
func (o *onceVars) copyOf(v *types.Var) ast.Expr {
	if !o.once(v) {
		return nil
	}
	return o.copies[v]
}

// funcValue returns the function x denotes: a plain function value
// (kerror.New, a wrapper), a method value (scope.Get: the receiver is bound
// now, so it is the receiver of every call) or a method expression
// (kerror.Scope.Get). Not a generic function, which the call would
// instantiate, nor an interface's method, which is dispatched at run time.
func (u *unit) funcValue(x ast.Expr) heldFunc {
	x = ast.Unparen(x)
	if sel, ok := x.(*ast.SelectorExpr); ok {
		if s := u.pass.TypesInfo.Selections[sel]; s != nil {
			fn, _ := s.Obj().(*types.Func)
			if fn == nil || types.IsInterface(s.Recv()) {
				return heldFunc{}
			}
			switch s.Kind() {
			case types.MethodVal:
				return heldFunc{fn: fn, recv: sel.X}
			case types.MethodExpr:
				return heldFunc{fn: fn, methodExpr: true}
			}
			return heldFunc{}
		}
	}
	fn, _ := u.pass.TypesInfo.Uses[u.nameOf(x)].(*types.Func)
	if fn == nil || fn.Signature().Recv() != nil || fn.Signature().TypeParams().Len() > 0 {
		return heldFunc{}
	}
	return heldFunc{fn: fn}
}
