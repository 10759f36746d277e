// Package iota exports constants of a kerror type, the second without a written type.
package iota

import "github.com/kerrlint/kerrlint/kerror"

const (
	unused kerror.Class = "x"
	// Second takes its type from the line above.
	Second
)
