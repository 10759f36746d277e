// want package:"defines shop.cart.gone shop.cart.held"

// Package defa defines custom errors.
package defa

import "github.com/kerrlint/kerrlint/kerror"

var (
	ErrGone = kerror.Define("shop.cart.gone", 0x40010001, kerror.NotFoundError, "Cart %s is gone")           // want ErrGone:"definition shop.cart.gone"
	ErrHeld = kerror.Define("shop.cart.held", 0x40010002, kerror.PreconditionError, "Cart %s is held by %s") // want ErrHeld:"definition shop.cart.held"

	errDupID      = kerror.Define("shop.cart.gone", 0x40010003, kerror.NotFoundError, "m")             // want `shop.cart.gone is already defined in defa at .*defa.go:9:12`
	errDupCode    = kerror.Define("shop.cart.taken", 0x40010002, kerror.NotFoundError, "m")            // want `code 0x40010002 is already taken by shop.cart.held, defined in defa at`
	errRegistered = kerror.Define("services.storage.not_found", 0x0101fff0, kerror.NotFoundError, "m") // want `services.storage.not_found is already registered \(0x0101000b at kuzzle-1.12 \(embedded\):31:1\)`
	errRegCode    = kerror.Define("shop.cart.mine", 0x0101000b, kerror.NotFoundError, "m")             // want `shop.cart.mine: code 0x0101000b is already taken by services.storage.not_found`
	errRegCode2   = kerror.Define("services.storage.mine", 0x0101000b, kerror.NotFoundError, "m")      // want `code 0x0101000b is already taken by services.storage.not_found`
	errBadID      = kerror.Define("Shop.cart.x", 0x40010009, kerror.NotFoundError, "m")                // want `code 0x40010009 has domain 0x40, which is domain shop, not Shop`
	errNoMessage  = kerror.Define("shop.cart.y", 0x4001000a, kerror.NotFoundError, "")                 // want `shop.cart.y has an empty message`
	errTwoParts   = kerror.Define("shop.cart", 0x40010009, kerror.NotFoundError, "m")                  // want `malformed id "shop.cart"`
	errBadClass   = kerror.Define("shop.cart.x", 0x40010009, "NotFound", "m")                          // want `unknown class "NotFound"`
	errZero       = kerror.Define("shop.cart.x", 0x40010000, kerror.NotFoundError, "m")                // want `shop.cart.x: code 0x40010000 has error number 0 \(want 1 to 0xffff\)`
	errDomain     = kerror.Define("shop.bag.x", 0x41020001, kerror.NotFoundError, "m")                 // want `code 0x41020001 has domain 0x41, but domain shop is 0x40`
	errSubdomain  = kerror.Define("shop.cart.x", 0x40020009, kerror.NotFoundError, "m")                // want `code 0x40020009 has subdomain 0x02, but shop.cart is 0x01`
	errTakenSub   = kerror.Define("shop.bag.x", 0x40010009, kerror.NotFoundError, "m")                 // want `code 0x40010009 has subdomain 0x01, which is shop.cart, not shop.bag`
)

func use() {
	_ = ErrGone.New("c1")
	_ = ErrGone.New() // want `shop.cart.gone takes 1 placeholder \(its message is "Cart %s is gone"\), got 0`
	_ = kerror.New("shop.cart.held", "c1", "bob")
	_ = kerror.New("shop.cart.held", "c1")             // want `takes 2 placeholders`
	_ = kerror.NotFound("shop.cart.held", "c1", "bob") // want `shop.cart.held is a PreconditionError, not a NotFoundError`
}
