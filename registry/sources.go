package registry

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Sources names the registries a tool works with, merged in this order: the
// embedded Kuzzle 1.12 registry (unless NoEmbedded), the files and
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
	if !s.NoEmbedded {
		regs = append(regs, Default())
	}
	if len(s.Paths) > 0 {
		r, err := LoadPaths(s.Paths...)
		if err != nil {
			return nil, err
		}
		regs = append(regs, r)
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
	}
	if len(regs) == 0 {
		return nil, Problems{{Msg: "no registry: -embedded=false needs -registry"}}
	}
	return Merge(regs...)
}

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
// subdomain name has another byte. It returns "" when e fits. The analyzer
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
		case o.Domain == e.Domain && o.Subdomain != e.Subdomain && oS == sByte:
			return fmt.Sprintf("code %s has subdomain 0x%02x, which is %s.%s, not %s.%s", code, sByte, o.Domain, o.Subdomain, e.Domain, e.Subdomain)
		}
	}
	return ""
}
