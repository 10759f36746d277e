// want package:"defines shop.bag.missing"

// Package defb2 defines the same code as defb.
package defb2

import "github.com/kerrlint/kerrlint/kerror"

var ErrMissing = kerror.Define("shop.bag.missing", 0x40020001, kerror.NotFoundError, "Bag %s is missing") // want ErrMissing:"definition shop.bag.missing"
