// Package good raises registered ids only: nogo passes.
package good

import (
	"example.com/shop/codes"
	"github.com/kerrlint/kerrlint/kerror"
)

var installed = codes.Install()

// Lookup fails on a missing document (Kuzzle's registry) or cart (the shop's).
func Lookup(cart string, found bool) error {
	if installed != nil {
		return installed
	}
	if cart == "" {
		return kerror.New("services.storage.not_found", "cart", "", "")
	}
	if !found {
		return kerror.NotFound("shop.cart.gone", cart)
	}
	return nil
}
