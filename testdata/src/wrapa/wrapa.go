// want package:"exports"

// Package wrapa is the first link of a chain of wrappers across packages.
package wrapa

import (
	"strings"

	"github.com/kerrlint/kerrlint/kerror"
)

// Raise passes id on unchanged: a wrapper.
func Raise(id string, args ...any) error { // want Raise:`raises id\(arg0\) placeholders arg1\.\.\.$`
	return kerror.New(id, args...)
}

// Storage raises an error of services.storage by name.
func Storage(name string) error { // want Storage:`raises id\("services", "storage", arg0\)`
	return kerror.Get("services", "storage", name)
}

// InScope raises name in the scope s.
func InScope(s kerror.Scope, name string) error { // want InScope:`raises id\(scope=0, arg1\)`
	return s.GetFrom(nil, name)
}

// Missing asserts the class NotFoundError.
func Missing(id string) error { // want Missing:`raises id\(arg0\) with 0 placeholders as NotFoundError`
	return kerror.NotFound(id)
}

// Matches compares.
func Matches(err error, id string) bool { // want Matches:`compares id\(arg1\)`
	return kerror.Is(err, id)
}

// Trimmed changes its parameter before raising it: not a wrapper.
func Trimmed(id string) error {
	id = strings.TrimSpace(id)
	return kerror.New(id)
}

// Pointer lets its parameter escape by address: not a wrapper.
func Pointer(id string) error {
	normalize(&id)
	return kerror.New(id)
}

func normalize(s *string) {}

// Constant raises a constant id: not a wrapper.
func Constant(id string) error {
	_ = id
	return kerror.New("services.storage.not_found")
}
