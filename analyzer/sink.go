package analyzer

import (
	"go/ast"
	"go/types"

	"github.com/kerrlint/kerrlint/registry"
)

// sink describes where a call sends an id: which arguments (or constants)
// make it, and what the call does with it.
type sink struct {
	parts   []idPart // the id, or domain, subdomain and name; or only the name when scope is set
	scope   ast.Expr // the kerror.Scope giving domain and subdomain
	recv    ast.Expr // the receiver of a method call, for a part that is the receiver (Code("x").Err())
	bound   bool     // recv was bound by a method value elsewhere (get := scope.Get): not written at the call
	first   int      // index of the first placeholder argument; -1 when not counted
	class   string   // the class a typed constructor asserts
	compare bool     // kerror.Is and its wrappers: the id is compared, not raised
	fixed   int      // placeholders a wrapper always passes itself; -1 when its callers' count
}

func arg(i int) idPart { return idPart{Param: i} }

// kerrorSinks gives the sink of each kerror function and Scope method;
// typed constructors come from registry's class table.
var kerrorSinks = func() map[string]sink {
	m := map[string]sink{
		"New":           {parts: []idPart{arg(0)}, first: 1, fixed: -1},
		"NewFrom":       {parts: []idPart{arg(1)}, first: 2, fixed: -1},
		"Get":           {parts: []idPart{arg(0), arg(1), arg(2)}, first: 3, fixed: -1},
		"GetFrom":       {parts: []idPart{arg(1), arg(2), arg(3)}, first: 4, fixed: -1},
		"Scope.Get":     {parts: []idPart{arg(0)}, first: 1, fixed: -1},
		"Scope.GetFrom": {parts: []idPart{arg(1)}, first: 2, fixed: -1},
		"Is":            {parts: []idPart{arg(1)}, first: -1, compare: true, fixed: -1},
	}
	for _, c := range registry.Classes() {
		if c.Constructor != "" {
			m[c.Constructor] = sink{parts: []idPart{arg(0)}, first: 1, class: c.Name, fixed: -1}
		}
	}
	return m
}()

// constructorFor returns the typed constructor raising class, or New.
func constructorFor(class string) string {
	if c, ok := registry.LookupClass(class); ok && c.Constructor != "" {
		return c.Constructor
	}
	return "New"
}

// kerrorFunc returns the name of the kerror function or method fn
// ("Scope.Get", "Definition.New" for methods), or "".
func kerrorFunc(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != KerrorPath {
		return ""
	}
	if recv := fn.Signature().Recv(); recv != nil {
		for _, t := range []string{"Scope", "Definition"} {
			if isKerror(recv.Type(), t) {
				return t + "." + fn.Name()
			}
		}
		return ""
	}
	return fn.Name()
}

// sinkOf returns where call sends an id, or nil when it sends none: kerror
// functions, Definition.New, inferred or annotated wrappers, and -funcs.
func (u *unit) sinkOf(call *ast.CallExpr) *sink {
	fn := u.callee(call)
	if fn == nil {
		return nil
	}
	recv, shift := u.receiver(call)
	s := u.sinkFor(call, fn, recv, shift)
	if s == nil {
		return nil
	}
	if shift != 0 {
		shifted := s.shift(shift)
		s = &shifted
	}
	s.recv = recv
	s.bound = recv != nil && shift == 0 && u.calleeVar(call) != nil
	return s
}

// sinkFor is sinkOf's sink, its argument indexes counted from the first
// argument after the receiver of a method expression (shift 1).
func (u *unit) sinkFor(call *ast.CallExpr, fn *types.Func, recv ast.Expr, shift int) *sink {
	switch name := kerrorFunc(fn); name {
	case "":
	case "Scope.Get", "Scope.GetFrom":
		if recv == nil {
			return nil
		}
		s := kerrorSinks[name]
		s.scope = recv
		return &s
	case "Definition.New":
		return u.definitionSink(recv)
	default:
		if s, ok := kerrorSinks[name]; ok {
			return &s
		}
		return nil
	}
	if w := u.wrapperOf(fn); w != nil && !w.MakesScope {
		s := &sink{parts: w.Parts, first: w.First, class: w.Class, compare: w.Compare, fixed: -1}
		if w.Fixed {
			s.fixed = w.Placeholders
		}
		if w.Scope >= 0 {
			if w.Scope+shift >= len(call.Args) {
				return nil
			}
			s.scope = call.Args[w.Scope+shift]
		}
		return s
	}
	return u.funcsSink(call, fn)
}

// receiver returns the receiver a method call passes: x in x.M(...) or
// (x.M)(...), or the first argument of a method expression T.M(x, ...),
// whose other arguments are then shifted by one; through a variable holding
// a method value or expression, the same. nil for other calls.
func (u *unit) receiver(call *ast.CallExpr) (recv ast.Expr, shift int) {
	if v := u.calleeVar(call); v != nil {
		h := u.vars.funcOf(v)
		switch {
		case h.fn == nil || h.recv != nil:
			return h.recv, 0
		case h.methodExpr && len(call.Args) > 0 && !(call.Ellipsis.IsValid() && len(call.Args) == 1):
			return call.Args[0], 1
		case h.methodExpr:
			return nil, 1
		}
		return nil, 0
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, 0
	}
	switch s := u.pass.TypesInfo.Selections[sel]; {
	case s == nil:
	case s.Kind() == types.MethodVal:
		return sel.X, 0
	case s.Kind() == types.MethodExpr:
		if len(call.Args) == 0 || call.Ellipsis.IsValid() && len(call.Args) == 1 {
			return nil, 1
		}
		return call.Args[0], 1
	}
	return nil, 0
}

// shift returns s with its argument indexes moved by n.
func (s sink) shift(n int) sink {
	parts := make([]idPart, len(s.parts))
	for i, p := range s.parts {
		if p.Param >= 0 && !p.Recv {
			p.Param += n
		}
		parts[i] = p
	}
	s.parts = parts
	if s.first >= 0 {
		s.first += n
	}
	return s
}

// wrapperOf returns the wrapper fact of fn: inferred or annotated in this
// package, or imported.
func (u *unit) wrapperOf(fn *types.Func) *wrapperFact {
	if w, ok := u.wrappers.local[fn.Origin()]; ok {
		return w
	}
	if fn.Pkg() == u.pass.Pkg || fn.Pkg() == nil {
		return nil
	}
	w := new(wrapperFact)
	if u.pass.ImportObjectFact(fn.Origin(), w) {
		return w
	}
	return nil
}

// definitionSink is the sink of d.New(placeholders...), recv being d, when
// d is a variable initialised by kerror.Define, here or in an imported package.
func (u *unit) definitionSink(recv ast.Expr) *sink {
	var id *ast.Ident
	switch x := ast.Unparen(recv).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return nil
	}
	v, ok := u.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	defID, ok := u.defs.vars[v]
	if !ok {
		var f definitionFact
		if v.Pkg() == u.pass.Pkg || !u.pass.ImportObjectFact(v, &f) {
			return nil
		}
		defID = f.ID
	}
	return &sink{parts: []idPart{{Param: -1, Value: defID}}, first: 0, fixed: -1}
}

// funcKey names fn as -funcs does, without the receiver's pointer.
func funcKey(fn *types.Func) string {
	recv := fn.Signature().Recv()
	if recv == nil {
		return fn.Pkg().Path() + "." + fn.Name()
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return "(" + n.Obj().Pkg().Path() + "." + n.Obj().Name() + ")." + fn.Name()
}

func (u *unit) funcsSink(call *ast.CallExpr, fn *types.Func) *sink {
	if len(u.funcs) == 0 || fn.Pkg() == nil {
		return nil
	}
	param, ok := u.funcs.param(fn.Origin())
	if !ok {
		return nil
	}
	params := fn.Signature().Params()
	for i := 0; i < params.Len(); i++ {
		if params.At(i).Name() == param && isString(params.At(i).Type()) {
			return &sink{parts: []idPart{arg(i)}, first: -1, fixed: -1}
		}
	}
	if u.badFuncs[call] {
		return nil
	}
	u.badFuncs[call] = true
	u.addProblem(directiveSite, invalidDirective, call.Fun, 0, "-funcs names parameter %q, but %s has no string parameter of that name", param, funcKey(fn.Origin()))
	return nil
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
