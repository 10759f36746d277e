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
)

// Load reads a Kuzzle JSON registry from a file or from every *.json file of
// a directory, in either layout (v1 domain.json with "subdomains", v2
// N-domain.json with "subDomains"), and validates it as Kuzzle does at load
// time plus uniqueness of ids and full codes. Problems carry file:line:col.
func Load(path string) (*Registry, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, Problems{{Position{File: path}, cleanOSError(err)}}
	}
	if !info.IsDir() {
		return LoadFiles(path)
	}
	files, err := filepath.Glob(filepath.Join(path, "*.json"))
	if err != nil {
		return nil, Problems{{Position{File: path}, err.Error()}}
	}
	if len(files) == 0 {
		return nil, Problems{{Position{File: path}, "no *.json registry file in this directory"}}
	}
	return LoadFiles(files...)
}

// LoadPaths loads each path with Load and merges the results in order.
func LoadPaths(paths ...string) (*Registry, error) {
	var regs []*Registry
	var problems Problems
	for _, p := range paths {
		r, err := Load(p)
		if err != nil {
			problems = append(problems, AsProblems(err)...)
			continue
		}
		regs = append(regs, r)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return Merge(regs...)
}

// LoadFiles loads domain files that together form one registry.
func LoadFiles(files ...string) (*Registry, error) {
	return loadFiles(os.ReadFile, files)
}

// LoadFS is Load and LoadPaths for any file system (an embed.FS in a
// production binary): each path names a registry file or a directory of
// them, and the results are merged in order. Positions name the paths as
// given, relative to fsys.
func LoadFS(fsys fs.FS, paths ...string) (*Registry, error) {
	if len(paths) == 0 {
		return nil, Problems{{Msg: "LoadFS: no path given"}}
	}
	read := func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) }
	var regs []*Registry
	var problems Problems
	for _, p := range paths {
		var r *Registry
		var err error
		info, serr := fs.Stat(fsys, p)
		switch {
		case serr != nil:
			err = Problems{{Position{File: p}, cleanOSError(serr)}}
		case info.IsDir():
			var files []string
			files, err = fs.Glob(fsys, path.Join(p, "*.json"))
			if err == nil && len(files) == 0 {
				err = Problems{{Position{File: p}, "no *.json registry file in this directory"}}
			}
			if err == nil {
				r, err = loadFiles(read, files)
			}
		default:
			r, err = loadFiles(read, []string{p})
		}
		if err != nil {
			problems = append(problems, AsProblems(err)...)
			continue
		}
		regs = append(regs, r)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return Merge(regs...)
}

// loadFiles parses domain files read by read, in parallel, and builds one
// registry from them.
func loadFiles(read func(string) ([]byte, error), files []string) (*Registry, error) {
	files = slices.Sorted(slices.Values(files))
	// Parse the files in parallel; gather the results in file order.
	type parsed struct {
		entries  []*Entry
		problems Problems
	}
	results := make([]parsed, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range files {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			data, err := read(f)
			if err != nil {
				results[i].problems = Problems{{Position{File: f}, cleanOSError(err)}}
				return
			}
			results[i].entries, results[i].problems = ParseDomain(f, data)
		}()
	}
	wg.Wait()
	var entries []*Entry
	var problems Problems
	for _, r := range results {
		entries = append(entries, r.entries...)
		problems = append(problems, r.problems...)
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return New(entries)
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

// ParseDomain parses one Kuzzle domain file and validates it as Kuzzle does
// at load time. The domain's name comes from the file name.
func ParseDomain(file string, data []byte) ([]*Entry, Problems) {
	root, problems := parseJSON(file, data)
	if root == nil {
		return nil, problems
	}
	v := &validator{file: file, problems: problems}
	domain := DomainName(file)
	if !ValidIDPart(domain) {
		v.add(root.loc, "file name %q does not give a valid domain name (lower-case letters, digits and _)", filepath.Base(file))
		return nil, v.problems
	}
	if !v.kind(root, '{', "the domain") {
		return nil, v.problems
	}
	dcode, ok := v.intField(root, "code", "domain "+domain, 0, 0xFF)
	deprecated, _ := v.deprecated(root, "domain "+domain)
	subs, subsKey := root.field("subDomains")
	if _, v1 := root.field("subdomains"); v1 {
		if subsKey {
			v.add(root.loc, "domain %s has both \"subdomains\" (v1) and \"subDomains\" (v2)", domain)
			return nil, v.problems
		}
		subs, subsKey = root.field("subdomains")
	}
	if !subsKey {
		v.add(root.loc, "domain %s: missing \"subDomains\" (or \"subdomains\" in the v1 layout)", domain)
		return nil, v.problems
	}
	if !ok || !v.kind(subs, '{', "subdomains of "+domain) {
		return nil, v.problems
	}
	var entries []*Entry
	subCodes := map[int64]loc{}
	for _, sm := range subs.members {
		sname, sub, spos := sm.key, sm.val, sm.loc
		what := "subdomain " + domain + "." + sname
		if !ValidIDPart(sname) {
			v.add(spos, "invalid subdomain name %q (lower-case letters, digits and _)", sname)
			continue
		}
		if !v.kind(sub, '{', what) {
			continue
		}
		scode, ok := v.intField(sub, "code", what, 0, 0xFF)
		if ok {
			if prev, dup := subCodes[scode]; dup {
				v.add(sub.loc, "%s: code %d is already used by another subdomain at %s", what, scode, prev.in(file))
				ok = false
			} else {
				subCodes[scode] = sub.loc
			}
		}
		sdep, _ := v.deprecated(sub, what)
		errs, has := sub.field("errors")
		if !has {
			v.add(sub.loc, "%s: missing \"errors\"", what)
			continue
		}
		if !ok || !v.kind(errs, '{', "errors of "+what) {
			continue
		}
		errCodes := map[int64]loc{}
		for _, em := range errs.members {
			ename, en, epos := em.key, em.val, em.loc
			id := domain + "." + sname + "." + ename
			if !ValidIDPart(ename) {
				v.add(epos, "invalid error name %q (lower-case letters, digits and _)", ename)
				continue
			}
			e := v.entry(id, en)
			if e == nil {
				continue
			}
			ecode := int64(e.Code)
			if prev, dup := errCodes[ecode]; dup {
				v.add(en.loc, "%s: code %d is already used in subdomain %s.%s at %s", id, ecode, domain, sname, prev.in(file))
				continue
			}
			errCodes[ecode] = en.loc
			e.Domain, e.Subdomain, e.Name = domain, sname, ename
			e.Code = uint32(dcode)<<24 | uint32(scode)<<16 | e.Code
			e.Pos = epos.in(file)
			e.Deprecated = firstNonEmpty(e.Deprecated, sdep, deprecated)
			entries = append(entries, e)
		}
	}
	return entries, v.problems
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// validator checks a parsed file, collecting problems.
type validator struct {
	file     string
	problems Problems
	entries  []Entry // slab for newEntry
}

func (v *validator) add(l loc, format string, args ...any) {
	v.problems = append(v.problems, Problem{l.in(v.file), fmt.Sprintf(format, args...)})
}

func (v *validator) kind(n *jsonNode, kind byte, what string) bool {
	return v.kindOf(n, kind, what, "")
}

// kindOf is kind for the thing named what+name, a message built only when needed.
func (v *validator) kindOf(n *jsonNode, kind byte, what, name string) bool {
	if n.kind != kind {
		v.add(n.loc, "%s%s must be an %s, not %s", what, name, kindName(kind), withArticle(n.kindName()))
		return false
	}
	return true
}

func withArticle(s string) string {
	if strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

// intField reads a required integer field in [lo, hi].
func (v *validator) intField(obj *jsonNode, key, what string, lo, hi int64) (int64, bool) {
	n, ok := obj.field(key)
	if !ok {
		v.add(obj.loc, "%s: missing %q", what, key)
		return 0, false
	}
	if n.kind != 'n' {
		v.add(n.loc, "%s: %q must be an integer, not %s", what, key, withArticle(n.kindName()))
		return 0, false
	}
	i, err := n.num().Int64()
	if err != nil || i < lo || i > hi {
		v.add(n.loc, "%s: %q must be an integer between %d and %d (0x%x), got %s", what, key, lo, hi, hi, n.str)
		return 0, false
	}
	return i, true
}

// stringField reads a field that must be a non-empty string when present.
func (v *validator) stringField(obj *jsonNode, key, what string, required bool) (string, bool) {
	n, ok := obj.field(key)
	if !ok {
		if required {
			v.add(obj.loc, "%s: missing %q", what, key)
			return "", false
		}
		return "", true
	}
	if n.kind != '"' || n.str == "" {
		v.add(n.loc, "%s: %q must be a non-empty string", what, key)
		return "", false
	}
	return n.str, true
}

func (v *validator) deprecated(obj *jsonNode, what string) (string, bool) {
	return v.stringField(obj, "deprecated", what, false)
}

// entry validates one error object; the caller completes names and code.
func (v *validator) entry(id string, n *jsonNode) *Entry {
	if !v.kindOf(n, '{', "error ", id) {
		return nil
	}
	code, ok := v.intField(n, "code", id, 1, 0xFFFF)
	desc, ok2 := v.stringField(n, "description", id, true)
	msg, ok3 := v.stringField(n, "message", id, true)
	dep, ok4 := v.deprecated(n, id)
	class, ok5 := v.stringField(n, "class", id, true)
	ok = ok && ok2 && ok3 && ok4 && ok5
	status, known := ClassStatus(class)
	if ok5 && !known {
		cn, _ := n.field("class")
		v.add(cn.loc, "%s: unknown class %q", id, class)
		ok = false
	}
	if sn, has := n.field("status"); has && known {
		s, sok := v.intField(n, "status", id, 100, 599)
		switch {
		case !sok:
			ok = false
		case StatusFromEntry(class):
			status = int(s)
		case int(s) != status:
			v.add(sn.loc, "%s: status %d contradicts class %s (%d); only KuzzleError takes a status", id, s, class, status)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	e := v.newEntry()
	*e = Entry{ID: id, Code: uint32(code), Class: class, Status: status, Description: desc, Message: msg, Deprecated: dep}
	return e
}

// newEntry returns an entry from the validator's current slab: a large
// registry allocates its entries a few hundred at a time.
func (v *validator) newEntry() *Entry {
	if len(v.entries) == cap(v.entries) {
		v.entries = make([]Entry, 0, 256)
	}
	v.entries = append(v.entries, Entry{})
	return &v.entries[len(v.entries)-1]
}

// LoadManifest reads the "errors" object of a Kuzzle plugin manifest.json:
// domain "plugin" (code 4), subdomain the plugin's "name", whose code the
// caller gives, as Kuzzle assigns it when the plugin loads.
func LoadManifest(path string, subdomainCode uint8) (*Registry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Problems{{Position{File: path}, cleanOSError(err)}}
	}
	return ParseManifest(path, data, subdomainCode)
}

// ParseManifest is LoadManifest on the contents of a manifest.json.
func ParseManifest(path string, data []byte, subdomainCode uint8) (*Registry, error) {
	root, problems := parseJSON(path, data)
	if root == nil {
		return nil, problems
	}
	v := &validator{file: path, problems: problems}
	if !v.kind(root, '{', "the manifest") {
		return nil, v.problems
	}
	name, ok := v.stringField(root, "name", "manifest", true)
	if ok && !ValidIDPart(name) {
		nn, _ := root.field("name")
		v.add(nn.loc, "manifest: plugin name %q is not a valid subdomain name (lower-case letters, digits and _)", name)
		ok = false
	}
	errs, has := root.field("errors")
	if !has {
		return nil, append(v.problems, Problem{root.loc.in(path), "manifest: no \"errors\" object"})
	}
	if !ok || !v.kind(errs, '{', "manifest errors") {
		return nil, v.problems
	}
	const pluginDomain = 4
	var entries []*Entry
	codes := map[uint32]loc{}
	for _, em := range errs.members {
		ename, en, epos := em.key, em.val, em.loc
		id := "plugin." + name + "." + ename
		if !ValidIDPart(ename) {
			v.add(epos, "invalid error name %q (lower-case letters, digits and _)", ename)
			continue
		}
		e := v.entry(id, en)
		if e == nil {
			continue
		}
		if prev, dup := codes[e.Code]; dup {
			v.add(en.loc, "%s: code %d is already used at %s", id, e.Code, prev.in(path))
			continue
		}
		codes[e.Code] = en.loc
		e.Domain, e.Subdomain, e.Name, e.Pos = "plugin", name, ename, epos.in(path)
		e.Code |= pluginDomain<<24 | uint32(subdomainCode)<<16
		entries = append(entries, e)
	}
	if len(v.problems) > 0 {
		return nil, v.problems
	}
	return New(entries)
}
