// want package:"exports"

// Package funcvalues raises through variables holding a kerror function, a
// method value or a wrapper: a call through a variable assigned once calls
// what it holds; any other function-typed variable is not a raise site, even
// with -strict.
package funcvalues

import (
	"os"

	"github.com/kerrlint/kerrlint/kerror"
)

// raise is unexported and assigned here only: its calls are kerror.New's.
var raise = kerror.New

// Raise is exported: an importer may assign it, so nothing is known of it.
var Raise = kerror.New

// fail raises through a local variable: it is a wrapper like any other.
func fail(id string, args ...any) error { // want fail:`raises id\(arg0\) placeholders arg1...`
	r := kerror.New
	return r(id, args...)
}

func raises(fns []func(string, ...any) *kerror.Error) {
	newErr := kerror.New
	_ = newErr("shop.cart.item_missing", "apple", "c1")
	_ = newErr("shop.cart.item_mising", "apple", "c1") // want `unknown error id "shop.cart.item_mising"`
	_ = newErr("shop.cart.item_missing", "apple")      // want `shop.cart.item_missing takes 2 placeholders .*, got 1`
	_ = raise("shop.cart.frozn")                       // want `unknown error id "shop.cart.frozn"`
	_ = Raise("shop.cart.frozn")                       // not followed: exported function variables
	_ = fail("shop.cart.item_missing", "apple")        // want `shop.cart.item_missing takes 2 placeholders .*, got 1`

	notFound := kerror.NotFound
	_ = notFound("shop.cart.item_missing", "apple", "c1")
	_ = notFound("shop.legacy.gone", "v1") // want `shop.legacy.gone is a BadRequestError, not a NotFoundError as notFound asserts`

	get := kerror.Get
	_ = get("shop", "cart", "item_missing", "apple", "c1")
	_ = get("shop", "kart", "item_missing", "apple", "c1") // want `unknown error id "shop.kart.item_missing"; did you mean "shop.cart.item_missing"\?`

	reassigned := kerror.New
	if len(os.Args) > 3 {
		reassigned = kerror.Internal
	}
	_ = reassigned("shop.cart.frozn") // not followed: variables assigned more than once

	addressed := kerror.New
	keep(&addressed)
	_ = addressed("shop.cart.frozn") // not followed: variables assigned more than once

	ranged := kerror.New
	for _, ranged = range fns {
	}
	_ = ranged("shop.cart.frozn")

	scope := kerror.Wrap("shop", "cart")
	method := scope.Get       // a method value binds its receiver, assigned once
	_ = method("item_mising") // want `unknown error id "shop.cart.item_mising"; did you mean "shop.cart.item_missing"\?`

	var parameter func(string, ...any) *kerror.Error
	_ = parameter("shop.cart.frozn") // never assigned: nothing is known
}

func keep(*func(string, ...any) *kerror.Error) {}
