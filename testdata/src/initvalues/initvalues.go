package initvalues // want package:"installs 2 registries \\(not all readable\\)"

// The story: kerror.Define and an install called through function values,
// which kerrlint does not follow: what they register may be any id, so no
// id is reported unknown, here and in the importers.

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

var define = kerror.Define

var errGone = define("app.cart.gone", 0x50010001, kerror.NotFoundError, "Cart %s is gone")

func init() {
	install := kerror.InstallFS
	if err := install(codes, "codes"); err != nil {
		panic(err)
	}
}

func Pay(card string) error {
	_ = kerror.New("app.cart.gone", card)            // not followed: Define and installs through function values
	return kerror.New("billing.card.declined", card) // not followed: Define and installs through function values
}
