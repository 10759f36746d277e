package initdefs // want package:"defines billing.card.lost; installs a registry"

// The story: a package-level Define runs before init: the code it takes
// makes the install in init fail, as at run time, and the ids the install
// would have registered are unknown.

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

func init() {
	_ = kerror.InstallFS(codes, "codes") // want `this registry conflicts with the one in use, so it is not installed: .*code 0x46010002 is already defined for billing.card.lost`
}

var ErrLost = kerror.Define("billing.card.lost", 0x46010002, kerror.NotFoundError, "Card %s is lost") // want ErrLost:"definition billing.card.lost"

func Pay(card string) error {
	_ = ErrLost.New(card)
	return kerror.New("billing.card.declined", card) // want `unknown error id "billing.card.declined" \(the registry installed by initdefs at .*initdefs.go:17:6 defines it but is not installed: .*already defined for billing.card.lost`
}
