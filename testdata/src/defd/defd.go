// want package:"exports"

// Package defd imports defc: the conflict between defb and defb2 was
// reported there, not again here.
package defd

import (
	"defb"
	"defb2"
	"defc"
)

var _ = defc.X
var _, _ = defb.ErrLost, defb2.ErrMissing
