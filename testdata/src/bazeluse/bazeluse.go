package bazeluse // want package:"installs a registry"

// The story: a package-level registry loaded from another package's
// embed.FS replaces the registry in use: the embedded ids are gone, and
// the message says what removed them.

import (
	"bazelcodes"

	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

var reg, errLoad = registry.LoadFS(bazelcodes.FS, ".")

var errUse = kerror.Use(reg)

func Redeem(user string) error {
	_ = kerror.Precondition("loyalty.points.expired", user)
	return kerror.New("services.storage.not_found", user) // want `unknown error id "services.storage.not_found" \(registered until the registry was replaced by bazeluse at .*bazeluse.go:16:14\)`
}
