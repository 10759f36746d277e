// want package:"raises errors"

// Package shop raises errors of the registry in testdata/registries/shop,
// whose entries have messages (placeholder-count) and deprecations.
package shop

import "github.com/kerrlint/kerrlint/kerror"

var cart = kerror.Wrap("shop", "cart") // want cart:"scope shop.cart"

// raisef passes its placeholders on: they are counted at its call sites.
func raisef(id string, args ...any) error { return kerror.New(id, args...) } // want raisef:`raises id\(arg0\) placeholders arg1...`

// raiseWith adds one: its placeholders are not counted.
func raiseWith(id string, args ...any) error { return kerror.New(id, append([]any{"x"}, args...)...) } // want raiseWith:`raises id\(arg0\)$`

func raise(args []any, cause error) {
	_ = kerror.New("shop.cart.item_missing", "apple", "c1")
	_ = kerror.New("shop.cart.item_missing", "apple")                 // want `shop.cart.item_missing takes 2 placeholders \(its message is "Item %s is missing from cart %s."\), got 1`
	_ = kerror.NotFound("shop.cart.item_missing", "apple", "c1", "x") // want `shop.cart.item_missing takes 2 placeholders .*, got 3`
	_ = cart.Get("item_missing")                                      // want `shop.cart.item_missing takes 2 placeholders .*, got 0`
	_ = cart.GetFrom(cause, "item_missing", "apple", "c1")
	_ = kerror.GetFrom(cause, "shop", "cart", "item_missing", "apple") // want `takes 2 placeholders .*, got 1`
	_ = kerror.New("shop.cart.item_missing", args...)                  // a spread: not counted
	_ = kerror.New("shop.cart.rate_limited", 3)                        // %%s is not a placeholder
	_ = kerror.New("shop.cart.rate_limited", 3, "1s")                  // want `shop.cart.rate_limited takes 1 placeholder .*, got 2`
	_ = kerror.Error{ID: "shop.cart.rate_limited", Status: 429, Class: kerror.KuzzleError}
	_ = kerror.Error{ID: "shop.cart.rate_limited", Status: 500} // want `shop.cart.rate_limited has status 429, not 500`

	_ = kerror.Precondition("shop.cart.frozen")           // want `shop.cart.frozen is deprecated since 1.4.0`
	_ = kerror.Error{ID: "shop.cart.frozen"}              // want `shop.cart.frozen is deprecated since 1.4.0`
	_ = kerror.Get("shop", "legacy", "gone", "/v1/carts") // want `shop.legacy.gone is deprecated since 1.2.0`
	if kerror.Is(cause, "shop.cart.frozen") {             // comparing with a deprecated id is fine
		return
	}
	_ = kerror.New("services.storage.not_found", "no message: not counted", 1, 2)
	_ = raisef("shop.cart.item_missing", "apple", "c1")
	_ = raisef("shop.cart.item_missing", "apple") // want `shop.cart.item_missing takes 2 placeholders .*, got 1`
	_ = raisef("shop.cart.item_missing", args...)
	_ = raiseWith("shop.cart.item_missing", "apple")
}
