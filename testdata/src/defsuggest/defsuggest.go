package defsuggest // want package:"defines shop.bag.lost"

// The story: did-you-mean suggests ids defined with kerror.Define, here and
// in imported packages, as well as registered ones.

import (
	"defa"

	"github.com/kerrlint/kerrlint/kerror"
)

var errLost = kerror.Define("shop.bag.lost", 0x40020001, kerror.NotFoundError, "Bag %s is lost") // want errLost:"definition shop.bag.lost"

func raise() {
	_ = defa.ErrGone.New("c1")
	_ = kerror.New("shop.cart.gon", "c1")  // want `unknown error id "shop.cart.gon"; did you mean "shop.cart.gone"\?`
	_ = kerror.New("shop.bag.lots", "b1")  // want `unknown error id "shop.bag.lots"; did you mean "shop.bag.lost"\?`
	_ = kerror.Get("shop", "bags", "lost") // want `unknown error id "shop.bags.lost"; did you mean "shop.bag.lost"\?`
	_ = errLost
}
