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
	"golang.org/x/tools/go/types/typeutil"
)

// run is the analysis of one package: sites are collected in one traversal,
// then checked once the Scope variables of the package are known.
type run struct {
	pass   *analysis.Pass
	reg    *registry.Registry
	strict bool

	constLit  map[*types.Const]*ast.BasicLit // string constants declared by a literal here
	wraps     map[*types.Var]*ast.CallExpr   // Scope variables initialised by kerror.Wrap
	assigns   map[*types.Var]int             // assignments to Scope variables (+2 when &v is taken)
	sites     []ast.Node
	generated map[*token.File]bool
	ignores   []*ignore
	diags     []analysis.Diagnostic
	wrapDone  map[*ast.CallExpr]bool // Wrap calls already reported as unknown subdomains
}

func (r *run) collect() {
	info := r.pass.TypesInfo
	r.constLit = map[*types.Const]*ast.BasicLit{}
	r.wraps = map[*types.Var]*ast.CallExpr{}
	r.assigns = map[*types.Var]int{}
	r.generated = map[*token.File]bool{}
	r.wrapDone = map[*ast.CallExpr]bool{}
	for _, f := range r.pass.Files {
		tf := r.pass.Fset.File(f.Pos())
		r.generated[tf] = ast.IsGenerated(f)
		ignores := r.collectIgnores(f)
		ast.Inspect(f, func(n ast.Node) bool {
			if len(ignores) > 0 && n != nil {
				markTrailing(n, tf, ignores)
			}
			switch n := n.(type) {
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
							r.assignScope(obj, value)
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
					if v != nil && isKerror(v.Type(), "Scope") {
						r.assignScope(v, value)
					}
				}
			case *ast.UnaryExpr:
				if id, ok := ast.Unparen(n.X).(*ast.Ident); ok && n.Op == token.AND {
					if v, ok := info.Uses[id].(*types.Var); ok {
						r.assigns[v] += 2 // may be assigned through the pointer
					}
				}
			case *ast.CallExpr, *ast.CompositeLit, *ast.SwitchStmt:
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

// assignScope records one assignment of value to v, a Scope variable if
// value is a kerror.Wrap call.
func (r *run) assignScope(v *types.Var, value ast.Expr) {
	if !isKerror(v.Type(), "Scope") {
		return
	}
	r.assigns[v]++
	if call, ok := ast.Unparen(value).(*ast.CallExpr); ok && r.kerrorFunc(call) == "Wrap" {
		r.wraps[v] = call
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
}

// part is one constant piece of an id: the whole id, or a domain, subdomain
// or name. expr is where the site writes it; nil when it comes from
// elsewhere (a Wrap initialiser), which a fix must not rewrite.
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

// typedClass maps each typed constructor to the class it asserts.
var typedClass = map[string]string{
	"BadRequest": "BadRequestError", "Unauthorized": "UnauthorizedError", "Forbidden": "ForbiddenError",
	"NotFound": "NotFoundError", "Precondition": "PreconditionError", "SizeLimit": "SizeLimitError",
	"TooManyRequests": "TooManyRequestsError", "Internal": "InternalError",
	"ExternalService": "ExternalServiceError", "PluginImplementation": "PluginImplementationError",
	"ServiceUnavailable": "ServiceUnavailableError", "GatewayTimeout": "GatewayTimeoutError",
	"Partial": "PartialError", "MultipleErrors": "MultipleErrorsError",
}

// constructorFor returns the typed constructor raising class, or New.
func constructorFor(class string) string {
	for name, c := range typedClass {
		if c == class {
			return name
		}
	}
	return "New"
}

// kerrorFunc returns the name of the kerror function or method call calls
// ("Scope.Get" for methods), or "".
func (r *run) kerrorFunc(call *ast.CallExpr) string {
	fn, ok := typeutil.Callee(r.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg().Path() != KerrorPath {
		return ""
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if isKerror(recv.Type(), "Scope") {
			return "Scope." + fn.Name()
		}
		return ""
	}
	return fn.Name()
}

func (r *run) checkCall(call *ast.CallExpr) {
	name := r.kerrorFunc(call)
	arg := func(i int) part {
		if i < len(call.Args) {
			return r.part(call.Args[i])
		}
		return part{}
	}
	switch name {
	case "":
		return
	case "New":
		r.checkRaise(call, idRef{arg(0)}, 1, "")
	case "NewFrom":
		r.checkRaise(call, idRef{arg(1)}, 2, "")
	case "Get":
		r.checkRaise(call, idRef{arg(0), arg(1), arg(2)}, 3, "")
	case "GetFrom":
		r.checkRaise(call, idRef{arg(1), arg(2), arg(3)}, 4, "")
	case "Scope.Get", "Scope.GetFrom":
		first := 0
		if name == "Scope.GetFrom" {
			first = 1
		}
		domain, subdomain, ok := r.scopeOf(call.Fun.(*ast.SelectorExpr).X)
		if !ok {
			if r.strict {
				r.addf(call.Fun, "dynamic-id", "cannot check this id: the scope is not a kerror.Wrap with constant arguments assigned once")
			}
			return
		}
		if domain.known && subdomain.known && !r.reg.HasSubdomain(domain.value, subdomain.value) {
			return // reported once, at the Wrap
		}
		r.checkRaise(call, idRef{domain, subdomain, arg(first)}, first+1, "")
	case "Is":
		id := idRef{arg(1)}
		if !id.known() {
			if r.strict && len(call.Args) > 1 {
				r.addf(call.Args[1], "dynamic-id", "cannot check this id: it is not a compile-time constant")
			}
			return
		}
		r.checkKnown(id)
	case "Wrap":
		r.checkWrap(call)
	default:
		if class, ok := typedClass[name]; ok {
			r.checkRaise(call, idRef{arg(0)}, 1, class)
		}
	}
}

// scopeOf resolves the receiver of a Scope method: a kerror.Wrap call, or a
// variable assigned exactly once, from a kerror.Wrap call.
func (r *run) scopeOf(x ast.Expr) (domain, subdomain part, ok bool) {
	x = ast.Unparen(x)
	var wrap *ast.CallExpr
	switch x := x.(type) {
	case *ast.CallExpr:
		if r.kerrorFunc(x) == "Wrap" {
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

// checkRaise checks a site that raises id, passing the arguments from index
// first on as placeholders; class is the class a typed constructor asserts.
func (r *run) checkRaise(call *ast.CallExpr, id idRef, first int, class string) {
	if !id.known() {
		if r.strict {
			r.addf(id.node(), "dynamic-id", "cannot check this id: it is not a compile-time constant")
		}
		return
	}
	e, ok := r.checkKnown(id)
	if !ok {
		return
	}
	r.checkDeprecated(id, e)
	if class != "" && e.Class != class {
		want := constructorFor(e.Class)
		d := analysis.Diagnostic{
			Pos: call.Fun.Pos(), End: call.Fun.End(), Category: "class-mismatch",
			Message: fmt.Sprintf("%s is %s, not %s: use kerror.%s", e.ID, article(e.Class), article(class), want),
		}
		if callee := calleeIdent(call.Fun); callee != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Use kerror." + want,
				TextEdits: []analysis.TextEdit{{Pos: callee.Pos(), End: callee.End(), NewText: []byte(want)}},
			}}
		}
		r.diags = append(r.diags, d)
	}
	if want, known := e.Placeholders(); known && !call.Ellipsis.IsValid() {
		if got := len(call.Args) - first; got != want {
			r.addf(call, "placeholder-count", "%s takes %s (its message is %q), got %d", e.ID, plural(want, "placeholder"), e.Message, got)
		}
	}
}

func (r *run) checkDeprecated(id idRef, e *registry.Entry) {
	if e.Deprecated != "" {
		r.addf(id.node(), "deprecated-id", "%s is deprecated since %s", e.ID, e.Deprecated)
	}
}

// checkKnown reports an unknown id, with one fix per suggestion.
func (r *run) checkKnown(id idRef) (*registry.Entry, bool) {
	full := id.String()
	if e, ok := r.reg.Lookup(full); ok {
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

// checkCompared checks the constant side of a comparison with an id.
func (r *run) checkCompared(e ast.Expr) {
	if p := r.part(e); p.known {
		r.checkKnown(idRef{p})
	}
}

// checkWrap reports a kerror.Wrap whose subdomain no registry defines.
func (r *run) checkWrap(call *ast.CallExpr) {
	if len(call.Args) != 2 {
		return
	}
	d, s := r.part(call.Args[0]), r.part(call.Args[1])
	if !d.known || !s.known || r.reg.HasSubdomain(d.value, s.value) {
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

// isIDField reports whether e selects the ID field of a kerror.Error.
func (r *run) isIDField(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s := r.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return false
	}
	f := s.Obj()
	return f.Pkg() != nil && f.Pkg().Path() == KerrorPath && f.Name() == "ID"
}

// isKerror reports whether t is kerror.name or a pointer to it.
func isKerror(t types.Type, name string) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
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
