// Package hiddentype exports a variable of an unexported type whose method is a wrapper.
package hiddentype

import "github.com/kerrlint/kerrlint/kerror"

type raiser struct{}

func (raiser) Raise(id string) error { return kerror.New(id) }

// R raises.
var R raiser
