// Package registry holds Kuzzle-style error-code registries: the data model, the
// embedded Kuzzle 1.12 registry, loaders for Kuzzle's JSON sources, validation,
// lookup, did-you-mean suggestions, markdown rendering and breaking-change diffs.
//
// It imports only the standard library: services link it into production
// binaries through package kerror.
package registry

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Position is a place in a registry source, printed as file:line:col like
// go/token positions. Line and Col are 1-based; zero means unknown.
type Position struct {
	File      string
	Line, Col int
}

func (p Position) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Entry is one registered error.
type Entry struct {
	ID          string // domain.subdomain.name
	Domain      string
	Subdomain   string
	Name        string
	Code        uint32 // domain<<24 | subdomain<<16 | error
	Class       string // e.g. "NotFoundError"
	Status      int    // HTTP status
	Description string
	Message     string // format with %s placeholders; empty when the source has none
	Deprecated  string // version since which the id is deprecated; empty when it is not
	Pos         Position
}

// Placeholders returns the number of %s placeholders in the entry's message,
// and false when the registry does not know the message.
func (e *Entry) Placeholders() (int, bool) {
	if e.Message == "" {
		return 0, false
	}
	return CountPlaceholders(e.Message), true
}

// sameDefinition reports whether two entries describe the same error: the
// fields that decide how it is raised agree (texts may differ).
func (e *Entry) sameDefinition(o *Entry) bool {
	return e.ID == o.ID && e.Code == o.Code && e.Class == o.Class && e.Status == o.Status
}

// CountPlaceholders counts the verbs of a Kuzzle message format that
// consume a placeholder, as Node's util.format does: %s, and also %d, %i,
// %f, %j, %o, %O and %c; an escaped percent sign (%%) consumes none.
func CountPlaceholders(format string) int {
	n := 0
	for i := 0; i < len(format)-1; i++ {
		if format[i] != '%' {
			continue
		}
		switch format[i+1] {
		case 's', 'd', 'i', 'f', 'j', 'o', 'O', 'c':
			n++
		}
		i++ // skip the verb, including the second % of %%
	}
	return n
}

// FormatCode renders a code the way Kuzzle's documentation does: 0x0101000b.
func FormatCode(code uint32) string { return fmt.Sprintf("0x%08x", code) }

// ParseCode parses a code written in hexadecimal (0x0101000b) or decimal (16842763).
func ParseCode(s string) (uint32, error) {
	v, err := strconv.ParseUint(s, 0, 32)
	if err != nil {
		return 0, fmt.Errorf("invalid error code %q: want 0x0101000b or 16842763", s)
	}
	return uint32(v), nil
}

// ParseID splits an id, domain.subdomain.name, into its parts. Names are
// Kuzzle's: any text but a dot ("Alpha", "fi-rst",
// "kuzzle-plugin-auth-passport-local"); ok is false unless the id has
// exactly three non-empty parts. It is the one id parser of kerrlint: the
// registry, the analyzer and the runtime agree on what an id is.
func ParseID(id string) (domain, subdomain, name string, ok bool) {
	domain, rest, ok1 := strings.Cut(id, ".")
	subdomain, name, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || domain == "" || subdomain == "" || name == "" || strings.Contains(name, ".") {
		return "", "", "", false
	}
	return domain, subdomain, name, true
}

// Problem is one thing wrong with a registry, at a position a person can open.
// An error (Warning empty) is a registry Kuzzle refuses to load, or a
// conflict between registries loaded together; a warning, named by Warning,
// is a rule kerrlint checks beyond Kuzzle and never stops a registry from
// loading.
type Problem struct {
	Pos     Position
	Msg     string
	Warning string // the warning's name (WarnDuplicateKey, ...); empty for an error
}

func (p Problem) String() string {
	msg := p.Msg
	if p.Warning != "" {
		msg = "warning: " + msg + " [" + p.Warning + "]"
	}
	if p.Pos.File == "" {
		return msg
	}
	return p.Pos.String() + ": " + msg
}

// The warnings: rules Kuzzle does not have, reported by registry check and
// never a reason to refuse a registry.
const (
	// WarnDuplicateKey: a key given twice in one JSON object; the last value is used.
	WarnDuplicateKey = "duplicate-key"
	// WarnUnknownKey: a key Kuzzle does not read (a typo, or the other layout's key).
	WarnUnknownKey = "unknown-key"
	// WarnStatusIgnored: a "status" on an error whose class has its own status.
	WarnStatusIgnored = "status-ignored"
	// WarnStatusRange: a KuzzleError "status" that is not an integer in 100–599.
	WarnStatusRange = "status-range"
	// WarnUnraisableName: a name Kuzzle's kerror can never raise (it contains
	// ".", "[" or "]", which its lookup path splits on).
	WarnUnraisableName = "unraisable-name"
	// WarnEmptyName: an empty name, legal in Kuzzle, but not in an id kerrlint accepts.
	WarnEmptyName = "empty-name"
	// WarnDeprecatedIgnored: a domain's or subdomain's "deprecated" that is not a
	// non-empty string (Kuzzle never reads these; kerrlint applies a version to their errors).
	WarnDeprecatedIgnored = "deprecated-ignored"
	// WarnDescriptionIgnored: a plugin error's "description" that is not a string.
	WarnDescriptionIgnored = "description-ignored"
	// WarnNotAClass: a "class" Kuzzle's check accepts that is not an error class
	// ("__esModule"): raising the error throws a TypeError in Kuzzle.
	WarnNotAClass = "not-a-class"
)

// WarningNames lists every warning's name, for documentation and tests.
func WarningNames() []string {
	return []string{WarnDuplicateKey, WarnUnknownKey, WarnStatusIgnored, WarnStatusRange,
		WarnUnraisableName, WarnEmptyName, WarnDeprecatedIgnored, WarnDescriptionIgnored, WarnNotAClass,
		WarnReleaseDependent, WarnDuplicateDomain}
}

// Problems is the error returned by loaders and by New: every problem found,
// in source order, one per line.
type Problems []Problem

// split returns the errors and the warnings of ps.
func (ps Problems) split() (errs, warnings Problems) {
	for _, p := range ps {
		if p.Warning == "" {
			errs = append(errs, p)
		} else {
			warnings = append(warnings, p)
		}
	}
	return errs, warnings
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// AsProblems returns the problems carried by err: the list itself when err
// holds Problems, otherwise a single position-less problem.
func AsProblems(err error) Problems {
	var ps Problems
	if errors.As(err, &ps) {
		return ps
	}
	return Problems{{Msg: err.Error()}}
}

// Registry is an immutable, validated set of entries.
type Registry struct {
	entries []*Entry // sorted by code: ByCode searches it
	byID    map[string]*Entry
	bySub   map[subdomainKey][]*Entry  // entries by subdomain: ranges of entries
	parts   map[string]map[string]bool // domain → subdomains
	firstOf map[string]*Entry          // domain → its entry of lowest code
	layout  []docDomain                // the sources' order, for Markdown; nil: from the entries
	// ext, when set, is what the registry stands for (Extend): the
	// fields above are empty, and every method reads either ext's
	// lookups or full()'s fields.
	ext *extension
}

// New builds a registry from entries and checks what holds across them: ids
// and codes are unique, and a domain or subdomain name always has the same
// code (and the reverse). An entry equal to an earlier one (same id, code,
// class and status) is merged into it, the later one's texts winning.
func New(entries []*Entry) (*Registry, error) {
	return build(entries, true)
}

// build is New; copy is false when the caller hands its entries over (the
// loaders, whose entries nobody else holds), saving a copy of each.
func build(entries []*Entry, copy bool) (*Registry, error) {
	if !copy && len(entries) >= distinctBuildMin {
		if r, ok := buildDistinct(entries); ok {
			return r, nil
		}
	}
	r := &Registry{
		byID:    make(map[string]*Entry, len(entries)),
		bySub:   make(map[subdomainKey][]*Entry),
		parts:   make(map[string]map[string]bool),
		firstOf: make(map[string]*Entry),
	}
	var problems Problems
	byCode := make(map[uint32]*Entry, len(entries))
	places := placements{
		domainByCode: map[uint8]*Entry{},
		domainByName: map[string]*Entry{},
		subByCode:    map[uint16]*Entry{},
		subByName:    map[subdomainKey]*Entry{},
	}
	var store []Entry // the registry's copies, in one allocation
	if copy {
		store = make([]Entry, 0, len(entries))
	}
	r.entries = make([]*Entry, 0, len(entries))
	var last *Entry // the previous entry accepted
	for _, e := range entries {
		if prev, ok := r.byID[e.ID]; ok {
			if prev.sameDefinition(e) {
				prev.Description, prev.Message, prev.Deprecated, prev.Pos = e.Description, e.Message, e.Deprecated, e.Pos
				continue
			}
			problems = append(problems, Problem{Pos: e.Pos, Msg: fmt.Sprintf("duplicate id %s: %s %s here, %s %s at %s",
				e.ID, FormatCode(e.Code), e.Class, FormatCode(prev.Code), prev.Class, prev.Pos)})
			continue
		}
		sameSub := last != nil && e.Domain == last.Domain && e.Subdomain == last.Subdomain && e.Code>>16 == last.Code>>16
		if !sameSub { // sources group entries by subdomain: check each subdomain once
			if msg := places.check(e); msg != "" {
				problems = append(problems, Problem{Pos: e.Pos, Msg: msg})
				continue
			}
		}
		if prev, ok := byCode[e.Code]; ok {
			problems = append(problems, Problem{Pos: e.Pos, Msg: fmt.Sprintf("duplicate code %s: %s here, %s at %s",
				FormatCode(e.Code), e.ID, prev.ID, prev.Pos)})
			continue
		}
		last = e
		own := e
		if copy {
			store = append(store, *e)
			own = &store[len(store)-1]
		}
		r.byID[own.ID] = own
		byCode[own.Code] = own
		r.entries = append(r.entries, own)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	r.index()
	return r, nil
}

// distinctBuildMin is the size from which build tries buildDistinct.
const distinctBuildMin = 4096

// buildDistinct is build for a large registry whose ids and codes are all
// distinct and whose names and codes are placed consistently, as a loaded
// registry's usually are: no index is probed before it is filled (a size
// that does not grow is a duplicate id; codes are compared once sorted, and
// there is no code index). It gives up (ok false) at the first duplicate or
// problem, leaving build to find and word them in order.
func buildDistinct(entries []*Entry) (r *Registry, ok bool) {
	r = &Registry{
		entries: entries[:len(entries):len(entries)], // handed over: sorted in place
		byID:    make(map[string]*Entry, len(entries)),
		bySub:   make(map[subdomainKey][]*Entry),
		parts:   make(map[string]map[string]bool),
		firstOf: make(map[string]*Entry),
	}
	codes := make([]uint32, 0, len(entries))
	places := placements{
		domainByCode: map[uint8]*Entry{},
		domainByName: map[string]*Entry{},
		subByCode:    map[uint16]*Entry{},
		subByName:    map[subdomainKey]*Entry{},
	}
	var last *Entry
	for _, e := range entries {
		sameSub := last != nil && e.Domain == last.Domain && e.Subdomain == last.Subdomain && e.Code>>16 == last.Code>>16
		if !sameSub && places.check(e) != "" {
			return nil, false
		}
		r.byID[e.ID] = e
		codes = append(codes, e.Code)
		last = e
	}
	if len(r.byID) != len(entries) {
		return nil, false
	}
	if !slices.IsSorted(codes) { // sources are usually in code order
		slices.Sort(codes)
	}
	for i := 1; i < len(codes); i++ {
		if codes[i] == codes[i-1] {
			return nil, false
		}
	}
	r.index()
	return r, true
}

// index sorts r.entries by code and builds the indexes by subdomain and
// domain from them.
func (r *Registry) index() {
	byCode := func(a, b *Entry) int { return cmp.Compare(a.Code, b.Code) }
	if !slices.IsSortedFunc(r.entries, byCode) { // sources are usually in code order
		slices.SortFunc(r.entries, byCode)
	}
	// Subdomains are indexed by name: plugins share subdomain code 0, so
	// the entries of one may lie between another's. A run of entries of
	// one subdomain is a slice of r.entries; a later run is appended to
	// it (its capacity is the run's, so that appending copies).
	for i := 0; i < len(r.entries); {
		e := r.entries[i]
		j := i + 1
		for j < len(r.entries) && r.entries[j].Domain == e.Domain && r.entries[j].Subdomain == e.Subdomain {
			j++
		}
		key := subdomainKey{e.Domain, e.Subdomain}
		if prev, ok := r.bySub[key]; ok {
			r.bySub[key] = append(prev, r.entries[i:j]...)
			i = j
			continue
		}
		r.bySub[key] = r.entries[i:j:j]
		subs := r.parts[e.Domain]
		if subs == nil {
			subs = map[string]bool{}
			r.parts[e.Domain] = subs
			r.firstOf[e.Domain] = e
		}
		subs[e.Subdomain] = true
		i = j
	}
}

// placements remember the first entry of each domain and subdomain, by
// name and by code, so that a name keeps one code and a code one name.
type placements struct {
	domainByCode map[uint8]*Entry
	domainByName map[string]*Entry
	subByCode    map[uint16]*Entry
	subByName    map[subdomainKey]*Entry
}

// check returns what is wrong with e's domain and subdomain codes, or
// records them.
func (p placements) check(e *Entry) string {
	dc, sc := uint8(e.Code>>24), uint16(e.Code>>16)
	key := subdomainKey{e.Domain, e.Subdomain}
	if prev, ok := p.domainByCode[dc]; ok && prev.Domain != e.Domain {
		return fmt.Sprintf("domain code 0x%02x is used by domain %q here and by domain %q at %s", dc, e.Domain, prev.Domain, prev.Pos)
	}
	if prev, ok := p.domainByName[e.Domain]; ok && uint8(prev.Code>>24) != dc {
		return fmt.Sprintf("domain %q has code 0x%02x here and 0x%02x at %s", e.Domain, dc, uint8(prev.Code>>24), prev.Pos)
	}
	if prev, ok := p.subByCode[sc]; ok && prev.Subdomain != e.Subdomain && !sharedPluginCode(e) {
		return fmt.Sprintf("subdomain code 0x%04x is used by %s.%s here and by %s.%s at %s", sc, e.Domain, e.Subdomain, prev.Domain, prev.Subdomain, prev.Pos)
	}
	if prev, ok := p.subByName[key]; ok && uint16(prev.Code>>16) != sc {
		return fmt.Sprintf("subdomain %s.%s has code 0x%04x here and 0x%04x at %s", e.Domain, e.Subdomain, sc, uint16(prev.Code>>16), prev.Pos)
	}
	if _, ok := p.domainByCode[dc]; !ok {
		p.domainByCode[dc], p.domainByName[e.Domain] = e, e
	}
	if _, ok := p.subByCode[sc]; !ok {
		p.subByCode[sc], p.subByName[key] = e, e
	}
	return ""
}

// sharedPluginCode reports whether e is a plugin error with subdomain code
// 0, which Kuzzle gives every plugin unless configured otherwise and lets
// plugins share (their full codes must still differ).
func sharedPluginCode(e *Entry) bool {
	return e.Domain == "plugin" && e.Code>>16 == PluginDomainCode<<8
}

// subdomainKey names a subdomain within its domain.
type subdomainKey struct{ domain, subdomain string }

// Merge combines registries, later ones over earlier ones. An entry identical
// to an existing one is accepted; a conflicting one is a problem naming both places.
func Merge(regs ...*Registry) (*Registry, error) {
	var all []*Entry
	for _, r := range regs {
		all = append(all, r.full().entries...)
	}
	m, err := New(all)
	if err == nil {
		m.layout = mergeLayouts(regs)
	}
	return m, err
}

// Len returns the number of entries.
func (r *Registry) Len() int {
	if r.ext != nil {
		return r.ext.over.Len() + r.ext.ix.Len()
	}
	return len(r.entries)
}

// Entries returns the entries sorted by code. The slice must not be modified.
func (r *Registry) Entries() []*Entry { return r.full().entries }

// Lookup returns the entry registered under id.
func (r *Registry) Lookup(id string) (*Entry, bool) {
	if r.ext != nil {
		if e, ok := r.ext.over.Lookup(id); ok {
			return e, true
		}
		return r.ext.ix.Lookup(id)
	}
	e, ok := r.byID[id]
	return e, ok
}

// ByCode returns the entry registered under code.
func (r *Registry) ByCode(code uint32) (*Entry, bool) {
	if r.ext != nil {
		if e, ok := r.ext.over.ByCode(code); ok {
			return e, true
		}
		return r.ext.ix.ByCode(code)
	}
	i, ok := slices.BinarySearchFunc(r.entries, code, func(e *Entry, code uint32) int { return cmp.Compare(e.Code, code) })
	if !ok {
		return nil, false
	}
	return r.entries[i], true
}

// Near returns entries that decide whether code may be given to an id of
// domain.subdomain: one of the domain, one of the subdomain, one with the
// code's domain byte, one with its domain and subdomain bytes (each if any).
func (r *Registry) Near(domain, subdomain string, code uint32) []*Entry {
	r = r.full()
	var out []*Entry
	if e, ok := r.firstOf[domain]; ok {
		out = append(out, e)
	}
	if es := r.bySub[subdomainKey{domain, subdomain}]; len(es) > 0 {
		out = append(out, es[0])
	}
	for _, shift := range []uint{24, 16} { // the first entry whose code has the same top bytes
		i, _ := slices.BinarySearchFunc(r.entries, code>>shift<<shift, func(e *Entry, c uint32) int { return cmp.Compare(e.Code, c) })
		if i < len(r.entries) && r.entries[i].Code>>shift == code>>shift {
			out = append(out, r.entries[i])
		}
	}
	return out
}

// HasSubdomain reports whether any id starts with domain.subdomain.
func (r *Registry) HasSubdomain(domain, subdomain string) bool {
	if r.ext != nil {
		return r.ext.over.HasSubdomain(domain, subdomain) || r.ext.ix.HasSubdomain(domain, subdomain)
	}
	return r.parts[domain][subdomain]
}
