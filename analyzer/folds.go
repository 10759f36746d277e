package analyzer

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"sync"

	"github.com/kerrlint/kerrlint/registry"
)

// folds shares, among the packages one checker analyses, the registries
// installs build: every importer of a package installing a registry
// applies the same install over the same registry in use, and
// registry.New and Merge cost in proportion to the entries (≈ 4 ms each
// for 10,000). A fold is keyed by content — the install's digest and the
// registry it is merged over, the checker's or itself a fold — so that N
// importers fold once. It lives on the checker, not in a package-level
// variable: the golangci-lint plugin creates an analyzer per run. A nil
// *folds folds every time.
type folds struct {
	mu sync.Mutex
	m  map[foldKey]*fold
	// ids identify the registries folds hold or folded over by content
	// (registryID), and distinct holds, by install digest, the ids of the
	// registries it was found to fold over without conflict or repeat: what
	// an importer's fact vouches for (install.Distinct).
	ids      map[*registry.Registry]string
	distinct map[string]map[string]bool
}

// foldKey is a fold: the registry of the entries with digest, alone
// (over nil) or merged over another.
type foldKey struct {
	over   *registry.Registry
	digest string
}

// fold is a registry built once; concurrent packages wait for the first.
type fold struct {
	once sync.Once
	reg  *registry.Registry
	err  error
}

// get returns the registry of key, building it with build on first use.
func (f *folds) get(key foldKey, build func() (*registry.Registry, error)) (*registry.Registry, error) {
	if f == nil || key.digest == "" {
		return build()
	}
	f.mu.Lock()
	if f.m == nil {
		f.m = map[foldKey]*fold{}
	}
	e := f.m[key]
	if e == nil {
		e = &fold{}
		f.m[key] = e
	}
	f.mu.Unlock()
	e.once.Do(func() { e.reg, e.err = build() })
	return e.reg, e.err
}

// installed returns the registry of an install's entries.
func (f *folds) installed(in install) (*registry.Registry, error) {
	return f.get(foldKey{nil, in.Digest}, func() (*registry.Registry, error) {
		list := in.Entries.list()
		entries := make([]*registry.Entry, len(list))
		for i := range list {
			entries[i] = &list[i]
		}
		reg, err := registry.New(entries)
		f.setID(reg, contentID("install", in.Digest))
		return reg, err
	})
}

// merge is rules.Install of the registry of in's entries, with the fold
// shared: Install merges, then makes the result the registry in use as Use
// does, and fails with the merge's problems. The fold shares the entries
// (registry.Union) rather than building the install's registry and copying
// both, unless they conflict or repeat an entry: then Merge decides, over
// the install's registry, as Install does. When a package below found the
// union to hold over the same registry (in.Distinct), the fold reads the
// install's entries in place (registry.Extend): go vet folds in every
// package's process, and most look up a few ids of thousands.
func (f *folds) merge(rules *registry.State, in install) (*registry.State, error) {
	over := rules.Registry()
	merged, err := f.get(foldKey{over, in.Digest}, func() (*registry.Registry, error) {
		overID := f.registryID(over)
		id := contentID("union", overID, in.Digest)
		if slices.Contains(in.Distinct, overID) {
			if ix, ok := in.Entries.index(); ok {
				reg := registry.Extend(over, ix)
				f.setID(reg, id)
				f.vouch(in.Digest, overID)
				return reg, nil
			}
		}
		list := in.Entries.list()
		entries := make([]*registry.Entry, len(list))
		for i := range list {
			entries[i] = &list[i]
		}
		if u, ok := registry.Union(over, entries); ok {
			f.setID(u, id)
			f.vouch(in.Digest, overID)
			return u, nil
		}
		reg, err := f.installed(in)
		if err != nil {
			return nil, err
		}
		m, err := registry.Merge(over, reg)
		if err != nil {
			return nil, &registry.InstallError{Problems: registry.AsProblems(err)}
		}
		f.setID(m, id)
		return m, nil
	})
	if err != nil {
		return rules, err
	}
	return rules.Use(merged)
}

// registryID identifies reg by content: the id folds gave it when it
// built it, else (the checker's registry) the digest of its entries,
// computed once.
func (f *folds) registryID(reg *registry.Registry) string {
	if f == nil {
		return ""
	}
	f.mu.Lock()
	id, ok := f.ids[reg]
	f.mu.Unlock()
	if ok {
		return id
	}
	list := make([]registry.Entry, 0, reg.Len())
	for _, e := range reg.Entries() {
		list = append(list, *e)
	}
	id = contentID("registry", newEntryList(list).digest())
	f.setID(reg, id)
	return id
}

// setID records the id of a registry folds built.
func (f *folds) setID(reg *registry.Registry, id string) {
	if f == nil || reg == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.ids == nil {
		f.ids = map[*registry.Registry]string{}
	}
	f.ids[reg] = id
}

// contentID is the sha256 of parts: a registry built by a fold is
// identified by how it was built from registries identified so.
func contentID(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

// vouch records that the install of digest folds over the registry of id
// by union.
func (f *folds) vouch(digest, id string) {
	if f == nil || id == "" {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.distinct == nil {
		f.distinct = map[string]map[string]bool{}
	}
	if f.distinct[digest] == nil {
		f.distinct[digest] = map[string]bool{}
	}
	f.distinct[digest][id] = true
}

// vouched returns ins with, in each install's Distinct, the registries
// folds found it to fold over by union, so that importers need not check
// again.
func (f *folds) vouched(ins []install) []install {
	if f == nil {
		return ins
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	out := slices.Clone(ins)
	for i := range out {
		ids := f.distinct[out[i].Digest]
		if len(ids) == 0 {
			continue
		}
		all := slices.Clone(out[i].Distinct)
		for id := range ids {
			if !slices.Contains(all, id) {
				all = append(all, id)
			}
		}
		slices.Sort(all)
		out[i].Distinct = all
	}
	return out
}
