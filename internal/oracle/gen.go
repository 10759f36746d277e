package oracle

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Mutations the generator applies to a site, at Config.MutationRate.
const (
	mutTypo         = "typo"
	mutTypoSub      = "typo-subdomain"
	mutClass        = "class"
	mutPlaceholders = "placeholders"
	mutStatus       = "status"
	mutCode         = "code"
	mutDeprecated   = "deprecated"
	mutDupID        = "define-duplicate-id"
	mutDupCode      = "define-duplicate-code"
	mutInvalid      = "define-invalid"
	mutDefineBytes  = "define-code-bytes"
)

var allMutations = []string{mutTypo, mutTypoSub, mutClass, mutPlaceholders, mutStatus, mutCode,
	mutDeprecated, mutDupID, mutDupCode, mutInvalid, mutDefineBytes, mutInstallConflict}

// Config sets the size and the mutation rate of generated programs.
type Config struct {
	Packages     int     // packages per program
	Sites        int     // sites per program
	MutationRate float64 // share of sites mutated
	// Skip lists forms and mutations (Form or "Form/Mutation") not to
	// generate: the known disagreements, until they are fixed.
	Skip map[string]string
	// Forms, when set, limits the generator to these forms.
	Forms []string
}

// form writes one kind of site. It returns false when it cannot apply the
// mutation (the generator then picks again).
type form struct {
	name      string
	mutations []string
	write     func(g *gen, s *Site, mut string) bool
}

// forms is every site form the generator knows, one function each.
var forms = []form{
	{"new", []string{mutTypo, mutPlaceholders, mutDeprecated}, formNew},
	{"get", []string{mutTypo, mutTypoSub, mutPlaceholders, mutDeprecated}, formGet},
	{"wrap-package", []string{mutTypo, mutTypoSub, mutPlaceholders, mutDeprecated}, formWrapPackage},
	{"wrap-local", []string{mutTypo, mutTypoSub, mutPlaceholders, mutDeprecated}, formWrapLocal},
	{"typed", []string{mutTypo, mutClass, mutPlaceholders, mutDeprecated}, formTyped},
	{"define", []string{mutPlaceholders, mutDupID, mutDupCode, mutInvalid, mutDefineBytes}, formDefine},
	{"define-local", []string{mutPlaceholders, mutDupID, mutDupCode, mutInvalid}, formDefineLocal},
	{"define-raise", []string{mutTypo, mutPlaceholders}, formDefineRaise},
	{"wrapper", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapper},
	{"wrapper-nested", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperNested},
	{"wrapper-method", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperMethod},
	{"wrapper-generic", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperGeneric},
	{"wrapper-scope", []string{mutTypo, mutTypoSub, mutPlaceholders, mutDeprecated}, formWrapperScope},
	{"wrapper-parts", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperParts},
	{"wrapper-fixed", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperFixed},
	{"wrapper-typed", []string{mutTypo, mutClass, mutDeprecated}, formWrapperTyped},
	{"directive-id", []string{mutTypo, mutPlaceholders, mutDeprecated}, formDirectiveID},
	{"directive-error", []string{mutTypo, mutClass, mutStatus, mutCode, mutDeprecated}, formDirectiveError},
	{"literal", []string{mutTypo, mutClass, mutStatus, mutCode, mutDeprecated}, formLiteral},
	{"compare-is", []string{mutTypo, mutDeprecated}, formCompareIs},
	{"compare-eq", []string{mutTypo, mutDeprecated}, formCompareEq},
	{"compare-switch", []string{mutTypo, mutDeprecated}, formCompareSwitch},
	{"compare-directive", []string{mutTypo, mutDeprecated}, formCompareDirective},
	{"wrapper-generic-method", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperGenericMethod},
	{"wrapper-typed-id", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperTypedID},
	{"func-value", []string{mutTypo, mutClass, mutPlaceholders, mutDeprecated}, formFuncValue},
	{"funcs-flag", []string{mutTypo, mutDeprecated}, formFuncsFlag},
	{"wrap-imported", []string{mutTypo, mutTypoSub, mutPlaceholders, mutDeprecated}, formWrapImported},
	{"wrap-reassigned", []string{mutTypo, mutTypoSub, mutPlaceholders}, formWrapReassigned},
	{"closure", []string{mutTypo, mutPlaceholders}, formClosure},
	{"wrapper-embedded", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperEmbedded},
	{"wrapper-interface", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperInterface},
	{"get-dynamic-name", []string{mutTypo, mutTypoSub}, formGetDynamicName},
	{"literal-define", []string{mutTypo, mutClass, mutStatus, mutCode}, formLiteralDefine},
	{"compare-define", []string{mutTypo}, formCompareDefine},
	{"dynamic", []string{mutTypo, mutPlaceholders}, formDynamic},
	{"install-order", []string{mutTypo, mutInstallConflict}, formInstallOrder},
	{"receiver-id", []string{mutTypo, mutPlaceholders, mutDeprecated}, formReceiverID},
	{"wrapper-tilde", []string{mutTypo, mutPlaceholders, mutDeprecated}, formWrapperTilde},
	{"compare-helper", []string{mutTypo, mutDeprecated}, formCompareHelper},
	{"compare-copy", []string{mutTypo, mutDeprecated}, formCompareCopy},
	{"wrap-method", []string{mutTypo, mutTypoSub, mutPlaceholders, mutDeprecated}, formWrapMethod},
	{"facade-wrap", []string{mutTypo, mutTypoSub, mutPlaceholders, mutDeprecated}, formFacadeWrap},
}

// gen generates the programs of one batch.
type gen struct {
	r     *rand.Rand
	u     *universe
	cfg   Config
	prog  *Program
	order int
	// defineNum numbers Define codes, unique in a batch: the programs of a
	// batch are linked into one binary.
	defineNum int
}

// generate writes program number n.
func (g *gen) generate(n int) *Program {
	g.prog = &Program{Num: n, NPkg: g.cfg.Packages, Decls: map[string]*Decl{}}
	for len(g.prog.Sites) < g.cfg.Sites {
		// Pick the mutation first, then a form that can apply it, so that
		// every mutation kind is about as frequent as any other.
		mut := ""
		if g.r.Float64() < g.cfg.MutationRate {
			mut = allMutations[g.r.IntN(len(allMutations))]
		}
		var candidates []form
		for _, f := range forms {
			if (len(g.cfg.Forms) > 0 && !slices.Contains(g.cfg.Forms, f.name)) || g.skipped(f.name) || (mut != "" && (!slices.Contains(f.mutations, mut) || g.skipped(f.name+"/"+mut))) {
				continue
			}
			candidates = append(candidates, f)
		}
		if len(candidates) == 0 {
			continue
		}
		f := candidates[g.r.IntN(len(candidates))]
		s := &Site{
			Marker:   fmt.Sprintf("P{P}S%d", len(g.prog.Sites)),
			Form:     f.name,
			Mutation: mut,
			Pkg:      g.r.IntN(g.cfg.Packages),
		}
		s.File = fmt.Sprintf("f%d.go", g.r.IntN(3))
		if f.write(g, s, mut) {
			g.prog.Sites = append(g.prog.Sites, s)
		}
	}
	return g.prog
}

// skipped reports whether the configuration excludes a form or a
// form/mutation pair.
func (g *gen) skipped(key string) bool {
	_, ok := g.cfg.Skip[key]
	return ok
}

// decl adds a shared declaration once and makes s need it.
func (g *gen) decl(s *Site, key string, pkg int, file, text string) {
	if _, ok := g.prog.Decls[key]; !ok {
		g.order++
		d := &Decl{Key: key, Pkg: pkg, File: file, Text: text, Order: g.order}
		// Constants, scopes and Defines are made for one site: what is
		// reported on them is that site's.
		if strings.HasPrefix(key, "const.") || strings.HasPrefix(key, "scope.") || strings.HasPrefix(key, "define.") {
			d.Owner = s.Marker
		}
		g.prog.Decls[key] = d
	}
	s.Needs = append(s.Needs, key)
}

// pickID picks a registered id for a site: deprecated only when the
// mutation asks for it, with a known placeholder count when needed.
func (g *gen) pickID(mut string, ok func(*entry) bool) *entry {
	return g.u.pick(g.r, func(e *entry) bool {
		if e.deprecated != (mut == mutDeprecated) {
			return false
		}
		if mut == mutPlaceholders && e.placeholders < 0 {
			return false
		}
		return ok == nil || ok(e)
	})
}

// args returns the placeholder arguments for e, one off under mutPlaceholders.
func (g *gen) args(e *entry, mut string) []string {
	n := e.placeholders
	if n < 0 {
		n = g.r.IntN(2) // the embedded registry has no message: the count cannot matter
	}
	if mut == mutPlaceholders {
		if n == 0 || g.r.IntN(2) == 0 {
			n++
		} else {
			n--
		}
	}
	vals := []string{`"v0"`, "1", `"v2"`, "3.5", "true", `"v5"`}
	out := make([]string, n)
	for i := range out {
		out[i] = vals[g.r.IntN(len(vals))]
	}
	// The last placeholder of a PartialError or MultipleErrorsError is its
	// body (Kuzzle's semantics): usually pass one.
	if (e.class == "PartialError" || e.class == "MultipleErrorsError") && g.r.IntN(4) != 0 {
		bodies := []string{`[]string{"failed"}`, `map[string]any{"id": "d1"}`, `[]error{errors.New("e")}`}
		out = append(out, bodies[g.r.IntN(len(bodies))])
	}
	// Kuzzle's options object: last, it replaces the message (unless it is
	// empty); anywhere else it is a placeholder like any other.
	switch g.r.IntN(12) {
	case 0:
		out = append(out, `kerror.WithMessage("replaced")`)
	case 1:
		out = append(out, `kerror.WithMessage("")`)
	case 2:
		if len(out) > 0 {
			out = slices.Insert(out, g.r.IntN(len(out)), `kerror.WithMessage("inside")`)
		}
	}
	return out
}

func withArgs(first string, args []string) string {
	if len(args) == 0 {
		return first
	}
	return first + ", " + strings.Join(args, ", ")
}

// idText is the id a site raises: the registered one, or a typo of it.
func (g *gen) idText(e *entry, mut string) string {
	switch mut {
	case mutTypo:
		return typo(g.r, e.id, false)
	case mutTypoSub:
		return typo(g.r, e.id, true)
	}
	return e.id
}

// constExpr returns a constant expression of any supported form whose
// value is id, adding the declarations it needs.
func (g *gen) constExpr(s *Site, id string) string {
	g.order++
	c := fmt.Sprintf("c%s_%d", s.Marker, g.order)
	switch g.r.IntN(7) {
	case 0, 1:
		return fmt.Sprintf("%q", id)
	case 2: // a constant in the site's block
		s.Block += fmt.Sprintf("const %s = %q\n", c, id)
		return c
	case 3: // a constant in another file of the package
		g.decl(s, "const."+c, s.Pkg, "consts.go", fmt.Sprintf("const %s = %q", c, id))
		return c
	case 4: // an exported constant of an imported package
		if s.Pkg == 0 {
			return fmt.Sprintf("%q", id)
		}
		k := g.r.IntN(s.Pkg)
		C := "C" + c[1:]
		g.decl(s, "const."+C, k, "consts.go", fmt.Sprintf("const %s = %q", C, id))
		return fmt.Sprintf("p%d.%s", k, C)
	case 5: // a typed string constant
		g.decl(s, fmt.Sprintf("idtype.%d", s.Pkg), s.Pkg, "consts.go", "// ErrID is an error id.\ntype ErrID string")
		s.Block += fmt.Sprintf("const %s ErrID = %q\n", c, id)
		return "string(" + c + ")"
	default: // a concatenation, through a constant for the first part
		cut := 1 + g.r.IntN(len(id)-1)
		for strings.Contains(id[max(cut-2, 0):min(cut+2, len(id))], "{") {
			cut = 1 + g.r.IntN(len(id)-1) // never inside a {P} token
		}
		if g.r.IntN(2) == 0 {
			return fmt.Sprintf("%q + %q", id[:cut], id[cut:])
		}
		g.decl(s, "const."+c, s.Pkg, "consts.go", fmt.Sprintf("const %s = %q", c, id[:cut]))
		return fmt.Sprintf("%s + %q", c, id[cut:])
	}
}

// raiseBlock writes func Marker() observing the error expression raised.
func raiseBlock(s *Site, pre, raised string) {
	s.Block += fmt.Sprintf("func %s() {\n%s\ttruth.Raised(%q, %s)\n}\n", s.Marker, pre, s.Marker, raised)
}

func formNew(g *gen, s *Site, mut string) bool {
	if mut == mutTypoSub {
		return false
	}
	e := g.pickID(mut, nil)
	id := g.constExpr(s, g.idText(e, mut))
	args := g.args(e, mut)
	if g.r.IntN(2) == 0 {
		raiseBlock(s, "", "kerror.New("+withArgs(id, args)+")")
	} else {
		raiseBlock(s, "", "kerror.NewFrom(errors.New(\"cause\"), "+withArgs(id, args)+")")
	}
	return true
}

// parts splits an id (possibly mistyped) into three constant expressions.
func (g *gen) parts(s *Site, id string) (string, string, string) {
	p := strings.SplitN(id, ".", 3)
	for len(p) < 3 {
		p = append(p, "")
	}
	q := func(x string) string {
		if g.r.IntN(3) == 0 {
			name := fmt.Sprintf("k%s%d", s.Marker, g.order)
			g.order++
			s.Block += fmt.Sprintf("const %s = %q\n", name, x)
			return name
		}
		return fmt.Sprintf("%q", x)
	}
	return q(p[0]), q(p[1]), q(p[2])
}

func formGet(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	d, sub, n := g.parts(s, g.idText(e, mut))
	args := g.args(e, mut)
	if g.r.IntN(2) == 0 {
		raiseBlock(s, "", "kerror.Get("+withArgs(d+", "+sub+", "+n, args)+")")
	} else {
		raiseBlock(s, "", "kerror.GetFrom(errors.New(\"cause\"), "+withArgs(d+", "+sub+", "+n, args)+")")
	}
	return true
}

func formWrapPackage(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	d, sub, n := g.parts(s, g.idText(e, mut))
	args := g.args(e, mut)
	v := "scope" + s.Marker
	s.Block += fmt.Sprintf("var %s = kerror.Wrap(%s, %s)\n", v, d, sub)
	if g.r.IntN(2) == 0 {
		raiseBlock(s, "", v+".Get("+withArgs(n, args)+")")
	} else {
		raiseBlock(s, "", v+".GetFrom(errors.New(\"cause\"), "+withArgs(n, args)+")")
	}
	return true
}

func formWrapLocal(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	d, sub, n := g.parts(s, g.idText(e, mut))
	args := g.args(e, mut)
	raiseBlock(s, fmt.Sprintf("\tscope := kerror.Wrap(%s, %s)\n", d, sub), "scope.Get("+withArgs(n, args)+")")
	return true
}

// otherClass returns a typed-constructor class other than class.
func (g *gen) otherClass(class string) string {
	for {
		if c := typedClassList[g.r.IntN(len(typedClassList))]; c != class {
			return c
		}
	}
}

func formTyped(g *gen, s *Site, mut string) bool {
	if mut == mutTypoSub {
		return false
	}
	e := g.pickID(mut, func(e *entry) bool { return constructorOf[e.class] != "" })
	class := e.class
	if mut == mutClass {
		class = g.otherClass(class)
	}
	id := g.constExpr(s, g.idText(e, mut))
	raiseBlock(s, "", "kerror."+constructorOf[class]+"("+withArgs(id, g.args(e, mut))+")")
	return true
}

// defineMessage returns a Define message format with n placeholders.
func defineMessage(n int) string {
	msg := "Defined"
	for k := 0; k < n; k++ {
		msg += fmt.Sprintf(" d%d=%%s", k)
	}
	return msg + "."
}

// defineCode returns a fresh code in the Define domain, subdomain pkg+1.
func (g *gen) defineCode(pkg int) uint32 {
	g.defineNum++
	return ownDomain<<24 | uint32(pkg+1)<<16 | uint32(g.defineNum)
}

// defineDomain is the domain of the program's Defines: one per program, so
// that the programs of a batch can share a binary.
func (g *gen) defineDomain() string { return defineDomain + "{P}" }

// ownDomain stands for the program's Define domain byte in generated codes;
// codeLit writes it as the {D} token.
const ownDomain = 0xFF

// codeLit writes a code as a Go literal.
func codeLit(code uint32) string {
	if code>>24 == ownDomain {
		return fmt.Sprintf("0x{D}%06x", code&0xFFFFFF)
	}
	return fmt.Sprintf("0x%08x", code)
}

func defineSub(pkg int) string { return fmt.Sprintf("sub%d", pkg+1) }

// baseDefine declares a correct Define in package pkg that other sites raise
// or conflict with; it returns its variable, id, code and placeholder count.
func (g *gen) baseDefine(s *Site, pkg int) (string, string, uint32, int) {
	code := g.defineCode(pkg)
	v := fmt.Sprintf("Base%d", g.defineNum)
	id := fmt.Sprintf("%s.%s.base%d", g.defineDomain(), defineSub(pkg), g.defineNum)
	n := g.r.IntN(3)
	g.decl(s, "define."+v, pkg, "defs.go", fmt.Sprintf("// %s is defined for other sites.\nvar %s = kerror.Define(%q, %s, kerror.InternalError, %q)", v, v, id, codeLit(code), defineMessage(n)))
	return v, id, code, n
}

func formDefine(g *gen, s *Site, mut string) bool { return writeDefine(g, s, mut, false) }

// formDefineLocal defines the error inside the site's function, when it runs.
func formDefineLocal(g *gen, s *Site, mut string) bool { return writeDefine(g, s, mut, true) }

func writeDefine(g *gen, s *Site, mut string, local bool) bool {
	n := g.r.IntN(3)
	id := fmt.Sprintf("%s.%s.%s", g.defineDomain(), defineSub(s.Pkg), strings.ToLower(s.Marker))
	code := g.defineCode(s.Pkg)
	classes := []string{"NotFoundError", "BadRequestError", "InternalError", "KuzzleError", "ForbiddenError"}
	class := "kerror." + classes[g.r.IntN(len(classes))]
	switch mut {
	case mutDupID:
		switch g.r.IntN(3) {
		case 0:
			e := g.pickID("", nil)
			id, code = e.id, e.code&^0xFFFF|uint32(0x8000+g.r.IntN(0x7000))
		case 1: // a registered id with a code of the Define domain: the id decides first
			id = g.pickID("", nil).id
		default:
			pkg := g.r.IntN(s.Pkg + 1)
			v, bid, bcode, _ := g.baseDefine(s, pkg)
			id, code = bid, bcode&^0xFFFF|uint32(0x8000+g.defineNum)
			importDefine(s, pkg, v)
		}
	case mutDupCode:
		switch g.r.IntN(3) {
		case 0:
			e := g.pickID("", nil)
			id, code = e.domain+"."+e.sub+"."+strings.ToLower(s.Marker), e.code
		case 1: // the README's example: an id of the Define domain, a registered code of another domain
			code = g.pickID("", nil).code
		default:
			pkg := g.r.IntN(s.Pkg + 1)
			v, _, bcode, _ := g.baseDefine(s, pkg)
			id, code = fmt.Sprintf("%s.%s.%s", g.defineDomain(), defineSub(pkg), strings.ToLower(s.Marker)), bcode
			importDefine(s, pkg, v)
		}
	case mutInvalid:
		switch g.r.IntN(4) {
		case 0:
			id = g.defineDomain() + "." + defineSub(s.Pkg)
		case 1: // Kuzzle takes any name, but not one with a dot
			id += ".extra"
		case 2:
			class = `kerror.Class("NopeError")`
		default:
			code &^= 0xFFFF
		}
	case mutDefineBytes:
		// A registry subdomain's id with the code bytes of another
		// subdomain: the analyzer calls it invalid; does the runtime?
		e := g.pickID("", func(e *entry) bool { return e.domain == genDomain })
		other := g.u.subCodes[genDomain+"."+g.u.genSubs[(indexOf(g.u.genSubs, e.sub)+1)%len(g.u.genSubs)]]
		id, code = e.domain+"."+e.sub+"."+strings.ToLower(s.Marker), other|uint32(0x8000+g.defineNum)
	}
	args := g.args(&entry{placeholders: n}, mutIf(mut == mutPlaceholders))
	v := "def" + s.Marker
	define := fmt.Sprintf("kerror.Define(%q, %s, %s, %q)", id, codeLit(code), class, defineMessage(n))
	if local {
		s.Block += fmt.Sprintf("func %s() {\n\t%s := %s\n\ttruth.Defined(%q, %s, %s.New(%s))\n}\n", s.Marker, v, define, s.Marker, v, v, strings.Join(args, ", "))
		return true
	}
	s.Block += fmt.Sprintf("var %s = %s\n", v, define)
	s.Block += fmt.Sprintf("func %s() {\n\ttruth.Defined(%q, %s, %s.New(%s))\n}\n", s.Marker, s.Marker, v, v, strings.Join(args, ", "))
	return true
}

// importDefine makes the site's package import the package of a Define it
// conflicts with (the analyzer sees Defines of imported packages only).
func importDefine(s *Site, pkg int, v string) {
	if pkg != s.Pkg {
		s.Block += fmt.Sprintf("var _ = p%d.%s\n", pkg, v)
	}
}

func mutIf(b bool) string {
	if b {
		return mutPlaceholders
	}
	return ""
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func formDefineRaise(g *gen, s *Site, mut string) bool {
	pkg := g.r.IntN(s.Pkg + 1)
	v, id, _, n := g.baseDefine(s, pkg)
	if mut == mutTypo {
		id = typo(g.r, id, false)
	}
	ref := v
	if pkg != s.Pkg {
		ref = fmt.Sprintf("p%d.%s", pkg, v)
	}
	args := g.args(&entry{placeholders: n}, mutIf(mut == mutPlaceholders))
	raiseBlock(s, "\t_ = "+ref+"\n", "kerror.New("+withArgs(g.constExpr(s, id), args)+")")
	return true
}

// helper declares a wrapper (or other helper) in package 0, or in the
// site's package, and returns how the site refers to it.
func (g *gen) helper(s *Site, name, text string) string {
	pkg := g.r.IntN(s.Pkg + 1)
	g.decl(s, fmt.Sprintf("helper.%s.%d", name, pkg), pkg, "helpers.go", text)
	if pkg == s.Pkg {
		return name
	}
	return fmt.Sprintf("p%d.%s", pkg, name)
}

func formWrapper(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	f := g.helper(s, "Raise", "// Raise passes id on: an inferred wrapper.\nfunc Raise(id string, args ...any) error {\n\treturn kerror.New(id, args...)\n}")
	raiseBlock(s, "", f+"("+withArgs(g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

func formWrapperNested(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	inner := g.helper(s, "Raise", "// Raise passes id on: an inferred wrapper.\nfunc Raise(id string, args ...any) error {\n\treturn kerror.New(id, args...)\n}")
	// The outer wrapper lives in the site's package and calls the inner one.
	key := fmt.Sprintf("helper.Outer%s.%d", strings.ReplaceAll(inner, ".", ""), s.Pkg)
	name := "Outer" + strings.ReplaceAll(inner, ".", "")
	g.decl(s, key, s.Pkg, "helpers.go", fmt.Sprintf("// %s wraps a wrapper.\nfunc %s(id string, args ...any) error {\n\treturn %s(id, args...)\n}", name, name, inner))
	raiseBlock(s, "", name+"("+withArgs(g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

func formWrapperMethod(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	t := g.helper(s, "Service", "// Service raises through a method.\ntype Service struct{ Name string }\n\n// Fail passes id on.\nfunc (s *Service) Fail(code int, id string, args ...any) error {\n\treturn kerror.NewFrom(nil, id, args...)\n}")
	raiseBlock(s, "\tsvc := &"+t+"{}\n", "svc.Fail("+withArgs("7, "+g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

func formWrapperGeneric(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	f := g.helper(s, "GRaise", "// GRaise is a generic wrapper.\nfunc GRaise[T any](tag T, id string, args ...any) error {\n\treturn kerror.New(id, args...)\n}")
	raiseBlock(s, "", f+"("+withArgs("42, "+g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

func formWrapperScope(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	f := g.helper(s, "InScope", "// InScope raises name in the scope s.\nfunc InScope(s kerror.Scope, name string, args ...any) error {\n\treturn s.Get(name, args...)\n}")
	d, sub, n := g.parts(s, g.idText(e, mut))
	raiseBlock(s, "", f+"("+withArgs(fmt.Sprintf("kerror.Wrap(%s, %s), %s", d, sub, n), g.args(e, mut))+")")
	return true
}

func formWrapperParts(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	f := g.helper(s, "Parts", "// Parts raises domain.subdomain.name.\nfunc Parts(domain, subdomain, name string, args ...any) error {\n\treturn kerror.Get(domain, subdomain, name, args...)\n}")
	d, sub, n := g.parts(s, g.idText(e, mut))
	raiseBlock(s, "", f+"("+withArgs(d+", "+sub+", "+n, g.args(e, mut))+")")
	return true
}

func formWrapperFixed(g *gen, s *Site, mut string) bool {
	// Raise1 always passes one placeholder.
	want := 1
	if mut == mutPlaceholders {
		want = 2 * g.r.IntN(2) // 0 or 2
	}
	e := g.pickID(mut, func(e *entry) bool { return e.placeholders == want })
	if e == nil {
		return false
	}
	m := mut
	if m == mutPlaceholders {
		m = ""
	}
	f := g.helper(s, "Raise1", "// Raise1 raises id with one placeholder.\nfunc Raise1(id string, detail any) error {\n\treturn kerror.New(id, detail)\n}")
	raiseBlock(s, "", f+"("+g.constExpr(s, g.idText(e, m))+`, "detail")`)
	return true
}

func formWrapperTyped(g *gen, s *Site, mut string) bool {
	class := "NotFoundError"
	if mut == mutClass {
		class = g.otherClass(class)
	}
	e := g.pickID(mut, func(e *entry) bool { return e.class == class && e.placeholders <= 0 })
	if e == nil {
		return false
	}
	if mut == mutClass {
		// The wrapper asserts NotFoundError; the id is of another class.
		mut = ""
	}
	f := g.helper(s, "Missing", "// Missing asserts the class NotFoundError.\nfunc Missing(id string) error {\n\treturn kerror.NotFound(id)\n}")
	raiseBlock(s, "", f+"("+g.constExpr(s, g.idText(e, mut))+")")
	return true
}

func formDirectiveID(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	f := g.helper(s, "Fail", "// Fail raises kind; only its directive says so.\n//\n//kerrlint:id kind\nfunc Fail(kind string, args ...any) error {\n\tid := strings.Clone(kind)\n\treturn kerror.New(id, args...) //kerrlint:ignore dynamic-id the directive checks the callers\n}")
	raiseBlock(s, "", f+"("+withArgs(g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

// literalFields returns the Code, Status and Class a literal states for e
// (each possibly absent), one wrong under the matching mutation.
func (g *gen) literalFields(e *entry, mut string) (code uint32, status int, class string) {
	if g.r.IntN(2) == 0 || mut == mutCode {
		code = e.code
		if mut == mutCode {
			if g.r.IntN(2) == 0 {
				code = g.u.all[g.r.IntN(len(g.u.all))].code
			} else {
				code = e.code&^0xFFFF | 0xFFFE
			}
		}
	}
	if g.r.IntN(2) == 0 || mut == mutStatus {
		status = e.status
		if mut == mutStatus {
			for status == e.status {
				status = []int{400, 401, 403, 404, 412, 500, 503}[g.r.IntN(7)]
			}
		}
	}
	if g.r.IntN(2) == 0 || mut == mutClass {
		class = e.class
		if mut == mutClass {
			class = g.otherClass(e.class)
		}
	}
	return
}

func formDirectiveError(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	code, status, class := g.literalFields(e, mut)
	t := g.helper(s, "Failure", "// Failure is the service's own error type.\n//\n//kerrlint:error id=Kind code=Number status=HTTP class=Type\ntype Failure struct {\n\tKind   string\n\tNumber uint32\n\tHTTP   int\n\tType   string\n}")
	fields := []string{"Kind: " + g.constExpr(s, g.idText(e, mut))}
	if code != 0 {
		fields = append(fields, fmt.Sprintf("Number: 0x%08x", code))
	}
	if status != 0 {
		fields = append(fields, fmt.Sprintf("HTTP: %d", status))
	}
	if class != "" {
		fields = append(fields, fmt.Sprintf("Type: %q", class))
	}
	s.Block += fmt.Sprintf("func %s() {\n\tf := %s{%s}\n\ttruth.Literal(%q, f.Kind, f.Number, f.HTTP, f.Type)\n}\n", s.Marker, t, strings.Join(fields, ", "), s.Marker)
	return true
}

func formLiteral(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	code, status, class := g.literalFields(e, mut)
	fields := []string{"ID: " + g.constExpr(s, g.idText(e, mut))}
	if code != 0 {
		fields = append(fields, fmt.Sprintf("Code: 0x%08x", code))
	}
	if status != 0 {
		fields = append(fields, fmt.Sprintf("Status: %d", status))
	}
	if class != "" {
		if g.r.IntN(2) == 0 {
			fields = append(fields, "Class: kerror."+class)
		} else {
			fields = append(fields, fmt.Sprintf("Class: %q", class))
		}
	}
	if g.r.IntN(3) == 0 { // an element of a slice literal, its type elided
		s.Block += fmt.Sprintf("func %s() {\n\tlist := []*kerror.Error{{%s}}\n\te := list[0]\n\ttruth.Literal(%q, e.ID, e.Code, e.Status, string(e.Class))\n}\n", s.Marker, strings.Join(fields, ", "), s.Marker)
		return true
	}
	s.Block += fmt.Sprintf("func %s() {\n\te := &kerror.Error{%s}\n\ttruth.Literal(%q, e.ID, e.Code, e.Status, string(e.Class))\n}\n", s.Marker, strings.Join(fields, ", "), s.Marker)
	return true
}

func formCompareIs(g *gen, s *Site, mut string) bool {
	e := g.pickID(compareMut(mut), nil)
	id := g.constExpr(s, g.idText(e, mut))
	s.Block += fmt.Sprintf("func %s() {\n\t_ = kerror.Is(errors.New(\"x\"), %s)\n\ttruth.Compared(%q, %s)\n}\n", s.Marker, id, s.Marker, id)
	return true
}

func formCompareEq(g *gen, s *Site, mut string) bool {
	e := g.pickID(compareMut(mut), nil)
	id := g.constExpr(s, g.idText(e, mut))
	op := []string{"==", "!="}[g.r.IntN(2)]
	s.Block += fmt.Sprintf("func %s() {\n\tvar e kerror.Error\n\t_ = e.ID %s %s\n\ttruth.Compared(%q, %s)\n}\n", s.Marker, op, id, s.Marker, id)
	return true
}

func formCompareSwitch(g *gen, s *Site, mut string) bool {
	a := g.pickID(compareMut(mut), nil)
	b := g.pickID("", func(e *entry) bool { return e.id != a.id })
	ida := g.constExpr(s, a.id)
	idb := g.constExpr(s, g.idText(b, mut))
	s.Block += fmt.Sprintf("func %s() {\n\tvar e kerror.Error\n\tswitch e.ID {\n\tcase %s, %s:\n\t}\n\ttruth.Compared(%q, %s, %s)\n}\n", s.Marker, ida, idb, s.Marker, ida, idb)
	return true
}

func formCompareDirective(g *gen, s *Site, mut string) bool {
	e := g.pickID(compareMut(mut), nil)
	t := g.helper(s, "Failure", "// Failure is the service's own error type.\n//\n//kerrlint:error id=Kind code=Number status=HTTP class=Type\ntype Failure struct {\n\tKind   string\n\tNumber uint32\n\tHTTP   int\n\tType   string\n}")
	id := g.constExpr(s, g.idText(e, mut))
	s.Block += fmt.Sprintf("func %s() {\n\tvar f %s\n\t_ = f.Kind == %s\n\ttruth.Compared(%q, %s)\n}\n", s.Marker, t, id, s.Marker, id)
	return true
}

func formDynamic(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	s.Dynamic = true
	id := fmt.Sprintf("truth.Dyn(%q)", g.idText(e, mut))
	if g.r.IntN(2) == 0 {
		raiseBlock(s, "", "kerror.New("+withArgs(id, g.args(e, mut))+")")
	} else {
		f := g.helper(s, "Raise", "// Raise passes id on: an inferred wrapper.\nfunc Raise(id string, args ...any) error {\n\treturn kerror.New(id, args...)\n}")
		raiseBlock(s, "", f+"("+withArgs(id, g.args(e, mut))+")")
	}
	return true
}

// compareMut is the id choice of a comparison: comparing with a deprecated
// id raises nothing, so it must not be reported.
func compareMut(mut string) string {
	if mut == mutDeprecated {
		return mutDeprecated
	}
	return ""
}

func formWrapperGenericMethod(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	t := g.helper(s, "Box", "// Box raises through a method of a generic type.\ntype Box[T any] struct{ V T }\n\n// Fail passes id on.\nfunc (b Box[T]) Fail(id string, args ...any) error {\n\treturn kerror.New(id, args...)\n}")
	raiseBlock(s, "\tbox := "+t+"[int]{}\n", "box.Fail("+withArgs(g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

func formWrapperTypedID(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	g.decl(s, fmt.Sprintf("idtype.%d", s.Pkg), s.Pkg, "consts.go", "// ErrID is an error id.\ntype ErrID string")
	f := fmt.Sprintf("RaiseID%d", s.Pkg)
	g.decl(s, "helper."+f, s.Pkg, "helpers.go", "// "+f+" takes a typed id and passes it on converted.\nfunc "+f+"(id ErrID, args ...any) error {\n\treturn kerror.New(string(id), args...)\n}")
	raiseBlock(s, "", f+"("+withArgs("ErrID("+g.constExpr(s, g.idText(e, mut))+")", g.args(e, mut))+")")
	return true
}

// formFuncValue raises through a variable assigned a kerror function once:
// a local or an unexported package-level one, kerror.New or a typed
// constructor.
func formFuncValue(g *gen, s *Site, mut string) bool {
	if mut == mutTypoSub {
		return false
	}
	typed := mut == mutClass || g.r.IntN(2) == 0
	e := g.pickID(mut, func(e *entry) bool { return !typed || constructorOf[e.class] != "" })
	fn := "kerror.New"
	if typed {
		class := e.class
		if mut == mutClass {
			class = g.otherClass(class)
		}
		fn = "kerror." + constructorOf[class]
	}
	raised := withArgs(g.constExpr(s, g.idText(e, mut)), g.args(e, mut))
	if g.r.IntN(2) == 0 {
		raiseBlock(s, "\traise := "+fn+"\n", "raise("+raised+")")
	} else {
		v := "raise" + s.Marker
		s.Block += fmt.Sprintf("var %s = %s\n", v, fn)
		raiseBlock(s, "", v+"("+raised+")")
	}
	return true
}

func formFuncsFlag(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, func(e *entry) bool { return e.placeholders <= 0 })
	pkg := g.r.IntN(s.Pkg + 1)
	g.decl(s, fmt.Sprintf("helper.Untagged.%d", pkg), pkg, "helpers.go", "// Untagged raises id; kerrlint learns it from -funcs only.\nfunc Untagged(id string) error {\n\tk := strings.Clone(id)\n\treturn kerror.New(k) //kerrlint:ignore dynamic-id -funcs checks the callers\n}")
	f := "Untagged"
	if pkg != s.Pkg {
		f = fmt.Sprintf("p%d.Untagged", pkg)
	}
	s.Funcs = append(s.Funcs, fmt.Sprintf("%s/prog{P}/p%d.Untagged:id", module, pkg))
	raiseBlock(s, "", f+"("+g.constExpr(s, g.idText(e, mut))+")")
	return true
}

// formWrapImported raises through a package-level scope of an imported
// package.
func formWrapImported(g *gen, s *Site, mut string) bool {
	if s.Pkg == 0 {
		return false
	}
	e := g.pickID(mut, nil)
	id := g.idText(e, mut)
	p := strings.SplitN(id, ".", 3)
	pkg := g.r.IntN(s.Pkg)
	v := "Scope" + strings.ReplaceAll(s.Marker, "{P}", "")
	g.decl(s, "scope."+s.Marker, pkg, "scopes.go", fmt.Sprintf("// %s is a scope for another package.\nvar %s = kerror.Wrap(%q, %q)", v, v, p[0], p[1]))
	raiseBlock(s, "", fmt.Sprintf("p%d.%s.Get(%s)", pkg, v, withArgs(fmt.Sprintf("%q", p[2]), g.args(e, mut))))
	return true
}

// formWrapReassigned raises through a local scope assigned twice: its id is
// not a constant.
func formWrapReassigned(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	p := strings.SplitN(g.idText(e, mut), ".", 3)
	s.Dynamic = true
	pre := fmt.Sprintf("\tscope := kerror.Wrap(%q, %q)\n\tif truth.Dyn(\"x\") == \"\" {\n\t\tscope = kerror.Wrap(\"core\", \"fatal\")\n\t}\n", p[0], p[1])
	raiseBlock(s, pre, fmt.Sprintf("scope.Get(%s)", withArgs(fmt.Sprintf("%q", p[2]), g.args(e, mut))))
	return true
}

// formClosure raises through a function literal: the raise inside it has a
// non-constant id.
func formClosure(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	s.Dynamic = true
	pre := "\traise := func(id string, args ...any) error { return kerror.New(id, args...) }\n"
	raiseBlock(s, pre, "raise("+withArgs(fmt.Sprintf("%q", g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

// formWrapperEmbedded calls a wrapper method promoted from an embedded field.
func formWrapperEmbedded(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	t := g.helper(s, "Service", "// Service raises through a method.\ntype Service struct{ Name string }\n\n// Fail passes id on.\nfunc (s *Service) Fail(code int, id string, args ...any) error {\n\treturn kerror.NewFrom(nil, id, args...)\n}")
	pre := fmt.Sprintf("\ttype outer struct{ *%s }\n\to := outer{&%s{}}\n", t, t)
	raiseBlock(s, pre, "o.Fail("+withArgs("7, "+g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

// formWrapperInterface calls a wrapper method through an interface.
func formWrapperInterface(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	t := g.helper(s, "Service", "// Service raises through a method.\ntype Service struct{ Name string }\n\n// Fail passes id on.\nfunc (s *Service) Fail(code int, id string, args ...any) error {\n\treturn kerror.NewFrom(nil, id, args...)\n}")
	pre := fmt.Sprintf("\tvar f interface {\n\t\tFail(code int, id string, args ...any) error\n\t} = &%s{}\n", t)
	raiseBlock(s, pre, "f.Fail("+withArgs("7, "+g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

// formGetDynamicName raises domain and subdomain constants with a name that
// is not: an unknown subdomain is still known to be wrong.
func formGetDynamicName(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	p := strings.SplitN(g.idText(e, mut), ".", 3)
	s.Dynamic = true
	raiseBlock(s, "", fmt.Sprintf("kerror.Get(%q, %q, truth.Dyn(%q))", p[0], p[1], p[2]))
	return true
}

// formLiteralDefine writes a kerror.Error literal of an id defined with
// Define, in the site's package or an imported one.
func formLiteralDefine(g *gen, s *Site, mut string) bool {
	pkg := g.r.IntN(s.Pkg + 1)
	v, id, code, _ := g.baseDefine(s, pkg)
	importDefine(s, pkg, v)
	e := &entry{id: id, code: code, class: "InternalError", status: 500}
	var fields []string
	if mut == mutCode || g.r.IntN(2) == 0 {
		if mut == mutCode {
			code ^= 0x0100 // another error number of the same subdomain
		}
		fields = append(fields, "Code: "+codeLit(code))
	}
	if mut == mutStatus || g.r.IntN(2) == 0 {
		status := e.status
		if mut == mutStatus {
			status = 404
		}
		fields = append(fields, fmt.Sprintf("Status: %d", status))
	}
	if mut == mutClass || g.r.IntN(2) == 0 {
		class := e.class
		if mut == mutClass {
			class = g.otherClass(class)
		}
		fields = append(fields, "Class: kerror."+class)
	}
	fields = append([]string{"ID: " + g.constExpr(s, g.idText(e, mut))}, fields...)
	s.Block += fmt.Sprintf("func %s() {\n\te := &kerror.Error{%s}\n\ttruth.Literal(%q, e.ID, e.Code, e.Status, string(e.Class))\n}\n", s.Marker, strings.Join(fields, ", "), s.Marker)
	return true
}

// formCompareDefine compares with an id defined with Define.
func formCompareDefine(g *gen, s *Site, mut string) bool {
	pkg := g.r.IntN(s.Pkg + 1)
	v, id, _, _ := g.baseDefine(s, pkg)
	importDefine(s, pkg, v)
	if mut == mutTypo {
		id = typo(g.r, id, false)
	}
	c := g.constExpr(s, id)
	s.Block += fmt.Sprintf("func %s() {\n\t_ = kerror.Is(errors.New(\"x\"), %s)\n\ttruth.Compared(%q, %s)\n}\n", s.Marker, c, s.Marker, c)
	return true
}

// formReceiverID raises through a method of an id type whose receiver is
// the id: Code("x").Raise(args...).
func formReceiverID(g *gen, s *Site, mut string) bool {
	if mut == mutTypoSub {
		return false
	}
	e := g.pickID(mut, nil)
	t := g.helper(s, "Code", "// Code is an error id; Raise raises it.\ntype Code string\n\nfunc (c Code) Raise(args ...any) error {\n\treturn kerror.New(string(c), args...)\n}")
	raiseBlock(s, "", t+"("+g.constExpr(s, g.idText(e, mut))+").Raise("+strings.Join(g.args(e, mut), ", ")+")")
	return true
}

// formWrapperTilde raises through a generic wrapper whose id parameter is
// constrained by ~string.
func formWrapperTilde(g *gen, s *Site, mut string) bool {
	if mut == mutTypoSub {
		return false
	}
	e := g.pickID(mut, nil)
	f := g.helper(s, "TRaise", "// TRaise is a generic wrapper of any string type.\nfunc TRaise[T ~string](id T, args ...any) error {\n\treturn kerror.New(string(id), args...)\n}")
	raiseBlock(s, "", f+"("+withArgs(g.constExpr(s, g.idText(e, mut)), g.args(e, mut))+")")
	return true
}

// formCompareHelper compares through a helper that compares its parameter
// with the ID field, as kerror.Is does.
func formCompareHelper(g *gen, s *Site, mut string) bool {
	e := g.pickID(compareMut(mut), nil)
	id := g.constExpr(s, g.idText(e, mut))
	f := g.helper(s, "HasID", "// HasID compares its parameter with the error's id.\nfunc HasID(err error, id string) bool {\n\tvar ke *kerror.Error\n\treturn errors.As(err, &ke) && ke.ID == id\n}")
	s.Block += fmt.Sprintf("func %s() {\n\t_ = %s(errors.New(\"x\"), %s)\n\ttruth.Compared(%q, %s)\n}\n", s.Marker, f, id, s.Marker, id)
	return true
}

// formCompareCopy compares a local copy of the ID field, in an if or a
// switch with an initialiser.
func formCompareCopy(g *gen, s *Site, mut string) bool {
	e := g.pickID(compareMut(mut), nil)
	id := g.constExpr(s, g.idText(e, mut))
	if g.r.IntN(2) == 0 {
		s.Block += fmt.Sprintf("func %s() {\n\tvar e kerror.Error\n\tif got := e.ID; got == %s {\n\t\treturn\n\t}\n\ttruth.Compared(%q, %s)\n}\n", s.Marker, id, s.Marker, id)
	} else {
		s.Block += fmt.Sprintf("func %s() {\n\tvar e kerror.Error\n\tswitch got := e.ID; got {\n\tcase %s:\n\t\treturn\n\t}\n\ttruth.Compared(%q, %s)\n}\n", s.Marker, id, s.Marker, id)
	}
	return true
}

// formWrapMethod raises through a method value or a method expression of
// a package-level scope.
func formWrapMethod(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	d, sub, n := g.parts(s, g.idText(e, mut))
	args := g.args(e, mut)
	v := "scope" + s.Marker
	s.Block += fmt.Sprintf("var %s = kerror.Wrap(%s, %s)\n", v, d, sub)
	switch g.r.IntN(3) {
	case 0:
		raiseBlock(s, "\tget := "+v+".Get\n", "get("+withArgs(n, args)+")")
	case 1:
		raiseBlock(s, "", "kerror.Scope.Get("+withArgs(v+", "+n, args)+")")
	default:
		raiseBlock(s, "\tgetFrom := "+v+".GetFrom\n", "getFrom(errors.New(\"cause\"), "+withArgs(n, args)+")")
	}
	return true
}

// formFacadeWrap makes its scope through a facade's Wrap, a function
// returning kerror.Wrap of its parameters.
func formFacadeWrap(g *gen, s *Site, mut string) bool {
	e := g.pickID(mut, nil)
	d, sub, n := g.parts(s, g.idText(e, mut))
	args := g.args(e, mut)
	f := g.helper(s, "Wrap", "// Wrap is the service's own kerror.Wrap.\nfunc Wrap(domain, subdomain string) kerror.Scope {\n\treturn kerror.Wrap(domain, subdomain)\n}")
	if g.r.IntN(2) == 0 {
		v := "scope" + s.Marker
		s.Block += fmt.Sprintf("var %s = %s(%s, %s)\n", v, f, d, sub)
		raiseBlock(s, "", v+".Get("+withArgs(n, args)+")")
	} else {
		raiseBlock(s, "", f+"("+d+", "+sub+").Get("+withArgs(n, args)+")")
	}
	return true
}
