package initphases // want package:"installs 2 registries"

// The story: package-level variables are initialized before init
// functions run, wherever they are written: the UseFS in init replaces the
// registry the variable's InstallFS installed before it.

import (
	"embed"

	"github.com/kerrlint/kerrlint/kerror"
)

//go:embed codes
var codes embed.FS

func init() {
	if err := kerror.UseFS(codes, "codes/1-services.json"); err != nil {
		panic(err)
	}
}

var errInstall = kerror.InstallFS(codes, "codes/70-billing.json")

func Pay(card string) error {
	_ = kerror.New("services.storage.not_found", card)
	return kerror.New("billing.card.declined", card) // want `unknown error id "billing.card.declined" \(registered until the registry was replaced by initphases at .*initphases.go:17:12\)`
}
