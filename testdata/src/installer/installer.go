package installer // want package:"installs a registry"

// The story: a service carries its codes with //go:embed and installs them
// over the embedded Kuzzle registry; kerrlint reads the same files, for this
// package and for every package importing it.

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

func init() {
	if err := kerror.InstallFS(codes, "codes"); err != nil {
		panic(err)
	}
}

func Charge(card string) error {
	if card == "" {
		return kerror.New("billing.card.declined") // want `billing.card.declined takes 1 placeholder`
	}
	_ = kerror.New("services.storage.not_found", card)
	_ = kerror.New("loyalty.points.expired", card)  // want `unknown error id "loyalty.points.expired" \(no registry visible from this package defines it\)$`
	return kerror.New("billing.card.decline", card) // want `unknown error id "billing.card.decline"; did you mean "billing.card.declined"\?`
}
