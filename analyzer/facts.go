package analyzer

import (
	"cmp"
	"fmt"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis"
)

// packageFact is exported by every package analysed: the kerror.Define
// calls it makes and the packages with definitions that it sees, itself
// included, its installs, and whether its importers must be analysed too.
type packageFact struct {
	Defs     []definition
	Seen     []string  // sorted paths of the packages, in its import closure, that define errors
	Installs []install // the registries it installs, in source order (its dependencies' are in their facts)
	// Below are the installs of its import closure (Installs of the
	// packages below and their Below), by package and call: go vet gives
	// an importer only the facts of packages reachable from its imports'
	// exported types, which a package installing in an init function
	// rarely is. The entries are shared with those facts, not copied,
	// within one process.
	Below []install
	Init  initWork // whether it has initialization work, which orders it among the packages initialized
	// Exports says that the package gives its importers something that
	// concerns kerror (relevance.go): an importer is analysed when one of
	// its imports exports.
	Exports bool
}

func (*packageFact) AFact() {}

func (f *packageFact) String() string {
	var parts []string
	if len(f.Defs) > 0 {
		ids := make([]string, len(f.Defs))
		for i, d := range f.Defs {
			ids[i] = d.Entry.ID
		}
		parts = append(parts, "defines "+strings.Join(ids, " "))
	}
	if len(f.Installs) > 0 {
		s := fmt.Sprintf("installs %d registries", len(f.Installs))
		if len(f.Installs) == 1 {
			s = "installs a registry"
		}
		if slices.ContainsFunc(f.Installs, func(in install) bool { return in.Open }) {
			s += " (not all readable)"
		}
		parts = append(parts, s)
	}
	if f.Exports {
		parts = append(parts, "exports")
	}
	if len(parts) == 0 {
		return "raises errors"
	}
	return strings.Join(parts, "; ")
}

// definition is one constant kerror.Define call.
type definition struct {
	Entry registry.Entry // Pos is the Define call's position
	Pkg   string         // the defining package
	Step  initStep       // when its package's initialization runs it
}

// wrapperFact marks a function or method that passes its parameters on,
// unchanged, to an id position: its callers' arguments are ids.
type wrapperFact struct {
	Parts   []idPart // the id (one part) or domain, subdomain and name
	Scope   int      // index of a kerror.Scope parameter giving domain and subdomain, or -1
	Class   string   // the class a typed constructor asserts
	Compare bool     // the id is compared (kerror.Is), not raised
	First   int      // index of the variadic parameter passed on as the placeholders, or -1
	// Fixed says the wrapper always passes Placeholders placeholders of
	// its own (kerror.New(id, detail)), whatever its callers pass.
	Fixed        bool
	Placeholders int
	// MakesScope says the function returns kerror.Wrap(Parts...): its
	// calls are scopes, not raises.
	MakesScope bool
}

// idPart is a part of a wrapper's id: the caller's argument at Param, the
// method's receiver when Recv is set (type Code string; Code("x").Err()),
// or, when Param is negative, the constant Value.
type idPart struct {
	Param int
	Value string
	Recv  bool
}

func (*wrapperFact) AFact() {}

func (f *wrapperFact) String() string {
	var parts []string
	if f.Scope >= 0 {
		parts = append(parts, fmt.Sprintf("scope=%d", f.Scope))
	}
	for _, p := range f.Parts {
		if p.Recv {
			parts = append(parts, "recv")
		} else if p.Param >= 0 {
			parts = append(parts, fmt.Sprintf("arg%d", p.Param))
		} else {
			parts = append(parts, fmt.Sprintf("%q", p.Value))
		}
	}
	verb := "raises"
	if f.Compare {
		verb = "compares"
	}
	if f.MakesScope {
		return "scope(" + strings.Join(parts, ", ") + ")"
	}
	s := verb + " id(" + strings.Join(parts, ", ") + ")"
	if f.First >= 0 {
		s += fmt.Sprintf(" placeholders arg%d...", f.First)
	}
	if f.Fixed {
		s += fmt.Sprintf(" with %d placeholders", f.Placeholders)
	}
	if f.Class != "" {
		s += " as " + f.Class
	}
	return s
}

// scopeFact marks a package-level kerror.Scope variable assigned once, by
// kerror.Wrap with constant arguments, so that importers resolve its ids.
type scopeFact struct{ Domain, Subdomain string }

func (*scopeFact) AFact() {}

func (f *scopeFact) String() string { return "scope " + f.Domain + "." + f.Subdomain }

// errorTypeFact marks a struct type declared with //kerrlint:error: its
// literals and ID comparisons are checked like kerror.Error's.
type errorTypeFact struct {
	ID, Code, Status, Class string // field names; empty when not given
}

func (*errorTypeFact) AFact() {}

func (f *errorTypeFact) String() string {
	return fmt.Sprintf("error type id=%s code=%s status=%s class=%s", f.ID, f.Code, f.Status, f.Class)
}

// definitionFact marks a package-level variable initialised by
// kerror.Define, so that Definition.New is checked in every package.
type definitionFact struct{ ID string }

func (*definitionFact) AFact() {}

func (f *definitionFact) String() string { return "definition " + f.ID }

// objectFactTypes make one of each of the analyzer's object facts.
var objectFactTypes = []func() analysis.Fact{
	func() analysis.Fact { return new(wrapperFact) },
	func() analysis.Fact { return new(scopeFact) },
	func() analysis.Fact { return new(errorTypeFact) },
	func() analysis.Fact { return new(definitionFact) },
}

// exportFacts exports the package fact (its definitions and the defining
// packages it sees), and the facts of its Definition variables, wrappers
// and error types.
func (u *unit) exportFacts() {
	seen := map[string]bool{}
	if len(u.defs.local) > 0 {
		seen[u.pass.Pkg.Path()] = true
	}
	below := map[string]install{} // by call
	for _, imp := range u.pass.Pkg.Imports() {
		var f packageFact
		if u.pass.ImportPackageFact(imp, &f) {
			for _, p := range f.Seen {
				seen[p] = true
			}
			for _, in := range slices.Concat(f.Installs, f.Below) {
				below[in.Call] = in
			}
		}
	}
	defs := make([]definition, len(u.defs.local))
	for i, d := range u.defs.local {
		defs[i] = *d
	}
	objectFacts := 0 // on exported objects: an unexported one is reached, if at all, through the exported API
	for v, id := range u.defs.vars {
		if v.Parent() == u.pass.Pkg.Scope() {
			u.pass.ExportObjectFact(v, &definitionFact{ID: id})
			objectFacts += exported(v)
		}
	}
	for v, wrap := range u.vars.wraps {
		if v.Parent() != u.pass.Pkg.Scope() || u.vars.wrapOf(v) == nil {
			continue
		}
		if d, sub, ok := u.wrapParts(wrap); ok && d.known && sub.known {
			u.pass.ExportObjectFact(v, &scopeFact{Domain: d.value, Subdomain: sub.value})
			objectFacts += exported(v)
		}
	}
	for fn, w := range u.wrappers.local {
		u.pass.ExportObjectFact(fn, w)
		objectFacts += exported(fn)
	}
	for tn, f := range u.errTypes {
		u.pass.ExportObjectFact(tn, f)
		objectFacts += exported(tn)
	}
	// Definitions and installs, own or below, are reported and ordered by
	// importers: they export.
	exports := objectFacts > 0 || len(seen) > 0 || len(u.installs.own) > 0 || len(below) > 0 ||
		u.funcsTarget || exportedAPIReachesKerror(u.pass)
	u.pass.ExportPackageFact(&packageFact{Defs: defs, Seen: slices.Sorted(maps.Keys(seen)),
		Installs: u.folds.vouched(u.installs.own), Below: u.folds.vouched(sortedInstalls(below)), Init: u.initWork(), Exports: exports})
}

// sortedInstalls returns the installs of byCall by package and call.
func sortedInstalls(byCall map[string]install) []install {
	out := slices.Collect(maps.Values(byCall))
	slices.SortFunc(out, func(a, b install) int {
		return cmp.Or(strings.Compare(a.Pkg, b.Pkg), strings.Compare(a.Call, b.Call))
	})
	return out
}

// exported is 1 if an importer can name obj, 0 otherwise.
func exported(obj types.Object) int {
	if obj.Exported() {
		return 1
	}
	return 0
}
