// Package quiet raises errors, and passes its string parameter only to
// placeholders and plain calls: it exports nothing that concerns kerror.
package quiet

import (
	"strings"

	"github.com/kerrlint/kerrlint/kerror"
)

// Work transforms s, or fails.
func Work(s string, n int) (string, error) {
	switch n {
	case 0:
		return "", kerror.Get("services", "storage", "unknown_index", s)
	case 1:
		return strings.ToUpper(s), kerror.New("services.storage.not_found")
	}
	var ke *kerror.Error
	if ke != nil && ke.ID == "security.token.invalid" {
		return "", ke
	}
	return s, nil
}
