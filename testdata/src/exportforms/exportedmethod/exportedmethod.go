// Package exportedmethod has an exported method, a wrapper, on an unexported type.
package exportedmethod

import "github.com/kerrlint/kerrlint/kerror"

type raiser struct{}

// Raise raises id.
func (raiser) Raise(id string) error { return kerror.New(id) }
