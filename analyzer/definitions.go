package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strconv"

	"github.com/kerrlint/kerrlint/registry"
)

// definitions are the errors defined with kerror.Define that a package
// sees: its own and those of every package it imports.
type definitions struct {
	byID   map[string]*definition
	byCode map[uint32]*definition
	local  []*definition             // this package's, in source order
	vars   map[*types.Var]string     // this package's Definition variables → id
	at     map[*definition]token.Pos // where this package defines its own
}

func newDefinitions() definitions {
	return definitions{
		byID: map[string]*definition{}, byCode: map[uint32]*definition{},
		vars: map[*types.Var]string{}, at: map[*definition]token.Pos{},
	}
}

// importDefinitions learns the definitions of every imported package. A
// conflict between two of them that no other package reports becomes an
// import site: in the first package importing both, at the import bringing
// the second.
func (u *unit) importDefinitions() {
	facts := map[string]*packageFact{} // of the packages that define or see definitions: the others take no part
	for _, pf := range u.pass.AllPackageFacts() {
		if f, ok := pf.Fact.(*packageFact); ok && pf.Package != u.pass.Pkg && (len(f.Defs) > 0 || len(f.Seen) > 0) {
			facts[pf.Package.Path()] = f
		}
	}
	imports := u.definingImports(facts)
	for _, path := range slices.Sorted(maps.Keys(facts)) {
		for i := range facts[path].Defs {
			d := &facts[path].Defs[i]
			prevID, dupID := u.defs.byID[d.Entry.ID]
			prevCode, dupCode := u.defs.byCode[d.Entry.Code]
			switch {
			case dupID && prevID.Pkg != d.Pkg && !imports.reportedElsewhere(facts, prevID.Pkg, d.Pkg):
				if at := imports.second(prevID.Pkg, d.Pkg); at != nil {
					u.addProblem(importSite, duplicateID, at, 0, "%s is defined twice: in %s at %s and in %s at %s",
						d.Entry.ID, prevID.Pkg, prevID.Entry.Pos, d.Pkg, d.Entry.Pos)
				}
			case !dupID && dupCode && prevCode.Pkg != d.Pkg && !imports.reportedElsewhere(facts, prevCode.Pkg, d.Pkg):
				if at := imports.second(prevCode.Pkg, d.Pkg); at != nil {
					u.addProblem(importSite, duplicateCode, at, 0, "code %s is defined twice: for %s in %s at %s and for %s in %s at %s",
						registry.FormatCode(d.Entry.Code), prevCode.Entry.ID, prevCode.Pkg, prevCode.Entry.Pos, d.Entry.ID, d.Pkg, d.Entry.Pos)
				}
			}
			if !dupID {
				u.defs.byID[d.Entry.ID] = d
			}
			if !dupCode {
				u.defs.byCode[d.Entry.Code] = d
			}
		}
	}
}

// definingImports are the imports of a package that bring definitions, in
// source order.
type definingImports []definingImport

// definingImport is an import and the defining packages it brings.
type definingImport struct {
	spec *ast.ImportSpec
	seen []string
}

func (u *unit) definingImports(facts map[string]*packageFact) definingImports {
	var imports definingImports
	for _, f := range u.pass.Files {
		for _, spec := range f.Imports {
			if path, err := strconv.Unquote(spec.Path.Value); err == nil && facts[path] != nil {
				imports = append(imports, definingImport{spec, facts[path].Seen})
			}
		}
	}
	return imports
}

// reportedElsewhere reports whether a conflict between packages a and b is
// reported by another package: the one defining a, which imports b (or the
// reverse), or an imported package that imports both.
func (imports definingImports) reportedElsewhere(facts map[string]*packageFact, a, b string) bool {
	if slices.Contains(facts[a].Seen, b) || slices.Contains(facts[b].Seen, a) {
		return true
	}
	for _, imp := range imports {
		if slices.Contains(imp.seen, a) && slices.Contains(imp.seen, b) {
			return true
		}
	}
	return false
}

// second returns the import that brings the second of a and b.
func (imports definingImports) second(a, b string) ast.Node {
	first := ""
	for _, imp := range imports {
		hasA, hasB := slices.Contains(imp.seen, a), slices.Contains(imp.seen, b)
		switch {
		case first == "" && hasA:
			first = a
		case first == "" && hasB:
			first = b
		case first == a && hasB, first == b && hasA:
			return imp.spec
		}
	}
	return nil
}

// resolveDefine resolves one kerror.Define call with the runtime's rules
// (registry.State.Define), applied to rules, the state its package's
// initialization has reached: one the runtime registers is learned, any
// other is a site whose problem is the runtime's reason. It returns the
// next state.
func (u *unit) resolveDefine(call *ast.CallExpr, rules *registry.State, at initStep) *registry.State {
	if len(call.Args) != 4 {
		return rules
	}
	id, code := u.part(call.Args[0]), call.Args[1]
	codeVal, codeOK := u.constValue(code, constant.Int)
	if !id.known || !codeOK {
		u.sites = append(u.sites, &site{kind: defineSite, node: call,
			dynamic: &dynamic{call, "cannot check this definition: its id and code are not compile-time constants"}})
		return rules
	}
	c, exact := constant.Uint64Val(codeVal)
	if !exact || c > 0xFFFFFFFF { // only in code that does not type-check
		return rules
	}
	class, msg := u.part(call.Args[2]), u.part(call.Args[3])
	def := registry.Definition{Owner: u.pass.Pkg.Path(), Entry: registry.Entry{ID: id.value, Code: uint32(c),
		Class: class.value, Message: msg.value, Description: msg.value, Pos: toPosition(u.pass.Fset.Position(call.Pos()))}}
	next, derr := rules.Define(def, registry.Unknown{Class: !class.known, Message: !msg.known})
	if derr != nil {
		u.defineProblem(call, derr)
		return rules
	}
	d := &definition{Entry: next.Defined()[len(next.Defined())-1].Entry, Pkg: u.pass.Pkg.Path(), Step: at}
	u.defs.local = append(u.defs.local, d)
	u.defs.byID[d.Entry.ID], u.defs.byCode[d.Entry.Code] = d, d
	u.defs.at[d] = call.Pos()
	if v := u.vars.definedBy(call); v != nil {
		u.defs.vars[v] = d.Entry.ID
	}
	return next
}

// defineProblems are the checks reporting each verdict of the rules on a Define.
var defineProblems = map[registry.DefineVerdict]Category{
	registry.DefineInvalid:       invalidDefinition,
	registry.DefineDuplicateID:   duplicateID,
	registry.DefineDuplicateCode: duplicateCode,
}

// defineProblem adds the site of a Define the runtime refuses, at the
// argument at fault, related to the definition it conflicts with when that
// is in this package.
func (u *unit) defineProblem(call *ast.CallExpr, derr *registry.DefineError) {
	related := token.NoPos
	if derr.Defined != nil {
		if prev, ok := u.defs.byID[derr.Defined.Entry.ID]; ok {
			related = u.defs.at[prev]
		}
	}
	u.addProblem(defineSite, defineProblems[derr.Verdict], call.Args[derr.Arg], related, "%s", derr.Msg)
}

// addProblem adds a site of kind whose problem the check of category reports.
func (u *unit) addProblem(kind siteKind, category Category, at ast.Node, related token.Pos, format string, args ...any) {
	u.sites = append(u.sites, &site{kind: kind, node: at,
		problem: &problem{category: category, at: at, msg: fmt.Sprintf(format, args...), related: related}})
}

func toPosition(p token.Position) registry.Position {
	return registry.Position{File: p.Filename, Line: p.Line, Col: p.Column}
}
