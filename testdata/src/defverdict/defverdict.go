package defverdict // want package:"raises errors"

// The story: Defines the runtime refuses, reported under the check its
// verdict names (scoped ignores mean what they say): the README's example
// is a duplicate-code, its code being services.storage.not_found's; a
// registered id with a code of another domain is a duplicate-id.

import "github.com/kerrlint/kerrlint/kerror"

var (
	//kerrlint:ignore duplicate-code the README's example: the code is services.storage.not_found's
	errGone = kerror.Define("shop.cart.gone", 0x0101000b, kerror.NotFoundError, "Cart %s is gone")
	//kerrlint:ignore duplicate-id the id is registered, whatever its code's domain byte
	errFound = kerror.Define("services.storage.not_found", 0x40010001, kerror.NotFoundError, "m")
	errLost  = kerror.Define("shop.cart.lost", 0x0101000c, kerror.NotFoundError, "m") // want `shop.cart.lost: code 0x0101000c is already taken by services.storage.bootstrap_timeout`
	// An argument is checked before the duplicates, as at run time.
	errEmpty = kerror.Define("services.storage.not_found", 0x0101000b, kerror.NotFoundError, "") // want `services.storage.not_found has an empty message`
)
