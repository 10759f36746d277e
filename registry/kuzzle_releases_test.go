package registry

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kerrlint/kerrlint/internal/kuzzlejs"
)

// The differential suite across releases holds CheckRelease to the code of
// each release of kuzzlejs.Releases: its own checkDomains (1.x's compiled
// with it exported), loadPluginsErrors and plugin manifest class (with its
// own semver), on the single mutations of TestKuzzleDifferential, the same
// mutations of a file in the 2.4–2.16 layout, each release's own codes,
// manifests with every kind of "kuzzleVersion" range and "privileged", and
// the manifests of published plugins. For every case some release loads,
// the loaders (Check) load it; for one no release loads, they refuse it or
// say why with a release-dependent warning.

// releaseVerdicts is the Node side, run once per release; its input names
// the release's modules (kuzzlejs.ReleaseModules) and the cases.
const releaseVerdicts = kuzzlejs.LoadCodesJS + `
const fs = require("fs"), path = require("path");
const input = JSON.parse(fs.readFileSync(0, "utf8"));
global.kuzzle = {config: {version: input.version}, log: {warn() {}, info() {}, debug() {}, error() {}}};
const key = input.key;
const codes = loadCodes(input.codes, key);
const Manifest = require(input.manifest);
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
function effective(domains, only) {
  const out = [];
  for (const [d, dom] of Object.entries(domains)) {
    for (const [s, sub] of Object.entries(dom[key])) {
      if (only !== undefined && s !== only) continue;
      for (const [n, e] of Object.entries(sub.errors)) {
        out.push({id: d + "." + s + "." + n, code: ((dom.code << 24) | (sub.code << 16) | e.code) >>> 0,
          class: e.class, message: e.message, deprecated: typeof e.deprecated === "string" ? e.deprecated : ""});
      }
    }
  }
  return out;
}
function domainSet(dir) {
  const domains = {};
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith(".json")).sort()) {
    const v2 = /^[0-9]+-/.test(f);
    let raw = require(path.join(dir, f));
    if (!v2 && raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
      // A Kuzzle 1 file's "subdomains", given to the release under its key.
      const subs = raw.subdomains, had = has(raw, "subdomains");
      raw = Object.assign({}, raw);
      delete raw.subdomains;
      delete raw.subDomains;
      if (had) raw[key] = subs;
    }
    domains[f.slice(0, -5).replace(/^[0-9]+-/, "")] = raw;
  }
  codes.checkDomains(domains);
  return effective(domains);
}
function manifest(dir) {
  const m = input.takesKuzzle ? new Manifest(global.kuzzle, dir) : new Manifest(dir);
  m.load();
  if (!m.raw.errors) return [];
  const subs = codes.domains.plugin[key];
  const saved = has(subs, m.name) ? subs[m.name] : undefined;
  try {
    codes.loadPluginsErrors(m.raw, 0);
    return effective({plugin: codes.domains.plugin}, m.name);
  } finally {
    if (saved === undefined) delete subs[m.name]; else subs[m.name] = saved;
  }
}
const out = input.cases.map(c => {
  try {
    return {ok: true, entries: c.manifest ? manifest(c.dir) : domainSet(c.dir)};
  } catch (e) {
    return {ok: false, why: String(e && e.message || e).split("\n")[0]};
  }
});
process.stdout.write(JSON.stringify(out));
`

// publishedPlugins are the Kuzzle plugins on npm (every version the
// registry serves) whose manifests the suite checks.
var publishedPlugins = []string{
	"kuzzle-plugin-auth-passport-local@5.2.0", "kuzzle-plugin-auth-passport-local@6.2.0", "kuzzle-plugin-auth-passport-local@6.3.4",
	"kuzzle-plugin-auth-passport-local@6.3.6", "kuzzle-plugin-auth-passport-local@6.4.0", "kuzzle-plugin-auth-passport-local@6.4.1",
	"kuzzle-plugin-auth-passport-oauth@5.0.4",
	"kuzzle-plugin-logger@1.0.4", "kuzzle-plugin-logger@1.0.6", "kuzzle-plugin-logger@2.0.7", "kuzzle-plugin-logger@3.0.2", "kuzzle-plugin-logger@3.0.3",
	"kuzzle-plugin-hermes-messenger@1.0.0", "kuzzle-plugin-prometheus@4.2.0", "kuzzle-device-manager@2.5.1",
}

// kuzzleVersions are "kuzzleVersion" values: node-semver's range forms,
// each release's boundaries, and what semver cannot parse.
var kuzzleVersions = []string{`">=2.0.0 <3"`, `">=1.0.0 <2.0.0"`, `"^2.17"`, `"^2.11.0"`, `"1"`, `"2"`, `"*"`, `""`, `"x"`, `"2.x"`, `"2.10.x"`,
	`"~2.4.0"`, `"~2.4"`, `"~>2.9"`, `"1.11 - 2.10"`, `"1.11.0 - 2"`, `"^1.10.0 || ^2.0.0"`, `"v2"`, `"=2.56.0"`, `">= 2.0.0"`, `"> 2.30"`,
	`"latest"`, `">2.56.0"`, `"<2"`, `"<=2.16"`, `"^2.11.0-beta"`, `">=2.0.0-0"`, `"x.x.x"`, `"2.4.0"`, `"  ^2  "`, `"^0.1.0"`,
	`">=2 <2.18"`, `"2.9.1 || 2.10.4"`, `"^ 2.0"`, `"~ 2.4"`, `"=v2.4.0"`, `"2.4.0 - v2.9.1"`, `"<2.11.0-0"`, `"<=2.x"`, `">1.x"`,
	`"^1.x"`, `"~1.11.x"`, `"2.0.0 - 2.10.4 || >=2.31"`, `"1.2.3.4"`, `"a.b.c"`, `"01.2.3"`, `">=02.0.0"`, `2`, `null`, `true`, `{}`, `[]`}

func TestKuzzleReleaseDifferential(t *testing.T) {
	if os.Getenv(kuzzlejs.EnvVar) == "" {
		t.Skipf("set %s=1 to run it", kuzzlejs.EnvVar)
	}
	start := time.Now()
	cases := differentialCases(t)
	// The 2.4–2.16 layout: the hand-written file keyed "subdomains", mutated.
	old := parseJV(t, "32-shop.json", []byte(strings.Replace(handDomain, `"subDomains"`, `"subdomains"`, 1)))
	emitOld := func(what string, doc *jv) {
		cases = append(cases, diffCase{name: "subdomains layout: " + what, files: map[string][]byte{"32-shop.json": doc.bytes()}})
	}
	emitOld("unchanged", old)
	errPath := []string{"subdomains", "cart", "errors", "item_missing"}
	mutateFields(old, errPath, []string{"code", "class", "deprecated", "description"}, emitOld)
	mutateFields(old, []string{"subdomains", "cart"}, []string{"code"}, emitOld)
	for _, class := range []string{"ParseError", "TooManyRequestsError", "MultipleErrorsError", "__esModule", "constructor", "toString", "__proto__", "hasOwnProperty"} {
		for _, base := range []*jv{old, parseJV(t, "32-shop.json", []byte(handDomain))} {
			doc := base.clone()
			p := append([]string{doc.members[1].key}, errPath[1:]...)
			doc.at(p).members = append(doc.at(p).members, jkv{"class", lit(strconv.Quote(class))})
			emitOld("class "+class+" under "+doc.members[1].key, doc)
		}
	}
	// Manifests: kuzzleVersion and privileged.
	man := parseJV(t, ManifestName, []byte(handManifest))
	emitMan := func(what string, doc *jv) {
		cases = append(cases, diffCase{name: "manifest: " + what, files: map[string][]byte{ManifestName: doc.bytes()}, manifest: true})
	}
	for _, v := range kuzzleVersions {
		doc := man.clone()
		doc.members = append(doc.members, jkv{"kuzzleVersion", lit(v)})
		emitMan("kuzzleVersion "+v, doc)
	}
	for _, v := range []string{`true`, `false`, `null`, `"yes"`, `1`, `{}`} {
		doc := man.clone()
		doc.members = append(doc.members, jkv{"privileged", lit(v)})
		emitMan("privileged "+v, doc)
	}
	doc := man.clone()
	doc.at([]string{"errors"}).members = append(doc.at([]string{"errors"}).members, jkv{"described", lit(`{"code": 3, "message": "m", "class": "BadRequestError", "description": "d"}`)})
	doc.at([]string{"errors"}).members = slices.DeleteFunc(doc.at([]string{"errors"}).members, func(m jkv) bool { return m.key != "described" })
	emitMan("every error described", doc)
	// Published plugins.
	for _, spec := range publishedPlugins {
		data, err := os.ReadFile(filepath.Join(kuzzlejs.Package(t, spec), ManifestName))
		if err != nil {
			t.Logf("%s: no manifest.json: %v", spec, err)
			continue
		}
		cases = append(cases, diffCase{name: "published " + spec, files: map[string][]byte{ManifestName: data}, manifest: true})
	}
	// Each release's own codes.
	dirs := map[string]string{}
	for _, r := range kuzzlejs.Releases {
		dirs[r.Version] = kuzzlejs.ReleaseDir(t, r)
		codes, _, _ := kuzzlejs.ReleaseModules(dirs[r.Version], r)
		files, _ := filepath.Glob(filepath.Join(filepath.Dir(codes), "*.json"))
		if len(files) == 0 {
			t.Logf("Kuzzle %s ships no codes files", r.Version)
			continue
		}
		m := map[string][]byte{}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m[filepath.Base(f)] = data
		}
		cases = append(cases, diffCase{name: "Kuzzle " + r.Version + "'s own codes", files: m})
	}
	inputs := writeCases(t, cases)
	anyAccepts := make([]bool, len(cases))
	disagreements, compared := 0, 0
	for _, r := range kuzzlejs.Releases {
		e, err := eraOf(r.Version)
		if err != nil {
			t.Fatal(err)
		}
		codes, manifest, takesKuzzle := kuzzlejs.ReleaseModules(dirs[r.Version], r)
		in, _ := json.Marshal(map[string]any{"version": r.Version, "key": e.key, "codes": codes, "manifest": manifest, "takesKuzzle": takesKuzzle, "cases": inputs})
		var results []kuzzleResult
		if err := json.Unmarshal(kuzzlejs.Node(t, dirs[r.Version], releaseVerdicts, in), &results); err != nil || len(results) != len(cases) {
			t.Fatalf("Kuzzle %s's verdicts: %v (%d for %d cases)", r.Version, err, len(results), len(cases))
		}
		accepted := 0
		for i, c := range cases {
			k := results[i]
			path := inputs[i].Dir
			if c.manifest {
				path = filepath.Join(path, ManifestName)
			}
			compared++
			reg, _, err := CheckRelease(r.Version, path)
			if (err == nil) != k.OK {
				disagreements++
				t.Errorf("Kuzzle %s: %s: Kuzzle %s, kerrlint %s", r.Version, c.name, verdict(k.OK, k.Why), verdict(err == nil, fmt.Sprint(err)))
				continue
			}
			if err != nil {
				continue
			}
			accepted++
			anyAccepts[i] = true
			if reg.Len() != len(k.Entries) {
				disagreements++
				t.Errorf("Kuzzle %s: %s: kerrlint loads %d entries, Kuzzle %d", r.Version, c.name, reg.Len(), len(k.Entries))
			}
			for _, ke := range k.Entries {
				e, ok := reg.Lookup(ke.ID)
				switch {
				case !ok:
					t.Errorf("Kuzzle %s: %s: %s is missing", r.Version, c.name, ke.ID)
				case e.Code != ke.Code || e.Class != ke.Class || e.Message != ke.Message:
					t.Errorf("Kuzzle %s: %s: %s: kerrlint %s %s %q, Kuzzle %s %s %q", r.Version, c.name, ke.ID, FormatCode(e.Code), e.Class, e.Message, FormatCode(ke.Code), ke.Class, ke.Message)
				case ke.Deprecated != "" && e.Deprecated != ke.Deprecated:
					t.Errorf("Kuzzle %s: %s: %s: deprecated %q, Kuzzle %q", r.Version, c.name, ke.ID, e.Deprecated, ke.Deprecated)
				default:
					continue
				}
				disagreements++
			}
		}
		t.Logf("%v: Kuzzle %s: %d cases, %d accepted", time.Since(start), r.Version, len(cases), accepted)
	}
	// The loaders: what some release loads, they load.
	for i, c := range cases {
		path := inputs[i].Dir
		if c.manifest {
			path = filepath.Join(path, ManifestName)
		}
		_, warnings, err := Check(path)
		switch {
		case anyAccepts[i] && err != nil:
			disagreements++
			t.Errorf("loaders: %s: some release loads it, kerrlint refuses: %v", c.name, err)
		case !anyAccepts[i] && err == nil && !slices.ContainsFunc(warnings, func(p Problem) bool { return p.Warning == WarnReleaseDependent }):
			disagreements++
			t.Errorf("loaders: %s: no release loads it, kerrlint does, with no %s warning", c.name, WarnReleaseDependent)
		}
	}
	t.Logf("%v: %d releases × %d cases = %d verdicts compared, %d disagreements", time.Since(start), len(kuzzlejs.Releases), len(cases), compared, disagreements)
}
