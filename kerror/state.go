package kerror

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kerrlint/kerrlint/registry"
)

// state is what raise reads: the installed registry and the errors defined in
// Go. It is replaced, never modified, so that raising takes no lock.
type state struct {
	reg    *registry.Registry
	byID   map[string]*registry.Entry // Define'd entries
	byCode map[uint32]*registry.Entry
}

var (
	current atomic.Pointer[state]
	writeMu sync.Mutex // serialises Install and Define
)

func load() *state {
	if s := current.Load(); s != nil {
		return s
	}
	current.CompareAndSwap(nil, &state{reg: registry.Default()})
	return current.Load()
}

// lookup finds the entry Kuzzle's kerror would find for id: its three
// parts are looked up as lodash.get reads its path, so that a part holding
// a dot or a bracket never names an entry.
func (s *state) lookup(id string) (*registry.Entry, bool) {
	domain, rest, ok1 := strings.Cut(id, ".")
	sub, name, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || strings.ContainsAny(domain, "[]") || strings.ContainsAny(sub, "[]") || strings.ContainsAny(name, ".[]") {
		return nil, false
	}
	if e, ok := s.reg.Lookup(id); ok {
		return e, true
	}
	e, ok := s.byID[id]
	return e, ok
}

// Use replaces the registry in use with r: e.g. the codes of the Kuzzle
// version a service runs with, which conflict with the embedded 1.12 codes
// (0x01010016 was reused). Errors defined with Define stay; an entry of r
// conflicting with one of them is an error and changes nothing.
func Use(r *registry.Registry) error {
	if r == nil {
		return errors.New("kerror: Use of a nil registry")
	}
	writeMu.Lock()
	defer writeMu.Unlock()
	return replace(load(), r)
}

// Install merges r over the registry in use (the embedded one to start with),
// e.g. the codes of a plugin loaded with registry.Load. A conflicting entry
// is an error and changes nothing; to switch to another Kuzzle version's
// codes, Use them instead.
func Install(r *registry.Registry) error {
	if r == nil {
		return errors.New("kerror: Install of a nil registry")
	}
	writeMu.Lock()
	defer writeMu.Unlock()
	s := load()
	merged, err := registry.Merge(s.reg, r)
	if err != nil {
		return fmt.Errorf("kerror: Install: %w", err)
	}
	return replace(s, merged)
}

// UseFS loads the registry files or directories paths of fsys (an embed.FS
// in a production binary) with registry.LoadFS and Uses the result.
func UseFS(fsys fs.FS, paths ...string) error {
	r, err := registry.LoadFS(fsys, paths...)
	if err != nil {
		return fmt.Errorf("kerror: UseFS: %w", err)
	}
	return Use(r)
}

// InstallFS loads the registry files or directories paths of fsys with
// registry.LoadFS and Installs the result.
func InstallFS(fsys fs.FS, paths ...string) error {
	r, err := registry.LoadFS(fsys, paths...)
	if err != nil {
		return fmt.Errorf("kerror: InstallFS: %w", err)
	}
	return Install(r)
}

// replace makes reg the registry in use, unless it conflicts with an error
// defined in Go. writeMu must be held.
func replace(s *state, reg *registry.Registry) error {
	for _, e := range reg.Entries() {
		if d, ok := s.byCode[e.Code]; ok && d.ID != e.ID {
			return fmt.Errorf("kerror: %s: code %s is already defined for %s at %s", e.Pos, registry.FormatCode(e.Code), d.ID, d.Pos)
		}
		if d, ok := s.byID[e.ID]; ok && !(d.Code == e.Code && d.Class == e.Class) {
			return fmt.Errorf("kerror: %s: %s is already defined at %s", e.Pos, e.ID, d.Pos)
		}
	}
	current.Store(&state{reg: reg, byID: s.byID, byCode: s.byCode})
	return nil
}

// Registry returns the registry in use, without the errors defined in Go.
func Registry() *registry.Registry { return load().reg }

// Definition is a custom error defined in Go with Define.
type Definition struct {
	entry registry.Entry
	err   error
}

// Define registers a custom error: id (domain.subdomain.name), its 32-bit code
// (domain<<24 | subdomain<<16 | error), class and message format. An id or
// code already taken, or an invalid definition, registers nothing: Err says
// why and New raises core.fatal.unexpected_error carrying the reason.
// kerrlint checks Define calls statically.
func Define(id string, code uint32, class Class, message string) *Definition {
	d := &Definition{entry: registry.Entry{ID: id, Code: code, Class: string(class), Message: message, Description: message}}
	d.err = d.register()
	return d
}

func (d *Definition) register() error {
	e := &d.entry
	domain, sub, name, ok := registry.ParseID(e.ID)
	if !ok {
		return fmt.Errorf("kerror: invalid id %q: want domain.subdomain.name, three names without dots", e.ID)
	}
	e.Domain, e.Subdomain, e.Name = domain, sub, name
	status, known := registry.ClassStatus(e.Class)
	if !known {
		return fmt.Errorf("kerror: %s: unknown class %q", e.ID, e.Class)
	}
	e.Status = status
	if e.Code&0xFFFF == 0 {
		return fmt.Errorf("kerror: %s: code %s has error number 0 (want 1 to 0xffff)", e.ID, registry.FormatCode(e.Code))
	}
	if e.Message == "" {
		return errors.New("kerror: " + e.ID + ": empty message")
	}
	_, file, line, _ := callerOutside()
	e.Pos = registry.Position{File: file, Line: line}

	writeMu.Lock()
	defer writeMu.Unlock()
	s := load()
	if prev, ok := s.reg.Lookup(e.ID); ok {
		return fmt.Errorf("kerror: %s is already registered (%s at %s)", e.ID, registry.FormatCode(prev.Code), prev.Pos)
	}
	if prev, ok := s.byID[e.ID]; ok {
		return fmt.Errorf("kerror: %s is already defined at %s", e.ID, prev.Pos)
	}
	if prev, ok := s.reg.ByCode(e.Code); ok {
		return fmt.Errorf("kerror: %s: code %s is already taken by %s", e.ID, registry.FormatCode(e.Code), prev.ID)
	}
	if prev, ok := s.byCode[e.Code]; ok {
		return fmt.Errorf("kerror: %s: code %s is already taken by %s at %s", e.ID, registry.FormatCode(e.Code), prev.ID, prev.Pos)
	}
	others := s.reg.Near(e.Domain, e.Subdomain, e.Code)
	for _, id := range slices.Sorted(maps.Keys(s.byID)) {
		others = append(others, s.byID[id])
	}
	if problem := registry.PlacementProblem(e, others); problem != "" {
		return fmt.Errorf("kerror: %s: %s", e.ID, problem)
	}
	next := &state{reg: s.reg, byID: make(map[string]*registry.Entry, len(s.byID)+1), byCode: make(map[uint32]*registry.Entry, len(s.byCode)+1)}
	for k, v := range s.byID {
		next.byID[k] = v
	}
	for k, v := range s.byCode {
		next.byCode[k] = v
	}
	next.byID[e.ID], next.byCode[e.Code] = e, e
	current.Store(next)
	return nil
}

// Err is nil when the definition is registered, otherwise the reason it is not.
func (d *Definition) Err() error { return d.err }

// ID returns the defined id.
func (d *Definition) ID() string { return d.entry.ID }

// New raises the defined error, filling the %s of its message with placeholders.
func (d *Definition) New(placeholders ...any) *Error {
	s := load()
	if d.err != nil {
		return s.fatal(nil, "unexpected_error", d.err.Error())
	}
	placeholders, opt := splitOption(placeholders)
	return build(nil, &d.entry, placeholders, opt)
}
