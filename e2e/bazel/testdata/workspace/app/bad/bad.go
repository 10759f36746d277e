// Package bad raises a misspelt id: nogo fails the build and proposes a fix.
package bad

import (
	"example.com/shop/codes"
	"github.com/kerrlint/kerrlint/kerror"
)

var installed = codes.Install()

// Checkout fails on a vanished cart.
func Checkout(cart string) error {
	if installed != nil {
		return installed
	}
	return kerror.New("shop.cart.gon", cart)
}
