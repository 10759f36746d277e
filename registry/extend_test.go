package registry

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// mapIndex is an Index over entries sorted by code, as a caller of Extend
// keeps one; lookups counts the lookups it answers and built the calls to
// Entries.
type mapIndex struct {
	entries []*Entry
	lookups int
	built   int
}

func (m *mapIndex) Len() int { return len(m.entries) }

func (m *mapIndex) find(match func(e *Entry) bool) (*Entry, bool) {
	m.lookups++
	if i := slices.IndexFunc(m.entries, match); i >= 0 {
		return m.entries[i], true
	}
	return nil, false
}

func (m *mapIndex) Lookup(id string) (*Entry, bool) {
	return m.find(func(e *Entry) bool { return e.ID == id })
}

func (m *mapIndex) ByCode(code uint32) (*Entry, bool) {
	return m.find(func(e *Entry) bool { return e.Code == code })
}

func (m *mapIndex) HasSubdomain(domain, subdomain string) bool {
	m.lookups++
	return slices.ContainsFunc(m.entries, func(e *Entry) bool { return e.Domain == domain && e.Subdomain == subdomain })
}

func (m *mapIndex) Entries() []*Entry {
	m.built++
	return m.entries
}

// TestExtend checks that a registry Extend makes answers every method as
// the Union it stands for does, reading the index for the lookups and
// building the union once for the rest; and that a broken promise (the
// entries collide) gives the registry extended, not a failure.
func TestExtend(t *testing.T) {
	base := Default()
	entry := func(id string, code uint32, class string) *Entry {
		d, s, n, _ := ParseID(id)
		info, _ := LookupClass(class)
		return &Entry{ID: id, Domain: d, Subdomain: s, Name: n, Code: code, Class: class, Status: info.Status, Message: "Missing %s."}
	}
	added := []*Entry{
		entry("extend.x.one", 0x70010001, "BadRequestError"),
		entry("extend.x.two", 0x70010002, "NotFoundError"),
		entry("extend.y.one", 0x70020001, "ForbiddenError"),
	}
	want, ok := Union(base, added)
	if !ok {
		t.Fatal("Union declines the entries")
	}
	ix := &mapIndex{entries: added}
	got := Extend(base, ix)
	// The lookups Extend serves without building.
	if got.Len() != want.Len() {
		t.Errorf("Len %d, want %d", got.Len(), want.Len())
	}
	ids := []string{"extend.x.one", "extend.y.one", base.Entries()[0].ID, "extend.x.three", "extend.z.one"}
	for _, id := range ids {
		g, gok := got.Lookup(id)
		w, wok := want.Lookup(id)
		if gok != wok || gok && *g != *w {
			t.Errorf("Lookup(%s) = %v, %v; want %v, %v", id, g, gok, w, wok)
		}
	}
	for _, code := range []uint32{0x70010002, base.Entries()[0].Code, 0x70010003} {
		g, gok := got.ByCode(code)
		w, wok := want.ByCode(code)
		if gok != wok || gok && *g != *w {
			t.Errorf("ByCode(%#x) = %v, %v; want %v, %v", code, g, gok, w, wok)
		}
	}
	subs := [][2]string{{"extend", "x"}, {"extend", "y"}, {"extend", "z"}, {base.Entries()[0].Domain, base.Entries()[0].Subdomain}}
	for _, s := range subs {
		if g, w := got.HasSubdomain(s[0], s[1]), want.HasSubdomain(s[0], s[1]); g != w {
			t.Errorf("HasSubdomain(%s, %s) = %v, want %v", s[0], s[1], g, w)
		}
	}
	if ix.built != 0 || ix.lookups == 0 {
		t.Errorf("the lookups built the union (%d) or did not read the index (%d lookups)", ix.built, ix.lookups)
	}
	// The rest builds the union, once.
	if !reflect.DeepEqual(got.Entries(), want.Entries()) {
		t.Error("Entries differ from Union's")
	}
	if g, w := got.Near("extend", "x", 0x70010003), want.Near("extend", "x", 0x70010003); !reflect.DeepEqual(g, w) {
		t.Errorf("Near = %v, want %v", g, w)
	}
	if g, w := got.Suggest("extend.x.onr", 3), want.Suggest("extend.x.onr", 3); !reflect.DeepEqual(g, w) {
		t.Errorf("Suggest = %v, want %v", g, w)
	}
	if g, w := got.SuggestSubdomain("extend", "xx", 3), want.SuggestSubdomain("extend", "xx", 3); !reflect.DeepEqual(g, w) {
		t.Errorf("SuggestSubdomain = %v, want %v", g, w)
	}
	if got.HasDomain("extend") != want.HasDomain("extend") || got.HasDomain("nope") {
		t.Error("HasDomain differs from Union's")
	}
	if !bytes.Equal(got.Markdown(), want.Markdown()) {
		t.Error("Markdown differs from Union's")
	}
	var gt, wt bytes.Buffer
	if got.WriteTSV(&gt) != nil || want.WriteTSV(&wt) != nil || gt.String() != wt.String() {
		t.Error("WriteTSV differs from Union's")
	}
	if g, w := Diff(got, base), Diff(want, base); fmt.Sprint(g) != fmt.Sprint(w) {
		t.Errorf("Diff = %v, want %v", g, w)
	}
	if m, err := Merge(got, base); err != nil || m.Len() != want.Len() {
		t.Errorf("Merge over an extended registry: %v, %v", m, err)
	}
	if ix.built != 1 {
		t.Errorf("the union was built %d times, want once", ix.built)
	}
	// Extending an extended registry.
	more := &mapIndex{entries: []*Entry{entry("extend.w.one", 0x70030001, "BadRequestError")}}
	twice := Extend(got, more)
	if e, ok := twice.Lookup("extend.x.two"); !ok || e.Code != 0x70010002 || twice.Len() != want.Len()+1 {
		t.Errorf("an extension of an extension: Lookup %v %v, Len %d", e, ok, twice.Len())
	}
	if len(twice.Entries()) != want.Len()+1 {
		t.Errorf("an extension of an extension has %d entries, want %d", len(twice.Entries()), want.Len()+1)
	}
	// A broken promise: the entries collide with the registry's.
	broken := Extend(base, &mapIndex{entries: []*Entry{entry(base.Entries()[0].ID, 0x70010001, "BadRequestError")}})
	if !reflect.DeepEqual(broken.Entries(), base.Entries()) {
		t.Error("a broken promise does not leave the registry extended")
	}
}
