package registry

import (
	"bytes"
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

	"github.com/kerrlint/kerrlint/registry/internal/jsontree"
)

// The differential suite holds kerrlint's loader to Kuzzle 2.56's own
// validator: single mutations of real and hand-written registries and plugin
// manifests are written to disk, loaded by kerrlint and required by Node,
// then checked by Kuzzle's checkDomains / loadPluginsErrors. Verdicts must
// agree, and for every registry Kuzzle accepts kerrlint must load the same
// entries with the same effective values (code, class, status, message,
// deprecated) as Kuzzle's kerror raises them.

// kuzzleVerdicts is the Node side. For each case it loads the directory as
// Kuzzle does: domain files by require (BOM stripped, last duplicate key
// wins), the domain named after the file; a v1 file (domain.json) is given
// to Kuzzle 2's validator in its own layout, "subdomains" read as
// "subDomains". A manifest follows Kuzzle's AbstractManifest and
// PluginManifest (kuzzleVersion present, name a non-empty string matching
// ^[\w-]+$; the semver check against the running server is left out) and
// plugin.js (loadPluginsErrors only when "errors" is truthy, plugin code 0).
const kuzzleVerdicts = `
const fs = require("fs"), path = require("path");
const codes = require("` + kuzzlejs.KerrorCodesModule + `");
const { rawGet } = require("` + kuzzlejs.KerrorModule + `");
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
function effective(domains, only) {
  const out = [];
  for (const [d, dom] of Object.entries(domains)) {
    for (const [s, sub] of Object.entries(dom.subDomains)) {
      if (only !== undefined && s !== only) continue;
      for (const [n, e] of Object.entries(sub.errors)) {
        const entry = {id: d + "." + s + "." + n, code: ((dom.code << 24) | (sub.code << 16) | e.code) >>> 0,
          class: e.class, message: e.message, deprecated: e.deprecated == null ? "" : e.deprecated, status: null};
        if (!/[.\[\]]/.test(d + s + n) && e.class !== "__esModule") {
          const k = rawGet(domains, d, s, n);
          if (k.id !== entry.id) throw new Error("rawGet(" + entry.id + ") gave " + k.id);
          if (Number.isInteger(k.status)) entry.status = k.status;
        }
        out.push(entry);
      }
    }
  }
  return out;
}
function domainSet(dir) {
  const domains = {};
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith(".json")).sort()) {
    const v2 = /^[0-9]+-/.test(f);
    const name = f.slice(0, -5).replace(/^[0-9]+-/, "");
    let raw = require(path.join(dir, f));
    if (!v2 && raw !== null && typeof raw === "object" && !Array.isArray(raw)) {
      raw = Object.assign({}, raw);
      delete raw.subDomains;
      if (has(raw, "subdomains")) raw.subDomains = raw.subdomains;
    }
    domains[name] = raw;
  }
  codes.checkDomains(domains);
  return effective(domains);
}
function manifest(file) {
  const raw = require(file);
  if (raw.kuzzleVersion === undefined || raw.kuzzleVersion === null) throw new Error("missing_version");
  if (raw.name === undefined || raw.name === null) throw new Error("missing_name");
  if (typeof raw.name !== "string" || raw.name.length === 0) throw new Error("invalid_name_type");
  if (!/^[\w-]+$/.test(raw.name)) throw new Error("invalid_name");
  if (!raw.errors) return [];
  const subs = codes.domains.plugin.subDomains;
  const saved = has(subs, raw.name) ? subs[raw.name] : undefined;
  try {
    codes.loadPluginsErrors(raw, 0);
    return effective({plugin: codes.domains.plugin}, raw.name);
  } finally {
    if (saved === undefined) delete subs[raw.name]; else subs[raw.name] = saved;
  }
}
const cases = JSON.parse(fs.readFileSync(0, "utf8"));
const out = cases.map(c => {
  try {
    return {ok: true, entries: c.manifest ? manifest(path.join(c.dir, "manifest.json")) : domainSet(c.dir)};
  } catch (e) {
    return {ok: false, why: String(e && e.message || e).split("\n")[0]};
  }
});
process.stdout.write(JSON.stringify(out));
`

// kuzzleResult is Kuzzle's verdict on a case, and what it would raise.
type kuzzleResult struct {
	OK      bool   `json:"ok"`
	Why     string `json:"why"`
	Entries []struct {
		ID         string `json:"id"`
		Code       uint32 `json:"code"`
		Class      string `json:"class"`
		Message    any    `json:"message"`
		Deprecated any    `json:"deprecated"`
		Status     *int   `json:"status"`
	} `json:"entries"`
}

// diffCase is one load: the files of a directory, or one manifest.
type diffCase struct {
	name     string
	files    map[string][]byte
	manifest bool
}

func TestKuzzleDifferential(t *testing.T) {
	dir := kuzzlejs.Dir(t)
	start := time.Now()
	cases := differentialCases(t)
	if len(cases) < 200 {
		t.Fatalf("only %d cases", len(cases))
	}
	inputs := writeCases(t, cases)
	t.Logf("%v: %d cases written", time.Since(start), len(cases))
	in, _ := json.Marshal(inputs)
	var results []kuzzleResult
	if err := json.Unmarshal(kuzzlejs.Node(t, dir, kuzzleVerdicts, in), &results); err != nil || len(results) != len(cases) {
		t.Fatalf("Node's verdicts: %v (%d for %d cases)", err, len(results), len(cases))
	}
	t.Logf("%v: Kuzzle's verdicts", time.Since(start))
	accepted := 0
	for i, c := range cases {
		k := results[i]
		path := inputs[i].Dir
		if c.manifest {
			path = filepath.Join(path, ManifestName)
		}
		r, warnings, err := CheckRelease(kuzzlejs.KuzzleVersion, path)
		if (err == nil) != k.OK {
			if c.manifest && k.OK && strings.Contains(err.Error(), `"kuzzleVersion"`) {
				continue // this harness leaves out the version check: TestKuzzleReleaseDifferential runs Kuzzle's own
			}
			t.Errorf("%s: Kuzzle %s, kerrlint %s", c.name, verdict(k.OK, k.Why), verdict(err == nil, fmt.Sprint(err)))
			continue
		}
		if err != nil {
			continue
		}
		accepted++
		// What the analyzer and kerror load (every release's rules at once):
		// the same registry, silently.
		if _, err := LoadFS(os.DirFS(inputs[i].Dir), "."); err != nil {
			t.Errorf("%s: Check accepts, LoadFS refuses: %v", c.name, err)
		}
		if r.Len() != len(k.Entries) {
			t.Errorf("%s: kerrlint loads %d entries, Kuzzle %d", c.name, r.Len(), len(k.Entries))
		}
		for _, ke := range k.Entries {
			e, ok := r.Lookup(ke.ID)
			switch {
			case !ok:
				t.Errorf("%s: %s is missing", c.name, ke.ID)
			case e.Code != ke.Code || e.Class != ke.Class || e.Message != ke.Message:
				t.Errorf("%s: %s: kerrlint %s %s %q, Kuzzle %s %s %q", c.name, ke.ID, FormatCode(e.Code), e.Class, e.Message, FormatCode(ke.Code), ke.Class, ke.Message)
			case ke.Deprecated != "" && e.Deprecated != ke.Deprecated:
				t.Errorf("%s: %s: deprecated %q, Kuzzle %q", c.name, ke.ID, e.Deprecated, ke.Deprecated)
			case ke.Status != nil && e.Status != *ke.Status:
				t.Errorf("%s: %s: status %d, Kuzzle %d", c.name, ke.ID, e.Status, *ke.Status)
			}
		}
		for _, w := range warnings {
			if w.Pos.Line == 0 || !slices.Contains(WarningNames(), w.Warning) {
				t.Errorf("%s: warning without a position or a known name: %v", c.name, w)
			}
		}
	}
	t.Logf("%v: %d cases: %d accepted by both, %d refused by both", time.Since(start), len(cases), accepted, len(cases)-accepted)
}

func verdict(ok bool, why string) string {
	if ok {
		return "accepts"
	}
	return "refuses (" + why + ")"
}

// jv is a JSON value kept as written: an object's members in order (keys may
// repeat), a scalar's literal text.
type jv struct {
	members []jkv  // an object's
	lit     string // a scalar's literal; "" for an object
}

type jkv struct {
	key string
	val *jv
}

func lit(s string) *jv { return &jv{lit: s} }

// toJV converts a parsed node (objects and scalars: registries hold no arrays).
func toJV(n jsontree.Node) *jv {
	switch n.Kind() {
	case jsontree.Object:
		o := &jv{members: []jkv{}}
		for m := range n.Members() {
			o.members = append(o.members, jkv{m.Key, toJV(m.Value)})
		}
		return o
	case jsontree.String:
		b, _ := json.Marshal(n.Text())
		return lit(string(b))
	case jsontree.Array:
		return lit("[]")
	}
	return lit(n.Text())
}

func (v *jv) clone() *jv {
	if v.members == nil {
		return lit(v.lit)
	}
	o := &jv{members: make([]jkv, len(v.members))}
	for i, m := range v.members {
		o.members[i] = jkv{m.key, m.val.clone()}
	}
	return o
}

func (v *jv) write(b *bytes.Buffer, indent string) {
	if v.members == nil {
		b.WriteString(v.lit)
		return
	}
	if len(v.members) == 0 {
		b.WriteString("{}")
		return
	}
	b.WriteString("{\n")
	for i, m := range v.members {
		k, _ := json.Marshal(m.key)
		b.WriteString(indent + "  " + string(k) + ": ")
		m.val.write(b, indent+"  ")
		if i < len(v.members)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString(indent + "}")
}

func (v *jv) bytes() []byte {
	var b bytes.Buffer
	v.write(&b, "")
	b.WriteByte('\n')
	return b.Bytes()
}

// get returns the member key of an object, or nil.
func (v *jv) get(key string) *jv {
	for _, m := range v.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// at follows a path of keys.
func (v *jv) at(path []string) *jv {
	for _, k := range path {
		if v = v.get(k); v == nil {
			return nil
		}
	}
	return v
}

// values: every wrong JSON type and the boundaries of Kuzzle's ranges.
var mutationValues = []string{`"1"`, `""`, `true`, `false`, `null`, `{}`, `[]`, `[1]`,
	`0`, `1`, `255`, `256`, `65535`, `65536`, `-1`, `1.5`, `1.0`, `1e3`, `-0`, `2.55e2`, `1e400`, `"NotFoundError"`, `"2.0.0"`}

// mutateFields returns single mutations of the fields of the object at path:
// each field missing, set to each value, given twice (both orders), and an
// extra key.
func mutateFields(base *jv, path []string, fields []string, emit func(string, *jv)) {
	where := strings.Join(path, ".")
	for _, f := range fields {
		if base.at(path).get(f) != nil {
			doc := base.clone()
			o := doc.at(path)
			o.members = slices.DeleteFunc(o.members, func(m jkv) bool { return m.key == f })
			emit(where+": no "+f, doc)
		}
		for _, val := range mutationValues {
			doc := base.clone()
			o := doc.at(path)
			if i := slices.IndexFunc(o.members, func(m jkv) bool { return m.key == f }); i >= 0 {
				o.members[i].val = lit(val)
			} else {
				o.members = append(o.members, jkv{f, lit(val)})
			}
			emit(fmt.Sprintf("%s: %s=%s", where, f, val), doc)
		}
		if orig := base.at(path).get(f); orig != nil {
			for _, val := range []string{`"x"`, `-1`} {
				doc := base.clone()
				o := doc.at(path)
				o.members = append(o.members, jkv{f, lit(val)}) // the bad value last: it wins
				emit(fmt.Sprintf("%s: %s twice, then %s", where, f, val), doc)
				doc = base.clone()
				o = doc.at(path)
				o.members = append([]jkv{{f, lit(val)}}, o.members...) // the bad value first: overridden
				emit(fmt.Sprintf("%s: %s twice, first %s", where, f, val), doc)
			}
		}
	}
	doc := base.clone()
	o := doc.at(path)
	o.members = append(o.members, jkv{"extra", lit(`"x"`)})
	emit(where+": extra key", doc)
}

// mutateObject replaces the object at path (a member of its parent) by
// values of other types, duplicates it, and renames it.
func mutateObject(base *jv, path []string, emit func(string, *jv)) {
	where := strings.Join(path, ".")
	parentPath, key := path[:len(path)-1], path[len(path)-1]
	for _, val := range []string{`"x"`, `null`, `1`, `[]`, `true`, `{}`} {
		doc := base.clone()
		p := doc.at(parentPath)
		i := slices.IndexFunc(p.members, func(m jkv) bool { return m.key == key })
		p.members[i].val = lit(val)
		emit(fmt.Sprintf("%s=%s", where, val), doc)
	}
	for _, name := range []string{"Alpha", "fi-rst", "1first", "a.b", "a[0]", "", "é", "__x__"} {
		doc := base.clone()
		p := doc.at(parentPath)
		i := slices.IndexFunc(p.members, func(m jkv) bool { return m.key == key })
		p.members[i].key = name
		emit(fmt.Sprintf("%s renamed %q", where, name), doc)
	}
	// The same name twice: the second (last) definition wins.
	doc := base.clone()
	p := doc.at(parentPath)
	i := slices.IndexFunc(p.members, func(m jkv) bool { return m.key == key })
	p.members = append(p.members, jkv{key, p.members[i].val.clone()})
	emit(where+" twice", doc)
	doc = base.clone()
	p = doc.at(parentPath)
	p.members = append(p.members, jkv{key, lit(`"x"`)})
	emit(where+" twice, then a string", doc)
	// A copy under another name: codes collide.
	doc = base.clone()
	p = doc.at(parentPath)
	p.members = append(p.members, jkv{key + "_copy", p.members[i].val.clone()})
	emit(where+" copied", doc)
}

// handDomain is a hand-written v2 domain file with every optional field.
const handDomain = `{
  "code": 32,
  "subDomains": {
    "cart": {
      "code": 1,
      "deprecated": "1.0.0",
      "errors": {
        "item_missing": {"description": "An item is missing", "code": 1, "message": "Item %s is missing.", "class": "NotFoundError", "deprecated": "2.0.0"},
        "too_big": {"description": "Too big", "code": 2, "message": "Cart too big", "class": "KuzzleError", "status": 413}
      }
    },
    "bag": {"code": 0, "errors": {}}
  }
}`

// handManifest is a hand-written plugin manifest.
const handManifest = `{
  "name": "kuzzle-plugin-payments",
  "kuzzleVersion": ">=2.0.0 <3",
  "errors": {
    "card_declined": {"code": 1, "message": "Card %s declined", "class": "BadRequestError"},
    "gateway_down": {"description": "Gateway down", "code": 2, "message": "Gateway down", "class": "ServiceUnavailableError"}
  }
}`

func parseJV(t *testing.T, file string, data []byte) *jv {
	t.Helper()
	n, ps := parseJSON(file, string(data), nil)
	if n.Kind() == jsontree.None {
		t.Fatalf("%s: %v", file, ps)
	}
	return toJV(n)
}

// differentialCases generates the single mutations.
func differentialCases(t *testing.T) []diffCase {
	var cases []diffCase
	// Domain sets: the hand-written file, Kuzzle 2.56's codes and the 1.12 ones
	// (v1 layout), each mutated in one file.
	type set struct {
		name   string
		files  map[string][]byte
		target string // the file mutated
	}
	sets := []set{{"hand", map[string][]byte{"32-shop.json": []byte(handDomain)}, "32-shop.json"}}
	for _, s := range []struct{ dir, target string }{{"../shared/kuzzle-codes/latest", "0-core.json"}, {"../shared/kuzzle-codes/seed-version", "services.json"}} {
		dir := filepath.Join("..", s.dir)
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		if len(files) == 0 {
			t.Logf("%s is absent: its mutations are skipped", dir)
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
		// Each case holds the mutated file and the smallest other one (a
		// second domain, whose code the first must not reuse); one more
		// case holds every file.
		cases = append(cases, diffCase{name: filepath.Base(s.dir) + ": every file", files: m})
		small := map[string][]byte{s.target: m[s.target]}
		smallest := ""
		for name, data := range m {
			if name != s.target && (smallest == "" || len(data) < len(m[smallest])) {
				smallest = name
			}
		}
		small[smallest] = m[smallest]
		sets = append(sets, set{filepath.Base(s.dir), small, s.target})
	}
	for _, s := range sets {
		base := parseJV(t, s.target, s.files[s.target])
		add := func(what string, files map[string][]byte) {
			all := map[string][]byte{}
			for k, v := range s.files {
				all[k] = v
			}
			for k, v := range files {
				if v == nil {
					delete(all, k)
				} else {
					all[k] = v
				}
			}
			cases = append(cases, diffCase{name: s.name + " " + s.target + ": " + what, files: all})
		}
		emit := func(what string, doc *jv) { add(what, map[string][]byte{s.target: doc.bytes()}) }
		subsKey := "subdomains"
		if IsV2(s.target) {
			subsKey = "subDomains"
		}
		add("unchanged", nil)
		mutateFields(base, nil, []string{"code", subsKey, "deprecated"}, emit)
		subs := base.get(subsKey)
		sub := subs.members[0].key
		var errName string
		for _, m := range subs.members { // the first subdomain with errors
			if errs := m.val.get("errors"); errs != nil && len(errs.members) > 0 {
				sub, errName = m.key, errs.members[0].key
				break
			}
		}
		subPath := []string{subsKey, sub}
		errPath := []string{subsKey, sub, "errors", errName}
		mutateFields(base, subPath, []string{"code", "errors", "deprecated"}, emit)
		mutateObject(base, subPath, emit)
		mutateFields(base, errPath, []string{"code", "message", "class", "description", "deprecated", "status"}, emit)
		mutateObject(base, errPath, emit)
		for _, class := range []string{"NopeError", "__esModule", "kuzzleError", "", "KuzzleError", "PartialError"} {
			doc := base.clone()
			doc.at(errPath).members = append(doc.at(errPath).members, jkv{"class", lit(strconv.Quote(class))})
			emit("class "+strconv.Quote(class), doc)
		}
		for _, status := range []string{`404`, `0`, `42`, `"400"`, `null`} {
			doc := base.clone()
			doc.at(errPath).members = append(doc.at(errPath).members, jkv{"class", lit(`"KuzzleError"`)}, jkv{"status", lit(status)})
			emit("KuzzleError status "+status, doc)
		}
		// Both layouts' keys, and the other layout's alone.
		other := map[string]string{"subDomains": "subdomains", "subdomains": "subDomains"}[subsKey]
		doc := base.clone()
		doc.members = append(doc.members, jkv{other, subs.clone()})
		emit("both layouts' keys", doc)
		doc = base.clone()
		doc.members[slices.IndexFunc(doc.members, func(m jkv) bool { return m.key == subsKey })].key = other
		emit("the other layout's key", doc)
		// The file renamed to the other layout's name.
		renamed := DomainName(s.target) + ".json"
		if !IsV2(s.target) {
			renamed = "99-" + renamed
		}
		add("renamed "+renamed, map[string][]byte{s.target: nil, renamed: s.files[s.target]})
		// A byte order mark, once (stripped by require) and twice (not JSON).
		bom := "\uFEFF"
		add("BOM", map[string][]byte{s.target: append([]byte(bom), s.files[s.target]...)})
		add("two BOMs", map[string][]byte{s.target: append([]byte(bom+bom), s.files[s.target]...)})
		add("not JSON", map[string][]byte{s.target: []byte(`{"code": 1,}`)})
		// Another domain reusing the code, with errors and without.
		code := base.get("code").lit
		for _, other := range []string{
			`{"code": ` + code + `, "SUBS": {}}`,
			`{"code": ` + code + `, "SUBS": {"a": {"code": 1, "errors": {}}}}`,
			`{"code": 200, "SUBS": {}}`,
		} {
			name := "200-zz.json"
			if !IsV2(s.target) {
				name = "zz.json"
			}
			add("another domain: "+other, map[string][]byte{name: []byte(strings.ReplaceAll(other, "SUBS", subsKey))})
		}
	}
	// Manifests: the hand-written one, mutated at every level.
	base := parseJV(t, "manifest.json", []byte(handManifest))
	emit := func(what string, doc *jv) {
		cases = append(cases, diffCase{name: "manifest: " + what, files: map[string][]byte{ManifestName: doc.bytes()}, manifest: true})
	}
	emit("unchanged", base)
	mutateFields(base, nil, []string{"name", "kuzzleVersion", "errors"}, emit)
	for _, name := range []string{"kuzzle-plugin-auth-passport-local", "Alpha_1", "a b", "a.b", "é", "manifest", "x-"} {
		doc := base.clone()
		doc.members = append(doc.members, jkv{"name", lit(strconv.Quote(name))})
		emit("name "+strconv.Quote(name), doc)
	}
	errPath := []string{"errors", "card_declined"}
	mutateFields(base, errPath, []string{"code", "message", "class", "description", "deprecated", "status"}, emit)
	mutateObject(base, errPath, emit)
	doc := base.clone()
	doc.members = slices.DeleteFunc(doc.members, func(m jkv) bool { return m.key == "errors" })
	emit("no errors", doc)
	cases = append(cases, diffCase{name: "manifest: BOM", files: map[string][]byte{ManifestName: append([]byte("\uFEFF"), handManifest...)}, manifest: true},
		diffCase{name: "manifest: an array", files: map[string][]byte{ManifestName: []byte(`[]`)}, manifest: true},
		diffCase{name: "manifest: null", files: map[string][]byte{ManifestName: []byte(`null`)}, manifest: true})
	return cases
}

// caseInput is one differential case as the Node side reads it.
type caseInput struct {
	Dir      string `json:"dir"`
	Manifest bool   `json:"manifest"`
}

// writeCases writes each case's files into a directory of its own.
func writeCases(t *testing.T, cases []diffCase) []caseInput {
	t.Helper()
	root := t.TempDir()
	inputs := make([]caseInput, 0, len(cases))
	for i, c := range cases {
		d := filepath.Join(root, strconv.Itoa(i))
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range c.files {
			if err := os.WriteFile(filepath.Join(d, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		inputs = append(inputs, caseInput{d, c.manifest})
	}
	return inputs
}
