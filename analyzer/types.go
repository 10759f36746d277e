package analyzer

import (
	"go/ast"
	"go/types"
)

// isIDField reports whether e selects the id field of a kerror.Error or of
// a //kerrlint:error type, or is a local copy of one (id := ke.ID) that is
// assigned nothing else.
func (u *unit) isIDField(e ast.Expr) bool {
	for range 8 { // copies of copies, a few deep
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			break
		}
		v, _ := u.pass.TypesInfo.Uses[id].(*types.Var)
		if v == nil || v.Pkg() != u.pass.Pkg {
			return false
		}
		if e = u.vars.copyOf(v); e == nil {
			return false
		}
	}
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s := u.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return false
	}
	fields := u.errorFields(fieldOwner(s))
	return fields != nil && fields.ID == s.Obj().Name()
}

// fieldOwner returns the named struct type that declares the field s selects.
func fieldOwner(s *types.Selection) types.Type {
	t := s.Recv()
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := deref(t).Underlying().(*types.Struct)
		if !ok {
			return nil
		}
		t = st.Field(i).Type()
	}
	return deref(t)
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// kerrorErrorFields are the fields of kerror.Error that kerrlint checks.
var kerrorErrorFields = &errorTypeFact{ID: "ID", Code: "Code", Status: "Status", Class: "Class"}

// errorFields returns the checked fields of t: kerror.Error's, or those of
// a //kerrlint:error type declared here or imported; nil for other types.
func (u *unit) errorFields(t types.Type) *errorTypeFact {
	if t == nil {
		return nil
	}
	if isKerror(t, "Error") {
		return kerrorErrorFields
	}
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok {
		return nil
	}
	obj := n.Origin().Obj()
	if f, ok := u.errTypes[obj]; ok {
		return f
	}
	if obj.Pkg() == nil || obj.Pkg() == u.pass.Pkg {
		return nil
	}
	f := new(errorTypeFact)
	if u.pass.ImportObjectFact(obj, f) {
		return f
	}
	return nil
}

// isKerror reports whether t is kerror.name or a pointer to it.
func isKerror(t types.Type, name string) bool { return isNamed(deref(t), KerrorPath, name) }

// isNamed reports whether t is the named type pkg.name.
func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// calleeIdent returns the identifier naming the function in fun.
func calleeIdent(fun ast.Expr) *ast.Ident {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	}
	return nil
}
