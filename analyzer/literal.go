package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"

	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis"
)

// checkLiteral checks a composite literal of kerror.Error or of a
// //kerrlint:error type (value or pointer, with its type elided in slices and
// maps): its id is raised, and its class, status and code must be the
// registered ones. Outside package kerror, kerror.Error literals are keyed:
// the type has an unexported field.
func (r *run) checkLiteral(lit *ast.CompositeLit) {
	names := r.errorFields(r.pass.TypesInfo.TypeOf(lit))
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
	id := idRef{r.part(idExpr)}
	if !id.known() {
		if r.strict {
			r.addf(idExpr, "dynamic-id", "cannot check this id: it is not a compile-time constant")
		}
		return
	}
	e, ok := r.checkKnown(id, nil)
	if !ok {
		return
	}
	r.checkDeprecated(id, e, lit)
	if x, ok := fields[names.Class]; ok {
		if v, ok := r.constValue(x, constant.String); ok && constant.StringVal(v) != e.Class {
			r.mismatch(x, "class-mismatch", fmt.Sprintf("%s is %s, not %s", e.ID, article(e.Class), article(constant.StringVal(v))), r.classText(x, e.Class))
		}
	}
	if x, ok := fields[names.Status]; ok {
		if v, ok := r.constInt(x); ok && v != int64(e.Status) {
			r.mismatch(x, "status-mismatch", fmt.Sprintf("%s has status %d, not %d", e.ID, e.Status, v), r.statusText(x, e.Status))
		}
	}
	if x, ok := fields[names.Code]; ok {
		if v, ok := r.constInt(x); ok && v != int64(e.Code) {
			msg := fmt.Sprintf("%s has code %s, not %s", e.ID, registry.FormatCode(e.Code), registry.FormatCode(uint32(v)))
			if owner, taken := r.byCode(uint32(v)); taken && v >= 0 && v <= 0xFFFFFFFF {
				msg += ", which belongs to " + owner.ID
			}
			r.mismatch(x, "code-mismatch", msg, registry.FormatCode(e.Code))
		}
	}
}

// mismatch reports x with a fix replacing it by text.
func (r *run) mismatch(x ast.Expr, category, msg, text string) {
	r.diags = append(r.diags, analysis.Diagnostic{
		Pos: x.Pos(), End: x.End(), Category: category, Message: msg,
		SuggestedFixes: []analysis.SuggestedFix{{
			Message:   "Use " + text,
			TextEdits: []analysis.TextEdit{{Pos: x.Pos(), End: x.End(), NewText: []byte(text)}},
		}},
	})
}

func (r *run) constValue(x ast.Expr, kind constant.Kind) (constant.Value, bool) {
	tv, ok := r.pass.TypesInfo.Types[x]
	if !ok || tv.Value == nil || tv.Value.Kind() != kind {
		return nil, false
	}
	return tv.Value, true
}

func (r *run) constInt(x ast.Expr) (int64, bool) {
	v, ok := r.constValue(x, constant.Int)
	if !ok {
		return 0, false
	}
	return constant.Int64Val(v)
}

// classText spells class in the style of x: kerror.NotFoundError through the
// same package name, or a string literal.
func (r *run) classText(x ast.Expr, class string) string {
	switch x := ast.Unparen(x).(type) {
	case *ast.SelectorExpr:
		if pkg, ok := x.X.(*ast.Ident); ok {
			if _, isPkg := r.pass.TypesInfo.Uses[pkg].(*types.PkgName); isPkg {
				return pkg.Name + "." + class
			}
		}
	case *ast.Ident:
		if c, ok := r.pass.TypesInfo.Uses[x].(*types.Const); ok && c.Pkg() != nil && c.Pkg().Path() == KerrorPath {
			return class // dot import
		}
	}
	return strconv.Quote(class)
}

// httpStatusName names net/http's constant for each status a class has.
var httpStatusName = map[int]string{
	206: "StatusPartialContent", 400: "StatusBadRequest", 401: "StatusUnauthorized",
	403: "StatusForbidden", 404: "StatusNotFound", 412: "StatusPreconditionFailed",
	413: "StatusRequestEntityTooLarge", 429: "StatusTooManyRequests",
	500: "StatusInternalServerError", 503: "StatusServiceUnavailable", 504: "StatusGatewayTimeout",
}

// statusText spells status in the style of x: http.StatusNotFound when x is
// a net/http constant, otherwise the number.
func (r *run) statusText(x ast.Expr, status int) string {
	if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok {
		if pkg, ok := sel.X.(*ast.Ident); ok {
			if pn, ok := r.pass.TypesInfo.Uses[pkg].(*types.PkgName); ok && pn.Imported().Path() == "net/http" {
				if name, ok := httpStatusName[status]; ok {
					return pkg.Name + "." + name
				}
			}
		}
	}
	return strconv.Itoa(status)
}
