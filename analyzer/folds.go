package analyzer

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
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
		list := in.Entries.list()
		entries := make([]*registry.Entry, len(list))
		for i := range list {
			entries[i] = &list[i]
		}
		return registry.New(entries)
	})
}

// merge is rules.Install of the registry of in's entries, with the fold
// shared: Install merges, then makes the result the registry in use as Use
// does, and fails with the merge's problems. The fold shares the entries
// (registry.Union) rather than building the install's registry and copying
// both, unless they conflict or repeat an entry: then Merge decides, over
// the install's registry, as Install does.
func (f *folds) merge(rules *registry.State, in install) (*registry.State, error) {
	over := rules.Registry()
	merged, err := f.get(foldKey{over, in.Digest}, func() (*registry.Registry, error) {
		list := in.Entries.list()
		entries := make([]*registry.Entry, len(list))
		for i := range list {
			entries[i] = &list[i]
		}
		if u, ok := registry.Union(over, entries); ok {
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
		return m, nil
	})
	if err != nil {
		return rules, err
	}
	return rules.Use(merged)
}

// entryList is the entries of an install, gob-encoded compactly and
// decoded lazily: go vet gob-decodes and re-encodes the facts of every
// dependency in each package's process, and an install travels in the
// facts of every package above it (packageFact.Below). A decoded list
// keeps its encoding, so re-encoding it is a copy, and decodes it only
// when a fold needs the entries. Copies share the list.
type entryList struct{ p *entries }

// entries is an entryList's content: the list, its encoding, or both.
type entries struct {
	mu   sync.Mutex
	list []registry.Entry
	raw  []byte
	done bool // list holds the entries (decoded, or given)
	bad  bool // raw does not decode
}

// newEntryList returns the list of es.
func newEntryList(es []registry.Entry) entryList {
	return entryList{&entries{list: es, done: true}}
}

// all returns the entries, decoding them on first use; ok is false when
// the encoding is malformed.
func (l entryList) all() (es []registry.Entry, ok bool) {
	if l.p == nil {
		return nil, true
	}
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	if !l.p.done {
		l.p.list, l.p.bad = decodeEntries(l.p.raw)
		l.p.done = true
	}
	return l.p.list, !l.p.bad
}

// list returns the entries, none when the encoding is malformed (an
// install then counts as one kerrlint cannot read: simulate).
func (l entryList) list() []registry.Entry {
	es, _ := l.all()
	return es
}

// broken reports whether the encoding is malformed.
func (l entryList) broken() bool {
	_, ok := l.all()
	return !ok
}

// encoded returns the encoding, computing it on first use.
func (l entryList) encoded() []byte {
	if l.p == nil {
		return encodeEntries(nil)
	}
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	if l.p.raw == nil {
		l.p.raw = encodeEntries(l.p.list)
	}
	return l.p.raw
}

// digest identifies the entries by content: the sha256 of their encoding,
// which has every field of every entry (TestEntryListGob).
func (l entryList) digest() string {
	sum := sha256.Sum256(l.encoded())
	return hex.EncodeToString(sum[:])
}

// GobEncode implements gob.GobEncoder.
func (l entryList) GobEncode() ([]byte, error) { return l.encoded(), nil }

// GobDecode implements gob.GobDecoder: the entries are decoded on first use.
func (l *entryList) GobDecode(data []byte) error {
	l.p = &entries{raw: bytes.Clone(data)}
	return nil
}

// entryListVersion starts the encoding, so that a change is an error, not
// garbage.
const entryListVersion = 1

// encodeEntries writes each distinct string once (files, classes, domains
// and messages repeat), then each entry as varints.
func encodeEntries(es []registry.Entry) []byte {
	index := map[string]uint64{}
	var table []string
	ref := func(s string) uint64 {
		i, ok := index[s]
		if !ok {
			i = uint64(len(table))
			index[s] = i
			table = append(table, s)
		}
		return i
	}
	var body []byte
	for i := range es {
		e := &es[i]
		for _, s := range [...]string{e.ID, e.Domain, e.Subdomain, e.Name, e.Class, e.Description, e.Message, e.Deprecated, e.Pos.File} {
			body = binary.AppendUvarint(body, ref(s))
		}
		for _, n := range [...]int64{int64(e.Code), int64(e.Status), int64(e.Pos.Line), int64(e.Pos.Col)} {
			body = binary.AppendVarint(body, n)
		}
	}
	out := binary.AppendUvarint(nil, entryListVersion)
	out = binary.AppendUvarint(out, uint64(len(table)))
	for _, s := range table {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	out = binary.AppendUvarint(out, uint64(len(es)))
	return append(out, body...)
}

// decodeEntries reads what encodeEntries writes; bad when data is not that.
func decodeEntries(data []byte) (es []registry.Entry, bad bool) {
	text := string(data) // one allocation: the strings of the table share it
	off := 0
	uvarint := func() (uint64, bool) {
		v, n := binary.Uvarint(data[off:])
		if n <= 0 {
			return 0, false
		}
		off += n
		return v, true
	}
	if v, ok := uvarint(); !ok || v != entryListVersion {
		return nil, true
	}
	size, ok := uvarint()
	if !ok || size > uint64(len(data)) {
		return nil, true
	}
	table := make([]string, size)
	for i := range table {
		n, ok := uvarint()
		if !ok || n > uint64(len(data)-off) {
			return nil, true
		}
		table[i] = text[off : off+int(n)]
		off += int(n)
	}
	count, ok := uvarint()
	if !ok || count > uint64(len(data)) {
		return nil, true
	}
	out := make([]registry.Entry, count)
	for i := range out {
		e := &out[i]
		for _, p := range [...]*string{&e.ID, &e.Domain, &e.Subdomain, &e.Name, &e.Class, &e.Description, &e.Message, &e.Deprecated, &e.Pos.File} {
			j, ok := uvarint()
			if !ok || j >= uint64(len(table)) {
				return nil, true
			}
			*p = table[j]
		}
		var ns [4]int64
		for k := range ns {
			v, n := binary.Varint(data[off:])
			if n <= 0 {
				return nil, true
			}
			off += n
			ns[k] = v
		}
		e.Code, e.Status, e.Pos.Line, e.Pos.Col = uint32(ns[0]), int(ns[1]), int(ns[2]), int(ns[3])
	}
	if off != len(data) {
		return nil, true
	}
	return out, false
}
