// Package generic exports a generic wrapper.
package generic

import "github.com/kerrlint/kerrlint/kerror"

// Fail raises id.
func Fail[T ~string](id T) error { return kerror.New(string(id)) }
