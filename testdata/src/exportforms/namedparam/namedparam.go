// Package namedparam exports a wrapper whose parameter has a string type of another package.
package namedparam

import (
	"exportforms/ids"

	"github.com/kerrlint/kerrlint/kerror"
)

// Fail raises id.
func Fail(id ids.ID) error { return kerror.New(string(id)) }
