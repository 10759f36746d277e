package idgen

import (
	"go/token"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kerrlint/kerrlint/registry"
)

// nameTests pin the rule: a name, once generated, must never change.
var nameTests = []struct{ id, name string }{
	{"services.storage.not_found", "ServicesStorageNotFound"},
	{"core.fatal.unexpected_error", "CoreFatalUnexpectedError"},
	{"api.assert.missing_argument", "ApiAssertMissingArgument"},
	{"network.http.url_too_long", "NetworkHttpUrlTooLong"},
	{"a.b.c", "ABC"},
	{"v2.s3.e404", "V2S3E404"},
	// Plugins: kebab-case names, joined by underscores.
	{"plugin.kuzzle-plugin-auth-passport-local.invalid_username", "Plugin_KuzzlePluginAuthPassportLocal_InvalidUsername"},
	{"plugin.my-plugin.x", "Plugin_MyPlugin_X"},
	{"plugin.kuzzle-plugin-auth.invalid_username", "Plugin_KuzzlePluginAuth_InvalidUsername"},
	{"shop.order_line.gone", "Shop_OrderLine_Gone"},
	{"plugin.my-plugin.invalidName", "X_plugin__my_2d_plugin__invalidName"},
	{"core.auth.2fa", "X_core__auth__2fa"},
	{"plugin.assert.invalid_plugin", "PluginAssertInvalidPlugin"},
	{"shop.order_line.missing", "Shop_OrderLine_Missing"},
	{"my_shop.cart.gone", "MyShop_Cart_Gone"},
	// Ids differing only by separators or case get distinct names.
	{"services.storage_not.found", "Services_StorageNot_Found"},
	{"services.storagenot.found", "ServicesStoragenotFound"},
	{"plugin.my_plugin.x", "X_plugin__my_5f_plugin__x"},
	{"shop.order-line.missing", "X_shop__order_2d_line__missing"},
	{"shop.cart.item-missing", "X_shop__cart__item_2d_missing"},
	{"shop.cart.itemMissing", "X_shop__cart__itemMissing"},
	{"shop.cart.Item_missing", "X_shop__cart__Item_5f_missing"},
	{"Alpha.b.c", "X_Alpha__b__c"},
	{"shop.cart.item__missing", "X_shop__cart__item_5f__5f_missing"},
	{"shop.cart._missing", "X_shop__cart___5f_missing"},
	// Leading digits, non-ASCII, anything else.
	{"core.auth.2fa_required", "X_core__auth__2fa_5f_required"},
	{"9.b.c", "X_9__b__c"},
	{"shop.café.gone", "X_shop__café__gone"},
	{"shop.cart.a b", "X_shop__cart__a_20_b"},
	{"shop.cart.a\u202eb", "X_shop__cart__a_202e_b"},
	{"shop.cart.\xff", "X_shop__cart___xff_"},
	{"shop.cart.\ufffd", "X_shop__cart___fffd_"},
	{"x.foo_bar.baz", "X_FooBar_Baz"}, // joined, not escaped: no __
	{"x.foo.bar", "XFooBar"},
}

func TestName(t *testing.T) {
	seen := map[string]string{}
	for _, tt := range nameTests {
		got := Name(tt.id)
		if got != tt.name {
			t.Errorf("Name(%q) = %s, want %s", tt.id, got, tt.name)
		}
		if id, ok := Parse(got); !ok || id != tt.id {
			t.Errorf("Parse(%s) = %q, %v; want %q", got, id, ok, tt.id)
		}
		if prev, dup := seen[got]; dup {
			t.Errorf("%q and %q are both %s", prev, tt.id, got)
		}
		seen[got] = tt.id
	}
}

func TestParseRejects(t *testing.T) {
	for _, name := range []string{"", "A", "AB", "Services_Storage_NotFound", "X_a__b__c_41_", "X_a__b__c_zz_", "a_B_C", "A__B_C", "X_a__b__c_x1_"} {
		if id, ok := Parse(name); ok {
			t.Errorf("Parse(%q) = %q, want no id", name, id)
		}
	}
}

// checkName asserts what the rule promises of any id.
func checkName(t *testing.T, id string) {
	name := Name(id)
	if !token.IsIdentifier(name) || !token.IsExported(name) {
		t.Fatalf("Name(%q) = %q: not an exported identifier", id, name)
	}
	if got, ok := Parse(name); !ok || got != id {
		t.Fatalf("Parse(Name(%q)) = %q, %v: the rule is not injective there", id, got, ok)
	}
	if Name(id) != name {
		t.Fatalf("Name(%q) is not stable", id)
	}
}

func FuzzName(f *testing.F) {
	for _, tt := range nameTests {
		f.Add(tt.id)
	}
	f.Add("plugin..x")
	f.Add("a.b")
	f.Add("")
	f.Fuzz(func(t *testing.T, id string) {
		checkName(t, id)
		// Parts any Kuzzle registry may hold, in every position.
		if !strings.Contains(id, ".") && utf8.ValidString(id) {
			for _, full := range []string{id + ".b.c", "a." + id + ".c", "a.b." + id, "plugin." + id + ".x"} {
				checkName(t, full)
			}
		}
	})
}

// TestNamesOfRealRegistries: every id of the embedded registry (and of
// Kuzzle 2.56's, when ../shared holds it) is plain, and its name unique.
func TestNamesOfRealRegistries(t *testing.T) {
	regs := map[string]*registry.Registry{"embedded": registry.Default()}
	if r, err := registry.Load("../../../shared/kuzzle-codes/latest"); err == nil {
		regs["kuzzle 2.56"] = r
	}
	for what, r := range regs {
		names := map[string]string{}
		for _, e := range r.Entries() {
			n := Name(e.ID)
			if strings.Contains(n, "_") {
				t.Errorf("%s: %s is %s, not a plain name", what, e.ID, n)
			}
			if prev, dup := names[n]; dup {
				t.Errorf("%s: %s and %s are both %s", what, prev, e.ID, n)
			}
			names[n] = e.ID
		}
	}
}
