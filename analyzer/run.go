package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis"
)

// run is the analysis of one package. It collects the sites in one
// traversal, learns the definitions, directives and wrappers of the package,
// then checks the sites.
type run struct {
	pass   *analysis.Pass
	reg    *registry.Registry
	strict bool
	funcs  map[string]string // -funcs: function key → id parameter

	constLit  map[*types.Const]*ast.BasicLit // string constants declared by a literal here
	wraps     map[*types.Var]*ast.CallExpr   // Scope variables initialised by kerror.Wrap
	assigns   map[*types.Var]int             // assignments to Scope and Definition variables (+2 when &v is taken)
	sites     []ast.Node
	funcDecls []*ast.FuncDecl
	typeDecls []typeDecl
	defines   []*ast.CallExpr              // kerror.Define calls
	defineVar map[*ast.CallExpr]*types.Var // the variables they initialise
	generated map[*token.File]bool
	ignores   []*ignore
	diags     []analysis.Diagnostic

	defs       map[string]*definition // every definition seen: imported and local, by id
	defCodes   map[uint32]*definition
	localDefs  []*definition
	defVars    map[*types.Var]string // variables initialised by a Define of this package
	wrappers   map[*types.Func]*wrapperFact
	errTypes   map[*types.TypeName]*errorTypeFact
	forwarding map[*ast.CallExpr]bool // calls inside wrappers that pass their parameters on
	badFuncs   map[*ast.CallExpr]string
}

type typeDecl struct {
	spec *ast.TypeSpec
	doc  *ast.CommentGroup
}

func newRun(pass *analysis.Pass, reg *registry.Registry, strict bool, funcs map[string]string) *run {
	return &run{
		pass: pass, reg: reg, strict: strict, funcs: funcs,
		constLit:   map[*types.Const]*ast.BasicLit{},
		wraps:      map[*types.Var]*ast.CallExpr{},
		assigns:    map[*types.Var]int{},
		generated:  map[*token.File]bool{},
		defs:       map[string]*definition{},
		defCodes:   map[uint32]*definition{},
		defVars:    map[*types.Var]string{},
		defineVar:  map[*ast.CallExpr]*types.Var{},
		wrappers:   map[*types.Func]*wrapperFact{},
		errTypes:   map[*types.TypeName]*errorTypeFact{},
		forwarding: map[*ast.CallExpr]bool{},
		badFuncs:   map[*ast.CallExpr]string{},
	}
}

func (r *run) collect() {
	info := r.pass.TypesInfo
	for _, f := range r.pass.Files {
		tf := r.pass.Fset.File(f.Pos())
		r.generated[tf] = ast.IsGenerated(f)
		ignores := r.collectIgnores(f)
		ast.Inspect(f, func(n ast.Node) bool {
			if len(ignores) > 0 && n != nil {
				markTrailing(n, tf, ignores)
			}
			switch n := n.(type) {
			case *ast.FuncDecl:
				r.funcDecls = append(r.funcDecls, n)
			case *ast.GenDecl:
				if n.Tok == token.TYPE {
					for _, spec := range n.Specs {
						doc := spec.(*ast.TypeSpec).Doc
						if doc == nil && len(n.Specs) == 1 {
							doc = n.Doc
						}
						if doc != nil {
							r.typeDecls = append(r.typeDecls, typeDecl{spec.(*ast.TypeSpec), doc})
						}
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					var value ast.Expr
					if len(n.Values) == len(n.Names) {
						value = n.Values[i]
					}
					switch obj := info.Defs[name].(type) {
					case *types.Const:
						if lit, ok := value.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							r.constLit[obj] = lit
						}
					case *types.Var:
						if value != nil {
							r.assign(obj, value)
						}
					}
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					id, ok := ast.Unparen(lhs).(*ast.Ident)
					if !ok {
						continue
					}
					v, _ := info.ObjectOf(id).(*types.Var)
					var value ast.Expr
					if len(n.Lhs) == len(n.Rhs) {
						value = n.Rhs[i]
					}
					if v != nil {
						r.assign(v, value)
					}
				}
			case *ast.UnaryExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
					if v, ok := info.Uses[id].(*types.Var); ok {
						r.assigns[v] += 2 // may be assigned through the pointer
					}
				}
			case *ast.CallExpr:
				if kerrorFunc(r.callee(n)) == "Define" {
					r.defines = append(r.defines, n)
				} else {
					r.sites = append(r.sites, n)
				}
			case *ast.CompositeLit, *ast.SwitchStmt:
				r.sites = append(r.sites, n)
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					r.sites = append(r.sites, n)
				}
			}
			return true
		})
	}
}

// assign records one assignment of value to v, a variable of interest when
// it holds a kerror.Scope or a *kerror.Definition.
func (r *run) assign(v *types.Var, value ast.Expr) {
	if !isKerror(v.Type(), "Scope") && !isKerror(v.Type(), "Definition") {
		return
	}
	r.assigns[v]++
	call, ok := ast.Unparen(value).(*ast.CallExpr)
	if !ok {
		return
	}
	switch kerrorFunc(r.callee(call)) {
	case "Wrap":
		r.wraps[v] = call
	case "Define":
		r.defineVar[call] = v
	}
}

func (r *run) check() {
	for _, n := range r.sites {
		switch n := n.(type) {
		case *ast.CallExpr:
			r.checkCall(n)
		case *ast.CompositeLit:
			r.checkLiteral(n)
		case *ast.BinaryExpr:
			if r.isIDField(n.X) {
				r.checkCompared(n.Y)
			} else if r.isIDField(n.Y) {
				r.checkCompared(n.X)
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && r.isIDField(n.Tag) {
				for _, stmt := range n.Body.List {
					for _, e := range stmt.(*ast.CaseClause).List {
						r.checkCompared(e)
					}
				}
			}
		}
	}
	for call, msg := range r.badFuncs {
		r.addf(call.Fun, "invalid-directive", "%s", msg)
	}
}

// part is one constant piece of an id: the whole id, or a domain, subdomain
// or name. expr is where the site writes it; nil when it comes from
// elsewhere (a Wrap initialiser, a wrapper's constant), which a fix must not
// rewrite.
type part struct {
	value string
	known bool // a compile-time constant
	expr  ast.Expr
}

func (r *run) part(e ast.Expr) part {
	tv, ok := r.pass.TypesInfo.Types[e]
	if ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		return part{value: constant.StringVal(tv.Value), known: true, expr: e}
	}
	return part{expr: e}
}

// idRef is an id as a site spells it: one part, or domain, subdomain, name.
type idRef []part

func (id idRef) known() bool {
	for _, p := range id {
		if !p.known {
			return false
		}
	}
	return true
}

func (id idRef) String() string {
	vals := make([]string, len(id))
	for i, p := range id {
		vals[i] = p.value
	}
	return strings.Join(vals, ".")
}

// node is the source range to report id at: the parts the site writes.
func (id idRef) node() ast.Node {
	var first, last ast.Expr
	for _, p := range id {
		if p.expr != nil {
			if first == nil {
				first = p.expr
			}
			last = p.expr
		}
	}
	if first == nil {
		return span{}
	}
	return span{first.Pos(), last.End()}
}

type span struct{ pos, end token.Pos }

func (s span) Pos() token.Pos { return s.pos }
func (s span) End() token.Pos { return s.end }

// idOf returns the id that call sends to s. ok is false when the id comes
// from a scope that is not a kerror.Wrap with constant arguments.
func (r *run) idOf(call *ast.CallExpr, s *sink) (id idRef, ok bool) {
	if s.scope != nil {
		domain, subdomain, ok := r.scopeOf(s.scope)
		if !ok {
			return nil, false
		}
		id = idRef{domain, subdomain}
	}
	for _, p := range s.parts {
		switch {
		case p.Param < 0:
			id = append(id, part{value: p.Value, known: true})
		case p.Param < len(call.Args):
			id = append(id, r.part(call.Args[p.Param]))
		default:
			id = append(id, part{})
		}
	}
	return id, true
}

func (r *run) checkCall(call *ast.CallExpr) {
	if kerrorFunc(r.callee(call)) == "Wrap" {
		r.checkWrap(call)
		return
	}
	s := r.sinkOf(call)
	if s == nil {
		return
	}
	id, ok := r.idOf(call, s)
	switch {
	case r.forwarding[call]:
		return // a wrapper's body: its callers are checked
	case !ok:
		if r.strict {
			r.addf(s.scope, "dynamic-id", "cannot check this id: the scope is not a kerror.Wrap with constant arguments assigned once")
		}
		return
	case !id.known():
		if r.strict && id.node().Pos().IsValid() {
			r.addf(id.node(), "dynamic-id", "cannot check this id: it is not a compile-time constant")
		}
		return
	case len(id) == 3 && s.scope != nil && !r.hasSubdomain(id[0].value, id[1].value):
		return // reported once, at the Wrap
	}
	if s.compare {
		r.checkKnown(id, call)
		return
	}
	r.checkRaise(call, id, s)
}

// scopeOf resolves a kerror.Scope expression: a kerror.Wrap call, or a
// variable assigned exactly once, from a kerror.Wrap call.
func (r *run) scopeOf(x ast.Expr) (domain, subdomain part, ok bool) {
	x = ast.Unparen(x)
	var wrap *ast.CallExpr
	switch x := x.(type) {
	case *ast.CallExpr:
		if kerrorFunc(r.callee(x)) == "Wrap" {
			wrap = x
		}
	case *ast.Ident:
		if v, isVar := r.pass.TypesInfo.Uses[x].(*types.Var); isVar && r.assigns[v] == 1 {
			wrap = r.wraps[v]
		}
	}
	if wrap == nil || len(wrap.Args) != 2 {
		return part{}, part{}, false
	}
	domain, subdomain = r.part(wrap.Args[0]), r.part(wrap.Args[1])
	if !domain.known || !subdomain.known {
		return part{}, part{}, false
	}
	if wrap != x { // the parts are written at the Wrap, not at this site
		domain.expr, subdomain.expr = nil, nil
	}
	return domain, subdomain, true
}

// checkRaise checks a site that raises a known id.
func (r *run) checkRaise(call *ast.CallExpr, id idRef, s *sink) {
	e, ok := r.checkKnown(id, call)
	if !ok {
		return
	}
	r.checkDeprecated(id, e, call)
	if s.class != "" && e.Class != s.class {
		want := constructorFor(e.Class)
		d := analysis.Diagnostic{
			Pos: call.Fun.Pos(), End: call.Fun.End(), Category: "class-mismatch",
			Message: fmt.Sprintf("%s is %s, not %s: use kerror.%s", e.ID, article(e.Class), article(s.class), want),
		}
		if callee := calleeIdent(call.Fun); callee != nil && kerrorFunc(r.callee(call)) != "" {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Use kerror." + want,
				TextEdits: []analysis.TextEdit{{Pos: callee.Pos(), End: callee.End(), NewText: []byte(want)}},
			}}
		} else {
			d.Message = fmt.Sprintf("%s is %s, not %s as %s asserts", e.ID, article(e.Class), article(s.class), r.callee(call).Name())
		}
		r.diags = append(r.diags, d)
	}
	if want, known := e.Placeholders(); known && s.first >= 0 && !call.Ellipsis.IsValid() {
		if got := len(call.Args) - s.first; got != want {
			r.addf(call, "placeholder-count", "%s takes %s (its message is %q), got %d", e.ID, plural(want, "placeholder"), e.Message, got)
		}
	}
}

func (r *run) checkDeprecated(id idRef, e *registry.Entry, at ast.Node) {
	if e.Deprecated != "" {
		n := id.node()
		if !n.Pos().IsValid() {
			n = at
		}
		r.addf(n, "deprecated-id", "%s is deprecated since %s", e.ID, e.Deprecated)
	}
}

// lookup finds id in the registry, then among the definitions.
func (r *run) lookup(id string) (*registry.Entry, bool) {
	if e, ok := r.reg.Lookup(id); ok {
		return e, true
	}
	if d, ok := r.defs[id]; ok {
		return &d.Entry, true
	}
	return nil, false
}

func (r *run) hasSubdomain(domain, subdomain string) bool {
	if r.reg.HasSubdomain(domain, subdomain) {
		return true
	}
	for _, d := range r.defs {
		if d.Entry.Domain == domain && d.Entry.Subdomain == subdomain {
			return true
		}
	}
	return false
}

// checkKnown reports an unknown id, with one fix per suggestion. at is the
// call when the id's parts are not all written at the site.
func (r *run) checkKnown(id idRef, at ast.Node) (*registry.Entry, bool) {
	full := id.String()
	if e, ok := r.lookup(full); ok {
		return e, true
	}
	var fixes []analysis.SuggestedFix
	var names []string
	for _, cand := range r.reg.Suggest(full, 3) {
		names = append(names, strconv.Quote(cand.ID))
		var want []string
		if len(id) == 3 {
			want = []string{cand.Domain, cand.Subdomain, cand.Name}
		} else {
			want = []string{cand.ID}
		}
		if edits, ok := r.rewrite(id, want); ok {
			fixes = append(fixes, analysis.SuggestedFix{Message: "Replace with " + strconv.Quote(cand.ID), TextEdits: edits})
		}
	}
	msg := fmt.Sprintf("unknown error id %q", full)
	if len(names) > 0 {
		msg += "; did you mean " + orList(names) + "?"
	}
	n := id.node()
	if !n.Pos().IsValid() && at != nil {
		n = at
	}
	r.diags = append(r.diags, analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: "unknown-id", Message: msg, SuggestedFixes: fixes})
	return nil, false
}

// rewrite returns the edits that turn the parts of id into want, or false
// when a part that must change is not a literal this package can rewrite.
func (r *run) rewrite(id idRef, want []string) ([]analysis.TextEdit, bool) {
	var edits []analysis.TextEdit
	for i, p := range id {
		if p.value == want[i] {
			continue
		}
		lit := r.literalOf(p.expr)
		if lit == nil {
			return nil, false
		}
		edits = append(edits, analysis.TextEdit{Pos: lit.Pos(), End: lit.End(), NewText: []byte(strconv.Quote(want[i]))})
	}
	return edits, len(edits) > 0
}

// literalOf returns the string literal that spells e: e itself, or the
// declaration of a constant of this package.
func (r *run) literalOf(e ast.Expr) *ast.BasicLit {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			return e
		}
	case *ast.Ident:
		if c, ok := r.pass.TypesInfo.Uses[e].(*types.Const); ok {
			return r.constLit[c]
		}
	case *ast.SelectorExpr:
		if c, ok := r.pass.TypesInfo.Uses[e.Sel].(*types.Const); ok {
			return r.constLit[c]
		}
	}
	return nil
}

// checkCompared checks the constant side of a comparison with an id. The
// empty string is not an id but the test for "no id".
func (r *run) checkCompared(e ast.Expr) {
	if p := r.part(e); p.known && p.value != "" {
		r.checkKnown(idRef{p}, nil)
	}
}

// checkWrap reports a kerror.Wrap whose subdomain nobody defines.
func (r *run) checkWrap(call *ast.CallExpr) {
	if len(call.Args) != 2 {
		return
	}
	d, s := r.part(call.Args[0]), r.part(call.Args[1])
	if !d.known || !s.known || r.hasSubdomain(d.value, s.value) {
		return
	}
	var fixes []analysis.SuggestedFix
	var names []string
	for _, cand := range r.reg.SuggestSubdomain(d.value, s.value, 3) {
		names = append(names, strconv.Quote(cand[0]+"."+cand[1]))
		if edits, ok := r.rewrite(idRef{d, s}, cand[:]); ok {
			fixes = append(fixes, analysis.SuggestedFix{Message: fmt.Sprintf("Replace with %q", cand[0]+"."+cand[1]), TextEdits: edits})
		}
	}
	msg := fmt.Sprintf("unknown error subdomain %q", d.value+"."+s.value)
	if len(names) > 0 {
		msg += "; did you mean " + orList(names) + "?"
	}
	r.diags = append(r.diags, analysis.Diagnostic{Pos: call.Args[0].Pos(), End: call.Args[1].End(), Category: "unknown-id", Message: msg, SuggestedFixes: fixes})
}

// isIDField reports whether e selects the id field of a kerror.Error or of
// a //kerrlint:error type.
func (r *run) isIDField(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s := r.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return false
	}
	fields := r.errorFields(fieldOwner(s))
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
func (r *run) errorFields(t types.Type) *errorTypeFact {
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
	if f, ok := r.errTypes[obj]; ok {
		return f
	}
	if obj.Pkg() == nil || obj.Pkg() == r.pass.Pkg {
		return nil
	}
	f := new(errorTypeFact)
	if r.pass.ImportObjectFact(obj, f) {
		return f
	}
	return nil
}

// isKerror reports whether t is kerror.name or a pointer to it.
func isKerror(t types.Type, name string) bool {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == KerrorPath && n.Obj().Name() == name
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

func (r *run) addf(n ast.Node, category, format string, args ...any) {
	r.diags = append(r.diags, analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: category, Message: fmt.Sprintf(format, args...)})
}

// article prefixes a class name with "a" or "an".
func article(class string) string {
	if class != "" && strings.ContainsRune("AEIOU", rune(class[0])) {
		return "an " + class
	}
	return "a " + class
}

func plural(n int, noun string) string {
	switch n {
	case 0:
		return "no " + noun + "s"
	case 1:
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// orList joins names as "a", "a or b", "a, b or c".
func orList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
