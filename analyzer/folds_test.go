package analyzer

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"slices"
	"testing"

	"github.com/kerrlint/kerrlint/registry"
)

// TestEntryListGob checks that an install's entries survive the facts'
// gob encoding field for field, and that a truncated or altered encoding
// is an error, not a panic.
func TestEntryListGob(t *testing.T) {
	list := []registry.Entry{
		{ID: "a.b.c", Domain: "a", Subdomain: "b", Name: "c", Code: 0x80010001, Class: "NotFoundError", Status: 404,
			Description: "desc", Message: "Missing %s.", Deprecated: "2.1", Pos: registry.Position{File: "/x/codes/128-a.json", Line: 7, Col: 9}},
		{ID: "a.b.d", Domain: "a", Subdomain: "b", Name: "d", Code: 0x80010002, Class: "NotFoundError", Status: 404,
			Message: "Missing %s.", Pos: registry.Position{File: "/x/codes/128-a.json", Line: 14, Col: 9}},
		{},
	}
	in := packageFact{Installs: []install{{Pkg: "p", Call: "p.go:3:4", Digest: "d", Entries: newEntryList(list)}},
		Below: []install{{Pkg: "q", Call: "q.go:1:1", Open: true}}}
	// Every field but Description is encoded: a field registry.Entry
	// gains must be added to encodeEntries and layout.decode (and the
	// digest then covers it).
	if n := reflect.TypeFor[registry.Entry]().NumField() - 1 + reflect.TypeFor[registry.Position]().NumField(); n != 13 {
		t.Errorf("registry.Entry has %d fields (Pos's counted), encodeEntries writes 12 and leaves out Description", n)
	}
	want := slices.Clone(list)
	for i := range want {
		want[i].Description = ""
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&in); err != nil {
		t.Fatal(err)
	}
	var out packageFact
	if err := gob.NewDecoder(bytes.NewReader(buf.Bytes())).Decode(&out); err != nil {
		t.Fatal(err)
	}
	got, ok := out.Installs[0].Entries.all()
	if !ok || !reflect.DeepEqual(got, want) || len(out.Below[0].Entries.list()) != 0 {
		t.Errorf("decoded %+v, %+v\nwant %+v", got, out.Below, want)
	}
	if again, _ := out.Installs[0].Entries.GobEncode(); !bytes.Equal(again, in.Installs[0].Entries.encoded()) {
		t.Error("a decoded list encodes otherwise")
	}
	if out.Installs[0].Entries.digest() != in.Installs[0].Entries.digest() {
		t.Error("a decoded list has another digest")
	}
	var searchable []registry.Entry // and with derived ids: the index's encoding
	for _, e := range registry.Default().Entries()[:4] {
		searchable = append(searchable, *e)
	}
	if lay := readLayout(newEntryList(searchable).encoded()); lay == nil || !lay.byCode || !lay.derived {
		t.Fatal("a registry's entries are not encoded searchable with derived ids")
	}
	data := in.Installs[0].Entries.encoded()
	alterEntries(t, data)
	alterEntries(t, newEntryList(searchable).encoded())
	var l entryList
	if err := l.GobDecode(data[:len(data)-1]); err != nil || !l.broken() {
		t.Errorf("a truncated list: GobDecode %v, broken %v", err, l.broken())
	}
	changed := slices.Clone(list)
	changed[1].Pos.Col++
	if newEntryList(changed).digest() == in.Installs[0].Entries.digest() {
		t.Error("entries that differ in a column have the same digest")
	}
}

// TestFoldsInstall checks that the shared merge of folds.merge gives what
// registry.State.Install gives: the same registry when the install merges,
// the same problems when it conflicts, and that a second install of the
// same content over the same registry is the same fold.
func TestFoldsInstall(t *testing.T) {
	base := registry.NewState(registry.Default())
	entry := func(id string, code uint32) registry.Entry {
		d, s, n, _ := registry.ParseID(id)
		return registry.Entry{ID: id, Domain: d, Subdomain: s, Name: n, Code: code, Class: "BadRequestError", Status: 400, Message: "m"}
	}
	var f folds
	for _, tc := range []struct {
		name    string
		entries []registry.Entry
	}{
		{"merges", []registry.Entry{entry("fold.x.one", 0x70010001), entry("fold.x.two", 0x70010002)}},
		{"conflicts", []registry.Entry{entry("services.storage.not_found", 0x70010001)}},
		// An entry equal to one in use: no union, Merge accepts it.
		{"repeats", []registry.Entry{*registry.Default().Entries()[0], entry("fold.x.one", 0x70010001)}},
	} {
		in := install{Pkg: "p", Call: tc.name, Entries: newEntryList(tc.entries)}
		in.Digest = in.Entries.digest()
		reg, err := f.installed(in)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		want, wantErr := base.Install(reg)
		got, gotErr := f.merge(base, in)
		if (wantErr != nil) != (tc.name == "conflicts") {
			t.Fatalf("%s: Install's error %v", tc.name, wantErr)
		}
		if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
			t.Errorf("%s: error %v, want %v", tc.name, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got.Registry().Entries(), want.Registry().Entries()) {
			t.Errorf("%s: the folded registry differs from Install's", tc.name)
		}
		again, _ := f.merge(base, in)
		if wantErr == nil && again.Registry() != got.Registry() {
			t.Errorf("%s: the same install over the same registry folded twice", tc.name)
		}
	}
}

// TestEntryIndex checks that an install's entries are found in their
// encoding as a map of them finds them: by id, by code and by subdomain,
// whether the ids are derived from the names or not, absent ones too.
func TestEntryIndex(t *testing.T) {
	var list []registry.Entry
	for _, e := range registry.Default().Entries() {
		list = append(list, *e)
	}
	// Ids a prefix search could confuse (subdomain "b.c" is not subdomain
	// "b"), and one not derived from its names.
	odd := slices.Clone(list)
	odd = append(odd,
		registry.Entry{ID: "zz.b.c.d", Domain: "zz", Subdomain: "b.c", Name: "d", Code: 0xfe010001, Class: "BadRequestError", Status: 400},
		registry.Entry{ID: "zz.bb.e", Domain: "zz", Subdomain: "bb", Name: "e", Code: 0xfe020001, Class: "BadRequestError", Status: 400},
		registry.Entry{ID: "zz.q.f", Domain: "zz", Subdomain: "q", Name: "g", Code: 0xfe030001, Class: "BadRequestError", Status: 400})
	for _, tc := range []struct {
		name    string
		entries []registry.Entry
		derived bool
	}{{"derived ids", list, true}, {"ids of their own", odd, false}} {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(newEntryList(tc.entries)); err != nil {
			t.Fatal(err)
		}
		var l entryList
		if err := gob.NewDecoder(&buf).Decode(&l); err != nil {
			t.Fatal(err)
		}
		ix, ok := l.index()
		if !ok || l.p.lay.derived != tc.derived {
			t.Fatalf("%s: no index (%v), or derived %v", tc.name, ok, l.p.lay.derived)
		}
		subs := map[[2]string]bool{}
		for _, want := range tc.entries {
			want.Description = ""
			if e, ok := ix.Lookup(want.ID); !ok || *e != want {
				t.Errorf("%s: Lookup(%s) = %+v, %v; want %+v", tc.name, want.ID, e, ok, want)
			}
			if e, ok := ix.ByCode(want.Code); !ok || *e != want {
				t.Errorf("%s: ByCode(%#x) = %+v, %v", tc.name, want.Code, e, ok)
			}
			subs[[2]string{want.Domain, want.Subdomain}] = true
		}
		for s := range subs {
			if !ix.HasSubdomain(s[0], s[1]) {
				t.Errorf("%s: HasSubdomain(%s, %s) is false", tc.name, s[0], s[1])
			}
		}
		for _, id := range []string{"", "a", "core.nope.nope", tc.entries[0].ID + "x", "zz.b.c", "zzz.b.e"} {
			if e, ok := ix.Lookup(id); ok {
				t.Errorf("%s: Lookup(%q) finds %s", tc.name, id, e.ID)
			}
		}
		if e, ok := ix.ByCode(0xfd000001); ok {
			t.Errorf("%s: ByCode finds %s", tc.name, e.ID)
		}
		for _, s := range [][2]string{{"core", "nope"}, {"zz", "b"}, {"zz", "b.c.d"}, {"z", "z.b"}, {"", ""}} {
			if ix.HasSubdomain(s[0], s[1]) {
				t.Errorf("%s: HasSubdomain(%q, %q) is true", tc.name, s[0], s[1])
			}
		}
		if ix.Len() != len(tc.entries) || l.p.done {
			t.Errorf("%s: Len %d, want %d; lookups decoded the list: %v", tc.name, ix.Len(), len(tc.entries), l.p.done)
		}
	}
}

// TestFoldsVouched checks that an install a package vouched for folds, in
// another process, into a registry that reads its entries in place and
// holds what Install holds.
func TestFoldsVouched(t *testing.T) {
	base := registry.NewState(registry.Default())
	entry := func(id string, code uint32) registry.Entry {
		d, s, n, _ := registry.ParseID(id)
		return registry.Entry{ID: id, Domain: d, Subdomain: s, Name: n, Code: code, Class: "BadRequestError", Status: 400, Message: "m %s", Pos: registry.Position{File: "c.json", Line: 3}}
	}
	in := install{Pkg: "p", Call: "c", Entries: newEntryList([]registry.Entry{entry("fold.x.one", 0x70010001), entry("fold.x.two", 0x70010002)})}
	in.Digest = in.Entries.digest()
	var below folds // the installing package's process
	if _, err := below.merge(base, in); err != nil {
		t.Fatal(err)
	}
	vouched := below.vouched([]install{in})[0]
	if len(vouched.Distinct) != 1 {
		t.Fatalf("the install's fold is not vouched for: %v", vouched.Distinct)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&packageFact{Below: []install{vouched}}); err != nil {
		t.Fatal(err)
	}
	var f packageFact
	if err := gob.NewDecoder(&buf).Decode(&f); err != nil {
		t.Fatal(err)
	}
	var above folds // an importer's process
	got, err := above.merge(base, f.Below[0])
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := got.Lookup("fold.x.two"); !ok || e.Code != 0x70010002 || e.Pos.Line != 3 {
		t.Errorf("Lookup = %+v, %v", e, ok)
	}
	if f.Below[0].Entries.p.done {
		t.Error("the importer decoded every entry to look one up")
	}
	reg, _ := (&folds{}).installed(in)
	want, err := base.Install(reg)
	if err != nil {
		t.Fatal(err)
	}
	strip := func(es []*registry.Entry) []registry.Entry {
		out := make([]registry.Entry, len(es))
		for i, e := range es {
			out[i] = *e
			out[i].Description = ""
		}
		return out
	}
	if !reflect.DeepEqual(strip(got.Registry().Entries()), strip(want.Registry().Entries())) {
		t.Error("the registry read in place differs from Install's")
	}
	// Vouched over another registry: checked, not trusted.
	elsewhere := install{Pkg: in.Pkg, Call: in.Call, Digest: in.Digest, Distinct: []string{"elsewhere"}}
	if err := elsewhere.Entries.GobDecode(in.Entries.encoded()); err != nil {
		t.Fatal(err)
	}
	var third folds
	if _, err := third.merge(base, elsewhere); err != nil || !elsewhere.Entries.p.done {
		t.Errorf("an install vouched for over another registry: %v, decoded %v", err, elsewhere.Entries.p.done)
	}
}

// alterEntries checks that no prefix of an encoding decodes and that no
// byte altered makes reading it fail.
func alterEntries(t *testing.T, data []byte) {
	t.Helper()
	for n := 0; n < len(data); n++ {
		if readLayout(data[:n]) != nil {
			t.Errorf("the first %d of %d bytes decode", n, len(data))
		}
		altered := bytes.Clone(data)
		altered[n] ^= 0xff
		if lay := readLayout(altered); lay != nil { // no panic, whatever the reading
			lay.decodeAll()
			ix := &entryIndex{list: entryList{&entries{raw: altered}}, lay: lay, decoded: map[int]*registry.Entry{}}
			ix.Lookup("a.b.c")
			ix.Lookup("")
			ix.HasSubdomain("a", "b")
			ix.Entries()
			if lay.byCode {
				ix.ByCode(0x80010001)
			}
		}
	}
}
