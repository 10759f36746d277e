package kerror

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kerrlint/kerrlint/registry"
)

// state is what raise reads: the rules' state (the installed registry and
// the errors defined in Go) and its registry. It is replaced, never
// modified, so that raising takes no lock.
type state struct {
	rules *registry.State
	reg   *registry.Registry
}

var (
	current atomic.Pointer[state]
	writeMu sync.Mutex // serialises Install, Use and Define
)

func load() *state {
	if s := current.Load(); s != nil {
		return s
	}
	current.CompareAndSwap(nil, newState(registry.NewState(registry.Default())))
	return current.Load()
}

func newState(rules *registry.State) *state { return &state{rules: rules, reg: rules.Registry()} }

// lookup finds the entry Kuzzle's kerror would find for id: its three
// parts are looked up as lodash.get reads its path, so that a part holding
// a dot or a bracket never names an entry.
func (s *state) lookup(id string) (*registry.Entry, bool) {
	domain, rest, ok1 := strings.Cut(id, ".")
	sub, name, ok2 := strings.Cut(rest, ".")
	if !ok1 || !ok2 || strings.ContainsAny(domain, "[]") || strings.ContainsAny(sub, "[]") || strings.ContainsAny(name, ".[]") {
		return nil, false
	}
	return s.rules.Lookup(id)
}

// change applies one of the rules' changes to the state in use, under writeMu.
func change(f func(*registry.State) (*registry.State, error)) error {
	writeMu.Lock()
	defer writeMu.Unlock()
	next, err := f(load().rules)
	if err != nil {
		return err
	}
	current.Store(newState(next))
	return nil
}

// Use replaces the registry in use with r: e.g. the codes of the Kuzzle
// version a service runs with, which conflict with the embedded 1.12 codes
// (0x01010016 was reused). Errors defined with Define stay; an entry of r
// conflicting with one of them is an error and changes nothing.
func Use(r *registry.Registry) error {
	if r == nil {
		return errors.New("kerror: Use of a nil registry")
	}
	return change(func(s *registry.State) (*registry.State, error) {
		next, err := s.Use(r)
		if err != nil {
			return nil, fmt.Errorf("kerror: %w", err)
		}
		return next, nil
	})
}

// Install merges r over the registry in use (the embedded one to start with),
// e.g. the codes of a plugin loaded with registry.Load. A conflicting entry
// is an error and changes nothing; to switch to another Kuzzle version's
// codes, Use them instead.
func Install(r *registry.Registry) error {
	if r == nil {
		return errors.New("kerror: Install of a nil registry")
	}
	return change(func(s *registry.State) (*registry.State, error) {
		next, err := s.Install(r)
		var ie *registry.InstallError
		if errors.As(err, &ie) && ie.Definition == nil {
			return nil, fmt.Errorf("kerror: Install: %w", err)
		} else if err != nil {
			return nil, fmt.Errorf("kerror: %w", err)
		}
		return next, nil
	})
}

// UseFS loads the registry files or directories paths of fsys (an embed.FS
// in a production binary) with registry.LoadFS and Uses the result.
func UseFS(fsys fs.FS, paths ...string) error {
	if fsys == nil {
		return errors.New("kerror: UseFS of a nil file system")
	}
	r, err := registry.LoadFS(fsys, paths...)
	if err != nil {
		return fmt.Errorf("kerror: UseFS: %w", err)
	}
	return Use(r)
}

// InstallFS loads the registry files or directories paths of fsys with
// registry.LoadFS and Installs the result.
func InstallFS(fsys fs.FS, paths ...string) error {
	if fsys == nil {
		return errors.New("kerror: InstallFS of a nil file system")
	}
	r, err := registry.LoadFS(fsys, paths...)
	if err != nil {
		return fmt.Errorf("kerror: InstallFS: %w", err)
	}
	return Install(r)
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
// kerrlint checks Define calls statically, with the same rules
// (registry.State.Define).
func Define(id string, code uint32, class Class, message string) *Definition {
	_, file, line, _ := callerOutside()
	def := registry.Definition{Entry: registry.Entry{ID: id, Code: code, Class: string(class), Message: message, Description: message,
		Pos: registry.Position{File: file, Line: line}}}
	d := &Definition{entry: def.Entry}
	d.err = change(func(s *registry.State) (*registry.State, error) {
		next, err := s.Define(def, registry.Unknown{})
		if err != nil {
			return nil, &defineError{err}
		}
		d.entry = next.Defined()[len(next.Defined())-1].Entry
		return next, nil
	})
	return d
}

// defineError is a Define's problem as Err returns it: "kerror: " and the
// rules' reason, which errors.As still finds.
type defineError struct{ *registry.DefineError }

func (e *defineError) Error() string { return "kerror: " + e.Msg }

func (e *defineError) Unwrap() error { return e.DefineError }

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
