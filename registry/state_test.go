package registry

import (
	"strings"
	"testing"
)

// TestStateDefine: the verdicts of Define in the runtime's order — the
// arguments, then the id and code already taken, then the code's bytes.
func TestStateDefine(t *testing.T) {
	s := NewState(Default())
	s, err := s.Define(Definition{Entry: Entry{ID: "shop.cart.held", Code: 0x40010001, Class: "PreconditionError", Message: "m"}, Owner: "shop"}, Unknown{})
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := s.Lookup("shop.cart.held"); !ok || e.Status != 412 || e.Domain != "shop" || e.Name != "held" {
		t.Fatalf("Lookup(shop.cart.held) = %+v, %v", e, ok)
	}
	for _, tc := range []struct {
		id      string
		code    uint32
		class   string
		msg     string
		unknown Unknown
		verdict DefineVerdict
		arg     int
		want    string
	}{
		// The README's example: the code is services.storage.not_found's,
		// whatever its domain byte says.
		{"shop.cart.gone", 0x0101000b, "NotFoundError", "m", Unknown{}, DefineDuplicateCode, ArgCode, "shop.cart.gone: code 0x0101000b is already taken by services.storage.not_found"},
		{"services.storage.not_found", 0x40020001, "NotFoundError", "m", Unknown{}, DefineDuplicateID, ArgID, "services.storage.not_found is already registered (0x0101000b"},
		{"shop.cart.held", 0x40010002, "NotFoundError", "m", Unknown{}, DefineDuplicateID, ArgID, "shop.cart.held is already defined in shop at"},
		{"shop.cart.other", 0x40010001, "NotFoundError", "m", Unknown{}, DefineDuplicateCode, ArgCode, "already taken by shop.cart.held, defined in shop at"},
		{"shop.bag.x", 0x40010009, "NotFoundError", "m", Unknown{}, DefineInvalid, ArgCode, "has subdomain 0x01, which is shop.cart, not shop.bag"},
		{"shop.cart", 0x40010009, "NotFoundError", "m", Unknown{}, DefineInvalid, ArgID, `malformed id "shop.cart"`},
		// The class is checked before the code and the message.
		{"shop.cart.y", 0x40010000, "Nope", "", Unknown{}, DefineInvalid, ArgClass, `unknown class "Nope"`},
		{"shop.cart.y", 0x40010000, "Nope", "", Unknown{Class: true}, DefineInvalid, ArgCode, "error number 0"},
		{"shop.cart.y", 0x40010009, "NotFoundError", "", Unknown{}, DefineInvalid, ArgMessage, "empty message"},
		// Arguments checked before the duplicates.
		{"services.storage.not_found", 0x0101000b, "NotFoundError", "", Unknown{}, DefineInvalid, ArgMessage, "empty message"},
	} {
		next, err := s.Define(Definition{Entry: Entry{ID: tc.id, Code: tc.code, Class: tc.class, Message: tc.msg}}, tc.unknown)
		if err == nil || err.Verdict != tc.verdict || err.Arg != tc.arg || !strings.Contains(err.Msg, tc.want) {
			t.Errorf("Define(%s, %#x, %s, %q) = %+v, want verdict %d at argument %d, %q", tc.id, tc.code, tc.class, tc.msg, err, tc.verdict, tc.arg, tc.want)
		}
		if next != s {
			t.Errorf("Define(%s, %#x) changed the state", tc.id, tc.code)
		}
	}
	if _, err := s.Define(Definition{Entry: Entry{ID: "shop.cart.any", Code: 0x40010003, Class: "whatever"}}, Unknown{Class: true, Message: true}); err != nil {
		t.Errorf("Define with unknown class and message = %v, want it registered", err)
	}
}

// TestStateInstallUse: Install merges, Use replaces, definitions stay and
// an installed registry conflicting with one changes nothing.
func TestStateInstallUse(t *testing.T) {
	entry := func(id string, code uint32) *Entry {
		d, sub, name, _ := ParseID(id)
		return &Entry{ID: id, Domain: d, Subdomain: sub, Name: name, Code: code, Class: "BadRequestError", Status: 400, Description: "d"}
	}
	mustNew := func(es ...*Entry) *Registry {
		r, err := New(es)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	s, derr := NewState(Default()).Define(Definition{Entry: Entry{ID: "shop.cart.held", Code: 0x40010001, Class: "BadRequestError", Message: "m"}}, Unknown{})
	if derr != nil {
		t.Fatal(derr)
	}
	billing := mustNew(entry("billing.card.declined", 0x50010001))
	installed, err := s.Install(billing)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := installed.Lookup("services.storage.not_found"); !ok {
		t.Error("Install dropped the registry in use")
	}
	used, err := installed.Use(mustNew(entry("other.x.y", 0x51010001)))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"services.storage.not_found": false, "billing.card.declined": false, "other.x.y": true, "shop.cart.held": true} {
		if _, ok := used.Lookup(id); ok != want {
			t.Errorf("after Use, Lookup(%s) = %v, want %v", id, ok, want)
		}
	}
	if _, err := s.Install(mustNew(entry("billing.card.other", 0x0101000b))); err == nil {
		t.Error("Install of a code in use succeeded")
	} else if ie, ok := err.(*InstallError); !ok || ie.Definition != nil {
		t.Errorf("Install conflicting with the registry = %#v", err)
	}
	next, err := s.Use(mustNew(entry("shop.cart.other", 0x40010001)))
	if ie, ok := err.(*InstallError); !ok || ie.Definition == nil || ie.Definition.Entry.ID != "shop.cart.held" || next != s {
		t.Errorf("Use conflicting with a definition = %v, %v", next, err)
	}
}
