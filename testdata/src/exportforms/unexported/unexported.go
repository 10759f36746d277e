// Package unexported exports a wrapper of an unexported wrapper.
package unexported

import "github.com/kerrlint/kerrlint/kerror"

func raise(id string) error { return kerror.New(id) }

// Fail raises id.
func Fail(id string) error { return raise(id) }
