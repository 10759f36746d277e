package shop

import (
	"strings"

	"github.com/kerrlint/kerrlint/kerror"
)

// failf raises kind with its placeholders; only its directive says kind is
// an id. It passes args on as the placeholders, so they are counted at its
// call sites.
//
//kerrlint:id kind
func failf(kind string, args ...any) error { // want failf:`raises id\(arg0\) placeholders arg1...`
	id := strings.Clone(kind)
	return kerror.New(id, args...)
}

// failEither raises in two ways: its placeholders are not counted.
//
//kerrlint:id kind
func failEither(kind string, args ...any) error { // want failEither:`raises id\(arg0\)$`
	if len(args) > 2 {
		return kerror.New(strings.Clone(kind))
	}
	return kerror.New(strings.Clone(kind), args...)
}

func raiseByDirective() {
	_ = failf("shop.cart.item_missing", "apple", "c1")
	_ = failf("shop.cart.item_missing", "apple") // want `shop.cart.item_missing takes 2 placeholders .*, got 1`
	_ = failEither("shop.cart.item_missing", "apple")
}
