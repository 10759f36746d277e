package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"maps"
	"slices"
	"strconv"

	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis"
)

// byCode finds the entry of code in the registry, then among the definitions.
func (r *run) byCode(code uint32) (*registry.Entry, bool) {
	if e, ok := r.reg.ByCode(code); ok {
		return e, true
	}
	if d, ok := r.defCodes[code]; ok {
		return &d.Entry, true
	}
	return nil, false
}

// importDefinitions learns the definitions of every imported package, and
// reports a conflict between two of them that no other package reports:
// once, in the first package importing both, at the import bringing the second.
func (r *run) importDefinitions() {
	facts := map[string]*packageFact{}
	for _, pf := range r.pass.AllPackageFacts() {
		if f, ok := pf.Fact.(*packageFact); ok && pf.Package != r.pass.Pkg {
			facts[pf.Package.Path()] = f
		}
	}
	type imported struct {
		spec *ast.ImportSpec
		seen []string // the defining packages it brings
	}
	var imports []imported
	for _, f := range r.pass.Files {
		for _, spec := range f.Imports {
			if path, err := strconv.Unquote(spec.Path.Value); err == nil && facts[path] != nil {
				imports = append(imports, imported{spec, facts[path].Seen})
			}
		}
	}
	// reportedElsewhere: by the package defining one, which imports the
	// other, or by an imported package that imports both.
	reportedElsewhere := func(a, b string) bool {
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
	secondImport := func(a, b string) ast.Node {
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
	for _, path := range slices.Sorted(maps.Keys(facts)) {
		for i := range facts[path].Defs {
			d := &facts[path].Defs[i]
			prevID, dupID := r.defs[d.Entry.ID]
			prevCode, dupCode := r.defCodes[d.Entry.Code]
			switch {
			case dupID && prevID.Pkg != d.Pkg && !reportedElsewhere(prevID.Pkg, d.Pkg):
				if at := secondImport(prevID.Pkg, d.Pkg); at != nil {
					r.addf(at, "duplicate-id", "%s is defined twice: in %s at %s and in %s at %s",
						d.Entry.ID, prevID.Pkg, prevID.Entry.Pos, d.Pkg, d.Entry.Pos)
				}
			case !dupID && dupCode && prevCode.Pkg != d.Pkg && !reportedElsewhere(prevCode.Pkg, d.Pkg):
				if at := secondImport(prevCode.Pkg, d.Pkg); at != nil {
					r.addf(at, "duplicate-code", "code %s is defined twice: for %s in %s at %s and for %s in %s at %s",
						registry.FormatCode(d.Entry.Code), prevCode.Entry.ID, prevCode.Pkg, prevCode.Entry.Pos, d.Entry.ID, d.Pkg, d.Entry.Pos)
				}
			}
			if !dupID {
				r.defs[d.Entry.ID] = d
			}
			if !dupCode {
				r.defCodes[d.Entry.Code] = d
			}
		}
	}
}

// checkDefines checks the kerror.Define calls of the package, in source
// order, and learns the valid ones.
func (r *run) checkDefines() {
	localPos := map[*definition]token.Pos{}
	for _, call := range r.defines {
		if len(call.Args) != 4 {
			continue
		}
		id, code, class, msg := r.part(call.Args[0]), call.Args[1], r.part(call.Args[2]), r.part(call.Args[3])
		codeVal, codeOK := r.constValue(code, constant.Int)
		if !id.known || !codeOK {
			if r.strict {
				r.addf(call, "dynamic-id", "cannot check this definition: its id and code are not compile-time constants")
			}
			continue
		}
		e := r.validDefinition(call, id, code, codeVal, class, msg)
		if e == nil {
			continue
		}
		if prev, ok := r.reg.Lookup(e.ID); ok {
			r.addf(call.Args[0], "duplicate-id", "%s is already registered (%s at %s)", e.ID, registry.FormatCode(prev.Code), prev.Pos)
			continue
		}
		if prev, ok := r.defs[e.ID]; ok {
			r.reportRelated(call.Args[0], "duplicate-id", localPos[prev], "%s is already defined in %s at %s", e.ID, prev.Pkg, prev.Entry.Pos)
			continue
		}
		if prev, ok := r.reg.ByCode(e.Code); ok {
			r.addf(code, "duplicate-code", "code %s is already taken by %s (%s)", registry.FormatCode(e.Code), prev.ID, prev.Pos)
			continue
		}
		if prev, ok := r.defCodes[e.Code]; ok {
			r.reportRelated(code, "duplicate-code", localPos[prev], "code %s is already taken by %s, defined in %s at %s", registry.FormatCode(e.Code), prev.Entry.ID, prev.Pkg, prev.Entry.Pos)
			continue
		}
		e.Pos = toPosition(r.pass.Fset.Position(call.Pos()))
		d := &definition{Entry: *e, Pkg: r.pass.Pkg.Path()}
		r.localDefs = append(r.localDefs, d)
		r.defs[e.ID], r.defCodes[e.Code] = d, d
		localPos[d] = call.Pos()
		if v := r.defineVar[call]; v != nil && r.assigns[v] == 1 {
			r.defVars[v] = e.ID
		}
	}
}

// validDefinition returns the entry a Define call defines, or nil after
// reporting why it is invalid.
func (r *run) validDefinition(call *ast.CallExpr, id part, code ast.Expr, codeVal constant.Value, class, msg part) *registry.Entry {
	domain, sub, name, ok := registry.SplitID(id.value)
	if !ok || !registry.ValidIDPart(domain) || !registry.ValidIDPart(sub) || !registry.ValidIDPart(name) {
		r.addf(call.Args[0], "invalid-definition", "malformed id %q: want domain.subdomain.name in lower-case letters, digits and _", id.value)
		return nil
	}
	c, exact := constant.Uint64Val(codeVal)
	if !exact || c > 0xFFFFFFFF || c&0xFFFF == 0 {
		r.addf(code, "invalid-definition", "code %s is not a 32-bit code with an error number from 1 to 0xffff", codeVal.ExactString())
		return nil
	}
	e := &registry.Entry{ID: id.value, Domain: domain, Subdomain: sub, Name: name, Code: uint32(c), Message: msg.value, Description: msg.value}
	if class.known {
		status, known := registry.ClassStatus(class.value)
		if !known {
			r.addf(call.Args[2], "invalid-definition", "unknown class %q", class.value)
			return nil
		}
		e.Class, e.Status = class.value, status
	}
	if problem := r.codeAgrees(e); problem != "" {
		r.addf(code, "invalid-definition", "%s", problem)
		return nil
	}
	return e
}

// codeAgrees checks the domain and subdomain bytes of e's code against the
// registry's entries near it and the definitions seen so far.
func (r *run) codeAgrees(e *registry.Entry) string {
	others := r.reg.Near(e.Domain, e.Subdomain, e.Code)
	for _, id := range slices.Sorted(maps.Keys(r.defs)) {
		others = append(others, &r.defs[id].Entry)
	}
	code := registry.FormatCode(e.Code)
	dByte, sByte := uint8(e.Code>>24), uint8(e.Code>>16)
	for _, o := range others {
		oD, oS := uint8(o.Code>>24), uint8(o.Code>>16)
		switch {
		case o.Domain == e.Domain && oD != dByte:
			return fmt.Sprintf("code %s has domain 0x%02x, but domain %s is 0x%02x", code, dByte, e.Domain, oD)
		case o.Domain != e.Domain && oD == dByte:
			return fmt.Sprintf("code %s has domain 0x%02x, which is domain %s, not %s", code, dByte, o.Domain, e.Domain)
		case o.Domain == e.Domain && o.Subdomain == e.Subdomain && oS != sByte:
			return fmt.Sprintf("code %s has subdomain 0x%02x, but %s.%s is 0x%02x", code, sByte, e.Domain, e.Subdomain, oS)
		case o.Domain == e.Domain && o.Subdomain != e.Subdomain && oS == sByte:
			return fmt.Sprintf("code %s has subdomain 0x%02x, which is %s.%s, not %s.%s", code, sByte, o.Domain, o.Subdomain, e.Domain, e.Subdomain)
		}
	}
	return ""
}

// exportFacts exports the package fact (its definitions and the defining
// packages it sees) and the definition variables' facts.
func (r *run) exportFacts() {
	seen := map[string]bool{}
	if len(r.localDefs) > 0 {
		seen[r.pass.Pkg.Path()] = true
	}
	for _, imp := range r.pass.Pkg.Imports() {
		var f packageFact
		if r.pass.ImportPackageFact(imp, &f) {
			for _, p := range f.Seen {
				seen[p] = true
			}
		}
	}
	defs := make([]definition, len(r.localDefs))
	for i, d := range r.localDefs {
		defs[i] = *d
	}
	r.pass.ExportPackageFact(&packageFact{Defs: defs, Seen: slices.Sorted(maps.Keys(seen))})
	for v, id := range r.defVars {
		if v.Parent() == r.pass.Pkg.Scope() {
			r.pass.ExportObjectFact(v, &definitionFact{ID: id})
		}
	}
	for fn, w := range r.wrappers {
		r.pass.ExportObjectFact(fn, w)
	}
	for tn, f := range r.errTypes {
		r.pass.ExportObjectFact(tn, f)
	}
}

// reportRelated reports a problem with a related position in this package, when known.
func (r *run) reportRelated(n ast.Node, category string, related token.Pos, format string, args ...any) {
	d := analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Category: category, Message: fmt.Sprintf(format, args...)}
	if related.IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: related, Message: "defined here"}}
	}
	r.diags = append(r.diags, d)
}

func toPosition(p token.Position) registry.Position {
	return registry.Position{File: p.Filename, Line: p.Line, Col: p.Column}
}
