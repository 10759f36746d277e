// want package:"defines shop.bag.lost"

// Package defb defines an error whose code defa's sibling defc also
// defines: neither imports the other.
package defb

import "github.com/kerrlint/kerrlint/kerror"

var ErrLost = kerror.Define("shop.bag.lost", 0x40020001, kerror.NotFoundError, "Bag %s is lost") // want ErrLost:"definition shop.bag.lost"
