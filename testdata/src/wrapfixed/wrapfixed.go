package wrapfixed // want package:"exports"

// The story: a wrapper that passes placeholders of its own passes as many
// whatever its callers do; a wrapper whose id parameter has a named string
// type is a wrapper too; a typed constructor of the wrong class raises
// assertion_failed, so its placeholders do not matter. Messages come from
// testdata/registries/shop.

import (
	"strings"

	"github.com/kerrlint/kerrlint/kerror"
)

// Missing raises id with one placeholder of its own.
func Missing(id, item string) error { return kerror.New(id, item) } // want Missing:`raises id\(arg0\) with 1 placeholders`

// ErrID is an error id.
type ErrID string

// Raise raises id, a typed id.
func Raise(id ErrID, args ...any) error { return kerror.New(string(id), args...) } // want Raise:`raises id\(arg0\) placeholders arg1...`

const itemMissing ErrID = "shop.cart.item_missing"

// Raise raises the id e is, with its callers' placeholders.
func (e ErrID) Raise(args ...any) error { return kerror.New(string(e), args...) } // want Raise:`raises id\(recv\) placeholders arg0...`

// FailVia raises through ErrID's method; only its directive marks it, and
// its callers' placeholders are counted as that method counts them.
//
//kerrlint:id kind
func FailVia(kind string, args ...any) error { // want FailVia:`raises id\(arg0\) placeholders arg1...`
	id := strings.Clone(kind)
	return ErrID(id).Raise(args...)
}

func raise() {
	_ = Missing("shop.cart.item_missing", "apple") // want `shop.cart.item_missing takes 2 placeholders \(its message is "Item %s is missing from cart %s."\), got 1`
	_ = Raise(itemMissing, "apple", "c1")
	_ = Raise(itemMissing, "apple")                          // want `shop.cart.item_missing takes 2 placeholders .*got 1`
	_ = itemMissing.Raise("apple")                           // want `shop.cart.item_missing takes 2 placeholders .*got 1`
	_ = FailVia("shop.cart.item_missing", "apple")           // want `shop.cart.item_missing takes 2 placeholders .*got 1`
	_ = Raise("shop.cart.item_mising", "apple", "c1")        // want `unknown error id "shop.cart.item_mising"; did you mean "shop.cart.item_missing"\?`
	_ = kerror.BadRequest("shop.cart.item_missing", "apple") // want `shop.cart.item_missing is a NotFoundError, not a BadRequestError: use kerror.NotFound`
}
