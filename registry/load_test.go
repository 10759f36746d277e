package registry

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// domainJSON is a valid v2 domain file; tests break one thing in it.
const domainJSON = `{
  "code": 32,
  "subDomains": {
    "cart": {
      "code": 1,
      "errors": {
        "item_missing": {
          "description": "An item is missing",
          "code": 1,
          "message": "Item %s is missing.",
          "class": "NotFoundError"
        }
      }
    }
  }
}
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadValid(t *testing.T) {
	for _, name := range []string{"32-shop.json", "shop.json"} {
		json := domainJSON
		if name == "shop.json" { // the v1 layout
			json = strings.Replace(json, "subDomains", "subdomains", 1)
		}
		dir := writeFiles(t, map[string]string{name: json})
		r, err := Load(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		e, ok := r.Lookup("shop.cart.item_missing")
		if !ok || e.Code != 0x20010001 || e.Status != 404 || e.Message != "Item %s is missing." {
			t.Fatalf("%s: Lookup = %+v, %v", name, e, ok)
		}
		if want := (Position{filepath.Join(dir, name), 7, 9}); e.Pos != want {
			t.Errorf("%s: position %s, want %s", name, e.Pos, want)
		}
	}
}

// TestLoadProblems breaks one rule per case; each gives one problem at a
// precise position: an error (Kuzzle refuses the file) or a named warning
// (the registry still loads).
func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name    string
		old, nu string // replacement in domainJSON
		want    string // "line:col: message prefix"; empty: no problem at all
		warning string // the warning's name when the problem is a warning
	}{
		{"syntax", `"code": 32,`, `"code": 32,,`, "2:14: invalid JSON: expected a string key, found ','", ""},
		{"bad literal", `"code": 32,`, `"code": tru,`, "2:11: invalid JSON: invalid character 't' looking for the beginning of a value", ""},
		{"bad number", `"code": 32,`, `"code": 3.,`, "2:13: invalid JSON: invalid number", ""},
		{"control character", `"cart"`, "\"ca\trt\"", "4:8: invalid JSON: control character '\\t' in a string", ""},
		{"escaped key", `"item_missing"`, `"item\u005fmissing"`, "", ""},
		{"truncated", domainJSON, `{"code": 32, "subDomains": {`, "1:29: invalid JSON: unexpected end of file", ""},
		{"domain code too big", `"code": 32,`, `"code": 256,`, `2:11: domain shop: "code" must be between 0 and 255, got 256`, ""},
		{"negative domain code", `"code": 32,`, `"code": -1,`, `2:11: domain shop: "code" must be between 0 and 255, got -1`, ""},
		{"huge domain code", `"code": 32,`, `"code": 123456789012345678901234567890,`, `2:11: domain shop: "code" must be between 0 and 255, got 123456789012345678901234567890`, ""},
		{"infinite domain code", `"code": 32,`, `"code": 1e400,`, `2:11: domain shop: "code" must be an integer, got 1e400`, ""},
		{"fractional domain code", `"code": 32,`, `"code": 3.5,`, `2:11: domain shop: "code" must be an integer, got 3.5`, ""},
		{"string domain code", `"code": 32,`, `"code": "32",`, `2:11: domain shop: "code" must be an integer, got "32"`, ""},
		{"null domain code", `"code": 32,`, `"code": null,`, `2:11: domain shop: "code" must be an integer, got null`, ""},
		{"domain code 1.0", `"code": 32,`, `"code": 32.0,`, "", ""},
		{"domain code 3.2e1", `"code": 32,`, `"code": 3.2e1,`, "", ""},
		{"domain code -0", `"code": 32,`, `"code": -0,`, "", ""},
		{"missing domain code", `"code": 32,`, ``, `1:1: domain shop: missing "code"`, ""},
		{"no subdomains", `"subDomains"`, `"subDomainz"`, `1:1: domain shop: missing "subDomains"`, ""},
		{"v1 key in a v2 file", `"subDomains"`, `"subdomains"`, `3:3: warning: domain shop: Kuzzle 1.11.0 to 2.16.5 read "subdomains"; 2.18.1 to 2.56.0 read "subDomains" and refuse this file`, WarnReleaseDependent},
		{"both layouts", `"code": 32,`, `"code": 32, "subdomains": {},`, `2:15: warning: domain shop: Kuzzle 1.11.0 to 2.16.5 read "subdomains", this key, and 2.18.1 to 2.56.0 read "subDomains": the files they load differ`, WarnReleaseDependent},
		{"subdomains not an object", `"subDomains": {`, `"subDomains": [], "x": {`, `3:17: domain shop: "subDomains" must be an object, got an array`, ""},
		{"subdomain not an object", `"cart": {`, `"bag": 3, "cart": {`, `4:12: subdomain shop.bag must be an object, got 3`, ""},
		{"subdomain code too big", `"code": 1,
      "errors"`, `"code": 300,
      "errors"`, `5:15: subdomain shop.cart: "code" must be between 0 and 255, got 300`, ""},
		{"missing subdomain code", `"code": 1,
      "errors"`, `"errors"`, `4:13: subdomain shop.cart: missing "code"`, ""},
		{"Kuzzle's names", `"cart": {`, `"Cart-1": {`, "", ""},
		{"missing errors", `"errors": {`, `"errorz": {`, `4:13: subdomain shop.cart: missing "errors"`, ""},
		{"errors not an object", `"errors": {`, `"errors": [], "x": {`, `6:17: subdomain shop.cart: "errors" must be an object, got an array`, ""},
		{"error not an object", `"item_missing": {`, `"other": "x", "item_missing": {`, `7:18: error shop.cart.other must be an object, got "x"`, ""},
		{"error code zero", `"code": 1,
          "message"`, `"code": 0,
          "message"`, `9:19: shop.cart.item_missing: "code" must be between 1 and 65535, got 0`, ""},
		{"error code too big", `"code": 1,
          "message"`, `"code": 65536,
          "message"`, `9:19: shop.cart.item_missing: "code" must be between 1 and 65535, got 65536`, ""},
		{"error code 1.5", `"code": 1,
          "message"`, `"code": 1.5,
          "message"`, `9:19: shop.cart.item_missing: "code" must be an integer, got 1.5`, ""},
		{"error code 65535", `"code": 1,
          "message"`, `"code": 65535,
          "message"`, "", ""},
		{"unknown class", `"NotFoundError"`, `"NotFound"`, `11:20: shop.cart.item_missing: unknown class "NotFound"`, ""},
		{"class not a string", `"NotFoundError"`, `404`, `11:20: shop.cart.item_missing: "class" must be a string, got 404`, ""},
		{"__esModule class", `"NotFoundError"`, `"__esModule"`, `11:20: warning: shop.cart.item_missing: class "__esModule" passes Kuzzle's check but is not an error class`, WarnNotAClass},
		{"empty description", `"An item is missing"`, `""`, `8:26: shop.cart.item_missing: "description" must be a non-empty string, got ""`, ""},
		{"missing description", `"description": "An item is missing",`, ``, `7:25: shop.cart.item_missing: missing "description"`, ""},
		{"missing message", `"message": "Item %s is missing.",`, ``, `7:25: shop.cart.item_missing: missing "message"`, ""},
		{"empty message", `"Item %s is missing."`, `""`, `10:22: shop.cart.item_missing: "message" must be a non-empty string, got ""`, ""},
		{"empty deprecated", `"class": "NotFoundError"`, `"class": "NotFoundError", "deprecated": ""`, `11:51: warning: shop.cart.item_missing: "deprecated" must be a non-empty string (a version) for Kuzzle 2.4.0 to 2.56.0, got ""; Kuzzle 1.11.0 ignore it, and so does kerrlint`, WarnReleaseDependent},
		{"null deprecated", `"class": "NotFoundError"`, `"class": "NotFoundError", "deprecated": null`, "", ""},
		{"empty subdomain deprecated", `"code": 1,
      "errors"`, `"code": 1, "deprecated": "",
      "errors"`, `5:32: warning: subdomain shop.cart: "deprecated" is ignored: want a version string, got ""`, WarnDeprecatedIgnored},
		{"status on a class", `"class": "NotFoundError"`, `"class": "NotFoundError", "status": 400`, `11:47: warning: shop.cart.item_missing: "status" is ignored: class NotFoundError always has status 404`, WarnStatusIgnored},
		{"status out of range", `"class": "NotFoundError"`, `"class": "KuzzleError", "status": 42`, `11:45: warning: shop.cart.item_missing: "status" 42 is not an HTTP status (100 to 599)`, WarnStatusRange},
		{"status a string", `"class": "NotFoundError"`, `"class": "KuzzleError", "status": "400"`, `11:45: warning: shop.cart.item_missing: "status" must be an HTTP status (an integer from 100 to 599), got "400"; kerrlint uses 500`, WarnStatusRange},
		{"extra key", `"class": "NotFoundError"`, `"class": "NotFoundError", "http": 1`, `11:37: warning: shop.cart.item_missing: Kuzzle does not read "http"`, WarnUnknownKey},
		{"dotted error name", `"item_missing": {`, `"item.missing": {`, `7:9: warning: error name "item.missing" can never be raised`, WarnUnraisableName},
		{"bracketed subdomain name", `"cart": {`, `"cart[0]": {`, `4:5: warning: subdomain name "cart[0]" can never be raised`, WarnUnraisableName},
		{"empty error name", `"item_missing": {`, `"": {`, `7:9: warning: empty error name`, WarnEmptyName},
		{"duplicate key", `"code": 32,`, `"code": 33, "code": 32,`, `2:15: warning: duplicate key "code": the last value is used, as Kuzzle does (first at `, WarnDuplicateKey},
		{"duplicate key, bad last value", `"code": 32,`, `"code": 32, "code": 3.5,`, `2:23: domain shop: "code" must be an integer, got 3.5`, ""},
		{"duplicate error code", `"class": "NotFoundError"
        }`, `"class": "NotFoundError"
        },
        "other": {"description": "d", "code": 1, "message": "m", "class": "InternalError"}`, `13:47: shop.cart.other: code 1 is already used by shop.cart.item_missing`, ""},
		{"duplicate subdomain code", `"cart": {`, `"bag": {"code": 1, "errors": {}}, "cart": {`, `5:15: subdomain shop.cart: code 1 is already used by subdomain shop.bag`, ""},
		{"BOM", `{
  "code": 32,`, "\uFEFF{\n  \"code\": 32,", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(domainJSON, tt.old) {
				t.Fatalf("%q is not in domainJSON", tt.old)
			}
			dir := writeFiles(t, map[string]string{"32-shop.json": strings.Replace(domainJSON, tt.old, tt.nu, 1)})
			r, warnings, err := Check(dir)
			ps := append(warnings, AsProblemsOrNil(err)...)
			if tt.want == "" {
				if len(ps) > 0 {
					t.Fatalf("Check = %v; want no problem", ps)
				}
				if e, ok := r.Lookup("shop.cart.item_missing"); ok && e.Status != 404 {
					t.Errorf("effective values: %+v", e)
				}
				return
			}
			if (err == nil) != (tt.warning != "") {
				t.Errorf("load error %v; want one only for an error", err)
			}
			for _, p := range ps {
				got := strings.TrimPrefix(p.String(), filepath.Join(dir, "32-shop.json")+":")
				if strings.HasPrefix(got, tt.want) {
					if p.Warning != tt.warning {
						t.Errorf("%s: warning %q, want %q", p, p.Warning, tt.warning)
					}
					return
				}
			}
			t.Errorf("problems\n%v\nwant one starting %s", ps, tt.want)
		})
	}
}

// releaseRules returns one release's rules.
func releaseRules(t *testing.T, version string) rules {
	t.Helper()
	e, err := eraOf(version)
	if err != nil {
		t.Fatal(err)
	}
	return rules{era: e, version: version}
}

// AsProblemsOrNil is AsProblems, nil for a nil error.
func AsProblemsOrNil(err error) Problems {
	if err == nil {
		return nil
	}
	return AsProblems(err)
}

func TestLoadAcrossFiles(t *testing.T) {
	other := strings.Replace(strings.Replace(domainJSON, `"cart"`, `"bag"`, 1), `"item_missing"`, `"gone"`, 1)
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"duplicate domain code", map[string]string{"32-shop.json": domainJSON, "33-store.json": other}, `domain store: code 32 is already used by domain shop at`},
		{"duplicate domain code, domain without errors", map[string]string{"32-shop.json": domainJSON, "33-store.json": `{"code": 32, "subDomains": {"a": {"code": 1, "errors": {}}}}`}, `domain store: code 32 is already used by domain shop at`},
		{"domain name from no file name", map[string]string{"3-.json": domainJSON}, `file name "3-.json" gives no domain name`},
		{"v2 key in a v1 file", map[string]string{"shop.json": domainJSON}, `domain shop: missing "subdomains" ("subDomains" is the key of the other layout: a Kuzzle 1 file (domain.json) reads "subdomains")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeFiles(t, tt.files))
			if ps := AsProblems(err); err == nil || len(ps) != 1 || !strings.Contains(ps[0].Msg, tt.want) {
				t.Errorf("Load = %v; want one problem containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadPathsMerge(t *testing.T) {
	a := writeFiles(t, map[string]string{"32-shop.json": domainJSON})
	same := writeFiles(t, map[string]string{"32-shop.json": domainJSON})
	if r, err := LoadPaths(a, same); err != nil || r.Len() != 1 {
		t.Errorf("identical entries from two paths: %v, %v; want one entry", r, err)
	}
	renamed := writeFiles(t, map[string]string{"32-shop.json": strings.Replace(domainJSON, `"item_missing"`, `"item_lost"`, 1)})
	_, err := LoadPaths(a, renamed)
	if err == nil || !strings.Contains(err.Error(), "duplicate code 0x20010001: shop.cart.item_lost here, shop.cart.item_missing at "+filepath.Join(a, "32-shop.json")+":7:9") {
		t.Errorf("LoadPaths with a reused code = %v", err)
	}
	recoded := writeFiles(t, map[string]string{"32-shop.json": strings.Replace(domainJSON, `"code": 1,
          "message"`, `"code": 2,
          "message"`, 1)})
	if _, err := LoadPaths(a, recoded); err == nil || !strings.Contains(err.Error(), "duplicate id shop.cart.item_missing: 0x20010002 NotFoundError here, 0x20010001 NotFoundError at") {
		t.Errorf("LoadPaths with a re-coded id = %v", err)
	}
}

func TestLoadPathErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct{ path, want string }{
		{filepath.Join(empty, "missing.json"), "missing.json: no such file or directory"},
		{empty, empty + ": no *.json registry file in this directory"},
	}
	for _, tt := range tests {
		if _, err := Load(tt.path); err == nil || !strings.HasSuffix(err.Error(), tt.want) {
			t.Errorf("Load(%s) = %v, want ...%s", tt.path, err, tt.want)
		}
	}
	if r, err := Load(writeFiles(t, map[string]string{"9-empty.json": `{"code": 9, "subDomains": {}}`})); err != nil || r.Len() != 0 {
		t.Errorf("a registry of 0 entries: %v, %v", r, err)
	}
}

func TestLoadManifest(t *testing.T) {
	dir := writeFiles(t, map[string]string{"manifest.json": `{
  "name": "payments", "kuzzleVersion": ">=2.0.0 <3",
  "errors": {
    "card_declined": {"description": "Card declined", "code": 1, "message": "Card %s declined", "class": "BadRequestError"}
  }
}`})
	r, err := LoadManifest(filepath.Join(dir, "manifest.json"), 7)
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := r.Lookup("plugin.payments.card_declined"); !ok || e.Code != 0x04070001 {
		t.Errorf("Lookup = %+v, %v; want code 0x04070001", e, ok)
	}
}

func TestParseCodeAndParseID(t *testing.T) {
	for _, s := range []string{"0x0101000b", "16842763"} {
		if c, err := ParseCode(s); err != nil || c != 0x0101000b {
			t.Errorf("ParseCode(%q) = %x, %v", s, c, err)
		}
	}
	for _, s := range []string{"", "0x100000000", "-1", "0xZZ"} {
		if _, err := ParseCode(s); err == nil {
			t.Errorf("ParseCode(%q) succeeded", s)
		}
	}
	for _, id := range []string{"a.b", "a.b.c.d", "a..c", ".b.c", "a.b.", ""} {
		if _, _, _, ok := ParseID(id); ok {
			t.Errorf("ParseID(%q) ok", id)
		}
	}
	// Kuzzle's names: any JSON key without a dot.
	for id, want := range map[string][3]string{
		"plugin.kuzzle-plugin-auth-passport-local.invalid_username": {"plugin", "kuzzle-plugin-auth-passport-local", "invalid_username"},
		"Alpha.fi-rst.1first": {"Alpha", "fi-rst", "1first"},
		"é.a b.x[0]":          {"é", "a b", "x[0]"},
	} {
		d, s, n, ok := ParseID(id)
		if !ok || [3]string{d, s, n} != want {
			t.Errorf("ParseID(%q) = %q %q %q %v; want %q", id, d, s, n, ok, want)
		}
	}
}

// TestManifestRules checks Kuzzle's plugin rules one by one.
func TestManifestRules(t *testing.T) {
	const errs = `{"e": {"code": 1, "message": "m", "class": "BadRequestError"}}`
	tests := []struct {
		name, json string
		want       string // a problem's start; empty: loads with no problem
		warning    string
	}{
		{"kebab-case name, no description", `{"name": "kuzzle-plugin-x", "kuzzleVersion": "2", "errors": ` + errs + `}`, "", ""},
		{"no errors", `{"name": "x", "kuzzleVersion": "2"}`, "", ""},
		{"falsy errors", `{"name": "x", "kuzzleVersion": "2", "errors": 0}`, "", ""},
		{"null errors", `{"name": "x", "kuzzleVersion": "2", "errors": null}`, "", ""},
		{"empty errors", `{"name": "x", "kuzzleVersion": "2", "errors": ""}`, "", ""},
		{"truthy non-object errors", `{"name": "x", "kuzzleVersion": "2", "errors": "yes"}`, `1:47: manifest: "errors" must be an object, got "yes"`, ""},
		{"array errors", `{"name": "x", "kuzzleVersion": "2", "errors": []}`, `1:47: manifest: "errors" must be an object, got an array`, ""},
		{"no name", `{"kuzzleVersion": "2"}`, `1:1: manifest: missing "name"`, ""},
		{"empty name", `{"name": "", "kuzzleVersion": "2"}`, `1:10: manifest: "name" must be a non-empty string, got ""`, ""},
		{"name not a string", `{"name": 3, "kuzzleVersion": "2"}`, `1:10: manifest: "name" must be a non-empty string, got 3`, ""},
		{"dotted name", `{"name": "a.b", "kuzzleVersion": "2"}`, `1:10: manifest: plugin name "a.b" must match ^[\w-]+$`, ""},
		{"no kuzzleVersion", `{"name": "x"}`, `1:1: manifest: missing "kuzzleVersion"`, ""},
		{"not an object", `[]`, `1:1: the manifest must be an object, got an array`, ""},
		{"description not a string", `{"name": "x", "kuzzleVersion": "2", "errors": {"e": {"code": 1, "message": "m", "class": "BadRequestError", "description": 3}}}`, `1:124: warning: plugin.x.e: "description" is not a string, got 3`, WarnDescriptionIgnored},
		{"error code 0", `{"name": "x", "kuzzleVersion": "2", "errors": {"e": {"code": 0, "message": "m", "class": "BadRequestError"}}}`, `1:62: plugin.x.e: "code" must be between 1 and 65535, got 0`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := parseManifest("manifest.json", tt.json, 0, nil, releaseRules(t, NewestKuzzle))
			errs, warnings := f.problems.split()
			if tt.want == "" {
				if len(f.problems) > 0 {
					t.Fatalf("problems: %v", f.problems)
				}
				return
			}
			if (len(errs) == 0) != (tt.warning != "") || len(f.problems) != 1 {
				t.Fatalf("errors %v, warnings %v; want one %s", errs, warnings, tt.want)
			}
			if got := strings.TrimPrefix(f.problems[0].String(), "manifest.json:"); !strings.HasPrefix(got, tt.want) || f.problems[0].Warning != tt.warning {
				t.Errorf("problem\n got %s\nwant %s [%s]", got, tt.want, tt.warning)
			}
		})
	}
	r, err := ParseManifest("manifest.json", []byte(`{"name": "kuzzle-plugin-x", "kuzzleVersion": "2", "errors": `+errs+`}`), 9)
	if e, ok := r.Lookup("plugin.kuzzle-plugin-x.e"); err != nil || !ok || e.Code != 0x04090001 || e.Description != "" {
		t.Errorf("ParseManifest: %+v, %v", e, err)
	}
}

func TestCountPlaceholders(t *testing.T) {
	tests := map[string]int{"": 0, "%s": 1, "a %s b %s": 2, "100%% %s": 1, "%%s": 0, "%d %s%": 2, "%i %f %j %o %O %c": 6, "%x %s %": 1}
	for format, want := range tests {
		if got := CountPlaceholders(format); got != want {
			t.Errorf("CountPlaceholders(%q) = %d, want %d", format, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		id   string
		want []string // the best suggestions, in order
	}{
		{"services.storage.not_fund", []string{"services.storage.not_found"}},   // missing letter
		{"services.storage.not_fuond", []string{"services.storage.not_found"}},  // swapped letters
		{"services.storage.not_found_", []string{"services.storage.not_found"}}, // extra letter
		{"servics.storage.not_found", []string{"services.storage.not_found"}},   // typo in the domain
		{"services.storge.not_found", []string{"services.storage.not_found"}},   // typo in the subdomain
		{"services.cache.not_found", []string{"services.storage.not_found"}},    // sibling subdomain
		{"services.storagenot_found", []string{"services.storage.not_found"}},   // missing dot
		{"security.token.unknown_usr", []string{"security.token.unknown_user"}},
		{"security.rights.unauthorised", []string{"security.rights.unauthorized"}},
		{"api.assert.missing_argumnt", []string{"api.assert.missing_argument"}},
		{"services.storage.no_such_thing_at_all", nil}, // nothing close
		{"x", nil},
	}
	for _, tt := range tests {
		got := Default().Suggest(tt.id, 3)
		var ids []string
		for _, e := range got {
			ids = append(ids, e.ID)
		}
		if len(ids) < len(tt.want) || strings.Join(ids[:len(tt.want)], " ") != strings.Join(tt.want, " ") || tt.want == nil && len(ids) > 0 {
			t.Errorf("Suggest(%q) = %v, want %v first", tt.id, ids, tt.want)
		}
	}
	// Closer ids rank first: one typo before two.
	got := Default().Suggest("services.storage.not_foun", 3)
	if len(got) == 0 || got[0].ID != "services.storage.not_found" {
		t.Errorf("Suggest(not_foun) = %v", got)
	}
	if got := Default().SuggestSubdomain("api", "asert", 3); len(got) == 0 || got[0] != [2]string{"api", "assert"} {
		t.Errorf("SuggestSubdomain(api, asert) = %v", got)
	}
}

func TestDiff(t *testing.T) {
	old := writeFiles(t, map[string]string{"32-shop.json": `{"code": 32, "subDomains": {"cart": {"code": 1, "errors": {
  "a": {"description": "d", "code": 1, "message": "m %s", "class": "NotFoundError"},
  "b": {"description": "d", "code": 2, "message": "m", "class": "NotFoundError"},
  "c": {"description": "d", "code": 3, "message": "m", "class": "NotFoundError", "deprecated": "1.0"},
  "d": {"description": "d", "code": 4, "message": "m", "class": "NotFoundError"},
  "e": {"description": "d", "code": 5, "message": "m", "class": "NotFoundError"},
  "f": {"description": "d", "code": 6, "message": "m", "class": "KuzzleError", "status": 500}
}}}}`})
	cur := writeFiles(t, map[string]string{"32-shop.json": `{"code": 32, "subDomains": {"cart": {"code": 1, "errors": {
  "a": {"description": "d", "code": 1, "message": "m %s %s", "class": "NotFoundError"},
  "d": {"description": "d", "code": 7, "message": "m", "class": "NotFoundError"},
  "e": {"description": "d", "code": 5, "message": "m", "class": "BadRequestError"},
  "f": {"description": "d", "code": 6, "message": "m", "class": "KuzzleError", "status": 503},
  "g": {"description": "d", "code": 2, "message": "m", "class": "NotFoundError"}
}}}}`})
	o, err := Load(old)
	if err != nil {
		t.Fatal(err)
	}
	n, err := Load(cur)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Diff(o, n) {
		got = append(got, strings.TrimPrefix(strings.TrimPrefix(p.String(), old), cur))
	}
	want := []string{
		"/32-shop.json:2:3: placeholders-changed: shop.cart.a: 2 placeholders, was 1",
		"/32-shop.json:3:3: removed: shop.cart.b (0x20010002) is removed without being deprecated first",
		"/32-shop.json:3:3: code-changed: shop.cart.d: code 0x20010007 was 0x20010004",
		"/32-shop.json:4:3: class-changed: shop.cart.e: class BadRequestError was NotFoundError",
		"/32-shop.json:4:3: status-changed: shop.cart.e: status 400 was 404",
		"/32-shop.json:5:3: status-changed: shop.cart.f: status 503 was 500",
		"/32-shop.json:6:3: code-reused: shop.cart.g: code 0x20010002 belonged to shop.cart.b (" + old + "/32-shop.json:3:3)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ps := Diff(o, o); len(ps) != 0 {
		t.Errorf("Diff(r, r) = %v", ps)
	}
}

func TestNear(t *testing.T) {
	r := Default()
	ids := func(es []*Entry) (out []string) {
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	got := ids(r.Near("services", "storage", 0x0701ffff))
	want := []string{"services.storage.unknown_index", "services.storage.unknown_index", "security.token.invalid", "security.token.invalid"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Near(services, storage, 0x0701ffff) = %v, want %v", got, want)
	}
	if got := r.Near("shop", "cart", 0x40010001); len(got) != 0 {
		t.Errorf("Near in an unused domain = %v", ids(got))
	}
}

// TestDuplicateKeyInLargeObject covers the table that large objects use to
// find duplicate keys: created at 16 members, grown past 32, and reused by
// the next large object at the same depth.
func TestDuplicateKeyInLargeObject(t *testing.T) {
	subdomain := func(name string, code, n int, dups ...int) string {
		var errs []string
		for i := 1; i <= n; i++ {
			errs = append(errs, fmt.Sprintf(`"e%d": {"description": "d", "code": %d, "message": "m", "class": "NotFoundError"}`, i, i))
		}
		for _, d := range dups {
			errs = append(errs, fmt.Sprintf(`"e%d": {"description": "d", "code": %d, "message": "m", "class": "NotFoundError"}`, d, 1000+d))
		}
		return fmt.Sprintf(`"%s": {"code": %d, "errors": {`, name, code) + "\n" + strings.Join(errs, ",\n") + "\n}}"
	}
	data := `{"code": 64, "subDomains": {` + subdomain("cart", 1, 20, 17) + ",\n" + subdomain("bag", 2, 300, 299, 5) + ",\n" + subdomain("box", 3, 40) + "}}"
	entries, problems := ParseDomain("64-shop.json", []byte(data))
	want := []string{
		`64-shop.json:22:1: warning: duplicate key "e17": the last value is used, as Kuzzle does (first at 64-shop.json:18:1) [duplicate-key]`,
		`64-shop.json:325:1: warning: duplicate key "e299": the last value is used, as Kuzzle does (first at 64-shop.json:323:1) [duplicate-key]`,
		`64-shop.json:326:1: warning: duplicate key "e5": the last value is used, as Kuzzle does (first at 64-shop.json:29:1) [duplicate-key]`,
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(entries) != 360 {
		t.Errorf("%d entries, want 360", len(entries))
	}
	for _, e := range entries {
		if (e.ID == "shop.cart.e17" || e.ID == "shop.bag.e299" || e.ID == "shop.bag.e5") && e.Code&0xFFFF < 1000 {
			t.Errorf("%s has code %d; want the last value", e.ID, e.Code&0xFFFF)
		}
	}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"codes/32-shop.json": {Data: []byte(domainJSON)},
		"one/32-shop.json":   {Data: []byte(domainJSON)},
	}
	for _, paths := range [][]string{{"codes"}, {"codes/32-shop.json"}, {"codes", "one/32-shop.json"}} {
		r, err := LoadFS(fsys, paths...)
		if err != nil || r.Len() != 1 {
			t.Errorf("LoadFS(%q) = %v, %v; want one entry", paths, r, err)
			continue
		}
		if e, _ := r.Lookup("shop.cart.item_missing"); e == nil || !strings.HasSuffix(e.Pos.File, "32-shop.json") {
			t.Errorf("LoadFS(%q): entry %+v", paths, e)
		}
	}
	for _, p := range []string{"missing", "."} {
		if _, err := LoadFS(fsys, p); err == nil {
			t.Errorf("LoadFS(%q) succeeded; want an error", p)
		}
	}
}

// TestWarningsDocumented: the README's registry section names every warning.
func TestWarningsDocumented(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range WarningNames() {
		if !strings.Contains(string(readme), "| `"+w+"` |") {
			t.Errorf("README.md does not document the warning %s", w)
		}
	}
}

// TestManifestsShareSubdomainCodeZero: two plugins with Kuzzle's default
// plugin code 0 load together unless their full codes collide.
func TestManifestsShareSubdomainCodeZero(t *testing.T) {
	manifest := func(name string, code int) string {
		return writeFiles(t, map[string]string{ManifestName: fmt.Sprintf(`{"name": %q, "kuzzleVersion": "2", "errors": {"e": {"code": %d, "message": "m", "class": "BadRequestError"}}}`, name, code)})
	}
	a, b, c := manifest("plugin-a", 1), manifest("plugin-b", 2), manifest("plugin-c", 1)
	if r, err := LoadPaths(a, b); err != nil || r.Len() != 2 {
		t.Errorf("two plugins with code 0: %v, %v", r, err)
	}
	if _, err := LoadPaths(a, c); err == nil || !strings.Contains(err.Error(), "duplicate code 0x04000001: plugin.plugin-c.e here, plugin.plugin-a.e at") {
		t.Errorf("two plugins with the same full code: %v", err)
	}
}

// TestLoadFSNil: a nil file system is an error, not a panic (kerror.UseFS
// hands LoadFS what the program gives it).
func TestLoadFSNil(t *testing.T) {
	if _, err := LoadFS(nil, "."); err == nil || !strings.Contains(err.Error(), "nil file system") {
		t.Fatalf("LoadFS(nil) = %v, want the nil file system error", err)
	}
}
