package registry

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestCheckRelease: each rule that differs between Kuzzle releases, with
// each era's verdict ("" accepts, else a part of the error), and what the
// loaders (every release at once) do: load, with a release-dependent
// warning. The differential suite runs the same through each release's code.
func TestCheckRelease(t *testing.T) {
	domain := func(key, class, extra string) map[string]string {
		return map[string]string{"32-shop.json": `{"code": 32, "` + key + `": {"cart": {"code": 1, "errors": {
  "e": {"description": "d", "code": 1, "message": "m", "class": "` + class + `"` + extra + `}}}}}`}
	}
	manifest := func(body string) map[string]string {
		return map[string]string{ManifestName: `{"name": "kuzzle-plugin-x"` + body + `}`}
	}
	const ok = ""
	releases := []string{"1.11.0", "2.4.0", "2.10.4", "2.11.0", "2.16.5", "2.18.1", NewestKuzzle}
	tests := []struct {
		name    string
		files   map[string]string
		verdict []string // per release above
		anyWarn string   // the loaders' warning; "" none, "error" when they refuse
	}{
		{"subDomains", domain("subDomains", "NotFoundError", ""),
			[]string{`missing "subdomains"`, `missing "subdomains"`, `missing "subdomains"`, `missing "subdomains"`, `missing "subdomains"`, ok, ok}, ""},
		{"subdomains", domain("subdomains", "NotFoundError", ""),
			[]string{ok, ok, ok, ok, ok, `missing "subDomains" ("subdomains" is the key of the other layout: Kuzzle 2.18.1's loader reads "subDomains"); Kuzzle 1.11.0 to 2.16.5 read "subdomains"`, `missing "subDomains"`}, WarnReleaseDependent},
		{"ParseError", domain("subDomains", "ParseError", ""),
			[]string{`missing "subdomains"`, `missing "subdomains"`, `missing "subdomains"`, `missing "subdomains"`, `missing "subdomains"`, `class "ParseError" is not one of Kuzzle 2.18.1's classes`, `not one of`}, WarnReleaseDependent},
		{"ParseError, old key", domain("subdomains", "ParseError", ""),
			[]string{ok, ok, `class "ParseError" is not one of Kuzzle 2.10.4's classes`, `not one of`, `not one of`, `missing "subDomains"`, `missing "subDomains"`}, WarnReleaseDependent},
		{"TooManyRequestsError", domain("subdomains", "TooManyRequestsError", ""),
			[]string{`class "TooManyRequestsError" is not one of Kuzzle 1.11.0's classes`, ok, ok, ok, ok, `missing`, `missing`}, WarnReleaseDependent}, // the key
		{"MultipleErrorsError", domain("subdomains", "MultipleErrorsError", ""),
			[]string{`not one of`, `not one of`, `not one of`, ok, ok, `missing`, `missing`}, WarnReleaseDependent},
		{"__esModule", domain("subdomains", "__esModule", ""),
			[]string{`unknown class "__esModule"`, `unknown class`, ok, ok, ok, `missing`, `missing`}, WarnNotAClass},
		{"constructor", domain("subdomains", "constructor", ""),
			[]string{ok, `unknown class "constructor"`, `unknown class`, `unknown class`, `unknown class`, `missing`, `missing`}, WarnReleaseDependent},
		{"deprecated 3", domain("subdomains", "NotFoundError", `, "deprecated": 3`),
			[]string{ok, `"deprecated" must be a non-empty string`, `"deprecated" must`, `"deprecated" must`, `"deprecated" must`, `missing`, `missing`}, WarnReleaseDependent},
		{"plugin error without description", manifest(`, "kuzzleVersion": "*", "errors": {"e": {"code": 1, "message": "m", "class": "BadRequestError"}}`),
			[]string{`plugin.kuzzle-plugin-x.e: missing "description"`, ok, ok, ok, ok, ok, ok}, ""},
		{"no kuzzleVersion", manifest(``),
			[]string{ok, `missing "kuzzleVersion"`, `missing "kuzzleVersion"`, `missing`, `missing`, `missing`, `missing`}, WarnReleaseDependent},
		{"kuzzleVersion 2", manifest(`, "kuzzleVersion": ">=2.0.0 <3"`),
			[]string{`Kuzzle 1.11.0 does not satisfy "kuzzleVersion" ">=2.0.0 <3"`, ok, ok, ok, ok, ok, ok}, ""},
		{"kuzzleVersion 1", manifest(`, "kuzzleVersion": ">=1.0.0 <2.0.0"`),
			[]string{ok, `does not satisfy`, `does not satisfy`, `does not satisfy`, `does not satisfy`, `does not satisfy`, `Kuzzle 2.56.0 does not satisfy`}, WarnReleaseDependent},
		{"kuzzleVersion ^2.17", manifest(`, "kuzzleVersion": "^2.17"`),
			[]string{`does not satisfy`, `does not satisfy`, `does not satisfy`, `does not satisfy`, `does not satisfy`, ok, ok}, ""},
		{"kuzzleVersion a number", manifest(`, "kuzzleVersion": 2`),
			[]string{`"kuzzleVersion" must be a semver range string, got 2`, `must be a semver range`, `must be`, `must be`, `must be`, `must be`, `must be`}, WarnReleaseDependent},
		{"privileged yes", manifest(`, "kuzzleVersion": "*", "privileged": "yes"`),
			[]string{`"privileged" must be a boolean, got "yes"`, `"privileged"`, `"privileged"`, `"privileged"`, `"privileged"`, `"privileged"`, `"privileged"`}, "error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			for i, rel := range releases {
				_, _, err := CheckRelease(rel, dir)
				switch want := tt.verdict[i]; {
				case want == "" && err != nil:
					t.Errorf("Kuzzle %s: %v, want it accepted", rel, err)
				case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
					t.Errorf("Kuzzle %s: %v, want an error containing %s", rel, err, want)
				}
			}
			_, warnings, err := Check(dir)
			if _, ferr := LoadFS(os.DirFS(dir), "."); (ferr == nil) != (err == nil) {
				t.Errorf("LoadFS (kerror.UseFS, the analyzer): %v; Check: %v", ferr, err)
			}
			switch {
			case tt.anyWarn == "error":
				if err == nil {
					t.Errorf("loaders: accepted, want it refused")
				}
			case err != nil:
				t.Errorf("loaders: %v", err)
			case tt.anyWarn == "" && len(warnings) > 0:
				t.Errorf("loaders: warnings %v, want none", warnings)
			case tt.anyWarn != "" && !slices.ContainsFunc(warnings, func(p Problem) bool { return p.Warning == tt.anyWarn }):
				t.Errorf("loaders: warnings %v, want %s", warnings, tt.anyWarn)
			}
		})
	}
}

// TestReleaseVersions: the versions -kuzzle takes, and the gaps between
// eras it refuses rather than guess.
func TestReleaseVersions(t *testing.T) {
	for v, want := range map[string]string{
		"1.11.0": "", "1.12.0": "", "2.4.0": "", "2.12.1": "", "2.56.0": "", "2.20": "", "v2.30.0": "",
		"2.17.1": "kerrlint knows the loaders of Kuzzle 2.16.5 and 2.18.1, which differ, and of no release in between",
		"2.16":   "give the patch release too",
		"1.10.0": "kerrlint knows the loaders of Kuzzle 1.11.0 to 2.56.0",
		"2.57.0": "kerrlint knows the loaders of Kuzzle 1.11.0 to 2.56.0",
		"2.5.0":  "2.4.0 and 2.9.1",
		"x":      "want a Kuzzle release",
		"02.4.0": "want a Kuzzle release",
	} {
		err := KnownRelease(v)
		if (want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), want)) {
			t.Errorf("KnownRelease(%q) = %v, want %q", v, err, want)
		}
	}
}

// TestDuplicateDomain: two files of one load defining the same domain load
// as Kuzzle keeps them: the file read last (name order) replaces the
// other, which is not checked (its JSON is still parsed), with a warning at
// both files.
func TestDuplicateDomain(t *testing.T) {
	a := `{"code": 8, "subDomains": {"a": {"code": 1, "errors": {"x": {"description": "d", "code": 1, "message": "m", "class": "NotFoundError"}}}}}`
	b := `{"code": 9, "subDomains": {"b": {"code": 2, "errors": {"y": {"description": "d", "code": 1, "message": "m", "class": "BadRequestError"}}}}}`
	dir := writeFiles(t, map[string]string{"8-cluster.json": a, "9-cluster.json": b})
	r, warnings, err := Check(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Lookup("cluster.a.x"); ok || r.Len() != 1 {
		t.Errorf("entries %v: want 9-cluster.json's only", r.Entries())
	}
	if e, ok := r.Lookup("cluster.b.y"); !ok || e.Code != 0x09020001 {
		t.Errorf("cluster.b.y: %+v", e)
	}
	want := []string{
		dir + "/8-cluster.json:1:1: warning: domain cluster is also defined by " + dir + "/9-cluster.json, read after this file, which replaces it: this file is ignored [duplicate-domain]",
		dir + "/9-cluster.json:1:1: warning: domain cluster is also defined by " + dir + "/8-cluster.json: this file, read after it, replaces it [duplicate-domain]",
	}
	if got := strings.Split(warnings.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The replaced file is not checked: an invalid one is ignored, but not
	// one that is not JSON (require parses it before it is replaced).
	dir = writeFiles(t, map[string]string{"8-cluster.json": `{"code": "x"}`, "9-cluster.json": b})
	if _, err := Load(dir); err != nil {
		t.Errorf("replaced invalid file: %v", err)
	}
	dir = writeFiles(t, map[string]string{"8-cluster.json": `{"code": `, "9-cluster.json": b})
	if _, err := Load(dir); err == nil {
		t.Errorf("replaced file that is not JSON: loaded")
	}
	// Its domain code is not taken either.
	dir = writeFiles(t, map[string]string{"8-cluster.json": a, "9-cluster.json": b, "7-other.json": strings.Replace(a, `"code": 8`, `"code": 8, "x": 1`, 1)})
	if _, err := Load(dir); err != nil {
		t.Errorf("code of a replaced file: %v", err)
	}
}

// TestReplacesEmbedded: a Kuzzle release's codes (they define core) given as
// a source replace the embedded registry rather than conflict with it.
func TestReplacesEmbedded(t *testing.T) {
	core := `{"code": 0, "subDomains": {"fatal": {"code": 1, "errors": {"unexpected_error": {"description": "d", "code": 1, "message": "Caught an unexpected error: %s", "class": "InternalError"}}}}}`
	services := `{"code": 1, "subDomains": {"storage": {"code": 1, "errors": {"collection_reserved": {"description": "d", "code": 22, "message": "m", "class": "BadRequestError"}}}}}`
	dir := writeFiles(t, map[string]string{"0-core.json": core, "1-services.json": services})
	r, err := Sources{Paths: []string{dir}}.Load()
	if err != nil {
		t.Fatal(err)
	}
	if e, ok := r.ByCode(0x01010016); !ok || e.ID != "services.storage.collection_reserved" || r.Len() != 2 {
		t.Errorf("0x01010016 = %v, %d entries: want the release's codes alone", e, r.Len())
	}
	// Without core, the same code conflicts with the embedded registry.
	dir = writeFiles(t, map[string]string{"1-services.json": services})
	if _, err := (Sources{Paths: []string{dir}}).Load(); err == nil || !strings.Contains(err.Error(), "duplicate code 0x01010016") || !strings.Contains(err.Error(), "-embedded=false uses them alone") {
		t.Errorf("services alone: %v, want the conflict", err)
	}
}

// TestMarkdownAsKuzzlesGenerator: the page is Kuzzle 1's generator's for the
// sources: domains by code, subdomains and errors in the sources' order,
// deprecated domains, subdomains and errors (any truthy "deprecated") left
// out, a subdomain without errors still headed, the class's status.
func TestMarkdownAsKuzzlesGenerator(t *testing.T) {
	row := func(code int, class, extra string) string {
		return fmt.Sprintf(`{"description": "d%d", "code": %d, "message": "m", "class": "%s"%s}`, code, code, class, extra)
	}
	dir := writeFiles(t, map[string]string{
		"9-zeta.json": `{"code": 9, "subDomains": {"b": {"code": 2, "errors": {"y": ` + row(2, "KuzzleError", `, "status": 418`) + `, "x": ` + row(1, "NotFoundError", "") + `}},
			"a": {"code": 1, "errors": {}}, "old": {"code": 3, "deprecated": "2.0.0", "errors": {"z": ` + row(1, "NotFoundError", "") + `}}}}`,
		"8-alpha.json": `{"code": 8, "subDomains": {"s": {"code": 1, "errors": {"gone": ` + row(1, "NotFoundError", `, "deprecated": "2.1.0"`) + `, "kept": ` + row(2, "BadRequestError", "") + `}}}}`,
		"7-dead.json":  `{"code": 7, "deprecated": "2.0.0", "subDomains": {"s": {"code": 1, "errors": {"e": ` + row(1, "NotFoundError", "") + `}}}}`,
		"6-empty.json": `{"code": 6, "subDomains": {}}`,
	})
	r, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	const table = "| Id | Error Type (Status Code)             | Message           |\n| ------ | -----------------| ------------------ | ------------------ |\n"
	want := markdownHeader +
		"\n## 0x06: empty\n\n\n---\n" +
		"\n## 0x08: alpha\n\n\n\n### Subdomain: 0x0801: s\n\n" + table +
		"| alpha.s.kept<br/><pre>0x08010002</pre> | [BadRequestError](/core/1/api/essentials/errors/handling#badrequesterror) <pre>(400)</pre> | d2 |\n\n---\n\n---\n" +
		"\n## 0x09: zeta\n\n\n\n### Subdomain: 0x0902: b\n\n" + table +
		"| zeta.b.y<br/><pre>0x09020002</pre> | [KuzzleError](/core/1/api/essentials/errors/handling#kuzzleerror) <pre>(500)</pre> | d2 |\n" +
		"| zeta.b.x<br/><pre>0x09020001</pre> | [NotFoundError](/core/1/api/essentials/errors/handling#notfounderror) <pre>(404)</pre> | d1 |\n\n---\n" +
		"\n\n### Subdomain: 0x0901: a\n\n" + table + "\n---\n\n---\n"
	if got := string(r.Markdown()); got != want {
		t.Errorf("page:\n%s\nwant:\n%s\n%s", got, want, firstDifference([]byte(got), []byte(want)))
	}
}

// FuzzSatisfies: any "kuzzleVersion" string is judged without a panic, and
// a range satisfied by a release stays satisfied when written again with
// spaces around it (semver trims them).
func FuzzSatisfies(f *testing.F) {
	for _, v := range kuzzleVersions {
		if s, err := strconv.Unquote(v); err == nil {
			f.Add(s)
		}
	}
	v, _ := parseSemver(NewestKuzzle)
	f.Fuzz(func(t *testing.T, rng string) {
		if satisfies(v, rng) && !satisfies(v, " "+rng+" ") {
			t.Errorf("%q is satisfied, %q is not", rng, " "+rng+" ")
		}
	})
}
