// Package wrapper exports a wrapper: a parameter passed to an id position.
package wrapper

import "github.com/kerrlint/kerrlint/kerror"

// Fail raises id.
func Fail(id string) error { return kerror.New(id) }
