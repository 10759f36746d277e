package registry

import (
	"errors"
	"fmt"
)

// State is the registry in use and the errors defined in Go, and the rules
// by which kerror.Define, Install and Use change them. Package kerror keeps
// the process's State; kerrlint applies the same calls to a State of its
// own, in Go's initialization order, so that its verdict on a call is what
// the runtime returns. A State is immutable: each change returns a new one.
type State struct {
	reg     *Registry
	byID    map[string]*Definition // defined in Go
	byCode  map[uint32]*Definition
	defined []*Definition // in the order they were defined
}

// Definition is an error defined in Go with kerror.Define.
type Definition struct {
	Entry Entry
	// Owner is the package defining it, when known (kerrlint knows it; the
	// runtime does not): messages name it.
	Owner string
}

// NewState returns the state with r in use and nothing defined.
func NewState(r *Registry) *State { return &State{reg: r} }

// Registry returns the registry in use, without the errors defined in Go.
func (s *State) Registry() *Registry { return s.reg }

// Defined returns the errors defined in Go, in the order they were defined.
// The slice must not be modified.
func (s *State) Defined() []*Definition { return s.defined }

// Lookup returns the entry of id: registered, or defined in Go.
func (s *State) Lookup(id string) (*Entry, bool) {
	if e, ok := s.reg.Lookup(id); ok {
		return e, true
	}
	if d, ok := s.byID[id]; ok {
		return &d.Entry, true
	}
	return nil, false
}

// LookupDefined returns the definition of id, if id is defined in Go.
func (s *State) LookupDefined(id string) (*Definition, bool) {
	d, ok := s.byID[id]
	return d, ok
}

// ByCode returns the entry of code: registered, or defined in Go.
func (s *State) ByCode(code uint32) (*Entry, bool) {
	if e, ok := s.reg.ByCode(code); ok {
		return e, true
	}
	if d, ok := s.byCode[code]; ok {
		return &d.Entry, true
	}
	return nil, false
}

// DefineVerdict says why kerror.Define registers nothing.
type DefineVerdict int

// The verdicts of a Define that registers nothing; kerrlint reports each
// as the check of the same name.
const (
	// DefineInvalid: a malformed id, an unknown class, error number 0, an
	// empty message, or a domain or subdomain byte of another name.
	DefineInvalid DefineVerdict = iota + 1
	// DefineDuplicateID: the id is registered or already defined.
	DefineDuplicateID
	// DefineDuplicateCode: the code is registered or already defined for another id.
	DefineDuplicateCode
)

// The arguments of kerror.Define, to say which one a DefineError is about.
const (
	ArgID = iota
	ArgCode
	ArgClass
	ArgMessage
)

// DefineError is why kerror.Define registers nothing, as the runtime
// decides it.
type DefineError struct {
	Verdict DefineVerdict
	Arg     int    // the argument at fault: ArgID, ArgCode, ArgClass or ArgMessage
	Msg     string // what is wrong, starting with the id or the code
	// Prev is the entry holding the id or code of a duplicate; Defined says
	// it is a definition (Owner its package, when known) rather than a
	// registered entry.
	Prev    *Entry
	Defined *Definition
}

func (e *DefineError) Error() string { return e.Msg }

// Unknown lists the arguments of a Define a static caller cannot know
// (not compile-time constants): they are not checked.
type Unknown struct{ Class, Message bool }

// Define returns the state with d defined, or s and the reason it is not:
// the checks of kerror.Define, in its order (the arguments, then the id and
// the code against the registry and the definitions, then the code's
// domain and subdomain bytes). d.Entry's Domain, Subdomain, Name and Status
// are filled from its id and class.
func (s *State) Define(d Definition, unknown Unknown) (*State, *DefineError) {
	e := &d.Entry
	invalid := func(arg int, format string, args ...any) *DefineError {
		return &DefineError{Verdict: DefineInvalid, Arg: arg, Msg: fmt.Sprintf(format, args...)}
	}
	domain, sub, name, ok := ParseID(e.ID)
	if !ok {
		return s, invalid(ArgID, "malformed id %q: want domain.subdomain.name, three names without dots", e.ID)
	}
	e.Domain, e.Subdomain, e.Name = domain, sub, name
	if !unknown.Class {
		info, known := LookupClass(e.Class)
		if !known {
			return s, invalid(ArgClass, "%s: unknown class %q", e.ID, e.Class)
		}
		e.Class, e.Status = info.Name, info.Status
	}
	if e.Code&0xFFFF == 0 {
		return s, invalid(ArgCode, "%s: code %s has error number 0 (want 1 to 0xffff)", e.ID, FormatCode(e.Code))
	}
	if !unknown.Message && e.Message == "" {
		return s, invalid(ArgMessage, "%s has an empty message", e.ID)
	}
	if prev, ok := s.reg.Lookup(e.ID); ok {
		return s, &DefineError{Verdict: DefineDuplicateID, Arg: ArgID, Prev: prev,
			Msg: fmt.Sprintf("%s is already registered (%s at %s)", e.ID, FormatCode(prev.Code), prev.Pos)}
	}
	if prev, ok := s.byID[e.ID]; ok {
		return s, &DefineError{Verdict: DefineDuplicateID, Arg: ArgID, Prev: &prev.Entry, Defined: prev,
			Msg: fmt.Sprintf("%s is already defined%s at %s", e.ID, prev.in(), prev.Entry.Pos)}
	}
	if prev, ok := s.reg.ByCode(e.Code); ok {
		return s, &DefineError{Verdict: DefineDuplicateCode, Arg: ArgCode, Prev: prev,
			Msg: fmt.Sprintf("%s: code %s is already taken by %s (%s)", e.ID, FormatCode(e.Code), prev.ID, prev.Pos)}
	}
	if prev, ok := s.byCode[e.Code]; ok {
		return s, &DefineError{Verdict: DefineDuplicateCode, Arg: ArgCode, Prev: &prev.Entry, Defined: prev,
			Msg: fmt.Sprintf("%s: code %s is already taken by %s, defined%s at %s", e.ID, FormatCode(e.Code), prev.Entry.ID, prev.in(), prev.Entry.Pos)}
	}
	others := s.reg.Near(e.Domain, e.Subdomain, e.Code)
	for _, o := range s.defined {
		others = append(others, &o.Entry)
	}
	if problem := PlacementProblem(e, others); problem != "" {
		return s, invalid(ArgCode, "%s: %s", e.ID, problem)
	}
	next := &State{reg: s.reg, byID: make(map[string]*Definition, len(s.byID)+1), byCode: make(map[uint32]*Definition, len(s.byCode)+1),
		defined: append(s.defined[:len(s.defined):len(s.defined)], &d)}
	for k, v := range s.byID {
		next.byID[k] = v
	}
	for k, v := range s.byCode {
		next.byCode[k] = v
	}
	next.byID[e.ID], next.byCode[e.Code] = &d, &d
	return next, nil
}

// in names the package of a definition, when known: " in pkg".
func (d *Definition) in() string {
	if d.Owner == "" {
		return ""
	}
	return " in " + d.Owner
}

// InstallError is why Install or Use changes nothing: the registry
// conflicts with the one in use (Install only) or with an error defined in
// Go. Problems name the entries in conflict.
type InstallError struct {
	Problems Problems
	// Definition is the definition r conflicts with; nil when r conflicts
	// with the registry in use.
	Definition *Definition
}

func (e *InstallError) Error() string { return e.Problems.Error() }

func (e *InstallError) Unwrap() error { return e.Problems }

// Install returns the state with r merged over the registry in use, or s
// and why not (kerror.Install and InstallFS).
func (s *State) Install(r *Registry) (*State, error) {
	merged, err := Merge(s.reg, r)
	if err != nil {
		return s, &InstallError{Problems: AsProblems(err)}
	}
	return s.replace(merged)
}

// Use returns the state with r in use instead of the registry in use, or
// s and why not (kerror.Use and UseFS). The definitions stay.
func (s *State) Use(r *Registry) (*State, error) { return s.replace(r) }

// replace makes reg the registry in use, unless it conflicts with an error
// defined in Go.
func (s *State) replace(reg *Registry) (*State, error) {
	if len(s.defined) == 0 { // nothing to conflict with: an extended registry stays unbuilt
		return &State{reg: reg}, nil
	}
	for _, e := range reg.Entries() {
		if d, ok := s.byCode[e.Code]; ok && d.Entry.ID != e.ID {
			return s, &InstallError{Definition: d, Problems: Problems{{Pos: e.Pos,
				Msg: fmt.Sprintf("code %s is already defined for %s at %s", FormatCode(e.Code), d.Entry.ID, d.Entry.Pos)}}}
		}
		if d, ok := s.byID[e.ID]; ok && !(d.Entry.Code == e.Code && d.Entry.Class == e.Class) {
			return s, &InstallError{Definition: d, Problems: Problems{{Pos: e.Pos,
				Msg: fmt.Sprintf("%s is already defined at %s", e.ID, d.Entry.Pos)}}}
		}
	}
	return &State{reg: reg, byID: s.byID, byCode: s.byCode, defined: s.defined}, nil
}

// AsDefineError returns the DefineError err holds, if any.
func AsDefineError(err error) (*DefineError, bool) {
	var de *DefineError
	ok := errors.As(err, &de)
	return de, ok
}
