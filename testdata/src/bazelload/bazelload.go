package bazelload // want package:"installs a registry"

// The story: the registry loaded with registry.LoadFS from another
// package's embed.FS, then installed with kerror.Install.

import (
	"bazelcodes"

	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

func init() {
	r, err := registry.LoadFS(bazelcodes.FS, ".")
	if err != nil {
		panic(err)
	}
	if err := kerror.Install(r); err != nil {
		panic(err)
	}
}

func Redeem(user string) error {
	_ = kerror.Precondition("loyalty.points.expired", user)
	return kerror.NotFound("loyalty.points.expired", user) // want `loyalty.points.expired is a PreconditionError, not a NotFoundError`
}
