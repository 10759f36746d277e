// Package api exports a function returning a kerror type.
package api

import "github.com/kerrlint/kerrlint/kerror"

// Last returns the last error.
func Last() *kerror.Error { return nil }
