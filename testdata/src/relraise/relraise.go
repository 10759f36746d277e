// want package:"raises errors"

// Package relraise raises errors and exports only plain code: its
// importers are not analysed for it.
package relraise

import "github.com/kerrlint/kerrlint/kerror"

// Work fails with a registered error.
func Work(n int) (int, error) {
	if n < 0 {
		return 0, kerror.New("services.storage.not_found")
	}
	return n, nil
}
