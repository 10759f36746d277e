package bazelapp // want package:"installs a registry"

// The story: the registry files are embedded by another package, which
// imports no kerror; kerrlint reads what it embeds.

import (
	"bazelcodes"

	"github.com/kerrlint/kerrlint/kerror"
)

func init() {
	if err := kerror.InstallFS(bazelcodes.FS, "."); err != nil {
		panic(err)
	}
}

func Redeem(user string) error {
	_ = kerror.Precondition("loyalty.points.expired", user)
	_ = kerror.New("services.storage.not_found", user)
	return kerror.New("loyalty.points.expird", user) // want `unknown error id "loyalty.points.expird"; did you mean "loyalty.points.expired"\?`
}
