package initvaluestrict // want package:"installs 2 registries \\(not all readable\\)"

// The story: with -strict, kerror.Define and the installs used as function
// values are reported, as an install kerrlint cannot read is.

import (
	"os"

	"github.com/kerrlint/kerrlint/kerror"
)

var use = kerror.UseFS // want `kerror.UseFS used as a value: kerrlint does not follow the calls through it, which may register any id`

func init() {
	define := kerror.Define // want `kerror.Define used as a value`
	_ = define("app.cart.gone", 0x50010001, kerror.NotFoundError, "Cart %s is gone")
	_ = use(os.DirFS("."), "codes")
}

func Pay() error {
	return kerror.New("billing.card.declined") // not followed: Define and installs through function values
}
