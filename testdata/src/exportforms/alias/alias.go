// Package alias exports an alias of kerror.Error.
package alias

import "github.com/kerrlint/kerrlint/kerror"

// E is kerror's error.
type E = kerror.Error
