package analyzer

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
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
		entries := make([]*registry.Entry, len(in.Entries))
		for i := range in.Entries {
			entries[i] = &in.Entries[i]
		}
		return registry.New(entries)
	})
}

// install is rules.Install(reg), reg being the registry of the entries with
// digest, with the merge shared: Install merges, then makes the result the
// registry in use as Use does, and fails with the merge's problems.
func (f *folds) install(rules *registry.State, reg *registry.Registry, digest string) (*registry.State, error) {
	merged, err := f.get(foldKey{rules.Registry(), digest}, func() (*registry.Registry, error) {
		return registry.Merge(rules.Registry(), reg)
	})
	if err != nil {
		return rules, &registry.InstallError{Problems: registry.AsProblems(err)}
	}
	return rules.Use(merged)
}

// entriesDigest identifies entries by content, every field in order.
func entriesDigest(entries []registry.Entry) string {
	h := sha256.New()
	for i := range entries {
		fmt.Fprintf(h, "%#v\n", entries[i])
	}
	return hex.EncodeToString(h.Sum(nil))
}
