package registry

import (
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
