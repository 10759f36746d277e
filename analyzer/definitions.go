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
	facts := map[string]*packageFact{}
	for _, pf := range u.pass.AllPackageFacts() {
		if f, ok := pf.Fact.(*packageFact); ok && pf.Package != u.pass.Pkg {
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
					u.addProblem(importSite, "duplicate-id", at, 0, "%s is defined twice: in %s at %s and in %s at %s",
						d.Entry.ID, prevID.Pkg, prevID.Entry.Pos, d.Pkg, d.Entry.Pos)
				}
			case !dupID && dupCode && prevCode.Pkg != d.Pkg && !imports.reportedElsewhere(facts, prevCode.Pkg, d.Pkg):
				if at := imports.second(prevCode.Pkg, d.Pkg); at != nil {
					u.addProblem(importSite, "duplicate-code", at, 0, "code %s is defined twice: for %s in %s at %s and for %s in %s at %s",
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

// resolveDefines resolves the kerror.Define calls of the package, in
// source order: each valid one is learned, each other is a site whose
// problem says why.
func (u *unit) resolveDefines() {
	for _, call := range u.syntax.defines {
		if len(call.Args) != 4 {
			continue
		}
		id, code := u.part(call.Args[0]), call.Args[1]
		codeVal, codeOK := u.constValue(code, constant.Int)
		if !id.known || !codeOK {
			u.sites = append(u.sites, &site{kind: defineSite, node: call,
				dynamic: &dynamic{call, "cannot check this definition: its id and code are not compile-time constants"}})
			continue
		}
		e := u.validDefinition(call, id, codeVal)
		if e == nil || u.definedBefore(call, e) {
			continue
		}
		e.Pos = toPosition(u.pass.Fset.Position(call.Pos()))
		d := &definition{Entry: *e, Pkg: u.pass.Pkg.Path()}
		u.defs.local = append(u.defs.local, d)
		u.defs.byID[e.ID], u.defs.byCode[e.Code] = d, d
		u.defs.at[d] = call.Pos()
		if v := u.vars.definedBy(call); v != nil {
			u.defs.vars[v] = e.ID
		}
	}
}

// definedBefore adds a problem site when e's id or code is already taken,
// by a registry or by an earlier definition.
func (u *unit) definedBefore(call *ast.CallExpr, e *registry.Entry) bool {
	idArg, code := call.Args[0], call.Args[1]
	if prev, ok := u.reg.Lookup(e.ID); ok {
		u.addProblem(defineSite, "duplicate-id", idArg, 0, "%s is already registered (%s at %s)", e.ID, registry.FormatCode(prev.Code), prev.Pos)
		return true
	}
	if prev, ok := u.defs.byID[e.ID]; ok {
		u.addProblem(defineSite, "duplicate-id", idArg, u.defs.at[prev], "%s is already defined in %s at %s", e.ID, prev.Pkg, prev.Entry.Pos)
		return true
	}
	if prev, ok := u.reg.ByCode(e.Code); ok {
		u.addProblem(defineSite, "duplicate-code", code, 0, "code %s is already taken by %s (%s)", registry.FormatCode(e.Code), prev.ID, prev.Pos)
		return true
	}
	if prev, ok := u.defs.byCode[e.Code]; ok {
		u.addProblem(defineSite, "duplicate-code", code, u.defs.at[prev], "code %s is already taken by %s, defined in %s at %s", registry.FormatCode(e.Code), prev.Entry.ID, prev.Pkg, prev.Entry.Pos)
		return true
	}
	return false
}

// validDefinition returns the entry a Define call defines, or nil after
// adding a problem site saying why it is invalid.
func (u *unit) validDefinition(call *ast.CallExpr, id part, codeVal constant.Value) *registry.Entry {
	code, class, msg := call.Args[1], u.part(call.Args[2]), u.part(call.Args[3])
	domain, sub, name, ok := registry.ParseID(id.value)
	if !ok {
		u.addProblem(defineSite, "invalid-definition", call.Args[0], 0, "malformed id %q: want domain.subdomain.name, three names without dots", id.value)
		return nil
	}
	c, exact := constant.Uint64Val(codeVal)
	if !exact || c > 0xFFFFFFFF || c&0xFFFF == 0 {
		u.addProblem(defineSite, "invalid-definition", code, 0, "code %s is not a 32-bit code with an error number from 1 to 0xffff", codeVal.ExactString())
		return nil
	}
	if msg.known && msg.value == "" {
		u.addProblem(defineSite, "invalid-definition", call.Args[3], 0, "%s has an empty message", id.value)
		return nil
	}
	e := &registry.Entry{ID: id.value, Domain: domain, Subdomain: sub, Name: name, Code: uint32(c), Message: msg.value, Description: msg.value}
	if class.known {
		info, known := registry.LookupClass(class.value)
		if !known {
			u.addProblem(defineSite, "invalid-definition", call.Args[2], 0, "unknown class %q", class.value)
			return nil
		}
		e.Class, e.Status = info.Name, info.Status
	}
	if problem := u.codeAgrees(e); problem != "" {
		u.addProblem(defineSite, "invalid-definition", code, 0, "%s", problem)
		return nil
	}
	return e
}

// codeAgrees checks the domain and subdomain bytes of e's code against the
// registry's entries near it and the definitions seen so far, as the
// runtime does.
func (u *unit) codeAgrees(e *registry.Entry) string {
	others := u.reg.Near(e.Domain, e.Subdomain, e.Code)
	for _, id := range slices.Sorted(maps.Keys(u.defs.byID)) {
		others = append(others, &u.defs.byID[id].Entry)
	}
	return registry.PlacementProblem(e, others)
}

// addProblem adds a site of kind whose problem the check of category reports.
func (u *unit) addProblem(kind siteKind, category string, at ast.Node, related token.Pos, format string, args ...any) {
	u.sites = append(u.sites, &site{kind: kind, node: at,
		problem: &problem{category: category, at: at, msg: fmt.Sprintf(format, args...), related: related}})
}

func toPosition(p token.Position) registry.Position {
	return registry.Position{File: p.Filename, Line: p.Line, Col: p.Column}
}
