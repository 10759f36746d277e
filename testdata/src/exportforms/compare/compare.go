// Package compare exports a function comparing its parameter with an id field.
package compare

import (
	"errors"

	"github.com/kerrlint/kerrlint/kerror"
)

// Is reports whether err has the id.
func Is(err error, id string) bool {
	var ke *kerror.Error
	if errors.As(err, &ke) {
		return ke.ID == id
	}
	return false
}
