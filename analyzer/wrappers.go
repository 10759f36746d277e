package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"
)

// inferWrappers finds the functions and methods of the package that pass a
// parameter on, unchanged, to an id position, directly or through another
// wrapper: they become raise sites themselves, as the printf analyzer finds
// printf wrappers. A parameter that is assigned or whose address is taken
// is not passed on unchanged. Each function is looked at once, and again
// only when a function of the package it calls becomes a wrapper, so that
// wrappers of wrappers are found whatever their order.
func (r *run) inferWrappers() {
	callers := map[*types.Func][]*ast.FuncDecl{} // to look at again when the key becomes a wrapper
	queue := slices.Clone(r.funcDecls)
	for len(queue) > 0 {
		decl := queue[0]
		queue = queue[1:]
		fn, _ := r.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil || r.wrappers[fn] != nil {
			continue
		}
		w, call, callees := r.inferWrapper(fn, decl)
		if w == nil {
			for _, g := range callees {
				callers[g] = append(callers[g], decl)
			}
			continue
		}
		r.wrappers[fn] = w
		r.forwarding[call] = true
		queue = append(queue, callers[fn]...)
		delete(callers, fn)
	}
}

// inferWrapper returns the wrapper fact of fn and the call that forwards its
// parameters; or nil, and the functions of this package that fn calls
// without being their wrapper yet.
func (r *run) inferWrapper(fn *types.Func, decl *ast.FuncDecl) (*wrapperFact, *ast.CallExpr, []*types.Func) {
	params := fn.Signature().Params()
	index := map[*types.Var]int{} // the parameters that may be passed on
	candidate := false            // a string or Scope parameter: the variadic one alone is not
	for i := 0; i < params.Len(); i++ {
		p := params.At(i)
		idLike := isString(p.Type()) || isKerror(p.Type(), "Scope") && !isPointer(p.Type())
		if idLike || i == params.Len()-1 && fn.Signature().Variadic() {
			index[p] = i
		}
		candidate = candidate || idLike
	}
	if !candidate {
		return nil, nil, nil
	}
	// Parameters that are assigned, or whose address is taken, do not
	// reach the id position unchanged.
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		var targets []ast.Expr
		switch n := n.(type) {
		case *ast.AssignStmt:
			targets = n.Lhs
		case *ast.IncDecStmt:
			targets = []ast.Expr{n.X}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				targets = []ast.Expr{n.X}
			}
		}
		for _, t := range targets {
			if id, ok := ast.Unparen(t).(*ast.Ident); ok {
				if v, ok := r.pass.TypesInfo.ObjectOf(id).(*types.Var); ok {
					delete(index, v)
				}
			}
		}
		return true
	})
	param := func(e ast.Expr) (int, bool) {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return 0, false
		}
		v, ok := r.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok {
			return 0, false
		}
		i, ok := index[v]
		return i, ok
	}
	var found *wrapperFact
	var via *ast.CallExpr
	var callees []*types.Func
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found != nil {
			return found == nil
		}
		if g := r.callee(call); g != nil && g.Pkg() == r.pass.Pkg && r.wrappers[g.Origin()] == nil {
			g = g.Origin()
			callees = append(callees, g)
		}
		s := r.sinkOf(call)
		if s == nil {
			return true
		}
		w := &wrapperFact{Scope: -1, Class: s.class, Compare: s.compare, First: -1}
		// Placeholders are counted through the wrapper when its variadic
		// parameter is passed on, spread, exactly where they start.
		if s.first >= 0 && call.Ellipsis.IsValid() && len(call.Args) == s.first+1 && fn.Signature().Variadic() {
			if i, ok := param(call.Args[s.first]); ok && i == params.Len()-1 {
				w.First = i
			}
		}
		forwards := false
		if s.scope != nil {
			if i, ok := param(s.scope); ok && isKerror(params.At(i).Type(), "Scope") {
				w.Scope, forwards = i, true
			} else if d, sub, ok := r.scopeOf(s.scope); ok {
				w.Parts = append(w.Parts, idPart{Param: -1, Value: d.value}, idPart{Param: -1, Value: sub.value})
			} else {
				return true
			}
		}
		for _, p := range s.parts {
			switch {
			case p.Param < 0:
				w.Parts = append(w.Parts, p)
			case p.Param >= len(call.Args):
				return true
			default:
				a := call.Args[p.Param]
				if i, ok := param(a); ok && isString(params.At(i).Type()) {
					w.Parts = append(w.Parts, idPart{Param: i})
					forwards = true
				} else if c := r.part(a); c.known {
					w.Parts = append(w.Parts, idPart{Param: -1, Value: c.value})
				} else {
					return true
				}
			}
		}
		if forwards {
			found, via = w, call
		}
		return true
	})
	return found, via, callees
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

// A directive is a //kerrlint:NAME comment line.
const directivePrefix = "//kerrlint:"

// hasDirectives reports whether any file of the package has a //kerrlint:
// comment: such a package is analysed even if it does not import kerror.
func hasDirectives(files []*ast.File) bool {
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if strings.HasPrefix(c.Text, directivePrefix) {
					return true
				}
			}
		}
	}
	return false
}

// directives applies //kerrlint:id NAME on functions and //kerrlint:error
// on struct types.
func (r *run) directives() {
	for _, decl := range r.funcDecls {
		if decl.Doc == nil {
			continue
		}
		for _, c := range decl.Doc.List {
			name, ok := strings.CutPrefix(c.Text, directivePrefix+"id")
			if !ok || name != "" && name[0] != ' ' {
				continue
			}
			fn, _ := r.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if fn == nil {
				continue
			}
			name = strings.TrimSpace(name)
			params := fn.Signature().Params()
			i := 0
			for ; i < params.Len() && params.At(i).Name() != name; i++ {
			}
			switch {
			case name == "":
				r.addf(decl.Name, "invalid-directive", "//kerrlint:id needs a parameter name: //kerrlint:id NAME")
			case i == params.Len():
				r.addf(decl.Name, "invalid-directive", "//kerrlint:id names %s, but %s has no parameter %s", name, fn.Name(), name)
			case !isString(params.At(i).Type()):
				r.addf(decl.Name, "invalid-directive", "//kerrlint:id names %s, which is not a string", name)
			default:
				r.wrappers[fn] = &wrapperFact{Parts: []idPart{{Param: i}}, Scope: -1, First: -1}
			}
		}
	}
	for _, td := range r.typeDecls {
		for _, c := range td.doc.List {
			args, ok := strings.CutPrefix(c.Text, directivePrefix+"error")
			if !ok || args != "" && args[0] != ' ' {
				continue
			}
			if f := r.errorDirective(td.spec, args); f != nil {
				r.errTypes[r.pass.TypesInfo.Defs[td.spec.Name].(*types.TypeName)] = f
			}
		}
	}
}

// errorDirective parses "id=F code=F status=F class=F" for a struct type.
func (r *run) errorDirective(spec *ast.TypeSpec, args string) *errorTypeFact {
	tn, _ := r.pass.TypesInfo.Defs[spec.Name].(*types.TypeName)
	var st *types.Struct
	if tn != nil {
		st, _ = tn.Type().Underlying().(*types.Struct)
	}
	if st == nil {
		r.addf(spec.Name, "invalid-directive", "//kerrlint:error applies to struct types")
		return nil
	}
	field := func(name string) *types.Var {
		for i := 0; i < st.NumFields(); i++ {
			if st.Field(i).Name() == name {
				return st.Field(i)
			}
		}
		return nil
	}
	f := &errorTypeFact{}
	for _, kv := range strings.Fields(args) {
		key, name, _ := strings.Cut(kv, "=")
		var dst *string
		switch key {
		case "id":
			dst = &f.ID
		case "code":
			dst = &f.Code
		case "status":
			dst = &f.Status
		case "class":
			dst = &f.Class
		default:
			r.addf(spec.Name, "invalid-directive", "//kerrlint:error: unknown key %q (want id, code, status, class)", key)
			return nil
		}
		v := field(name)
		if v == nil {
			r.addf(spec.Name, "invalid-directive", "//kerrlint:error: %s has no field %q", spec.Name.Name, name)
			return nil
		}
		if key == "id" && !isString(v.Type()) {
			r.addf(spec.Name, "invalid-directive", "//kerrlint:error: id field %s is not a string", name)
			return nil
		}
		*dst = name
	}
	if f.ID == "" {
		r.addf(spec.Name, "invalid-directive", "//kerrlint:error needs id=FIELD")
		return nil
	}
	return f
}
