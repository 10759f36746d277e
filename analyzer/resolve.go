package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"slices"

	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// unit is the analysis of one package: the syntax it scanned, what it
// learned (definitions, Scope and Definition variables, wrappers, error
// types) and the sites it resolved from them.
type unit struct {
	pass   *analysis.Pass
	reg    *registry.Registry
	strict bool
	funcs  Funcs // -funcs: the functions whose parameter is an id
	// funcsTarget says the package declares a -funcs function, whose
	// callers in its importers raise.
	funcsTarget bool
	// registryGiven: Settings.RegistryFS carries the registry, for drivers
	// that give the analyzer no embedded files (installs.go).
	registryGiven bool
	folds         *folds // the checker's, shared by its packages (folds.go)

	syntax   syntax
	vars     onceVars
	defs     definitions
	installs installs
	wrappers wrappers
	errTypes map[*types.TypeName]*errorTypeFact
	badFuncs map[*ast.CallExpr]bool // calls reported for a -funcs entry naming no parameter
	sites    []*site

	knownAll *registry.Registry // the registry with every definition, for suggestions; built on first use
}

// syntax is what one traversal of the package's files collects.
type syntax struct {
	constLit   map[*types.Const]*ast.BasicLit // string constants declared by a literal here
	funcDecls  []*ast.FuncDecl
	typeDecls  []typeDecl
	defines    []*ast.CallExpr // kerror.Define calls, in source order
	candidates []ast.Node      // calls, composite literals, comparisons and switches
	// initCallees are the callees of the Define and install calls;
	// initValues the other uses of those functions (define := kerror.Define).
	initCallees map[*ast.Ident]bool
	initValues  []*ast.Ident
}

type typeDecl struct {
	spec *ast.TypeSpec
	doc  *ast.CommentGroup
}

func newUnit(pass *analysis.Pass, reg *registry.Registry, strict bool, funcs Funcs) *unit {
	return &unit{
		pass: pass, reg: reg, strict: strict, funcs: funcs,
		syntax:   syntax{constLit: map[*types.Const]*ast.BasicLit{}, initCallees: map[*ast.Ident]bool{}},
		vars:     newOnceVars(),
		defs:     newDefinitions(),
		installs: newInstalls(),
		wrappers: newWrappers(),
		errTypes: map[*types.TypeName]*errorTypeFact{},
		badFuncs: map[*ast.CallExpr]bool{},
	}
}

// resolve turns the package into sites. The order matters: the registry
// is complete (the Defines and installs of the import closure and the
// package's own, applied as initialization runs them) before anything is
// looked up in it; definitions are known before the calls that raise them; directives make wrappers
// before inference builds wrappers of wrappers on them; the sites are
// resolved once every wrapper is known.
func (u *unit) resolve(ignores *ignores) {
	u.scan(ignores)
	u.importDefinitions()
	u.resolveInit()
	u.resolveInitValues()
	u.directives()
	u.inferWrappers()
	u.directedPlaceholders()
	for _, n := range u.syntax.candidates {
		u.resolveCandidate(n)
	}
	u.resolveGenerated()
}

// scan collects, in one traversal, what the later phases need.
func (u *unit) scan(ignores *ignores) {
	for _, f := range u.pass.Files {
		lines := ignores.collect(u, f)
		tf := u.pass.Fset.File(f.Pos())
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				return true
			}
			lines.markTrailing(n, tf)
			switch n := n.(type) {
			case *ast.FuncDecl:
				u.syntax.funcDecls = append(u.syntax.funcDecls, n)
			case *ast.GenDecl:
				u.scanTypeDecls(n)
				u.scanEmbeds(n)
			case *ast.ValueSpec:
				u.scanValueSpec(n)
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					value := assigned(n.Lhs, n.Rhs, i)
					if v := u.varOf(lhs); v != nil {
						u.vars.assign(u, v, value)
					}
				}
			case *ast.RangeStmt:
				if n.Tok == token.ASSIGN {
					for _, x := range []ast.Expr{n.Key, n.Value} {
						if x == nil {
							continue
						}
						if v := u.varOf(x); v != nil {
							u.vars.assign(u, v, nil)
						}
					}
				}
			case *ast.UnaryExpr:
				if v := u.varOf(n.X); v != nil && n.Op == token.AND {
					u.vars.addressTaken(v)
				}
			case *ast.CallExpr:
				switch kerrorFunc(u.namedCallee(n)) {
				case "Define":
					u.syntax.defines = append(u.syntax.defines, n)
					u.syntax.initCallees[calleeIdent(n.Fun)] = true
				case "UseFS", "InstallFS", "Use", "Install":
					u.installs.calls = append(u.installs.calls, n)
					u.syntax.initCallees[calleeIdent(n.Fun)] = true
				default:
					u.syntax.candidates = append(u.syntax.candidates, n)
				}
			case *ast.CompositeLit, *ast.SwitchStmt:
				u.syntax.candidates = append(u.syntax.candidates, n)
			case *ast.Ident:
				u.scanInitValue(n)
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					u.syntax.candidates = append(u.syntax.candidates, n)
				}
			}
			return true
		})
	}
}

// scanInitValue records id when it names kerror.Define or an install other
// than as the callee of a call (the call is visited first).
func (u *unit) scanInitValue(id *ast.Ident) {
	switch id.Name {
	case "Define", "UseFS", "InstallFS", "Use", "Install":
		if fn, ok := u.pass.TypesInfo.Uses[id].(*types.Func); ok && kerrorFunc(fn) == id.Name && !u.syntax.initCallees[id] {
			u.syntax.initValues = append(u.syntax.initValues, id)
		}
	}
}

// resolveInitValues opens the registry for each kerror.Define or install
// the package uses as a function value (define := kerror.Define): kerrlint
// does not follow the calls through it, which may register any id, so
// unknown ids are not reported here nor in the package's importers (its
// fact carries an open install), and -strict reports it as dynamic-id.
func (u *unit) resolveInitValues() {
	for _, id := range u.syntax.initValues {
		u.installs.open, u.installs.seen = true, true
		u.installs.own = append(u.installs.own, install{Pkg: u.pass.Pkg.Path(), Call: u.pass.Fset.Position(id.Pos()).String(),
			Replace: id.Name == "UseFS" || id.Name == "Use", Open: true})
		u.sites = append(u.sites, &site{kind: installSite, node: id,
			dynamic: &dynamic{id, "kerror." + id.Name + " used as a value: kerrlint does not follow the calls through it, which may register any id"}})
	}
}

// scanValueSpec records string constants declared by a literal, and the
// initialisers of Scope and Definition variables.
func (u *unit) scanValueSpec(n *ast.ValueSpec) {
	for i, name := range n.Names {
		value := assigned(n.Names, n.Values, i)
		switch obj := u.pass.TypesInfo.Defs[name].(type) {
		case *types.Const:
			if lit, ok := ast.Unparen(value).(*ast.BasicLit); ok && lit.Kind == token.STRING {
				u.syntax.constLit[obj] = lit
			}
		case *types.Var:
			if value != nil || isString(obj.Type()) {
				u.vars.assign(u, obj, value) // a string declared without a value holds "" first
			}
		}
	}
}

// assigned returns the expression assigned to the i-th of lhs: its own
// value, or, for the first of lhs := f() where f returns several results,
// the call (its first result; a variable assigned a later one is assigned
// something unknown).
func assigned[L any](lhs []L, rhs []ast.Expr, i int) ast.Expr {
	switch {
	case len(lhs) == len(rhs):
		return rhs[i]
	case len(rhs) == 1 && i == 0:
		if _, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
			return rhs[0]
		}
	}
	return nil
}

// scanTypeDecls records the type declarations that have a doc comment.
func (u *unit) scanTypeDecls(n *ast.GenDecl) {
	if n.Tok != token.TYPE {
		return
	}
	for _, spec := range n.Specs {
		doc := spec.(*ast.TypeSpec).Doc
		if doc == nil && len(n.Specs) == 1 {
			doc = n.Doc
		}
		if doc != nil {
			u.syntax.typeDecls = append(u.syntax.typeDecls, typeDecl{spec.(*ast.TypeSpec), doc})
		}
	}
}

// resolveCandidate adds the sites of one candidate node, if it is one.
func (u *unit) resolveCandidate(n ast.Node) {
	switch n := n.(type) {
	case *ast.CallExpr:
		if _, _, ok := u.wrapParts(n); ok {
			u.addScopeSite(n)
		} else {
			u.addCallSite(n)
		}
	case *ast.CompositeLit:
		u.addLiteralSite(n)
	case *ast.BinaryExpr:
		if u.isIDField(n.X) {
			u.addComparedSite(n.Y)
		} else if u.isIDField(n.Y) {
			u.addComparedSite(n.X)
		}
	case *ast.SwitchStmt:
		if n.Tag != nil && u.isIDField(n.Tag) {
			for _, stmt := range n.Body.List {
				for _, e := range stmt.(*ast.CaseClause).List {
					u.addComparedSite(e)
				}
			}
		}
	}
}

// addCallSite adds the raise or comparison that call makes, if any.
func (u *unit) addCallSite(call *ast.CallExpr) {
	s := u.sinkOf(call)
	if s == nil || u.wrappers.forwarding[call] {
		return // not a raise, or a wrapper's body: its callers are checked
	}
	st := &site{kind: raiseSite, node: call, sink: s}
	if s.compare {
		st.kind = compareSite
	}
	if v := u.calleeVar(call); v != nil {
		st.via = v.Name() // the fixes that rename the callee do not apply
	} else if fn := u.callee(call); kerrorFunc(fn) == "" {
		st.via = fn.Name()
	}
	if s.first >= 0 && len(call.Args) >= s.first {
		st.args, st.spread = call.Args[s.first:], call.Ellipsis.IsValid()
	}
	id, ok := u.idOf(call, s)
	switch {
	case !ok:
		st.dynamic = &dynamic{s.scope, "cannot check this id: the scope is not a kerror.Wrap with constant arguments assigned once"}
	case !id.known():
		st.id = id
		st.dynamic = &dynamic{id.node(nil), "cannot check this id: it is not a compile-time constant"}
	case s.compare && len(id) == 1 && id[0].value == "":
		return // the empty string is not an id but the test for "no id", as at ==
	default:
		st.id = id
		st.entry, _ = u.lookup(id.String())
	}
	u.sites = append(u.sites, st)
}

// addScopeSite adds a kerror.Wrap, or a function returning one, with
// constant arguments.
func (u *unit) addScopeSite(call *ast.CallExpr) {
	domain, subdomain, _ := u.wrapParts(call)
	id := idRef{domain, subdomain}
	if id.known() {
		u.sites = append(u.sites, &site{kind: scopeSite, node: call, id: id})
	}
}

// addComparedSite adds the constant side of a comparison with an id. The
// empty string is not an id but the test for "no id".
func (u *unit) addComparedSite(e ast.Expr) {
	if p := u.part(e); p.known && p.value != "" {
		st := &site{kind: compareSite, node: e, id: idRef{p}}
		st.entry, _ = u.lookup(p.value)
		u.sites = append(u.sites, st)
	}
}

// addLiteralSite adds a composite literal of kerror.Error or of a
// //kerrlint:error type (value or pointer, with its type elided in slices and
// maps) that sets the id field. Outside package kerror, kerror.Error
// literals are keyed: the type has an unexported field.
func (u *unit) addLiteralSite(lit *ast.CompositeLit) {
	names := u.errorFields(u.pass.TypesInfo.TypeOf(lit))
	if names == nil {
		return
	}
	fields := map[string]ast.Expr{}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name != "" {
				fields[key.Name] = kv.Value
			}
		}
	}
	idExpr, ok := fields[names.ID]
	if !ok {
		return
	}
	st := &site{kind: literalSite, node: lit, id: idRef{u.part(idExpr)}}
	if !st.id.known() {
		st.dynamic = &dynamic{idExpr, "cannot check this id: it is not a compile-time constant"}
	} else {
		st.entry, _ = u.lookup(st.id.String())
	}
	for name, dst := range map[string]*ast.Expr{names.Class: &st.class, names.Status: &st.status, names.Code: &st.code} {
		if name != "" {
			*dst = fields[name]
		}
	}
	u.sites = append(u.sites, st)
}

// idOf returns the id that call sends to s. ok is false when the id comes
// from a scope that is not a kerror.Wrap with constant arguments.
func (u *unit) idOf(call *ast.CallExpr, s *sink) (id idRef, ok bool) {
	if s.scope != nil {
		domain, subdomain, ok := u.scopeOf(s.scope)
		if !ok {
			return nil, false
		}
		if s.bound { // written where the method value was taken, not at this call
			domain.expr, subdomain.expr = nil, nil
		}
		id = idRef{domain, subdomain}
	}
	for _, p := range s.parts {
		switch {
		case p.Recv && s.recv != nil:
			r := u.part(s.recv)
			if s.bound {
				r.expr = nil
			}
			id = append(id, r)
		case p.Recv:
			id = append(id, part{})
		case p.Param < 0:
			id = append(id, part{value: p.Value, known: true})
		case p.Param < len(call.Args):
			id = append(id, u.part(call.Args[p.Param]))
		default:
			id = append(id, part{})
		}
	}
	return id, true
}

// part resolves e to a string constant through the type checker.
func (u *unit) part(e ast.Expr) part {
	tv, ok := u.pass.TypesInfo.Types[e]
	if ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return part{value: constant.StringVal(tv.Value), known: true, expr: e}
	}
	return part{expr: e}
}

// scopeOf resolves a kerror.Scope expression: a kerror.Wrap call, or a
// variable assigned exactly once, from a kerror.Wrap call.
func (u *unit) scopeOf(x ast.Expr) (domain, subdomain part, ok bool) {
	x = ast.Unparen(x)
	var wrap *ast.CallExpr
	switch x := x.(type) {
	case *ast.CallExpr:
		wrap = x
	case *ast.Ident, *ast.SelectorExpr:
		v := u.varOf(x)
		if v == nil {
			break
		}
		if v.Pkg() != u.pass.Pkg && v.Pkg() != nil {
			return u.importedScope(v)
		}
		wrap = u.vars.wrapOf(v)
	}
	if wrap == nil {
		return part{}, part{}, false
	}
	domain, subdomain, ok = u.wrapParts(wrap)
	if !ok || !domain.known || !subdomain.known {
		return part{}, part{}, false
	}
	if wrap != x { // the parts are written at the Wrap, not at this site
		domain.expr, subdomain.expr = nil, nil
	}
	return domain, subdomain, true
}

// importedScope resolves a Scope variable of another package through its
// fact, unless this package assigns it.
func (u *unit) importedScope(v *types.Var) (domain, subdomain part, ok bool) {
	var f scopeFact
	if u.vars.assigns[v] > 0 || !u.pass.ImportObjectFact(v, &f) {
		return part{}, part{}, false
	}
	return part{value: f.Domain, known: true}, part{value: f.Subdomain, known: true}, true
}

// varOf returns the variable an identifier or a qualified identifier
// (pkg.V, but not a field) denotes, or nil.
func (u *unit) varOf(x ast.Expr) *types.Var {
	v, _ := u.pass.TypesInfo.ObjectOf(u.nameOf(x)).(*types.Var)
	return v
}

// nameOf returns x's identifier when x is one or a qualified identifier
// (pkg.Name), not a selection (a field, a method value or expression).
func (u *unit) nameOf(x ast.Expr) *ast.Ident {
	switch x := ast.Unparen(x).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		if u.pass.TypesInfo.Selections[x] == nil {
			return x.Sel
		}
	}
	return nil
}

// lookup finds id in the registry, then among the definitions.
func (u *unit) lookup(id string) (*registry.Entry, bool) {
	if e, ok := u.reg.Lookup(id); ok {
		return e, true
	}
	if d, ok := u.defs.byID[id]; ok {
		return &d.Entry, true
	}
	return nil, false
}

// known returns every id the package knows, registered or defined, as one
// registry for suggestions. It is built on first use: most packages have
// no unknown id to suggest for.
func (u *unit) known() *registry.Registry {
	if u.knownAll != nil {
		return u.knownAll
	}
	u.knownAll = u.reg
	if len(u.defs.byID) == 0 {
		return u.knownAll
	}
	entries := make([]*registry.Entry, 0, len(u.defs.byID))
	for _, id := range slices.Sorted(maps.Keys(u.defs.byID)) {
		entries = append(entries, &u.defs.byID[id].Entry)
	}
	// Definitions conflicting with the registry are reported, not learned;
	// should they still not merge, suggest from the registry alone.
	if defined, err := registry.New(entries); err == nil {
		if all, err := registry.Merge(u.reg, defined); err == nil {
			u.knownAll = all
		}
	}
	return u.knownAll
}

// byCode finds the entry of code in the registry, then among the definitions.
func (u *unit) byCode(code uint32) (*registry.Entry, bool) {
	if e, ok := u.reg.ByCode(code); ok {
		return e, true
	}
	if d, ok := u.defs.byCode[code]; ok {
		return &d.Entry, true
	}
	return nil, false
}

// hasSubdomain reports whether a registry or a definition has domain.subdomain.
func (u *unit) hasSubdomain(domain, subdomain string) bool {
	if u.reg.HasSubdomain(domain, subdomain) {
		return true
	}
	for _, d := range u.defs.byID {
		if d.Entry.Domain == domain && d.Entry.Subdomain == subdomain {
			return true
		}
	}
	return false
}

// callee returns the function or method call calls, or nil: named, or
// through a variable assigned it once (raise := kerror.New, get :=
// scope.Get). It counts on the scan's assignments: during the scan, use
// namedCallee.
func (u *unit) callee(call *ast.CallExpr) *types.Func {
	switch obj := typeutil.Callee(u.pass.TypesInfo, call).(type) {
	case *types.Func:
		return obj
	case *types.Var:
		return u.vars.funcOf(obj).fn
	}
	return nil
}

// wrapParts returns the domain and subdomain that call, a kerror.Wrap or a
// function returning one (a wrapper of it), gives its Scope; ok is false
// for any other call.
func (u *unit) wrapParts(call *ast.CallExpr) (domain, subdomain part, ok bool) {
	fn := u.callee(call)
	if fn == nil {
		return part{}, part{}, false
	}
	if kerrorFunc(fn) == "Wrap" {
		if len(call.Args) != 2 {
			return part{}, part{}, true
		}
		return u.part(call.Args[0]), u.part(call.Args[1]), true
	}
	w := u.wrapperOf(fn)
	if w == nil || !w.MakesScope || len(w.Parts) != 2 {
		return part{}, part{}, false
	}
	_, shift := u.receiver(call)
	var parts [2]part
	for i, p := range w.Parts {
		switch {
		case p.Param < 0:
			parts[i] = part{value: p.Value, known: true}
		case p.Param+shift < len(call.Args) && !call.Ellipsis.IsValid():
			parts[i] = u.part(call.Args[p.Param+shift])
		}
	}
	return parts[0], parts[1], true
}

// namedCallee returns the function call names directly, not through a
// variable: all the scan can know before every assignment is counted.
func (u *unit) namedCallee(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(u.pass.TypesInfo, call).(*types.Func)
	return fn
}

// calleeVar returns the variable call calls through, if any.
func (u *unit) calleeVar(call *ast.CallExpr) *types.Var {
	v, _ := typeutil.Callee(u.pass.TypesInfo, call).(*types.Var)
	return v
}

// constValue returns x's constant value when it has the kind given.
func (u *unit) constValue(x ast.Expr, kind constant.Kind) (constant.Value, bool) {
	tv, ok := u.pass.TypesInfo.Types[x]
	if !ok || tv.Value == nil || tv.Value.Kind() != kind {
		return nil, false
	}
	return tv.Value, true
}

func (u *unit) constInt(x ast.Expr) (int64, bool) {
	v, ok := u.constValue(x, constant.Int)
	if !ok {
		return 0, false
	}
	return constant.Int64Val(v)
}
