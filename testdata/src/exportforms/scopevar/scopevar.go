// Package scopevar exports a Scope variable.
package scopevar

import "github.com/kerrlint/kerrlint/kerror"

// Storage is a scope.
var Storage = kerror.Wrap("services", "storage")
