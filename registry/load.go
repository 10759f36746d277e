package registry

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/kerrlint/kerrlint/registry/internal/jsontree"
)

// Load reads a Kuzzle registry from a file or a directory, as Kuzzle 2 loads
// it, and validates it with Kuzzle's load-time rules plus uniqueness of ids
// and full codes. A file named manifest.json, or a directory holding one, is
// a plugin manifest (see ParseManifest); otherwise every *.json file of a
// directory is a domain file, whose name decides its layout (v2
// N-domain.json with "subDomains", v1 domain.json with "subdomains").
// Problems carry file:line:col; warnings are not reported (see Check).
func Load(path string) (*Registry, error) {
	r, _, err := Check(path)
	return r, err
}

// LoadPaths loads each path with Load and merges the results in order.
func LoadPaths(paths ...string) (*Registry, error) {
	r, _, err := Check(paths...)
	return r, err
}

// LoadFiles loads domain files (or manifests) that together form one
// registry, as one Kuzzle load: domain names and codes are unique among them.
func LoadFiles(files ...string) (*Registry, error) {
	r, _, err := loadSet(osSource.read, files, anyRelease)
	return r, err
}

// LoadFS is Load and LoadPaths for any file system (an embed.FS in a
// production binary): each path names a registry file or a directory of
// them, and the results are merged in order. Positions name the paths as
// given, relative to fsys.
func LoadFS(fsys fs.FS, paths ...string) (*Registry, error) {
	r, _, err := CheckFS(fsys, paths...)
	return r, err
}

// Check is LoadPaths that also returns the warnings: the rules kerrlint
// checks beyond Kuzzle's (see the Warn constants). A registry with warnings
// and no error loads. On error, the warnings found so far are returned too.
func Check(paths ...string) (*Registry, Problems, error) {
	return check(osSource, paths, anyRelease)
}

// CheckRelease is Check with the rules of one Kuzzle release (1.11.0 to
// NewestKuzzle, see KuzzleEras): what that release's loader refuses is an
// error, and nothing is a WarnReleaseDependent warning.
func CheckRelease(version string, paths ...string) (*Registry, Problems, error) {
	e, err := eraOf(version)
	if err != nil {
		return nil, nil, Problems{{Msg: err.Error()}}
	}
	return check(osSource, paths, rules{era: e, version: version})
}

// CheckFS is Check on any file system, as LoadFS.
func CheckFS(fsys fs.FS, paths ...string) (*Registry, Problems, error) {
	if fsys == nil {
		return nil, nil, Problems{{Msg: "LoadFS: nil file system"}}
	}
	if len(paths) == 0 {
		return nil, nil, Problems{{Msg: "LoadFS: no path given"}}
	}
	return check(fsSource(fsys), paths, anyRelease)
}

// source is a file system the loaders read: the operating system's or an fs.FS.
type source struct {
	stat    func(string) (fs.FileInfo, error)
	readDir func(string) ([]fs.DirEntry, error)
	read    func(string) ([]byte, error) // regular files only, bounded: see ReadFile
	join    func(...string) string
}

var osSource = source{os.Stat, readDir, ReadFile, filepath.Join}

func fsSource(fsys fs.FS) source {
	return source{
		stat:    func(name string) (fs.FileInfo, error) { return fs.Stat(fsys, name) },
		readDir: func(name string) ([]fs.DirEntry, error) { return fs.ReadDir(fsys, name) },
		// readFS reads into new memory, never the bytes a file system may
		// keep (fstest.MapFS does): the loader makes its strings from the
		// bytes without a copy.
		read: func(name string) ([]byte, error) { return readFS(fsys, name) },
		join: path.Join,
	}
}

// ManifestName is the file name of a Kuzzle plugin manifest.
const ManifestName = "manifest.json"

func isManifest(file string) bool { return filepath.Base(file) == ManifestName }

// check loads each path as one Kuzzle load and merges the results in order.
func check(src source, paths []string, rs rules) (*Registry, Problems, error) {
	var regs []*Registry
	var errs, warnings Problems
	for _, p := range paths {
		files, perr := src.files(p)
		if perr != nil {
			errs = append(errs, perr...)
			continue
		}
		r, w, err := loadSet(src.read, files, rs)
		warnings = append(warnings, w...)
		if err != nil {
			errs = append(errs, AsProblems(err)...)
			continue
		}
		regs = append(regs, r)
	}
	if len(errs) > 0 {
		return nil, warnings, errs
	}
	if len(regs) == 1 {
		return regs[0], warnings, nil
	}
	r, err := Merge(regs...)
	return r, warnings, err
}

// files returns the registry files path names: itself, or the *.json files
// of a directory (its manifest.json alone in a plugin's directory).
func (src source) files(p string) ([]string, Problems) {
	info, err := src.stat(p)
	if err != nil {
		return nil, Problems{{Pos: Position{File: p}, Msg: cleanOSError(err)}}
	}
	if !info.IsDir() {
		return []string{p}, nil
	}
	if m := src.join(p, ManifestName); fileExists(src, m) {
		return []string{m}, nil
	}
	files, err := listJSON(src.readDir, src.join, p)
	if err != nil {
		return nil, Problems{{Pos: Position{File: p}, Msg: cleanOSError(err)}}
	}
	if len(files) == 0 {
		return nil, Problems{{Pos: Position{File: p}, Msg: "no *.json registry file in this directory"}}
	}
	return files, nil
}

func fileExists(src source, name string) bool {
	info, err := src.stat(name)
	return err == nil && !info.IsDir()
}

// parsedFile is what one registry file gives.
type parsedFile struct {
	domain   string // "" for a manifest
	rootLoc  jsontree.Pos
	code     float64
	codeLoc  jsontree.Pos // zero when the code is unknown
	entries  []*Entry
	problems Problems // errors and warnings
	jsonEnd  int      // problems[:jsonEnd] are the JSON parser's
	layout   docDomain
}

// loadSet parses files read by read, in parallel, and builds one registry
// from them: one Kuzzle load, where domain names and codes are unique.
func loadSet(read func(string) ([]byte, error), files []string, rs rules) (*Registry, Problems, error) {
	files = slices.Sorted(slices.Values(files))
	results := make([]parsedFile, len(files))
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			var parser jsontree.Parser // one file's parse at a time
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				f := files[i]
				data, err := read(f)
				if err != nil {
					results[i].problems = Problems{{Pos: Position{File: f}, Msg: cleanOSError(err)}}
					continue
				}
				// The bytes were just read and nobody else holds them: the
				// text needs no copy (entries' strings are substrings of it).
				text := unsafe.String(unsafe.SliceData(data), len(data))
				if isManifest(f) {
					results[i] = parseManifest(f, text, 0, &parser, rs)
				} else {
					results[i] = parseDomainFile(f, text, &parser, rs)
				}
			}
		})
	}
	wg.Wait()
	n := 0
	for _, r := range results {
		n += len(r.entries)
	}
	entries := make([]*Entry, 0, n)
	var problems Problems
	// Kuzzle keeps one object per domain name: of files defining the same
	// domain, the last read (files are read in name order) replaces the
	// others, which it never checks.
	last := map[string]int{} // domain → index of its last file
	for i, r := range results {
		if r.domain != "" {
			last[r.domain] = i
		}
	}
	byCode := map[float64]int{} // domain code → file index
	for i, r := range results {
		if j := last[r.domain]; r.domain != "" && j != i {
			problems = append(problems, r.problems[:r.jsonEnd]...)
			problems = append(problems,
				Problem{Pos: position(files[i], r.rootLoc), Warning: WarnDuplicateDomain,
					Msg: fmt.Sprintf("domain %s is also defined by %s, read after this file, which replaces it: this file is ignored", r.domain, files[j])},
				Problem{Pos: position(files[j], results[j].rootLoc), Warning: WarnDuplicateDomain,
					Msg: fmt.Sprintf("domain %s is also defined by %s: this file, read after it, replaces it", r.domain, files[i])})
			continue
		}
		entries = append(entries, r.entries...)
		problems = append(problems, r.problems...)
		if r.domain == "" {
			continue
		}
		if r.codeLoc == (jsontree.Pos{}) {
			continue
		}
		code := r.code + 0 // -0 is 0
		if j, dup := byCode[code]; dup {
			problems = append(problems, Problem{Pos: position(files[i], r.codeLoc), Msg: fmt.Sprintf("domain %s: code %v is already used by domain %s at %s",
				r.domain, code, results[j].domain, position(files[j], results[j].codeLoc))})
		} else {
			byCode[code] = i
		}
	}
	errs, warnings := problems.split()
	if len(errs) > 0 {
		return nil, warnings, errs
	}
	r, err := build(entries, false)
	if err == nil {
		for i, f := range results { // the files Kuzzle keeps, in order
			if f.layout.name != "" && (f.domain == "" || last[f.domain] == i) {
				r.layout = append(r.layout, f.layout)
			}
		}
		r.layout = mergeLayouts([]*Registry{{layout: r.layout}}) // a plugin's domain once
	}
	return r, warnings, err
}

// truthyField reports whether obj (an object node) has key with a value
// JavaScript finds truthy, as Kuzzle's generator tests "deprecated".
func truthyField(obj jsontree.Node, key string) bool {
	return obj.Field(key).Truthy()
}

func cleanOSError(err error) string {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}

var v2FileName = regexp.MustCompile(`^[0-9]+-`)

// DomainName returns the domain a Kuzzle registry file defines, from its
// name: services.json (v1) or 1-services.json (v2).
func DomainName(file string) string {
	base := strings.TrimSuffix(filepath.Base(file), ".json")
	return v2FileName.ReplaceAllString(base, "")
}

// IsV2 reports whether a domain file is in Kuzzle 2's layout (N-domain.json,
// key "subDomains") rather than Kuzzle 1's (domain.json, key "subdomains").
func IsV2(file string) bool { return v2FileName.MatchString(filepath.Base(file)) }

// ParseDomain parses one Kuzzle domain file and validates it as Kuzzle does
// at load time. The domain's name comes from the file name, and so does the
// layout (see IsV2). The problems are errors and warnings (see Problem).
func ParseDomain(file string, data []byte) ([]*Entry, Problems) {
	f := parseDomainFile(file, string(data), nil, anyRelease)
	return f.entries, f.problems
}

// parseDomainFile parses and validates a domain file in buf's memory (nil:
// new memory).
func parseDomainFile(file, text string, parser *jsontree.Parser, rs rules) parsedFile {
	root, problems := parseJSON(file, text, parser)
	if root.Kind() == jsontree.None {
		return parsedFile{problems: problems, jsonEnd: len(problems)}
	}
	v := &validator{file: file, problems: problems, rules: rs}
	domain := DomainName(file)
	out := parsedFile{domain: domain, rootLoc: root.Pos(), jsonEnd: len(problems)}
	if domain == "" {
		v.fail(root.Pos(), "file name %q gives no domain name (want N-domain.json or domain.json)", filepath.Base(file))
		out.problems = v.problems
		return out
	}
	v.name(root.Pos(), "domain", domain)
	what := "domain " + domain
	if !v.object(root, what) {
		out.problems = v.problems
		return out
	}
	subsKey, otherKey := v.subdomainsKey(file, root, what)
	if code, ok := v.intField(root, "code", what, 0, 0xFF); ok {
		out.code, out.codeLoc = code, root.Field("code").Pos()
	}
	out.layout = docDomain{name: domain, code: uint8(out.code), deprecated: truthyField(root, "deprecated")}
	deprecated := v.inheritedDeprecated(root, what)
	for m := range root.Members() {
		switch m.Key {
		case "code", subsKey, "deprecated":
		case otherKey:
			if v.rules.era == nil && IsV2(file) && otherKey == "subdomains" {
				v.warn(m.Pos, WarnReleaseDependent, "%s: Kuzzle %s read \"subdomains\", this key, and %s read \"subDomains\": the files they load differ", what,
					eraNames(func(e *era) bool { return e.key == "subdomains" }), eraNames(func(e *era) bool { return e.key == "subDomains" }))
				continue
			}
			if _, has := root.Lookup(subsKey); has { // else the error below says it
				v.warn(m.Pos, WarnUnknownKey, "%s: %q is ignored: %s reads %q", what, m.Key, v.layoutName(file), subsKey)
			}
		default:
			v.unknownKey(m, what)
		}
	}
	subs := root.Field(subsKey)
	if subs.Kind() == jsontree.None {
		hint := ""
		if _, other := root.Lookup(otherKey); other {
			hint = fmt.Sprintf(" (%q is the key of the other layout: %s reads %q)", otherKey, v.layoutName(file), subsKey)
			if v.rules.era != nil && IsV2(file) {
				hint += fmt.Sprintf("; Kuzzle %s read %q: registry check -kuzzle VERSION gives another release's verdict", eraNames(func(e *era) bool { return e.key == otherKey }), otherKey)
			}
		}
		v.fail(root.Pos(), "%s: missing %q%s", what, subsKey, hint)
		out.problems = v.problems
		return out
	}
	if !v.object(subs, fmt.Sprintf("%s: %q", what, subsKey)) {
		out.problems = v.problems
		return out
	}
	subCodes := map[float64]string{}
	n := 0
	for sm := range subs.Members() {
		n += sm.Value.Field("errors").Len()
	}
	out.entries = make([]*Entry, 0, n)
	v.entries = make([]Entry, 0, n) // the file's entries, in one allocation
	for sm := range subs.Members() {
		sname, sub := sm.Key, sm.Value
		v.name(sm.Pos, "subdomain", sname)
		swhat := "subdomain " + domain + "." + sname
		if !v.object(sub, swhat) {
			continue
		}
		scode, sok := v.intField(sub, "code", swhat, 0, 0xFF)
		if sok && !(scode == 0 && v.rules.era != nil && v.rules.era.zeroShared) {
			if prev, dup := subCodes[scode]; dup && scode == 0 && v.rules.era == nil {
				v.warn(sub.Field("code").Pos(), WarnReleaseDependent, "%s: code 0 is also subdomain %s's: Kuzzle %s let subdomains share code 0, later releases refuse it",
					swhat, prev, eraNames(func(e *era) bool { return e.zeroShared }))
			} else if dup {
				v.fail(sub.Field("code").Pos(), "%s: code %v is already used by subdomain %s", swhat, scode, prev)
				sok = false
			} else {
				subCodes[scode] = domain + "." + sname
			}
		}
		sdep := v.inheritedDeprecated(sub, swhat)
		for m := range sub.Members() {
			if m.Key != "code" && m.Key != "errors" && m.Key != "deprecated" {
				v.unknownKey(m, swhat)
			}
		}
		errs, ok := v.errorsField(sub, swhat)
		if !ok {
			continue
		}
		out.layout.subs = append(out.layout.subs, docSub{name: sname, code: uint8(scode), deprecated: truthyField(sub, "deprecated")})
		ds := &out.layout.subs[len(out.layout.subs)-1]
		entries, rows := v.errorEntries(domain, sname, errs, false)
		for _, e := range entries {
			if sok && out.codeLoc != (jsontree.Pos{}) {
				e.Code |= uint32(out.code)<<24 | uint32(scode)<<16
			}
			e.Deprecated = firstNonEmpty(e.Deprecated, sdep, deprecated)
		}
		out.entries = append(out.entries, entries...)
		ds.rows = rows
	}
	out.problems = v.problems
	return out
}

func (v *validator) layoutName(file string) string {
	switch {
	case !IsV2(file):
		return "a Kuzzle 1 file (domain.json)"
	case v.rules.era != nil:
		return "Kuzzle " + v.rules.version + "'s loader"
	}
	return "a Kuzzle 2 file (N-domain.json)"
}

// subdomainsKey returns the key of a domain file's subdomains under the
// rules, and the other layout's. A domain.json file (Kuzzle 1's layout) has
// "subdomains". An N-domain.json file has the key of the release's era; for
// every release at once, "subDomains" (2.17.3 on) unless the file has only
// "subdomains" (2.4 to 2.17.2), which is then release-dependent.
func (v *validator) subdomainsKey(file string, root jsontree.Node, what string) (key, other string) {
	if !IsV2(file) {
		return "subdomains", "subDomains"
	}
	if v.rules.era != nil {
		if v.rules.era.key == "subDomains" {
			return "subDomains", "subdomains"
		}
		return "subdomains", "subDomains"
	}
	_, newKey := root.Lookup("subDomains")
	if old, oldKey := root.Lookup("subdomains"); oldKey && !newKey {
		v.warn(old.Pos, WarnReleaseDependent, "%s: Kuzzle %s read \"subdomains\"; %s read \"subDomains\" and refuse this file",
			what, eraNames(func(e *era) bool { return e.key == "subdomains" }), eraNames(func(e *era) bool { return e.key == "subDomains" }))
		return "subdomains", "subDomains"
	}
	return "subDomains", "subdomains"
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// validator checks a parsed file, collecting errors and warnings.
type validator struct {
	file     string
	rules    rules
	problems Problems
	entries  []Entry           // slab for newEntry
	codes    map[uint32]*Entry // errorEntries' index of a subdomain's codes, cleared for each
}

// fail reports an error: something Kuzzle refuses.
func (v *validator) fail(l jsontree.Pos, format string, args ...any) {
	v.problems = append(v.problems, Problem{Pos: position(v.file, l), Msg: fmt.Sprintf(format, args...)})
}

// warn reports a warning named name.
func (v *validator) warn(l jsontree.Pos, name, format string, args ...any) {
	v.problems = append(v.problems, Problem{Pos: position(v.file, l), Msg: fmt.Sprintf(format, args...), Warning: name})
}

// object reports whether n is a JSON object, and an error when it is not.
func (v *validator) object(n jsontree.Node, what string) bool {
	if n.Kind() != jsontree.Object {
		v.fail(n.Pos(), "%s must be an object, got %s", what, describe(n))
		return false
	}
	return true
}

// name warns about a domain, subdomain or error name Kuzzle accepts but that
// cannot make an id.
func (v *validator) name(l jsontree.Pos, kind, name string) {
	switch {
	case name == "":
		v.warn(l, WarnEmptyName, "empty %s name: Kuzzle accepts it, but an id with an empty part is not one kerrlint accepts", kind)
	case strings.IndexFunc(name, func(r rune) bool { return r == '.' || r == '[' || r == ']' }) >= 0:
		v.warn(l, WarnUnraisableName, "%s name %q can never be raised: Kuzzle's kerror looks errors up by a path that splits on \".\", \"[\" and \"]\"", kind, name)
	}
}

func (v *validator) unknownKey(m jsontree.Member, what string) {
	v.warn(m.Pos, WarnUnknownKey, "%s: Kuzzle does not read %q", what, m.Key)
}

// intField reads an integer field in [lo, hi], as Kuzzle checks it:
// Number.isInteger, then the range.
func (v *validator) intField(obj jsontree.Node, key, what string, lo, hi float64) (float64, bool) {
	return v.intValue(obj, key, obj.Field(key), what, lo, hi)
}

// intValue is intField on the value n of obj's key (kind None: absent).
func (v *validator) intValue(obj jsontree.Node, key string, n jsontree.Node, what string, lo, hi float64) (float64, bool) {
	if n.Kind() == jsontree.None {
		v.fail(obj.Pos(), "%s: missing %q", what, key)
		return 0, false
	}
	i, ok := n.Integer()
	if !ok {
		v.fail(n.Pos(), "%s: %q must be an integer, got %s", what, key, describe(n))
		return 0, false
	}
	if i < lo || i > hi {
		v.fail(n.Pos(), "%s: %q must be between %v and %v, got %s", what, key, lo, hi, n.Text())
		return 0, false
	}
	return i + 0, true // -0 is 0
}

// inheritedDeprecated reads the "deprecated" of a domain or subdomain, which
// Kuzzle never reads and kerrlint applies to their errors.
func (v *validator) inheritedDeprecated(obj jsontree.Node, what string) string {
	n := obj.Field("deprecated")
	if n.Kind() == jsontree.None || n.Kind() == jsontree.Null {
		return ""
	}
	if n.Kind() != jsontree.String || n.Text() == "" {
		v.warn(n.Pos(), WarnDeprecatedIgnored, "%s: \"deprecated\" is ignored: want a version string, got %s (Kuzzle does not read it)", what, describe(n))
		return ""
	}
	return n.Text()
}

// errorsField returns a subdomain's "errors" object.
func (v *validator) errorsField(sub jsontree.Node, what string) (jsontree.Node, bool) {
	errs := sub.Field("errors")
	if errs.Kind() == jsontree.None {
		v.fail(sub.Pos(), "%s: missing \"errors\"", what)
		return jsontree.Node{}, false
	}
	return errs, v.object(errs, what+": \"errors\"")
}

// notAClass is the one name Kuzzle's class check accepts besides its error
// classes: the check looks for a property of its errors module, which has
// "__esModule" too.
const notAClass = "__esModule"

// errorEntries validates the errors of a subdomain and returns their
// entries, whose codes hold the error's code only, and their rows on the
// Markdown page.
func (v *validator) errorEntries(domain, sub string, errs jsontree.Node, plugin bool) ([]*Entry, []docRow) {
	entries := make([]*Entry, 0, errs.Len())
	rows := make([]docRow, 0, errs.Len())
	prefix := domain + "." + sub + "."
	// The ids, prefix + name, as substrings of one string: one allocation
	// per subdomain, not one per error.
	n := errs.Len() * len(prefix)
	for em := range errs.Members() {
		n += len(em.Key)
	}
	var b strings.Builder
	b.Grow(n)
	for em := range errs.Members() {
		b.WriteString(prefix)
		b.WriteString(em.Key)
	}
	ids, end := b.String(), 0
	if v.codes == nil {
		v.codes = make(map[uint32]*Entry, errs.Len())
	}
	byCode := v.codes
	clear(byCode)
	for em := range errs.Members() {
		v.name(em.Pos, "error", em.Key)
		id := ids[end : end+len(prefix)+len(em.Key)]
		end += len(id)
		e, deprecated := v.entry(id, em.Value, plugin)
		if e == nil {
			continue
		}
		if prev, dup := byCode[e.Code]; dup {
			v.fail(em.Value.Field("code").Pos(), "%s: code %d is already used by %s", id, e.Code, prev.ID)
			continue
		}
		byCode[e.Code] = e
		e.Domain, e.Subdomain, e.Name, e.Pos = domain, sub, em.Key, position(v.file, em.Pos)
		entries = append(entries, e)
		rows = append(rows, docRow{id: e.ID, deprecated: deprecated})
	}
	return entries, rows
}

// entry validates one error object as Kuzzle's checkErrors does (plugin:
// no description required); the caller completes names and code. It also
// returns whether the object's "deprecated" is truthy, as the Markdown
// page's row marks it.
func (v *validator) entry(id string, n jsontree.Node, plugin bool) (*Entry, bool) {
	if n.Kind() != jsontree.Object {
		v.fail(n.Pos(), "error %s must be an object, got %s", id, describe(n))
		return nil, false
	}
	// The keys Kuzzle reads, in one pass (the parser kept one value per key);
	// a value of kind None is absent.
	var codeN, msgN, cn, descN, depN, statusN jsontree.Node
	unknown := false
	for m := range n.Members() {
		switch val := m.Value; m.Key {
		case "code":
			codeN = val
		case "message":
			msgN = val
		case "class":
			cn = val
		case "description":
			descN = val
		case "deprecated":
			depN = val
		case "status":
			statusN = val
		default:
			unknown = true
		}
	}
	code, ok := v.intValue(n, "code", codeN, id, 1, 0xFFFF)
	msg, ok2 := v.stringValue(n, "message", msgN, id)
	ok = ok && ok2
	var class string
	classStatus, realClass := 0, false
	switch {
	case cn.Kind() == jsontree.None:
		v.fail(n.Pos(), "%s: missing \"class\"", id)
		ok = false
	case cn.Kind() != jsontree.String:
		v.fail(cn.Pos(), "%s: \"class\" must be a string, got %s", id, describe(cn))
		ok = false
	default:
		status, accepted, warnName, warnMsg := v.rules.classStatus(cn.Text())
		switch {
		case !accepted && v.rules.era != nil && knownToSomeRelease(cn.Text()):
			v.fail(cn.Pos(), "%s: class %q is not one of Kuzzle %s's classes", id, cn.Text(), v.rules.version)
			ok = false
		case !accepted:
			v.fail(cn.Pos(), "%s: unknown class %q", id, cn.Text())
			ok = false
		default:
			class = cn.Text()
			_, realClass = ClassStatus(class)
			classStatus, realClass = status, realClass || class == parseError
			if warnName != "" {
				v.warn(cn.Pos(), warnName, "%s: %s", id, warnMsg)
			}
		}
	}
	var desc string
	if dn, has := descN, descN.Kind() != jsontree.None; plugin && !(v.rules.era != nil && v.rules.era.pluginDescription) {
		if has && dn.Kind() == jsontree.String {
			desc = dn.Text()
		} else if has && dn.Kind() != jsontree.Null {
			v.warn(dn.Pos(), WarnDescriptionIgnored, "%s: \"description\" is not a string, got %s", id, describe(dn))
		}
	} else {
		desc, ok2 = v.stringValue(n, "description", descN, id)
		ok = ok && ok2
	}
	var dep string
	if dn := depN; dn.Kind() != jsontree.None && dn.Kind() != jsontree.Null {
		switch {
		case dn.Kind() == jsontree.String && dn.Text() != "":
			dep = dn.Text()
		case v.rules.era != nil && !v.rules.era.deprecatedChecked:
			// Kuzzle 1.x never reads it.
		case v.rules.era == nil:
			v.warn(dn.Pos(), WarnReleaseDependent, "%s: \"deprecated\" must be a non-empty string (a version) for Kuzzle %s, got %s; Kuzzle %s ignore it, and so does kerrlint",
				id, eraNames(func(e *era) bool { return e.deprecatedChecked }), describe(dn), eraNames(func(e *era) bool { return !e.deprecatedChecked }))
		default:
			v.fail(dn.Pos(), "%s: \"deprecated\" must be a non-empty string (a version), got %s", id, describe(dn))
			ok = false
		}
	}
	status := v.status(id, statusN, class, classStatus, realClass)
	if unknown {
		for m := range n.Members() {
			switch m.Key {
			case "code", "message", "class", "description", "deprecated", "status":
			default:
				v.unknownKey(m, id)
			}
		}
	}
	if !ok {
		return nil, false
	}
	e := v.newEntry(Entry{ID: id, Code: uint32(code), Class: class, Status: status, Description: desc, Message: msg, Deprecated: dep})
	return e, depN.Truthy()
}

// stringValue reads the required non-empty string n, the value of obj's key
// (kind None: absent).
func (v *validator) stringValue(obj jsontree.Node, key string, n jsontree.Node, what string) (string, bool) {
	if n.Kind() == jsontree.None {
		v.fail(obj.Pos(), "%s: missing %q", what, key)
		return "", false
	}
	if n.Kind() != jsontree.String || n.Text() == "" {
		v.fail(n.Pos(), "%s: %q must be a non-empty string, got %s", what, key, describe(n))
		return "", false
	}
	return n.Text(), true
}

// status returns an error's HTTP status as Kuzzle raises it: the class's, or
// for KuzzleError the entry's "status" (500 when absent or falsy). Kuzzle
// never checks "status": what it would not use, or use oddly, is a warning.
func (v *validator) status(id string, sn jsontree.Node, class string, status int, known bool) int {
	if !known {
		status = 500
	}
	if sn.Kind() == jsontree.None || class == "" {
		return status
	}
	if !StatusFromEntry(class) {
		v.warn(sn.Pos(), WarnStatusIgnored, "%s: \"status\" is ignored: class %s always has status %d; only KuzzleError takes it", id, class, status)
		return status
	}
	if sn.Kind() == jsontree.Null {
		return status
	}
	if s, ok := sn.Integer(); ok && s >= 100 && s <= 599 {
		return int(s)
	}
	if s, ok := sn.Integer(); ok && s != 0 && s >= -1<<31 && s < 1<<31 {
		v.warn(sn.Pos(), WarnStatusRange, "%s: \"status\" %s is not an HTTP status (100 to 599)", id, sn.Text())
		return int(s)
	}
	v.warn(sn.Pos(), WarnStatusRange, "%s: \"status\" must be an HTTP status (an integer from 100 to 599), got %s; kerrlint uses 500", id, describe(sn))
	return status
}

// newEntry returns e stored in the validator's current slab: a domain
// file allocates all its entries at once (see parseDomainFile), a manifest
// a few hundred at a time.
func (v *validator) newEntry(e Entry) *Entry {
	if len(v.entries) == cap(v.entries) {
		v.entries = make([]Entry, 0, 256)
	}
	v.entries = append(v.entries, e)
	return &v.entries[len(v.entries)-1]
}

// PluginDomainCode is the code of Kuzzle's domain "plugin", which holds the
// errors of every plugin.
const PluginDomainCode = 4

// pluginName is the rule Kuzzle's PluginManifest applies to a plugin's name.
var pluginName = regexp.MustCompile(`^[\w-]+$`)

// LoadManifest reads the "errors" object of a Kuzzle plugin manifest.json:
// domain "plugin" (code 4), subdomain the plugin's "name", whose code the
// caller gives, as Kuzzle assigns it when the plugin loads (its
// _pluginCode setting, 0 by default). Warnings are not reported (see Check).
func LoadManifest(path string, subdomainCode uint8) (*Registry, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, Problems{{Pos: Position{File: path}, Msg: cleanOSError(err)}}
	}
	return ParseManifest(path, data, subdomainCode)
}

// ParseManifest is LoadManifest on the contents of a manifest.json. It
// applies Kuzzle's rules: "kuzzleVersion" present, "name" a non-empty string
// matching ^[\w-]+$, and, when "errors" is truthy (most plugins have none),
// an object of errors checked as Kuzzle's loadPluginsErrors does (no
// description required).
func ParseManifest(path string, data []byte, subdomainCode uint8) (*Registry, error) {
	f := parseManifest(path, string(data), subdomainCode, nil, anyRelease)
	if errs, _ := f.problems.split(); len(errs) > 0 {
		return nil, errs
	}
	return build(f.entries, false)
}

func parseManifest(file, text string, subdomainCode uint8, parser *jsontree.Parser, rs rules) parsedFile {
	root, problems := parseJSON(file, text, parser)
	if root.Kind() == jsontree.None {
		return parsedFile{problems: problems, jsonEnd: len(problems)}
	}
	v := &validator{file: file, problems: problems, rules: rs}
	out := parsedFile{jsonEnd: len(problems)}
	if !v.object(root, "the manifest") {
		out.problems = v.problems
		return out
	}
	v.kuzzleVersion(root)
	name, ok := "", false
	switch n := root.Field("name"); {
	case n.Kind() == jsontree.None || n.Kind() == jsontree.Null:
		v.fail(root.Pos(), "manifest: missing \"name\"")
	case n.Kind() != jsontree.String || n.Text() == "":
		v.fail(n.Pos(), "manifest: \"name\" must be a non-empty string, got %s", describe(n))
	case !pluginName.MatchString(n.Text()):
		v.fail(n.Pos(), "manifest: plugin name %q must match ^[\\w-]+$ (letters, digits, _ and -)", n.Text())
	default:
		name, ok = n.Text(), true
	}
	if n := root.Field("privileged"); n.Kind() != jsontree.None && n.Kind() != jsontree.Null && n.Kind() != jsontree.Bool {
		v.fail(n.Pos(), "manifest: \"privileged\" must be a boolean, got %s", describe(n))
	}
	errs := root.Field("errors")
	if !errs.Truthy() {
		out.problems = v.problems
		return out
	}
	if !v.object(errs, "manifest: \"errors\"") || !ok {
		out.problems = v.problems
		return out
	}
	out.layout = docDomain{name: "plugin", code: PluginDomainCode, subs: []docSub{{name: name, code: subdomainCode}}}
	entries, rows := v.errorEntries("plugin", name, errs, true)
	for _, e := range entries {
		e.Code |= PluginDomainCode<<24 | uint32(subdomainCode)<<16
	}
	out.entries, out.layout.subs[0].rows = entries, rows

	out.problems = v.problems
	return out
}
