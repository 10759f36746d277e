package analyzer

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/kerrlint/kerrlint/internal/safefile"
	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/types/typeutil"
)

// An install is a registry a package installs at run time with
// kerror.UseFS or Use (Replace), InstallFS or Install. A package's fact
// carries its own installs, not its dependencies': a package raises
// against the analyzer's registry (embedded + flags) with the installs of
// its whole import closure applied in Go's initialization order
// (initorder.go), then its own in source order, with the runtime's rules
// (registry.State), as its own test binary would.
type install struct {
	Pkg     string // the installing package
	Call    string // file:line:col of the call
	Replace bool   // UseFS or Use: the registry in use is replaced
	// Open: kerrlint cannot read the registry (Entries empty): any id may
	// be registered from here on.
	Open    bool
	Entries entryList
	// Digest identifies Entries by content (sha256), so that the packages
	// applying the install fold its registry once (folds).
	Digest string
	Step   initStep // when its package's initialization runs it
	// Distinct identifies the registries (folds.registryID) over which
	// kerrlint found the install to fold by union, every id and code
	// distinct: an importer folding it over one of them reads its entries
	// in place rather than checking them again (folds.merge).
	Distinct []string
}

// installs of the package: the calls found by scan, the embed.FS
// variables they may read, and what applying them showed.
type installs struct {
	calls  []*ast.CallExpr
	embeds map[*types.Var]embedVar      // package-level embed.FS variables
	loads  map[*types.Var]*ast.CallExpr // *registry.Registry variables → the registry.LoadFS call assigned
	own    []install                    // the package's own, in source order
	open   bool                         // an install kerrlint cannot read: ids may come from anywhere
	seen   bool                         // some install is visible here
	// replaced names, for each id a Use dropped, the install that replaced
	// it; failed, for each id of a registry that failed to install, that
	// install and why: what an unknown id's message names as the cause.
	replaced map[string]install
	failed   map[string]failedInstall
	ownFail  string // the first own install whose registry does not load, file:line:col
}

// failedInstall is an install that changed nothing at run time, and why.
type failedInstall struct {
	in  install
	why string
}

func newInstalls() installs {
	return installs{embeds: map[*types.Var]embedVar{}, loads: map[*types.Var]*ast.CallExpr{},
		replaced: map[string]install{}, failed: map[string]failedInstall{}}
}

// scanEmbeds records the //go:embed patterns of the embed.FS variables of a
// var declaration.
func (u *unit) scanEmbeds(n *ast.GenDecl) {
	if n.Tok != token.VAR {
		return
	}
	for _, spec := range n.Specs {
		vs := spec.(*ast.ValueSpec)
		doc := vs.Doc
		if doc == nil && !n.Lparen.IsValid() {
			doc = n.Doc
		}
		if doc == nil || len(vs.Names) != 1 {
			continue
		}
		patterns, err := embedDirectivePatterns(doc)
		if err != nil {
			continue // the package does not build: go list reports it
		}
		if v, ok := u.pass.TypesInfo.Defs[vs.Names[0]].(*types.Var); ok && len(patterns) > 0 && isNamed(v.Type(), "embed", "FS") {
			// The package's directory, where patterns are resolved, is
			// that of the declaring file, which an overlay is least
			// likely to have moved.
			dir := filepath.Dir(u.pass.Fset.Position(vs.Pos()).Filename)
			u.installs.embeds[v] = embedVar{dir, patterns}
		}
	}
}

// resolveInit applies, with the runtime's rules, what initializing the
// import closure and then the package does: the imported packages' Defines
// and installs in Go's initialization order, then the package's own in the
// order its initialization runs them. What follows raises against the
// result.
func (u *unit) resolveInit() {
	rules := u.importInit(registry.NewState(u.reg))
	for _, call := range u.initOrdered(slices.Concat(u.syntax.defines, u.installs.calls)) {
		at := u.stepOf(call)
		if kerrorFunc(u.namedCallee(call)) == "Define" {
			rules = u.resolveDefine(call, rules, at)
		} else {
			rules = u.resolveOwnInstall(call, rules, at)
		}
	}
	u.reg = rules.Registry()
}

// resolveOwnInstall applies one of the package's installs to rules and
// returns the next state.
func (u *unit) resolveOwnInstall(call *ast.CallExpr, rules *registry.State, at initStep) *registry.State {
	u.installs.seen = true
	in, ok := u.ownInstall(call)
	if !ok {
		if u.installs.ownFail == "" {
			u.installs.ownFail = u.pass.Fset.Position(call.Pos()).String()
		}
		return rules
	}
	in.Step = at
	u.installs.own = append(u.installs.own, in)
	if in.Open {
		u.installs.open = true
		return rules
	}
	next, err := u.folds.apply(rules, in, u.installs.replaced, u.installs.failed)
	if err != nil {
		u.addProblem(installSite, invalidRegistry, call, 0, "this registry conflicts with the one in use, so it is not installed: %s", firstLine(err))
		return rules
	}
	return next
}

// initStep says when a package's initialization runs a call: its phase
// (0: package-level variable initialisers, 1: init functions, 2: later, in
// a function called after initialization if at all) and its rank in the
// package's order (file by file, as the go command passes files).
type initStep struct {
	Phase int8
	Rank  int
}

// stepOf returns when the package's initialization runs call.
func (u *unit) stepOf(call *ast.CallExpr) initStep {
	rank := 0
	for _, f := range u.pass.Files {
		if call.Pos() < f.Pos() || call.Pos() >= f.End() {
			rank += int(f.End() - f.Pos())
			continue
		}
		rank += int(call.Pos() - f.Pos())
		for _, d := range f.Decls {
			if call.Pos() < d.Pos() || call.Pos() >= d.End() {
				continue
			}
			switch d := d.(type) {
			case *ast.GenDecl:
				return initStep{0, rank}
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.Name == "init" {
					return initStep{1, rank}
				}
			}
		}
		break
	}
	return initStep{2, rank}
}

// compare orders steps.
func (s initStep) compare(o initStep) int {
	if s.Phase != o.Phase {
		return int(s.Phase) - int(o.Phase)
	}
	return s.Rank - o.Rank
}

// initOrdered returns calls in the order a package's initialization runs
// them: those in package-level variable initialisers (in declaration order),
// then those in init functions, then the others.
func (u *unit) initOrdered(calls []*ast.CallExpr) []*ast.CallExpr {
	out := slices.Clone(calls)
	slices.SortStableFunc(out, func(a, b *ast.CallExpr) int { return u.stepOf(a).compare(u.stepOf(b)) })
	return out
}

// importInit applies to rules the Defines and installs of the packages of
// the import closure, in the order Go initializes them (and those their
// packages run later, after every initialization). A conflicting install
// is reported at the import bringing it, unless one import brings it and
// the installs it conflicts with (that import's package reports it); a
// conflicting Define is reported in its package, or by importDefinitions.
// When the order depends on packages whose initialization kerrlint cannot
// see and changes the outcome, the registry is open: nothing is reported
// that the order decides.
func (u *unit) importInit(rules *registry.State) *registry.State {
	byPkg := map[string][]initAction{}
	working, idle := map[string]bool{}, map[string]bool{} // with and without initialization work
	installing := false
	var facts []*packageFact
	for _, pf := range u.pass.AllPackageFacts() {
		f, ok := pf.Fact.(*packageFact)
		if !ok || pf.Package == u.pass.Pkg {
			continue
		}
		facts = append(facts, f)
		var actions []initAction
		for i := range f.Defs {
			actions = append(actions, initAction{step: f.Defs[i].Step, def: &f.Defs[i]})
		}
		for i := range f.Installs {
			actions = append(actions, initAction{step: f.Installs[i].Step, in: &f.Installs[i]})
			installing = true
		}
		slices.SortStableFunc(actions, func(a, b initAction) int { return a.step.compare(b.step) })
		if len(actions) > 0 {
			byPkg[pf.Package.Path()] = actions
		}
		working[pf.Package.Path()] = f.Init == initWorkCertain
		idle[pf.Package.Path()] = f.Init == noInitWork
	}
	visible := map[string]bool{}
	for p := range working {
		visible[p] = true
	}
	hidden, hiddenReplace := u.hiddenInstalls(facts, visible)
	if !installing && len(hidden) == 0 { // definitions alone: importDefinitions judges their conflicts
		return u.folds.simulate(rules, slices.Sorted(maps.Keys(byPkg)), byPkg).rules
	}
	u.installs.seen = true
	var g *importGraph // the import closure, walked when needed: one package's initialization has no order to find
	graph := func() *importGraph {
		if g == nil {
			g = newImportGraph(u.pass.Pkg)
		}
		return g
	}
	order := slices.Sorted(maps.Keys(byPkg))
	other := order
	if len(order) > 1 {
		order, other = graph().installOrders(order, working, idle)
	}
	orders := [][]string{order}
	if !slices.Equal(order, other) {
		orders = append(orders, other)
	}
	if len(hidden) > 0 {
		// Where the installs of packages whose facts the driver hides
		// (below) run among the others is unknown: first, in path
		// order, or last, in reverse. Installs that merge conflict
		// pairwise, and a conflicting pair changes the outcome between
		// those two; a Use makes any order matter.
		paths := slices.Sorted(maps.Keys(hidden))
		maps.Copy(byPkg, hidden)
		var around [][]string
		for _, o := range orders {
			around = append(around, slices.Concat(paths, o), slices.Concat(o, reversed(paths)))
		}
		orders = around
	}
	sim := u.folds.simulate(rules, orders[0], byPkg)
	certain := !hiddenReplace
	for _, o := range orders[1:] {
		certain = certain && sim.sameOutcome(u.folds.simulate(rules, o, byPkg))
	}
	u.installs.open = u.installs.open || sim.open || !certain
	maps.Copy(u.installs.replaced, sim.replaced)
	maps.Copy(u.installs.failed, sim.failed)
	if certain {
		specs := u.importSpecs()
		for _, c := range sim.conflicts {
			if spec := specs.bringing(graph(), c.in.Pkg); spec != nil && !specs.oneBrings(graph(), append(c.with, c.in.Pkg)) {
				u.addProblem(importSite, invalidRegistry, spec, 0, "the registry installed by %s at %s conflicts with the one in use, so it is not installed: %s", c.in.Pkg, c.in.Call, firstLine(c.err))
			}
		}
	}
	return sim.rules
}

// hiddenInstalls returns the installs of the import closure whose
// packages' facts the driver does not give (go vet's unitchecker gives
// only the facts of packages reachable from the imports' exported types:
// a package installing a registry in an init function is usually not),
// known from the installs below of the facts it gives (packageFact.Below),
// by package, in their packages' order; and whether one of them replaces
// the registry. visible holds the packages whose facts the driver gives.
func (u *unit) hiddenInstalls(facts []*packageFact, visible map[string]bool) (map[string][]initAction, bool) {
	hidden := map[string][]initAction{}
	calls := map[string]bool{}
	replace := false
	for _, f := range facts {
		for i := range f.Below {
			in := &f.Below[i]
			if _, ok := visible[in.Pkg]; ok || in.Pkg == u.pass.Pkg.Path() || calls[in.Call] {
				continue
			}
			calls[in.Call] = true
			hidden[in.Pkg] = append(hidden[in.Pkg], initAction{step: in.Step, in: in})
			replace = replace || in.Replace
		}
	}
	for _, actions := range hidden {
		slices.SortStableFunc(actions, func(a, b initAction) int { return a.step.compare(b.step) })
	}
	return hidden, replace
}

// reversed returns a reversed copy of s.
func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

// initAction is a Define or an install of a package, with when its
// package's initialization runs it.
type initAction struct {
	step initStep
	def  *definition
	in   *install
}

// simulation is the result of applying Defines and installs to the rules'
// state, as at run time.
type simulation struct {
	rules     *registry.State
	open      bool // an install kerrlint cannot read was applied
	conflicts []conflict
	replaced  map[string]install       // see installs.replaced
	failed    map[string]failedInstall // see installs.failed
}

// conflict is an install that failed, and the packages whose installs it
// may conflict with: those that installed one of its ids or codes, and
// every one that replaced the registry before.
type conflict struct {
	in   install
	err  error
	with []string
}

// simulate applies the actions of the packages of order: first what their
// initialization runs, package by package, then the rest, in the same
// order.
func (f *folds) simulate(rules *registry.State, order []string, byPkg map[string][]initAction) *simulation {
	sim := &simulation{rules: rules, replaced: map[string]install{}, failed: map[string]failedInstall{}}
	var applied []initAction // the installs applied, in order
	var replacers []string
	for _, later := range []bool{false, true} {
		for _, p := range order {
			for _, a := range byPkg[p] {
				if (a.step.Phase == 2) != later {
					continue
				}
				if a.def != nil {
					if next, err := sim.rules.Define(registry.Definition{Entry: a.def.Entry, Owner: a.def.Pkg},
						registry.Unknown{Class: a.def.Entry.Class == "", Message: a.def.Entry.Message == ""}); err == nil {
						sim.rules = next
					}
					continue
				}
				in := *a.in
				if in.Open || in.Entries.broken() {
					sim.open = true
					continue
				}
				next, err := f.apply(sim.rules, in, sim.replaced, sim.failed)
				if err != nil {
					sim.conflicts = append(sim.conflicts, conflict{in, err, conflicting(in, replacers, applied)})
					continue
				}
				sim.rules = next
				if in.Replace {
					replacers = append(replacers, p)
				}
				applied = append(applied, a)
			}
		}
	}
	return sim
}

// conflicting returns the packages whose installs a failed install in may
// conflict with: every one that replaced the registry (replacers), and
// those of the installs applied before whose registry had one of its ids
// or codes (the last to install each). Conflicts are rare: the owners are
// gathered only then, not for every install of every importer.
func conflicting(in install, replacers []string, applied []initAction) []string {
	byID, byCode := map[string]string{}, map[uint32]string{} // the installing package of each id and code
	for _, a := range applied {
		for _, e := range a.in.Entries.list() {
			byID[e.ID], byCode[e.Code] = a.in.Pkg, a.in.Pkg
		}
	}
	with := slices.Clone(replacers)
	for _, e := range in.Entries.list() {
		for _, q := range []string{byID[e.ID], byCode[e.Code]} {
			if q != "" && !slices.Contains(with, q) {
				with = append(with, q)
			}
		}
	}
	return with
}

// sameOutcome reports whether two simulations leave the same registry and
// fail the same installs: then the order they differ in does not matter.
func (sim *simulation) sameOutcome(o *simulation) bool {
	if len(sim.conflicts) != len(o.conflicts) {
		return false
	}
	if sim.rules.Registry() != o.rules.Registry() { // the same registry: one fold (folds)
		a, b := sim.rules.Registry().Entries(), o.rules.Registry().Entries()
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i].ID != b[i].ID || a[i].Code != b[i].Code || a[i].Class != b[i].Class {
				return false
			}
		}
	}
	calls := map[string]bool{}
	for _, c := range sim.conflicts {
		calls[c.in.Call] = true
	}
	for _, c := range o.conflicts {
		if !calls[c.in.Call] {
			return false
		}
	}
	return true
}

// apply applies one install to rules, remembering the ids a Use drops
// (replaced) and those of a registry that fails to install (failed).
func (f *folds) apply(rules *registry.State, in install, replaced map[string]install, failed map[string]failedInstall) (*registry.State, error) {
	var reg *registry.Registry // the install's, for a Use
	var next *registry.State
	var err error
	if in.Replace {
		if reg, err = f.installed(in); err == nil {
			next, err = rules.Use(reg)
		}
	} else {
		next, err = f.merge(rules, in)
	}
	if err != nil {
		for _, e := range in.Entries.list() {
			if _, ok := failed[e.ID]; !ok {
				failed[e.ID] = failedInstall{in, firstLine(err)}
			}
		}
		return rules, err
	}
	if in.Replace {
		for _, e := range rules.Registry().Entries() {
			if _, kept := reg.Lookup(e.ID); !kept {
				replaced[e.ID] = in
			}
		}
	}
	if len(replaced) > 0 || len(failed) > 0 { // the install's ids: those of its registry
		for _, e := range in.Entries.list() {
			delete(replaced, e.ID)
			delete(failed, e.ID)
		}
	}
	return next, nil
}

// importSpecs are the package's import declarations.
type importSpecs []*ast.ImportSpec

func (u *unit) importSpecs() importSpecs {
	var specs importSpecs
	for _, f := range u.pass.Files {
		specs = append(specs, f.Imports...)
	}
	return specs
}

// bringing returns the first import whose package is p or depends on it.
func (specs importSpecs) bringing(g *importGraph, p string) *ast.ImportSpec {
	for _, spec := range specs {
		if path, err := strconv.Unquote(spec.Path.Value); err == nil && (path == p || slices.Contains(g.deps(path), p)) {
			return spec
		}
	}
	return nil
}

// oneBrings reports whether a single import brings every package of pkgs.
func (specs importSpecs) oneBrings(g *importGraph, pkgs []string) bool {
	for _, spec := range specs {
		path, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		deps := g.deps(path)
		if !slices.ContainsFunc(pkgs, func(p string) bool { return p != path && !slices.Contains(deps, p) }) {
			return true
		}
	}
	return false
}

// cause says why an unknown id is unknown when installs explain it: a Use
// replaced the registry that had it, the install that would define it
// failed, or the registry of the package's own install does not load; else, when installs are
// visible and nothing is suggested, that no visible registry defines it.
func (in *installs) cause(id string, suggested bool) string {
	if r, ok := in.replaced[id]; ok {
		return fmt.Sprintf(" (registered until the registry was replaced by %s at %s)", r.Pkg, r.Call)
	}
	if f, ok := in.failed[id]; ok {
		return fmt.Sprintf(" (the registry installed by %s at %s defines it but is not installed: %s)", f.in.Pkg, f.in.Call, f.why)
	}
	if in.ownFail != "" {
		return fmt.Sprintf(" (the registry this package installs at %s does not load: it may define it)", in.ownFail)
	}
	if in.seen && !suggested {
		// Perhaps a registry installed by a package this one does not import.
		return " (no registry visible from this package defines it)"
	}
	return ""
}

// ownInstall resolves one kerror.UseFS, InstallFS, Use or Install call of
// the package: an install kerrlint cannot read is Open.
func (u *unit) ownInstall(call *ast.CallExpr) (install, bool) {
	fn := kerrorFunc(u.callee(call))
	in := install{Pkg: u.pass.Pkg.Path(), Call: u.pass.Fset.Position(call.Pos()).String(), Replace: fn == "UseFS" || fn == "Use"}
	var src installSource
	switch fn {
	case "UseFS", "InstallFS":
		src = u.installSource(call.Args)
	default:
		src = u.registryArg(call)
	}
	if src.given && !in.Replace {
		// Merged over a registry that already holds Settings.RegistryFS.
		u.sites = append(u.sites, &site{kind: installSite, node: call, dynamic: &dynamic{call, "this install's files are not given to the analyzer: taken to be analyzer.Settings.RegistryFS"}})
		return in, true
	}
	if src.given {
		src.why = "its files are not given to the analyzer, and it replaces the registry in use"
	}
	if src.why != "" {
		u.sites = append(u.sites, &site{kind: installSite, node: call, dynamic: &dynamic{call, "cannot check this registry install: " + src.why}})
		in.Open = true
		return in, true
	}
	reg := src.reg
	if reg == nil {
		var err error
		if reg, err = registry.LoadFS(src.fsys, src.paths...); err != nil {
			u.registryProblems(call, src.dir, src.fsys, err)
			return install{}, false
		}
	}
	list := make([]registry.Entry, 0, reg.Len())
	for _, e := range reg.Entries() {
		e := *e
		if src.dir != "" {
			e.Pos.File = filepath.Join(src.dir, filepath.FromSlash(e.Pos.File))
		}
		list = append(list, e)
	}
	in.Entries = newEntryList(list)
	in.Digest = in.Entries.digest()
	return in, true
}

// embedVar is a package-level embed.FS variable: its //go:embed patterns
// and the directory they are resolved in.
type embedVar struct {
	dir      string
	patterns []string
}

// installSource is what an install call installs: the files of an embed.FS
// (fsys, paths, in the directory dir of the package embedding them), or a
// registry (reg); why says when kerrlint cannot tell.
type installSource struct {
	fsys  fstest.MapFS
	paths []string
	dir   string
	reg   *registry.Registry
	why   string
	// given: the driver provides no embedded files (Bazel's nogo) and the
	// analyzer's settings carry the registry (Settings.RegistryFS), which
	// such an install is then taken to merge.
	given bool
}

// registryArg resolves the registry of a kerror.Use or Install call: a
// variable assigned once, by registry.LoadFS, or registry.Default().
func (u *unit) registryArg(call *ast.CallExpr) installSource {
	if len(call.Args) != 1 {
		return installSource{why: "no registry"}
	}
	switch x := ast.Unparen(call.Args[0]).(type) {
	case *ast.CallExpr:
		if fn, _ := typeutil.Callee(u.pass.TypesInfo, x).(*types.Func); fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == registryPath && fn.Name() == "Default" {
			return installSource{reg: registry.Default()}
		}
	case *ast.Ident:
		if v, ok := u.pass.TypesInfo.Uses[x].(*types.Var); ok && u.vars.once(v) && u.installs.loads[v] != nil {
			return u.installSource(u.installs.loads[v].Args)
		}
	}
	return installSource{why: "the registry is not a variable assigned once by registry.LoadFS"}
}

// registryPath is the import path of package registry.
const registryPath = "github.com/kerrlint/kerrlint/registry"

// installSource resolves the file system and paths of an install (the
// arguments of UseFS, InstallFS or registry.LoadFS): a package-level
// embed.FS variable, of this package or an imported one, and constant
// paths. why says otherwise.
func (u *unit) installSource(args []ast.Expr) installSource {
	if len(args) < 2 {
		return installSource{why: "no path"}
	}
	var v *types.Var
	switch x := ast.Unparen(args[0]).(type) {
	case *ast.Ident:
		v, _ = u.pass.TypesInfo.Uses[x].(*types.Var)
	case *ast.SelectorExpr:
		v, _ = u.pass.TypesInfo.Uses[x.Sel].(*types.Var)
	}
	ev, ok := u.installs.embeds[v]
	if !ok && v != nil && v.Pkg() != nil && v.Pkg() != u.pass.Pkg {
		ev, ok = u.importedEmbeds(v)
	}
	if !ok {
		return installSource{why: "the file system is not a package-level embed.FS"}
	}
	var paths []string
	for _, a := range args[1:] {
		p := u.part(a)
		if !p.known {
			return installSource{why: "the paths are not compile-time constants"}
		}
		paths = append(paths, p.value)
	}
	fsys, err := embeddedFS(ev.dir, ev.patterns, paths)
	if errors.Is(err, errNoEmbedMatch) && u.registryGiven {
		return installSource{given: true}
	}
	if errors.Is(err, errNoEmbedMatch) {
		return installSource{why: "//go:embed " + err.Error() + " (under a driver that gives analyzers no embedded files, such as Bazel's nogo, pass the registry in analyzer.Settings.RegistryFS)"}
	}
	if err != nil {
		return installSource{why: "//go:embed " + err.Error()}
	}
	return installSource{fsys: fsys, paths: paths, dir: ev.dir}
}

// importedEmbeds returns the directory and //go:embed patterns of v, a
// package-level embed.FS variable of an imported package, read from the
// Go file declaring it (its position in the type information names it): a
// package embedding files usually imports nothing kerrlint follows, so
// the analyzer never runs on it to export them.
func (u *unit) importedEmbeds(v *types.Var) (embedVar, bool) {
	if v.Parent() != v.Pkg().Scope() || !isNamed(v.Type(), "embed", "FS") {
		return embedVar{}, false
	}
	pos := u.pass.Fset.Position(v.Pos())
	if !filepath.IsAbs(pos.Filename) || filepath.Ext(pos.Filename) != ".go" {
		return embedVar{}, false
	}
	data, err := safefile.ReadFile(pos.Filename, false)
	if err != nil {
		return embedVar{}, false
	}
	f, err := parser.ParseFile(token.NewFileSet(), pos.Filename, data, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil || f.Name.Name != v.Pkg().Name() {
		return embedVar{}, false
	}
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if len(vs.Names) != 1 || vs.Names[0].Name != v.Name() {
				continue
			}
			doc := vs.Doc
			if doc == nil && !gd.Lparen.IsValid() {
				doc = gd.Doc
			}
			if doc == nil {
				return embedVar{}, false
			}
			patterns, err := embedDirectivePatterns(doc)
			if err != nil || len(patterns) == 0 {
				return embedVar{}, false
			}
			return embedVar{filepath.Dir(pos.Filename), patterns}, true
		}
	}
	return embedVar{}, false
}

// registryProblems adds a site per problem of an installed registry, at
// the problem's own file:line:col, which the file set learns.
func (u *unit) registryProblems(call *ast.CallExpr, dir string, fsys fstest.MapFS, err error) {
	// Messages name other places of the files by their embedded path.
	var names []string
	for name := range fsys {
		names = append(names, name+":", filepath.Join(dir, filepath.FromSlash(name))+":")
	}
	absolute := strings.NewReplacer(names...)
	for _, p := range registry.AsProblems(err) {
		at := ast.Node(call)
		msg := absolute.Replace(p.Msg)
		if p.Pos.File != "" {
			file := filepath.Join(dir, filepath.FromSlash(p.Pos.File))
			var data []byte
			if f := fsys[p.Pos.File]; f != nil {
				data = f.Data
			}
			if pos := u.jsonPos(file, data, p.Pos.Line, p.Pos.Col); pos.IsValid() {
				at = span{pos, pos}
			} else {
				msg = p.String()
			}
		}
		related := token.NoPos
		if at != ast.Node(call) {
			related = call.Pos()
		}
		u.sites = append(u.sites, &site{kind: installSite, node: at,
			problem: &problem{category: invalidRegistry, at: at, msg: msg, related: related, relatedMsg: "installed here"}})
	}
}

// jsonPos returns the position of line:col of a registry file whose
// content the analysis read (data), adding the file to the file set as
// asmdecl does for assembly files.
func (u *unit) jsonPos(file string, data []byte, line, col int) token.Pos {
	if line <= 0 {
		line = 1
	}
	if data == nil {
		return token.NoPos
	}
	var tf *token.File
	u.pass.Fset.Iterate(func(f *token.File) bool {
		if f.Name() == file {
			tf = f
		}
		return tf == nil
	})
	if tf == nil {
		tf = u.pass.Fset.AddFile(file, -1, len(data))
		tf.SetLinesForContent(data)
	}
	if line > tf.LineCount() {
		return token.NoPos
	}
	pos := tf.LineStart(line)
	if col > 1 && tf.Offset(pos)+col-1 <= tf.Size() {
		pos += token.Pos(col - 1)
	}
	return pos
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
