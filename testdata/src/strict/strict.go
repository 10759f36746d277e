// want package:"raises errors"

// Package strict holds ids that only -strict reports.
package strict

import (
	"fmt"
	"os"

	"github.com/kerrlint/kerrlint/kerror"
)

var scopes = map[string]kerror.Scope{"storage": kerror.Wrap("services", "storage")}

func raise(cause error, n int) {
	id, name := os.Getenv("ID"), os.Getenv("NAME")
	_ = kerror.New(id)                                    // want `cannot check this id: it is not a compile-time constant`
	_ = kerror.NewFrom(cause, fmt.Sprint("services.", n)) // want `cannot check this id`
	_ = kerror.Get("services", "storage", name)           // want `cannot check this id`
	_ = kerror.Is(cause, id)                              // want `cannot check this id`
	_ = kerror.Error{ID: id}                              // want `cannot check this id`
	_ = scopes["storage"].Get("not_found")                // want `cannot check this id: the scope is not a kerror.Wrap with constant arguments assigned once`

	reassigned := kerror.Wrap("services", "storage")
	if n > 0 {
		reassigned = kerror.Wrap("services", "cache")
	}
	_ = reassigned.Get("not_found") // want `the scope is not a kerror.Wrap with constant arguments assigned once`

	addressed := kerror.Wrap("services", "storage")
	reset(&addressed)
	_ = addressed.Get("not_found") // want `the scope is not a kerror.Wrap`

	_ = kerror.New("services.storage.not_found")
	_ = kerror.Define(id, 0x40010001, kerror.NotFoundError, "m") // want `cannot check this definition: its id and code are not compile-time constants`
	if cause != nil && cause.Error() == id {                     // not an id comparison
		return
	}
}

func reset(s *kerror.Scope) { *s = kerror.Wrap("services", "cache") }
