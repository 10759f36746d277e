// Package typemethod exports a type whose unexported method is a wrapper.
package typemethod

import "github.com/kerrlint/kerrlint/kerror"

// Raiser raises.
type Raiser struct{}

func (Raiser) raise(id string) error { return kerror.New(id) }
