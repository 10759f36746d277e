// Package field exports a struct with a field of an unexported type that concerns kerror.
package field

import "github.com/kerrlint/kerrlint/kerror"

type inner struct{ err *kerror.Error }

// Outer holds an error.
type Outer struct{ in inner }
