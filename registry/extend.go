package registry

import "sync"

// An Index answers a registry's lookups from a representation of its own —
// the analyzer reads an installed registry's entries in place, from the
// encoding its facts carry — so that a caller looking up a few ids of a
// large registry does not build it. Entries is every entry, sorted by
// code; it is called at most once, when a lookup needs the registry built.
type Index interface {
	Len() int
	Lookup(id string) (*Entry, bool)
	ByCode(code uint32) (*Entry, bool)
	HasSubdomain(domain, subdomain string) bool
	Entries() []*Entry
}

// extension is a registry's lazy part: the registry it extends and the
// index of the entries it adds, and the union, built on first use.
type extension struct {
	over  *Registry
	ix    Index
	once  sync.Once
	built *Registry
}

// Extend returns the registry of r's entries and ix's, for a caller that
// knows Union(r, ix.Entries()) to succeed (every id and code distinct, the
// names placed consistently): an analysis of the same entries over the
// same registry found it so. Len, Lookup, ByCode and HasSubdomain read r
// and ix; anything else builds the union once. A broken promise yields
// wrong answers, never a failure.
func Extend(r *Registry, ix Index) *Registry {
	return &Registry{ext: &extension{over: r, ix: ix}}
}

// full returns the registry with every index built: r itself, or the
// union an extension stands for. Every method that reads r's fields other
// than the lookups Extend serves calls it first.
func (r *Registry) full() *Registry {
	x := r.ext
	if x == nil {
		return r
	}
	x.once.Do(func() {
		over := x.over.full()
		if u, ok := Union(over, x.ix.Entries()); ok {
			x.built = u
		} else {
			x.built = over // a broken promise: the entries added are not there
		}
	})
	return x.built
}
