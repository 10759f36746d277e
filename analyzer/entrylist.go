package analyzer

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/kerrlint/kerrlint/registry"
)

// entryList is the entries of an install, gob-encoded compactly and read
// in place: go vet gob-decodes the facts of a package's imports in its
// process, and an install travels in the fact of every package above it
// (packageFact.Below). An importer looks up the ids it raises in the
// encoding (index), and decodes the whole list only when a fold needs
// every entry. Copies share the list.
type entryList struct{ p *entries }

// entries is an entryList's content: the list, its encoding, or both.
type entries struct {
	mu   sync.Mutex
	list []registry.Entry
	raw  []byte
	done bool // list holds the entries (decoded, or given)
	bad  bool // raw does not decode
	// lay is raw's layout, read once (laid); nil when raw does not decode.
	lay   *layout
	laid  bool
	index *entryIndex // lookups in raw, made once
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
		ok := false
		if lay := l.p.layout(); lay != nil {
			l.p.list, ok = lay.decodeAll()
		}
		l.p.bad = !ok
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

// broken reports whether the encoding is malformed, as far as its header
// tells: it reads the layout, not the entries.
func (l entryList) broken() bool {
	if l.p == nil {
		return false
	}
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	if l.p.done {
		return l.p.bad
	}
	return l.p.layout() == nil
}

// layout returns the encoding's layout, reading it on first use; p.mu is
// held.
func (p *entries) layout() *layout {
	if !p.laid {
		if p.raw == nil {
			p.raw = encodeEntries(p.list)
		}
		p.lay, p.laid = readLayout(p.raw), true
	}
	return p.lay
}

// index returns the entries as a registry.Index reading the encoding in
// place, or false when the encoding is malformed or its entries cannot be
// searched (flags).
func (l entryList) index() (registry.Index, bool) {
	if l.p == nil {
		return nil, false
	}
	l.p.mu.Lock()
	defer l.p.mu.Unlock()
	lay := l.p.layout()
	if lay == nil || !lay.byCode {
		return nil, false
	}
	if l.p.index == nil {
		l.p.index = &entryIndex{list: l, lay: lay, decoded: map[int]*registry.Entry{}}
	}
	return l.p.index, true
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
// which has every field of every entry but its description
// (TestEntryListGob): entries that differ only there fold alike.
func (l entryList) digest() string {
	sum := sha256.Sum256(l.encoded())
	return hex.EncodeToString(sum[:])
}

// GobEncode implements gob.GobEncoder.
func (l entryList) GobEncode() ([]byte, error) { return l.encoded(), nil }

// GobDecode implements gob.GobDecoder: the entries are read on first use.
func (l *entryList) GobDecode(data []byte) error {
	l.p = &entries{raw: bytes.Clone(data)}
	return nil
}

// entryListVersion starts the encoding, so that a change is an error, not
// garbage.
const entryListVersion = 2

// The encoding's flags.
const (
	// searchable: the entries' codes increase strictly and their ids are
	// distinct, as a registry's: they can be searched by code and by id.
	searchable = 1 << iota
	// derivedIDs: every id is domain.subdomain.name, so records omit it.
	derivedIDs
)

// The encoding, after the version, as uvarints unless said otherwise:
//
//	flags:   searchable, derivedIDs
//	table:   its length in bytes, then each distinct string once (files,
//	         classes, domains and messages repeat): its length, its bytes
//	count:   the number of entries
//	records: their length in bytes, then each entry's strings as offsets
//	         in the table — its id unless derivedIDs, then recordStrings —
//	         and its code, status, line and column (varints)
//	by id:   each record's offset in records, 4 bytes little-endian, in
//	         the order of the records' ids
//
// An entry's Description is not encoded: no check reads it, and it is most
// of a registry's text. A searchable list's entry is found by id by a
// binary search of the last part, and by code by one of the records,
// without decoding the others.
func encodeEntries(es []registry.Entry) []byte {
	index := map[string]uint64{}
	var table []byte
	ref := func(s string) uint64 {
		off, ok := index[s]
		if !ok {
			off = uint64(len(table))
			index[s] = off
			table = binary.AppendUvarint(table, uint64(len(s)))
			table = append(table, s...)
		}
		return off
	}
	order := make([]int, len(es))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(es[a].ID, es[b].ID) })
	flags := searchable | derivedIDs
	for i := range es {
		if i > 0 && (es[i].Code <= es[i-1].Code || es[order[i]].ID == es[order[i-1]].ID) {
			flags &^= searchable
		}
		if !derivedID(&es[i]) {
			flags &^= derivedIDs
		}
	}
	var records []byte
	starts := make([]uint32, len(es))
	for i := range es {
		e := &es[i]
		starts[i] = uint32(len(records))
		if flags&derivedIDs == 0 {
			records = binary.AppendUvarint(records, ref(e.ID))
		}
		for _, s := range recordStrings(e) {
			records = binary.AppendUvarint(records, ref(*s))
		}
		for _, n := range [...]int64{int64(e.Code), int64(e.Status), int64(e.Pos.Line), int64(e.Pos.Col)} {
			records = binary.AppendVarint(records, n)
		}
	}
	out := binary.AppendUvarint(nil, entryListVersion)
	out = binary.AppendUvarint(out, uint64(flags))
	out = binary.AppendUvarint(out, uint64(len(table)))
	out = append(out, table...)
	out = binary.AppendUvarint(out, uint64(len(es)))
	out = binary.AppendUvarint(out, uint64(len(records)))
	out = append(out, records...)
	for _, i := range order {
		out = binary.LittleEndian.AppendUint32(out, starts[i])
	}
	return out
}

// derivedID reports whether e's id is domain.subdomain.name.
func derivedID(e *registry.Entry) bool {
	id, d, s, n := e.ID, e.Domain, e.Subdomain, e.Name
	return len(id) == len(d)+len(s)+len(n)+2 &&
		id[:len(d)] == d && id[len(d)] == '.' &&
		id[len(d)+1:len(d)+1+len(s)] == s && id[len(d)+1+len(s)] == '.' &&
		id[len(d)+2+len(s):] == n
}

// recordStrings are the string fields a record holds after the id.
func recordStrings(e *registry.Entry) [7]*string {
	return [...]*string{&e.Domain, &e.Subdomain, &e.Name, &e.Class, &e.Message, &e.Deprecated, &e.Pos.File}
}

// The places of a record's strings: its id (unless derived), then
// recordStrings.
const (
	strID = iota
	strDomain
	strSubdomain
	strName
	recordFields = 8
)

// layout is where the parts of an encoding lie, read from its header:
// reading a record is bounded by its part, so that a malformed encoding
// reads as wrong entries, never as a failure. decodeAll checks the
// records whole.
type layout struct {
	raw     []byte
	table   []byte // raw[tableAt:], the table
	tableAt int
	count   int
	recAt   int  // the records: raw[recAt:recEnd]
	recEnd  int  // then the part by id
	byCode  bool // searchable
	derived bool // derivedIDs
	// starts are the records' offsets in raw, in order, read on first
	// use (ByCode, decodeAll); ok says every record decodes.
	startsOnce sync.Once
	starts     []int
	ok         bool
}

// readLayout reads data's header, or returns nil when it is not what
// encodeEntries writes.
func readLayout(data []byte) *layout {
	off := 0
	uvarint := func() (int, bool) {
		v, n := binary.Uvarint(data[off:])
		if n <= 0 || v > uint64(len(data)) {
			return 0, false
		}
		off += n
		return int(v), true
	}
	if v, ok := uvarint(); !ok || v != entryListVersion {
		return nil
	}
	lay := &layout{raw: data}
	flags, ok := uvarint()
	if !ok || flags > searchable|derivedIDs {
		return nil
	}
	lay.byCode, lay.derived = flags&searchable != 0, flags&derivedIDs != 0
	tableN, ok := uvarint()
	if !ok || tableN > len(data)-off {
		return nil
	}
	lay.table, lay.tableAt = data[off:off+tableN], off
	off += tableN
	if lay.count, ok = uvarint(); !ok {
		return nil
	}
	size, ok := uvarint()
	if !ok || size > len(data)-off || len(data)-off-size != 4*lay.count {
		return nil
	}
	lay.recAt, lay.recEnd = off, off+size
	return lay
}

// records reads the records' offsets; ok is false when one does not
// decode.
func (lay *layout) records() (starts []int, ok bool) {
	lay.startsOnce.Do(func() {
		starts := make([]int, 0, lay.count)
		off := lay.recAt
		for range lay.count {
			starts = append(starts, off)
			var strs [recordFields][2]int
			var nums [4]int64
			next, ok := lay.fields(off, &strs, &nums)
			if !ok {
				return
			}
			off = next
		}
		lay.starts, lay.ok = starts, off == lay.recEnd
	})
	return lay.starts, lay.ok
}

// byID returns the offset in raw of the k-th record in id order, or -1.
func (lay *layout) byID(k int) int {
	at := lay.recEnd + 4*k
	off := lay.recAt + int(binary.LittleEndian.Uint32(lay.raw[at:at+4]))
	if off >= lay.recEnd {
		return -1
	}
	return off
}

// str returns where the string at off in the table lies in raw.
func (lay *layout) str(off uint64) (start, end int, ok bool) {
	if off >= uint64(len(lay.table)) {
		return 0, 0, false
	}
	n, w := binary.Uvarint(lay.table[off:])
	if w <= 0 || n > uint64(len(lay.table)-int(off)-w) {
		return 0, 0, false
	}
	start = lay.tableAt + int(off) + w
	return start, start + int(n), true
}

// fields reads the record at off: its strings' places in raw, by strID
// and the rest (the id's empty when derived), and its numbers. It returns
// where the next record starts, and false, with what does not decode read
// as empty or zero, when the record does not decode.
func (lay *layout) fields(off int, strs *[recordFields][2]int, nums *[4]int64) (next int, ok bool) {
	if off < lay.recAt || off >= lay.recEnd {
		return off, false
	}
	first := strID
	if lay.derived {
		first = strDomain
	}
	for k := first; k < recordFields; k++ {
		v, n := binary.Uvarint(lay.raw[off:lay.recEnd])
		if n <= 0 {
			return off, false
		}
		off += n
		start, end, ok := lay.str(v)
		if !ok {
			return off, false
		}
		strs[k] = [2]int{start, end}
	}
	for k := range nums {
		v, n := binary.Varint(lay.raw[off:lay.recEnd])
		if n <= 0 {
			return off, false
		}
		off += n
		nums[k] = v
	}
	return off, true
}

// id appends the id of the record at off to buf.
func (lay *layout) id(buf []byte, off int) []byte {
	if off < lay.recAt || off >= lay.recEnd {
		return buf
	}
	n := 1
	if lay.derived {
		n = 3
	}
	for k := range n {
		v, w := binary.Uvarint(lay.raw[off:lay.recEnd])
		if w <= 0 {
			return buf
		}
		off += w
		start, end, _ := lay.str(v)
		if k > 0 {
			buf = append(buf, '.')
		}
		buf = append(buf, lay.raw[start:end]...)
	}
	return buf
}

// decode returns the record at off, each string made by str from its
// place in raw.
func (lay *layout) decode(off int, str func(start, end int) string) registry.Entry {
	var strs [recordFields][2]int
	var nums [4]int64
	lay.fields(off, &strs, &nums)
	var e registry.Entry
	for k, p := range recordStrings(&e) {
		*p = str(strs[strDomain+k][0], strs[strDomain+k][1])
	}
	if lay.derived {
		e.ID = e.Domain + "." + e.Subdomain + "." + e.Name
	} else {
		e.ID = str(strs[strID][0], strs[strID][1])
	}
	e.Code, e.Status, e.Pos.Line, e.Pos.Col = uint32(nums[0]), int(nums[1]), int(nums[2]), int(nums[3])
	return e
}

// decodeAll returns every record, in order, or false when one does not
// decode; the strings share one copy of the encoding.
func (lay *layout) decodeAll() ([]registry.Entry, bool) {
	starts, ok := lay.records()
	if !ok {
		return nil, false
	}
	text := string(lay.raw)
	out := make([]registry.Entry, len(starts))
	for i, off := range starts {
		out[i] = lay.decode(off, func(start, end int) string { return text[start:end] })
	}
	return out, true
}

// entryIndex finds an install's entries in its encoding (registry.Index).
type entryIndex struct {
	list    entryList
	lay     *layout
	mu      sync.Mutex
	decoded map[int]*registry.Entry // by offset: a lookup returns the same entry each time
}

// Len implements registry.Index.
func (ix *entryIndex) Len() int { return ix.lay.count }

// entry returns the record at off, decoding it on first use.
func (ix *entryIndex) entry(off int) *registry.Entry {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	e, ok := ix.decoded[off]
	if !ok {
		d := ix.lay.decode(off, func(start, end int) string { return string(ix.lay.raw[start:end]) })
		e = &d
		ix.decoded[off] = e
	}
	return e
}

// firstID returns the first k, in id order, whose record's id is not
// below key.
func (ix *entryIndex) firstID(key []byte) int {
	buf := make([]byte, 0, 64)
	return sort.Search(ix.lay.count, func(k int) bool {
		buf = ix.lay.id(buf[:0], ix.lay.byID(k))
		return bytes.Compare(buf, key) >= 0
	})
}

// Lookup implements registry.Index.
func (ix *entryIndex) Lookup(id string) (*registry.Entry, bool) {
	key := []byte(id)
	k := ix.firstID(key)
	if k == ix.lay.count {
		return nil, false
	}
	off := ix.lay.byID(k)
	if off < 0 || !bytes.Equal(ix.lay.id(nil, off), key) {
		return nil, false
	}
	return ix.entry(off), true
}

// ByCode implements registry.Index: the records are in code order.
func (ix *entryIndex) ByCode(code uint32) (*registry.Entry, bool) {
	starts, _ := ix.lay.records()
	i, found := slices.BinarySearchFunc(starts, code, func(off int, code uint32) int {
		var strs [recordFields][2]int
		var nums [4]int64
		ix.lay.fields(off, &strs, &nums)
		return cmp.Compare(nums[0], int64(code))
	})
	if !found {
		return nil, false
	}
	return ix.entry(starts[i]), true
}

// HasSubdomain implements registry.Index: the ids of domain.subdomain
// are among those starting with "domain.subdomain.", adjacent in id order.
func (ix *entryIndex) HasSubdomain(domain, subdomain string) bool {
	prefix := []byte(domain + "." + subdomain + ".")
	var buf []byte
	for k := ix.firstID(prefix); k < ix.lay.count; k++ {
		off := ix.lay.byID(k)
		if buf = ix.lay.id(buf[:0], off); !bytes.HasPrefix(buf, prefix) {
			break
		}
		var strs [recordFields][2]int
		var nums [4]int64
		ix.lay.fields(off, &strs, &nums)
		raw := ix.lay.raw
		d, s := strs[strDomain], strs[strSubdomain]
		if string(raw[d[0]:d[1]]) == domain && string(raw[s[0]:s[1]]) == subdomain {
			return true
		}
	}
	return false
}

// Entries implements registry.Index: every entry, decoded.
func (ix *entryIndex) Entries() []*registry.Entry {
	list := ix.list.list()
	out := make([]*registry.Entry, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}
