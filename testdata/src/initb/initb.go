package initb // want package:"installs a registry"

// The story: this package installs its own codes over the registry in use,
// in init; its own raises see them.

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

func Charge(card string) error { return kerror.New("billing.card.declined", card) }
