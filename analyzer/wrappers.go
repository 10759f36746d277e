package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// wrappers are the functions of this package that are raise sites
// themselves: inferred, or marked with //kerrlint:id.
type wrappers struct {
	local      map[*types.Func]*wrapperFact
	forwarding map[*ast.CallExpr]bool // calls inside wrappers that pass their parameters on
	directed   []*ast.FuncDecl        // the functions //kerrlint:id made wrappers
}

func newWrappers() wrappers {
	return wrappers{local: map[*types.Func]*wrapperFact{}, forwarding: map[*ast.CallExpr]bool{}}
}

// inferWrappers finds the functions and methods of the package that pass a
// parameter on, unchanged, to an id position, directly or through another
// wrapper: they become raise sites themselves, as the printf analyzer finds
// printf wrappers. A parameter that is assigned or whose address is taken
// is not passed on unchanged. Each function is looked at once, and again
// only when a function of the package it calls becomes a wrapper, so that
// wrappers of wrappers are found whatever their order.
func (u *unit) inferWrappers() {
	callers := map[*types.Func][]*ast.FuncDecl{} // to look at again when the key becomes a wrapper
	queue := slices.Clone(u.syntax.funcDecls)
	for len(queue) > 0 {
		decl := queue[0]
		queue = queue[1:]
		fn, _ := u.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if fn == nil || decl.Body == nil || u.wrappers.local[fn] != nil {
			continue
		}
		w, call, callees := u.inferWrapper(fn, decl)
		if w == nil {
			for _, g := range callees {
				callers[g] = append(callers[g], decl)
			}
			continue
		}
		u.wrappers.local[fn] = w
		if call != nil {
			u.wrappers.forwarding[call] = true
		}
		queue = append(queue, callers[fn]...)
		delete(callers, fn)
	}
}

// inferWrapper returns the wrapper fact of fn and the call that forwards its
// parameters (nil for a comparison with an id field); or nil, and the
// functions of this package that fn calls without being their wrapper yet.
func (u *unit) inferWrapper(fn *types.Func, decl *ast.FuncDecl) (*wrapperFact, *ast.CallExpr, []*types.Func) {
	params := u.forwardable(fn, decl)
	if w, callees := u.scopeMaker(fn, decl, params); w != nil || callees != nil {
		return w, nil, callees
	}
	if params == nil {
		return nil, nil, nil
	}
	var found, compared *wrapperFact
	var via *ast.CallExpr
	var callees []*types.Func
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		if compared == nil {
			compared = u.comparedParam(fn, params, n)
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if g := u.callee(call); g != nil && g.Pkg() == u.pass.Pkg && u.wrappers.local[g.Origin()] == nil {
			callees = append(callees, g.Origin())
		}
		if s := u.sinkOf(call); s != nil {
			if w := u.forwardedTo(fn, params, call, s); w != nil {
				found, via = w, call
			}
		}
		return true
	})
	if found == nil && compared != nil {
		return compared, nil, callees // a raise, when there is one, says more
	}
	return found, via, callees
}

// forwardable returns the parameters of fn that may be passed on unchanged
// to an id position, by index: its string (or ~string type parameter) and
// Scope parameters, its variadic one, and its receiver (index recvIndex)
// when that is a string, unless assigned or their address is taken. nil
// when fn has no string or Scope parameter or receiver (the variadic one
// alone makes no wrapper).
func (u *unit) forwardable(fn *types.Func, decl *ast.FuncDecl) map[*types.Var]int {
	params := fn.Signature().Params()
	index := map[*types.Var]int{}
	candidate := false
	for i := 0; i < params.Len(); i++ {
		p := params.At(i)
		idLike := isStringLike(p.Type()) || isKerror(p.Type(), "Scope") && !isPointer(p.Type())
		if idLike || i == params.Len()-1 && fn.Signature().Variadic() {
			index[p] = i
		}
		candidate = candidate || idLike
	}
	if r := fn.Signature().Recv(); r != nil && isStringLike(r.Type()) {
		index[r] = recvIndex
		candidate = true
	}
	if !candidate {
		return nil
	}
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
				if v, ok := u.pass.TypesInfo.ObjectOf(id).(*types.Var); ok {
					delete(index, v)
				}
			}
		}
		return true
	})
	return index
}

// forwardedTo returns the wrapper fact that call, a raise or comparison
// inside fn, makes of fn: nil unless it passes one of fn's parameters
// unchanged to its id (the other parts being constants).
func (u *unit) forwardedTo(fn *types.Func, index map[*types.Var]int, call *ast.CallExpr, s *sink) *wrapperFact {
	params := fn.Signature().Params()
	param := func(e ast.Expr) (int, bool) { return u.paramIndex(index, e) }
	w := &wrapperFact{Scope: -1, Class: s.class, Compare: s.compare, First: -1}
	u.placeholdersThrough(w, fn, call, s, param)
	forwards := false
	if s.scope != nil {
		if i, ok := param(s.scope); ok && i >= 0 && isKerror(params.At(i).Type(), "Scope") {
			w.Scope, forwards = i, true
		} else if d, sub, ok := u.scopeOf(s.scope); ok {
			w.Parts = append(w.Parts, idPart{Param: -1, Value: d.value}, idPart{Param: -1, Value: sub.value})
		} else {
			return nil
		}
	}
	for _, p := range s.parts {
		var a ast.Expr
		switch {
		case p.Recv:
			a = s.recv
		case p.Param < 0:
			w.Parts = append(w.Parts, p)
			continue
		case p.Param < len(call.Args):
			a = call.Args[p.Param]
		}
		if a == nil {
			return nil
		}
		if i, ok := param(a); ok && isStringLike(u.paramType(fn, i)) {
			w.Parts = append(w.Parts, paramPart(i))
			forwards = true
		} else if c := u.part(a); c.known {
			w.Parts = append(w.Parts, idPart{Param: -1, Value: c.value})
		} else {
			return nil
		}
	}
	if !forwards {
		return nil
	}
	return w
}

// recvIndex is the index forwardable gives a method's receiver.
const recvIndex = -1

// paramPart is the id part of the parameter at index i, or of the receiver.
func paramPart(i int) idPart {
	if i == recvIndex {
		return idPart{Param: -1, Recv: true}
	}
	return idPart{Param: i}
}

// paramType returns the type of fn's parameter at index i, or of its receiver.
func (u *unit) paramType(fn *types.Func, i int) types.Type {
	if i == recvIndex {
		return fn.Signature().Recv().Type()
	}
	return fn.Signature().Params().At(i).Type()
}

// isStringLike reports whether values of t are strings: a string type, or a
// type parameter whose constraint allows only string types (~string).
func isStringLike(t types.Type) bool {
	if tp, ok := types.Unalias(t).(*types.TypeParam); ok {
		return onlyStrings(tp.Constraint(), 0)
	}
	return isString(t)
}

// onlyStrings reports whether the type set of constraint holds string types
// only: some embedded element (a union, a type, or an interface itself
// holding only strings) restricts it so, the set being their intersection.
func onlyStrings(constraint types.Type, depth int) bool {
	iface, ok := constraint.Underlying().(*types.Interface)
	if !ok || depth > 8 {
		return false
	}
	for i := 0; i < iface.NumEmbeddeds(); i++ {
		switch e := types.Unalias(iface.EmbeddedType(i)).(type) {
		case *types.Union:
			all := e.Len() > 0
			for j := 0; j < e.Len(); j++ {
				t := e.Term(j).Type()
				all = all && (isString(t) && !types.IsInterface(t) || types.IsInterface(t) && onlyStrings(t, depth+1))
			}
			if all {
				return true
			}
		default:
			if types.IsInterface(e) {
				if onlyStrings(e, depth+1) {
					return true
				}
			} else if isString(e) {
				return true
			}
		}
	}
	return false
}

// comparedParam returns the wrapper fact of fn when n compares one of its
// string parameters with an id field (ke.ID == id, or a switch on ke.ID
// with a case id): fn compares ids, as kerror.Is does.
func (u *unit) comparedParam(fn *types.Func, index map[*types.Var]int, n ast.Node) *wrapperFact {
	var operands []ast.Expr
	switch n := n.(type) {
	case *ast.BinaryExpr:
		if n.Op != token.EQL && n.Op != token.NEQ {
			return nil
		}
		if u.isIDField(n.X) {
			operands = []ast.Expr{n.Y}
		} else if u.isIDField(n.Y) {
			operands = []ast.Expr{n.X}
		}
	case *ast.SwitchStmt:
		if n.Tag == nil || !u.isIDField(n.Tag) {
			return nil
		}
		for _, stmt := range n.Body.List {
			operands = append(operands, stmt.(*ast.CaseClause).List...)
		}
	}
	for _, e := range operands {
		if i, ok := u.paramIndex(index, e); ok && isStringLike(u.paramType(fn, i)) {
			return &wrapperFact{Parts: []idPart{paramPart(i)}, Scope: -1, First: -1, Compare: true}
		}
	}
	return nil
}

// scopeMaker returns the wrapper fact of fn when it returns a Scope made,
// by its only return statement, from kerror.Wrap (or another such function)
// with its parameters passed on unchanged or constants: a facade's Wrap, or
// a function returning a fixed scope. callees lists the functions of this package it calls that
// may turn out to make scopes; both are nil when fn returns no Scope.
func (u *unit) scopeMaker(fn *types.Func, decl *ast.FuncDecl, index map[*types.Var]int) (w *wrapperFact, callees []*types.Func) {
	res := fn.Signature().Results()
	if res.Len() != 1 || !isKerror(res.At(0).Type(), "Scope") || isPointer(res.At(0).Type()) {
		return nil, nil
	}
	var returns []*ast.ReturnStmt
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			returns = append(returns, n)
		}
		return true
	})
	none := []*types.Func{} // not nil: fn is looked at as a scope maker only
	if len(returns) != 1 || len(returns[0].Results) != 1 {
		return nil, none
	}
	call, ok := ast.Unparen(returns[0].Results[0]).(*ast.CallExpr)
	if !ok {
		return nil, none
	}
	for range 8 { // func() kerror.Scope { return kerror.Wrap(d, s) }(): the closure's result
		lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit)
		if !ok || len(call.Args) != 0 || len(lit.Body.List) != 1 {
			break
		}
		ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			return nil, none
		}
		if call, ok = ast.Unparen(ret.Results[0]).(*ast.CallExpr); !ok {
			return nil, none
		}
	}
	if g := u.callee(call); g != nil && g.Pkg() == u.pass.Pkg && u.wrappers.local[g.Origin()] == nil {
		return nil, []*types.Func{g.Origin()}
	}
	domain, subdomain, ok := u.wrapParts(call)
	if !ok {
		return nil, none
	}
	w = &wrapperFact{Scope: -1, First: -1, MakesScope: true}
	for _, p := range []part{domain, subdomain} {
		if i, ok := u.paramIndex(index, p.expr); ok && i >= 0 && isStringLike(u.paramType(fn, i)) {
			w.Parts = append(w.Parts, idPart{Param: i})
		} else if p.known {
			w.Parts = append(w.Parts, idPart{Param: -1, Value: p.value})
		} else {
			return nil, none
		}
	}
	return w, none
}

// paramIndex returns the index of the forwardable parameter e is, passed on
// unchanged (a conversion between string types keeps the value: string(id)).
func (u *unit) paramIndex(index map[*types.Var]int, e ast.Expr) (int, bool) {
	e = ast.Unparen(e)
	for range 8 { // string(Code(id)): conversions of conversions, a few deep
		conv, ok := e.(*ast.CallExpr)
		if !ok || len(conv.Args) != 1 {
			break
		}
		tv, ok := u.pass.TypesInfo.Types[conv.Fun]
		if !ok || !tv.IsType() || !isString(tv.Type) {
			break
		}
		e = ast.Unparen(conv.Args[0])
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := u.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return 0, false
	}
	i, ok := index[v]
	return i, ok
}

// directedPlaceholders counts again, once every wrapper is inferred, the
// placeholders of the //kerrlint:id functions whose body raises through a
// wrapper of this package (rwID(id).New(args...)).
func (u *unit) directedPlaceholders() {
	for _, decl := range u.wrappers.directed {
		fn, _ := u.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if w := u.wrappers.local[fn]; w != nil && w.First < 0 {
			u.directivePlaceholders(w, fn, decl)
		}
	}
}

// directivePlaceholders lets the callers of a //kerrlint:id function have
// their placeholders counted, as a wrapper's are, when its body raises
// exactly once and passes its variadic parameter on unchanged as the
// placeholders (return kerror.New(id, args...)). A call to another function
// of the package, which may turn out to be a wrapper, counts as a raise.
func (u *unit) directivePlaceholders(w *wrapperFact, fn *types.Func, decl *ast.FuncDecl) {
	sig := fn.Signature()
	if !sig.Variadic() || decl.Body == nil {
		return
	}
	index := u.forwardable(fn, decl)
	last := sig.Params().Len() - 1
	raises, forwarding := 0, 0
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if g := u.callee(call); g != nil && g.Pkg() == u.pass.Pkg && u.wrappers.local[g.Origin()] == nil {
			raises++
			return true
		}
		s := u.sinkOf(call)
		if s == nil {
			return true
		}
		raises++
		probe := &wrapperFact{First: -1}
		u.placeholdersThrough(probe, fn, call, s, func(e ast.Expr) (int, bool) { return u.paramIndex(index, e) })
		if probe.First == last {
			forwarding++
		}
		return true
	})
	if raises == 1 && forwarding == 1 {
		w.First = last
	}
}

// placeholdersThrough records in w how a wrapper's callers' placeholders
// are counted: through its variadic parameter passed on, spread, exactly
// where the placeholders start; or, when it passes placeholders of its own,
// as many as it passes, whatever its callers do.
func (u *unit) placeholdersThrough(w *wrapperFact, fn *types.Func, call *ast.CallExpr, s *sink, param func(ast.Expr) (int, bool)) {
	if s.first >= 0 && call.Ellipsis.IsValid() && len(call.Args) == s.first+1 && fn.Signature().Variadic() {
		if i, ok := param(call.Args[s.first]); ok && i == fn.Signature().Params().Len()-1 {
			w.First = i
			return
		}
	}
	switch {
	case s.fixed >= 0:
		w.Fixed, w.Placeholders = true, s.fixed
	case s.first >= 0 && !call.Ellipsis.IsValid() && len(call.Args) >= s.first:
		w.Placeholders, w.Fixed = u.countedArgs(call.Args[s.first:])
	}
}

func isPointer(t types.Type) bool {
	_, ok := types.Unalias(t).(*types.Pointer)
	return ok
}

// directives applies //kerrlint:id NAME on functions and //kerrlint:error
// on struct types.
func (u *unit) directives() {
	for _, decl := range u.syntax.funcDecls {
		if decl.Doc == nil {
			continue
		}
		for _, c := range decl.Doc.List {
			d := parseDirective(c)
			if d == nil || d.kind != idDirective {
				continue
			}
			fn, _ := u.pass.TypesInfo.Defs[decl.Name].(*types.Func)
			if fn == nil {
				continue
			}
			params := fn.Signature().Params()
			i := 0
			for ; i < params.Len() && params.At(i).Name() != d.param; i++ {
			}
			switch {
			case d.problem != "":
				u.addProblem(directiveSite, invalidDirective, decl.Name, 0, "%s", d.problem)
			case i == params.Len():
				u.addProblem(directiveSite, invalidDirective, decl.Name, 0, "//kerrlint:id names %s, but %s has no parameter %s", d.param, fn.Name(), d.param)
			case !isString(params.At(i).Type()):
				u.addProblem(directiveSite, invalidDirective, decl.Name, 0, "//kerrlint:id names %s, which is not a string", d.param)
			default:
				w := &wrapperFact{Parts: []idPart{{Param: i}}, Scope: -1, First: -1}
				u.directivePlaceholders(w, fn, decl)
				u.wrappers.local[fn] = w
				u.wrappers.directed = append(u.wrappers.directed, decl)
			}
		}
	}
	for _, td := range u.syntax.typeDecls {
		for _, c := range td.doc.List {
			if d := parseDirective(c); d != nil && d.kind == errorDirective {
				if f := u.errorDirective(td.spec, d); f != nil {
					u.errTypes[u.pass.TypesInfo.Defs[td.spec.Name].(*types.TypeName)] = f
				}
			}
		}
	}
}

// errorDirective applies a //kerrlint:error to a struct type: the fields
// it names must exist, the id field be a string.
func (u *unit) errorDirective(spec *ast.TypeSpec, d *directive) *errorTypeFact {
	tn, _ := u.pass.TypesInfo.Defs[spec.Name].(*types.TypeName)
	var st *types.Struct
	if tn != nil {
		st, _ = tn.Type().Underlying().(*types.Struct)
	}
	if st == nil {
		u.addProblem(directiveSite, invalidDirective, spec.Name, 0, "//kerrlint:error applies to struct types")
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
	for _, ef := range d.fields {
		v := field(ef.field)
		if v == nil {
			u.addProblem(directiveSite, invalidDirective, spec.Name, 0, "//kerrlint:error: %s has no field %q", spec.Name.Name, ef.field)
			return nil
		}
		if ef.key == "id" && !isString(v.Type()) {
			u.addProblem(directiveSite, invalidDirective, spec.Name, 0, "//kerrlint:error: id field %s is not a string", ef.field)
			return nil
		}
		switch ef.key {
		case "id":
			f.ID = ef.field
		case "code":
			f.Code = ef.field
		case "status":
			f.Status = ef.field
		case "class":
			f.Class = ef.field
		}
	}
	if d.problem != "" {
		u.addProblem(directiveSite, invalidDirective, spec.Name, 0, "%s", d.problem)
		return nil
	}
	return f
}
