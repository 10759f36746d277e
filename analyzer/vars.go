package analyzer

import (
	"go/ast"
	"go/types"
)

// onceVars tracks the variables holding a kerror.Scope or a
// *kerror.Definition: an id is resolved through such a variable only when it
// is assigned exactly once (its initialiser) and its address is never taken.
type onceVars struct {
	assigns map[*types.Var]int           // assignments (+2 when &v is taken)
	wraps   map[*types.Var]*ast.CallExpr // the kerror.Wrap call assigned to a Scope variable
	defines map[*ast.CallExpr]*types.Var // the variable each kerror.Define call initialises
}

func newOnceVars() onceVars {
	return onceVars{
		assigns: map[*types.Var]int{},
		wraps:   map[*types.Var]*ast.CallExpr{},
		defines: map[*ast.CallExpr]*types.Var{},
	}
}

// assign records one assignment of value to v, when v is of interest.
func (o *onceVars) assign(u *unit, v *types.Var, value ast.Expr) {
	if !isKerror(v.Type(), "Scope") && !isKerror(v.Type(), "Definition") {
		return
	}
	o.assigns[v]++
	call, ok := ast.Unparen(value).(*ast.CallExpr)
	if !ok {
		return
	}
	switch kerrorFunc(u.callee(call)) {
	case "Wrap":
		o.wraps[v] = call
	case "Define":
		o.defines[call] = v
	}
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
