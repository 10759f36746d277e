package oracle

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/packages"
)

// Metamorphic testing: every generated program is also analysed after
// rewrites that keep its meaning in Go (parenthesised callees, intermediate
// variables, closures, method values, a facade package, ...), and the
// analyzer must report the same diagnostics on the rewritten program, site
// by site: positions are mapped to the site (the marker block) that holds
// them, so that a diagnostic moved inside its site still corresponds. The
// rewrites are text edits computed from the type-checked original; each
// rewritten copy lives in the same module under rwN/, so that one kerrlint
// run judges the originals and every copy.

// A rewrite is one semantics-preserving transformation. apply adds edits
// for one file of a program package; it may add files (declarations the
// rewritten code needs) to the program copy.
type rewrite struct {
	name  string
	apply func(c *rwFile)
}

// rewrites is every rewrite the oracle applies.
var rewrites = []rewrite{
	{"paren-callee", rwParenCallee},
	{"paren-args", rwParenArgs},
	{"paren-receiver", rwParenReceiver},
	{"func-var", rwFuncVar},
	{"const-local", rwConstLocal},
	{"closure", rwClosure},
	{"defer", rwDefer},
	{"goroutine", rwGoroutine},
	{"const-file", rwConstFile},
	{"const-package", rwConstPackage},
	{"alias-import", rwAliasImport},
	{"type-alias", rwTypeAlias},
	{"generic-explicit", rwGenericExplicit},
	{"method-expr", rwMethodExpr},
	{"method-value", rwMethodValue},
	{"id-receiver", rwIDReceiver},
	{"facade", rwFacade},
}

// rewriteNamed returns the rewrite called name.
func rewriteNamed(name string) (rewrite, bool) {
	for _, r := range rewrites {
		if r.name == name {
			return r, true
		}
	}
	return rewrite{}, false
}

// rwProgram is the state of one rewrite of one program.
type rwProgram struct {
	prog  string            // progN
	extra map[string]string // added files, relative to the module, with the original import paths
	n     int               // counter for fresh names
	uses  map[string]bool   // per package dir: declarations the added files must hold
}

func (p *rwProgram) fresh(prefix string) string {
	p.n++
	return fmt.Sprintf("%s%d", prefix, p.n)
}

// rwFile is one file being rewritten.
type rwFile struct {
	p     *rwProgram
	pkg   *packages.Package
	file  *ast.File
	tf    *token.File
	src   []byte
	dir   string // the package's directory, relative to the module (progN/pK)
	edits []textEdit
	// imports to add to the file: name → path (the original module's).
	imports map[string]string
	// movedConsts are the constants rwConstPackage moved, by the name
	// they are exported under.
	movedConsts map[types.Object]string
	keepKerror  bool // the rewrite may leave kerror imported for nothing
}

type textEdit struct {
	pos, end int
	text     string
	seq      int
}

func (c *rwFile) off(p token.Pos) int { return c.tf.Offset(p) }

func (c *rwFile) insert(p token.Pos, text string) { c.replaceRange(p, p, text) }

func (c *rwFile) replaceRange(pos, end token.Pos, text string) {
	c.edits = append(c.edits, textEdit{c.off(pos), c.off(end), text, len(c.edits)})
}

func (c *rwFile) text(n ast.Node) string { return string(c.src[c.off(n.Pos()):c.off(n.End())]) }

func (c *rwFile) info() *types.Info { return c.pkg.TypesInfo }

// addImport makes the file import path as name.
func (c *rwFile) addImport(name, path string) { c.imports[name] = path }

// result applies the edits: sorted by position, an edit inside a range
// another one replaced is dropped (the moved text is the original's).
func (c *rwFile) result() []byte {
	if len(c.edits) == 0 && len(c.imports) == 0 {
		return nil
	}
	slices.SortStableFunc(c.edits, func(a, b textEdit) int {
		if a.pos != b.pos {
			return a.pos - b.pos
		}
		if ai, bi := a.pos == a.end, b.pos == b.end; ai != bi {
			if ai {
				return -1 // insertions before a replacement starting there
			}
			return 1
		}
		return a.seq - b.seq
	})
	var out []byte
	last := 0
	for _, e := range c.edits {
		if e.pos < last {
			continue // inside a replaced range
		}
		out = append(out, c.src[last:e.pos]...)
		out = append(out, e.text...)
		last = e.end
	}
	out = append(out, c.src[last:]...)
	if len(c.imports) > 0 {
		// After the package clause, on its line: line numbers stay.
		at := c.off(c.file.Name.End())
		var b strings.Builder
		for _, name := range sortedKeys(c.imports) {
			fmt.Fprintf(&b, "; import %s %q", name, c.imports[name])
		}
		out = slices.Concat(out[:at], []byte(b.String()), out[at:])
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// isBuiltinCall reports whether call calls a builtin or converts to a type
// written as a composite type expression: neither may be rewritten freely.
func isBuiltinCall(info *types.Info, call *ast.CallExpr) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if _, ok := info.Uses[id].(*types.Builtin); ok {
			return true
		}
	}
	switch ast.Unparen(call.Fun).(type) {
	case *ast.ArrayType, *ast.MapType, *ast.ChanType, *ast.FuncType, *ast.InterfaceType, *ast.StructType, *ast.StarExpr:
		return true
	}
	return false
}

// inferred reports whether call calls a generic function whose type
// arguments are inferred.
func (c *rwFile) inferred(call *ast.CallExpr) bool {
	var id *ast.Ident
	switch f := call.Fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	default:
		return false
	}
	_, ok := c.info().Instances[id]
	return ok
}

// isConversion reports whether call converts to a type.
func isConversion(info *types.Info, call *ast.CallExpr) bool {
	tv, ok := info.Types[call.Fun]
	return ok && tv.IsType()
}

// calls visits every call of the file with the stack of its enclosing nodes
// (innermost last).
func (c *rwFile) calls(visit func(call *ast.CallExpr, stack []ast.Node)) {
	var stack []ast.Node
	ast.Inspect(c.file, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if call, ok := n.(*ast.CallExpr); ok {
			visit(call, stack)
		}
		stack = append(stack, n)
		return true
	})
}

// stmtOf returns the innermost statement of stack that is an element of a
// statement list (a block or a case body), before which a declaration can
// be inserted; nil outside function bodies.
func stmtOf(stack []ast.Node) ast.Stmt {
	for i := len(stack) - 1; i > 0; i-- {
		st, ok := stack[i].(ast.Stmt)
		if !ok {
			continue
		}
		switch st.(type) {
		case *ast.CaseClause, *ast.CommClause, *ast.BlockStmt:
			continue
		}
		switch stack[i-1].(type) {
		case *ast.BlockStmt, *ast.CaseClause, *ast.CommClause:
			return st
		}
	}
	return nil
}

// declaredWithin reports whether e refers to something declared inside st
// (which a declaration inserted before st would not see).
func (c *rwFile) declaredWithin(e ast.Node, st ast.Stmt) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if obj := c.info().Uses[id]; obj != nil && obj.Pos() >= st.Pos() && obj.Pos() < st.End() {
				found = true
			}
		}
		return !found
	})
	return found
}

// rwParenCallee parenthesises callees: (f)(x). Not a generic function
// whose type arguments are inferred: Go requires it named, unparenthesised.
func rwParenCallee(c *rwFile) {
	c.calls(func(call *ast.CallExpr, _ []ast.Node) {
		if !isBuiltinCall(c.info(), call) && !c.inferred(call) {
			c.insert(call.Fun.Pos(), "(")
			c.insert(call.Fun.End(), ")")
		}
	})
}

func rwParenArgs(c *rwFile) {
	c.calls(func(call *ast.CallExpr, _ []ast.Node) {
		if isBuiltinCall(c.info(), call) {
			return
		}
		for _, a := range call.Args {
			c.insert(a.Pos(), "(")
			c.insert(a.End(), ")")
		}
	})
}

// rwParenReceiver parenthesises the receiver of method calls: (x).M().
func rwParenReceiver(c *rwFile) {
	c.calls(func(call *ast.CallExpr, _ []ast.Node) {
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return
		}
		if s := c.info().Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			c.insert(sel.X.Pos(), "(")
			c.insert(sel.X.End(), ")")
		}
	})
}

// plainFunc returns the package-level, non-generic function call calls by
// name (F or pkg.F), or nil.
func (c *rwFile) plainFunc(call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch f := call.Fun.(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		if c.info().Selections[f] != nil {
			return nil
		}
		id = f.Sel
	default:
		return nil
	}
	fn, _ := c.info().Uses[id].(*types.Func)
	if fn == nil || fn.Signature().Recv() != nil || fn.Signature().TypeParams().Len() > 0 {
		return nil
	}
	return fn
}

// rwFuncVar calls functions through a local variable assigned once:
// v := kerror.New; v(...). Not Define and the installs, whose rules the
// analyzer applies to direct calls (see notFollowed).
func rwFuncVar(c *rwFile) {
	c.calls(func(call *ast.CallExpr, stack []ast.Node) {
		fn := c.plainFunc(call)
		st := stmtOf(stack)
		if fn == nil || st == nil || fn.Pkg().Path() == "github.com/kerrlint/kerrlint/kerror" && slices.Contains([]string{"Define", "UseFS", "InstallFS", "Use", "Install"}, fn.Name()) {
			return
		}
		v := c.p.fresh("rwFn")
		c.insert(st.Pos(), fmt.Sprintf("%s := %s; ", v, c.text(call.Fun)))
		c.replaceRange(call.Fun.Pos(), call.Fun.End(), v)
	})
}

// rwConstLocal gives each constant string argument a local constant
// declared just before its statement.
func rwConstLocal(c *rwFile) {
	c.calls(func(call *ast.CallExpr, stack []ast.Node) {
		st := stmtOf(stack)
		if st == nil || isBuiltinCall(c.info(), call) || isConversion(c.info(), call) {
			return
		}
		for _, a := range call.Args {
			tv, ok := c.info().Types[a]
			if !ok || tv.Value == nil || !isStringType(tv.Type) || c.declaredWithin(a, st) {
				continue
			}
			if _, isIdent := a.(*ast.Ident); isIdent {
				continue
			}
			k := c.p.fresh("rwK")
			c.insert(st.Pos(), fmt.Sprintf("const %s = %s; ", k, c.text(a)))
			c.replaceRange(a.Pos(), a.End(), k)
		}
	})
}

func isStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// rwClosure moves calls into closures called at once: a call statement
// into func() { ... }(), the error a site observes into
// func() error { return ... }(), a returned call into a closure returning it.
func rwClosure(c *rwFile) {
	ast.Inspect(c.file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ExprStmt:
			if call, ok := n.X.(*ast.CallExpr); ok && !isBuiltinCall(c.info(), call) {
				c.insert(n.Pos(), "func() { ")
				c.insert(n.End(), " }()")
				return false
			}
		case *ast.FuncDecl:
			if n.Body == nil || n.Type.Results == nil || len(n.Type.Results.List) != 1 || len(n.Type.Results.List[0].Names) > 1 {
				return true
			}
			result := c.text(n.Type.Results.List[0].Type)
			ast.Inspect(n.Body, func(m ast.Node) bool {
				if _, ok := m.(*ast.FuncLit); ok {
					return false
				}
				if ret, ok := m.(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
					if call, ok := ret.Results[0].(*ast.CallExpr); ok && !isBuiltinCall(c.info(), call) {
						c.insert(call.Pos(), "func() "+result+" { return ")
						c.insert(call.End(), " }()")
					}
				}
				return true
			})
			return true
		}
		return true
	})
}

// lastCallStmts visits the call statements ending a function body.
func (c *rwFile) lastCallStmts(visit func(st *ast.ExprStmt, call *ast.CallExpr)) {
	ast.Inspect(c.file, func(n ast.Node) bool {
		var body *ast.BlockStmt
		switch f := n.(type) {
		case *ast.FuncDecl:
			body = f.Body
		case *ast.FuncLit:
			body = f.Body
		}
		if body != nil && len(body.List) > 0 {
			if st, ok := body.List[len(body.List)-1].(*ast.ExprStmt); ok {
				if call, ok := st.X.(*ast.CallExpr); ok && !isBuiltinCall(c.info(), call) && !isConversion(c.info(), call) {
					visit(st, call)
				}
			}
		}
		return true
	})
}

// rwDefer defers the call that ends a function: it runs at the same point.
func rwDefer(c *rwFile) {
	c.lastCallStmts(func(st *ast.ExprStmt, _ *ast.CallExpr) { c.insert(st.Pos(), "defer ") })
}

// rwGoroutine runs the call that ends a function in a goroutine waited for.
func rwGoroutine(c *rwFile) {
	c.lastCallStmts(func(st *ast.ExprStmt, _ *ast.CallExpr) {
		done := c.p.fresh("rwDone")
		c.insert(st.Pos(), fmt.Sprintf("%s := make(chan struct{}); go func() { defer close(%s); ", done, done))
		c.insert(st.End(), fmt.Sprintf(" }(); <-%s", done))
	})
}

// movableConsts returns the package-level constant declarations of the
// file whose values are literals only, untyped and unexported: they can
// move to another file or package.
func (c *rwFile) movableConsts() []*ast.GenDecl {
	var out []*ast.GenDecl
	for _, d := range c.file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST || gd.Lparen.IsValid() {
			continue
		}
		ok = true
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if vs.Type != nil || len(vs.Values) != len(vs.Names) {
				ok = false
			}
			for _, name := range vs.Names {
				ok = ok && !ast.IsExported(name.Name)
			}
			for _, v := range vs.Values {
				ast.Inspect(v, func(n ast.Node) bool {
					if _, isIdent := n.(*ast.Ident); isIdent {
						ok = false
					}
					return ok
				})
			}
		}
		if ok {
			out = append(out, gd)
		}
	}
	return out
}

// rwConstFile moves constants to another file of the package.
func rwConstFile(c *rwFile) {
	var b strings.Builder
	for _, gd := range c.movableConsts() {
		b.WriteString(c.text(gd) + "\n")
		c.replaceRange(gd.Pos(), gd.End(), "")
	}
	if b.Len() > 0 {
		name := c.dir + "/" + c.p.fresh("rw_moved") + ".go"
		c.p.extra[name] = "package " + c.file.Name.Name + "\n\n" + b.String()
	}
}

// rwConstPackage moves constants to a package of their own, exported.
func rwConstPackage(c *rwFile) {
	moved := map[types.Object]string{}
	var b strings.Builder
	for _, gd := range c.movableConsts() {
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				exported := "K" + name.Name
				moved[c.info().Defs[name]] = exported
				fmt.Fprintf(&b, "const %s = %s\n", exported, c.text(vs.Values[i]))
			}
		}
		c.replaceRange(gd.Pos(), gd.End(), "")
	}
	if len(moved) == 0 {
		return
	}
	pkgDir := c.p.prog + "/kconst"
	path := filepath.ToSlash(filepath.Join(pkgDir, c.p.fresh("k")+".go"))
	c.p.extra[path] = "package kconst\n\n" + b.String()
	c.movedConsts = moved // every file of the package may use them
}

// rwAliasImport imports kerror under another name.
func rwAliasImport(c *rwFile) {
	for _, imp := range c.file.Imports {
		if imp.Path.Value == `"github.com/kerrlint/kerrlint/kerror"` && imp.Name == nil {
			c.insert(imp.Path.Pos(), "kerr2 ")
			ast.Inspect(c.file, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok {
					if pn, ok := c.info().Uses[id].(*types.PkgName); ok && pn.Imported().Path() == "github.com/kerrlint/kerrlint/kerror" {
						c.replaceRange(id.Pos(), id.End(), "kerr2")
					}
				}
				return true
			})
		}
	}
}

// kerrorSel returns the kerror object sel names (kerror.X), or nil.
func (c *rwFile) kerrorSel(sel *ast.SelectorExpr) types.Object {
	x, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	pn, ok := c.info().Uses[x].(*types.PkgName)
	if !ok || pn.Imported().Path() != "github.com/kerrlint/kerrlint/kerror" {
		return nil
	}
	return c.info().Uses[sel.Sel]
}

// rwTypeAlias names kerror's types through aliases of the package.
func rwTypeAlias(c *rwFile) {
	used := false
	ast.Inspect(c.file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if tn, ok := c.kerrorSel(sel).(*types.TypeName); ok {
				c.replaceRange(sel.Pos(), sel.End(), "rwAlias"+tn.Name())
				c.p.uses["alias:"+c.dir] = true
				used = true
			}
		}
		return true
	})
	if used {
		// kerror may now be imported for nothing.
		c.insert(c.file.End(), "\nvar _ = kerror.WithMessage\n")
	}
}

// rwGenericExplicit writes the type arguments that calls of generic
// functions infer.
func rwGenericExplicit(c *rwFile) {
	qual := func(p *types.Package) string {
		if p == c.pkg.Types {
			return ""
		}
		for _, imp := range c.file.Imports {
			if strings.Trim(imp.Path.Value, `"`) == p.Path() {
				if imp.Name != nil {
					return imp.Name.Name
				}
				return p.Name()
			}
		}
		return "\x00"
	}
	c.calls(func(call *ast.CallExpr, _ []ast.Node) {
		var id *ast.Ident
		switch f := call.Fun.(type) {
		case *ast.Ident:
			id = f
		case *ast.SelectorExpr:
			id = f.Sel
		default:
			return
		}
		inst, ok := c.info().Instances[id]
		if !ok {
			return
		}
		var args []string
		for i := 0; i < inst.TypeArgs.Len(); i++ {
			s := types.TypeString(inst.TypeArgs.At(i), qual)
			if strings.Contains(s, "\x00") {
				return
			}
			args = append(args, s)
		}
		c.insert(call.Fun.End(), "["+strings.Join(args, ", ")+"]")
	})
}

// methodOf returns the selection of a call of a concrete method x.M(...).
func (c *rwFile) methodOf(call *ast.CallExpr) (*ast.SelectorExpr, *types.Selection) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	s := c.info().Selections[sel]
	if s == nil || s.Kind() != types.MethodVal || types.IsInterface(s.Recv()) || len(s.Index()) != 1 {
		return nil, nil
	}
	return sel, s
}

// rwMethodExpr calls methods through method expressions: T.M(x, ...).
func rwMethodExpr(c *rwFile) {
	c.calls(func(call *ast.CallExpr, _ []ast.Node) {
		sel, s := c.methodOf(call)
		if sel == nil {
			return
		}
		fn := s.Obj().(*types.Func)
		recvT := fn.Signature().Recv().Type()
		// The receiver must have the method's receiver type exactly.
		if !types.Identical(c.info().TypeOf(sel.X), recvT) {
			return
		}
		named, ptr := recvT, false
		if p, ok := recvT.(*types.Pointer); ok {
			named, ptr = p.Elem(), true
		}
		n, ok := types.Unalias(named).(*types.Named)
		if !ok || n.TypeArgs().Len() > 0 {
			return
		}
		var tname string
		switch {
		case n.Obj().Pkg() == c.pkg.Types:
			tname = n.Obj().Name()
		case n.Obj().Pkg().Path() == "github.com/kerrlint/kerrlint/kerror" && c.importsKerror():
			tname = "kerror." + n.Obj().Name()
		default:
			return
		}
		if ptr {
			tname = "(*" + tname + ")"
		}
		c.replaceRange(call.Fun.Pos(), call.Fun.End(), tname+"."+sel.Sel.Name)
		recv := c.text(sel.X)
		if len(call.Args) > 0 {
			recv += ", "
		}
		c.insert(call.Lparen+1, recv)
	})
}

func (c *rwFile) importsKerror() bool {
	for _, imp := range c.file.Imports {
		if imp.Path.Value == `"github.com/kerrlint/kerrlint/kerror"` && imp.Name == nil {
			return true
		}
	}
	return false
}

// rwMethodValue calls methods through a method value taken just before:
// m := x.M; m(...).
func rwMethodValue(c *rwFile) {
	c.calls(func(call *ast.CallExpr, stack []ast.Node) {
		sel, _ := c.methodOf(call)
		st := stmtOf(stack)
		if sel == nil || st == nil || c.declaredWithin(sel.X, st) {
			return
		}
		m := c.p.fresh("rwM")
		c.insert(st.Pos(), fmt.Sprintf("%s := %s; ", m, c.text(sel)))
		c.replaceRange(call.Fun.Pos(), call.Fun.End(), m)
	})
}

// rwIDReceiver raises through a method of an id type:
// kerror.New(id, args...) becomes rwID(id).New(args...).
func rwIDReceiver(c *rwFile) {
	c.calls(func(call *ast.CallExpr, _ []ast.Node) {
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || len(call.Args) == 0 {
			return
		}
		fn, ok := c.kerrorSel(sel).(*types.Func)
		if !ok || fn.Name() != "New" {
			return
		}
		if len(call.Args) == 1 && call.Ellipsis.IsValid() {
			return
		}
		head := "rwID(" + c.text(call.Args[0]) + ").New("
		if len(call.Args) > 1 {
			c.replaceRange(call.Pos(), call.Args[1].Pos(), head)
		} else {
			c.replaceRange(call.Pos(), call.Args[0].End(), head)
		}
		c.p.uses["idtype:"+c.dir] = true
		c.keepKerror = true
	})
	if c.keepKerror {
		c.insert(c.file.End(), "\nvar _ = kerror.WithMessage\n")
	}
}

// facadeFuncs are the kerror functions the facade package wraps, with
// their signatures.
func facadeFuncs() map[string][2]string {
	m := map[string][2]string{
		"New":     {"id string, placeholders ...any", "*kerror.Error"},
		"NewFrom": {"cause error, id string, placeholders ...any", "*kerror.Error"},
		"Get":     {"domain, subdomain, name string, placeholders ...any", "*kerror.Error"},
		"GetFrom": {"cause error, domain, subdomain, name string, placeholders ...any", "*kerror.Error"},
		"Wrap":    {"domain, subdomain string", "kerror.Scope"},
		"Is":      {"err error, id string", "bool"},
	}
	for _, c := range registry.Classes() {
		if c.Constructor != "" {
			m[c.Constructor] = [2]string{"id string, placeholders ...any", "*kerror.Error"}
		}
	}
	return m
}

// facadeSource is the facade package: kerror's functions under the same names.
func facadeSource() string {
	var b strings.Builder
	b.WriteString("// Package kfacade is a service's own errors package over kerror.\npackage kfacade\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n")
	funcs := facadeFuncs()
	for _, name := range sortedKeys(funcs) {
		sig := funcs[name]
		var args []string
		for _, p := range strings.Split(sig[0], ", ") {
			args = append(args, strings.Fields(p)[0])
		}
		call := strings.Join(args, ", ")
		if strings.HasSuffix(sig[0], "...any") {
			call += "..."
		}
		fmt.Fprintf(&b, "\nfunc %s(%s) %s { return kerror.%s(%s) }\n", name, sig[0], sig[1], name, call)
	}
	return b.String()
}

// rwFacade raises through the service's facade package instead of kerror.
func rwFacade(c *rwFile) {
	funcs := facadeFuncs()
	used := false
	ast.Inspect(c.file, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if fn, ok := c.kerrorSel(sel).(*types.Func); ok {
				if _, ok := funcs[fn.Name()]; ok {
					c.replaceRange(sel.X.Pos(), sel.X.End(), "kfacade")
					used = true
				}
			}
		}
		return true
	})
	if used {
		c.addImport("kfacade", module+"/"+c.p.prog+"/kfacade")
		c.insert(c.file.End(), "\nvar _ = kerror.WithMessage\n")
		c.p.extra[c.p.prog+"/kfacade/kfacade.go"] = facadeSource()
	}
}

// packageFiles adds, per package directory, the declarations its
// rewritten files use.
func (p *rwProgram) packageFiles(pkgNames map[string]string) {
	for key := range p.uses {
		kind, dir, _ := strings.Cut(key, ":")
		name := pkgNames[dir]
		switch kind {
		case "alias":
			p.extra[dir+"/rw_alias.go"] = "package " + name + "\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\n" +
				"type (\n\trwAliasError = kerror.Error\n\trwAliasScope = kerror.Scope\n\trwAliasDefinition = kerror.Definition\n\trwAliasClass = kerror.Class\n\trwAliasOption = kerror.Option\n)\n"
		case "idtype":
			p.extra[dir+"/rw_id.go"] = "package " + name + "\n\nimport \"github.com/kerrlint/kerrlint/kerror\"\n\n" +
				"// rwID is an error id; New raises it.\ntype rwID string\n\nfunc (c rwID) New(placeholders ...any) *kerror.Error { return kerror.New(string(c), placeholders...) }\n"
		}
	}
}

// rewriteModule writes, for rewrite rw, a copy of every program under
// rwDir (relative to dir) with the rewrite applied. It loads the originals
// with their types from the module in dir.
func rewriteModule(dir string, pkgs []*packages.Package, progs []*Program, rw rewrite, rwDir string, mc *MetaCounts) error {
	for _, prog := range progs {
		name := prog.Name()
		p := &rwProgram{prog: name, extra: map[string]string{}, uses: map[string]bool{}}
		pkgNames := map[string]string{}
		files := map[string][]byte{}
		var constFiles []*rwFile
		moved := map[types.Object]string{}
		for _, pkg := range pkgs {
			if pkg.PkgPath != module+"/"+name && !strings.HasPrefix(pkg.PkgPath, module+"/"+name+"/") {
				continue
			}
			pdir := strings.TrimPrefix(pkg.PkgPath, module+"/")
			pkgNames[pdir] = pkg.Name
			for i, f := range pkg.Syntax {
				path := pkg.CompiledGoFiles[i]
				src, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				rel, err := filepath.Rel(dir, path)
				if err != nil {
					return err
				}
				c := &rwFile{p: p, pkg: pkg, file: f, tf: pkg.Fset.File(f.Pos()), src: src, dir: pdir, imports: map[string]string{}}
				rw.apply(c)
				for obj, exported := range c.movedConsts {
					moved[obj] = exported
				}
				constFiles = append(constFiles, c)
				files[filepath.ToSlash(rel)] = nil
			}
		}
		// Constants moved to another package are used qualified.
		if len(moved) > 0 {
			for _, c := range constFiles {
				usesMoved := false
				ast.Inspect(c.file, func(n ast.Node) bool {
					if id, ok := n.(*ast.Ident); ok {
						if exported, ok := moved[c.info().Uses[id]]; ok {
							c.replaceRange(id.Pos(), id.End(), "kconst."+exported)
							usesMoved = true
						}
					}
					return true
				})
				if usesMoved {
					c.addImport("kconst", module+"/"+name+"/kconst")
				}
			}
		}
		p.packageFiles(pkgNames)
		for _, c := range constFiles {
			mc.Edits += len(c.edits) + len(c.imports)
			rel, _ := filepath.Rel(dir, c.tf.Name())
			out := c.result()
			if out == nil {
				out = c.src
			}
			files[filepath.ToSlash(rel)] = out
		}
		for rel, text := range p.extra {
			files[rel] = []byte(text)
		}
		// The other files of the program (embedded registries) as they are.
		err := filepath.WalkDir(filepath.Join(dir, name), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(dir, path)
			if err != nil {
				return err
			}
			if _, ok := files[filepath.ToSlash(rel)]; !ok {
				data, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				files[filepath.ToSlash(rel)] = data
			}
			return nil
		})
		if err != nil {
			return err
		}
		for rel, out := range files {
			text := strings.ReplaceAll(string(out), `"`+module+"/"+name+"/", `"`+module+"/"+rwDir+"/"+name+"/")
			path := filepath.Join(dir, rwDir, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// loadPrograms type-checks the programs of the module in dir.
func loadPrograms(dir string) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedSyntax |
			packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports,
		Dir: dir,
		Env: append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off"),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		return nil, err
	}
	var errs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			errs = append(errs, e.Error())
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("generated programs do not type-check:\n%s", strings.Join(errs, "\n"))
	}
	return pkgs, nil
}

// MetaCounts follow one rewrite: sites checked, diagnostics of the
// originals compared, sites whose diagnostics the rewrite changed, and the
// edits it made.
type MetaCounts struct{ Sites, Diags, Differ, Edits int }

// CheckRewrites analyses progs and their copies under every rewrite in
// one kerrlint run, and returns the sites whose diagnostics differ
// between a program and a rewritten copy (Kind "metamorphic", Form the
// rewrite), and any crash.
func (env *Env) CheckRewrites(progs []*Program, rws []rewrite, counts map[string]*MetaCounts) ([]Disagreement, error) {
	dir, err := os.MkdirTemp(env.Work, "meta")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := env.writeModule(dir, theUniverse(), progs); err != nil {
		return nil, err
	}
	start := time.Now()
	pkgs, err := loadPrograms(dir)
	if err != nil {
		return nil, err
	}
	timing := func(what string) {
		if os.Getenv("KERRLINT_ORACLE_TIMING") != "" {
			fmt.Fprintf(os.Stderr, "%s: %v\n", what, time.Since(start))
		}
		start = time.Now()
	}
	timing("load")
	for i, rw := range rws {
		if counts[rw.name] == nil {
			counts[rw.name] = &MetaCounts{}
		}
		if err := rewriteModule(dir, pkgs, progs, rw, fmt.Sprintf("rw%d", i), counts[rw.name]); err != nil {
			return nil, fmt.Errorf("rewrite %s: %v", rw.name, err)
		}
	}
	timing("rewrite")
	var out []Disagreement
	var copies []string
	for i := range rws {
		copies = append(copies, fmt.Sprintf("rw%d", i))
	}
	diags, err := env.verdicts(dir, progs, copies...)
	if err != nil {
		return nil, err
	}
	timing("kerrlint")
	// site → rewrite index (-1: original) → categories reported
	type key struct {
		rw   int
		prog string
		site string
	}
	got := map[key][]string{}
	for _, d := range diags {
		switch {
		case d.Category == typeError && strings.HasPrefix(d.Posn, module+"/rw"):
			// A copy that does not type-check is the rewrite's fault.
			var i int
			if _, err := fmt.Sscanf(strings.TrimPrefix(d.Posn, module+"/"), "rw%d/", &i); err != nil || i >= len(rws) {
				i = 0
			}
			out = append(out, Disagreement{Form: rws[i].name, Kind: "rewrite-error", Category: d.Category, Detail: d.Posn + ": " + d.Message})
			continue
		case d.Category == internalError || d.Category == typeError:
			out = append(out, Disagreement{Marker: d.Marker, Kind: "crash", Category: d.Category, Detail: d.Posn + ": " + d.Message})
			continue
		}
		rel, err := filepath.Rel(dir, d.file)
		if err != nil {
			continue
		}
		parts := strings.Split(filepath.ToSlash(rel), "/")
		k := key{rw: -1}
		if strings.HasPrefix(parts[0], "rw") && len(parts) > 1 {
			fmt.Sscanf(parts[0], "rw%d", &k.rw)
			parts = parts[1:]
		}
		k.prog = parts[0]
		k.site = d.Marker
		if k.site == "" {
			k.site = "file " + strings.Join(parts[1:], "/")
		}
		got[k] = append(got[k], d.Category)
	}
	sites := map[string][]string{} // prog → sites with diagnostics in any version
	for k := range got {
		if !slices.Contains(sites[k.prog], k.site) {
			sites[k.prog] = append(sites[k.prog], k.site)
		}
	}
	for i, rw := range rws {
		mc := counts[rw.name]
		for _, p := range progs {
			prog := p.Name()
			mc.Sites += len(p.Sites)
			for _, site := range sites[prog] {
				a, b := got[key{-1, prog, site}], got[key{i, prog, site}]
				sort.Strings(a)
				sort.Strings(b)
				mc.Diags += len(a)
				if !slices.Equal(a, b) {
					mc.Differ++
					form := ""
					for _, s := range p.Sites {
						if p.render(s.Marker) == site {
							form = s.Form
						}
					}
					out = append(out, Disagreement{Marker: site, Form: rw.name, Mutation: form, Kind: "metamorphic",
						Detail: fmt.Sprintf("%s: original %v, rewritten %v", prog, a, b)})
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out, nil
}
