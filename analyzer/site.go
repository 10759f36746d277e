package analyzer

import (
	"go/ast"
	"go/token"
	"strings"

	"github.com/kerrlint/kerrlint/registry"
)

// A site is one place of the package that the checks judge: a raise, an id
// comparison, an error literal, a scope, a definition, an import bringing
// conflicting definitions, or a directive. The resolver finds the sites and
// resolves their ids; the checks read them and do not know how they were
// found.
type site struct {
	kind siteKind
	node ast.Node // the whole site: call, literal, compared expression, import, comment

	// Sites carrying an id: raise, compare, literal, scope.
	sink    *sink           // raise and compare calls: where the call sends the id
	id      idRef           // the id (or domain and subdomain for a scope) as the site spells it
	dynamic *dynamic        // the id is not a compile-time constant
	entry   *registry.Entry // the registered or defined entry; nil when unknown
	via     string          // the function a wrapper or directive makes a raise site, for messages

	// Raise calls: the placeholders passed, as the sink counts them.
	args   []ast.Expr
	spread bool // the last argument is spread (args...): uncounted

	// Literal sites: the checked fields present in the literal.
	class, status, code ast.Expr

	// Definition, import and directive sites: what resolving them found.
	problem *problem
}

type siteKind uint8

const (
	raiseSite     siteKind = iota // a call raising an id
	compareSite                   // kerror.Is, ==, != or switch on an id field
	literalSite                   // a kerror.Error or //kerrlint:error literal
	scopeSite                     // kerror.Wrap(domain, subdomain)
	defineSite                    // kerror.Define
	importSite                    // an import bringing a conflicting definition
	directiveSite                 // a //kerrlint: directive or -funcs entry
	installSite                   // kerror.UseFS or InstallFS
	generatedSite                 // a constant kerrlint registry gen wrote
)

// dynamic says why an id cannot be checked, and where to say it.
type dynamic struct {
	at  ast.Node
	why string
}

// A problem is what resolving a definition, an import, an install, a
// generated file or a directive found wrong; the reporter reports it as
// the resolver check of its category.
type problem struct {
	category Category
	at       ast.Node
	msg      string
	related  token.Pos // a position in this package the message refers to
	// relatedMsg says what is at related; "defined here" when empty.
	relatedMsg string
}

// part is one constant piece of an id: the whole id, or a domain, subdomain
// or name. expr is where the site writes it; nil when it comes from
// elsewhere (a Wrap initialiser, a wrapper's constant), which a fix must not
// rewrite.
type part struct {
	value string
	known bool // a compile-time constant
	expr  ast.Expr
}

// idRef is an id as a site spells it: one part, or domain, subdomain, name
// (or domain and subdomain at a scope).
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

// node is the source range to report id at: the parts the site writes, or
// at when it writes none.
func (id idRef) node(at ast.Node) ast.Node {
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
		return at
	}
	return span{first.Pos(), last.End()}
}

type span struct{ pos, end token.Pos }

func (s span) Pos() token.Pos { return s.pos }
func (s span) End() token.Pos { return s.end }
