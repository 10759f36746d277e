package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"github.com/kerrlint/kerrlint/internal/idgen"
	"github.com/kerrlint/kerrlint/registry"
)

// This file judges the constants that kerrlint registry gen writes: a file
// is the generator's by its first line (idgen.Header), whatever its name.
// Raising through the constants needs nothing here: they are constants
// like any other. What a generated file can be is stale: the registry in
// use no longer has an id it declares, or describes it otherwise than the
// constant's doc comment (the code, the class and status, the deprecation
// that editors and staticcheck read from it).

// isGeneratedIDs reports whether f was written by kerrlint registry gen.
func isGeneratedIDs(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() >= f.Package {
			break
		}
		for _, c := range cg.List {
			if c.Text == idgen.Header {
				return true
			}
		}
	}
	return false
}

// inGenerated reports whether pos lies in a generated file of the package
// (any generator's): fixes never edit one.
func (u *unit) inGenerated(pos token.Pos) bool {
	tf := u.pass.Fset.File(pos)
	for _, f := range u.pass.Files {
		if u.pass.Fset.File(f.Pos()) == tf {
			return ast.IsGenerated(f)
		}
	}
	return false
}

// resolveGenerated adds a stale-id site for each constant of a generated
// file that the registry in use contradicts. An install kerrlint cannot
// read may hold anything: nothing is stale then.
func (u *unit) resolveGenerated() {
	if u.installs.open {
		return
	}
	for _, f := range u.pass.Files {
		if !isGeneratedIDs(f) {
			continue
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for _, name := range vs.Names {
					u.judgeGenerated(name, vs.Doc)
				}
			}
		}
	}
}

func (u *unit) judgeGenerated(name *ast.Ident, doc *ast.CommentGroup) {
	c, ok := u.pass.TypesInfo.Defs[name].(*types.Const)
	if !ok || c.Val().Kind() != constant.String {
		return
	}
	id := constant.StringVal(c.Val())
	if _, _, _, ok := registry.ParseID(id); !ok {
		return
	}
	e, ok := u.lookup(id)
	if !ok {
		u.addProblem(generatedSite, staleID, name, 0,
			"%s is %s, which the registry in use does not have: regenerate this file (kerrlint registry gen)", name.Name, id)
		return
	}
	said, ok := idgen.ReadStamp(doc.Text())
	if !ok {
		return
	}
	if now := idgen.StampOf(e); said != now {
		u.addProblem(generatedSite, staleID, name, 0,
			"%s documents %s as %s, the registry in use as %s: regenerate this file (kerrlint registry gen)",
			name.Name, id, describeStamp(said), describeStamp(now))
	}
}

func describeStamp(s idgen.Stamp) string {
	out := s.Code + ", " + s.Class
	if s.Deprecated {
		out += ", deprecated"
	}
	return out
}
