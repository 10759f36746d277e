package bazelopen // want package:"installs a registry \\(not all readable\\)"

// The story: a registry kerrlint cannot read (returned by a function) is
// installed: any id may be registered, so none is reported unknown.

import (
	"bazelcodes"

	"github.com/kerrlint/kerrlint/kerror"
	"github.com/kerrlint/kerrlint/registry"
)

func load() *registry.Registry {
	r, _ := registry.LoadFS(bazelcodes.FS, ".")
	return r
}

func init() {
	_ = kerror.Install(load()) // want `cannot check this registry install: the registry is not a variable assigned once by registry.LoadFS`
}

func Redeem(user string) error { return kerror.New("loyalty.points.expird", user) }
