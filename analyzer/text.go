package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
)

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

// classText spells class in the style of x: kerror.NotFoundError through the
// same package name, or a string literal.
func (u *unit) classText(x ast.Expr, class string) string {
	switch x := ast.Unparen(x).(type) {
	case *ast.SelectorExpr:
		if pkg, ok := x.X.(*ast.Ident); ok {
			if _, isPkg := u.pass.TypesInfo.Uses[pkg].(*types.PkgName); isPkg {
				return pkg.Name + "." + class
			}
		}
	case *ast.Ident:
		if c, ok := u.pass.TypesInfo.Uses[x].(*types.Const); ok && c.Pkg() != nil && c.Pkg().Path() == KerrorPath {
			return class // dot import
		}
	}
	return strconv.Quote(class)
}

// statusText spells status in the style of x: http.StatusNotFound when x is
// a net/http constant, otherwise the number.
func (u *unit) statusText(x ast.Expr, status int) string {
	if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok {
		if pkg, ok := sel.X.(*ast.Ident); ok {
			if pn, ok := u.pass.TypesInfo.Uses[pkg].(*types.PkgName); ok && pn.Imported().Path() == "net/http" {
				if name := httpStatusName(status); name != "" {
					return pkg.Name + "." + name
				}
			}
		}
	}
	return strconv.Itoa(status)
}

// httpStatusName names net/http's constant for a status some class has.
func httpStatusName(status int) string {
	for _, c := range registry.Classes() {
		if c.Status == status {
			return c.StatusConst
		}
	}
	return ""
}

// literalOf returns the string literal that spells e: e itself, or the
// declaration of a constant of this package.
func (u *unit) literalOf(e ast.Expr) *ast.BasicLit {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			return e
		}
	case *ast.Ident:
		if c, ok := u.pass.TypesInfo.Uses[e].(*types.Const); ok {
			return u.syntax.constLit[c]
		}
	case *ast.SelectorExpr:
		if c, ok := u.pass.TypesInfo.Uses[e.Sel].(*types.Const); ok {
			return u.syntax.constLit[c]
		}
	case *ast.CallExpr: // a conversion to a string type: Code("x")
		if tv, ok := u.pass.TypesInfo.Types[e.Fun]; ok && tv.IsType() && isString(tv.Type) && len(e.Args) == 1 {
			return u.literalOf(e.Args[0])
		}
	}
	return nil
}
