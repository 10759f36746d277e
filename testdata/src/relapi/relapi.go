// want package:"exports"

// Package relapi exports a function whose result is a kerror type, without
// any fact: through it, an importer that does not import kerror can still
// compare ids.
package relapi

import "github.com/kerrlint/kerrlint/kerror"

// Result holds a registry error.
type Result struct{ Err *kerror.Error }

// Last returns the last error.
func Last() Result { return Result{Err: kerror.New("services.storage.not_found")} }
