package registry

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Sources names the registries a tool works with, merged in this order: the
// embedded Kuzzle 1.12 registry (unless NoEmbedded, or unless another source
// is a Kuzzle release's own codes: see ReplacesEmbedded), the files and
// directories of Paths, then those of FSPaths in FS. The analyzer, the
// command line and the plugins all load their registry through it.
type Sources struct {
	NoEmbedded bool
	Paths      []string
	FS         fs.FS
	FSPaths    []string // in FS; none means "."
}

// Load loads and merges the sources.
func (s Sources) Load() (*Registry, error) {
	var regs []*Registry
	replaced := false
	if len(s.Paths) > 0 {
		r, err := LoadPaths(s.Paths...)
		if err != nil {
			return nil, err
		}
		regs = append(regs, r)
		replaced = ReplacesEmbedded(r)
	}
	if s.FS != nil {
		paths := s.FSPaths
		if len(paths) == 0 {
			paths = []string{"."}
		}
		r, err := LoadFS(s.FS, paths...)
		if err != nil {
			return nil, err
		}
		regs = append(regs, r)
		replaced = replaced || ReplacesEmbedded(r)
	}
	if len(regs) == 0 && s.NoEmbedded {
		return nil, Problems{{Msg: "no registry: -embedded=false needs -registry"}}
	}
	if s.NoEmbedded || replaced {
		return Merge(regs...)
	}
	r, err := Merge(append([]*Registry{Default()}, regs...)...)
	if err != nil && len(regs) > 0 {
		if _, alone := Merge(regs...); alone == nil { // the conflict is with the embedded registry
			err = append(AsProblems(err), Problem{Msg: "these registries conflict with the embedded Kuzzle 1.12 one: " +
				"-embedded=false uses them alone, and a Kuzzle release's codes directory with its 0-core.json replaces the embedded registry by itself"})
		}
	}
	return r, err
}

// ReplacesEmbedded reports whether r is a Kuzzle release's codes, which
// replace the embedded registry rather than merge with it: r defines the
// domain core. Every release has its own core domain, and the codes of two
// releases conflict (Kuzzle 2 reuses 0x01010016 of 1.12), so a merge could
// only fail.
func ReplacesEmbedded(r *Registry) bool { return r.HasDomain("core") }

// HasDomain reports whether an id of r is in domain.
func (r *Registry) HasDomain(domain string) bool { return len(r.full().parts[domain]) > 0 }

// DidYouMean formats suggestions for an unknown id or subdomain:
// `; did you mean "a", "b" or "c"?`, or "" when there are none. Every tool
// words its suggestions this way.
func DidYouMean(names []string) string {
	if len(names) == 0 {
		return ""
	}
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	return "; did you mean " + OrList(quoted) + "?"
}

// OrList joins words as "a", "a or b", "a, b or c".
func OrList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// PlacementProblem says why e cannot join the entries others: the domain or
// subdomain byte of its code belongs to another name, or its domain or
// subdomain name has another byte (plugins may share subdomain code 0, as
// New accepts). It returns "" when e fits. The analyzer
// and the runtime judge kerror.Define with it.
func PlacementProblem(e *Entry, others []*Entry) string {
	code := FormatCode(e.Code)
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
		case o.Domain == e.Domain && o.Subdomain != e.Subdomain && oS == sByte && !sharedPluginCode(e):
			return fmt.Sprintf("code %s has subdomain 0x%02x, which is %s.%s, not %s.%s", code, sByte, o.Domain, o.Subdomain, e.Domain, e.Subdomain)
		}
	}
	return ""
}
