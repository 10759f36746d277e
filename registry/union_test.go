package registry

import (
	"reflect"
	"testing"
)

// TestUnion checks that Union holds what Merge of New holds when the
// entries are distinct and consistent, and declines otherwise.
func TestUnion(t *testing.T) {
	base := Default()
	entry := func(id string, code uint32) *Entry {
		d, s, n, _ := ParseID(id)
		return &Entry{ID: id, Domain: d, Subdomain: s, Name: n, Code: code, Class: "BadRequestError", Status: 400, Message: "m"}
	}
	for _, tc := range []struct {
		name    string
		entries []*Entry
		ok      bool
	}{
		{"distinct", []*Entry{entry("union.x.two", 0x70010002), entry("union.x.one", 0x70010001), entry("union.y.one", 0x70020001)}, true},
		{"duplicate id", []*Entry{entry("union.x.one", 0x70010001), entry("union.x.one", 0x70010002)}, false},
		{"duplicate code", []*Entry{entry("union.x.one", 0x70010001), entry("union.x.two", 0x70010001)}, false},
		{"id in use", []*Entry{entry(base.Entries()[0].ID, 0x70010001)}, false},
		{"equal entry in use", []*Entry{base.Entries()[0]}, false},
		{"domain code in use", []*Entry{entry("union.x.one", base.Entries()[0].Code&0xff000000|0x00fe0001)}, false},
		{"subdomain code twice", []*Entry{entry("union.x.one", 0x70010001), entry("union.y.one", 0x70010002)}, false},
	} {
		u, ok := Union(base, tc.entries)
		if ok != tc.ok {
			t.Fatalf("%s: ok %v, want %v", tc.name, ok, tc.ok)
		}
		inst, err := New(tc.entries)
		var m *Registry
		if err == nil {
			m, err = Merge(base, inst)
		}
		if !ok {
			if tc.name != "equal entry in use" && err == nil {
				t.Errorf("%s: Union declines what Merge accepts", tc.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: Merge: %v", tc.name, err)
		}
		if !reflect.DeepEqual(u.Entries(), m.Entries()) || u.Len() != base.Len()+len(tc.entries) {
			t.Errorf("%s: Union's entries differ from Merge's", tc.name)
		}
		for _, e := range m.Entries() {
			if got, ok := u.Lookup(e.ID); !ok || got.Code != e.Code {
				t.Errorf("%s: Lookup(%s) = %v, %v", tc.name, e.ID, got, ok)
			}
		}
		if !u.HasSubdomain("union", "x") || !reflect.DeepEqual(u.Near("union", "y", 0x70020002), m.Near("union", "y", 0x70020002)) {
			t.Errorf("%s: Union's indexes differ from Merge's", tc.name)
		}
	}
}
