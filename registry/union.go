package registry

// Union returns the registry of r's entries and es, sharing them instead
// of copying, when all their ids and codes are distinct and their domains
// and subdomains are placed consistently: then it holds what Merge(r,
// New(es)) holds, at about half the cost, for a caller folding a large
// registry over another (the analyzer under go vet, once per package).
// Its Markdown layout is that of its entries, not the sources' order. ok
// is false otherwise, leaving Merge to word the problems or merge equal
// entries. Neither r's entries nor es's may change afterwards.
func Union(r *Registry, es []*Entry) (u *Registry, ok bool) {
	r = r.full()
	all := make([]*Entry, 0, len(r.entries)+len(es))
	all = append(append(all, r.entries...), es...)
	return buildDistinct(all)
}
