// want package:"exports"

// Package defc imports defa, defb and defb2: the code defb and defb2 both
// define is reported here, once, at the import that brings the second.
package defc

import (
	"defa"
	"defb"
	"defb2" // want `code 0x40020001 is defined twice: for shop.bag.lost in defb at .* and for shop.bag.missing in defb2 at` `shop.bag.lost is defined twice: in defb at .* and in defb2 at`

	"github.com/kerrlint/kerrlint/kerror"
)

var errAgain = kerror.Define("shop.cart.gone", 0x40010005, kerror.NotFoundError, "m") // want `shop.cart.gone is already defined in defa at`

func use() {
	_ = kerror.New("shop.cart.gone", "c1") // defined in defa: not unknown
	_ = kerror.New("shop.cart.gone")       // want `shop.cart.gone takes 1 placeholder`
	_ = kerror.Get("shop", "bag", "lost", "b")
	_ = kerror.Wrap("shop", "cart").Get("held", "c", "u")
	_ = defa.ErrHeld.New("c1") // want `shop.cart.held takes 2 placeholders .*, got 1`
	_ = defb.ErrLost.New("b1")
	_ = defb2.ErrMissing
	_ = kerror.Error{ID: "shop.cart.gone", Status: 400} // want `shop.cart.gone has status 404, not 400`
	_ = kerror.New("shop.cart.gnoe")                    // want `unknown error id "shop.cart.gnoe"`
}

var X = 1
