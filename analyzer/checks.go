package analyzer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/constant"
	"strconv"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
	"golang.org/x/tools/go/analysis"
)

// A Category is one of kerrlint's checks: an index into the table of
// checks, so that a misspelt check does not compile. Its name, the one
// string each check has, is what diagnostics, -checks and
// //kerrlint:ignore carry.
type Category uint8

// The checks, in the order the documentation lists them.
const (
	unknownID Category = iota
	classMismatch
	statusMismatch
	codeMismatch
	placeholderCount
	deprecatedID
	dynamicID
	duplicateID
	duplicateCode
	invalidDefinition
	invalidRegistry
	staleID
	unusedIgnore
	invalidDirective
	numChecks // the number of checks
)

// String returns the check's name.
func (c Category) String() string { return checks[c].name }

// An origin says which part of the analyzer makes a check's diagnostics.
type origin uint8

const (
	// A site check judges every site the resolver found (its run).
	siteCheck origin = iota
	// A resolver check reports the problems that resolving definitions,
	// imports, installs, generated files, directives and -funcs entries
	// found, as problem sites (addProblem).
	resolverCheck
	// A reporter check is made by the reporter itself, once every other
	// diagnostic is reported.
	reporterCheck
)

// A check is one row of the table of checks. doc.go has a section per
// check; the README's table of checks is rendered from before and after
// (go test ./analyzer -update writes it); kerrlint help and SARIF print the
// summary.
type check struct {
	name    string
	origin  origin
	summary string // one line: what the check reports
	before  string // README: what the check reports
	after   string // README: its fix, or "—"
	// run reports on one site; site checks only.
	run func(u *unit, s *site) []analysis.Diagnostic
}

// checks are kerrlint's checks, by category.
var checks = [numChecks]check{
	unknownID: {"unknown-id", siteCheck,
		"an error id no registry defines",
		"`kerror.New(\"services.storage.not_fund\")`",
		"`kerror.New(\"services.storage.not_found\")`: one fix per suggestion, best first; rewrites the literal, or the declaration of a constant of the same package; a `Wrap` of an unknown subdomain is reported once, at the `Wrap`",
		runUnknownID},
	classMismatch: {"class-mismatch", siteCheck,
		"a typed constructor or Class that is not the id's registered class",
		"`kerror.BadRequest(\"services.storage.not_found\")`, `Error{..., Class: kerror.BadRequestError}`",
		"`kerror.NotFound(...)`, `Class: kerror.NotFoundError`",
		runClassMismatch},
	statusMismatch: {"status-mismatch", siteCheck,
		"an Error literal's Status that is not the id's registered status",
		"`Error{ID: \"services.storage.not_found\", Status: http.StatusBadRequest}`",
		"`Status: http.StatusNotFound` (a number stays a number)",
		runStatusMismatch},
	codeMismatch: {"code-mismatch", siteCheck,
		"an Error literal's Code that is not the id's registered code",
		"`Error{ID: \"services.storage.not_found\", Code: 0x0101000c}` — the message says 0x0101000c belongs to `services.storage.bootstrap_timeout`",
		"`Code: 0x0101000b`",
		runCodeMismatch},
	placeholderCount: {"placeholder-count", siteCheck,
		"a number of placeholders that is not the message's",
		"`kerror.New(\"shop.cart.item_missing\", \"apple\")` when the message is `Item %s is missing from cart %s.`",
		"— (only registries with messages: `-registry` files; never for `args...`)",
		runPlaceholderCount},
	deprecatedID: {"deprecated-id", siteCheck,
		"raising an id the registry marks deprecated",
		"raising an id marked `deprecated` (or in a deprecated subdomain)",
		"—",
		runDeprecatedID},
	dynamicID: {"dynamic-id", siteCheck,
		"(with -strict) an id that is not a compile-time constant",
		"with `-strict`: `kerror.New(id)` with a non-constant `id`",
		"—",
		runDynamicID},
	duplicateID: {"duplicate-id", resolverCheck,
		"a kerror.Define of an id already registered or defined",
		"`kerror.Define(\"services.storage.not_found\", ...)`: the id is registered or defined elsewhere",
		"—",
		nil},
	duplicateCode: {"duplicate-code", resolverCheck,
		"a kerror.Define of a code that belongs to another id",
		"`kerror.Define(\"services.storage.gone\", 0x0101000b, ...)`: the code belongs to another id (`services.storage.not_found`)",
		"—",
		nil},
	invalidDefinition: {"invalid-definition", resolverCheck,
		"a kerror.Define with a malformed id, an unknown class or a code of another domain",
		"`kerror.Define(\"shop.cart.gone\", 0x20010000, ...)`: malformed id, unknown class, error number 0, or domain/subdomain byte of another domain",
		"—",
		nil},
	invalidRegistry: {"invalid-registry", resolverCheck,
		"an installed embedded registry Kuzzle would refuse, or that conflicts with the registry in use",
		"`kerror.UseFS(codes, \"codes\")` of embedded files Kuzzle would refuse, or conflicting with the registry in use: reported at the JSON file's own position",
		"—",
		nil},
	staleID: {"stale-id", resolverCheck,
		"a constant kerrlint registry gen wrote that the registry in use no longer has or describes otherwise",
		"a constant of a file `kerrlint registry gen` wrote whose id the registry in use no longer has, or describes otherwise (code, class, status, deprecation)",
		"— (regenerate the file)",
		nil},
	unusedIgnore: {"unused-ignore", reporterCheck,
		"a //kerrlint:ignore or file-ignore that suppresses nothing",
		"`//kerrlint:ignore REASON` (or `//kerrlint:ignore CHECK REASON`, `//kerrlint:file-ignore CHECK REASON`) that suppresses nothing",
		"the directive removed",
		nil},
	invalidDirective: {"invalid-directive", resolverCheck,
		"a malformed //kerrlint: directive or -funcs entry",
		"`//kerrlint:ignore` without a reason or naming an unknown check; an unknown directive (`//kerrlint:ingore`: did you mean `//kerrlint:ignore`?); a malformed `//kerrlint:id` or `//kerrlint:error`; a `-funcs` entry naming no parameter",
		"—",
		nil},
}

// checkNamed returns the check of a name.
func checkNamed(name string) (Category, bool) {
	for c := range numChecks {
		if checks[c].name == name {
			return c, true
		}
	}
	return 0, false
}

// runUnknownID reports an id that neither a registry nor a definition has,
// with one fix per suggestion.
func runUnknownID(u *unit, s *site) []analysis.Diagnostic {
	if s.entry != nil || s.id == nil || s.problem != nil {
		return nil
	}
	if u.installs.open {
		return nil // a registry kerrlint cannot read may define it
	}
	if s.kind == scopeSite {
		return u.unknownSubdomain(s.id, s.node)
	}
	if s.dynamic != nil {
		// Only the name varies: the domain and subdomain must exist.
		if len(s.id) == 3 && s.id[0].known && s.id[1].known && s.sink.scope == nil {
			return u.unknownSubdomain(s.id[:2], s.node)
		}
		return nil
	}
	if s.sink != nil && s.sink.scope != nil && !u.hasSubdomain(s.id[0].value, s.id[1].value) {
		return nil // reported once, at the Wrap
	}
	full := s.id.String()
	var fixes []analysis.SuggestedFix
	var names []string
	for _, cand := range u.known().Suggest(full, 3) {
		names = append(names, cand.ID)
		want := []string{cand.ID}
		if len(s.id) == 3 {
			want = []string{cand.Domain, cand.Subdomain, cand.Name}
		}
		if edits, ok := u.rewrite(s.id, want); ok {
			fixes = append(fixes, analysis.SuggestedFix{Message: "Replace with " + strconv.Quote(cand.ID), TextEdits: edits})
		}
	}
	n := s.id.node(s.node)
	msg := fmt.Sprintf("unknown error id %q", full)
	msg += u.installs.cause(full, len(names) > 0)
	return []analysis.Diagnostic{{Pos: n.Pos(), End: n.End(),
		Message:        msg + registry.DidYouMean(names),
		SuggestedFixes: fixes}}
}

// unknownSubdomain reports a domain and subdomain (at a kerror.Wrap, or
// before a name that is not constant) that nobody defines.
func (u *unit) unknownSubdomain(id idRef, at ast.Node) []analysis.Diagnostic {
	d, sub := id[0], id[1]
	if u.hasSubdomain(d.value, sub.value) {
		return nil
	}
	var fixes []analysis.SuggestedFix
	var names []string
	for _, cand := range u.known().SuggestSubdomain(d.value, sub.value, 3) {
		names = append(names, cand[0]+"."+cand[1])
		if edits, ok := u.rewrite(id, cand[:]); ok {
			fixes = append(fixes, analysis.SuggestedFix{Message: fmt.Sprintf("Replace with %q", cand[0]+"."+cand[1]), TextEdits: edits})
		}
	}
	n := id.node(at)
	return []analysis.Diagnostic{{Pos: n.Pos(), End: n.End(),
		Message:        fmt.Sprintf("unknown error subdomain %q", d.value+"."+sub.value) + registry.DidYouMean(names),
		SuggestedFixes: fixes}}
}

// runClassMismatch reports a typed constructor, wrapper or literal asserting
// a class other than the registered one.
func runClassMismatch(u *unit, s *site) []analysis.Diagnostic {
	e := s.entry
	switch {
	case e == nil:
		return nil
	case s.kind == raiseSite && s.sink.class != "" && e.Class != s.sink.class:
		call := s.node.(*ast.CallExpr)
		want := constructorFor(e.Class)
		d := analysis.Diagnostic{Pos: call.Fun.Pos(), End: call.Fun.End(),
			Message: fmt.Sprintf("%s is %s, not %s: use kerror.%s", e.ID, article(e.Class), article(s.sink.class), want)}
		if callee := calleeIdent(call.Fun); callee != nil && s.via == "" {
			d.SuggestedFixes = []analysis.SuggestedFix{{Message: "Use kerror." + want,
				TextEdits: []analysis.TextEdit{{Pos: callee.Pos(), End: callee.End(), NewText: []byte(want)}}}}
		} else {
			d.Message = fmt.Sprintf("%s is %s, not %s as %s asserts", e.ID, article(e.Class), article(s.sink.class), s.via)
		}
		return []analysis.Diagnostic{d}
	case s.kind == literalSite && s.class != nil:
		if v, ok := u.constValue(s.class, constant.String); ok && constant.StringVal(v) != e.Class {
			return mismatch(s.class, fmt.Sprintf("%s is %s, not %s", e.ID, article(e.Class), article(constant.StringVal(v))), u.classText(s.class, e.Class))
		}
	}
	return nil
}

// runStatusMismatch reports a literal's Status that is not the registered one.
func runStatusMismatch(u *unit, s *site) []analysis.Diagnostic {
	if s.kind != literalSite || s.entry == nil || s.status == nil {
		return nil
	}
	e := s.entry
	if v, ok := u.constInt(s.status); ok && v != int64(e.Status) {
		return mismatch(s.status, fmt.Sprintf("%s has status %d, not %d", e.ID, e.Status, v), u.statusText(s.status, e.Status))
	}
	return nil
}

// runCodeMismatch reports a literal's Code that is not the registered one,
// naming the id that owns it, if any.
func runCodeMismatch(u *unit, s *site) []analysis.Diagnostic {
	if s.kind != literalSite || s.entry == nil || s.code == nil {
		return nil
	}
	e := s.entry
	v, ok := u.constInt(s.code)
	if !ok || v == int64(e.Code) {
		return nil
	}
	msg := fmt.Sprintf("%s has code %s, not %s", e.ID, registry.FormatCode(e.Code), registry.FormatCode(uint32(v)))
	if owner, taken := u.byCode(uint32(v)); taken && v >= 0 && v <= 0xFFFFFFFF {
		msg += ", which belongs to " + owner.ID
	}
	return mismatch(s.code, msg, registry.FormatCode(e.Code))
}

// runPlaceholderCount reports a raise passing a number of placeholders other
// than the %s of the registered message, counted as the runtime (and
// Kuzzle) consumes them: the last one is the body of a PartialError or a
// MultipleErrorsError, and a trailing kerror.WithMessage replaces the
// message, leaving nothing to count.
func runPlaceholderCount(u *unit, s *site) []analysis.Diagnostic {
	if s.kind != raiseSite || s.entry == nil || assertionFails(s) {
		return nil
	}
	got, counted := u.placeholdersPassed(s)
	if !counted {
		return nil
	}
	e := s.entry
	want, known := e.Placeholders()
	if !known {
		return nil
	}
	if !hasBody(e.Class) {
		if got != want {
			return report(s.node, "%s takes %s (its message is %q), got %d", e.ID, plural(want, "placeholder"), e.Message, got)
		}
		return nil
	}
	if got == 0 {
		if want == 0 {
			return nil // no body: errors is empty, the message is whole
		}
		return report(s.node, "%s is %s: it takes %s and then the body (errors, count), got neither", e.ID, article(e.Class), plural(want, "placeholder"))
	}
	if got-1 != want {
		return report(s.node, "%s takes %s and then the body (its message is %q), got %d and the body", e.ID, plural(want, "placeholder"), e.Message, got-1)
	}
	return nil
}

// assertionFails reports whether a raise asserts a class the id does not
// have: the runtime then raises core.fatal.assertion_failed instead, and
// class-mismatch is all there is to say.
func assertionFails(s *site) bool {
	return s.kind == raiseSite && s.sink.class != "" && s.entry.Class != s.sink.class
}

// placeholdersPassed returns how many placeholders a raise passes, as the
// runtime consumes them, and false when that cannot be known: args...
// spread, a message replaced by kerror.WithMessage.
func (u *unit) placeholdersPassed(s *site) (int, bool) {
	if s.sink.fixed >= 0 {
		return s.sink.fixed, true // a wrapper passing its own
	}
	if s.sink.first < 0 || s.spread {
		return 0, false
	}
	return u.countedArgs(s.args)
}

// countedArgs returns the number of placeholders in args, given to a kerror
// function: a trailing kerror.WithMessage replaces the message (nothing to
// count) unless it is empty, which Kuzzle ignores.
func (u *unit) countedArgs(args []ast.Expr) (int, bool) {
	if n := len(args); n > 0 && isKerror(u.pass.TypesInfo.TypeOf(args[n-1]), "Option") {
		if !u.emptyMessage(args[n-1]) {
			return 0, false
		}
		return n - 1, true
	}
	return len(args), true
}

// emptyMessage reports whether x is kerror.WithMessage(""), which Kuzzle
// ignores.
func (u *unit) emptyMessage(x ast.Expr) bool {
	call, ok := ast.Unparen(x).(*ast.CallExpr)
	if !ok || kerrorFunc(u.callee(call)) != "WithMessage" || len(call.Args) != 1 {
		return false
	}
	p := u.part(call.Args[0])
	return p.known && p.value == ""
}

// hasBody reports whether class takes its last placeholder as its body, as
// Kuzzle's PartialError and MultipleErrorsError do.
func hasBody(class string) bool {
	return class == "PartialError" || class == "MultipleErrorsError"
}

// runDeprecatedID reports raising an id the registry marks deprecated.
func runDeprecatedID(u *unit, s *site) []analysis.Diagnostic {
	if (s.kind != raiseSite && s.kind != literalSite) || s.entry == nil || s.entry.Deprecated == "" || assertionFails(s) {
		return nil
	}
	return report(s.id.node(s.node), "%s is deprecated since %s", s.entry.ID, s.entry.Deprecated)
}

// runDynamicID reports, with -strict, an id kerrlint cannot resolve.
func runDynamicID(u *unit, s *site) []analysis.Diagnostic {
	if !u.strict || s.dynamic == nil || s.dynamic.at == nil {
		return nil
	}
	return report(s.dynamic.at, "%s", s.dynamic.why)
}

// diagnostic is the diagnostic of a problem a resolver check reports.
func (p *problem) diagnostic() analysis.Diagnostic {
	d := analysis.Diagnostic{Pos: p.at.Pos(), End: p.at.End(), Message: p.msg}
	if p.related.IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: p.related, Message: cmp.Or(p.relatedMsg, "defined here")}}
	}
	return d
}

// report is a diagnostic at n; the check's category is set by the caller.
func report(n ast.Node, format string, args ...any) []analysis.Diagnostic {
	return []analysis.Diagnostic{{Pos: n.Pos(), End: n.End(), Message: fmt.Sprintf(format, args...)}}
}

// mismatch is a diagnostic at x with a fix replacing it by text.
func mismatch(x ast.Expr, msg, text string) []analysis.Diagnostic {
	return []analysis.Diagnostic{{Pos: x.Pos(), End: x.End(), Message: msg,
		SuggestedFixes: []analysis.SuggestedFix{{Message: "Use " + text,
			TextEdits: []analysis.TextEdit{{Pos: x.Pos(), End: x.End(), NewText: []byte(text)}}}}}}
}

// rewrite returns the edits that turn the parts of id into want, or false
// when a part that must change is not a literal this package can rewrite.
func (u *unit) rewrite(id idRef, want []string) ([]analysis.TextEdit, bool) {
	var edits []analysis.TextEdit
	for i, p := range id {
		if p.value == want[i] {
			continue
		}
		lit := u.literalOf(p.expr)
		if lit == nil || u.inGenerated(lit.Pos()) {
			return nil, false
		}
		edits = append(edits, analysis.TextEdit{Pos: lit.Pos(), End: lit.End(), NewText: []byte(strconv.Quote(want[i]))})
	}
	return edits, len(edits) > 0
}

// checksTable renders the table of checks as the README shows it.
func checksTable() string {
	var b strings.Builder
	b.WriteString("| check | reports | fix |\n|---|---|---|\n")
	for _, c := range checks {
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", c.name, c.before, c.after)
	}
	return b.String()
}
