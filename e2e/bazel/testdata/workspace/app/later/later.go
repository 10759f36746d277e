// Package later raises an id the registry gains in the test's second step.
package later

import (
	"example.com/shop/codes"
	"github.com/kerrlint/kerrlint/kerror"
)

var installed = codes.Install()

// Pay fails on an expired cart.
func Pay(cart string) error {
	if installed != nil {
		return installed
	}
	return kerror.New("shop.cart.expired", cart)
}
