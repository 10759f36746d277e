package registry

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite data/kuzzle-1.12.tsv from ../shared/seed")

// shared returns a path under ../shared (beside the repository), skipping the
// test when it is absent.
func shared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present", p)
	}
	return p
}

const seedPage = "seed/kuzzle-1.12-error-codes.md"

func TestEmbeddedMatchesSeed(t *testing.T) {
	page, err := os.ReadFile(shared(t, seedPage))
	if err != nil {
		t.Fatal(err)
	}
	fromPage, err := ParseMarkdown(seedPage, page)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("data/kuzzle-1.12.tsv", fromPage.tsvBytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("data/kuzzle-1.12.tsv rewritten")
	}
	if got := Default().tsvBytes(); !bytes.Equal(got, fromPage.tsvBytes()) {
		t.Errorf("data/kuzzle-1.12.tsv is stale: run go test ./registry -run TestEmbeddedMatchesSeed -update")
	}
	if got := Default().Markdown(); !bytes.Equal(got, page) {
		t.Errorf("Default().Markdown() differs from %s:\n%s", seedPage, firstDifference(got, page))
	}
}

func TestSeedVersionJSONRendersTheSeedPage(t *testing.T) {
	page, err := os.ReadFile(shared(t, seedPage))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Load(shared(t, "kuzzle-codes/seed-version"))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Markdown(); !bytes.Equal(got, page) {
		t.Errorf("markdown of seed-version/*.json differs from the seed page:\n%s", firstDifference(got, page))
	}
	// The JSON sources agree with the embedded registry and add messages.
	merged, err := Merge(Default(), r)
	if err != nil {
		t.Fatalf("seed-version conflicts with the embedded registry: %v", err)
	}
	e, _ := merged.Lookup("services.storage.unknown_index")
	if n, ok := e.Placeholders(); !ok || n != 1 {
		t.Errorf("services.storage.unknown_index placeholders = %d, %v; want 1, true", n, ok)
	}
}

func TestLatestKuzzle2Codes(t *testing.T) {
	r, warnings, err := Check(shared(t, "kuzzle-codes/latest"))
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) > 0 { // Kuzzle's own codes follow every rule kerrlint adds
		t.Errorf("warnings on Kuzzle 2.56's codes:\n%v", warnings)
	}
	if r.Len() != 274 {
		t.Errorf("Kuzzle 2.56 has %d ids, want 274", r.Len())
	}
	e, ok := r.ByCode(0x01010016)
	if !ok || e.ID != "services.storage.collection_reserved" {
		t.Errorf("ByCode(0x01010016) = %v, want services.storage.collection_reserved", e)
	}
	if e, _ := r.Lookup("core.realtime.invalid_state"); e.Deprecated != "2.0.0" {
		t.Errorf("deprecated of core.realtime.invalid_state = %q, want 2.0.0", e.Deprecated)
	}
	if e, _ := r.Lookup("core.sandbox.process_already_running"); e == nil || e.Deprecated != "2.0.0" {
		t.Errorf("a subdomain's deprecation is not inherited: %+v", e)
	}
	// 1.12 and 2.56 cannot be merged: 2.x reused 0x01010016.
	if _, err := Merge(Default(), r); err == nil || !strings.Contains(err.Error(), "duplicate code 0x01010016") {
		t.Errorf("Merge(1.12, 2.56) = %v, want a duplicate code 0x01010016", err)
	}
}

func TestDefault(t *testing.T) {
	r := Default()
	domains, subs, classes := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, e := range r.Entries() {
		domains[e.Domain], subs[e.Domain+"."+e.Subdomain], classes[e.Class] = true, true, true
	}
	if r.Len() != 209 || len(domains) != 8 || len(subs) != 30 || len(classes) != 12 {
		t.Errorf("embedded registry: %d ids, %d domains, %d subdomains, %d classes; want 209, 8, 30, 12", r.Len(), len(domains), len(subs), len(classes))
	}
	tests := []struct {
		id     string
		code   uint32
		class  string
		status int
	}{
		{"core.fatal.unexpected_error", 0x00000001, "InternalError", 500},
		{"services.storage.not_found", 0x0101000b, "NotFoundError", 404},
		{"services.storage.index_reserved", 0x01010016, "BadRequestError", 400},
		{"services.storage.import_failed", 0x01010005, "PartialError", 206},
		{"security.token.expired", 0x07010006, "UnauthorizedError", 401},
	}
	for _, tt := range tests {
		e, ok := r.Lookup(tt.id)
		if !ok || e.Code != tt.code || e.Class != tt.class || e.Status != tt.status {
			t.Errorf("Lookup(%q) = %+v, %v; want code %s, %s, %d", tt.id, e, ok, FormatCode(tt.code), tt.class, tt.status)
			continue
		}
		if byCode, _ := r.ByCode(tt.code); byCode != e {
			t.Errorf("ByCode(%s) = %v, want %s", FormatCode(tt.code), byCode, tt.id)
		}
		if e.Message != "" {
			t.Errorf("%s has a message %q; the embedded registry has none", tt.id, e.Message)
		}
	}
	if _, ok := r.ByCode(0x01010024); ok {
		t.Errorf("0x01010024 is a gap in Kuzzle 1.12's codes, but ByCode finds it")
	}
}

func TestMarkdownRoundTrip(t *testing.T) {
	page := Default().Markdown()
	r, err := ParseMarkdown("page.md", page)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.Markdown(), page) {
		t.Error("render → parse → render is not stable")
	}
}

func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(trailing bytes)"
}

// tsvBytes is WriteTSV into memory.
func (r *Registry) tsvBytes() []byte {
	var b bytes.Buffer
	r.WriteTSV(&b) // writes to memory cannot fail
	return b.Bytes()
}

// TestBuildDistinctFallsBack checks that a large build handed its entries
// (the loaders' path, which tries buildDistinct first) gives what New gives:
// the same registry when everything is distinct, the same merge or the same
// problems, in order, when something repeats or conflicts.
func TestBuildDistinctFallsBack(t *testing.T) {
	entries := func() []*Entry {
		var es []*Entry
		for s := range 50 {
			for e := range 100 {
				es = append(es, &Entry{ID: fmt.Sprintf("shop.sub%d.err%d", s, e), Domain: "shop", Subdomain: fmt.Sprintf("sub%d", s),
					Name: fmt.Sprintf("err%d", e), Code: 0x40<<24 | uint32(s+1)<<16 | uint32(e+1), Class: "BadRequestError", Status: 400,
					Pos: Position{"shop.json", s*100 + e + 1, 1}})
			}
		}
		return es
	}
	for name, change := range map[string]func([]*Entry) []*Entry{
		"distinct":     func(es []*Entry) []*Entry { return es },
		"same again":   func(es []*Entry) []*Entry { e := *es[10]; e.Description = "later"; return append(es, &e) },
		"duplicate id": func(es []*Entry) []*Entry { e := *es[10]; e.Code++; return append(es, &e) },
		"duplicate code": func(es []*Entry) []*Entry {
			e := *es[4000]
			e.ID, e.Name = "shop.sub40.other", "other"
			return append(es, &e)
		},
		"placement": func(es []*Entry) []*Entry { es[4500].Code = 0x41<<24 | es[4500].Code&0xFFFFFF; return es },
	} {
		t.Run(name, func(t *testing.T) {
			want, wantErr := New(change(entries()))
			got, gotErr := build(change(entries()), false)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("build: %v\nNew: %v", gotErr, wantErr)
			}
			if refused := name != "distinct" && name != "same again"; refused != (wantErr != nil) {
				t.Fatalf("New: %v, want refused %v", wantErr, refused)
			}
			if wantErr != nil {
				return
			}
			if got.Len() != want.Len() {
				t.Fatalf("build: %d entries, New: %d", got.Len(), want.Len())
			}
			for i, e := range want.Entries() {
				g := got.Entries()[i]
				if *g != *e {
					t.Fatalf("entry %d: build %+v, New %+v", i, *g, *e)
				}
				if l, ok := got.Lookup(e.ID); !ok || l != g {
					t.Fatalf("Lookup(%s) = %v, %v", e.ID, l, ok)
				}
				if c, ok := got.ByCode(e.Code); !ok || c != g {
					t.Fatalf("ByCode(%x) = %v, %v", e.Code, c, ok)
				}
			}
			if !got.HasSubdomain("shop", "sub49") || len(got.Near("shop", "sub3", 0x40030001)) == 0 {
				t.Fatal("subdomain indexes missing")
			}
		})
	}
}

// TestPluginsShareSubdomainCode: plugins loaded with the default subdomain
// code 0 share it, even with interleaved codes; each plugin's subdomain is
// known by its name and suggestions name the right plugin.
func TestPluginsShareSubdomainCode(t *testing.T) {
	manifest := func(name string, codes ...int) []byte {
		var errs []string
		for _, c := range codes {
			errs = append(errs, fmt.Sprintf(`"%s_e%d": {"message": "m", "code": %d, "class": "BadRequestError"}`, name, c, c))
		}
		return fmt.Appendf(nil, `{"name": %q, "kuzzleVersion": ">=2", "errors": {%s}}`, name, strings.Join(errs, ", "))
	}
	alpha, err := ParseManifest("alpha/manifest.json", manifest("alpha", 1, 3), 0)
	if err != nil {
		t.Fatal(err)
	}
	beta, err := ParseManifest("beta/manifest.json", manifest("beta", 2, 4), 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Merge(alpha, beta)
	if err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"alpha", "beta"} {
		if !r.HasSubdomain("plugin", sub) {
			t.Errorf("HasSubdomain(plugin, %s) = false", sub)
		}
	}
	if got := r.Suggest("plugin.beta.beta_e5", 3); len(got) == 0 || got[0].Subdomain != "beta" {
		t.Errorf("Suggest(plugin.beta.beta_e5) = %v, want beta's errors first", got)
	}
	if got := r.SuggestSubdomain("plugin", "betta", 1); len(got) != 1 || got[0] != [2]string{"plugin", "beta"} {
		t.Errorf("SuggestSubdomain(plugin, betta) = %v", got)
	}
	if got := r.Suggest("plugin.beta.beta_e2x", 3); len(got) == 0 || got[0].ID != "plugin.beta.beta_e2" {
		t.Errorf("Suggest(plugin.beta.beta_e2x) = %v", got)
	}
	e := &Entry{ID: "plugin.beta.more", Domain: "plugin", Subdomain: "beta", Name: "more", Code: 0x04000009}
	if p := PlacementProblem(e, r.Near("plugin", "beta", e.Code)); p != "" {
		t.Errorf("PlacementProblem(plugin.beta.more 0x04000009) = %q, want none: plugins share subdomain code 0", p)
	}
}
