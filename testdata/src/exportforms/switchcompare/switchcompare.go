// Package switchcompare compares through a switch on the id field.
package switchcompare

import (
	"errors"

	"github.com/kerrlint/kerrlint/kerror"
)

// Is reports whether err has the id.
func Is(err error, id string) bool {
	var ke *kerror.Error
	if !errors.As(err, &ke) {
		return false
	}
	switch ke.ID {
	case id:
		return true
	}
	return false
}
