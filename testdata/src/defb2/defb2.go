// want package:"defines shop.bag.missing shop.bag.lost"

// Package defb2 defines the same code as defb, and the same id.
package defb2

import "github.com/kerrlint/kerrlint/kerror"

var (
	ErrMissing = kerror.Define("shop.bag.missing", 0x40020001, kerror.NotFoundError, "Bag %s is missing") // want ErrMissing:"definition shop.bag.missing"
	ErrLost    = kerror.Define("shop.bag.lost", 0x40020002, kerror.NotFoundError, "Bag %s is lost")       // want ErrLost:"definition shop.bag.lost"
)
