package analyzer

import (
	"go/ast"
	"go/token"
	"strconv"
)

// This file predicts, from syntax alone, the analysis's verdict that a
// package exports something that concerns kerror (packageFact.Exports), so
// that the standalone driver's narrowing can leave out, before listing
// anything, the importers of packages that only raise errors. The
// prediction must never say no where the analysis says yes; it may say yes
// where the analysis says no, at the cost of listing a package for nothing.
//
// Names are compared as text: a name mentioned anywhere counts, shadowed or
// not, so every doubt about scopes resolves to "concerns kerror". The
// packageFact.Exports rule, and why each part of it is covered here:
//   - an object fact on an exported object, or a method fact of an
//     exported type (exportedAPIReachesKerror walks methods):
//   - a wrapper (wrappers.go) is a function or method with a parameter or
//     receiver that may be a string or a kerror.Scope, passed to a call of
//     a kerror sink at an id position, to a call of an import that may
//     export, of a method, of a local variable, or of a function of the
//     package that concerns kerror, or compared (==, !=, a switch) with
//     what may be an id field: a selector or a name (mayBeField), never a
//     literal nor a call; only a parameter whose declared type is a
//     pointer, slice, map, channel, function, struct, interface or a
//     predeclared type other than string cannot be one (mayHoldID);
//   - a scope maker returns a kerror.Scope: its signature names kerror, an
//     alias of it, or a type of the package that names one;
//   - a Definition or Scope variable is initialised by kerror.Define,
//     kerror.Wrap or a function that returns a Scope: its declaration
//     names kerror, an import that may export, or a function that concerns
//     kerror;
//   - an error type carries a directive, which the caller counts;
//   - an exported object whose type reaches kerror: its declaration (type,
//     value, signature) names kerror, an import that may export (types of
//     an import that does not export reach nothing, its whole API having
//     been walked), or a declaration of the package that concerns kerror;
//     a type concerns kerror when its declaration or one of its methods
//     does; a constant without type or value takes the previous one's;
//   - a -funcs target, definitions and installs below, and directives are
//     the caller's to count (MayDefine covers the package's own).

// ImportConcern is what the reader of a package's syntax knows of one of
// its imports.
type ImportConcern struct {
	Exports bool   // it may export something that concerns kerror (kerror itself does)
	Name    string // its package name; "" when not known
}

// MayExport reports whether the package of files may export something that
// concerns kerror (packageFact.Exports), judged from syntax (see above);
// concern describes its imports. A -funcs target, a directive, and
// definitions or installs below or in the package (MayDefine) are not
// looked at: they are the caller's to count.
func MayExport(files []*ast.File, concern func(path string) ImportConcern) bool {
	r := exportReader{topLevel: map[string]bool{}}
	for _, f := range files {
		for _, d := range f.Decls {
			for _, name := range declaredNames(d) {
				r.topLevel[name] = true
			}
		}
	}
	for _, f := range files {
		imports, ok := fileImports(f, concern)
		if !ok {
			return true
		}
		for _, d := range f.Decls {
			r.read(d, imports)
		}
	}
	return r.exports()
}

// MayDefine reports whether files may call or name kerror.Define or one of
// kerror's installs: packageFact.Seen and Installs then mention the package.
func MayDefine(files []*ast.File) bool {
	for _, f := range files {
		names := map[string]bool{}
		for _, spec := range f.Imports {
			path, err := strconv.Unquote(spec.Path.Value)
			switch {
			case err != nil:
				return true
			case path != KerrorPath || spec.Name != nil && spec.Name.Name == "_":
			case spec.Name == nil:
				names["kerror"] = true
			case spec.Name.Name == ".":
				return true
			default:
				names[spec.Name.Name] = true
			}
		}
		if len(names) == 0 {
			continue
		}
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && registers[sel.Sel.Name] {
				if x, ok := sel.X.(*ast.Ident); ok && names[x.Name] {
					found = true
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// registers are kerror's functions that define or install ids (resolve.go's scan).
var registers = map[string]bool{"Define": true, "UseFS": true, "InstallFS": true, "Use": true, "Install": true}

// importKind is what a file's import name refers to.
type importKind uint8

const (
	plainImport     importKind = iota // exports nothing that concerns kerror
	exportingImport                   // may export
	kerrorImport
)

// fileImports returns the kind of each import name of f, and false when f
// cannot be judged: an import path that does not unquote, a dot import of a
// package that may export, or an import that may export with its name not
// known.
func fileImports(f *ast.File, concern func(path string) ImportConcern) (map[string]importKind, bool) {
	imports := map[string]importKind{}
	for _, spec := range f.Imports {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			return nil, false
		}
		kind, name := plainImport, ""
		switch c := concern(path); {
		case path == KerrorPath:
			kind, name = kerrorImport, "kerror"
		case c.Exports:
			kind, name = exportingImport, c.Name
		}
		if spec.Name != nil {
			name = spec.Name.Name
		}
		switch {
		case kind == plainImport || name == "_":
		case name == "." || name == "":
			return nil, false
		default:
			imports[name] = max(imports[name], kind)
		}
	}
	return imports, true
}

// exportReader holds what MayExport learns of a package's declarations.
type exportReader struct {
	topLevel map[string]bool // the names the package declares
	decls    []*declUse
}

// declUse is what one declaration uses: whether it concerns kerror on its
// own, and the names of the package whose concern it shares.
type declUse struct {
	names    []string // what it declares (a method: its receiver's type)
	exported bool     // it declares an exported name, or is an exported method
	always   bool     // it concerns kerror whatever the package's names do
	uses     map[string]bool
	concerns bool // decided by exports
}

// read records the uses of one declaration of a file whose imports are
// imports.
func (r *exportReader) read(d ast.Decl, imports map[string]importKind) {
	switch d := d.(type) {
	case *ast.FuncDecl:
		u := &declUse{uses: map[string]bool{}}
		if d.Recv != nil && len(d.Recv.List) > 0 {
			if base := receiverBase(d.Recv.List[0].Type); base != "" {
				u.names = []string{base}
			}
			u.exported = ast.IsExported(d.Name.Name)
		} else {
			u.names = []string{d.Name.Name}
			u.exported = ast.IsExported(d.Name.Name)
		}
		u.mention(d.Type, imports)
		if d.Body != nil {
			r.wrapperUses(u, d, imports)
		}
		r.decls = append(r.decls, u)
	case *ast.GenDecl:
		var last *ast.ValueSpec // a constant with neither type nor value repeats it
		for _, spec := range d.Specs {
			u := &declUse{uses: map[string]bool{}}
			switch s := spec.(type) {
			case *ast.TypeSpec:
				u.names = []string{s.Name.Name}
				u.mention(s, imports)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					u.names = append(u.names, n.Name)
				}
				if d.Tok == token.CONST && s.Type == nil && len(s.Values) == 0 && last != nil {
					u.mention(last, imports)
				} else {
					last = s
				}
				u.mention(s, imports)
			default:
				continue
			}
			for _, n := range u.names {
				u.exported = u.exported || ast.IsExported(n)
			}
			r.decls = append(r.decls, u)
		}
	}
}

// mention records what n names: an import that may export, or kerror, makes
// u concern kerror; any other name may be one of the package's.
func (u *declUse) mention(n ast.Node, imports map[string]importKind) {
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok && imports[x.Name] != plainImport {
				u.always = true
			}
		case *ast.Ident:
			u.uses[n.Name] = true
		}
		return !u.always
	})
}

// wrapperUses records in u what may make the function d a wrapper: a
// parameter or receiver that may hold an id, passed on to a call that may
// raise, or compared.
func (r *exportReader) wrapperUses(u *declUse, d *ast.FuncDecl, imports map[string]importKind) {
	local := localNames(d)
	params := map[string]bool{}
	for _, fields := range []*ast.FieldList{d.Recv, d.Type.Params} {
		if fields == nil {
			continue
		}
		for _, field := range fields.List {
			if !r.mayHoldID(field.Type, local) {
				continue
			}
			for _, n := range field.Names {
				params[n.Name] = true
			}
		}
	}
	if len(params) == 0 {
		return
	}
	mentions := func(nodes ...ast.Node) bool {
		found := false
		for _, n := range nodes {
			ast.Inspect(n, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && params[id.Name] {
					found = true
				}
				return !found
			})
		}
		return found
	}
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && (mentions(n.X) && mayBeField(n.Y) || mentions(n.Y) && mayBeField(n.X)) {
				u.always = true
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && mayBeField(n.Tag) && mentions(caseExprs(n)...) {
				u.always = true
			}
		case *ast.CallExpr:
			r.callUses(u, n, imports, local, mentions)
		}
		return !u.always
	})
}

// callUses records what call makes of u when it may pass a parameter on to
// an id position: u concerns kerror, or does if the function of the package
// it calls does.
func (r *exportReader) callUses(u *declUse, call *ast.CallExpr, imports map[string]importKind, local map[string]bool, mentions func(...ast.Node) bool) {
	args := make([]ast.Node, len(call.Args))
	for i, a := range call.Args {
		args[i] = a
	}
	fun := ast.Unparen(call.Fun)
	switch x := fun.(type) {
	case *ast.IndexExpr: // an instantiation
		fun = ast.Unparen(x.X)
	case *ast.IndexListExpr:
		fun = ast.Unparen(x.X)
	}
	switch fun := fun.(type) {
	case *ast.Ident:
		switch {
		case local[fun.Name]: // a function value
			u.always = u.always || mentions(args...)
		case r.topLevel[fun.Name]:
			if mentions(args...) {
				u.uses[fun.Name] = true
			}
		}
		// Otherwise predeclared (len, string), or of a dot import that
		// does not export: no id position.
		return
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok && !local[x.Name] && !r.topLevel[x.Name] {
			switch kind, imported := imports[x.Name]; {
			case kind == kerrorImport:
				if s, ok := kerrorSinks[fun.Sel.Name]; ok {
					for _, p := range s.parts {
						if p.Param >= 0 && !p.Recv && p.Param < len(call.Args) && mentions(call.Args[p.Param]) {
							u.always = true
						}
					}
				}
				return
			case imported: // may export
				u.always = u.always || mentions(args...)
				return
			default: // a plain import: no id position
				return
			}
		}
	}
	// A method (whose receiver may be the parameter), a function value,
	// a literal: anything.
	u.always = u.always || mentions(call)
}

// mayBeField reports whether e may be an error's id field, or a local copy
// of one (isIDField): a selector or a name.
func mayBeField(e ast.Expr) bool {
	switch ast.Unparen(e).(type) {
	case *ast.SelectorExpr, *ast.Ident:
		return true
	}
	return false
}

// mayHoldID reports whether a parameter declared with type t may be a
// string or a kerror.Scope (or a type parameter allowing only strings).
func (r *exportReader) mayHoldID(t ast.Expr, local map[string]bool) bool {
	switch t := ast.Unparen(t).(type) {
	case *ast.Ident:
		return !notStrings[t.Name] || local[t.Name] || r.topLevel[t.Name]
	case *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr:
		return true
	}
	return false
}

// notStrings are the predeclared types that are not strings.
var notStrings = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true, "complex128": true,
	"error": true, "float32": true, "float64": true, "int": true, "int8": true, "int16": true,
	"int32": true, "int64": true, "rune": true, "uint": true, "uint8": true, "uint16": true,
	"uint32": true, "uint64": true, "uintptr": true,
}

// exports reports whether an exported declaration concerns kerror, through
// the names of the package it uses.
func (r *exportReader) exports() bool {
	// A declaration uses the names it declares: a method's concern
	// reaches its type, and every declaration of a name concerns kerror
	// when one does.
	users := map[string][]*declUse{}
	var work []*declUse
	for _, u := range r.decls {
		if u.always {
			u.concerns = true
			work = append(work, u)
		}
		for _, n := range u.names {
			u.uses[n] = true
		}
		for n := range u.uses {
			if r.topLevel[n] {
				users[n] = append(users[n], u)
			}
		}
	}
	for len(work) > 0 {
		u := work[len(work)-1]
		work = work[:len(work)-1]
		if u.exported {
			return true
		}
		for _, n := range u.names {
			for _, user := range users[n] {
				if !user.concerns {
					user.concerns = true
					work = append(work, user)
				}
			}
		}
	}
	return false
}

// declaredNames returns the package-level names d declares (for a method,
// none: it is reached through its type).
func declaredNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	return names
}

// receiverBase returns the name of a receiver's type: T in T, *T, T[P].
func receiverBase(t ast.Expr) string {
	for {
		switch x := ast.Unparen(t).(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// localNames returns the names d binds: its receiver, type parameters,
// parameters and results, and every name declared in its body.
func localNames(d *ast.FuncDecl) map[string]bool {
	names := map[string]bool{}
	addFields := func(fields *ast.FieldList) {
		if fields == nil {
			return
		}
		for _, f := range fields.List {
			for _, n := range f.Names {
				names[n.Name] = true
			}
		}
	}
	addFields(d.Recv)
	if d.Recv != nil && len(d.Recv.List) > 0 {
		ast.Inspect(d.Recv.List[0].Type, func(n ast.Node) bool { // receiver type parameters: T[P]
			if id, ok := n.(*ast.Ident); ok {
				names[id.Name] = true
			}
			return true
		})
		delete(names, receiverBase(d.Recv.List[0].Type))
	}
	ast.Inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncType:
			addFields(n.TypeParams)
			addFields(n.Params)
			addFields(n.Results)
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok {
						names[id.Name] = true
					}
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for _, x := range []ast.Expr{n.Key, n.Value} {
					if id, ok := x.(*ast.Ident); ok {
						names[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				names[id.Name] = true
			}
		case *ast.TypeSpec:
			names[n.Name.Name] = true
		}
		return true
	})
	return names
}

// caseExprs returns the expressions of a switch's cases.
func caseExprs(s *ast.SwitchStmt) []ast.Node {
	var out []ast.Node
	for _, stmt := range s.Body.List {
		if c, ok := stmt.(*ast.CaseClause); ok {
			for _, e := range c.List {
				out = append(out, e)
			}
		}
	}
	return out
}
